using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Robustness;

/// <summary>Correct, idiomatic async code: every analyzer must stay silent on it (every diagnostic is a false positive to fix).</summary>
public class ValidCodeTests
{
    [Fact]
    public async Task ValidCodeCorpus_NoDiagnostics()
    {
        var diagnostics = await DiagnosticsOnCorpusAsync(AnalyzerRunner.AllAnalyzers);
        Assert.True(diagnostics.Count == 0, "False positives:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public async Task NoisyAnalyzer_IsCaughtByTheCorpusCheck()
    {
        var diagnostics = await DiagnosticsOnCorpusAsync(ImmutableArray.Create<DiagnosticAnalyzer>(new NoisyAnalyzer()));
        Assert.NotEmpty(diagnostics);
    }

    private static async Task<List<string>> DiagnosticsOnCorpusAsync(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var files = AnalyzerRunner.SourceFiles(Path.Combine(AnalyzerRunner.RepositoryRoot, "tests", "AsyncAnalyzers.Tests", "ValidCode")).ToList();
        Assert.NotEmpty(files);
        var compilation = AnalyzerRunner.Compile(files.Select(f => (f, File.ReadAllText(f))), await AnalyzerRunner.GetReferencesAsync());
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, "Compiler errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        var result = await AnalyzerRunner.RunAsync(compilation, analyzers);
        Assert.Empty(result.AnalyzerFailures);
        return result.Diagnostics.Select(d => d.ToString()).ToList();
    }

    /// <summary>Reports ASYNC101 on every await: what a rule with no guards at all would do.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoisyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ASYNC101);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(c => c.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC101, c.Operation.Syntax.GetLocation(), "await")), OperationKind.Await);
        }
    }
}
