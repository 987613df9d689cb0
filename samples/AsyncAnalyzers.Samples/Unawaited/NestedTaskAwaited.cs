using System.Collections.Generic;
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

    private static async Task ProcessAsync(string item, CancellationToken cancellationToken) => await Task.Delay(item.Length, cancellationToken);
}
