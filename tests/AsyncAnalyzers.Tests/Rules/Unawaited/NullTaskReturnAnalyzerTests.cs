using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.NullTaskReturnAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class NullTaskReturnAnalyzerTests
{
    [Fact]
    public async Task ReturnNullFromTaskMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() { return [|null|]; }
            }
            """);
    }

    [Fact]
    public async Task ExpressionBodiedNull_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() => [|null|];
            }
            """);
    }

    [Fact]
    public async Task TaskOfTReturnsNull_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(int id)
                {
                    if (id < 0)
                    {
                        return [|null|];
                    }

                    return Task.FromResult("x");
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalWithNullArm_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M(bool ready, Task work) => ready ? [|null|] : work;
            }
            """);
    }

    [Fact]
    public async Task ConditionalWithNullInSecondArm_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<int> M(bool ready, Task<int> work) { return ready ? work : [|null|]; }
            }
            """);
    }

    [Fact]
    public async Task ReturnDefault_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() { return [|default|]; }
                Task<string> N() => [|default(Task<string>)|];
            }
            """);
    }

    [Fact]
    public async Task CastNull_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() => [|(Task)null|];
            }
            """);
    }

    [Fact]
    public async Task LambdaToFuncOfTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M() => () => [|null|];
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
                Func<Task> M() => delegate { return [|null|]; };
            }
            """);
    }

    [Fact]
    public async Task LocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Local();

                    Task Local() => [|null|];
                }
            }
            """);
    }

    [Fact]
    public async Task PropertyGetter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                public Task Completion => [|null|];
            }
            """);
    }

    [Fact]
    public async Task SwitchExpressionArm_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M(int kind, Task a) => kind switch
                {
                    0 => a,
                    _ => [|null|],
                };
            }
            """);
    }

    [Fact]
    public async Task InterfaceImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            interface IHandler
            {
                Task HandleAsync(CancellationToken cancellationToken);
            }

            class Handler : IHandler
            {
                public Task HandleAsync(CancellationToken cancellationToken) => [|null|];
            }
            """);
    }

    [Fact]
    public async Task OverrideReturnsNull_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            abstract class Base
            {
                public abstract Task StartAsync();
            }

            class Derived : Base
            {
                public override Task StartAsync()
                {
                    return [|null|];
                }
            }
            """);
    }

    [Fact]
    public async Task NullableEnabledNonNullableTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                Task M() => [|null|];
                Task<string> N() => [|null!|];
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatementsLocalFunction_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                await Run();

                static Task Run() => [|null|];
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task LambdaInsideAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Func<Func<Task>, Task> run)
                {
                    await run(() => [|null|]);
                }
            }
            """);
    }

    [Fact]
    public async Task BothConditionalArmsNull_ReportsEach()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M(bool a, bool b, Task t) => a ? {|#0:null|} : b ? {|#1:null|} : t;
            }
            """, VerifyCS.Diagnostic("ASYNC206").WithLocation(0).WithArguments("M"), VerifyCS.Diagnostic("ASYNC206").WithLocation(1).WithArguments("M"));
    }

    [Fact]
    public async Task AsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M() { await Task.Yield(); return null; }
            }
            """);
    }

    [Fact]
    public async Task AsyncLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task<string>> M() => async () => { await Task.Yield(); return null; };
            }
            """);
    }

    [Fact]
    public async Task NullableTaskReturnType_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                Task? M(bool b) => b ? null : Task.CompletedTask;
                Task<string>? N() { return null; }
            }
            """);
    }

    [Fact]
    public async Task NullableTaskLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<Task?> M() => () => null;
            }
            """);
    }

    [Fact]
    public async Task NullableValueTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                ValueTask? M() => null;
                ValueTask N() => default;
            }
            """);
    }

    [Fact]
    public async Task ReturnsFieldThatMayBeNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private Task _pending;
                Task M() => _pending;
            }
            """);
    }

    [Fact]
    public async Task ReturnsCompletedTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() => Task.CompletedTask;
                Task<string> N() => Task.FromResult<string>(null);
            }
            """);
    }

    [Fact]
    public async Task TaskResultNullInsideFromResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<object> M() { return Task.FromResult((object)null); }
            }
            """);
    }

    [Fact]
    public async Task ObjectReturningMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                object M() => null;
                string N() { return null; }
            }
            """);
    }

    [Fact]
    public async Task UserDefinedConversionFromNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Job
            {
                public static implicit operator Task(Job job) => Task.CompletedTask;
            }

            class C
            {
                Task M() => (Job)null;
            }
            """);
    }

    [Fact]
    public async Task LambdaReturningObject_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<object> M() => () => null;
            }
            """);
    }

    [Fact]
    public async Task ConditionalWithoutNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M(bool b, Task t) => b ? Task.CompletedTask : t;
            }
            """);
    }

    [Fact]
    public async Task AsyncLocalFunction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<string> M()
                {
                    return Local();

                    async Task<string> Local() { await Task.Yield(); return null; }
                }
            }
            """);
    }

    [Fact]
    public async Task NullInsideNestedNonTaskLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    Func<string> f = () => null;
                    return Task.FromResult(f());
                }
            }
            """);
    }

    [Fact]
    public async Task VoidMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                void M() { Task t = null; return; }
            }
            """);
    }

    [Fact]
    public async Task CustomAwaitableReturnsNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Runtime.CompilerServices;

            class Awaitable
            {
                public TaskAwaiter GetAwaiter() => default;
            }

            class C
            {
                Awaitable M() => null;
            }
            """);
    }

    [Fact]
    public async Task AsyncTaskOfTaskReturnsNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<Task> M() { await Task.Yield(); return null; }
            }
            """);
    }

    [Fact]
    public async Task SwitchExpressionWithoutNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M(int kind, Task a) => kind switch { 0 => a, _ => Task.CompletedTask };
            }
            """);
    }

    [Fact]
    public async Task NullableTaskPropertyGetter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                public Task? Pending => null;
            }
            """);
    }

    [Fact]
    public async Task ThrowInsteadOfNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Task M(bool b) => b ? throw new InvalidOperationException() : Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task TaskCompletionSourceTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly TaskCompletionSource<object> _source = new TaskCompletionSource<object>();
                Task M() => _source.Task;
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessReturned_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System;
            using System.IO;
            using System.Threading.Tasks;

            interface ISender
            {
                Task SendAsync(string message);
                Task<int> CountAsync();
            }

            class Outbox
            {
                private readonly ISender? _sender;
                private readonly Stream? _stream;

                public Outbox(ISender? sender, Stream? stream) { _sender = sender; _stream = stream; }

                public Task SendAsync(string message) => [|_sender?.SendAsync(message)!|];

                public Task FlushAsync()
                {
                    return [|_stream?.FlushAsync()!|];
                }

                public Task<int> CountAsync(bool cached) => cached ? Task.FromResult(0) : [|_sender?.CountAsync()!|];

                public Func<Task> Flusher => () => [|_stream?.FlushAsync()!|];
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessOnMemberAlwaysCreated_NoDiagnostic()
    {
        // Every constructor (or the initializer) stores a new object: outside the constructors the '?.' never yields null.
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System;
            using System.Threading.Tasks;

            class Store
            {
                public Store(string path) { }
                public Task UpdateAsync(int value) => Task.CompletedTask;
                public Task<int> CountAsync() => Task.FromResult(0);
            }

            class Inventory
            {
                private readonly Store? _store;
                private readonly Store? _backup = new Store("backup");
                private static readonly Store? Shared = new Store("shared");

                public Inventory() : this("default") { }

                public Inventory(string path)
                {
                    if (path.Length == 0)
                    {
                        throw new ArgumentException("empty", nameof(path));
                    }

                    _store = new Store(path);
                }

                public Inventory(Store? store)
                {
                    _store = store ?? new Store("fallback");
                    Archive = new Store("archive");
                }

                public Store? Archive { get; } = new Store("archive");

                public Task UpdateAsync(int value) => _store?.UpdateAsync(value);

                public Task BackupAsync(int value)
                {
                    return this._backup?.UpdateAsync(value);
                }

                public Task<int> CountAsync() => Shared?.CountAsync();

                public Task ArchiveAsync(int value) => Archive?.UpdateAsync(value);
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessOnMemberNotAlwaysCreated_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System.Threading.Tasks;

            class Store
            {
                public Store(string path) { }
                public Task UpdateAsync(int value) => Task.CompletedTask;
            }

            class Inventory
            {
                private readonly Store? _store;
                private readonly Store? _given;
                private readonly Store? _sometimes;

                public Inventory(Store? given, bool create)
                {
                    _store = new Store("main");
                    _given = given;
                    if (create)
                    {
                        _sometimes = new Store("maybe");
                    }
                }

                public Inventory()
                {
                    _given = new Store("given");
                    _sometimes = new Store("always");
                }

                public Store? Archive { get; }

                public Task UpdateAsync(int value) => [|_store?.UpdateAsync(value)|];

                public Task GivenAsync(int value) => [|_given?.UpdateAsync(value)|];

                public Task SometimesAsync(int value) => [|_sometimes?.UpdateAsync(value)|];

                public Task ArchiveAsync(int value) => [|Archive?.UpdateAsync(value)|];
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessNullableDisabled_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Writer
            {
                private Stream _stream;

                public Task FlushAsync() => [|_stream?.FlushAsync()|];

                public Task WriteAsync(byte[] data) => ([|_stream?.WriteAsync(data, 0, data.Length)|]);
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessHandled_NoDiagnostic()
    {
        // Task? says the callers check null; a coalesced or awaited conditional access, or one inside the returned task, is no null task.
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System.IO;
            using System.Threading.Tasks;

            class Writer
            {
                private Stream? _stream;
                private string? _name;

                public Task? TryFlushAsync() => _stream?.FlushAsync();

                public Task FlushAsync() => _stream?.FlushAsync() ?? Task.CompletedTask;

                public async Task FlushIfOpenAsync()
                {
                    if (_stream?.FlushAsync() is { } flush)
                    {
                        await flush;
                    }
                }

                public Task<string?> NameAsync() => Task.FromResult(_name?.Trim());

                public Task<int?> LengthAsync() => Task.FromResult(_name?.Length);
            }
            """);
    }


    // A cluster client's heartbeat (real code) beats only the sessions in use: the lambda returns no task for the others, and its
    // parallel helper skips null tasks.
    private const string Heartbeat = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        static class TaskParallelExtensions
        {
            public static async Task ParallelForEachAsync<T>(this IEnumerable<T> items, Func<T, CancellationToken, Task> action, CancellationToken cancellationToken = default)
            {
                var tasks = new List<Task>();
                foreach (var item in items)
                {
                    var currentTask = action?.Invoke(item, cancellationToken);
                    if (currentTask != default)
                        tasks.Add(currentTask);
                }

                await Task.WhenAll(tasks);
            }
        }

        class Session { public bool IsInUse; }

        class Heartbeat
        {
            public async Task BeatAllAsync(List<Session> sessions, CancellationToken cancellationToken)
            {
                await sessions.ParallelForEachAsync((session, token) =>
                {
                    return session.IsInUse ? BeatAsync(session) : {|#0:default|};
                }, cancellationToken);
            }

            private Task BeatAsync(Session session) => Task.Delay(10);
        }
        """;

    [Fact]
    public async Task LambdaHandedToHelperThatSkipsNullTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Heartbeat.Replace("{|#0:default|}", "default"));
    }

    [Fact]
    public async Task LambdaHandedToHelperThatAwaitsEveryTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Heartbeat.Replace("if (currentTask != default)", "if (currentTask.Id >= 0)"),
            VerifyCS.Diagnostic("ASYNC206").WithLocation(0).WithArguments("lambda"));
    }
    [Fact]
    public async Task MethodOnlyRunAndForgotten_NoDiagnostic()
    {
        // Task.Run's delegate is a Func<Task?>: a null task becomes a canceled one, and nobody awaits it here.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            delegate Task IdleHandler();

            class Meter
            {
                private IdleHandler _idle;

                public void Decrement()
                {
                    var idle = _idle;
                    if (idle == null)
                    {
                        return;
                    }

                    Task.Run(() => NotifyIdle(idle));
                    _ = Task.Run(Refresh);
                }

                static Task NotifyIdle(IdleHandler idle)
                {
                    var handlers = idle.GetInvocationList();
                    return handlers.Length switch
                    {
                        0 => default,
                        1 => ((IdleHandler)handlers[0])(),
                        _ => Task.WhenAll(Array.ConvertAll(handlers, h => ((IdleHandler)h)())),
                    };
                }

                private Task Refresh() => _idle == null ? null : _idle();
            }
            """);
    }

    [Fact]
    public async Task MethodRunAndAwaitedOrCalled_Reports()
    {
        // The same helpers, but the task of Task.Run is awaited, the helper is also called directly, or is not private.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Meter
            {
                private Func<Task> _idle;

                public async Task DecrementAsync()
                {
                    await Task.Run(() => NotifyIdle());
                    Task.Run(() => Refresh());
                    await Refresh();
                    Task.Run(() => Exposed());
                    Task.Run(() => { Console.WriteLine("idle"); return Logged(); });
                }

                private Task NotifyIdle() => _idle == null ? [|null|] : _idle();

                private Task Refresh() => _idle == null ? [|null|] : _idle();

                internal Task Exposed() => _idle == null ? [|null|] : _idle();

                private Task Logged() => _idle == null ? [|null|] : _idle();
            }
            """);
    }
}
