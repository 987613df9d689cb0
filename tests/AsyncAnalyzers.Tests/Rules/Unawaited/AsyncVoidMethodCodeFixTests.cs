using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.AsyncVoidMethodAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.AsyncVoidMethodCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class AsyncVoidMethodCodeFixTests
{
    [Fact]
    public async Task Method_ReturnsTaskAndFixesCallers()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                // Reloads the cache.
                [System.Obsolete]
                private async void [|Reload|]()
                {
                    await Task.Delay(1);
                }

                async Task OnStartAsync()
                {
                    Reload(); // first
                    await Task.Yield();
                }

                void OnStart()
                {
                    this.Reload();
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                // Reloads the cache.
                [System.Obsolete]
                private async Task Reload()
                {
                    await Task.Delay(1);
                }

                async Task OnStartAsync()
                {
                    await Reload(); // first
                    await Task.Yield();
                }

                void OnStart()
                {
                    _ = this.Reload();
                }
            }
            """);
    }

    [Fact]
    public async Task LocalFunction_ReturnsTask()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    Load();

                    static async void [|Load|]() => await Task.Delay(1);
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    _ = Load();

                    static async Task Load() => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task WithoutTasksUsing_AddsUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;

            class C
            {
                async void [|Refresh|]() => await System.Threading.Tasks.Task.Delay(1);
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task Refresh() => await System.Threading.Tasks.Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task MethodGroupReference_NotOffered()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async void [|Refresh|]() => await Task.Delay(1);
                Action Get() => Refresh;
            }
            """);
    }

    [Fact]
    public async Task CallerInLock_DiscardsTask()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                readonly object _gate = new();
                async void [|Refresh|]() => await Task.Delay(1);
                async Task M()
                {
                    lock (_gate) { Refresh(); }
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                readonly object _gate = new();
                async Task Refresh() => await Task.Delay(1);
                async Task M()
                {
                    lock (_gate) { _ = Refresh(); }
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task TwoMethodsCallingEachOther_FixAllInDocument()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    async void [|A|]() { B(); await Task.Yield(); }
                    async void [|B|]() => await Task.Delay(1);
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task A() { await B(); await Task.Yield(); }
                    async Task B() => await Task.Delay(1);
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task MethodsInTwoDocuments_FixAllInProject()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            class A
            {
                async void [|Run|]() => await Task.Delay(1);
            }
            """);
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            class B
            {
                async void [|Run|]() => await Task.Delay(1);
                async void [|Stop|]() => await Task.Delay(1);
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading.Tasks;
            class A
            {
                async Task Run() => await Task.Delay(1);
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading.Tasks;
            class B
            {
                async Task Run() => await Task.Delay(1);
                async Task Stop() => await Task.Delay(1);
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_MethodsCallingEachOtherAndCallersInAnotherFile_OnePassInEveryScope()
    {
        // Each signature changes once; every caller, in this file or another, awaits in async code and discards in synchronous
        // code, with the continuation that reports the exception when the task can fault.
        var test = new VerifyCS.Test
        {
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        test.TestState.Sources.Add(("/0/Reloader.cs", """
            using System;
            using System.Threading.Tasks;
            public class Reloader
            {
                public async void [|Reload|]()
                {
                    await Task.Delay(1);
                    throw new InvalidOperationException();
                }

                private async void [|ReloadTwice|]()
                {
                    await Task.Yield();
                    Reload();
                    Reload();
                }

                public void Start() { ReloadTwice(); }
            }
            """));
        test.TestState.Sources.Add(("/0/Callers.cs", """
            using System.Threading.Tasks;
            public static class Callers
            {
                public static async Task TwiceAsync(Reloader reloader)
                {
                    reloader.Reload();
                    await Task.Yield();
                }

                public static void Once(Reloader reloader)
                {
                    reloader.Reload();
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Reloader.cs", """
            using System;
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;
            public class Reloader
            {
                public async Task Reload()
                {
                    await Task.Delay(1);
                    throw new InvalidOperationException();
                }

                private async Task ReloadTwice()
                {
                    await Task.Yield();
                    await Reload();
                    await Reload();
                }

                public void Start() { _ = ReloadTwice().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); }
            }
            """));
        test.FixedState.Sources.Add(("/0/Callers.cs", """
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;
            public static class Callers
            {
                public static async Task TwiceAsync(Reloader reloader)
                {
                    await reloader.Reload();
                    await Task.Yield();
                }

                public static void Once(Reloader reloader)
                {
                    _ = reloader.Reload().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """));
        await test.RunAsync();
    }
}
