using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.TaskLocalNeverObservedAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class TaskLocalNeverObservedAnalyzerTests
{
    [Fact]
    public async Task LocalNeverRead_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    var {|#0:flush = s.FlushAsync()|};
                    await Task.Yield();
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC204").WithLocation(0).WithArguments("flush"));
    }

    // A parallelizer's scheduler: a pulse that running items complete, taken before the count is checked again.
    private const string SchedulerSignal = """
        using System.Threading;
        using System.Threading.Tasks;

        class Parallelizer
        {
            private readonly object _signalLock = new object();
            private TaskCompletionSource _signal = CreateSignal();
            private int _active;

            public void ItemDone()
            {
                Interlocked.Decrement(ref _active);
                lock (_signalLock)
                {
                    _signal.TrySetResult();
                }
            }

            public async Task WaitIdleAsync(CancellationToken token)
            {
                while (Volatile.Read(ref _active) > 0)
                {
                    var {|#0:waitTask = ResetAndGetSignalTask()|};
                    if (Volatile.Read(ref _active) == 0)
                    {
                        return;
                    }

                    await waitTask.WaitAsync(token).ConfigureAwait(false);
                }
            }

            private Task ResetAndGetSignalTask()
            {
                lock (_signalLock)
                {
                    if (_signal.Task.IsCompleted)
                    {
                        _signal = CreateSignal();
                    }

                    return _signal.Task;
                }
            }

            private static TaskCompletionSource CreateSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        """;

    [Fact]
    public async Task SignalTaskLeftOnEarlyReturn_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(SchedulerSignal.Replace("{|#0:", "").Replace("ResetAndGetSignalTask()|}", "ResetAndGetSignalTask()"));
    }

    [Fact]
    public async Task SignalThatCanFailLeftOnEarlyReturn_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(SchedulerSignal.Replace("_signal.TrySetResult();", "_signal.TrySetException(new System.InvalidOperationException(\"item failed\"));"),
            VerifyCS.Diagnostic("ASYNC204").WithLocation(0).WithArguments("waitTask"));
    }

    [Fact]
    public async Task NeverReadLocalOfWorkThatCannotFault_NoDiagnostic()
    {
        // A command run detached on purpose: the runner catches and reports everything itself, as a dropped call of it would be
        // silent under ASYNC201; a task read on one path only is still reported (AwaitedOnlyInOneBranch_Reports).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class CommandService
            {
                public event Action<Exception> Failed;

                public void Execute(string command, bool detached)
                {
                    if (detached)
                    {
                        var t2 = ExecuteInternalAsync(command);
                        return;
                    }

                    ExecuteInternalAsync(command).GetAwaiter().GetResult();
                }

                async Task ExecuteInternalAsync(string command)
                {
                    try { await System.IO.File.AppendAllTextAsync("commands.log", command); }
                    catch (Exception ex) { Failed?.Invoke(ex); }
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedOnlyInOneBranch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, bool wait)
                {
                    var [|t = s.FlushAsync()|];
                    if (wait)
                    {
                        await t;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task EarlyReturnBeforeAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Stream s, int n)
                {
                    var [|t = s.FlushAsync()|];
                    if (n < 0)
                    {
                        return -1;
                    }

                    await t;
                    return n;
                }
            }
            """);
    }

    [Fact]
    public async Task OverwrittenBeforeRead_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream a, Stream b)
                {
                    var [|t = a.FlushAsync()|];
                    t = b.FlushAsync();
                    await t;
                }
            }
            """);
    }

    [Fact]
    public async Task AssignmentNeverRead_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream s)
                {
                    Task t;
                    [|t = s.FlushAsync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task ValueTaskLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M(IAsyncDisposable d)
                {
                    ValueTask [|pending = d.DisposeAsync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task GenericTaskLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(StreamReader r)
                {
                    Task<string?> [|line = r.ReadLineAsync()|];
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task InsideLoop_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream[] streams)
                {
                    foreach (var s in streams)
                    {
                        var [|t = s.FlushAsync()|];
                    }

                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task InLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream s)
                {
                    Run();

                    void Run()
                    {
                        var [|t = s.FlushAsync()|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task InLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M(Stream s) => async () =>
                {
                    var [|t = s.FlushAsync()|];
                    await Task.Yield();
                };
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                var [|t = Task.Delay(10)|];
                await Task.Yield();
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task AwaitedOnlyInCatch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    var [|t = Task.Run(() => 1)|];
                    try
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                    }
                    catch
                    {
                        await t;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task PropertyAccessorBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Stream? _s;
                int Length
                {
                    get
                    {
                        var [|t = _s!.FlushAsync()|];
                        return 0;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CollectionNeverAwaited_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream[] streams)
                {
                    var tasks = new List<Task>();
                    foreach (var s in streams)
                    {
                        {|#0:tasks.Add(s.FlushAsync())|};
                    }

                    await Task.Yield();
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC204").WithLocation(0).WithArguments("tasks"));
    }

    [Fact]
    public async Task ArrayElementNeverAwaited_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream a)
                {
                    var pending = new Task[1];
                    [|pending[0] = a.FlushAsync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task Awaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    var t = s.FlushAsync();
                    await Task.Yield();
                    await t.ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task Returned_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Task M(Stream s)
                {
                    var t = s.FlushAsync();
                    return t;
                }
            }
            """);
    }

    [Fact]
    public async Task PassedToWhenAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream a, Stream b)
                {
                    var t1 = a.FlushAsync();
                    var t2 = b.FlushAsync();
                    await Task.WhenAll(t1, t2);
                }
            }
            """);
    }

    [Fact]
    public async Task StoredInField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Task? _pending;
                void M(Stream s)
                {
                    var t = s.FlushAsync();
                    _pending = t;
                }
            }
            """);
    }

    [Fact]
    public async Task AddedToCollection_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream[] streams)
                {
                    var tasks = new List<Task>();
                    foreach (var s in streams)
                    {
                        var t = s.FlushAsync();
                        tasks.Add(t);
                    }

                    await Task.WhenAll(tasks);
                }
            }
            """);
    }

    [Fact]
    public async Task CapturedByAwaitingLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M(Stream s)
                {
                    var t = s.FlushAsync();
                    return async () => await t;
                }
            }
            """);
    }

    [Fact]
    public async Task CapturedByLocalFunction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    var t = s.FlushAsync();
                    await Wait();

                    async Task Wait() => await t;
                }
            }
            """);
    }

    private static string GatewayLoop(string loopTop) => """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Lease : IDisposable { public void Dispose() { } }
        interface IShard { Task<int> ConnectAsync(string uri); Task<int> ReconnectAsync(); bool Stopping { get; } }

        class Orchestrator
        {
            private readonly IShard[] _shards = Array.Empty<IShard>();
            private readonly SemaphoreSlim _limiter = new(1);

            private async Task<Lease> AcquireAsync() { await _limiter.WaitAsync(); return new Lease(); }

            private async Task RunGatewayAsync(int shardNumber, string uri)
            {
                Task<int> {|#1:gatewayTask = _shards[shardNumber].ConnectAsync(uri)|};

                while (true)
                {
                    LOOP_TOP
                    int frame = await gatewayTask;

                    if (frame == 0)
                    {
                        Console.WriteLine("abandoning");
                        break;
                    }

                    using Lease lease = await AcquireAsync();
                    {|#0:gatewayTask = _shards[shardNumber].ReconnectAsync()|};
                }
            }
        }
        """.Replace("LOOP_TOP", loopTop);

    [Fact]
    public async Task ReassignedInEndlessLoopAwaitedAtItsTop_NoDiagnostic()
    {
        // while (true) leaves only through the break after the await: every task the loop stores is awaited at its top.
        await VerifyCS.VerifyAnalyzerAsync(GatewayLoop("").Replace("{|#0:", "").Replace("{|#1:", "").Replace("|}", ""));
    }

    [Fact]
    public async Task ReassignedInEndlessLoopLeftBeforeItsAwait_Reports()
    {
        // A break before the await leaves the reconnection's task behind.
        await VerifyCS.VerifyAnalyzerAsync(
            GatewayLoop("if (_shards[shardNumber].Stopping) break;"),
            VerifyCS.Diagnostic("ASYNC204").WithLocation(1).WithArguments("gatewayTask"),
            VerifyCS.Diagnostic("ASYNC204").WithLocation(0).WithArguments("gatewayTask"));
    }

    [Fact]
    public async Task AwaitedInFinally_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, bool early)
                {
                    var t = s.FlushAsync();
                    try
                    {
                        if (early)
                        {
                            return;
                        }
                    }
                    finally
                    {
                        await t;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ThrowBeforeAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, string? name)
                {
                    var t = s.FlushAsync();
                    if (name is null)
                    {
                        throw new ArgumentNullException(nameof(name));
                    }

                    await t;
                }
            }
            """);
    }

    [Fact]
    public async Task CompletedTaskLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    var a = Task.FromResult(1);
                    Task b = Task.CompletedTask;
                    ValueTask c = default;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedInBothBranches_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, bool quick)
                {
                    var t = s.FlushAsync();
                    if (quick)
                    {
                        await t.WaitAsync(System.TimeSpan.FromSeconds(1));
                    }
                    else
                    {
                        await t;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitUsingAndAwaitForeach_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, IAsyncEnumerable<int> items)
                {
                    var flush = s.FlushAsync();
                    await using (s)
                    {
                        await foreach (var i in items)
                        {
                        }
                    }

                    await flush;
                }
            }
            """);
    }

    [Fact]
    public async Task ReassignedAfterAwaitInLoop_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, int n)
                {
                    var t = s.FlushAsync();
                    for (var i = 0; i < n; i++)
                    {
                        await t;
                        t = s.FlushAsync();
                    }

                    await t;
                }
            }
            """);
    }

    [Fact]
    public async Task LinqSelectAsyncAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream[] streams)
                {
                    var all = Task.WhenAll(streams.Select(async s => await s.FlushAsync()));
                    await all;
                }
            }
            """);
    }

    [Fact]
    public async Task CheckedForCompletion_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream s)
                {
                    var t = s.FlushAsync();
                    Console.WriteLine(t.IsCompleted);
                }
            }
            """);
    }

    [Fact]
    public async Task CustomAwaitableLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream s)
                {
                    ConfiguredTaskAwaitable flush = s.FlushAsync().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task ExpressionBodiedMember_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Task M(Stream s) => s.FlushAsync();
                Task P => Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task OutArgumentThenAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                static bool TryStart(out Task t) { t = Task.Delay(1); return true; }
                async Task M()
                {
                    var t = Task.Delay(2);
                    await t;
                    if (TryStart(out t))
                    {
                        await t;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CollectionOfStartedTasksAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream[] streams)
                {
                    var tasks = new List<Task>();
                    foreach (var s in streams)
                    {
                        tasks.Add(s.FlushAsync());
                    }

                    await Task.WhenAll(tasks);
                }
            }
            """);
    }

    [Fact]
    public async Task CollectionReturned_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                List<Task> M(Stream a, Stream b)
                {
                    var tasks = new List<Task> { a.FlushAsync() };
                    tasks.Add(b.FlushAsync());
                    return tasks;
                }
            }
            """);
    }

    [Fact]
    public async Task ArrayElementsAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream a, Stream b)
                {
                    var pending = new Task[2];
                    pending[0] = a.FlushAsync();
                    pending[1] = b.FlushAsync();
                    await Task.WhenAll(pending);
                }
            }
            """);
    }

    [Fact]
    public async Task HalfTypedBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    var t = {|CS0103:Missing|}();
                    await t;
                }
            }
            """);
    }

    [Fact]
    public async Task DelayAbandonedOnBreak_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task Run(Func<CancellationToken, Task<bool>> poll, TimeSpan period, CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested)
                    {
                        var cadence = Task.Delay(period, ct);
                        if (!await poll(ct))
                        {
                            break;
                        }

                        await cadence;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task WorkAbandonedOnBreakBesideDelay_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task Run(Stream s, Func<CancellationToken, Task<bool>> poll, CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested)
                    {
                        var {|#0:flush = s.FlushAsync(ct)|};
                        if (!await poll(ct))
                        {
                            break;
                        }

                        await Task.WhenAll(flush, Task.Delay(100, ct));
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC204").WithLocation(0).WithArguments("flush"));
    }

    [Fact]
    public async Task ReadOnlyThroughConditionalAccess_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class Sink { public void Consume(Task t) { } }
            class C
            {
                async Task M(Stream s, Sink? sink)
                {
                    var [|t = s.FlushAsync()|];
                    sink?.Consume(t);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task ReadOnlyInOneArmOfConditional_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, bool flag)
                {
                    var [|t = s.FlushAsync()|];
                    await (flag ? t : Task.CompletedTask);
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedAfterLoopsAndCalls_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Stream s, int[] items)
                {
                    var t = s.FlushAsync();
                    var total = 0;
                    foreach (var item in items)
                    {
                        total += item;
                    }

                    Console.WriteLine(total);
                    await t.ConfigureAwait(false);
                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task NeverReadBesideConditionallyAwaited_ReportsEachOnce()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, bool flag)
                {
                    var [|t = s.FlushAsync()|];
                    var [|u = s.FlushAsync()|];
                    if (flag)
                    {
                        await u;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SeveralTaskLocalsInOneBody_EachReportedOnce()
    {
        // Each task local is judged by its own declarator: one needs the graph, one is settled by the scan, one is observed,
        // and one lives in a lambda of the same body.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s, bool wait)
                {
                    var {|#0:lost = s.FlushAsync()|};
                    var {|#1:never = s.FlushAsync()|};
                    var kept = s.FlushAsync();
                    Func<Task> run = async () =>
                    {
                        var {|#2:inner = s.FlushAsync()|};
                        await Task.Yield();
                    };
                    if (wait)
                    {
                        await lost;
                    }

                    await kept;
                    await run();
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC204").WithLocation(0).WithArguments("lost"),
            VerifyCS.Diagnostic("ASYNC204").WithLocation(1).WithArguments("never"),
            VerifyCS.Diagnostic("ASYNC204").WithLocation(2).WithArguments("inner"));
    }

    [Fact]
    public async Task TaskLocalInInitializerLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                static Task Work() => System.IO.File.WriteAllTextAsync("run.log", "run");
                Func<Task> _run = async () =>
                {
                    var [|t = Work()|];
                    await Task.Yield();
                };
                Func<bool, Task> Run { get; } = async wait =>
                {
                    // Awaited on one branch only: decided on the graph of the initializer.
                    var [|t = Work()|];
                    if (wait)
                    {
                        await t;
                    }
                };
            }
            """);
    }

    [Fact]
    public async Task TaskLocalAwaitedInInitializerLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                static Task Work() => Task.CompletedTask;
                Func<bool, Task> _run = async wait =>
                {
                    var t = Work();
                    if (wait)
                    {
                        await Task.Yield();
                    }

                    await t;
                };
            }
            """);
    }
}
