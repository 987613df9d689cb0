using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Rules.Gather;

/// <summary>
/// ASYNC302: replace the loop with <c>await Task.WhenAll(items.Select(...))</c> (<c>results.AddRange(...)</c> when it filled a
/// list), or, for a loop without results on a framework that has it, with a bounded <c>Parallel.ForEachAsync</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IndependentLoopAwaitsCodeFix))]
[Shared]
public sealed class IndependentLoopAwaitsCodeFix : CodeFixProvider
{
    internal const string WhenAllKey = nameof(IndependentLoopAwaitsCodeFix) + ".WhenAll";
    internal const string ParallelKey = nameof(IndependentLoopAwaitsCodeFix) + ".ParallelForEachAsync";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IndependentAwaitInLoop);

    /// <summary>One editor pass per document, for the kind of rewrite the user picked.</summary>
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
            if (LoopGatherEditing.TryPlan(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Start every iteration and await Task.WhenAll",
                    ct => LoopGatherEditing.ApplyAsync(context.Document, new[] { plan }, LoopGatherEditing.Kind.WhenAll, ct),
                    WhenAllKey),
                diagnostic);

            if (plan.CanUseParallel)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Run the iterations with Parallel.ForEachAsync (at most " + LoopGatherEditing.MaxDegreeOfParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture) + " at a time)",
                        ct => LoopGatherEditing.ApplyAsync(context.Document, new[] { plan }, LoopGatherEditing.Kind.ParallelForEach, ct),
                        ParallelKey),
                    diagnostic);
            }
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

        var kind = context.CodeActionEquivalenceKey == ParallelKey ? LoopGatherEditing.Kind.ParallelForEach : LoopGatherEditing.Kind.WhenAll;
        var plans = new List<LoopGatherEditing.Plan>();
        foreach (var diagnostic in diagnostics)
        {
            if (LoopGatherEditing.TryPlan(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return await LoopGatherEditing.ApplyAsync(document, plans, kind, context.CancellationToken).ConfigureAwait(false);
    }
}
