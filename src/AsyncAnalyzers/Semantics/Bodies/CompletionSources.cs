using System.Collections.Generic;
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
    public static bool OnlySucceeds(IOperation returned, IOperation root) => EveryUseAccepted(returned, root, other: null);

    /// <summary>
    /// The same, where a reference <paramref name="keptBy"/> accepts counts too (a summary that reads where the source is handed:
    /// a job of the compilation that keeps it and only ever completes it successfully).
    /// </summary>
    public static bool OnlySucceeds(IOperation returned, IOperation root, System.Func<ILocalReferenceOperation, bool> keptBy) => EveryUseAccepted(returned, root, keptBy);

    /// <summary>
    /// <c>tcs.Task</c> where <c>tcs</c> is a local made here with <c>new TaskCompletionSource...(...)</c> that never leaves
    /// <paramref name="type"/>: every reference in <paramref name="root"/> (lambdas included) reads its <c>Task</c>, completes it with
    /// <c>SetResult</c> or <c>TrySetResult</c>, or stores it in a private field of <paramref name="type"/> whose type holds completion
    /// sources: an argument of one of the field's members (<c>_pending.Add(tcs)</c>, <c>_pending.Remove(tcs)</c>), the value of its
    /// indexer (<c>_byId[id] = tcs</c>) or of the field itself (<c>_current = tcs</c>). Those fields are added to
    /// <paramref name="fields"/>: who completes the source there is the type's business (MethodSummaries.CompletionSourceCanFault).
    /// False for any other reference: passed to a method, returned, captured by a method group (<c>Register(tcs.SetCanceled)</c>),
    /// completed with <c>SetException</c> or <c>SetCanceled</c> here.
    /// </summary>
    public static bool StaysInType(IOperation task, IOperation root, INamedTypeSymbol type, HashSet<IFieldSymbol> fields) =>
        EveryUseAccepted(task, root, reference =>
        {
            if (StoredIn(reference, type) is not { } field)
            {
                return false;
            }

            fields.Add(field);
            return true;
        });

    /// <summary>
    /// <c>tcs.Task</c> of a local made in <paramref name="root"/> with <c>new TaskCompletionSource...(...)</c>, every reference to which
    /// reads its <c>Task</c> or completes it successfully, or is accepted by <paramref name="other"/>.
    /// </summary>
    private static bool EveryUseAccepted(IOperation task, IOperation root, System.Func<ILocalReferenceOperation, bool>? other)
    {
        if (task.WalkDownConversions() is not IPropertyReferenceOperation { Property.Name: "Task", Instance: ILocalReferenceOperation { Local: var local } }
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
                    if (!IsSuccessfulUse(reference) && (other is null || !other(reference)))
                    {
                        return false;
                    }

                    break;
            }
        }

        return created;
    }

    /// <summary>The private field of <paramref name="type"/> a reference is stored in (or removed from), or null.</summary>
    private static IFieldSymbol? StoredIn(ILocalReferenceOperation reference, INamedTypeSymbol type)
    {
        var value = reference.WalkUpConversions();
        var holder = value.Parent switch
        {
            IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation { Instance: { } instance } } => instance,
            IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IPropertyReferenceOperation { Instance: { } instance } indexer }
                when indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer => instance,
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance, Arguments.Length: > 0 } } assignment
                when assignment.Value == value => instance,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment when assignment.Value == value => target,
            _ => null,
        };

        return holder?.WalkDownConversions() is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation, Field: { DeclaredAccessibility: Accessibility.Private } field }
            && SymbolEqualityComparer.Default.Equals(field.ContainingType?.OriginalDefinition, type.OriginalDefinition)
            && HoldsCompletionSources(field.Type)
            ? field
            : null;
    }

    /// <summary>
    /// Whether values of this type can hold a <c>TaskCompletionSource</c>: the type itself, or a generic type or array with one
    /// among its type arguments (<c>List&lt;TaskCompletionSource&lt;T&gt;&gt;</c>, <c>Dictionary&lt;int, (string, TaskCompletionSource)&gt;</c>).
    /// </summary>
    public static bool HoldsCompletionSources(ITypeSymbol? type, int depth = 0)
    {
        switch (type)
        {
            case null:
                return false;
            case IArrayTypeSymbol array:
                return depth < 4 && HoldsCompletionSources(array.ElementType, depth + 1);
            case INamedTypeSymbol named:
                if (IsCompletionSource(named))
                {
                    return true;
                }

                if (depth < 4)
                {
                    foreach (var argument in named.TypeArguments)
                    {
                        if (HoldsCompletionSources(argument, depth + 1))
                        {
                            return true;
                        }
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsSuccessfulUse(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IPropertyReferenceOperation { Property.Name: "Task" } => true,
        IInvocationOperation { TargetMethod.Name: "SetResult" or "TrySetResult" } call => call.Instance == reference,
        _ => false,
    };

    /// <summary><c>TaskCompletionSource</c> or <c>TaskCompletionSource&lt;T&gt;</c> of System.Threading.Tasks.</summary>
    public static bool IsCompletionSource(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "TaskCompletionSource" } named && named.IsInNamespace("System", "Threading", "Tasks");
}
