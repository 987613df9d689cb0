using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public static class NestedTaskAwaited
{
    public static async Task ProcessAllAsync(IEnumerable<string> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await Task.Factory.StartNew(async () => await ProcessAsync(item, cancellationToken), cancellationToken); // ASYNC207
        }

        await Task.Factory.StartNew(async () => await ProcessAsync("last", cancellationToken), TaskCreationOptions.LongRunning); // ASYNC207
    }

    public static async Task ProcessAllFixedAsync(IEnumerable<string> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await Task.Run(async () => await ProcessAsync(item, cancellationToken), cancellationToken);
        }

        await Task.Factory.StartNew(async () => await ProcessAsync("last", cancellationToken), TaskCreationOptions.LongRunning).Unwrap();
    }

    public static Task ThenNotifyAsync(Task previous, CancellationToken cancellationToken)
    {
        return previous.ContinueWith(async _ => await ProcessAsync("notify", cancellationToken), cancellationToken); // ASYNC207
    }

    public static Task ThenNotifyFixedAsync(Task previous, CancellationToken cancellationToken)
    {
        return previous.ContinueWith(async _ => await ProcessAsync("notify", cancellationToken), cancellationToken).Unwrap();
    }

    public static async Task ProcessInParallelAsync(IEnumerable<string> items, CancellationToken cancellationToken)
    {
        var tasks = items.Select(item => Task.Factory.StartNew(() => ProcessAsync(item, cancellationToken))).ToList(); // ASYNC207
        await Task.WhenAll(tasks);

        var pending = new List<Task>();
        foreach (var item in items)
        {
            pending.Add(Task.Factory.StartNew(async () => await ProcessAsync(item, cancellationToken), TaskCreationOptions.LongRunning)); // ASYNC207
        }

        await Task.WhenAll(pending);
    }

    public static async Task ProcessInParallelFixedAsync(IEnumerable<string> items, CancellationToken cancellationToken)
    {
        var tasks = items.Select(item => Task.Factory.StartNew(() => ProcessAsync(item, cancellationToken)).Unwrap()).ToList();
        await Task.WhenAll(tasks);

        var pending = new List<Task>();
        foreach (var item in items)
        {
            pending.Add(Task.Factory.StartNew(async () => await ProcessAsync(item, cancellationToken), TaskCreationOptions.LongRunning).Unwrap());
        }

        await Task.WhenAll(pending);
    }

    private static async Task ProcessAsync(string item, CancellationToken cancellationToken) => await Task.Delay(item.Length, cancellationToken);
}
