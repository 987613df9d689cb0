using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Blocking;

// Code full of Blocking-family mistakes in the shapes users write. Not compiled into the test assembly: the fix safety suite
// applies every offered fix to it and recompiles.
public interface IApi
{
    Task<string> GetAsync(int id);

    Task<int> CountAsync();

    ValueTask<int> FastAsync();

    Task SendAsync(string message);
}

public sealed class Store
{
    public int Load(string key) => key.Length;

    public Task<int> LoadAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(key.Length);

    public void Flush()
    {
    }

    public Task FlushAsync() => Task.CompletedTask;
}

public sealed class Mistakes
{
    private readonly IApi _api;
    private readonly Store _store = new();

    public Mistakes(IApi api) => _api = api;

    public async Task<int> Results(int id)
    {
        await Task.Yield();
        var name = _api.GetAsync(id).Result;
        var length = _api.GetAsync(id).Result.Length + _api.CountAsync().Result;
        var text = $"{_api.GetAsync(id).Result} / {_api.FastAsync().Result}";
        Console.WriteLine(_api.GetAsync(id).Result.ToUpperInvariant());
        return name.Length + length + text.Length + (_api.CountAsync().Result > 3 ? 1 : 0);
    }

    public async Task Waits()
    {
        await Task.Yield();
        _api.SendAsync("a").Wait();
        /* before */ _api.SendAsync("b").Wait(); // after
        _api.SendAsync("c").ConfigureAwait(false).GetAwaiter().GetResult();
        var count = _api.CountAsync().GetAwaiter().GetResult();
        Task.WaitAll(_api.SendAsync("d"), _api.SendAsync("e"));
        Task.WaitAny(_api.SendAsync("f"), _api.SendAsync("g"));
        Console.WriteLine(count);
    }

    public async Task<string> ExpressionBodied(int id) => _api.GetAsync(id).Result.Trim();

    public Func<Task<int>> Lambda() => async () => _api.CountAsync().Result + 1;

    public async Task LocalFunctions()
    {
        await Task.Yield();
        int Sync() => _api.CountAsync().Result;
        async Task<int> Inner() => _api.CountAsync().Result;
        Console.WriteLine(Sync() + await Inner());
    }

    public async Task Sleeps(CancellationToken cancellationToken)
    {
        await Task.Yield();
        Thread.Sleep(10);
        Thread.Sleep(TimeSpan.FromMilliseconds(5));
        Func<Task> inner = async () =>
        {
            await Task.Yield();
            Thread.Sleep(1);
        };
        await inner();
    }

    public async Task<int> Counterparts(string path, Stream stream, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var text = File.ReadAllText(path);
        var size = File.ReadAllText(path).Length;
        var buffer = new byte[8];
        var read = stream.Read(buffer, 0, buffer.Length);
        stream.Write(buffer, 0, read);
        var loaded = _store.Load(text);
        _store.Flush();
        using var reader = new StreamReader(stream);
        var rest = reader.ReadToEnd();
        return text.Length + size + loaded + rest.Length;
    }

    public async Task Gate(SemaphoreSlim gate)
    {
        await Task.Yield();
        gate.Wait();
        gate.Release();
    }
}

public sealed class Disposal
{
    private StreamWriter? _log;

    public async Task Usings(string path, string text)
    {
        using (var stream = File.Create(path))
        {
            using var writer = new StreamWriter(stream);
            await writer.WriteAsync(text);
        }

        using var a = File.Create(path + ".a"); using var b = File.Create(path + ".b");
        await a.FlushAsync();
        using (b)
        {
            await b.FlushAsync();
        }
    }

    public async Task Configured(string path, string text)
    {
        using (var stream = File.Create(path))
        {
            await stream.FlushAsync().ConfigureAwait(false);
        }

        using var writer = new StreamWriter(path + ".log");
        await writer.WriteAsync(text).ConfigureAwait(false);
        if (text.Length > 0)
            using (var copy = File.Create(path + ".copy"))
                await copy.FlushAsync().ConfigureAwait(false);
    }

    public async Task Calls(FileStream stream, string text)
    {
        try
        {
            await stream.FlushAsync();
        }
        finally
        {
            stream.Dispose();
            _log?.Dispose();
        }

        Func<string, Task> write = async path =>
        {
            using var writer = File.CreateText(path);
            await writer.WriteAsync(text);
            writer.Dispose();
        };
        await write(text);
    }
}
