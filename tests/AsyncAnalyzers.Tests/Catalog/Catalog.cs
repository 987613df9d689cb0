using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>What the catalogue tests compare against: the descriptors, and what the code says about each rule.</summary>
internal static class Catalog
{
    public static ImmutableArray<DiagnosticDescriptor> Descriptors => AsyncAnalyzers.Descriptors.All;

    public static IEnumerable<object[]> Ids => Descriptors.Select(d => new object[] { d.Id });

    public static DiagnosticDescriptor Get(string id) => Descriptors.Single(d => d.Id == id);

    public static string Family(DiagnosticDescriptor descriptor) => descriptor.Category["AsyncAnalyzers.".Length..];

    public static string Severity(DiagnosticDescriptor descriptor) =>
        descriptor.DefaultSeverity == DiagnosticSeverity.Warning ? "Warning" : "Suggestion";

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static bool HasCodeFix(string id) => AnalyzerRunner.AllCodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));

    public static string RepositoryFile(params string[] parts) => Path.Combine(new[] { AnalyzerRunner.RepositoryRoot }.Concat(parts).ToArray());

    /// <summary>The rule table as README.md and docs/README.md must show it; <paramref name="docsPrefix"/> is the path to docs/rules.</summary>
    public static string RuleTable(string docsPrefix)
    {
        var lines = new List<string>
        {
            "| ID | Title | Family | Severity | On by default | Code fix |",
            "| --- | --- | --- | --- | --- | --- |",
        };
        foreach (var d in Descriptors)
        {
            lines.Add($"| [{d.Id}]({docsPrefix}{d.Id}.md) | {d.Title} | {Family(d)} | {Severity(d)} | {YesNo(d.IsEnabledByDefault)} | {YesNo(HasCodeFix(d.Id))} |");
        }

        return string.Join("\n", lines);
    }

    public static string ReadNormalized(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
}
