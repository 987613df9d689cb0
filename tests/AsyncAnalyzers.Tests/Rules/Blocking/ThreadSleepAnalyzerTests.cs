using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.ThreadSleepAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class ThreadSleepAnalyzerTests
{
    private static async Task VerifyTopLevelAsync(string source)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task SleepInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    {|#0:Thread.Sleep(100)|};
                    await Task.Yield();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC102").WithLocation(0));
    }

    [Fact]
    public async Task SleepWithTimeSpanInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
            """);
    }

    [Fact]
    public async Task SleepWithVariableDuration_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(int delay)
                {
                    await Task.Yield();
                    [|Thread.Sleep(delay)|];
                }
            }
            """);
    }

    [Fact]
    public async Task SleepFullyQualified_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class C
            {
                async System.Threading.Tasks.Task M()
                {
                    [|System.Threading.Thread.Sleep(10)|];
                    await System.Threading.Tasks.Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncValueTaskMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async ValueTask M()
                {
                    [|Thread.Sleep(100)|];
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncGenericTaskMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M()
                {
                    await Task.Yield();
                    [|Thread.Sleep(100)|];
                    return 1;
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncExpressionBodiedMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                async Task M() => [|Thread.Sleep(100)|];
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return Local();

                    async Task Local()
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncLambdaInsideSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    Task.Run(async () =>
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncAnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => async delegate
                {
                    [|Thread.Sleep(100)|];
                    await Task.Yield();
                };
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncLambdaInsidePropertyGetter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Work => async () =>
                {
                    await Task.Yield();
                    [|Thread.Sleep(100)|];
                };
            }
            """);
    }

    [Fact]
    public async Task SleepInTopLevelStatementsWithAwait_Reports()
    {
        await VerifyTopLevelAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            await Task.Yield();
            [|Thread.Sleep(100)|];
            """);
    }

    [Fact]
    public async Task SleepAfterConfigureAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task other)
                {
                    await other.ConfigureAwait(false);
                    [|Thread.Sleep(100)|];
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInsideAwaitForeach_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IAsyncEnumerable<int> items)
                {
                    await foreach (var item in items)
                    {
                        [|Thread.Sleep(item)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInsideAwaitUsing_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IAsyncDisposable resource)
                {
                    await using (resource)
                    {
                        [|Thread.Sleep(100)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncIterator_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async IAsyncEnumerable<int> M()
                {
                    [|Thread.Sleep(100)|];
                    await Task.Yield();
                    yield return 1;
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInsideLock_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
    public async Task SleepInAsyncLambdaNestedInSyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    Action outer = () =>
                    {
                        Func<Task> inner = async () =>
                        {
                            [|Thread.Sleep(100)|];
                            await Task.Yield();
                        };
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInAsyncLambdaInsideConditionalAccess_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Runner
            {
                public void Run(Func<Task> work) { }
            }

            class C
            {
                void M(Runner? runner)
                {
                    runner?.Run(async () =>
                    {
                        [|Thread.Sleep(100)|];
                        await Task.Yield();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                void M()
                {
                    Thread.Sleep(100);
                }
            }
            """);
    }

    [Fact]
    public async Task SleepZero_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                const int None = 0;

                async Task M()
                {
                    Thread.Sleep(0);
                    Thread.Sleep(None);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SleepTimeSpanZero_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    Thread.Sleep(TimeSpan.Zero);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncLambdaInsideAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Run(() => Thread.Sleep(100));
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncLambdaInsideAsyncLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => async () =>
                {
                    Action pause = () => Thread.Sleep(100);
                    await Task.Yield();
                };
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncLocalFunctionInsideAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Yield();
                    Pause();

                    void Pause() => Thread.Sleep(100);
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncAnonymousMethodInsideAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    Action pause = delegate { Thread.Sleep(100); };
                    await Task.Run(pause);
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInTaskReturningNonAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    Thread.Sleep(100);
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInValueTaskReturningNonAsyncExpressionBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                ValueTask<int> M() => new ValueTask<int>(Wait());

                int Wait()
                {
                    Thread.Sleep(100);
                    return 1;
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInPropertyGetter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                int Value
                {
                    get
                    {
                        Thread.Sleep(10);
                        return 1;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInTopLevelStatementsWithoutAwait_NoDiagnostic()
    {
        await VerifyTopLevelAsync("""
            using System.Threading;

            Thread.Sleep(100);
            """);
    }

    [Fact]
    public async Task SleepInSyncLambdaInTopLevelStatementsWithAwait_NoDiagnostic()
    {
        await VerifyTopLevelAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            await Task.Run(() => Thread.Sleep(100));
            """);
    }

    [Fact]
    public async Task UserDefinedSleep_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Thread
            {
                public static void Sleep(int milliseconds) { }
            }

            class C
            {
                async Task M()
                {
                    Thread.Sleep(100);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SleepMethodGroupInAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    Action<int> pause = Thread.Sleep;
                    await Task.Run(() => pause(100));
                }
            }
            """);
    }

    [Fact]
    public async Task TaskDelayInAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncHelperCalledFromAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    Pause();
                    await Task.Yield();
                }

                static void Pause() => Thread.Sleep(100);
            }
            """);
    }

    [Fact]
    public async Task SleepInFieldInitializerLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            class C
            {
                private readonly Action _pause = () => Thread.Sleep(100);
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncLambdaInsideAwaitForeach_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IAsyncEnumerable<int> items)
                {
                    await foreach (var item in items)
                    {
                        await Task.Run(() => Thread.Sleep(item));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInSyncIterator_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class C
            {
                IEnumerable<int> M()
                {
                    Thread.Sleep(100);
                    yield return 1;
                }
            }
            """);
    }

    [Fact]
    public async Task SleepZeroInsideAsyncLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => async () =>
                {
                    while (true)
                    {
                        Thread.Sleep(0);
                        await Task.Yield();
                    }
                };
            }
            """);
    }

    [Fact]
    public async Task SleepInConstructor_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                C()
                {
                    Thread.Sleep(100);
                }
            }
            """);
    }

    [Fact]
    public async Task SleepInStaticLocalFunctionInsideAsyncLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => async () =>
                {
                    await Task.Run(Pause);

                    static void Pause() => Thread.Sleep(100);
                };
            }
            """);
    }
}
