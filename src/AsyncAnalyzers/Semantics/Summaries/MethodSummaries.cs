using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
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
internal sealed class MethodSummaries
{
    /// <summary>How many calls deep a summary follows: enough for a handler, its helper and the helper's helper.</summary>
    public const int DefaultDepth = 3;

    private readonly AsyncSymbols _symbols;
    private readonly MethodBodies _bodies;
    private readonly StartedWork _work;
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _covered = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), Fact> _ignoresParameter = new(MethodOrdinalComparer.Instance);

    public MethodSummaries(AsyncSymbols symbols, MethodBodies bodies, StartedWork work)
    {
        _symbols = symbols;
        _bodies = bodies;
        _work = work;
    }

    /// <summary>
    /// Whether the work a fresh task stands for catches every exception itself, so that the task cannot fault: the delegate given
    /// to <c>Task.Run</c>/<c>StartNew</c>, or the async method called. <see cref="Answer.Yes"/> only when a catch-all covers the
    /// whole body (the proof is that try statement's body); No when it does not or cannot be read.
    /// </summary>
    public Fact CatchesEverything(IInvocationOperation started) => CatchesEverything(started, new Walk(DefaultDepth));

    private Fact CatchesEverything(IInvocationOperation started, Walk walk)
    {
        if (_work.IsTaskStarter(started.TargetMethod))
        {
            foreach (var argument in started.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target.WalkDownConversions();
                }

                switch (value)
                {
                    case IAnonymousFunctionOperation lambda:
                        return LambdaCatchesEverything(lambda, walk);
                    case IMethodReferenceOperation reference:
                        return MethodCatchesEverything(reference.Method, started, walk);
                }
            }

            return Fact.No();
        }

        return started.TargetMethod.IsAsync ? MethodCatchesEverything(started.TargetMethod, started, walk) : Fact.No();
    }

    private Fact LambdaCatchesEverything(IAnonymousFunctionOperation lambda, Walk walk)
    {
        if (CatchAllCoverage.IsCovered(lambda.Body, allowSynchronousPrologue: false, _symbols, cancellationMayEscape: lambda.Symbol.IsAsync))
        {
            return Fact.Yes(lambda.Body);
        }

        // Task.Run(() => SafeAsync()): the lambda only hands over a task whose own work is covered.
        if (!lambda.Symbol.IsAsync
            && lambda.Body.Operations.Length == 1
            && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
            && _work.FreshTask(returned) is { } inner)
        {
            return CatchesEverything(inner, walk);
        }

        return Fact.No();
    }

    private Fact MethodCatchesEverything(IMethodSymbol method, IOperation use, Walk walk) =>
        Summarize(_covered, method, use, walk, static (self, body, _) =>
            !body.IsExpressionBodied || body.Method.MethodKind == MethodKind.LocalFunction
                ? Fact.From(CatchAllCoverage.IsCovered(body.Block, allowSynchronousPrologue: false, self._symbols, cancellationMayEscape: body.Method.IsAsync), body.Block)
                : Fact.No(),
            unreadable: Fact.No());

    /// <summary>
    /// Whether a method of the compilation never uses its task parameter except to discard it (<c>_ = task;</c>): a "forget"
    /// helper that hides a task from everyone. Unknown for methods without a body here (a library helper may well observe it).
    /// </summary>
    public Fact IgnoresParameter(IMethodSymbol method, IParameterSymbol parameter, IOperation use)
    {
        method = method.BodyPart();

        // Operations present extension calls unreduced, so the parameter's ordinal indexes the declaration's parameter list.
        var ordinal = parameter.Ordinal;
        if (ordinal >= method.Parameters.Length)
        {
            return Fact.Unknown;
        }

        var key = (method, ordinal);
        if (_ignoresParameter.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_bodies.BodyOf(method, use) is not { } body)
        {
            return Fact.Unknown;
        }

        var declared = body.Method.Parameters[ordinal];
        var fact = Fact.Yes(body.Block);
        foreach (var operation in body.Block.Descendants())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, declared)
                && !IsDiscarded(reference))
            {
                fact = Fact.No(reference);
                break;
            }
        }

        return _ignoresParameter.GetOrAdd(key, fact);
    }

    private static bool IsDiscarded(IOperation reference)
    {
        var value = reference.WalkUpConversions();
        return value.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Value == value;
    }

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
    }

    private sealed class MethodOrdinalComparer : IEqualityComparer<(IMethodSymbol Method, int Ordinal)>
    {
        public static readonly MethodOrdinalComparer Instance = new();

        public bool Equals((IMethodSymbol Method, int Ordinal) x, (IMethodSymbol Method, int Ordinal) y) =>
            x.Ordinal == y.Ordinal && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Ordinal) obj) => (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + obj.Ordinal;
    }
}
