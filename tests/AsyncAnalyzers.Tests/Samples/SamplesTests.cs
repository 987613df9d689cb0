using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Samples;

/// <summary>
/// samples/ checks itself: every expected diagnostic is marked with a trailing <c>// ASYNCxxx</c> comment, and the diagnostics
/// the package reports on the samples must be exactly the markers, no more and no fewer.
/// </summary>
public partial class SamplesTests
{
    private static string SamplesDirectory => Path.Combine(AnalyzerRunner.RepositoryRoot, "samples", "AsyncAnalyzers.Samples");

    [Fact]
    public async Task ReportedDiagnostics_EqualMarkers()
    {
        var (expected, reported) = await MarkersAndReportedAsync(AnalyzerRunner.AllAnalyzers);
        Assert.Equal(expected, reported);
    }

    [Fact]
    public async Task MissingAnalyzer_IsCaughtByTheMarkerCheck()
    {
        var withoutOne = AnalyzerRunner.AllAnalyzers.Where(a => a is not AsyncAnalyzers.Rules.Blocking.ThreadSleepAnalyzer).ToImmutableArray();
        var (expected, reported) = await MarkersAndReportedAsync(withoutOne);
        Assert.NotEqual(expected, reported);
    }

    private static async Task<(List<string> Expected, List<string> Reported)> MarkersAndReportedAsync(ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers)
    {
        var files = AnalyzerRunner.SourceFiles(SamplesDirectory).ToList();
        Assert.NotEmpty(files);
        var compilation = AnalyzerRunner.Compile(files.Select(f => (f, File.ReadAllText(f))), await AnalyzerRunner.GetReferencesAsync());
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        var editorConfigs = Directory.EnumerateFiles(SamplesDirectory, ".editorconfig", SearchOption.AllDirectories);
        // The samples project passes its baseline as an additional file and turns the stale check on, as the package's targets do.
        var options = EditorConfigOptionsProvider.FromFiles(editorConfigs)
            .WithGlobalOptions(new Dictionary<string, string> { [AsyncAnalyzers.Baseline.BaselineSettings.StaleCheckKey] = "true" });
        var baseline = ImmutableArray.Create<AdditionalText>(new FileText(BaselinePath));
        var result = await AnalyzerRunner.RunAsync(compilation, analyzers, options, baseline);
        Assert.Empty(result.AnalyzerFailures);

        var reported = result.Diagnostics
            .Where(d => d.Id.StartsWith("ASYNC", System.StringComparison.Ordinal))
            .Select(d => Format(d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToList();
        var expected = files.SelectMany(Markers).Concat(BaselineMarkers()).OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        return (expected, reported);
    }

    [Fact]
    public void Markers_CoverEveryRule()
    {
        var marked = AnalyzerRunner.SourceFiles(SamplesDirectory).SelectMany(Markers).Concat(BaselineMarkers()).Select(m => m.Split(' ')[^1]).ToHashSet();
        var missing = Descriptors.All.Select(d => d.Id).Where(id => !marked.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Rules without a sample marker: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Markers(string file)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = MarkerPattern().Match(lines[i]);
            if (match.Success)
            {
                foreach (var id in match.Groups["ids"].Value.Split(',').Select(s => s.Trim()))
                {
                    yield return Format(file, i + 1, id);
                }
            }
        }
    }

    private static string BaselinePath => Path.Combine(SamplesDirectory, AsyncAnalyzers.Baseline.BaselineFile.DefaultFileName);

    /// <summary>The baseline's diagnostics are on its own lines, marked with a trailing <c># ASYNCxxx</c> comment.</summary>
    private static IEnumerable<string> BaselineMarkers()
    {
        var lines = File.ReadAllLines(BaselinePath);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = BaselineMarkerPattern().Match(lines[i]);
            if (match.Success && !lines[i].TrimStart().StartsWith('#'))
            {
                yield return Format(BaselinePath, i + 1, match.Groups["id"].Value);
            }
        }
    }

    [GeneratedRegex(@"#\s*(?<id>ASYNC\d{3})\s*$")]
    private static partial Regex BaselineMarkerPattern();

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(Path));
    }

    private static string Format(string file, int line, string id) =>
        $"{Path.GetRelativePath(SamplesDirectory, file).Replace('\\', '/')}:{line} {id}";

    [GeneratedRegex(@"//\s*(?<ids>ASYNC\d{3}(\s*,\s*ASYNC\d{3})*)\s*$")]
    private static partial Regex MarkerPattern();
}
