using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// The fix skeleton every fixer of the package uses. A fixer only plans: <see cref="PlanAsync"/> decides, on the original
/// document, whether a diagnostic can be fixed and which options it offers (<see cref="FixPlan"/>), and
/// <see cref="ApplyAsync"/> writes the chosen plans through one <see cref="FixPass"/>. The skeleton does the rest, the same
/// way for every rule:
/// <list type="bullet">
/// <item>the light bulb: every diagnostic of the context (not only the first) gets one code action per offered option, with
/// the option's equivalence key <c>"&lt;ID&gt;.&lt;Action&gt;"</c>;</item>
/// <item>Fix All in document, project and solution scope: every diagnostic in scope is planned on the original documents, the
/// option with the chosen key is taken (the default, first option when no key was chosen, as <c>dotnet format</c> may pass),
/// and all of them are applied in one pass with one editor per document, inner edits before the ones around them, so nested
/// findings, several findings on one line and findings sharing a method signature are fixed together, once.</item>
/// </list>
/// </summary>
public abstract class PlannedCodeFix : CodeFixProvider
{
    private readonly ImmutableArray<string> _fixableDiagnosticIds;
    private FixAllProvider? _fixAllProvider;

    private protected PlannedCodeFix(params string[] fixableDiagnosticIds) => _fixableDiagnosticIds = ImmutableArray.Create(fixableDiagnosticIds);

    public sealed override ImmutableArray<string> FixableDiagnosticIds => _fixableDiagnosticIds;

    public sealed override FixAllProvider GetFixAllProvider() => _fixAllProvider ??= new PlannedFixAllProvider(this);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await FixDocument.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } document)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (await PlanAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } plan)
            {
                continue;
            }

            foreach (var option in plan.Options)
            {
                if (option.IsOffered)
                {
                    var fix = new PlannedFix(plan, option);
                    context.RegisterCodeFix(
                        CodeAction.Create(option.Title, ct => FixAsync(document.Document.Project.Solution, new[] { fix }, ct), option.Key),
                        diagnostic);
                }
            }
        }
    }

    /// <summary>Decides, on the original document, whether the diagnostic can be fixed and how; null when it cannot.</summary>
    private protected abstract Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the chosen plans (of one rule, possibly of several documents) through <paramref name="pass"/>, which holds one editor
    /// per document. The plans come inner targets first; an edit of a node that holds another plan's target must be written as a
    /// callback on the current node (<c>editor.ReplaceNode(node, (current, _) =&gt; ...)</c>) so that the inner edit survives.
    /// </summary>
    private protected abstract Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken);

    /// <summary>
    /// The fixes in document order, for choosing new names before the edits run inner-first: the first finding of a file gets
    /// the plain name, a later one the suffix.
    /// </summary>
    private protected static IEnumerable<PlannedFix> InDocumentOrder(IEnumerable<PlannedFix> fixes) =>
        fixes.OrderBy(f => f.Plan.Document.Document.Id.Id).ThenBy(f => f.Plan.Target.SpanStart).ThenByDescending(f => f.Plan.Target.Span.Length);

    private async Task<Solution> FixAsync(Solution solution, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        var pass = new FixPass(solution);
        await ApplyAsync(pass, InnerFirst(fixes), cancellationToken).ConfigureAwait(false);
        return pass.GetChangedSolution();
    }

    private async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        context = context.WithCancellationToken(cancellationToken);
        var fixes = new List<PlannedFix>();
        foreach (var (document, diagnostics) in await DiagnosticsInScopeAsync(context).ConfigureAwait(false))
        {
            if (await FixDocument.CreateAsync(document, cancellationToken).ConfigureAwait(false) is not { } fixDocument)
            {
                continue;
            }

            // Two diagnostics that plan the same edit of the same node (a diagnostic reported twice) are written once.
            var planned = new HashSet<(SyntaxNode, string)>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (await PlanAsync(fixDocument, diagnostic, cancellationToken).ConfigureAwait(false) is { } plan
                    && plan.Choose(context.CodeActionEquivalenceKey) is { } option
                    && planned.Add((plan.Target, option.Key)))
                {
                    fixes.Add(new PlannedFix(plan, option));
                }
            }
        }

        return fixes.Count == 0 ? context.Solution : await FixAsync(context.Solution, fixes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Per document, later targets first and, among targets that start together, the shorter (inner) one first.</summary>
    private static List<PlannedFix> InnerFirst(IReadOnlyList<PlannedFix> fixes) =>
        fixes.OrderBy(f => f.Plan.Document.Document.Id.Id)
            .ThenByDescending(f => f.Plan.Target.SpanStart)
            .ThenBy(f => f.Plan.Target.Span.Length)
            .ToList();

    private static async Task<IEnumerable<(Document Document, ImmutableArray<Diagnostic> Diagnostics)>> DiagnosticsInScopeAsync(FixAllContext context)
    {
        var diagnostics = new List<Diagnostic>();
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is not null:
                diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (var project in context.Solution.Projects)
                {
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        var solution = context.Solution;
        return diagnostics
            .Where(d => d.Location.IsInSource && context.DiagnosticIds.Contains(d.Id))
            .Select(d => (Document: solution.GetDocument(d.Location.SourceTree), Diagnostic: d))
            .Where(p => p.Document is not null)
            .GroupBy(p => p.Document!.Id)
            .Select(g => (g.First().Document!, g.Select(p => p.Diagnostic).ToImmutableArray()));
    }

    private sealed class PlannedFixAllProvider : FixAllProvider
    {
        private readonly PlannedCodeFix _fixer;

        public PlannedFixAllProvider(PlannedCodeFix fixer) => _fixer = fixer;

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var what = fixAllContext.CodeActionEquivalenceKey ?? string.Join(", ", fixAllContext.DiagnosticIds);
            var where = fixAllContext.Scope switch
            {
                FixAllScope.Document => "document '" + fixAllContext.Document?.Name + "'",
                FixAllScope.Project => "project '" + fixAllContext.Project.Name + "'",
                _ => "the solution",
            };
            return Task.FromResult<CodeAction?>(CodeAction.Create(
                "Fix all '" + what + "' in " + where,
                ct => _fixer.FixAllAsync(fixAllContext, ct),
                fixAllContext.CodeActionEquivalenceKey));
        }
    }
}
