using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.AsyncLambdaToVoidDelegateAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.AsyncLambdaToVoidDelegateCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class AsyncLambdaToVoidDelegateCodeFixTests
{
    [Fact]
    public async Task ParallelForEach_UsesForEachAsync()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(int[] items)
                {
                    Parallel.ForEach(items, [|async x =>|]
                    {
                        await Task.Delay(x);
                    });
                }
            }
            """, """
            using System.Threading.Tasks;
            class C
            {
                async Task M(int[] items)
                {
                    await Parallel.ForEachAsync(items, async (x, cancellationToken) =>
                    {
                        await Task.Delay(x);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task ParallelForEachWithTokenInScope_ForwardsToken()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task M(int[] items, CancellationToken token)
                {
                    Parallel.ForEach(items, [|async (x) =>|] await Task.Delay(x));
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                async Task M(int[] items, CancellationToken token)
                {
                    await Parallel.ForEachAsync(items, token, async (x, cancellationToken) => await Task.Delay(x));
                }
            }
            """);
    }

    [Fact]
    public async Task ListForEach_NoFixOffered()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task M(List<int> items)
                {
                    items.ForEach([|async x =>|] await Task.Delay(x));
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SynchronousCaller_NoFixOffered()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M(int[] items)
                {
                    Parallel.ForEach(items, [|async x =>|] await Task.Delay(x));
                }
            }
            """);
    }

    [Fact]
    public async Task ResultUsed_NoFixOffered()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<bool> M(int[] items)
                {
                    var result = Parallel.ForEach(items, [|async x =>|] await Task.Delay(x));
                    await Task.Yield();
                    return result.IsCompleted;
                }
            }
            """);
    }

    [Fact]
    public async Task ExplicitlyTypedParameter_NoFixOffered()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(int[] items)
                {
                    Parallel.ForEach(items, [|async (int x) =>|] await Task.Delay(x));
                }
            }
            """);
    }

    [Fact]
    public async Task TwoLoops_FixAll()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            class A
            {
                async Task M(int[] items, string[] names)
                {
                    Parallel.ForEach(items, [|async x =>|] await Task.Delay(x));
                    Parallel.ForEach(names, [|async n =>|] await Task.Delay(n.Length));
                }
            }
            """);
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            class B
            {
                async Task M(int[] items)
                {
                    Parallel.ForEach(items, [|async x =>|] await Task.Delay(x));
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading.Tasks;
            class A
            {
                async Task M(int[] items, string[] names)
                {
                    await Parallel.ForEachAsync(items, async (x, cancellationToken) => await Task.Delay(x));
                    await Parallel.ForEachAsync(names, async (n, cancellationToken) => await Task.Delay(n.Length));
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading.Tasks;
            class B
            {
                async Task M(int[] items)
                {
                    await Parallel.ForEachAsync(items, async (x, cancellationToken) => await Task.Delay(x));
                }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_NestedCalls_OnePassInEveryScope()
    {
        // The inner call is rewritten inside the outer lambda, then the outer call around it; the inner token parameter
        // cannot reuse the outer one's name. One at a time, the inner call is fixed second and finds the outer lambda's
        // token to forward; in one pass it is planned on the original code, where there is none.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task M(int[][] groups)
                    {
                        Parallel.ForEach(groups, [|async group =>|]
                        {
                            await Task.Yield();
                            Parallel.ForEach(group, [|async item =>|] await Task.Delay(item));
                        });
                    }
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task M(int[][] groups)
                    {
                        await Parallel.ForEachAsync(groups, async (group, cancellationToken) =>
                        {
                            await Task.Yield();
                            await Parallel.ForEachAsync(group, cancellationToken, async (item, ct) => await Task.Delay(item));
                        });
                    }
                }
                """,
            BatchFixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task M(int[][] groups)
                    {
                        await Parallel.ForEachAsync(groups, async (group, cancellationToken) =>
                        {
                            await Task.Yield();
                            await Parallel.ForEachAsync(group, async (item, ct) => await Task.Delay(item));
                        });
                    }
                }
                """,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
