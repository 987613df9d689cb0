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
}
