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
// --mistakes 0.1 writes most mistake-prone shapes in their correct form (CorpusGenerator.Generate). --baseline measures the
// baseline's suppressor and stale check with a 1,000-entry baseline against no baseline file (BaselineBenchmark.cs). With --csc it runs the SDK's own csc instead, as `dotnet build` does (CscBenchmark.cs).
var sizes = new[] { 25_000, 50_000, 100_000, 200_000 };
var iterations = 3;
var mistakeRate = 1.0;
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
        case "--mistakes":
            // The share of mistake-prone shapes written with their mistake: 1 (default) is the dense corpus, 0.1 the realistic one.
            mistakeRate = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            break;
    }
}

var telemetry = args.Contains("--telemetry");
var writeIndex = Array.IndexOf(args, "--write");
if (writeIndex >= 0 && writeIndex + 1 < args.Length)
{
    // Writes the corpus of the largest size to a folder, to read it or to compile it with csc by hand.
    Directory.CreateDirectory(args[writeIndex + 1]);
    foreach (var (path, text) in CorpusGenerator.Generate(sizes[^1], mistakeRate: mistakeRate))
    {
        File.WriteAllText(Path.Combine(args[writeIndex + 1], Path.GetFileName(path)), text);
    }

    return 0;
}

if (args.Contains("--csc"))
{
    return CscBenchmark.Run(sizes, iterations, refPackAnalyzers: args.Contains("--ref-pack-analyzers"), mistakeRate, pairOnly: args.Contains("--pair"));
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

if (telemetry)
{
    var files = CorpusGenerator.Generate(sizes[^1], mistakeRate: mistakeRate);
    var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.CSharp12), f.Path)).ToImmutableArray();
    var compilation = CSharpCompilation.Create("Corpus", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
    for (var round = 0; round < Math.Max(2, iterations); round++)
    {
        var analyzed = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var diagnostics = analyzed.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"round {round}: {diagnostics.Length} diagnostics");
        foreach (var analyzer in analyzers)
        {
            var info = analyzed.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"  {analyzer.GetType().Name,-40} {info.ExecutionTime.TotalMilliseconds,10:F1} ms  ops={info.OperationActionsCount} syntax={info.SyntaxNodeActionsCount} blocks={info.OperationBlockStartActionsCount}+{info.OperationBlockActionsCount} symbols={info.SymbolActionsCount}");
        }
    }

    return 0;
}

if (args.Contains("--baseline"))
{
    return BaselineBenchmark.Run(analyzers, references, sizes, iterations, mistakeRate);
}

Console.WriteLine($"AsyncAnalyzers benchmark: {analyzers.Length} analyzers, {iterations} measured iterations per configuration (minimum CPU time), single-threaded");
Console.WriteLine();
Console.WriteLine("- Compiler: bind, flow analysis and emit, no analyzers.");
Console.WriteLine("- Driver: the same plus one analyzer that does nothing per syntax tree: the analyzer driver every SDK build runs anyway.");
Console.WriteLine("- Driver + operations: plus one analyzer with an empty operation action, so the driver binds every body and builds its");
Console.WriteLine("  operation tree, as the SDK's default CA analyzers already make it do in every net5+ build.");
Console.WriteLine("- AsyncAnalyzers: the compiler with every analyzer of the package. Callbacks: the time spent inside our analyzers' own code");
Console.WriteLine("  (the driver's per-analyzer telemetry).");
Console.WriteLine();
Console.WriteLine("| Lines | Files | Compiler (ms) | Driver (ms) | Driver + operations (ms) | AsyncAnalyzers (ms) | Callbacks (ms) | Added vs compiler | Added vs driver | Added vs driver + operations | Callbacks / compiler |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

var callbackTimes = new Dictionary<string, List<(int Lines, double Ms)>>();
var each = args.Contains("--each");
foreach (var size in sizes)
{
    var files = CorpusGenerator.Generate(size, mistakeRate: mistakeRate);
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

    Dictionary<string, double>? lastCallbacks = null;
    long lastAllocated = 0;
    double Measure(ImmutableArray<DiagnosticAnalyzer> set)
    {
        var best = double.MaxValue;
        var fewestBytes = long.MaxValue;
        for (var iteration = -1; iteration < iterations; iteration++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var compilation = NewCompilation();
            CompilationWithAnalyzers? analyzed = null;
            if (set.IsEmpty)
            {
                compilation.GetDiagnostics();
                compilation.Emit(Stream.Null);
            }
            else
            {
                analyzed = compilation.WithAnalyzers(set, new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
                // Analyzer diagnostics first (this drives binding through the compilation's event queue), then the compiler's own
                // diagnostics and emit; GetAllDiagnosticsAsync would do the same but records no per-analyzer telemetry.
                var diagnostics = analyzed.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                if (diagnostics.Any(d => d.Id == "AD0001"))
                {
                    throw new InvalidOperationException("Analyzer exception: " + diagnostics.First(d => d.Id == "AD0001"));
                }

                analyzed.Compilation.GetDiagnostics();
                analyzed.Compilation.Emit(Stream.Null);
            }

            var elapsed = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            if (iteration >= 0)
            {
                fewestBytes = Math.Min(fewestBytes, allocated);
            }

            if (iteration >= 0 && elapsed < best)
            {
                best = elapsed;
                lastCallbacks = analyzed is null ? null : set.ToDictionary(
                    a => a.GetType().Name,
                    a => analyzed.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
            }
        }

        lastAllocated = fewestBytes;
        return best;
    }

    if (each)
    {
        // Each analyzer alone next to the operations baseline: its whole cost when operation trees are already paid for. The bytes
        // it makes the process allocate (driver included) are the steadiest figure on a noisy machine: garbage collection of them
        // is part of what a build pays, on whichever thread triggers it.
        // The baseline is measured again next to each analyzer: the first runs of a process pay for JIT and metadata caches,
        // and the machine drifts, so a single baseline would be compared against runs made minutes later.
        Measure(ImmutableArray.Create<DiagnosticAnalyzer>(new OperationsBaselineAnalyzer()));
        Console.WriteLine("| Analyzer | Baseline (ms) | Added CPU (ms) | Added CPU | Callbacks (ms) | Baseline allocations (MB) | Added allocations (MB) | Added allocations |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var allBytes = 0L;
        var baselineBytes = 0L;
        foreach (var analyzer in analyzers)
        {
            var baseline = Measure(ImmutableArray.Create<DiagnosticAnalyzer>(new OperationsBaselineAnalyzer()));
            baselineBytes = lastAllocated;
            var alone = Measure(ImmutableArray.Create<DiagnosticAnalyzer>(new OperationsBaselineAnalyzer(), analyzer));
            var addedBytes = lastAllocated - baselineBytes;
            allBytes += addedBytes;
            Console.WriteLine($"| {analyzer.GetType().Name} | {baseline:F0} | {alone - baseline:F0} | {(alone - baseline) / baseline:P1} | {lastCallbacks![analyzer.GetType().Name]:F0} | {baselineBytes / 1048576.0:F0} | {addedBytes / 1048576.0:F1} | {(double)addedBytes / baselineBytes:P2} |");
        }

        Console.WriteLine($"| (sum) | | | | | | {allBytes / 1048576.0:F1} | {(double)allBytes / baselineBytes:P2} |");

        return 0;
    }

    var b = Measure(ImmutableArray<DiagnosticAnalyzer>.Empty);
    var d = Measure(ImmutableArray.Create<DiagnosticAnalyzer>(new DriverBaselineAnalyzer()));
    var o = Measure(ImmutableArray.Create<DiagnosticAnalyzer>(new OperationsBaselineAnalyzer()));
    var w = Measure(analyzers);
    var callbacks = lastCallbacks!;
    var callbackTotal = callbacks.Values.Sum();
    foreach (var (name, ms) in callbacks)
    {
        if (!callbackTimes.TryGetValue(name, out var list))
        {
            callbackTimes[name] = list = new List<(int, double)>();
        }

        list.Add((lines, ms));
    }

    callbackTimes.TryAdd("(compiler)", new List<(int, double)>());
    callbackTimes["(compiler)"].Add((lines, b));
    Console.WriteLine($"| {lines:N0} | {files.Count:N0} | {b:F0} | {d:F0} | {o:F0} | {w:F0} | {callbackTotal:F0} | {(w - b) / b:P1} | {(w - d) / b:P1} | {(w - o) / b:P1} | {callbackTotal / b:P1} |");
}

var compilerTimes = callbackTimes["(compiler)"];
Console.WriteLine();
Console.WriteLine("Time inside each analyzer's callbacks, per size, and its share of the compiler's time at the largest size. Growth is the");
Console.WriteLine("ratio of time per line at the largest size to time per line at the smallest: about 1 means linear.");
Console.WriteLine();
Console.WriteLine("| Analyzer | " + string.Join(" | ", compilerTimes.Select(c => $"{c.Lines / 1000}k lines (ms)")) + " | Share of compiler | Growth per line |");
Console.WriteLine("| --- | " + string.Join(" | ", compilerTimes.Select(_ => "---:")) + " | ---: | ---: |");
foreach (var (name, list) in callbackTimes.Where(kv => kv.Key != "(compiler)").OrderByDescending(kv => kv.Value[^1].Ms))
{
    var growth = list.Count > 1 && list[0].Ms > 0 ? (list[^1].Ms / list[^1].Lines) / (list[0].Ms / list[0].Lines) : 1;
    Console.WriteLine($"| {name} | " + string.Join(" | ", list.Select(l => l.Ms.ToString("F0"))) + $" | {list[^1].Ms / compilerTimes[^1].Ms:P2} | {growth:F2} |");
}

return 0;
/// <summary>An analyzer with an empty operation action: the driver binds every body and builds its operation tree for it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class OperationsBaselineAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ASYNC901);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
    }
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
