using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Rules.Unawaited;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.UnawaitedTaskAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.UnawaitedTaskCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class UnawaitedTaskCodeFixTests
{
    private static async Task VerifyAsync(string source, string fixedSource, string key, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors)
    {
        var test = new VerifyCS.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = key,
            CompilerDiagnostics = compilerDiagnostics,
        };

        // CS4014 is fixable, so markup for it in the fixed code states what remains rather than being ignored.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    /// <summary>
    /// Where the task can be neither awaited nor awaited after making the method async, the one fix offered is the observing
    /// discard, and it is the default that Fix All and dotnet format apply.
    /// </summary>
    private static async Task AssertOnlyDiscardOfferedAsync(string source)
    {
        var offered = await OfferedFixes.ListAsync(new AsyncAnalyzers.Rules.Unawaited.UnawaitedTaskAnalyzer(), new UnawaitedTaskCodeFix(), source);
        Assert.NotEmpty(offered);
        Assert.All(offered, o =>
        {
            Assert.StartsWith("Discard the task", o.Title, System.StringComparison.Ordinal);
            Assert.Equal(UnawaitedTaskCodeFix.ObserveKey, o.Key);
        });
    }

    [Fact]
    public async Task ConditionalAccessInAsyncMethod_AwaitsWithCompletedFallback()
    {
        await VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream? s)
                {
                    [|s?.FlushAsync()|];
                    await Task.Yield();
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream? s)
                {
                    await (s?.FlushAsync() ?? Task.CompletedTask);
                    await Task.Yield();
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task ConditionalAccessValueTaskInAsyncMethod_AwaitsWithDefaultFallback()
    {
        await VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(IAsyncDisposable? d)
                {
                    [|d?.DisposeAsync()|];
                    await Task.Yield();
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(IAsyncDisposable? d)
                {
                    await (d?.DisposeAsync() ?? default);
                    await Task.Yield();
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task CompilerWarningInAsyncMethod_Awaits()
    {
        await VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    {|CS4014:s.FlushAsync()|};
                    await Task.Yield();
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    await s.FlushAsync();
                    await Task.Yield();
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey, CompilerDiagnostics.Warnings);
    }

    [Fact]
    public async Task CompilerWarningInSyncCaller_Discards()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task SaveAsync() => await Task.Yield();
                void M() { {|CS4014:SaveAsync()|}; }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task SaveAsync() => await Task.Yield();
                void M() { _ = SaveAsync(); }
            }
            """, UnawaitedTaskCodeFix.DiscardKey, CompilerDiagnostics.Warnings);
    }

    [Fact]
    public async Task CompilerWarningInTopLevelStatements_Awaits()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                {|CS4014:Task.Delay(1)|};
                """,
            FixedCode = """
                using System.Threading.Tasks;
                await Task.Delay(1);
                """,
            CodeActionEquivalenceKey = UnawaitedTaskCodeFix.ObserveKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task PublicMethodWithOptionDefault_NoMakeAsync()
    {
        var source = """
            using System.IO;
            using System.Threading.Tasks;
            public class C
            {
                public static void Flush(Stream s)
                {
                    [|s.FlushAsync()|];
                }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task PublicMethodWithOptionOn_MakesAsync()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                public class C
                {
                    public static void Flush(Stream s)
                    {
                        [|s.FlushAsync()|];
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;
                public class C
                {
                    public static async Task Flush(Stream s)
                    {
                        await s.FlushAsync();
                    }
                }
                """,
            CodeActionEquivalenceKey = UnawaitedTaskCodeFix.ObserveKey,
            EditorConfig = "async_analyzers.ASYNC201.make_public_methods_async = true",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task MethodWithCallers_MakeAsyncNotOffered()
    {
        var source = """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                static void Flush(Stream s)
                {
                    [|s.FlushAsync()|];
                }

                static void Caller(Stream s)
                {
                    Flush(s);
                }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task SyncVoidMethod_MakesAsyncReturningTask()
    {
        await VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                // Flushes the stream.
                [System.Obsolete]
                public static void Flush(Stream s)
                {
                    [|s.FlushAsync()|];
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                // Flushes the stream.
                [System.Obsolete]
                public static async Task Flush(Stream s)
                {
                    await s.FlushAsync();
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task SyncValueMethodWithoutModifiers_MakesAsyncReturningTaskOfT()
    {
        await VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                /// <summary>Length.</summary>
                int Length(Stream s)
                {
                    [|s.FlushAsync()|];
                    return 1;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                /// <summary>Length.</summary>
                async Task<int> Length(Stream s)
                {
                    await s.FlushAsync();
                    return 1;
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task MakeAsyncWithoutTasksUsing_AddsUsing()
    {
        await VerifyAsync("""
            using System.IO;

            class C
            {
                void Flush(Stream s) => [|s.FlushAsync()|];
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task Flush(Stream s) => await s.FlushAsync();
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task SyncLocalFunctionWithoutCallers_MakesAsync()
    {
        await VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    await Task.Yield();

                    void Flush() { [|s.FlushAsync()|]; }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    await Task.Yield();

                    async Task Flush() { await s.FlushAsync(); }
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task OverrideMethod_MakeAsyncNotOffered()
    {
        var source = """
            using System.IO;
            abstract class B { public abstract void Flush(Stream s); }
            class C : B
            {
                public override void Flush(Stream s) { [|s.FlushAsync()|]; }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task InterfaceImplementation_MakeAsyncNotOffered()
    {
        var source = """
            using System.IO;
            interface IFlusher { void Flush(Stream s); }
            class C : IFlusher
            {
                public void Flush(Stream s) { [|s.FlushAsync()|]; }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task EventHandlerShape_MakeAsyncNotOffered()
    {
        var source = """
            using System;
            using System.IO;
            class C
            {
                Stream? _s;
                void OnClick(object sender, EventArgs e) { [|_s?.FlushAsync()|]; }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task CallerUsesResult_MakeAsyncNotOffered()
    {
        var source = """
            using System.IO;
            class C
            {
                int Length(Stream s) { [|s.FlushAsync()|]; return 1; }
                int Twice(Stream s) => Length(s) * 2;
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task MethodGroupReference_MakeAsyncNotOffered()
    {
        var source = """
            using System;
            using System.IO;
            class C
            {
                void Flush(Stream s) { [|s.FlushAsync()|]; }
                Action<Stream> Get() => Flush;
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task SpanLocal_MakeAsyncNotOffered()
    {
        var source = """
            using System;
            using System.IO;
            class C
            {
                void Flush(Stream s)
                {
                    Span<byte> buffer = stackalloc byte[4];
                    s.Write(buffer);
                    [|s.FlushAsync()|];
                }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task LockInAsyncMethod_AwaitNotOffered()
    {
        var source = """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                readonly object _gate = new();
                async Task M(Stream s)
                {
                    lock (_gate) { [|s.FlushAsync()|]; }
                    await Task.Yield();
                }
            }
            """;
        await AssertOnlyDiscardOfferedAsync(source);
    }

    [Fact]
    public async Task LockInAsyncMethod_DiscardsAndReportsFaults()
    {
        await VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                readonly object _gate = new();
                async Task M(Stream s)
                {
                    lock (_gate) { [|s.FlushAsync()|]; }
                    await Task.Yield();
                }
            }
            """, """
            using System.Diagnostics;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                readonly object _gate = new();
                async Task M(Stream s)
                {
                    lock (_gate) { _ = s.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); }
                    await Task.Yield();
                }
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task SyncLambdaExpressionBody_DiscardsAndReportsFaults()
    {
        await VerifyAsync("""
            using System;
            using System.IO;
            class C
            {
                Action M(Stream s) => () => [|s.FlushAsync()|];
            }
            """, """
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                Action M(Stream s) => () => _ = s.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            """, UnawaitedTaskCodeFix.ObserveKey);
    }

    [Fact]
    public async Task LocalNamedUnderscore_DiscardNotOffered()
    {
        var source = """
            using System.IO;
            class C
            {
                void M(Stream s)
                {
                    int _ = 0;
                    [|s.FlushAsync()|];
                }
            }
            """;
        var offered = await OfferedFixes.ListAsync(new AsyncAnalyzers.Rules.Unawaited.UnawaitedTaskAnalyzer(), new UnawaitedTaskCodeFix(), source);
        Assert.DoesNotContain(offered, o => o.Key == UnawaitedTaskCodeFix.DiscardKey || o.Title.StartsWith("Discard", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoDropsInOneMethod_FixAllMakesAsyncOnce()
    {
        // One signature change for both drops, in one Fix All pass. Applied one at a time, the first fix makes the method async
        // and the second drop becomes the compiler's CS4014, whose default fix (the same key) awaits it.
        var fixedSource = """
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task Flush(Stream a, Stream b)
                {
                    await a.FlushAsync();
                    await b.FlushAsync();
                }
            }
            """;
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                class C
                {
                    void Flush(Stream a, Stream b)
                    {
                        [|a.FlushAsync()|];
                        [|b.FlushAsync()|];
                    }
                }
                """,
            FixedCode = fixedSource,
            BatchFixedCode = fixedSource,
            CodeActionEquivalenceKey = UnawaitedTaskCodeFix.ObserveKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task DropsInTwoDocuments_FixAllDiscardsAndReportsFaultsInProject()
    {
        var test = new VerifyCS.Test
        {
            CodeActionEquivalenceKey = UnawaitedTaskCodeFix.DiscardKey,
        };
        test.TestState.Sources.Add("""
            using System.IO;
            class A
            {
                void M(Stream s) { [|s.FlushAsync()|]; [|s.FlushAsync()|]; }
            }
            """);
        test.TestState.Sources.Add("""
            using System.IO;
            class B
            {
                void M(Stream? s) { [|s?.FlushAsync()|]; }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Diagnostics;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class A
            {
                void M(Stream s) { _ = s.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); _ = s.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Diagnostics;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class B
            {
                void M(Stream? s) { _ = s?.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_DefaultFitsEachPlace_OnePassInEveryScope()
    {
        // What dotnet format and Fix All apply with the first action's key: await in async code (two on one line), one
        // signature change for the two drops of a private method, an observing discard in an interface implementation and in a lock.
        var test = new VerifyCS.Test
        {
            NumberOfIncrementalIterations = 6,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.TestState.Sources.Add(("/0/A.cs", """
            #nullable enable
            using System.IO;
            using System.Threading.Tasks;
            class A
            {
                private readonly object _gate = new();

                public async Task Notify(Stream? a, Stream? b)
                {
                    [|a?.FlushAsync()|]; [|b?.FlushAsync()|];
                    lock (_gate) { [|a?.FlushAsync()|]; }
                    await Task.Yield();
                }

                private void Both(Stream data, Stream index)
                {
                    [|data.FlushAsync()|];
                    [|index.FlushAsync()|];
                }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", """
            using System.IO;
            interface ISaver { void Save(Stream stream); }
            class B : ISaver
            {
                public void Save(Stream stream) { [|stream.FlushAsync()|]; }
            }
            """));
        test.FixedState.Sources.Add(("/0/A.cs", """
            #nullable enable
            using System.Diagnostics;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class A
            {
                private readonly object _gate = new();

                public async Task Notify(Stream? a, Stream? b)
                {
                    await (a?.FlushAsync() ?? Task.CompletedTask); await (b?.FlushAsync() ?? Task.CompletedTask);
                    lock (_gate) { _ = a?.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); }
                    await Task.Yield();
                }

                private async Task Both(Stream data, Stream index)
                {
                    await data.FlushAsync();
                    await index.FlushAsync();
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/B.cs", """
            using System.Diagnostics;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            interface ISaver { void Save(Stream stream); }
            class B : ISaver
            {
                public void Save(Stream stream) { _ = stream.FlushAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); }
            }
            """));
        await test.RunAsync();
    }
}
