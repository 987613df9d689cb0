using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Gather;

// Loops awaiting one independent call per item (ASYNC302), in the shapes users write. No `using System.Linq;`: the fix
// adds it. Not compiled into the test assembly: the fix safety suite applies every offered fix to it and recompiles.
public interface IShard
{
    ValueTask<int> PendingAsync(int userId);

    Task<List<T>> ListAsync<T>(int take);
}

public sealed class LoopMistakes
{
    private readonly HttpClient _http = new();

    public async Task<List<string>> FetchPages(IEnumerable<Uri> uris, CancellationToken cancellationToken)
    {
        var pages = new List<string>();
        foreach (var uri in uris)
        {
            pages.Add(await _http.GetStringAsync(uri, cancellationToken));
        }

        return pages;
    }

    public async Task Touch(string[] paths, CancellationToken cancellationToken)
    {
        // One write per file.
        for (var i = 0; i < paths.Length; i++)
        {
            await File.WriteAllTextAsync(paths[i], string.Empty, cancellationToken); // empties it
        }
    }

    public async Task Warm(IReadOnlyList<string> urls)
    {
        foreach (var url in urls)
            await _http.GetStringAsync(url).ConfigureAwait(false);

        for (int i = 0; i < urls.Count; ++i)
        {
            await _http.GetByteArrayAsync(urls[i]).ConfigureAwait(false);
        }
    }

    public async ValueTask<int> Pending(IShard[] shards)
    {
        var counts = new List<int>();
        foreach (var shard in shards)
        {
            counts.Add(await shard.PendingAsync(7));
        }

        foreach (var shard in shards)
        {
            await shard.PendingAsync(8);
        }

        return counts.Count;
    }

    public async Task<List<List<string>>> Lists(IShard[] shards)
    {
        var lists = new List<List<string>>();
        foreach (var shard in shards)
        {
            lists.Add(await shard.ListAsync<string>(10));
        }

        return lists;
    }

    public Func<string[], Task> Reader() => async paths =>
    {
        foreach (var path in paths)
        {
            await File.ReadAllTextAsync(path);
        }
    };
}

public interface IUsers
{
    Task<string> GetUserAsync(int id);

    Task<string> GetAddressAsync(int id);
}

public interface IOrderBook
{
    Task<int> CountOrdersAsync(int id);
}

// Independent awaits (ASYNC301): a name another method uses stays free here, two groups of one method, a group nested in a
// lambda that another group awaits.
public sealed class ProfileMistakes
{
    private readonly IUsers _users;
    private readonly IOrderBook _orders;

    public ProfileMistakes(IUsers users, IOrderBook orders)
    {
        _users = users;
        _orders = orders;
    }

    public async Task<int> Length(int id)
    {
        var userTask = _users.GetUserAsync(id);
        return (await userTask).Length;
    }

    public async Task<string> Card(int id, int other)
    {
        var user = await _users.GetUserAsync(id);
        var orders = await _orders.CountOrdersAsync(id);
        Console.WriteLine(user + orders);
        var otherUser = await _users.GetUserAsync(other);
        var otherOrders = await _orders.CountOrdersAsync(other);
        return otherUser + otherOrders;
    }

    public async Task<int> Nested(int id, Func<Func<Task<string>>, Task<string>> run)
    {
        var summary = await run(async () =>
        {
            var user = await _users.GetUserAsync(id);
            var orders = await _orders.CountOrdersAsync(id);
            return user + orders;
        });
        var count = await _orders.CountOrdersAsync(id);
        return summary.Length + count;
    }

    public async Task TouchAll(IEnumerable<string[]> batches)
    {
        foreach (var batch in batches)
        {
            await Task.Run(async () =>
            {
                foreach (var path in batch)
                {
                    await File.WriteAllTextAsync(path, string.Empty);
                }
            });
        }
    }
}
