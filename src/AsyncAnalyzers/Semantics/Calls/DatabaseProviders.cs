using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Which EF Core database provider the compilation configures, read once from its source text: SQLite only when it calls
/// <c>UseSqlite</c> and names no other provider's <c>Use...</c> method. SQLite has no asynchronous I/O (Microsoft.Data.Sqlite runs
/// its async methods synchronously), so EF Core's <c>SaveChangesAsync</c>, <c>ToListAsync</c> and <c>FindAsync</c> free no thread
/// there (ASYNC103). A compilation that configures no provider (a library whose host chooses one) is not SQLite-only.
/// </summary>
internal sealed class DatabaseProviders
{
    private static readonly string[] OtherProviders =
    {
        "UseSqlServer", "UseAzureSql", "UseAzureSynapse", "UseNpgsql", "UseMySql", "UseMySQL", "UseMariaDB", "UseOracle", "UseCosmos",
        "UseFirebird", "UseJet", "UseDb2", "UseSpanner", "UseMongoDB", "UseYdb", "UseClickHouse", "UseInformix", "UseDm", "UseKdbndp",
    };

    private readonly Compilation _compilation;
    private int _sqliteOnly;

    private readonly Func<SyntaxTree, SemanticModel?> _modelOf;

    /// <param name="compilation">The compilation whose source is read.</param>
    /// <param name="modelOf">The semantic model of a tree, from the one door that caches them (MethodBodies.ModelOf).</param>
    public DatabaseProviders(Compilation compilation, Func<SyntaxTree, SemanticModel?> modelOf)
    {
        _compilation = compilation;
        _modelOf = modelOf;
    }

    /// <summary>The compilation configures EF Core with SQLite and with no other provider.</summary>
    public bool SqliteOnly
    {
        get
        {
            var known = Volatile.Read(ref _sqliteOnly);
            if (known == 0)
            {
                known = Read() ? 2 : 1;
                Volatile.Write(ref _sqliteOnly, known);
            }

            return known == 2;
        }
    }

    /// <summary>
    /// The context type is configured with SQLite and with no other provider: the compilation is SQLite-only, or the type (the
    /// service or the implementation type argument of <c>AddDbContext&lt;TContext&gt;</c>, <c>AddDbContextFactory</c>,
    /// <c>AddDbContextPool</c>, or the context whose <c>OnConfiguring</c> makes the call) is given <c>UseSqlite</c> and is never
    /// given another provider (an application with a SQLite context of its own beside a PostgreSQL one it reads from).
    /// </summary>
    public bool IsSqlite(ITypeSymbol? context)
    {
        if (SqliteOnly)
        {
            return true;
        }

        if (context is null)
        {
            return false;
        }

        var contexts = LazyInitializer.EnsureInitialized(ref _contexts, ReadContexts)!;
        return contexts.Sqlite.Contains(context.OriginalDefinition) && !contexts.Other.Contains(context.OriginalDefinition);
    }

    private ContextProviders? _contexts;

    private sealed class ContextProviders
    {
        public HashSet<ITypeSymbol> Sqlite { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ITypeSymbol> Other { get; } = new(SymbolEqualityComparer.Default);
    }

    private ContextProviders ReadContexts()
    {
        var contexts = new ContextProviders();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var text = tree.GetText().ToString();
            if (text.IndexOf(".Use", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } } use
                    || !(name == "UseSqlite" || Array.IndexOf(OtherProviders, name) >= 0))
                {
                    continue;
                }

                model ??= _modelOf(tree);
                if (model is null)
                {
                    break;
                }

                var into = name == "UseSqlite" ? contexts.Sqlite : contexts.Other;
                foreach (var configured in ConfiguredContexts(use, model))
                {
                    into.Add(configured.OriginalDefinition);
                }
            }
        }

        return contexts;
    }

    /// <summary>The context types a provider call configures: the type arguments of the AddDbContext-like call whose options lambda makes it, or the context whose OnConfiguring does.</summary>
    private static IEnumerable<ITypeSymbol> ConfiguredContexts(InvocationExpressionSyntax use, SemanticModel model)
    {
        foreach (var ancestor in use.Ancestors())
        {
            if (ancestor is InvocationExpressionSyntax outer && outer != use && outer.ArgumentList.Arguments.Any(argument => argument.Span.Contains(use.Span))
                && (outer.Expression switch
                {
                    MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic.Identifier.ValueText,
                    GenericNameSyntax generic => generic.Identifier.ValueText,
                    _ => null,
                }) is { } adder
                && (adder.StartsWith("AddDbContext", StringComparison.Ordinal) || adder.StartsWith("AddPooledDbContext", StringComparison.Ordinal)))
            {
                if (model.GetSymbolInfo(outer).Symbol is IMethodSymbol { TypeArguments: var arguments })
                {
                    return arguments;
                }

                return Array.Empty<ITypeSymbol>();
            }

            if (ancestor is MethodDeclarationSyntax { Identifier.ValueText: "OnConfiguring" } method)
            {
                return model.GetDeclaredSymbol(method)?.ContainingType is { } owner ? new ITypeSymbol[] { owner } : Array.Empty<ITypeSymbol>();
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return Array.Empty<ITypeSymbol>();
    }

    private bool Read()
    {
        var sqlite = false;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var text = tree.GetText().ToString();
            if (text.IndexOf(".Use", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var other in OtherProviders)
            {
                if (text.IndexOf(other, StringComparison.Ordinal) >= 0)
                {
                    return false;
                }
            }

            sqlite |= text.IndexOf("UseSqlite", StringComparison.Ordinal) >= 0;
        }

        return sqlite;
    }
}
