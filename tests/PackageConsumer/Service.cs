using System.Threading;
using System.Threading.Tasks;

namespace Consumer;

public static class Service
{
    public static async Task<int> LoadAsync(Task<int> pending, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Thread.Sleep(100);
        return pending.Result;
    }
}
