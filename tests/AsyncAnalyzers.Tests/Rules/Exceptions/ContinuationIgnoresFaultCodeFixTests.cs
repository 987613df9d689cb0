using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Rules.Exceptions.ContinuationIgnoresFaultAnalyzer,
    AsyncAnalyzers.CodeFixes.Rules.Exceptions.ContinuationIgnoresFaultCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Exceptions;

public class ContinuationIgnoresFaultCodeFixTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Stubs = """

        static class Api
        {
            public static Task<string> LoadAsync() => Task.Run(() => "x");
            public static void Log(object value) { }
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
    public async Task AwaitedContinuation_BecomesAwait()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                async Task<int> LengthAsync()
                {
                    return await Api.LoadAsync().ContinueWith(t => [|t.Result|].Length);
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                async Task<int> LengthAsync()
                {
                    return (await Api.LoadAsync()).Length;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitedContinuationWithConfigureAwait_KeepsConfigureAwait()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                async Task<int> LengthAsync(Task<string> load)
                {
                    var n = 2 * await load.ContinueWith(t => [|t.Result|].Length + 1).ConfigureAwait(false);
                    return n;
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                async Task<int> LengthAsync(Task<string> load)
                {
                    var n = 2 * ((await load.ConfigureAwait(false)).Length + 1);
                    return n;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DroppedContinuationInAsyncMethod_BecomesStatement()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                async Task StartAsync(Task<string> load)
                {
                    // Log when loaded.
                    load.ContinueWith(t => Api.Log([|t.Result|]));
                    await Task.Yield();
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                async Task StartAsync(Task<string> load)
                {
                    // Log when loaded.
                    Api.Log(await load);
                    await Task.Yield();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SyncVariableReceiver_AddsOptionsAndFaultContinuation()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    // Log when loaded.
                    load.ContinueWith(t => Api.Log([|t.Result|]));
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    // Log when loaded.
                    load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                    _ = load.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SyncCallReceiver_StoresItInALocal()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|]), TaskContinuationOptions.ExecuteSynchronously);
                }
            }
            """ + Stubs, Usings + """
            class C
            {
                void Start()
                {
                    var antecedent = Api.LoadAsync();
                    _ = antecedent.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnRanToCompletion);
                    _ = antecedent.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ConfiguredHandler_IsCalledByTheFaultContinuation()
    {
        var test = new VerifyCS.Test
        {
            EditorConfig = "async_analyzers.exception_handler = Diagnostics.Crash.Report",
            TestCode = Usings + """
                class C
                {
                    void Start(Task<string> load)
                    {
                        load.ContinueWith(t => Api.Log([|t.Result|]));
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    void Start(Task<string> load)
                    {
                        load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                        _ = load.ContinueWith(t => Diagnostics.Crash.Report(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfiguredHandlerWithWrongShape_FallsBackToTrace()
    {
        var test = new VerifyCS.Test
        {
            EditorConfig = "async_analyzers.exception_handler = Api.Log",
            TestCode = Usings + """
                class C
                {
                    void Start(Task<string> load)
                    {
                        load.ContinueWith(t => Api.Log([|t.Result|]));
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    void Start(Task<string> load)
                    {
                        load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                        _ = load.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task TopLevelStatementsWithoutAwait_AddsOptions()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                var load = Api.LoadAsync();
                load.ContinueWith(t => Api.Log([|t.Result|]));
                """ + Stubs,
            FixedCode = Usings + """
                var load = Api.LoadAsync();
                load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                _ = load.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                """ + Stubs,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task FullOverloadAndEmbeddedStatement_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(Usings + """
            class C
            {
                void Start(Task<string> load, bool log)
                {
                    if (log) load.ContinueWith(t => Api.Log([|t.Result|]));
                    load.ContinueWith(t => Api.Log([|t.Result|]), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task FixAllInDocument_AwaitsEveryContinuation()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                class C
                {
                    async Task<int> StartAsync(Task<string> load)
                    {
                        load.ContinueWith(t => Api.Log([|t.Result|]));
                        return await Api.LoadAsync().ContinueWith(t => [|t.Result|].Length);
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    async Task<int> StartAsync(Task<string> load)
                    {
                        Api.Log(await load);
                        return (await Api.LoadAsync()).Length;
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_AddsOptionsInEveryDocument()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            class A
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log([|t.Result|]));
                    load.ContinueWith(t => Api.Log([|t.Result|].Length));
                }
            }
            """ + Stubs));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            class B
            {
                void Start()
                {
                    Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|]));
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/A.cs", Usings + """
            class A
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                    _ = load.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    load.ContinueWith(t => Api.Log(t.Result.Length), TaskContinuationOptions.OnlyOnRanToCompletion);
                    _ = load.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs));
        test.FixedState.Sources.Add(("/0/B.cs", Usings + """
            class B
            {
                void Start()
                {
                    var antecedent = Api.LoadAsync();
                    antecedent.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                    _ = antecedent.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_BothFormsAndTwoLocals_OnePassInEveryScope()
    {
        // Await where the continuation is awaited, options and a fault-only continuation elsewhere: one key, one pass. Two
        // receivers that are calls get their locals in document order.
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                class C
                {
                    void Start()
                    {
                        Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|]));
                        Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|].Length));
                    }

                    async Task<int> LengthAsync()
                    {
                        return await Api.LoadAsync().ContinueWith(t => [|t.Result|].Length);
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class C
                {
                    void Start()
                    {
                        var antecedent = Api.LoadAsync();
                        antecedent.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                        _ = antecedent.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                        var antecedent2 = Api.LoadAsync();
                        antecedent2.ContinueWith(t => Api.Log(t.Result.Length), TaskContinuationOptions.OnlyOnRanToCompletion);
                        _ = antecedent2.ContinueWith(t => Trace.TraceError(t.Exception!.ToString()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }

                    async Task<int> LengthAsync()
                    {
                        return (await Api.LoadAsync()).Length;
                    }
                }
                """ + Stubs,
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
