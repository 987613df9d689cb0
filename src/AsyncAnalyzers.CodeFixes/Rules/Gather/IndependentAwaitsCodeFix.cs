using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Rules.Gather;

/// <summary>ASYNC301: start the independent operations, <c>await Task.WhenAll(...)</c>, then take each result with <c>await t</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IndependentAwaitsCodeFix))]
[Shared]
public sealed class IndependentAwaitsCodeFix : PlannedCodeFix
{
    public const string WhenAllKey = "ASYNC301.WhenAll";

    private static readonly FixOption WhenAll = new(WhenAllKey, "Start the operations together and await Task.WhenAll");

    public IndependentAwaitsCodeFix()
        : base(DiagnosticIds.IndependentSequentialAwaits)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<FixPlan?>(GatherEditing.TryPlan(document, diagnostic, WhenAll, cancellationToken));

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        GatherEditing.Apply(pass, fixes.Select(f => (GatherEditing.Plan)f.Plan).ToList());
        return Task.CompletedTask;
    }
}
