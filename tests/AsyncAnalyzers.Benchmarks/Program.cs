using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using AsyncAnalyzers;
using AsyncAnalyzers.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Measures what the package adds to a compilation: the compiler alone (bind, flow analysis, emit) against the compiler with
// every AsyncAnalyzers analyzer, on a generated corpus at several sizes. Single-threaded, so the numbers are CPU cost, not
// luck of scheduling. Usage: dotnet run -c Release --project tests/AsyncAnalyzers.Benchmarks [-- --sizes 25000,200000 --iterations 3]
var sizes = new[] { 25_000, 50_000, 100_000, 200_000 };
var iterations = 3;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--sizes":
            sizes = args[i + 1].Split(',').Select(int.Parse).ToArray();
            break;
        case "--iterations":
            iterations = int.Parse(args[i + 1]);
            break;
    }
}

var analyzers = typeof(Descriptors).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
    .OrderBy(t => t.Name, StringComparer.Ordinal)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
    .Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .ToImmutableArray();

Console.WriteLine($"AsyncAnalyzers benchmark: {analyzers.Length} analyzers, {iterations} measured iterations per size (median of CPU time), single-threaded");
Console.WriteLine();
Console.WriteLine("Compiler: bind, flow analysis and emit, no analyzers. Driver: the same with one analyzer that does nothing per syntax");
Console.WriteLine("tree, which is what every SDK build pays anyway (the SDK always runs its own analyzers). AsyncAnalyzers: every analyzer of");
Console.WriteLine("the package. Overhead is the package's added time over the compiler alone, and over the driver baseline.");
Console.WriteLine();
Console.WriteLine("| Lines | Files | Compiler (ms) | Driver (ms) | AsyncAnalyzers (ms) | Overhead vs compiler | Overhead vs driver | Added ms per 1,000 lines |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

var perAnalyzer = new List<(string Name, double Ms, double Share)>();
var d = 0.0;
foreach (var size in sizes)
{
    var files = CorpusGenerator.Generate(size);
    var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
    var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, f.Path)).ToImmutableArray();
    var lines = files.Sum(f => f.Text.Split('\n').Length);
    var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
    CSharpCompilation NewCompilation() => CSharpCompilation.Create("Corpus", trees, references, options);

    var errors = NewCompilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
    if (errors.Count > 0)
    {
        Console.Error.WriteLine("The generated corpus does not compile:\n" + string.Join("\n", errors));
        return 1;
    }

    double Measure(ImmutableArray<DiagnosticAnalyzer> set)
    {
        var samples = new List<double>();
        for (var iteration = -1; iteration < iterations; iteration++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var compilation = NewCompilation();
            if (set.IsEmpty)
            {
                compilation.GetDiagnostics();
                compilation.Emit(Stream.Null);
            }
            else
            {
                var analyzed = compilation.WithAnalyzers(set, new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
                var diagnostics = analyzed.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                if (diagnostics.Any(d => d.Id == "AD0001"))
                {
                    throw new InvalidOperationException("Analyzer exception: " + diagnostics.First(d => d.Id == "AD0001"));
                }

                analyzed.Compilation.Emit(Stream.Null);
            }

            var elapsed = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
            if (iteration >= 0)
            {
                samples.Add(elapsed);
            }
        }

        return Median(samples);
    }

    var b = Measure(ImmutableArray<DiagnosticAnalyzer>.Empty);
    d = Measure(ImmutableArray.Create<DiagnosticAnalyzer>(new DriverBaselineAnalyzer()));
    var w = Measure(analyzers);
    Console.WriteLine($"| {lines:N0} | {files.Count:N0} | {b:F0} | {d:F0} | {w:F0} | {(w - b) / b:P1} | {(w - d) / b:P1} | {(w - d) * 1000 / lines:F1} |");

    if (size == sizes[^1])
    {
        perAnalyzer.Clear();
        foreach (var analyzer in analyzers)
        {
            var alone = Measure(ImmutableArray.Create(analyzer));
            perAnalyzer.Add((analyzer.GetType().Name, alone - d, (alone - d) / b));
        }
    }
}

Console.WriteLine();
Console.WriteLine($"Each analyzer alone at the largest size ({sizes[^1]:N0} lines), as added CPU time over the driver baseline. The first");
Console.WriteLine("analyzer that asks for operations pays for building the operation trees; together they share that cost, so the");
Console.WriteLine("column does not add up to the package's overhead.");
Console.WriteLine();
Console.WriteLine("| Analyzer | Added time (ms) | Share of compiler time |");
Console.WriteLine("| --- | ---: | ---: |");
foreach (var (name, ms, share) in perAnalyzer.OrderByDescending(p => p.Ms))
{
    Console.WriteLine($"| {name} | {ms:F0} | {share:P1} |");
}

return 0;

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted[sorted.Count / 2];
}

/// <summary>The cheapest analyzer there is: it makes the compiler run the analyzer driver, and nothing else.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DriverBaselineAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = Descriptors.ASYNC901;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxTreeAction(_ => { });
    }
}
