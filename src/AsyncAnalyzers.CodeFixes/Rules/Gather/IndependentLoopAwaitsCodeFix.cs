using System.Collections.Generic;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Rules.Gather;

/// <summary>
/// ASYNC302: replace the loop with <c>await Task.WhenAll(items.Select(...))</c> (<c>results.AddRange(...)</c> when it filled a
/// list), the default; or, for a loop without results on a framework that has it, with a bounded <c>Parallel.ForEachAsync</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IndependentLoopAwaitsCodeFix))]
[Shared]
public sealed class IndependentLoopAwaitsCodeFix : PlannedCodeFix
{
    public const string WhenAllKey = "ASYNC302.WhenAll";
    public const string ParallelKey = "ASYNC302.ParallelForEachAsync";

    private static readonly FixOption WhenAll = new(WhenAllKey, "Start every iteration and await Task.WhenAll");

    private static readonly FixOption Parallel = new(
        ParallelKey,
        "Run the iterations with Parallel.ForEachAsync (at most " + LoopGatherEditing.MaxDegreeOfParallelism.ToString(CultureInfo.InvariantCulture) + " at a time)");

    public IndependentLoopAwaitsCodeFix()
        : base(DiagnosticIds.IndependentAwaitInLoop)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<FixPlan?>(
            diagnostic.Properties.TryGetValue(DiagnosticProperties.Shape, out var shape) && shape == "Body"
                ? LoopGatherEditing.TryPlanBody(document, diagnostic, WhenAll, cancellationToken)
                : LoopGatherEditing.TryPlan(document, diagnostic, WhenAll, Parallel, cancellationToken));

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // A body with per-item work keeps that work in the loop, in order; the calls alone are started together.
        LoopGatherEditing.ApplyBody(pass, fixes.Select(f => f.Plan).OfType<LoopGatherEditing.BodyPlan>().ToList());
        LoopGatherEditing.Apply(pass, fixes.Where(f => f.Plan is LoopGatherEditing.Plan).Select(f => ((LoopGatherEditing.Plan)f.Plan, f.Key == ParallelKey ? LoopGatherEditing.Kind.ParallelForEach : LoopGatherEditing.Kind.WhenAll)).ToList());
        return Task.CompletedTask;
    }
}
