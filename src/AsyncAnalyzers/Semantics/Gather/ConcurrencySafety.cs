using System.Collections.Immutable;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>
/// Which types may be used by two operations at once. Three answers: known safe (calls on one instance may overlap:
/// <c>HttpClient</c>), known unsafe (never gathered, because instances are commonly shared and their operations are ordered:
/// streams, readers and writers, connections, commands, transactions, semaphores, channels, a <c>DbContext</c>), and
/// unknown (calls on one instance conflict, calls on different instances do not). Built once per compilation; the
/// .editorconfig lists extend both sets.
/// </summary>
internal sealed class ConcurrencySafety
{
    private readonly ImmutableArray<INamedTypeSymbol> _safe;
    private readonly ImmutableArray<INamedTypeSymbol> _unsafe;
    private readonly SymbolNameList _userSafe;
    private readonly SymbolNameList _userUnsafe;

    private ConcurrencySafety(ImmutableArray<INamedTypeSymbol> safe, ImmutableArray<INamedTypeSymbol> @unsafe, SymbolNameList userSafe, SymbolNameList userUnsafe)
    {
        _safe = safe;
        _unsafe = @unsafe;
        _userSafe = userSafe;
        _userUnsafe = userUnsafe;
    }

    /// <summary>The built-in lists for the compilation; types the compilation does not reference are skipped.</summary>
    public static ConcurrencySafety Create(AsyncSymbols symbols) =>
        new(KnownTypeNames.Resolve(symbols, KnownTypeNames.ConcurrencySafe), KnownTypeNames.Resolve(symbols, KnownTypeNames.ConcurrencyUnsafe), SymbolNameList.Empty, SymbolNameList.Empty);

    /// <summary>The same lists extended with the user's <c>T:</c> entries (parsing is cached per option text).</summary>
    public ConcurrencySafety WithUserLists(SymbolNameList userSafe, SymbolNameList userUnsafe) =>
        userSafe.IsEmpty && userUnsafe.IsEmpty ? this : new(_safe, _unsafe, userSafe, userUnsafe);

    /// <summary>Known safe for overlapping calls on one instance. An unsafe entry wins over a safe one.</summary>
    public bool IsSafe(ITypeSymbol? type) =>
        type is not null && !IsUnsafe(type) && (Matches(type, _safe) || _userSafe.ContainsType(type));

    /// <summary>Known unsafe: instances are shared and ordered, so operations touching them are never gathered.</summary>
    public bool IsUnsafe(ITypeSymbol? type) =>
        type is not null && (Matches(type, _unsafe) || _userUnsafe.ContainsType(type));

    private static bool Matches(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> list)
    {
        if (list.IsEmpty)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Contains(list, current.OriginalDefinition))
            {
                return true;
            }
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (Contains(list, iface.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(ImmutableArray<INamedTypeSymbol> list, ITypeSymbol type)
    {
        foreach (var item in list)
        {
            if (SymbolEqualityComparer.Default.Equals(item, type))
            {
                return true;
            }
        }

        return false;
    }
}
