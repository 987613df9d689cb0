using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Infrastructure;

/// <summary>
/// Compiles whole files (samples, corpora) with every analyzer of the package, outside the verifier: the suites that check
/// the package as a whole (samples, robustness, ValidCode) use it.
/// </summary>
internal static class AnalyzerRunner
{
    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(() =>
        TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> AllCodeFixes { get; } = typeof(AsyncAnalyzers.CodeFixes.Editing.AwaitEditing).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static Task<ImmutableArray<MetadataReference>> GetReferencesAsync() => References.Value;

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference> references, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path)).ToList();
        return CSharpCompilation.Create(
            "Analyzed",
            trees,
            references,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Runs the analyzers; analyzer exceptions are collected, never swallowed.</summary>
    public static async Task<AnalysisResult> RunAsync(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        AnalyzerConfigOptionsProvider? options = null,
        ImmutableArray<AdditionalText> additionalFiles = default,
        bool reportSuppressedDiagnostics = false)
    {
        var exceptions = new List<string>();
        var analyzerOptions = new AnalyzerOptions(additionalFiles.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalFiles, options ?? EditorConfigOptionsProvider.Empty);
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                analyzerOptions,
                onAnalyzerException: (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}");
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: reportSuppressedDiagnostics));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        var failures = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToImmutableArray();
        return new AnalysisResult(diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(), failures);
    }

    public static IEnumerable<string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>The repository root: the folder holding AsyncAnalyzers.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AsyncAnalyzers.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("AsyncAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

internal sealed record AnalysisResult(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> AnalyzerFailures);
