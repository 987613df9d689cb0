using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Benchmarks;

/// <summary>
/// What a baseline costs a build: the compiler with every analyzer (the suppressor included) and no baseline file, against the
/// same with a 1,000-entry baseline: the corpus's own findings as recorded by the update (up to 1,000), the rest entries that
/// match nothing, so the stale check reports them too. Interleaved runs, minimum CPU time of each (docs/performance.md).
/// </summary>
internal static class BaselineBenchmark
{
    public static int Run(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<MetadataReference> references, int[] sizes, int iterations, double mistakeRate)
    {
        Console.WriteLine("| Lines | Findings | Entries | No baseline file (ms) | 1,000-entry baseline (ms) | Added | Reported with the baseline |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            var files = CorpusGenerator.Generate(size, mistakeRate: mistakeRate);
            var directory = Path.Combine(Path.GetTempPath(), "asyncanalyzers-baseline-benchmark");
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.CSharp12), Path.Combine(directory, Path.GetFileName(f.Path)))).ToImmutableArray();
            var lines = files.Sum(f => f.Text.Split('\n').Length);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
            CSharpCompilation NewCompilation() => CSharpCompilation.Create("Corpus", trees, references, options);
            var file = Path.Combine(directory, BaselineFile.DefaultFileName);

            var recording = Options(new Dictionary<string, string> { [BaselineSettings.ModeKey] = BaselineSettings.UpdateMode, [BaselineSettings.FileKey] = file }, ImmutableArray<AdditionalText>.Empty);
            var recorded = Analyze(NewCompilation(), analyzers, recording, out _, reportSuppressed: true)
                .Where(d => d.Properties.ContainsKey(DiagnosticProperties.BaselineEntry))
                .GroupBy(d => d.Properties[DiagnosticProperties.BaselineEntry]!)
                .Take(1000)
                .ToDictionary(g => g.Key, g => g.Count());
            var findings = recorded.Values.Sum();
            for (var i = 0; recorded.Count < 1000; i++)
            {
                recorded.Add($"Gone{i}.cs | Corpus.Gone{i}.RunAsync() | ASYNC101 | {Fingerprints.Hash("gone" + i)}", 1);
            }

            var text = BaselineFile.Format(recorded);
            var none = Options(new Dictionary<string, string>(), ImmutableArray<AdditionalText>.Empty);
            var withBaseline = Options(
                new Dictionary<string, string> { [BaselineSettings.FileKey] = file, [BaselineSettings.StaleCheckKey] = "true" },
                ImmutableArray.Create<AdditionalText>(new Text(file, text)));

            var bestNone = double.MaxValue;
            var bestWith = double.MaxValue;
            var reported = 0;
            for (var iteration = -1; iteration < iterations; iteration++)
            {
                Analyze(NewCompilation(), analyzers, none, out var a);
                var diagnostics = Analyze(NewCompilation(), analyzers, withBaseline, out var b);
                if (iteration >= 0)
                {
                    bestNone = Math.Min(bestNone, a);
                    bestWith = Math.Min(bestWith, b);
                }

                reported = diagnostics.Count(d => d.Id.StartsWith("ASYNC", StringComparison.Ordinal));
            }

            // The suppressor's own work, timed directly (the whole-build difference is below this machine's noise): parse the file,
            // key every finding of the compilation, look each key up.
            var all = Analyze(NewCompilation(), analyzers, none, out _);
            var own = double.MaxValue;
            for (var round = 0; round < 6; round++)
            {
                // CPU time over ten passes: the machine is shared, wall-clock time is not this process's.
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                for (var pass = 0; pass < 10; pass++)
                {
                    var parsed = BaselineFile.Parse(SourceText.From(text), BaselineSettings.IsBaselineRule);
                    _ = all.Count(d => Fingerprints.EntryKey(d.Id, d.Location, directory) is { } key && parsed.ByKey.ContainsKey(key));
                }

                own = round == 0 ? own : Math.Min(own, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / 10);
            }

            Console.WriteLine($"| {lines} | {findings} | {recorded.Count} | {bestNone:F0} | {bestWith:F0} | {(bestWith - bestNone) / bestNone:P2} | {reported} |");
            Console.WriteLine($"Suppressor's own work for {all.Length} findings against {recorded.Count} entries: {own:F1} ms ({own / bestNone:P2} of the build without a baseline).");
        }

        return 0;
    }

    private static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, out double milliseconds, bool reportSuppressed = false)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var analyzed = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: reportSuppressed));
        var diagnostics = analyzed.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        analyzed.Compilation.GetDiagnostics();
        analyzed.Compilation.Emit(Stream.Null);
        milliseconds = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
        if (diagnostics.Any(d => d.Id == "AD0001"))
        {
            throw new InvalidOperationException("Analyzer exception: " + diagnostics.First(d => d.Id == "AD0001"));
        }

        return diagnostics;
    }

    private static AnalyzerOptions Options(Dictionary<string, string> global, ImmutableArray<AdditionalText> additionalFiles) =>
        new(additionalFiles, new GlobalOptionsProvider(global));

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Values _global;

        public GlobalOptionsProvider(Dictionary<string, string> global) => _global = new Values(global.ToImmutableDictionary(AnalyzerConfigOptions.KeyComparer));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.Empty;

        private sealed class Values : AnalyzerConfigOptions
        {
            public static readonly Values Empty = new(ImmutableDictionary<string, string>.Empty);

            private readonly ImmutableDictionary<string, string> _values;

            public Values(ImmutableDictionary<string, string> values) => _values = values;

            public override IEnumerable<string> Keys => _values.Keys;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
