using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// One walk over a body that decides whether ASYNC204 needs its control-flow graph at all, and collects the locals captured by
/// nested functions. Building the graph is the rule's main cost; most task locals are the plain
/// <c>var t = FooAsync(); ...; await t;</c>, which is observed on every path without a graph.
/// </summary>
internal readonly struct TaskLocalScan
{
    private TaskLocalScan(bool needsGraph, HashSet<ILocalSymbol> captured, List<IVariableDeclaratorOperation> neverRead)
    {
        NeedsGraph = needsGraph;
        Captured = captured;
        NeverRead = neverRead;
    }

    /// <summary>False when every task local of the body is captured or plainly observed: the graph would find nothing.</summary>
    public bool NeedsGraph { get; }

    /// <summary>
    /// Locals read inside a lambda or local function other than the one declaring them: the nested function may await them later,
    /// which the graph of the declaring function cannot see (TaskLocalNeverObservedAnalyzerTests.CapturedByAwaitingLambda_NoDiagnostic).
    /// </summary>
    public HashSet<ILocalSymbol> Captured { get; }

    /// <summary>
    /// When no graph is needed: <c>var t = FooAsync();</c> with no other write and no read at all, lost on every path. The graph
    /// would report exactly these, at the same declarator.
    /// </summary>
    public List<IVariableDeclaratorOperation> NeverRead { get; }

    /// <summary>A local that can hold a started task: a task-like, or an array or collection of them (List&lt;Task&gt;, not Func&lt;Task&gt;).</summary>
    public static bool IsTaskLocalType(ITypeSymbol type, AsyncSymbols symbols) =>
        symbols.IsTaskLike(type) || UnobservedTaskLocals.IsTaskCollection(type, symbols);

    /// <summary>
    /// Scans <paramref name="body"/>. With <paramref name="focus"/>, only that declarator's local is judged (the rest of the body is
    /// still read for its uses and jumps): ASYNC204 calls this once per task-typed declarator, so that no state is kept per body.
    /// </summary>
    public static TaskLocalScan Of(IOperation body, AsyncSymbols symbols, IVariableDeclaratorOperation? focus = null)
    {
        var captured = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var declarators = new List<IVariableDeclaratorOperation>();
        var reads = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
        var written = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var addedTo = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var hasJumps = false;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when (focus is null || declarator == focus) && IsTaskLocalType(declarator.Symbol.Type, symbols):
                    declarators.Add(declarator);
                    break;
                case ILocalReferenceOperation reference:
                    if (AsyncContext.Of(reference, reference.Local.ContainingSymbol) is { FunctionOperation: not null, Function: var function }
                        && !SymbolEqualityComparer.Default.Equals(function, reference.Local.ContainingSymbol))
                    {
                        captured.Add(reference.Local);
                    }

                    if (reference.IsWrite())
                    {
                        written.Add(reference.Local);
                    }
                    else if (UnobservedTaskLocals.IsAddingTo(reference))
                    {
                        addedTo.Add(reference.Local);
                    }
                    else
                    {
                        if (!reads.TryGetValue(reference.Local, out var list))
                        {
                            reads[reference.Local] = list = new List<ILocalReferenceOperation>();
                        }

                        list.Add(reference);
                    }

                    break;
                case IBranchOperation or IReturnOperation:
                    hasJumps = true;
                    break;
            }
        }

        var needsGraph = false;
        var neverRead = new List<IVariableDeclaratorOperation>();
        foreach (var declarator in declarators)
        {
            var local = declarator.Symbol;
            if (captured.Contains(local) || IsPlainlyObserved(declarator, symbols, written, addedTo, reads, hasJumps))
            {
                continue;
            }

            if (symbols.IsTaskLike(local.Type) && !written.Contains(local) && !reads.ContainsKey(local)
                && declarator.Initializer is { Value: var value } && UnobservedTaskLocals.IsStartedTask(value, symbols))
            {
                neverRead.Add(declarator);
                continue;
            }

            needsGraph = true;
            break;
        }

        return new TaskLocalScan(needsGraph, captured, needsGraph ? new List<IVariableDeclaratorOperation>() : neverRead);
    }

    /// <summary>
    /// A local named only with underscores, declared with an initializer and never mentioned again in its function (no read, no
    /// write, no capture): a discard with a name, the spelling of <c>_ =</c> from before C# 7 (<c>var _ = SendAsync();</c>). A local
    /// with a real name that is never read may be a forgotten await, and stays ASYNC204's.
    /// </summary>
    public static bool IsNamedDiscard(IVariableDeclaratorOperation declarator, IOperation root)
    {
        if (declarator.Initializer is null || declarator.Symbol.Name.Trim('_').Length != 0)
        {
            return false;
        }

        var local = declarator.Symbol;
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A task local that is never stored by a call, or <c>var t = FooAsync();</c> with no other write, followed in the same block
    /// by a statement that always reads it (<c>await t;</c>, <c>return await t;</c>, <c>await Task.WhenAll(t, u);</c>): every
    /// normal path from the store passes the read.
    /// Anything else (collections, later stores, a read under a condition, jumps or returns in between) goes to the graph.
    /// </summary>
    private static bool IsPlainlyObserved(
        IVariableDeclaratorOperation declarator,
        AsyncSymbols symbols,
        HashSet<ILocalSymbol> written,
        HashSet<ILocalSymbol> addedTo,
        Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> reads,
        bool hasJumps)
    {
        var local = declarator.Symbol;
        if (!symbols.IsTaskLike(local.Type))
        {
            // A collection stores started tasks only through Add or an element assignment (UnobservedTaskLocals.AsTaskStore):
            // var tasks = ids.Select(FindAsync).ToList() holds nothing this rule could lose.
            return !addedTo.Contains(local);
        }

        if (written.Contains(local))
        {
            return false;
        }

        // Only a call stores a started task (UnobservedTaskLocals.IsStartedTask): a foreach variable, or a local copied from a
        // field or another local, holds nothing this rule could lose.
        if (declarator.Initializer?.Value.WalkDownConversions() is not IInvocationOperation)
        {
            return true;
        }

        if (!reads.TryGetValue(local, out var references)
            || declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation block } declaration)
        {
            return false;
        }

        var declarationIndex = IndexIn(block, declaration);
        foreach (var reference in references)
        {
            if (UnconditionalStatement(reference) is { } statement
                && statement.Parent == block
                && IndexIn(block, statement) is var readIndex && readIndex > declarationIndex
                && (!hasJumps || NoJumpsBetween(block, declarationIndex, readIndex)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statement containing the reference, when nothing between them evaluates the reference conditionally.</summary>
    private static IOperation? UnconditionalStatement(IOperation reference)
    {
        foreach (var current in reference.Ancestors())
        {
            switch (current)
            {
                case IExpressionStatementOperation or IReturnOperation { Kind: OperationKind.Return } or IVariableDeclarationGroupOperation:
                    return current;
                case IAwaitOperation or IConversionOperation or IArgumentOperation or IInvocationOperation or IPropertyReferenceOperation
                    or IVariableInitializerOperation or IVariableDeclaratorOperation or IVariableDeclarationOperation or ISimpleAssignmentOperation
                    or IArrayCreationOperation or IArrayInitializerOperation or IObjectCreationOperation or ITupleOperation:
                    continue;

                // The collection the compiler builds for a params argument (C# 13 binds WhenAll(t, u) to a params span on .NET 9+,
                // a collection-expression operation newer than the Roslyn we build against): its elements are always evaluated.
                case { IsImplicit: true, Parent: IArgumentOperation }:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// No break, continue, goto, return or yield between the two statements. Lambdas and local functions are not entered: their
    /// returns (an expression-bodied lambda has an implicit one) leave only them.
    /// </summary>
    private static bool NoJumpsBetween(IBlockOperation block, int from, int to)
    {
        var pending = new Stack<IOperation>();
        for (var i = from + 1; i < to; i++)
        {
            pending.Push(block.Operations[i]);
        }

        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case IBranchOperation or IReturnOperation:
                    return false;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    continue;
                case var operation:
                    foreach (var child in operation.ChildOperations)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return true;
    }

    private static int IndexIn(IBlockOperation block, IOperation statement)
    {
        for (var i = 0; i < block.Operations.Length; i++)
        {
            if (block.Operations[i] == statement)
            {
                return i;
            }
        }

        return -1;
    }
}
