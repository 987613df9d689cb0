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

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC201: a call or <c>new</c> whose awaitable result is dropped by an expression statement, in async and sync code alike.
/// Where the compiler's CS4014 already reports the statement, this rule stays silent (its code fix also handles CS4014).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnawaitedTaskAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC201);

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

            var symbols = services.Symbols;

            start.RegisterOperationAction(c => Analyze(c, services), OperationKind.ExpressionStatement);
        });
    }

    private static void Analyze(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var statement = (IExpressionStatementOperation)context.Operation;
        if (DroppedAwaitables.Find(statement, symbols) is not { } dropped)
        {
            return;
        }

        // One diagnostic per mistake: CS4014 already reports it (UnawaitedTaskAnalyzerTests.CompilerReportsInAsyncMethod_NoDiagnostic).
        if (DroppedAwaitables.IsReportedByCompiler(statement, context.ContainingSymbol))
        {
            return;
        }

        // Builders that return their receiver configure it; nothing starts (UnawaitedTaskAnalyzerTests.FluentAwaitableBuilder_NoDiagnostic).
        if (DroppedAwaitables.IsFluent(dropped, symbols))
        {
            return;
        }

        // A continuation is how sync code observes a task; ASYNC403 judges it (UnawaitedTaskAnalyzerTests.ContinueWith_NoDiagnostic).
        if (DroppedAwaitables.IsContinuation(dropped, symbols))
        {
            return;
        }

        // GetOrAdd returns the task the dictionary keeps (UnawaitedTaskAnalyzerTests.ConcurrentDictionaryGetOrAddOfTask_NoDiagnostic).
        if (DroppedAwaitables.IsKeptByReceiver(dropped, symbols))
        {
            return;
        }

        // WPF's Dispatcher.BeginInvoke raises the delegate's exception on the UI thread, not in the operation it returns
        // (UnawaitedTaskAnalyzerTests.DroppedWpfDispatcherBeginInvoke_NoDiagnostic, DroppedWpfDispatcherInvokeAsync_Reports).
        if (DroppedAwaitables.RaisesOnDispatcherThread(dropped))
        {
            return;
        }

        // User-declared fire-and-forget helpers (UnawaitedTaskAnalyzerTests.ExcludedMethodOption_NoDiagnostic).
        if (dropped.Symbol is IMethodSymbol method && method.MethodKind != MethodKind.Constructor)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(statement.Syntax.SyntaxTree);
            var receiver = (dropped.Producer as IInvocationOperation)?.Instance?.Type;
            if (SymbolNameList.Read(options, AnalyzerOptionKeys.Async201ExcludedMethods).Contains(method, receiver))
            {
                return;
            }
        }

        // A task that cannot fault unseen loses nothing when dropped: a callee that returns only completed tasks, or whose work
        // catches everything (or logs what it rethrows), or a Task.Run of such work; and a call the summary could not follow
        // (UnawaitedTaskAnalyzerTests.CalleeReturnsCompletedTask_NoDiagnostic, TaskRunOfCoveredWork_NoDiagnostic, CalleeCatchesEverything_NoDiagnostic).
        // LoadUsersAsync().ConfigureAwait(false); drops the task of LoadUsersAsync: its faults are the callee's
        // (UnawaitedTaskAnalyzerTests.ConfiguredCallOfCalleeCatchingEverything_NoDiagnostic, ConfiguredCallOfCalleeThatCanFault_Reports).
        if (ConfiguredTask(dropped.Producer, symbols) is { } call && !services.Summaries.CanFault(call, unseenOnly: true).IsYes)
        {
            return;
        }

        // A library's own awaitable (MonoTorrent's ReusableTask) that the call hands back complete: Tick(delta, false) returns
        // ReusableTask.CompletedTask in the arm its constant chooses (UnawaitedTaskAnalyzerTests.CalleeReturnsCustomAwaitableCompletedTaskForConstantArgument_NoDiagnostic,
        // CalleeReturnsCustomAwaitableWorkForConstantArgument_Reports).
        if (dropped.Producer is IInvocationOperation ownAwaitable && !symbols.IsTaskLike(dropped.Type) && services.Summaries.CompletesSynchronously(ownAwaitable))
        {
            return;
        }

        // Nor does one whose work shows no way to fail in practice: in-memory bookkeeping, property sets; also the operation of a
        // dispatcher given such work (UnawaitedTaskAnalyzerTests.CalleeOnlyUpdatesState_NoDiagnostic, CalleeCallsTheNetwork_Reports,
        // DroppedDispatcherOperationOfWindowClose_NoDiagnostic).
        if ((ConfiguredTask(dropped.Producer, symbols) ?? (dropped.Producer is IInvocationOperation lambdaRunner && IsLibraryRunningLambda(lambdaRunner) ? lambdaRunner : null)) is { } work
            && !services.Summaries.TaskShowsFault(work, unseenOnly: true).IsYes)
        {
            return;
        }

        var name = dropped.Symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.Name,
            IMethodSymbol { MethodKind: MethodKind.DelegateInvoke } => "the delegate invocation",
            { } symbol => symbol.ContainingType is { } type ? type.Name + "." + symbol.Name : symbol.Name,
            _ => dropped.Type.Name,
        };
        // Inside a lock (or unsafe code, a catch filter) await is not allowed: the useful advice is to observe the exceptions
        // (UnawaitedTaskAnalyzerTests.DroppedInsideLock_AdvisesObserving).
        var advice = AsyncContext.CanInsertAwait(statement)
            ? "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"
            : "await is not allowed here, so discard it with a continuation that reports its exception";
        var properties = services.ExceptionHandlers.PropertiesFor(context.Options, statement.Syntax.SyntaxTree);
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC201, statement.Operation.Syntax.GetLocation(), null, properties, name, advice));
    }

    /// <summary>
    /// The call whose task is dropped: the producer itself when it returns a task, or the call under <c>.ConfigureAwait(...)</c> (whose
    /// awaitable only configures the await of that task); null for anything else.
    /// </summary>
    private static IInvocationOperation? ConfiguredTask(IOperation producer, AsyncSymbols symbols)
    {
        if (producer is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } && instance.WalkDownConversions() is IInvocationOperation configured
            && symbols.IsTaskLike(configured.Type))
        {
            return configured;
        }

        return producer is IInvocationOperation call && symbols.IsTaskLike(call.Type) ? call : null;
    }

    /// <summary>
    /// A library method handed a lambda, whose awaitable is not a task: a dispatcher's operation (Avalonia's
    /// <c>Dispatcher.UIThread.InvokeAsync(() => window.Close())</c>), whose fault is the lambda's.
    /// </summary>
    private static bool IsLibraryRunningLambda(IInvocationOperation call)
    {
        if (call.TargetMethod.DeclaringSyntaxReferences.Length > 0)
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IAnonymousFunctionOperation or IDelegateCreationOperation { Target: IAnonymousFunctionOperation })
            {
                return true;
            }
        }

        return false;
    }
}
