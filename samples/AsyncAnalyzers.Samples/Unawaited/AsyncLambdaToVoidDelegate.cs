using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public static class AsyncLambdaToVoidDelegate
{
    public static async Task<int> SaveAllAsync(List<int> ids)
    {
        var saved = 0;
        ids.ForEach(async id => // ASYNC203
        {
            await Task.Delay(id);
            saved++;
        });
        await Task.Yield();
        return saved;
    }

    public static async Task<int> SaveAllFixedAsync(List<int> ids)
    {
        var saved = 0;
        foreach (var id in ids)
        {
            await Task.Delay(id);
            saved++;
        }

        return saved;
    }

    public static async Task ProcessAsync(int[] items)
    {
        Parallel.ForEach(items, async item => await Task.Delay(item)); // ASYNC203
        await Task.Yield();
    }

    public static async Task ProcessFixedAsync(int[] items)
    {
        await Parallel.ForEachAsync(items, async (item, cancellationToken) => await Task.Delay(item, cancellationToken));
    }
}
