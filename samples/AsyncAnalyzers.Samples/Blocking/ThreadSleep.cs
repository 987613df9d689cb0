using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking;

/// <summary>ASYNC102: Thread.Sleep in async code.</summary>
public static class ThreadSleep
{
    public static async Task PollMistake(Func<Task<bool>> isReady, CancellationToken cancellationToken)
    {
        while (!await isReady())
        {
            Thread.Sleep(500); // ASYNC102
        }
    }

    public static async Task PollFixed(Func<Task<bool>> isReady, CancellationToken cancellationToken)
    {
        while (!await isReady())
        {
            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>A synchronous lambda runs on its own thread: Thread.Sleep there is not ASYNC102.</summary>
    public static Task BackgroundWork() => Task.Run(() => Thread.Sleep(100));
}
