using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.UnawaitedTaskAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class UnawaitedTaskAnalyzerTests
{
    [Fact]
    public async Task SyncMethodDropsTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            class C
            {
                void M(Stream s) => {|#0:s.FlushAsync()|};
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Stream.FlushAsync", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task SyncMethodDropsValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M(IAsyncDisposable d)
                {
                    [|d.DisposeAsync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task SyncMethodDropsGenericTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            class C
            {
                void M(StreamReader r)
                {
                    [|r.ReadLineAsync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task TaskRunDropped_ReportsLostExceptions()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    {|#0:Task.Run(() => Work())|};
                }

                void Work() => System.IO.File.AppendAllText("work.log", "x");
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Task.Run", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception").WithMessage(
                "The awaitable returned by 'Task.Run' is dropped: the code moves on before it completes and its exceptions are lost; await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task ConditionalAccessInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Client { public Task SendAsync(string m) => System.IO.File.AppendAllTextAsync("log.txt", m); }
            class C
            {
                async Task M(Client? x, string m)
                {
                    [|x?.SendAsync(m)|];
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Client { public Task SendAsync(string m) => System.IO.File.AppendAllTextAsync("log.txt", m); }
            class C
            {
                void M(Client? x) { [|x?.SendAsync("m")|]; }
            }
            """);
    }

    [Fact]
    public async Task NestedConditionalAccessValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Client { public async ValueTask<int> ReadAsync() => (await System.IO.File.ReadAllBytesAsync("data.bin")).Length; }
            class Holder { public Client? Client; }
            class C
            {
                void M(Holder? h) { [|h?.Client?.ReadAsync()|]; }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitChainInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            class C
            {
                void M(Stream s) { [|s.FlushAsync().ConfigureAwait(false)|]; }
            }
            """);
    }

    [Fact]
    public async Task SyncLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream s)
                {
                    Flush();
                    await Task.Yield();

                    void Flush() { [|s.FlushAsync()|]; }
                }
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaBlockBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            class C
            {
                Action M(Stream s) => () => { [|s.FlushAsync()|]; };
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaExpressionBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            class C
            {
                Action M(Stream s) => () => [|s.FlushAsync()|];
            }
            """);
    }

    [Fact]
    public async Task AnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            class C
            {
                Action M(Stream s) => delegate { [|s.FlushAsync()|]; };
            }
            """);
    }

    [Fact]
    public async Task PropertySetter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            class C
            {
                Stream? _s;
                public Stream? S
                {
                    get => _s;
                    set { _s = value; [|value?.FlushAsync()|]; }
                }
            }
            """);
    }

    [Fact]
    public async Task LockBodyInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
            """);
    }

    [Fact]
    public async Task NewTaskInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    [|new Task<int>(() => 1)|];
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task CustomAwaitableInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.CompilerServices;
            class Op { public Awaiter GetAwaiter() => new(); }
            class Awaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public void GetResult() { }
                public void OnCompleted(Action continuation) => continuation();
            }
            class Service { public Op StartAsync() => new(); }
            class C
            {
                void M(Service s) { [|s.StartAsync()|]; }
            }
            """);
    }

    [Fact]
    public async Task DelegateInvocationInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M(Func<Task> work) { [|work()|]; }
            }
            """);
    }

    [Fact]
    public async Task ConstructorDropsTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            class C
            {
                C(Stream s) { [|s.FlushAsync()|]; }
            }
            """);
    }

    [Fact]
    public async Task GenericAwaitableTypeParameter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M<T>(Func<T> start) where T : Task { [|start()|]; }
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
                    await s.FlushAsync();
                    await s.FlushAsync().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task CompilerReportsInAsyncMethod_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                class C
                {
                    async Task M(Stream s)
                    {
                        {|CS4014:s.FlushAsync()|};
                        {|CS4014:s.FlushAsync().ConfigureAwait(false)|};
                        await Task.Yield();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CompilerReportsAsyncCalleeInSyncMethod_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task SaveAsync() => await Task.Yield();
                    void M() { {|CS4014:SaveAsync()|}; }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CompilerReportsInAsyncLambda_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.IO;
                using System.Threading.Tasks;
                class C
                {
                    Func<Task> M(Stream s) => async () =>
                    {
                        {|CS4014:s.FlushAsync()|};
                        await Task.Yield();
                    };
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CompilerReportsInTopLevelStatements_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                {|CS4014:Task.Delay(1)|};
                """,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ExplicitDiscard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream s)
                {
                    _ = s.FlushAsync();
                    _ = Task.Run(() => { });
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Task M(Stream s) { return s.FlushAsync(); }
                Task N(Stream s) => s.FlushAsync();
            }
            """);
    }

    [Fact]
    public async Task TaskStoredInField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                Task? _pending;
                void M(Stream s) { _pending = s.FlushAsync(); }
            }
            """);
    }

    [Fact]
    public async Task TaskPassedOn_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void Track(Task t) { }
                void M(Stream s) { Track(s.FlushAsync()); }
            }
            """);
    }

    [Fact]
    public async Task FluentAwaitableBuilder_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            class Request
            {
                public Request WithHeader(string name) => this;
                public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
            }
            static class RequestExtensions
            {
                public static Request WithTimeout(this Request r, int ms) => r;
            }
            class C
            {
                void M(Request r)
                {
                    r.WithHeader("a");
                    r.WithTimeout(5);
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWith_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M(Task t)
                {
                    t.ContinueWith(x => Console.WriteLine(x.Exception), TaskContinuationOptions.OnlyOnFaulted);
                }
            }
            """);
    }

    [Fact]
    public async Task ExcludedMethodOption_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                namespace App
                {
                    static class Background
                    {
                        public static Task Start(Task t) => t;
                    }

                    class C
                    {
                        void M(Task t) { Background.Start(t); }
                    }
                }
                """,
            EditorConfig = "async_analyzers.ASYNC201.excluded_methods = M:App.Background.Start",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task VoidAndNonAwaitableCalls_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Text;
            class C
            {
                void M(List<int> list, StringBuilder sb)
                {
                    list.Add(1);
                    sb.Append("x");
                    new object();
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncEnumerableNotAwaitable_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async IAsyncEnumerable<int> Items() { await Task.Yield(); yield return 1; }
                void M() { Items(); }
            }
            """);
    }

    [Fact]
    public async Task WhenAllCollection_NoDiagnostic()
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
                    await Task.WhenAll(streams.Select(async s => await s.FlushAsync()));
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
                    await using (s.ConfigureAwait(false))
                    {
                        await foreach (var i in items)
                        {
                            await s.FlushAsync();
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TaskReturningLambdas_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                void M(Stream s)
                {
                    Func<Task> f = () => s.FlushAsync();
                    Func<Task> g = delegate { return s.FlushAsync(); };
                    _ = Task.Run(() => s.FlushAsync());
                    Local();

                    void Local() => _ = s.FlushAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Stream? s)
                {
                    await (s?.FlushAsync() ?? Task.CompletedTask);
                }
            }
            """);
    }

    [Fact]
    public async Task DynamicCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class C
            {
                void M(dynamic d) { d.FlushAsync(); }
            }
            """);
    }

    [Fact]
    public async Task GetAwaiterOnlyThroughExtension_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            static class TimeSpanAwaiter
            {
                public static TaskAwaiter GetAwaiter(this TimeSpan span) => Task.Delay(span).GetAwaiter();
            }
            class C
            {
                TimeSpan Interval() => TimeSpan.Zero;
                void M() { Interval(); }
            }
            """);
    }

    [Fact]
    public async Task HalfTypedCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            class C
            {
                void M(Stream s) { s.FlushAsync({|CS1026:;|} }
            }
            """);
    }

    [Fact]
    public async Task TopLevelAwaitedAndDiscarded_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                await Task.Delay(1);
                _ = Task.Delay(2);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ConcurrentDictionaryGetOrAddOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading.Tasks;
            class C
            {
                private readonly ConcurrentDictionary<string, Task<string>> _inFlight = new();

                void Prefetch(string key, Func<string, Task<string>> fetch) => _inFlight.GetOrAdd(key, fetch);

                void Refresh(string key, Func<string, Task<string>> fetch)
                {
                    _inFlight.AddOrUpdate(key, fetch, (k, _) => fetch(k));
                }
            }
            """);
    }

    [Fact]
    public async Task GetOrAddOnOtherType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Loader
            {
                public Task GetOrAdd(string key) => System.IO.File.ReadAllTextAsync(key);
            }

            class C
            {
                void Prefetch(Loader loader, string key)
                {
                    {|#0:loader.GetOrAdd(key)|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Loader.GetOrAdd", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    // Callee summaries (real code: a message bus's timers, observers and background loops).
    [Fact]
    public async Task CalleeReturnsCompletedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class CircuitBreaker
            {
                int _failures;

                public Task ClosePartially()
                {
                    _failures = 0;
                    return Task.CompletedTask;
                }
            }

            class C
            {
                void OnSuccess(CircuitBreaker breaker) => breaker.ClosePartially();
            }
            """);
    }

    private const string ReusableTaskLibrary = """
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        public readonly struct ReusableTask
        {
            public static ReusableTask CompletedTask => default;
            public static ReusableTask<T> FromResult<T>(T value) => default;
            public Awaiter GetAwaiter() => default;

            public readonly struct Awaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public void GetResult() { }
                public void OnCompleted(Action continuation) => continuation();
            }
        }

        public readonly struct ReusableTask<T>
        {
            public ReusableTask<T>.Awaiter GetAwaiter() => default;

            public readonly struct Awaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public T GetResult() => default!;
                public void OnCompleted(Action continuation) => continuation();
            }
        }
        """;

    [Fact]
    public async Task CalleeReturnsCustomAwaitableCompletedTaskForConstantArgument_NoDiagnostic()
    {
        // A torrent engine's own task type: Tick(delta, false) takes the arm that returns ReusableTask.CompletedTask.
        await VerifyCS.VerifyAnalyzerAsync(ReusableTaskLibrary + """

            class DiskManager
            {
                internal void Tick(int delta)
                {
                    if (delta > 800)
                        Tick(delta, false);
                }

                ReusableTask Tick(int delta, bool waitForBufferedIO)
                {
                    var processTask = ProcessBufferedIO();
                    return waitForBufferedIO ? processTask : ReusableTask.CompletedTask;
                }

                ReusableTask ProcessBufferedIO() => ReusableTask.CompletedTask;
            }
            """.Replace("ReusableTask ProcessBufferedIO() => ReusableTask.CompletedTask;", "ReusableTask ProcessBufferedIO() => Unknown();\n\n    static ReusableTask Unknown() => throw new NotImplementedException();"));
    }

    [Fact]
    public async Task CalleeReturnsCustomAwaitableWorkForConstantArgument_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(ReusableTaskLibrary + """

            class DiskManager
            {
                internal void Tick(int delta)
                {
                    if (delta > 800)
                        {|#0:Tick(delta, true)|};
                }

                ReusableTask Tick(int delta, bool waitForBufferedIO)
                {
                    var processTask = ProcessBufferedIO();
                    return waitForBufferedIO ? processTask : ReusableTask.CompletedTask;
                }

                ReusableTask ProcessBufferedIO() => Pending();

                static ReusableTask Pending() => throw new NotImplementedException();
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("DiskManager.Tick", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task TaskRunOfCoveredWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Scheduler
            {
                public void Start() => Task.Run(() => RunLoopAsync());

                async Task RunLoopAsync()
                {
                    try
                    {
                        while (true)
                        {
                            await System.IO.File.AppendAllTextAsync("tick.log", "tick");
                        }
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TaskRunOfUncoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Scheduler
            {
                public void Start() => {|#0:Task.Run(() => RunLoopAsync())|};

                async Task RunLoopAsync()
                {
                    while (true)
                    {
                        await System.IO.File.AppendAllTextAsync("tick.log", "tick");
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Task.Run", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    /// <summary>
    /// A gauge that tells its <c>ZeroActive</c> handlers, one by one, when the last activity ends; <paramref name="subscriber"/> is the
    /// code elsewhere in the compilation that subscribes (or nothing).
    /// </summary>
    private static string Gauge(string subscriber) => """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public delegate Task ZeroActiveHandler();

        public class Gauge
        {
            long _active;

            public event ZeroActiveHandler ZeroActive;

            public void Remove()
            {
                if (Interlocked.Decrement(ref _active) != 0)
                    return;

                var zeroActivity = ZeroActive;
                if (zeroActivity == null)
                    return;

                {|#0:Task.Run(() => NotifyZeroActivity(zeroActivity))|};
            }

            static Task NotifyZeroActivity(ZeroActiveHandler zeroActivity)
            {
                Delegate[] invocationList = zeroActivity.GetInvocationList();

                async Task InvokeAsync()
                {
                    for (var i = 0; i < invocationList.Length; i++)
                    {
                        if (invocationList[i] is ZeroActiveHandler handler)
                            await handler().ConfigureAwait(false);
                    }
                }

                return invocationList.Length switch
                {
                    0 => Task.CompletedTask,
                    1 when invocationList[0] is ZeroActiveHandler handler => handler(),
                    _ => InvokeAsync()
                };
            }

            public void RaiseEach()
            {
                foreach (ZeroActiveHandler handler in ZeroActive.GetInvocationList())
                {
                    {|#1:handler()|};
                }
            }
        }

        class Metrics
        {
            public Metrics(Gauge gauge)
            {
                SUBSCRIBER
            }
        }
        """.Replace("SUBSCRIBER", subscriber);

    [Fact]
    public async Task TaskRunInvokingEachHandlerOfParameter_NoDiagnostic()
    {
        // The handlers come from the invocation list of the delegate the caller hands in, and the only handler anyone subscribes
        // writes nothing that can fail; RaiseEach runs the event's own handlers the same way.
        await VerifyCS.VerifyAnalyzerAsync(Gauge("gauge.ZeroActive += () => Task.CompletedTask;"));
    }

    [Fact]
    public async Task TaskRunInvokingEachHandlerOfUnsubscribedEvent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Gauge(string.Empty));
    }

    [Fact]
    public async Task InvokingEachHandlerOfEventSubscribedWithFileWrite_Reports()
    {
        // RaiseEach drops the tasks of the event's handlers, one of which appends to a file outside any catch. (Remove hands the
        // event to a parameter: the caller's delegate, which the analysis does not follow into a local it passes on.)
        await VerifyCS.VerifyAnalyzerAsync(
            Gauge("""gauge.ZeroActive += async () => await File.AppendAllTextAsync("idle.log", "idle");"""),
            VerifyCS.Diagnostic("ASYNC201").WithLocation(1).WithArguments("the delegate invocation", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    // An install queue raising its event with ?.Invoke() (real code: a game launcher's download queue, whose view model refreshes
    // on the UI thread and returns a completed task): the subscribers decide, as for a plain invocation.
    private static string InstallQueue(string subscriber) => """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        public class InstallQueue
        {
            public delegate Task QueueChangedHandler();
            public event QueueChangedHandler? QueueChanged;

            private readonly List<string> _items = new();

            public void Add(string game)
            {
                _items.Add(game);
                {|#0:QueueChanged?.Invoke()|};
            }
        }

        public class DownloadQueueView
        {
            private readonly List<string> _pending = new();

            public DownloadQueueView(InstallQueue queue)
            {
                queue.QueueChanged += OnQueueChanged;
            }

            private Task OnQueueChanged()
            {
                SUBSCRIBER
            }
        }
        """.Replace("SUBSCRIBER", subscriber);

    [Fact]
    public async Task ConditionalRaiseOfEventWhoseSubscribersReturnCompletedTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InstallQueue("""
            _pending.Add("refresh");
                    return Task.CompletedTask;
            """));
    }

    [Fact]
    public async Task ConditionalRaiseOfEventWhoseSubscriberWritesAFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            InstallQueue("""return File.AppendAllTextAsync("queue.log", "changed");"""),
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("the delegate invocation", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    /// <summary>
    /// A cache whose entry is evicted when its value task failed; an entry's <c>Evict</c> disposes the value only when the task ran
    /// to completion. <paramref name="check"/> is how the cache tests the entry before evicting it.
    /// </summary>
    private static string CacheEviction(string check) => """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public interface ICacheValue
        {
            bool IsFaultedOrCanceled { get; }
            bool IsStale { get; }
            Task Evict();
        }

        public class CacheValue : ICacheValue
        {
            readonly TaskCompletionSource<object> _value = new();
            readonly Action _remove;

            public CacheValue(Action remove) => _remove = remove;

            public bool HasValue => _value.Task.Status == TaskStatus.RanToCompletion;
            public bool IsFaultedOrCanceled => _value.Task.IsFaulted || _value.Task.IsCanceled;
            public bool IsStale => !HasValue;

            public Task Evict()
            {
                _remove();
                if (HasValue)
                {
                    if (_value.Task.Result is IAsyncDisposable disposable)
                    {
                        return DisposeAsync(disposable);
                    }
                }

                return Task.CompletedTask;
            }

            static async Task DisposeAsync(IAsyncDisposable disposable) => await disposable.DisposeAsync();
        }

        public class Cache<TKey, TCacheValue> where TCacheValue : class, ICacheValue
        {
            readonly Dictionary<TKey, TCacheValue> _values = new();

            public bool TryGetValue(TKey key, out TCacheValue value)
            {
                if (_values.TryGetValue(key, out value))
                {
                    if (!value.CHECK)
                    {
                        return true;
                    }

                    {|#0:value.Evict()|};
                    value = default;
                }

                return false;
            }
        }
        """.Replace("CHECK", check);

    [Fact]
    public async Task CalleeBranchRuledOutByCallersStatusCheck_NoDiagnostic()
    {
        // The cache evicts only entries whose task faulted or was canceled, and Evict disposes only a value that ran to completion.
        await VerifyCS.VerifyAnalyzerAsync(CacheEviction("IsFaultedOrCanceled"));
    }

    [Fact]
    public async Task CalleeBranchNotRuledOutByCallersCheck_Reports()
    {
        // A stale entry is one whose value did not run to completion, but nothing ties IsStale to the task here: Evict may dispose.
        await VerifyCS.VerifyAnalyzerAsync(
            CacheEviction("IsStale"),
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("ICacheValue.Evict", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task CalleeCatchesEverything_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Notifier
            {
                public async Task NotifySubscribersAsync(string message)
                {
                    try { await System.IO.File.AppendAllTextAsync("subscribers.log", message); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); }
                }
            }

            class C
            {
                void OnChanged(Notifier notifier) => notifier.NotifySubscribersAsync("changed");
            }
            """);
    }

    private const string UserListLoad = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class UserService
        {
            private readonly List<string> _users = new();

            public UserService() => InitializeUsers();

            private void InitializeUsers()
            {
                // Load in the background so that the window shows at once.
                {|#0:LoadUsersAsync().ConfigureAwait(false)|};
            }

            private async Task LoadUsersAsync()
            {
                try
                {
                    var lines = await System.IO.File.ReadAllLinesAsync("users.txt");
                    _users.AddRange(lines);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"Failed to load users: {ex.Message}");
                }
            }
        }
        """;

    [Fact]
    public async Task ConfiguredCallOfCalleeCatchingEverything_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(UserListLoad.Replace("{|#0:", "").Replace("(false)|}", "(false)"));
    }

    [Fact]
    public async Task ConfiguredCallOfCalleeThatCanFault_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(UserListLoad.Replace("catch (Exception ex)", "catch (System.IO.IOException ex)"),
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Task.ConfigureAwait", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    private const string SelfExecute = """
        using System;
        using System.Threading.Tasks;

        static class Log { public static void Error(Exception ex, string message) { } }

        interface IServices { T Get<T>() where T : new(); }

        class ModerationService
        {
            public Task RescindExpiredAsync() => System.IO.File.AppendAllTextAsync("rescinds.log", "rescinded");
        }

        abstract class BehaviorBase
        {
            protected IServices Services = null!;

            protected async Task SelfExecuteRequest(Func<IServices, Task> action)
            {
                if (action == null)
                    throw new ArgumentNullException(nameof(action));
                try
                {
                    await action(Services);
                }
                catch (Exception ex)
                {
                    CATCH
                }
            }

            protected Task SelfExecuteRequest<TService>(Func<TService, Task> action) where TService : new()
            {
                if (action == null)
                    throw new ArgumentNullException(nameof(action));
                return SelfExecuteRequest(services => action(services.Get<TService>()));
            }
        }

        class AutoRescindBehavior : BehaviorBase
        {
            void OnTimerElapsed()
            {
                {|#0:SelfExecuteRequest<ModerationService>(async moderation => await moderation.RescindExpiredAsync())|};
            }
        }
        """;

    [Fact]
    public async Task DroppedWrapperOverloadForwardingToCoveredCore_NoDiagnostic()
    {
        // A bot's behaviors run their work through a generic overload that resolves the service and forwards to the core
        // overload, which logs every failure of the work in a catch-all (and rethrows it): nothing of the dropped task is unseen.
        await VerifyCS.VerifyAnalyzerAsync(SelfExecute.Replace("CATCH", "Log.Error(ex, \"request failed\");\n                    throw;").Replace("{|#0:", "").Replace(")|};", ");"));
    }

    [Fact]
    public async Task DroppedWrapperOverloadForwardingToUncoveredCore_Reports()
    {
        // The core overload prints a line without the exception and rethrows: the failure faults the dropped task unseen.
        await VerifyCS.VerifyAnalyzerAsync(
            SelfExecute.Replace("CATCH", "Console.Error.WriteLine(\"request failed\");\n                    throw;"),
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("BehaviorBase.SelfExecuteRequest", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task DroppedInsideLock_AdvisesObserving()
    {
        // Inside a lock, await is not allowed: the message says what can be done there (real code: a broadcast to
        // subscribers from a void interface method, under the lock that guards the subscriber list).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            class Broadcaster
            {
                readonly object _gate = new();
                readonly List<Stream> _subscribers = new();

                public void Publish(byte[] message)
                {
                    lock (_gate)
                    {
                        foreach (var subscriber in _subscribers)
                        {
                            {|#0:subscriber.WriteAsync(message, 0, message.Length)|};
                        }
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Stream.WriteAsync", "await is not allowed here, so discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task ObservingExtensionHelper_NoDiagnostic()
    {
        // The project's fire-and-forget helper logs the fault through a continuation and returns the task.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            static class TaskExtensions
            {
                public static Task LogExceptions(this Task task)
                {
                    task.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                    return task;
                }
            }

            class Scheduler
            {
                void OnElapsed() => Task.Factory.StartNew(() => Execute()).LogExceptions();

                void Execute() => System.IO.File.AppendAllText("jobs.log", "run");
            }
            """);
    }

    [Fact]
    public async Task HelperThatDoesNotObserve_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class TaskExtensions
            {
                public static Task WithName(this Task task, string name) => task;
            }

            class Scheduler
            {
                void OnElapsed() => {|#0:Task.Run(() => Execute()).WithName("job")|};

                void Execute() => System.IO.File.AppendAllText("jobs.log", "run");
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("TaskExtensions.WithName", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task ForEachObserverWhoseImplementationsCannotFault_NoDiagnostic()
    {
        // An indicator telling its observers that a condition changed: the helper awaits (or returns) the callback's task, and
        // the only observer in the compilation returns a completed task.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            interface IConditionObserver
            {
                Task ConditionUpdated();
            }

            class Connectable<T>
            {
                private T[] _connected = Array.Empty<T>();

                public void Connect(T item) => _connected = new[] { item };

                public async Task ForEachAsync(Func<T, Task> callback)
                {
                    foreach (var item in _connected)
                    {
                        await callback(item);
                    }
                }

                public Task ForFirstAsync(Func<T, Task> callback)
                {
                    var connected = _connected;
                    if (connected.Length == 0)
                        return Task.CompletedTask;
                    var first = connected[0];
                    return callback(first);
                }
            }

            abstract class ActivityIndicator : Connectable<IConditionObserver>
            {
                protected Task ConditionUpdated() => ForEachAsync(x => x.ConditionUpdated());

                protected Task FirstConditionUpdated() => ForFirstAsync(x => x.ConditionUpdated());
            }

            class ConsumeIndicator : ActivityIndicator
            {
                private int _count;

                public void Consumed()
                {
                    _count++;
                    ConditionUpdated();
                    FirstConditionUpdated();
                }
            }

            class ConditionExpression : IConditionObserver
            {
                public bool Met { get; private set; }

                public Task ConditionUpdated()
                {
                    Met = true;
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task ForEachObserverWithFaultingImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            interface IConditionObserver
            {
                Task ConditionUpdated();
            }

            class Connectable<T>
            {
                private T[] _connected = Array.Empty<T>();

                public void Connect(T item) => _connected = new[] { item };

                public async Task ForEachAsync(Func<T, Task> callback)
                {
                    foreach (var item in _connected)
                    {
                        await callback(item);
                    }
                }

                public Task ForFirstAsync(Func<T, Task> callback)
                {
                    var connected = _connected;
                    if (connected.Length == 0)
                        return Task.CompletedTask;
                    var first = connected[0];
                    return callback(first);
                }
            }

            abstract class ActivityIndicator : Connectable<IConditionObserver>
            {
                protected Task ConditionUpdated() => ForEachAsync(x => x.ConditionUpdated());

                protected Task FirstConditionUpdated() => ForFirstAsync(x => x.ConditionUpdated());
            }

            class ConsumeIndicator : ActivityIndicator
            {
                private int _count;

                public void Consumed()
                {
                    _count++;
                    [|ConditionUpdated()|];
                    [|FirstConditionUpdated()|];
                }
            }

            class ConditionExpression : IConditionObserver
            {
                public Task ConditionUpdated() => System.IO.File.WriteAllTextAsync("met.txt", "1");
            }
            """);
    }

    [Fact]
    public async Task CalleeReturningUnresolvedCall_NoDiagnostic()
    {
        // A base type from a missing reference: what the returned task is cannot be known, so nothing is reported.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Indicator : {|CS0246:Connectable<IObserver>|}
            {
                protected Task ConditionUpdated() => {|CS0103:ForEachAsync|}(x => x.ConditionUpdated());

                public void Consumed()
                {
                    ConditionUpdated();
                }
            }

            interface IObserver
            {
                Task ConditionUpdated();
            }
            """);
    }

    [Fact]
    public async Task CalleeReturningResolvedUnsafeCall_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Indicator
            {
                protected Task ConditionUpdated() => System.IO.File.WriteAllTextAsync("met.txt", "1");

                public void Consumed()
                {
                    [|ConditionUpdated()|];
                }
            }
            """);
    }

    [Fact]
    public async Task TaskRunThatOnlyCompletesASource_NoDiagnostic()
    {
        // The AsyncManualResetEvent recipe: completing the source on the thread pool, then waiting for it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class AsyncManualResetEvent
            {
                volatile TaskCompletionSource<bool> _source = new();

                public void Set()
                {
                    var source = _source;
                    Task.Factory.StartNew(() => source.TrySetResult(true), CancellationToken.None, TaskCreationOptions.PreferFairness, TaskScheduler.Default);
                    source.Task.Wait();
                }
            }
            """);
    }

    [Fact]
    public async Task LongRunningLoopCoveredExceptSleepAndLogging_NoDiagnostic()
    {
        // A background updater started from a constructor: each round is caught and logged, then the thread sleeps.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            class BuildCountUpdater
            {
                const int UpdateInterval = 60_000;
                readonly CancellationTokenSource _cancellation = new();
                readonly ILogger _logger;

                public BuildCountUpdater(ILogger logger)
                {
                    _logger = logger;
                    Task.Factory.StartNew(RunUpdateLoop, TaskCreationOptions.LongRunning);
                }

                void RunUpdateLoop()
                {
                    while (!_cancellation.IsCancellationRequested)
                    {
                        try
                        {
                            System.IO.File.WriteAllText("counts.txt", DateTime.UtcNow.ToString());
                        }
                        catch (Exception ex)
                        {
                            _logger.LogError(ex, "Failed to update build user counts");
                        }

                        _logger.LogDebug("Next update in {Interval} ms", UpdateInterval);
                        Thread.Sleep(UpdateInterval);
                    }
                }
            }

            namespace Microsoft.Extensions.Logging
            {
                public interface ILogger { }

                public static class LoggerExtensions
                {
                    public static void LogError(this ILogger logger, Exception exception, string message) { }
                    public static void LogDebug(this ILogger logger, string message, params object[] args) { }
                }
            }
            """);
    }

    [Fact]
    public async Task LongRunningLoopWithUncoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class ExpiryLoop
            {
                readonly CancellationTokenSource _cancellation = new();

                public ExpiryLoop() => {|#0:Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning)|};

                void Run()
                {
                    while (!_cancellation.IsCancellationRequested)
                    {
                        System.IO.File.Delete("expired.tmp");
                        Thread.Sleep(1000);
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("TaskFactory.StartNew", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task CalleeOnlyUpdatesState_NoDiagnostic()
    {
        // The dropped task re-sorts an in-memory list and sets a property: nothing in it fails in practice.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class SortOptions
            {
                List<string> _names = new();
                public bool Descending { get; private set; }

                public void OnDirectionChanged(bool descending)
                {
                    Descending = descending;
                    ReorderAsync();
                }

                Task ReorderAsync() => Task.Run(() =>
                {
                    _names = Descending ? _names.OrderByDescending(n => n).ToList() : _names.OrderBy(n => n).ToList();
                });
            }
            """);
    }

    [Fact]
    public async Task CalleeCallsTheNetwork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            class Telemetry
            {
                readonly UdpClient _udp = new();

                public void OnShutdown(string payload) => {|#0:FlushAsync(payload)|};

                Task FlushAsync(string payload) =>
                    Task.Run(() => _udp.Send(System.Text.Encoding.UTF8.GetBytes(payload), "telemetry.example", 8125));
            }
            """,
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Telemetry.FlushAsync", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task DisposalAwaitsReadonlyFieldOfCoveredWorkers_NoDiagnostic()
    {
        // The readonly field holds the workers the constructor started; each catches everything it does.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;

            class Pump : IAsyncDisposable
            {
                readonly Task _workers;

                public Pump(int count)
                {
                    _workers = count == 1
                        ? Task.Run(() => DrainAsync())
                        : Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => DrainAsync())));
                }

                public async ValueTask DisposeAsync() => await _workers.ConfigureAwait(false);

                async Task DrainAsync()
                {
                    try
                    {
                        await System.IO.File.AppendAllTextAsync("pump.log", "drain");
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }

            class Host
            {
                readonly Pump _pump = new(2);

                public void Stop()
                {
                    async Task DisposePump() => await _pump.DisposeAsync();

                    Task.Run(DisposePump);
                }
            }
            """);
    }

    [Fact]
    public async Task DisposalAwaitsReadonlyFieldOfFailingWorker_Reports()
    {
        // The same shape, with a worker whose file write nobody catches.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Pump : IAsyncDisposable
            {
                readonly Task _worker;

                public Pump() => _worker = Task.Run(() => System.IO.File.AppendAllTextAsync("pump.log", "drain"));

                public async ValueTask DisposeAsync() => await _worker.ConfigureAwait(false);
            }

            class Host
            {
                readonly Pump _pump = new();

                public void Stop()
                {
                    async Task DisposePump() => await _pump.DisposeAsync();

                    [|Task.Run(DisposePump)|];
                }
            }
            """);
    }

    [Fact]
    public async Task DisposalThroughOwnInterfaceOfCoveredWorkers_NoDiagnostic()
    {
        // IAsyncDisposable.DisposeAsync called on the compilation's own interface: its implementations here decide.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            interface ICollector : IAsyncDisposable { }

            sealed class Collector : ICollector
            {
                public async ValueTask DisposeAsync()
                {
                    try { await System.IO.File.AppendAllTextAsync("collector.log", "closed"); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); }
                }
            }

            sealed class NullCollector : ICollector
            {
                public ValueTask DisposeAsync() => default;
            }

            class Host
            {
                readonly ICollector _collector = new Collector();

                public void Stop()
                {
                    async Task DisposeCollector() => await _collector.DisposeAsync();

                    Task.Run(DisposeCollector);
                }
            }
            """);
    }

    [Fact]
    public async Task DisposalThroughOwnInterfaceWithFailingImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            interface ICollector : IAsyncDisposable { }

            sealed class FileCollector : ICollector
            {
                public async ValueTask DisposeAsync() => await System.IO.File.AppendAllTextAsync("collector.log", "closed");
            }

            sealed class NullCollector : ICollector
            {
                public ValueTask DisposeAsync() => default;
            }

            class Host
            {
                readonly ICollector _collector = new NullCollector();

                public void Stop()
                {
                    async Task DisposeCollector() => await _collector.DisposeAsync();

                    [|Task.Run(DisposeCollector)|];
                }
            }
            """);
    }

    /// <summary>A compiled stand-in for SignalR's client proxy, referenced as metadata (a package, not source).</summary>
    private static readonly System.Lazy<MetadataReference> SignalRReference = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary(
        "Microsoft.AspNetCore.SignalR.Core",
        """
            using System.Threading;
            using System.Threading.Tasks;

            namespace Microsoft.AspNetCore.SignalR
            {
                public interface IClientProxy
                {
                    Task SendCoreAsync(string method, object[] args, CancellationToken cancellationToken = default);
                }

                public interface IHubClients
                {
                    IClientProxy All { get; }
                }
            }
            """));

    private static async Task VerifyWithSignalRAsync(string source)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(SignalRReference.Value);
        await test.RunAsync();
    }

    [Fact]
    public async Task SignalRBroadcastFromEventCallback_NoDiagnostic()
    {
        // A hub's send to its clients: SignalR logs and drops a failed write per connection.
        await VerifyWithSignalRAsync("""
            using Microsoft.AspNetCore.SignalR;

            class SeriesBroadcaster
            {
                readonly IHubClients _clients;

                public SeriesBroadcaster(IHubClients clients) => _clients = clients;

                public void Handle(string seriesUpdated) => _clients.All.SendCoreAsync("receiveMessage", new object[] { seriesUpdated });
            }
            """);
    }

    [Fact]
    public async Task SignalRBroadcastNextToFileWrite_Reports()
    {
        // The same broadcast gathered with a file write: the write can fail.
        await VerifyWithSignalRAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            class SeriesBroadcaster
            {
                readonly IHubClients _clients;

                public SeriesBroadcaster(IHubClients clients) => _clients = clients;

                public void OnShutdown(string payload) => [|FlushAsync(payload)|];

                Task FlushAsync(string payload) =>
                    Task.WhenAll(
                        _clients.All.SendCoreAsync("receiveMessage", new object[] { payload }),
                        Task.Run(() => System.IO.File.AppendAllText("broadcasts.log", payload)));
            }
            """);
    }

    private const string WpfDispatcherStandIn = """
        namespace System.Windows.Threading
        {
            using System.Runtime.CompilerServices;
            public class DispatcherOperation { public TaskAwaiter GetAwaiter() => default; }
            public class Dispatcher
            {
                public DispatcherOperation BeginInvoke(System.Delegate method, params object[] args) => null;
                public DispatcherOperation BeginInvoke(DispatcherPriority priority, System.Delegate method) => null;
                public DispatcherOperation InvokeAsync(System.Action callback) => null;
            }
            public enum DispatcherPriority { Normal }
        }
        """;

    [Fact]
    public async Task DroppedWpfDispatcherBeginInvoke_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(WpfDispatcherStandIn + """

            namespace App
            {
                using System;
                using System.IO;
                using System.Windows.Threading;
                class C
                {
                    void M(Dispatcher dispatcher, string path)
                    {
                        dispatcher.BeginInvoke(new Action(() => File.WriteAllText(path, "x")));
                        dispatcher.BeginInvoke(DispatcherPriority.Normal, new Action(() => File.Delete(path)));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DroppedWpfDispatcherInvokeAsync_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(WpfDispatcherStandIn + """

            namespace App
            {
                using System.IO;
                using System.Windows.Threading;
                class C
                {
                    void M(Dispatcher dispatcher, string path)
                    {
                        [|dispatcher.InvokeAsync(() => File.WriteAllText(path, "x"))|];
                    }
                }
            }
            """);
    }

    /// <summary>A UI library referenced as a package: a dispatcher whose InvokeAsync returns an awaitable operation, not a task.</summary>
    private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> AvaloniaLike = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("Avalonia.Base", """
        namespace Avalonia.Threading
        {
            using System;
            using System.Threading.Tasks;
            public sealed class DispatcherOperation
            {
                public Task GetTask() => Task.CompletedTask;
                public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => GetTask().GetAwaiter();
            }

            public sealed class Dispatcher
            {
                public static Dispatcher UIThread { get; } = new Dispatcher();
                public DispatcherOperation InvokeAsync(Action callback) => new DispatcherOperation();
            }
        }

        namespace Avalonia.Controls
        {
            public class Window { public void Close() { } }
        }
        """));

    /// <summary>A window shown until a token cancels it; on cancellation the UI thread runs <paramref name="work"/>.</summary>
    private static async Task VerifyAvaloniaWindowAsync(string work, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;
                using Avalonia.Controls;
                using AvnDispatcher = Avalonia.Threading.Dispatcher;
                static class AvaloniaUi
                {
                    public static Task ShowWindow(Window window, CancellationToken ct)
                    {
                        var tcs = new TaskCompletionSource<object>();
                        ct.Register(() =>
                            {|#0:AvnDispatcher.UIThread.InvokeAsync(() => WORK)|}
                        );
                        return tcs.Task;
                    }
                }
                """.Replace("WORK", work),
        };
        test.TestState.AdditionalReferences.Add(AvaloniaLike.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task DroppedDispatcherOperationOfWindowClose_NoDiagnostic()
    {
        // The operation of a library's dispatcher faults only with its lambda, which closes a window.
        await VerifyAvaloniaWindowAsync("window.Close()");
    }

    [Fact]
    public async Task DroppedDispatcherOperationOfFileWrite_Reports()
    {
        await VerifyAvaloniaWindowAsync(
            "File.WriteAllText(\"closed.txt\", \"x\")",
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("Dispatcher.InvokeAsync", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }

    [Fact]
    public async Task DroppedBeginInvokeOfDispatcherOutsideWpf_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace MyUi
            {
                using System.Runtime.CompilerServices;
                public class DispatcherOperation { public TaskAwaiter GetAwaiter() => default; }
                public class Dispatcher { public DispatcherOperation BeginInvoke(System.Action action) => null; }
            }
            namespace App
            {
                using System.IO;
                using MyUi;
                class C
                {
                    void M(Dispatcher dispatcher, string path)
                    {
                        [|dispatcher.BeginInvoke(() => File.WriteAllText(path, "x"))|];
                    }
                }
            }
            """);
    }

    // A browser automation engine: a request handler that aborts blocked resources and lets the rest through, inside a sync event.
    private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> BrowserLibrary = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("PuppeteerSharp", """
        namespace PuppeteerSharp
        {
            using System.Threading.Tasks;
            public interface IRequest
            {
                string Url { get; }
                Task AbortAsync();
                Task ContinueAsync();
                Task ReloadAsync();
            }
        }
        """));

    private const string RequestFilter = """
        using System.Threading.Tasks;
        using PuppeteerSharp;

        class RequestFilter
        {
            public void OnRequest(IRequest request)
            {
                if (request.Url.EndsWith(".png"))
                {
                    CALL;
                }
            }
        }
        """;

    private static async Task VerifyWithBrowserLibraryAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(BrowserLibrary.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task InterceptedRequestAbortedWithoutAwait_NoDiagnostic()
    {
        await VerifyWithBrowserLibraryAsync(RequestFilter.Replace("CALL", "request.AbortAsync()"));
    }

    [Fact]
    public async Task OtherBrowserCallWithoutAwait_Reports()
    {
        await VerifyWithBrowserLibraryAsync(RequestFilter.Replace("CALL", "{|#0:request.ReloadAsync()|}"),
            VerifyCS.Diagnostic("ASYNC201").WithLocation(0).WithArguments("IRequest.ReloadAsync", "await it, or if fire-and-forget is intended, discard it with a continuation that reports its exception"));
    }
}
