using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Rules.Exceptions.UnobservedFireAndForgetAnalyzer,
    AsyncAnalyzers.CodeFixes.Rules.Exceptions.UnobservedFireAndForgetCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Exceptions;

public class UnobservedFireAndForgetCodeFixTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Stubs = """

        class Service
        {
            public Task RefreshAsync() => System.IO.File.ReadAllTextAsync("data.txt");
            public ValueTask SaveAsync() => new ValueTask(System.IO.File.WriteAllTextAsync("state.txt", ""));
        }

        static class TaskHelpers
        {
            public static void Forget(this Task task) { }
        }

        namespace Diagnostics
        {
            public static class Crash
            {
                public static void Report(Exception exception) { }
            }
        }
        """;

    [Fact]
    public async Task AsyncMethod_Awaits()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    // Refresh in the background.
                    [|_ = service.RefreshAsync()|];
                    await service.RefreshAsync().ConfigureAwait(false);
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    // Refresh in the background.
                    await service.RefreshAsync();
                    await service.RefreshAsync().ConfigureAwait(false);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AsyncLambdaWithConfigureAwait_AwaitsKeepingIt()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                Func<Task> Start(Service service) => async () =>
                {
                    [|_ = service.RefreshAsync().ConfigureAwait(false)|];
                };
            }
            """ + Stubs, Usings + """
            class C
            {
                Func<Task> Start(Service service) => async () =>
                {
                    await service.RefreshAsync().ConfigureAwait(false);
                };
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SyncMethod_AttachesFaultContinuationThatTraces()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = service.RefreshAsync()|]; // keep this comment
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = service.RefreshAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default); // keep this comment
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ConfiguredHandler_IsCalledByTheContinuation()
    {
        var test = new VerifyCS.Test
        {
            EditorConfig = "async_analyzers.exception_handler = Diagnostics.Crash.Report",
            TestCode = Usings + """
                class C
                {
                    void Start(Service service)
                    {
                        [|_ = Task.Run(() => service.RefreshAsync())|];
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    void Start(Service service)
                    {
                        _ = Task.Run(() => service.RefreshAsync()).ContinueWith(t => Diagnostics.Crash.Report(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfiguredHandlerThatDoesNotExist_FallsBackToTrace()
    {
        var test = new VerifyCS.Test
        {
            EditorConfig = "async_analyzers.exception_handler = Diagnostics.Crash.Missing",
            TestCode = Usings + """
                class C
                {
                    void Start(Service service)
                    {
                        [|_ = service.RefreshAsync()|];
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    void Start(Service service)
                    {
                        _ = service.RefreshAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task SyncValueTaskAndConfigureAwait_ContinueOnTheTask()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = service.SaveAsync()|];
                    [|_ = service.RefreshAsync().ConfigureAwait(false)|];
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = service.SaveAsync().AsTask().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    _ = service.RefreshAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ParameterNameTaken_PicksAnotherName()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                void Start(Service t)
                {
                    [|_ = t.RefreshAsync()|];
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                void Start(Service t)
                {
                    _ = t.RefreshAsync().ContinueWith(task => Trace.TraceError(task.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ForgetHelperInAsyncMethod_Awaits()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    [|service.RefreshAsync().Forget()|];
                    await Task.Yield();
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    await service.RefreshAsync();
                    await Task.Yield();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ForgetHelperInSyncMethod_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|service.RefreshAsync().Forget()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationChainAndConditionalAccess_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    [|_ = service.RefreshAsync().ContinueWith(_ => { }, TaskScheduler.Default)|];
                    [|_ = service?.RefreshAsync()|];
                    await Task.Yield();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task FixAllInDocument_AwaitsNestedDiscards()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                class C
                {
                    async Task StartAsync(Service service)
                    {
                        [|_ = Task.Run(async () =>
                        {
                            [|_ = service.RefreshAsync()|];
                            await System.IO.File.ReadAllTextAsync("a.txt");
                        })|];
                        [|_ = service.SaveAsync()|];
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    async Task StartAsync(Service service)
                    {
                        await Task.Run(async () =>
                        {
                            await service.RefreshAsync();
                            await System.IO.File.ReadAllTextAsync("a.txt");
                        });
                        await service.SaveAsync();
                    }
                }
                """ + Stubs,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_AttachesContinuationsInEveryDocument()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            class A
            {
                void Start(Service service)
                {
                    [|_ = service.RefreshAsync()|];
                    [|_ = Task.Run(() => { _ = 1; throw new InvalidOperationException(); })|];
                }
            }
            """ + Stubs));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            class B
            {
                void Start(Service service) => [|_ = service.SaveAsync()|];
            }
            """));
        test.FixedState.Sources.Add(("/0/A.cs", Usings + """
            class A
            {
                void Start(Service service)
                {
                    _ = service.RefreshAsync().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    _ = Task.Run(() => { _ = 1; throw new InvalidOperationException(); }).ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs));
        test.FixedState.Sources.Add(("/0/B.cs", Usings + """
            class B
            {
                void Start(Service service) => _ = service.SaveAsync().AsTask().ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_AwaitAndContinuationShareTheKey_OnePassInEveryScope()
    {
        // Await in async code, a continuation where the code cannot wait: both are the one ASYNC402 change, so one Fix All (and
        // one dotnet format pass) fixes both kinds, a discard nested in a discarded lambda and two on one line included.
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                class C
                {
                    void Start(Service service)
                    {
                        [|_ = Task.Run(async () =>
                        {
                            [|_ = service.RefreshAsync()|];
                            await System.IO.File.ReadAllTextAsync("a.txt");
                        })|];
                    }

                    async Task StartAsync(Service service)
                    {
                        [|_ = service.RefreshAsync()|]; [|_ = service.RefreshAsync()|];
                        await Task.Yield();
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    void Start(Service service)
                    {
                        _ = Task.Run(async () =>
                        {
                            await service.RefreshAsync();
                            await System.IO.File.ReadAllTextAsync("a.txt");
                        }).ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }

                    async Task StartAsync(Service service)
                    {
                        await service.RefreshAsync(); await service.RefreshAsync();
                        await Task.Yield();
                    }
                }
                """ + Stubs,
            NumberOfIncrementalIterations = 4,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
