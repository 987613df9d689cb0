using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about completion: does a task-returning method hand back a task that is already complete?</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _mayComplete = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Does every body a call to <paramref name="method"/> may run return an already-completed task? Yes when each is a
    /// non-async method whose every return is complete by construction (<c>Task.FromResult(Foo())</c>, <c>Task.CompletedTask</c>,
    /// <c>default(ValueTask)</c>, a call passing the synchronous mode, a call to a method that completes synchronously), or an
    /// async method whose awaits all await such tasks (an async callee reached through a call counts only when it has no await
    /// at all: its body is not bound); No when some body may return an incomplete task; Unknown when the answer depended on a
    /// walk cut short. Library methods and bodies this compilation does not have answer No.
    /// </summary>
    public Fact CompletesSynchronously(IMethodSymbol method, IOperation use)
    {
        var walk = new Walk(DefaultDepth);
        var mayComplete = Settle(MayCompleteLater(method, use, walk), walk);
        return mayComplete.Answer switch
        {
            Answer.No => Fact.Yes(mayComplete.Proof),
            Answer.Yes => Fact.No(mayComplete.Proof),
            _ => Fact.Unknown,
        };
    }

    /// <summary>The inverse fact, in the shape every walk shares: Yes (may complete later) wins, and a cut answers Unknown.</summary>
    private Fact MayCompleteLater(IMethodSymbol method, IOperation use, Walk walk)
    {
        if (method.MethodKind != MethodKind.LocalFunction && method.DeclaringSyntaxReferences.Length == 0 && !HasSourceImplementations(method))
        {
            return Fact.Yes(use);
        }

        return OverAllImplementations(method, walk, (m, w) => MethodMayCompleteLater(m, use, w), whenNone: Fact.Yes(use));
    }

    private Fact MethodMayCompleteLater(IMethodSymbol method, IOperation use, Walk walk)
    {
        // Read from syntax first, as binding another body is the costly part: an async method without await completes
        // synchronously; one with awaits, reached through a call of the summarized method's body, is taken to complete later
        // (the summarized method's own awaits are still checked one by one).
        if (method.IsAsync && _bodies.ContainsAwait(method) is { } containsAwait)
        {
            if (!containsAwait)
            {
                return Fact.No(use);
            }

            if (walk.Remaining < DefaultDepth)
            {
                return Fact.Yes(use);
            }
        }

        return Summarize(_mayComplete, method, use, walk, (self, body, inner) => self.BodyMayCompleteLater(body, inner), unreadable: Fact.Yes());
    }

    private Fact BodyMayCompleteLater(MethodBody body, Walk walk)
    {
        if (!_symbols.IsTaskLike(body.Method.ReturnType))
        {
            return Fact.Yes(body.Block);
        }

        // The awaited tasks of an async body, the returned ones of any other; an async body with no await completes synchronously.
        var values = new List<IOperation>();
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            switch (operation)
            {
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                    return Fact.Yes(operation);
                case IAwaitOperation awaited when body.Method.IsAsync:
                    values.Add(awaited.Operation.UnwrapConfigureAwait());
                    break;
                case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned } when !body.Method.IsAsync:
                    values.Add(returned);
                    break;
            }
        }

        // Cheap answers first: one library call or task variable settles it without reading another body.
        foreach (var value in values)
        {
            if (IsIncompleteWithoutWalk(value))
            {
                return Fact.Yes(value);
            }
        }

        foreach (var value in values)
        {
            if (!IsCompleteOnReturn(value, walk))
            {
                return Fact.Yes(value);
            }
        }

        return Fact.No(body.Block);
    }

    /// <summary>A task-valued expression known to be possibly incomplete without following any call into a body.</summary>
    private bool IsIncompleteWithoutWalk(IOperation value)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            case IThrowOperation:
                return false;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return IsIncompleteWithoutWalk(conditional.WhenTrue) || IsIncompleteWithoutWalk(whenFalse);
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromException" or "FromCanceled" } factory } when _symbols.IsTaskLike(factory.ContainingType):
                return false;
            case IInvocationOperation call when !CompletedTasks.IsCompletedSuccessfullyByConstruction(call, _symbols):
                var method = call.TargetMethod;
                return !DualMode.PassesSynchronousMode(call)
                    && method.MethodKind != MethodKind.LocalFunction && method.DeclaringSyntaxReferences.Length == 0 && !HasSourceImplementations(method);
            default:
                return !CompletedTasks.IsCompletedSuccessfullyByConstruction(value, _symbols);
        }
    }

    /// <summary>A task-valued expression that is complete when evaluated (or throws instead of producing a task).</summary>
    private bool IsCompleteOnReturn(IOperation value, Walk walk)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            case IThrowOperation:
                return true;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return IsCompleteOnReturn(conditional.WhenTrue, walk) && IsCompleteOnReturn(whenFalse, walk);
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromException" or "FromCanceled" } factory } when _symbols.IsTaskLike(factory.ContainingType):
                return true;
            case IInvocationOperation call when !CompletedTasks.IsCompletedSuccessfullyByConstruction(call, _symbols):
                return DualMode.PassesSynchronousMode(call) || MayCompleteLater(call.TargetMethod, call, walk).IsNo;
            default:
                return CompletedTasks.IsCompletedSuccessfullyByConstruction(value, _symbols);
        }
    }
}
