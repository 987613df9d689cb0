using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC204: a task stored in a local that, on some path to the end of the function, is never awaited, returned, passed on,
/// stored elsewhere or otherwise read. Decided on the control-flow graph (<see cref="UnobservedTaskLocals"/>), built only when
/// <see cref="TaskLocalScan"/> cannot settle the body in one walk.
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
            if (AsyncSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            // The graph is the expensive part: build it only for blocks where the driver's own walk met a task-typed local,
            // rather than walking every body a second time to find out.
            start.RegisterOperationBlockStartAction(blockStart =>
            {
                var seen = new TaskLocalSeen();
                blockStart.RegisterOperationAction(
                    c =>
                    {
                        if (TaskLocalScan.IsTaskLocalType(((IVariableDeclaratorOperation)c.Operation).Symbol.Type, symbols))
                        {
                            seen.Value = true;
                        }
                    },
                    OperationKind.VariableDeclarator);
                blockStart.RegisterOperationBlockEndAction(end =>
                {
                    if (seen.Value)
                    {
                        Analyze(end, symbols);
                    }
                });
            });
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, AsyncSymbols symbols)
    {
        foreach (var block in context.OperationBlocks)
        {
            // The graph is built only for bodies; initializers and attribute arguments hold no task locals worth the cost.
            if (block is not (IBlockOperation { Parent: null or IMethodBodyOperation or IConstructorBodyOperation } or IMethodBodyOperation { Parent: null }))
            {
                continue;
            }

            var scan = TaskLocalScan.Of(block, symbols);
            if (!scan.NeedsGraph)
            {
                foreach (var declarator in scan.NeverRead)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC204, declarator.Syntax.GetLocation(), declarator.Symbol.Name));
                }

                continue;
            }

            var graph = context.GetControlFlowGraph(block);
            foreach (var store in UnobservedTaskLocals.Find(graph, scan.Captured, symbols, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC204, store.Operation.Syntax.GetLocation(), store.Local.Name));
            }
        }
    }

    /// <summary>Per-block flag, written by the declarator action and read by the block-end action of the same block.</summary>
    private sealed class TaskLocalSeen
    {
        public volatile bool Value;
    }
}
