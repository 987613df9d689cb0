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
