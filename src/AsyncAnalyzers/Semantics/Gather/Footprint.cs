using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>What one awaited call reads and may write, as access paths (see <see cref="Independence"/>).</summary>
internal sealed class Footprint
{
    public Footprint(IAwaitOperation awaitOperation, IInvocationOperation invocation, ImmutableArray<string> reads, ImmutableArray<string> writes, ImmutableArray<string> resources, ImmutableArray<string> identifiers, bool changesState, ImmutableArray<string> keys, bool onlyReads, ITypeSymbol? assumedSafe = null, string? receiverPath = null)
    {
        AssumedSafe = assumedSafe;
        ReceiverPath = receiverPath;
        Keys = keys;
        OnlyReads = onlyReads;
        Identifiers = identifiers;
        ChangesState = changesState;
        Await = awaitOperation;
        Invocation = invocation;
        Reads = reads;
        Writes = writes;
        Resources = resources;
    }

    public IAwaitOperation Await { get; }

    /// <summary>The awaited call, with any <c>ConfigureAwait(...)</c> stripped.</summary>
    public IInvocationOperation Invocation { get; }

    public ImmutableArray<string> Reads { get; }

    public ImmutableArray<string> Writes { get; }

    /// <summary>Resource arguments (paths, URLs, keys), each as seen through the call's receiver.</summary>
    public ImmutableArray<string> Resources { get; }

    /// <summary>Resource keys of the identifier arguments (ids, keys, names): the entities the call addresses.</summary>
    public ImmutableArray<string> Identifiers { get; }

    /// <summary>The call's name says it changes the entity it names (<see cref="SideEffects.Mutates"/>); announcing it does not count.</summary>
    public bool ChangesState { get; }

    /// <summary>
    /// Resource arguments (paths, URLs, keys) whatever receiver they go through: one key named by two calls orders them only when
    /// one of the calls does more than read it (<see cref="OnlyReads"/>).
    /// </summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>The call's name says it only reads (<see cref="SideEffects.OnlyReads"/>).</summary>
    public bool OnlyReads { get; }

    /// <summary>Some word of the call's name says it changes, sends, logs or runs something (<see cref="SideEffects.MayChangeState"/>).</summary>
    public bool MayChangeState => SideEffects.MayChangeState(Invocation.TargetMethod);

    /// <summary>
    /// The receiver's type when nothing says whether it allows concurrent calls and the <c>unknown_receivers</c> option assumes it
    /// does for reads; null otherwise. Messages name it when the group or loop calls that receiver more than once.
    /// </summary>
    public ITypeSymbol? AssumedSafe { get; }

    /// <summary>The access path of the call's receiver (the static type's for a static call).</summary>
    public string? ReceiverPath { get; }

    public Footprint WithWrite(string path) => new(Await, Invocation, Reads, Writes.Add(path), Resources, Identifiers, ChangesState, Keys, OnlyReads, AssumedSafe, ReceiverPath);

    /// <summary>True when some path of this footprint starts at the local or parameter (the loop variable, for ASYNC302).</summary>
    public bool IsRootedAt(string rootSegment, bool writesOnly)
    {
        foreach (var path in writesOnly ? Writes : Reads.AddRange(Writes))
        {
            if (AccessPath.IsUnder(path, rootSegment))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A gatherable statement: its await, the local or parameter it assigns (null for <c>await X();</c>), its footprint.</summary>
internal sealed class GatherStatement
{
    public GatherStatement(IOperation statement, IAwaitOperation awaitOperation, ISymbol? target, Footprint footprint)
    {
        Statement = statement;
        Await = awaitOperation;
        Target = target;
        Footprint = footprint;
    }

    public IOperation Statement { get; }

    public IAwaitOperation Await { get; }

    public ISymbol? Target { get; }

    public Footprint Footprint { get; }
}
