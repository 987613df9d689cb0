using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics;

/// <summary>
/// Finds task locals whose stored task is lost: on some path from the store to the normal end of the function, the local is
/// neither read (awaited, returned, passed on, stored elsewhere, inspected) nor left alone, but overwritten or abandoned at the exit.
/// Works on the control-flow graph; exceptional paths (throw) do not count, since the failure already surfaces there.
/// </summary>
internal static class UnobservedTaskLocals
{
    /// <summary>Every store of a started task into a local of this graph (and of its nested functions) that is lost on some path.</summary>
    public static IEnumerable<ISimpleAssignmentOperation> Find(ControlFlowGraph graph, ISet<ILocalSymbol> captured, AsyncSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        var graphs = new Stack<ControlFlowGraph>();
        graphs.Push(graph);
        while (graphs.Count > 0)
        {
            var current = graphs.Pop();
            foreach (var local in current.LocalFunctions)
            {
                graphs.Push(current.GetLocalFunctionControlFlowGraph(local, cancellationToken));
            }

            var declared = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            CollectLocals(current.Root, declared);
            foreach (var block in current.Blocks)
            {
                foreach (var lambda in NestedLambdas(block))
                {
                    graphs.Push(current.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
                }

                for (var i = 0; i < block.Operations.Length; i++)
                {
                    if (AsTaskStore(block.Operations[i], symbols) is { } store
                        && store.Target is ILocalReferenceOperation { Local: var target }
                        && declared.Contains(target)
                        && !captured.Contains(target)
                        && IsLostOnSomePath(current, block, i, target))
                    {
                        yield return store;
                    }
                }
            }
        }
    }

    private static IEnumerable<IFlowAnonymousFunctionOperation> NestedLambdas(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            foreach (var nested in operation.DescendantsAndSelf())
            {
                if (nested is IFlowAnonymousFunctionOperation lambda)
                {
                    yield return lambda;
                }
            }
        }

        if (block.BranchValue is { } value)
        {
            foreach (var nested in value.DescendantsAndSelf())
            {
                if (nested is IFlowAnonymousFunctionOperation lambda)
                {
                    yield return lambda;
                }
            }
        }
    }

    private static void CollectLocals(ControlFlowRegion region, HashSet<ILocalSymbol> locals)
    {
        foreach (var local in region.Locals)
        {
            locals.Add(local);
        }

        foreach (var nested in region.NestedRegions)
        {
            CollectLocals(nested, locals);
        }
    }

    /// <summary><c>t = FooAsync()</c> (or a declaration): a call that starts work and returns a task-like.</summary>
    private static ISimpleAssignmentOperation? AsTaskStore(IOperation operation, AsyncSymbols symbols)
    {
        if (operation is IExpressionStatementOperation statement)
        {
            operation = statement.Operation;
        }

        if (operation is not ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local.Type: var type } } assignment
            || !symbols.IsTaskLike(type)
            || assignment.Value.WalkDownConversions() is not IInvocationOperation { TargetMethod: var method } invocation
            || !symbols.IsTaskLike(invocation.Type))
        {
            return null;
        }

        // Tasks that are complete when created carry nothing to lose (TaskLocalNeverObservedAnalyzerTests.CompletedTaskLocal_NoDiagnostic).
        if (method.IsStatic && method.Name is "FromResult" or "FromCanceled" && symbols.IsTaskLike(method.ContainingType))
        {
            return null;
        }

        return assignment;
    }

    private enum Use
    {
        None,
        Read,
        Overwrite,
    }

    private static bool IsLostOnSomePath(ControlFlowGraph graph, BasicBlock start, int index, ILocalSymbol local)
    {
        var visited = new HashSet<BasicBlock>();
        var pending = new Stack<(BasicBlock Block, int From)>();
        pending.Push((start, index + 1));
        while (pending.Count > 0)
        {
            var (block, from) = pending.Pop();
            var use = Use.None;
            for (var i = from; i < block.Operations.Length && use == Use.None; i++)
            {
                use = FirstUse(block.Operations[i], local);
            }

            if (use == Use.None && block.BranchValue is { } branchValue)
            {
                use = FirstUse(branchValue, local);
            }

            if (use == Use.Read)
            {
                continue;
            }

            if (use == Use.Overwrite)
            {
                return true;
            }

            foreach (var branch in new[] { block.ConditionalSuccessor, block.FallThroughSuccessor })
            {
                if (branch is null)
                {
                    continue;
                }

                switch (FollowBranch(graph, branch, local))
                {
                    case Use.Read:
                        continue;
                    case Use.Overwrite:
                        return true;
                }

                if (branch.Destination is not { } destination)
                {
                    // Throw, rethrow, or the end of a finally: not a normal path to the end of the function
                    // (TaskLocalNeverObservedAnalyzerTests.ThrowBeforeAwait_NoDiagnostic).
                    continue;
                }

                if (destination.Kind == BasicBlockKind.Exit)
                {
                    return true;
                }

                if (visited.Add(destination))
                {
                    pending.Push((destination, 0));
                }
            }
        }

        return false;
    }

    /// <summary>Finally blocks run on the way out: a read there observes the task on this path (TaskLocalNeverObservedAnalyzerTests.AwaitedInFinally_NoDiagnostic).</summary>
    private static Use FollowBranch(ControlFlowGraph graph, ControlFlowBranch branch, ILocalSymbol local)
    {
        var result = Use.None;
        foreach (var region in branch.FinallyRegions)
        {
            for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal && ordinal < graph.Blocks.Length; ordinal++)
            {
                var block = graph.Blocks[ordinal];
                foreach (var operation in block.Operations)
                {
                    switch (FirstUse(operation, local))
                    {
                        case Use.Read:
                            return Use.Read;
                        case Use.Overwrite:
                            result = Use.Overwrite;
                            break;
                    }
                }

                if (block.BranchValue is { } value && FirstUse(value, local) == Use.Read)
                {
                    return Use.Read;
                }
            }
        }

        return result;
    }

    /// <summary>The first use of the local in evaluation order within one operation: reads come before the write of an assignment.</summary>
    private static Use FirstUse(IOperation operation, ILocalSymbol local)
    {
        var written = false;
        foreach (var nested in operation.DescendantsAndSelf())
        {
            if (nested is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                if (!reference.IsWrite() || reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref })
                {
                    return Use.Read;
                }

                written = true;
            }
        }

        return written ? Use.Overwrite : Use.None;
    }
}
