using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Unawaited;

// ASYNC205 (a task returned from inside a using or a try/finally that releases what it uses): methods, local functions,
// lambdas, plain and generic tasks, ValueTask, several returns in one method, for the fix safety suite.
public sealed class ResourceTasks
{
    private readonly SemaphoreSlim _gate = new(1);

    public Task<string> Download(string url)
    {
        using var client = new HttpClient();
        return client.GetStringAsync(url);
    }

    public Task Copy(string path, Stream target, bool flushOnly)
    {
        using (var source = File.OpenRead(path))
        {
            if (flushOnly) return source.FlushAsync();
            return source.CopyToAsync(target);
        }
    }

    public ValueTask<int> Read(string path, byte[] buffer)
    {
        using var stream = File.OpenRead(path);
        var reader = stream;
        return reader.ReadAsync(buffer.AsMemory());
    }

    public Task<int> Guarded(Stream stream, byte[] buffer)
    {
        _gate.Wait();
        try { return stream.ReadAsync(buffer, 0, buffer.Length); } finally { _gate.Release(); }
    }

    public Func<string, Task<string>> Reader() => path =>
    {
        var reader = new StreamReader(path);
        try
        {
            return reader.ReadToEndAsync();
        }
        finally
        {
            reader.Dispose();
        }
    };

    public Task<long> Measure(string path)
    {
        return Local();

        Task<long> Local()
        {
            using var stream = File.OpenRead(path);
            return Task.Run(() => stream.Length);
        }
    }
}
