using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Baseline;

/// <summary>One line of the baseline: a finding accepted when the package was adopted, <see cref="Count"/> times in its member.</summary>
internal sealed class BaselineEntry
{
    public BaselineEntry(string key, string ruleId, string file, int count, int line, TextSpan span)
    {
        Key = key;
        RuleId = ruleId;
        File = file;
        Count = count;
        Line = line;
        Span = span;
    }

    /// <summary><c>file | member | rule | fingerprint</c>, as <see cref="Fingerprints.EntryKey"/> computes it.</summary>
    public string Key { get; }

    public string RuleId { get; }

    public string File { get; }

    public int Count { get; }

    /// <summary>1-based line in the baseline file.</summary>
    public int Line { get; }

    public TextSpan Span { get; }
}

/// <summary>A line that could not be read, with the reason; it suppresses nothing until it is fixed.</summary>
internal sealed class BaselineError
{
    public BaselineError(int line, TextSpan span, string reason)
    {
        Line = line;
        Span = span;
        Reason = reason;
    }

    public int Line { get; }

    public TextSpan Span { get; }

    public string Reason { get; }
}

/// <summary>
/// The parsed baseline file. Format, one finding per line, sorted: <c>file | member | rule | fingerprint</c>, then <c>| count</c>
/// when the member holds several identical findings. Lines starting with <c>#</c> and blank lines are ignored. Every other line
/// (up to a trailing <c># comment</c>) either is an entry or is an error naming the line: a hand-edited file never silently suppresses less (or nothing).
/// </summary>
internal sealed class BaselineFile
{
    public const string DefaultFileName = ".asyncanalyzers-baseline";

    public const string Header =
        "# AsyncAnalyzers baseline: findings accepted when the package was adopted (docs/baseline.md). Each line is\n"
        + "# file | member | rule | fingerprint [| count]. Regenerate with: dotnet build -p:AsyncAnalyzersBaseline=update";

    private BaselineFile(ImmutableArray<BaselineEntry> entries, ImmutableArray<BaselineError> errors)
    {
        Entries = entries;
        Errors = errors;
        ByKey = entries.ToImmutableDictionary(e => e.Key, StringComparer.Ordinal);
    }

    public ImmutableArray<BaselineEntry> Entries { get; }

    public ImmutableDictionary<string, BaselineEntry> ByKey { get; }

    public ImmutableArray<BaselineError> Errors { get; }

    public static BaselineFile Parse(SourceText text, Func<string, bool> isRule)
    {
        var entries = ImmutableArray.CreateBuilder<BaselineEntry>();
        var errors = ImmutableArray.CreateBuilder<BaselineError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in text.Lines)
        {
            var content = WithoutComment(line.ToString()).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var number = line.LineNumber + 1;
            var reason = Read(content, isRule, out var entry, line.Span, number);
            if (reason is null && seen.TryGetValue(entry!.Key, out var first))
            {
                reason = $"the entry repeats line {first.ToString(CultureInfo.InvariantCulture)}; give the count once";
            }

            if (reason is not null)
            {
                errors.Add(new BaselineError(number, line.Span, reason));
                continue;
            }

            seen.Add(entry!.Key, number);
            entries.Add(entry);
        }

        return new BaselineFile(entries.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>
    /// The line without its comment: a whole line starting with <c>#</c>, or a <c>#</c> after the last <c>|</c> (the fingerprint
    /// and the count never hold one; file paths, which may, come first).
    /// </summary>
    private static string WithoutComment(string line)
    {
        var hash = line.IndexOf('#', line.LastIndexOf('|') + 1);
        return line.TrimStart().StartsWith("#", StringComparison.Ordinal) ? string.Empty : hash >= 0 ? line.Substring(0, hash) : line;
    }

    private static string? Read(string content, Func<string, bool> isRule, out BaselineEntry? entry, TextSpan span, int number)
    {
        entry = null;
        var fields = content.Split('|').Select(f => f.Trim()).ToArray();
        if (fields.Length is < 4 or > 5)
        {
            return $"expected 'file | member | rule | fingerprint' and an optional '| count', found {fields.Length.ToString(CultureInfo.InvariantCulture)} field(s)";
        }

        var (file, member, rule, fingerprint) = (fields[0], fields[1], fields[2], fields[3]);
        if (file.Length == 0 || member.Length == 0)
        {
            return "the file and the member must not be empty";
        }

        if (file.IndexOf('\\') >= 0 || file.StartsWith("/", StringComparison.Ordinal) || (file.Length > 1 && file[1] == ':'))
        {
            return $"'{file}' must be relative to the baseline's folder, with '/' separators";
        }

        if (!isRule(rule))
        {
            return $"'{rule}' is not an AsyncAnalyzers rule a baseline can hold";
        }

        if (fingerprint.Length != 16 || !fingerprint.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            return $"'{fingerprint}' is not a fingerprint (16 lower-case hexadecimal digits)";
        }

        var count = 1;
        if (fields.Length == 5 && (!int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            return $"'{fields[4]}' is not a count (a whole number of at least 1)";
        }

        entry = new BaselineEntry(string.Join(Fingerprints.Separator, file, member, rule, fingerprint), rule, file, count, number, span);
        return null;
    }

    /// <summary>The file's text for these findings (keys with their counts): header, then the sorted lines.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var lines = counts
            .Select(c => c.Value > 1 ? c.Key + Fingerprints.Separator + c.Value.ToString(CultureInfo.InvariantCulture) : c.Key)
            .OrderBy(l => l, StringComparer.Ordinal);
        return Header + "\n" + string.Concat(lines.Select(l => l + "\n"));
    }
}
