using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>
/// The catalogue's opt-in regeneration mode. With <c>ASYNCANALYZERS_REGENERATE=1</c>, the catalogue tests rewrite what follows
/// from the descriptors (the rule tables, the mode files, a missing release-tracking line, a stub page for a rule without one)
/// instead of only failing. The rewrites are pure functions of the file's text (tested by <see cref="RegenerationTests"/>);
/// only <see cref="Write"/> touches the disk.
/// </summary>
internal static class Regeneration
{
    public const string Variable = "ASYNCANALYZERS_REGENERATE";

    /// <summary>What every regenerable catalogue failure tells the contributor.</summary>
    public const string Hint = "run `ASYNCANALYZERS_REGENERATE=1 dotnet test tests/AsyncAnalyzers.Tests --filter FullyQualifiedName~Catalog` to regenerate";

    private const string NewRulesSection = "### New Rules";
    private const string ReleaseTableHeader = "Rule ID | Category | Severity | Notes";
    private const string ReleaseTableSeparator = "--------|----------|----------|-------";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>
    /// <paramref name="text"/> with the rule table replaced by <paramref name="table"/>: from the table's header line to the
    /// first line that is not a table row. Null when the text has no such header line (nothing safe to replace).
    /// </summary>
    public static string? ReplaceRuleTable(string text, string table)
    {
        var lines = text.Split('\n').ToList();
        var tableLines = table.Split('\n');
        var start = lines.IndexOf(tableLines[0]);
        if (start < 0)
        {
            return null;
        }

        var end = start + 1;
        while (end < lines.Count && lines[end].StartsWith('|'))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, tableLines);
        return string.Join("\n", lines);
    }

    public static string ModeLine(string id, string severity) => $"dotnet_diagnostic.{id}.severity = {severity}";

    /// <summary>
    /// A mode file: its header (every line before the first <c>dotnet_diagnostic.</c> line: comments, <c>is_global</c>,
    /// <c>global_level</c>), a blank line, then one line per descriptor.
    /// </summary>
    public static string ModeFile(string text, string severity)
    {
        var header = text.Split('\n').TakeWhile(line => !line.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal)).ToList();
        while (header.Count > 0 && header[^1].Trim().Length == 0)
        {
            header.RemoveAt(header.Count - 1);
        }

        var rules = string.Join("\n", Catalog.Descriptors.Select(d => ModeLine(d.Id, severity))) + "\n";
        return header.Count == 0 ? rules : string.Join("\n", header) + "\n\n" + rules;
    }

    /// <summary>The severity column of release tracking: the default severity, or <c>Disabled</c> for a rule off by default.</summary>
    public static string ReleaseSeverity(DiagnosticDescriptor descriptor) =>
        descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";

    /// <summary>A row of the New Rules table, as AnalyzerReleases.Unshipped.md writes them (the notes name the analyzer).</summary>
    public static string ReleaseLine(DiagnosticDescriptor descriptor, string? analyzerName) =>
        $"{descriptor.Id} | {descriptor.Category} | {ReleaseSeverity(descriptor)} | {analyzerName}".TrimEnd();

    /// <summary>
    /// AnalyzerReleases.Unshipped.md with <paramref name="line"/> in its New Rules table, in ID order, replacing any row
    /// of the same ID; the section and its table are added when missing. Null when the section has no table header.
    /// </summary>
    public static string? AddReleaseLine(string text, string line)
    {
        var id = RowId(line);
        var lines = text.Split('\n').ToList();
        var section = lines.IndexOf(NewRulesSection);
        if (section < 0)
        {
            return text.TrimEnd('\n') + $"\n\n{NewRulesSection}\n\n{ReleaseTableHeader}\n{ReleaseTableSeparator}\n{line}\n";
        }

        var header = lines.FindIndex(section, l => l.StartsWith("Rule ID", StringComparison.Ordinal));
        if (header < 0 || header + 1 >= lines.Count || !lines[header + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        var first = header + 2;
        var end = first;
        while (end < lines.Count && IsReleaseRow(lines[end]))
        {
            end++;
        }

        var rows = lines.GetRange(first, end - first).Where(row => RowId(row) != id).ToList();
        var position = rows.FindIndex(row => string.CompareOrdinal(RowId(row), id) > 0);
        rows.Insert(position < 0 ? rows.Count : position, line);
        lines.RemoveRange(first, end - first);
        lines.InsertRange(first, rows);
        return string.Join("\n", lines);
    }

    /// <summary>The IDs with a row in a release-tracking file (any section).</summary>
    public static IReadOnlySet<string> ReleaseIds(string text) =>
        text.Split('\n').Where(IsReleaseRow).Select(RowId).Where(id => id.StartsWith("ASYNC", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A first page for a rule: docs/rule-template.md with the title line and the metadata table filled in from the
    /// descriptor (Sources too, when an analyzer reports the rule); every other section keeps the template's placeholders.
    /// </summary>
    public static string RulePageStub(string template, DiagnosticDescriptor descriptor)
    {
        var lines = template.Split('\n');
        var title = $"# {descriptor.Id}: {descriptor.Title}";
        var sources = Catalog.SourcesCell(descriptor.Id);
        var cells = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Family"] = Catalog.Family(descriptor),
            ["Severity"] = Catalog.Severity(descriptor),
            ["Enabled by default"] = Catalog.YesNo(descriptor.IsEnabledByDefault),
            ["Code fix"] = Catalog.YesNo(Catalog.HasCodeFix(descriptor.Id)),
            ["Sources"] = sources,
        };
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == 0 && lines[i].StartsWith("# ", StringComparison.Ordinal))
            {
                lines[i] = title;
                continue;
            }

            foreach (var (property, value) in cells)
            {
                if (value is not null && lines[i].StartsWith($"| {property} | ", StringComparison.Ordinal))
                {
                    lines[i] = $"| {property} | {value} |";
                }
            }
        }

        var page = string.Join("\n", lines);
        return page.StartsWith("# ", StringComparison.Ordinal) ? page : title + "\n\n" + page;
    }

    /// <summary>
    /// Writes <paramref name="normalizedText"/> (LF line ends) to <paramref name="path"/>, keeping the file's CRLF line ends
    /// and byte-order mark if it had them.
    /// </summary>
    public static void Write(string path, string normalizedText)
    {
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : Array.Empty<byte>();
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var crlf = Encoding.UTF8.GetString(bytes).Contains("\r\n", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, crlf ? normalizedText.Replace("\n", "\r\n", StringComparison.Ordinal) : normalizedText, new UTF8Encoding(bom));
    }

    private static bool IsReleaseRow(string line) =>
        line.Contains('|', StringComparison.Ordinal) && !line.StartsWith('#') && !line.StartsWith(';') && !line.StartsWith("Rule ID", StringComparison.Ordinal) && !line.StartsWith("--", StringComparison.Ordinal);

    private static string RowId(string row) => row.Split('|')[0].Trim();
}

/// <summary>
/// The test classes that read the files the regeneration mode writes (rule tables, mode files, release tracking, docs pages)
/// run one after another, so none reads a file while another rewrites it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CatalogFilesCollection
{
    public const string Name = "Catalog files";
}
