using System.Collections.Concurrent;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about suspension: can an async body, or the task a call returns, ever make its awaiter wait?</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _canSuspend = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether a function body can suspend at one of its awaits. No when every await is of a task complete by construction or of a
    /// call that never suspends: an <c>async</c> method of this compilation that itself never suspends (it has no real await, the
    /// compiler's CS1998), or a non-async method that only returns completed tasks or such calls. Yes for <c>await foreach</c>,
    /// <c>await using</c>, library methods, delegates and anything else; Unknown when the walk was cut short.
    /// </summary>
    public Fact BodyCanSuspend(IOperation body)
    {
        var walk = new Walk(DefaultDepth);
        return Settle(BodyCanSuspend(body, walk), walk);
    }

    private Fact BodyCanSuspend(IOperation body, Walk walk)
    {
        foreach (var operation in body.DescendantsInSameFunction())
        {
            switch (operation)
            {
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                    return Fact.Yes(operation);
                case IAwaitOperation awaitOperation:
                    var awaited = awaitOperation.Operation.UnwrapConfigureAwait();
                    if (CompletedTasks.IsKnownComplete(awaited, _symbols)
                        || (awaited.WalkDownConversions() is IInvocationOperation call && CallCanSuspend(call, walk).IsNo))
                    {
                        continue;
                    }

                    return Fact.Yes(operation);
            }
        }

        return Fact.No(body);
    }

    private Fact CallCanSuspend(IInvocationOperation call, Walk walk)
    {
        var method = call.TargetMethod;
        if (method.MethodKind is MethodKind.DelegateInvoke || (method.DeclaringSyntaxReferences.Length == 0 && method.MethodKind != MethodKind.LocalFunction))
        {
            return Fact.Yes(call);
        }

        return OverAllImplementations(
            method,
            walk,
            (m, w) => Summarize(_canSuspend, m, call, w, (self, body, inner) => self.MethodCanSuspend(body, inner), unreadable: Fact.Yes()),
            whenNone: Fact.Yes(call));
    }

    private Fact MethodCanSuspend(MethodBody body, Walk walk)
    {
        if (body.Method.IsAsync)
        {
            return BodyCanSuspend(body.Block, walk);
        }

        if (!_symbols.IsTaskLike(body.Method.ReturnType))
        {
            return Fact.Yes(body.Block);
        }

        // Not async: the task is whatever it returns, so every return must hand back a completed task or one that never suspends.
        var returnsAny = false;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is not IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned })
            {
                continue;
            }

            returnsAny = true;
            var value = returned.WalkDownConversions();
            if (CompletedTasks.IsCompletedSuccessfullyByConstruction(value, _symbols)
                || (value is IInvocationOperation inner && CallCanSuspend(inner, walk).IsNo))
            {
                continue;
            }

            return Fact.Yes(operation);
        }

        return returnsAny ? Fact.No(body.Block) : Fact.Yes(body.Block);
    }
}
