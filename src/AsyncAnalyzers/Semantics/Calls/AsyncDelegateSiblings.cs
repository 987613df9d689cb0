using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>A sibling API that takes a task-returning delegate where the called method takes a void one.</summary>
internal sealed class AsyncDelegateSibling
{
    public AsyncDelegateSibling(IMethodSymbol method, int tokenOrdinal, bool delegateTakesToken)
    {
        Method = method;
        TokenOrdinal = tokenOrdinal;
        DelegateTakesToken = delegateTakesToken;
    }

    /// <summary>The sibling method (<c>Parallel.ForEachAsync</c> for <c>Parallel.ForEach</c>).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The ordinal of an extra CancellationToken parameter the sibling has, or -1.</summary>
    public int TokenOrdinal { get; }

    /// <summary>True when the sibling's delegate takes a trailing CancellationToken the void delegate did not.</summary>
    public bool DelegateTakesToken { get; }
}

/// <summary>
/// Finds <c>FooAsync</c> next to <c>Foo</c> (same type, same static-ness and arity) whose parameters are Foo's, optionally plus one
/// CancellationToken, except that the void-returning delegate parameter becomes one returning a task-like, with the same parameters
/// optionally plus a trailing CancellationToken. Method type parameters are compared by position.
/// </summary>
internal static class AsyncDelegateSiblings
{
    public static AsyncDelegateSibling? Find(IMethodSymbol method, int delegateOrdinal, bool withToken, AsyncSymbols symbols)
    {
        var original = method.OriginalDefinition;
        if (original.ContainingType is not { } type)
        {
            return null;
        }

        foreach (var member in type.GetMembers(original.Name + "Async"))
        {
            if (member is IMethodSymbol candidate && candidate.IsStatic == original.IsStatic && candidate.Arity == original.Arity
                && candidate.DeclaredAccessibility == Accessibility.Public && !symbols.IsObsolete(candidate)
                && Match(original, candidate, delegateOrdinal, symbols) is { } sibling && (sibling.TokenOrdinal >= 0) == withToken)
            {
                return sibling;
            }
        }

        return null;
    }

    private static AsyncDelegateSibling? Match(IMethodSymbol original, IMethodSymbol candidate, int delegateOrdinal, AsyncSymbols symbols)
    {
        var tokenOrdinal = -1;
        var delegateTakesToken = false;
        var j = 0;
        for (var i = 0; i < original.Parameters.Length; i++, j++)
        {
            if (j >= candidate.Parameters.Length)
            {
                return null;
            }

            var candidateParameter = candidate.Parameters[j];
            if (tokenOrdinal < 0 && CancellationTokens.IsCancellationToken(candidateParameter.Type, symbols)
                && !CancellationTokens.IsCancellationToken(original.Parameters[i].Type, symbols))
            {
                tokenOrdinal = j;
                i--;
                continue;
            }

            if (i == delegateOrdinal)
            {
                if (!MatchDelegate(original.Parameters[i].Type, candidateParameter.Type, symbols, out delegateTakesToken))
                {
                    return null;
                }
            }
            else if (candidateParameter.RefKind != original.Parameters[i].RefKind || !Same(original.Parameters[i].Type, candidateParameter.Type))
            {
                return null;
            }
        }

        return j == candidate.Parameters.Length ? new AsyncDelegateSibling(candidate, tokenOrdinal, delegateTakesToken) : null;
    }

    private static bool MatchDelegate(ITypeSymbol voidDelegate, ITypeSymbol taskDelegate, AsyncSymbols symbols, out bool takesToken)
    {
        takesToken = false;
        if (voidDelegate is not INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true } voidInvoke }
            || taskDelegate is not INamedTypeSymbol { DelegateInvokeMethod: { } taskInvoke }
            || !symbols.IsTaskLike(taskInvoke.ReturnType) || taskInvoke.ReturnType.TypeKind == TypeKind.Error)
        {
            return false;
        }

        var extra = taskInvoke.Parameters.Length - voidInvoke.Parameters.Length;
        if (extra is not (0 or 1) || (extra == 1 && !CancellationTokens.IsCancellationToken(taskInvoke.Parameters[taskInvoke.Parameters.Length - 1].Type, symbols)))
        {
            return false;
        }

        for (var i = 0; i < voidInvoke.Parameters.Length; i++)
        {
            if (voidInvoke.Parameters[i].RefKind != taskInvoke.Parameters[i].RefKind || !Same(voidInvoke.Parameters[i].Type, taskInvoke.Parameters[i].Type))
            {
                return false;
            }
        }

        takesToken = extra == 1;
        return true;
    }

    private static bool Same(ITypeSymbol a, ITypeSymbol b)
    {
        switch (a, b)
        {
            case (ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } x, ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } y):
                return x.Ordinal == y.Ordinal;
            case (IArrayTypeSymbol x, IArrayTypeSymbol y):
                return x.Rank == y.Rank && Same(x.ElementType, y.ElementType);
            case (INamedTypeSymbol { IsGenericType: true } x, INamedTypeSymbol { IsGenericType: true } y):
                if (!SymbolEqualityComparer.Default.Equals(x.OriginalDefinition, y.OriginalDefinition) || x.TypeArguments.Length != y.TypeArguments.Length)
                {
                    return false;
                }

                for (var i = 0; i < x.TypeArguments.Length; i++)
                {
                    if (!Same(x.TypeArguments[i], y.TypeArguments[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return SymbolEqualityComparer.Default.Equals(a, b);
        }
    }
}
