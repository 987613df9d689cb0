using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Exceptions.UnobservedFireAndForgetAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Exceptions;

public class UnobservedFireAndForgetAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Stubs = """

        class Service
        {
            public Task RefreshAsync() => Task.Delay(1);
            public Task<T> GetAsync<T>() => Task.FromResult(default(T));
            public ValueTask SaveAsync() => default;
            public void Work() { }
        }

        static class TaskHelpers
        {
            public static void Forget(this Task task) { }
            public static void FireAndForget(Task task) { _ = task; }
            public static void Log(Exception ex) { }
        }
        """;

    [Fact]
    public async Task DiscardedCallInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    {|#0:_ = service.RefreshAsync()|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefreshAsync"));
    }

    [Fact]
    public async Task DiscardedCallInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    [|_ = service.RefreshAsync()|];
                    await Task.Yield();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedTaskRun_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    {|#0:_ = Task.Run(() => service.Work())|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run"));
    }

    [Fact]
    public async Task DiscardedFactoryStartNew_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = Task.Factory.StartNew(() => service.Work(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedAnonymousMethodTaskRun_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = Task.Run(delegate { service.Work(); })|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedGenericTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = service.GetAsync<int>()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = service.SaveAsync()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedConfigureAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = service.RefreshAsync().ConfigureAwait(false)|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedConditionalAccess_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = service?.RefreshAsync()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedWhenAllOfNestedCalls_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    {|#0:_ = Task.WhenAll(service.RefreshAsync(), service.SaveAsync().AsTask())|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("WhenAll"));
    }

    [Fact]
    public async Task DiscardInLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Action Start(Service service) => () => [|_ = service.RefreshAsync()|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardInLocalFunctionAndProperty_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Service service = new();

                int Count
                {
                    get
                    {
                        [|_ = service.RefreshAsync()|];
                        return 1;
                    }
                }

                void Start()
                {
                    Kick();

                    void Kick() => [|_ = service.RefreshAsync()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardInTopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                var service = new Service();
                [|_ = service.RefreshAsync()|];
                await Task.Delay(1);
                """ + Stubs,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ForgetExtensionThatIgnoresTheTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    {|#0:service.RefreshAsync().Forget()|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefreshAsync"));
    }

    [Fact]
    public async Task StaticForgetHelperThatDiscardsTheTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|TaskHelpers.FireAndForget(Task.Run(() => service.Work()))|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunLambdaCatchingSpecificException_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = Task.Run(() =>
                    {
                        try { service.Work(); }
                        catch (InvalidOperationException ex) { TaskHelpers.Log(ex); }
                    })|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunLambdaWithPrologueOutsideTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    [|_ = Task.Run(async () =>
                    {
                        service.Work();
                        try { await service.RefreshAsync(); }
                        catch (Exception ex) { TaskHelpers.Log(ex); }
                    })|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchAllThatRethrows_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    [|_ = RunAsync()|];
                }

                async Task RunAsync()
                {
                    try { await Task.Delay(1); }
                    catch (Exception ex) { TaskHelpers.Log(ex); throw; }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinueWithThatIgnoresTheAntecedent_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    {|#0:_ = service.RefreshAsync().ContinueWith(_ => service.Work(), TaskScheduler.Default)|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ContinueWith"));
    }

    [Fact]
    public async Task DroppedCallStatement_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    service.RefreshAsync();
                    Task.Run(() => service.Work());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitedCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    await service.RefreshAsync();
                    await service.SaveAsync().ConfigureAwait(false);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardOfStoredTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service, TaskCompletionSource<int> source)
                {
                    var refresh = service.RefreshAsync();
                    _ = refresh;
                    _ = source.Task;
                    await refresh;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardOfNonTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = int.Parse("1");
                    _ = Task.Yield();
                    _ = new ValueTask<int>(1);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardOfDelayAndCompletedTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = Task.Delay(100);
                    _ = Task.FromResult(1);
                    _ = Task.CompletedTask;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchAllButCancellationInAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                private readonly CancellationTokenSource _stopping = new();

                void Tick(Service service)
                {
                    _ = BeatAsync(service);
                }

                async Task BeatAsync(Service service)
                {
                    try { await service.RefreshAsync().ConfigureAwait(false); }
                    catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested) { TaskHelpers.Log(ex); }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchAllButCancellationInSyncTaskRunLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    {|#0:_ = Task.Run(() =>
                    {
                        try { service.Work(); }
                        catch (Exception ex) when (ex is not OperationCanceledException) { TaskHelpers.Log(ex); }
                    })|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run"));
    }

    [Fact]
    public async Task CatchWithOtherFilterInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Tick(Service service)
                {
                    {|#0:_ = BeatAsync(service)|};
                }

                async Task BeatAsync(Service service)
                {
                    try { await service.RefreshAsync().ConfigureAwait(false); }
                    catch (Exception ex) when (ex is not TimeoutException) { TaskHelpers.Log(ex); }
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("BeatAsync"));
    }

    [Fact]
    public async Task TaskRunLambdaBodyIsCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = Task.Run(() =>
                    {
                        try { service.Work(); }
                        catch (Exception ex) { TaskHelpers.Log(ex); }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunAsyncLambdaBodyIsCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = Task.Factory.StartNew(async () =>
                    {
                        try { await service.RefreshAsync().ConfigureAwait(false); }
                        catch { }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalledAsyncMethodIsCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = RefreshSafelyAsync();
                }

                async Task RefreshSafelyAsync()
                {
                    try
                    {
                        await Task.Delay(1);
                    }
                    catch (Exception ex)
                    {
                        TaskHelpers.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalledMethodInAnotherFileIsCatchAll_NoDiagnostic()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            class C
            {
                void Start(Worker worker)
                {
                    _ = worker.RunAsync<int>();
                }
            }
            """ + Stubs));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            class Worker
            {
                public async Task<T> RunAsync<T>()
                {
                    try
                    {
                        await Task.Delay(1);
                        return default;
                    }
                    catch (Exception)
                    {
                        return default;
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task LocalFunctionIsCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = PollAsync();

                    async Task PollAsync()
                    {
                        try { await service.RefreshAsync(); }
                        catch (Exception ex) { TaskHelpers.Log(ex); }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunMethodGroupIsCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = Task.Run(Work);
                }

                void Work()
                {
                    try { Console.WriteLine(); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunLambdaReturningCoveredCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = Task.Run(() => SafeAsync());
                }

                async Task SafeAsync()
                {
                    try { await Task.Delay(1); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinueWithOnlyOnFaulted_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = service.RefreshAsync().ContinueWith(
                        _ => TaskHelpers.Log(null),
                        CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted,
                        TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinueWithCheckingIsFaulted_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    _ = service.RefreshAsync().ContinueWith(t =>
                    {
                        if (t.IsFaulted)
                        {
                            TaskHelpers.Log(t.Exception);
                        }
                    }, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperThatObservesTheTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safe
            {
                public static void Observe(this Task task) =>
                    task.ContinueWith(t => TaskHelpers.Log(t.Exception), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            class C
            {
                void Start(Service service)
                {
                    service.RefreshAsync().Observe();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperReceivingStoredTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task StartAsync(Service service)
                {
                    var refresh = service.RefreshAsync();
                    refresh.Forget();
                    await refresh;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AssignmentToRealVariable_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Task pending;

                void Start(Service service)
                {
                    pending = service.RefreshAsync();
                    var local = service.GetAsync<int>();
                    local.Wait();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunInsideCatchAllLambdaPassedToHelper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service)
                {
                    Task.Run(async () =>
                    {
                        try { await service.RefreshAsync(); }
                        catch (Exception ex) { TaskHelpers.Log(ex); }
                    }).Forget();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task PollingLoopWithCatchAllInside_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Service service, CancellationToken token)
                {
                    _ = Task.Run(async () =>
                    {
                        while (!token.IsCancellationRequested)
                        {
                            try
                            {
                                await service.RefreshAsync();
                                await Task.Delay(1000, token);
                            }
                            catch (Exception ex)
                            {
                                TaskHelpers.Log(ex);
                            }
                        }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ValueTaskMethodIsCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = SaveSafelyAsync();
                }

                async ValueTask<int> SaveSafelyAsync()
                {
                    try
                    {
                        await Task.Delay(1);
                        return 1;
                    }
                    catch (Exception ex)
                    {
                        TaskHelpers.Log(ex);
                        return 0;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HalfTypedDiscard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = {|CS0103:Missing|}();
                    _ = Task.Run({|CS0103:Nowhere|});
                }
            }
            """ + Stubs);
    }
}
