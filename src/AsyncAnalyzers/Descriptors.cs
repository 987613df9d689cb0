using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers;

/// <summary>
/// Every descriptor of the package, side by side, built by <see cref="Create"/> only (house rule 2).
/// </summary>
public static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/async-analyzers/AsyncAnalyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor ASYNC101 = Create(
        DiagnosticIds.BlockingWaitInAsyncCode,
        "Do not block on tasks in async code",
        "'{0}' blocks the thread until the task completes; await it instead",
        "Blocking on a task inside an async method ties up a thread that could serve other work, and under a single-threaded SynchronizationContext (UI, classic ASP.NET) it deadlocks. Await the task instead.",
        RuleFamily.Blocking,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC102 = Create(
        DiagnosticIds.ThreadSleepInAsyncCode,
        "Do not use Thread.Sleep in async code",
        "Thread.Sleep blocks the thread in an async method; use 'await Task.Delay(...)' instead",
        "Thread.Sleep holds a thread-pool thread (or the UI thread) for the whole delay. In async code, 'await Task.Delay' releases the thread and can be cancelled.",
        RuleFamily.Blocking,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC103 = Create(
        DiagnosticIds.SyncApiWithAsyncCounterpart,
        "Call the async counterpart in async code",
        "'{0}' blocks on I/O or a lock in an async method; await '{1}' instead",
        "A synchronous API called from async code blocks the thread while an equivalent asynchronous method exists. Await the asynchronous counterpart so the thread is free while the operation runs.",
        RuleFamily.Blocking,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC104 = Create(
        DiagnosticIds.SyncOverAsync,
        "Avoid blocking on tasks in synchronous code",
        "'{0}' blocks synchronously on asynchronous work (sync-over-async)",
        "Blocking on a task from synchronous code risks deadlocks under a SynchronizationContext and thread-pool starvation under load. Prefer making the caller async; where that is impossible, keep the blocking call at the application's edge.",
        RuleFamily.Blocking,
        RuleLevel.Suggestion);

    public static readonly DiagnosticDescriptor ASYNC105 = Create(
        DiagnosticIds.SynchronousDisposal,
        "Dispose asynchronously in async code",
        "'{0}' is disposed synchronously in async code, but its disposal writes or waits; {1}",
        "Disposing a file stream, a writer over one, a database connection or any type whose DisposeAsync does I/O with a plain using or Dispose() blocks the thread while buffers are flushed and connections are closed. In async code, 'await using' or 'await DisposeAsync()' does the same work without holding the thread. Types whose disposal stays in memory or only reads are not reported.",
        RuleFamily.Blocking,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC201 = Create(
        DiagnosticIds.UnawaitedTask,
        "Await the task or discard it explicitly",
        "The awaitable returned by '{0}' is dropped: the code moves on before it completes and its exceptions are lost; {1}",
        "A task-returning call used as a statement starts work that nobody waits for. The caller continues before the work completes (racing past disposal or the end of a request), and an exception thrown by the work is never observed. Await the task; where fire-and-forget is intended (or await is not allowed, as inside a lock), discard it with a continuation that reports its exception, so that the intent is visible and the failure is not lost. Calls whose task cannot fault (the callee returns only completed tasks, or catches every exception itself) are not reported.",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC202 = Create(
        DiagnosticIds.AsyncVoidMethod,
        "Return Task from async methods that are not event handlers",
        "'{0}' is async void; return Task so callers can await it and observe its exceptions",
        "An async void method cannot be awaited, so callers cannot know when it finishes, and an exception it throws is raised on the synchronization context, which usually crashes the process. Only event handlers, whose signature is fixed, should be async void.",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC203 = Create(
        DiagnosticIds.AsyncLambdaToVoidDelegate,
        "Do not pass an async lambda where a void-returning delegate is expected",
        "This async {0} is converted to '{1}', which returns void: the caller cannot await it and its exceptions crash the process",
        "An async lambda converted to a void-returning delegate such as Action becomes async void. The code that invokes it continues at the lambda's first await, so loops such as List<T>.ForEach or Parallel.ForEach finish before the work does, and an exception thrown after the first await crashes the process.",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC204 = Create(
        DiagnosticIds.TaskLocalNeverObserved,
        "Observe the task stored in a local",
        "The task stored in '{0}' is never awaited, returned or passed on, on some path to the end of the function",
        "A task kept in a local variable and then forgotten is a dropped task in disguise: the function ends before the work completes and its exceptions are never observed. Await it, return it, or hand it to code that observes it (Task.WhenAll, a field, another method).",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC205 = Create(
        DiagnosticIds.TaskOutlivesResource,
        "Do not return a task that outlives the resource it uses",
        "'{0}' returns a task that uses '{1}', which is released as soon as the method returns, before the task completes",
        "A method without the async keyword that returns a task from inside a 'using', or from a 'try' whose 'finally' disposes a resource or releases a lock, releases that resource when the task is handed back, not when it completes. The task then runs on against a disposed object (ObjectDisposedException, truncated reads and writes, canceled requests) or outside the lock it was meant to hold. Make the method async and 'return await' the task, so that the resource is released after the task has completed.",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC206 = Create(
        DiagnosticIds.NullTaskReturned,
        "Do not return null from a non-async method returning a task",
        "'{0}' returns null where its caller expects a task; awaiting it throws NullReferenceException",
        "A method that returns Task or Task<T> without the async keyword hands its return value to the caller as is: a null task makes 'await' throw a NullReferenceException far from the mistake. Return Task.CompletedTask or Task.FromResult(...) instead, or declare the return type as 'Task?' when null is a documented answer that callers check.",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC207 = Create(
        DiagnosticIds.NestedTaskAwaited,
        "Do not await only the outer task of a nested task",
        "'{0}' returns a task of a task of which only the outer task is observed: it completes once the inner task has been created, and the inner task's completion and exceptions are lost",
        "Task.Factory.StartNew and ContinueWith do not understand async delegates: given one, they return a Task<Task> whose outer task completes as soon as the delegate reaches its first await. Awaiting, waiting for, or returning as Task only the outer task moves on before the work is done and drops its exceptions. Use Task.Run, which unwraps the inner task, or Unwrap().",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC208 = Create(
        DiagnosticIds.ValueTaskConsumedTwice,
        "Consume a ValueTask only once",
        "'{0}' is a ValueTask {1}",
        "A ValueTask may be backed by a pooled IValueTaskSource that is reused as soon as its result has been read, and that does not support blocking for its result before it completes. Awaiting it a second time, reading .Result or calling AsTask after an await, or handing the same ValueTask to two consumers can then observe another operation's result, throw, or hang; so can reading .Result or GetAwaiter().GetResult() in synchronous code before the ValueTask is known to be complete. Consume it once; when it has to be used more than once, or blocked on, call AsTask() (or Preserve()) once and use the Task.",
        RuleFamily.Unawaited,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC301 = Create(
        DiagnosticIds.IndependentSequentialAwaits,
        "Run independent awaits concurrently",
        "These {0} awaits ({1}) do not depend on each other and could run concurrently with Task.WhenAll",
        "Awaiting independent operations one after another makes the total time the sum of their latencies. When no operation uses another's result or shares its state, start them all and await Task.WhenAll so the time is the longest latency instead. Read the rule page before applying the fix: it changes which operations run when one of them fails.",
        RuleFamily.Gather,
        RuleLevel.Suggestion);

    public static readonly DiagnosticDescriptor ASYNC302 = Create(
        DiagnosticIds.IndependentAwaitInLoop,
        "Await independent loop iterations concurrently",
        "The loop awaits '{0}' once per item of '{1}'{2}, and the iterations do not depend on each other; they could run concurrently with Task.WhenAll",
        "A loop that awaits one independent operation per item waits for each before starting the next. When iterations share no state and do not depend on each other, start them all and await Task.WhenAll, or use Parallel.ForEachAsync to bound the degree of parallelism.",
        RuleFamily.Gather,
        RuleLevel.Suggestion);

    public static readonly DiagnosticDescriptor ASYNC401 = Create(
        DiagnosticIds.UnguardedAsyncVoidHandler,
        "Catch exceptions in async void handlers",
        "'{0}' is async void and can throw after its first await with no catch-all (at {1}); the exception is raised where it resumes: on a UI context it reaches the app's unhandled-exception handler (which usually ends the app), on the thread pool it crashes the process",
        "An async void method or lambda has no task to carry its exception: one thrown after the first await is raised on the SynchronizationContext it resumes on, where it goes to the application's unhandled-exception handler (Application.ThreadException, DispatcherUnhandledException, UnhandledException), or on the thread pool, where it crashes the process. When the signature is forced (an event handler, an override, an interface implementation), wrap the body in a try/catch that catches Exception and reports it.",
        RuleFamily.Exceptions,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC402 = Create(
        DiagnosticIds.UnobservedFireAndForget,
        "Observe the exceptions of fire-and-forget tasks",
        "The task of '{0}' is started and forgotten; if it fails (it can, at {1}), nobody sees the exception",
        "A task that is discarded or handed to a helper that ignores it keeps its exception to itself: the failure surfaces later as an unobserved task exception, if at all. Await the task, or attach a continuation that reports the fault, or catch everything inside the started work.",
        RuleFamily.Exceptions,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC403 = Create(
        DiagnosticIds.ContinuationIgnoresFault,
        "Check the antecedent before reading its result in a continuation",
        "The continuation reads '{0}' without checking whether the antecedent faulted",
        "A ContinueWith continuation runs when its antecedent completes in any way, faulted and cancelled included (IsCompleted is true for a faulted task). Reading Result there rethrows the fault wrapped in another AggregateException inside a task nobody may look at. Check IsFaulted, Status or Exception, pass TaskContinuationOptions.OnlyOnRanToCompletion, or await the antecedent instead.",
        RuleFamily.Exceptions,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC901 = Create(
        DiagnosticIds.InvalidConfiguration,
        "Fix the AsyncAnalyzers configuration",
        "The .editorconfig option '{0}' has an invalid value '{1}': {2}",
        "An AsyncAnalyzers option in .editorconfig could not be understood. The option is ignored until it is fixed, so the rule it configures runs with its default behaviour.",
        RuleFamily.Configuration,
        RuleLevel.Warning);

    public static readonly DiagnosticDescriptor ASYNC902 = Create(
        DiagnosticIds.StaleBaselineEntry,
        "Remove the stale baseline entry",
        "The baseline entry on line {0} ({1} in '{2}'{3}) matches no finding any more; run 'dotnet build -p:AsyncAnalyzersBaseline=update' to remove it",
        "An entry of the AsyncAnalyzers baseline no longer matches a finding: the mistake it recorded was fixed, or its code was rewritten. Updating the baseline removes the entry, so the baseline only shrinks and a fixed mistake cannot come back unnoticed under an old entry.",
        RuleFamily.Configuration,
        RuleLevel.Suggestion);

    public static readonly DiagnosticDescriptor ASYNC903 = Create(
        DiagnosticIds.MalformedBaseline,
        "Fix the malformed baseline entry",
        "Line {0} of the AsyncAnalyzers baseline cannot be read: {1}; it suppresses nothing until it is fixed or the baseline is updated",
        "A line of the AsyncAnalyzers baseline file could not be understood, usually after a hand edit or a merge. The line suppresses nothing, so the findings it was meant to cover are reported; fix the line or regenerate the file with 'dotnet build -p:AsyncAnalyzersBaseline=update'.",
        RuleFamily.Configuration,
        RuleLevel.Warning);

    /// <summary>The descriptors in the catalogue, in ID order.</summary>
    public static System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All { get; } =
        System.Collections.Immutable.ImmutableArray.Create(
            ASYNC101, ASYNC102, ASYNC103, ASYNC104, ASYNC105,
            ASYNC201, ASYNC202, ASYNC203, ASYNC204, ASYNC205, ASYNC206, ASYNC207, ASYNC208,
            ASYNC301, ASYNC302,
            ASYNC401, ASYNC402, ASYNC403,
            ASYNC901, ASYNC902, ASYNC903);

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(string id, string title, string message, string description, RuleFamily family, RuleLevel level)
    {
#pragma warning disable RS0030 // The one place descriptors are constructed.
        return new DiagnosticDescriptor(
            id,
            title,
            message,
            RuleCategory.Of(family),
            level == RuleLevel.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info,
            isEnabledByDefault: level != RuleLevel.Disabled,
            description: description,
            helpLinkUri: HelpLink(id),
            customTags: family == RuleFamily.Configuration ? new[] { WellKnownDiagnosticTags.CompilationEnd } : System.Array.Empty<string>());
#pragma warning restore RS0030
    }
}
