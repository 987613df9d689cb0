using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// A synchronous LINQ operator that runs an EF Core query (<c>db.Orders.Where(...).Count()</c>, <c>.ToList()</c>) and its
/// <c>EntityFrameworkQueryableExtensions</c> counterpart (<c>CountAsync</c>, <c>ToListAsync</c>). Only queries whose receiver
/// is an <c>IQueryable</c> built from a <c>DbSet</c> (directly, through query operators, or through a local assigned only such
/// queries) count: an <c>IQueryable</c> parameter or an in-memory <c>AsQueryable()</c> may not be EF's.
/// </summary>
internal static class EfCoreQueries
{
    /// <summary>How many locals a receiver chain may go through before the answer is "unknown".</summary>
    private const int MaxLocals = 4;

    /// <summary>The EF Core counterpart of a LINQ operator over a DbSet-rooted query, or null.</summary>
    public static Counterpart? Find(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        var method = invocation.TargetMethod;

        // Queryable's operators, and Enumerable's ToList/ToArray/ToDictionary/... applied to a query; a receiver typed
        // IEnumerable (after AsEnumerable(), or a List) is in memory (SyncApiWithAsyncCounterpartAnalyzerTests.EfQueryAsEnumerable_NoDiagnostic,
        // EfListCount_NoDiagnostic).
        if (invocation.Arguments.Length == 0
            || invocation.Instance is not null
            || !(SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Queryable)
                || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Enumerable)))
        {
            return null;
        }

        var source = invocation.Arguments[0].Value.WalkDownConversions();
        if (!IsQueryable(source.Type, symbols)
            || symbols.EfQueryableExtensions is not { } extensions
            || symbols.CancellationToken is not { } cancellationToken)
        {
            return null;
        }

        var candidates = extensions.GetMembers(method.Name + "Async");
        if (candidates.IsEmpty || !IsRootedInDbSet(source, symbols, invocation, MaxLocals))
        {
            return null;
        }

        foreach (var member in candidates)
        {
            if (member is IMethodSymbol candidate && Matches(method, candidate, source.Type!, cancellationToken, symbols.Compilation) is { } constructed
                && constructed.ReduceExtensionMethod(source.Type!) is { } reduced)
            {
                return new Counterpart(reduced, reduced.Parameters[reduced.Parameters.Length - 1], tokenRequired: false);
            }
        }

        return null;
    }

    /// <summary>
    /// The candidate constructed with the synchronous operator's type arguments when it takes the same arguments plus a trailing
    /// optional CancellationToken, and the query converts to its source parameter (so <c>Sum</c> over ints finds the int overload
    /// of <c>SumAsync</c>, and <c>Max(comparer)</c> finds nothing).
    /// </summary>
    private static IMethodSymbol? Matches(IMethodSymbol method, IMethodSymbol candidate, ITypeSymbol sourceType, INamedTypeSymbol cancellationToken, Compilation compilation)
    {
        if (candidate.Arity != method.Arity || candidate.Parameters.Length != method.Parameters.Length + 1)
        {
            return null;
        }

        var constructed = candidate.Arity == 0 ? candidate : candidate.Construct(method.TypeArguments, method.TypeArgumentNullableAnnotations);
        var parameters = constructed.Parameters;
        var token = parameters[parameters.Length - 1];
        if (!SymbolEqualityComparer.Default.Equals(token.Type, cancellationToken) || !token.IsOptional)
        {
            return null;
        }

        for (var i = 1; i < method.Parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(parameters[i].Type, method.Parameters[i].Type))
            {
                return null;
            }
        }

        return compilation.ClassifyCommonConversion(sourceType, parameters[0].Type).IsImplicit ? constructed : null;
    }

    private static bool IsQueryable(ITypeSymbol? type, AsyncSymbols symbols)
    {
        if (type is null || symbols.IQueryableOfT is not { } queryable)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, queryable))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, queryable))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An <c>IQueryable</c> built from a DbSet (through query operators and locals), so a query of the <c>DbContext</c> that owns
    /// the set: two such queries cannot run at once on one context (Gather).
    /// </summary>
    public static bool IsDbSetQuery(IOperation query, AsyncSymbols symbols) =>
        IsQueryable(query.WalkDownConversions().Type, symbols) && IsRootedInDbSet(query, symbols, query, MaxLocals);

    /// <summary>
    /// True when the query starts at a DbSet: walking down the receivers of extension operators (<c>Where</c>, <c>Include</c>,
    /// <c>AsNoTracking</c>, <c>FromSqlRaw</c>) reaches a DbSet-typed expression (<c>db.Orders</c>, <c>db.Set&lt;Order&gt;()</c>), or a
    /// local every assignment of which is such a query or a query over the local itself (<c>query = query.Where(...)</c>).
    /// </summary>
    private static bool IsRootedInDbSet(IOperation query, AsyncSymbols symbols, IOperation anywhere, int localsLeft, ILocalSymbol? self = null)
    {
        var current = query.WalkDownConversions();
        while (true)
        {
            if (KnownApis.IsEfCoreDbSet(current.Type))
            {
                return true;
            }

            // Query syntax (`from c in db.Customers where ... select c.Name`) is the same chain of operators
            // (SyncApiWithAsyncCounterpartAnalyzerTests.EfQuerySyntax_Reports).
            if (QuerySource(current, symbols) is { } source)
            {
                current = source;
                continue;
            }

            switch (current)
            {
                case ILocalReferenceOperation { Local: { } local } when SymbolEqualityComparer.Default.Equals(local, self):
                    return true;

                case ILocalReferenceOperation { Local: { } local } when localsLeft > 0:
                    return LocalIsRooted(local, symbols, anywhere, localsLeft - 1);

                // A parameter, a field, a repository method's result: EF's or not, nothing here says
                // (SyncApiWithAsyncCounterpartAnalyzerTests.EfQueryableParameter_NoDiagnostic, EfInMemoryAsQueryable_NoDiagnostic).
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The type of the context whose DbSet a query starts at (<c>db</c>'s type in <c>db.Orders.Where(...)</c>, or in
    /// <c>db.Set&lt;Order&gt;()</c>), through the operators over it; null when the chain leaves the expression (a local, a
    /// parameter) or the DbSet is not read from a context.
    /// </summary>
    public static ITypeSymbol? ContextOf(IOperation query, AsyncSymbols symbols)
    {
        var current = query.WalkDownConversions();
        for (var steps = 0; steps < 32; steps++)
        {
            if (KnownApis.IsEfCoreDbSet(current.Type))
            {
                return current switch
                {
                    IPropertyReferenceOperation { Instance: { } instance } => instance.Type,
                    IFieldReferenceOperation { Instance: { } instance } => instance.Type,
                    IInvocationOperation { TargetMethod.Name: "Set", Instance: { } instance } => instance.Type,
                    _ => null,
                };
            }

            if (QuerySource(current, symbols) is not { } source)
            {
                return null;
            }

            current = source;
        }

        return null;
    }

    /// <summary>The query an operator applies to (<c>db.Orders</c> in <c>db.Orders.Where(...)</c>, also in query syntax), or null.</summary>
    private static IOperation? QuerySource(IOperation query, AsyncSymbols symbols) => query switch
    {
        IInvocationOperation { TargetMethod.IsExtensionMethod: true, Instance: null, Arguments.Length: > 0 } call when IsQueryable(call.Type, symbols)
            => call.Arguments[0].Value.WalkDownConversions(),
        ITranslatedQueryOperation translated => translated.Operation.WalkDownConversions(),
        _ => null,
    };

    private static bool LocalIsRooted(ILocalSymbol local, AsyncSymbols symbols, IOperation anywhere, int localsLeft)
    {
        var assigned = false;
        foreach (var operation in anywhere.Root().Descendants())
        {
            IOperation? value = null;
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                value = declarator.Initializer?.Value;
                if (value is null)
                {
                    continue;
                }
            }
            else if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference.IsWrite())
            {
                // Only plain assignments are followed; out arguments and deconstructions write values we cannot see.
                if (reference.WalkUpConversions().Parent is not ISimpleAssignmentOperation assignment)
                {
                    return false;
                }

                value = assignment.Value;
            }

            if (value is not null)
            {
                assigned = true;
                if (!IsRootedInDbSet(value, symbols, anywhere, localsLeft, local))
                {
                    return false;
                }
            }
        }

        return assigned;
    }
}
