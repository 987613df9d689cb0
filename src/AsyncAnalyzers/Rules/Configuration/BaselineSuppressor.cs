using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AsyncAnalyzers.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Rules.Configuration;

/// <summary>
/// Applies the baseline: suppresses exactly the findings its entries list (up to each entry's count, the first ones in the file),
/// so they still appear as suppressed, with a justification, in SARIF and in the IDE. While the build records the baseline
/// (<c>AsyncAnalyzersBaseline=update</c>) it suppresses every finding, so the recording build succeeds in Strict mode too. It also
/// suppresses the ASYNC902 reports of <see cref="BaselineAnalyzer"/> that a matched finding accounts for, which leaves the stale
/// entries reported. The ASYNC902 reports come from a compilation-end action, so every finding has been matched by then.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineSuppressor : DiagnosticSuppressor
{
    private static readonly ImmutableDictionary<string, SuppressionDescriptor> Listed = BaselineSettings.BaselineRules.ToImmutableDictionary(
        id => id,
        id => new SuppressionDescriptor(id + ".Baseline", id, "Listed in the AsyncAnalyzers baseline: an existing finding accepted when the package was adopted (docs/baseline.md)"));

    private static readonly ImmutableDictionary<string, SuppressionDescriptor> Recorded = BaselineSettings.BaselineRules.ToImmutableDictionary(
        id => id,
        id => new SuppressionDescriptor(id + ".BaselineUpdate", id, "Recorded by the AsyncAnalyzers baseline update (AsyncAnalyzersBaseline=update)"));

    private static readonly SuppressionDescriptor Matched = new(
        DiagnosticIds.StaleBaselineEntry + ".Matched", DiagnosticIds.StaleBaselineEntry, "The baseline entry still matches a finding");

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
        Listed.Values.Concat(Recorded.Values).Append(Matched).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        if (BaselineSettings.IsUpdating(context.Options))
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                if (Recorded.TryGetValue(diagnostic.Id, out var recorded))
                {
                    context.ReportSuppression(Suppression.Create(recorded, diagnostic));
                }
            }

            return;
        }

        if (BaselineSettings.For(context.Compilation, context.Options, context.CancellationToken) is not { Parsed: { Entries.IsEmpty: false } parsed } baseline)
        {
            return;
        }

        var found = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var candidates = new List<Diagnostic>();
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.StaleBaselineEntry)
            {
                candidates.Add(diagnostic);
            }
            else if (Listed.ContainsKey(diagnostic.Id)
                && Fingerprints.EntryKey(diagnostic.Id, diagnostic.Location, baseline.Directory) is { } key
                && parsed.ByKey.ContainsKey(key))
            {
                if (!found.TryGetValue(key, out var list))
                {
                    found.Add(key, list = new List<Diagnostic>());
                }

                list.Add(diagnostic);
            }
        }

        foreach (var pair in found)
        {
            // Beyond the recorded count, the extra identical findings are new: the first ones in the file keep the entry.
            var accepted = pair.Value.OrderBy(d => d.Location.SourceSpan.Start).Take(parsed.ByKey[pair.Key].Count).ToList();
            baseline.Matched.AddOrUpdate(pair.Key, accepted.Count, (_, seen) => Math.Max(seen, accepted.Count));
            foreach (var diagnostic in accepted)
            {
                context.ReportSuppression(Suppression.Create(Listed[diagnostic.Id], diagnostic));
            }
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Properties.TryGetValue(DiagnosticProperties.BaselineEntry, out var key) && key is not null
                && candidate.Properties.TryGetValue(DiagnosticProperties.BaselineOccurrence, out var occurrence)
                && int.TryParse(occurrence, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && baseline.Matched.TryGetValue(key, out var count) && number <= count)
            {
                context.ReportSuppression(Suppression.Create(Matched, candidate));
            }
        }
    }
}
