using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// One application of a fixer's plans: one editor per document, with the names and imports that document's edits introduce,
/// so that every edit of the pass sees the names the others took and each using directive is added once.
/// </summary>
internal sealed class FixPass
{
    private readonly Solution _solution;
    private readonly Dictionary<DocumentId, DocumentEdit> _edits = new();
    private readonly Dictionary<DocumentId, FixDocument?> _documents = new();

    public FixPass(Solution solution) => _solution = solution;

    public Solution Solution => _solution;

    /// <summary>The edit of a planned document.</summary>
    public DocumentEdit Edit(FixDocument document)
    {
        if (!_edits.TryGetValue(document.Document.Id, out var edit))
        {
            edit = new DocumentEdit(document);
            _edits.Add(document.Document.Id, edit);
            _documents[document.Document.Id] = document;
        }

        return edit;
    }

    /// <summary>The edit of another document of the solution (a caller the fix updates); null when it cannot be edited.</summary>
    public async Task<DocumentEdit?> EditAsync(Document document, CancellationToken cancellationToken)
    {
        if (_edits.TryGetValue(document.Id, out var edit))
        {
            return edit;
        }

        if (!_documents.TryGetValue(document.Id, out var fixDocument))
        {
            fixDocument = await FixDocument.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            _documents[document.Id] = fixDocument;
        }

        return fixDocument is null ? null : Edit(fixDocument);
    }

    /// <summary>The solution with every edited document's new root (imports added); simplification and formatting follow in the code action.</summary>
    public Solution GetChangedSolution()
    {
        var solution = _solution;
        foreach (var edit in _edits.Values)
        {
            var root = edit.GetChangedRoot();
            if (root != edit.Document.Root)
            {
                solution = solution.WithDocumentSyntaxRoot(edit.Document.Document.Id, root);
            }
        }

        return solution;
    }
}

/// <summary>The edit of one document in a pass: its editor, the new names it declares, the types it names and their imports.</summary>
internal sealed class DocumentEdit
{
    public DocumentEdit(FixDocument document)
    {
        Document = document;
        Editor = new OnePassEditor(document.Root);
        Names = new UniqueNames(document);
        Types = new TypeNames(document);
    }

    public FixDocument Document { get; }

    public OnePassEditor Editor { get; }

    public UniqueNames Names { get; }

    public TypeNames Types { get; }

    public SemanticModel Model => Document.Model;

    public SyntaxNode GetChangedRoot() => Types.AddImports(Editor.GetChangedRoot());
}
