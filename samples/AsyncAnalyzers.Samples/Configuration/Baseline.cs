using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Configuration;

/// <summary>
/// The baseline: ../.asyncanalyzers-baseline lists the Thread.Sleep in <see cref="PollAsync"/>, a finding accepted when the
/// package was adopted, so it is not reported. The same mistake in another member is new, and is reported. The file also holds
/// a stale entry (ASYNC902) and a malformed line (ASYNC903), marked there.
/// </summary>
public static class LegacyPoller
{
    public static async Task PollAsync()
    {
        await Task.Yield();
        Thread.Sleep(100);
    }

    public static async Task PollAgainAsync()
    {
        await Task.Yield();
        Thread.Sleep(100); // ASYNC102
    }
}
