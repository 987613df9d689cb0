using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>How one reference uses a ValueTask variable.</summary>
internal enum ValueTaskUse
{
    /// <summary>Reads nothing that the ValueTask gives only once: <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>, <c>Equals</c>, a capture.</summary>
    None,

    /// <summary>Awaited, <c>AsTask()</c>, <c>Preserve()</c>, <c>.Result</c>, <c>GetAwaiter()</c>, <c>ConfigureAwait</c>, or handed on: passed, returned, stored.</summary>
    Consume,

    /// <summary>Assigned, or passed by ref or out: what the variable holds afterwards is another ValueTask.</summary>
    Write,
}

/// <summary>
/// ValueTask locals and by-value parameters consumed more than once on some path (ASYNC208). A ValueTask may be backed by a
/// pooled <c>IValueTaskSource</c> that is reused once its result is read, so only the first consumption is sound. Decided on the
/// control-flow graph with <see cref="UnobservedTaskLocals.WalkPaths"/>, the walk ASYNC204 uses: from every store of a ValueTask
/// that may be pooled (a call, a copy, a parameter's value on entry) to the first consumptions on each path, and from each
/// consumption to the next one, which is reported. A store ends a path: a re-assigned local holds a fresh ValueTask.
/// </summary>
internal static class ValueTaskConsumptions
{
    /// <summary>A local (not a ref local) or a by-value parameter of type ValueTask or ValueTask&lt;T&gt;.</summary>
    public static bool IsTracked(ISymbol? symbol, AsyncSymbols symbols) => symbol switch
    {
        ILocalSymbol { IsRef: false } local => symbols.IsValueTask(local.Type),
        IParameterSymbol { RefKind: RefKind.None } parameter => symbols.IsValueTask(parameter.Type),
        _ => false,
    };

    /// <summary>The local or parameter this operation itself references (no conversions walked), or null.</summary>
    public static ISymbol? Referenced(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>
    /// How the reference uses the ValueTask. Works on the operation tree and on the control-flow graph's operations alike (a
    /// <c>return vt;</c> is a branch value without a parent in the graph).
    /// </summary>
    public static ValueTaskUse Classify(IOperation reference)
    {
        if (reference.IsWrite())
        {
            return ValueTaskUse.Write;
        }

        var current = reference;
        var parent = current.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case null:
                // The graph's branch value: a return (a condition is a bool, never a ValueTask).
                return reference.Type is null ? ValueTaskUse.None : ValueTaskUse.Consume;
            case IAwaitOperation:
            case IReturnOperation:
            case IArrayInitializerOperation:
                return ValueTaskUse.Consume;
            case IInvocationOperation invocation when invocation.Instance == current:
                // vt.Equals(other), vt.GetHashCode(), vt.ToString() read nothing the ValueTask gives only once
                // (ValueTaskConsumedOnceAnalyzerTests.StatusChecksAndEquality_NoDiagnostic).
                return invocation.TargetMethod.Name is "AsTask" or "Preserve" or "GetAwaiter" or "ConfigureAwait" ? ValueTaskUse.Consume : ValueTaskUse.None;
            case IPropertyReferenceOperation property when property.Instance == current:
                // IsCompleted, IsCompletedSuccessfully, IsFaulted, IsCanceled may be asked before the one consumption
                // (ValueTaskConsumedOnceAnalyzerTests.FastPathThenResult_NoDiagnostic).
                return property.Property.Name == "Result" ? ValueTaskUse.Consume : ValueTaskUse.None;
            case IArgumentOperation argument:
                return argument.Parent is IInvocationOperation or IObjectCreationOperation ? ValueTaskUse.Consume : ValueTaskUse.None;
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                // A discard keeps nothing (ValueTaskConsumedOnceAnalyzerTests.DiscardedThenAwaited_NoDiagnostic).
                return assignment.Target is IDiscardOperation ? ValueTaskUse.None : ValueTaskUse.Consume;
            case IVariableInitializerOperation:
                return ValueTaskUse.Consume;
            default:
                // Anything else (a comparison, a tuple, a flow capture of the graph, nameof) is not counted: silence when unsure
                // (ValueTaskConsumedOnceAnalyzerTests.ConditionalChoiceThenAwait_NoDiagnostic).
                return ValueTaskUse.None;
        }
    }

    /// <summary>
    /// The expression a finding points at: the whole <c>await vt.ConfigureAwait(false)</c>, <c>vt.GetAwaiter().GetResult()</c>,
    /// <c>vt.Result</c> or <c>vt.AsTask()</c>; the reference itself when the ValueTask is handed on.
    /// </summary>
    public static IOperation Consumer(IOperation reference)
    {
        var current = reference;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" or "AsTask" or "Preserve" } invocation when invocation.Instance == current:
                case IPropertyReferenceOperation { Property.Name: "Result" } property when property.Instance == current:
                case IAwaitOperation:
                    current = parent;
                    continue;
            }

            break;
        }

        return current;
    }

    /// <summary>
    /// Cheap look at the body without a graph: false when the variable is read by a nested function (whose consumptions the graph of
    /// its owner cannot order: ValueTaskConsumedOnceAnalyzerTests.CapturedByLambda_NoDiagnostic) or when it cannot be consumed twice
    /// on any path: fewer than two consumptions, none of them inside a loop or a body with labels.
    /// </summary>
    public static bool NeedsGraph(IOperation root, ISymbol variable)
    {
        var consumptions = 0;
        var repeats = false;
        foreach (var operation in root.Descendants())
        {
            if (operation is ILabeledOperation)
            {
                repeats = true;
                continue;
            }

            if (Referenced(operation) is not { } symbol || !SymbolEqualityComparer.Default.Equals(symbol, variable))
            {
                continue;
            }

            if (AsyncContext.Of(operation, variable.ContainingSymbol) is { FunctionOperation: not null, Function: var function }
                && !SymbolEqualityComparer.Default.Equals(function, variable.ContainingSymbol))
            {
                return false;
            }

            if (Classify(operation) == ValueTaskUse.Consume)
            {
                consumptions++;
                repeats |= operation.FirstAncestor<ILoopOperation>() is not null;
            }
        }

        return consumptions >= 2 || (consumptions == 1 && repeats);
    }

    /// <summary>
    /// The references of <paramref name="variable"/> in <paramref name="rootGraph"/> or the nested graph of its function that consume a
    /// ValueTask already consumed on some path from the store that made it.
    /// </summary>
    public static List<IOperation> FindRepeated(ControlFlowGraph rootGraph, ISymbol variable, AsyncSymbols symbols, CancellationToken cancellationToken)
    {
        var repeated = new List<IOperation>();
        if (variable.ContainingSymbol is not IMethodSymbol owner || GraphOf(rootGraph, owner, cancellationToken) is not { } graph)
        {
            return repeated;
        }

        var positions = new Dictionary<IOperation, (BasicBlock Block, int Index)>();
        var definitions = new List<(BasicBlock Block, int Index)>();
        foreach (var block in graph.Blocks)
        {
            for (var i = 0; i <= block.Operations.Length; i++)
            {
                var operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue;
                if (operation is null)
                {
                    continue;
                }

                positions[operation] = (block, i);
                if (IsPooledStore(operation, variable, symbols))
                {
                    definitions.Add((block, i));
                }
            }
        }

        // A parameter holds its caller's ValueTask on entry.
        if (variable is IParameterSymbol && graph.Blocks.Length > 0)
        {
            definitions.Add((graph.Blocks[0], graph.Blocks[0].Operations.Length));
        }

        System.Func<IOperation, PathStep> step = operation => Step(operation, variable);
        var consumed = new List<IOperation>();
        foreach (var (block, index) in definitions)
        {
            UnobservedTaskLocals.WalkPaths(graph, block, index, step, consumed);
        }

        var started = new HashSet<IOperation>();
        var reported = new HashSet<SyntaxNode>();
        for (var next = 0; next < consumed.Count; next++)
        {
            var operation = consumed[next];
            if (!started.Add(operation) || !positions.TryGetValue(operation, out var position))
            {
                continue;
            }

            var uses = Uses(operation, variable);

            // The operation that was reached holds the first consumption on this path, and any later one in the same operation
            // repeats it (vt.Result + vt.Result).
            for (var i = 1; i < uses.Consumptions.Count; i++)
            {
                Report(uses.Consumptions[i]);
            }

            // vt = vt.Preserve(): what the variable holds afterwards is fresh.
            if (uses.Writes)
            {
                continue;
            }

            var found = new List<IOperation>();
            UnobservedTaskLocals.WalkPaths(graph, position.Block, position.Index, step, found);

            // An await that throws has consumed the ValueTask too: the catch handlers of the try around it come after it
            // (ValueTaskConsumedOnceAnalyzerTests.AwaitedInTryThenInCatch_Reports, ValueTaskConsumedOnceAnalyzerTests.ThrowAfterAwait_NoDiagnostic).
            foreach (var handler in CatchEntries(graph, position.Block))
            {
                UnobservedTaskLocals.WalkPaths(graph, handler, -1, step, found);
            }

            foreach (var again in found)
            {
                Report(Uses(again, variable).Consumptions[0]);
                consumed.Add(again);
            }
        }

        return repeated;

        void Report(IOperation reference)
        {
            if (reported.Add(reference.Syntax))
            {
                repeated.Add(reference);
            }
        }
    }

    /// <summary>
    /// Is <paramref name="consumer"/> (<c>vt.Result</c>, <c>vt.GetAwaiter().GetResult()</c>) a repeated consumption of the ValueTask
    /// variable <paramref name="task"/> reads, the finding of ASYNC208? ASYNC101/ASYNC104 ask before reporting a blocking read, so
    /// that one mistake gets one diagnostic.
    /// </summary>
    public static bool IsRepeated(IOperation consumer, IOperation task, System.Func<ControlFlowGraph> graph, AsyncSymbols symbols, CancellationToken cancellationToken)
    {
        var unwrapped = task.UnwrapConfigureAwait();
        if (Referenced(unwrapped) is not { } variable || !IsTracked(variable, symbols))
        {
            return false;
        }

        var root = consumer.Root();
        if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation)
            || !NeedsGraph(root, variable))
        {
            return false;
        }

        foreach (var reference in FindRepeated(graph(), variable, symbols, cancellationToken))
        {
            if (Consumer(reference).Syntax == consumer.Syntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Who reports a blocking read (<c>.Result</c>, <c>.GetAwaiter().GetResult()</c>, also through <c>ConfigureAwait</c>): true when it
    /// reads a ValueTask or ValueTask&lt;T&gt; in synchronous code, which is ASYNC208's (a ValueTask backed by an <c>IValueTaskSource</c>
    /// does not support blocking before it completes: a correctness bug, not only a blocking smell). In async code ASYNC101 keeps it
    /// (with its fix to <c>await</c>); ASYNC104 reports no ValueTask receiver. BlockingWaitAnalyzer and ValueTaskConsumedOnceAnalyzer
    /// both ask here, so one read gets one of the three IDs (UnawaitedOverlapTests.ResultOfValueTaskNotKnownComplete_IsAsync101InAsyncCodeAsync208InSyncCode).
    /// </summary>
    public static bool OwnsBlockingRead(BlockingKind kind, IOperation? task, bool inAsyncCode, AsyncSymbols symbols) =>
        !inAsyncCode
        && kind is BlockingKind.Result or BlockingKind.GetResult
        && task is not null
        && symbols.IsValueTask(task.UnwrapConfigureAwait().Type)
        && !IsTaskBacked(task.UnwrapConfigureAwait(), symbols);

    /// <summary>
    /// <c>DisposeAsyncInternal().GetAwaiter().GetResult()</c> where the callee is an <c>async</c> method of this compilation returning
    /// <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c> that no override can replace and that names no <c>[AsyncMethodBuilder]</c>: the
    /// default builder completes it with its result or backs it with a Task, and a Task supports a blocking read. The read is then
    /// plain sync-over-async, ASYNC104's or ASYNC101's (ValueTaskConsumedOnceAnalyzerTests.BlockingReadOfOwnAsyncValueTaskMethod_NoDiagnostic,
    /// BlockingReadOfOverridableOrPoolingAsyncMethod_Reports, UnawaitedOverlapTests.ResultOfOwnAsyncValueTaskMethod_IsAsync104).
    /// </summary>
    public static bool IsTaskBacked(IOperation receiver, AsyncSymbols symbols)
    {
        if (receiver.WalkDownConversions() is not IInvocationOperation { TargetMethod: var target })
        {
            return false;
        }

        var method = target.BodyPart();
        if (!method.IsAsync || method.IsVirtual || method.IsAbstract || method.IsOverride || !symbols.IsValueTask(method.ReturnType))
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "AsyncMethodBuilderAttribute")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Is <paramref name="reference"/> (a reference to <paramref name="variable"/>) the one consumption of the variable in its body,
    /// run at most once per store: no other consumption, no read from a nested function, not repeated by a loop the declaration is not
    /// in? Then blocking on <c>vt.AsTask()</c> instead of <c>vt</c> changes nothing else (ValueTaskConsumedOnceCodeFixTests.ResultOfLocalConsumedTwice_NoFix).
    /// </summary>
    public static bool IsOnlyConsumption(IOperation root, ISymbol variable, IOperation reference)
    {
        var declaration = variable.DeclaringSyntaxReferences.Length == 1 ? variable.DeclaringSyntaxReferences[0].Span : default;
        foreach (var operation in root.Descendants())
        {
            if (Referenced(operation) is not { } symbol || !SymbolEqualityComparer.Default.Equals(symbol, variable))
            {
                continue;
            }

            if (AsyncContext.Of(operation, variable.ContainingSymbol) is { FunctionOperation: not null, Function: var function }
                && !SymbolEqualityComparer.Default.Equals(function, variable.ContainingSymbol))
            {
                return false;
            }

            if (operation == reference)
            {
                foreach (var ancestor in operation.Ancestors())
                {
                    if (ancestor is ILoopOperation && !ancestor.Syntax.Span.Contains(declaration))
                    {
                        return false;
                    }
                }
            }
            else if (Classify(operation) == ValueTaskUse.Consume)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first blocks of the catch handlers (filters included) of every try region around the block.</summary>
    private static IEnumerable<BasicBlock> CatchEntries(ControlFlowGraph graph, BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { Kind: ControlFlowRegionKind.TryAndCatch } tryAndCatch)
            {
                continue;
            }

            foreach (var handler in tryAndCatch.NestedRegions)
            {
                if (handler.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler && handler.FirstBlockOrdinal < graph.Blocks.Length)
                {
                    yield return graph.Blocks[handler.FirstBlockOrdinal];
                }
            }
        }
    }

    /// <summary>The graph of the function that owns the variable: the root's, or that of a nested lambda or local function.</summary>
    private static ControlFlowGraph? GraphOf(ControlFlowGraph root, IMethodSymbol owner, CancellationToken cancellationToken)
    {
        var graphs = new Stack<ControlFlowGraph>();
        graphs.Push(root);
        while (graphs.Count > 0)
        {
            var current = graphs.Pop();
            foreach (var local in current.LocalFunctions)
            {
                var nested = current.GetLocalFunctionControlFlowGraph(local, cancellationToken);
                if (SymbolEqualityComparer.Default.Equals(local, owner))
                {
                    return nested;
                }

                graphs.Push(nested);
            }

            foreach (var block in current.Blocks)
            {
                foreach (var lambda in UnobservedTaskLocals.NestedLambdas(block))
                {
                    var nested = current.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                    if (SymbolEqualityComparer.Default.Equals(lambda.Symbol, owner))
                    {
                        return nested;
                    }

                    graphs.Push(nested);
                }
            }
        }

        return root;
    }

    private static PathStep Step(IOperation operation, ISymbol variable)
    {
        var uses = Uses(operation, variable);
        return uses.Consumptions.Count > 0 ? PathStep.Found : uses.Writes ? PathStep.Stop : PathStep.Continue;
    }

    /// <summary>The consumptions of the variable in one operation of the graph, in source order, and whether it is written there.</summary>
    private static (List<IOperation> Consumptions, bool Writes) Uses(IOperation operation, ISymbol variable)
    {
        var consumptions = new List<IOperation>();
        var writes = false;
        foreach (var nested in operation.DescendantsAndSelf())
        {
            if (Referenced(nested) is not { } symbol || !SymbolEqualityComparer.Default.Equals(symbol, variable))
            {
                continue;
            }

            switch (Classify(nested))
            {
                case ValueTaskUse.Consume:
                    consumptions.Add(nested);
                    break;
                case ValueTaskUse.Write:
                    writes = true;
                    break;
            }
        }

        consumptions.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        return (consumptions, writes);
    }

    /// <summary>
    /// A store into the variable of a ValueTask that may be pooled. Not <c>default</c>, <c>new ValueTask&lt;T&gt;(value)</c>,
    /// <c>ValueTask.FromResult</c>, <c>ValueTask.CompletedTask</c>, <c>new ValueTask(task)</c> or <c>vt.Preserve()</c>: those are
    /// backed by a result or a Task and may be consumed any number of times (ValueTaskConsumedOnceAnalyzerTests.DefaultValueTask_NoDiagnostic,
    /// ValueTaskConsumedOnceAnalyzerTests.PreservedThenAwaitedTwice_NoDiagnostic).
    /// </summary>
    private static bool IsPooledStore(IOperation operation, ISymbol variable, AsyncSymbols symbols)
    {
        foreach (var nested in operation.DescendantsAndSelf())
        {
            if (Referenced(nested) is not { } symbol || !SymbolEqualityComparer.Default.Equals(symbol, variable) || Classify(nested) != ValueTaskUse.Write)
            {
                continue;
            }

            if (nested.Parent is not ISimpleAssignmentOperation { Value: var value } assignment || assignment.Target != nested)
            {
                // out vt, ref vt, a deconstruction: anything may be stored.
                return true;
            }

            if (!IsReusable(value, symbols))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A ValueTask backed by a result or a Task, which any number of consumers may read.</summary>
    private static bool IsReusable(IOperation value, AsyncSymbols symbols)
    {
        var unwrapped = value.WalkDownConversions();
        switch (unwrapped)
        {
            case IDefaultValueOperation:
            case ILiteralOperation:
                return true;
            case IObjectCreationOperation creation when symbols.IsValueTask(creation.Type):
                // new ValueTask<T>(value), new ValueTask(task), new ValueTask<T>(task); not new ValueTask(source, token).
                return creation.Arguments.Length <= 1;
            case IInvocationOperation { TargetMethod.Name: "Preserve", Instance: { } instance } when symbols.IsValueTask(instance.Type):
                return true;
        }

        return CompletedTasks.IsCompletedByConstruction(unwrapped, symbols);
    }
}
