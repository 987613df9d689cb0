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

    // The real compiler binds this WhenAll to its params ReadOnlySpan overload (C# 13, .NET 9+), which the repository's
    // Roslyn 4.8 tests cannot: the package test checks that the result read after it is known complete.
    public static async Task<int> GatherAsync(Task<int> pending, Task other)
    {
        await Task.WhenAll(pending, other);
        return pending.Result; // gathered
    }
}
