using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking;

/// <summary>
/// ASYNC104: blocking on a task from synchronous code (a suggestion: make the caller async). Internal: in a library's public API the
/// advice would be a breaking change, and the rule stays silent there unless async_analyzers.ASYNC104.report_public_api = true.
/// </summary>
internal sealed class SyncOverAsync
{
    private readonly IUserApi _api;

    public SyncOverAsync(IUserApi api) => _api = api;

    public string Mistake(int id)
    {
        return _api.GetNameAsync(id).GetAwaiter().GetResult(); // ASYNC104
    }

    public string Property => _api.GetNameAsync(0).Result; // ASYNC104

    public async Task<string> Fixed(int id)
    {
        return await _api.GetNameAsync(id);
    }
}
