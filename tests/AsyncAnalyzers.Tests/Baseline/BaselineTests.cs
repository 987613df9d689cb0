using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Baseline;

/// <summary>
/// The baseline end to end, through the compiler's own pipeline (every analyzer, then the suppressor): recorded keys, applied
/// entries, stale entries (ASYNC902), malformed lines (ASYNC903), and what happens without a file.
/// </summary>
public class BaselineTests
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "proj");

    private const string Service = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Consumer;

        public static class Service
        {
            public static async Task<int> LoadAsync(Task<int> pending)
            {
                await Task.Yield();
                Thread.Sleep(100);
                return pending.Result;
            }

            public static async Task PollAsync()
            {
                await Task.Yield();
                Thread.Sleep(100);
            }
        }
        """;

    [Fact]
    public async Task NoBaselineFile_EveryFindingReported()
    {
        var result = await RunAsync(Service, baseline: null);
        Assert.Equal(new[] { "ASYNC101", "ASYNC102", "ASYNC102" }, Ids(result, suppressed: false));
    }

    [Fact]
    public async Task RecordedFindings_AreSuppressed()
    {
        var baseline = await RecordAsync(Service);
        var result = await RunAsync(Service, baseline);
        Assert.Empty(Ids(result, suppressed: false));
        Assert.Equal(new[] { "ASYNC101", "ASYNC102", "ASYNC102", "ASYNC902", "ASYNC902", "ASYNC902" }, Ids(result, suppressed: true));
    }

    [Fact]
    public async Task Recording_KeysEveryFindingAndSuppressesIt()
    {
        var result = await RunAsync(Service, baseline: null, update: true);
        var findings = result.Where(d => d.Id.StartsWith("ASYNC", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(3, findings.Count);
        Assert.All(findings, d => Assert.True(d.IsSuppressed));
        Assert.All(findings, d => Assert.StartsWith("Service.cs | Consumer.Service.", d.Properties[DiagnosticProperties.BaselineEntry], System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewMistakeInBaselinedCode_IsReported()
    {
        var baseline = await RecordAsync(Service);
        var changed = Service.Replace("""
                    await Task.Yield();
                    Thread.Sleep(100);
                }
            """, """
                    await Task.Yield();
                    Thread.Sleep(100);
                }

                public static async Task RetryAsync()
                {
                    await Task.Yield();
                    Thread.Sleep(100);
                }
            """);
        var result = await RunAsync(changed, baseline);
        var reported = Assert.Single(result, d => !d.IsSuppressed && d.Id.StartsWith("ASYNC", System.StringComparison.Ordinal));
        Assert.Equal("ASYNC102", reported.Id);
        Assert.Contains("RetryAsync", reported.Location.SourceTree!.GetText().Lines[reported.Location.GetLineSpan().StartLinePosition.Line - 3].ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondIdenticalFindingInOneMember_IsReported()
    {
        var baseline = await RecordAsync(Service);
        var result = await RunAsync(Service.Replace("Thread.Sleep(100);\n        return", "Thread.Sleep(100);\n        Thread.Sleep(100);\n        return"), baseline);
        var reported = Assert.Single(result, d => !d.IsSuppressed && d.Id.StartsWith("ASYNC", System.StringComparison.Ordinal));
        Assert.Equal("ASYNC102", reported.Id);
        Assert.Equal(11, reported.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task IdenticalFindingsWithCount_AreAllSuppressed()
    {
        var doubled = Service.Replace("Thread.Sleep(100);\n        return", "Thread.Sleep(100);\n        Thread.Sleep(100);\n        return");
        var baseline = await RecordAsync(doubled);
        Assert.Contains(baseline.Split('\n'), l => l.Contains("LoadAsync", System.StringComparison.Ordinal) && l.EndsWith(" | ASYNC102 | " + Fingerprints.Hash("Thread . Sleep ( 100 )") + " | 2", System.StringComparison.Ordinal));
        Assert.Empty(Ids(await RunAsync(doubled, baseline), suppressed: false));
    }

    [Fact]
    public async Task FixedFinding_ReportsItsStaleEntry()
    {
        var baseline = await RecordAsync(Service);
        var result = await RunAsync(Service.Replace("return pending.Result;", "return await pending;"), baseline);
        var stale = Assert.Single(result, d => !d.IsSuppressed);
        Assert.Equal("ASYNC902", stale.Id);
        Assert.Equal(Path.Combine(Directory, BaselineFile.DefaultFileName), stale.Location.GetLineSpan().Path);
        Assert.Contains("ASYNC101 in 'Consumer.Service.LoadAsync(Task<int>)'", stale.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal(2, result.Count(d => d.Id == "ASYNC902" && d.IsSuppressed));
    }

    [Fact]
    public async Task FixedFinding_WithoutStaleCheck_NothingReported()
    {
        var baseline = await RecordAsync(Service);
        var result = await RunAsync(Service.Replace("return pending.Result;", "return await pending;"), baseline, staleCheck: false);
        Assert.Empty(Ids(result, suppressed: false));
        Assert.DoesNotContain(result, d => d.Id == "ASYNC902");
    }

    [Fact]
    public async Task OneOfTwoCountedFindingsFixed_ReportsTheSecondOccurrence()
    {
        var doubled = Service.Replace("Thread.Sleep(100);\n        return", "Thread.Sleep(100);\n        Thread.Sleep(100);\n        return");
        var baseline = await RecordAsync(doubled);
        var stale = Assert.Single(await RunAsync(Service, baseline), d => !d.IsSuppressed);
        Assert.Equal("ASYNC902", stale.Id);
        Assert.Contains("finding 2 of 2", stale.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestionRuleEntry_IsNotReportedStale()
    {
        // ASYNC301 is a suggestion: a command-line build may skip its analyzer, so a missing finding proves nothing.
        var baseline = "Service.cs | Consumer.Service.GoneAsync() | ASYNC301 | 0123456789abcdef\n";
        Assert.Empty(await RunAsync(Service, baseline, expectFindings: false));
    }

    [Fact]
    public async Task EntryOfDeletedFile_IsReportedStale()
    {
        var baseline = await RecordAsync(Service) + "Gone.cs | Consumer.Gone.RunAsync() | ASYNC102 | 0123456789abcdef\n";
        var stale = Assert.Single(await RunAsync(Service, baseline), d => !d.IsSuppressed);
        Assert.Equal("ASYNC902", stale.Id);
        Assert.Equal(5, stale.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task MalformedLine_ReportsAsync903OnThatLine_AndTheOtherEntriesStillApply()
    {
        var baseline = (await RecordAsync(Service)).Replace("| ASYNC101 |", "| ASYNC1O1 |");
        var result = await RunAsync(Service, baseline);
        var reported = result.Where(d => !d.IsSuppressed).OrderBy(d => d.Id).ToList();
        Assert.Equal(new[] { "ASYNC101", "ASYNC903" }, reported.Select(d => d.Id));
        Assert.Equal(2, reported[1].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("Line 3 of the AsyncAnalyzers baseline cannot be read: 'ASYNC1O1' is not an AsyncAnalyzers rule", reported[1].GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal(2, result.Count(d => d.Id == "ASYNC102" && d.IsSuppressed));
    }

    [Theory]
    [InlineData("just some text", "found 1 field(s)")]
    [InlineData("Service.cs | M() | ASYNC101", "found 3 field(s)")]
    [InlineData("Service.cs | M() | ASYNC101 | 0123 | 1", "'0123' is not a fingerprint")]
    [InlineData("Service.cs | M() | ASYNC101 | 0123456789ABCDEF", "is not a fingerprint")]
    [InlineData("Service.cs | M() | ASYNC101 | 0123456789abcdef | 0", "'0' is not a count")]
    [InlineData("Service.cs | M() | ASYNC101 | 0123456789abcdef | two", "'two' is not a count")]
    [InlineData("Service.cs | M() | ASYNC901 | 0123456789abcdef", "'ASYNC901' is not an AsyncAnalyzers rule a baseline can hold")]
    [InlineData("C:\\src\\Service.cs | M() | ASYNC101 | 0123456789abcdef", "must be relative")]
    [InlineData("/src/Service.cs | M() | ASYNC101 | 0123456789abcdef", "must be relative")]
    [InlineData(" | M() | ASYNC101 | 0123456789abcdef", "must not be empty")]
    public void MalformedLine_IsAnErrorWithItsReason(string line, string reason)
    {
        var parsed = Parse("# header\n\n" + line + "\nService.cs | M() | ASYNC102 | 0123456789abcdef\n");
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(reason, error.Reason, System.StringComparison.Ordinal);
        Assert.Single(parsed.Entries);
    }

    [Fact]
    public void RepeatedEntry_IsAnErrorNamingTheFirstLine()
    {
        var parsed = Parse("a.cs | M() | ASYNC101 | 0123456789abcdef\na.cs | M() | ASYNC101 | 0123456789abcdef | 2\n");
        Assert.Equal("the entry repeats line 1; give the count once", Assert.Single(parsed.Errors).Reason);
    }

    [Fact]
    public void CommentsBlankLinesAndTrailingComments_AreIgnored()
    {
        var parsed = Parse("# header\n\n   \na b.cs | N.C.M(int) | ASYNC101 | 0123456789abcdef | 3   # three of them\n");
        Assert.Empty(parsed.Errors);
        var entry = Assert.Single(parsed.Entries);
        Assert.Equal(("a b.cs | N.C.M(int) | ASYNC101 | 0123456789abcdef", 3, 4), (entry.Key, entry.Count, entry.Line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\u00ff")]
    [InlineData("|||||||")]
    [InlineData("| | | |")]
    [InlineData("#")]
    public async Task GarbageBaseline_NeverThrows(string text)
    {
        var result = await RunAsync(Service, text);
        Assert.DoesNotContain(result, d => d.Id == "AD0001");
        Assert.Equal(new[] { "ASYNC101", "ASYNC102", "ASYNC102" }, Ids(result, suppressed: false).Where(id => id != "ASYNC903"));
    }

    [Fact]
    public async Task OffMode_IgnoresTheFile()
    {
        var baseline = await RecordAsync(Service);
        var result = await RunAsync(Service, baseline, mode: "off");
        Assert.Equal(new[] { "ASYNC101", "ASYNC102", "ASYNC102" }, Ids(result, suppressed: false));
    }

    [Fact]
    public void RecordedFormat_IsSortedWithHeaderAndCounts()
    {
        var text = BaselineFile.Format(new Dictionary<string, int> { ["b.cs | M() | ASYNC101 | 0123456789abcdef"] = 1, ["a.cs | M() | ASYNC102 | 0123456789abcdef"] = 2 });
        Assert.Equal(BaselineFile.Header + "\na.cs | M() | ASYNC102 | 0123456789abcdef | 2\nb.cs | M() | ASYNC101 | 0123456789abcdef\n", text);
        Assert.Empty(Parse(text).Errors);
    }

    [Fact]
    public async Task Recording_EveryRulesFindingsCarryTheirKey()
    {
        // A rule that creates its diagnostic without Findings.Create could not be recorded; the samples show every rule.
        var samples = Path.Combine(AnalyzerRunner.RepositoryRoot, "samples", "AsyncAnalyzers.Samples");
        var files = AnalyzerRunner.SourceFiles(samples).Select(f => (f, File.ReadAllText(f)));
        var compilation = AnalyzerRunner.Compile(files, await AnalyzerRunner.GetReferencesAsync());
        var global = new Dictionary<string, string>
        {
            [BaselineSettings.ModeKey] = BaselineSettings.UpdateMode,
            [BaselineSettings.FileKey] = Path.Combine(samples, BaselineFile.DefaultFileName),
        };
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, EditorConfigOptionsProvider.Empty.WithGlobalOptions(global), reportSuppressedDiagnostics: true);
        var findings = result.Diagnostics.Where(d => BaselineSettings.IsBaselineRule(d.Id)).ToList();
        Assert.Equal(BaselineSettings.BaselineRules.OrderBy(id => id, System.StringComparer.Ordinal), findings.Select(d => d.Id).Distinct().OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.All(findings, d => Assert.True(d.Properties.ContainsKey(DiagnosticProperties.BaselineEntry) && d.IsSuppressed, d.ToString()));
    }

    private static BaselineFile Parse(string text) => BaselineFile.Parse(SourceText.From(text), BaselineSettings.IsBaselineRule);

    private static IEnumerable<string> Ids(IEnumerable<Diagnostic> diagnostics, bool suppressed) =>
        diagnostics.Where(d => d.IsSuppressed == suppressed && d.Id.StartsWith("ASYNC", System.StringComparison.Ordinal)).Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToList();

    /// <summary>What <c>dotnet build -p:AsyncAnalyzersBaseline=update</c> writes for this code (the build task's counting and format).</summary>
    internal static async Task<string> RecordAsync(string source)
    {
        var result = await RunAsync(source, baseline: null, update: true);
        var counts = result
            .Where(d => d.Properties.ContainsKey(DiagnosticProperties.BaselineEntry))
            .GroupBy(d => d.Properties[DiagnosticProperties.BaselineEntry]!)
            .ToDictionary(g => g.Key, g => g.Count());
        return BaselineFile.Format(counts);
    }

    internal static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, string? baseline, bool update = false, bool staleCheck = true, string? mode = null, bool expectFindings = true)
    {
        var file = Path.Combine(Directory, BaselineFile.DefaultFileName);
        var compilation = AnalyzerRunner.Compile(new[] { (Path.Combine(Directory, "Service.cs"), source) }, await AnalyzerRunner.GetReferencesAsync());
        var global = new Dictionary<string, string> { [BaselineSettings.FileKey] = file };
        if (update || mode is not null)
        {
            global[BaselineSettings.ModeKey] = update ? BaselineSettings.UpdateMode : mode!;
        }

        if (staleCheck)
        {
            global[BaselineSettings.StaleCheckKey] = "true";
        }

        var additional = baseline is null ? ImmutableArray<AdditionalText>.Empty : ImmutableArray.Create<AdditionalText>(new TextFile(file, baseline));
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, EditorConfigOptionsProvider.Empty.WithGlobalOptions(global), additional, reportSuppressedDiagnostics: true);
        Assert.Empty(result.AnalyzerFailures);
        Assert.True(!expectFindings || result.Diagnostics.Any(d => d.Id.StartsWith("ASYNC1", System.StringComparison.Ordinal)));
        return expectFindings ? result.Diagnostics : result.Diagnostics.Where(d => !d.IsSuppressed && d.Id.StartsWith("ASYNC9", System.StringComparison.Ordinal)).ToImmutableArray();
    }

    private sealed class TextFile : AdditionalText
    {
        private readonly SourceText _text;

        public TextFile(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
