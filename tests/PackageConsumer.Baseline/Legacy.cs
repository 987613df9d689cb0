using System.Threading;
using System.Threading.Tasks;

namespace Consumer;

// An existing codebase adopting the package: three findings, recorded into a baseline by tests/package-test.sh, which then
// moves this code, edits it, adds a mistake and fixes one.
public static class Legacy
{
    public static async Task<int> LoadAsync(Task<int> pending)
    {
        await Task.Yield();
        return pending.Result;
    }

    public static async Task PollAsync()
    {
        await Task.Yield();
        Thread.Sleep(100);
    }

    public static async Task SaveAsync(Task pending)
    {
        await Task.Yield();
        pending.Wait();
    }

    public static int Compute(int x)
    {
        return x + 1;
    }
}
