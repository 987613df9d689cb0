using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ValidCode.Web;

public sealed record User(int Id, string Name);

public interface IUserStore
{
    Task<User?> FindAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);

    Task SaveAsync(User user, CancellationToken cancellationToken);
}

public sealed class UsersController
{
    private readonly IUserStore _store;
    private readonly HttpClient _http;

    public UsersController(IUserStore store, HttpClient http)
    {
        _store = store;
        _http = http;
    }

    public async Task<User?> Get(int id, CancellationToken cancellationToken) => await _store.FindAsync(id, cancellationToken);

    public async Task<int> Dashboard(CancellationToken cancellationToken)
    {
        var usersTask = _store.ListAsync(cancellationToken);
        var pageTask = _http.GetStringAsync(new Uri("http://localhost/"), cancellationToken);
        await Task.WhenAll(usersTask, pageTask);
        return usersTask.Result.Count + pageTask.Result.Length;
    }

    public async Task<string> FirstToAnswer(CancellationToken cancellationToken)
    {
        var primary = _http.GetStringAsync(new Uri("http://localhost/a"), cancellationToken);
        var secondary = _http.GetStringAsync(new Uri("http://localhost/b"), cancellationToken);
        var winner = await Task.WhenAny(primary, secondary);
        if (winner == primary)
        {
            return primary.Result;
        }

        return await secondary;
    }

    public async Task<long> TotalLength(IEnumerable<Uri> uris, CancellationToken cancellationToken)
    {
        var downloads = uris.Select(u => _http.GetStringAsync(u, cancellationToken)).ToArray();
        await Task.WhenAll(downloads).ConfigureAwait(false);
        long total = 0;
        foreach (var download in downloads)
        {
            total += download.Result.Length;
        }

        return total + downloads.Sum(d => d.Result.Length);
    }

    public async Task<int> Cached(Task<int> pending)
    {
        if (!pending.IsCompleted)
        {
            await pending;
        }

        return pending.Result;
    }

    public ValueTask<int> Fast(int value) => pending(value);

    private static ValueTask<int> pending(int value) => new(value);
}

public sealed class RefreshWorker
{
    private readonly Channel<int> _queue = Channel.CreateBounded<int>(16);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(item), stoppingToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<int> Numbers([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    public Task StartBackground() => Task.Run(() =>
    {
        Thread.Sleep(10);
        return Task.CompletedTask;
    });

    public async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        using var memory = new MemoryStream();
        memory.Write(new byte[] { 1, 2, 3 }, 0, 3);
        var copy = new StringReader(text).ReadToEnd();
        Console.Out.WriteLine(copy);
        return text;
    }

    public async Task<int> Completed()
    {
        await Task.Yield();
        var ready = Task.FromResult(3).Result;
        Task.CompletedTask.Wait();
        return ready + new ValueTask<int>(4).Result;
    }

    public async Task Gate(SemaphoreSlim gate)
    {
        if (gate.Wait(0))
        {
            gate.Release();
        }

        await gate.WaitAsync().ConfigureAwait(false);
        gate.Release();
    }

    public Task<int> Continuation(Task<int> source) => source.ContinueWith(t => t.Result + 1, TaskScheduler.Default);

    public string Describe(Task<int> task) => nameof(task.Result);
}
