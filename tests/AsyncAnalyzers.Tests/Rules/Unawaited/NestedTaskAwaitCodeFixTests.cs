using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.NestedTaskAwaitAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.NestedTaskAwaitCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class NestedTaskAwaitCodeFixTests
{
    [Fact]
    public async Task StartNew_UsesTaskRun()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Run(async () => await Task.Delay(100));
                    }
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.UseTaskRun",
            CodeActionIndex = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task StartNewWithTokenAndConfigureAwait_UsesTaskRun()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationToken token)
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(100, token), token).ConfigureAwait(false)|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(CancellationToken token)
                    {
                        await Task.Run(async () => await Task.Delay(100, token), token).ConfigureAwait(false);
                    }
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.UseTaskRun",
            CodeActionIndex = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task StartNewWithOptions_OffersUnwrapOnly()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning).ConfigureAwait(false)|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning).Unwrap().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWith_Unwraps()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first)
                {
                    [|await first.ContinueWith(async _ => await Task.Delay(100))|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first)
                {
                    await first.ContinueWith(async _ => await Task.Delay(100)).Unwrap();
                }
            }
            """);
    }

    [Fact]
    public async Task Local_Unwraps()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    [|await work|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    await work.Unwrap();
                }
            }
            """);
    }

    [Fact]
    public async Task StartNew_UnwrapFirst()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Factory.StartNew(async () => await Task.Delay(100)).Unwrap();
                    }
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.Unwrap",
            CodeActionIndex = 0,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task InnerValueTask_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
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
    public async Task FixAll_OnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task first)
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(1))|];
                        [|await Task.Factory.StartNew(async () => await Task.Delay(2))|];
                        [|await Task.Factory.StartNew(() => Task.Delay(3))|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task first)
                    {
                        await Task.Run(async () => await Task.Delay(1));
                        await Task.Run(async () => await Task.Delay(2));
                        await Task.Run(() => Task.Delay(3));
                    }
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.UseTaskRun",
            CodeActionIndex = 1,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllDefault_OnePassOverEveryShape()
    {
        // The first action (what dotnet format applies) has one key for StartNew, ContinueWith and locals alike.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task first)
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(1))|];
                        [|await first.ContinueWith(async _ => await Task.Delay(2))|];
                        var outer = Task.Factory.StartNew(async () => await Task.Delay(3), TaskCreationOptions.LongRunning);
                        [|await outer|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task first)
                    {
                        await Task.Factory.StartNew(async () => await Task.Delay(1)).Unwrap();
                        await first.ContinueWith(async _ => await Task.Delay(2)).Unwrap();
                        var outer = Task.Factory.StartNew(async () => await Task.Delay(3), TaskCreationOptions.LongRunning);
                        await outer.Unwrap();
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllUnwrap_OnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task first)
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(1))|];
                        [|await first.ContinueWith(async _ => await Task.Delay(3)).ConfigureAwait(false)|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task M(Task first)
                    {
                        await Task.Factory.StartNew(async () => await Task.Delay(1)).Unwrap();
                        await first.ContinueWith(async _ => await Task.Delay(3)).Unwrap().ConfigureAwait(false);
                    }
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.Unwrap",
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReturnedAsTask_Unwraps()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task Then(Task previous)
                {
                    return [|previous.ContinueWith(async _ => await Task.Delay(100))|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task Then(Task previous)
                {
                    return previous.ContinueWith(async _ => await Task.Delay(100)).Unwrap();
                }
            }
            """);
    }

    [Fact]
    public async Task StoredAsTask_UsesTaskRun()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    private Task _loop;

                    Task Stop() => _loop;

                    void Start() => _loop = [|Task.Factory.StartNew(async () => await Task.Delay(100))|];
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;

                class C
                {
                    private Task _loop;

                    Task Stop() => _loop;

                    void Start() => _loop = Task.Run(async () => await Task.Delay(100));
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.UseTaskRun",
            CodeActionIndex = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task NewTaskOfTaskConverted_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    Task work = [|new Task<Task>(async () => await Task.Delay(100))|];
                    work.Start();
                    return work;
                }
            }
            """);
    }

    [Fact]
    public async Task LocalExplicitlyTyped_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    Task<Task> work = [|Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    work.Wait();
                }
            }
            """);
    }

    [Fact]
    public async Task SelectExplicitlyTyped_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IEnumerable<int> items)
                {
                    List<Task<Task>> outers = items.Select(x => [|Task.Factory.StartNew(async () => await Task.Delay(x))|]).ToList();
                    await Task.WhenAll(outers);
                }
            }
            """);
    }

    [Fact]
    public async Task FixAllDefault_OnePassOverNewShapes()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    private Task _loop;

                    Task Stop() => _loop;

                    static async Task RunAsync() => await Task.Delay(1);

                    Task Then(Task previous) => [|previous.ContinueWith(async _ => await Task.Delay(1))|];

                    async Task M(IEnumerable<int> items, List<Task> tasks, Task other)
                    {
                        _loop = [|Task.Factory.StartNew(RunAsync, TaskCreationOptions.LongRunning)|];
                        tasks.Add([|Task.Factory.StartNew(async () => await Task.Delay(2))|]);
                        var work = [|Task.Factory.StartNew(async () => await Task.Delay(3))|];
                        work.Wait();
                        await Task.WhenAll(work, other);
                        var outers = items.Select(x => [|Task.Factory.StartNew(async () => await Task.Delay(x))|]).ToArray();
                        await Task.WhenAll(outers).ConfigureAwait(false);
                        await Task.WhenAll([|Task.Factory.StartNew(RunAsync)|], [|Task.Factory.StartNew(RunAsync)|]);
                        var awaited = Task.Factory.StartNew(RunAsync);
                        Task.WaitAll(awaited);
                        [|await awaited|];
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    private Task _loop;

                    Task Stop() => _loop;

                    static async Task RunAsync() => await Task.Delay(1);

                    Task Then(Task previous) => previous.ContinueWith(async _ => await Task.Delay(1)).Unwrap();

                    async Task M(IEnumerable<int> items, List<Task> tasks, Task other)
                    {
                        _loop = Task.Factory.StartNew(RunAsync, TaskCreationOptions.LongRunning).Unwrap();
                        tasks.Add(Task.Factory.StartNew(async () => await Task.Delay(2)).Unwrap());
                        var work = Task.Factory.StartNew(async () => await Task.Delay(3)).Unwrap();
                        work.Wait();
                        await Task.WhenAll(work, other);
                        var outers = items.Select(x => Task.Factory.StartNew(async () => await Task.Delay(x)).Unwrap()).ToArray();
                        await Task.WhenAll(outers).ConfigureAwait(false);
                        await Task.WhenAll(Task.Factory.StartNew(RunAsync).Unwrap(), Task.Factory.StartNew(RunAsync).Unwrap());
                        var awaited = Task.Factory.StartNew(RunAsync);
                        Task.WaitAll(awaited);
                        await awaited.Unwrap();
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllDefault_OnePassOverIssue13Shapes()
    {
        // WhenAny with the winner compared, Wait(timeout), GetAwaiter().GetResult(): Unwrap at the creation, and the fixed code compiles.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async Task<bool> TryProcess(Func<Task> processAsync, TimeSpan timeout)
                    {
                        var work = [|Task.Factory.StartNew(async () => await processAsync())|];
                        var winner = await Task.WhenAny(work, Task.Delay(timeout));
                        return winner == work;
                    }

                    bool Waited(Func<Task> processAsync, Task previous)
                    {
                        var outer = [|Task.Factory.StartNew(processAsync, TaskCreationOptions.LongRunning)|];
                        [|previous.ContinueWith(_ => processAsync())|].ConfigureAwait(false).GetAwaiter().GetResult();
                        return outer.Wait(TimeSpan.FromSeconds(5));
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async Task<bool> TryProcess(Func<Task> processAsync, TimeSpan timeout)
                    {
                        var work = Task.Factory.StartNew(async () => await processAsync()).Unwrap();
                        var winner = await Task.WhenAny(work, Task.Delay(timeout));
                        return winner == work;
                    }

                    bool Waited(Func<Task> processAsync, Task previous)
                    {
                        var outer = Task.Factory.StartNew(processAsync, TaskCreationOptions.LongRunning).Unwrap();
                        previous.ContinueWith(_ => processAsync()).Unwrap().ConfigureAwait(false).GetAwaiter().GetResult();
                        return outer.Wait(TimeSpan.FromSeconds(5));
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task GetAwaiterGetResult_UsesTaskRun()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    void M(Func<Task> processAsync)
                    {
                        [|Task.Factory.StartNew(async () => await processAsync())|].GetAwaiter().GetResult();
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    void M(Func<Task> processAsync)
                    {
                        Task.Run(async () => await processAsync()).GetAwaiter().GetResult();
                    }
                }
                """,
            CodeActionEquivalenceKey = "ASYNC207.UseTaskRun",
            CodeActionIndex = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task InnerReadOnlyStatus_NoFix()
    {
        // Unwrap would turn 'inner' into the result, and 'inner.Status' would no longer compile.
        await VerifyCS.VerifyNoFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Func<Task> processAsync)
                {
                    var outer = Task.Factory.StartNew(processAsync);
                    var inner = [|await outer|];
                    Console.WriteLine(inner.Status);
                    var direct = [|await Task.Factory.StartNew(processAsync)|];
                    Console.WriteLine(direct.Id);
                }
            }
            """);
    }

    [Fact]
    public async Task PrivateField_NoFix()
    {
        // The unwrapped task would not fit the Task<Task> field.
        await VerifyCS.VerifyNoFixAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                private Task<Task> _worker;

                public void Start(Func<Task> run) => _worker = [|Task.Factory.StartNew(run)|];

                public async Task StopAsync() => await _worker;
            }
            """);
    }
}
