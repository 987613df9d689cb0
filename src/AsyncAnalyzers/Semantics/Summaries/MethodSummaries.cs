using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// Interprocedural facts, per method, computed on demand and shared by every analyzer of a compilation. The rules of the road:
/// <list type="bullet">
/// <item>every fact is <see cref="Answer.Yes"/>, <see cref="Answer.No"/> or <see cref="Answer.Unknown"/>, and a rule treats
/// Unknown as "do not report on the strength of this fact";</item>
/// <item>a walk follows at most <see cref="DefaultDepth"/> calls; a call beyond the bound, or back into a method being
/// summarized (a cycle), answers Unknown;</item>
/// <item>an answer that depended on such a cut is not cached, so no diagnostic depends on the order in which the driver
/// happened to analyze methods;</item>
/// <item>bodies are reached only through <see cref="MethodBodies"/>; facts about library methods come from
/// <see cref="KnownApis"/> (Symbols/).</item>
/// </list>
/// </summary>
internal sealed partial class MethodSummaries
{
    /// <summary>How many calls deep a summary follows: enough for a handler, its helper and the helper's helper.</summary>
    public const int DefaultDepth = 3;

    private readonly AsyncSymbols _symbols;
    private readonly MethodBodies _bodies;
    private readonly StartedWork _work;
    private readonly SourceImplementations _implementations;
    private readonly IoEvidence _io;

    public MethodSummaries(AsyncSymbols symbols, MethodBodies bodies, StartedWork work, SourceImplementations implementations, IoEvidence io)
    {
        _io = io;
        _symbols = symbols;
        _bodies = bodies;
        _work = work;
        _implementations = implementations;
    }

    /// <summary>
    /// A fact over every body a call may run: the method's own (when it has one and is not abstract) and, for an interface,
    /// abstract or overridable method, every implementation and override in the compilation. Yes when any is Yes, No when all
    /// are No, Unknown otherwise; <paramref name="whenNone"/> when the compilation has no body for it at all.
    /// </summary>
    private Fact OverAllImplementations(IMethodSymbol method, Walk walk, Func<IMethodSymbol, Walk, Fact> summarize, Fact whenNone)
    {
        // A member of a sealed class or a struct has no overrides: no need for the implementation index.
        var overridable = method.ContainingType?.TypeKind == TypeKind.Interface
            || (method.ContainingType is { IsSealed: false, TypeKind: TypeKind.Class } && (method.IsAbstract || ((method.IsVirtual || method.IsOverride) && !method.IsSealed)));
        if (!overridable)
        {
            return summarize(method, walk);
        }

        var implementations = _implementations.Of(method);
        var any = false;
        var all = Fact.No(null);
        if (!method.IsAbstract && method.ContainingType?.TypeKind != TypeKind.Interface)
        {
            any = true;
            all = Combine(all, summarize(method, walk));
        }

        foreach (var implementation in implementations)
        {
            any = true;
            all = Combine(all, summarize(implementation, walk));
            if (all.IsYes)
            {
                return all;
            }
        }

        return any ? all : whenNone;
    }

    /// <summary>
    /// The answer a public fact gives: a walk cut short (bound or cycle) turns every "can't prove it safe" into Yes on the way up,
    /// so a Yes that depended on a cut is Unknown. A No never depends on one (an Unknown never proves anything safe).
    /// </summary>
    private static Fact Settle(Fact fact, Walk walk) => walk.CutShort && !fact.IsNo ? Fact.Unknown : fact;

    /// <summary>True when the operation tree holds code that did not bind (a missing reference, code being typed).</summary>
    public static bool HasErrors(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvalidOperation || operation.Type?.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Yes wins, then Unknown, then No.</summary>
    private static Fact Combine(Fact left, Fact right) =>
        left.IsYes ? left : right.IsYes ? right : left.Answer == Answer.Unknown ? left : right;

    /// <summary>
    /// The bounded, cycle-safe, order-independent walk every per-method fact goes through: the cache first; then the bound and
    /// the cycle check (both answer Unknown and mark the walk cut short); then the body, or <paramref name="unreadable"/> when the
    /// method has none here. Only answers not cut short are cached.
    /// </summary>
    private Fact Summarize(ConcurrentDictionary<IMethodSymbol, Fact> cache, IMethodSymbol method, IOperation use, Walk walk, Func<MethodSummaries, MethodBody, Walk, Fact> compute, Fact unreadable)
    {
        method = method.BodyPart();
        if (cache.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (walk.Remaining == 0 || !walk.Active.Add(method))
        {
            walk.CutShort = true;
            return Fact.Unknown;
        }

        var outerCutShort = walk.CutShort;
        walk.CutShort = false;
        walk.Remaining--;
        try
        {
            var fact = _bodies.BodyOf(method, use) is { } body ? compute(this, body, walk) : unreadable;
            if (!walk.CutShort)
            {
                cache.TryAdd(method, fact);
            }

            return fact;
        }
        finally
        {
            walk.Remaining++;
            walk.Active.Remove(method);
            walk.CutShort |= outerCutShort;
        }
    }

    /// <summary>The state of one summary walk: calls left, methods on the stack, and whether any answer was cut short.</summary>
    private sealed class Walk
    {
        public Walk(int depth)
        {
            Remaining = depth;
        }

        public int Remaining { get; set; }

        public HashSet<IMethodSymbol> Active { get; } = new(SymbolEqualityComparer.Default);

        public bool CutShort { get; set; }

        /// <summary>A completion walk that reads async callees with awaits too (<see cref="CompletesSynchronouslyAllTheWay"/>).</summary>
        public bool AllTheWay { get; set; }

        /// <summary>The callee being read was handed a token that can be canceled: its token parameter is live (evidence walk).</summary>
        public bool LiveToken { get; set; }

        /// <summary>Boolean members of the callee's instance that its caller found true just before the call (evidence walk).</summary>
        public List<ISymbol>? CheckedByCaller { get; set; }

        /// <summary>The branches the call's constant arguments decide in the callee being read (evidence walk).</summary>
        public ConstantBranches? DecidedByCaller { get; set; }
    }

    private sealed class MethodOrdinalComparer : IEqualityComparer<(IMethodSymbol Method, int Ordinal)>
    {
        public static readonly MethodOrdinalComparer Instance = new();

        public bool Equals((IMethodSymbol Method, int Ordinal) x, (IMethodSymbol Method, int Ordinal) y) =>
            x.Ordinal == y.Ordinal && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Ordinal) obj) => (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + obj.Ordinal;
    }
}
