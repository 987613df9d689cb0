using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Exceptions.ContinuationIgnoresFaultAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Exceptions;

public class ContinuationIgnoresFaultAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Stubs = """

        static class Api
        {
            public static Task<string> LoadAsync() => Task.FromResult("x");
            public static ValueTask<int> CountAsync() => new ValueTask<int>(1);
            public static void Log(object value) { }
            public static void Inspect(Task task) { }
        }
        """;

    [Fact]
    public async Task ResultInExpressionLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    {|#1:Api.LoadAsync().ContinueWith(t => Api.Log({|#0:t.Result|}))|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC403").WithLocation(0).WithLocation(1).WithArguments("t.Result"));
    }

    [Fact]
    public async Task ResultInBlockLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(task =>
                    {
                        var text = [|task.Result|];
                        Api.Log(task.Result.Length);
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AnonymousMethodContinuation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(delegate (Task<string> t) { Api.Log([|t.Result|]); });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task GetAwaiterGetResult_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    {|#1:load.ContinueWith(t => Api.Log({|#0:t.GetAwaiter().GetResult()|}))|};
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC403").WithLocation(0).WithLocation(1).WithArguments("t.GetAwaiter().GetResult()"));
    }

    [Fact]
    public async Task WaitOnNonGenericAntecedent_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task save)
                {
                    save.ContinueWith(t =>
                    {
                        [|t.Wait()|];
                        Api.Log("saved");
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task GuardedOnlyByIsCompleted_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t =>
                    {
                        if (t.IsCompleted && !t.IsCanceled)
                        {
                            Api.Log([|t.Result|]);
                        }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task OptionsThatDoNotExcludeFaults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log([|t.Result|]), TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.NotOnCanceled);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task FullOverloadWithoutFaultExclusion_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load, CancellationToken token)
                {
                    load.ContinueWith(t => Api.Log([|t.Result|]), token, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitedContinuationWithConfigureAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task<int> LengthAsync()
                {
                    return await Api.LoadAsync().ContinueWith(t => [|t.Result|].Length).ConfigureAwait(false);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationInLambdaAndLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Action Start() => () => Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|]));

                void Run()
                {
                    Local();

                    void Local() => Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|]));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationInPropertyGetter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Task<string> source = Api.LoadAsync();

                int Pending
                {
                    get
                    {
                        _ = source.ContinueWith(t => Api.Log([|t.Result|].Length));
                        return 1;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                var load = Api.LoadAsync();
                await load.ContinueWith(t => Api.Log([|t.Result|]));
                """ + Stubs,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ResultInNestedLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load, int[] items)
                {
                    load.ContinueWith(t => items.Select(i => i + [|t.Result|].Length).ToList());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ResultThroughCapturedReceiver_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(_ => Api.Log([|load.Result|]));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ValueTaskConvertedAndConditionalReceiver_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> maybe)
                {
                    Api.CountAsync().AsTask().ContinueWith(t => Api.Log([|t.Result|]));
                    maybe?.ContinueWith(t => Api.Log([|t.Result|]));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DiscardedContinuation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    _ = Api.LoadAsync().ContinueWith(t => Api.Log([|t.Result|]), TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task OnlyOnRanToCompletion_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion);
                    load.ContinueWith(t => Api.Log(t.Result), TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task NotOnFaultedInFullOverload_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log(t.Result), CancellationToken.None, TaskContinuationOptions.NotOnFaulted, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CheckingIsFaulted_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t =>
                    {
                        if (t.IsFaulted)
                        {
                            return;
                        }

                        Api.Log(t.Result);
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CheckingStatus_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => t.Status == TaskStatus.RanToCompletion ? t.Result : null);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ReadingException_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log(t.Exception ?? (object)t.Result));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CheckingIsCompletedSuccessfully_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Length : -1);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationNotReadingTheResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(_ => Api.Log("done"));
                    load.ContinueWith(t => Api.Log(t.Id));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ResultOfAnotherTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load, Task<string> other)
                {
                    load.ContinueWith(t => Api.Log(other.Result), TaskContinuationOptions.None);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AntecedentPassedToMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t =>
                    {
                        Api.Inspect(t);
                        Api.Log(t.Result);
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task NonConstantOptions_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load, TaskContinuationOptions options)
                {
                    load.ContinueWith(t => Api.Log(t.Result), options);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task MethodGroupContinuation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(Handle);
                }

                static void Handle(Task<string> t) => Api.Log(t.Result);
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinueWithOnOtherType_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Pipeline
            {
                public string Result => "";
                public void ContinueWith(Action<Pipeline> next) => next(this);
            }

            class C
            {
                void Start(Pipeline pipeline)
                {
                    pipeline.ContinueWith(p => Api.Log(p.Result));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinueWhenAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string>[] loads)
                {
                    Task.Factory.ContinueWhenAll(loads, all => Api.Log(all[0].Result));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitInsteadOfContinuation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task StartAsync()
                {
                    var text = await Api.LoadAsync().ConfigureAwait(false);
                    Api.Log(text);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ExceptionNotNullGuard_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start(Task<string> load)
                {
                    load.ContinueWith(t =>
                    {
                        if (t.Exception != null)
                        {
                            Api.Log(t.Exception);
                            return;
                        }

                        Api.Log(t.Result);
                    }, TaskScheduler.Default);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task OptionsFromConstant_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                const TaskContinuationOptions Success = TaskContinuationOptions.OnlyOnRanToCompletion;

                void Start(Task<string> load)
                {
                    load.ContinueWith(t => Api.Log(t.Result), Success);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnFromResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start()
                {
                    Task.FromResult("x").ContinueWith(t => Api.Log(t.Result));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnSourceThatOnlySucceeds_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Countdown
            {
                public Task<int> Start(int seconds)
                {
                    var done = new TaskCompletionSource<int>();
                    var timer = new Timer(_ => done.TrySetResult(seconds));
                    timer.Change(seconds * 1000, Timeout.Infinite);
                    _ = done.Task.ContinueWith(t => Api.Log(t.Result));
                    return done.Task;
                }
            }
            """ + Stubs);
    }

    private static string TargetInitialization(string onDetach) => Usings + """
        enum InitializationStatus { Aborted, Success }

        class Target
        {
            internal TaskCompletionSource<InitializationStatus> InitializedTaskWrapper { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            internal Task<InitializationStatus> InitializedTask => InitializedTaskWrapper.Task;

            internal void Initialize()
            {
                _ = {|#1:InitializedTaskWrapper.Task.ContinueWith(initialized => Api.Log({|#0:initialized.Result|}))|};
            }

            internal void OnAttached() => InitializedTaskWrapper.TrySetResult(InitializationStatus.Success);
        }

        class Browser
        {
            internal void OnDetached(Target target, System.Exception error)
            {
                ON_DETACH
            }
        }
        """.Replace("ON_DETACH", onDetach) + Stubs;

    [Fact]
    public async Task ContinuationOnInternalSourceThatOnlySucceeds_NoDiagnostic()
    {
        // The source lives in an internal property; every file that names it completes it with TrySetResult or reads its task.
        await VerifyCS.VerifyAnalyzerAsync(TargetInitialization("target.InitializedTaskWrapper.TrySetResult(InitializationStatus.Aborted);")
            .Replace("{|#1:", "").Replace("))|};", "));").Replace("{|#0:", "").Replace(".Result|}", ".Result"));
    }

    [Fact]
    public async Task ContinuationOnInternalSourceThatCanFail_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            TargetInitialization("target.InitializedTaskWrapper.TrySetException(error);"),
            VerifyCS.Diagnostic("ASYNC403").WithLocation(0).WithLocation(1).WithArguments("initialized.Result"));
    }

    [Fact]
    public async Task ContinuationOnSourceKeptInPrivateList_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;

            sealed class WarmupGate
            {
                private readonly List<TaskCompletionSource<string>> _waiters = new();
                private readonly Dictionary<int, TaskCompletionSource<string>> _byTicket = new();
                private bool _warm;

                public Task<string> WhenWarmAsync(int ticket)
                {
                    var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                    waiter.Task.ContinueWith(t => Api.Log("warm: " + t.Result));
                    lock (_waiters)
                    {
                        _waiters.Add(waiter);
                        _byTicket[ticket] = waiter;
                        if (_warm)
                        {
                            waiter.TrySetResult("already");
                            _waiters.Remove(waiter);
                        }
                    }

                    return waiter.Task;
                }

                public void Release(int ticket)
                {
                    lock (_waiters)
                    {
                        if (_byTicket.TryGetValue(ticket, out var waiter))
                        {
                            _byTicket.Remove(ticket);
                            waiter.TrySetResult("released");
                        }
                    }
                }

                public void MarkWarm()
                {
                    lock (_waiters)
                    {
                        _warm = true;
                        foreach (var waiter in _waiters)
                        {
                            waiter.TrySetResult("warm");
                        }

                        _waiters.Clear();
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnSourceFaultedByItsType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;

            sealed class WarmupGate
            {
                private readonly List<TaskCompletionSource<string>> _waiters = new();

                public Task<string> WhenWarmAsync()
                {
                    var waiter = new TaskCompletionSource<string>();
                    waiter.Task.ContinueWith(t => Api.Log("warm: " + [|t.Result|]));
                    lock (_waiters)
                    {
                        _waiters.Add(waiter);
                    }

                    return waiter.Task;
                }

                public void Fail(Exception error)
                {
                    lock (_waiters)
                    {
                        foreach (var waiter in _waiters)
                        {
                            waiter.TrySetException(error);
                        }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnSourceCanceledHere_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Countdown
            {
                public void Start(CancellationToken token)
                {
                    var done = new TaskCompletionSource<int>();
                    token.Register(() => done.TrySetCanceled());
                    _ = done.Task.ContinueWith(t => Api.Log([|t.Result|]));
                    done.TrySetResult(1);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnSourceHandedToAnotherType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Client
            {
                public void Send(Dispatcher dispatcher)
                {
                    var reply = new TaskCompletionSource<string>();
                    dispatcher.Enqueue(reply);
                    _ = reply.Task.ContinueWith(t => Api.Log([|t.Result|]));
                }
            }

            class Dispatcher
            {
                public void Enqueue(TaskCompletionSource<string> reply) => reply.TrySetException(new TimeoutException());
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnSourceWhoseListEscapes_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;

            sealed class WarmupGate
            {
                private readonly List<TaskCompletionSource<string>> _waiters = new();

                public IReadOnlyList<TaskCompletionSource<string>> Waiters => _waiters;

                public void WhenWarm()
                {
                    var waiter = new TaskCompletionSource<string>();
                    _waiters.Add(waiter);
                    waiter.Task.ContinueWith(t => Api.Log([|t.Result|]));
                }

                public void MarkWarm()
                {
                    foreach (var waiter in _waiters)
                    {
                        waiter.TrySetResult("warm");
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ContinuationOnSourceStoredInPublicField_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            sealed class Probe
            {
                public TaskCompletionSource<int> Current;

                public void Start()
                {
                    var next = new TaskCompletionSource<int>();
                    Current = next;
                    next.Task.ContinueWith(t => Api.Log([|t.Result|]));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ReturnedContinuation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Task<string> source = Api.LoadAsync();

                Task<int> Length => source.ContinueWith(t => t.Result.Length);

                Func<Task<int>> Later() => () => source.ContinueWith(t => t.Result.Length, TaskScheduler.Default);

                Task<int> Plus(Task<int> value)
                {
                    return value.ContinueWith(t => t.Result + 1);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task StoredOrPassedContinuation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                Task pending;

                async Task StartAsync(Task<string> load)
                {
                    var length = load.ContinueWith(t => t.Result.Length);
                    pending = load.ContinueWith(t => Api.Log(t.Result));
                    await Task.WhenAll(length, load.ContinueWith(t => Api.Log(t.Result)));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HalfTypedContinuation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void Start({|CS0246:Missing|} load)
                {
                    load.ContinueWith(t => Api.Log(t.Result));
                    Api.LoadAsync().ContinueWith({|CS0103:Nowhere|});
                }
            }
            """ + Stubs);
    }
}
