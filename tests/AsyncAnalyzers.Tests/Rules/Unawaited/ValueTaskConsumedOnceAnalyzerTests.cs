using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.ValueTaskConsumedOnceAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class ValueTaskConsumedOnceAnalyzerTests
{
    private const string Source = """
        public interface ISource
        {
            System.Threading.Tasks.ValueTask<int> ReadAsync();
            System.Threading.Tasks.ValueTask FlushAsync();
        }
        """;

    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(code + "\n" + Source);

    [Fact]
    public async Task LocalAwaitedTwice_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var first = await vt;
                    return first + {|#0:await vt|};
                }
            }
            """ + "\n" + Source,
            VerifyCS.Diagnostic("ASYNC208").WithLocation(0).WithArguments("vt", "that may already have been consumed on some path to here; a ValueTask must be awaited, blocked on, converted with AsTask or handed on only once"));
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                var stream = new MemoryStream();
                var write = stream.WriteAsync(new byte[] { 1 });
                await write;
                [|await write|];
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ParameterAwaitedTwice_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ValueTask vt)
                {
                    await vt;
                    [|await vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedAfterAsTask_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    ValueTask<int> vt = s.ReadAsync();
                    Task<int> task = vt.AsTask();
                    await Task.WhenAny(task, Task.Delay(100));
                    return [|await vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task ResultAfterAwait_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    await vt;
                    return [|vt.Result|];
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultAfterAwait_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    await vt.ConfigureAwait(false);
                    return [|vt.GetAwaiter().GetResult()|];
                }
            }
            """);
    }

    [Fact]
    public async Task AsTaskAfterAwait_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<Task<int>> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    await vt;
                    return [|vt.AsTask()|];
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitTwice_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s)
                {
                    var vt = s.FlushAsync();
                    await vt.ConfigureAwait(false);
                    [|await vt.ConfigureAwait(false)|];
                }
            }
            """);
    }

    [Fact]
    public async Task PreserveAfterAwait_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<ValueTask<int>> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    await vt;
                    return [|vt.Preserve()|];
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedInLoopWithoutReassignment_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, int n)
                {
                    var vt = s.ReadAsync();
                    var total = 0;
                    for (var i = 0; i < n; i++)
                    {
                        total += [|await vt|];
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedInOneBranchThenAgain_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, bool early)
                {
                    var vt = s.ReadAsync();
                    if (early)
                    {
                        await vt;
                    }

                    return [|await vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task PassedToTwoCalls_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                void Track(ValueTask<int> pending) { }
                Task<int> Wait(ValueTask<int> pending) => pending.AsTask();

                Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    Track(vt);
                    return Wait([|vt|]);
                }
            }
            """);
    }

    [Fact]
    public async Task AddedToListThenAwaited_Reports()
    {
        await Verify("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                readonly List<ValueTask<int>> _pending = new();

                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    _pending.Add(vt);
                    return [|await vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task StoredInTwoFields_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                ValueTask _current;
                ValueTask _last;

                void M(ISource s)
                {
                    var vt = s.FlushAsync();
                    _current = vt;
                    _last = [|vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedThenReturned_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<ValueTask> M(ISource s)
                {
                    var vt = s.FlushAsync();
                    await vt;
                    return [|vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task LocalFunction_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> M(ISource s)
                {
                    return Local();

                    async Task<int> Local()
                    {
                        var vt = s.ReadAsync();
                        return await vt + [|await vt|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LambdaLocal_Reports()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task<int>> M(ISource s) => async () =>
                {
                    var vt = s.ReadAsync();
                    await vt;
                    return [|await vt|];
                };
            }
            """);
    }

    [Fact]
    public async Task LambdaParameter_Reports()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<ValueTask<int>, Task<int>> M() => async vt => await vt + [|await vt|];
            }
            """);
    }

    [Fact]
    public async Task ExpressionBody_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async ValueTask<int> M(ValueTask<int> vt) => await vt * [|await vt|];
            }
            """);
    }

    [Fact]
    public async Task ResultTwiceInOneExpression_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                int M(ValueTask<int> vt)
                {
                    if (vt.IsCompletedSuccessfully)
                    {
                        return vt.Result + [|vt.Result|];
                    }

                    return -1;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedInTryAndInFinally_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s)
                {
                    var vt = s.FlushAsync();
                    try
                    {
                        await vt;
                    }
                    finally
                    {
                        [|await vt|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CopiedThenAwaited_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s)
                {
                    var vt = s.FlushAsync();
                    var copy = vt;
                    await copy;
                    [|await vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task ParameterDefaultReassignedOnOnePath_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, bool read)
                {
                    ValueTask<int> vt = default;
                    if (read)
                    {
                        vt = s.ReadAsync();
                    }

                    await vt;
                    return [|await vt|];
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedOnce_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    if (vt.IsCompleted)
                    {
                        System.Console.WriteLine("done");
                    }

                    return await vt.ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task FastPathThenResult_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                int Read(ISource s)
                {
                    var vt = s.ReadAsync();
                    if (vt.IsCompletedSuccessfully)
                    {
                        return vt.Result;
                    }

                    return Slow(vt).GetAwaiter().GetResult();
                }

                static async Task<int> Slow(ValueTask<int> vt) => await vt;

                ValueTask<int> ReadFast(ValueTask<int> vt) => vt.IsCompletedSuccessfully ? new ValueTask<int>(vt.Result) : new ValueTask<int>(vt.AsTask());
            }
            """);
    }

    [Fact]
    public async Task PreservedThenAwaitedTwice_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var preserved = s.ReadAsync().Preserve();
                    var first = await preserved;
                    return first + await preserved;
                }

                async Task<int> N(ISource s)
                {
                    var vt = s.ReadAsync();
                    vt = vt.Preserve();
                    return await vt + await vt;
                }
            }
            """);
    }

    [Fact]
    public async Task AsTaskOnceThenTaskUsedManyTimes_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var task = vt.AsTask();
                    await Task.WhenAny(task, Task.Delay(100));
                    return await task + task.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitInIfAndElse_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, bool configure)
                {
                    var vt = s.ReadAsync();
                    if (configure)
                    {
                        return await vt.ConfigureAwait(false);
                    }
                    else
                    {
                        return await vt;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ReassignedBetweenAwaits_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var total = await vt;
                    vt = s.ReadAsync();
                    total += await vt;
                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task LoopReassignedEachIteration_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, int n)
                {
                    var total = 0;
                    ValueTask<int> vt;
                    for (var i = 0; i < n; i++)
                    {
                        vt = s.ReadAsync();
                        total += await vt;
                    }

                    while (total < 100)
                    {
                        var next = s.ReadAsync();
                        total += await next;
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnedNotConsumed_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                ValueTask<int> M(ISource s, bool log)
                {
                    var vt = s.ReadAsync();
                    if (log && vt.IsCompleted)
                    {
                        System.Console.WriteLine("completed synchronously");
                    }

                    return vt;
                }
            }
            """);
    }

    [Fact]
    public async Task DefaultValueTask_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    ValueTask vt = default;
                    await vt;
                    await vt;
                    var done = default(ValueTask<int>);
                    _ = done.Result + await done;
                    var completed = ValueTask.CompletedTask;
                    await completed;
                    await completed;
                }
            }
            """);
    }

    [Fact]
    public async Task CompletedByConstruction_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> task)
                {
                    var fromValue = new ValueTask<int>(5);
                    var fromResult = ValueTask.FromResult(6);
                    var fromTask = new ValueTask<int>(task);
                    return await fromValue + await fromValue + fromResult.Result + await fromResult + await fromTask + await fromTask;
                }
            }
            """);
    }

    [Fact]
    public async Task TaskAwaitedTwice_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> task)
                {
                    var first = await task;
                    return first + await task + task.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task CapturedByLambda_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    Func<Task<int>> later = async () => await vt;
                    return await later();
                }

                async Task N(ValueTask vt)
                {
                    await Run();
                    async Task Run() => await vt;
                }
            }
            """);
    }

    [Fact]
    public async Task StatusChecksAndEquality_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, ValueTask<int> other)
                {
                    var vt = s.ReadAsync();
                    if (vt.IsCompleted || vt.IsFaulted || vt.IsCanceled || vt.Equals(other) || vt == other)
                    {
                        System.Console.WriteLine(vt.GetHashCode());
                    }

                    System.Console.WriteLine(nameof(vt));
                    return await vt;
                }
            }
            """);
    }

    [Fact]
    public async Task DiscardedThenAwaited_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s)
                {
                    var vt = s.FlushAsync();
                    _ = vt.IsCompleted;
                    await vt;
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalChoiceThenAwait_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ValueTask<int> first, ValueTask<int> second, bool useFirst)
                {
                    var chosen = useFirst ? first : second;
                    return await chosen;
                }
            }
            """);
    }

    [Fact]
    public async Task OutArgumentRefreshes_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                bool TryStart(out ValueTask<int> pending) { pending = default; return true; }

                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var total = await vt;
                    if (TryStart(out vt))
                    {
                        total += await vt;
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task ParameterReassigned_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, ValueTask<int> vt)
                {
                    var total = await vt;
                    vt = s.ReadAsync();
                    return total + await vt;
                }
            }
            """);
    }

    [Fact]
    public async Task ThrowAfterAwait_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    try
                    {
                        return await vt;
                    }
                    catch (InvalidOperationException)
                    {
                        throw new TimeoutException();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitUsingAndAwaitForeach_NoDiagnostic()
    {
        await Verify("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(IAsyncEnumerable<ValueTask<int>> items, Stream stream)
                {
                    var total = 0;
                    await using (stream)
                    {
                        await foreach (var vt in items)
                        {
                            total += await vt;
                        }
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task EarlyReturnOnEachPath_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async ValueTask<int> M(ISource s, bool sync)
                {
                    var vt = s.ReadAsync();
                    if (!vt.IsCompleted)
                    {
                        return await vt.ConfigureAwait(false);
                    }

                    if (sync)
                    {
                        return vt.GetAwaiter().GetResult();
                    }

                    return vt.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task SwitchCasesConsumeOnce_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, int mode)
                {
                    var vt = s.ReadAsync();
                    switch (mode)
                    {
                        case 0:
                            return await vt;
                        case 1:
                            return await vt.AsTask();
                        default:
                            return vt.IsCompletedSuccessfully ? vt.Result : -1;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SeparateLocalsInSiblingFunctions_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s)
                {
                    Func<Task> first = async () => { var vt = s.FlushAsync(); await vt; };
                    Func<Task> second = async () => { var vt = s.FlushAsync(); await vt; };
                    await first();
                    await second();
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatementsAwaitedOnce_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                var stream = new MemoryStream();
                var write = stream.WriteAsync(new byte[] { 1 });
                if (!write.IsCompleted)
                {
                    await write;
                }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Theory]
    [InlineData("async System.Threading.Tasks.Task M(System.Threading.Tasks.ValueTask vt) { await vt; await ; }")]
    [InlineData("async System.Threading.Tasks.Task M(Missing vt) { await vt; await vt; }")]
    [InlineData("async System.Threading.Tasks.Task M(System.Threading.Tasks.ValueTask vt) { await vt; vt = ; await vt.(); }")]
    [InlineData("System.Threading.Tasks.ValueTask<int> M(System.Threading.Tasks.ValueTask<int> vt) => vt.Result + vt.Missing;")]
    public async Task BrokenCode_NoDiagnostic(string member)
    {
        var test = new VerifyCS.Test { TestCode = "class C { " + member + " }" };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public async Task ValueTaskElementsOfCollection_NoDiagnostic()
    {
        await Verify("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(List<ValueTask<int>> pending)
                {
                    var total = 0;
                    foreach (var vt in pending)
                    {
                        total += await vt;
                    }

                    for (var i = 0; i < pending.Count; i++)
                    {
                        var vt = pending[i];
                        total += await vt;
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeOnePathEach_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async ValueTask<int> ReadAsync(ISource s, bool async)
                {
                    var vt = s.ReadAsync();
                    var n = async ? await vt.ConfigureAwait(false) : vt.GetAwaiter().GetResult();
                    return n;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedInTryThenInCatch_Reports()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s, int attempts)
                {
                    var vt = s.FlushAsync();
                    for (var attempt = 0; attempt < attempts; attempt++)
                    {
                        try
                        {
                            [|await vt|];
                            return;
                        }
                        catch (InvalidOperationException) when (attempt < attempts - 1)
                        {
                            await Task.Delay(10);
                        }
                    }
                }

                async Task N(ISource s)
                {
                    var vt = s.FlushAsync();
                    try
                    {
                        await vt;
                    }
                    catch (TimeoutException)
                    {
                        [|await vt|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CatchWithoutSecondConsumption_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, int attempts)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        var vt = s.ReadAsync();
                        try
                        {
                            return await vt;
                        }
                        catch (TimeoutException) when (attempt < attempts)
                        {
                            Console.WriteLine(vt.IsFaulted);
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task PipelinesStyleFastPaths_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                ValueTask<int> FlushAsync(ISource s)
                {
                    var flush = s.ReadAsync();
                    if (flush.IsCompletedSuccessfully)
                    {
                        flush.GetAwaiter().GetResult();
                        return default;
                    }

                    return Awaited(flush);

                    static async ValueTask<int> Awaited(ValueTask<int> pending) => await pending;
                }

                async ValueTask<int> ReadAsync(ISource s)
                {
                    var read = s.ReadAsync();
                    var result = read.IsCompleted ? read.Result : await read;
                    while (!read.IsCompleted)
                    {
                        await Task.Yield();
                    }

                    return result;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedTwiceInWhileLoopWithBreak_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var read = s.ReadAsync();
                    var total = 0;
                    while (true)
                    {
                        var n = [|await read|];
                        if (n == 0)
                        {
                            break;
                        }

                        total += n;
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOrAwaitPerIteration_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, int n)
                {
                    ValueTask<int> read;
                    var total = 0;
                    while (total < n)
                    {
                        read = s.ReadAsync();
                        int count;
                        if (read.IsCompletedSuccessfully)
                        {
                            count = read.Result;
                        }
                        else
                        {
                            count = await read;
                        }

                        total += count;
                    }

                    return total;
                }
            }
            """);
    }

    /// <summary>
    /// Reads the result of a completed ValueTask, then returns the same ValueTask for the caller to await: the caller's await is a
    /// second consumption (a shape of real pipe writers, which happens to work only with sources that keep their result).
    /// </summary>
    [Fact]
    public async Task GetResultThenReturned_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                int _last;

                ValueTask<int> M(ISource s, bool track)
                {
                    var read = s.ReadAsync();
                    if (read.IsCompletedSuccessfully)
                    {
                        if (track)
                        {
                            _last = read.GetAwaiter().GetResult();
                        }

                        return [|read|];
                    }

                    return read;
                }
            }
            """);
    }

    // A blocking read of a ValueTask that is not known complete, in synchronous code (CA2012's "direct result access"): a pooled
    // IValueTaskSource does not support blocking before it completes. ASYNC101 keeps async code, ASYNC104 never reports a ValueTask.

    [Fact]
    public async Task ResultOfLocalInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    return {|#0:vt.Result|};
                }
            }
            """ + "\n" + Source,
            VerifyCS.Diagnostic("ASYNC208").WithLocation(0).WithArguments("vt", "blocked on before it is known to be complete, which a ValueTask backed by a pooled IValueTaskSource does not support; block on AsTask() instead, or read it only once IsCompleted is true"));
    }

    [Fact]
    public async Task GetResultOfCallInSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class C
            {
                int M(ISource s) => {|#0:s.ReadAsync().GetAwaiter().GetResult()|};
            }
            """ + "\n" + Source,
            VerifyCS.Diagnostic("ASYNC208").WithLocation(0).WithArguments("ReadAsync()", "blocked on before it is known to be complete, which a ValueTask backed by a pooled IValueTaskSource does not support; block on AsTask() instead, or read it only once IsCompleted is true"));
    }

    [Fact]
    public async Task GetResultOfNonGenericValueTask_Reports()
    {
        await Verify("""
            class C
            {
                void M(ISource s)
                {
                    var flush = s.FlushAsync();
                    [|flush.GetAwaiter().GetResult()|];
                }
            }
            """);
    }

    [Fact]
    public async Task DisposeBlockingOnDisposeAsync_Reports()
    {
        await Verify("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            sealed class Journal : IDisposable, IAsyncDisposable
            {
                private readonly Stream _stream = File.OpenRead("journal.bin");

                public void Dispose() => [|DisposeAsync().GetAwaiter().GetResult()|];

                public ValueTask DisposeAsync() => _stream.DisposeAsync();
            }
            """);
    }

    [Fact]
    public async Task ResultInMain_Reports()
    {
        await Verify("""
            using System;
            using System.IO;
            static class Program
            {
                static void Main()
                {
                    using var stream = File.OpenRead("data.bin");
                    var read = stream.ReadAsync(new byte[16].AsMemory());
                    System.Console.WriteLine([|read.Result|]);
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInPropertyGetter_Reports()
    {
        await Verify("""
            class C
            {
                private readonly ISource _source = null!;

                public int Current
                {
                    get
                    {
                        var read = _source.ReadAsync();
                        return [|read.Result|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultInLocalFunction_Reports()
    {
        await Verify("""
            class C
            {
                int M(ISource s)
                {
                    return Read();

                    int Read()
                    {
                        var vt = s.ReadAsync();
                        return [|vt.GetAwaiter().GetResult()|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInSynchronousLambdaOfAsyncMethod_Reports()
    {
        await Verify("""
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<int[]> M(ISource[] sources)
                {
                    await Task.Yield();
                    return sources.Select(s => [|s.ReadAsync().Result|]).ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultInExpressionBody_Reports()
    {
        await Verify("""
            class C
            {
                private readonly ISource _source = null!;

                public int Next() => [|_source.ReadAsync().GetAwaiter().GetResult()|];
            }
            """);
    }

    [Fact]
    public async Task CheckThatDoesNotGuardThenGetResult_Reports()
    {
        await Verify("""
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    if (!vt.IsCompleted)
                        System.Console.WriteLine("blocking on the source");
                    return [|vt.GetAwaiter().GetResult()|];
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInGenericMethod_Reports()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                T Run<T>(Func<ValueTask<T>> start)
                {
                    var pending = start();
                    return [|pending.Result|];
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitThenGetResult_Reports()
    {
        await Verify("""
            class C
            {
                int M(ISource s) => [|s.ReadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];

                void N(ISource s)
                {
                    var flush = s.FlushAsync();
                    [|flush.ConfigureAwait(false).GetAwaiter().GetResult()|];
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfParameterInInterfaceImplementation_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            interface IReader { int Read(ValueTask<int> pending); }
            class C : IReader
            {
                public int Read(ValueTask<int> pending) => [|pending.Result|];
            }
            """);
    }

    [Fact]
    public async Task FirstResultThenSecondConsumption_ReportsBoth()
    {
        await Verify("""
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var first = [|vt.Result|];
                    return first + [|vt.Result|];
                }
            }
            """);
    }

    [Fact]
    public async Task FastPathIsCompletedSuccessfullyThenBlock_NoDiagnostic()
    {
        await Verify("""
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    if (vt.IsCompletedSuccessfully)
                    {
                        return vt.Result;
                    }

                    return vt.AsTask().GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultUnderIsCompletedGuard_NoDiagnostic()
    {
        await Verify("""
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    if (vt.IsCompleted)
                        return vt.Result;
                    return -1;
                }

                int N(ISource s)
                {
                    var vt = s.ReadAsync();
                    if (!vt.IsCompleted)
                        return -1;
                    return vt.GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfFromResultAndDefault_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                int M()
                {
                    var fromResult = ValueTask.FromResult(1);
                    var constructed = new ValueTask<int>(2);
                    ValueTask<int> none = default;
                    ValueTask.CompletedTask.GetAwaiter().GetResult();
                    default(ValueTask).GetAwaiter().GetResult();
                    return fromResult.Result + constructed.Result + none.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInAsyncMethod_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    await Task.Yield();
                    var vt = s.ReadAsync();
                    return vt.Result + s.ReadAsync().GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfTaskOrAsTask_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                int M(ISource s, Task<int> task)
                {
                    var converted = s.ReadAsync().AsTask();
                    return task.Result + converted.Result + s.ReadAsync().AsTask().GetAwaiter().GetResult();
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultOfDualModeCallInSynchronousMode_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            enum IOBehavior { Synchronous, Asynchronous }
            class Connection
            {
                private readonly Stream _stream = File.OpenRead("packets.bin");

                public int ReadPacket() => ReadPacketAsync(IOBehavior.Synchronous).GetAwaiter().GetResult();

                public ValueTask<int> ReadPacketAsync() => ReadPacketAsync(IOBehavior.Asynchronous);

                private async ValueTask<int> ReadPacketAsync(IOBehavior ioBehavior)
                {
                    var buffer = new byte[4];
                    return ioBehavior == IOBehavior.Asynchronous
                        ? await _stream.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)
                        : _stream.Read(buffer, 0, 4);
                }
            }
            public class Reader
            {
                private readonly Stream _stream = File.OpenRead("rows.bin");

                public int ReadRow() => ReadRowAsync(async: false).GetAwaiter().GetResult();

                public int ReadRowResult() => ReadRowAsync(false).Result;

                public ValueTask<int> ReadRowAsync() => ReadRowAsync(async: true);

                protected virtual async ValueTask<int> ReadRowAsync(bool async)
                {
                    var buffer = new byte[4];
                    if (async)
                    {
                        return await _stream.ReadAsync(buffer.AsMemory()).ConfigureAwait(false);
                    }

                    return _stream.Read(buffer, 0, 4);
                }
            }
            """);
    }

    /// <summary>A dual-mode call whose mode is a variable may run asynchronously: its ValueTask is not known complete.</summary>
    [Fact]
    public async Task GetResultOfDualModeCallWithModeVariable_Reports()
    {
        await Verify("""
            using System.Threading;
            using System.Threading.Tasks;
            enum IOBehavior { Synchronous, Asynchronous }
            class Command
            {
                public int Run(IOBehavior ioBehavior) => [|ExecuteAsync(ioBehavior, default).GetAwaiter().GetResult()|];

                public int RunAsynchronously() => [|ExecuteAsync(IOBehavior.Asynchronous, default).Result|];

                public int RunSynchronously() => ExecuteAsync(IOBehavior.Synchronous, default).Result;

                // Pooled: a ValueTask of the default builder would wrap a Task, which supports blocking (BlockingReadOfOwnAsyncValueTaskMethod_NoDiagnostic).
                [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
                private async ValueTask<int> ExecuteAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    if (ioBehavior == IOBehavior.Asynchronous)
                    {
                        await Task.Delay(1, cancellationToken);
                    }

                    return 1;
                }
            }
            """);
    }

    /// <summary>
    /// A public interface's one implementation here wraps a result, but another project's implementation may be a pooled
    /// IValueTaskSource: only the implementations no other assembly can add make a call complete.
    /// </summary>
    [Fact]
    public async Task ResultOfPublicInterfaceMethodWithCompletedImplementationHere_Reports()
    {
        await Verify("""
            using System.Threading.Tasks;
            public interface IPriceCache
            {
                ValueTask<decimal?> TryGetPriceAsync(string sku);
            }
            public sealed class InMemoryPriceCache : IPriceCache
            {
                public ValueTask<decimal?> TryGetPriceAsync(string sku) => new ValueTask<decimal?>(1m);
            }
            internal interface IInternalCache
            {
                ValueTask<decimal?> TryGetPriceAsync(string sku);
            }
            internal sealed class InternalCache : IInternalCache
            {
                public ValueTask<decimal?> TryGetPriceAsync(string sku) => new ValueTask<decimal?>(1m);
            }
            public class Service
            {
                private readonly IPriceCache _cache = new InMemoryPriceCache();
                private readonly IInternalCache _internal = new InternalCache();
                private readonly InMemoryPriceCache _concrete = new InMemoryPriceCache();

                public decimal? Get(string sku)
                {
                    var lookup = _cache.TryGetPriceAsync(sku);
                    return [|lookup.Result|];
                }

                public decimal? GetInternal(string sku) => _internal.TryGetPriceAsync(sku).Result;

                public decimal? GetConcrete(string sku) => _concrete.TryGetPriceAsync(sku).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task ResultOfSourceMethodCompleteByConstruction_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            sealed class Cache : IDisposable, IAsyncDisposable
            {
                private int _value;

                public void Dispose() => DisposeAsync().GetAwaiter().GetResult();

                public ValueTask DisposeAsync()
                {
                    _value = 0;
                    return default;
                }

                public int Peek() => GetAsync().Result;

                private ValueTask<int> GetAsync() => new ValueTask<int>(_value);
            }
            """);
    }

    [Fact]
    public async Task ResultOfOwnMethodWhoseConstantArgumentSkipsTheAwait_NoDiagnostic()
    {
        // A sticker look-up downloads only when the mode allows it; the synchronous caller asks the cache only.
        await Verify("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            public enum CacheMode { AllowDownload, CacheOnly }
            sealed class StickerStore
            {
                private readonly Dictionary<ulong, string> _cache = new();

                public async ValueTask<string> GetStickerAsync(ulong id, CacheMode mode = CacheMode.AllowDownload)
                {
                    if (_cache.TryGetValue(id, out var sticker))
                        return sticker;

                    if (mode == CacheMode.CacheOnly)
                        return null;

                    return await Task.Run(() => id.ToString());
                }

                public string Cached(ulong id) => GetStickerAsync(id, CacheMode.CacheOnly).GetAwaiter().GetResult();
            }
            """);
    }

    [Fact]
    public async Task BlockingReadOfOwnAsyncValueTaskMethod_NoDiagnostic()
    {
        // A private async ValueTask method with the default builder: incomplete, its ValueTask wraps a Task, which supports a
        // blocking read (the bus's synchronous Dispose blocks on its asynchronous core; a local function too).
        await Verify("""
            using System;
            using System.Threading.Tasks;
            public class MessageBus : IDisposable, IAsyncDisposable
            {
                private readonly ISource _consumers;
                public MessageBus(ISource consumers) => _consumers = consumers;

                protected virtual void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        DisposeAsyncInternal().ConfigureAwait(false).GetAwaiter().GetResult();
                    }
                }

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                public async ValueTask DisposeAsync()
                {
                    await DisposeAsyncInternal().ConfigureAwait(false);
                    GC.SuppressFinalize(this);
                }

                private async ValueTask DisposeAsyncInternal() => await _consumers.ReadAsync();

                public int Drain()
                {
                    return Next().Result;

                    async ValueTask<int> Next() => await _consumers.ReadAsync() + 1;
                }
            }
            """);
    }

    [Fact]
    public async Task BlockingReadOfOverridableOrPoolingAsyncMethod_Reports()
    {
        // A pooling builder backs the ValueTask with a reusable source; a virtual method may be overridden with one elsewhere.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            public class Reader
            {
                private readonly ISource _source;
                public Reader(ISource source) => _source = source;

                public int Peek() => {|#0:NextAsync().Result|};

                public int PeekVirtual() => {|#1:NextVirtualAsync().GetAwaiter().GetResult()|};

                [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
                private async ValueTask<int> NextAsync() => await _source.ReadAsync();

                protected virtual async ValueTask<int> NextVirtualAsync() => await _source.ReadAsync();
            }
            """ + "\n" + Source,
            VerifyCS.Diagnostic("ASYNC208").WithLocation(0).WithArguments("NextAsync()", "blocked on before it is known to be complete, which a ValueTask backed by a pooled IValueTaskSource does not support; block on AsTask() instead, or read it only once IsCompleted is true"),
            VerifyCS.Diagnostic("ASYNC208").WithLocation(1).WithArguments("NextVirtualAsync()", "blocked on before it is known to be complete, which a ValueTask backed by a pooled IValueTaskSource does not support; block on AsTask() instead, or read it only once IsCompleted is true"));
    }

    [Fact]
    public async Task BlockingReadInNameOf_NoDiagnostic()
    {
        await Verify("""
            class C
            {
                string M(ISource s)
                {
                    var vt = s.ReadAsync();
                    return nameof(vt.Result);
                }
            }
            """);
    }

    [Theory]
    [InlineData("int M(ISource s) { var vt = s.ReadAsync(); return vt.Result + ; }")]
    [InlineData("int M(Missing s) => s.ReadAsync().GetAwaiter().GetResult();")]
    [InlineData("int M(ISource s) => s.ReadAsync().GetAwaiter().GetResult(1);")]
    [InlineData("int M(ISource s) => s.ReadAsync().Result.Missing;")]
    public async Task BlockingReadInBrokenCode_NoDiagnostic(string member)
    {
        var test = new VerifyCS.Test { TestCode = "class C { " + member + " }\n" + Source };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public async Task HandedOnOnceToHelper_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                static Task<int> Observe(ValueTask<int> read) => read.AsTask();

                Task<int> M(ISource s)
                {
                    var read = s.ReadAsync();
                    return Observe(read);
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitOnceInLocalFunction_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> M(ISource s)
                {
                    return ReadOnce();

                    async Task<int> ReadOnce()
                    {
                        var read = s.ReadAsync();
                        return await read.ConfigureAwait(false);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitedOnceInLambda_NoDiagnostic()
    {
        await Verify("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task<int>> M(ISource s) => async () =>
                {
                    var read = s.ReadAsync();
                    return await read;
                };
            }
            """);
    }

    [Fact]
    public async Task AwaitOrAsTaskOnEachBranch_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s, bool detach)
                {
                    var read = s.ReadAsync();
                    if (detach)
                    {
                        var task = read.AsTask();
                        return await task + await task;
                    }

                    return await read;
                }
            }
            """);
    }

    [Fact]
    public async Task FlushAwaitedOncePerWrite_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s, int writes)
                {
                    for (var i = 0; i < writes; i++)
                    {
                        var flush = s.FlushAsync();
                        await flush;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task IsCompletedSuccessfullyGuardThenGetResultInExpressionBody_NoDiagnostic()
    {
        await Verify("""
            using System.Threading.Tasks;
            class C
            {
                static int Peek(ValueTask<int> read) => read.IsCompletedSuccessfully ? read.Result : -1;
            }
            """);
    }
}
