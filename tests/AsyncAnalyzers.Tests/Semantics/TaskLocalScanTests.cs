using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Tests.Semantics;

public class TaskLocalScanTests
{
    [Theory]
    [InlineData("var t = s.FlushAsync();\nawait t;")]
    [InlineData("var t = s.FlushAsync();\nConsole.WriteLine(n);\nforeach (var i in new[] { 1, 2 }) { Console.WriteLine(i); }\nawait t;")]
    [InlineData("var t = s.FlushAsync();\nvar u = s.FlushAsync();\nawait Task.WhenAll(t, u);")]
    [InlineData("var t = s.FlushAsync();\nawait t.ConfigureAwait(false);")]
    [InlineData("var t = Task.FromResult(n);\nvar r = await t;")]
    [InlineData("foreach (var t in _tasks) { await t; }")]
    [InlineData("var t = _pending;\nif (flag) { await t; }")]
    [InlineData("var t = s.FlushAsync();\nFunc<Task> f = async () => await t;\nawait f();")]
    [InlineData("var t = s.FlushAsync();\nif (n > 0) { throw new InvalidOperationException(); }\nawait t;")]
    [InlineData("var tasks = new[] { 1, 2 }.Select(i => s.FlushAsync()).ToList();\nawait Task.WhenAll(tasks);")]
    [InlineData("var t = s.FlushAsync();\nvar run = Task.Run(() => n + 1);\nFunc<int> f = () => { return n; };\nawait t;\nawait run;")]
    public async Task PlainlyObserved_NeedsNoGraph(string body)
    {
        Assert.False(await NeedsGraphAsync(body));
    }

    [Theory]
    [InlineData("var t = s.FlushAsync();\nif (flag) { await t; }")]
    [InlineData("var t = s.FlushAsync();\nsink?.Consume(t);")]
    [InlineData("var t = s.FlushAsync();\nawait (flag ? t : Task.CompletedTask);")]
    [InlineData("var t = s.FlushAsync();\nif (n < 0) { return; }\nawait t;")]
    [InlineData("var t = s.FlushAsync();\nt = s.FlushAsync();\nawait t;")]
    [InlineData("var tasks = new List<Task>();\ntasks.Add(s.FlushAsync());\nawait Task.WhenAll(tasks);")]
    [InlineData("var tasks = new Task[2];\ntasks[0] = s.FlushAsync();")]
    [InlineData("while (flag) { var t = s.FlushAsync(); if (n > 0) { break; } await t; }")]
    [InlineData("var t = s.FlushAsync();\nFunc<int> f = () => n;\nif (f() > 0) { return; }\nawait t;")]
    [InlineData("Task t = s.FlushAsync(), u = t;\nawait u;")]
    public async Task MaybeLost_NeedsGraph(string body)
    {
        Assert.True(await NeedsGraphAsync(body));
    }

    [Theory]
    [InlineData("var t = s.FlushAsync();\nawait Task.Yield();")]
    [InlineData("var t = Task.Delay(n);\nvar u = s.FlushAsync();\nawait u;")]
    public async Task NeverRead_ReportedWithoutGraph(string body)
    {
        var scan = await ScanAsync(body);
        Assert.False(scan.NeedsGraph);
        Assert.Equal("t", Assert.Single(scan.NeverRead).Symbol.Name);
    }

    [Fact]
    public async Task NeverReadBesideMaybeLost_LeftToGraph()
    {
        var scan = await ScanAsync("var t = s.FlushAsync();\nvar u = s.FlushAsync();\nif (flag) { await u; }");
        Assert.True(scan.NeedsGraph);
        Assert.Empty(scan.NeverRead);
    }

    private static async Task<bool> NeedsGraphAsync(string body) => (await ScanAsync(body)).NeedsGraph;

    private static async Task<TaskLocalScan> ScanAsync(string body)
    {
        var source = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            class Sink { public void Consume(Task t) { } }
            class C
            {
                private readonly List<Task> _tasks = new();
                private readonly Task _pending = Task.CompletedTask;
                async Task M(Stream s, bool flag, Sink? sink, int n)
                {
            """ + body + """

                }
            }
            """;
        var compilation = AnalyzerRunner.Compile(new[] { ("/0/Test.cs", source) }, await AnalyzerRunner.GetReferencesAsync());
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var operation = compilation.GetSemanticModel(tree).GetOperation(method.Body!)!;
        return TaskLocalScan.Of(operation, CompilationServices.TryGet(compilation)!.Symbols);
    }
}
