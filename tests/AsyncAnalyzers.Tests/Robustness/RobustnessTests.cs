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

/// <summary>
/// Every exported analyzer, found by reflection, on code users really have open in an editor: empty, broken, half-typed,
/// missing framework types. An analyzer exception (AD0001) fails the test.
/// </summary>
public class RobustnessTests
{
    public static IEnumerable<object[]> BrokenSnippets => new[]
    {
        string.Empty,
        "async",
        "class C { async Task M() { var x = t.",
        "class C { async System.Threading.Tasks.Task M() { System.Threading.Thread.Sleep( } }",
        "using System.Threading.Tasks; class C { async Task M(Task<int> t) { var r = t.Result }",
        "using System.Threading.Tasks; class C { async Task M(Task<int> t) { await ; t.Wait(; } }",
        "using System.Threading.Tasks; class C { void M() { Task.WaitAll(; } }",
        "using System.Threading.Tasks; class C { async Task M() { Undefined.Result; undefined.Wait(); Foo().GetAwaiter().GetResult(); } }",
        "using System.Threading.Tasks; class C { async Task M() { System.IO.File.ReadAllText(; new System.IO.FileStream().Read(); } }",
        "using System.Threading.Tasks; class C { Task<int> P => Task.FromResult(1); async Task M() { var r = P.Result; r.Result.Result; } }",
        "using System.Threading.Tasks; class C { async Task M(Task<int> t) { if (t.IsCompleted && ) { t.Result; } await t; t.Result; } }",
        "using System.Threading.Tasks; class C { async Task M(Task<int>[] ts) { await Task.WhenAll(ts); foreach (var t in ) t.Result; ts[].Result; } }",
        "using System.Threading.Tasks; class C { async void M() { await Task.WhenAny(; } }",
        "using System.Threading.Tasks; await Task.Delay(1); var x = Task.FromResult(1).Result; class",
        "using System.Threading.Tasks; int x = await; Task.Run(() => { System.Threading.Thread.Sleep(1)",
        "using System.Threading.Tasks; class C { async Task M() { lock (this) { Task.Delay(1).Wait(); } } }",
        "using System.Threading.Tasks; class C { async Task M() { Func<Task> f = async () => { Task.Delay(1).Wait(); }; } }",
        "using System.Threading.Tasks; class C<T> where T : Task { async Task M(T t) { t.Wait(); await t; t.Wait(); } }",
        "using System.Threading.Tasks; class C { async Task M(dynamic d) { d.Result; d.Wait(); await d; } }",
        "using System.Threading.Tasks; class C { async Task M() { await foreach (var x in ) { } await using var y = ; } }",
        "class Task { public int Result; public void Wait() {} } class C { async Task M(Task t) { t.Wait(); var r = t.Result; } }",
        "namespace System.Threading.Tasks { public class Task { } } class C { async System.Threading.Tasks.Task M() { } }",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(BrokenSnippets))]
    public async Task BrokenSnippet_NoAnalyzerException(string source)
    {
        await AssertNoAnalyzerExceptionAsync(new[] { ("/0/Broken.cs", source) }, await AnalyzerRunner.GetReferencesAsync());
    }

    [Theory]
    [MemberData(nameof(BrokenSnippets))]
    public async Task BrokenSnippetWithoutFrameworkReferences_NoAnalyzerException(string source)
    {
        await AssertNoAnalyzerExceptionAsync(new[] { ("/0/Broken.cs", source) }, ImmutableArray<MetadataReference>.Empty);
    }

    [Fact]
    public async Task TruncatedAndMutatedSamples_NoAnalyzerException()
    {
        var references = await AnalyzerRunner.GetReferencesAsync();
        var mutations = 0;
        foreach (var file in AnalyzerRunner.SourceFiles(Path.Combine(AnalyzerRunner.RepositoryRoot, "samples")))
        {
            foreach (var mutated in Mutations(File.ReadAllText(file)))
            {
                await AssertNoAnalyzerExceptionAsync(new[] { (file, mutated) }, references);
                mutations++;
            }
        }

        Assert.True(mutations > 50, $"only {mutations} mutations were checked");
    }

    [Fact]
    public async Task TestInputsAndTheirMutations_NoAnalyzerException()
    {
        var references = await AnalyzerRunner.GetReferencesAsync();
        var inputs = TestInputs.All();
        Assert.True(inputs.Count > 500, $"only {inputs.Count} test inputs were found");
        var checkedSources = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var variants = i % 4 == 0 ? Mutations(inputs[i]).Prepend(inputs[i]) : new[] { inputs[i] };
            foreach (var variant in variants)
            {
                var compilation = AnalyzerRunner.Compile(new[] { ($"/0/Input{i}.cs", variant) }, references, i % 2 == 0 ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication);
                var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers);
                Assert.True(result.AnalyzerFailures.IsEmpty, $"input {i}:\n{variant}\n" + string.Join(Environment.NewLine, result.AnalyzerFailures));
                checkedSources++;
            }
        }

        Assert.True(checkedSources > inputs.Count);
    }

    [Fact]
    public async Task TestInputsWithoutFrameworkReferences_NoAnalyzerException()
    {
        var inputs = TestInputs.All();
        for (var i = 0; i < inputs.Count; i += 3)
        {
            var compilation = AnalyzerRunner.Compile(new[] { ($"/0/Input{i}.cs", inputs[i]) }, ImmutableArray<MetadataReference>.Empty);
            var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers);
            Assert.True(result.AnalyzerFailures.IsEmpty, $"input {i}:\n{inputs[i]}\n" + string.Join(Environment.NewLine, result.AnalyzerFailures));
        }
    }

    [Fact]
    public async Task ThrowingAnalyzer_IsCaughtByTheHarness()
    {
        var compilation = AnalyzerRunner.Compile(new[] { ("/0/C.cs", "class C { void M() { M(); } }") }, await AnalyzerRunner.GetReferencesAsync());
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));
        Assert.NotEmpty(result.AnalyzerFailures);
    }

    /// <summary>Deterministic mutations: truncations, a deleted line, unbalanced braces, a removed using, top-level shape.</summary>
    private static IEnumerable<string> Mutations(string text)
    {
        for (var i = 1; i <= 8; i++)
        {
            yield return text[..(text.Length * i / 9)];
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i += Math.Max(1, lines.Length / 6))
        {
            yield return string.Join('\n', lines.Where((_, index) => index != i));
        }

        yield return text.Replace("}", string.Empty, StringComparison.Ordinal);
        yield return text.Replace("{", "{ {", StringComparison.Ordinal);
        yield return text.Replace("using System.Threading.Tasks;", string.Empty, StringComparison.Ordinal);
        yield return text.Replace("async ", string.Empty, StringComparison.Ordinal);
        yield return text.Replace("await ", string.Empty, StringComparison.Ordinal);
        yield return text.Replace(";", string.Empty, StringComparison.Ordinal);
        yield return text.Replace("using System;", string.Empty, StringComparison.Ordinal);
        yield return text.Replace("Task", "Tsk", StringComparison.Ordinal);
        yield return text.Replace("(", "( ", StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal);

        // Top-level statements: the body of the first method, lifted to the top of the file, awaits and all.
        var open = text.IndexOf("{", text.IndexOf("(", StringComparison.Ordinal) is var paren and >= 0 ? paren : 0, StringComparison.Ordinal);
        var close = open >= 0 ? text.IndexOf("}", open, StringComparison.Ordinal) : -1;
        if (open >= 0 && close > open)
        {
            yield return "using System.Threading.Tasks;\n" + text[(open + 1)..close] + "\n" + text;
        }
    }

    private static async Task AssertNoAnalyzerExceptionAsync(IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference> references)
    {
        foreach (var kind in new[] { OutputKind.DynamicallyLinkedLibrary, OutputKind.ConsoleApplication })
        {
            var compilation = AnalyzerRunner.Compile(sources, references, kind);
            var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers);
            Assert.True(result.AnalyzerFailures.IsEmpty, string.Join(Environment.NewLine, result.AnalyzerFailures));
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ASYNC101);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => throw new InvalidOperationException("deliberate"), OperationKind.Invocation);
        }
    }
}
