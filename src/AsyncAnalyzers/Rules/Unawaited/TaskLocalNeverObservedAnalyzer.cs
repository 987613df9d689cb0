using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC204: a task stored in a local that, on some path to the end of the function, is never awaited, returned, passed on,
/// stored elsewhere or otherwise read. Decided on the control-flow graph (<see cref="UnobservedTaskLocals"/>).
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
                        if (IsTaskLocalType(((IVariableDeclaratorOperation)c.Operation).Symbol.Type, symbols))
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
            if (block is not (IBlockOperation { Parent: null or IMethodBodyOperation or IConstructorBodyOperation } or IMethodBodyOperation { Parent: null })
                || !HasTaskLocal(block, symbols))
            {
                continue;
            }

            var graph = context.GetControlFlowGraph(block);
            foreach (var store in UnobservedTaskLocals.Find(graph, CapturedLocals(block), symbols, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC204, store.Operation.Syntax.GetLocation(), store.Local.Name));
            }
        }
    }

    private static bool HasTaskLocal(IOperation block, AsyncSymbols symbols)
    {
        foreach (var operation in block.Descendants())
        {
            if (operation is IVariableDeclaratorOperation { Symbol.Type: var type } && IsTaskLocalType(type, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTaskLocalType(ITypeSymbol type, AsyncSymbols symbols) =>
        symbols.IsTaskLike(type) || (type is IArrayTypeSymbol array && symbols.IsTaskLike(array.ElementType))
        || (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && symbols.IsTaskLike(named.TypeArguments[0]));

    /// <summary>Per-block flag, written by the declarator action and read by the block-end action of the same block.</summary>
    private sealed class TaskLocalSeen
    {
        public volatile bool Value;
    }

    /// <summary>
    /// Locals read inside a lambda or local function other than the one declaring them: the nested function may await them later,
    /// which the graph of the declaring function cannot see (TaskLocalNeverObservedAnalyzerTests.CapturedByAwaitingLambda_NoDiagnostic).
    /// </summary>
    private static HashSet<ILocalSymbol> CapturedLocals(IOperation block)
    {
        var captured = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in block.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && InnermostFunction(reference) is { } function
                && !SymbolEqualityComparer.Default.Equals(function, reference.Local.ContainingSymbol))
            {
                captured.Add(reference.Local);
            }
        }

        return captured;
    }

    private static ISymbol? InnermostFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation local:
                    return local.Symbol;
            }
        }

        return null;
    }
}
