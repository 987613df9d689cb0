using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// The editor of one document in a pass: it records replacements of original nodes (as callbacks on the node as it is once the
/// edits inside it are made) and statements to insert next to original statements, then writes them all in one rewrite of the
/// tree. Roslyn's SyntaxEditor applies each change to the whole tree in turn and finds every tracked node again each time,
/// which is quadratic in the number of edits; one <see cref="SyntaxNode.ReplaceNodes{TRoot, TNode}"/> is linear.
/// </summary>
internal sealed class OnePassEditor
{
    private readonly Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> _replacements = new();
    private readonly Dictionary<SyntaxNode, (List<SyntaxNode> Before, List<SyntaxNode> After)> _insertions = new();

    public OnePassEditor(SyntaxNode originalRoot) => OriginalRoot = originalRoot;

    public SyntaxNode OriginalRoot { get; }

    /// <summary>
    /// Replaces <paramref name="node"/> of the original tree with what <paramref name="rewrite"/> makes of it as it is then (with
    /// the edits of its descendants made). Two replacements of one node apply in the order they were recorded.
    /// </summary>
    public void ReplaceNode(SyntaxNode node, Func<SyntaxNode, SyntaxNode> rewrite)
    {
        if (_replacements.TryGetValue(node, out var earlier))
        {
            _replacements[node] = current => rewrite(earlier(current));
        }
        else
        {
            _replacements.Add(node, rewrite);
        }
    }

    /// <summary>Replaces <paramref name="node"/> with <paramref name="replacement"/>, dropping any edit made inside it.</summary>
    public void ReplaceNode(SyntaxNode node, SyntaxNode replacement) => ReplaceNode(node, _ => replacement);

    /// <summary>Inserts nodes before a statement (or a member of the compilation unit) of the original tree.</summary>
    public void InsertBefore(SyntaxNode statement, params SyntaxNode[] nodes) => Insertions(statement).Before.AddRange(nodes);

    /// <summary>Inserts nodes after a statement (or a member of the compilation unit) of the original tree.</summary>
    public void InsertAfter(SyntaxNode statement, params SyntaxNode[] nodes) => Insertions(statement).After.AddRange(nodes);

    /// <summary>The tree with every edit, written in one rewrite.</summary>
    public SyntaxNode GetChangedRoot()
    {
        if (_replacements.Count == 0 && _insertions.Count == 0)
        {
            return OriginalRoot;
        }

        // An insertion is a rewrite of the list that holds the statement: its block, switch section or compilation unit.
        var listOwners = new HashSet<SyntaxNode>(_insertions.Keys.Select(anchor => anchor.Parent).OfType<SyntaxNode>());
        var nodes = _replacements.Keys.Concat(listOwners).Distinct().ToList();
        return OriginalRoot.ReplaceNodes(nodes, (original, current) =>
        {
            if (listOwners.Contains(original))
            {
                current = Splice(original, current);
            }

            return _replacements.TryGetValue(original, out var rewrite) ? rewrite(current) : current;
        });
    }

    private (List<SyntaxNode> Before, List<SyntaxNode> After) Insertions(SyntaxNode statement)
    {
        if (!_insertions.TryGetValue(statement, out var insertions))
        {
            insertions = (new List<SyntaxNode>(), new List<SyntaxNode>());
            _insertions.Add(statement, insertions);
        }

        return insertions;
    }

    /// <summary>The list owner with the inserted nodes around their anchors, found by their index in the original list.</summary>
    private SyntaxNode Splice(SyntaxNode original, SyntaxNode current)
    {
        switch (original, current)
        {
            case (BlockSyntax block, BlockSyntax currentBlock):
                return currentBlock.WithStatements(SyntaxFactory.List(Spliced(block.Statements, currentBlock.Statements).Cast<StatementSyntax>()));
            case (SwitchSectionSyntax section, SwitchSectionSyntax currentSection):
                return currentSection.WithStatements(SyntaxFactory.List(Spliced(section.Statements, currentSection.Statements).Cast<StatementSyntax>()));
            case (CompilationUnitSyntax unit, CompilationUnitSyntax currentUnit):
                return currentUnit.WithMembers(SyntaxFactory.List(Spliced(unit.Members, currentUnit.Members).Cast<MemberDeclarationSyntax>()));
            default:
                return current;
        }
    }

    private IEnumerable<SyntaxNode> Spliced<TNode>(SyntaxList<TNode> originalList, SyntaxList<TNode> currentList)
        where TNode : SyntaxNode
    {
        for (var i = 0; i < currentList.Count; i++)
        {
            var insertions = i < originalList.Count && _insertions.TryGetValue(originalList[i], out var found) ? found : (Before: null, After: null);
            foreach (var node in insertions.Before ?? Enumerable.Empty<SyntaxNode>())
            {
                yield return node;
            }

            yield return currentList[i];
            foreach (var node in insertions.After ?? Enumerable.Empty<SyntaxNode>())
            {
                yield return node;
            }
        }
    }
}
