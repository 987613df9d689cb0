using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AsyncAnalyzers.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Rules.Configuration;

/// <summary>
/// ASYNC903: a line of the baseline file that cannot be read. ASYNC902: an entry that matches no finding any more.
/// <para>
/// An analyzer cannot see other analyzers' findings, and the suppressor that can (<see cref="BaselineSuppressor"/>) cannot
/// report. So at the end of a real build (not the IDE's design-time builds, where the suppressor sees one document at a time)
/// this reports one ASYNC902 per recorded finding of every entry, and the suppressor, which runs after every analyzer with every
/// finding of the compilation, suppresses those its entry's findings account for. What stays reported is stale.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC902, Descriptors.ASYNC903);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(end =>
        {
            // Without a baseline file the cost of the feature is this look-up of the additional files' names.
            if (BaselineSettings.For(end.Compilation, end.Options, end.CancellationToken) is { } baseline)
            {
                Report(end, baseline);
            }
        });
    }

    private static void Report(CompilationAnalysisContext context, BaselineSettings baseline)
    {
        var path = baseline.Text.Path;
        var text = baseline.Text.GetText(context.CancellationToken);
        if (baseline.Parsed is not { } parsed || text is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC903, Location.Create(path, default, default), 1, "the file could not be read"));
            return;
        }

        foreach (var error in parsed.Errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC903, At(path, text, error.Span), error.Line, error.Reason));
        }

        if (!baseline.CheckStale)
        {
            return;
        }

        var trees = context.Compilation.SyntaxTrees.ToLookup(t => Fingerprints.RelativePath(baseline.Directory, t.FilePath), StringComparer.Ordinal);
        foreach (var entry in parsed.Entries)
        {
            if (!MayBeReported(context.Compilation, entry.RuleId, trees[entry.File].FirstOrDefault(), context))
            {
                continue;
            }

            var parts = entry.Key.Split(new[] { Fingerprints.Separator }, StringSplitOptions.None);
            for (var occurrence = 1; occurrence <= entry.Count; occurrence++)
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.BaselineEntry, entry.Key)
                    .Add(DiagnosticProperties.BaselineOccurrence, occurrence.ToString(CultureInfo.InvariantCulture));
                var which = entry.Count > 1 ? $", finding {occurrence.ToString(CultureInfo.InvariantCulture)} of {entry.Count.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC902, At(path, text, entry.Span), properties, entry.Line, entry.RuleId, parts[1], which));
            }
        }
    }

    /// <summary>
    /// False when the entry's rule is off, hidden or a suggestion for its file: a command-line build skips analyzers that report
    /// only suggestions, so their entries would look stale when they are not (BaselineTests.SuggestionRuleEntry_IsNotReportedStale).
    /// </summary>
    private static bool MayBeReported(Compilation compilation, string ruleId, SyntaxTree? tree, CompilationAnalysisContext context)
    {
        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        ReportDiagnostic severity;
        if (!((tree is not null && provider is not null && provider.TryGetDiagnosticValue(tree, ruleId, context.CancellationToken, out severity))
            || (provider is not null && provider.TryGetGlobalDiagnosticValue(ruleId, context.CancellationToken, out severity))
            || compilation.Options.SpecificDiagnosticOptions.TryGetValue(ruleId, out severity)))
        {
            severity = ReportDiagnostic.Default;
        }

        return severity switch
        {
            ReportDiagnostic.Error or ReportDiagnostic.Warn => true,
            ReportDiagnostic.Default => Descriptors.All.FirstOrDefault(d => d.Id == ruleId) is { DefaultSeverity: DiagnosticSeverity.Warning, IsEnabledByDefault: true },
            _ => false,
        };
    }

    private static Location At(string path, SourceText text, TextSpan span) => Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
}
