using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Whether a delegate is kept for later rather than run while the expression that receives it runs: handed to a constructor
/// (<c>new RelayCommand(async () => ...)</c>, <c>new Timer(...)</c>), or assigned to a field or property (<c>Callback = ...</c>,
/// an object or member initializer), or queued to a dispatcher or the thread pool (<c>TryEnqueue</c>, <c>Post</c>, <c>BeginInvoke</c>,
/// <c>QueueUserWorkItem</c>), or subscribed (<c>Subscribe</c>, <c>Register</c>). Whoever runs a kept delegate later holds only the delegate: it could not wait for a task
/// either. A delegate given to a method (<c>items.ForEach(...)</c>, <c>Parallel.ForEach(...)</c>, a <c>Retry(Action)</c>
/// helper) may be run during the call, whose caller then goes on before the work ends, so it is never taken as kept.
/// </summary>
internal static class StoredDelegates
{
    /// <summary>True when <paramref name="use"/> (the parent above the delegate creation and its conversions) keeps the delegate.</summary>
    public static bool IsKept(IOperation? use) => use switch
    {
        IArgumentOperation { Parent: IObjectCreationOperation } => true,

        // dispatcher.TryEnqueue(...), context.Post(...), control.BeginInvoke(...), ThreadPool.QueueUserWorkItem(...): queued to run
        // later, never during the call (AsyncLambdaToVoidDelegateAnalyzerTests.CoveredLambdaQueuedToDispatcher_NoDiagnostic).
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "TryEnqueue" or "Enqueue" or "Post" or "BeginInvoke" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" } } => true,

        // eventBus.Subscribe<Tick>(async _ => ...), token.Register(async () => ...): a subscription keeps the handler and runs it
        // when the event comes (AsyncLambdaToVoidDelegateAnalyzerTests.CoveredLambdaSubscribedToEventBus_NoDiagnostic).
        // optionsMonitor.OnChange(async options => ...), ChangeToken.OnChange(producer, async () => ...): a change listener, run
        // when the configuration changes (AsyncLambdaToVoidDelegateAnalyzerTests.CoveredOptionsChangeListener_NoDiagnostic).
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Subscribe" or "Register" or "OnChange" } } => true,
        ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } => true,
        IFieldInitializerOperation or IPropertyInitializerOperation => true,
        _ => false,
    };
}
