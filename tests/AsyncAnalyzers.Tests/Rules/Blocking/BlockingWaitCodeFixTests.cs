using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Rules.Blocking;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Blocking.BlockingWaitAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Blocking.BlockingWaitCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class BlockingWaitCodeFixTests
{
    [Fact]
    public async Task Result_BecomesAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Result|};
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return await t;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultFollowedByMemberAccess_IsParenthesized()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<string> t)
                {
                    await Task.Yield();
                    var length = {|ASYNC101:t.Result|}.Length;
                    return length.ToString();
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<string> t)
                {
                    await Task.Yield();
                    var length = (await t).Length;
                    return length.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultFollowedByMethodCall_IsParenthesized()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Result|}.ToString();
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<int> t)
                {
                    await Task.Yield();
                    return (await t).ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInBinaryExpression_NeedsNoParentheses()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Result|} + 1;
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return await t + 1;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfCallAsArgument_BecomesAwaitedArgument()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<int> LoadAsync() => Task.Run(() => 1);

                async Task M()
                {
                    await Task.Yield();
                    System.Console.WriteLine({|ASYNC101:LoadAsync().Result|});
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                Task<int> LoadAsync() => Task.Run(() => 1);

                async Task M()
                {
                    await Task.Yield();
                    System.Console.WriteLine(await LoadAsync());
                }
            }
            """);
    }

    [Fact]
    public async Task NestedResults_BothBecomeAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task<string> GetAsync(int id) => Task.Run(() => id.ToString());

                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:GetAsync({|ASYNC101:t.Result|}).Result|}.Length;
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                Task<string> GetAsync(int id) => Task.Run(() => id.ToString());

                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return (await GetAsync(await t)).Length;
                }
            }
            """);
    }

    [Fact]
    public async Task Wait_BecomesAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task t)
                {
                    await Task.Yield();
                    {|ASYNC101:t.Wait()|};
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task t)
                {
                    await Task.Yield();
                    await t;
                }
            }
            """);
    }

    [Fact]
    public async Task WaitWithToken_BecomesAwaitWaitAsync()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task<int> t, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    {|ASYNC101:t.Wait(cancellationToken)|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task<int> t, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    await t.WaitAsync(cancellationToken);
                }
            }
            """);
    }

    [Fact]
    public async Task WaitInExpressionBodiedAsyncLambda_BecomesAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M(Task t) => async () => {|ASYNC101:t.Wait()|};
            }
            """, """
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M(Task t) => async () => await t;
            }
            """);
    }

    [Fact]
    public async Task GetAwaiterGetResult_BecomesAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ValueTask<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.GetAwaiter().GetResult()|} * 2;
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ValueTask<int> t)
                {
                    await Task.Yield();
                    return await t * 2;
                }
            }
            """);
    }

    [Fact]
    public async Task ConfiguredGetResult_KeepsConfigureAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<string> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.ConfigureAwait(false).GetAwaiter().GetResult()|}.Trim();
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task<string> M(Task<string> t)
                {
                    await Task.Yield();
                    return (await t.ConfigureAwait(false)).Trim();
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAllStatement_BecomesAwaitWhenAll()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task a, Task<int> b)
                {
                    await Task.Yield();
                    {|ASYNC101:Task.WaitAll(a, b)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task a, Task<int> b)
                {
                    await Task.Yield();
                    await Task.WhenAll(a, b);
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAnyStatement_BecomesAwaitWhenAny()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task[] tasks)
                {
                    await Task.Yield();
                    {|ASYNC101:Task.WaitAny(tasks)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task[] tasks)
                {
                    await Task.Yield();
                    await Task.WhenAny(tasks);
                }
            }
            """);
    }

    [Fact]
    public async Task CommentsAroundBlockingCall_ArePreserved()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(Task<int> t, Task done)
                    {
                        await Task.Yield();
                        // wait for the writer first
                        {|ASYNC101:done.Wait()|}; // then read
                        var value = /* the answer */ {|ASYNC101:t.Result|} /* cached */;
                        return value;
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(Task<int> t, Task done)
                    {
                        await Task.Yield();
                        // wait for the writer first
                        await done; // then read
                        var value = /* the answer */ await t /* cached */;
                        return value;
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ResultInTopLevelStatements_BecomesAwait()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                var t = Task.Run(() => 1);
                await Task.Yield();
                System.Console.WriteLine({|ASYNC101:t.Result|});
                """,
            FixedCode = """
                using System.Threading.Tasks;
                var t = Task.Run(() => 1);
                await Task.Yield();
                System.Console.WriteLine(await t);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ResultInsideLock_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
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
    public async Task ResultInQuerySource_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                async Task<int[]> M(Task<int[]> t)
                {
                    await Task.Yield();
                    return (from v in {|ASYNC101:t.Result|} where v > 0 select v).ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInCatchFilter_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task<bool> shouldHandle)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (InvalidOperationException) when ({|ASYNC101:shouldHandle.Result|})
                    {
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInCatchFilterInsideAsyncLambda_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M(Task<bool> shouldHandle) => async () =>
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (InvalidOperationException) when ({|ASYNC101:shouldHandle.Result|})
                    {
                    }
                };
            }
            """);
    }

    [Fact]
    public async Task WaitWithTimeout_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<bool> M(Task t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Wait(100)|};
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAnyResultUsed_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(Task a, Task b)
                {
                    await Task.Yield();
                    var index = {|ASYNC101:Task.WaitAny(a, b)|};
                    return index;
                }
            }
            """);
    }

    [Fact]
    public async Task WaitAllWithTimeout_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task M(Task[] tasks, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    {|ASYNC101:Task.WaitAll(tasks, 100)|};
                    {|ASYNC101:Task.WaitAll(tasks, cancellationToken)|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultWithConditionalAccess_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
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
    public async Task SyncOverAsync_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                int M(Task<int> t) => {|ASYNC104:t.Result|};
            }
            """);
    }

    [Fact]
    public async Task FixAllInDocument_FixesEveryResult()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    Task<string> GetAsync(int id) => Task.Run(() => id.ToString());

                    async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
                    {
                        await Task.Yield();
                        var sum = {|ASYNC101:a.Result|} + {|ASYNC101:b.Result|};
                        return {|ASYNC101:GetAsync({|ASYNC101:c.Result|}).Result|}.Length + sum;
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    Task<string> GetAsync(int id) => Task.Run(() => id.ToString());

                    async Task<int> M(Task<int> a, Task<int> b, Task<int> c)
                    {
                        await Task.Yield();
                        var sum = await a + await b;
                        return (await GetAsync(await c)).Length + sum;
                    }
                }
                """,
            NumberOfIncrementalIterations = 4,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_FixesEveryKindInEveryDocumentInOnePass()
    {
        // One key for every shape: Fix All (and dotnet format, which applies the first action's key) leaves no ASYNC101 behind.
        var test = new VerifyCS.Test
        {
            NumberOfIncrementalIterations = 4,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
            CodeActionEquivalenceKey = BlockingWaitCodeFix.AwaitKey,
        };
        test.TestState.Sources.Add(("/0/A.cs", """
            using System.Threading.Tasks;
            class A
            {
                async Task<int> M(Task<int> t, Task done)
                {
                    await Task.Yield();
                    {|ASYNC101:done.Wait()|};
                    return {|ASYNC101:t.Result|};
                }
            }
            """));
        test.TestState.Sources.Add(("/0/B.cs", """
            using System.Threading.Tasks;
            class B
            {
                async Task<int> M(Task<int> t, Task<int> u)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.Result|} + {|ASYNC101:u.GetAwaiter().GetResult()|};
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/A.cs", """
            using System.Threading.Tasks;
            class A
            {
                async Task<int> M(Task<int> t, Task done)
                {
                    await Task.Yield();
                    await done;
                    return await t;
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/B.cs", """
            using System.Threading.Tasks;
            class B
            {
                async Task<int> M(Task<int> t, Task<int> u)
                {
                    await Task.Yield();
                    return await t + await u;
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_NestedAndOnOneLine_OnePassInEveryScope()
    {
        // Task.WaitAll(a.Result, b): the inner .Result and the outer WaitAll are fixed by the same pass, as are several
        // findings on one line; document, project and solution scope each need exactly one pass.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(Task<Task> outer, Task<int> a, Task<int> b, Task done, Task other, CancellationToken token)
                    {
                        await Task.Yield();
                        {|ASYNC101:Task.WaitAll({|ASYNC101:outer.Result|}, done)|};
                        {|ASYNC101:other.Wait(token)|}; var x = {|ASYNC101:a.Result|} + {|ASYNC101:b.GetAwaiter().GetResult()|};
                        return x;
                    }
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(Task<Task> outer, Task<int> a, Task<int> b, Task done, Task other, CancellationToken token)
                    {
                        await Task.Yield();
                        await Task.WhenAll(await outer, done);
                        await other.WaitAsync(token); var x = await a + await b;
                        return x;
                    }
                }
                """,
            NumberOfIncrementalIterations = 5,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
        };
        await test.RunAsync();
    }
}
