using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.BlockingWaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class SyncOverAsyncTests
{
    [Fact]
    public async Task ResultInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t)
                {
                    return {|#0:t.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfReadonlyFieldOfCompletedTask_NoDiagnostic()
    {
        // An async lock hands out one cached releaser task, made complete in the constructor.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class AsyncLock
            {
                private readonly SemaphoreSlim _semaphore = new(1, 1);
                private readonly Task<IDisposable> _releaser;
                private readonly Task<IDisposable> _none = Task.FromResult<IDisposable>(null);

                public AsyncLock() => _releaser = Task.FromResult<IDisposable>(new Releaser(this));

                public IDisposable Lock(bool enabled)
                {
                    if (!enabled)
                        return _none.Result;

                    _semaphore.Wait();
                    return _releaser.Result;
                }

                private sealed class Releaser : IDisposable
                {
                    private readonly AsyncLock _owner;
                    public Releaser(AsyncLock owner) => _owner = owner;
                    public void Dispose() => _owner._semaphore.Release();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfReadonlyFieldOfStartedWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            sealed class Settings
            {
                private readonly Task<string> _loading;

                public Settings(string path) => _loading = File.ReadAllTextAsync(path);

                public string Text => {|#0:_loading.Result|};
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task WaitInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M(Task t)
                {
                    {|#0:t.Wait()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task GetAwaiterGetResultInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                string M(Task<string> t) => {|ASYNC104:t.GetAwaiter().GetResult()|};
            }
            """);
    }

    [Fact]
    public async Task ConfiguredGetResultInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M(Task t)
                {
                    {|ASYNC104:t.ConfigureAwait(false).GetAwaiter().GetResult()|};
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAllInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M(Task[] tasks)
                {
                    {|ASYNC104:Task.WaitAll(tasks)|};
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAnyInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task a, Task b) => {|ASYNC104:Task.WaitAny(a, b)|};
            }
            """);
    }

    [Fact]
    public async Task ResultInPropertyGetter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                readonly Task<int> _load = Task.Run(() => 1);

                public int Value => {|ASYNC104:_load.Result|};
            }
            """);
    }

    [Fact]
    public async Task WaitInConstructor_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                public C(Task init)
                {
                    {|ASYNC104:init.Wait()|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInFieldInitializer_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                static readonly int Value = {|ASYNC104:Task.Run(() => 1).Result|};
            }
            """);
    }

    [Fact]
    public async Task TaskRunLambdaInsideAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    return await Task.Run(() => {|ASYNC104:t.Result|});
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInSyncLocalFunctionInsideAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return Local();

                    int Local() => {|ASYNC104:t.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInSyncAnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<int> M(Task<int> t) => delegate { return {|ASYNC104:t.Result|}; };
            }
            """);
    }

    /// <summary>
    /// A ValueTask blocked on in synchronous code is ASYNC208's (ValueTaskConsumedOnceAnalyzerTests.ResultOfParameterInInterfaceImplementation_Reports,
    /// UnawaitedOverlapTests.ResultOfValueTaskNotKnownComplete_IsAsync101InAsyncCodeAsync208InSyncCode): this rule stays silent.
    /// </summary>
    [Fact]
    public async Task ResultOnValueTaskInSyncMethod_IsAsync208s_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(ValueTask<int> t) => t.Result;

                void N(ValueTask t) => t.ConfigureAwait(false).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task ResultInTaskReturningNonAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<string> M(Task<int> t) => Task.FromResult({|ASYNC104:t.Result|}.ToString());
            }
            """);
    }

    [Fact]
    public async Task ResultInLambdaInsideMain_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Program
            {
                static void Main()
                {
                    var t = Task.Run(() => 1);
                    Func<int> read = () => {|ASYNC104:t.Result|};
                    Console.WriteLine(read());
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInInstanceMethodNamedMain_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Worker
            {
                int Main(Task<int> t) => {|ASYNC104:t.Result|};
            }
            """);
    }

    [Fact]
    public async Task ResultWithConditionalAccessInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int? M(Task<int>? t) => t?{|ASYNC104:.Result|};
            }
            """);
    }

    [Fact]
    public async Task ResultAfterIsCompletedGuardOnlyInIf_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t)
                {
                    if (t.IsCompleted)
                    {
                        System.Console.WriteLine("done");
                    }

                    return {|ASYNC104:t.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingInMain_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Program
            {
                static Task<int> RunAsync() => Task.Run(() => 0);

                static int Main(string[] args)
                {
                    RunAsync().Wait();
                    return RunAsync().GetAwaiter().GetResult() + RunAsync().Result;
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingInTopLevelStatementsWithoutAwait_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                var t = Task.Run(() => 1);
                t.Wait();
                System.Console.WriteLine(t.GetAwaiter().GetResult());
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ResultInNameOfInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                string M(Task<int> t) => nameof(t.Result) + nameof(Task<int>.Result);
            }
            """);
    }

    [Fact]
    public async Task ResultOfAntecedentInContinueWithInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task M(Task<int> t) => t.ContinueWith(prev => System.Console.WriteLine(prev.Result), TaskScheduler.Default);
            }
            """);
    }

    private const string FirstSuccessful = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        static class Tasks
        {
            public static Task<T> FirstSuccessful<T>(Task<T>[] tasks)
            {
                var tcs = new TaskCompletionSource<T>();

                void OnCompleted(Task<T> t)
                {
                    if (!t.IsFaulted && !t.IsCanceled)
                    {
                        tcs.TrySetResult({|#0:t.Result|});
                    }
                }

                Action<Task<T>> onCompleted = OnCompleted;
                foreach (var task in tasks)
                {
                    task.ContinueWith(onCompleted, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }

                return tcs.Task;
            }
        }
        """;

    [Fact]
    public async Task ResultOfAntecedentInLocalFunctionContinuation_NoDiagnostic()
    {
        // A first-successful combinator: the local function is only ever a continuation, through a delegate local, so t is done.
        await VerifyCS.VerifyAnalyzerAsync(FirstSuccessful.Replace("{|#0:t.Result|}", "t.Result"));
    }

    [Fact]
    public async Task ResultOfAntecedentInLocalFunctionGivenDirectly_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(FirstSuccessful.Replace("{|#0:t.Result|}", "t.Result")
            .Replace("Action<Task<T>> onCompleted = OnCompleted;", "").Replace("task.ContinueWith(onCompleted,", "task.ContinueWith(OnCompleted,"));
    }

    [Fact]
    public async Task ResultOfParameterOfLocalFunctionAlsoCalled_Reports()
    {
        // Called directly as well: t may be any task, still running.
        await VerifyCS.VerifyAnalyzerAsync(FirstSuccessful.Replace("return tcs.Task;", "OnCompleted(tasks[0]);\n        return tcs.Task;"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task AntecedentsInContinueWhenAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                Task<int> M(Task<int>[] tasks) =>
                    Task.Factory.ContinueWhenAll(tasks, all => all.Sum(t => t.Result) + all[0].Result);
            }
            """);
    }

    [Fact]
    public async Task AntecedentByItsPathInContinueWhenAll_NoDiagnostic()
    {
        // A token operation's waiters continue after the source every waiter shares, and read it by the same path.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class TokenOperation
            {
                public TaskCompletionSource<string> CompletionSource { get; } = new();

                public Task<string> WaitForTokenAsync(CancellationToken cancellationToken) =>
                    Task.Factory.ContinueWhenAll(new Task[] { CompletionSource.Task }, _ => CompletionSource.Task.Result, cancellationToken);
            }
            """);
    }

    [Fact]
    public async Task OtherTaskInContinueWhenAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class TokenOperation
            {
                public TaskCompletionSource<string> CompletionSource { get; } = new();
                public TaskCompletionSource<string> Fallback { get; } = new();

                public Task<string> WaitForTokenAsync(CancellationToken cancellationToken) =>
                    Task.Factory.ContinueWhenAll(new Task[] { CompletionSource.Task }, _ => {|#0:Fallback.Task.Result|}, cancellationToken);
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    /// <summary>
    /// A chat client's look-ups take a cache mode: every implementation downloads only when the mode allows it (an await guarded by
    /// the mode, a guard that returns early, a conditional expression), or answers from its cache. <paramref name="mode"/> is what
    /// the synchronous caller passes.
    /// </summary>
    private static string CacheModeClient(string mode) => """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public enum CacheMode { AllowDownload, CacheOnly }
        public sealed class Guild { public ulong Id { get; set; } }

        public interface IChatClient
        {
            Task<Guild> GetGuildAsync(ulong id, CacheMode mode = CacheMode.AllowDownload);
        }

        public class RestClient : IChatClient
        {
            async Task<Guild> IChatClient.GetGuildAsync(ulong id, CacheMode mode)
            {
                if (mode == CacheMode.AllowDownload)
                    return await DownloadAsync(id).ConfigureAwait(false);
                else
                    return null;
            }

            protected virtual Task<Guild> DownloadAsync(ulong id) => System.Threading.Tasks.Task.Run(() => new Guild { Id = id });
        }

        public class ShardedClient : IChatClient
        {
            private readonly RestClient _rest = new();

            public async Task<Guild> GetGuildAsync(ulong id, CacheMode mode)
            {
                if (mode != CacheMode.AllowDownload)
                {
                    return null;
                }

                return await ((IChatClient)_rest).GetGuildAsync(id, mode);
            }
        }

        public class SocketClient : IChatClient
        {
            private readonly Dictionary<ulong, Guild> _guilds = new();

            public Task<Guild> GetGuildAsync(ulong id, CacheMode mode) =>
                mode == CacheMode.AllowDownload && !_guilds.ContainsKey(id) ? Task.Run(() => new Guild { Id = id }) : Task.FromResult(_guilds.GetValueOrDefault(id));
        }

        static class MessageHelper
        {
            public static Guild GuildOf(IChatClient client, ulong? guildId) =>
                guildId != null ? {|#0:client.GetGuildAsync(guildId.Value, MODE).Result|} : null;
        }
        """.Replace("MODE", mode);

    [Fact]
    public async Task ResultOfCallWhoseConstantArgumentSkipsEveryAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(CacheModeClient("CacheMode.CacheOnly"));
    }

    [Fact]
    public async Task ResultOfCallWhoseConstantArgumentTakesTheAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(CacheModeClient("CacheMode.AllowDownload"), VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    /// <summary>A wallet manager loading wallets in parallel at start-up; <paramref name="load"/> starts one wallet's load.</summary>
    private static string WalletLoads(string load) => """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class WalletManager
        {
            private readonly CancellationToken _cancelAll;
            private readonly List<string> _wallets = new();

            public WalletManager(IEnumerable<string> names, CancellationToken cancelAll)
            {
                _cancelAll = cancelAll;
                List<Task<string>> loads = names.Select(name => LOAD).ToList();
                while (loads.Count > 0)
                {
                    var tasksArray = loads.ToArray();
                    var finishedIndex = {|#0:Task.WaitAny(tasksArray, _cancelAll)|};
                    var finished = tasksArray[finishedIndex];
                    loads.Remove(finished);
                    _wallets.Add(finished.Result);
                }
            }

            private static string LoadFromDisk(string name) => System.IO.File.ReadAllText(name);
            private static async Task<string> LoadFromDiskAsync(string name) => await System.IO.File.ReadAllTextAsync(name);
        }
        """.Replace("LOAD", load);

    [Fact]
    public async Task WaitAnyOverSelectedSynchronousWork_NoDiagnostic()
    {
        // Each load reads its file synchronously on the pool: the waits join that work, and the winner's Result is complete.
        await VerifyCS.VerifyAnalyzerAsync(WalletLoads("Task.Run(() => LoadFromDisk(name), cancelAll)"));
    }

    [Fact]
    public async Task WaitAnyOverSelectedAsynchronousWork_Reports()
    {
        // Async loads could be awaited instead; the winner's Result is still complete (not reported).
        await VerifyCS.VerifyAnalyzerAsync(
            WalletLoads("LoadFromDiskAsync(name)"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAny"));
    }

    [Fact]
    public async Task ResultOfWaitAnyWinnerByIndex_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class Race
            {
                int First(Task<int>[] tasks, CancellationToken token)
                {
                    Task.WaitAny(tasks);
                    return tasks[Task.WaitAny(tasks, token)].Result;
                }
            }
            """.Replace("Task.WaitAny(tasks);", "{|#0:Task.WaitAny(tasks)|};").Replace("tasks[Task.WaitAny(tasks, token)]", "tasks[{|#1:Task.WaitAny(tasks, token)|}]"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAny"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments("Task.WaitAny"));
    }

    [Fact]
    public async Task ResultOfWaitAnyWinnerByPosition_NoDiagnostic()
    {
        // A server waits for its Started or Error event (or 30 seconds); the error's task is read only when the wait returned
        // its position, so it has completed: the blocking, if any, was in the wait.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class ImapServer
            {
                void TryStart(Task<EventArgs> startedTask, Task<Exception> errorTask)
                {
                    int index = {|#0:Task.WaitAny(startedTask, errorTask, Task.Delay(TimeSpan.FromSeconds(30)))|};
                    if (index == 1)
                    {
                        Console.Error.WriteLine(errorTask.Result.Message);
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAny"));
    }

    [Fact]
    public async Task ResultOfWaitAnyLoserByPosition_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class ImapServer
            {
                void TryStart(Task<EventArgs> startedTask, Task<Exception> errorTask)
                {
                    int index = {|#0:Task.WaitAny(startedTask, errorTask, Task.Delay(TimeSpan.FromSeconds(30)))|};
                    if (index == 0)
                    {
                        Console.Error.WriteLine({|#1:errorTask.Result|}.Message);
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAny"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfWaitAnyWithTimeout_Reports()
    {
        // After a time-out WaitAny returns -1: no element is known complete.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Race
            {
                int First(Task<int>[] tasks)
                {
                    var index = {|#0:Task.WaitAny(tasks, 1000)|};
                    return index < 0 ? 0 : {|#1:tasks[index].Result|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAny"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultInWhenClauseOfStatusArm_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            enum CompletionStatus { Success, Canceled, Failed, Unknown }
            sealed class CoinJoinTracker { public Task<object> CoinJoinTask { get; } = Task.FromResult<object>(null); }
            class CoinJoinManager
            {
                CompletionStatus StatusOf(CoinJoinTracker finished) => finished.CoinJoinTask.Status switch
                {
                    TaskStatus.RanToCompletion when finished.CoinJoinTask.Result is string => CompletionStatus.Success,
                    TaskStatus.Canceled => CompletionStatus.Canceled,
                    TaskStatus.Faulted => CompletionStatus.Failed,
                    _ => CompletionStatus.Unknown,
                };
            }
            """);
    }

    /// <summary>A COM thread helper that marshals work to its own single-threaded scheduler, <paramref name="scheduler"/>.</summary>
    private static string ComThread(string scheduler) => """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class ComTaskScheduler : TaskScheduler
        {
            public int ThreadId { get; } = 1;
            protected override IEnumerable<Task> GetScheduledTasks() => Array.Empty<Task>();
            protected override void QueueTask(Task task) { }
            protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
        }

        static class ComThread
        {
            private static ComTaskScheduler Scheduler { get; } = new ComTaskScheduler();
            private static bool InvokeRequired => Environment.CurrentManagedThreadId != Scheduler.ThreadId;

            public static void Invoke(Action action)
            {
                if (!InvokeRequired)
                {
                    action();
                    return;
                }

                {|#0:BeginInvoke(action).Wait()|};
            }

            private static Task BeginInvoke(Action action) =>
                Task.Factory.StartNew(() => { try { action(); } catch (Exception) { } }, CancellationToken.None, TaskCreationOptions.None, SCHEDULER);
        }
        """.Replace("SCHEDULER", scheduler);

    [Fact]
    public async Task WaitOnSynchronousWorkStartedOnOwnScheduler_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(ComThread("Scheduler"));
    }

    [Fact]
    public async Task WaitOnSynchronousWorkStartedOnDefaultScheduler_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(ComThread("TaskScheduler.Default"), VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task WaitOnDelayInSynchronousRetry_NoDiagnostic()
    {
        // A retry between attempts at a locked file: the wait on the delay is a sleep.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class FileStore
            {
                public void Save(string path, string content)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            File.WriteAllText(path, content);
                            return;
                        }
                        catch (IOException) when (attempt < 5)
                        {
                            Task.Delay(TimeSpan.FromMilliseconds(50 * attempt)).Wait();
                        }
                    }
                }

                public void Pause(int milliseconds) => Task.Delay(milliseconds).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task WaitOnDelayFollowedByWorkInOneTask_Reports()
    {
        // The wait covers the continuation's work as well, which is no sleep.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Poller
            {
                public int PollOnce(Func<Task<int>> poll) => {|#0:Task.Delay(100).ContinueWith(_ => poll()).Unwrap().Result|};
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task WinnerInContinueWhenAny_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> M(Task<int>[] tasks) => Task.Factory.ContinueWhenAny(tasks, winner => winner.Result);
            }
            """);
    }

    [Fact]
    public async Task CompletedByConstructionInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M()
                {
                    Task.CompletedTask.Wait();
                    ValueTask.CompletedTask.GetAwaiter().GetResult();
                    return Task.FromResult(1).Result + new ValueTask<int>(2).Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfLocalInitializedWithFromResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M()
                {
                    var t = Task.FromResult(41);
                    return t.Result + 1;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByIsCompletedInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t) => t.IsCompleted ? t.Result : -1;
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByStatusPattern_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t)
                {
                    if (t.Status is TaskStatus.RanToCompletion)
                    {
                        return t.Result;
                    }

                    return -1;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterNotCompletedThrowGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t)
                {
                    if (!t.IsCompletedSuccessfully)
                    {
                        throw new InvalidOperationException("not ready");
                    }

                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInElseOfNotCompleted_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t)
                {
                    if (!t.IsCompleted)
                    {
                        return -1;
                    }
                    else
                    {
                        return t.Result;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAnyWithZeroTimeout_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                bool M(Task[] tasks, Task t) => Task.WaitAny(tasks, 0) >= 0 || t.Wait(TimeSpan.Zero);
            }
            """);
    }

    [Fact]
    public async Task ResultOnNonTaskTypeInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            class Outcome<T>
            {
                public T Result { get; init; } = default!;
            }
            class C
            {
                int M(Outcome<int> outcome, Lazy<int> lazy) => outcome.Result + lazy.Value;
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWaitInSyncMethod_ReportsOnlyWait()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t)
                {
                    {|ASYNC104:t.Wait()|};
                    return t.Result + t.GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfGetAwaiterStoredInLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                bool M(Task<int> t)
                {
                    var awaiter = t.GetAwaiter();
                    return awaiter.IsCompleted;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfFieldGuardedByIsCompletedInProperty_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                static Task<int> s_shared = Task.Run(() => 1);
                Task<int> _load = Task.Run(() => 2);

                public int Value => _load.IsCompleted ? _load.Result : 0;

                public int Shared => this._load.IsCompletedSuccessfully && s_shared.IsCompleted ? s_shared.Result + this._load.Result : 0;
            }
            """);
    }

    [Fact]
    public async Task ResultOfFromExceptionOrCanceledTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                int M(CancellationToken cancelled) =>
                    Task.FromException<int>(new InvalidOperationException()).Result + Task.FromCanceled<int>(cancelled).Result;
            }
            """);
    }

    [Fact]
    public async Task ResultAfterNotCompletedOrGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t, bool skip)
                {
                    if (!t.IsCompleted || skip)
                    {
                        return -1;
                    }

                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInLambdaInsideIsCompletedGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<int>? M(Task<int> t)
                {
                    if (t.IsCompleted)
                    {
                        return () => t.Result;
                    }

                    return null;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByStatusEqualsInAndCondition_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                bool M(Task<int> t) => TaskStatus.RanToCompletion == t.Status && t.Result > 0;
            }
            """);
    }

    [Fact]
    public async Task ResultOfDefaultValueTaskInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M()
                {
                    ValueTask<int> none = default;
                    return default(ValueTask<int>).Result + none.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInContinuationOfWhenAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                Task<int> Sum(Task<int> first, Task<int> second) =>
                    Task.WhenAll(first, second).ContinueWith(_ => first.Result + second.Result, TaskScheduler.Default);

                Task<int> SumAll(Task<int>[] tasks)
                {
                    var all = Task.WhenAll(tasks);
                    return all.ContinueWith(_ => tasks.Sum(t => t.Result));
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInContinuationOfWhenAllOverOtherTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> Sum(Task<int> first, Task<int> second) =>
                    Task.WhenAll(first).ContinueWith(_ => first.Result + {|#0:second.Result|});
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task DictionaryValueResultAfterWhenAllOfValues_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<Dictionary<Uri, int>> M(Dictionary<Uri, Task<string>> downloads)
                {
                    await Task.WhenAll(downloads.Values);
                    var total = 0;
                    foreach (var pair in downloads)
                    {
                        total += pair.Value.Result.Length;
                    }

                    return downloads.ToDictionary(pair => pair.Key, pair => pair.Value.Result.Length + total);
                }
            }
            """);
    }

    [Fact]
    public async Task DictionaryValueResultAfterWhenAllOfOtherValues_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<Dictionary<Uri, int>> M(Dictionary<Uri, Task<string>> downloads, Dictionary<Uri, Task<string>> other)
                {
                    await Task.WhenAll(other.Values);
                    return downloads.ToDictionary(pair => pair.Key, pair => {|#0:pair.Value.Result|}.Length);
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task GetResultOfCallPassingSynchronousMode_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading;
            using System.Threading.Tasks;
            enum IOBehavior
            {
                Synchronous,
                Asynchronous,
            }
            abstract class Command : DbCommand
            {
                public override int ExecuteNonQuery() => ExecuteNonQueryAsync(IOBehavior.Synchronous, CancellationToken.None).Result;

                public int Run() => ExecuteNonQueryAsync(IOBehavior.Synchronous, default).GetAwaiter().GetResult();

                public void Flush()
                {
                    var pending = FlushAsync(async: false);
                    pending.Wait();
                }

                private async ValueTask<int> ExecuteNonQueryAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    return 1;
                }

                private async Task FlushAsync(bool async) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task GetResultOfCallPassingModeVariable_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            enum IOBehavior
            {
                Synchronous,
                Asynchronous,
            }
            class Command
            {
                public int Run(IOBehavior ioBehavior) => {|#0:ExecuteAsync(ioBehavior, default).GetAwaiter().GetResult()|};

                public int RunAsynchronously() => {|#1:ExecuteAsync(IOBehavior.Asynchronous, default).Result|};

                private async Task<int> ExecuteAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    return 1;
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task WaitInLocalFunctionCalledFromSynchronousArm_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            enum IOBehavior
            {
                Synchronous,
                Asynchronous,
            }
            class ByteHandler
            {
                private readonly Stream _stream = new FileStream("data.bin", FileMode.Open);

                public ValueTask<int> ReadBytesAsync(Memory<byte> buffer, IOBehavior ioBehavior)
                {
                    return ioBehavior == IOBehavior.Asynchronous ? new ValueTask<int>(DoReadBytesAsync(buffer)) :
                        _stream.CanTimeout ? new ValueTask<int>(_stream.Read(buffer.Span)) :
                        DoReadBytesSyncOverAsync(buffer);

                    ValueTask<int> DoReadBytesSyncOverAsync(Memory<byte> buffer)
                    {
                        return new ValueTask<int>(DoReadBytesAsync(buffer).GetAwaiter().GetResult());
                    }

                    async Task<int> DoReadBytesAsync(Memory<byte> buffer) => await _stream.ReadAsync(buffer);
                }
            }
            """);
    }

    [Fact]
    public async Task WaitInLocalFunctionCalledOutsideSynchronousArm_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class ByteHandler
            {
                private readonly Stream _stream = new FileStream("data.bin", FileMode.Open);

                public int ReadBytes(Memory<byte> buffer, bool async)
                {
                    var first = async ? 0 : ReadSyncOverAsync(buffer);
                    return first + ReadSyncOverAsync(buffer);

                    int ReadSyncOverAsync(Memory<byte> buffer) => {|#0:_stream.ReadAsync(buffer).AsTask().GetAwaiter().GetResult()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task ResultOfSourceMethodReturningFromResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            interface ISettingSource
            {
                Task<bool> DetectAsync();
            }
            class RegistrySource : ISettingSource
            {
                public Task<bool> DetectAsync() => Task.FromResult(true);
            }
            class Provider
            {
                private bool? _cache;
                private readonly ISettingSource _source = new RegistrySource();

                private bool IsTrackingEnabled
                {
                    get
                    {
                        _cache ??= DetectTrackSelectionSetting().Result;
                        return _cache.Value && _source.DetectAsync().Result;
                    }
                }

                private Task<bool> DetectTrackSelectionSetting()
                {
                    var value = System.Environment.GetEnvironmentVariable("TRACKING");
                    if (bool.TryParse(value, out var result))
                    {
                        return Task.FromResult(result);
                    }

                    return Parse(value);
                }

                private static Task<bool> Parse(string? value) => value is null ? Task.FromResult(false) : Task.FromResult(value.Length > 0);
            }
            """);
    }

    [Fact]
    public async Task ResultOfSourceMethodStartingWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            interface ISettingSource
            {
                Task<bool> DetectAsync();
            }
            class RegistrySource : ISettingSource
            {
                public Task<bool> DetectAsync() => Task.FromResult(true);
            }
            class FileSource : ISettingSource
            {
                public async Task<bool> DetectAsync() => (await File.ReadAllTextAsync("settings.ini")).Length > 0;
            }
            class Provider
            {
                private readonly ISettingSource _source = new FileSource();

                private bool IsTrackingEnabled => {|#0:Detect().Result|} && {|#1:_source.DetectAsync().Result|};

                private Task<bool> Detect()
                {
                    if (bool.TryParse(System.Environment.GetEnvironmentVariable("TRACKING"), out var result))
                    {
                        return Task.FromResult(result);
                    }

                    return Task.Run(() => File.Exists("seer.ini"));
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task SelectResultOverFilterAfterWaitAll_ReportsOnlyWaitAll()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Reflection;
            using System.Threading.Tasks;
            record ScanInfo(Exception? LoadException);
            static class AssemblyTypeCache
            {
                static readonly ConcurrentDictionary<Assembly, Task<ScanInfo>> Assemblies = new();

                public static IEnumerable<ScanInfo> FailedAssemblies()
                {
                    Task<ScanInfo>[] tasks = Assemblies.Select(x => x.Value).ToArray();
                    {|#0:Task.WaitAll(tasks)|};

                    return tasks.Where(x => x.Result.LoadException != null).Select(x => x.Result);
                }

                public static IEnumerable<ScanInfo> Ordered(List<Task<ScanInfo>> tasks)
                {
                    {|#1:Task.WaitAll(tasks.ToArray())|};
                    return tasks.OrderBy(x => x.Id).Skip(1).Select(x => x.Result).ToList();
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAll"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments("Task.WaitAll"));
    }

    [Fact]
    public async Task SelectResultAfterCompletionFilter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                int[] Finished(IEnumerable<Task<int>> tasks) =>
                    tasks.Where(t => t.Status == TaskStatus.RanToCompletion).Select(t => t.Result).ToArray();

                int Sum(List<Task<int>> tasks)
                {
                    var total = 0;
                    foreach (var task in tasks.Where(t => t.IsCompletedSuccessfully))
                    {
                        total += task.Result;
                    }

                    return total + tasks.Where(t => t.IsCompleted).Sum(t => t.GetAwaiter().GetResult());
                }
            }
            """);
    }

    [Fact]
    public async Task SelectResultAfterOtherFilter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                int[] Finished(IEnumerable<Task<int>> tasks, Task<int>[] others)
                {
                    {|#1:Task.WaitAll(others)|};
                    return tasks.Where(t => t.Status != TaskStatus.Faulted).Select(t => {|#0:t.Result|}).ToArray();
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments("Task.WaitAll"));
    }

    [Fact]
    public async Task ResultInSwitchCaseOnStatus_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class PendingValue<T>
            {
                private readonly TaskCompletionSource<T> _value = new();

                public void SetValue(Task<T> value)
                {
                    switch (value.Status)
                    {
                        case TaskStatus.RanToCompletion:
                            _value.TrySetResult(value.Result);
                            break;
                        case TaskStatus.Faulted:
                        case TaskStatus.Canceled:
                            value.GetAwaiter().GetResult();
                            break;
                        default:
                            throw new ArgumentException("A completed task was expected");
                    }
                }

                public string Describe(Task<T> value) => value.Status switch
                {
                    TaskStatus.RanToCompletion => $"done: {value.Result}",
                    TaskStatus.Faulted or TaskStatus.Canceled => value.Exception?.Message ?? "canceled",
                    _ => "running",
                };
            }
            """);
    }

    [Fact]
    public async Task ResultInSwitchCaseOnOtherStatus_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                public int Read(Task<int> value, Task<int> other)
                {
                    switch (value.Status)
                    {
                        case TaskStatus.Running:
                            return {|#0:value.Result|};
                        case TaskStatus.RanToCompletion:
                            return {|#1:other.Result|};
                        default:
                            return 0;
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultGuardedByStatusCopiedToLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class ReportWriter
            {
                private readonly Task _snapshot;

                public ReportWriter(Task snapshot) => _snapshot = snapshot;

                public void Append<TRow>(TextWriter output, Task pending, Action<TRow, TextWriter> format)
                {
                    TaskStatus state = pending.Status;
                    switch (state)
                    {
                        case TaskStatus.RanToCompletion:
                            format(((Task<TRow>)pending).Result, output);
                            break;
                        case TaskStatus.Faulted:
                            output.WriteLine(pending.Exception!.GetBaseException().Message);
                            break;
                        default:
                            output.WriteLine("(pending)");
                            break;
                    }
                }

                public string Headline()
                {
                    var state = _snapshot.Status;
                    if (state == TaskStatus.RanToCompletion)
                    {
                        return ((Task<string>)_snapshot).Result;
                    }

                    return "(none)";
                }

                public int Count(Task<int> rows)
                {
                    var state = rows.Status;
                    return state switch
                    {
                        TaskStatus.RanToCompletion => rows.Result,
                        _ => -1,
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByStaleStatusCopy_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Rows
            {
                public int Reassigned(Task<int> rows, Task<int> next)
                {
                    var state = rows.Status;
                    rows = next;
                    switch (state)
                    {
                        case TaskStatus.RanToCompletion:
                            return {|#0:rows.Result|};
                        default:
                            return 0;
                    }
                }

                public int StatusLocalReassigned(Task<int> rows, Task<int> other)
                {
                    var state = rows.Status;
                    if (other.IsCompleted)
                    {
                        state = TaskStatus.RanToCompletion;
                    }

                    return state == TaskStatus.RanToCompletion ? {|#1:rows.Result|} : 0;
                }

                public int OtherTask(Task rows, Task<int> other)
                {
                    var state = rows.Status;
                    switch (state)
                    {
                        case TaskStatus.RanToCompletion:
                            return {|#2:other.Result|};
                        case TaskStatus.WaitingForActivation:
                            return {|#3:((Task<int>)rows).Result|};
                        default:
                            return 0;
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(2).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(3).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultAfterTimedWaitHelper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Connection
            {
                private readonly int _timeoutMs = 5000;

                public bool TryWait(Task task) => {|#0:task.Wait(_timeoutMs)|};
            }

            class PagedReader
            {
                private readonly Connection _connection = new();

                public string Next(Task<string> page)
                {
                    if (!_connection.TryWait(page)) ThrowTimeout("page");
                    return page.Result;
                }

                public string First(Task<string> page)
                {
                    if (!_connection.TryWait(page))
                    {
                        throw new TimeoutException();
                    }

                    return page.Result;
                }

                private static void ThrowTimeout(string what)
                {
                    try
                    {
                        throw new TimeoutException(what);
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                        throw;
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task ResultAfterWaitHelper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Batch
            {
                private readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

                public int Total(Task<int> sum)
                {
                    WaitOrThrow(sum);
                    return sum.Result;
                }

                public int Forwarded(Task<int> sum)
                {
                    WaitThrough(sum);
                    return sum.Result;
                }

                private void WaitThrough(Task task) => WaitOrThrow(task);

                private void WaitOrThrow(Task task)
                {
                    if (!{|#0:task.Wait(_timeout)|})
                    {
                        throw new TimeoutException();
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task ResultAfterHelperNotWaitingOnIt_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Batch
            {
                private readonly Task _warmUp = Task.Delay(100);

                public int NotWaited(Task<int> sum)
                {
                    if (!TryWaitWarmUp(sum)) throw new TimeoutException();
                    return {|#0:sum.Result|};
                }

                public int OtherTask(Task<int> sum, Task<int> other)
                {
                    if (!TryWait(sum)) throw new TimeoutException();
                    return {|#1:other.Result|};
                }

                public int OnlyLogged(Task<int> sum)
                {
                    Log(sum);
                    return {|#2:sum.Result|};
                }

                public int MayReturnEarly(Task<int> sum, bool quick)
                {
                    WaitUnlessQuick(sum, quick);
                    return {|#3:sum.Result|};
                }

                private bool TryWaitWarmUp(Task task) => {|#4:_warmUp.Wait(1000)|};

                private bool TryWait(Task task) => {|#5:task.Wait(1000)|};

                private static void Log(Task task) => Console.WriteLine(task.Status);

                private static void WaitUnlessQuick(Task task, bool quick)
                {
                    if (quick)
                    {
                        return;
                    }

                    {|#6:task.Wait()|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(2).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(3).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(4).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(5).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(6).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task ResultGuardedByHasValueProperty_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class CacheValue<T>
            {
                private readonly TaskCompletionSource<T> _value = new();

                public bool HasValue => _value.Task.Status == TaskStatus.RanToCompletion;

                public bool IsReady
                {
                    get { return _value.Task.IsCompletedSuccessfully; }
                }

                public void Evict()
                {
                    lock (this)
                    {
                        if (HasValue)
                        {
                            if (_value.Task.Result is IDisposable disposable)
                            {
                                disposable.Dispose();
                            }
                        }
                    }
                }

                public T? Peek(CacheValue<T> other) => other.IsReady ? other._value.Task.Result : default;
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByPropertyTestingOtherTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class CacheValue<T>
            {
                private readonly TaskCompletionSource<T> _value = new();
                private readonly TaskCompletionSource<T> _next = new();

                public bool HasValue => _value.Task.Status == TaskStatus.RanToCompletion;

                public virtual bool IsReady => _next.Task.IsCompleted;

                public T Read() => HasValue ? {|#0:_next.Task.Result|} : default!;

                public T Next() => IsReady ? {|#1:_next.Task.Result|} : default!;
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultGuardedOnLazyValueChain_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Listener
            {
                private readonly Lazy<Task<IDisposable>> _lazyChannel = new(() => Task.Run(() => (IDisposable)new System.IO.MemoryStream()));

                public void Close()
                {
                    if (_lazyChannel.IsValueCreated && _lazyChannel.Value.IsCompletedSuccessfully)
                    {
                        _lazyChannel.Value.Result.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOnLazyValueChainWithoutGuard_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Listener
            {
                private readonly Lazy<Task<IDisposable>> _lazyChannel = new(() => Task.Run(() => (IDisposable)new System.IO.MemoryStream()));

                public void Close()
                {
                    if (_lazyChannel.IsValueCreated)
                    {
                        {|#0:_lazyChannel.Value.Result|}.Dispose();
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultInDedicatedThreadBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class Store
            {
                public Task<string> GetForUse(int id) => File.ReadAllTextAsync($"{id}.json");

                public void Hold(ManualResetEventSlim released)
                {
                    new Thread(() =>
                    {
                        using (var first = new StringReader(GetForUse(1).Result))
                        {
                            released.Wait();
                        }
                    }).Start();

                    Task.Factory.StartNew(() => GetForUse(2).Wait(), TaskCreationOptions.LongRunning);

                    var factory = new TaskFactory(TaskCreationOptions.LongRunning, TaskContinuationOptions.None);
                    factory.StartNew(() => Console.WriteLine(GetForUse(3).GetAwaiter().GetResult()));
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInPoolThreadBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class Store
            {
                public Task<string> GetForUse(int id) => File.ReadAllTextAsync($"{id}.json");

                public void Hold()
                {
                    Task.Factory.StartNew(() => {|#0:GetForUse(2).Wait()|}, TaskCreationOptions.PreferFairness);
                    ThreadPool.QueueUserWorkItem(_ => Console.WriteLine({|#1:GetForUse(3).Result|}));
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task WaitAllOverSynchronousWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            static class TaskExtensions
            {
                public static Task LogExceptions(this Task task)
                {
                    task.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                    return task;
                }
            }
            class ImportService
            {
                public void Fetch(IEnumerable<string> lists)
                {
                    var taskList = new List<Task>();
                    var taskFactory = new TaskFactory(TaskCreationOptions.LongRunning, TaskContinuationOptions.None);
                    foreach (var list in lists)
                    {
                        var task = taskFactory.StartNew(() => File.ReadAllText(list)).LogExceptions();
                        taskList.Add(task);
                    }

                    Task.WaitAll(taskList.ToArray());
                    Task.WaitAll(Task.Run(() => Compute(1)), Task.Run(Scan));
                }

                private static int Compute(int x) => x * 2;

                private static void Scan()
                {
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAllOverAsynchronousWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class ImportService
            {
                public void Fetch(IEnumerable<string> lists, List<Task> given)
                {
                    var taskList = new List<Task>();
                    foreach (var list in lists)
                    {
                        taskList.Add(Task.Run(() => File.ReadAllTextAsync(list)));
                        taskList.Add(Task.Run(() => File.ReadAllText(list)));
                    }

                    {|#0:Task.WaitAll(taskList.ToArray())|};
                    {|#1:Task.WaitAll(Task.Run(async () => await File.ReadAllTextAsync("a")), Task.Run(() => File.ReadAllText("b")))|};
                    {|#2:Task.WaitAll(given.ToArray())|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments("Task.WaitAll"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments("Task.WaitAll"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(2).WithArguments("Task.WaitAll"));
    }

    [Fact]
    public async Task WaitWithTimeoutOnSynchronousWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class RootFolderService
            {
                public void GetDetails(string path, bool timeout)
                {
                    Task.Run(() =>
                    {
                        if (Directory.Exists(path))
                        {
                            Console.WriteLine(Directory.GetFiles(path).Length);
                        }
                    }).Wait(timeout ? 5000 : -1);

                    var probe = Task.Run(() => File.Exists(path));
                    if (!probe.Wait(TimeSpan.FromSeconds(5)))
                    {
                        Console.WriteLine("mount not responding");
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task WaitOnSynchronousWorkWithoutTimeout_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            class RootFolderService
            {
                public bool GetDetails(string path)
                {
                    {|#0:Task.Run(() => Directory.GetFiles(path)).Wait()|};
                    return {|#1:Task.Run(() => File.ReadAllTextAsync(path)).Wait(5000)|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task GetResultInInterfaceImplementation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            interface IExecute<T>
            {
                void Execute(T message);
            }
            interface ISearch
            {
                Task<List<string>> SearchAsync(int id);
            }
            record SearchCommand(int Id);
            class SearchService : IExecute<SearchCommand>, IDisposable
            {
                private readonly ISearch _search;
                private readonly Task _flush = File.WriteAllTextAsync("log.txt", "");

                public SearchService(ISearch search) => _search = search;

                public void Execute(SearchCommand message)
                {
                    var decisions = _search.SearchAsync(message.Id).GetAwaiter().GetResult();
                    Console.WriteLine(decisions.Count);
                }

                void IDisposable.Dispose() => _flush.Wait();
            }
            abstract class IndexerBase
            {
                public abstract string Test();
            }
            class Indexer : IndexerBase
            {
                private readonly ISearch _search;

                public Indexer(ISearch search) => _search = search;

                public override string Test() => _search.SearchAsync(0).Result[0];
            }
            """);
    }

    [Fact]
    public async Task GetResultInOwnMethodNextToImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            interface IExecute<T>
            {
                void Execute(T message);
            }
            interface ISearch
            {
                Task<List<string>> SearchAsync(int id);
            }
            record SearchCommand(int Id);
            class SearchService : IExecute<SearchCommand>
            {
                private readonly ISearch _search;

                public SearchService(ISearch search) => _search = search;

                public void Execute(SearchCommand message) => Search(message.Id);

                public int Search(int id) => {|#0:_search.SearchAsync(id).GetAwaiter().GetResult()|}.Count;
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task GetResultInOverrideWithSynchronousOverload_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            abstract class Serializer
            {
                public abstract object? Deserialize(Stream input, Type type);
            }
            class JsonStreamSerializer : Serializer
            {
                public override object? Deserialize(Stream input, Type type) =>
                    {|#0:new StreamReader(input).ReadToEndAsync().GetAwaiter().GetResult()|};
            }
            static class STJson
            {
                public static object? Deserialize(Stream input, Type type) =>
                    {|#1:new StreamReader(input).ReadToEndAsync().GetAwaiter().GetResult()|};
            }
            class WrappingStream : Stream
            {
                private readonly Stream _inner = new FileStream("data.bin", FileMode.Open);
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => _inner.Length;
                public override long Position { get => _inner.Position; set => _inner.Position = value; }
                public override void Flush() => {|#2:_inner.FlushAsync().Wait()|};
                public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
                public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".GetAwaiter().GetResult()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(2).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task ResultInInterfacePropertyImplementation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            interface ISettings
            {
                string Theme { get; }
            }
            class FileSettings : ISettings
            {
                private readonly Task<string> _load = File.ReadAllTextAsync("theme.txt");

                public string Theme => _load.Result;
            }
            """);
    }

    [Fact]
    public async Task GetResultInSyncHalfOfAsyncPair_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            class Client
            {
                private readonly HttpClient _http = new();

                public string Get(string url) => Task.Run(() => GetAsync(url)).GetAwaiter().GetResult();

                public Task<string> GetAsync(string url, CancellationToken cancellationToken = default) => _http.GetStringAsync(url, cancellationToken);

                public void DownloadFile(string url, string fileName) => DownloadFileAsync(url, fileName).GetAwaiter().GetResult();

                public async Task DownloadFileAsync(string url, string fileName) =>
                    await System.IO.File.WriteAllBytesAsync(fileName, await _http.GetByteArrayAsync(url));
            }
            """);
    }

    [Fact]
    public async Task BlockingInPrivateCallbackMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            interface IRoomStore
            {
                Task StopAcceptingAsync();
            }
            class Updater
            {
                private readonly Func<string, string> _providePassword;
                private readonly Task<string> _refresh = File.ReadAllTextAsync("password.txt");
                private readonly IRoomStore _rooms;

                public Updater(CancellationToken stopping, IRoomStore rooms)
                {
                    _rooms = rooms;
                    stopping.Register(ShutdownSafely);
                    Task.Factory.StartNew(RunUpdateLoop, TaskCreationOptions.LongRunning);
                    _providePassword = ProvidePasswordFromRefreshTask;
                }

                private void ShutdownSafely() => _rooms.StopAcceptingAsync().Wait();

                private void RunUpdateLoop()
                {
                    while (true)
                    {
                        UpdateAsync().Wait();
                        Thread.Sleep(1000);
                    }
                }

                private string ProvidePasswordFromRefreshTask(string user) => _refresh.GetAwaiter().GetResult() + user;

                private static Task UpdateAsync() => File.AppendAllTextAsync("counts.txt", "1");
            }
            """);
    }

    [Fact]
    public async Task BlockingInPrivateMethodCalledDirectly_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class Updater
            {
                public event EventHandler? Changed;

                public Updater(CancellationToken stopping)
                {
                    stopping.Register(ShutdownSafely);
                    Changed += OnChanged;
                    Task.Run(Refresh);
                    ShutdownSafely();
                }

                private void ShutdownSafely() => {|#0:File.WriteAllTextAsync("state.txt", "stopped").Wait()|};

                private void OnChanged(object? sender, EventArgs e) => {|#1:File.WriteAllTextAsync("state.txt", "changed").Wait()|};

                private void Refresh() => {|#2:File.WriteAllTextAsync("state.txt", "refreshed").Wait()|};
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(2).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInWebActionUnderLock_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            interface IDecisionProcessor
            {
                Task ProcessDecision(string decision, int? downloadClientId);
            }
            interface IAccess
            {
                Task<bool> AccessReports(int organizationId);
            }
            class ReleasePushController
            {
                private static readonly object PushLock = new();
                private readonly IDecisionProcessor _processor;
                private readonly IAccess _access;

                public ReleasePushController(IDecisionProcessor processor, IAccess access)
                {
                    _processor = processor;
                    _access = access;
                }

                public string Create(string release, int? downloadClientId)
                {
                    lock (PushLock)
                    {
                        {|#0:_processor.ProcessDecision(release, downloadClientId).GetAwaiter().GetResult()|};
                    }

                    return release;
                }

                public async Task<int> Add(IEnumerable<int> organizations)
                {
                    if (organizations.Any(id => {|#1:_access.AccessReports(id).Result|} == false))
                    {
                        return 0;
                    }

                    await Task.Yield();
                    return 1;
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task BlockingInHelperOfFixedSignature_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            interface ICacheObserver
            {
                void CacheCleared();
            }
            interface INode
            {
                Task<string> Value { get; }
            }
            interface ITracker
            {
                IEnumerable<INode> GetAll();
            }
            class Index : ICacheObserver
            {
                private readonly object _lock = new();
                private readonly ITracker _tracker;
                private Dictionary<string, INode> _index = new();

                public Index(ITracker tracker) => _tracker = tracker;

                public void CacheCleared() => Rebuild();

                private void Rebuild()
                {
                    lock (_lock)
                    {
                        _index = _tracker.GetAll().ToDictionary(node => node.Value.Result, node => node);
                        Log();
                    }
                }

                private void Log() => Console.WriteLine(_tracker.GetAll().First().Value.Result);
            }
            static class Program
            {
                static void Main(string[] args)
                {
                    if (args.Length > 0)
                    {
                        OpenFileFromTile(args[0]);
                    }
                }

                public static void OpenFileFromTile(string filePath) => Launcher.LaunchAsync(filePath).Wait();
            }
            static class Launcher
            {
                public static Task LaunchAsync(string path) => Task.Run(() => System.Diagnostics.Process.Start(path));
            }
            """);
    }

    [Fact]
    public async Task BlockingInHelperOfOwnMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            interface ICacheObserver
            {
                void CacheCleared();
            }
            interface IStore
            {
                Task<string> LoadAsync();
            }
            class Index : ICacheObserver
            {
                private readonly IStore _store;

                public Index(IStore store) => _store = store;

                public void CacheCleared() => Rebuild();

                public void Refresh() => Rebuild();

                private void Rebuild() => Console.WriteLine({|#0:_store.LoadAsync().Result|});
            }
            static class Program
            {
                static void Main(string[] args) => Open(args[0]);

                public static void Open(string filePath) => Launcher.LaunchAsync(filePath).Wait();

                public static void OpenFromMenu(string filePath) => {|#1:Launcher.LaunchAsync(filePath).Wait()|};
            }
            static class Launcher
            {
                public static Task LaunchAsync(string path) => Task.Run(() => System.Diagnostics.Process.Start(path));

                public static void Reopen(string path) => Program.OpenFromMenu(path);
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInHelperCalledFromStaticConstructorAndMain_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            interface IInstance
            {
                Task ForwardAsync(string[] args);
                bool IsCurrent { get; }
            }
            static class Instances
            {
                public static IInstance Primary { get; set; } = null!;
            }
            sealed class Program
            {
                static Program()
                {
                    if (!Instances.Primary.IsCurrent)
                    {
                        Forward(Instances.Primary, Array.Empty<string>());
                        Environment.Exit(0);
                    }
                }

                static void Main(string[] args)
                {
                    if (args.Length > 0)
                    {
                        Forward(Instances.Primary, args);
                        Notify(args[0]);
                        return;
                    }

                    Warm();
                }

                private static void Forward(IInstance instance, string[] args)
                {
                    instance.ForwardAsync(args).Wait();
                }

                private static void Notify(string text) => Task.Run(() => Console.WriteLine(text)).Wait();

                private static void Warm()
                {
                    Load();

                    void Load() => Task.Delay(10).GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingInInternalHelperReachedOnlyFromEntryPoint_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            internal static class Activation
            {
                public static void Redirect(string key) => Registry.SendAsync(key).Wait();

                internal static void RedirectAll(string[] keys)
                {
                    foreach (var key in keys)
                    {
                        Redirect(key);
                    }
                }
            }
            static class Registry
            {
                public static Task SendAsync(string key) => Task.Run(() => key.Length);
            }
            class Startup
            {
                static Startup() => Activation.Redirect("startup");

                public static void Main(string[] args) => Activation.RedirectAll(args);
            }
            """);
    }

    [Fact]
    public async Task BlockingInEntryPointHelperAlsoCalledFromOrdinaryMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class Registry
            {
                public static Task SendAsync(string key) => Task.Run(() => key.Length);
            }
            internal static class Activation
            {
                public static void Redirect(string key) => {|#0:Registry.SendAsync(key).Wait()|};
            }
            sealed class Program
            {
                static Program() => Activation.Redirect("startup");

                static void Main() => Activation.Redirect("main");
            }
            class Window
            {
                public void OnReactivated() => Activation.Redirect("window");
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInPublicHelperCalledFromStaticConstructor_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                public static class Registry
                {
                    public static Task SendAsync(string key) => Task.Run(() => key.Length);
                }
                public static class Activation
                {
                    public static void Redirect(string key) => {|#0:Registry.SendAsync(key).Wait()|};
                }
                public class Program
                {
                    static Program() => Activation.Redirect("startup");

                    static void Main() => Activation.Redirect("main");
                }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
        await test.RunAsync();
    }

    [Fact]
    public async Task BlockingInInternalHelperVisibleToTestsOnly_NoDiagnostic()
    {
        // The internals are visible to the test project and to Moq's proxies only: what they call never runs in production, so the
        // helper is still reached only from the entry points.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Registry.Tests")]
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Registry.IntegrationTests, PublicKey=0024000004800000")]
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("DynamicProxyGenAssembly2")]
            static class Registry
            {
                public static Task SendAsync(string key) => Task.Run(() => key.Length);
            }
            internal static class Activation
            {
                internal static void Redirect(string key) => Registry.SendAsync(key).Wait();
            }
            class Startup
            {
                static Startup() => Activation.Redirect("startup");

                static void Main() => Activation.Redirect("main");
            }
            """);
    }

    [Fact]
    public async Task BlockingInInternalHelperOfAssemblyWithFriends_Reports()
    {
        // A friend that is not a test assembly (a sibling library; a name that only ends in the letters "test") may call the helper from anywhere.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Registry.Tests")]
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Registry.Contest")]
            static class Registry
            {
                public static Task SendAsync(string key) => Task.Run(() => key.Length);
            }
            internal static class Activation
            {
                internal static void Redirect(string key) => {|#0:Registry.SendAsync(key).Wait()|};
            }
            class Startup
            {
                static Startup() => Activation.Redirect("startup");

                static void Main() => Activation.Redirect("main");
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInEntryPointHelperUsedAsMethodGroup_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class Registry
            {
                public static Task SendAsync(string key) => Task.Run(() => key.Length);
            }
            sealed class Program
            {
                static Program() => Redirect();

                static void Main() => Task.Run(Redirect).Wait();

                private static void Redirect() => {|#0:Registry.SendAsync("main").Wait()|};
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInHelperCalledFromAsyncMain_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class Registry
            {
                public static Task SendAsync(string key) => Task.Run(() => key.Length);
            }
            sealed class Program
            {
                static Program() => Redirect("startup");

                static async Task Main()
                {
                    await Task.Yield();
                    Redirect("main");
                }

                private static void Redirect(string key) => {|#0:Registry.SendAsync(key).Wait()|};
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task WaitInMethodWithOutParameter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            interface IHub
            {
                Task OnConnectedAsync();
            }
            class MultiplayerTest
            {
                private readonly IHub _hub;
                protected int User;

                public MultiplayerTest(IHub hub)
                {
                    _hub = hub;
                    CreateUser(1, out User);
                }

                protected void CreateUser(int userId, out int context)
                {
                    context = userId;
                    _hub.OnConnectedAsync().Wait();
                }
            }
            """);
    }

    // A backup tool's script module (real code): the output reader (a private nested class) waits, called only from a method with
    // ref parameters, which cannot become async, so the wait has no async caller to move to. Without the ref parameters, the
    // callers are OnStart (ref: fixed) and OnFinish (a method others may call): reported.
    private static string ScriptModule(string executeSignature, string call) => """
        using System;
        using System.Threading.Tasks;

        internal class ScriptModule
        {
            public void OnStart(ref string remoteUrl) => CALL;

            public void OnFinish(string remoteUrl) => CALL;

            private void Execute(EXECUTE_SIGNATURE)
            {
                var reader = new OutputReader(Task.Run(() => Console.In.ReadToEnd()));
                {|#0:reader.WaitForCompletion()|};
            }

            private sealed class OutputReader
            {
                private readonly Task _task;
                public OutputReader(Task task) => _task = task;

                public void WaitForCompletion()
                {
                    {|#1:_task.Wait(TimeSpan.FromSeconds(5))|};
                }
            }
        }
        """.Replace("EXECUTE_SIGNATURE", executeSignature).Replace("CALL", call).Replace("{|#0:reader.WaitForCompletion()|}", "reader.WaitForCompletion()");

    [Fact]
    public async Task BlockingInHelperCalledOnlyFromMethodWithRefParameters_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(ScriptModule("string name, ref string remoteUrl", "Execute(\"start\", ref remoteUrl)")
            .Replace("{|#1:_task.Wait(TimeSpan.FromSeconds(5))|}", "_task.Wait(TimeSpan.FromSeconds(5))"));
    }

    [Fact]
    public async Task BlockingInHelperCalledFromMethodWithoutRefParameters_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            ScriptModule("string name, string remoteUrl", "Execute(\"start\", remoteUrl)"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task WaitWithTimeoutFromParameter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class FileLogger : IDisposable
            {
                private readonly Task _writerTask;

                public FileLogger() => _writerTask = Task.Run(ProcessQueueAsync);

                public bool TryCompleteAndFlush(TimeSpan timeout) => _writerTask.Wait(timeout);

                public bool TryFlush(int millisecondsTimeout, CancellationToken token) => _writerTask.Wait(millisecondsTimeout, token);

                public void Dispose() => TryCompleteAndFlush(Timeout.InfiniteTimeSpan);

                private static async Task ProcessQueueAsync() => await File.AppendAllTextAsync("log.txt", "x");
            }
            """);
    }

    [Fact]
    public async Task WaitWithOwnTimeout_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            class FileLogger
            {
                private readonly Task _writerTask = Task.Run(ProcessQueueAsync);

                public bool TryCompleteAndFlush(bool quick) => {|#0:_writerTask.Wait(quick ? 100 : 5000)|};

                public Func<TimeSpan, bool> Flusher => timeout => {|#1:_writerTask.Wait(timeout)|};

                private static async Task ProcessQueueAsync() => await File.AppendAllTextAsync("log.txt", "x");
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task GetResultInsideSynchronizationContext_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;
            sealed class StaSynchronizationContext : SynchronizationContext
            {
                private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

                public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

                public void Run(Task task)
                {
                    var completionSignal = task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    foreach (var work in _queue.GetConsumingEnumerable())
                    {
                        work.Callback(work.State);
                    }

                    completionSignal.GetAwaiter().GetResult();
                    task.GetAwaiter().GetResult();
                }
            }
            """);
    }

    private const string ForceAsyncAwaiter = """
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        readonly struct ForceAsyncAwaiter : ICriticalNotifyCompletion
        {
            private readonly Task _task;

            internal ForceAsyncAwaiter(Task task) => _task = task;

            public ForceAsyncAwaiter GetAwaiter() => this;

            public bool IsCompleted => false;

            public void GetResult() => _task.GetAwaiter().GetResult();

            public void OnCompleted(Action action) => _task.ConfigureAwait(false).GetAwaiter().OnCompleted(action);

            public void UnsafeOnCompleted(Action action) => _task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(action);
        }
        """;

    [Fact]
    public async Task GetResultInsideOwnAwaiter_NoDiagnostic()
    {
        // An awaiter that always yields: the await pattern calls GetResult once the task is complete, and it must be synchronous.
        await VerifyCS.VerifyAnalyzerAsync(ForceAsyncAwaiter);
    }

    [Fact]
    public async Task GetResultInsideOwnAwaiterHelper_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            ForceAsyncAwaiter.Replace("public void GetResult() => _task.GetAwaiter().GetResult();",
                "public void GetResult() { }\n\n    public void Join() => {|#0:_task.GetAwaiter().GetResult()|};"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task GetResultInClassUsingSynchronizationContext_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            sealed class Pump
            {
                private readonly SynchronizationContext _context = new();

                public void Run(Task task)
                {
                    _context.Post(_ => { }, null);
                    {|#0:task.GetAwaiter().GetResult()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task LambdaGivenToTaskRunInFixedMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            interface IStore
            {
                Task<string> LoadAsync();
            }
            class Cache : IDisposable
            {
                private readonly IStore _store;

                public Cache(IStore store) => _store = store;

                public void Dispose()
                {
                    Task.Run(() => Console.WriteLine({|#0:_store.LoadAsync().Result|}));
                    Action log = () => Console.WriteLine(_store.LoadAsync().Result);
                    log();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultInDedicatedThreadBodyWithErrors_NoDiagnostic()
    {
        // The thread's body does not compile (a missing reference), so new Thread(...) fails overload resolution; the lambda is
        // still the dedicated thread's body.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            class StaRunner
            {
                public void Run(Task<string> work)
                {
                    var thread = new Thread(() =>
                    {
                        {|CS0103:NativeMethods|}.OleInitialize();
                        File.WriteAllText("out.txt", work.GetAwaiter().GetResult());
                    });
                    thread.Start();
                }
            }
            """);
    }

    // A library's public API: "make it async" is a breaking change for callers outside the solution (real code: a message
    // bus's public registration extensions blocking on an assembly scan).
    private const string PublicRegistration = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public interface IRegistrar { void Add(string type); }

        public static class RegistrationExtensions
        {
            public static void AddConsumers(this IRegistrar registrar, string assembly)
            {
                foreach (var type in {|#0:TypeCache.FindTypesAsync(assembly).GetAwaiter().GetResult()|})
                {
                    registrar.Add(type);
                }
            }
        }

        static class TypeCache
        {
            public static Task<List<string>> FindTypesAsync(string assembly) => Task.Run(() => System.IO.File.ReadAllLines(assembly + ".types").ToList());
        }
        """;

    [Fact]
    public async Task BlockingInPublicApiOfLibrary_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(PublicRegistration.Replace("{|#0:", "").Replace("GetResult()|}", "GetResult()"));
    }

    [Fact]
    public async Task BlockingInPublicApiOfLibraryWithOption_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = PublicRegistration,
            EditorConfig = "async_analyzers.ASYNC104.report_public_api = true",
        };
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
        await test.RunAsync();
    }

    // A library's public wait helper (real code: a message bus's port of WaitAndUnwrapException): blocking is its contract, and
    // task.Wait(token), the "synchronous overload" of WaitAsync, blocks on the same task.
    [Fact]
    public async Task PublicWaitHelperOverTaskParameter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public static class TaskExtensions
            {
                public static void WaitAndUnwrapException(this Task task, CancellationToken cancellationToken) =>
                    task.WaitAsync(cancellationToken).GetAwaiter().GetResult();

                public static T WaitAndUnwrapException<T>(this Task<T> task, CancellationToken cancellationToken) =>
                    task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task PublicHelperWithSynchronousOverloadOnOtherReceiver_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public static class StreamExtensions
            {
                public static void FlushNow(this Stream stream, CancellationToken cancellationToken) =>
                    {|#0:stream.FlushAsync(cancellationToken).GetAwaiter().GetResult()|};
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    private const string WebhookClient = """
        using System.Threading.Tasks;

        public interface IApiClient
        {
            Task LoginAsync(string token);
        }

        public class WebhookClient
        {
            private readonly IApiClient _api;

            public WebhookClient(IApiClient api, string token)
            {
                _api = api;
                {|#0:_api.LoginAsync(token).GetAwaiter().GetResult()|};
            }

            protected WebhookClient(IApiClient api) : this(api, "anonymous") { }
        }

        public class Channel
        {
            internal Channel(IApiClient api, string token)
            {
                {|#1:api.LoginAsync(token).Wait()|};
            }

            public static Channel Open(IApiClient api, string token) => new Channel(api, token);
        }
        """;

    [Fact]
    public async Task BlockingInPublicConstructorOfLibrary_NoDiagnostic()
    {
        // A library's public constructor is API: an async factory can join it, not replace it. The internal constructor is the
        // author's own and is reported.
        await VerifyCS.VerifyAnalyzerAsync(
            WebhookClient.Replace("{|#0:", "").Replace("GetResult()|}", "GetResult()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInPublicConstructorOfLibraryWithOption_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = WebhookClient,
            EditorConfig = "async_analyzers.ASYNC104.report_public_api = true",
        };
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
        await test.RunAsync();
    }

    private const string ClientCapabilities = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public class FtpClient
        {
            private List<string>? _capabilities;

            public List<string> Capabilities
            {
                get
                {
                    if (_capabilities is null)
                    {
                        {|#0:Task.Run(async () => await ConnectAsync(CancellationToken.None)).Wait()|};
                    }

                    return _capabilities!;
                }
            }

            private async Task ConnectAsync(CancellationToken token)
            {
                await Task.Delay(10, token);
                _capabilities = new List<string> { "MLSD" };
            }
        }
        """;

    [Fact]
    public async Task BlockingInPublicPropertyOfLibrary_NoDiagnostic()
    {
        // A library's public property connects on first use: the getter is API, and a getter cannot become async.
        await VerifyCS.VerifyAnalyzerAsync(ClientCapabilities.Replace("{|#0:", "").Replace(".Wait()|}", ".Wait()"));
    }

    [Fact]
    public async Task BlockingInInternalPropertyOfLibrary_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(ClientCapabilities.Replace("public List<string> Capabilities", "internal List<string> Capabilities"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInInternalTypeOfLibrary_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(PublicRegistration.Replace("public static class RegistrationExtensions", "static class RegistrationExtensions"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task BlockingInControllerActionOfLibrary_Reports()
    {
        // The framework calls an action and awaits a task just as well: the action can become async.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public abstract class ControllerBase { }

            public interface IReleaseService { Task<int> ProcessAsync(string title); }

            public class ReleasePushController : ControllerBase
            {
                private readonly IReleaseService _releases;
                private readonly object _lock = new();

                public ReleasePushController(IReleaseService releases) => _releases = releases;

                public int Create(string title)
                {
                    lock (_lock)
                    {
                        return {|#0:_releases.ProcessAsync(title).Result|};
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task BlockingInPrivateHelperOfPublicApi_NoDiagnostic()
    {
        // The private helper of public registration methods: making it async means making them async too.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public interface IRegistrar { void Add(string type); }

            public static class RegistrationExtensions
            {
                public static void AddFromNamespaceOf(this IRegistrar registrar, string assembly)
                {
                    foreach (var type in FindTypesInNamespace(assembly))
                    {
                        registrar.Add(type);
                    }
                }

                private static string[] FindTypesInNamespace(string assembly) =>
                    Task.Run(() => System.IO.File.ReadAllLines(assembly + ".types")).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task BlockingInPrivateHelperOfInternalApi_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            interface IRegistrar { void Add(string type); }

            static class RegistrationExtensions
            {
                public static void AddFromNamespaceOf(this IRegistrar registrar, string assembly)
                {
                    foreach (var type in FindTypesInNamespace(assembly))
                    {
                        registrar.Add(type);
                    }
                }

                private static string[] FindTypesInNamespace(string assembly) =>
                    {|#0:Task.Run(() => System.IO.File.ReadAllLines(assembly + ".types")).GetAwaiter().GetResult()|};
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task BlockingInPrivateMethodCalledFromVoidCallbackLambda_NoDiagnostic()
    {
        // A pub/sub subscription takes an Action: the lambda cannot return a task, so neither can what it calls.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            interface ISubscriber { void Subscribe(string channel, Action<string, string> handler); }
            interface IHubContext { Task SendAsync(string message); }

            class ScoreProcessedSubscriber
            {
                private readonly IHubContext _hub;

                public ScoreProcessedSubscriber(ISubscriber subscriber, IHubContext hub)
                {
                    _hub = hub;
                    subscriber.Subscribe("scores", (_, message) => OnMessageReceived(message));
                }

                private void OnMessageReceived(string message) => _hub.SendAsync(message).Wait();
            }
            """);
    }

    [Fact]
    public async Task BlockingInPrivateMethodCalledFromTaskRunLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IHubContext { Task SendAsync(string message); }

            class Notifier
            {
                private readonly IHubContext _hub;

                public Notifier(IHubContext hub) => _hub = hub;

                internal void Start() => Task.Run(() => Notify("started"));

                private void Notify(string message) => {|#0:_hub.SendAsync(message).Wait()|};
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task BlockingInDisposePatternMethod_NoDiagnostic()
    {
        // Dispose(bool disposing) is the dispose pattern's core: Dispose() and the finalizer call it, overrides share its signature,
        // and the asynchronous path is DisposeAsync's. It cannot become async; there is nothing to advise.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            interface IChannel
            {
                ValueTask CloseAsync();
            }
            class ChannelManager : IDisposable, IAsyncDisposable
            {
                private readonly IChannel _channel;
                private Timer? _retryTimer;
                private int _disposed;

                public ChannelManager(IChannel channel) => _channel = channel;

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                public async ValueTask DisposeAsync()
                {
                    await DisposeResourcesAsync().ConfigureAwait(false);
                    Dispose(false);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing)
                {
                    if (Interlocked.CompareExchange(ref _disposed, 1, 0) != 0)
                        return;

                    if (disposing)
                    {
                        _retryTimer?.Dispose();
                        DisposeResourcesAsync().AsTask().GetAwaiter().GetResult();
                    }
                }

                private async ValueTask DisposeResourcesAsync() => await _channel.CloseAsync();
            }
            sealed class Session : IDisposable
            {
                private readonly Func<Task> _logout;
                public Session(Func<Task> logout) => _logout = logout;
                public void Dispose() => Dispose(disposing: true);
                private void Dispose(bool disposing)
                {
                    if (disposing)
                        _logout().Wait();
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingInBoolMethodOutsideDisposePattern_Reports()
    {
        // The same body in a method of the author's own shape (Close(bool)), or a Dispose(bool) of a type that is not disposable,
        // can become async.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Connection : IDisposable
            {
                private readonly Func<Task> _close;
                public Connection(Func<Task> close) => _close = close;
                public void Dispose() => Close(true);
                public void Close(bool graceful)
                {
                    if (graceful)
                        {|#0:_close().Wait()|};
                }
            }
            class Lease
            {
                private readonly Func<Task> _release;
                public Lease(Func<Task> release) => _release = release;
                public void Dispose(bool now)
                {
                    if (now)
                        {|#1:_release().Wait()|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Wait()"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Wait()"));
    }
}
