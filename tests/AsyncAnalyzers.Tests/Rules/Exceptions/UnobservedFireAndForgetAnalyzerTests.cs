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
            public Task RefreshAsync() => System.IO.File.ReadAllTextAsync("data.txt");
            public async Task<T> GetAsync<T>() { await System.IO.File.ReadAllTextAsync("data.txt"); return default(T); }
            public ValueTask SaveAsync() => new ValueTask(System.IO.File.WriteAllTextAsync("state.txt", ""));
            public void Work() => System.IO.File.AppendAllText("work.log", "x");
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefreshAsync", "'System.IO.File.ReadAllTextAsync(\"data.txt\")' in 'Service.RefreshAsync'"));
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'System.IO.File.AppendAllText(\"work.log\", \"x\")' in 'Service.Work'"));
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("WhenAll", "'System.IO.File.WriteAllTextAsync(\"state.txt\", \"\")' in 'Service.SaveAsync'"));
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefreshAsync", "'System.IO.File.ReadAllTextAsync(\"data.txt\")' in 'Service.RefreshAsync'"));
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
    public async Task CatchAllThatLogsAndRethrows_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = RunAsync();
                }

                async Task RunAsync()
                {
                    try { await System.IO.File.ReadAllTextAsync("data.txt"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); throw; }
                }
            }
            """ + Stubs);
    }

    // A version check (real code: a daemon's startup) logs why it failed, then rethrows for the callers that await it.
    private const string VersionCheck = """
        class Updater
        {
            public string LastWarning { get; private set; } = "";

            void Warn(string template, string message) => LastWarning = template.Replace("{Message}", message);

            void Start()
            {
                {|#0:_ = CheckVersionAsync()|};
            }

            async Task CheckVersionAsync()
            {
                try
                {
                    var latest = await System.IO.File.ReadAllTextAsync("latest.txt");
                    Console.WriteLine(Version.Parse(latest));
                }
                catch (Exception ex)
                {
                    Warn("Failed to check version: {Message}", ex.Message);
                    throw;
                }
            }
        }
        """;

    [Fact]
    public async Task CatchAllThatLogsTheMessageAndRethrows_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + VersionCheck.Replace("{|#0:", "").Replace("()|};", "();") + Stubs);
    }

    [Fact]
    public async Task CatchAllThatLogsTheMessageAmongTemplateArgumentsAndRethrows_NoDiagnostic()
    {
        // The message is one of the logging template's params arguments.
        await VerifyCS.VerifyAnalyzerAsync(Usings + VersionCheck.Replace("{|#0:", "").Replace("()|};", "();")
            .Replace("void Warn(string template, string message) => LastWarning = template.Replace(\"{Message}\", message);", "void Warn(string template, params object[] values) => LastWarning = string.Format(template, values);")
            .Replace("Warn(\"Failed to check version: {Message}\", ex.Message);", "Warn(\"Failed to check version {0}: {1}\", \"latest.txt\", ex.Message);") + Stubs);
    }

    [Fact]
    public async Task CatchAllThatLogsWithoutTheExceptionAndRethrows_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + VersionCheck.Replace("ex.Message", "\"unknown\"") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("CheckVersionAsync", "'Version.Parse(latest)' in 'Updater.CheckVersionAsync'"));
    }

    // A chat service (real code: a peer-to-peer client) joins its rooms at login: the joins start together, and their failures
    // are caught where they are awaited.
    private const string RoomJoins = """
        using System.Collections.Generic;

        class Rooms
        {
            public string LastError { get; private set; } = "";

            void OnLoggedIn(string[] rooms)
            {
                {|#0:_ = TryJoinAsync(rooms)|};
            }

            async Task TryJoinAsync(params string[] roomNames)
            {
                var tasks = new List<Task>();
                foreach (var room in roomNames)
                {
                    tasks.Add(JoinAsync(room));
                }

                try
                {
                    await Task.WhenAll(tasks);
                }
                catch (Exception ex)
                {
                    LastError = ex.Message;
                }
            }

            async Task JoinAsync(string room)
            {
                await System.IO.File.AppendAllTextAsync("rooms.log", room);
            }
        }
        """;

    [Fact]
    public async Task CalleeCollectingTasksAwaitedInsideCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + RoomJoins.Replace("{|#0:", "").Replace("(rooms)|};", "(rooms);") + Stubs);
    }

    [Fact]
    public async Task CalleeCollectingTasksAwaitedOutsideCatchAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + RoomJoins.Replace("catch (Exception ex)", "catch (InvalidOperationException ex)") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("TryJoinAsync", "'System.IO.File.AppendAllTextAsync(\"rooms.log\", room)' in 'Rooms.JoinAsync'"));
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

                void Cleanup() { }

                async Task RunAsync()
                {
                    try { await System.IO.File.ReadAllTextAsync("data.txt"); }
                    catch (Exception) { Cleanup(); throw; }
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ContinueWith", "'System.IO.File.AppendAllText(\"work.log\", \"x\")' in 'Service.Work'"));
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

    /// <summary>
    /// A dispatcher that queues jobs for its own thread; each job completes the source it was handed with <paramref name="complete"/>.
    /// </summary>
    private static string JobDispatcher(string complete) => """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public class Dispatcher
        {
            private readonly DispatcherJobQueue _queue = new();

            public void Post(Action<CancellationToken> work)
            {
                _ = InvokeAsync(work);
            }

            public Task InvokeAsync(Action<CancellationToken> work)
            {
                var tcs = new TaskCompletionSource<object>();
                _queue.AddJob(new DispatcherJob(work, tcs));
                return tcs.Task;
            }

            private class DispatcherJobQueue
            {
                private readonly Queue<IDispatcherJob> _jobs = new();
                private bool _shutDown;

                public void AddJob(IDispatcherJob job)
                {
                    if (_shutDown)
                    {
                        throw new InvalidOperationException("The dispatcher has shut down.");
                    }

                    lock (_jobs) { _jobs.Enqueue(job); }
                }
            }

            private interface IDispatcherJob { void Execute(CancellationToken ct); }

            private class DispatcherJob : IDispatcherJob
            {
                private readonly Action<CancellationToken> _work;
                private readonly TaskCompletionSource<object> _tcs;

                public DispatcherJob(Action<CancellationToken> work, TaskCompletionSource<object> tcs)
                {
                    _work = work;
                    _tcs = tcs;
                }

                public void Execute(CancellationToken ct)
                {
                    COMPLETE
                }
            }
        }
        """.Replace("COMPLETE", complete);

    [Fact]
    public async Task DiscardOfSourceKeptByJobThatOnlySucceeds_NoDiagnostic()
    {
        // The work's exception surfaces on the dispatcher's thread; the task only ever gets SetResult.
        await VerifyCS.VerifyAnalyzerAsync(JobDispatcher("_work(ct); _tcs?.SetResult(null);"));
    }

    [Fact]
    public async Task DiscardOfSourceKeptByJobThatCanFail_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            JobDispatcher("try { _work(ct); _tcs.SetResult(null); } catch (Exception ex) { _tcs.SetException(ex); }").Replace("_ = InvokeAsync(work);", "{|#0:_ = InvokeAsync(work)|};"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("InvokeAsync", "'tcs.Task' in 'Dispatcher.InvokeAsync'"));
    }

    private static string RefillQueue(string onFailure, string discard = "_ = pool.RefillAsync(\"main\", \"wallet\");") => Usings + """
        using System.Collections.Generic;
        using System.Threading.Channels;

        static class Log { public static void Error(Exception ex, string message) { } }

        class Indexer
        {
            void OnBlock(AddressPool pool, string[] wallets)
            {
                DISCARD
                _ = pool.RefillAllAsync("main", wallets);
            }
        }

        public class AddressPool
        {
            private class RefillRequest
            {
                public string Wallet { get; set; } = "";
                public TaskCompletionSource<bool>? Done { get; set; }
            }

            private readonly Dictionary<string, Channel<RefillRequest>> _byNetwork = new();

            public Task RefillAsync(string network, string wallet)
            {
                var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_byNetwork[network].Writer.TryWrite(new RefillRequest { Wallet = wallet, Done = completion }))
                    completion.TrySetCanceled();
                return completion.Task;
            }

            public Task RefillAllAsync(string network, string[] wallets)
            {
                var refills = new List<Task>();
                foreach (var wallet in wallets)
                    refills.Add(RefillAsync(network, wallet));
                return Task.WhenAll(refills.ToArray());
            }

            public async Task ListenAsync(string network, CancellationToken token)
            {
                var requests = _byNetwork[network];
                while (await requests.Reader.WaitToReadAsync(token))
                {
                    RefillRequest? request = null;
                    try
                    {
                        if (!requests.Reader.TryRead(out request))
                            continue;
                        await System.IO.File.AppendAllTextAsync("addresses.txt", request.Wallet, token);
                        request.Done?.TrySetResult(true);
                    }
                    catch (Exception ex)
                    {
                        ON_FAILURE
                    }
                }
            }
        }
        """.Replace("DISCARD", discard).Replace("ON_FAILURE", onFailure);

    [Fact]
    public async Task DiscardOfSourceQueuedToWorkerThatLogsFaults_NoDiagnostic()
    {
        // The request's source travels through a private channel to a worker that logs every failure before it faults the
        // source: nothing is lost when the caller drops the task, one request or a WhenAll of several.
        await VerifyCS.VerifyAnalyzerAsync(RefillQueue("request?.Done?.TrySetException(ex);\n                Log.Error(ex, \"refill failed\");"));
    }

    [Fact]
    public async Task DiscardOfSourceQueuedToWorkerThatDoesNotLog_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            RefillQueue("request?.Done?.TrySetException(ex);", "{|#0:_ = pool.RefillAsync(\"main\", \"wallet\")|};").Replace("_ = pool.RefillAllAsync(\"main\", wallets);", ""),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefillAsync", "'completion.Task' in 'AddressPool.RefillAsync'"));
    }

    [Fact]
    public async Task DiscardOfSourceQueuedInInternalTypeToWorkerThatLogsFaults_NoDiagnostic()
    {
        // The request type is internal, not private: no other assembly can name Done either, so every reference is in the
        // compilation's trees, and the only fault is set where it is logged.
        await VerifyCS.VerifyAnalyzerAsync(
            RefillQueue("request?.Done?.TrySetException(ex);\n                Log.Error(ex, \"refill failed\");").Replace("private class RefillRequest", "internal class RefillRequest"));
    }

    [Fact]
    public async Task DiscardOfSourceQueuedInInternalTypeVisibleToOtherAssembly_Reports()
    {
        // With [InternalsVisibleTo] another assembly can fault Done without logging: unseen references.
        await VerifyCS.VerifyAnalyzerAsync(
            RefillQueue("request?.Done?.TrySetException(ex);\n                Log.Error(ex, \"refill failed\");", "{|#0:_ = pool.RefillAsync(\"main\", \"wallet\")|};")
                .Replace("private class RefillRequest", "internal class RefillRequest")
                .Replace("_ = pool.RefillAllAsync(\"main\", wallets);", "")
                .Replace("static class Log", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Pool.Extensions\")]\n\nstatic class Log"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefillAsync", "'completion.Task' in 'AddressPool.RefillAsync'"));
    }

    private const string BucketRefresh = """
        using System.Collections.Generic;
        using System.Diagnostics;

        class Loop
        {
            readonly Thread _thread = Thread.CurrentThread;

            [Conditional("DEBUG")]
            internal void CheckThread()
            {
                if (Thread.CurrentThread != _thread)
                    throw new InvalidOperationException("Missing context switch to the loop.");
            }
        }

        class RoutingTable
        {
            internal static readonly Loop Loop = new Loop();
            readonly List<string> _buckets = new();

            internal async Task RefreshBuckets()
            {
                await Task.Yield();
                Loop.CheckThread();
                _buckets.Add("refreshed");
            }

            void OnTimer()
            {
                {|#0:_ = RefreshBuckets()|};
            }
        }
        """;

    [Fact]
    public async Task CalleeAssertsThroughConditionalMethod_NoDiagnostic()
    {
        // The only throw is a debug assertion the release build does not even call; the rest is in-memory bookkeeping.
        await VerifyCS.VerifyAnalyzerAsync(Usings + BucketRefresh.Replace("{|#0:_ = RefreshBuckets()|}", "_ = RefreshBuckets()"));
    }

    [Fact]
    public async Task CalleeChecksThroughPlainMethod_Reports()
    {
        // The same check without [Conditional]: it runs in every build, and its exception faults the dropped task.
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + BucketRefresh.Replace("[Conditional(\"DEBUG\")]", ""),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefreshBuckets", "'throw new InvalidOperationException(\"Missing context switch …' in 'Loop.CheckThread'"));
    }

    [Fact]
    public async Task DiscardOfSourceWhoseMemberIsHandedOut_Reports()
    {
        // The worker hands the source to code that can fault it without logging: the member does not stay in place.
        await VerifyCS.VerifyAnalyzerAsync(
            RefillQueue("Fail(request?.Done, ex);\n                Log.Error(ex, \"refill failed\");", "{|#0:_ = pool.RefillAsync(\"main\", \"wallet\")|};")
                .Replace("public async Task ListenAsync", "private static void Fail(TaskCompletionSource<bool>? source, Exception ex) => source?.TrySetException(ex);\n\n    public async Task ListenAsync")
                .Replace("_ = pool.RefillAllAsync(\"main\", wallets);", ""),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RefillAsync", "'completion.Task' in 'AddressPool.RefillAsync'"));
    }

    private static string Recompute(string work, string discard = "_ = scheduler.RecomputeAsync(name);") => Usings + """
        using System.Collections.Generic;

        class Dashboard
        {
            void OnWeightsChanged(Scheduler scheduler, string name)
            {
                DISCARD
            }
        }

        class Scheduler
        {
            private readonly Dictionary<string, int> _weights = new();

            public Task RecomputeAsync(string name)
            {
                var weight = _weights[name];
                return Task.Run(() => WORK);
            }

            private static int Score(int weight) => weight * 2;
        }
        """.Replace("DISCARD", discard).Replace("WORK", work);

    [Fact]
    public async Task DiscardOfNonAsyncCalleeThatThrowsBeforeReturningComputeWork_NoDiagnostic()
    {
        // The lookup that can throw runs before the method returns: its exception reaches the caller at the call. The task it
        // returns only computes.
        await VerifyCS.VerifyAnalyzerAsync(Recompute("Score(weight)"));
    }

    [Fact]
    public async Task DiscardOfNonAsyncCalleeReturningFileWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Recompute("System.IO.File.WriteAllText(\"weights.txt\", Score(weight).ToString())", "{|#0:_ = scheduler.RecomputeAsync(name)|};"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RecomputeAsync", "'System.IO.File.WriteAllText(\"weights.txt\", Score(weight).ToS…' in 'Scheduler.RecomputeAsync'"));
    }

    [Fact]
    public async Task CalleeWhenAllOfLocalListOfCoveredCalls_NoDiagnostic()
    {
        // The webhook posts to every URL in a local function that catches and logs, collects the calls in a list and awaits them
        // together; the client it swaps beforehand is disposed, which does not throw.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;
            using System.Net.Http;

            class HealthMonitor
            {
                readonly WebHook _hook = new WebHook();
                void OnStatusChanged(string status) => _ = _hook.CallAsync(status);
            }

            class WebHook
            {
                private HttpClient _client = new HttpClient();
                private Uri[] _urls = Array.Empty<Uri>();
                private bool _proxyChanged;

                public Task CallAsync(string status) => CallAsync(new StringContent(status));

                private async Task CallAsync(HttpContent content)
                {
                    if (_proxyChanged)
                    {
                        var old = _client;
                        _client = new HttpClient();
                        old.Dispose();
                    }

                    async Task CallOne(Uri url)
                    {
                        try
                        {
                            var response = await _client.PostAsync(url, content);
                            response.EnsureSuccessStatusCode();
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Webhook call failed for " + url + ": " + ex);
                        }
                    }

                    var tasks = new List<Task>();
                    foreach (var url in _urls)
                        tasks.Add(CallOne(url));
                    await Task.WhenAll(tasks);
                }
            }
            """);
    }

    [Fact]
    public async Task CalleeWhenAllOfLocalListWithUncoveredCall_Reports()
    {
        // The same, but one call in the list posts without a catch, and the old writer's disposal flushes to disk.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;
            using System.Net.Http;

            class HealthMonitor
            {
                readonly WebHook _hook = new WebHook();
                void OnStatusChanged(string status) => {|#0:_ = _hook.CallAsync(status)|};
            }

            class WebHook
            {
                private readonly HttpClient _client = new HttpClient();
                private Uri[] _urls = Array.Empty<Uri>();

                public Task CallAsync(string status) => CallAsync(new StringContent(status));

                private async Task CallAsync(HttpContent content)
                {
                    async Task CallOne(Uri url)
                    {
                        try
                        {
                            var response = await _client.PostAsync(url, content);
                            response.EnsureSuccessStatusCode();
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine("Webhook call failed for " + url + ": " + ex);
                        }
                    }

                    var tasks = new List<Task>();
                    foreach (var url in _urls)
                        tasks.Add(CallOne(url));
                    tasks.Add(_client.PostAsync(_urls[0], content));
                    await Task.WhenAll(tasks);
                }
            }
            """, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("CallAsync", "'_client.PostAsync(_urls[0], content)' in 'WebHook.CallAsync'"));
    }

    [Fact]
    public async Task CalleeDisposingWriterBeforeCoveredWork_Reports()
    {
        // Disposing a writer flushes what it buffered: that can fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Journal
            {
                private System.IO.StreamWriter _writer = new System.IO.StreamWriter("journal.log");

                void OnRotate() => {|#0:_ = RotateAsync()|};

                private async Task RotateAsync()
                {
                    var old = _writer;
                    _writer = new System.IO.StreamWriter("journal.1.log");
                    old.Dispose();
                    await Task.Yield();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("RotateAsync", "'old.Dispose()' in 'Journal.RotateAsync'"));
    }

    [Fact]
    public async Task NamedDiscardOfFaultingWork_Reports()
    {
        // A gateway handler logs out on an invalid session without waiting: `var _ =` discards a task that writes to a socket.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Shard
            {
                void OnInvalidSession(Service service)
                {
                    var {|#0:_ = service.LogoutAsync()|};
                }
            }
            """ + Stubs + """

            static class ServiceExtensions
            {
                public static async Task LogoutAsync(this Service service) => await System.IO.File.WriteAllTextAsync("session", "");
            }
            """, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("LogoutAsync", "'System.IO.File.WriteAllTextAsync(\"session\", \"\")' in 'ServiceExtensions.LogoutAsync'"));
    }

    [Fact]
    public async Task NamedDiscardOfCoveredWork_NoDiagnostic()
    {
        // The same discard of work that catches everything it does, and of a delay; and a discard inside a lambda.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Shard
            {
                void OnInvalidSession(Service service)
                {
                    var _ = LogoutQuietlyAsync(service);
                    var __ = Task.Delay(100);
                    Action later = () => { var _ = LogoutQuietlyAsync(service); };
                }

                static async Task LogoutQuietlyAsync(Service service)
                {
                    try { await System.IO.File.WriteAllTextAsync("session", ""); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); }
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

    private const string ShutdownDisposer = """
        class ShutdownRegistration
        {
            public ShutdownRegistration(object resource, Action<EventHandler> subscribe)
            {
                subscribe((_, _) => {|#0:_ = DisposeOnShutdownAsync(resource)|});
            }

            private static async Task DisposeOnShutdownAsync(object resource)
            {
                try
                {
                    if (resource is IAsyncDisposable disposable)
                    {
                        await disposable.DisposeAsync().ConfigureAwait(false);
                    }
                }
                catch (ObjectDisposedException)
                {
                }
                catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
                {
                }
            }
        }
        """;

    [Fact]
    public async Task CatchAllButFatalExceptions_NoDiagnostic()
    {
        // A pipeline's shutdown disposer: everything but the exceptions no code recovers from is swallowed on purpose.
        await VerifyCS.VerifyAnalyzerAsync(Usings + ShutdownDisposer.Replace("{|#0:", "").Replace("(resource)|}", "(resource)") + Stubs);
    }

    [Fact]
    public async Task CatchAllButIoExceptions_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ShutdownDisposer.Replace("ex is not (OutOfMemoryException or StackOverflowException)", "ex is not (OutOfMemoryException or System.IO.IOException)") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("DisposeOnShutdownAsync", "'disposable.DisposeAsync()' in 'ShutdownRegistration.DisposeOnShutdownAsync'"));
    }

    [Fact]
    public async Task PeriodicTimerLoopWithCoveredBody_NoDiagnostic()
    {
        // A pool's idle reaper: the tick is the only await outside the try, and a disposed timer ends the loop with false.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Pool
            {
                private PeriodicTimer _reaper;

                public void StartReaper(Service service, TimeSpan interval)
                {
                    _reaper = new PeriodicTimer(interval);
                    _ = ReapLoop();

                    async Task ReapLoop()
                    {
                        while (await _reaper.WaitForNextTickAsync().ConfigureAwait(false))
                        {
                            try
                            {
                                await service.RefreshAsync().ConfigureAwait(false);
                            }
                            catch
                            {
                                // try again on the next tick
                            }
                        }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task PeriodicTimerLoopWithUncoveredBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Pool
            {
                private PeriodicTimer _reaper;

                public void StartReaper(Service service, TimeSpan interval)
                {
                    _reaper = new PeriodicTimer(interval);
                    [|_ = ReapLoop()|];

                    async Task ReapLoop()
                    {
                        while (await _reaper.WaitForNextTickAsync().ConfigureAwait(false))
                        {
                            await service.RefreshAsync().ConfigureAwait(false);
                        }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DebouncedContinuationOfCoveredMethod_NoDiagnostic()
    {
        // A filter box debounced with a token: the delay and the continuation can only end canceled, and the applied work
        // catches everything.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FolderViewModel
            {
                private CancellationTokenSource _debounce;

                public void FilterChanged(Service service)
                {
                    _debounce?.Cancel();
                    _debounce = new CancellationTokenSource();
                    var token = _debounce.Token;

                    _ = Task.Delay(250, token)
                        .ContinueWith(_ => ApplyChangesAsync(service), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)
                        .Unwrap();
                }

                private async Task ApplyChangesAsync(Service service)
                {
                    try
                    {
                        await service.RefreshAsync();
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
    public async Task DebouncedContinuationOfUncoveredMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FolderViewModel
            {
                private CancellationTokenSource _debounce;

                public void FilterChanged(Service service)
                {
                    _debounce?.Cancel();
                    _debounce = new CancellationTokenSource();
                    var token = _debounce.Token;

                    [|_ = Task.Delay(250, token)
                        .ContinueWith(_ => ApplyChangesAsync(service), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)
                        .Unwrap()|];
                }

                private async Task ApplyChangesAsync(Service service)
                {
                    await service.RefreshAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationThatOnlyDisposesTheSource_NoDiagnostic()
    {
        // Disposing a token source once the fetch it cancels has finished: Dispose cannot throw, and the fetch is a stored task.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ShellPage
            {
                private Task _fetch = Task.CompletedTask;
                private CancellationTokenSource _fetchSource = new();

                public void Unload()
                {
                    var source = _fetchSource;
                    source.Cancel();
                    _ = _fetch.ContinueWith(
                        _ => source.Dispose(),
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationThatCallsUnsafeWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ShellPage
            {
                private Task _fetch = Task.CompletedTask;

                public void Unload(Service service)
                {
                    {|#0:_ = _fetch.ContinueWith(_ => service.Work(), TaskScheduler.Default)|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ContinueWith", "'System.IO.File.AppendAllText(\"work.log\", \"x\")' in 'Service.Work'"));
    }

    [Fact]
    public async Task TaskRunLambdaThatChecksCancellation_NoDiagnostic()
    {
        // A delayed retry: the delay has no token, the cancellation check ends the task canceled, and the callee catches everything.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThumbnailLoader
            {
                public void Retry(Service service, CancellationTokenSource cts)
                {
                    _ = Task.Run(async () =>
                    {
                        await Task.Delay(500);
                        cts.Token.ThrowIfCancellationRequested();
                        await LoadAsync(service, cts.Token);
                    });
                }

                private async Task LoadAsync(Service service, CancellationToken token)
                {
                    if (token.IsCancellationRequested)
                        throw new OperationCanceledException(token);
                    try
                    {
                        await service.RefreshAsync();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        TaskHelpers.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SyncTaskRunLambdaThatChecksCancellation_Reports()
    {
        // A synchronous delegate that throws OperationCanceledException ends its task faulted (its token is not Task.Run's).
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThumbnailLoader
            {
                public void Retry(CancellationTokenSource cts)
                {
                    {|#0:_ = Task.Run(() =>
                    {
                        cts.Token.ThrowIfCancellationRequested();
                    })|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'cts.Token.ThrowIfCancellationRequested()'"));
    }

    [Fact]
    public async Task TaskRunLambdaThatChecksCancellationThenDoesUnsafeWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThumbnailLoader
            {
                public void Retry(Service service, CancellationTokenSource cts)
                {
                    [|_ = Task.Run(async () =>
                    {
                        await Task.Delay(500);
                        cts.Token.ThrowIfCancellationRequested();
                        await service.RefreshAsync();
                    })|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsSourceThatOnlySucceeds_NoDiagnostic()
    {
        // Work on a dedicated STA thread: the thread's body catches everything and completes the source with a default.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StaWork
            {
                public static Task<T> Run<T>(Func<T> work)
                {
                    var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                    Thread thread = new(() =>
                    {
                        try
                        {
                            tcs.SetResult(work());
                        }
                        catch (Exception ex)
                        {
                            tcs.SetResult(default!);
                            TaskHelpers.Log(ex);
                        }
                    });
                    thread.IsBackground = true;
                    thread.SetApartmentState(ApartmentState.STA);
                    thread.Start();
                    return tcs.Task;
                }
            }

            class IconItem
            {
                public byte[] Icon { get; private set; }

                public void Load(string path) => _ = LoadIconAsync(path);

                private async Task LoadIconAsync(string path)
                {
                    Icon = await StaWork.Run(() => System.IO.File.ReadAllBytes(path));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsSourceThatCanFail_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StaWork
            {
                public static Task<T> Run<T>(Func<T> work)
                {
                    var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                    Thread thread = new(() =>
                    {
                        try
                        {
                            tcs.SetResult(work());
                        }
                        catch (Exception ex)
                        {
                            tcs.SetException(ex);
                        }
                    });
                    thread.IsBackground = true;
                    thread.Start();
                    return tcs.Task;
                }
            }

            class IconItem
            {
                public byte[] Icon { get; private set; }

                public void Load(string path) => [|_ = LoadIconAsync(path)|];

                private async Task LoadIconAsync(string path)
                {
                    Icon = await StaWork.Run(() => System.IO.File.ReadAllBytes(path));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunCallingHelperWhoseRethrowNeedsAnArgument_NoDiagnostic()
    {
        // Deleting a temporary copy later: the helper rethrows only exceptions of a type it is given, and none is given here.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static bool IgnoreExceptions(Action action, bool log = false, Type exceptionToIgnore = null)
                {
                    try
                    {
                        action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            if (log) Console.Error.WriteLine(ex.Message);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Launcher
            {
                public void ScheduleCleanup(string copy)
                {
                    _ = Task.Run(async () =>
                    {
                        await Task.Delay(60_000);
                        Safety.IgnoreExceptions(() => System.IO.File.Delete(copy), true);
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunCallingHelperWithExceptionTypeToLetThrough_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static bool IgnoreExceptions(Action action, bool log = false, Type exceptionToIgnore = null)
                {
                    try
                    {
                        action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            if (log) Console.Error.WriteLine(ex.Message);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Launcher
            {
                public void ScheduleCleanup(string copy)
                {
                    [|_ = Task.Run(async () =>
                    {
                        await Task.Delay(60_000);
                        Safety.IgnoreExceptions(() => System.IO.File.Delete(copy), true, typeof(System.IO.IOException));
                    })|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunRetryLoopWithComputedDelay_NoDiagnostic()
    {
        // Retrying the deletion of a temporary copy later, with a delay chosen per attempt.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static bool IgnoreExceptions(Action action, bool log = false, Type exceptionToIgnore = null)
                {
                    try
                    {
                        action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            if (log) Console.Error.WriteLine(ex.Message);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Launcher
            {
                public void ScheduleCleanup(string copy)
                {
                    _ = Task.Run(async () =>
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var delay = attempt switch
                            {
                                0 => TimeSpan.FromMinutes(1),
                                1 => TimeSpan.FromMinutes(5),
                                _ => TimeSpan.FromMinutes(30),
                            };
                            await Task.Delay(delay);
                            if (Safety.IgnoreExceptions(() => System.IO.File.Delete(copy), true))
                                return;
                        }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunRetryLoopWithUnsafeWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static bool IgnoreExceptions(Action action, bool log = false, Type exceptionToIgnore = null)
                {
                    try
                    {
                        action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            if (log) Console.Error.WriteLine(ex.Message);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Launcher
            {
                public void ScheduleCleanup(string copy)
                {
                    [|_ = Task.Run(async () =>
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var delay = attempt switch
                            {
                                0 => TimeSpan.FromMinutes(1),
                                1 => TimeSpan.FromMinutes(5),
                                _ => TimeSpan.FromMinutes(30),
                            };
                            await Task.Delay(delay);
                            if (Safety.IgnoreExceptions(() => System.IO.File.Delete(copy), true))
                                return;
                            System.IO.File.AppendAllText("cleanup.log", copy);
                        }
                    })|];
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'System.IO.File.AppendAllText(\"work.log\", \"x\")' in 'Service.Work'"));
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
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("BeatAsync", "'System.IO.File.ReadAllTextAsync(\"data.txt\")' in 'Service.RefreshAsync'"));
    }

    // A webhook call (real code: a daemon's integrations) sets its headers the Try way, then posts inside a catch-all.
    private const string WebhookCall = """
        using System.Net.Http;

        class Webhooks
        {
            void OnEvent(string url, string key, string payload)
            {
                {|#0:_ = Task.Run(async () =>
                {
                    using var http = new HttpClient();
                    http.DefaultRequestHeaders.TryAddWithoutValidation("X-Key", key);
                    try
                    {
                        using var response = await http.PostAsync(url, new StringContent(payload));
                    }
                    catch (Exception ex)
                    {
                        TaskHelpers.Log(ex);
                    }
                })|};
            }
        }
        """;

    [Fact]
    public async Task TaskRunLambdaWithTryPatternCallsBeforeCoveredWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + WebhookCall.Replace("{|#0:", "").Replace("})|};", "});") + Stubs);
    }

    [Fact]
    public async Task TaskRunLambdaWithThrowingHeaderCallBeforeCoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + WebhookCall.Replace("TryAddWithoutValidation(", "Add(") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'http.DefaultRequestHeaders.Add(\"X-Key\", key)'"));
    }

    // A message consumer's channel (real code: a messaging library) signals the end of its read loop through a source it keeps;
    // stopping waits for that signal, which is only ever set with a result.
    private const string ReadChannel = """
        class Channel
        {
            private TaskCompletionSource<bool>? _stopSource;
            private TaskCompletionSource<bool> _readSource = new();

            public Task ReadTask => _readSource.Task;

            public Task Stopping => _stopSource?.Task ?? Task.CompletedTask;

            public void StartReading()
            {
                if (_readSource.Task.IsCompleted)
                    _readSource = new TaskCompletionSource<bool>();
                if (_stopSource == null || _stopSource.Task.IsCompleted)
                    _stopSource = new TaskCompletionSource<bool>();
            }

            public void Completed(bool failed)
            {
                _readSource.TrySetResult(!failed);
                _stopSource?.TrySetResult(true);
            }

            public async Task StopReadingAsync()
            {
                await _readSource.Task.ConfigureAwait(false);
                await Stopping.ConfigureAwait(false);
            }
        }

        class Consumer
        {
            private readonly Channel _channel = new();

            public void Stop()
            {
                {|#0:_ = _channel.StopReadingAsync()|};
                {|#1:_ = WaitAsync()|};
            }

            private async Task WaitAsync() => await _channel.ReadTask.ConfigureAwait(false);
        }
        """;

    // A consume loop (real code: a Kafka consumer) hands its stop signal to the loop it starts, which sets it when the loop ends.
    private const string ConsumeLoop = """
        class ConsumeLoop
        {
            private TaskCompletionSource<bool>? _consumeSource;
            private CancellationTokenSource _cancellation = new();

            public Task Stopping => _consumeSource?.Task ?? Task.CompletedTask;

            public void Start()
            {
                if (_consumeSource == null || _consumeSource.Task.IsCompleted)
                    _consumeSource = new TaskCompletionSource<bool>();

                TaskCompletionSource<bool>? source = _consumeSource;
                var token = _cancellation.Token;
                Task.Factory.StartNew(() => ConsumeAsync(source, token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            public async Task StopAsync()
            {
                _cancellation.Cancel();
                await Stopping.ConfigureAwait(false);
            }

            private async Task ConsumeAsync(TaskCompletionSource<bool> source, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                    await Task.Delay(10);

                SOURCE_END;
            }
        }

        class Consumer
        {
            private readonly ConsumeLoop _loop = new();

            public void OnRevoked() => {|#0:_ = _loop.StopAsync()|};
        }
        """;

    [Fact]
    public async Task CalleeAwaitsHeldSourceCopiedToItsLoop_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ConsumeLoop.Replace("{|#0:", "").Replace("StopAsync()|}", "StopAsync()").Replace("SOURCE_END", "source.TrySetResult(true)") + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsHeldSourceCopiedToLoopThatFaultsIt_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ConsumeLoop.Replace("SOURCE_END", "source.TrySetException(new InvalidOperationException(\"stopped\"))") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("StopAsync", "'await Stopping.ConfigureAwait(false)' in 'ConsumeLoop.StopAsync'"));
    }

    // A config service's reload: remote endpoints are pulled by a local delegate that logs every failure, left to run.
    private const string RemotePull = """
        class ConfigService
        {
            public readonly System.Collections.Generic.List<string> Remote = new();
            public string[] Endpoints { get; set; } = Array.Empty<string>();

            public void Reload()
            {
                {|#0:_ = LoadFromRemotesAsync()|};
            }

            private async Task LoadFromRemotesAsync()
            {
                var func = new Func<string, Task>(async endpoint =>
                {
                    try
                    {
                        Remote.Add(await System.IO.File.ReadAllTextAsync(endpoint));
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                });

                var tasks = System.Linq.Enumerable.Select(Endpoints, endpoint => func.Invoke(endpoint));
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
        }
        """;

    [Fact]
    public async Task CalleeInvokingLocalDelegateThatCatchesAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + RemotePull.Replace("{|#0:", "").Replace("LoadFromRemotesAsync()|}", "LoadFromRemotesAsync()") + Stubs);
    }

    [Fact]
    public async Task CalleeInvokingLocalDelegateThatCanFail_Reports()
    {
        // The fallback read after the guarded pull can fail, with nothing around it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + RemotePull.Replace("Console.Error.WriteLine(ex);\n            }", "Console.Error.WriteLine(ex);\n            }\n\n            Remote.Add(await System.IO.File.ReadAllTextAsync(endpoint + \".bak\"));") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("LoadFromRemotesAsync", "'System.IO.File.ReadAllTextAsync(endpoint + \".bak\")' in 'ConfigService.LoadFromRemotesAsync'"));
    }

    [Fact]
    public async Task CalleeAwaitsHeldSourceThatOnlySucceeds_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ReadChannel.Replace("{|#0:", "").Replace("{|#1:", "").Replace("()|};", "();") + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsHeldSourceThatCanFail_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ReadChannel.Replace("_readSource.TrySetResult(!failed);", "if (failed) _readSource.TrySetException(new InvalidOperationException()); else _readSource.TrySetResult(true);") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("StopReadingAsync", "'await _readSource.Task.ConfigureAwait(false)' in 'Channel.StopReadingAsync'"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(1).WithArguments("WaitAsync", "'await _channel.ReadTask.ConfigureAwait(false)' in 'Consumer.WaitAsync'"));
    }

    // A consumer's reconnect (real code: a messaging library) stops in order, then leaves the slow reconnect to a detached task
    // that the project's FireAndForget helper hides; reconnecting's own task does not fault with it.
    private const string Reconnect = """
        static class TaskExtensions
        {
            public static void FireAndForget(this Task task) { }
        }

        class Consumer
        {
            private bool _isReconnecting;

            public void OnPartitionsLost()
            {
                {|#0:_ = TriggerReconnectAsync()|};
            }

            public async Task TriggerReconnectAsync()
            {
                _isReconnecting = true;
                await Task.Yield();
                Task.Run(async () =>
                {
                    try
                    {
                        await System.IO.File.AppendAllTextAsync("reconnect.log", "reconnecting");
                    }
                    finally
                    {
                        _isReconnecting = false;
                    }
                }).FireAndForget();
            }
        }
        """;

    [Fact]
    public async Task CalleeForgettingDetachedWorkWithHelper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Reconnect.Replace("{|#0:", "").Replace("()|};", "();").Replace("Task.Run(async", "{|#1:Task.Run(async").Replace("}).FireAndForget();", "}).FireAndForget()|};") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(1).WithArguments("Run", "'System.IO.File.AppendAllTextAsync(\"reconnect.log\", \"reconnec…'"));
    }

    [Fact]
    public async Task CalleeAwaitingDetachedWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Reconnect.Replace("Task.Run(", "await Task.Run(").Replace("}).FireAndForget();", "});") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("TriggerReconnectAsync", "'System.IO.File.AppendAllTextAsync(\"reconnect.log\", \"reconnec…' in 'Consumer.TriggerReconnectAsync'"));
    }

    // A consumer's stop (real code: a messaging library) waits for its sequences through a helper that rethrows only when asked;
    // stopping asks it not to.
    private const string SequenceStop = """
        static class SequenceExtensions
        {
            public static async Task AwaitProcessingAsync(this Sequence sequence, bool rethrowExceptions)
            {
                try
                {
                    await System.IO.File.AppendAllTextAsync("sequence.log", sequence.Id);
                }
                catch (Exception)
                {
                    if (rethrowExceptions)
                        throw;
                }
            }
        }

        class Sequence { public string Id = ""; }

        class Consumer
        {
            private readonly Sequence _sequence = new();

            public void Stop()
            {
                {|#0:_ = StopReadingAsync()|};
            }

            public System.Collections.Generic.List<string> Stopped { get; } = new();

            private async Task StopReadingAsync()
            {
                await Task.Yield();
                Stopped.Add(_sequence.Id);
                await _sequence.AwaitProcessingAsync(false);
            }
        }
        """;

    [Fact]
    public async Task CalleeAwaitingHelperWhoseRethrowTheConstantTurnsOff_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + SequenceStop.Replace("{|#0:", "").Replace("()|};", "();") + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitingHelperWhoseRethrowTheConstantTurnsOn_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + SequenceStop.Replace("AwaitProcessingAsync(false)", "AwaitProcessingAsync(true)") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("StopReadingAsync", "'System.IO.File.AppendAllTextAsync(\"sequence.log\", sequence.I…' in 'SequenceExtensions.AwaitProcessingAsync'"));
    }

    // An event bus (real code: a daemon) invokes its subscribers in a fire-and-forget fashion; each run carries a continuation
    // that logs its fault.
    private const string EventBroadcast = """
        using System.Collections.Generic;
        using System.Linq;

        class EventBus
        {
            private readonly Dictionary<string, Func<string, Task>> _subscribers = new();

            public List<string> Errors { get; } = new();

            public void Raise(string data)
            {
                {|#0:_ = Task.WhenAll(_subscribers.Select(subscriber =>
                    Task.Run(() => subscriber.Value(data))
                        .ContinueWith(
                            task => Errors.Add($"Subscriber {subscriber.Key} failed: {task.Exception}"),
                            TaskContinuationOptions.OnlyOnFaulted)))|};
            }
        }
        """;

    [Fact]
    public async Task WhenAllOfRunsObservedByFaultContinuations_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + EventBroadcast.Replace("{|#0:", "").Replace(")))|};", ")));") + Stubs);
    }

    [Fact]
    public async Task WhenAllOfRunsWithContinuationsIgnoringFaults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + EventBroadcast.Replace("task => Errors.Add($\"Subscriber {subscriber.Key} failed: {task.Exception}\")", "_ => Errors.Add(subscriber.Key)")
                .Replace("TaskContinuationOptions.OnlyOnFaulted", "TaskContinuationOptions.ExecuteSynchronously") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("WhenAll", "'subscriber.Value(data)'"));
    }

    // An event bus (real code: a scratchpad app) asks each subscription whether an event is for it: the subscription returns
    // early for an event of another type, then casts it.
    private const string TypedSubscription = """
        interface IEvent { int Id { get; } }
        class Saved : IEvent { public int Id { get; set; } }

        class Subscription<TEvent> where TEvent : class, IEvent
        {
            public bool ShouldAttemptDelivery(IEvent @event)
            {
                if (@event == null)
                    return false;

                if (!typeof(TEvent).IsAssignableFrom(@event.GetType()))
                    return false;

                return ((TEvent)@event).Id > 0;
            }
        }

        class Bus
        {
            private readonly Subscription<Saved> _subscription = new();
            public bool Delivered { get; private set; }

            public void Raise(IEvent @event) => {|#0:_ = PublishAsync(@event)|};

            private async Task PublishAsync(IEvent @event)
            {
                await Task.Yield();
                Delivered = _subscription.ShouldAttemptDelivery(@event);
            }
        }
        """;

    [Fact]
    public async Task CalleeCastingAfterTypeCheck_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + TypedSubscription.Replace("{|#0:", "").Replace("(@event)|};", "(@event);") + Stubs);
    }

    [Fact]
    public async Task CalleeCastingAfterCheckOfAnotherType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + TypedSubscription.Replace("typeof(TEvent).IsAssignableFrom", "typeof(IEvent).IsAssignableFrom") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("PublishAsync", "'(TEvent)@event' in 'Subscription.ShouldAttemptDelivery'"));
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

    // Callee summaries (issue: real-code precision). A timer or observer whose method is not async and returns
    // Task.CompletedTask: the discarded task is complete, nothing can fault later.
    [Fact]
    public async Task CalleeReturnsCompletedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class InactivityObserver
            {
                System.Timers.Timer? _timer;

                public Task RestartTimer()
                {
                    _timer?.Stop();
                    _timer?.Start();
                    return Task.CompletedTask;
                }

                public Task<int> CountAsync(int[] items) => Task.FromResult(items.Length);
            }

            class C
            {
                void OnMessage(InactivityObserver observer, int[] items)
                {
                    _ = observer.RestartTimer();
                    _ = observer.CountAsync(items);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReturnsFromException_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Validator
            {
                public Task CheckAsync(string name) =>
                    name.Length == 0 ? Task.FromException(new ArgumentException("empty")) : Task.CompletedTask;
            }

            class C
            {
                void OnMessage(Validator validator, string name)
                {
                    [|_ = validator.CheckAsync(name)|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsOnlyCoveredCallees_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Sidebar
            {
                public async Task RefreshAsync(CancellationToken token)
                {
                    await LoadSubfoldersAsync(token);
                    await UpdateRecentItemsAsync();
                }

                async Task LoadSubfoldersAsync(CancellationToken token)
                {
                    try { await System.IO.File.ReadAllLinesAsync("folders.txt", token); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }

                async Task UpdateRecentItemsAsync()
                {
                    try { await System.IO.File.ReadAllTextAsync("recent.txt"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void OnLoaded(Sidebar sidebar)
                {
                    _ = sidebar.RefreshAsync(CancellationToken.None);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsOneUncoveredCallee_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Sidebar
            {
                public async Task RefreshAsync()
                {
                    await LoadSubfoldersAsync();
                    await UpdateRecentItemsAsync();
                }

                async Task LoadSubfoldersAsync()
                {
                    try { await System.IO.File.ReadAllLinesAsync("folders.txt"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }

                async Task UpdateRecentItemsAsync() => await System.IO.File.ReadAllTextAsync("recent.txt");
            }

            class C
            {
                void OnLoaded(Sidebar sidebar)
                {
                    [|_ = sidebar.RefreshAsync()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWithFlagPrologue_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Widget
            {
                bool _loading;
                bool _loaded;

                public async Task LoadAsync()
                {
                    _loading = true;
                    _loaded = false;
                    try
                    {
                        await System.IO.File.ReadAllTextAsync("widget.json");
                        _loaded = true;
                    }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                    finally { _loading = false; }
                }
            }

            class C
            {
                void Show(Widget widget) => _ = widget.LoadAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWithCallInPrologue_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Widget
            {
                public async Task LoadAsync(string path)
                {
                    var header = System.IO.File.ReadAllLines(path)[0];
                    try { await System.IO.File.ReadAllTextAsync(header); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void Show(Widget widget) => [|_ = widget.LoadAsync("w.json")|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task InterfaceWhoseImplementationsCatchEverything_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IJumpListService
            {
                Task AddFolderAsync(string path);
            }

            sealed class JumpListService : IJumpListService
            {
                public async Task AddFolderAsync(string path)
                {
                    try { await System.IO.File.AppendAllTextAsync("jumplist.txt", path); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                readonly IJumpListService _jumpList = new JumpListService();

                void OnNavigated(string path) => _ = Task.Run(() => _jumpList.AddFolderAsync(path));
            }
            """ + Stubs);
    }

    [Fact]
    public async Task InterfaceWithOneUncoveredImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IJumpListService
            {
                Task AddFolderAsync(string path);
            }

            sealed class JumpListService : IJumpListService
            {
                public async Task AddFolderAsync(string path)
                {
                    try { await System.IO.File.AppendAllTextAsync("jumplist.txt", path); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            sealed class RemoteJumpListService : IJumpListService
            {
                public Task AddFolderAsync(string path) => System.IO.File.AppendAllTextAsync("remote.txt", path);
            }

            class C
            {
                void OnNavigated(IJumpListService jumpList, string path) => [|_ = jumpList.AddFolderAsync(path)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task InterfaceWithoutImplementationHere_Reports()
    {
        // The implementation lives in another assembly: whatever it does, this compilation cannot show it is safe.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public interface IPublisher
            {
                Task PublishAsync(string message);
            }

            class C
            {
                void OnSaved(IPublisher publisher) => [|_ = publisher.PublishAsync("saved")|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task RecursiveCallees_Reports()
    {
        // A cycle is cut short (Unknown) and not cached; the uncovered await of the library call still makes it Yes.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Crawler
            {
                public async Task CrawlAsync(int depth)
                {
                    await System.IO.File.ReadAllTextAsync("page" + depth);
                    if (depth > 0)
                    {
                        await CrawlAsync(depth - 1);
                    }
                }
            }

            class C
            {
                void Start(Crawler crawler) => [|_ = crawler.CrawlAsync(3)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DeepChainOfCoveredCallees_BeyondTheBound_NoDiagnostic()
    {
        // Four calls deep: the walk stops at three and answers Unknown, which never reports.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Chain
            {
                public async Task A() => await B();
                async Task B() => await D();
                async Task D() => await E();
                async Task E() => await F();
                async Task F()
                {
                    try { await System.IO.File.ReadAllTextAsync("x"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void Start(Chain chain) => _ = chain.A();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ObservingExtensionHelper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Observing
            {
                public static Task LogExceptions(this Task task)
                {
                    task.ContinueWith(t => TaskHelpers.Log(t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
                    return task;
                }
            }

            class C
            {
                void Start(Service service) => _ = service.RefreshAsync().LogExceptions();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task WhenAllOfSafeTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class JumpList
            {
                public async Task RemoveFolderAsync(string path)
                {
                    try { await System.IO.File.WriteAllTextAsync("jumplist.txt", path); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void OnRemoved(JumpList jumpList, string a, string b) =>
                    _ = Task.WhenAll(jumpList.RemoveFolderAsync(a), jumpList.RemoveFolderAsync(b));
            }
            """ + Stubs);
    }

    [Fact]
    public async Task WhenAllWithOneUnsafeTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class JumpList
            {
                public async Task RemoveFolderAsync(string path)
                {
                    try { await System.IO.File.WriteAllTextAsync("jumplist.txt", path); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void OnRemoved(JumpList jumpList, Service service, string a) =>
                    [|_ = Task.WhenAll(jumpList.RemoveFolderAsync(a), service.RefreshAsync())|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReturnsAwaitedTaskRunOfCoveredMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RecentItems
            {
                public async Task<bool> UpdateRecentFoldersAsync() => await Task.Run(() => UpdateRecentItems(true));

                bool UpdateRecentItems(bool folders)
                {
                    try
                    {
                        System.IO.File.WriteAllText("recent.txt", folders.ToString());
                        return true;
                    }
                    catch
                    {
                        return false;
                    }
                }
            }

            class C
            {
                void OnChanged(RecentItems recent) => _ = recent.UpdateRecentFoldersAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReturnsAwaitedTaskRunOfUncoveredMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RecentItems
            {
                public async Task<bool> UpdateRecentFoldersAsync() => await Task.Run(() => UpdateRecentItems(true));

                bool UpdateRecentItems(bool folders)
                {
                    System.IO.File.WriteAllText("recent.txt", folders.ToString());
                    return true;
                }
            }

            class C
            {
                void OnChanged(RecentItems recent) => [|_ = recent.UpdateRecentFoldersAsync()|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWithUnresolvedCode_NoDiagnostic()
    {
        // A missing reference (or half-typed code): what the callee does cannot be known, so nothing is reported.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Preview
            {
                public async Task LoadAsync()
                {
                    var image = new {|CS0246:BitmapImage|}();
                    await image.SetSourceAsync();
                }
            }

            class C
            {
                void Show(Preview preview) => _ = preview.LoadAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWithUnresolvedCodeAndUncoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Preview
            {
                public async Task LoadAsync()
                {
                    var image = new {|CS0246:BitmapImage|}();
                    await System.IO.File.ReadAllBytesAsync("preview.png");
                }
            }

            class C
            {
                void Show(Preview preview) => [|_ = preview.LoadAsync()|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeSettingViewModelPropertiesAroundTry_NoDiagnostic()
    {
        // A properties page: progress flags on the view model around a covered size computation.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PropertiesViewModel : System.ComponentModel.INotifyPropertyChanged
            {
                bool _busy;

                public event System.ComponentModel.PropertyChangedEventHandler? PropertyChanged;

                public bool IsBusy
                {
                    get => _busy;
                    set { _busy = value; PropertyChanged?.Invoke(this, new System.ComponentModel.PropertyChangedEventArgs(nameof(IsBusy))); }
                }
            }

            class FolderProperties
            {
                readonly PropertiesViewModel _viewModel = new();

                public async Task GetFolderSizeAsync()
                {
                    _viewModel.IsBusy = true;
                    try { await System.IO.File.ReadAllBytesAsync("size.cache"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                    _viewModel.IsBusy = false;
                }
            }

            class C
            {
                void OnOpened(FolderProperties properties) => _ = properties.GetFolderSizeAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeSettingPlainObjectPropertyAfterTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Settings
            {
                public string Theme { get => _theme; set => _theme = value.Length > 0 ? value : throw new FormatException("empty theme"); }
                string _theme = "";
            }

            class Loader
            {
                readonly Settings _settings = new();

                public async Task LoadAsync(string theme)
                {
                    try { await System.IO.File.ReadAllBytesAsync("theme.cache"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                    _settings.Theme = theme;
                }
            }

            class C
            {
                void OnOpened(Loader loader) => [|_ = loader.LoadAsync("dark")|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeOnlyUpdatesState_NoDiagnostic()
    {
        // The discarded task recomputes counters from an in-memory snapshot: nothing in it fails in practice.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class StatusBarViewModel
            {
                readonly System.Collections.Generic.List<string> _selection = new();
                public string Summary { get; private set; } = "";

                public void OnSelectionChanged() => _ = UpdateSummaryAsync();

                async Task UpdateSummaryAsync()
                {
                    await Task.Yield();
                    var folders = 0;
                    foreach (var item in _selection)
                    {
                        if (item.EndsWith("/", StringComparison.Ordinal)) folders++;
                    }

                    Summary = string.Format("{0} items, {1} folders", _selection.Count, folders);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReadsDictionaryWithItsOwnKeys_NoDiagnostic()
    {
        // Every read takes a key the dictionary has: from its Keys, from the sequence it was built from, behind ContainsKey, or an
        // enum member of the compilation's own lookup table.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;
            using System.Linq;

            enum Unit { Bytes, Kilobytes }

            class ProgressModel
            {
                static readonly Dictionary<Unit, string> Labels = new() { [Unit.Bytes] = "B", [Unit.Kilobytes] = "KB" };
                readonly Dictionary<string, bool> _dirty = new();
                readonly Dictionary<string, int> _sizes = new();
                public string Status { get; private set; } = "";

                public void OnProgress(string[] names, string current, Unit unit) => _ = PublishAsync(names, current, unit);

                async Task PublishAsync(string[] names, string current, Unit unit)
                {
                    await Task.Yield();
                    foreach (var name in _dirty.Keys)
                    {
                        if (_dirty[name]) Status += name;
                    }

                    var lengths = names.ToDictionary(n => n, n => n.Length);
                    foreach (var name in names)
                    {
                        Status += lengths[name];
                    }

                    if (names.All(n => lengths[n] > 0) && _sizes.ContainsKey(current))
                    {
                        Status += _sizes[current];
                    }

                    if (!_sizes.ContainsKey(current))
                        return;

                    Status += _sizes[current] + Labels[unit];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReadsDictionaryWithKeyItDoesNotKnow_Reports()
    {
        // ContainsKey asked of another dictionary, and a dictionary keyed by something other than the sequence's elements.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;
            using System.Linq;

            class ProgressModel
            {
                readonly Dictionary<string, int> _sizes = new();
                readonly Dictionary<string, int> _counts = new();
                public string Status { get; private set; } = "";

                public void OnProgress(string[] names, string current)
                {
                    [|_ = PublishAsync(current)|];
                    [|_ = SummarizeAsync(names)|];
                }

                async Task PublishAsync(string current)
                {
                    await Task.Yield();
                    if (_counts.ContainsKey(current))
                    {
                        Status += _sizes[current];
                    }
                }

                async Task SummarizeAsync(string[] names)
                {
                    await Task.Yield();
                    var lengths = names.ToDictionary(n => n.Trim(), n => n.Length);
                    foreach (var name in names)
                    {
                        Status += lengths[name];
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReadsRegistryWithFallback_NoDiagnostic()
    {
        // A registry read answers null or the fallback for a missing key or value.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using Microsoft.Win32;

            class RecentItems
            {
                public bool Enabled { get; private set; }

                public void Refresh() => _ = RefreshAsync();

                async Task RefreshAsync()
                {
                    await Task.Yield();
                    using var key = Registry.CurrentUser.OpenSubKey(@"Software\Policies\Explorer");
                    Enabled = key?.GetValue("NoRecentDocsHistory", 0) is not 1;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeListsRegistrySubKeys_NoDiagnostic()
    {
        // Listing a key's subkeys and values is a read, like GetValue.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using Microsoft.Win32;

            class TagStore
            {
                public System.Collections.Generic.List<string> Tags { get; } = new();

                public void Reload() => _ = ReloadAsync();

                async Task ReloadAsync()
                {
                    await Task.Yield();
                    using var key = Registry.CurrentUser.OpenSubKey(@"Software\Contoso\Tags");
                    if (key is null)
                        return;

                    Tags.AddRange(key.GetSubKeyNames());
                    Tags.AddRange(key.GetValueNames());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWritesRegistry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using Microsoft.Win32;

            class RecentItems
            {
                public void Disable() => [|_ = DisableAsync()|];

                async Task DisableAsync()
                {
                    await Task.Yield();
                    using var key = Registry.CurrentUser.CreateSubKey(@"Software\Policies\Explorer");
                    key.SetValue("NoRecentDocsHistory", 1);
                }
            }
            """ + Stubs);
    }

    /// <summary>Compiled stand-ins for a third-party library and for the WinRT launcher, referenced as metadata (packages, not source).</summary>
    private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference[]> Libraries = new(() => new[]
    {
        AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("GitLib", """
            namespace GitLib
            {
                public class GitException : System.Exception { }
                public sealed class RepositoryNotFoundException : GitException { }
                public sealed class Repository : System.IDisposable
                {
                    public Repository(string path) { }
                    public string Head => "";
                    public void Dispose() { }
                }
            }
            """),
        AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("Microsoft.Extensions.Http", """
            namespace System.Net.Http
            {
                public interface IHttpClientFactory
                {
                    HttpClient CreateClient(string name);
                }
            }
            """),
        AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("OtherLib", """
            namespace OtherLib
            {
                public class OtherException : System.Exception { }
            }
            """),
        AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("Windows.Foundation.UniversalApiContract", """
            namespace Windows.Foundation
            {
                public interface IAsyncOperation<T> { }
            }

            namespace Windows.System
            {
                public static class Launcher
                {
                    public static global::System.Threading.Tasks.Task<bool> LaunchUriAsync(global::System.Uri uri) => global::System.Threading.Tasks.Task.FromResult(true);
                    public static Windows.Foundation.IAsyncOperation<bool> LaunchFolderPathAsync(string path) => null!;
                }
            }

            namespace Windows.Storage
            {
                public static class FileIO
                {
                    public static Windows.Foundation.IAsyncOperation<string> ReadTextAsync(string path) => null!;
                }
            }

            namespace System
            {
                public static class WindowsRuntimeSystemExtensions
                {
                    public static global::System.Threading.Tasks.Task<T> AsTask<T>(this global::Windows.Foundation.IAsyncOperation<T> operation) => null!;
                }
            }
            """),
    });

    private static async Task VerifyWithLibrariesAsync(string source)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.AddRange(Libraries.Value);
        await test.RunAsync();
    }

    [Fact]
    public async Task TaskRunLambdaTakingClientFromFactoryBeforeCoveredWork_NoDiagnostic()
    {
        // The factory hands out a configured client: no I/O until the post, which is covered.
        await VerifyWithLibrariesAsync(Usings + WebhookCall.Replace("{|#0:", "").Replace("})|};", "});")
            .Replace("using var http = new HttpClient();", "using var http = Factory.CreateClient(\"webhooks\");")
            .Replace("class Webhooks\n{", "class Webhooks\n{\n    public IHttpClientFactory Factory { get; set; } = null!;") + Stubs);
    }

    [Fact]
    public async Task CalleeCatchingTheLibrarysOwnException_NoDiagnostic()
    {
        // The repository may be gone since it was found: the library's own exception type is caught around the open.
        await VerifyWithLibrariesAsync(Usings + """
            using GitLib;

            class BranchLabel
            {
                public string? Text { get; private set; }

                public void Refresh(string path) => _ = RefreshAsync(path);

                async Task RefreshAsync(string path)
                {
                    Text = await Task.Run(() =>
                    {
                        try
                        {
                            using var repository = new Repository(path);
                            return repository.Head;
                        }
                        catch (GitException)
                        {
                            return null;
                        }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeCatchingAnotherLibrarysException_Reports()
    {
        await VerifyWithLibrariesAsync(Usings + """
            using GitLib;

            class BranchLabel
            {
                public string? Text { get; private set; }

                public void Refresh(string path) => [|_ = RefreshAsync(path)|];

                async Task RefreshAsync(string path)
                {
                    Text = await Task.Run(() =>
                    {
                        try
                        {
                            using var repository = new Repository(path);
                            return repository.Head;
                        }
                        catch (OtherLib.OtherException)
                        {
                            return null;
                        }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitingAsTaskOfQuietOperation_NoDiagnostic()
    {
        // AsTask() only adapts the WinRT operation: the launch it wraps decides, and a launch reports through its bool.
        await VerifyWithLibrariesAsync(Usings + """
            class FolderLink
            {
                public bool Opened { get; private set; }

                public void OnClick(string folder) => _ = OpenAsync(folder);

                async Task OpenAsync(string folder)
                {
                    await Task.Yield();
                    Opened = await Windows.System.Launcher.LaunchFolderPathAsync(folder).AsTask();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitingAsTaskOfFileRead_Reports()
    {
        await VerifyWithLibrariesAsync(Usings + """
            class NotesView
            {
                public string? Text { get; private set; }

                public void OnClick(string path) => [|_ = LoadAsync(path)|];

                async Task LoadAsync(string path)
                {
                    await Task.Yield();
                    Text = await Windows.Storage.FileIO.ReadTextAsync(path).AsTask();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeCatchingANarrowExceptionOfTheLibrary_Reports()
    {
        // Only a missing repository is handled; the library's other failures still fault the task.
        await VerifyWithLibrariesAsync(Usings + """
            using GitLib;

            class BranchLabel
            {
                public string? Text { get; private set; }

                public void Refresh(string path) => [|_ = RefreshAsync(path)|];

                async Task RefreshAsync(string path)
                {
                    Text = await Task.Run(() =>
                    {
                        try
                        {
                            using var repository = new Repository(path);
                            return repository.Head;
                        }
                        catch (RepositoryNotFoundException)
                        {
                            return null;
                        }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeLaunchingUri_NoDiagnostic()
    {
        // Launcher.LaunchUriAsync reports a failed launch through its bool result.
        await VerifyWithLibrariesAsync(Usings + """
            class HelpLink
            {
                public bool Opened { get; private set; }

                public void OnClick(string topic) => _ = OpenAsync(topic);

                async Task OpenAsync(string topic)
                {
                    await Task.Yield();
                    Opened = await Windows.System.Launcher.LaunchUriAsync(new Uri("https://example.com/help"));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeCatchingHowProcessCallsFail_NoDiagnostic()
    {
        // A refused start (a canceled elevation prompt), a process in the wrong state and a timeout all end in false.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.ComponentModel;
            using System.Diagnostics;

            class DriveTools
            {
                public bool? LastResult { get; private set; }

                public void Format(string drive) => _ = FormatAsync(drive);

                async Task FormatAsync(string drive)
                {
                    LastResult = await RunElevatedAsync("format " + drive);
                }

                static async Task<bool> RunElevatedAsync(string arguments)
                {
                    using var process = new Process { StartInfo = new ProcessStartInfo("cmd.exe", arguments) { Verb = "runas", UseShellExecute = true } };
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    try
                    {
                        process.Start();
                        await process.WaitForExitAsync(timeout.Token);
                        return process.ExitCode == 0;
                    }
                    catch (OperationCanceledException)
                    {
                        return false;
                    }
                    catch (InvalidOperationException)
                    {
                        return false;
                    }
                    catch (Win32Exception)
                    {
                        return false;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeListingLocalProcesses_NoDiagnostic()
    {
        // A snapshot of the local machine's processes is empty when none matches; killing one is caught.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Diagnostics;

            class Startup
            {
                public int Stale { get; private set; }

                public void OnLaunched() => _ = CleanUpAsync();

                async Task CleanUpAsync()
                {
                    await Task.Yield();
                    foreach (var process in Process.GetProcessesByName("Files.Server"))
                    {
                        if (process.Id == Process.GetCurrentProcess().Id) continue;
                        Stale++;
                        try { process.Kill(); } catch (Exception) { }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeKillingLocalProcesses_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Diagnostics;

            class Startup
            {
                public void OnLaunched() => [|_ = CleanUpAsync()|];

                async Task CleanUpAsync()
                {
                    await Task.Yield();
                    foreach (var process in Process.GetProcessesByName("Files.Server"))
                    {
                        process.Kill();
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeCatchingOnlyTheRefusedStart_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.ComponentModel;
            using System.Diagnostics;

            class DriveTools
            {
                public bool? LastResult { get; private set; }

                public void Format(string drive) => [|_ = FormatAsync(drive)|];

                async Task FormatAsync(string drive)
                {
                    LastResult = await RunElevatedAsync("format " + drive);
                }

                static async Task<bool> RunElevatedAsync(string arguments)
                {
                    using var process = new Process { StartInfo = new ProcessStartInfo("cmd.exe", arguments) { Verb = "runas", UseShellExecute = true } };
                    try
                    {
                        process.Start();
                        await process.WaitForExitAsync();
                        return process.ExitCode == 0;
                    }
                    catch (Win32Exception)
                    {
                        return false;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWithExplicitUpcast_NoDiagnostic()
    {
        // (IItem?)folder only restates that a folder is an item: the conversion is implicit, the cast cannot fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IItem { string Name { get; } }
            interface IFolder : IItem { }
            interface IFile : IItem { }

            class TagsWidget
            {
                public IItem? Current { get; private set; }

                public void Show(IFolder? folder, IFile? file) => _ = ShowAsync(folder, file);

                async Task ShowAsync(IFolder? folder, IFile? file)
                {
                    await Task.Yield();
                    Current = (IItem?)folder ?? file;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWithInterfaceDowncast_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IItem { string Name { get; } }
            interface IFolder : IItem { }

            class TagsWidget
            {
                public IFolder? Current { get; private set; }
                public IItem? Selected { get; set; }

                public void Show() => [|_ = ShowAsync()|];

                async Task ShowAsync()
                {
                    await Task.Yield();
                    Current = (IFolder?)Selected;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeKeepsItsTaskInFieldItsTypeAwaits_NoDiagnostic()
    {
        // The session handler keeps the processing loop's task and awaits it when it is disposed: the loop's fault is seen there.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            sealed class SessionHandler : IAsyncDisposable
            {
                private Task? _processing;
                private CancellationTokenSource? _cts;

                public Task ProcessMessagesAsync(CancellationToken cancellationToken)
                {
                    if (_processing is not null)
                        throw new InvalidOperationException("already started");

                    _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    _processing = ProcessCoreAsync(_cts.Token);
                    return _processing;
                }

                private async Task ProcessCoreAsync(CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                        await System.IO.File.ReadAllTextAsync("inbox.txt", cancellationToken);
                }

                public async ValueTask DisposeAsync()
                {
                    _cts?.Cancel();
                    if (_processing is not null)
                    {
                        try
                        {
                            await _processing.ConfigureAwait(false);
                        }
                        catch
                        {
                        }
                    }
                }
            }
            class Client
            {
                private readonly SessionHandler _handler = new();

                public void Start(CancellationToken token) => _ = _handler.ProcessMessagesAsync(token);
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeKeepsItsTaskInFieldNobodyAwaits_Reports()
    {
        // Kept but never awaited (only checked for null): nobody sees the loop's fault.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            sealed class SessionHandler
            {
                private Task? _processing;

                public Task ProcessMessagesAsync(CancellationToken cancellationToken)
                {
                    if (_processing is not null)
                        throw new InvalidOperationException("already started");

                    _processing = ProcessCoreAsync(cancellationToken);
                    return _processing;
                }

                private async Task ProcessCoreAsync(CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                        await System.IO.File.ReadAllTextAsync("inbox.txt", cancellationToken);
                }

                public bool IsRunning => _processing is { IsCompleted: false };
            }
            class Client
            {
                private readonly SessionHandler _handler = new();

                public void Start(CancellationToken token) => [|_ = _handler.ProcessMessagesAsync(token)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsPrivateFieldItJustAssigned_NoDiagnostic()
    {
        // The socket keeps its close task in a field it also clears; the reconnect stores a covered close in it and awaits it at once.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class WebSocketClient
            {
                private Task? _closeTask;
                private readonly System.Net.WebSockets.ClientWebSocket _socket = new();

                public async Task ReconnectAsync()
                {
                    _closeTask = CloseInternalAsync();
                    await _closeTask.ConfigureAwait(false);
                }

                public async Task WaitClosedAsync()
                {
                    while (_closeTask == null)
                        await Task.Delay(50);

                    await _closeTask.ConfigureAwait(false);
                    _closeTask = null;
                }

                private async Task CloseInternalAsync()
                {
                    try
                    {
                        await _socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            class Subscription
            {
                private readonly WebSocketClient _client = new();

                public void Resubscribe() => _ = _client.ReconnectAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsPrivateFieldJustAssignedUncoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class WebSocketClient
            {
                private Task? _closeTask;
                private readonly System.Net.WebSockets.ClientWebSocket _socket = new();

                public async Task ReconnectAsync()
                {
                    _closeTask = CloseInternalAsync();
                    await _closeTask.ConfigureAwait(false);
                    _closeTask = null;
                }

                private async Task CloseInternalAsync() =>
                    await _socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            class Subscription
            {
                private readonly WebSocketClient _client = new();

                public void Resubscribe() => [|_ = _client.ReconnectAsync()|];
            }
            """ + Stubs);
    }

    /// <summary>A socket interface and its real implementation, which only stores the proxy.</summary>
    private const string ProxySocket = """
        interface IWebSocket
        {
            void UpdateProxy(string? proxy);
            Task ReconnectAsync();
        }
        class WebSocketClient : IWebSocket
        {
            private string? _proxy;
            public void UpdateProxy(string? proxy) => _proxy = proxy;
            public Task ReconnectAsync() => Task.CompletedTask;
        }

        """;

    [Fact]
    public async Task CalleeWithPlaceholderImplementation_NoDiagnostic()
    {
        // The library's test fake leaves a member unimplemented; the real socket only stores the proxy.
        await VerifyCS.VerifyAnalyzerAsync(Usings + ProxySocket + """
            class TestSocket : IWebSocket
            {
                public void UpdateProxy(string? proxy)
                {
                    throw new NotImplementedException();
                }

                public Task ReconnectAsync() => throw new NotImplementedException();
            }
            class RecordingSocket : IWebSocket
            {
                public void UpdateProxy(string? proxy) => throw new NotImplementedException();
                public Task ReconnectAsync() => Task.CompletedTask;
            }
            class Connection
            {
                private readonly IWebSocket _socket;
                public Connection(IWebSocket socket) => _socket = socket;

                public async Task UpdateProxyAsync(string? proxy)
                {
                    _socket.UpdateProxy(proxy);
                    await _socket.ReconnectAsync();
                }
            }
            class Client
            {
                private readonly Connection _connection = new(new WebSocketClient());
                public void SetProxy(string? proxy) => _ = _connection.UpdateProxyAsync(proxy);
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeThrowingNotImplementedInBranch_Reports()
    {
        // Thrown for an input the code does not handle: a way the work fails.
        await VerifyCS.VerifyAnalyzerAsync(Usings + ProxySocket + """
            class TestSocket : IWebSocket
            {
                public void UpdateProxy(string? proxy)
                {
                    if (proxy is not null)
                        throw new NotImplementedException("proxies");
                }

                public Task ReconnectAsync() => Task.CompletedTask;
            }
            class Connection
            {
                private readonly IWebSocket _socket;
                public Connection(IWebSocket socket) => _socket = socket;

                public async Task UpdateProxyAsync(string? proxy)
                {
                    await Task.Yield();
                    _socket.UpdateProxy(proxy);
                    await _socket.ReconnectAsync();
                }
            }
            class Client
            {
                private readonly Connection _connection = new(new WebSocketClient());
                public void SetProxy(string? proxy) => [|_ = _connection.UpdateProxyAsync(proxy)|];
            }
            """ + Stubs);
    }

    /// <summary>An async lock whose wait queue hands back a canceled task when the token is canceled (as Nito.AsyncEx's does).</summary>
    private const string CancelingLock = """
        static class WaitQueue
        {
            public static Task<T> Enqueue<T>(object mutex, CancellationToken token)
            {
                if (token.IsCancellationRequested)
                    return Task.FromCanceled<T>(token);

                return new TaskCompletionSource<T>().Task;
            }
        }
        sealed class AsyncLock
        {
            private readonly object _mutex = new();
            public Task<IDisposable> LockAsync(CancellationToken token = default) => WaitQueue.Enqueue<IDisposable>(_mutex, token);
        }

        """;

    [Fact]
    public async Task CalleeAwaitsLockThatReturnsCanceledTask_NoDiagnostic()
    {
        // The lock's wait queue hands back a canceled task when the token is canceled: the maintenance task ends canceled, which
        // is no fault; the rest is in-memory bookkeeping.
        await VerifyCS.VerifyAnalyzerAsync(Usings + CancelingLock + """
            class MemoryCache
            {
                private readonly AsyncLock _lock = new();
                private readonly CancellationTokenSource _disposed = new();
                private readonly System.Collections.Generic.Dictionary<string, long> _sizes = new();

                public void StartMaintenance() => _ = Task.Run(DoMaintenanceAsync, _disposed.Token);

                private async Task DoMaintenanceAsync()
                {
                    using (await _lock.LockAsync(_disposed.Token))
                    {
                        _sizes.Clear();
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitsLockThenReadsAFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + CancelingLock + """
            class MemoryCache
            {
                private readonly AsyncLock _lock = new();
                private readonly CancellationTokenSource _disposed = new();
                private string _snapshot = "";

                public void StartMaintenance() => [|_ = Task.Run(DoMaintenanceAsync, _disposed.Token)|];

                private async Task DoMaintenanceAsync()
                {
                    using (await _lock.LockAsync(_disposed.Token))
                    {
                        _snapshot = await System.IO.File.ReadAllTextAsync("cache.snapshot");
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeReadsAFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class StatusBarViewModel
            {
                readonly System.Collections.Generic.List<string> _selection = new();
                public string Summary { get; private set; } = "";

                public void OnSelectionChanged() => [|_ = UpdateSummaryAsync()|];

                async Task UpdateSummaryAsync()
                {
                    await Task.Yield();
                    Summary = _selection.Count + " items, " + await System.IO.File.ReadAllTextAsync("quota.txt");
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunOfInMemoryWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TagIndex
            {
                System.Collections.Generic.Dictionary<string, int> _counts = new();
                readonly System.Collections.Generic.List<string> _tags = new();

                public void Rebuild()
                {
                    _ = Task.Run(() =>
                    {
                        var counts = new System.Collections.Generic.Dictionary<string, int>();
                        foreach (var tag in _tags)
                        {
                            counts.TryGetValue(tag, out var n);
                            counts[tag] = n + 1;
                        }

                        _counts = counts;
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunThatParsesInput_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TagIndex
            {
                int _limit;

                public void Apply(string text)
                {
                    {|#0:_ = Task.Run(() => { _limit = int.Parse(text); })|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'int.Parse(text)'"));
    }

    [Fact]
    public async Task CalleeAwaitsAbstractionWithoutImplementation_Reports()
    {
        // An awaited interface with no implementation here is a repository or a client elsewhere: unknown I/O.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IAuditLog { Task AppendAsync(string entry); }

            class Audit
            {
                public void Record(IAuditLog log, string entry) => [|_ = WriteAsync(log, entry)|];

                async Task WriteAsync(IAuditLog log, string entry)
                {
                    await Task.Yield();
                    await log.AppendAsync(entry);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperRunsDelegateInsideCatchAll_NoDiagnostic()
    {
        // The helper runs the work on its own thread inside a catch-all that logs, and completes its task either way.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StaThread
            {
                public static Task<T> Run<T>(Func<T> work)
                {
                    var source = new TaskCompletionSource<T>();
                    var thread = new Thread(() =>
                    {
                        try { source.SetResult(work()); }
                        catch (Exception ex) { TaskHelpers.Log(ex); source.SetResult(default); }
                    });
                    thread.Start();
                    return source.Task;
                }
            }

            class IconLoader
            {
                public byte[] Icon { get; private set; }

                public void OnPathChanged(string path) => _ = LoadAsync(path);

                async Task LoadAsync(string path)
                {
                    Icon = await StaThread.Run(() => System.IO.File.ReadAllBytes(path));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperRunsDelegateOutsideItsCatch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StaThread
            {
                public static async Task<T> Run<T>(Func<T> work)
                {
                    await Task.Yield();
                    try { TaskHelpers.Log(null); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                    return work();
                }
            }

            class IconLoader
            {
                public byte[] Icon { get; private set; }

                public void OnPathChanged(string path) => [|_ = LoadAsync(path)|];

                async Task LoadAsync(string path)
                {
                    Icon = await StaThread.Run(() => System.IO.File.ReadAllBytes(path));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeWrapsNativeHandle_NoDiagnostic()
    {
        // Wrapping a handle a native call returned throws nothing; the native call reports failure through the handle.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class NativeMethods
            {
                [System.Runtime.InteropServices.DllImport("kernel32.dll")]
                public static extern IntPtr CreateFileW(string name, uint access, uint share, IntPtr security, uint mode, uint flags, IntPtr template);
            }

            class SizeProbe
            {
                public bool Valid { get; private set; }

                public void OnSelected(string path) => _ = ProbeAsync(path);

                async Task ProbeAsync(string path)
                {
                    await Task.Yield();
                    using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(NativeMethods.CreateFileW(path, 0, 7, IntPtr.Zero, 3, 0, IntPtr.Zero), true);
                    Valid = !handle.IsInvalid;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeOpensAFileStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class SizeProbe
            {
                public long Length { get; private set; }

                public void OnSelected(string path) => [|_ = ProbeAsync(path)|];

                async Task ProbeAsync(string path)
                {
                    await Task.Yield();
                    using var stream = new System.IO.FileStream(path, System.IO.FileMode.Open);
                    Length = stream.Length;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeOnlyGuardsInvariants_NoDiagnostic()
    {
        // The only throws left are guards of the object's own state: a bug, not a failure in practice.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TabViewModel
            {
                public object PaneHolder { get; set; }
                public string Title { get; private set; } = "";

                public void OnTabSelected(string name) => _ = FocusAsync(name);

                async Task FocusAsync(string name)
                {
                    await Task.Delay(100);
                    var pane = PaneHolder ?? throw new InvalidOperationException("The tab has no pane holder.");
                    Title = (name ?? throw new ArgumentNullException(nameof(name))) + pane.GetHashCode();
                }
            }
            """ + Stubs);
    }

    private const string ThreadAssertion = """
        static class ThreadHelper
        {
            public static bool IsOnMainThread => Environment.CurrentManagedThreadId == 1;

            public static void ThrowIfNotOnUIThread()
            {
                if (!IsOnMainThread)
                {
                    throw new System.Runtime.InteropServices.COMException("must be called on the UI thread");
                }
            }
        }

        class RevisionGrid
        {
            public string Status { get; private set; } = "";

            public void OnRefreshClicked() => {|#0:_ = ShowStatusAsync()|};

            async Task ShowStatusAsync()
            {
                await Task.Yield();
                ThreadHelper.ThrowIfNotOnUIThread();
                Status = "refreshed";
            }
        }
        """;

    [Fact]
    public async Task CalleeAssertsItsThread_NoDiagnostic()
    {
        // A desktop app's thread assertion: it throws only when a caller is on the wrong thread, a bug, not a failure in practice.
        await VerifyCS.VerifyAnalyzerAsync(Usings + ThreadAssertion.Replace("{|#0:", "").Replace("ShowStatusAsync()|}", "ShowStatusAsync()") + Stubs);
    }

    [Fact]
    public async Task CalleeAssertsItsThreadThenReadsFile_ReportsTheRead()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ThreadAssertion.Replace("Status = \"refreshed\";", "Status = await System.IO.File.ReadAllTextAsync(\"status.txt\");") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ShowStatusAsync", "'System.IO.File.ReadAllTextAsync(\"status.txt\")' in 'RevisionGrid.ShowStatusAsync'"));
    }

    [Fact]
    public async Task CalleeReadsItsOwnMemoryStream_NoDiagnostic()
    {
        // The buffer is memory the callee made: GetBuffer and ToArray fail only on misuse.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class OutputView
            {
                public string Text { get; private set; } = "";

                public void OnShown(byte[] data) => _ = RenderAsync(data);

                async Task RenderAsync(byte[] data)
                {
                    await Task.Yield();
                    using var buffer = new System.IO.MemoryStream();
                    buffer.Write(data, 0, data.Length);
                    Text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + buffer.ToArray().Length;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeCopiesItsMemoryStreamToAnotherStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class OutputView
            {
                public void OnSaved(byte[] data, System.IO.Stream target) => {|#0:_ = SaveAsync(data, target)|};

                async Task SaveAsync(byte[] data, System.IO.Stream target)
                {
                    await Task.Yield();
                    using var buffer = new System.IO.MemoryStream(data);
                    await buffer.CopyToAsync(target);
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("SaveAsync", "'buffer.CopyToAsync(target)' in 'OutputView.SaveAsync'"));
    }

    private const string ForgetHelper = """
        static class TaskExtensions
        {
            public static void FireAndForget(this Task task)
            {
                if (!task.IsCompleted || task.IsFaulted)
                {
                    {|#0:_ = ForgetAsync(task)|};
                }
            }

            private static async Task ForgetAsync(Task task)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        """;

    [Fact]
    public async Task HelperAwaitingItsTaskSuppressingThrowing_NoDiagnostic()
    {
        // A client library's fire-and-forget helper: the await suppresses whatever the task ends in.
        await VerifyCS.VerifyAnalyzerAsync(Usings + ForgetHelper.Replace("{|#0:", "").Replace("(task)|}", "(task)") + Stubs);
    }

    [Fact]
    public async Task HelperAwaitingItsTaskWithoutSuppressingThrowing_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + ForgetHelper.Replace("ConfigureAwaitOptions.SuppressThrowing", "ConfigureAwaitOptions.ContinueOnCapturedContext") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ForgetAsync", "'await task.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCa…' in 'TaskExtensions.ForgetAsync'"));
    }

    private const string WindowFactory = """
        class WindowService
        {
            public string Shown { get; private set; } = "";

            public void OnGoToLine(object viewModel) => {|#0:_ = ShowAsync<WindowService>(viewModel)|};

            async Task ShowAsync<TWindow>(object viewModel) where TWindow : class
            {
                await Task.Yield();
                var w = Activator.CreateInstance(typeof(TWindow), viewModel);
                var window = (TWindow)w!;
                Shown = window.ToString() ?? "";
            }
        }
        """;

    [Fact]
    public async Task CalleeCastingInstanceItCreatedFromTheSameType_NoDiagnostic()
    {
        // A window service makes the window by reflection from typeof(TWindow), then casts it to TWindow: the cast cannot fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + WindowFactory.Replace("{|#0:", "").Replace("(viewModel)|}", "(viewModel)") + Stubs);
    }

    [Fact]
    public async Task CalleeCastingInstanceCreatedFromAnotherType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + WindowFactory.Replace("typeof(TWindow), viewModel", "viewModel.GetType()") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ShowAsync", "'(TWindow)w!' in 'WindowService.ShowAsync'"));
    }

    // The same service checking the instance for null instead of casting it.
    private static readonly string CheckedWindowFactory = WindowFactory.Replace("""
                var window = (TWindow)w!;
                Shown = window.ToString() ?? "";
        """, """
                if (w == null)
                {
                    throw new InvalidOperationException($"Failed to create {typeof(TWindow).Name}");
                }

                Shown = w.ToString() ?? "";
        """);

    [Fact]
    public async Task CalleeNullCheckingTheInstanceItCreated_NoDiagnostic()
    {
        // The window service's defensive check: CreateInstance of a class returns the instance or throws, never null.
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + CheckedWindowFactory.Replace("{|#0:", "").Replace("(viewModel)|}", "(viewModel)") + Stubs);
    }

    [Fact]
    public async Task CalleeNullCheckingAValueItLookedUp_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + CheckedWindowFactory.Replace("Activator.CreateInstance(typeof(TWindow), viewModel)", "Type.GetType(\"App.\" + typeof(TWindow).Name)") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ShowAsync", "'throw new InvalidOperationException($\"Failed to create {type…' in 'WindowService.ShowAsync'"));
    }

    [Fact]
    public async Task CalleeThrowsOnAStateItChecks_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TabViewModel
            {
                public bool Loaded { get; set; }

                public void OnTabSelected(string name) => [|_ = FocusAsync(name)|];

                async Task FocusAsync(string name)
                {
                    await Task.Delay(100);
                    if (!Loaded)
                        throw new InvalidOperationException("The tab " + name + " is not loaded yet.");
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperWhoseRethrowNeedsAnArgument_NoDiagnostic()
    {
        // The helper rethrows only the exceptions of a type it is given; this call gives none, so the file read is covered.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static async Task<bool> IgnoreExceptions(Func<Task> action, Action<Exception> log = null, Type exceptionToIgnore = null)
                {
                    try
                    {
                        await action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            log?.Invoke(ex);
                            return false;
                        }

                        throw;
                    }
                }
            }

            class Preview
            {
                public string Text { get; private set; } = "";

                public void OnSelected(string path) => _ = LoadAsync(path);

                async Task LoadAsync(string path)
                {
                    await Task.Yield();
                    await Safety.IgnoreExceptions(async () => Text = await System.IO.File.ReadAllTextAsync(path), TaskHelpers.Log);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TaskRunAwaitingTaskParameter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Background
            {
                public void Start(Task previous)
                {
                    {|#0:_ = Task.Run(async () =>
                    {
                        await previous;
                    })|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'await previous'"));
    }

    [Fact]
    public async Task CalleeNormalizingPathBeforeIcon_NoDiagnostic()
    {
        // Path.GetFullPath is string work over the current directory; the shell call after it catches everything.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Breadcrumb
            {
                public string Icon { get; set; }

                public async Task LoadIconAsync(string path)
                {
                    var normalized = System.IO.Path.GetFullPath(path).TrimEnd('\\').ToUpperInvariant();
                    try { Icon = await System.IO.File.ReadAllTextAsync(normalized + ".ico"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void Show(Breadcrumb crumb) => _ = crumb.LoadIconAsync("C:/Users");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingInsideCatchOfFormatException_NoDiagnostic()
    {
        // The parse's failure is caught by name; the icon load after it catches everything.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Breadcrumb
            {
                public string Icon { get; set; }

                static string Normalize(string path)
                {
                    try
                    {
                        return new Uri(path).LocalPath.ToUpperInvariant();
                    }
                    catch (Exception ex) when (ex is UriFormatException || ex is ArgumentException)
                    {
                        return path;
                    }
                }

                public async Task LoadIconAsync(string path)
                {
                    var key = Normalize(path);
                    try { Icon = await System.IO.File.ReadAllTextAsync(key + ".ico"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void Show(Breadcrumb crumb, string path) => _ = crumb.LoadIconAsync(path);
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingOutsideAnyCatch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Breadcrumb
            {
                public string Icon { get; set; }

                public async Task LoadIconAsync(string path)
                {
                    var key = new Uri(path).LocalPath;
                    try { Icon = await System.IO.File.ReadAllTextAsync(key + ".ico"); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void Show(Breadcrumb crumb, string path) => [|_ = crumb.LoadIconAsync(path)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingInsideCatchOfOtherException_Reports()
    {
        // A catch of an I/O failure does not handle a malformed number.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Counter
            {
                public int Count { get; set; }

                public async Task LoadAsync(string text)
                {
                    await Task.Yield();
                    try { Count = int.Parse(text); }
                    catch (System.IO.IOException ex) { TaskHelpers.Log(ex); }
                }
            }

            class C
            {
                void Show(Counter counter, string text) => [|_ = counter.LoadAsync(text)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeAwaitingCompletedTaskProperty_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TagsWidget
            {
                readonly System.Collections.Generic.List<string> _tags = new();

                public async Task RefreshAsync()
                {
                    _tags.Clear();
                    await Task.CompletedTask;
                    _tags.Add("none");
                }
            }

            class C
            {
                void Show(TagsWidget widget) => _ = widget.RefreshAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperAwaitingCompletionOfBlockRunningItsDelegate_NoDiagnostic()
    {
        // The block's completion faults only with the delegate it runs, and the caller's delegate catches everything.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Parallel2
            {
                public static async Task ForEachAsync<T>(System.Collections.Generic.IEnumerable<T> source, Func<T, Task> body)
                {
                    var block = new System.Threading.Tasks.Dataflow.ActionBlock<T>(body, new System.Threading.Tasks.Dataflow.ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 4 });
                    foreach (var item in source)
                    {
                        block.Post(item);
                    }

                    block.Complete();
                    await block.Completion;
                }
            }

            class IconLoader
            {
                void Load(System.Collections.Generic.List<string> paths) => _ = Parallel2.ForEachAsync(paths, async path =>
                {
                    try { await System.IO.File.ReadAllBytesAsync(path); }
                    catch (Exception ex) { TaskHelpers.Log(ex); }
                });
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperAwaitingCompletionOfBlockRunningFailingDelegate_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Parallel2
            {
                public static async Task ForEachAsync<T>(System.Collections.Generic.IEnumerable<T> source, Func<T, Task> body)
                {
                    var block = new System.Threading.Tasks.Dataflow.ActionBlock<T>(body, new System.Threading.Tasks.Dataflow.ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 4 });
                    foreach (var item in source)
                    {
                        block.Post(item);
                    }

                    block.Complete();
                    await block.Completion;
                }
            }

            class IconLoader
            {
                void Load(System.Collections.Generic.List<string> paths) => [|_ = Parallel2.ForEachAsync(paths, async path => await System.IO.File.ReadAllBytesAsync(path))|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingOwnStaticAddress_NoDiagnostic()
    {
        // The address is the application's own, not input.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class AppInfo
            {
                public static string IconPath => "ms-appx:///Assets/AppIcon.png";
            }

            class Breadcrumb
            {
                public Uri Icon { get; set; }

                public async Task LoadIconAsync()
                {
                    await Task.Yield();
                    Icon = new Uri(AppInfo.IconPath);
                }
            }

            class C
            {
                void Show(Breadcrumb crumb) => _ = crumb.LoadIconAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingInputAddress_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Breadcrumb
            {
                public Uri Icon { get; set; }

                public async Task LoadIconAsync(string address)
                {
                    await Task.Yield();
                    Icon = new Uri(address);
                }
            }

            class C
            {
                void Show(Breadcrumb crumb, string text) => [|_ = crumb.LoadIconAsync(text)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task FireAndForgetOfLaunchFourCallsDeep_Reports()
    {
        // The process start sits four calls below the dropped task; the walk reaches it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Launcher
            {
                public static async Task<bool> InvokeAsync(string path) => await InvokeAllAsync(path);

                static async Task<bool> InvokeAllAsync(string path) => await LaunchAsync(path ?? throw new InvalidOperationException("no path"));

                static Task<bool> LaunchAsync(string application) => StartAsync(application);

                static async Task<bool> StartAsync(string application)
                {
                    await Task.Yield();
                    try
                    {
                        using var process = new System.Diagnostics.Process();
                        process.StartInfo.FileName = application;
                        return process.Start();
                    }
                    catch (System.ComponentModel.Win32Exception)
                    {
                        return false;
                    }
                }
            }

            class Widget
            {
                public void Open(string path)
                {
                    try
                    {
                        [|_ = Launcher.InvokeAsync(path)|];
                    }
                    catch (Exception) { }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingOwnIconLookup_NoDiagnostic()
    {
        // The icon address comes from the application's own table, looked up with a constant.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            enum Section { Home, Drives }

            static class SectionIcons
            {
                public static string For(Section section) => section == Section.Home ? "ms-appx:///Assets/Home.png" : null;
            }

            class Breadcrumb
            {
                public Uri Icon { get; set; }

                public async Task LoadIconAsync()
                {
                    await Task.Yield();
                    var iconPath = SectionIcons.For(Section.Home) ?? throw new InvalidOperationException("no icon");
                    Icon = new Uri(iconPath);
                }
            }

            class C
            {
                void Show(Breadcrumb crumb) => _ = crumb.LoadIconAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingIconLookupByEnumProperty_NoDiagnostic()
    {
        // The section is an enum: whatever its value, the table answers one of its own addresses or null, and null is skipped.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            enum Section { Home, Drives, Network }

            static class SectionIcons
            {
                public static string For(Section section) => section switch
                {
                    Section.Home => "ms-appx:///Assets/Home.png",
                    Section.Drives => "ms-appx:///Assets/Drives.png",
                    _ => null,
                };
            }

            class SidebarItem
            {
                public Section Section { get; set; }
                public Uri Icon { get; set; }
            }

            class Sidebar
            {
                readonly System.Collections.Generic.List<SidebarItem> _items = new();

                public void OnThemeChanged() => _ = RefreshIconsAsync();

                async Task RefreshIconsAsync()
                {
                    await Task.Yield();
                    foreach (var item in _items)
                    {
                        var icon = SectionIcons.For(item.Section);
                        if (icon is null)
                            continue;

                        item.Icon = new Uri(icon);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingOwnSchemeAddressWithEscapedParts_NoDiagnostic()
    {
        // The app's own scheme, the path escaped, the drop point numbers: the address is well formed.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Windows
            {
                readonly System.Collections.Generic.List<Uri> _requests = new();

                public void Detach(string path, int? x, int? y) => _ = RequestWindowAsync(path, x, y);

                async Task RequestWindowAsync(string path, int? dropX, int? dropY)
                {
                    await Task.Yield();
                    var drop = dropX is int x && dropY is int y ? $"&x={x}&y={y}" : "";
                    _requests.Add(new Uri($"myapp:?folder={Uri.EscapeDataString(path)}{drop}"));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingEscapedTextWithoutScheme_Reports()
    {
        // An escaped value alone is no absolute address: new Uri throws.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Windows
            {
                readonly System.Collections.Generic.List<Uri> _requests = new();

                public void Detach(string path) => [|_ = RequestWindowAsync(path)|];

                async Task RequestWindowAsync(string path)
                {
                    await Task.Yield();
                    _requests.Add(new Uri($"{Uri.EscapeDataString(path)}?window=new"));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeSerializingWithTypeSwitchFallbackThrow_NoDiagnostic()
    {
        // The fallback arm of a switch on the runtime type names the types the program stores; it is not a way to fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PaneArguments { public string Left { get; set; } }

            class TabState
            {
                public object Parameter { get; set; }
                public string Saved { get; private set; }

                public void Save() => _ = SaveAsync();

                async Task SaveAsync()
                {
                    await Task.Yield();
                    Saved = Parameter switch
                    {
                        PaneArguments panes => "panes:" + panes.Left,
                        string path => path,
                        null => null,
                        _ => throw new InvalidOperationException($"Unsupported parameter type: {Parameter.GetType()}."),
                    };
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingWithValueSwitchFallbackThrow_Reports()
    {
        // A switch on a value read from outside: the fallback rejects input.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TabState
            {
                public string Kind { get; set; }
                public int Columns { get; private set; }

                public void Restore() => [|_ = RestoreAsync()|];

                async Task RestoreAsync()
                {
                    await Task.Yield();
                    Columns = Kind switch
                    {
                        "grid" => 4,
                        "list" => 1,
                        _ => throw new InvalidOperationException($"Unknown layout {Kind}."),
                    };
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleePreconditionTheCallerJustChecked_NoDiagnostic()
    {
        // The lookup refuses an invalid address, and the caller only starts it when the address is valid; the lookup's own I/O is
        // inside a catch-all that logs.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                public string Address { get; set; }
                public bool AddressValid => !string.IsNullOrEmpty(Address) && !Address.StartsWith("10.");
                public string Location { get; private set; }

                public async Task QueryLocationAsync()
                {
                    if (!AddressValid)
                        throw new InvalidOperationException($"Invalid address {Address}");

                    await Task.Yield();
                    try { Location = await System.IO.File.ReadAllTextAsync(Address + ".txt"); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); }
                }
            }

            class Watcher
            {
                public bool ShowDetails { get; set; }
                Session Data { get; } = new();

                public void OnJoined(string address)
                {
                    Data.Address = address;
                    if (ShowDetails && Data.AddressValid)
                        _ = Data.QueryLocationAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleePreconditionTheCallerDidNotCheck_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                public string Address { get; set; }
                public bool AddressValid => !string.IsNullOrEmpty(Address) && !Address.StartsWith("10.");
                public string Location { get; private set; }

                public async Task QueryLocationAsync()
                {
                    if (!AddressValid)
                        throw new InvalidOperationException($"Invalid address {Address}");

                    await Task.Yield();
                    try { Location = await System.IO.File.ReadAllTextAsync(Address + ".txt"); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); }
                }
            }

            class Watcher
            {
                public bool ShowDetails { get; set; }
                Session Data { get; } = new();

                public void OnJoined(string address)
                {
                    Data.Address = address;
                    if (ShowDetails)
                        [|_ = Data.QueryLocationAsync()|];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CalleeParsingIconLookupOfInput_Reports()
    {
        // The same lookup, keyed by the caller's text: input after all.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class SectionIcons
            {
                public static string For(string section) => "ms-appx:///Assets/" + section;
            }

            class Breadcrumb
            {
                public Uri Icon { get; set; }

                public async Task LoadIconAsync(string section)
                {
                    await Task.Yield();
                    var iconPath = SectionIcons.For(section);
                    Icon = new Uri(iconPath);
                }
            }

            class C
            {
                void Show(Breadcrumb crumb, string text) => [|_ = crumb.LoadIconAsync(text)|];
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedReleaseAwaitingPrivateFieldOfCoveredWork_NoDiagnostic()
    {
        // The private field is written only in its type, with work that catches everything; the await follows a null check.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Lease
            {
                private Task? _held;

                public void Acquire(string path)
                {
                    _held = Task.Factory.StartNew(() =>
                    {
                        try
                        {
                            File.WriteAllText(path, "held");
                        }
                        catch (Exception ex)
                        {
                            Report(ex);
                        }
                    });
                }

                public async Task ReleaseAsync()
                {
                    if (_held is not null)
                    {
                        await _held;
                        _held = null;
                    }
                }

                static void Report(Exception ex) => Console.Error.WriteLine(ex);
            }

            class Worker
            {
                public void Finish(Lease lease)
                {
                    _ = lease.ReleaseAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task DiscardedReleaseAwaitingPrivateFieldAfterNullReturn_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Lease
            {
                private Task? _held;

                public void Acquire(string path)
                {
                    _held = Task.Factory.StartNew(() =>
                    {
                        try
                        {
                            File.WriteAllText(path, "held");
                        }
                        catch (Exception ex)
                        {
                            Report(ex);
                        }
                    });
                }

                public async Task ReleaseAsync()
                {
                    if (_held == null)
                    {
                        return;
                    }

                    await _held.ConfigureAwait(false);
                }

                static void Report(Exception ex) => Console.Error.WriteLine(ex);
            }

            class Worker
            {
                public void Finish(Lease lease)
                {
                    _ = lease.ReleaseAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task DiscardedReleaseAwaitingPrivateFieldAssignedByConstructor_NoDiagnostic()
    {
        // The constructor gives the field a task before any method runs, so the unchecked await is never of null.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Gate
            {
                private Task _turn;

                public Gate() { _turn = Task.Run(() => Pass()); }

                public void Next() => _turn = Task.Run(() => Pass());

                public async Task WaitAsync() => await _turn.ConfigureAwait(false);

                static void Pass()
                {
                    try
                    {
                        System.IO.File.AppendAllText("gate.log", "pass");
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }

            class User
            {
                public void Leave(Gate gate) => _ = gate.WaitAsync();
            }
            """);
    }

    [Fact]
    public async Task DiscardedReleaseAwaitingPrivateFieldOfFileWork_Reports()
    {
        // One assignment stores work that can fail unseen: the file write has no catch.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Lease
            {
                private Task? _held;

                public void Acquire(string path)
                {
                    _held = Task.Factory.StartNew(() => File.WriteAllText(path, "held"));
                }

                public async Task ReleaseAsync()
                {
                    if (_held is not null)
                    {
                        await _held;
                        _held = null;
                    }
                }

                static void Report(Exception ex) => Console.Error.WriteLine(ex);
            }

            class Worker
            {
                public void Finish(Lease lease)
                {
                    {|#0:_ = lease.ReleaseAsync()|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ReleaseAsync", "'File.WriteAllText(path, \"held\")' in 'Lease.Acquire'"));
    }

    [Fact]
    public async Task DiscardedReleaseAwaitingUncheckedPrivateField_Reports()
    {
        // Nothing assigns the field before Acquire: awaiting it unchecked throws NullReferenceException when Acquire never ran.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Lease
            {
                private Task? _held;

                public void Acquire(string path)
                {
                    _held = Task.Factory.StartNew(() =>
                    {
                        try
                        {
                            File.WriteAllText(path, "held");
                        }
                        catch (Exception ex)
                        {
                            Report(ex);
                        }
                    });
                }

                public async Task ReleaseAsync() => await _held!;

                static void Report(Exception ex) => Console.Error.WriteLine(ex);
            }

            class Worker
            {
                public void Finish(Lease lease)
                {
                    {|#0:_ = lease.ReleaseAsync()|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ReleaseAsync", "'await _held!' in 'Lease.ReleaseAsync'"));
    }

    [Fact]
    public async Task DiscardedReleaseAwaitingPrivateFieldPassedByRef_Reports()
    {
        // A write by reference (Interlocked.Exchange) is a value this summary cannot see.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Lease
            {
                private Task? _held;

                public void Acquire(string path)
                {
                    _held = Task.Factory.StartNew(() =>
                    {
                        try
                        {
                            File.WriteAllText(path, "held");
                        }
                        catch (Exception ex)
                        {
                            Report(ex);
                        }
                    });
                    System.Threading.Interlocked.Exchange(ref _held, Task.Run(() => File.Delete(path)));
                }

                public async Task ReleaseAsync()
                {
                    if (_held is not null)
                    {
                        await _held;
                        _held = null;
                    }
                }

                static void Report(Exception ex) => Console.Error.WriteLine(ex);
            }

            class Worker
            {
                public void Finish(Lease lease)
                {
                    {|#0:_ = lease.ReleaseAsync()|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("ReleaseAsync", "'await _held' in 'Lease.ReleaseAsync'"));
    }

    private const string Navigator = """
        class Navigator
        {
            readonly System.Collections.Generic.List<string> _history = new();

            public async Task NavigateToAsync(string page)
            {
                await Task.Yield();
                switch (page)
                {
                    case "Library":
                        _history.Add(page);
                        break;
                    case "Open":
                        await System.IO.File.ReadAllTextAsync("recent.txt");
                        break;
                }
            }
        }
        """;

    [Fact]
    public async Task DiscardedCallWhoseStringConstantSelectsAnInMemorySwitchSection_NoDiagnostic()
    {
        // A view's start-up navigation: the page name selects the section of the navigator's switch that only records it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + Navigator + """
            class MainView
            {
                MainView(Navigator navigator)
                {
                    _ = navigator.NavigateToAsync("Library");
                }
            }
            """);
    }

    [Fact]
    public async Task DiscardedCallWhoseStringConstantSelectsTheReadingSection_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Navigator + """
            class MainView
            {
                MainView(Navigator navigator)
                {
                    {|#0:_ = navigator.NavigateToAsync("Open")|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("NavigateToAsync", "'System.IO.File.ReadAllTextAsync(\"recent.txt\")' in 'Navigator.NavigateToAsync'"));
    }

    private const string TypedHub = """
        namespace Microsoft.AspNetCore.SignalR
        {
            public interface IHubClients<T>
            {
                T All { get; }
                T Group(string groupName);
            }

            public interface IHubContext<THub, T> where T : class
            {
                IHubClients<T> Clients { get; }
            }

            public abstract class Hub<T> where T : class { }
        }

        public interface IStateClient
        {
            Task ReceiveState(string state);
        }

        public interface IStateStore
        {
            Task SaveAsync(string state);
        }

        class StateHub : Microsoft.AspNetCore.SignalR.Hub<IStateClient> { }

        class StateNotifier
        {
            readonly Microsoft.AspNetCore.SignalR.IHubContext<StateHub, IStateClient> _hub;
            readonly IStateStore _store;

            public StateNotifier(Microsoft.AspNetCore.SignalR.IHubContext<StateHub, IStateClient> hub, IStateStore store) => (_hub, _store) = (hub, store);

            public async Task NotifyAsync(string group, string state)
            {
                await Task.Yield();
                await _hub.Clients.Group(group).ReceiveState(state);
                await _hub.Clients.All.ReceiveState(state);
            }
        }

        class Mqtt
        {
            public void OnMessage(StateNotifier notifier, string topic, string payload) => {|#0:_ = Task.Run(() => notifier.NotifyAsync(topic, payload))|};
        }
        """;

    [Fact]
    public async Task CalleeSendingThroughTypedHubClients_NoDiagnostic()
    {
        // A strongly typed hub's send: SignalR's proxy catches and logs a failed write, so the forgotten task does not fault.
        await VerifyCS.VerifyAnalyzerAsync(Usings + TypedHub.Replace("{|#0:", "").Replace("payload))|}", "payload))"));
    }

    [Fact]
    public async Task CalleeSavingBesideTypedHubClients_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + TypedHub.Replace("await _hub.Clients.All.ReceiveState(state);", "await _store.SaveAsync(state);"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'_store.SaveAsync(state)' in 'StateNotifier.NotifyAsync'"));
    }

    private const string ListenerStart = """
        class Listener
        {
            public int Served;

            public void Start(System.Net.Sockets.Socket socket, System.Net.IPEndPoint upstream)
            {
                {|#0:_ = Task.Factory.StartNew(static state =>
                {
                    var (listener, listening, endPoint) = ((Listener, System.Net.Sockets.Socket, System.Net.IPEndPoint))state!;
                    listener.Served += listening.Available + endPoint.Port;
                }, (this, socket, upstream), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default)|};
            }
        }
        """;

    [Fact]
    public async Task StartNewCastingItsTupleStateBack_NoDiagnostic()
    {
        // The state handed in beside the callback is the tuple the callback casts back to (its element names aside).
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + ListenerStart.Replace("{|#0:", "").Replace("TaskScheduler.Default)|}", "TaskScheduler.Default)"));
    }

    [Fact]
    public async Task StartNewCastingItsStateToAnotherTuple_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + ListenerStart.Replace("(this, socket, upstream),", "(this, socket, (object)upstream),"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("StartNew", "'((Listener, System.Net.Sockets.Socket, System.Net.IPEndPoint…'"));
    }

    private const string ScaleController = """
        class Pool
        {
            public int Size;
            public System.Threading.Tasks.Task<int> MeasureAsync() => System.Threading.Tasks.Task.FromResult(Size);
        }

        class ScaleController
        {
            Pool? _pool;
            public int Target;

            public void Start(Pool pool)
            {
                _pool = pool ?? throw new ArgumentNullException(nameof(pool));
                {|#0:_ = Task.Run(MonitorAsync)|};
            }

            async Task MonitorAsync()
            {
                if (_pool == null)
                {
                    TaskHelpers.Log(new InvalidOperationException("not started"));
                    throw new InvalidOperationException("Start must be called first");
                }

                await Task.Delay(1000);
                Target = _pool.Size * 2;
            }
        }
        """;

    [Theory]
    [InlineData("_pool == null")]
    [InlineData("null == _pool")]
    [InlineData("_pool is null")]
    [InlineData("_pool == default")]
    public async Task CalleeGuardingItsUnsetField_NoDiagnostic(string test)
    {
        // A pool monitor's "never occurs" check of its own set-up: a call out of order, not a way the monitoring fails.
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + ScaleController.Replace("{|#0:", "").Replace("(MonitorAsync)|}", "(MonitorAsync)").Replace("_pool == null", test) + Stubs);
    }

    [Fact]
    public async Task CalleeGuardingAFetchedValue_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + ScaleController.Replace("if (_pool == null)", "var measured = await _pool!.MeasureAsync();\n        if (measured == 0)").Replace("Target = _pool.Size * 2;", "Target = measured * 2;") + Stubs,
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'throw new InvalidOperationException(\"Start must be called fi…' in 'ScaleController.MonitorAsync'"));
    }

    private const string FlagsEvent = """
        [Flags]
        enum ExceptionMode
        {
            ThrowFatal = 1,
            ThrowNonFatal = 2,
            HandleFatal = 4,
            HandleNonFatal = 8,
            ThrowAll = ThrowFatal | ThrowNonFatal,
            HandleAll = HandleFatal | HandleNonFatal,
            Default = HandleAll,
        }

        class AsyncEvent
        {
            readonly List<Func<object, EventArgs, Task>> _handlers = new();
            public readonly List<Exception> Handled = new();

            public async Task InvokeAsync(object sender, EventArgs e, ExceptionMode mode = ExceptionMode.Default)
            {
                var failures = new List<Exception>();
                foreach (var handler in _handlers)
                {
                    try
                    {
                        await handler(sender, e);
                    }
                    catch (Exception ex)
                    {
                        if ((mode & ExceptionMode.HandleFatal) == ExceptionMode.HandleFatal)
                            Handled.Add(ex);
                        if ((mode & ExceptionMode.ThrowFatal) == ExceptionMode.ThrowFatal)
                            failures.Add(ex);
                    }
                }

                if ((mode & ExceptionMode.ThrowAll) != 0 && failures.Count > 0)
                    throw new AggregateException("Handlers failed.", failures);
            }
        }

        class Gateway
        {
            readonly AsyncEvent _ready = new();

            public void OnReady() => {|#0:_ = Task.Run(() => _ready.InvokeAsync(this, EventArgs.Empty))|};
        }
        """;

    [Fact]
    public async Task EventInvokedWithDefaultFlagsThatHandleEverything_NoDiagnostic()
    {
        // An async event's default exception mode hands every handler's failure to its error handler: the throw needs ThrowAll bits.
        await VerifyCS.VerifyAnalyzerAsync("using System.Collections.Generic;\n" + Usings + FlagsEvent.Replace("{|#0:", "").Replace("EventArgs.Empty))|}", "EventArgs.Empty))"));
    }

    [Fact]
    public async Task EventInvokedWithFlagsThatThrow_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("using System.Collections.Generic;\n" + Usings + FlagsEvent.Replace("InvokeAsync(this, EventArgs.Empty)", "InvokeAsync(this, EventArgs.Empty, ExceptionMode.ThrowAll)"),
            VerifyCS.Diagnostic("ASYNC402").WithLocation(0).WithArguments("Run", "'throw new AggregateException(\"Handlers failed.\", failures);' in 'AsyncEvent.InvokeAsync'"));
    }
}
