using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Symbols;

/// <summary>
/// Libraries whose synchronous methods have async twins that are the wrong advice. They are optional references, often absent,
/// so they are recognized by namespace rather than resolved as types (the one place outside AsyncSymbols that reads names).
/// </summary>
internal static class KnownApis
{
    /// <summary>EF Core's Add/AddRange/Attach/AttachRange: the async twins exist only for special value generators.</summary>
    public static bool IsEfCoreTrackingMethod(IMethodSymbol method) =>
        method.Name is "Add" or "AddRange" or "Attach" or "AttachRange" && IsIn(method.ContainingType, "Microsoft", "EntityFrameworkCore");

    /// <summary>xUnit, NUnit, MSTest and FluentAssertions: Assert.Throws and Assert.ThrowsAsync test different things.</summary>
    public static bool IsTestAssertionType(INamedTypeSymbol type) =>
        IsIn(type, "Xunit") || IsIn(type, "NUnit", "Framework") || IsIn(type, "Microsoft", "VisualStudio", "TestTools", "UnitTesting")
        || IsIn(type, "FluentAssertions");

    /// <summary>True when the type's namespace is the given one or nested inside it, compared part by part.</summary>
    private static bool IsIn(INamedTypeSymbol? type, params string[] parts)
    {
        var chain = new System.Collections.Generic.List<INamespaceSymbol>();
        for (var ns = type?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            chain.Add(ns);
        }

        if (chain.Count < parts.Length)
        {
            return false;
        }

        // chain is innermost first; its outermost parts.Length entries must spell the namespace.
        for (var i = 0; i < parts.Length; i++)
        {
            if (chain[chain.Count - 1 - i].Name != parts[i])
            {
                return false;
            }
        }

        return true;
    }
}
