using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>What one operation on a path means to <see cref="UnobservedTaskLocals.WalkPaths"/>: go on, end the path, or end it with a finding.</summary>
internal enum PathStep
{
    Continue,
    Stop,
    Found,
}

/// <summary>A started task stored into a local (<c>t = FooAsync()</c>) or added to a collection local (<c>tasks.Add(FooAsync())</c>).</summary>
internal readonly struct TaskStore
{
    public TaskStore(IOperation operation, ILocalSymbol local, bool isCollection)
    {
        Operation = operation;
        Local = local;
        IsCollection = isCollection;
    }

    /// <summary>The assignment or the adding call.</summary>
    public IOperation Operation { get; }

    public ILocalSymbol Local { get; }

    public bool IsCollection { get; }
}

/// <summary>
/// Finds task locals whose stored task is lost: on some path from the store to the normal end of the function, the local is
/// neither read (awaited, returned, passed on, stored elsewhere, inspected) nor left alone, but overwritten or abandoned at the exit.
/// For a collection local, adding more items is neither. Works on the control-flow graph; exceptional paths (throw) do not count,
/// since the failure already surfaces there.
/// </summary>
internal static class UnobservedTaskLocals
{
    private static readonly HashSet<string> AddingMethods = new(System.StringComparer.Ordinal) { "Add", "Insert", "Enqueue", "Push", "TryAdd" };

    /// <summary>
    /// Every store of a started task into a local of this graph (and of its nested functions) that is lost on some path; with
    /// <paramref name="only"/>, the stores into that local alone.
    /// </summary>
    public static IEnumerable<TaskStore> Find(ControlFlowGraph graph, ISet<ILocalSymbol> captured, AsyncSymbols symbols, System.Threading.CancellationToken cancellationToken, ILocalSymbol? only = null)
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
                        && (only is null || SymbolEqualityComparer.Default.Equals(store.Local, only))
                        && declared.Contains(store.Local)
                        && !captured.Contains(store.Local)
                        && IsLostOnSomePath(current, block, i, store)
                        && !IsDelayAwaitedElsewhere(current, store, symbols))
                    {
                        yield return store;
                    }
                }
            }
        }
    }

    /// <summary>The lambdas of one block of a graph, whose own graphs hold their locals (ASYNC204, ASYNC208).</summary>
    public static IEnumerable<IFlowAnonymousFunctionOperation> NestedLambdas(BasicBlock block)
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

    /// <summary><c>t = FooAsync()</c> (or a declaration), or <c>tasks.Add(FooAsync())</c>: a call that starts work and returns a task-like.</summary>
    private static TaskStore? AsTaskStore(IOperation operation, AsyncSymbols symbols)
    {
        if (operation is IExpressionStatementOperation statement)
        {
            operation = statement.Operation;
        }

        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var local } } assignment
                when symbols.IsTaskLike(local.Type) && IsStartedTask(assignment.Value, symbols):
                return new TaskStore(assignment, local, isCollection: false);

            case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation { Local: var array } } } element
                when IsTaskCollection(array.Type, symbols) && IsStartedTask(element.Value, symbols):
                return new TaskStore(element, array, isCollection: true);

            case IInvocationOperation { Instance: ILocalReferenceOperation { Local: var collection } } call
                when AddingMethods.Contains(call.TargetMethod.Name) && IsTaskCollection(collection.Type, symbols):
                foreach (var argument in call.Arguments)
                {
                    if (IsStartedTask(argument.Value, symbols))
                    {
                        return new TaskStore(call, collection, isCollection: true);
                    }
                }

                return null;

            default:
                return null;
        }
    }

    public static bool IsStartedTask(IOperation value, AsyncSymbols symbols)
    {
        if (value.WalkDownConversions() is not IInvocationOperation { TargetMethod: var method } invocation || !symbols.IsTaskLike(invocation.Type))
        {
            return false;
        }

        // Tasks that are complete when created carry nothing to lose (TaskLocalNeverObservedAnalyzerTests.CompletedTaskLocal_NoDiagnostic).
        return !(method.IsStatic && method.Name is "FromResult" or "FromCanceled" && symbols.IsTaskLike(method.ContainingType));
    }

    /// <summary>
    /// A <c>Task.Delay</c> can only finish or be cancelled, never fault: one that is awaited on some paths and abandoned on others
    /// (a cadence timer left behind by a <c>break</c>) loses nothing (TaskLocalNeverObservedAnalyzerTests.DelayAbandonedOnBreak_NoDiagnostic).
    /// One that is never read at all is still a forgotten wait (TaskLocalNeverObservedAnalyzerTests.TopLevelStatements_Reports).
    /// </summary>
    private static bool IsDelayAwaitedElsewhere(ControlFlowGraph graph, TaskStore store, AsyncSymbols symbols)
    {
        if (store.IsCollection
            || store.Operation is not ISimpleAssignmentOperation { Value: var value }
            || value.WalkDownConversions() is not IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Delay" } method }
            || !symbols.IsTask(method.ContainingType))
        {
            return false;
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (FirstUse(operation, store) == Use.Read)
                {
                    return true;
                }
            }

            if (block.BranchValue is { } branchValue && FirstUse(branchValue, store) == Use.Read)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An array of task-likes, or a generic collection (List&lt;Task&gt;, Queue&lt;Task&gt;, ...) of one task-like type.</summary>
    public static bool IsTaskCollection(ITypeSymbol type, AsyncSymbols symbols)
    {
        if (type is IArrayTypeSymbol array)
        {
            return symbols.IsTaskLike(array.ElementType);
        }

        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named || !symbols.IsTaskLike(named.TypeArguments[0]))
        {
            return false;
        }

        foreach (var iface in named.AllInterfaces)
        {
            if (iface.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return true;
            }
        }

        return false;
    }

    private enum Use
    {
        None,
        Read,
        Overwrite,
    }

    private static bool IsLostOnSomePath(ControlFlowGraph graph, BasicBlock start, int index, TaskStore store) =>
        WalkPaths(
            graph,
            start,
            index,
            operation => FirstUse(operation, store) switch
            {
                Use.Read => PathStep.Stop,
                Use.Overwrite => PathStep.Found,
                _ => PathStep.Continue,
            },
            found: null);

    /// <summary>
    /// Follows every normal path forward from just after position <paramref name="after"/> of <paramref name="start"/> (an operation
    /// index; <c>Operations.Length</c> is the block's branch value). Each operation and branch value on the way, those of the finally
    /// regions a branch runs through included, goes to <paramref name="step"/>: Stop ends the path, Found ends it too and is added to
    /// <paramref name="found"/>. Paths that throw or end a finally are not followed (TaskLocalNeverObservedAnalyzerTests.ThrowBeforeAwait_NoDiagnostic).
    /// Without <paramref name="found"/>, returns true at the first Found or at the first path that reaches the function's exit;
    /// with it, walks every path and returns whether one reached the exit. ASYNC204 (a task lost) and ASYNC208 (a ValueTask
    /// consumed twice) both walk with it.
    /// </summary>
    public static bool WalkPaths(ControlFlowGraph graph, BasicBlock start, int after, System.Func<IOperation, PathStep> step, List<IOperation>? found)
    {
        var reachedExit = false;
        var visited = new HashSet<BasicBlock>();
        var pending = new Stack<(BasicBlock Block, int From)>();
        pending.Push((start, after + 1));
        while (pending.Count > 0)
        {
            var (block, from) = pending.Pop();
            var result = PathStep.Continue;
            IOperation? at = null;
            for (var i = from; i < block.Operations.Length && result == PathStep.Continue; i++)
            {
                at = block.Operations[i];
                result = step(at);
            }

            if (result == PathStep.Continue && from <= block.Operations.Length && block.BranchValue is { } branchValue)
            {
                at = branchValue;
                result = step(branchValue);
            }

            if (result == PathStep.Stop)
            {
                continue;
            }

            if (result == PathStep.Found)
            {
                if (found is null)
                {
                    return true;
                }

                found.Add(at!);
                continue;
            }

            foreach (var branch in new[] { block.ConditionalSuccessor, block.FallThroughSuccessor })
            {
                if (branch is null || NeverTaken(block, branch))
                {
                    continue;
                }

                var (finallyStep, finallyAt) = FollowBranch(graph, branch, step);
                if (finallyStep == PathStep.Stop)
                {
                    continue;
                }

                if (finallyStep == PathStep.Found)
                {
                    if (found is null)
                    {
                        return true;
                    }

                    found.Add(finallyAt!);
                    continue;
                }

                if (branch.Destination is not { } destination)
                {
                    // Throw, rethrow, or the end of a finally: not a normal path to the end of the function
                    // (TaskLocalNeverObservedAnalyzerTests.ThrowBeforeAwait_NoDiagnostic).
                    continue;
                }

                if (destination.Kind == BasicBlockKind.Exit)
                {
                    if (found is null)
                    {
                        return true;
                    }

                    reachedExit = true;
                    continue;
                }

                if (visited.Add(destination))
                {
                    pending.Push((destination, 0));
                }
            }
        }

        return reachedExit;
    }

    /// <summary>
    /// A branch a constant condition rules out: <c>while (true)</c> leaves only through its <c>break</c>s, not through the
    /// condition's false edge that the graph keeps (TaskLocalNeverObservedAnalyzerTests.ReassignedInEndlessLoopAwaitedAtItsTop_NoDiagnostic).
    /// </summary>
    private static bool NeverTaken(BasicBlock block, ControlFlowBranch branch)
    {
        if (block.ConditionKind == ControlFlowConditionKind.None || block.BranchValue?.ConstantValue is not { HasValue: true, Value: bool value })
        {
            return false;
        }

        var conditionalTaken = value == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        return branch == block.ConditionalSuccessor ? !conditionalTaken : conditionalTaken;
    }

    /// <summary>
    /// Finally blocks run on the way out: a read there observes the task on this path (TaskLocalNeverObservedAnalyzerTests.AwaitedInFinally_NoDiagnostic).
    /// The first operation of the finally regions that is not Continue decides.
    /// </summary>
    private static (PathStep Step, IOperation? At) FollowBranch(ControlFlowGraph graph, ControlFlowBranch branch, System.Func<IOperation, PathStep> step)
    {
        foreach (var region in branch.FinallyRegions)
        {
            for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal && ordinal < graph.Blocks.Length; ordinal++)
            {
                var block = graph.Blocks[ordinal];
                foreach (var operation in block.Operations)
                {
                    if (step(operation) is not PathStep.Continue and var result)
                    {
                        return (result, operation);
                    }
                }

                if (block.BranchValue is { } value && step(value) is not PathStep.Continue and var branchResult)
                {
                    return (branchResult, value);
                }
            }
        }

        return (PathStep.Continue, null);
    }

    /// <summary>
    /// The first use of the local in evaluation order within one operation: reads come before the write of an assignment. For a
    /// collection, adding items and assigning elements are neither reads nor overwrites.
    /// </summary>
    private static Use FirstUse(IOperation operation, TaskStore store)
    {
        var written = false;
        foreach (var nested in operation.DescendantsAndSelf())
        {
            if (nested is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, store.Local))
            {
                continue;
            }

            if (store.IsCollection && IsAddingTo(reference))
            {
                continue;
            }

            if (!reference.IsWrite() || reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref })
            {
                return Use.Read;
            }

            written = true;
        }

        return written ? Use.Overwrite : Use.None;
    }

    /// <summary><c>tasks.Add(...)</c> or <c>tasks[i] = ...</c>: the reference is the collection an item is stored into.</summary>
    public static bool IsAddingTo(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IInvocationOperation call => call.Instance == reference && AddingMethods.Contains(call.TargetMethod.Name),
        IArrayElementReferenceOperation element => element.ArrayReference == reference && element.Parent is ISimpleAssignmentOperation assignment && assignment.Target == element,
        _ => false,
    };
}
