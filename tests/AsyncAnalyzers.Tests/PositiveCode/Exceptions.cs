using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Exceptions;

// Exceptions-family mistakes (ASYNC401, ASYNC402, ASYNC403) in the shapes users write: handlers nested in handlers, discards
// nested in discarded work, continuations on variables and on calls, two in one block. Not compiled into the test assembly:
// the fix safety suite and tests/format-test.sh apply the fixes to it and recompile.
public sealed class Button
{
    public event EventHandler? Click;

    public void Press() => Click?.Invoke(this, EventArgs.Empty);
}

public interface IOrders
{
    Task<int> PlaceAsync();

    Task RefreshAsync(CancellationToken cancellationToken);

    Task<string> LoadAsync();
}

public sealed class OrderForm
{
    private readonly Button _place = new();
    private readonly Button _cancel = new();
    private readonly IOrders _orders;

    public OrderForm(IOrders orders)
    {
        _orders = orders;
        _place.Click += OnPlace;
        _cancel.Click += async (sender, e) => await _orders.PlaceAsync();
    }

    private async void OnPlace(object? sender, EventArgs e)
    {
        var ex = 1;
        _cancel.Click += async (s, args) =>
        {
            await _orders.RefreshAsync(CancellationToken.None);
        };
        await _orders.PlaceAsync();
        Console.WriteLine(ex);
    }
}

public sealed class Background
{
    private readonly IOrders _orders;

    public Background(IOrders orders) => _orders = orders;

    public void Start(Task t)
    {
        _ = _orders.RefreshAsync(CancellationToken.None);
        _ = Task.Run(async () =>
        {
            _ = _orders.RefreshAsync(CancellationToken.None);
            await t;
        });
    }

    public async Task StartAsync()
    {
        _ = _orders.RefreshAsync(CancellationToken.None); _ = _orders.RefreshAsync(CancellationToken.None);
        await Task.Yield();
    }
}

public sealed class Continuations
{
    private readonly IOrders _orders;

    public Continuations(IOrders orders) => _orders = orders;

    public void Log(Task<string> load)
    {
        load.ContinueWith(t => Trace.TraceInformation(t.Result));
        _orders.LoadAsync().ContinueWith(t => Trace.TraceInformation(t.Result));
        _orders.LoadAsync().ContinueWith(t => Console.WriteLine(t.Result.Length));
    }

    public async Task<int> LengthAsync()
    {
        var length = await _orders.LoadAsync().ContinueWith(t => t.Result.Length);
        return length + await _orders.LoadAsync().ContinueWith(t => t.Result.Length + 1).ConfigureAwait(false);
    }
}
