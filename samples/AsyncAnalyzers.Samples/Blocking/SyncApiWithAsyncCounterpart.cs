using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking;

public sealed class Repository
{
    private readonly string _path;

    public Repository(string path) => _path = path;

    public void Save(string item) => File.AppendAllText(_path, item);

    public Task SaveAsync(string item, CancellationToken cancellationToken = default) => File.AppendAllTextAsync(_path, item, cancellationToken);
}

public enum IOBehavior
{
    Synchronous,
    Asynchronous,
}

/// <summary>ASYNC103: synchronous APIs called in async code while an async counterpart exists.</summary>
public static class SyncApiWithAsyncCounterpart
{
    public static async Task<int> Mistakes(string path, Stream stream, Repository repository, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var text = File.ReadAllText(path); // ASYNC103
        var buffer = new byte[16];
        var read = stream.Read(buffer, 0, buffer.Length); // ASYNC103
        repository.Save(text); // ASYNC103
        return read;
    }

    public static async Task<int> Fixed(string path, Stream stream, Repository repository, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
        await repository.SaveAsync(text, cancellationToken);
        return read;
    }

    /// <summary>One body for both modes: the synchronous arm runs only for synchronous callers. No diagnostic.</summary>
    public static async Task<int> DualMode(Stream stream, byte[] buffer, IOBehavior ioBehavior, CancellationToken cancellationToken)
    {
        return ioBehavior == IOBehavior.Asynchronous
            ? await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)
            : stream.Read(buffer, 0, buffer.Length);
    }

    /// <summary>In-memory receivers complete synchronously anyway: no diagnostic.</summary>
    public static async Task<string> InMemory()
    {
        await Task.Yield();
        using var reader = new StringReader("text");
        return reader.ReadToEnd();
    }
}
