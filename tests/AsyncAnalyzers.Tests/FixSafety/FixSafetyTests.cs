using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.FixSafety;

/// <summary>
/// For every diagnostic the package reports on the samples and the PositiveCode corpus, applies every offered fix and Fix All
/// per document, recompiles, and asserts: no new compiler errors, the fixed diagnostic is gone, and a second Fix All pass
/// changes nothing.
/// </summary>
public class FixSafetyTests
{
    private readonly ITestOutputHelper _output;

    public FixSafetyTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Corpora => new[]
    {
        new object[] { "samples" },
        new object[] { "tests/AsyncAnalyzers.Tests/PositiveCode" },
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task EveryOfferedFix_CompilesAndRemovesItsDiagnostic(string corpus)
    {
        var checkedFixes = await FixSafety.CheckEverySingleFixAsync(await FixSafety.LoadAsync(corpus));
        _output.WriteLine($"{corpus}: {checkedFixes} single fixes applied and checked");
        Assert.True(checkedFixes > 0, "no fix was applied: the suite checked nothing");
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task FixAllPerDocument_CompilesAndIsIdempotent(string corpus)
    {
        var checkedFixes = await FixSafety.CheckFixAllPerDocumentAsync(await FixSafety.LoadAsync(corpus));
        _output.WriteLine($"{corpus}: {checkedFixes} Fix All applications checked");
        Assert.True(checkedFixes > 0, "no Fix All was applied: the suite checked nothing");
    }

    public static IEnumerable<object[]> CorporaAndScopes =>
        from corpus in Corpora
        from scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }
        select new object[] { corpus[0], scope };

    [Theory]
    [MemberData(nameof(CorporaAndScopes))]
    public async Task FixAllInEveryScope_OnePassLeavesNothingItCouldFix(string corpus, FixAllScope scope)
    {
        var checkedFixes = await FixSafety.CheckFixAllInScopeAsync(await FixSafety.LoadAsync(corpus), scope);
        _output.WriteLine($"{corpus}: {checkedFixes} Fix All applications in {scope} scope checked");
        Assert.True(checkedFixes > 0, "no Fix All was applied: the suite checked nothing");
    }

    [Fact]
    public async Task BrokenFix_IsCaughtByTheHarness()
    {
        var solution = await FixSafety.CreateSolutionAsync(new[] { ("/0/Broken.cs", "class C { void M() { System.Threading.Thread.Sleep(1); } }") });
        var document = solution.Projects.Single().Documents.Single();
        var diagnostic = Diagnostic.Create(Descriptors.ASYNC102, Location.Create((await document.GetSyntaxTreeAsync())!, new TextSpan(22, 31)));
        var failure = await Record.ExceptionAsync(() => FixSafety.CheckSingleFixAsync(solution, document, diagnostic, new BreakingFix()));
        Assert.NotNull(failure);
    }

    [ExportCodeFixProvider(LanguageNames.CSharp)]
    private sealed class BreakingFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("ASYNC102");

        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(
                CodeAction.Create("break", async ct => context.Document.WithText((await context.Document.GetTextAsync(ct)).Replace(context.Span, "await")), equivalenceKey: "break"),
                context.Diagnostics);
            return Task.CompletedTask;
        }
    }
}

internal static class FixSafety
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Project, Task<ImmutableArray<Diagnostic>>> Analyses = new();

    public static Task<Solution> LoadAsync(string corpus) =>
        LoadDirectoryAsync(Path.Combine(new[] { AnalyzerRunner.RepositoryRoot }.Concat(corpus.Split('/')).ToArray()));

    /// <summary>Every .cs file under the directory as one project; asserts it compiles.</summary>
    public static async Task<Solution> LoadDirectoryAsync(string directory)
    {
        var files = AnalyzerRunner.SourceFiles(directory).Select(f => (f, File.ReadAllText(f))).ToList();
        Assert.NotEmpty(files);
        var solution = await CreateSolutionAsync(files);
        Assert.Empty(await ErrorsAsync(solution));
        return solution;
    }

    public static async Task<Solution> CreateSolutionAsync(IEnumerable<(string Path, string Text)> files)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "FixSafety",
            "FixSafety",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            metadataReferences: await AnalyzerRunner.GetReferencesAsync()));
        foreach (var (path, text) in files)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        return solution;
    }

    public static async Task<int> CheckEverySingleFixAsync(Solution solution)
    {
        var count = 0;
        foreach (var document in solution.Projects.Single().Documents)
        {
            foreach (var diagnostic in await FixableDiagnosticsAsync(document))
            {
                foreach (var fixer in FixersFor(diagnostic.Id))
                {
                    count += await CheckSingleFixAsync(solution, document, diagnostic, fixer);
                }
            }
        }

        return count;
    }

    public static async Task<int> CheckSingleFixAsync(Solution solution, Document document, Diagnostic diagnostic, CodeFixProvider fixer)
    {
        var count = 0;
        var errorsBefore = await ErrorsAsync(solution);
        var before = (await AnalyzerDiagnosticsAsync(document)).Count(d => d.Id == diagnostic.Id);
        foreach (var action in await ActionsAsync(document, diagnostic, fixer))
        {
            var fixedSolution = await ApplyAsync(action);
            var fixedDocument = fixedSolution.GetDocument(document.Id)!;
            var what = $"{fixer.GetType().Name} '{action.Title}' for {diagnostic} in {document.Name}";
            Assert.NotEqual((await document.GetTextAsync()).ToString(), (await fixedDocument.GetTextAsync()).ToString());
            AssertNoNewErrors(errorsBefore, await ErrorsAsync(fixedSolution), what, await fixedDocument.GetTextAsync());
            var after = (await AnalyzerDiagnosticsAsync(fixedDocument)).Count(d => d.Id == diagnostic.Id);
            Assert.True(after < before, $"{what} left the diagnostic in place");
            count++;
        }

        return count;
    }

    public static async Task<int> CheckFixAllPerDocumentAsync(Solution solution)
    {
        var count = 0;
        foreach (var document in solution.Projects.Single().Documents)
        {
            var diagnostics = await FixableDiagnosticsAsync(document);
            foreach (var fixer in AnalyzerRunner.AllCodeFixes)
            {
                var mine = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToList();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var diagnostic in mine)
                {
                    foreach (var action in await ActionsAsync(document, diagnostic, fixer))
                    {
                        keys.Add(action.EquivalenceKey ?? action.Title);
                    }
                }

                foreach (var key in keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    var ids = mine.Select(d => d.Id).Distinct().ToImmutableArray();
                    var first = await FixAllAsync(document, fixer, key, ids);
                    Assert.NotNull(first);
                    var what = $"Fix All '{key}' of {fixer.GetType().Name} in {document.Name}";
                    var fixedDocument = first!.GetDocument(document.Id)!;
                    AssertNoNewErrors(await ErrorsAsync(solution), await ErrorsAsync(first), what, await fixedDocument.GetTextAsync());

                    var second = await FixAllAsync(fixedDocument, fixer, key, ids);
                    if (second is not null)
                    {
                        Assert.Equal((await fixedDocument.GetTextAsync()).ToString(), (await second.GetDocument(document.Id)!.GetTextAsync()).ToString());
                    }

                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Fix All in <paramref name="scope"/>, one pass, for every fixer and every key on offer in the corpus, and with no key (what
    /// dotnet format may pass: each finding's default): no new compiler errors, no finding of the fixer's rules left that offers
    /// the applied key (with no key: any fix), and a second pass changes nothing.
    /// </summary>
    public static async Task<int> CheckFixAllInScopeAsync(Solution solution, FixAllScope scope)
    {
        var count = 0;
        var errorsBefore = await ErrorsAsync(solution);
        var diagnostics = await ProjectDiagnosticsAsync(solution.Projects.Single());
        foreach (var fixer in AnalyzerRunner.AllCodeFixes)
        {
            var mine = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id))
                .Select(d => (Document: solution.GetDocument(d.Location.SourceTree)!, Diagnostic: d))
                .ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var keys = new List<string?> { null };
            foreach (var (document, diagnostic) in mine)
            {
                keys.AddRange((await ActionsAsync(document, diagnostic, fixer)).Select(a => a.EquivalenceKey).Where(k => !keys.Contains(k)));
            }

            var ids = mine.Select(m => m.Diagnostic.Id).Distinct().ToImmutableArray();
            var triggers = scope == FixAllScope.Document ? mine.Select(m => m.Document).Distinct().ToList() : new List<Document> { mine[0].Document };
            foreach (var key in keys)
            {
                foreach (var trigger in triggers)
                {
                    var what = $"Fix All '{key ?? "(no key)"}' of {fixer.GetType().Name} in {scope} scope" + (scope == FixAllScope.Document ? $" of {trigger.Name}" : string.Empty);
                    var fixedSolution = await FixAllAsync(trigger, fixer, key, ids, scope) ?? solution;
                    var fixedDocument = fixedSolution.GetDocument(trigger.Id)!;
                    AssertNoNewErrors(errorsBefore, await ErrorsAsync(fixedSolution), what, await fixedDocument.GetTextAsync());

                    foreach (var remaining in (await ProjectDiagnosticsAsync(fixedSolution.Projects.Single())).Where(d => ids.Contains(d.Id)))
                    {
                        var document = fixedSolution.GetDocument(remaining.Location.SourceTree)!;
                        if (scope == FixAllScope.Document && document.Id != trigger.Id)
                        {
                            continue;
                        }

                        var offered = (await ActionsAsync(document, remaining, fixer)).Where(a => key is null || a.EquivalenceKey == key).ToList();
                        Assert.True(offered.Count == 0, $"{what} left {remaining} with '{offered.FirstOrDefault()?.Title}' on offer: one pass did not fix it");
                    }

                    var second = await FixAllAsync(fixedDocument, fixer, key, ids, scope);
                    if (second is not null)
                    {
                        foreach (var document in fixedSolution.Projects.Single().Documents)
                        {
                            Assert.True(
                                (await document.GetTextAsync()).ToString() == (await second.GetDocument(document.Id)!.GetTextAsync()).ToString(),
                                $"{what}: a second pass changed {document.Name}");
                        }
                    }

                    count++;
                }
            }
        }

        return count;
    }

    public static IEnumerable<CodeFixProvider> FixersFor(string id) => AnalyzerRunner.AllCodeFixes.Where(f => f.FixableDiagnosticIds.Contains(id));

    private static async Task<List<Diagnostic>> FixableDiagnosticsAsync(Document document)
    {
        var fixable = AnalyzerRunner.AllCodeFixes.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
        return (await AnalyzerDiagnosticsAsync(document)).Where(d => fixable.Contains(d.Id)).ToList();
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(Document document)
    {
        var tree = (await document.GetSyntaxTreeAsync())!;
        return (await ProjectDiagnosticsAsync(document.Project)).Where(d => d.Location.SourceTree == tree).ToImmutableArray();
    }

    /// <summary>Every analyzer of the package (and the compiler's CS4014) over a project snapshot, analyzed once per snapshot.</summary>
    public static Task<ImmutableArray<Diagnostic>> ProjectDiagnosticsAsync(Project project) =>
        Analyses.GetValue(project, p => AnalyzeAsync(p));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers);
        Assert.True(result.AnalyzerFailures.IsEmpty, string.Join(Environment.NewLine, result.AnalyzerFailures));
        var compilerWarnings = compilation.GetDiagnostics().Where(d => d.Id == "CS4014");
        return result.Diagnostics.Concat(compilerWarnings).ToImmutableArray();
    }

    public static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic, CodeFixProvider fixer)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    private static async Task<Solution?> FixAllAsync(Document document, CodeFixProvider fixer, string? key, ImmutableArray<string> ids, FixAllScope scope = FixAllScope.Document)
    {
        var provider = fixer.GetFixAllProvider();
        Assert.NotNull(provider);
        var context = new FixAllContext(document, fixer, scope, key!, ids, new DiagnosticProvider(), CancellationToken.None);
        var action = await provider!.GetFixAsync(context);
        return action is null ? null : await ApplyAsync(action);
    }

    private static async Task<ImmutableArray<string>> ErrorsAsync(Solution solution)
    {
        var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).ToImmutableArray();
    }

    private static void AssertNoNewErrors(ImmutableArray<string> before, ImmutableArray<string> after, string what, SourceText fixedText)
    {
        var introduced = after.Except(before).ToList();
        Assert.True(introduced.Count == 0, $"{what} introduced compiler errors:\n{string.Join("\n", introduced)}\n\n{fixedText}");
    }

    private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            await AnalyzerDiagnosticsAsync(document);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var all = new List<Diagnostic>();
            foreach (var document in project.Documents)
            {
                all.AddRange(await AnalyzerDiagnosticsAsync(document));
            }

            return all;
        }
    }
}
