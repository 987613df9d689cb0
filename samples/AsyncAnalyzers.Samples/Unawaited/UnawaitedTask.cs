using System.IO;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public sealed class Notifier
{
    public Task SendAsync(string message) => File.AppendAllTextAsync("notifications.log", message);
}

public static class UnawaitedTask
{
    public static void Save(Stream stream)
    {
        stream.FlushAsync(); // ASYNC201
    }

    public static async Task NotifyAsync(Notifier? notifier, string message)
    {
        notifier?.SendAsync(message); // ASYNC201
        await Task.Yield();
    }

    public static async Task SaveFixedAsync(Stream stream)
    {
        await stream.FlushAsync();
    }

    public static async Task NotifyFixedAsync(Notifier? notifier, string message)
    {
        await (notifier?.SendAsync(message) ?? Task.CompletedTask);
    }
}
