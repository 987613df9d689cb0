using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Facts about a <c>TaskCompletionSource</c> held in a local: does its task only ever complete successfully?
/// </summary>
internal static class CompletionSources
{
    /// <summary>
    /// <c>tcs.Task</c> where <c>tcs</c> is a local made here with <c>new TaskCompletionSource...(...)</c> and, anywhere in
    /// <paramref name="root"/> (lambdas and a thread's body included), only ever completed with <c>SetResult</c> or
    /// <c>TrySetResult</c> and otherwise only read for its <c>Task</c>: no <c>SetException</c>, no <c>SetCanceled</c>, never handed to
    /// other code. Its task never faults (at worst it never completes).
    /// </summary>
    public static bool OnlySucceeds(IOperation returned, IOperation root)
    {
        if (returned.WalkDownConversions() is not IPropertyReferenceOperation { Property.Name: "Task", Instance: ILocalReferenceOperation { Local: var local } }
            || !IsCompletionSource(local.Type))
        {
            return false;
        }

        var created = false;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.Initializer?.Value.WalkDownConversions() is not IObjectCreationOperation)
                    {
                        return false;
                    }

                    created = true;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    if (!IsSuccessfulUse(reference))
                    {
                        return false;
                    }

                    break;
            }
        }

        return created;
    }

    private static bool IsSuccessfulUse(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IPropertyReferenceOperation { Property.Name: "Task" } => true,
        IInvocationOperation { TargetMethod.Name: "SetResult" or "TrySetResult" } call => call.Instance == reference,
        _ => false,
    };

    private static bool IsCompletionSource(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "TaskCompletionSource" } named && named.IsInNamespace("System", "Threading", "Tasks");
}
