using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC208: a ValueTask local or parameter consumed (awaited, <c>AsTask()</c>, <c>Preserve()</c>, <c>.Result</c>,
/// <c>GetAwaiter()</c>, or handed on) a second time on some path. Decided on the control-flow graph by
/// <see cref="ValueTaskConsumptions"/>, which walks it with ASYNC204's <see cref="UnobservedTaskLocals.WalkPaths"/>; the graph is
/// built only for variables with two consumptions, or one inside a loop. A single <c>.Result</c> on a ValueTask that is not known
/// complete is ASYNC101/ASYNC104's (BlockingWaitAnalyzer), which leaves to this rule the blocking reads it reports here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValueTaskConsumedOnceAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The message's second argument for a second consumption.</summary>
    internal const string ConsumedAgainMessage = "that may already have been consumed on some path to here; a ValueTask must be awaited, blocked on, converted with AsTask or handed on only once";

    /// <summary>The message's second argument for a blocking read of a ValueTask not known complete.</summary>
    internal const string BlockedBeforeCompleteMessage = "blocked on before it is known to be complete, which a ValueTask backed by a pooled IValueTaskSource does not support; block on AsTask() instead, or read it only once IsCompleted is true";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC208);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { } services || services.Symbols.ValueTask is null)
            {
                return;
            }

            var symbols = services.Symbols;

            // One callback per ValueTask local (its declarator) and one per function with ValueTask parameters, each judging its own
            // variables: no per-body state (docs/performance.md).
            start.RegisterOperationAction(c => AnalyzeLocal(c, symbols), OperationKind.VariableDeclarator);
            start.RegisterOperationAction(c => AnalyzeParameters(c, symbols), OperationKind.MethodBody, OperationKind.LocalFunction, OperationKind.AnonymousFunction);
            start.RegisterOperationAction(c => AnalyzeBlockingRead(c, services), OperationKind.PropertyReference, OperationKind.Invocation);
        });
    }

    private static void AnalyzeLocal(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var declarator = (IVariableDeclaratorOperation)context.Operation;
        if (ValueTaskConsumptions.IsTracked(declarator.Symbol, symbols))
        {
            Analyze(context, declarator.Symbol, symbols, declarator);
        }
    }

    private static void AnalyzeParameters(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var function = context.Operation switch
        {
            IMethodBodyOperation => context.ContainingSymbol as IMethodSymbol,
            ILocalFunctionOperation localFunction => localFunction.Symbol,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };

        if (function is null)
        {
            return;
        }

        foreach (var parameter in function.Parameters)
        {
            if (ValueTaskConsumptions.IsTracked(parameter, symbols))
            {
                Analyze(context, parameter, symbols, declarator: null);
            }
        }
    }

    /// <summary>
    /// <c>vt.Result</c>, <c>vt.GetAwaiter().GetResult()</c>, <c>F().ConfigureAwait(false).GetAwaiter().GetResult()</c> on a ValueTask
    /// that is not known complete, in synchronous code: a pooled <c>IValueTaskSource</c> does not support blocking before it completes.
    /// Who reports it is decided once (<see cref="ValueTaskConsumptions.OwnsBlockingRead"/>): ASYNC101 in async code, never ASYNC104.
    /// </summary>
    private static void AnalyzeBlockingRead(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var kind = BlockingCalls.Classify(context.Operation, symbols, out var task);
        if (kind is not (BlockingKind.Result or BlockingKind.GetResult) || task is null || !symbols.IsValueTask(task.UnwrapConfigureAwait().Type))
        {
            return;
        }

        // nameof(vt.Result) reads nothing (ValueTaskConsumedOnceAnalyzerTests.BlockingReadInNameOf_NoDiagnostic).
        if (context.Operation.FirstAncestor<INameOfOperation>() is not null)
        {
            return;
        }

        // Code that does not compile: silence rather than guess (ValueTaskConsumedOnceAnalyzerTests.BlockingReadInBrokenCode_NoDiagnostic).
        if (IsInBrokenCode(context.Operation))
        {
            return;
        }

        // In async code the read is ASYNC101's, with its fix to await (ValueTaskConsumedOnceAnalyzerTests.ResultInAsyncMethod_NoDiagnostic).
        var asyncContext = AsyncContext.Of(context.Operation, context.ContainingSymbol);
        if (!ValueTaskConsumptions.OwnsBlockingRead(kind, task, asyncContext.IsAsync, symbols))
        {
            return;
        }

        // Known complete: guarded by IsCompleted/IsCompletedSuccessfully on the same instance, default, new ValueTask<T>(value),
        // ValueTask.FromResult, ValueTask.CompletedTask, a source method complete by construction, a call passing the synchronous mode
        // value of a dual-mode method (ValueTaskConsumedOnceAnalyzerTests.ResultUnderIsCompletedGuard_NoDiagnostic,
        // ValueTaskConsumedOnceAnalyzerTests.FastPathIsCompletedSuccessfullyThenBlock_NoDiagnostic, ValueTaskConsumedOnceAnalyzerTests.ResultOfFromResultAndDefault_NoDiagnostic,
        // ValueTaskConsumedOnceAnalyzerTests.GetResultOfDualModeCallInSynchronousMode_NoDiagnostic, ValueTaskConsumedOnceAnalyzerTests.ResultOfSourceMethodCompleteByConstruction_NoDiagnostic).
        // A source method counts only where no other assembly can implement it (MethodSummaries.OwnImplementationsOnly).
        if (CompletedTasks.IsKnownComplete(task, symbols, services.Summaries.OwnImplementationsOnly))
        {
            return;
        }

        // A second consumption is reported by the path walk above, once (ValueTaskConsumedOnceAnalyzerTests.FirstResultThenSecondConsumption_ReportsBoth).
        if (ValueTaskConsumptions.IsRepeated(context.Operation, task, context.GetControlFlowGraph, symbols, context.CancellationToken))
        {
            return;
        }

        var receiver = task.UnwrapConfigureAwait();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.BlockingRead, kind.ToString());
        if (!IsConsumedOnlyHere(receiver))
        {
            properties = properties.Add(DiagnosticProperties.NoFix, "true");
        }

        // The variable, the called method (ReadAsync(), not its arguments), or the field or property as written.
        var name = ValueTaskConsumptions.Referenced(receiver)?.Name
            ?? (receiver is IInvocationOperation call ? call.TargetMethod.Name + "()" : receiver.Syntax.ToString());
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC208, context.Operation.Syntax.GetLocation(), null, properties, name, BlockedBeforeCompleteMessage));
    }

    /// <summary>An error in the expression around the read, up to its statement or function.</summary>
    private static bool IsInBrokenCode(IOperation operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current is IInvalidOperation || current.Type?.TypeKind == TypeKind.Error || current.Syntax.ContainsDiagnostics)
            {
                return true;
            }

            if (current.Parent is null or IBlockOperation or IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The fix (block on <c>receiver.AsTask()</c>) is offered where this read is the ValueTask's one consumption: a call's result, or a
    /// local or parameter read nowhere else. A field or property may be consumed elsewhere (ValueTaskConsumedOnceCodeFixTests.ResultOfLocalConsumedTwice_NoFix).
    /// </summary>
    private static bool IsConsumedOnlyHere(IOperation receiver)
    {
        if (ValueTaskConsumptions.Referenced(receiver) is { } variable)
        {
            return ValueTaskConsumptions.IsOnlyConsumption(receiver.Root(), variable, receiver);
        }

        return receiver is IInvocationOperation or IObjectCreationOperation;
    }

    private static void Analyze(OperationAnalysisContext context, ISymbol variable, AsyncSymbols symbols, IVariableDeclaratorOperation? declarator)
    {
        var root = context.Operation.Root();

        // Roots a control-flow graph can be built for (as ASYNC204): bodies, and field or property initializers holding lambdas.
        if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation))
        {
            return;
        }

        // Captured by a lambda or local function, or consumed at most once outside loops: nothing to walk
        // (ValueTaskConsumedOnceAnalyzerTests.CapturedByLambda_NoDiagnostic, ValueTaskConsumedOnceAnalyzerTests.AwaitedOnce_NoDiagnostic).
        if (!ValueTaskConsumptions.NeedsGraph(root, variable))
        {
            return;
        }

        // The driver builds the graph once per body and shares it between callbacks.
        var graph = context.GetControlFlowGraph();
        ImmutableDictionary<string, string?>? properties = null;
        foreach (var reference in ValueTaskConsumptions.FindRepeated(graph, variable, symbols, context.CancellationToken))
        {
            properties ??= declarator is not null && CanStoreAsTask(declarator, root)
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.NoFix, "true");
            var consumer = ValueTaskConsumptions.Consumer(reference);
            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC208, consumer.Syntax.GetLocation(), null, properties, variable.Name, ConsumedAgainMessage));
        }
    }

    /// <summary>
    /// The fix (<c>var vt = F().AsTask();</c>, every <c>vt.AsTask()</c> becoming <c>vt</c>) is sound only when the Task can take the
    /// ValueTask's place at every use: the local is declared alone with an initializer and never written again, and every use is an
    /// await (also through ConfigureAwait), <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>, <c>AsTask()</c> or a status check, none
    /// of them repeated by a loop or a catch the declaration is not in: a retry that awaits the same ValueTask wants a fresh call,
    /// which a Task would hide (ValueTaskConsumedOnceCodeFixTests.AwaitedInRetryLoop_NoFix, ValueTaskConsumedOnceCodeFixTests.HandedOn_NoFix).
    /// </summary>
    private static bool CanStoreAsTask(IVariableDeclaratorOperation declarator, IOperation root)
    {
        if (declarator.Initializer is null
            || declarator.Parent is not IVariableDeclarationOperation { Declarators.Length: 1 } declaration
            || declaration.Parent is not IVariableDeclarationGroupOperation)
        {
            return false;
        }

        var enclosing = new System.Collections.Generic.HashSet<IOperation>();
        foreach (var ancestor in declarator.Ancestors())
        {
            enclosing.Add(ancestor);
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
            {
                continue;
            }

            if (!IsTaskCompatibleUse(reference))
            {
                return false;
            }

            foreach (var ancestor in reference.Ancestors())
            {
                if (ancestor is ILoopOperation or ICatchClauseOperation && !enclosing.Contains(ancestor))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsTaskCompatibleUse(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IAwaitOperation => true,
        IPropertyReferenceOperation { Property.Name: "Result" or "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" } => true,
        IInvocationOperation { TargetMethod.Name: "AsTask", Arguments.Length: 0 } => true,
        IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IAwaitOperation } => true,
        IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } } => true,
        _ => false,
    };
}
