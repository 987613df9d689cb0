using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Unawaited;

public sealed class NullTaskReturned
{
    private readonly List<byte> _buffer = new();
    private readonly Dictionary<int, string> _names = new();
    private readonly Stream _stream;

    public NullTaskReturned(Stream stream) => _stream = stream;

    public Task FlushAsync()
    {
        if (_buffer.Count == 0)
        {
            return null; // ASYNC206
        }

        return _stream.WriteAsync(_buffer.ToArray(), 0, _buffer.Count);
    }

    public Task<string> FindNameAsync(int id) => _names.TryGetValue(id, out var name) ? Task.FromResult(name) : null; // ASYNC206

    public Task FlushFixedAsync()
    {
        if (_buffer.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _stream.WriteAsync(_buffer.ToArray(), 0, _buffer.Count);
    }

    public Task<string> FindNameFixedAsync(int id) => _names.TryGetValue(id, out var name) ? Task.FromResult(name) : Task.FromResult<string>(null);
}
