using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking;

public interface IUserApi
{
    Task<string> GetNameAsync(int id);

    Task SaveAsync(int id, string name);
}

/// <summary>ASYNC101: blocking on a task inside async code.</summary>
public sealed class BlockingWait
{
    private readonly IUserApi _api;

    public BlockingWait(IUserApi api) => _api = api;

    public async Task<int> Mistakes(int id)
    {
        await Task.Yield();
        var name = _api.GetNameAsync(id).Result; // ASYNC101
        _api.SaveAsync(id, name).Wait(); // ASYNC101
        var again = _api.GetNameAsync(id).ConfigureAwait(false).GetAwaiter().GetResult(); // ASYNC101
        Task.WaitAll(_api.SaveAsync(1, name), _api.SaveAsync(2, again)); // ASYNC101
        return _api.GetNameAsync(id).Result.Length; // ASYNC101
    }

    public async Task<int> Fixed(int id)
    {
        var name = await _api.GetNameAsync(id);
        await _api.SaveAsync(id, name);
        var again = await _api.GetNameAsync(id).ConfigureAwait(false);
        await Task.WhenAll(_api.SaveAsync(1, name), _api.SaveAsync(2, again));
        return (await _api.GetNameAsync(id)).Length;
    }

    /// <summary>Tasks known to be complete are not blocking: no diagnostics here.</summary>
    public async Task<int> CompletedTasks(IEnumerable<int> ids)
    {
        var tasks = ids.Select(_api.GetNameAsync).ToList();
        await Task.WhenAll(tasks);
        var total = tasks.Sum(t => t.Result.Length);

        var first = _api.GetNameAsync(1);
        var second = _api.GetNameAsync(2);
        if (await Task.WhenAny(first, second) == first)
        {
            total += first.Result.Length;
        }

        await second;
        return total + second.Result.Length;
    }
}
