using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>Finds the CancellationToken a fix should forward: the one token parameter visible at an operation.</summary>
internal static class CancellationTokens
{
    /// <summary>
    /// Walks the enclosing functions from the innermost out and returns the first one's single CancellationToken parameter.
    /// Two tokens in one function are ambiguous (null); a static lambda or local function cannot capture outer tokens.
    /// </summary>
    public static IParameterSymbol? FindInScope(IOperation operation, ISymbol? containingSymbol, AsyncSymbols symbols)
    {
        if (symbols.CancellationToken is null)
        {
            return null;
        }

        foreach (var current in operation.Ancestors())
        {
            var function = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };

            if (function is null)
            {
                continue;
            }

            if (Single(function, symbols, out var found))
            {
                return found;
            }

            if (function.IsStatic)
            {
                return null;
            }
        }

        return containingSymbol is IMethodSymbol method && Single(method, symbols, out var token) ? token : null;
    }

    /// <summary>True when the function decides the answer: it has exactly one token (found) or several (ambiguous, null).</summary>
    private static bool Single(IMethodSymbol function, AsyncSymbols symbols, out IParameterSymbol? token)
    {
        token = null;
        var count = 0;
        foreach (var parameter in function.Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.CancellationToken) && parameter.RefKind is RefKind.None or RefKind.In)
            {
                token = parameter;
                count++;
            }
        }

        if (count > 1)
        {
            token = null;
        }

        return count > 0;
    }

    public static bool IsCancellationToken(ITypeSymbol? type, AsyncSymbols symbols) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type, symbols.CancellationToken);
}
