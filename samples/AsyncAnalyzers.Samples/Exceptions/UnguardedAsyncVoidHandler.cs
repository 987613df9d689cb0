using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Exceptions;

/// <summary>A stand-in for a WinForms button: the Click event dictates the handler's signature.</summary>
public sealed class Button
{
    public event EventHandler? Click;

    public string Text { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);
}

public interface IOrderApi
{
    Task<int> PlaceOrderAsync();
}

/// <summary>ASYNC401: async void event handlers that let an exception escape after their first await.</summary>
public sealed class OrderForm
{
    private readonly Button _placeOrder = new();
    private readonly Button _cancel = new();
    private readonly IOrderApi _api;

    public OrderForm(IOrderApi api)
    {
        _api = api;
        _placeOrder.Click += OnPlaceOrderClickFixed;
        _cancel.Click += async (sender, e) => await _api.PlaceOrderAsync(); // ASYNC401
        _cancel.Click += async (sender, e) =>
        {
            try
            {
                await _api.PlaceOrderAsync();
            }
            catch (Exception ex)
            {
                Trace.TraceError(ex.ToString());
            }
        };
    }

    // A failed order crashes the application: the exception has no task to go to.
    private async void OnPlaceOrderClick(object? sender, EventArgs e) // ASYNC401
    {
        _placeOrder.Enabled = false;
        var id = await _api.PlaceOrderAsync();
        _placeOrder.Text = $"Order {id} placed";
        _placeOrder.Enabled = true;
    }

    // The synchronous prologue may stay outside the try; everything from the first await on is covered.
    private async void OnPlaceOrderClickFixed(object? sender, EventArgs e)
    {
        _placeOrder.Enabled = false;
        try
        {
            var id = await _api.PlaceOrderAsync();
            _placeOrder.Text = $"Order {id} placed";
        }
        catch (Exception ex)
        {
            Trace.TraceError(ex.ToString());
            _placeOrder.Text = "The order failed";
        }
        finally
        {
            _placeOrder.Enabled = true;
        }
    }

    public void Wire() => _placeOrder.Click += OnPlaceOrderClick;
}

/// <summary>
/// ASYNC401: a method handed over as a timer callback is forced to return void just like an event handler, so it must guard
/// itself (ASYNC202 does not ask it to return Task: System.Threading.Timer cannot take one).
/// </summary>
public sealed class OrderPoller : IDisposable
{
    private readonly IOrderApi _api;
    private readonly System.Threading.Timer _timer;
    private readonly System.Threading.Timer _guardedTimer;

    public OrderPoller(IOrderApi api)
    {
        _api = api;
        _timer = new System.Threading.Timer(OnTick, null, 0, 5000);
        _guardedTimer = new System.Threading.Timer(OnTickGuarded, null, 0, 5000);
    }

    public int LastOrder { get; private set; }

    private async void OnTick(object? state) // ASYNC401
    {
        LastOrder = await _api.PlaceOrderAsync();
    }

    private async void OnTickGuarded(object? state)
    {
        try
        {
            LastOrder = await _api.PlaceOrderAsync();
        }
        catch (Exception ex)
        {
            Trace.TraceError(ex.ToString());
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _guardedTimer.Dispose();
    }
}
