using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Extensions;

/// <summary>Small pure helpers over symbols: inheritance, namespaces, partial parts.</summary>
internal static class SymbolExtensions
{
    /// <summary>True when the type is <paramref name="baseType"/> (compared by original definition) or derives from it.</summary>
    public static bool InheritsFromOrEquals(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the type or one of its base types passes <paramref name="test"/>: a base named by name and namespace, where the
    /// framework that declares it may not be referenced at all (WPF's <c>DispatcherObject</c>, ADO.NET's <c>DbCommand</c>).
    /// </summary>
    /// <summary>A property the compiler gives a backing field (<c>{ get; set; }</c>, <c>{ get; }</c>, <c>{ get; init; }</c>).</summary>
    public static bool IsAutoProperty(this IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { AssociatedSymbol: { } associated } && SymbolEqualityComparer.Default.Equals(associated, property))
            {
                return true;
            }
        }

        return false;
    }

    public static bool SelfOrBaseTypeMatches(this ITypeSymbol? type, System.Func<INamedTypeSymbol, bool> test)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (test(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>System.IO.TextWriter or a type derived from it (StreamWriter, StringWriter, a library's writer).</summary>
    public static bool IsTextWriter(this ITypeSymbol? type) =>
        type.SelfOrBaseTypeMatches(current => current.Name == "TextWriter" && current.IsInNamespace("System", "IO"));

    /// <summary>System.IO.TextWriter or System.IO.TextReader, or a type derived from either.</summary>
    public static bool IsTextWriterOrReader(this ITypeSymbol? type) =>
        type.SelfOrBaseTypeMatches(current => current.Name is "TextWriter" or "TextReader" && current.IsInNamespace("System", "IO"));

    /// <summary>True when the type's namespace is the given one or nested inside it, compared part by part (no string is built).</summary>
    public static bool IsInNamespace(this INamedTypeSymbol? type, params string[] parts)
    {
        var chain = new List<INamespaceSymbol>();
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

    /// <summary>The part that has the body: the implementation of a partial method, the original definition of a constructed one.</summary>
    public static IMethodSymbol BodyPart(this IMethodSymbol method) => (method.PartialImplementationPart ?? method).OriginalDefinition;
}
