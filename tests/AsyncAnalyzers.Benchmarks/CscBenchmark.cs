using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace AsyncAnalyzers.Benchmarks;

/// <summary>
/// The --csc mode: compiles the generated corpus with the SDK's own csc and the command line of `dotnet build` for a default
/// library, one csc process per run, with and without the SDK's default analyzers and ours. This is the cost a user's build sees;
/// the in-process mode measures our Roslyn 4.8 build of the same work.
/// </summary>
internal static partial class CscBenchmark
{
    private static readonly string[] Configurations = ["Compiler", "SDK default", "SDK default + AsyncAnalyzers", "AsyncAnalyzers alone"];
    private const int Compiler = 0;
    private const int SdkDefault = 1;
    private const int SdkDefaultWithOurs = 2;
    private const int OursAlone = 3;

    private static readonly string OurAssembly = typeof(Descriptors).Assembly.GetName().Name!;

    public static int Run(IReadOnlyList<int> sizes, int iterations, bool refPackAnalyzers, double mistakeRate, bool pairOnly)
    {
        try
        {
            if (iterations < 1)
            {
                throw new CscBenchmarkException("--iterations must be at least 1.");
            }

            Measure(sizes, iterations, refPackAnalyzers, mistakeRate, pairOnly);
            return 0;
        }
        catch (CscBenchmarkException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static void Measure(IReadOnlyList<int> sizes, int iterations, bool refPackAnalyzers, double mistakeRate, bool pairOnly)
    {
        var sdk = Sdk.Locate();
        var cpuMeasured = !OperatingSystem.IsWindows();
        var (_, versionOutput) = RunToEnd(CscStartInfo(sdk, Environment.CurrentDirectory, "/version"));
        Console.WriteLine($"AsyncAnalyzers csc benchmark: SDK {sdk.SdkVersion} in {sdk.Root}, csc {versionOutput.Trim()}, reference pack {sdk.ReferencePackVersion} (net{sdk.Major}.0), {Path.GetFileName(sdk.GlobalConfig)}");
        Console.WriteLine(mistakeRate >= 1.0
            ? "Dense corpus: every mistake-prone shape holds its mistake."
            : $"Corpus with mistake rate {mistakeRate.ToString(CultureInfo.InvariantCulture)}: the other mistake-prone shapes are written correctly.");
        Console.WriteLine($"{iterations} measured rounds after one warm-up round, configurations interleaved within each round (in reverse order every other round), minimum per configuration;");
        if (pairOnly)
        {
            Console.WriteLine("--pair: only SDK default and SDK default + AsyncAnalyzers are run.");
        }

        Console.WriteLine("one csc process per run, /parallel-, workstation GC (DOTNET_gcServer=0).");
        if (!cpuMeasured)
        {
            Console.WriteLine("CPU time of a child process is not measured on Windows: wall time only.");
        }

        if (refPackAnalyzers)
        {
            Console.WriteLine($"The SDK default configurations also get the reference pack's {sdk.RefPackAnalyzers.Count} analyzer and source generator assemblies (--ref-pack-analyzers).");
        }

        Console.WriteLine();
        Console.WriteLine("- Compiler: csc with the command line of `dotnet build` for a default library, no analyzers.");
        Console.WriteLine("- SDK default: plus the SDK's NetAnalyzers with the default analysis level: what every default net5+ build runs.");
        Console.WriteLine("- SDK default + AsyncAnalyzers: plus our analyzer assembly. Callback times come from one more, untimed run with /reportanalyzer.");
        Console.WriteLine("- AsyncAnalyzers alone: the compiler with only our analyzer assembly.");
        Console.WriteLine();

        var results = new List<SizeResult>();
        foreach (var size in sizes)
        {
            results.Add(MeasureSize(sdk, size, iterations, refPackAnalyzers, mistakeRate, pairOnly));
        }

        PrintPaired(results, cpuMeasured);
        if (pairOnly)
        {
            PrintAssemblies(results);
            return;
        }

        PrintTimes("Wall time", results, r => r.Wall);
        if (cpuMeasured)
        {
            PrintTimes("CPU time of the csc process (user + system)", results, r => r.Cpu);
        }

        PrintAssemblies(results);
        PrintAnalyzers(results, cpuMeasured);
    }

    private static SizeResult MeasureSize(Sdk sdk, int size, int iterations, bool refPackAnalyzers, double mistakeRate, bool pairOnly)
    {
        var files = CorpusGenerator.Generate(size, mistakeRate: mistakeRate);
        var lines = files.Sum(f => f.Text.Split('\n').Length);
        var folder = Directory.CreateTempSubdirectory("asyncanalyzers-csc-").FullName;
        try
        {
            var sources = new List<string>();
            foreach (var (path, text) in files)
            {
                var source = Path.Combine(folder, Path.GetFileName(path));
                File.WriteAllText(source, text);
                sources.Add(source);
            }

            Directory.CreateDirectory(Path.Combine(folder, "ref"));
            var responseFiles = Enumerable.Range(0, Configurations.Length)
                .Select(c => WriteResponseFile(sdk, folder, sources, c, refPackAnalyzers, report: false))
                .ToArray();

            var wall = Enumerable.Repeat(double.MaxValue, Configurations.Length).ToArray();
            var cpu = Enumerable.Repeat(double.MaxValue, Configurations.Length).ToArray();
            var best = Enumerable.Repeat(double.MaxValue, Configurations.Length).ToArray();
            var bestOutput = new string[Configurations.Length];
            var addedWall = new List<double>();
            var addedCpu = new List<double>();
            int[] order = pairOnly ? [SdkDefault, SdkDefaultWithOurs] : [Compiler, SdkDefault, SdkDefaultWithOurs, OursAlone];
            for (var round = -1; round < iterations; round++)
            {
                // Interleaved, so that drift in the machine's load hits every configuration alike, and reversed every other round,
                // so that running second (warmer disk cache, hotter or throttled CPU) favours no configuration.
                var roundWall = new double[Configurations.Length];
                var roundCpu = new double?[Configurations.Length];
                foreach (var c in round % 2 == 0 ? order : Enumerable.Reverse(order))
                {
                    var run = RunCsc(sdk, folder, responseFiles[c]);
                    roundWall[c] = run.WallMs;
                    roundCpu[c] = run.CpuMs;
                    Console.Error.WriteLine($"{lines:N0} lines, {(round < 0 ? "warm-up" : $"round {round + 1}")}, {Configurations[c]}: {run.WallMs:F0} ms wall" + (run.CpuMs is { } runCpu ? $", {runCpu:F0} ms CPU" : ""));
                    if (round < 0)
                    {
                        continue;
                    }

                    wall[c] = Math.Min(wall[c], run.WallMs);
                    cpu[c] = Math.Min(cpu[c], run.CpuMs ?? double.MaxValue);
                    var primary = run.CpuMs ?? run.WallMs;
                    if (primary < best[c])
                    {
                        best[c] = primary;
                        bestOutput[c] = run.Output;
                    }
                }

                if (round >= 0)
                {
                    addedWall.Add((roundWall[SdkDefaultWithOurs] - roundWall[SdkDefault]) / roundWall[SdkDefault]);
                    if (roundCpu[SdkDefaultWithOurs] is { } withOurs && roundCpu[SdkDefault] is { } without)
                    {
                        addedCpu.Add((withOurs - without) / without);
                    }
                }
            }

            // The timed runs carry no /reportanalyzer, whose timing of every callback (the SDK's too) would weigh on one side only;
            // the per-analyzer times come from one more, untimed run of SDK default + AsyncAnalyzers.
            var reported = RunCsc(sdk, folder, WriteResponseFile(sdk, folder, sources, SdkDefaultWithOurs, refPackAnalyzers, report: true)).Output;
            var report = AnalyzerReport.Parse(reported);
            var warnings = CountAsyncWarnings(reported);
            var warningsAlone = pairOnly ? warnings : CountAsyncWarnings(bestOutput[OursAlone]);
            if (warningsAlone != warnings)
            {
                Console.Error.WriteLine($"Note: {warnings} ASYNC warnings next to the SDK's analyzers, {warningsAlone} alone.");
            }

            return new SizeResult(lines, files.Count, wall, cpu, report, warnings, addedWall, addedCpu);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// What `dotnet build` of a default net10 library passes to csc, plus /parallel-; left out: the generated source files, the
    /// project's generated editorconfig, and the reference pack's analyzers unless --ref-pack-analyzers asks for them.
    /// </summary>
    private static string WriteResponseFile(Sdk sdk, string folder, IEnumerable<string> sources, int configuration, bool refPackAnalyzers, bool report)
    {
        var arguments = new List<string>
        {
            "/unsafe-", "/checked-", "/nowarn:1701,1702,8002", "/fullpaths", "/nostdlib+", "/warn:10",
            $"/define:TRACE;DEBUG;NET;NET{sdk.Major}_0;NETCOREAPP", "/highentropyva+", "/nullable:enable", "/debug+", "/debug:portable",
            "/filealign:512", "/optimize-", $"/out:{Quote(Path.Combine(folder, "Corpus.dll"))}",
            $"/refout:{Quote(Path.Combine(folder, "ref", "Corpus.dll"))}", "/target:library", "/utf8output", "/deterministic+",
            "/langversion:latest",
            // One thread: the figures are the CPU cost of the compilation, not how well it spreads over the machine's cores.
            "/parallel-",
        };
        arguments.AddRange(sdk.References.Select(r => $"/reference:{Quote(r)}"));
        if (configuration is SdkDefault or SdkDefaultWithOurs)
        {
            arguments.Add($"/analyzer:{Quote(sdk.NetAnalyzers)}");
            arguments.Add($"/analyzer:{Quote(sdk.CSharpNetAnalyzers)}");
            arguments.Add($"/analyzerconfig:{Quote(sdk.GlobalConfig)}");
            if (refPackAnalyzers)
            {
                arguments.AddRange(sdk.RefPackAnalyzers.Select(a => $"/analyzer:{Quote(a)}"));
            }
        }

        if (configuration is SdkDefaultWithOurs or OursAlone)
        {
            arguments.Add($"/analyzer:{Quote(typeof(Descriptors).Assembly.Location)}");
        }

        if (report)
        {
            arguments.Add("/reportanalyzer");
        }

        arguments.AddRange(sources.Select(Quote));
        var responseFile = Path.Combine(folder, $"configuration{configuration}{(report ? "-report" : "")}.rsp");
        File.WriteAllLines(responseFile, arguments);
        return responseFile;
    }

    private static CscRun RunCsc(Sdk sdk, string folder, string responseFile)
    {
        // /noconfig goes on the command line, as the Csc task passes it: csc ignores it in a response file (CS2023).
        var start = CscStartInfo(sdk, folder, "/noconfig", "@" + responseFile);
        var cpuBefore = ChildrenCpuMs();
        var stopwatch = Stopwatch.StartNew();
        var (exitCode, output) = RunToEnd(start);
        stopwatch.Stop();
        var cpuAfter = ChildrenCpuMs();
        if (exitCode != 0)
        {
            throw new CscBenchmarkException($"csc exited with code {exitCode} ({Path.GetFileName(responseFile)} in {folder}):\n{FirstLines(output, 20)}");
        }

        return new CscRun(stopwatch.Elapsed.TotalMilliseconds, cpuAfter - cpuBefore, output);
    }

    private static ProcessStartInfo CscStartInfo(Sdk sdk, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(sdk.Host) { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(sdk.Csc);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // csc's runtimeconfig asks for server GC, whose spinning worker threads add CPU time that is noise, not compilation,
        // on a machine with few cores.
        start.Environment["DOTNET_gcServer"] = "0";
        return start;
    }

    private static (int ExitCode, string Output) RunToEnd(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        try
        {
            using var process = Process.Start(start) ?? throw new CscBenchmarkException($"Could not start {start.FileName}.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.GetAwaiter().GetResult());
        }
        catch (Win32Exception e)
        {
            throw new CscBenchmarkException($"Could not start {start.FileName}: {e.Message}");
        }
    }

    /// <summary>CPU time (user + system) of every child process that has ended and been waited for; null on Windows.</summary>
    private static double? ChildrenCpuMs()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (NativeMethods.getrusage(NativeMethods.RUSAGE_CHILDREN, out var usage) != 0)
        {
            throw new CscBenchmarkException($"getrusage failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    private static int CountAsyncWarnings(string output) =>
        output.Split('\n').Count(line => AsyncWarning().IsMatch(line));

    private static void PrintTimes(string title, List<SizeResult> results, Func<SizeResult, double[]> times)
    {
        Console.WriteLine($"{title}, minimum per configuration (ms):");
        Console.WriteLine();
        Console.WriteLine("| Lines | Files | Compiler (ms) | SDK default (ms) | SDK default + AsyncAnalyzers (ms) | AsyncAnalyzers alone (ms) | Added to SDK default build | Added to compiler alone | AsyncAnalyzers callbacks (ms) | Callbacks / compiler |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var result in results)
        {
            var t = times(result);
            var callbacks = result.Report.Ours;
            Console.WriteLine(
                $"| {result.Lines:N0} | {result.Files:N0} | {t[Compiler]:F0} | {t[SdkDefault]:F0} | {t[SdkDefaultWithOurs]:F0} | {t[OursAlone]:F0} " +
                $"| {(t[SdkDefaultWithOurs] - t[SdkDefault]) / t[SdkDefault]:P1} | {(t[OursAlone] - t[Compiler]) / t[Compiler]:P1} " +
                $"| {callbacks:F0} | {callbacks / t[Compiler]:P1} |");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// The package's cost as each round measured it: the two SDK default runs of a round ran back to back, so the machine's slow
    /// drifts cancel out of their difference, which the minimum per configuration cannot promise. The median is the figure to read.
    /// </summary>
    private static void PrintPaired(List<SizeResult> results, bool cpuMeasured)
    {
        Console.WriteLine("Added to the SDK default build, round by round (SDK default + AsyncAnalyzers against the SDK default run of the same round):");
        Console.WriteLine();
        Console.WriteLine("| Lines | Rounds | Wall time, median | Wall time, rounds | CPU time, median | CPU time, rounds |");
        Console.WriteLine("| ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var result in results)
        {
            Console.WriteLine($"| {result.Lines:N0} | {result.AddedWall.Count} | {Median(result.AddedWall):P1} | {Rounds(result.AddedWall)} " +
                (cpuMeasured ? $"| {Median(result.AddedCpu):P1} | {Rounds(result.AddedCpu)} |" : "| - | - |"));
        }

        Console.WriteLine();

        static double Median(List<double> values)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        static string Rounds(List<double> values) => string.Join(", ", values.Select(v => v.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)));
    }

    private static void PrintAssemblies(List<SizeResult> results)
    {
        var assemblies = results.SelectMany(r => r.Report.Assemblies.Keys).Distinct().ToList();
        Console.WriteLine("Analyzer execution time per assembly in the SDK default + AsyncAnalyzers build (/reportanalyzer of an extra, untimed run),");
        Console.WriteLine("and the ASYNC warnings it reported:");
        Console.WriteLine();
        Console.WriteLine("| Lines | ASYNC warnings | " + string.Join(" | ", assemblies.Select(a => $"{a} (ms)")) + " |");
        Console.WriteLine("| ---: | ---: | " + string.Join(" | ", assemblies.Select(_ => "---:")) + " |");
        foreach (var result in results)
        {
            Console.WriteLine($"| {result.Lines:N0} | {result.AsyncWarnings:N0} | " +
                string.Join(" | ", assemblies.Select(a => result.Report.Assemblies.TryGetValue(a, out var ms) ? ms.ToString("F0", CultureInfo.InvariantCulture) : "-")) + " |");
        }

        Console.WriteLine();
    }

    private static void PrintAnalyzers(List<SizeResult> results, bool cpuMeasured)
    {
        var compiler = results.Select(r => (cpuMeasured ? r.Cpu : r.Wall)[Compiler]).ToList();
        Console.WriteLine($"Time inside each of our analyzers per size, and its share of the compiler's {(cpuMeasured ? "CPU" : "wall")} time at the largest size.");
        Console.WriteLine("Growth is the ratio of time per line at the largest size to time per line at the smallest: about 1 means linear.");
        Console.WriteLine();
        Console.WriteLine("| Analyzer | " + string.Join(" | ", results.Select(r => $"{r.Lines / 1000}k lines (ms)")) + " | Share of compiler | Growth per line |");
        Console.WriteLine("| --- | " + string.Join(" | ", results.Select(_ => "---:")) + " | ---: | ---: |");
        var first = results[0];
        var last = results[^1];
        var names = results.SelectMany(r => r.Report.Analyzers.Keys).Distinct().OrderByDescending(n => last.Report.Analyzers.GetValueOrDefault(n));
        foreach (var name in names)
        {
            var times = results.Select(r => r.Report.Analyzers.GetValueOrDefault(name)).ToList();
            var growth = times.Count > 1 && times[0] > 0 ? (times[^1] / last.Lines) / (times[0] / first.Lines) : 1;
            Console.WriteLine($"| {name} | " + string.Join(" | ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture))) + $" | {times[^1] / compiler[^1]:P2} | {growth:F2} |");
        }
    }

    private static string Quote(string path) => "\"" + path + "\"";

    private static string FirstLines(string text, int count) =>
        string.Join("\n", text.Split('\n').Take(count).Select(l => l.TrimEnd('\r')));

    [GeneratedRegex(@"\bwarning ASYNC\d+")]
    private static partial Regex AsyncWarning();

    /// <summary>A line of /reportanalyzer: seconds (or "&lt;0.001"), percent (or "&lt;1"), then an assembly or an analyzer.</summary>
    [GeneratedRegex(@"^\s*(?<seconds><?\d+(?:[.,]\d+)?)\s+<?\d+\s+(?<name>\S.*?)\s*$")]
    private static partial Regex ReportLine();

    private readonly record struct CscRun(double WallMs, double? CpuMs, string Output);

    private sealed record SizeResult(int Lines, int Files, double[] Wall, double[] Cpu, AnalyzerReport Report, int AsyncWarnings, List<double> AddedWall, List<double> AddedCpu);

    /// <summary>The /reportanalyzer block of a csc run: total per analyzer assembly, and per analyzer of ours (ms).</summary>
    private sealed record AnalyzerReport(Dictionary<string, double> Assemblies, Dictionary<string, double> Analyzers)
    {
        public double Ours => Assemblies.GetValueOrDefault(OurAssembly);

        public static AnalyzerReport Parse(string output)
        {
            var assemblies = new Dictionary<string, double>(StringComparer.Ordinal);
            var analyzers = new Dictionary<string, double>(StringComparer.Ordinal);
            string? assembly = null;
            var inReport = false;
            foreach (var line in output.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("Total analyzer execution time", StringComparison.Ordinal))
                {
                    inReport = true;
                    continue;
                }

                // The generators' block (with --ref-pack-analyzers) has the same shape; only the analyzers' block is wanted.
                if (trimmed.StartsWith("Total generator execution time", StringComparison.Ordinal))
                {
                    inReport = false;
                    continue;
                }

                var match = ReportLine().Match(trimmed);
                if (!inReport || !match.Success)
                {
                    continue;
                }

                var seconds = match.Groups["seconds"].Value;
                var ms = seconds.StartsWith('<') ? 0 : double.Parse(seconds.Replace(',', '.'), CultureInfo.InvariantCulture) * 1000;
                var name = match.Groups["name"].Value;
                var comma = name.IndexOf(", Version=", StringComparison.Ordinal);
                if (comma >= 0)
                {
                    assembly = name[..comma];
                    assemblies[assembly] = ms;
                }
                else if (assembly == OurAssembly)
                {
                    analyzers[ShortName(name)] = ms;
                }
            }

            if (!assemblies.ContainsKey(OurAssembly))
            {
                throw new CscBenchmarkException($"No /reportanalyzer time for {OurAssembly} in the csc output:\n{FirstLines(output, 20)}");
            }

            return new AnalyzerReport(assemblies, analyzers);
        }

        /// <summary>"AsyncAnalyzers.Rules.Blocking.ThreadSleepAnalyzer (ASYNC102)" becomes "ThreadSleepAnalyzer (ASYNC102)".</summary>
        private static string ShortName(string name)
        {
            var ids = name.IndexOf(" (", StringComparison.Ordinal);
            var type = ids >= 0 ? name[..ids] : name;
            return type[(type.LastIndexOf('.') + 1)..] + (ids >= 0 ? name[ids..] : "");
        }
    }

    /// <summary>Where the SDK that runs this benchmark keeps csc, its analyzers and the reference assemblies.</summary>
    private sealed record Sdk(
        string Root, string Host, string SdkVersion, int Major, string Csc, string NetAnalyzers, string CSharpNetAnalyzers, string GlobalConfig,
        string ReferencePackVersion, IReadOnlyList<string> References, IReadOnlyList<string> RefPackAnalyzers)
    {
        public static Sdk Locate()
        {
            // System.Private.CoreLib lives in <root>/shared/Microsoft.NETCore.App/<version>/.
            var coreLib = typeof(object).Assembly.Location;
            var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(coreLib)!, "..", "..", ".."));
            var host = RequireFile(Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"), $"the dotnet host (the dotnet root is three levels above {coreLib})");

            // Run from the benchmark's own folder, inside the repository, so that dotnet finds the repository's global.json.
            var (exitCode, output) = RunToEnd(new ProcessStartInfo(host, "--version") { WorkingDirectory = AppContext.BaseDirectory });
            var version = output.Trim();
            if (exitCode != 0 || version.Length == 0 || version.Contains('\n', StringComparison.Ordinal))
            {
                throw new CscBenchmarkException($"'{host} --version' did not give an SDK version (exit code {exitCode}):\n{FirstLines(output, 20)}");
            }

            var sdk = Path.Combine(root, "sdk", version);
            var csc = RequireFile(Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"), "the SDK's csc");
            var analyzers = Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers");
            var netAnalyzers = RequireFile(Path.Combine(analyzers, "Microsoft.CodeAnalysis.NetAnalyzers.dll"), "the SDK's NetAnalyzers");
            var csharpNetAnalyzers = RequireFile(Path.Combine(analyzers, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"), "the SDK's C# NetAnalyzers");
            var major = Environment.Version.Major;
            var globalConfig = DefaultGlobalConfig(Path.Combine(analyzers, "build", "config"), major);

            var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
            var pack = (Directory.Exists(packs) ? Directory.GetDirectories(packs) : [])
                .Where(d => Directory.Exists(Path.Combine(d, "ref", $"net{major}.0")))
                .OrderByDescending(d => PackVersion(Path.GetFileName(d)))
                .FirstOrDefault()
                ?? throw new CscBenchmarkException($"No reference pack with ref/net{major}.0 in {packs}.");
            var references = Directory.GetFiles(Path.Combine(pack, "ref", $"net{major}.0"), "*.dll").Order(StringComparer.Ordinal).ToList();
            // Interop, JSON and regex source generators, some with analyzers of their own: `dotnet build` passes them all.
            var refPackAnalyzerFolder = Path.Combine(pack, "analyzers", "dotnet", "cs");
            var refPackAnalyzers = Directory.Exists(refPackAnalyzerFolder) ? Directory.GetFiles(refPackAnalyzerFolder, "*.dll").Order(StringComparer.Ordinal).ToList() : [];
            return new Sdk(root, host, version, major, csc, netAnalyzers, csharpNetAnalyzers, globalConfig, Path.GetFileName(pack), references, refPackAnalyzers);
        }

        /// <summary>analysislevel_&lt;major&gt;_default.globalconfig, or the highest default level the SDK has.</summary>
        private static string DefaultGlobalConfig(string folder, int major)
        {
            var exact = Path.Combine(folder, $"analysislevel_{major}_default.globalconfig");
            if (File.Exists(exact))
            {
                return exact;
            }

            var levels = Directory.Exists(folder) ? Directory.GetFiles(folder, "analysislevel_*_default.globalconfig") : [];
            return levels
                .Select(f => (File: f, Level: int.TryParse(Path.GetFileName(f).Split('_')[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : -1))
                .OrderByDescending(l => l.Level)
                .Select(l => l.File)
                .FirstOrDefault()
                ?? throw new CscBenchmarkException($"No analysislevel_*_default.globalconfig in {folder}.");
        }

        /// <summary>Orders "10.0.12" above "10.0.0-rc.2.1" and "9.0.9": numeric version first, a release above its previews.</summary>
        private static (Version Number, bool Release, string Name) PackVersion(string name)
        {
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            var number = Version.TryParse(dash >= 0 ? name[..dash] : name, out var parsed) ? parsed : new Version(0, 0);
            return (number, dash < 0, name);
        }

        private static string RequireFile(string path, string what) =>
            File.Exists(path) ? path : throw new CscBenchmarkException($"Cannot find {what}: {path} does not exist.");
    }

    private static class NativeMethods
    {
        public const int RUSAGE_CHILDREN = -1;

        [DllImport("libc", SetLastError = true)]
        public static extern int getrusage(int who, out ResourceUsage usage);
    }

    /// <summary>
    /// struct rusage: two struct timeval (ru_utime, ru_stime) then 14 longs, 144 bytes on 64-bit Linux and macOS. tv_usec is a
    /// long on Linux and an int on macOS: reading it as the int at offset 8 is right on both (little-endian, below a million).
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct ResourceUsage
    {
        [FieldOffset(0)]
        public long UserSeconds;

        [FieldOffset(8)]
        public int UserMicroseconds;

        [FieldOffset(16)]
        public long SystemSeconds;

        [FieldOffset(24)]
        public int SystemMicroseconds;
    }

    private sealed class CscBenchmarkException(string message) : Exception(message);
}
