using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.NestedTaskAwaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class NestedTaskAwaitAnalyzerTests
{
    [Fact]
    public async Task StartNewAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewAsyncBlockLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    {|#0:await Task.Factory.StartNew(async () =>
                    {
                        await Task.Delay(100);
                    })|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("StartNew"));
    }

    [Fact]
    public async Task StartNewWithLongRunning_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning)|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewTaskOfT_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => { await Task.Delay(1); return 42; })|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewMethodGroup_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static async Task WorkAsync() => await Task.Delay(1);

                async Task M()
                {
                    [|await Task.Factory.StartNew(WorkAsync)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitOnOuter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100)).ConfigureAwait(false)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first)
                {
                    {|#0:await first.ContinueWith(async _ => await Task.Delay(100))|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("ContinueWith"));
    }

    [Fact]
    public async Task LocalFromStartNew_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    [|await work|];
                }
            }
            """);
    }

    [Fact]
    public async Task NewTaskOfTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = new Task<Task>(async () => await Task.Delay(100));
                    work.Start();
                    {|#0:await work|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("new Task<Task>"));
    }

    [Fact]
    public async Task InAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => async () =>
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                };
            }
            """);
    }

    [Fact]
    public async Task InLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return Local();

                    async Task Local()
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TaskFactoryInstance_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly TaskFactory _factory = new TaskFactory();

                async Task M()
                {
                    [|await _factory.StartNew(async () => await Task.Delay(100))|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewReturningValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static async ValueTask WorkAsync() => await Task.Delay(1);

                async Task M()
                {
                    [|await Task.Factory.StartNew(() => WorkAsync())|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewWithToken_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(CancellationToken cancellationToken)
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100, cancellationToken), cancellationToken)|];
                }
            }
            """);
    }

    [Fact]
    public async Task TaskRun_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Run(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task Unwrapped_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Factory.StartNew(async () => await Task.Delay(100)).Unwrap();
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task InnerTaskKept_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var inner = await Task.Factory.StartNew(async () => await Task.Delay(100));
                    await inner;
                }
            }
            """);
    }

    [Fact]
    public async Task ExplicitDiscard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    _ = await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task WhenAny_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task a, Task b)
                {
                    await Task.WhenAny(a, b);
                    await Task.WhenAny(a, Task.Delay(1000)).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task OwnMethodReturningTaskOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Server
            {
                public async Task<Task> StartAsync()
                {
                    await Task.Yield();
                    return Task.Delay(1000);
                }
            }

            class C
            {
                async Task M(Server server)
                {
                    await server.StartAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewSynchronousAction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Factory.StartNew(() => System.Console.WriteLine(), TaskCreationOptions.LongRunning);
                    await Task.Factory.StartNew(() => 42);
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithSynchronous_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first)
                {
                    await first.ContinueWith(_ => System.Console.WriteLine());
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnAwaitOuter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<Task> M()
                {
                    return await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnOuterWithoutAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<Task> M() => Task.Factory.StartNew(async () => await Task.Delay(100));
            }
            """);
    }

    [Fact]
    public async Task LocalReassigned_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task<Task> other)
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    work = other;
                    await work;
                }
            }
            """);
    }

    [Fact]
    public async Task ParameterOfTaskOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task<Task> completion)
                {
                    await completion;
                }
            }
            """);
    }

    [Fact]
    public async Task TaskCompletionSourceOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly TaskCompletionSource<Task> _started = new TaskCompletionSource<Task>();

                async Task M()
                {
                    await _started.Task;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitOuterThenInnerInWhenAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning);
                    await Task.WhenAll(await outer);
                }
            }
            """);
    }

    [Fact]
    public async Task UnwrapOnLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100));
                    await outer.Unwrap().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithReturningAntecedent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(TimeSpan delay, CancellationToken token)
                {
                    await Task.Delay(delay, token)
                        .ContinueWith(t => t, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                        .ConfigureAwait(false);
                    await Task.Delay(delay, token).ContinueWith(antecedent => { return antecedent; });
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithReturningOtherTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first, Task second)
                {
                    [|await first.ContinueWith(t => t.IsFaulted ? second : t)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnedAsTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task Then(Task previous)
                {
                    return {|#0:previous.ContinueWith(async _ => await Task.Delay(100))|};
                }

                Task Start() => [|Task.Factory.StartNew(async () => await Task.Delay(100))|];
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("ContinueWith"));
    }

    [Fact]
    public async Task PassedAsTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                static void Track(Task task) { }

                async Task M(List<Task> tasks)
                {
                    Track([|Task.Factory.StartNew(async () => await Task.Delay(100))|]);
                    tasks.Add([|Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning)|]);
                    await Task.WhenAll(tasks);
                }
            }
            """);
    }

    [Fact]
    public async Task StoredInTaskField_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private Task _loop;

                private Task Loop { get; set; }

                void Start()
                {
                    _loop = [|Task.Factory.StartNew(async () => { while (true) await Task.Delay(100); }, TaskCreationOptions.LongRunning)|];
                    Loop = [|Task.Factory.StartNew(RunAsync)|];
                    Task local = [|Task.Factory.StartNew(RunAsync)|];
                }

                async Task StopAsync() => await _loop;

                static async Task RunAsync() => await Task.Delay(100);
            }
            """);
    }

    private const string Checker = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        interface IHostedService
        {
            Task StartAsync(CancellationToken cancellationToken);
        }

        class FlagChecker : IHostedService
        {
            CancellationTokenSource _source = new();

            public async Task StartAsync(CancellationToken cancellationToken)
            {
                for (var i = 0; i < 4; i++)
                {
                    {|#0:await Task.Factory.StartNew(() => Check(i, _source.Token), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)|};
                }
            }

            async Task Check(int worker, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    try
                    {
                        await System.IO.File.AppendAllTextAsync("flags-" + worker + ".log", "checked", token);
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task WorkerAwaitedInStartAsyncThatCatchesEverything_NoDiagnostic()
    {
        // A hosted service starts its workers: awaiting the inner task would hold up the host's start for the worker's whole life,
        // and the worker catches everything it could lose.
        await VerifyCS.VerifyAnalyzerAsync(Checker.Replace("{|#0:", "").Replace("TaskScheduler.Default)|}", "TaskScheduler.Default)"));
    }

    [Fact]
    public async Task WorkerAwaitedInStartAsyncThatCanFault_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Checker.Replace("""
                    try
                    {
                        await System.IO.File.AppendAllTextAsync("flags-" + worker + ".log", "checked", token);
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
        """, """
                    await System.IO.File.AppendAllTextAsync("flags-" + worker + ".log", "checked", token);
        """),
            VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("StartNew"));
    }

    private const string Watcher = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class ConfigurationProvider
        {
            private Task? _watcher;
            private string _data = "";

            public void Load(CancellationToken token)
            {
                if (_watcher is not null)
                    return;

                _watcher = {|#0:Task.Factory.StartNew(() => WatchAsync(token))|};
            }

            private async Task WatchAsync(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(1000, token);
                        _data = await System.IO.File.ReadAllTextAsync("settings.json", token);
                    }
                    catch (TaskCanceledException)
                    {
                        break;
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task TaskFieldOnlyNullCheckedOfWorkThatCatchesEverything_NoDiagnostic()
    {
        // The field only says that the watcher was started; the watcher logs every failure itself.
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + Watcher.Replace("{|#0:", "").Replace("WatchAsync(token))|}", "WatchAsync(token))"));
    }

    [Fact]
    public async Task TaskFieldOnlyNullCheckedOfWorkThatCanFault_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            "#nullable enable\n" + Watcher.Replace("""
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
        """, ""),
            VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("StartNew"));
    }

    [Fact]
    public async Task LocalInWhenAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task other)
                {
                    var first = [|Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    var second = [|Task.Factory.StartNew(async () => await Task.Delay(200))|];
                    await Task.WhenAll(first, other);
                    await Task.WhenAll(second);
                    Task.WaitAny(first, second);
                }
            }
            """);
    }

    [Fact]
    public async Task LocalWaited_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    var work = [|Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    work.Wait();
                    work.Wait();
                    Task.WaitAll(work);
                }
            }
            """);
    }

    [Fact]
    public async Task LocalAwaitedTwice_ReportsOnce()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    Task.WaitAll(work);
                    [|await work.ConfigureAwait(false)|];
                    await work;
                }
            }
            """);
    }

    [Fact]
    public async Task WhenAllOfCreations_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.WhenAll(
                        [|Task.Factory.StartNew(async () => await Task.Delay(100))|],
                        [|Task.Factory.StartNew(async () => await Task.Delay(200))|]);
                }
            }
            """);
    }

    [Fact]
    public async Task SelectIntoWhenAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IEnumerable<int> items)
                {
                    await Task.WhenAll(items.Select(x => [|Task.Factory.StartNew(async () => await Task.Delay(x))|]));
                    Task.WaitAll(items.Select(x => [|Task.Factory.StartNew(async () => await Task.Delay(x))|]).ToArray());
                }
            }
            """);
    }

    [Fact]
    public async Task SelectToListLocalIntoWhenAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class Processor
            {
                public Task ProcessAsync(int id) => Task.Delay(id);
            }

            class C
            {
                async Task M(IEnumerable<int> items, Processor processor)
                {
                    var tasks = items.Select(id => [|Task.Factory.StartNew(() => processor.ProcessAsync(id))|]).ToList();
                    await Task.WhenAll(tasks).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaReturningTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Processor
            {
                public Task ProcessAsync(int id) => Task.Delay(id);
            }

            class C
            {
                async Task M(Processor processor, int id)
                {
                    [|await Task.Factory.StartNew(() => processor.ProcessAsync(id))|];
                    var work = Task.Factory.StartNew(RunAsync, TaskCreationOptions.LongRunning);
                    [|await work|];
                }

                static Task RunAsync() => Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task LambdaReturningOuterAsTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => () => [|Task.Factory.StartNew(async () => await Task.Delay(100))|];
            }
            """);
    }

    [Fact]
    public async Task LocalInnerAwaitedLater_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100));
                    await Task.WhenAll(outer);
                    var inner = await outer;
                    await inner;
                }
            }
            """);
    }

    [Fact]
    public async Task LocalInnerReadOnlyStatus_Reports()
    {
        // The inner task taken out and only asked for its Status: nothing waits for the work or sees its exceptions (issue 13;
        // until then this test asserted silence).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task<bool> M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100));
                    var inner = [|await outer|];
                    return inner.Status == TaskStatus.RanToCompletion;
                }

                async Task<int> Count(Func<Task> processAsync)
                {
                    Task<Task<int>> outer = Task.Factory.StartNew(async () =>
                    {
                        await processAsync();
                        return 1;
                    });
                    var inner = [|await outer.ConfigureAwait(false)|];
                    Console.WriteLine($"processed, inner status {inner.Status}, id {inner.Id}");
                    return 1;
                }

                async Task Direct(Func<Task> processAsync)
                {
                    var started = [|await Task.Factory.StartNew(processAsync, TaskCreationOptions.LongRunning)|];
                    Console.WriteLine(started.Status);
                }
            }
            """);
    }

    [Fact]
    public async Task InnerAwaitedAfterStatusRead_NoDiagnostic()
    {
        // The inner task awaited, returned, passed, stored or polled after its Status is read; or never read (ASYNC204's).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                private readonly List<Task> _pending = new List<Task>();

                async Task Awaited(Func<Task> work)
                {
                    var inner = await Task.Factory.StartNew(work);
                    Console.WriteLine(inner.Status);
                    await inner;
                }

                async Task<Task> Returned(Func<Task> work)
                {
                    var inner = await Task.Factory.StartNew(work);
                    Console.WriteLine(inner.Status);
                    return inner;
                }

                async Task Stored(Func<Task> work)
                {
                    var inner = await Task.Factory.StartNew(work);
                    Console.WriteLine(inner.Id);
                    _pending.Add(inner);
                }

                async Task Polled(Func<Task> work)
                {
                    var outer = Task.Factory.StartNew(work);
                    var inner = await outer;
                    while (!inner.IsCompleted)
                    {
                        await Task.Delay(10);
                    }
                }

                async Task Passed(Func<Task> work)
                {
                    var inner = await Task.Factory.StartNew(work);
                    Console.WriteLine(inner.Status);
                    await Task.WhenAll(inner, Task.Delay(10));
                }
            }
            """);
    }

    [Fact]
    public async Task LocalInWhenAnyComparedToWinner_Reports()
    {
        // WhenAny gives back the outer task that finished first: 'winner == work' says the work started, not that it ended.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<bool> TryProcess(Func<Task> processAsync, TimeSpan timeout, CancellationToken ct)
                {
                    var work = [|Task.Factory.StartNew(async () => await processAsync())|];
                    var winner = await Task.WhenAny(work, Task.Delay(timeout, ct));
                    return winner == work;
                }

                async Task<bool> NotNull(Func<Task> processAsync, TimeSpan timeout)
                {
                    var work = [|Task.Factory.StartNew(processAsync)|];
                    if (work is null || work != null && await Task.WhenAny(work, Task.Delay(timeout)) != work)
                    {
                        return false;
                    }

                    return true;
                }
            }
            """);
    }

    [Fact]
    public async Task LocalInWhenAnyUnwrapped_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task<bool> WinnerUnwrapped(Func<Task> processAsync, TimeSpan timeout)
                {
                    var work = Task.Factory.StartNew(processAsync);
                    var winner = await Task.WhenAny(work, Task.Delay(timeout));
                    if (winner == work)
                    {
                        await await work;
                        return true;
                    }

                    return false;
                }

                async Task<bool> UnwrappedFirst(Func<Task> processAsync, TimeSpan timeout)
                {
                    var work = Task.Factory.StartNew(processAsync).Unwrap();
                    return await Task.WhenAny(work, Task.Delay(timeout)) == work;
                }

                async Task<bool> RunFirst(Func<Task> processAsync, TimeSpan timeout)
                {
                    var work = Task.Run(processAsync);
                    return await Task.WhenAny(work, Task.Delay(timeout)) == work;
                }
            }
            """);
    }

    [Fact]
    public async Task WaitWithTimeout_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                bool M(Func<Task> processAsync)
                {
                    var outer = [|Task.Factory.StartNew(processAsync, TaskCreationOptions.LongRunning)|];
                    if (!outer.Wait(TimeSpan.FromSeconds(5)))
                    {
                        return false;
                    }

                    return [|Task.Factory.StartNew(async () => await processAsync())|].Wait(1000);
                }
            }
            """);
    }

    [Fact]
    public async Task GetAwaiterGetResult_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                void M(Func<Task> processAsync, Task previous)
                {
                    [|Task.Factory.StartNew(async () => await processAsync())|].GetAwaiter().GetResult();
                    [|previous.ContinueWith(_ => processAsync())|].ConfigureAwait(false).GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultOfInner_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                void M(Func<Task> processAsync)
                {
                    Task.Factory.StartNew(processAsync).GetAwaiter().GetResult().GetAwaiter().GetResult();
                    Task.Factory.StartNew(processAsync).Unwrap().GetAwaiter().GetResult();
                    var inner = Task.Factory.StartNew(processAsync).GetAwaiter().GetResult();
                    inner.Wait();
                }
            }
            """);
    }

    [Fact]
    public async Task PrivateFieldAwaited_Reports()
    {
        // A private Task<Task> field awaited, waited and null-checked, never unwrapped: the loop's end and exceptions are lost.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Worker : IDisposable
            {
                private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
                private Task<Task> _worker;

                public void Start()
                {
                    _worker = [|Task.Factory.StartNew(async () =>
                    {
                        while (!_stopping.IsCancellationRequested)
                        {
                            await Task.Delay(1000, _stopping.Token);
                        }
                    }, TaskCreationOptions.LongRunning)|];
                }

                public async Task StopAsync()
                {
                    _stopping.Cancel();
                    if (_worker != null)
                    {
                        await _worker;
                    }

                    _worker = null;
                }

                public void Dispose()
                {
                    _worker?.Wait();
                    this._worker?.Wait();
                }
            }

            sealed class Pump
            {
                private static readonly Task<Task> s_pump = [|Task.Factory.StartNew(PumpAsync)|];

                public static void Drain() => s_pump.Wait();

                private static async Task PumpAsync() => await Task.Delay(10);
            }

            sealed class Chain
            {
                private Task<Task> _next;

                public void Then(Task previous, Func<Task> step) => _next = [|previous.ContinueWith(_ => step())|];

                public Task Completion => _next;
            }
            """);
    }

    [Fact]
    public async Task PrivateFieldUnwrappedSomewhere_NoDiagnostic()
    {
        // Any use that reaches the inner task, an escape, a foreign write, or a field that is not private keeps it silent.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class AwaitAwait
            {
                private Task<Task> _worker;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
                public async Task StopAsync() => await _worker;
                public async Task DrainAsync() => await await _worker;
            }

            sealed class Unwrapped
            {
                private Task<Task> _worker;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
                public void Dispose() => _worker.Wait();
                public Task Completion => _worker.Unwrap();
            }

            sealed class Escapes
            {
                private Task<Task> _worker;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
                public Task<Task> Worker => _worker;
                public void Dispose() => _worker.Wait();
            }

            sealed class ForeignWrite
            {
                private Task<Task> _worker;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
                public void Adopt(Task<Task> other) => _worker = other;
                public void Dispose() => _worker.Wait();
            }

            sealed class Exchanged
            {
                private Task<Task> _worker;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
                public void Dispose() => Interlocked.Exchange(ref _worker, null)?.Wait();
            }

            sealed class NotPrivate
            {
                internal Task<Task> Worker;
                public void Start(Func<Task> run) => Worker = Task.Factory.StartNew(run);
                public void Dispose() => Worker.Wait();
            }

            sealed class InnerKept
            {
                private Task<Task> _worker;
                private Task _inner;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
                public async Task StopAsync()
                {
                    _inner = await _worker;
                    await _inner;
                }
            }

            sealed class NeverRead
            {
                private Task<Task> _worker;
                public void Start(Func<Task> run) => _worker = Task.Factory.StartNew(run);
            }

            sealed class RunInstead
            {
                private Task _worker;
                public void Start(Func<Task> run) => _worker = Task.Run(run);
                public void Dispose() => _worker.Wait();
            }
            """);
    }

    [Fact]
    public async Task LocalUnwrappedOnce_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100));
                    outer.Wait();
                    await outer.Unwrap();
                    var again = Task.Factory.StartNew(async () => await Task.Delay(100));
                    await Task.WhenAll(again);
                    await await again;
                }
            }
            """);
    }

    [Fact]
    public async Task ConvertedAfterUnwrap_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                private Task _loop;

                Task Then(Task previous) => previous.ContinueWith(async _ => await Task.Delay(100)).Unwrap();

                void Start(List<Task> tasks, IEnumerable<int> items)
                {
                    _loop = Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning).Unwrap();
                    tasks.Add(Task.Run(async () => await Task.Delay(100)));
                    tasks.AddRange(items.Select(x => Task.Factory.StartNew(async () => await Task.Delay(x)).Unwrap()));
                }
            }
            """);
    }

    [Fact]
    public async Task SynchronousStartNewConverted_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private Task _loop;

                void Start(CancellationToken token, IEnumerable<int> items)
                {
                    _loop = Task.Factory.StartNew(() => { while (!token.IsCancellationRequested) Thread.Sleep(100); }, TaskCreationOptions.LongRunning);
                    Task.WaitAll(items.Select(x => Task.Factory.StartNew(() => Thread.Sleep(x))).ToArray());
                }

                Task Then(Task previous) => previous.ContinueWith(_ => System.Console.WriteLine());
            }
            """);
    }

    [Fact]
    public async Task ReturnedAsTaskOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<Task> Start()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100));
                    return outer;
                }

                Task<Task> Then(Task previous) => previous.ContinueWith(async _ => await Task.Delay(100));
            }
            """);
    }

    [Fact]
    public async Task SelectInnerTasksAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IEnumerable<int> items)
                {
                    var outers = items.Select(x => Task.Factory.StartNew(async () => await Task.Delay(x))).ToArray();
                    var inners = await Task.WhenAll(outers);
                    await Task.WhenAll(inners);
                    var others = items.Select(x => Task.Factory.StartNew(async () => await Task.Delay(x))).ToList();
                    await Task.WhenAll(others.Select(o => o.Unwrap()));
                }
            }
            """);
    }

    [Fact]
    public async Task FireAndForgetDiscard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    _ = Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task BrokenCode_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await {|CS0103:Missing|}());
                    return Task.WhenAll(outer, {|CS0103:nothing|});
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithReturningCompletedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task Log(Task previous) => previous.ContinueWith(t =>
                {
                    System.Console.WriteLine(t.Status);
                    return Task.CompletedTask;
                });

                async Task M(Task previous)
                {
                    await previous.ContinueWith(t => t.IsFaulted ? Task.FromResult(false) : Task.FromResult(true));
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithReturningWorkOnOneBranch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task Retry(Task previous, CancellationToken token) => [|previous.ContinueWith(t =>
                {
                    if (token.IsCancellationRequested)
                        return Task.CompletedTask;
                    return Task.Delay(100, token);
                }, token)|];
            }
            """);
    }

    [Fact]
    public async Task LongRunningUnwrappedInLocalFunction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Pump
            {
                Task StartAsync(CancellationToken token)
                {
                    return Run();

                    Task Run() => Task.Factory.StartNew(async () => await Task.Delay(1000, token), token,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
                }
            }
            """);
    }

    [Fact]
    public async Task OuterAndInnerBothAwaitedInExpressionBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                async Task<int> CountAsync() => await await Task.Factory.StartNew(async () => { await Task.Yield(); return 3; });
            }
            """);
    }

    [Fact]
    public async Task ValueTaskLambdaInTaskRun_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                async Task M()
                {
                    await Task.Run(async () => await new ValueTask(Task.Delay(10))).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task InnerTaskReturnedFromOuterCompletion_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                async Task<Task> StartAsync()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(10));
                    var inner = await outer;
                    return inner;
                }
            }
            """);
    }
}
