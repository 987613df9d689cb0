using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Verifiers;

/// <summary>
/// The code actions a fixer offers on a snippet, for tests about what is (not) offered rather than what a fix writes: every
/// diagnostic the analyzer reports (and the compiler's CS4014) gets its actions, as the light bulb would list them.
/// </summary>
internal static class OfferedFixes
{
    public static async Task<ImmutableArray<(string Title, string? Key)>> ListAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string markup)
    {
        var source = Regex.Replace(markup, @"\[\||\|\]|\{\|[A-Z]+[0-9]+:|\|\}", string.Empty);
        var solution = await FixSafety.FixSafety.CreateSolutionAsync(new[] { ("/0/Test0.cs", source) });
        var document = solution.Projects.Single().Documents.Single();
        var compilation = (await document.Project.GetCompilationAsync())!;
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create(analyzer));
        var diagnostics = result.Diagnostics.Concat(compilation.GetDiagnostics().Where(d => d.Id == "CS4014"))
            .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id));
        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics)
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        }

        return actions.Select(a => (a.Title, a.EquivalenceKey)).ToImmutableArray();
    }
}
