using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// Where a node sits under an ancestor, as child indexes. A rewrite that runs as an editor callback gets the ancestor as already
/// edited by the fixes nested in it; following the path finds the node it planned on the original tree in that current copy
/// (an inner fix rewrites a descendant of the node, never one of its ancestors).
/// </summary>
internal readonly struct SyntaxPath
{
    private readonly ImmutableArray<int> _indexes;

    private SyntaxPath(ImmutableArray<int> indexes) => _indexes = indexes;

    public static SyntaxPath From(SyntaxNode ancestor, SyntaxNode node)
    {
        var indexes = new List<int>();
        for (var current = node; current != ancestor; current = current.Parent!)
        {
            var index = 0;
            foreach (var child in current.Parent!.ChildNodesAndTokens())
            {
                if (child.IsNode && child.AsNode() == current)
                {
                    break;
                }

                index++;
            }

            indexes.Add(index);
        }

        indexes.Reverse();
        return new SyntaxPath(indexes.ToImmutableArray());
    }

    /// <summary>The node at this path under <paramref name="ancestor"/>, or null when the shape differs.</summary>
    public TNode? Follow<TNode>(SyntaxNode ancestor)
        where TNode : SyntaxNode
    {
        var current = ancestor;
        foreach (var index in _indexes)
        {
            var children = current.ChildNodesAndTokens();
            if (index >= children.Count || children[index].AsNode() is not { } child)
            {
                return null;
            }

            current = child;
        }

        return current as TNode;
    }
}
