using System.Threading.Tasks;

namespace PositiveCode.Unawaited;

// Callers of Reloader.Reload in another file: the ASYNC202 fix updates them too (await here, a discard in synchronous code).
public static class ReloadCallers
{
    public static async Task TwiceAsync(Reloader reloader)
    {
        reloader.Reload();
        await Task.Yield();
        reloader.Reload();
    }

    public static void Once(Reloader reloader)
    {
        reloader.Reload();
    }
}
