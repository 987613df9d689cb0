using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC204: a task stored in a local that, on some path to the end of the function, is never awaited, returned, passed on,
/// stored elsewhere or otherwise read. Decided on the control-flow graph (<see cref="UnobservedTaskLocals"/>), built only when
/// <see cref="TaskLocalScan"/> cannot settle the local in one walk of its body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskLocalNeverObservedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC204);

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
            var summaries = services.Summaries;

            // One callback per task-typed declarator, each judging its own local. An operation-block-start action (one flag per
            // body, one report pass at the block's end) cost the driver three times this rule's own work in a whole build: it
            // makes the driver collect every declaration's operation blocks and dispatch per-block actions (docs/performance.md).
            start.RegisterOperationAction(c => Analyze(c, symbols, summaries), OperationKind.VariableDeclarator);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSymbols symbols, MethodSummaries summaries)
    {
        var declarator = (IVariableDeclaratorOperation)context.Operation;
        if (!TaskLocalScan.IsTaskLocalType(declarator.Symbol.Type, symbols))
        {
            return;
        }

        var root = declarator.Root();

        // Roots a control-flow graph can be built for: bodies, and field or property initializers (whose lambdas may hold task
        // locals: TaskLocalNeverObservedAnalyzerTests.TaskLocalInInitializerLambda_Reports).
        if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation))
        {
            return;
        }

        // var _ = SendAsync() never mentioned again: a discard with a name (the spelling of `_ =` from before C# 7); whether its
        // exceptions are lost is ASYNC402's question, as for `_ =` (UnawaitedOverlapTests.UnderscoreLocalNeverMentioned_IsAsync402Only).
        if (TaskLocalScan.IsNamedDiscard(declarator, root))
        {
            return;
        }

        var scan = TaskLocalScan.Of(root, symbols, declarator);
        if (!scan.NeedsGraph)
        {
            foreach (var neverRead in scan.NeverRead)
            {
                // A local never read at all drops its task as a call statement does: as ASYNC201 does, the rule asks for a way the
                // work can fail (TaskLocalNeverObservedAnalyzerTests.NeverReadLocalOfWorkThatCannotFault_NoDiagnostic,
                // LocalNeverRead_Reports). A Task.Delay never read is a delay that never happens, and is reported; a task read on
                // some paths only is reported whatever it runs.
                if (neverRead.Initializer?.Value.WalkDownConversions() is IInvocationOperation started && symbols.IsTaskLike(started.Type)
                    && !(started.TargetMethod.Name == "Delay" && SymbolEqualityComparer.Default.Equals(started.TargetMethod.ContainingType, symbols.Task))
                    && (!summaries.CanFault(started, unseenOnly: true).IsYes || !summaries.TaskShowsFault(started, unseenOnly: true).IsYes))
                {
                    continue;
                }

                context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC204, neverRead.Syntax.GetLocation(), null, null, neverRead.Symbol.Name));
            }

            return;
        }

        // The driver builds the graph once per body and shares it between callbacks.
        var graph = context.GetControlFlowGraph();
        foreach (var store in UnobservedTaskLocals.Find(graph, scan.Captured, symbols, context.CancellationToken, only: declarator.Symbol))
        {
            // The task of a held source that is only ever completed successfully is a signal, not work: left on an early return,
            // nothing runs on and nothing fails unseen (TaskLocalNeverObservedAnalyzerTests.SignalTaskLeftOnEarlyReturn_NoDiagnostic,
            // SignalThatCanFailLeftOnEarlyReturn_Reports).
            if (!store.IsCollection && store.Operation is ISimpleAssignmentOperation { Value: var stored } && summaries.IsHeldSourceTaskThatOnlySucceeds(stored))
            {
                continue;
            }

            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC204, store.Operation.Syntax.GetLocation(), null, null, store.Local.Name));
        }
    }
}
