using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Exceptions;

public interface IReportApi
{
    Task<string> LoadReportAsync();
}

/// <summary>ASYNC403: a ContinueWith that logs <c>t.Result</c> as if the antecedent could not fail.</summary>
public sealed class ReportLogger
{
    private readonly IReportApi _api;

    public ReportLogger(IReportApi api) => _api = api;

    public void LogWhenLoaded(Task<string> load)
    {
        // When the load fails, t.Result throws inside a continuation task nobody looks at.
        _ = load.ContinueWith(t => Trace.TraceInformation(t.Result)); // ASYNC403
    }

    public void LogWhenLoadedFixed(Task<string> load)
    {
        _ = load.ContinueWith(t => Trace.TraceInformation(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        _ = load.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public async Task<int> LengthAsync()
    {
        return await _api.LoadReportAsync().ContinueWith(t => t.Result.Length, TaskScheduler.Default); // ASYNC403
    }

    public async Task<int> LengthFixedAsync()
    {
        return (await _api.LoadReportAsync()).Length;
    }
}
