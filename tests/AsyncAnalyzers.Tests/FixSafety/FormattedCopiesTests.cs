using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.FixSafety;

/// <summary>
/// The in-process half of tests/format-test.sh: after one real <c>dotnet format analyzers --diagnostics &lt;ID&gt;</c> pass per rule
/// on copies of samples/ and PositiveCode/, every copy compiles and no finding of that rule is left for which a fix is offered.
/// The script passes the copies' folder in ASYNCANALYZERS_FORMATTED_COPIES; without it (a plain <c>dotnet test</c>) there is
/// nothing to check.
/// </summary>
public class FormattedCopiesTests
{
    private static readonly string[] Projects = { "Samples", "PositiveCode" };

    private readonly ITestOutputHelper _output;

    public FormattedCopiesTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task EveryRule_OnePassLeavesNoFindingWithAFixOnOffer()
    {
        var copies = Environment.GetEnvironmentVariable("ASYNCANALYZERS_FORMATTED_COPIES");
        if (string.IsNullOrEmpty(copies))
        {
            _output.WriteLine("ASYNCANALYZERS_FORMATTED_COPIES is not set: run tests/format-test.sh to check dotnet format's results.");
            return;
        }

        var pristine = Environment.GetEnvironmentVariable("ASYNCANALYZERS_FORMATTED_PRISTINE");
        var pristineFindings = new List<Microsoft.CodeAnalysis.Diagnostic>();
        if (!string.IsNullOrEmpty(pristine))
        {
            foreach (var project in Projects)
            {
                pristineFindings.AddRange((await DiagnosticsAsync(await FixSafety.LoadDirectoryAsync(Path.Combine(pristine, project)))).Select(p => p.Diagnostic));
            }
        }

        var failures = new List<string>();
        var rules = Directory.GetDirectories(copies).OrderBy(d => d, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(rules);
        foreach (var ruleDirectory in rules)
        {
            var id = Path.GetFileName(ruleDirectory);
            var before = pristineFindings.Count(d => d.Id == id);
            var after = 0;
            foreach (var project in Projects)
            {
                var solution = await FixSafety.LoadDirectoryAsync(Path.Combine(ruleDirectory, project));
                foreach (var (document, diagnostic) in (await DiagnosticsAsync(solution)).Where(p => p.Diagnostic.Id == id))
                {
                    after++;
                    foreach (var fixer in FixSafety.FixersFor(id))
                    {
                        foreach (var action in await FixSafety.ActionsAsync(document, diagnostic, fixer))
                        {
                            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
                            failures.Add($"{id} in {project}/{Path.GetFileName(document.FilePath)}:{line} still offers '{action.Title}' ({action.EquivalenceKey})");
                        }
                    }
                }
            }

            _output.WriteLine($"{id}: {before} finding(s) before one dotnet format pass, {after} after, none with a fix on offer; the copies compile");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every analyzer of the package run once over the project, each diagnostic with its document.</summary>
    private static async Task<List<(Microsoft.CodeAnalysis.Document Document, Microsoft.CodeAnalysis.Diagnostic Diagnostic)>> DiagnosticsAsync(Microsoft.CodeAnalysis.Solution solution)
    {
        var project = solution.Projects.Single();
        var result = await AsyncAnalyzers.Tests.Infrastructure.AnalyzerRunner.RunAsync((await project.GetCompilationAsync())!, AsyncAnalyzers.Tests.Infrastructure.AnalyzerRunner.AllAnalyzers);
        Assert.True(result.AnalyzerFailures.IsEmpty, string.Join(Environment.NewLine, result.AnalyzerFailures));
        return result.Diagnostics
            .Where(d => d.Location.SourceTree is not null)
            .Select(d => (Document: solution.GetDocument(d.Location.SourceTree)!, Diagnostic: d))
            .Where(p => p.Document is not null)
            .ToList();
    }
}
