namespace AsyncAnalyzers;

/// <summary>
/// Every rule ID of the package. IDs are fixed once published and never reused.
/// Bands: 1xx Blocking, 2xx Unawaited, 3xx Gather, 4xx Exceptions, 9xx the package's own configuration.
/// </summary>
public static class DiagnosticIds
{
    // 1xx Blocking: code that blocks a thread on asynchronous work.
    public const string BlockingWaitInAsyncCode = "ASYNC101";
    public const string ThreadSleepInAsyncCode = "ASYNC102";
    public const string SyncApiWithAsyncCounterpart = "ASYNC103";
    public const string SyncOverAsync = "ASYNC104";
    public const string SynchronousDisposal = "ASYNC105";

    // 2xx Unawaited: asynchronous work that nobody waits for.
    public const string UnawaitedTask = "ASYNC201";
    public const string AsyncVoidMethod = "ASYNC202";
    public const string AsyncLambdaToVoidDelegate = "ASYNC203";
    public const string TaskLocalNeverObserved = "ASYNC204";
    public const string TaskOutlivesResource = "ASYNC205";
    public const string NullTaskReturned = "ASYNC206";
    public const string NestedTaskAwaited = "ASYNC207";
    public const string ValueTaskConsumedTwice = "ASYNC208";

    // 3xx Gather: independent awaits that run one after another but could run concurrently.
    public const string IndependentSequentialAwaits = "ASYNC301";
    public const string IndependentAwaitInLoop = "ASYNC302";

    // 4xx Exceptions: exceptions that nobody will ever see.
    public const string UnguardedAsyncVoidHandler = "ASYNC401";
    public const string UnobservedFireAndForget = "ASYNC402";
    public const string ContinuationIgnoresFault = "ASYNC403";

    // 9xx Configuration: mistakes in the package's .editorconfig options and baseline file.
    public const string InvalidConfiguration = "ASYNC901";
    public const string StaleBaselineEntry = "ASYNC902";
    public const string MalformedBaseline = "ASYNC903";
}
