using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>An async counterpart of a synchronous call, and how its CancellationToken parameter (if any) may be passed.</summary>
internal readonly struct Counterpart
{
    public Counterpart(IMethodSymbol method, IParameterSymbol? token, bool tokenRequired, IMethodSymbol? implementation = null)
    {
        Method = method;
        Token = token;
        TokenRequired = tokenRequired;
        Implementation = implementation ?? method.ReducedFrom ?? method;
    }

    /// <summary>The counterpart; for an extension method, the reduced form (receiver parameter removed).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The trailing CancellationToken parameter, or null when the counterpart takes none.</summary>
    public IParameterSymbol? Token { get; }

    /// <summary>True when the call does not compile without a token: the parameter is required and no token-less overload matches.</summary>
    public bool TokenRequired { get; }

    public bool IsExtension => Method.ReducedFrom is not null;

    /// <summary>
    /// The most-derived implementation of the counterpart the receiver's static type has: an override declared on the receiver's
    /// type or on a base below the counterpart's declaring type, else the counterpart itself (for an extension, its declaration).
    /// </summary>
    public IMethodSymbol Implementation { get; }

    public Counterpart WithImplementation(IMethodSymbol implementation) => new(Method, Token, TokenRequired, implementation);
}

/// <summary>
/// Finds <c>FooAsync</c> for a call to <c>Foo</c>: same receiver type (its bases, or an interface's bases), or a source-defined
/// extension method in scope; parameters equal to Foo's, optionally plus a trailing CancellationToken; returning an awaitable
/// of Foo's result; not obsolete. Member look-ups are cached per (method, receiver type) for the compilation.
/// </summary>
internal sealed class AsyncCounterparts
{
    private readonly AsyncSymbols _symbols;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol Receiver), Counterpart?> _memberCache = new(new PairComparer());
    private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol Receiver), IMethodSymbol?> _synchronousCache = new(new PairComparer());
    private readonly ConcurrentDictionary<string, bool> _sourceHasAsyncName = new(StringComparer.Ordinal);

    public AsyncCounterparts(AsyncSymbols symbols) => _symbols = symbols;

    /// <summary>The counterpart, or null. <paramref name="semanticModel"/> and <paramref name="position"/> enable extension look-up.</summary>
    public Counterpart? Find(IMethodSymbol method, ITypeSymbol receiverType, SemanticModel? semanticModel, int position)
    {
        if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ReducedExtension)
        {
            return null;
        }

        var original = method.ReducedFrom ?? method;
        if (original.IsExtensionMethod)
        {
            // Sync extension methods (LINQ's ToList and friends) map onto unrelated async extensions (EF's ToListAsync) whose
            // receiver type differs; we do not guess there (SyncApiWithAsyncCounterpartAnalyzerTests.LinqToList_NoDiagnostic).
            return null;
        }

        // TryGetValue first, so that the common hit allocates no delegate.
        if (!_memberCache.TryGetValue((method, receiverType), out var found))
        {
            found = _memberCache.GetOrAdd((method, receiverType), FindMember(method, receiverType) is { } member ? member.WithImplementation(MostDerived(member.Method, receiverType)) : null);
        }

        if (found is not null || semanticModel is null || method.IsStatic)
        {
            return found;
        }

        // Extension counterparts are looked up only when the compilation's own source declares a member named Name + "Async": a
        // cheap test, cached by the synchronous name, that keeps LookupSymbols (and the string concatenation) off the hot path.
        if (!_sourceHasAsyncName.TryGetValue(method.Name, out var sourceHasAsyncName))
        {
            sourceHasAsyncName = _sourceHasAsyncName.GetOrAdd(method.Name, _symbols.Compilation.ContainsSymbolsWithName(method.Name + "Async", SymbolFilter.Member));
        }

        if (!sourceHasAsyncName)
        {
            return null;
        }

        var asyncName = method.Name + "Async";
        var matches = new List<IMethodSymbol>();
        // Only extensions in scope at the call, as the fix must compile (SyncApiWithAsyncCounterpartAnalyzerTests.ExtensionCounterpartNotInScope_NoDiagnostic).
        foreach (var candidate in semanticModel.LookupSymbols(position, receiverType, asyncName, includeReducedExtensionMethods: true))
        {
            if (candidate is IMethodSymbol { ReducedFrom: not null } extension && Matches(method, extension, isExtension: true) is { } match)
            {
                matches.Add(match);
            }
        }

        return Best(method, matches);
    }

    /// <summary>
    /// The reverse look-up: a synchronous <c>Foo</c> on the same receiver type for a call to <c>FooAsync</c>, such that
    /// <c>FooAsync</c> is Foo's counterpart (same parameters, optionally plus a trailing token; returning an awaitable of Foo's
    /// result); not obsolete. <c>JsonSerializer.DeserializeAsync(stream, type, options)</c> finds <c>Deserialize(stream, type, options)</c>.
    /// Cached per (method, receiver type).
    /// </summary>
    public IMethodSymbol? FindSynchronous(IMethodSymbol asyncMethod, ITypeSymbol receiverType)
    {
        if (asyncMethod.MethodKind != MethodKind.Ordinary || asyncMethod.IsExtensionMethod
            || !asyncMethod.Name.EndsWith("Async", StringComparison.Ordinal) || asyncMethod.Name.Length == "Async".Length)
        {
            return null;
        }

        if (!_synchronousCache.TryGetValue((asyncMethod, receiverType), out var found))
        {
            found = _synchronousCache.GetOrAdd((asyncMethod, receiverType), FindSynchronousMember(asyncMethod, receiverType));
        }

        return found;
    }

    private IMethodSymbol? FindSynchronousMember(IMethodSymbol asyncMethod, ITypeSymbol receiverType)
    {
        var syncName = asyncMethod.Name.Substring(0, asyncMethod.Name.Length - "Async".Length);
        foreach (var type in TypeAndBases(receiverType))
        {
            foreach (var member in type.GetMembers(syncName))
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } candidate || candidate.IsStatic != asyncMethod.IsStatic
                    || candidate.Arity != asyncMethod.Arity || _symbols.IsObsolete(candidate)
                    || (candidate.DeclaredAccessibility == Accessibility.Private && !SymbolEqualityComparer.Default.Equals(candidate.ContainingType, asyncMethod.ContainingType)))
                {
                    continue;
                }

                var sync = candidate.IsGenericMethod ? candidate.Construct(asyncMethod.TypeArguments.ToArray()) : candidate;
                if (Matches(sync, asyncMethod, isExtension: false) is not null)
                {
                    return sync;
                }
            }
        }

        return null;
    }

    private Counterpart? FindMember(IMethodSymbol method, ITypeSymbol receiverType)
    {
        var asyncName = method.Name + "Async";
        var matches = new List<IMethodSymbol>();
        foreach (var type in TypeAndBases(receiverType))
        {
            foreach (var member in type.GetMembers(asyncName))
            {
                // Static and instance never pair up (SyncApiWithAsyncCounterpartAnalyzerTests.StaticCounterpartForInstanceMethod_NoDiagnostic).
                if (member is IMethodSymbol candidate && candidate.IsStatic == method.IsStatic && Matches(method, candidate, isExtension: false) is { } match)
                {
                    matches.Add(match);
                }
            }
        }

        return Best(method, matches);
    }

    /// <summary>
    /// The override of <paramref name="counterpart"/> nearest to <paramref name="receiverType"/> in its base chain: what a call
    /// through that static type runs, unless a type derived from it overrides again.
    /// </summary>
    private static IMethodSymbol MostDerived(IMethodSymbol counterpart, ITypeSymbol receiverType)
    {
        var definition = counterpart.OriginalDefinition;
        if (!(definition.IsVirtual || definition.IsAbstract || definition.IsOverride) || receiverType.TypeKind != TypeKind.Class)
        {
            return definition;
        }

        for (var type = receiverType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(definition.Name))
            {
                if (member is not IMethodSymbol candidate)
                {
                    continue;
                }

                for (var current = candidate.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, definition))
                    {
                        return candidate.OriginalDefinition;
                    }
                }
            }
        }

        return definition;
    }

    /// <summary>Prefers the overload that takes a token (so a fix can forward one) and notes whether the token may be omitted.</summary>
    private static Counterpart? Best(IMethodSymbol sync, List<IMethodSymbol> matches)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        var withToken = matches.FirstOrDefault(m => m.Parameters.Length > sync.Parameters.Length);
        if (withToken is null)
        {
            return new Counterpart(matches[0], token: null, tokenRequired: false);
        }

        var token = withToken.Parameters[withToken.Parameters.Length - 1];
        var tokenless = matches.Any(m => m.Parameters.Length == sync.Parameters.Length);
        return new Counterpart(withToken, token, tokenRequired: !token.IsOptional && !tokenless);
    }

    private static IEnumerable<ITypeSymbol> TypeAndBases(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                foreach (var inner in TypeAndBases(constraint))
                {
                    yield return inner;
                }
            }

            yield break;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var iface in type.AllInterfaces)
            {
                yield return iface;
            }
        }
    }

    /// <summary>
    /// The candidate (constructed like the sync method) when it is a true counterpart. Each mismatch is a false positive we
    /// refuse (SyncApiWithAsyncCounterpartAnalyzerTests.ObsoleteCounterpart_NoDiagnostic, CounterpartWithDifferentParameters_NoDiagnostic,
    /// CounterpartWithDifferentResult_NoDiagnostic, InaccessibleCounterpart_NoDiagnostic).
    /// </summary>
    private IMethodSymbol? Matches(IMethodSymbol sync, IMethodSymbol candidate, bool isExtension)
    {
        // [Experimental] counterparts are a compile error to call (SyncApiWithAsyncCounterpartAnalyzerTests.ExperimentalCounterpart_NoDiagnostic).
        if (candidate.Arity != sync.Arity || _symbols.IsObsolete(candidate) || _symbols.IsObsolete(candidate.ReducedFrom ?? candidate)
            || AsyncSymbols.IsExperimental(candidate.ReducedFrom ?? candidate))
        {
            return null;
        }

        if (candidate.IsGenericMethod && sync.IsGenericMethod)
        {
            candidate = candidate.ConstructedFrom.Construct(sync.TypeArguments.ToArray());
        }

        var parameters = candidate.Parameters;
        var extra = parameters.Length - sync.Parameters.Length;
        if (extra is not (0 or 1) || (extra == 1 && !CancellationTokens.IsCancellationToken(parameters[parameters.Length - 1].Type, _symbols)))
        {
            return null;
        }

        for (var i = 0; i < sync.Parameters.Length; i++)
        {
            if (parameters[i].RefKind != sync.Parameters[i].RefKind
                || !SymbolEqualityComparer.Default.Equals(parameters[i].Type, sync.Parameters[i].Type)
                || parameters[i].IsParams != sync.Parameters[i].IsParams)
            {
                return null;
            }
        }

        if (!ReturnsAwaitableOf(candidate.ReturnType, sync.ReturnType))
        {
            return null;
        }

        return isExtension || candidate.DeclaredAccessibility != Accessibility.Private || SymbolEqualityComparer.Default.Equals(candidate.ContainingType, sync.ContainingType)
            ? candidate
            : null;
    }

    private bool ReturnsAwaitableOf(ITypeSymbol asyncReturn, ITypeSymbol syncReturn)
    {
        if (syncReturn.SpecialType == SpecialType.System_Void)
        {
            return _symbols.IsTaskLike(asyncReturn);
        }

        return asyncReturn is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _symbols.TaskOfT) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _symbols.ValueTaskOfT))
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], syncReturn);
    }

    private sealed class PairComparer : IEqualityComparer<(IMethodSymbol Method, ITypeSymbol Receiver)>
    {
        public bool Equals((IMethodSymbol Method, ITypeSymbol Receiver) x, (IMethodSymbol Method, ITypeSymbol Receiver) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver);

        public int GetHashCode((IMethodSymbol Method, ITypeSymbol Receiver) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(obj.Receiver);
    }
}
