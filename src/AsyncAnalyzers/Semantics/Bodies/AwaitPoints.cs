using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>Where a function body can suspend: its awaits, <c>await foreach</c> and <c>await using</c>, minus awaits of completed tasks.</summary>
internal static class AwaitPoints
{
    /// <summary>
    /// True when the function body contains an await that can suspend or throw: awaits of tasks that are complete by construction
    /// (<c>Task.CompletedTask</c>, <c>Task.FromResult</c>, an already awaited local) do not count, <c>await foreach</c> and
    /// <c>await using</c> do.
    /// </summary>
    public static bool HasRealAwait(IOperation operation, AsyncSymbols symbols)
    {
        foreach (var current in operation.DescendantsInSameFunction())
        {
            switch (current)
            {
                case IAwaitOperation awaitOperation when !IsCompletedAwait(awaitOperation, symbols):
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                    return true;
            }
        }

        return false;
    }

    private static bool IsCompletedAwait(IAwaitOperation awaitOperation, AsyncSymbols symbols)
    {
        var awaited = awaitOperation.Operation.UnwrapConfigureAwait();

        // Awaiting Task.FromException/FromCanceled throws, so those are not "only completed tasks".
        if (awaited is IInvocationOperation { TargetMethod.Name: "FromException" or "FromCanceled" })
        {
            return false;
        }

        // A handler that only awaits completed tasks never really suspends (UnguardedAsyncVoidHandlerAnalyzerTests.OnlyAwaitsCompletedTasks_NoDiagnostic).
        return CompletedTasks.IsKnownComplete(awaited, symbols);
    }
}
