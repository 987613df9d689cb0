using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>Rules about the rules (house rule 1): every piece of every rule exists and agrees with the descriptor.</summary>
public class CatalogTests
{
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
        Assert.True(System.IO.File.Exists(Catalog.RepositoryFile("docs", "rules", id + ".md")), $"docs/rules/{id}.md is missing");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasReleaseTrackingLine(string id)
    {
        var descriptor = Catalog.Get(id);
        var tracked = Catalog.ReadNormalized(Catalog.RepositoryFile("src", "AsyncAnalyzers", "AnalyzerReleases.Shipped.md"))
            + Catalog.ReadNormalized(Catalog.RepositoryFile("src", "AsyncAnalyzers", "AnalyzerReleases.Unshipped.md"));
        var severity = descriptor.DefaultSeverity == DiagnosticSeverity.Warning ? "Warning" : "Info";
        Assert.Matches(new Regex($@"^{id} \| {Regex.Escape(descriptor.Category)} \| {(descriptor.IsEnabledByDefault ? severity : "Disabled")} \|", RegexOptions.Multiline), tracked);
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
        var text = Catalog.ReadNormalized(Catalog.RepositoryFile(file.Split('/')));
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{file} must contain this rule table:\n\n{expected}\n");
    }

    [Theory]
    [InlineData("Strict", "error")]
    [InlineData("None", "none")]
    public void ModeGlobalConfig_ListsEveryRule(string mode, string severity)
    {
        var text = Catalog.ReadNormalized(Catalog.RepositoryFile("src", "AsyncAnalyzers.Package", "build", $"AsyncAnalyzers.{mode}.globalconfig"));
        var listed = Regex.Matches(text, @"^dotnet_diagnostic\.(ASYNC\d{3})\.severity = (\w+)$", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(Catalog.Descriptors.Select(d => (d.Id, severity)).ToList(), listed);
    }

    [Fact]
    public void ConfigurationDoc_ListsEveryOption()
    {
        var text = Catalog.ReadNormalized(Catalog.RepositoryFile("docs", "configuration.md"));
        Assert.All(AnalyzerOptionKeys.All.Keys, key => Assert.Contains(key, text, StringComparison.Ordinal));
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
}
