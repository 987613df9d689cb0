using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Rules.Gather;

/// <summary>ASYNC301: start the independent operations, <c>await Task.WhenAll(...)</c>, then take each result with <c>await t</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IndependentAwaitsCodeFix))]
[Shared]
public sealed class IndependentAwaitsCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = nameof(IndependentAwaitsCodeFix) + ".WhenAll";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IndependentSequentialAwaits);

    /// <summary>One editor pass per document: groups of one block are rewritten from the last to the first.</summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (GatherEditing.TryPlan(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Start the operations together and await Task.WhenAll",
                    ct => GatherEditing.ApplyAsync(context.Document, new[] { plan }, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var plans = new List<GatherEditing.Plan>();
        foreach (var diagnostic in diagnostics)
        {
            if (GatherEditing.TryPlan(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return await GatherEditing.ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
    }
}
