using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// Which methods of this compilation's source implement an interface method or override a virtual one: what a call through an
/// interface or a virtual method may run, as far as this compilation can tell. One walk over the source types, on the first
/// question, indexes which types implement each interface and derive from each class (cheap: no member is looked at); each
/// method asked about is then resolved against those types only, and cached.
/// </summary>
internal sealed class SourceImplementations
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _byMethod = new(SymbolEqualityComparer.Default);
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>? _subtypes;

    public SourceImplementations(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>The source implementations and overrides of <paramref name="method"/> (its original definition), possibly empty.</summary>
    public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (_byMethod.TryGetValue(method, out var found))
        {
            return found;
        }

        return _byMethod.GetOrAdd(method, Resolve(method));
    }

    /// <summary>The classes and structs of the source that implement <paramref name="type"/> or derive from it, possibly empty.</summary>
    public IReadOnlyList<INamedTypeSymbol> TypesUnder(INamedTypeSymbol type)
    {
        var subtypes = LazyInitializer.EnsureInitialized(ref _subtypes, Build)!;
        return subtypes.TryGetValue(type.OriginalDefinition, out var types) ? types : (IReadOnlyList<INamedTypeSymbol>)System.Array.Empty<INamedTypeSymbol>();
    }

    private ImmutableArray<IMethodSymbol> Resolve(IMethodSymbol method)
    {
        if (method.ContainingType?.OriginalDefinition is not { } declaringType)
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var subtypes = LazyInitializer.EnsureInitialized(ref _subtypes, Build)!;
        if (!subtypes.TryGetValue(declaringType, out var types))
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var type in types)
        {
            if (declaringType.TypeKind == TypeKind.Interface)
            {
                foreach (var iface in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, declaringType))
                    {
                        continue;
                    }

                    foreach (var member in iface.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol candidate && SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method)
                            && type.FindImplementationForInterfaceMember(candidate) is IMethodSymbol implementation
                            && implementation.DeclaringSyntaxReferences.Length > 0)
                        {
                            Add(builder, implementation);
                        }
                    }
                }

                continue;
            }

            foreach (var member in type.GetMembers(method.Name))
            {
                if (member is not IMethodSymbol { IsOverride: true } candidate)
                {
                    continue;
                }

                for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                    {
                        Add(builder, candidate);
                        break;
                    }
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Every class and struct of the source, under each interface it implements and each class it derives from.</summary>
    private Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> Build()
    {
        var subtypes = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(_compilation.Assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers())
                {
                    stack.Push(member);
                }

                continue;
            }

            if (current is not INamedTypeSymbol type)
            {
                continue;
            }

            foreach (var nested in type.GetTypeMembers())
            {
                stack.Push(nested);
            }

            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                continue;
            }

            foreach (var iface in type.AllInterfaces)
            {
                AddSubtype(subtypes, iface.OriginalDefinition, type);
            }

            for (var baseType = type.BaseType; baseType is { SpecialType: not SpecialType.System_Object }; baseType = baseType.BaseType)
            {
                AddSubtype(subtypes, baseType.OriginalDefinition, type);
            }
        }

        return subtypes;
    }

    private static void AddSubtype(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> subtypes, INamedTypeSymbol supertype, INamedTypeSymbol type)
    {
        if (!subtypes.TryGetValue(supertype, out var list))
        {
            subtypes[supertype] = list = new List<INamedTypeSymbol>();
        }

        list.Add(type);
    }

    private static void Add(ImmutableArray<IMethodSymbol>.Builder builder, IMethodSymbol implementation)
    {
        foreach (var existing in builder)
        {
            if (SymbolEqualityComparer.Default.Equals(existing, implementation))
            {
                return;
            }
        }

        builder.Add(implementation);
    }
}
