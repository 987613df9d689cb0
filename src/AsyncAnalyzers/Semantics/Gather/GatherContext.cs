using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>Facts about where gathered awaits sit that change what gathering means (ASYNC301, ASYNC302).</summary>
internal static class GatherContext
{
    /// <summary>
    /// Inside a try block, gathering changes what the handlers see: the other operations still run when one fails, and a
    /// cancellation can surface as another operation's fault. True when a catch, filter or finally of an enclosing try (in the
    /// same function) reads one of the <paramref name="assigned"/> variables, or catches OperationCanceledException.
    /// </summary>
    public static bool HandlersDependOnOrder(IOperation start, ICollection<ISymbol> assigned, INamedTypeSymbol? operationCanceled)
    {
        var child = start;
        for (var current = start.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (current is not ITryOperation tryOperation || tryOperation.Body != child)
            {
                continue;
            }

            foreach (var handler in tryOperation.Catches)
            {
                if (handler.ExceptionType.InheritsFromOrEquals(operationCanceled) || ReadsAny(handler, assigned))
                {
                    return true;
                }
            }

            if (tryOperation.Finally is { } finallyBlock && ReadsAny(finallyBlock, assigned))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsAny(IOperation operation, ICollection<ISymbol> symbols)
    {
        if (symbols.Count == 0)
        {
            return false;
        }

        foreach (var descendant in operation.Descendants())
        {
            if (descendant is ILocalReferenceOperation local && symbols.Contains(local.Local)
                || descendant is IParameterReferenceOperation parameter && symbols.Contains(parameter.Parameter))
            {
                return true;
            }
        }

        return false;
    }
}
