using System.IO;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public static class TaskLocalNeverObserved
{
    public static async Task<int> CopyAsync(Stream source, Stream target, int length)
    {
        var flush = target.FlushAsync(); // ASYNC204
        if (length == 0)
        {
            return 0;
        }

        await flush;
        await source.CopyToAsync(target);
        return length;
    }

    public static async Task<int> CopyFixedAsync(Stream source, Stream target, int length)
    {
        var flush = target.FlushAsync();
        if (length == 0)
        {
            await flush;
            return 0;
        }

        await flush;
        await source.CopyToAsync(target);
        return length;
    }
}
