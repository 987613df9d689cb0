using System.Collections.Generic;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>
/// A growing group of mutually independent footprints. Adding one costs time proportional to its own paths (prefix sets,
/// no pairwise comparison), so scanning a block stays linear in its size.
/// </summary>
internal sealed class IndependentGroup
{
    private readonly HashSet<string> _writes = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _prefixes = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _resources = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _identifiers = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _changedIdentifiers = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _keys = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _changedKeys = new(System.StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Adds the footprint when it is independent of every member; returns false (and leaves the group as is) otherwise.</summary>
    public bool TryAdd(Footprint footprint)
    {
        if (Conflicts(footprint))
        {
            return false;
        }

        foreach (var write in footprint.Writes)
        {
            _writes.Add(write);
            AddPrefixes(write);
        }

        foreach (var read in footprint.Reads)
        {
            AddPrefixes(read);
        }

        foreach (var resource in footprint.Resources)
        {
            _resources.Add(resource);
        }

        foreach (var identifier in footprint.Identifiers)
        {
            _identifiers.Add(identifier);
            if (footprint.ChangesState)
            {
                _changedIdentifiers.Add(identifier);
            }
        }

        foreach (var key in footprint.Keys)
        {
            _keys.Add(key);
            if (!footprint.OnlyReads)
            {
                _changedKeys.Add(key);
            }
        }

        Count++;
        return true;
    }

    public bool Conflicts(Footprint footprint)
    {
        foreach (var write in footprint.Writes)
        {
            // It may write something a member reads or writes (or the object containing it).
            if (_prefixes.Contains(write))
            {
                return true;
            }
        }

        foreach (var path in footprint.Reads)
        {
            if (HasWrittenPrefix(path))
            {
                return true;
            }
        }

        foreach (var path in footprint.Writes)
        {
            if (HasWrittenPrefix(path))
            {
                return true;
            }
        }

        foreach (var resource in footprint.Resources)
        {
            if (_resources.Contains(resource))
            {
                return true;
            }
        }

        // One entity named by two calls, one of which changes it: ordered.
        foreach (var identifier in footprint.Identifiers)
        {
            if (_changedIdentifiers.Contains(identifier) || (footprint.ChangesState && _identifiers.Contains(identifier)))
            {
                return true;
            }
        }

        // One URL, path or key named by two calls, one of which does more than read it: ordered.
        foreach (var key in footprint.Keys)
        {
            if (_changedKeys.Contains(key) || (!footprint.OnlyReads && _keys.Contains(key)))
            {
                return true;
            }
        }

        return false;
    }

    public void Clear()
    {
        _writes.Clear();
        _prefixes.Clear();
        _resources.Clear();
        _identifiers.Clear();
        _changedIdentifiers.Clear();
        _keys.Clear();
        _changedKeys.Clear();
        Count = 0;
    }

    private bool HasWrittenPrefix(string path)
    {
        foreach (var prefix in AccessPath.PrefixesAndSelf(path))
        {
            if (_writes.Contains(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private void AddPrefixes(string path)
    {
        foreach (var prefix in AccessPath.PrefixesAndSelf(path))
        {
            _prefixes.Add(prefix);
        }
    }
}
