using System;
using System.Collections.Generic;
using System.Linq;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>
/// The regeneration mode's rewrites, on text built from the descriptors (never on the repository's files, which the
/// regeneration mode may be rewriting at the same time): a consistent text is left unchanged byte for byte, a damaged one is
/// given back whole.
/// </summary>
public class RegenerationTests
{
    private const string ModeHeader =
        "# AsyncAnalyzersMode=Strict. Kept in sync with Descriptors.All by CatalogTests.\nis_global = true\n# A comment.\nglobal_level = -1\n";

    private const string ReleaseHeader =
        "; Unshipped analyzer release\n; https://github.com/dotnet/roslyn-analyzers/blob/main/src/Microsoft.CodeAnalysis.Analyzers/ReleaseTrackingAnalyzers.Help.md\n";

    public static IEnumerable<object[]> Ids => Catalog.Ids;

    [Theory]
    [InlineData("docs/rules/")]
    [InlineData("rules/")]
    public void RuleTable_Consistent_ChangesNothing(string docsPrefix)
    {
        var text = Readme(docsPrefix);
        Assert.Equal(text, Regeneration.ReplaceRuleTable(text, Catalog.RuleTable(docsPrefix)));
    }

    [Theory]
    [InlineData("docs/rules/")]
    [InlineData("rules/")]
    public void RuleTable_WithBrokenMissingAndExtraRows_IsRestored(string docsPrefix)
    {
        var text = Readme(docsPrefix);
        var lines = text.Split('\n').ToList();
        var first = lines.FindIndex(l => l.StartsWith("| [ASYNC", StringComparison.Ordinal));
        lines[first] = lines[first].Replace("| Yes |", "| No |", StringComparison.Ordinal);
        lines.RemoveAt(first + 1);
        lines.Insert(first + 2, "| [ASYNC999](x.md) | Gone | Blocking | Warning | Yes | No |");
        var damaged = string.Join("\n", lines);
        Assert.NotEqual(text, damaged);
        Assert.Equal(text, Regeneration.ReplaceRuleTable(damaged, Catalog.RuleTable(docsPrefix)));
    }

    [Fact]
    public void RuleTable_WithoutHeader_IsNotGuessed()
    {
        Assert.Null(Regeneration.ReplaceRuleTable("# Title\n\n| A | B |\n| --- | --- |\n", Catalog.RuleTable("rules/")));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("none")]
    public void ModeFile_Consistent_ChangesNothing(string severity)
    {
        var text = ModeFile(severity);
        Assert.Equal(text, Regeneration.ModeFile(text, severity));
    }

    [Theory]
    [InlineData("error")]
    [InlineData("none")]
    public void ModeFile_WithWrongMissingOrNoRuleLines_KeepsTheHeader(string severity)
    {
        var text = ModeFile(severity);
        var lines = text.Split('\n').ToList();
        var first = lines.FindIndex(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal));
        lines[first] = lines[first].Replace(severity, "warning", StringComparison.Ordinal);
        lines.RemoveAt(first + 3);
        Assert.Equal(text, Regeneration.ModeFile(string.Join("\n", lines), severity));
        Assert.Equal(text, Regeneration.ModeFile(ModeHeader, severity));
        Assert.Equal(text, Regeneration.ModeFile(ModeHeader + "\n\n", severity));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReleaseLine_Present_ChangesNothing(string id)
    {
        var text = Unshipped();
        Assert.Equal(text, Regeneration.AddReleaseLine(text, ReleaseLine(id)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReleaseLine_MissingOrStale_IsWrittenInIdOrder(string id)
    {
        var text = Unshipped();
        var line = ReleaseLine(id);
        var missing = text.Replace(line + "\n", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(text, missing);
        Assert.Equal(text, Regeneration.AddReleaseLine(missing, line));

        // A row with a stale severity is replaced, not duplicated.
        var staleLine = line.Contains(" | Warning | ", StringComparison.Ordinal)
            ? line.Replace(" | Warning | ", " | Info | ", StringComparison.Ordinal)
            : line.Replace(" | Info | ", " | Warning | ", StringComparison.Ordinal);
        var stale = text.Replace(line, staleLine, StringComparison.Ordinal);
        Assert.NotEqual(text, stale);
        Assert.Equal(text, Regeneration.AddReleaseLine(stale, line));
    }

    [Fact]
    public void ReleaseLine_WithoutNewRulesSection_AddsTheSection()
    {
        var line = ReleaseLine("ASYNC101");
        Assert.Equal(
            ReleaseHeader + "\n### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\n" + line + "\n",
            Regeneration.AddReleaseLine(ReleaseHeader + "\n", line));
    }

    [Fact]
    public void ReleaseLine_NamesTheAnalyzer()
    {
        Assert.Equal("ASYNC104 | AsyncAnalyzers.Blocking | Info | BlockingWaitAnalyzer", ReleaseLine("ASYNC104"));
        Assert.Equal("ASYNC901 | AsyncAnalyzers.Configuration | Warning | OptionsValidationAnalyzer", ReleaseLine("ASYNC901"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void RulePageStub_FillsTitleAndMetadataAndKeepsTheTemplatesSections(string id)
    {
        var descriptor = Catalog.Get(id);
        var template = Catalog.ReadNormalized(Catalog.RepositoryFile("docs", "rule-template.md"));
        var stub = Regeneration.RulePageStub(template, descriptor);
        var metadata = string.Join(
            "\n",
            $"# {id}: {descriptor.Title}",
            string.Empty,
            "| Property | Value |",
            "| --- | --- |",
            $"| Family | {Catalog.Family(descriptor)} |",
            $"| Severity | {Catalog.Severity(descriptor)} |",
            $"| Enabled by default | {Catalog.YesNo(descriptor.IsEnabledByDefault)} |",
            $"| Code fix | {Catalog.YesNo(Catalog.HasCodeFix(id))} |",
            $"| Sources | {Catalog.SourcesCell(id)} |",
            string.Empty);
        var sections = template.IndexOf("\n## ", StringComparison.Ordinal);
        Assert.Equal(metadata + template[sections..], stub);
    }

    private static string Readme(string docsPrefix) => $"# AsyncAnalyzers\n\nSome text.\n\n## Rules\n\n{Catalog.RuleTable(docsPrefix)}\n\nMore text.\n| not | after a blank line |\n";

    private static string ModeFile(string severity) =>
        ModeHeader + "\n" + string.Join(string.Empty, Catalog.Descriptors.Select(d => Regeneration.ModeLine(d.Id, severity) + "\n"));

    private static string ReleaseLine(string id) => Regeneration.ReleaseLine(Catalog.Get(id), Catalog.AnalyzerType(id)?.Name);

    private static string Unshipped() =>
        ReleaseHeader + "\n### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\n"
        + string.Join(string.Empty, Catalog.Descriptors.Select(d => ReleaseLine(d.Id) + "\n"));
}
