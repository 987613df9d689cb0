using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public static class ValueTaskConsumedOnce
{
    /// <summary>Reads a header with a time-out, then reads the ValueTask again: the pooled source may already serve another read.</summary>
    public static async Task<int> ReadHeaderAsync(Stream stream, byte[] header, CancellationToken cancellationToken)
    {
        var read = stream.ReadAsync(header.AsMemory(), cancellationToken);
        var first = await Task.WhenAny(read.AsTask(), Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        Console.WriteLine(first.Id);
        return await read; // ASYNC208
    }

    /// <summary>Logs the byte count, then awaits the same ValueTask a second time.</summary>
    public static async Task<int> ReadAndLogAsync(Stream stream, byte[] buffer)
    {
        var read = stream.ReadAsync(buffer.AsMemory());
        Console.WriteLine($"read {await read.ConfigureAwait(false)} bytes");
        return await read.ConfigureAwait(false); // ASYNC208
    }

    /// <summary>Retries by awaiting the same ValueTask: every iteration after the first consumes it again.</summary>
    public static async Task WriteWithRetriesAsync(Stream stream, byte[] payload, int attempts)
    {
        var write = stream.WriteAsync(payload.AsMemory());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write; // ASYNC208
                return;
            }
            catch (IOException) when (attempt < attempts)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Blocks on a ValueTask before it is known complete: a pooled source does not support waiting for its result.</summary>
    public static int ReadHeaderBlocking(Stream stream, byte[] header)
    {
        var read = stream.ReadAsync(header.AsMemory());
        return read.GetAwaiter().GetResult(); // ASYNC208
    }

    /// <summary>Disposes synchronously by blocking on DisposeAsync's ValueTask.</summary>
    public sealed class Journal(Stream stream) : IDisposable, IAsyncDisposable
    {
        public void Dispose() => DisposeAsync().GetAwaiter().GetResult(); // ASYNC208

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }

    // Correct: blocking on the Task that AsTask() gives, which supports waiting before it completes.
    public static int ReadHeaderBlockingFixed(Stream stream, byte[] header)
    {
        var read = stream.ReadAsync(header.AsMemory());
        return read.AsTask().GetAwaiter().GetResult();
    }

    // Correct: AsTask() once, then the Task is used as often as needed.
    public static async Task<int> ReadHeaderFixedAsync(Stream stream, byte[] header, CancellationToken cancellationToken)
    {
        var read = stream.ReadAsync(header.AsMemory(), cancellationToken).AsTask();
        await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        return await read;
    }

    // Correct: the synchronous fast path reads .Result only when the ValueTask has completed, the slow path awaits it once.
    public static ValueTask<int> ReadFastAsync(Stream stream, byte[] buffer)
    {
        var read = stream.ReadAsync(buffer.AsMemory());
        if (read.IsCompletedSuccessfully)
        {
            return new ValueTask<int>(read.Result);
        }

        return SlowAsync(read);

        static async ValueTask<int> SlowAsync(ValueTask<int> pending) => await pending.ConfigureAwait(false);
    }

    // Correct: a fresh ValueTask every iteration.
    public static async Task WriteWithRetriesFixedAsync(Stream stream, byte[] payload, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var write = stream.WriteAsync(payload.AsMemory());
                await write;
                return;
            }
            catch (IOException) when (attempt < attempts)
            {
                await Task.Delay(100);
            }
        }
    }
}
