using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Blocking;

/// <summary>
/// ASYNC101: blocking on a task (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll/WaitAny</c>) in async code.
/// ASYNC104: the same in synchronous code (sync-over-async). One analyzer for both: the context decides which ID applies,
/// so an expression can never get both.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitAnalyzer : DiagnosticAnalyzer
{

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC101, Descriptors.ASYNC104);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { } services)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, services), OperationKind.PropertyReference, OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var kind = BlockingCalls.Classify(context.Operation, symbols, out var task);
        if (kind == BlockingKind.None)
        {
            return;
        }

        // nameof(t.Result) never runs the property (BlockingWaitAnalyzerTests.ResultInNameOf_NoDiagnostic).
        if (context.Operation.FirstAncestor<INameOfOperation>() is not null)
        {
            return;
        }

        // Task known to be complete: awaited before on every path, WhenAll, guards, FromResult; with the summaries, also a call passing
        // the synchronous mode value or whose callee completes synchronously, and guards through helpers
        // (BlockingWaitAnalyzerTests.ResultAfterAwaitOfSameTask_NoDiagnostic; CompletedTasksTests.CompleteShape_IsKnownComplete pins each shape;
        // SyncOverAsyncTests.GetResultOfCallPassingSynchronousMode_NoDiagnostic, SyncOverAsyncTests.ResultOfSourceMethodReturningFromResult_NoDiagnostic).
        if (task is not null && CompletedTasks.IsKnownComplete(task, symbols, services.Summaries))
        {
            return;
        }

        // A blocking read of a ValueTask already consumed on some path (await vt; ... vt.AsTask(); ... vt.Result) is ASYNC208's finding:
        // one mistake, one diagnostic (UnawaitedOverlapTests.ResultAfterAsTaskOfValueTask_IsAsync208Only).
        if (task is not null && kind is BlockingKind.Result or BlockingKind.GetResult
            && ValueTaskConsumptions.IsRepeated(context.Operation, task, context.GetControlFlowGraph, symbols, context.CancellationToken))
        {
            return;
        }

        // if (async) await t; else t.GetAwaiter().GetResult(): the synchronous arm serves synchronous callers, next to the asynchronous one
        // (BlockingWaitAnalyzerTests.GetResultInSynchronousArmOfDualModeBody_NoDiagnostic, SyncOverAsyncTests.WaitInLocalFunctionCalledFromSynchronousArm_NoDiagnostic).
        if (DualMode.IsInSynchronousArm(context.Operation))
        {
            return;
        }

        var asyncContext = AsyncContext.Of(context.Operation, context.ContainingSymbol);

        // A ValueTask blocked on in synchronous code is ASYNC208's (blocking before it completes is not supported by a pooled source),
        // also where ASYNC104 would be silent: one mistake, one diagnostic
        // (UnawaitedOverlapTests.ResultOfValueTaskNotKnownComplete_IsAsync101InAsyncCodeAsync208InSyncCode).
        if (ValueTaskConsumptions.OwnsBlockingRead(kind, task, asyncContext.IsAsync, symbols))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Kind, kind.ToString());
        if (asyncContext.IsAsync)
        {
            if (!AsyncContext.CanInsertAwait(context.Operation))
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "true");
            }

            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC101, context.Operation.Syntax.GetLocation(), null, properties, BlockingCalls.Describe(kind)));
            return;
        }

        // The entry point is the one place blocking has no caller to starve or deadlock (SyncOverAsyncTests.BlockingInMain_NoDiagnostic).
        if (asyncContext.FunctionOperation is null && asyncContext.Function is { IsStatic: true, Name: "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName })
        {
            return;
        }

        // new Thread(() => ...), StartNew(..., TaskCreationOptions.LongRunning): a thread of its own, holding no pool thread and no
        // synchronization context while it waits (SyncOverAsyncTests.ResultInDedicatedThreadBody_NoDiagnostic).
        if (asyncContext.FunctionOperation is IAnonymousFunctionOperation lambda && services.StartedWork.IsDedicatedThreadBody(lambda.DelegateUse()))
        {
            return;
        }

        // Task.WaitAll over Task.Run(() => Work()) tasks, Task.Run(() => Work()).Wait(timeout): a join of synchronous work on other
        // threads (parallelism, or a timeout guard), with nothing asynchronous to await instead (SyncOverAsyncTests.WaitAllOverSynchronousWork_NoDiagnostic,
        // SyncOverAsyncTests.WaitWithTimeoutOnSynchronousWork_NoDiagnostic).
        if (context.Operation is IInvocationOperation wait && (IsJoinOfSynchronousWork(kind, wait, task, services) || HasTimeoutFromCaller(wait, asyncContext, symbols)))
        {
            return;
        }

        // Task.Delay(ms).Wait() in synchronous code is a sleep (Thread.Sleep by another name): the timer completes the task on its own,
        // with nothing to deadlock on, and a sleep in synchronous code is no async mistake (ASYNC102 reports sleeps in async code only)
        // (SyncOverAsyncTests.WaitOnDelayInSynchronousRetry_NoDiagnostic, SyncOverAsyncTests.WaitOnDelayFollowedByWorkInOneTask_Reports).
        if (task?.WalkDownConversions() is IInvocationOperation { TargetMethod: { Name: "Delay", IsStatic: true } delay } && SymbolEqualityComparer.Default.Equals(delay.ContainingType, symbols.Task))
        {
            return;
        }

        // A custom SynchronizationContext or TaskScheduler: the code that implements the threading model pumps and then waits by
        // design (SyncOverAsyncTests.GetResultInsideSynchronizationContext_NoDiagnostic); so does its Invoke helper, which runs
        // synchronous work on the model's own thread and waits for it (`StartNew(action, token, options, Scheduler).Wait()` with a
        // scheduler of the compilation: SyncOverAsyncTests.WaitOnSynchronousWorkStartedOnOwnScheduler_NoDiagnostic).
        if (IsInsideScheduler(context.ContainingSymbol, symbols) || (task is not null && services.Summaries.StartedOnOwnScheduler(task)))
        {
            return;
        }

        // An awaiter's GetResult(): the await pattern calls it once the awaited work has completed, and requires it to be
        // synchronous (SyncOverAsyncTests.GetResultInsideOwnAwaiter_NoDiagnostic, GetResultInsideOwnAwaiterHelper_Reports).
        if (IsAwaiterGetResult(context.ContainingSymbol))
        {
            return;
        }

        // A synchronous signature fixed by someone else, with no synchronous call to use instead: nothing for the author to act on
        // (SyncOverAsyncTests.GetResultInInterfaceImplementation_NoDiagnostic, SyncOverAsyncTests.GetResultInOverrideWithSynchronousOverload_Reports).
        if (!IsActionable(context.Operation, asyncContext, context.ContainingSymbol, task, services, ReportsPublicApi(context)))
        {
            return;
        }

        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC104, context.Operation.Syntax.GetLocation(), null, properties, BlockingCalls.Describe(kind)));
    }

    private static bool IsJoinOfSynchronousWork(BlockingKind kind, IInvocationOperation invocation, IOperation? task, CompilationServices services)
    {
        switch (kind)
        {
            case BlockingKind.WaitAll:
                return services.StartedWork.AllRunSynchronousDelegates(invocation, services.Summaries);
            case BlockingKind.Wait when HasTimeout(invocation, services.Symbols):
                return services.StartedWork.RunsSynchronousDelegate(task!, services.Summaries);
            // Task.WaitAny(loads, token) over synchronous work: the first to finish of a parallel join, as WaitAll is the last
            // (SyncOverAsyncTests.WaitAnyOverSelectedSynchronousWork_NoDiagnostic).
            case BlockingKind.WaitAny:
                return services.StartedWork.AllRunSynchronousDelegates(invocation, services.Summaries);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>bool TryFlush(TimeSpan timeout) =&gt; _writer.Wait(timeout);</c>: the method hands its caller's time-out to the wait, so a
    /// bounded synchronous wait is its contract (SyncOverAsyncTests.WaitWithTimeoutFromParameter_NoDiagnostic).
    /// </summary>
    private static bool HasTimeoutFromCaller(IInvocationOperation wait, AsyncContext asyncContext, AsyncSymbols symbols)
    {
        if (asyncContext.FunctionOperation is not null)
        {
            return false;
        }

        foreach (var argument in wait.Arguments)
        {
            if (argument.Parameter is { } parameter
                && (parameter.Type.SpecialType == SpecialType.System_Int32 || SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.TimeSpan))
                && argument.Value.WalkDownConversions() is IParameterReferenceOperation { Parameter: var timeout }
                && SymbolEqualityComparer.Default.Equals(timeout.ContainingSymbol, asyncContext.Function))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAwaiterGetResult(ISymbol containingSymbol)
    {
        if (containingSymbol is not IMethodSymbol { Name: "GetResult", Parameters.Length: 0 } method || method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (iface is { Name: "INotifyCompletion" } && iface.IsInNamespace("System", "Runtime", "CompilerServices"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInsideScheduler(ISymbol containingSymbol, AsyncSymbols symbols)
    {
        for (var type = containingSymbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if ((symbols.SynchronizationContext is { } context && type.InheritsFromOrEquals(context))
                || (symbols.TaskScheduler is { } scheduler && type.InheritsFromOrEquals(scheduler)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Wait(5000), Wait(TimeSpan.FromSeconds(5)), Wait(timeout, token): the overloads that give up after a time.</summary>
    private static bool HasTimeout(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        foreach (var parameter in invocation.TargetMethod.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Int32 || SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.TimeSpan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The advice "make the caller async" applies: the enclosing member is a constructor, property or field initializer the author
    /// shapes, or a method whose synchronous signature is the author's own (a lambda or local function is judged by its member,
    /// except a lambda given to Task.Run, which can become async itself). A method whose signature is fixed
    /// (an override, an interface implementation, the dispose pattern's <c>Dispose(bool)</c>, ref or out parameters, the synchronous half of a Foo/FooAsync pair, a method used
    /// only as a callback that must return no task or called only from such methods, a non-public method reached only from Main and
    /// static constructors) is actionable only when the blocked call has a synchronous overload to call instead
    /// (SyncOverAsyncTests.BlockingInPrivateCallbackMethod_NoDiagnostic, SyncOverAsyncTests.BlockingInInternalHelperReachedOnlyFromEntryPoint_NoDiagnostic,
    /// SyncOverAsyncTests.BlockingInHelperOfFixedSignature_NoDiagnostic, SyncOverAsyncTests.WaitInMethodWithOutParameter_NoDiagnostic,
    /// SyncOverAsyncTests.GetResultInSyncHalfOfAsyncPair_NoDiagnostic).
    /// </summary>
    private static bool IsActionable(IOperation operation, AsyncContext asyncContext, ISymbol containingSymbol, IOperation? task, CompilationServices services, bool reportPublicApi)
    {
        // Task.Run(() => Load().Result): the lambda itself can become async (Task.Run takes a task-returning delegate too).
        if (asyncContext.FunctionOperation is IAnonymousFunctionOperation lambda
            && lambda.DelegateUse() is IArgumentOperation { Parent: IInvocationOperation call } && services.StartedWork.IsTaskStarter(call.TargetMethod))
        {
            return true;
        }

        // Any other lambda or local function runs inside its member (tracker.GetAll().ToDictionary(n => n.Value.Result) in a method whose
        // signature is fixed): the member decides (SyncOverAsyncTests.BlockingInHelperOfFixedSignature_NoDiagnostic).
        if ((asyncContext.FunctionOperation is null ? asyncContext.Function : containingSymbol as IMethodSymbol) is not { } method)
        {
            return true;
        }

        var fixedSignature = AsyncSignatures.IsForcedByContract(method)
            || AsyncSignatures.IsDisposePatternCore(method)
            || AsyncSignatures.HasRefOrOutParameter(method)
            || (method.MethodKind == MethodKind.Ordinary && method.ContainingType is { } type && services.Counterparts.Find(method, type, null, 0) is not null)
            || services.Summaries.SignatureFixedByUses(method, operation, publicApiIsFixed: !reportPublicApi).IsYes
            || (!reportPublicApi && AsyncSignatures.IsPublicApiOfLibrary(method, services.Symbols.Compilation))
            || services.Summaries.ReachedOnlyFromEntryPoints(method, operation).IsYes;

        return !fixedSignature || HasSynchronousAlternative(task, method, services);
    }

    private static bool ReportsPublicApi(OperationAnalysisContext context) =>
        context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Operation.Syntax.SyntaxTree).TryGetValue(AnalyzerOptionKeys.Async104ReportPublicApi, out var value)
        && bool.TryParse(value.Trim(), out var report) && report;


    /// <summary>
    /// <c>reader.ReadToEndAsync().GetAwaiter().GetResult()</c>: the synchronous <c>ReadToEnd()</c>
    /// exists, and calling it fixes the blocking wherever the signature is fixed. The enclosing method itself is no alternative
    /// (<c>override int Read(...) =&gt; ReadAsync(...).GetAwaiter().GetResult()</c>) (SyncOverAsyncTests.GetResultInOverrideWithSynchronousOverload_Reports).
    /// </summary>
    private static bool HasSynchronousAlternative(IOperation? task, IMethodSymbol method, CompilationServices services)
    {
        if (task?.UnwrapConfigureAwait() is not IInvocationOperation call
            || services.Counterparts.FindSynchronous(call.TargetMethod, call.Instance?.Type ?? call.TargetMethod.ContainingType) is not { } synchronous)
        {
            return false;
        }

        // task.WaitAsync(token).GetAwaiter().GetResult() in a public WaitAndUnwrapException(this Task task, ...): task.Wait(token)
        // blocks on the same task; a task's own members are no way around it (SyncOverAsyncTests.PublicWaitHelperOverTaskParameter_NoDiagnostic).
        if (services.Symbols.IsTaskLike(call.TargetMethod.ContainingType))
        {
            return false;
        }

        // _inner.FlushAsync().Wait() inside Flush(): _inner.Flush() is an alternative; ReadAsync(...) on this inside Read() is not.
        if (call.Instance is not (null or IInstanceReferenceOperation))
        {
            return true;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, synchronous.OriginalDefinition))
            {
                return false;
            }
        }

        return true;
    }
}
