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
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers);
        Assert.Empty(result.AnalyzerFailures);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
    }
}
