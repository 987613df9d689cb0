using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Baseline;

/// <summary>
/// What the build says about the baseline (the MSBuild properties the package's build/AsyncAnalyzers.targets makes visible to
/// the compiler), and the baseline file of a compilation, read and parsed once per compilation for the analyzer and the
/// suppressor together.
/// </summary>
internal sealed class BaselineSettings
{
    /// <summary><c>update</c> while the build records the baseline; <c>off</c> ignores the file.</summary>
    public const string ModeKey = "build_property.AsyncAnalyzersBaseline";

    /// <summary>The full path of the baseline file.</summary>
    public const string FileKey = "build_property.AsyncAnalyzersBaselineFile";

    /// <summary><c>true</c> in real builds, absent in the IDE's design-time builds: stale entries are a build-level fact.</summary>
    public const string StaleCheckKey = "build_property.AsyncAnalyzersBaselineStaleCheck";

    public const string UpdateMode = "update";

    private static readonly ConditionalWeakTable<Compilation, Holder> PerCompilation = new();

    private BaselineSettings(AdditionalText file, BaselineFile? parsed, bool checkStale)
    {
        Text = file;
        Parsed = parsed;
        Directory = Path.GetDirectoryName(file.Path) ?? string.Empty;
        CheckStale = checkStale;
    }

    /// <summary>The baseline as an additional file.</summary>
    public AdditionalText Text { get; }

    /// <summary>The parsed file, or null when its text could not be read.</summary>
    public BaselineFile? Parsed { get; }

    /// <summary>The folder file paths in entries are relative to.</summary>
    public string Directory { get; }

    public bool CheckStale { get; }

    /// <summary>
    /// Per entry key, how many of its findings the suppressor has matched so far in this compilation. The compiler hands the
    /// suppressor every diagnostic of a build at once, but other hosts (CompilationWithAnalyzers) hand them over in batches, the
    /// compilation-end ASYNC902 reports last; keeping the counts here lets those be judged against every batch. A member lives in
    /// one file, so one batch holds all its findings: the largest count seen is the count.
    /// </summary>
    public ConcurrentDictionary<string, int> Matched { get; } = new(StringComparer.Ordinal);

    /// <summary>Is an AsyncAnalyzers rule (not a configuration diagnostic) that a baseline can hold.</summary>
    public static bool IsBaselineRule(string id) => BaselineRules.Contains(id);

    /// <summary>Every rule except the configuration band (9xx), whose diagnostics are about the configuration itself.</summary>
    public static ImmutableHashSet<string> BaselineRules { get; } =
        Descriptors.All.Where(d => d.Category != RuleCategory.Of(RuleFamily.Configuration)).Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>True while <c>dotnet build -p:AsyncAnalyzersBaseline=update</c> records the findings.</summary>
    public static bool IsUpdating(AnalyzerOptions options) =>
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ModeKey, out var mode)
        && string.Equals(mode.Trim(), UpdateMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>While updating, the folder entries are relative to (the baseline file's); otherwise null.</summary>
    public static string? RecordingDirectory(AnalyzerOptions options) =>
        IsUpdating(options) && options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(FileKey, out var file) && !string.IsNullOrWhiteSpace(file)
            ? Path.GetDirectoryName(file.Trim())
            : null;

    /// <summary>
    /// The baseline of this compilation, or null when there is none (no file, <c>off</c>, or an update in progress). The first
    /// call per compilation finds and parses it; without a baseline file this is a scan of the additional files' names.
    /// </summary>
    public static BaselineSettings? For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (options.AdditionalFiles.IsEmpty)
        {
            return null;
        }

        return PerCompilation.GetValue(compilation, _ => new Holder(Find(options, cancellationToken))).Settings;
    }

    private static BaselineSettings? Find(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (global.TryGetValue(ModeKey, out var mode) && (string.Equals(mode.Trim(), UpdateMode, StringComparison.OrdinalIgnoreCase) || string.Equals(mode.Trim(), "off", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var configured = global.TryGetValue(FileKey, out var path) && !string.IsNullOrWhiteSpace(path) ? path.Trim() : null;
        var name = configured is null ? BaselineFile.DefaultFileName : Path.GetFileName(configured);
        var candidates = options.AdditionalFiles.Where(f => string.Equals(Path.GetFileName(f.Path), name, StringComparison.OrdinalIgnoreCase)).ToImmutableArray();
        if (candidates.IsEmpty)
        {
            return null;
        }

        var file = candidates.Length == 1 || configured is null
            ? candidates[0]
            : candidates.FirstOrDefault(f => string.Equals(Normalize(f.Path), Normalize(configured), StringComparison.OrdinalIgnoreCase)) ?? candidates[0];
        var text = file.GetText(cancellationToken);
        var checkStale = global.TryGetValue(StaleCheckKey, out var stale) && string.Equals(stale.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return new BaselineSettings(file, text is null ? null : BaselineFile.Parse(text, IsBaselineRule), checkStale);
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>ConditionalWeakTable values cannot be null; a compilation without a baseline is cached as an empty holder.</summary>
    private sealed class Holder
    {
        public Holder(BaselineSettings? settings) => Settings = settings;

        public BaselineSettings? Settings { get; }
    }
}
