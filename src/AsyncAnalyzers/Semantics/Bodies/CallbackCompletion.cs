using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Callbacks that report their completion through an argument instead of a returned task. WinRT's
/// <c>StreamedFileDataRequestedHandler</c> finishes with <c>request.Dispose()</c> or <c>request.FailAndClose(...)</c>; a
/// deferral-style callback with <c>deferral.Complete()</c>. The caller waits on the argument, so a <c>void</c> delegate loses nothing.
/// </summary>
internal static class CallbackCompletion
{
    /// <summary>
    /// True when the function's whole body is one <c>try</c> with a catch-all (nothing escapes), and a catch handler calls a
    /// method on one of the function's parameters (the failure is reported to the caller through it).
    /// </summary>
    public static bool ReportsThroughArgument(IAnonymousFunctionOperation function, AsyncSymbols symbols)
    {
        var parameters = function.Symbol.Parameters;
        if (parameters.IsEmpty)
        {
            return false;
        }

        ITryOperation? only = null;
        foreach (var statement in function.Body.Operations)
        {
            if (statement is IReturnOperation { IsImplicit: true, ReturnedValue: null })
            {
                continue;
            }

            if (only is not null || statement is not ITryOperation tryOperation)
            {
                return false;
            }

            only = tryOperation;
        }

        if (only is null || !CatchAllCoverage.IsCatchAllTry(only, symbols))
        {
            return false;
        }

        foreach (var clause in only.Catches)
        {
            foreach (var operation in clause.Handler.DescendantsInSameFunction())
            {
                if (operation is IInvocationOperation { Instance: { } instance } && IsParameter(instance, parameters))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when the function takes a deferral from one of its parameters before its first await (<c>var deferral =
    /// request.GetDeferral();</c>, or from a member of a parameter: <c>args.Request.GetDeferral()</c>) and completes it on every
    /// path: <c>deferral.Complete()</c> in the <c>finally</c> of a try that holds every await after it, or as the body's last
    /// statement with no <c>return</c> before it. The caller waits on the deferral, not on a task: it does not go on before the
    /// work ends. Says nothing about exceptions: an exception that leaves the body still escapes (the caller checks cover).
    /// </summary>
    public static bool CompletesThroughDeferral(IAnonymousFunctionOperation function, AsyncSymbols symbols)
    {
        var parameters = function.Symbol.Parameters;
        if (parameters.IsEmpty)
        {
            return false;
        }

        var operations = function.Body.Operations;
        ILocalSymbol? deferral = null;
        var index = 0;
        for (; index < operations.Length; index++)
        {
            var statement = operations[index];
            if (TakesDeferral(statement, parameters) is { } local)
            {
                deferral = local;
                break;
            }

            // Taken after an await: the caller got control back before the deferral existed, and went on.
            if (AwaitPoints.HasRealAwait(statement, symbols))
            {
                return false;
            }
        }

        if (deferral is null)
        {
            return false;
        }

        for (var i = index + 1; i < operations.Length; i++)
        {
            var statement = operations[i];
            if (statement is ITryOperation { Finally: { } finallyBlock } && CompletesAtTopLevel(finallyBlock, deferral) && AwaitsOnlyIn(operations, index + 1, i, statement, symbols))
            {
                return true;
            }

            // Completed before a later await: the caller goes on while that work runs.
            if (IsCompletion(statement, deferral))
            {
                return !ReturnsEarly(operations, index + 1, i) && !AwaitsAfter(operations, i + 1, symbols);
            }
        }

        return false;
    }

    /// <summary><c>var d = p.GetDeferral();</c> (or <c>p.Member.GetDeferral()</c>) with <c>p</c> a parameter: the local <c>d</c>.</summary>
    private static ILocalSymbol? TakesDeferral(IOperation statement, ImmutableArray<IParameterSymbol> parameters)
    {
        if (statement is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Initializer.Value: { } value } declarator
            || value.WalkDownConversions() is not IInvocationOperation { TargetMethod.Name: "GetDeferral", Arguments.Length: 0, Instance: { } instance })
        {
            return null;
        }

        return IsParameterOrMember(instance, parameters) ? declarator.Symbol : null;
    }

    private static bool IsParameterOrMember(IOperation instance, ImmutableArray<IParameterSymbol> parameters)
    {
        var current = instance.WalkDownConversions();
        while (true)
        {
            var owner = current switch
            {
                IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } propertyOwner } => propertyOwner,
                IFieldReferenceOperation { Instance: { } fieldOwner } => fieldOwner,
                _ => null,
            };
            if (owner is null)
            {
                break;
            }

            current = owner.WalkDownConversions();
        }

        return IsParameter(current, parameters);
    }

    /// <summary><c>deferral.Complete();</c></summary>
    private static bool IsCompletion(IOperation statement, ILocalSymbol deferral) =>
        statement is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Complete", Arguments.Length: 0, Instance: { } instance } }
        && instance.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, deferral);

    private static bool CompletesAtTopLevel(IBlockOperation block, ILocalSymbol deferral)
    {
        foreach (var statement in block.Operations)
        {
            if (IsCompletion(statement, deferral))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every await among the statements after the deferral sits inside <paramref name="guarded"/> (the try with the completing finally).</summary>
    private static bool AwaitsOnlyIn(ImmutableArray<IOperation> operations, int from, int tryIndex, IOperation guarded, AsyncSymbols symbols)
    {
        for (var i = from; i < operations.Length; i++)
        {
            if (i != tryIndex && AwaitPoints.HasRealAwait(operations[i], symbols))
            {
                return false;
            }
        }

        // The try's own awaits are covered by its finally; awaits in its catch or finally would run around it.
        return guarded is ITryOperation tryOperation && (tryOperation.Finally is null || !AwaitPoints.HasRealAwait(tryOperation.Finally, symbols));
    }

    private static bool AwaitsAfter(ImmutableArray<IOperation> operations, int from, AsyncSymbols symbols)
    {
        for (var i = from; i < operations.Length; i++)
        {
            if (AwaitPoints.HasRealAwait(operations[i], symbols))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A <c>return</c> among the statements before the completion would leave without completing.</summary>
    private static bool ReturnsEarly(ImmutableArray<IOperation> operations, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var operation in operations[i].DescendantsInSameFunction())
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return } and not { IsImplicit: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsParameter(IOperation instance, ImmutableArray<IParameterSymbol> parameters)
    {
        if (instance.WalkDownConversions() is not IParameterReferenceOperation reference)
        {
            return false;
        }

        foreach (var parameter in parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter, reference.Parameter))
            {
                return true;
            }
        }

        return false;
    }
}
