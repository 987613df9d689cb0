using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>
/// Rules about the rules (house rule 1): every piece of every rule exists and agrees with the descriptor. What follows from
/// the descriptors alone (rule tables, mode files, release-tracking lines, a first docs page) is rewritten instead of only
/// reported when <c>ASYNCANALYZERS_REGENERATE=1</c> is set (<see cref="Regeneration"/>).
/// </summary>
[Collection(CatalogFilesCollection.Name)]
public class CatalogTests
{
    private readonly ITestOutputHelper _output;

    public CatalogTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Ids => Catalog.Ids;

    [Fact]
    public void DiagnosticIds_MatchDescriptors()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(constants.Distinct().Count(), constants.Count);
        Assert.Equal(constants, Catalog.Descriptors.Select(d => d.Id).ToList());
    }

    [Fact]
    public void Descriptors_AreInIdOrderAndUnique()
    {
        var ids = Catalog.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal).Distinct().ToList(), ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IdBandMatchesFamily(string id)
    {
        var expectedFamily = id[5] switch
        {
            '1' => "Blocking",
            '2' => "Unawaited",
            '3' => "Gather",
            '4' => "Exceptions",
            '9' => "Configuration",
            _ => "unknown band",
        };
        Assert.Matches("^ASYNC[0-9]{3}$", id);
        Assert.Equal("AsyncAnalyzers." + expectedFamily, Catalog.Get(id).Category);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasRealTexts(string id)
    {
        var descriptor = Catalog.Get(id);
        var title = descriptor.Title.ToString();
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.False(title.EndsWith('.'), "Titles are short imperatives without a final period");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        var description = descriptor.Description.ToString();
        Assert.True(description.Length > 40 && description.EndsWith('.'), "The description must be real sentences: " + description);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HelpLinkIsItsDocsPage(string id)
    {
        Assert.Equal($"https://github.com/async-analyzers/AsyncAnalyzers/blob/main/docs/rules/{id}.md", Catalog.Get(id).HelpLinkUri);
        var page = Catalog.RepositoryFile("docs", "rules", id + ".md");
        if (!File.Exists(page) && Regeneration.Enabled)
        {
            // A stub: title and metadata from the descriptor, the template's placeholders elsewhere (RulePageTests fail until they are written).
            Regenerate(page, Regeneration.RulePageStub(Catalog.ReadNormalized(Catalog.RepositoryFile("docs", "rule-template.md")), Catalog.Get(id)));
        }

        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing: write it from docs/rule-template.md, or {Regeneration.Hint} a stub");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasReleaseTrackingLine(string id)
    {
        var descriptor = Catalog.Get(id);
        var shippedPath = Catalog.RepositoryFile("src", "AsyncAnalyzers", "AnalyzerReleases.Shipped.md");
        var unshippedPath = Catalog.RepositoryFile("src", "AsyncAnalyzers", "AnalyzerReleases.Unshipped.md");
        var expected = new Regex($@"^{id} \| {Regex.Escape(descriptor.Category)} \| {Regeneration.ReleaseSeverity(descriptor)} \|", RegexOptions.Multiline);
        var shipped = Catalog.ReadNormalized(shippedPath);
        var unshipped = Catalog.ReadNormalized(unshippedPath);

        // A shipped rule's change needs a Changed Rules entry, which only a person can write; an unshipped row is the descriptor's.
        if (!expected.IsMatch(shipped + unshipped) && Regeneration.Enabled && !Regeneration.ReleaseIds(shipped).Contains(id)
            && Regeneration.AddReleaseLine(unshipped, Regeneration.ReleaseLine(descriptor, Catalog.AnalyzerType(id)?.Name)) is { } rewritten)
        {
            Regenerate(unshippedPath, rewritten);
            unshipped = Catalog.ReadNormalized(unshippedPath);
        }

        Assert.True(
            expected.IsMatch(shipped + unshipped),
            $"AnalyzerReleases.Unshipped.md (or Shipped.md) lacks this line under '### New Rules':\n\n{Regeneration.ReleaseLine(descriptor, Catalog.AnalyzerType(id)?.Name)}\n\n{Regeneration.Hint}");
    }

    [Fact]
    public void EveryDescriptor_IsReportedByExactlyOneAnalyzer()
    {
        var supported = AnalyzerRunner.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(Catalog.Descriptors.Select(d => d.Id).ToList(), supported.OrderBy(id => id, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Analyzers_AreSealed()
    {
        Assert.All(AnalyzerRunner.AllAnalyzers, a => Assert.True(a.GetType().IsSealed, a.GetType().Name + " is not sealed"));
        Assert.All(AnalyzerRunner.AllCodeFixes, f => Assert.True(f.GetType().IsSealed, f.GetType().Name + " is not sealed"));
    }

    [Fact]
    public void CodeFixes_SupportFixAllAndFixOnlyKnownIds()
    {
        var ids = Catalog.Descriptors.Select(d => d.Id).ToHashSet();
        Assert.NotEmpty(AnalyzerRunner.AllCodeFixes);
        foreach (var fix in AnalyzerRunner.AllCodeFixes)
        {
            Assert.NotNull(fix.GetFixAllProvider());
            Assert.All(fix.FixableDiagnosticIds, id => Assert.True(ids.Contains(id) || id.StartsWith("CS", StringComparison.Ordinal), $"{fix.GetType().Name} fixes unknown {id}"));
        }
    }

    [Theory]
    [InlineData("README.md", "docs/rules/")]
    [InlineData("docs/README.md", "rules/")]
    public void RuleTable_MatchesDescriptors(string file, string docsPrefix)
    {
        var expected = Catalog.RuleTable(docsPrefix);
        var path = Catalog.RepositoryFile(file.Split('/'));
        var text = Catalog.ReadNormalized(path);
        if (!text.Contains(expected, StringComparison.Ordinal) && Regeneration.Enabled && Regeneration.ReplaceRuleTable(text, expected) is { } rewritten)
        {
            Regenerate(path, rewritten);
            text = Catalog.ReadNormalized(path);
        }

        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{file} must contain this rule table:\n\n{expected}\n\n{Regeneration.Hint}");
    }

    [Theory]
    [InlineData("Strict", "error")]
    [InlineData("None", "none")]
    public void ModeGlobalConfig_ListsEveryRule(string mode, string severity)
    {
        var path = Catalog.RepositoryFile("src", "AsyncAnalyzers.Package", "build", $"AsyncAnalyzers.{mode}.globalconfig");
        var expected = Catalog.Descriptors.Select(d => (d.Id, severity)).ToList();
        var text = Catalog.ReadNormalized(path);
        if (!Listed(text).SequenceEqual(expected) && Regeneration.Enabled)
        {
            Regenerate(path, Regeneration.ModeFile(text, severity));
            text = Catalog.ReadNormalized(path);
        }

        Assert.True(
            Listed(text).SequenceEqual(expected),
            $"AsyncAnalyzers.{mode}.globalconfig must list exactly these lines, in this order:\n\n"
            + string.Join("\n", expected.Select(e => Regeneration.ModeLine(e.Id, e.severity))) + $"\n\n{Regeneration.Hint}");

        static List<(string, string)> Listed(string text) =>
            Regex.Matches(text, @"^dotnet_diagnostic\.(ASYNC\d{3})\.severity = (\w+)$", RegexOptions.Multiline)
                .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
    }

    [Fact]
    public void ConfigurationDoc_ListsEveryOption()
    {
        var text = Catalog.ReadNormalized(Catalog.RepositoryFile("docs", "configuration.md"));
        Assert.All(AnalyzerOptionKeys.All.Keys, key => Assert.Contains(key, text, StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigurationDoc_PeerTableMatchesSuppressor()
    {
        // The table under "Peer suppressions" is what PeerSuppressor honors, rule by rule.
        var text = Catalog.ReadNormalized(Catalog.RepositoryFile("docs", "configuration.md"));
        var rows = System.Text.RegularExpressions.Regex.Matches(text, @"(?m)^\| (ASYNC\d{3}) \| ([A-Za-z0-9, ]+) \|$")
            .ToDictionary(m => m.Groups[1].Value, m => string.Join(",", m.Groups[2].Value.Split(',').Select(id => id.Trim())));
        var peers = AsyncAnalyzers.Rules.Configuration.PeerSuppressor.Peers.ToDictionary(pair => pair.Key, pair => string.Join(",", pair.Value));
        Assert.Equal(peers.OrderBy(p => p.Key, StringComparer.Ordinal), rows.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void OptionsTable_HasOneRowPerKeyConstant()
    {
        var constants = typeof(AnalyzerOptionKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(AnalyzerOptionKeys.Prefix))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToList();
        var rows = AnalyzerOptionKeys.Options.Select(o => o.Key).OrderBy(key => key, StringComparer.Ordinal).ToList();
        Assert.Equal(constants, rows);
        Assert.Equal(rows.Count, rows.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(rows, AnalyzerOptionKeys.All.Keys.OrderBy(key => key, StringComparer.Ordinal).ToList());
        var ids = Catalog.Descriptors.Select(d => d.Id).ToHashSet();
        foreach (var option in AnalyzerOptionKeys.Options)
        {
            // async_analyzers.ASYNCxxx.name belongs to ASYNCxxx; async_analyzers.name is package-wide.
            var owner = Regex.Match(option.Key, $@"^{Regex.Escape(AnalyzerOptionKeys.Prefix)}(ASYNC\d{{3}})\.");
            Assert.True(option.Key.StartsWith(AnalyzerOptionKeys.Prefix, StringComparison.Ordinal), option.Key);
            Assert.Equal(owner.Success ? owner.Groups[1].Value : null, option.RuleId);
            Assert.True(option.RuleId is null || ids.Contains(option.RuleId), $"{option.Key} belongs to unknown rule {option.RuleId}");
            Assert.True(Enum.IsDefined(option.Kind), $"{option.Key} has no valid kind");
            Assert.Same(option, AnalyzerOptionKeys.Find(option.Key.ToUpperInvariant()));
        }
    }

    [Fact]
    public void TypeLookupsByName_OnlyInSemantics()
    {
        // BannedSymbols.txt bans Compilation.GetTypeByMetadataName; this closes the door on its per-compilation wrapper too (house rule 3).
        var offenders = AnalyzerRunner.SourceFiles(Catalog.RepositoryFile("src"))
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}Semantics{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => System.IO.File.ReadAllText(f).Contains(".GetTypeByMetadataName(", StringComparison.Ordinal))
            .ToList();
        Assert.True(offenders.Count == 0, "Type look-ups by name outside Semantics/: " + string.Join(", ", offenders));
    }

    [Fact]
    public void CodeFixes_AreExportedForCSharp()
    {
        foreach (var fix in AnalyzerRunner.AllCodeFixes)
        {
            var export = fix.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>()!;
            Assert.Contains(LanguageNames.CSharp, export.Languages);
        }
    }

    private void Regenerate(string path, string text)
    {
        Regeneration.Write(path, text);
        _output.WriteLine($"{Regeneration.Variable}=1: rewrote {Path.GetRelativePath(AnalyzerRunner.RepositoryRoot, path)}");
    }
}
