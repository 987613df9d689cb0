using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Exceptions;

public interface ICatalogCache
{
    Task RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>ASYNC402: a background refresh started with <c>_ =</c> whose failure nobody ever sees.</summary>
public sealed class CatalogPage
{
    private readonly ICatalogCache _cache;

    public CatalogPage(ICatalogCache cache) => _cache = cache;

    public void Show()
    {
        // If the refresh fails, the exception sits in a task nobody looks at.
        _ = _cache.RefreshAsync(CancellationToken.None); // ASYNC402
    }

    public void ShowFixed()
    {
        _ = _cache.RefreshAsync(CancellationToken.None).ContinueWith(
            t => Trace.TraceError(t.Exception!.ToString()),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    public async Task ShowAsync()
    {
        _ = Task.Run(() => _cache.RefreshAsync(CancellationToken.None)); // ASYNC402
        await Task.Yield();
    }

    public async Task ShowFixedAsync()
    {
        await Task.Run(() => _cache.RefreshAsync(CancellationToken.None));
    }

    /// <summary>Work that catches everything itself cannot fault, so forgetting its task loses nothing.</summary>
    public void ShowWithSafeRefresh() => _ = RefreshSafelyAsync();

    private async Task RefreshSafelyAsync()
    {
        try
        {
            await _cache.RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            Trace.TraceError(ex.ToString());
        }
    }
}
