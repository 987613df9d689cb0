using System.Collections.Concurrent;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about the kind of work a call does.</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _offloads = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The call is a thin wrapper that runs synchronous work on the thread pool: a method of the compilation whose body only
    /// returns <c>Task.Run(...)</c> or <c>Task.Factory.StartNew(...)</c>, or awaits and returns it (<c>ToListAsync(this
    /// IEnumerable&lt;T&gt; source) =&gt; Task.Run(() =&gt; source.ToList())</c>). There is no I/O latency to overlap: CPU work that
    /// was put on another thread on purpose. Unknown for calls without a body here.
    /// </summary>
    public Fact IsThreadPoolOffload(IInvocationOperation call)
    {
        var method = call.TargetMethod.BodyPart();
        if (method.DeclaringSyntaxReferences.Length == 0 || method.IsAbstract || method.IsVirtual || method.IsOverride)
        {
            return Fact.Unknown;
        }

        if (_offloads.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (_bodies.BodyOf(method, call) is not { } body)
        {
            return Fact.Unknown;
        }

        var fact = Fact.No(body.Block);
        if (body.Block.Operations.Length == 1 && body.Block.Operations[0] is IReturnOperation { ReturnedValue: { } returned })
        {
            var value = returned.WalkDownConversions();
            if (value is IAwaitOperation awaited)
            {
                value = awaited.Operation.UnwrapConfigureAwait();
            }

            if (value is IInvocationOperation started && _work.IsTaskStarter(started.TargetMethod))
            {
                fact = Fact.Yes(started);
            }
        }

        return _offloads.GetOrAdd(method, fact);
    }
}
