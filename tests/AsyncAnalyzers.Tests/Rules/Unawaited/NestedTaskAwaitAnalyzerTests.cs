using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.NestedTaskAwaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class NestedTaskAwaitAnalyzerTests
{
    [Fact]
    public async Task StartNewAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewAsyncBlockLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    {|#0:await Task.Factory.StartNew(async () =>
                    {
                        await Task.Delay(100);
                    })|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("StartNew"));
    }

    [Fact]
    public async Task StartNewWithLongRunning_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning)|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewTaskOfT_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => { await Task.Delay(1); return 42; })|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewMethodGroup_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                static async Task WorkAsync() => await Task.Delay(1);

                async Task M()
                {
                    [|await Task.Factory.StartNew(WorkAsync)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitOnOuter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100)).ConfigureAwait(false)|];
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first)
                {
                    {|#0:await first.ContinueWith(async _ => await Task.Delay(100))|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("ContinueWith"));
    }

    [Fact]
    public async Task LocalFromStartNew_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    [|await work|];
                }
            }
            """);
    }

    [Fact]
    public async Task NewTaskOfTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var work = new Task<Task>(async () => await Task.Delay(100));
                    work.Start();
                    {|#0:await work|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC207").WithLocation(0).WithArguments("new Task<Task>"));
    }

    [Fact]
    public async Task InAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => async () =>
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                };
            }
            """);
    }

    [Fact]
    public async Task InLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return Local();

                    async Task Local()
                    {
                        [|await Task.Factory.StartNew(async () => await Task.Delay(100))|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TaskFactoryInstance_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly TaskFactory _factory = new TaskFactory();

                async Task M()
                {
                    [|await _factory.StartNew(async () => await Task.Delay(100))|];
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewReturningValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
    public async Task StartNewWithToken_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(CancellationToken cancellationToken)
                {
                    [|await Task.Factory.StartNew(async () => await Task.Delay(100, cancellationToken), cancellationToken)|];
                }
            }
            """);
    }

    [Fact]
    public async Task TaskRun_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Run(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task Unwrapped_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Factory.StartNew(async () => await Task.Delay(100)).Unwrap();
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task InnerTaskKept_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var inner = await Task.Factory.StartNew(async () => await Task.Delay(100));
                    await inner;
                }
            }
            """);
    }

    [Fact]
    public async Task ExplicitDiscard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    _ = await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task WhenAny_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task a, Task b)
                {
                    await Task.WhenAny(a, b);
                    await Task.WhenAny(a, Task.Delay(1000)).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task OwnMethodReturningTaskOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Server
            {
                public async Task<Task> StartAsync()
                {
                    await Task.Yield();
                    return Task.Delay(1000);
                }
            }

            class C
            {
                async Task M(Server server)
                {
                    await server.StartAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task StartNewSynchronousAction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Factory.StartNew(() => System.Console.WriteLine(), TaskCreationOptions.LongRunning);
                    await Task.Factory.StartNew(() => 42);
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithSynchronous_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first)
                {
                    await first.ContinueWith(_ => System.Console.WriteLine());
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnAwaitOuter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<Task> M()
                {
                    return await Task.Factory.StartNew(async () => await Task.Delay(100));
                }
            }
            """);
    }

    [Fact]
    public async Task ReturnOuterWithoutAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<Task> M() => Task.Factory.StartNew(async () => await Task.Delay(100));
            }
            """);
    }

    [Fact]
    public async Task LocalReassigned_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task<Task> other)
                {
                    var work = Task.Factory.StartNew(async () => await Task.Delay(100));
                    work = other;
                    await work;
                }
            }
            """);
    }

    [Fact]
    public async Task ParameterOfTaskOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task<Task> completion)
                {
                    await completion;
                }
            }
            """);
    }

    [Fact]
    public async Task TaskCompletionSourceOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly TaskCompletionSource<Task> _started = new TaskCompletionSource<Task>();

                async Task M()
                {
                    await _started.Task;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitOuterThenInnerInWhenAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100), TaskCreationOptions.LongRunning);
                    await Task.WhenAll(await outer);
                }
            }
            """);
    }

    [Fact]
    public async Task UnwrapOnLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    var outer = Task.Factory.StartNew(async () => await Task.Delay(100));
                    await outer.Unwrap().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithReturningAntecedent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(TimeSpan delay, CancellationToken token)
                {
                    await Task.Delay(delay, token)
                        .ContinueWith(t => t, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                        .ConfigureAwait(false);
                    await Task.Delay(delay, token).ContinueWith(antecedent => { return antecedent; });
                }
            }
            """);
    }

    [Fact]
    public async Task ContinueWithReturningOtherTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task first, Task second)
                {
                    [|await first.ContinueWith(t => t.IsFaulted ? second : t)|];
                }
            }
            """);
    }
}
