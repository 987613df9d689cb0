using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Tests.Semantics;

/// <summary>
/// <see cref="MethodSummaries.CompletesSynchronously"/>: does every body a call may run hand back a completed task? Each case
/// declares members of class <c>C</c>, and the question is asked about the call <c>Target()</c> in <c>Use</c>.
/// </summary>
public class CompletesSynchronouslyTests
{
    [Theory]
    [InlineData("FromResult", "Task<int> Target() => Task.FromResult(1);")]
    [InlineData("CompletedTask after synchronous work", "Task Target() { Work(); return Task.CompletedTask; }")]
    [InlineData("cancellation check then FromResult", "Task<int> Target(CancellationToken token = default) { token.ThrowIfCancellationRequested(); return Task.FromResult(Value()); }")]
    [InlineData("ValueTask over a value", "ValueTask<int> Target() => new ValueTask<int>(Value());")]
    [InlineData("default ValueTask", "ValueTask Target() => default;")]
    [InlineData("FromException on a bad argument", "Task Target(string? s = null) { if (s is null) return Task.FromException(new System.Exception()); return Task.CompletedTask; }")]
    [InlineData("throws instead", "Task Target() => throw new System.NotSupportedException();")]
    [InlineData("conditional of completed tasks", "Task<int> Target(bool b = true) => b ? Task.FromResult(1) : Task.FromResult(2);")]
    [InlineData("async without awaits", "async Task<int> Target() { Work(); return 1; }")]
    [InlineData("async awaiting completed tasks", "async Task<int> Target() { await Task.CompletedTask; return await Task.FromResult(1); }")]
    [InlineData("through a helper", "Task<int> Target() => Helper(); Task<int> Helper() => Task.FromResult(1);")]
    [InlineData("async awaiting a synchronous helper", "async Task<int> Target() => await Helper().ConfigureAwait(false); Task<int> Helper() => Task.FromResult(1);")]
    [InlineData("passes the synchronous mode", "Task<int> Target() => Read(IOBehavior.Synchronous); Task<int> Read(IOBehavior mode) => Task.Run(() => 1);")]
    [InlineData("through an async helper without await", "Task<int> Target() => Helper(); async Task<int> Helper() { Work(); return 1; }")]
    [InlineData("every interface implementation", "Task<int> Target() => _clock.NowAsync(); IClock _clock = new Fixed();")]
    [InlineData("a constant argument (a default value too) skips the path that does I/O", "Task<int> Target() => Pick(); Task<int> Pick(bool cached = true) => cached ? Task.FromResult(1) : Task.Run(() => 2);")]
    [InlineData("a constant argument skips the await", "Task<int> Target() => Find(Mode.CacheOnly); async Task<int> Find(Mode mode) { if (mode == Mode.CacheOnly) return 0; return await Task.Run(() => 2); } enum Mode { Download, CacheOnly }")]
    public async Task CompletedShapes_AreYes(string shape, string members)
    {
        Assert.True((await AskAsync(members)).IsYes, shape);
    }

    [Theory]
    [InlineData("Task.Run", "Task<int> Target() => Task.Run(() => 1);")]
    [InlineData("Task.Delay", "async Task Target() { await Task.Delay(1); }")]
    [InlineData("Task.Yield", "async Task Target() { await Task.Yield(); }")]
    [InlineData("library I/O", "Task<string> Target() => System.IO.File.ReadAllTextAsync(\"a\");")]
    [InlineData("one path does I/O", "Task<int> Target() => System.Environment.TickCount > 0 ? Task.FromResult(1) : Task.Run(() => 2);")]
    [InlineData("the constant argument takes the path that does I/O", "Task<int> Target() => Pick(false); Task<int> Pick(bool cached) => cached ? Task.FromResult(1) : Task.Run(() => 2);")]
    [InlineData("task from a field", "Task<int> Target() => _pending; Task<int> _pending = Task.Run(() => 1);")]
    [InlineData("await foreach", "async Task Target() { await foreach (var x in Items()) { } } async System.Collections.Generic.IAsyncEnumerable<int> Items() { await Task.Yield(); yield return 1; }")]
    [InlineData("await using", "async Task Target() { await using var d = new Disposable(); }")]
    [InlineData("passes the asynchronous mode", "Task<int> Target() => Read(IOBehavior.Asynchronous); Task<int> Read(IOBehavior mode) => Task.Run(() => 1);")]
    [InlineData("one interface implementation does I/O", "Task<int> Target() => _store.ReadAsync(); IStore _store = new Slow();")]
    [InlineData("interface without implementations", "Task<int> Target() => _none.ReadAsync(); INone _none = null!;")]
    [InlineData("through an async helper with awaits (not read: binding it costs more than it saves)", "Task<int> Target() => Helper(); async Task<int> Helper() { await Task.CompletedTask; return 1; }")]
    [InlineData("ContinueWith", "Task<int> Target() => Task.FromResult(1).ContinueWith(t => t.Result);")]
    public async Task OtherShapes_AreNo(string shape, string members)
    {
        Assert.True((await AskAsync(members)).IsNo, shape);
    }

    [Fact]
    public async Task ChainDeeperThanTheBound_IsUnknown()
    {
        var fact = await AskAsync("""
            Task<int> Target() => H1();
            Task<int> H1() => H2();
            Task<int> H2() => H3();
            Task<int> H3() => H4();
            Task<int> H4() => Task.FromResult(1);
            """);
        Assert.Equal(Answer.Unknown, fact.Answer);
    }

    [Fact]
    public async Task Recursion_IsNotYes()
    {
        var fact = await AskAsync("Task<int> Target(int n = 1) => n == 0 ? Task.FromResult(0) : Target(n - 1);");
        Assert.False(fact.IsYes);
    }

    private static async Task<Fact> AskAsync(string members)
    {
        var source = $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            enum IOBehavior { Synchronous, Asynchronous }
            interface IClock { Task<int> NowAsync(); }
            sealed class Fixed : IClock { public Task<int> NowAsync() => Task.FromResult(0); }
            sealed class AlsoFixed : IClock { public Task<int> NowAsync() => Task.FromResult(1); }
            interface IStore { Task<int> ReadAsync(); }
            sealed class Fast : IStore { public Task<int> ReadAsync() => Task.FromResult(0); }
            sealed class Slow : IStore { public Task<int> ReadAsync() => Task.Run(() => 1); }
            interface INone { Task<int> ReadAsync(); }
            sealed class Disposable : IAsyncDisposable { public ValueTask DisposeAsync() => default; }

            class C
            {
                {{members}}

                static void Work() { }
                static int Value() => 1;

                async Task Use()
                {
                    await Target();
                }
            }
            """;
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var model = compilation.GetSemanticModel(tree);
        var use = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Use");
        var call = use.DescendantNodes().OfType<InvocationExpressionSyntax>().Single();
        var invocation = (IInvocationOperation)model.GetOperation(call)!;
        return CompilationServices.TryGet(compilation)!.Summaries.CompletesSynchronously(invocation.TargetMethod, invocation);
    }
}
