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
                Timer M() => new Timer([|async _ =>|] await System.IO.File.AppendAllTextAsync("tick.log", "tick"), null, 0, 1000);
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
                public Action OnSave { get; set; } = [|async () =>|] await System.IO.File.WriteAllTextAsync("saved.txt", "");
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

    // Real shapes (issue 11: a file manager's dialogs and streamed files, a settings page; a server's repository clean-up).
    [Fact]
    public async Task TypedSenderCallback_NoDiagnostic()
    {
        // An event-handler-shaped callback with a typed sender is a handler: ASYNC401 guards it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class ContentDialogButtonClickEventArgs { public bool Cancel { get; set; } }
            class DynamicDialogViewModel
            {
                public Action<DynamicDialogViewModel, ContentDialogButtonClickEventArgs>? PrimaryButtonAction { get; set; }
            }
            class DialogFactory
            {
                DynamicDialogViewModel Welcome() => new()
                {
                    PrimaryButtonAction = async (vm, e) => await System.IO.File.WriteAllTextAsync("welcome.txt", ""),
                };
            }
            """);
    }

    [Fact]
    public async Task UnresolvedEventArgsCallback_NoDiagnostic()
    {
        // The argument type did not resolve (a UI framework missing from the build): no rule can tell what the callback is.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class DynamicDialogViewModel
            {
                public Action<DynamicDialogViewModel, {|CS0246:RoutedEventArgs|}?>? DisplayControlOnLoaded { get; set; }
                public Action<DynamicDialogViewModel, {|CS0246:KeyRoutedEventArgs|}>? KeyDownAction { get; set; }
            }
            class DialogFactory
            {
                DynamicDialogViewModel Rename() => new()
                {
                    DisplayControlOnLoaded = async (vm, e) => await Task.Delay(50),
                    KeyDownAction = async (vm, e) => await System.IO.File.WriteAllTextAsync("name.txt", ""),
                };
            }
            """);
    }

    [Fact]
    public async Task CompletesThroughArgument_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            enum StreamedFileFailureMode { Failed, CurrentlyUnavailable }
            sealed class StreamedFileDataRequest : IDisposable
            {
                public Stream AsStreamForWrite() => Stream.Null;
                public void FailAndClose(StreamedFileFailureMode mode) { }
                public void Dispose() { }
            }
            delegate void StreamedFileDataRequestedHandler(StreamedFileDataRequest request);
            class ZipStorageFile
            {
                StreamedFileDataRequestedHandler DataStreamingHandler(string name)
                {
                    return async request =>
                    {
                        try
                        {
                            using var zip = File.OpenRead(name);
                            await using (var output = request.AsStreamForWrite())
                            {
                                await zip.CopyToAsync(output);
                            }
                            request.Dispose();
                        }
                        catch
                        {
                            request.FailAndClose(StreamedFileFailureMode.Failed);
                        }
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task CompletesThroughArgumentWithoutCatchAll_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            sealed class StreamedFileDataRequest : IDisposable
            {
                public Stream AsStreamForWrite() => Stream.Null;
                public void FailAndClose(int mode) { }
                public void Dispose() { }
            }
            delegate void StreamedFileDataRequestedHandler(StreamedFileDataRequest request);
            class ZipStorageFile
            {
                StreamedFileDataRequestedHandler DataStreamingHandler(string name)
                {
                    return [|async request =>|]
                    {
                        try
                        {
                            using var zip = File.OpenRead(name);
                            await zip.CopyToAsync(request.AsStreamForWrite());
                            request.Dispose();
                        }
                        catch (IOException)
                        {
                            request.FailAndClose(1);
                        }
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task CatchAllThatDoesNotReportThroughArgument_Reports()
    {
        // ForEach returns before the deletes finish, caught or not: the catch tells nobody through the argument.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class Cleanup
            {
                void M(List<string> paths)
                {
                    paths.ForEach([|async path =>|]
                    {
                        try
                        {
                            await System.IO.File.WriteAllTextAsync(path, "");
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine(ex);
                        }
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeThatNeverAwaits_NoDiagnostic()
    {
        // AddPageAsync never awaits (CS1998): the lambda has finished when the command's Action returns.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class RelayCommand<T>
            {
                public RelayCommand(Action<T?> execute) { }
            }
            class GeneralViewModel
            {
                private readonly List<string> _pages = new();

                public GeneralViewModel()
                {
                    AddPageCommand = new RelayCommand<string>(async (path) => await AddPageAsync(path));
                    SaveCommand = new RelayCommand<string>(async (path) => await SaveAsync(path).ConfigureAwait(false));
                }

                public RelayCommand<string> AddPageCommand { get; }
                public RelayCommand<string> SaveCommand { get; }

                private async Task AddPageAsync(string? path = null)
                {
                    if (string.IsNullOrWhiteSpace(path))
                        return;

                    _pages.Add(path);
                }

                private Task SaveAsync(string? path)
                {
                    _pages.Remove(path!);
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeThatAwaitsIo_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class RelayCommand<T>
            {
                public RelayCommand(Action<T?> execute) { }
            }
            class GeneralViewModel
            {
                public GeneralViewModel() => AddPageCommand = new RelayCommand<string>([|async (path) =>|] await AddPageAsync(path));

                public RelayCommand<string> AddPageCommand { get; }

                private async Task AddPageAsync(string? path)
                {
                    if (string.IsNullOrWhiteSpace(path))
                        return;

                    await System.IO.File.AppendAllTextAsync("pages.txt", path);
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeThatNeverAwaitsThenIo_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                private async Task ValidateAsync(string path)
                {
                    if (path.Length == 0)
                        throw new ArgumentException("empty", nameof(path));
                }

                Action<string> Create() => [|async path =>|]
                {
                    await ValidateAsync(path);
                    await System.IO.File.WriteAllTextAsync(path, "");
                };
            }
            """);
    }

    [Fact]
    public async Task ListForEachOfRepositoryDelete_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class Application { public Guid Id { get; set; } }
            interface IApplicationRepository
            {
                Task<ICollection<Application>> GetByOrganizationIdAsync(Guid organizationId);
                Task DeleteAsync(Application application);
            }
            class DropApplicationsCommand
            {
                private readonly IApplicationRepository _repository;

                public DropApplicationsCommand(IApplicationRepository repository) => _repository = repository;

                public async Task DropAsync(Guid organizationId, IReadOnlyCollection<Guid> ids)
                {
                    var data = await _repository.GetByOrganizationIdAsync(organizationId);
                    data.Where(a => ids.Contains(a.Id)).ToList().ForEach([|async a =>|]
                    {
                        await _repository.DeleteAsync(a);
                    });
                }
            }
            """);
    }

    private const string CommandTypes = """
        public sealed class RelayCommand
        {
            private readonly System.Action _execute;
            public RelayCommand(System.Action execute) => _execute = execute;
            public void Execute() => _execute();
        }
        """;

    /// <summary>A connection manager that re-evaluates its peers on every tick of an event bus; <paramref name="reevaluate"/> is the re-evaluation.</summary>
    private static string EventBusSubscription(string reevaluate) => """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Tick { }

        public interface IEventBus { IDisposable Subscribe<T>(Action<T> handler); }

        class ConnectionManager
        {
            private readonly IEventBus _eventBus;

            public ConnectionManager(IEventBus eventBus) => _eventBus = eventBus;

            public void Start(CancellationToken cancellationToken)
            {
                _eventBus.Subscribe<Tick>({|#0:async _ =>|}
                {
                    await ReevaluateConnectionsAsync(cancellationToken).ConfigureAwait(false);
                });
            }

            private async Task ReevaluateConnectionsAsync(CancellationToken cancellationToken)
            {
                REEVALUATE
            }
        }
        """.Replace("REEVALUATE", reevaluate);

    [Fact]
    public async Task CoveredLambdaSubscribedToEventBus_NoDiagnostic()
    {
        // The bus keeps the handler and runs it on each tick; the re-evaluation catches and logs everything.
        await VerifyCS.VerifyAnalyzerAsync(EventBusSubscription("""
            try { await System.IO.File.AppendAllTextAsync("peers.log", "tick", cancellationToken); }
                    catch (Exception e) { Console.Error.WriteLine(e); }
            """));
    }

    [Fact]
    public async Task UncoveredLambdaSubscribedToEventBus_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            EventBusSubscription("""await System.IO.File.AppendAllTextAsync("peers.log", "tick", cancellationToken);"""),
            VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "Action<Tick>"));
    }

    // A daemon (real code) applies option changes as they come: the listener waits for its lock, then does everything inside a
    // catch-all that logs.
    private const string OptionsListener = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        interface IOptionsMonitor<T> { IDisposable? OnChange(Action<T, string?> listener); }
        class Options { public string Name = ""; }

        class Application
        {
            private readonly SemaphoreSlim _syncRoot = new(1, 1);

            public Application(IOptionsMonitor<Options> monitor)
            {
                monitor.OnChange({|#0:async (options, _) =>|} await OnOptionsChangedAsync(options));
            }

            private async Task OnOptionsChangedAsync(Options options)
            {
                await _syncRoot.WaitAsync();
                try
                {
                    await System.IO.File.WriteAllTextAsync("options.json", options.Name);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                }
                finally
                {
                    _syncRoot.Release();
                }
            }
        }
        """;

    [Fact]
    public async Task CoveredOptionsChangeListener_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(OptionsListener.Replace("{|#0:", "").Replace("=>|}", "=>"));
    }

    [Fact]
    public async Task UncoveredOptionsChangeListener_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(OptionsListener.Replace("catch (Exception ex)", "catch (UnauthorizedAccessException ex)"),
            VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "Action<Options, string?>"));
    }

    [Fact]
    public async Task CoveredCommandLambda_NoDiagnostic()
    {
        // The command keeps the delegate; its invoker (a button) never waits, and the catch-all sees every exception.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class DriveViewModel
            {
                public RelayCommand FormatCommand { get; }
                public DriveViewModel(string drivePath)
                {
                    FormatCommand = new RelayCommand(async () =>
                    {
                        try
                        {
                            await System.IO.File.WriteAllTextAsync(drivePath + "format.log", "");
                        }
                        catch (Exception)
                        {
                        }
                    });
                }
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task CoveredCommandLambdaWithPrologue_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class ExportViewModel
            {
                public bool IsBusy { get; set; }
                public RelayCommand Export => new RelayCommand(async () =>
                {
                    IsBusy = true;
                    try
                    {
                        await System.IO.File.WriteAllTextAsync("export.csv", "a,b");
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                    finally
                    {
                        IsBusy = false;
                    }
                });
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task CoveredCallbackProperty_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Button
            {
                public Action? Clicked { get; set; }
            }
            class Toolbar
            {
                Button Save(string path) => new Button
                {
                    Clicked = async () =>
                    {
                        try { await System.IO.File.WriteAllTextAsync(path, "saved"); }
                        catch (Exception ex) { Console.Error.WriteLine(ex.Message); }
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task CoveredTimerCallbackField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            class Heartbeat
            {
                private TimerCallback _tick;
                public Heartbeat(Uri endpoint)
                {
                    _tick = async _ =>
                    {
                        try
                        {
                            using var client = new System.Net.Http.HttpClient();
                            await client.GetAsync(endpoint);
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine(ex);
                        }
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task CoveredByCalleeThatCatchesEverything_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class SettingsViewModel
            {
                public RelayCommand Reload => new RelayCommand(async () => await ReloadSafelyAsync());

                private async Task ReloadSafelyAsync()
                {
                    try
                    {
                        await System.IO.File.ReadAllTextAsync("settings.json");
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task UncoveredCommandLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class DriveViewModel
            {
                public RelayCommand FormatCommand { get; }
                public DriveViewModel(string drivePath)
                {
                    FormatCommand = new RelayCommand([|async () =>|]
                    {
                        await System.IO.File.WriteAllTextAsync(drivePath + "format.log", "");
                    });
                }
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task CommandLambdaCatchThatRethrows_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class DriveViewModel
            {
                public RelayCommand FormatCommand => new RelayCommand([|async () =>|]
                {
                    try
                    {
                        await System.IO.File.WriteAllTextAsync("format.log", "");
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                        throw;
                    }
                });
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task CommandLambdaWithWorkAfterTheTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class DriveViewModel
            {
                public RelayCommand FormatCommand => new RelayCommand([|async () =>|]
                {
                    try
                    {
                        await System.IO.File.WriteAllTextAsync("format.log", "");
                    }
                    catch (Exception)
                    {
                    }
                    await System.IO.File.WriteAllTextAsync("done.log", "");
                });
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task CoveredLambdaToActionParameter_Reports()
    {
        // Retry runs the delegate during the call and returns before the write ends: caught or not, the caller goes on too early.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                static void Retry(Action action) => action();
                void M() => Retry([|async () =>|]
                {
                    try { await System.IO.File.WriteAllTextAsync("a.txt", ""); }
                    catch (Exception) { }
                });
            }
            """);
    }

    [Fact]
    public async Task CoveredLambdaToActionLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    Action save = [|async () =>|]
                    {
                        try { await System.IO.File.WriteAllTextAsync("a.txt", ""); }
                        catch (Exception) { }
                    };
                    save();
                    Console.WriteLine(System.IO.File.ReadAllText("a.txt"));
                }
            }
            """);
    }

    [Fact]
    public async Task CoveredLambdaQueuedToDispatcher_NoDiagnostic()
    {
        // TryEnqueue only queues the callback; it runs later on the UI thread, and its body catches everything.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class UiQueue
            {
                public bool TryEnqueue(Action callback) => true;
            }

            class AdminPrompt
            {
                readonly UiQueue _queue = new();

                public void OnActivated()
                {
                    _queue.TryEnqueue(async () =>
                    {
                        try { await System.IO.File.WriteAllTextAsync("admin.flag", "1"); }
                        catch (Exception) { }
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task KeptLambdaWithInMemoryWorkAfterAwait_NoDiagnostic()
    {
        // The queued callback awaits a helper that only formats in-memory values and then sets view-model state: nothing fails in
        // practice, though no catch-all proves it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class UiQueue
            {
                public bool TryEnqueue(Action callback) => true;
            }

            class PropertiesPage
            {
                readonly UiQueue _queue = new();
                public string? Icon { get; private set; }
                public bool IsLoading { get; private set; }

                readonly System.Collections.Generic.List<string> _tags = new();

                public void OnNavigated(string path)
                {
                    IsLoading = true;
                    _queue.TryEnqueue(async () =>
                    {
                        Icon = await DescribeAsync(path);
                        _tags.Sort();
                        IsLoading = false;
                    });
                }

                async Task<string> DescribeAsync(string path)
                {
                    await Task.Yield();
                    return path.Trim() + " (" + string.Join(", ", _tags) + ")";
                }
            }
            """);
    }

    [Fact]
    public async Task KeptLambdaThatOpensAFileBeforeItsAwait_Reports()
    {
        // The picked image is read before the first await: a locked or corrupt file throws out of the command's lambda.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class PropertiesViewModel
            {
                public RelayCommand EditCoverCommand { get; }
                public byte[]? Cover { get; private set; }
                public string? Icon { get; private set; }

                public PropertiesViewModel(Func<string?> pickFile)
                {
                    EditCoverCommand = new RelayCommand([|async () =>|]
                    {
                        var path = pickFile();
                        if (path is not null)
                        {
                            Cover = System.IO.File.ReadAllBytes(path);
                            Icon = await DescribeAsync(path);
                        }
                    });
                }

                static async Task<string> DescribeAsync(string path)
                {
                    await Task.Yield();
                    return path.Trim();
                }
            }
            """ + CommandTypes);
    }

    [Fact]
    public async Task KeptLambdaThatWritesAFileAfterAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class UiQueue
            {
                public bool TryEnqueue(Action callback) => true;
            }

            class PropertiesPage
            {
                readonly UiQueue _queue = new();
                public string? Icon { get; private set; }

                public void OnNavigated(string path)
                {
                    _queue.TryEnqueue([|async () =>|]
                    {
                        Icon = await LoadIconAsync(path);
                        System.IO.File.WriteAllText(path + ".seen", Icon);
                    });
                }

                static async Task<string?> LoadIconAsync(string path)
                {
                    try { return await System.IO.File.ReadAllTextAsync(path + ".icon"); }
                    catch (Exception) { return null; }
                }
            }
            """);
    }

    [Fact]
    public async Task UncoveredLambdaQueuedToDispatcher_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class UiQueue
            {
                public bool TryEnqueue(Action callback) => true;
            }

            class AdminPrompt
            {
                readonly UiQueue _queue = new();

                public void OnActivated()
                {
                    _queue.TryEnqueue({|#0:async () =>|}
                    {
                        await System.IO.File.WriteAllTextAsync("admin.flag", "1");
                    });
                }
            }
            """, VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "Action"));
    }

    private const string ShareTypes = """

        sealed class ShareDeferral
        {
            public void Complete() { }
        }

        sealed class ShareRequest
        {
            private readonly ShareDeferral _deferral = new();
            public ShareDeferral GetDeferral() => _deferral;
            public void SetText(string text) { }
        }

        sealed class SuspendingArgs
        {
            public ShareRequest Operation { get; } = new();
        }

        delegate void ShareRequestedHandler(ShareRequest request);
        delegate void SuspendingCallback(SuspendingArgs args);

        sealed class ShareSource
        {
            public void OnRequested(ShareRequestedHandler handler) { }
            public void OnSuspending(SuspendingCallback callback) { }
        }
        """;

    [Fact]
    public async Task DeferralCompletedInFinallyWithCatchAll_NoDiagnostic()
    {
        // The source waits on the deferral, which the finally completes on every path; the catch-all lets nothing out.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class NotesPage
            {
                void Attach(ShareSource source, string notesPath)
                {
                    source.OnRequested(async request =>
                    {
                        var deferral = request.GetDeferral();
                        try
                        {
                            var notes = await System.IO.File.ReadAllTextAsync(notesPath);
                            request.SetText(notes);
                        }
                        catch (Exception ex)
                        {
                            Console.Error.WriteLine(ex.Message);
                        }
                        finally
                        {
                            deferral.Complete();
                        }
                    });
                }
            }
            """ + ShareTypes);
    }

    [Fact]
    public async Task DeferralFromArgumentMemberCompletedLast_NoDiagnostic()
    {
        // Taken from a member of the argument, completed as the last statement after a covered try (no return skips it).
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class SessionStore
            {
                void Attach(ShareSource source)
                {
                    source.OnSuspending(async args =>
                    {
                        var deferral = args.Operation.GetDeferral();
                        try
                        {
                            await System.IO.File.WriteAllTextAsync("session.json", "{}");
                        }
                        catch
                        {
                        }
                        deferral.Complete();
                    });
                }
            }
            """ + ShareTypes);
    }

    [Fact]
    public async Task DeferralWithoutCatchAll_Reports()
    {
        // The source waits for the deferral, but a failed read still escapes the lambda.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class NotesPage
            {
                void Attach(ShareSource source, string notesPath)
                {
                    source.OnRequested({|#0:async request =>|}
                    {
                        var deferral = request.GetDeferral();
                        try
                        {
                            request.SetText(await System.IO.File.ReadAllTextAsync(notesPath));
                        }
                        finally
                        {
                            deferral.Complete();
                        }
                    });
                }
            }
            """ + ShareTypes, VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "ShareRequestedHandler"));
    }

    [Fact]
    public async Task DeferralTakenAfterFirstAwait_Reports()
    {
        // The source got control back at the delay, before any deferral existed, and went on without the text.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class NotesPage
            {
                void Attach(ShareSource source, string notesPath)
                {
                    source.OnRequested({|#0:async request =>|}
                    {
                        await Task.Delay(50);
                        var deferral = request.GetDeferral();
                        try
                        {
                            request.SetText(await System.IO.File.ReadAllTextAsync(notesPath));
                        }
                        catch (Exception)
                        {
                        }
                        finally
                        {
                            deferral.Complete();
                        }
                    });
                }
            }
            """ + ShareTypes, VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "ShareRequestedHandler"));
    }

    [Fact]
    public async Task DeferralCompletedBeforeLaterAwait_Reports()
    {
        // Completed before the second write: the source goes on while it runs.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class SessionStore
            {
                void Attach(ShareSource source)
                {
                    source.OnSuspending({|#0:async args =>|}
                    {
                        var deferral = args.Operation.GetDeferral();
                        try
                        {
                            await System.IO.File.WriteAllTextAsync("session.json", "{}");
                        }
                        catch
                        {
                        }
                        deferral.Complete();
                        try
                        {
                            await System.IO.File.WriteAllTextAsync("session.bak", "{}");
                        }
                        catch
                        {
                        }
                    });
                }
            }
            """ + ShareTypes, VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "SuspendingCallback"));
    }

    [Fact]
    public async Task QueuedLambdaAwaitingCalleeThatCannotFault_NoDiagnostic()
    {
        // Queued to the dispatcher, and its only await is of a method whose whole body is under a catch-all.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class UiQueue
            {
                public bool TryEnqueue(Action callback) => true;
            }

            class WelcomePage
            {
                readonly UiQueue _queue = new();

                public void OnLoaded() => _queue.TryEnqueue(async () => await ShowTipAsync());

                private async Task ShowTipAsync()
                {
                    try
                    {
                        var tip = await System.IO.File.ReadAllTextAsync("tip.txt");
                        Console.WriteLine(tip);
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task QueuedLambdaAwaitingCalleeThatFaultsAfterCoveredAwait_Reports()
    {
        // The file read is covered inside the callee, but the preference file written after it is not: its exception faults the
        // callee's task, which the queued lambda rethrows on the dispatcher.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class UiQueue
            {
                public bool TryEnqueue(Action callback) => true;
            }

            interface IPreferences
            {
                bool ShowTips { get; set; }
            }

            class WelcomePage
            {
                readonly UiQueue _queue = new();
                public IPreferences Preferences { get; set; } = null!;

                public void OnLoaded() => _queue.TryEnqueue({|#0:async () =>|} await AskAboutTipsAsync());

                private async Task AskAboutTipsAsync()
                {
                    var answer = await TryReadAnswerAsync();
                    if (answer == "never")
                        System.IO.File.WriteAllText("tips.flag", "0");
                }

                private static async Task<string> TryReadAnswerAsync()
                {
                    try
                    {
                        return await System.IO.File.ReadAllTextAsync("answer.txt");
                    }
                    catch
                    {
                        return "";
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC203").WithLocation(0).WithArguments("lambda", "Action"));
    }
}
