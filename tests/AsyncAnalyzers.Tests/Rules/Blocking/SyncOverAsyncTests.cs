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
                void M(ValueTask t)
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

    [Fact]
    public async Task ResultOnValueTaskInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(ValueTask<int> t) => {|ASYNC104:t.Result|};
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
}
