using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// Which methods of this compilation's source implement an interface method or override a virtual one: what a call through an
/// interface or a virtual method may run, as far as this compilation can tell. Built once, on the first question, from one walk
/// over the source types (most compilations never ask).
/// </summary>
internal sealed class SourceImplementations
{
    private readonly Compilation _compilation;
    private Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>? _map;

    public SourceImplementations(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>The source implementations and overrides of <paramref name="method"/> (its original definition), possibly empty.</summary>
    public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method)
    {
        var map = LazyInitializer.EnsureInitialized(ref _map, Build)!;
        return map.TryGetValue(method.OriginalDefinition, out var found) ? found : ImmutableArray<IMethodSymbol>.Empty;
    }

    private Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> Build()
    {
        var builders = new Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>.Builder>(SymbolEqualityComparer.Default);
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

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsOverride: true } method)
                {
                    for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        Add(builders, overridden.OriginalDefinition, method);
                    }
                }
            }

            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers())
                {
                    if (member is IMethodSymbol { IsStatic: false } interfaceMethod
                        && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation
                        && implementation.DeclaringSyntaxReferences.Length > 0)
                    {
                        Add(builders, interfaceMethod.OriginalDefinition, implementation);
                    }
                }
            }
        }

        var map = new Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(builders.Count, SymbolEqualityComparer.Default);
        foreach (var pair in builders)
        {
            map[pair.Key] = pair.Value.ToImmutable();
        }

        return map;
    }

    private static void Add(Dictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>.Builder> builders, IMethodSymbol key, IMethodSymbol implementation)
    {
        if (!builders.TryGetValue(key, out var list))
        {
            builders[key] = list = ImmutableArray.CreateBuilder<IMethodSymbol>();
        }

        foreach (var existing in list)
        {
            if (SymbolEqualityComparer.Default.Equals(existing, implementation))
            {
                return;
            }
        }

        list.Add(implementation);
    }
}
