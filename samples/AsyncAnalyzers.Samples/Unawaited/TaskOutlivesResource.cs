using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public sealed class TaskOutlivesResource
{
    private readonly SemaphoreSlim _gate = new(1);
    private readonly Stream _log;

    public TaskOutlivesResource(Stream log) => _log = log;

    public Task<string> DownloadAsync(string url)
    {
        using var client = new HttpClient();
        return client.GetStringAsync(url); // ASYNC205
    }

    public Task<int> ReadHeaderAsync(string path, byte[] buffer)
    {
        using (var stream = File.OpenRead(path))
        {
            return stream.ReadAsync(buffer, 0, buffer.Length); // ASYNC205
        }
    }

    public Task AppendAsync(byte[] entry)
    {
        _gate.Wait();
        try
        {
            return _log.WriteAsync(entry, 0, entry.Length); // ASYNC205
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> DownloadFixedAsync(string url)
    {
        using var client = new HttpClient();
        return await client.GetStringAsync(url);
    }

    public async Task<int> ReadHeaderFixedAsync(string path, byte[] buffer)
    {
        using (var stream = File.OpenRead(path))
        {
            return await stream.ReadAsync(buffer, 0, buffer.Length);
        }
    }

    public Task<long> LengthAsync(string path)
    {
        // Not reported: the task is complete before the stream is disposed.
        using var stream = File.OpenRead(path);
        return Task.FromResult(stream.Length);
    }
}
