using AsyncAnalyzers.Extensions;
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
        method.Name is "Add" or "AddRange" or "Attach" or "AttachRange" && method.ContainingType.IsInNamespace("Microsoft", "EntityFrameworkCore");

    /// <summary>xUnit, NUnit, MSTest and FluentAssertions: Assert.Throws and Assert.ThrowsAsync test different things.</summary>
    public static bool IsTestAssertionType(INamedTypeSymbol type) =>
        type.IsInNamespace("Xunit") || type.IsInNamespace("NUnit", "Framework") || type.IsInNamespace("Microsoft", "VisualStudio", "TestTools", "UnitTesting")
        || type.IsInNamespace("FluentAssertions");
}
