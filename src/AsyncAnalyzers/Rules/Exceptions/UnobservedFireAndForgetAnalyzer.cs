using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Exceptions;

/// <summary>
/// ASYNC402: a task started and forgotten with nobody to see its exception: <c>_ = FooAsync();</c> (including <c>Task.Run</c> and
/// <c>Task.Factory.StartNew</c>), or a fresh task handed to a helper in the compilation that ignores it (<c>FooAsync().Forget()</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnobservedFireAndForgetAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC402);

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

            start.RegisterOperationAction(c => AnalyzeDiscard(c, services), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeNamedDiscard(c, services), OperationKind.VariableDeclarator);
            start.RegisterOperationAction(c => AnalyzeForgetHelper(c, services), OperationKind.Invocation);
        });
    }

    private static void AnalyzeDiscard(OperationAnalysisContext context, CompilationServices services)
    {
        var (symbols, work, handlers) = (services.Symbols, services.StartedWork, services.ExceptionHandlers);
        var assignment = (ISimpleAssignmentOperation)context.Operation;

        // A plain dropped call is ASYNC201's; only the explicit discard is ours (UnobservedFireAndForgetAnalyzerTests.DroppedCallStatement_NoDiagnostic).
        if (assignment.Target is not IDiscardOperation)
        {
            return;
        }

        // A task read from a local or property may be awaited elsewhere (UnobservedFireAndForgetAnalyzerTests.DiscardOfStoredTask_NoDiagnostic).
        if (work.FreshTask(assignment.Value) is not { } started || IsObservedOrSafe(started, services, out var evidence))
        {
            return;
        }

        var properties = handlers.PropertiesFor(context.Options, assignment.Syntax.SyntaxTree);
        if (started.TargetMethod.Name == "ContinueWith" || assignment.Value.WalkDownConversions() is IConditionalAccessOperation)
        {
            properties = properties.Add(DiagnosticProperties.NoFix, "true");
        }
        else if (CanAwait(assignment, context.ContainingSymbol))
        {
            properties = properties.Add(DiagnosticProperties.CanAwait, "true");
        }
        else if (symbols.IsValueTask(started.Type))
        {
            properties = properties.Add(DiagnosticProperties.ValueTask, "true");
        }

        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC402, assignment.Syntax.GetLocation(), null, properties, started.TargetMethod.Name, FaultEvidence.Describe(evidence, started, context.ContainingSymbol)));
    }

    /// <summary>
    /// <c>var _ = SendAsync();</c> with the local never mentioned again: a discard with a name (ASYNC204 leaves it here), judged as
    /// <c>_ = SendAsync();</c> is; no fix, as the declaration is the author's to rewrite
    /// (UnobservedFireAndForgetAnalyzerTests.NamedDiscardOfFaultingWork_Reports, NamedDiscardOfCoveredWork_NoDiagnostic).
    /// </summary>
    private static void AnalyzeNamedDiscard(OperationAnalysisContext context, CompilationServices services)
    {
        var declarator = (IVariableDeclaratorOperation)context.Operation;
        if (!services.Symbols.IsTaskLike(declarator.Symbol.Type)
            || declarator.Initializer?.Value is not { } value
            || services.StartedWork.FreshTask(value) is not { } started
            || !TaskLocalScan.IsNamedDiscard(declarator, declarator.Root())
            || IsObservedOrSafe(started, services, out var evidence))
        {
            return;
        }

        var properties = services.ExceptionHandlers.PropertiesFor(context.Options, declarator.Syntax.SyntaxTree).Add(DiagnosticProperties.NoFix, "true");
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC402, declarator.Syntax.GetLocation(), null, properties, started.TargetMethod.Name, FaultEvidence.Describe(evidence, started, context.ContainingSymbol)));
    }

    private static void AnalyzeForgetHelper(OperationAnalysisContext context, CompilationServices services)
    {
        var (symbols, work, handlers) = (services.Symbols, services.StartedWork, services.ExceptionHandlers);
        var invocation = (IInvocationOperation)context.Operation;
        if (!invocation.TargetMethod.ReturnsVoid)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter
                || !symbols.IsTaskLike(parameter.Type)
                || work.FreshTask(argument.Value) is not { } started
                || IsObservedOrSafe(started, services, out var evidence)
                || !services.Summaries.IgnoresParameter(invocation.TargetMethod, parameter, invocation).IsYes)
            {
                continue;
            }

            var properties = handlers.PropertiesFor(context.Options, invocation.Syntax.SyntaxTree);
            properties = CanAwait(invocation, context.ContainingSymbol) && started.TargetMethod.Name != "ContinueWith"
                ? properties.Add(DiagnosticProperties.CanAwait, "true")
                : properties.Add(DiagnosticProperties.NoFix, "true");
            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC402, invocation.Syntax.GetLocation(), null, properties, started.TargetMethod.Name, FaultEvidence.Describe(evidence, started, context.ContainingSymbol)));
            return;
        }
    }

    /// <summary>
    /// True when the started work is observed or cannot fault unseen; otherwise <paramref name="evidence"/> is where its work shows
    /// a fault, which the message names.
    /// </summary>
    private static bool IsObservedOrSafe(IInvocationOperation started, CompilationServices services, out Fact evidence)
    {
        evidence = Fact.Unknown;
        var work = services.StartedWork;
        // Task.Delay and already-complete tasks have no exception to lose (UnobservedFireAndForgetAnalyzerTests.DiscardOfDelayAndCompletedTasks_NoDiagnostic).
        if (work.CannotFault(started))
        {
            return true;
        }

        // Work that catches everything itself, or logs what it rethrows, or only returns completed tasks, or awaits only such
        // work, cannot fault unseen; nor can a continuation that looks at its antecedent, or a task handed to a helper that
        // attaches one (task.LogExceptions()); nor a call the analysis could not follow to the end (Unknown)
        // (UnobservedFireAndForgetAnalyzerTests.ContinueWithCheckingIsFaulted_NoDiagnostic, ObservingExtensionHelper_NoDiagnostic,
        // (UnobservedFireAndForgetAnalyzerTests.TaskRunLambdaBodyIsCatchAll_NoDiagnostic, CatchAllThatLogsAndRethrows_NoDiagnostic,
        // CalleeReturnsCompletedTask_NoDiagnostic, CalleeAwaitsOnlyCoveredCallees_NoDiagnostic, InterfaceWhoseImplementationsCatchEverything_NoDiagnostic).
        // And a task that could fault in theory but whose work shows no way to fail in practice (in-memory bookkeeping, property
        // sets, P/Invoke with return codes) is not worth a report (UnobservedFireAndForgetAnalyzerTests.CalleeOnlyUpdatesState_NoDiagnostic,
        // CalleeReadsAFile_Reports).
        if (!services.Summaries.CanFault(started, unseenOnly: true).IsYes)
        {
            return true;
        }

        evidence = services.Summaries.TaskShowsFault(started, unseenOnly: true);
        return !evidence.IsYes;
    }

    private static bool CanAwait(IOperation operation, ISymbol containingSymbol) =>
        operation.Parent is IExpressionStatementOperation
        && AsyncContext.Of(operation, containingSymbol).IsAsync
        && AsyncContext.CanInsertAwait(operation);
}
