using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.BlockingWaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class BlockingWaitAnalyzerTests
{
    [Fact]
    public async Task ResultInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|#0:t.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task WaitInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task t)
                {
                    {|#0:t.Wait()|};
                    await Task.Yield();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task WaitWithTimeoutInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<bool> M(Task t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Wait(1000)|};
                }
            }
            """);
    }

    [Fact]
    public async Task GetAwaiterGetResultInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<string> t)
                {
                    await Task.Yield();
                    return {|#0:t.GetAwaiter().GetResult()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task GetResultOnValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ValueTask t)
                {
                    await Task.Yield();
                    {|ASYNC101:t.GetAwaiter().GetResult()|};
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultOnConfiguredAwaitable_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.ConfigureAwait(false).GetAwaiter().GetResult()|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOnValueTaskOfT_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async ValueTask<int> M(ValueTask<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfGenericTaskReturnedByCall_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                Task<List<T>> LoadAsync<T>() => Task.Run(() => new List<T>());

                async Task<int> M()
                {
                    await Task.Yield();
                    return {|ASYNC101:LoadAsync<string>().Result|}.Count;
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAllInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task a, Task b)
                {
                    await Task.Yield();
                    {|#0:Task.WaitAll(a, b)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments("Task.WaitAll"));
    }

    [Fact]
    public async Task WaitAnyInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task a, Task b)
                {
                    await Task.Yield();
                    return {|#0:Task.WaitAny(a, b)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments("Task.WaitAny"));
    }

    [Fact]
    public async Task ResultInAsyncLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M(Task<int> t)
                {
                    _ = Local();

                    async Task<int> Local()
                    {
                        await Task.Yield();
                        return {|ASYNC101:t.Result|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInAsyncLambdaInsideSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M(Task<int> t)
                {
                    Func<Task<int>> f = async () =>
                    {
                        await Task.Yield();
                        return {|ASYNC101:t.Result|};
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task WaitInExpressionBodiedAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M(Task t) => async () => {|ASYNC101:t.Wait()|};
            }
            """);
    }

    [Fact]
    public async Task ResultInAsyncAnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M(Task<int> t)
                {
                    Func<Task<int>> f = async delegate
                    {
                        await Task.Yield();
                        return {|ASYNC101:t.Result|};
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInAsyncMain_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Program
            {
                static async Task Main()
                {
                    var t = Task.Run(() => 1);
                    await Task.Yield();
                    System.Console.WriteLine({|ASYNC101:t.Result|});
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInTopLevelStatementsWithAwait_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                var t = Task.Run(() => 1);
                await Task.Yield();
                var x = {|ASYNC101:t.Result|};
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ResultWithConditionalAccess_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int?> M(Task<int>? t)
                {
                    await Task.Yield();
                    return t?{|ASYNC101:.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task NestedResults_ReportsEach()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<string> GetAsync(int id) => Task.Run(() => id.ToString());

                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|#0:GetAsync({|#1:t.Result|}).Result|}.Length;
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultAfterAwaitInsideIfOnly_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t, bool flag)
                {
                    if (flag)
                    {
                        await t;
                    }

                    return {|ASYNC101:t.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwaitThenReassignment_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> Next() => Task.Run(() => 2);

                async Task<int> M(Task<int> t)
                {
                    await t;
                    t = Next();
                    return {|ASYNC101:t.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultBeforeAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    var x = {|ASYNC101:t.Result|};
                    await t;
                    return x;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWaitOfSameTask_ReportsOnlyWait()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    {|ASYNC101:t.Wait()|};
                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWhenAllOfOtherTasks_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
                {
                    await Task.WhenAll(a, b);
                    return {|ASYNC101:c.Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWhenAllThenAddToCollection_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(List<Task<int>> tasks, Task<int> extra)
                {
                    await Task.WhenAll(tasks);
                    tasks.Add(extra);
                    return {|ASYNC101:tasks[1].Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByOtherTaskIsCompleted_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    await Task.Yield();
                    return a.IsCompleted ? {|ASYNC101:b.Result|} : 0;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInsideLock_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                readonly object _gate = new();

                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        return {|ASYNC101:t.Result|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInsideAwaitForeach_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(IAsyncEnumerable<Task<int>> source)
                {
                    var sum = 0;
                    await foreach (var t in source)
                    {
                        sum += {|ASYNC101:t.Result|};
                    }

                    return sum;
                }
            }
            """);
    }

    [Fact]
    public async Task WaitInsideAwaitUsing_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Func<IAsyncDisposable> open, Task t)
                {
                    await using (open())
                    {
                        {|ASYNC101:t.Wait()|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwaitOfSameTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await t;
                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterConfigureAwaitFalseAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await t.ConfigureAwait(false);
                    return t.Result + t.GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwaitInBothBranches_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t, bool flag)
                {
                    if (flag)
                    {
                        await t;
                    }
                    else
                    {
                        await t.ConfigureAwait(false);
                    }

                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWhenAllOfTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    await Task.WhenAll(a, b).ConfigureAwait(false);
                    return a.Result + b.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWhenAllOfArrayCreation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    await Task.WhenAll(new[] { a, b });
                    return a.Result + b.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ForEachResultAfterWhenAllOfCollection_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(List<Task<int>> tasks)
                {
                    await Task.WhenAll(tasks);
                    var sum = 0;
                    foreach (var t in tasks)
                    {
                        sum += t.Result;
                    }

                    return sum;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfElementPickedFromCompleteCollection_NoDiagnostic()
    {
        // A batch of subscriptions awaited together; the first failure is picked from the same list.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            record CallResult(bool Success, string? Error);
            class Connection
            {
                async Task<string?> SubscribeAllAsync(IEnumerable<string> topics)
                {
                    var taskList = new List<Task<CallResult>>();
                    foreach (var topic in topics)
                    {
                        taskList.Add(SubscribeAsync(topic));
                    }

                    await Task.WhenAll(taskList).ConfigureAwait(false);
                    if (taskList.Any(t => !t.Result.Success))
                    {
                        var errorResult = taskList.First(t => !t.Result.Success).Result;
                        return errorResult.Error ?? taskList.Where(t => t.Result.Success).Last().Result.Error;
                    }

                    return null;
                }

                Task<CallResult> SubscribeAsync(string topic) => Task.Run(() => new CallResult(topic.Length > 0, null));
            }
            """);
    }

    [Fact]
    public async Task ResultOfElementPickedFromOtherCollection_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class Connection
            {
                async Task<int> M(List<Task<int>> awaited, List<Task<int>> pending)
                {
                    await Task.WhenAll(awaited);
                    return awaited.First().Result + {|#0:pending.First().Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfElementMemberAfterWhenAllOfItsProjection_NoDiagnostic()
    {
        // Keyed tasks: WhenAll over the projection of each element's task (Array.ConvertAll or Select) completes that member of
        // every element; read back through a deconstructing foreach, the element's member, or a Select over the same collection.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class Resolver
            {
                async Task<Dictionary<string, string>> ResolveAsync(IDictionary<string, string> requests)
                {
                    var keyed = new (string Key, Task<string> Task)[requests.Count];
                    var i = 0;
                    foreach (var request in requests)
                    {
                        keyed[i++] = (request.Key, LookUpAsync(request.Value));
                    }

                    try
                    {
                        await Task.WhenAll(Array.ConvertAll(keyed, k => k.Task)).ConfigureAwait(false);
                    }
                    catch
                    {
                        await Task.WhenAll(Array.ConvertAll(keyed, k => k.Task).Where(t => !t.IsCompleted)).ConfigureAwait(false);
                        throw;
                    }

                    var responses = new Dictionary<string, string>(keyed.Length);
                    foreach (var (key, task) in keyed)
                    {
                        responses[key] = task.Result;
                    }

                    return responses;
                }

                async Task<int> TotalAsync(List<Download> downloads)
                {
                    await Task.WhenAll(downloads.Select(d => d.Size).ToArray());
                    var total = 0;
                    foreach (var download in downloads)
                    {
                        total += download.Size.Result;
                    }

                    return total + downloads.Sum(d => d.Size.Result);
                }

                Task<string> LookUpAsync(string value) => Task.Run(() => value);
            }
            class Download
            {
                public Task<int> Size { get; } = Task.Run(() => 1);
                public Task<int> Checksum { get; } = Task.Run(() => 2);
            }
            """);
    }

    [Fact]
    public async Task ResultOfOtherElementMemberAfterWhenAllOfProjection_Reports()
    {
        // The projection completed Size, not Checksum; and a deconstruction's other position is not the projected member.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class Resolver
            {
                async Task<int> TotalAsync(List<Download> downloads)
                {
                    await Task.WhenAll(downloads.Select(d => d.Size));
                    var total = 0;
                    foreach (var download in downloads)
                    {
                        total += {|#0:download.Checksum.Result|};
                    }

                    return total;
                }

                async Task<int> PairsAsync((Task<int> First, Task<int> Second)[] pairs)
                {
                    await Task.WhenAll(Array.ConvertAll(pairs, p => p.First));
                    var total = 0;
                    foreach (var (first, second) in pairs)
                    {
                        total += first.Result + {|#1:second.Result|};
                    }

                    return total;
                }
            }
            class Download
            {
                public Task<int> Size { get; } = Task.Run(() => 1);
                public Task<int> Checksum { get; } = Task.Run(() => 2);
            }
            """,
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task IndexedResultAfterWhenAllOfCollection_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int>[] array, List<Task<int>> list)
                {
                    await Task.WhenAll(array);
                    var results = await Task.WhenAll(list);
                    return array[0].Result + list[0].Result + results.Length;
                }
            }
            """);
    }

    [Fact]
    public async Task SelectResultAfterWhenAllOfCollection_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<int[]> M(IEnumerable<Task<int>> tasks)
                {
                    await Task.WhenAll(tasks);
                    return tasks.Select(t => t.Result).ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfWhenAnyWinnerCheck_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    if (await Task.WhenAny(a, b) == a)
                    {
                        return a.Result;
                    }

                    return -1;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfWhenAnyWinner_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    var winner = await Task.WhenAny(a, b).ConfigureAwait(false);
                    return winner.Result + (await Task.WhenAny(a, b)).Result;
                }
            }
            """);
    }

    [Fact]
    public async Task CompletedByConstruction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M()
                {
                    await Task.Yield();
                    Task.CompletedTask.Wait();
                    Task.CompletedTask.GetAwaiter().GetResult();
                    return Task.FromResult(1).Result + new ValueTask<int>(5).Result + ValueTask.FromResult(2).Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByIsCompleted_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    if (t.IsCompleted)
                    {
                        return t.Result;
                    }

                    return 0;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByIsCompletedSuccessfully_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async ValueTask<int> M(ValueTask<int> t)
                {
                    await Task.Yield();
                    return t.IsCompletedSuccessfully ? t.Result : -1;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByRanToCompletionStatus_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    if (t.Status == TaskStatus.RanToCompletion)
                    {
                        return t.Result;
                    }

                    return 0;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInIsCompletedConditionalWithAwaitFallback_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t) => t.IsCompleted ? t.Result : await t;
            }
            """);
    }

    [Fact]
    public async Task ResultAfterNotCompletedReturnGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    if (!t.IsCompleted)
                    {
                        return 0;
                    }

                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterNotCompletedAwaitGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    if (!t.IsCompleted)
                    {
                        await t;
                    }

                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfAntecedentInContinueWith_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<int> t)
                {
                    return await t.ContinueWith(prev => prev.Result.ToString());
                }
            }
            """);
    }

    // A server catalog's start-up watcher: an async continuation that reads the antecedent's result in a property pattern.
    private const string ServerWatcher = """
        using System;
        using System.Threading.Tasks;
        class Server { }
        class Catalog
        {
            public Task<Server?> StartAsync(Task<Server?> serverTask, Func<string, Task> publish)
            {
                serverTask.ContinueWith(async t =>
                {
                    if (t.IsFaulted || t is { IsCompletedSuccessfully: true, Result: null })
                    {
                        await publish("failed to start");
                    }
                }, TaskContinuationOptions.ExecuteSynchronously);
                return serverTask;
            }

            public async Task<bool> IsDownAsync(Task<Server?> pending, Func<string, Task> publish)
            {
                await publish("checking");
                return pending is { Status: TaskStatus.RanToCompletion, Result: null };
            }
        }
        """;

    [Fact]
    public async Task ResultInPropertyPatternOfAntecedent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + ServerWatcher.Replace("IsCompletedSuccessfully: true, Result: null", "Result: null"));
    }

    [Fact]
    public async Task ResultInPropertyPatternAfterCompletionTest_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + ServerWatcher);
    }

    [Fact]
    public async Task ResultInPropertyPatternOfPendingTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + ServerWatcher.Replace("Status: TaskStatus.RanToCompletion, Result: null", "{|#0:Result|}: null"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultInPropertyPatternBeforeCompletionTest_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + ServerWatcher.Replace("Status: TaskStatus.RanToCompletion, Result: null", "{|#0:Result|}: null, Status: TaskStatus.RanToCompletion"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultInNameOf_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<int> t)
                {
                    await Task.Yield();
                    return nameof(t.Result);
                }
            }
            """);
    }

    [Fact]
    public async Task WaitWithZeroTimeout_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<bool> M(Task t)
                {
                    await Task.Yield();
                    return t.Wait(0) || t.Wait(TimeSpan.Zero);
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwaitInAsyncLocalFunction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> M(Task<int> t)
                {
                    return Local();

                    async Task<int> Local()
                    {
                        await t;
                        return t.Result;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwaitInAsyncLambdaOverCollection_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                IEnumerable<Task<int>> M(List<Task<int>> tasks) =>
                    tasks.Select(async t =>
                    {
                        await t;
                        return t.Result;
                    });
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwaitInTopLevelStatements_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                var t = Task.Run(() => 1);
                await t;
                System.Console.WriteLine(t.Result);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ConditionalAccessResultAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int?> M(Task<int> t)
                {
                    await t;
                    return t?.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOnNonTaskType_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class Reply
            {
                public int Result { get; set; }
                public void Wait() { }
            }
            class C
            {
                async Task<int> M(Reply reply, ManualResetEventSlim signal)
                {
                    await Task.Yield();
                    reply.Wait();
                    signal.Wait();
                    return reply.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfTaskAwaitedInsideEarlierExpression_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<string> t)
                {
                    var length = (await t).Length;
                    return t.Result.Substring(length / 2);
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInBranchOfIfWithAwaitedCondition_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    if (await t > 0 && t.Result > 1)
                    {
                        return t.Result;
                    }

                    return 0;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInSwitchCaseAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t, int mode)
                {
                    await t;
                    switch (mode)
                    {
                        case 1:
                            return t.Result;
                        default:
                            return 0;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInsideTryAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    try
                    {
                        await t;
                        return t.Result;
                    }
                    catch (System.InvalidOperationException)
                    {
                        return 0;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInSyncLambdaCreatedAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await t;
                    return await Task.Run(() => t.Result * 2);
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByIsCompletedInAndCondition_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<bool> M(Task<int> t)
                {
                    await Task.Yield();
                    return t.IsCompleted && t.Result > 0;
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAllAndWaitAnyWithZeroTimeout_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<bool> M(Task a, Task b)
                {
                    await Task.Yield();
                    return Task.WaitAll(new[] { a, b }, 0) || Task.WaitAny(new[] { a, b }, 0) >= 0;
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultOfDefaultValueTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M()
                {
                    await Task.Yield();
                    default(ValueTask).GetAwaiter().GetResult();
                    return default(ValueTask<int>).Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWaitAllOfSameTasks_ReportsOnlyWaitAll()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    await Task.Yield();
                    {|ASYNC101:Task.WaitAll(a, b)|};
                    return a.Result + b.Result;
                }
            }
            """);
    }

    [Theory]
    [InlineData("async Task M(Task<int> t) { await ; var x = {|ASYNC101:t.Result|}")]
    [InlineData("async Task M(Missing t) { await t; t.Result; t.Wait(); t.GetAwaiter().GetResult(); }")]
    [InlineData("async Task M(Task<int> t) { if (t.IsCompleted ? ) { t. } {|ASYNC101:Task.WaitAll(|}; Task.WhenAny( == t; }")]
    [InlineData("async Task M(Task<int>[] ts) { await Task.WhenAll(ts) foreach (var t in ts.Select(x => x.Result)) t.Result }")]
    public async Task HalfTypedCode_DoesNotCrash(string member)
    {
        var test = new VerifyCS.Test
        {
            TestCode = "using System.Linq; using System.Threading.Tasks; class C { " + member + " }",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
        await test.RunAsync();
    }

    [Fact]
    public async Task ResultAfterAwaitOfWhenAllLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int>[] tasks)
                {
                    var both = Task.WhenAll(a, Task.CompletedTask);
                    await both.ConfigureAwait(false);
                    var all = Task.WhenAll(tasks);
                    await all;
                    return a.Result + tasks[0].Result + tasks.Sum(t => t.Result);
                }
            }
            """);
    }

    private static string FrameTree(string gathered) => """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        interface ISession { Task<string> GetFrameTreeAsync(); Task EnableAsync(); }

        class FrameManager
        {
            async Task<string> InitializeAsync(ISession session, List<Task> preloads)
            {
                var getFrameTreeTask = session.GetFrameTreeAsync();
                await Task.WhenAll(GATHERED).ConfigureAwait(false);
                return {|#0:getFrameTreeTask.Result|};
            }
        }
        """.Replace("GATHERED", gathered);

    [Fact]
    public async Task ResultOfTaskInConcatenatedWhenAll_NoDiagnostic()
    {
        // The frame tree is one of the tasks WhenAll waited for, in an array joined to the preload scripts' tasks.
        await VerifyCS.VerifyAnalyzerAsync(FrameTree("new Task[] { getFrameTreeTask, session.EnableAsync() }.Concat(preloads)").Replace("{|#0:", "").Replace(".Result|}", ".Result"));
        await VerifyCS.VerifyAnalyzerAsync(FrameTree("preloads.Append(getFrameTreeTask)").Replace("{|#0:", "").Replace(".Result|}", ".Result"));
    }

    [Fact]
    public async Task ResultOfTaskOutsideConcatenatedWhenAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(FrameTree("new Task[] { session.EnableAsync() }.Concat(preloads)"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfOptionalTaskAfterWhenAllWithCompletedFallback_NoDiagnostic()
    {
        // The error reader runs only when errors are captured; WhenAll waits for it through `?? Task.CompletedTask`.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using System.Threading.Tasks;
            class Encoder
            {
                async Task<string> RunAsync(Process process, bool captureErrors)
                {
                    var output = process.StandardOutput.ReadToEndAsync();
                    Task<string> errors = captureErrors ? process.StandardError.ReadToEndAsync() : null;
                    await Task.WhenAll(output, errors ?? Task.CompletedTask);
                    return output.Result + errors?.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfOptionalTaskLeftOutOfWhenAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using System.Threading.Tasks;
            class Encoder
            {
                async Task<string> RunAsync(Process process, bool captureErrors)
                {
                    var output = process.StandardOutput.ReadToEndAsync();
                    Task<string> errors = captureErrors ? process.StandardError.ReadToEndAsync() : null;
                    await Task.WhenAll(output, Task.CompletedTask);
                    return output.Result + errors?{|#0:.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultAfterAwaitOfReassignedWhenAllLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    var all = Task.WhenAll(a);
                    all = Task.WhenAll(b);
                    await all;
                    return {|#0:a.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultAfterAwaitInTryWithCatch_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<List<string>> M(Task<string>[] tasks)
                {
                    var all = Task.WhenAll(tasks);
                    try
                    {
                        await all;
                    }
                    catch when (all.Exception is not null)
                    {
                    }

                    var results = new List<string>();
                    foreach (var task in tasks)
                    {
                        if (task.IsFaulted)
                        {
                            results.Add(task.Exception!.Message);
                        }
                        else
                        {
                            results.Add(task.Result);
                        }
                    }

                    return results;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterLaterAwaitInTryWithCatch_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t, Func<Task> before)
                {
                    try
                    {
                        await before();
                        await t;
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    return {|#0:t.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task LazyValueResultAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                private readonly Lazy<Task<string>> _settings = new(() => Task.FromResult("a"));

                async Task<int> M(Lazy<Task<int>> lazy)
                {
                    await lazy.Value.ConfigureAwait(false);
                    await _settings.Value;
                    return lazy.Value.Result + _settings.Value.Result.Length;
                }
            }
            """);
    }

    [Fact]
    public async Task LazyValueResultWithoutAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Lazy<Task<int>> lazy, Lazy<Task<int>> other)
                {
                    await other.Value;
                    return {|#0:lazy.Value.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultGuardedOnPropertyChain_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            interface IAgent<T>
            {
                Task<T> Context { get; }
            }
            class Supervisor<T>
            {
                private Task<T> Pending { get; set; } = Task.Run(() => default(T)!);

                async Task<T> SendAsync(IAgent<T> activeContext)
                {
                    var context = activeContext.Context.Status == TaskStatus.RanToCompletion
                        ? activeContext.Context.Result
                        : await activeContext.Context.ConfigureAwait(false);
                    var pending = Pending.IsCompletedSuccessfully ? Pending.Result : await Pending;
                    return context!;
                }

                async Task<T> NextAsync(IAgent<T> agent)
                {
                    if (agent.Context.IsCompleted)
                    {
                        return agent.Context.GetAwaiter().GetResult();
                    }

                    return await agent.Context;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedOnPropertyChainWithAwaitBetween_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            interface IAgent
            {
                Task<int> Context { get; }
            }
            class C
            {
                async Task<int> M(IAgent agent, IAgent other)
                {
                    if (agent.Context.IsCompleted)
                    {
                        await Task.Delay(10);
                        return {|#0:agent.Context.Result|};
                    }

                    await agent.Context;
                    return {|#1:agent.Context.Result|} + (other.Context.IsCompleted ? {|#2:agent.Context.Result|} : 0);
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(1).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(2).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultGuardedByStatusExtensionMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            static class TaskExtensions
            {
                public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
            }
            interface INode<T>
            {
                Task<T> Value { get; }
            }
            class Tracker<T>
            {
                async Task<T> RemoveNode(INode<T> node)
                {
                    var value = node.Value.IsCompletedSuccessfully()
                        ? node.Value.GetAwaiter().GetResult()
                        : await node.Value.ConfigureAwait(false);
                    return value;
                }

                static async Task<string> CreateContext(Task<string> context, CancellationToken cancellationToken)
                {
                    return context.IsCompletedSuccessfully()
                        ? context.Result
                        : await context.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByStatusExtensionOfOtherTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class TaskExtensions
            {
                public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
            }
            class C
            {
                async Task<int> M(Task<int> context, Task<int> other)
                {
                    return other.IsCompletedSuccessfully() ? {|#0:context.Result|} : await context;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultGuardedBySourceHelper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class Ready
            {
                public static bool Done(Task task)
                {
                    return task.IsCompleted && !task.IsFaulted;
                }
            }
            class C
            {
                async Task<int> M(Task<int> load)
                {
                    if (Ready.Done(load))
                    {
                        return load.Result;
                    }

                    return await load;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByHelperTestingSomethingElse_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                static bool Started(Task task) => task.Status != TaskStatus.Created;

                public virtual bool Loaded(Task task) => task.IsCompleted;

                async Task<int> M(Task<int> load)
                {
                    if (Started(load))
                    {
                        return {|#0:load.Result|};
                    }

                    return Loaded(load) ? {|#1:load.Result|} : await load;
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfOtherTaskAfterWhenAnyOfTwoExitsOnFirst_NoDiagnostic()
    {
        // A receive loop races the socket against its close: once the close did not win, the receive did.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Sockets;
            using System.Threading;
            using System.Threading.Tasks;
            class UdpListener
            {
                async Task RunAsync(UdpClient udp, CancellationToken cancelToken)
                {
                    var closeTask = Task.Delay(-1, cancelToken);
                    while (!cancelToken.IsCancellationRequested)
                    {
                        var receiveTask = udp.ReceiveAsync();
                        var task = await Task.WhenAny(closeTask, receiveTask).ConfigureAwait(false);
                        if (task == closeTask)
                            break;

                        var result = receiveTask.Result;
                        await OnDatagramAsync(result.Buffer).ConfigureAwait(false);
                    }
                }

                Task OnDatagramAsync(byte[] buffer) => Task.CompletedTask;
            }
            """);
    }

    // A cluster client's connect (real code) races the socket's completion against a timeout, awaiting through its own
    // ConfigureAwait(false) wrapper; when the timeout did not win, the connection did.
    private const string ConnectRace = """
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        static class TaskCoreExtensions
        {
            public static ConfiguredTaskAwaitable CfAwait(this Task task) => task.ConfigureAwait(false);
            public static ConfiguredTaskAwaitable<T> CfAwait<T>(this Task<T> task) => task.ConfigureAwait(false);
        }

        class SocketConnector
        {
            async Task ConnectAsync(TaskCompletionSource<object?> connected, int timeoutMilliseconds, CancellationToken cancellationToken)
            {
                var timeoutTask = Task.Delay(timeoutMilliseconds, cancellationToken);
                var task = await Task.WhenAny(connected.Task, timeoutTask).CfAwait();
                if (task != timeoutTask)
                {
                    {|#0:connected.Task.GetAwaiter().GetResult()|};
                    return;
                }

                connected.TrySetResult(null);
            }
        }
        """;

    [Fact]
    public async Task ResultOfWhenAnyWinnerThroughConfigureAwaitWrapper_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(ConnectRace.Replace("{|#0:", "").Replace("GetResult()|}", "GetResult()"));
    }

    [Fact]
    public async Task ResultOfWhenAnyLoserThroughConfigureAwaitWrapper_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(ConnectRace.Replace("task != timeoutTask", "task == timeoutTask"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task ResultAfterWhenAnyOfThreeExitsOnOne_Reports()
    {
        // Of three tasks, the one that did not win may be either of the others.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Race
            {
                async Task<int> FirstAsync(Task<int> close, Task<int> receive, Task<int> timeout)
                {
                    var task = await Task.WhenAny(close, receive, timeout);
                    if (task == close)
                        return 0;

                    return {|#0:receive.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfPatternVariableOfAwaitedTask_NoDiagnostic()
    {
        // An autocomplete handler awaits the response task, then reads its payload when it has one.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class AutocompleteHandler
            {
                async Task<string> RespondAsync(Task task)
                {
                    await task;
                    if (task is Task<string> strTask)
                    {
                        return strTask.Result;
                    }

                    return null;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfPatternVariableOfTaskNotAwaited_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class AutocompleteHandler
            {
                async Task<string> RespondAsync(Task task)
                {
                    await Task.Yield();
                    if (task is Task<string> strTask)
                    {
                        return {|#0:strTask.Result|};
                    }

                    return null;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultAfterWhenAnyWinnerNotEqualsContinue_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            class Connector
            {
                async Task<Task<int>> ConnectAsync(List<Task<int>> tasks, CancellationToken token)
                {
                    while (tasks.Count > 0)
                    {
                        var whenAnyDone = Task.WhenAny(tasks);
                        var timeout = Task.Delay(250, token);
                        var whenAnyOrTimeout = await Task.WhenAny(whenAnyDone, timeout).ConfigureAwait(false);
                        if (whenAnyOrTimeout != whenAnyDone)
                        {
                            continue;
                        }

                        await timeout.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        return whenAnyDone.Result;
                    }

                    throw new InvalidOperationException();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterWhenAnyWinnerEqualsContinue_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> work)
                {
                    var timeout = Task.Delay(250);
                    var winner = await Task.WhenAny(work, timeout);
                    if (winner == work)
                    {
                        Console.WriteLine("in time");
                    }

                    return {|#0:work.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ForEachLocalGuardedByIsCompletedSuccessfully_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task M(List<Task<IDisposable>> tasks, List<Task<IDisposable>> others)
                {
                    foreach (var task in tasks)
                    {
                        if (task.IsCompletedSuccessfully)
                        {
                            task.Result.Dispose();
                        }
                    }

                    await Task.WhenAll(others.Cast<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    foreach (var other in others)
                    {
                        other.Result.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ForEachLocalWithoutGuard_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task M(List<Task<IDisposable>> tasks)
                {
                    await Task.WhenAll(tasks.Where(t => t.Id > 0));
                    foreach (var task in tasks)
                    {
                        if (task.Id > 0)
                        {
                            {|#0:task.Result|}.Dispose();
                        }
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfLocalAssignedOnlyInsideGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> FirstSuccessAsync(List<Task<int>> tasks)
                {
                    Task<int>? successTask = null;
                    while (tasks.Count > 0)
                    {
                        var completedTask = await Task.WhenAny(tasks).ConfigureAwait(false);
                        tasks.Remove(completedTask);
                        if (completedTask.IsCompletedSuccessfully)
                        {
                            successTask = completedTask;
                            break;
                        }
                    }

                    if (successTask == null)
                    {
                        throw new InvalidOperationException();
                    }

                    return successTask.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfLocalAlsoAssignedOutsideGuard_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> first, Task<int> second)
                {
                    Task<int> chosen = second;
                    if (first.IsCompletedSuccessfully)
                    {
                        chosen = first;
                    }

                    await Task.Yield();
                    return {|#0:chosen.Result|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task GetResultInSynchronousArmOfDualModeBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            enum IOBehavior
            {
                Synchronous,
                Asynchronous,
            }
            class Session
            {
                private readonly Stream _stream = new FileStream("data.bin", FileMode.Open);

                async Task FlushAsync(bool async, Task pending)
                {
                    if (async)
                    {
                        await pending.ConfigureAwait(false);
                    }
                    else
                    {
                        pending.GetAwaiter().GetResult();
                    }
                }

                async ValueTask<int> ReadAsync(IOBehavior ioBehavior, Task<int> read, CancellationToken token)
                {
                    if (ioBehavior == IOBehavior.Synchronous)
                    {
                        return read.Result;
                    }

                    return await read.WaitAsync(token).ConfigureAwait(false);
                }

                async Task<int> PeekAsync(bool isAsync, Task<int> read) => isAsync ? await read : read.GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task GetResultInAsynchronousArmOfDualModeBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Session
            {
                async Task FlushAsync(bool async, Task pending, Task other)
                {
                    if (async)
                    {
                        {|#0:pending.GetAwaiter().GetResult()|};
                    }
                    else
                    {
                        await other;
                    }
                }

                async Task SaveAsync(bool overwrite, Task pending)
                {
                    if (overwrite)
                    {
                        await pending;
                    }
                    else
                    {
                        {|#1:pending.Wait()|};
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(1).WithArguments(".Wait()"));
    }

    [Fact]
    public async Task ResultOfCallPassingSynchronousModeInAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            enum IOBehavior
            {
                Synchronous,
                Asynchronous,
            }
            class Reader
            {
                private async ValueTask<int> ReadAsync(IOBehavior ioBehavior, CancellationToken token)
                {
                    await Task.Delay(1, token);
                    return 1;
                }

                private async Task FlushAsync(bool async) => await Task.Delay(1);

                async Task<int> M(CancellationToken token)
                {
                    FlushAsync(async: false).GetAwaiter().GetResult();
                    return ReadAsync(IOBehavior.Synchronous, token).Result + await ReadAsync(IOBehavior.Asynchronous, token);
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfCallPassingAsynchronousModeInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            enum IOBehavior
            {
                Synchronous,
                Asynchronous,
            }
            class Reader
            {
                private async ValueTask<int> ReadAsync(IOBehavior ioBehavior, CancellationToken token)
                {
                    await Task.Delay(1, token);
                    return 1;
                }

                private async Task FlushAsync(bool async) => await Task.Delay(1);

                async Task<int> M(IOBehavior ioBehavior, CancellationToken token)
                {
                    {|#0:FlushAsync(async: true).GetAwaiter().GetResult()|};
                    return {|#1:ReadAsync(IOBehavior.Asynchronous, token).Result|} + {|#2:ReadAsync(ioBehavior, token).Result|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(1).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC101").WithLocation(2).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfAsyncMethodCopyingInMemory_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Reflection;
            using System.Threading.Tasks;
            static class CoreHelpers
            {
                public static async Task<byte[]> GetEmbeddedResourceAsync(string file)
                {
                    var assembly = typeof(CoreHelpers).GetTypeInfo().Assembly;
                    using (var s = assembly.GetManifestResourceStream($"App.{file}")!)
                    using (var ms = new MemoryStream())
                    {
                        await s.CopyToAsync(ms);
                        return ms.ToArray();
                    }
                }
            }
            class LicensingService
            {
                private readonly byte[] _certificate;

                public LicensingService()
                {
                    _certificate = CoreHelpers.GetEmbeddedResourceAsync("licensing.cer").GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfAsyncMethodCopyingResourceOrThrow_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Reflection;
            using System.Threading.Tasks;
            static class Embedded
            {
                public static async Task<byte[]> Load(string name)
                {
                    var assembly = Assembly.GetExecutingAssembly();
                    using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException(name);
                    using var memory = new MemoryStream();
                    await stream.CopyToAsync(memory);
                    return memory.ToArray();
                }
            }
            class Template
            {
                public byte[] Read()
                {
                    var bytes = Embedded.Load("page.html").Result;
                    return bytes;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfAsyncMethodCopyingResourceFromHelper_NoDiagnostic()
    {
        // The stream comes from a helper that returns an embedded resource: the copy is memory to memory.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Linq;
            using System.Reflection;
            using System.Threading.Tasks;
            static class Embedded
            {
                static readonly Assembly Assembly = typeof(Embedded).Assembly;

                public static Stream GetStream(string name)
                {
                    var path = Assembly.GetManifestResourceNames().Single(n => n.EndsWith(name));
                    return Assembly.GetManifestResourceStream(path)!;
                }

                public static async Task<byte[]> Load(string name)
                {
                    using var stream = GetStream(name);
                    using var memory = new MemoryStream();
                    await stream.CopyToAsync(memory);
                    return memory.ToArray();
                }
            }
            class Template
            {
                public byte[] Read() => Embedded.Load("page.html").Result;
            }
            """);
    }

    [Fact]
    public async Task ResultOfAsyncMethodCopyingFileFromHelper_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            static class Embedded
            {
                public static Stream GetStream(string name)
                {
                    if (name.Length == 0)
                        return new MemoryStream();
                    return File.OpenRead(name);
                }

                public static async Task<byte[]> Load(string name)
                {
                    using var stream = GetStream(name);
                    using var memory = new MemoryStream();
                    await stream.CopyToAsync(memory);
                    return memory.ToArray();
                }
            }
            class Template
            {
                public byte[] Read() => {|#0:Embedded.Load("page.html").Result|};
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfAsyncMethodAwaitUsingInMemory_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Reflection;
            using System.Threading.Tasks;
            static class Embedded
            {
                public static async Task<byte[]> Load(string name)
                {
                    await using var stream = typeof(Embedded).Assembly.GetManifestResourceStream(name)!;
                    await using (var memory = new MemoryStream())
                    {
                        await stream.CopyToAsync(memory).ConfigureAwait(false);
                        return memory.ToArray();
                    }
                }
            }
            class Template
            {
                public byte[] Read() => Embedded.Load("page.html").Result;
            }
            """);
    }

    [Fact]
    public async Task ResultOfAsyncMethodAwaitUsingFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            static class Embedded
            {
                public static async Task<byte[]> Load(string name)
                {
                    await using var stream = File.OpenRead(name) ?? throw new InvalidOperationException(name);
                    await using var memory = new MemoryStream();
                    await stream.CopyToAsync(memory);
                    return memory.ToArray();
                }

                public static async Task<byte[]> LoadFile(string name)
                {
                    await using var stream = new FileStream(name, FileMode.Open);
                    return new byte[stream.Length];
                }
            }
            class Template
            {
                public byte[] Read() => {|#0:Embedded.Load("page.html").Result|};

                public byte[] ReadFile() => {|#1:Embedded.LoadFile("page.html").Result|};
            }
            """,
            VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".Result"),
            VerifyCS.Diagnostic("ASYNC104").WithLocation(1).WithArguments(".Result"));
    }

    [Fact]
    public async Task ResultOfAsyncMethodCopyingFromFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            static class CoreHelpers
            {
                public static async Task<byte[]> GetFileAsync(string file)
                {
                    using (var s = File.OpenRead(file))
                    using (var ms = new MemoryStream())
                    {
                        await s.CopyToAsync(ms);
                        return ms.ToArray();
                    }
                }
            }
            class LicensingService
            {
                private readonly byte[] _certificate;

                public LicensingService()
                {
                    _certificate = {|#0:CoreHelpers.GetFileAsync("licensing.cer").GetAwaiter().GetResult()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC104").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task ResultGuardedByUnresolvedStatusExtension_NoDiagnostic()
    {
        // The helper's assembly is missing: the call binds to the Task.IsCompletedSuccessfully property and fails, as in a build
        // without the package that declares the extension.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> context)
                {
                    if (context.{|CS1955:IsCompletedSuccessfully|}())
                    {
                        return context.GetAwaiter().GetResult();
                    }

                    return await context;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultGuardedByUnresolvedOtherCall_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> context)
                {
                    if (context.{|CS1955:Id|}())
                    {
                        return {|#0:context.GetAwaiter().GetResult()|};
                    }

                    return await context;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC101").WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));
    }
}
