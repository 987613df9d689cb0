using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Blocking.ThreadSleepAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Blocking.ThreadSleepCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class ThreadSleepCodeFixTests
{
    [Fact]
    public async Task SleepMilliseconds_AwaitsTaskDelay()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|Thread.Sleep(100)|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Delay(100);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SleepTimeSpan_AwaitsTaskDelay()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|Thread.Sleep(TimeSpan.FromSeconds(1))|];
                    await Task.Yield();
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task TokenParameterInScope_IsForwarded()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(int delay, CancellationToken cancellationToken)
                {
                    [|Thread.Sleep(delay)|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(int delay, CancellationToken cancellationToken)
                {
                    await Task.Delay(delay, cancellationToken);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task OuterMethodTokenInAsyncLambda_IsForwarded()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<int, Task> M(CancellationToken ct) => async x =>
                {
                    [|Thread.Sleep(x)|];
                    await Task.Yield();
                };
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<int, Task> M(CancellationToken ct) => async x =>
                {
                    await Task.Delay(x, ct);
                    await Task.Yield();
                };
            }
            """);
    }

    [Fact]
    public async Task InnermostFunctionToken_WinsOverOuterToken()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<CancellationToken, Task> M(CancellationToken outer) => async inner =>
                {
                    [|Thread.Sleep(10)|];
                    await Task.Yield();
                };
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<CancellationToken, Task> M(CancellationToken outer) => async inner =>
                {
                    await Task.Delay(10, inner);
                    await Task.Yield();
                };
            }
            """);
    }

    [Fact]
    public async Task TwoTokensInScope_NoTokenForwarded()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(CancellationToken first, CancellationToken second)
                {
                    [|Thread.Sleep(10)|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(CancellationToken first, CancellationToken second)
                {
                    await Task.Delay(10);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task StaticLocalFunction_DoesNotCaptureOuterToken()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task M(CancellationToken ct)
                {
                    return Local();

                    static async Task Local()
                    {
                        [|Thread.Sleep(10)|];
                        await Task.Yield();
                    }
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task M(CancellationToken ct)
                {
                    return Local();

                    static async Task Local()
                    {
                        await Task.Delay(10);
                        await Task.Yield();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ShadowedTokenName_NoTokenForwarded()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> M(CancellationToken token) => async x =>
                {
                    var token = x.Length;
                    [|Thread.Sleep(token)|];
                    await Task.Yield();
                };
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> M(CancellationToken token) => async x =>
                {
                    var token = x.Length;
                    await Task.Delay(token);
                    await Task.Yield();
                };
            }
            """);
    }

    [Fact]
    public async Task MissingTasksUsing_IsAdded()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;

            class C
            {
            #pragma warning disable CS1998
                async void OnClick(object sender, System.EventArgs e)
                {
                    [|Thread.Sleep(100)|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                async void OnClick(object sender, System.EventArgs e)
                {
                    await Task.Delay(100);
                }
            }
            """);
    }

    [Fact]
    public async Task OtherTypeNamedTask_UsesQualifiedName()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;

            class Task { }

            class C
            {
            #pragma warning disable CS1998
                async void M()
                {
                    [|Thread.Sleep(100)|];
                }
            }
            """, """
            using System.Threading;

            class Task { }

            class C
            {
            #pragma warning disable CS1998
                async void M()
                {
                    await System.Threading.Tasks.Task.Delay(100);
                }
            }
            """);
    }

    [Fact]
    public async Task CommentsAroundSleep_ArePreserved()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    // back off before retrying
                    [|Thread.Sleep(/* ms */ 250)|]; // then retry
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    // back off before retrying
                    await Task.Delay(/* ms */ 250); // then retry
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task NamedArgument_NameIsDropped()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|Thread.Sleep(millisecondsTimeout: 100)|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Delay(100);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task ExpressionBodiedAsyncLambda_AwaitsTaskDelay()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                Func<Task> M() => async () => [|Thread.Sleep(100)|];
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                Func<Task> M() => async () => await Task.Delay(100);
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_AwaitsTaskDelay()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Yield();
                [|Thread.Sleep(100)|];
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                await Task.Yield();
                await Task.Delay(100);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task SleepInsideLock_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new object();

                async Task M()
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        [|Thread.Sleep(100)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task FixAllInDocument_FixesEverySleep()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading;

                class C
                {
                #pragma warning disable CS1998
                    async void A(CancellationToken ct)
                    {
                        [|Thread.Sleep(1)|];
                        [|Thread.Sleep(2)|];
                    }

                    async void B()
                    {
                        [|Thread.Sleep(3)|];
                    }
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                #pragma warning disable CS1998
                    async void A(CancellationToken ct)
                    {
                        await Task.Delay(1, ct);
                        await Task.Delay(2, ct);
                    }

                    async void B()
                    {
                        await Task.Delay(3);
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
    public async Task FixAllInProject_FixesEveryDocument()
    {
        var test = new VerifyCS.Test
        {
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.TestState.Sources.Add("""
            using System.Threading;
            using System.Threading.Tasks;

            class A
            {
                async Task M()
                {
                    [|Thread.Sleep(1)|];
                    await Task.Yield();
                }
            }
            """);
        test.TestState.Sources.Add("""
            using System.Threading;
            using System.Threading.Tasks;

            class B
            {
                async Task M(CancellationToken token)
                {
                    [|Thread.Sleep(2)|];
                    await Task.Yield();
                    [|Thread.Sleep(3)|];
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading;
            using System.Threading.Tasks;

            class A
            {
                async Task M()
                {
                    await Task.Delay(1);
                    await Task.Yield();
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.Threading;
            using System.Threading.Tasks;

            class B
            {
                async Task M(CancellationToken token)
                {
                    await Task.Delay(2, token);
                    await Task.Yield();
                    await Task.Delay(3, token);
                }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_TwoOnOneLineAndOneInALambda_OnePassAndOneUsing()
    {
        // Task is not imported: the pass adds the using directive once for every fix of the document.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.Threading;

                class C
                {
                #pragma warning disable CS1998
                    async void M()
                    {
                        [|Thread.Sleep(1)|]; [|Thread.Sleep(2)|];
                        Action run = async () => [|Thread.Sleep(3)|];
                    }
                }
                """,
            FixedCode = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                #pragma warning disable CS1998
                    async void M()
                    {
                        await Task.Delay(1); await Task.Delay(2);
                        Action run = async () => await Task.Delay(3);
                    }
                }
                """,
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
