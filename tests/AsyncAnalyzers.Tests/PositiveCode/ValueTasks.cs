using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Unawaited;

// ASYNC208 (a ValueTask consumed twice): several findings on one local, several locals in one method, declared and var types,
// AsTask() calls the fix removes, expressions needing parentheses, and shapes without a fix (parameters, hand-offs, retries),
// for the fix safety suite.
public static class ValueTasks
{
    public static async Task<int> ReadTwiceAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var first = stream.ReadAsync(buffer.AsMemory(0, 4), cancellationToken);
        ValueTask<int> second = stream.ReadAsync(buffer.AsMemory(4), cancellationToken);
        await Task.WhenAny(first.AsTask(), second.AsTask(), Task.Delay(1000, cancellationToken));
        var total = await first + await first.ConfigureAwait(false);
        total += second.IsCompletedSuccessfully ? second.Result : await second;
        return total + first.GetAwaiter().GetResult();
    }

    public static async Task WriteEitherAsync(Stream stream, byte[] payload, bool flush)
    {
        ValueTask write = flush ? stream.WriteAsync(payload.AsMemory()) : default;
        await write;
        await write;
    }

    public static async Task<int> ParameterAsync(ValueTask<int> pending) => await pending + await pending;

    public static async Task<int> HandedOnAsync(Stream stream, byte[] buffer, Func<ValueTask<int>, Task<int>> observe)
    {
        var read = stream.ReadAsync(buffer.AsMemory());
        var observed = await observe(read);
        return observed + await read;
    }

    public static async Task RetryAsync(Stream stream, byte[] payload, int attempts)
    {
        var write = stream.WriteAsync(payload.AsMemory());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write;
                return;
            }
            catch (IOException) when (attempt < attempts)
            {
                await Task.Delay(10);
            }
        }
    }
}
