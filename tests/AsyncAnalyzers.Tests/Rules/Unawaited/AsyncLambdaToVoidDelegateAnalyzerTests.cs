using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class AsyncLambdaToVoidDelegateAnalyzerTests
{
    [Fact]
    public async Task ListForEach_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                void M(List<int> items)
                {
                    items.ForEach({|#0:async x =>|} await Task.Delay(x));
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "Action<int>"));
    }

    [Fact]
    public async Task ParallelForEach_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M(int[] items)
                {
                    Parallel.ForEach(items, [|async x =>|]
                    {
                        await Task.Delay(x);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task TimerCallback_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                Timer M() => new Timer([|async _ =>|] await Task.Delay(1), null, 0, 1000);
            }
            """);
    }

    [Fact]
    public async Task ActionLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    Action run = [|async () =>|] await Task.Delay(1);
                    run();
                }
            }
            """);
    }

    [Fact]
    public async Task ActionParameter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                static void Retry(Action action) => action();
                void M() => Retry([|async () =>|] await Task.Delay(1));
            }
            """);
    }

    [Fact]
    public async Task AnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Action<int> M() => {|#0:async delegate (int x)|} { await Task.Delay(x); };
            }
            """,
            VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("anonymous method", "Action<int>"));
    }

    [Fact]
    public async Task AnonymousMethodWithoutParameters_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Action M() => [|async delegate|] { await Task.Delay(1); };
            }
            """);
    }

    [Fact]
    public async Task CustomVoidDelegate_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            delegate void Callback(string name);
            class C
            {
                Callback M() => [|async name =>|] await Task.Delay(name.Length);
            }
            """);
    }

    [Fact]
    public async Task InsideAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                async Task M(List<string> names)
                {
                    names.ForEach([|async n =>|] await Task.Delay(n.Length));
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task StaticAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Action<int> M() => [|static async x =>|] await Task.Delay(x);
            }
            """);
    }

    [Fact]
    public async Task NestedInTaskLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                Task M(List<int> items) => Task.Run(() => items.ForEach([|async x =>|] await Task.Delay(x)));
            }
            """);
    }

    [Fact]
    public async Task PropertyInitializer_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                public Action OnSave { get; set; } = [|async () =>|] await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                new List<int> { 1 }.ForEach([|async x =>|] await Task.Delay(x));
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task CastToAction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                object M() => (Action)([|async () =>|] await Task.Delay(1));
            }
            """);
    }

    [Fact]
    public async Task TaskRunAsyncLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task M() => Task.Run(async () => await Task.Delay(1));
            }
            """);
    }

    [Fact]
    public async Task FuncOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<int, Task> M() => async x => await Task.Delay(x);
                Func<ValueTask> N() => async () => await Task.Delay(1);
                Func<Task<int>> O() => async () => { await Task.Delay(1); return 1; };
            }
            """);
    }

    [Fact]
    public async Task ParallelForEachAsync_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                Task M(int[] items) => Parallel.ForEachAsync(items, async (x, ct) => await Task.Delay(x, ct));
            }
            """);
    }

    [Fact]
    public async Task LinqSelectAsyncThenAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                Task M(int[] items) => Task.WhenAll(items.Select(async x => await Task.Delay(x)));
            }
            """);
    }

    [Fact]
    public async Task EventSubscription_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action? Changed; public event EventHandler? Clicked; }
            class C
            {
                void M(Source s)
                {
                    s.Changed += async () => await Task.Delay(1);
                    s.Clicked += async (sender, e) => await Task.Delay(1);
                    s.Clicked += async delegate { await Task.Delay(1); };
                }
            }
            """);
    }

    [Fact]
    public async Task EventHandlerTypedLocal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.ComponentModel;
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    EventHandler handler = async (sender, e) => await Task.Delay(1);
                    PropertyChangedEventHandler changed = async (sender, e) => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaToAction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            class C
            {
                void M(List<int> items)
                {
                    items.ForEach(x => Console.WriteLine(x));
                    Action a = () => { };
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncMethodGroupToAction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task Work() => await Task.Delay(1);
                Func<Task> M() => Work;
            }
            """);
    }

    [Fact]
    public async Task CustomTaskLikeDelegate_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            delegate ValueTask<int> Handler(string name);
            class C
            {
                Handler M() => async name => { await Task.Yield(); return name.Length; };
            }
            """);
    }

    [Fact]
    public async Task GenericFuncOverloadChosen_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            static class Runner
            {
                public static void Run(Action action) => action();
                public static Task Run(Func<Task> action) => action();
            }
            class C
            {
                Task M() => Runner.Run(async () => await Task.Delay(1));
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitInsideTaskLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Func<Task> M() => async () => await Task.Delay(1).ConfigureAwait(false);
            }
            """);
    }

    [Fact]
    public async Task ExpressionTreeNotAsync_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq.Expressions;
            class C
            {
                Expression<Action<int>> M() => x => Console.WriteLine(x);
            }
            """);
    }

    [Fact]
    public async Task TopLevelAwaitedLambda_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;
                Func<Task> f = async () => await Task.Delay(1);
                await f();
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task GenericFuncInferredAsTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                static T Run<T>(Func<T> f) => f();
                Task M() => Run(async () => await Task.Delay(1));
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidLocalFunctionAsMethodGroup_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Action M()
                {
                    return Load;

                    async void Load() => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task GenericEventHandlerTypedField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                EventHandler<UnhandledExceptionEventArgs> _onError = async (sender, e) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task HalfTypedLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M() => {|CS0103:Missing|}(async () => await Task.Delay(1));
            }
            """);
    }
}
