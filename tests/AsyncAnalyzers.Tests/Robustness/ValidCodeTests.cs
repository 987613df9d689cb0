using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Robustness;

/// <summary>Correct, idiomatic async code: every analyzer must stay silent on it (every diagnostic is a false positive to fix).</summary>
public class ValidCodeTests
{
    [Fact]
    public async Task ValidCodeCorpus_NoDiagnostics()
    {
        var files = AnalyzerRunner.SourceFiles(Path.Combine(AnalyzerRunner.RepositoryRoot, "tests", "AsyncAnalyzers.Tests", "ValidCode")).ToList();
        Assert.NotEmpty(files);
        var compilation = AnalyzerRunner.Compile(files.Select(f => (f, File.ReadAllText(f))), await AnalyzerRunner.GetReferencesAsync());
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, "Compiler errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers);
        Assert.Empty(result.AnalyzerFailures);
        var diagnostics = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.True(diagnostics.Count == 0, "False positives:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics));
    }
}
