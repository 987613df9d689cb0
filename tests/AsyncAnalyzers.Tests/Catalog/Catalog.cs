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

    /// <summary>The analyzer that reports <paramref name="id"/>, if one does yet.</summary>
    public static Type? AnalyzerType(string id) =>
        AnalyzerRunner.AllAnalyzers.FirstOrDefault(a => a.SupportedDiagnostics.Any(d => d.Id == id))?.GetType();

    /// <summary>The code fix of <paramref name="id"/>, if it has one.</summary>
    public static Type? CodeFixType(string id) =>
        AnalyzerRunner.AllCodeFixes.FirstOrDefault(f => f.FixableDiagnosticIds.Contains(id))?.GetType();

    /// <summary>
    /// The <c>Sources</c> cell of a rule page: links from docs/rules to the analyzer and, if any, the fix. A type's file is
    /// <c>src/&lt;assembly&gt;/&lt;rest of its namespace as folders&gt;/&lt;type&gt;.cs</c>. Null while no analyzer reports the ID.
    /// </summary>
    public static string? SourcesCell(string id)
    {
        if (AnalyzerType(id) is not { } analyzer)
        {
            return null;
        }

        var links = new List<string> { SourceLink(analyzer) };
        if (CodeFixType(id) is { } fix)
        {
            links.Add(SourceLink(fix));
        }

        return string.Join(", ", links);
    }

    /// <summary>The repository-relative path of the file declaring <paramref name="type"/>, by the namespace convention.</summary>
    public static string SourcePath(Type type)
    {
        var assembly = type.Assembly.GetName().Name!;
        var folders = type.Namespace!.Length > assembly.Length ? type.Namespace[(assembly.Length + 1)..].Replace('.', '/') + "/" : string.Empty;
        return $"src/{assembly}/{folders}{type.Name}.cs";
    }

    private static string SourceLink(Type type) => $"[`{type.Name}`](../../{SourcePath(type)})";

    public static string ReadNormalized(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
}
