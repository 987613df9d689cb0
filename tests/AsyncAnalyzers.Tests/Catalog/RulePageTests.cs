using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Options;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>Every docs/rules page has the template's sections and agrees with its descriptor (house rule 8).</summary>
[Collection(CatalogFilesCollection.Name)]
public class RulePageTests
{
    private static readonly string[] Sections =
    {
        "## Why it matters",
        "## Examples",
        "## When it does not report",
        "## Configuration",
        "## How to suppress",
        "## Related rules",
    };

    public static IEnumerable<object[]> Ids => Catalog.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_TitleEqualsDescriptorTitle(string id)
    {
        var firstLine = Page(id).Split('\n')[0];
        Assert.Equal($"# {id}: {Catalog.Get(id).Title}", firstLine);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_MetadataTableMatchesDescriptor(string id)
    {
        var descriptor = Catalog.Get(id);
        var page = Page(id);
        Assert.Contains($"| Family | {Catalog.Family(descriptor)} |", page, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {Catalog.Severity(descriptor)} |", page, StringComparison.Ordinal);
        Assert.Contains($"| Enabled by default | {Catalog.YesNo(descriptor.IsEnabledByDefault)} |", page, StringComparison.Ordinal);
        Assert.Contains($"| Code fix | {Catalog.YesNo(Catalog.HasCodeFix(id))} |", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_HasEverySectionInOrder(string id)
    {
        var page = Page(id);
        var positions = Sections.Select(s => page.IndexOf("\n" + s + "\n", StringComparison.Ordinal)).ToList();
        Assert.All(Sections.Zip(positions), pair => Assert.True(pair.Second >= 0, $"{id}.md lacks '{pair.First}'"));
        Assert.Equal(positions.OrderBy(p => p).ToList(), positions);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_ConfigurationListsExactlyTheRulesOptions(string id)
    {
        var page = Page(id);
        var start = page.IndexOf("\n## Configuration\n", StringComparison.Ordinal);
        var end = page.IndexOf("\n## How to suppress\n", StringComparison.Ordinal);
        var section = page[start..end];
        var mentioned = Regex.Matches(section, @"async_analyzers\.[A-Za-z0-9_.]+[A-Za-z0-9_]").Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var owned = AnalyzerOptionKeys.All.Where(kv => kv.Value == id).Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(owned, key => Assert.Contains(key, mentioned));
        Assert.All(mentioned, key => Assert.True(AnalyzerOptionKeys.All.ContainsKey(key), $"{id}.md documents unknown option {key}"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_SourcesLinkTheRulesAnalyzerAndFix(string id)
    {
        var sources = Catalog.SourcesCell(id);
        Assert.NotNull(sources);
        Assert.Contains($"\n| Sources | {sources} |\n", Page(id), StringComparison.Ordinal);
        Assert.All(
            Regex.Matches(sources, @"\(\.\./\.\./([^)]+)\)").Select(m => m.Groups[1].Value),
            path => Assert.True(System.IO.File.Exists(Catalog.RepositoryFile(path.Split('/'))), $"{id}.md links {path}, which does not exist"));
    }

    private static string Page(string id)
    {
        var path = Catalog.RepositoryFile("docs", "rules", id + ".md");
        Assert.True(System.IO.File.Exists(path), $"docs/rules/{id}.md is missing: write it from docs/rule-template.md, or {Regeneration.Hint} a stub");
        return Catalog.ReadNormalized(path);
    }
}
