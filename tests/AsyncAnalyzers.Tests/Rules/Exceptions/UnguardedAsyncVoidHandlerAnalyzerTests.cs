using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Exceptions.UnguardedAsyncVoidHandlerAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Exceptions;

public class UnguardedAsyncVoidHandlerAnalyzerTests
{
    private const string Stubs = """

        class Button
        {
            public event EventHandler Click;
            public event Action Changed;
        }

        static class Api
        {
            public static Task LoadAsync() => System.IO.File.ReadAllTextAsync("data.txt");
            public static async Task<T> GetAsync<T>() { await System.IO.File.ReadAllTextAsync("data.txt"); return default(T); }
            public static ValueTask SaveAsync() => new ValueTask(System.IO.File.WriteAllTextAsync("state.txt", ""));
            public static async IAsyncEnumerable<int> StreamAsync() { yield return (await System.IO.File.ReadAllTextAsync("data.txt")).Length; }
            public static void Log(Exception ex) { }
        }
        """;

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        """;

    [Fact]
    public async Task EventHandlerMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void {|#0:OnClick|}(object sender, EventArgs e)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnClick", "'System.IO.File.ReadAllTextAsync(\"data.txt\")' in 'Api.LoadAsync'"));
    }

    [Fact]
    public async Task EventHandlerWithDerivedEventArgs_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ClosingEventArgs : EventArgs { }

            class Form
            {
                async void [|OnClosing|](object sender, ClosingEventArgs e)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task EventHandlerExpressionBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e) => await Api.LoadAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task OverrideOfVoidMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            abstract class Page
            {
                protected abstract void OnAppearing();
            }

            class Home : Page
            {
                protected override async void [|OnAppearing|]()
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task InterfaceImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface ICommand
            {
                void Execute(object parameter);
            }

            class RefreshCommand : ICommand
            {
                public async void [|Execute|](object parameter)
                {
                    var count = await Api.GetAsync<int>();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ExplicitInterfaceImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface ICommand
            {
                void Execute(object parameter);
            }

            class RefreshCommand : ICommand
            {
                async void ICommand.[|Execute|](object parameter) => await Api.SaveAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task PartialMethodHook_Reports()
    {
        // A generator's `partial void OnXChanged(...)` hook fixes the signature, so the handler must guard itself.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            partial class ViewModel
            {
                partial void OnNameChanged(string value);
            }

            partial class ViewModel
            {
                async partial void [|OnNameChanged|](string value) => await Api.SaveAsync();
            }
            """ + Stubs);
    }

    // A VPN watchdog (real code: a daemon) polls its client on a timer; the check's "never occurs" guard of its own set-up is a bug
    // of the constructor, not a way the poll fails, and the poll itself is covered.
    private const string VpnWatchdog = """
        using System.Threading;

        interface IVpnClient { Task<bool> IsConnectedAsync(); }

        class VpnService
        {
            private readonly SemaphoreSlim _syncRoot = new(1, 1);
            private readonly System.Timers.Timer _timer = new(5000);

            public VpnService(IVpnClient? client)
            {
                Client = client;
                _timer.Elapsed += {|#0:async|} (_, _) => await CheckConnection();
            }

            public bool Connected { get; private set; }

            private IVpnClient? Client CLIENT

            private async Task CheckConnection()
            {
                if (Client is null)
                {
                    throw new InvalidOperationException("VPN client not properly initialized");
                }

                await _syncRoot.WaitAsync();
                try
                {
                    Connected = await Client.IsConnectedAsync();
                }
                catch (Exception)
                {
                    Connected = false;
                }
                finally
                {
                    _syncRoot.Release();
                }
            }
        }
        """;

    [Fact]
    public async Task HandlerGuardingUnsetAutoProperty_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + VpnWatchdog.Replace("{|#0:async|}", "async").Replace("CLIENT", "{ get; }"));
    }

    [Fact]
    public async Task HandlerGuardingComputedProperty_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + VpnWatchdog.Replace("CLIENT", "{ get => _clients.Count > 0 ? _clients[0] : null; set => _clients.Add(value!); }\n    private readonly List<IVpnClient> _clients = new();"),
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("async lambda", "'throw new InvalidOperationException(\"VPN client not properly …' in 'VpnService.CheckConnection'"));
    }

    // A chat client (real code) rejoins its rooms at login: the joins start together and their failures are caught where they are
    // awaited together.
    private const string RoomRejoin = """
        class Rooms
        {
            public event EventHandler? LoggedIn;
            public string LastError { get; private set; } = "";

            public Rooms() => LoggedIn += OnLoggedIn;

            private async void {|#0:OnLoggedIn|}(object? sender, EventArgs e)
            {
                await TryJoinAsync("general", "help");
            }

            private async Task TryJoinAsync(params string[] roomNames)
            {
                var tasks = new List<Task>();
                foreach (var room in roomNames)
                {
                    tasks.Add(JoinAsync(room));
                }

                try
                {
                    await Task.WhenAll(tasks);
                }
                catch (Exception ex)
                {
                    LastError = ex.Message;
                }
            }

            private async Task JoinAsync(string room) => await File.AppendAllTextAsync("rooms.log", room);
        }
        """;

    [Fact]
    public async Task HandlerAwaitingJoinsCollectedAndAwaitedUnderCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + RoomRejoin.Replace("{|#0:OnLoggedIn|}", "OnLoggedIn"));
    }

    [Fact]
    public async Task HandlerAwaitingJoinsCollectedAndAwaitedUncovered_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + RoomRejoin.Replace("catch (Exception ex)", "catch (IOException ex)"),
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnLoggedIn", "'File.AppendAllTextAsync(\"rooms.log\", room)' in 'Rooms.JoinAsync'"));
    }

    [Fact]
    public async Task LambdaSubscribedWithPlusEquals_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += {|#0:async|} (s, e) => await Api.LoadAsync();
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("async lambda", "'System.IO.File.ReadAllTextAsync(\"data.txt\")' in 'Api.LoadAsync'"));
    }

    [Fact]
    public async Task AnonymousMethodSubscribed_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += {|#0:async|} delegate (object s, EventArgs e) { await Api.LoadAsync(); };
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("async anonymous method", "'System.IO.File.ReadAllTextAsync(\"data.txt\")' in 'Api.LoadAsync'"));
    }

    [Fact]
    public async Task LambdaSubscribedToActionEvent_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Changed += [|async|] () =>
                    {
                        await Api.LoadAsync();
                    };
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LambdaAssignedToEventHandlerLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                EventHandler Create() => [|async|] (s, e) => await Api.LoadAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LocalFunctionHandler_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += OnClick;

                    async void [|OnClick|](object sender, EventArgs e)
                    {
                        await Api.LoadAsync();
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchWithFilter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex) when (ex is IOException)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchThatRethrows_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                        throw;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchOfSpecificException_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (IOException ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TryWithOnlyFinally_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                bool busy;

                async void [|OnClick|](object sender, EventArgs e)
                {
                    busy = true;
                    try
                    {
                        await Api.LoadAsync();
                    }
                    finally
                    {
                        busy = false;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task StatementAfterCoveredAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                string text;

                async void [|OnClick|](object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }

                    text = File.ReadAllText("fallback.txt");
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SecondAwaitOutsideTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }

                    await Api.SaveAsync().ConfigureAwait(false);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitForeachOutsideTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                int total;

                async void [|OnClick|](object sender, EventArgs e)
                {
                    await foreach (var item in Api.StreamAsync())
                    {
                        total += item;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitUsingOutsideTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    await using var stream = new FileStream("click.log", FileMode.Append);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitOfFromException_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    await Task.FromException(new InvalidOperationException());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitInBranchWithoutTry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    if (sender is Button)
                    {
                        await Api.LoadAsync();
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task NestedHandlerInsideWrappedHandler_ReportsTheNestedOne()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnLoad(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                        ((Button)sender).Click += [|async|] (s, args) => await Api.SaveAsync();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TopLevelSubscription_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                var button = new Button();
                button.Click += [|async|] (s, e) => await Api.LoadAsync();
                """ + Stubs,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task FullyWrapped_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                        var value = await Api.GetAsync<int>();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task PrologueBeforeTry_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                string status;

                async void OnClick(object sender, EventArgs e)
                {
                    status = "Loading";
                    var button = (Button)sender;
                    try
                    {
                        await Api.LoadAsync();
                        status = "Done";
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task BareCatch_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch
                    {
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchAllAfterSpecificCatch_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (IOException ex) when (ex.HResult == 5)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchAllWithFinally_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                bool busy;

                async void OnClick(object sender, EventArgs e)
                {
                    busy = true;
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                    finally
                    {
                        busy = false;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task NoAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                #pragma warning disable CS1998
                async void OnClick(object sender, EventArgs e)
                {
                    Api.Log(null);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task OnlyAwaitsCompletedTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    await Task.CompletedTask;
                    var value = await Task.FromResult(42);
                    await default(ValueTask);
                    Api.Log(null);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AsyncVoidHelperNotForced_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void Refresh()
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AsyncTaskWithHandlerShape_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async Task OnClickAsync(object sender, EventArgs e)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SynchronousHandler_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void OnClick(object sender, EventArgs e)
                {
                    Api.LoadAsync().Wait();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AsyncLambdaPassedAsAction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Run(Action action) => action();

                void Start()
                {
                    Run(async () => await Api.LoadAsync());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AsyncLambdaToFuncOfTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async Task StartAsync()
                {
                    await Task.Run(async () => await Api.LoadAsync());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AsyncLambdaRemovedWithMinusEquals_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Unwire(Button button)
                {
                    button.Changed -= async () => await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ObjectParameterMethodNotImplementingInterface_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RefreshCommand
            {
                public async void Execute(object parameter)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task NewModifierHidingBaseMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Page
            {
                public void Show() { }
            }

            class Home : Page
            {
                public new async void Show()
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task UsingAroundCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    using (var stream = new MemoryStream())
                    {
                        try
                        {
                            await stream.WriteAsync(new byte[1]);
                        }
                        catch (Exception ex)
                        {
                            Api.Log(ex);
                        }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task GenericEventHandlerWrapped_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Wire(Action<EventHandler<UnhandledExceptionEventArgs>> subscribe)
                {
                    subscribe(async (s, e) =>
                    {
                        try { await Api.LoadAsync(); } catch (Exception ex) { Api.Log(ex); }
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task WrappedLambdaSubscription_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += async (s, e) =>
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Api.Log(ex);
                        }
                    };
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task NestedLambdaAwaitsDoNotCount_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    Func<Task> later = async () => await Api.LoadAsync();
                    try
                    {
                        await later();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LocalFunctionWithoutHandlerShape_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                void Start()
                {
                    Refresh();

                    async void Refresh()
                    {
                        await Api.LoadAsync();
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LoopWithCatchAllInside_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    foreach (var name in new[] { "a", "b" })
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Api.Log(ex);
                        }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CatchAllInsideBranches_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    if (sender is null)
                    {
                        return;
                    }

                    switch (e)
                    {
                        case null:
                            try { await Api.LoadAsync(); } catch (Exception ex) { Api.Log(ex); }
                            break;
                        default:
                            try { await Api.SaveAsync(); } catch { }
                            break;
                    }

                    return;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task InnerTryFinallyInsideCatchAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        try
                        {
                            await Api.LoadAsync().ConfigureAwait(false);
                        }
                        finally
                        {
                            Api.Log(null);
                        }
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task OverrideReturningTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            abstract class Page
            {
                protected abstract Task OnAppearingAsync();
            }

            class Home : Page
            {
                protected override async Task OnAppearingAsync()
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task WrappedTopLevelSubscription_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                var button = new Button();
                button.Click += async (s, e) =>
                {
                    try { await Api.LoadAsync(); } catch (Exception ex) { Api.Log(ex); }
                };
                """ + Stubs,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task HalfTypedHandler_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Form
            {
                async void OnClick(object sender, {|CS0246:Missing|} e)
                {
                    await {|CS0103:Nowhere|}();
                }
            }
            """ + Stubs);
    }

    // Callee summaries: the handler's awaited callees already catch everything (real code: tag and link updaters in a file manager).
    [Fact]
    public async Task AwaitsCalleeThatCatchesEverything_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FileTags
            {
                public async Task UpdateFileTagsAsync(string path)
                {
                    try { await File.WriteAllTextAsync(path + ":tags", "red"); }
                    catch (Exception ex) { Api.Log(ex); }
                }
            }

            class Page
            {
                readonly FileTags _tags = new();
                string _path = "";

                async void OnTagClicked(object sender, EventArgs e)
                {
                    var path = _path;
                    await _tags.UpdateFileTagsAsync(path);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeThenUncoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FileTags
            {
                public async Task UpdateFileTagsAsync(string path)
                {
                    try { await File.WriteAllTextAsync(path + ":tags", "red"); }
                    catch (Exception ex) { Api.Log(ex); }
                }
            }

            class Page
            {
                readonly FileTags _tags = new();

                async void [|OnTagClicked|](object sender, EventArgs e)
                {
                    await _tags.UpdateFileTagsAsync("a.txt");
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeThatLogsAndRethrows_Reports()
    {
        // Logged, but the rethrown exception still reaches the async void handler and crashes the process.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Interop
            {
                public async Task RunCommandAsync(string command)
                {
                    try { await File.AppendAllTextAsync("commands.log", command); }
                    catch (Exception ex) { Api.Log(ex); throw; }
                }
            }

            class Page
            {
                readonly Interop _interop = new();

                async void [|OnRun|](object sender, EventArgs e) => await _interop.RunCommandAsync("ls");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsInterfaceWhoseImplementationsCatchEverything_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IRecentFiles
            {
                Task UpdateRecentFilesListAsync();
            }

            sealed class RecentFiles : IRecentFiles
            {
                public async Task UpdateRecentFilesListAsync()
                {
                    try { await File.ReadAllLinesAsync("recent.txt"); }
                    catch (Exception ex) { Api.Log(ex); }
                }
            }

            class Page
            {
                readonly IRecentFiles _recent = new RecentFiles();

                async void OnActivated(object sender, EventArgs e) => await _recent.UpdateRecentFilesListAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCancelableDelay_Reports()
    {
        // A canceled delay rethrows OperationCanceledException at the await, inside async void.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Page
            {
                readonly System.Threading.CancellationTokenSource _cts = new();

                async void [|OnTyping|](object sender, EventArgs e) => await Task.Delay(300, _cts.Token);
            }
            """ + Stubs);
    }

    private const string DebouncedSearch = """
        class SearchBox
        {
            readonly System.Threading.CancellationTokenSource _cts = new();
            public string Text = "";

            async void OnTyping(object sender, EventArgs e)
            {
                try
                {
                    await Task.Delay(300, _cts.Token);
                }
                catch (TaskCanceledException)
                {
                    return;
                }

                Text = Text.Trim();
            }
        }
        """;

    [Fact]
    public async Task DelayInsideCatchOfTaskCanceledException_NoDiagnostic()
    {
        // A debounce: a canceled Task.Delay throws TaskCanceledException, which the handler catches.
        await VerifyCS.VerifyAnalyzerAsync(Usings + DebouncedSearch);
    }

    [Fact]
    public async Task ReadInsideCatchOfTaskCanceledException_Reports()
    {
        // Another call's cancellation may surface as OperationCanceledException, which that catch does not take.
        await VerifyCS.VerifyAnalyzerAsync(Usings + DebouncedSearch.Replace("async void OnTyping", "async void {|#0:OnTyping|}").Replace(
            "await Task.Delay(300, _cts.Token);", "await File.ReadAllTextAsync(\"query.txt\", _cts.Token);"),
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnTyping", "'File.ReadAllTextAsync(\"query.txt\", _cts.Token)'"));
    }

    [Fact]
    public async Task AwaitsDeepChainOfCoveredCallees_NoDiagnostic()
    {
        // Beyond the summary's depth the answer is Unknown, which never reports.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Chain
            {
                public async Task A() => await B();
                async Task B() => await D();
                async Task D() => await E();
                async Task E()
                {
                    try { await File.ReadAllTextAsync("x"); }
                    catch (Exception ex) { Api.Log(ex); }
                }
            }

            class Page
            {
                readonly Chain _chain = new();

                async void OnClick(object sender, EventArgs e) => await _chain.A();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsHelperWhoseRethrowNeedsAnArgument_NoDiagnostic()
    {
        // A drop handler that runs its work through a helper that swallows everything unless it is given a type to let through.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static async Task<bool> IgnoreExceptions(Func<Task> action, Action<Exception> log = null, Type exceptionToIgnore = null)
                {
                    try
                    {
                        await action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            log?.Invoke(ex);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Sidebar
            {
                async void OnItemDropped(object sender, EventArgs e)
                {
                    await Safety.IgnoreExceptions(async () =>
                    {
                        await Api.LoadAsync();
                    }, Api.Log);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsHelperWithExceptionTypeToLetThrough_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static async Task<bool> IgnoreExceptions(Func<Task> action, Action<Exception> log = null, Type exceptionToIgnore = null)
                {
                    try
                    {
                        await action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            log?.Invoke(ex);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Sidebar
            {
                async void [|OnItemDropped|](object sender, EventArgs e)
                {
                    await Safety.IgnoreExceptions(async () =>
                    {
                        await Api.LoadAsync();
                    }, Api.Log, typeof(IOException));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsWrapperOfSourceThatOnlySucceeds_NoDiagnostic()
    {
        // A shortcut written on an STA thread: the wrapper catches what it throws itself, and the thread's body completes the
        // source with false instead of an exception.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StaWork
            {
                public static Task<bool> Run(Func<bool> work)
                {
                    var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var thread = new System.Threading.Thread(() =>
                    {
                        try
                        {
                            tcs.SetResult(work());
                        }
                        catch (Exception ex)
                        {
                            tcs.SetResult(false);
                            Api.Log(ex);
                        }
                    });
                    thread.SetApartmentState(System.Threading.ApartmentState.STA);
                    thread.Start();
                    return tcs.Task;
                }
            }

            static class Links
            {
                public static Task<bool> CreateLinkAsync(string path, string target)
                {
                    try
                    {
                        ArgumentNullException.ThrowIfNull(target);
                        return StaWork.Run(() =>
                        {
                            File.WriteAllText(path, "[InternetShortcut]\nURL=" + target);
                            return true;
                        });
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }

                    return Task.FromResult(false);
                }
            }

            class Properties
            {
                async void OnTargetChanged(object sender, EventArgs e)
                {
                    await Links.CreateLinkAsync("site.url", "https://example.com");
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsWrapperOfSourceThatOnlySucceedsThenUnsafeWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StaWork
            {
                public static Task<bool> Run(Func<bool> work)
                {
                    var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var thread = new System.Threading.Thread(() =>
                    {
                        try
                        {
                            tcs.SetResult(work());
                        }
                        catch (Exception ex)
                        {
                            tcs.SetResult(false);
                            Api.Log(ex);
                        }
                    });
                    thread.SetApartmentState(System.Threading.ApartmentState.STA);
                    thread.Start();
                    return tcs.Task;
                }
            }

            static class Links
            {
                public static Task<bool> CreateLinkAsync(string path, string target)
                {
                    try
                    {
                        ArgumentNullException.ThrowIfNull(target);
                        return StaWork.Run(() =>
                        {
                            File.WriteAllText(path, "[InternetShortcut]\nURL=" + target);
                            return true;
                        });
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }

                    return Task.FromResult(false);
                }
            }

            class Properties
            {
                async void [|OnTargetChanged|](object sender, EventArgs e)
                {
                    await Links.CreateLinkAsync("site.url", "https://example.com");
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HandlerThatChecksCancellationAfterAwait_Reports()
    {
        // Cancellation escaping async void is rethrown on the context like any exception.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Preview
            {
                private readonly System.Threading.CancellationTokenSource _cts = new();

                async void [|OnSelectionChanged|](object sender, EventArgs e)
                {
                    await Task.Delay(100);
                    _cts.Token.ThrowIfCancellationRequested();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsDispatcherHelperThatLetsMostExceptionsThrough_Reports()
    {
        // A watcher's handler refreshing a widget through a dispatcher helper that ignores only COM errors: the refresh can fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Safety
            {
                public static async Task<bool> IgnoreExceptions(Func<Task> action, Action<Exception> log = null, Type exceptionToIgnore = null)
                {
                    try
                    {
                        await action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            log?.Invoke(ex);
                            return false;
                        }
                        else
                            throw;
                    }
                }
            }

            class Dispatcher
            {
                public Task EnqueueAsync(Func<Task> function) => function();
            }

            static class DispatcherExtensions
            {
                public static Task EnqueueOrInvokeAsync(this Dispatcher dispatcher, Func<Task> function, int priority = 0)
                {
                    return Safety.IgnoreExceptions(async () =>
                    {
                        if (dispatcher is not null)
                        {
                            await dispatcher.EnqueueAsync(function);
                            return;
                        }

                        await function();
                    }, Api.Log, typeof(System.Runtime.InteropServices.COMException));
                }
            }

            class QuickAccessWidget
            {
                private readonly Dispatcher _dispatcher = new();
                private bool _disposed;

                private async void [|OnFolderChanged|](object sender, FileSystemEventArgs e)
                {
                    if (!_disposed)
                        await RefreshAsync();
                }

                public Task RefreshAsync()
                {
                    return _dispatcher.EnqueueOrInvokeAsync(async () =>
                    {
                        var text = await File.ReadAllTextAsync("quick-access.txt");
                        Console.WriteLine(text);
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeReturningUnresolvedDispatchOfUnsafeLambda_Reports()
    {
        // The dispatcher's type is from a missing reference, but the work handed to it is readable and can fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class QuickAccessWidget
            {
                private readonly {|CS0246:DispatcherQueue|} _dispatcher = null;
                private bool _disposed;

                private async void [|OnFolderChanged|](object sender, FileSystemEventArgs e)
                {
                    if (!_disposed)
                        await RefreshAsync();
                }

                public Task RefreshAsync()
                {
                    return _dispatcher.EnqueueOrInvokeAsync(async () =>
                    {
                        var text = await File.ReadAllTextAsync("quick-access.txt");
                        Console.WriteLine(text);
                    });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeReturningUnresolvedDispatchOfUnresolvedWork_NoDiagnostic()
    {
        // Both the dispatcher and the work are from a missing reference: what they throw cannot be known.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class QuickAccessWidget
            {
                private readonly {|CS0246:DispatcherQueue|} _dispatcher = null;

                private async void OnFolderChanged(object sender, FileSystemEventArgs e)
                {
                    await RefreshAsync();
                }

                public Task RefreshAsync()
                {
                    return _dispatcher.EnqueueOrInvokeAsync(x => x.Refresh());
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsSynchronousCalleeThatThrowsFirst_Reports()
    {
        // Not async, returns a completed task, but validates first: the throw reaches the handler at the await.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Links
            {
                public Task<bool> CreateLinkAsync(string path)
                {
                    if (!File.Exists(path))
                    {
                        throw new FileNotFoundException(path);
                    }

                    return Task.FromResult(true);
                }
            }

            class Page
            {
                readonly Links _links = new();

                async void [|OnCreateLink|](object sender, EventArgs e) => await _links.CreateLinkAsync("a.lnk");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsSynchronousCalleeCoveredWhole_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Links
            {
                public Task<bool> CreateLinkAsync(string path)
                {
                    try
                    {
                        File.WriteAllText(path, "[InternetShortcut]");
                        return Task.FromResult(true);
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                        return Task.FromResult(false);
                    }
                }
            }

            class Page
            {
                readonly Links _links = new();

                async void OnCreateLink(object sender, EventArgs e) => await _links.CreateLinkAsync("a.lnk");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HandlerWithUnresolvedCode_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Page
            {
                bool _dropped;

                async void [|OnDrop|](object sender, EventArgs e)
                {
                    var items = await {|CS0103:dataView|}.GetStorageItemsAsync();
                    _dropped = true;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsOwnMethodWithUnresolvedArgument_JudgesTheMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class HistoryMenu
            {
                readonly List<string> _entries = new();

                async void OnOpening(object sender, EventArgs e)
                {
                    await FillAsync({|CS0103:historyFlyout|}.Items, true);
                }

                async Task FillAsync(IList<string> items, bool back)
                {
                    items.Clear();
                    foreach (var entry in _entries)
                    {
                        items.Add(back ? entry : entry.ToUpperInvariant());
                    }

                    await Task.Yield();
                    _entries.Clear();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsOwnMethodWithUnresolvedArgument_ThatReadsAFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class HistoryMenu
            {
                async void [|OnOpening|](object sender, EventArgs e)
                {
                    await FillAsync({|CS0103:historyFlyout|}.Items, true);
                }

                async Task FillAsync(IList<string> items, bool back)
                {
                    await Task.Yield();
                    foreach (var line in await File.ReadAllLinesAsync("history.txt"))
                    {
                        items.Add(line);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SwitchSectionPrologueBeforeAwait_NoDiagnostic()
    {
        // The section's first element is taken before the await, while the event is still being raised; after it only the list changes.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections;
            using System.Linq;

            enum Change { Added, Removed }
            class ChangedEventArgs : EventArgs { public Change Action { get; set; } public IList OldItems { get; set; } = new ArrayList(); public string Path { get; set; } = ""; }

            class ShelfViewModel
            {
                readonly List<string> _items = new();

                async void OnWatcherChanged(object? sender, ChangedEventArgs e)
                {
                    switch (e.Action)
                    {
                        case Change.Removed:
                            var removed = (string)e.OldItems[0];
                            var match = e.OldItems.Cast<string>().First(x => x == removed);
                            await Task.Yield();
                            _items.Remove(match);
                            break;
                        case Change.Added:
                            _items.Clear();
                            break;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SwitchSectionWorkAfterAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections;
            using System.Linq;

            enum Change { Added, Removed }
            class ChangedEventArgs : EventArgs { public Change Action { get; set; } public IList OldItems { get; set; } = new ArrayList(); public string Path { get; set; } = ""; }

            class ShelfViewModel
            {
                readonly List<string> _items = new();

                async void [|OnWatcherChanged|](object? sender, ChangedEventArgs e)
                {
                    switch (e.Action)
                    {
                        case Change.Removed:
                            await Task.Yield();
                            var removed = (string)e.OldItems[0];
                            _items.Remove(removed);
                            break;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task SwitchSectionAfterAnEarlierAwait_Reports()
    {
        // Once the handler has resumed, a later section's first statements run on the resumed context too.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Collections;

            enum Change { Added, Removed }
            class ChangedEventArgs : EventArgs { public Change Action { get; set; } public IList OldItems { get; set; } = new ArrayList(); public string Path { get; set; } = ""; }

            class ShelfViewModel
            {
                string _text = "";

                async void [|OnWatcherChanged|](object? sender, ChangedEventArgs e)
                {
                    await Task.Yield();
                    switch (e.Action)
                    {
                        case Change.Added:
                            _text = File.ReadAllText(e.Path);
                            await Task.Yield();
                            break;
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CastOfCallbackStateAfterAwait_NoDiagnostic()
    {
        // The registration hands the source in as the callback's state: the cast restates what was passed beside it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Threading;

            class DropTarget
            {
                readonly TaskCompletionSource<bool> _ready = new();
                public bool Dropped { get; private set; }

                async void OnDrop(object sender, EventArgs e)
                {
                    await Task.Yield();
                    var canceled = new TaskCompletionSource<bool>();
                    using var registration = CancellationToken.None.Register(s => ((TaskCompletionSource<bool>)s!).TrySetCanceled(), canceled);
                    await await Task.WhenAny(_ready.Task, canceled.Task);
                    Dropped = true;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CastOfCallbackStateOfAnotherTypeAfterAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Threading;

            class DropTarget
            {
                public bool Dropped { get; private set; }

                async void [|OnDrop|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    object state = "not a source";
                    using var registration = CancellationToken.None.Register(s => ((TaskCompletionSource<bool>)s!).TrySetCanceled(), state);
                    Dropped = true;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CastOfApplicationResourceAfterAwait_NoDiagnostic()
    {
        // A style looked up by its key in the application's own resources fails only when the XAML lacks it: a bug, not a failure in practice.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Style { }
            class ResourceDictionary : Dictionary<object, object> { }
            class Application
            {
                public static Application Current { get; } = new();
                public ResourceDictionary Resources { get; } = new();
            }

            class Glyph
            {
                public Style? Style { get; set; }
                public object? Tag { get; set; }

                async void OnLoaded(object sender, EventArgs e)
                {
                    await Task.Yield();
                    Style = (Style)Application.Current.Resources["ThemedIconStyle"];
                    Tag = Application.Current.Resources["GlyphTag"];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HandlerWithUnresolvedCodeAndUncoveredWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Page
            {
                async void [|OnDrop|](object sender, EventArgs e)
                {
                    var items = await {|CS0103:dataView|}.GetStorageItemsAsync();
                    await File.WriteAllTextAsync("dropped.txt", "");
                }
            }
            """ + Stubs);
    }
    [Fact]
    public async Task MethodSubscribedToCustomDelegateEvent_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            struct Color { }
            class ColorPicker
            {
                public event Action<Color>? ColorChanged;
            }
            class ThemePage
            {
                public ThemePage(ColorPicker picker) => picker.ColorChanged += OnColorChanged;

                private async void [|OnColorChanged|](Color color)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task GuardedMethodSubscribedToCustomDelegateEvent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            struct Color { }
            class ColorPicker
            {
                public event Action<Color>? ColorChanged;
            }
            class ThemePage
            {
                public ThemePage(ColorPicker picker) => picker.ColorChanged += OnColorChanged;

                private async void OnColorChanged(Color color)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Api.Log(ex);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task MethodGroupPassedAsTimerCallback_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Poller
            {
                private readonly System.Threading.Timer _timer;

                public Poller() => _timer = new System.Threading.Timer(OnTick, null, 0, 5000);

                private async void [|OnTick|](object? state) => await Api.LoadAsync();
            }
            """ + Stubs);
    }

    [Fact]
    public async Task MethodGroupPassedToCommand_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RelayCommand
            {
                public RelayCommand(Action execute) { }
            }
            class ViewModel
            {
                public ViewModel() => RestartCommand = new RelayCommand(DoRestartAsync);

                public RelayCommand RestartCommand { get; }

                private async void [|DoRestartAsync|]()
                {
                    await Api.SaveAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task MethodGroupAssignedToActionPropertyOfAnotherType_Reports()
    {
        // Its signature is forced by a use in another type, so it is this rule's (not ASYNC202's), and it is unguarded.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Toolbar
            {
                public static Action? RefreshRequested { get; set; }
            }
            class LibraryViewModel
            {
                public async void [|Rescan|]() => await Api.LoadAsync();
            }
            class LibraryPage
            {
                private readonly LibraryViewModel _model = new();

                public void Attach() => Toolbar.RefreshRequested = _model.Rescan;
            }
            """ + Stubs);
    }

    [Fact]
    public async Task GuardedMethodGroupPassedToCommand_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RelayCommand
            {
                public RelayCommand(Action execute) { }
            }
            class ViewModel
            {
                public ViewModel() => ReviewCommand = new RelayCommand(ExecuteReview);

                public RelayCommand ReviewCommand { get; }

                private async void ExecuteReview()
                {
                    try
                    {
                        await Api.SaveAsync();
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LocalFunctionRegisteredOnToken_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Session
            {
                void Start(System.Threading.CancellationToken token)
                {
                    token.Register(OnCanceled);

                    async void [|OnCanceled|]() => await Api.SaveAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task TypedSenderHandler_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ContentDialog { }
            class ContentDialogButtonClickEventArgs { public bool Cancel { get; set; } }
            class CredentialDialog
            {
                private async void [|ContentDialog_PrimaryButtonClick|](ContentDialog sender, ContentDialogButtonClickEventArgs args)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task WinRtObjectArgsHandler_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class StatusBar
            {
                private async void [|ZipEncodingFlyout_Opening|](object _, object e)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task XamlCodeBehindHandler_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FrameworkElement { }
            sealed partial class MainPage
            {
                public MainPage() => InitializeComponent();

                private void InitializeComponent() { }

                private async void [|Root_ActualThemeChanged|](FrameworkElement sender, object args)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task UnresolvedEventArgsHandler_NoDiagnostic()
    {
        // The UI framework's types did not resolve: the rule cannot tell what this is, and does not start reporting on broken code.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            sealed partial class TabBar
            {
                public TabBar() => {|CS0103:InitializeComponent|}();

                private async void TabViewItem_Drop(object sender, {|CS0246:DragEventArgs|} e)
                {
                    await Api.LoadAsync();
                }

                private async void TabView_TabDroppedOutside({|CS0246:TabView|} sender, {|CS0246:TabViewTabDroppedOutsideEventArgs|} args)
                {
                    await Api.LoadAsync();
                }

                private async void Root_Loaded({|CS0246:FrameworkElement|} sender, object args)
                {
                    await Api.LoadAsync();
                }

                private async void TabView_Loaded({|CS0246:TabView|} sender, EventArgs args)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LambdaToTypedSenderCallback_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ContentDialogButtonClickEventArgs { }
            class DynamicDialogViewModel
            {
                public Action<DynamicDialogViewModel, ContentDialogButtonClickEventArgs>? PrimaryButtonAction { get; set; }
            }
            class LibraryManager
            {
                DynamicDialogViewModel Restore() => new()
                {
                    PrimaryButtonAction = [|async|] (vm, e) =>
                    {
                        await Api.LoadAsync();
                        await Api.SaveAsync();
                    },
                };
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LambdaToNamedEventHandlerWithObjectArgs_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            delegate void TypedEventHandler<TSender, TResult>(TSender sender, TResult args);
            class FrameworkElement
            {
                public event TypedEventHandler<FrameworkElement, object>? ActualThemeChanged;
            }
            class Shell
            {
                void Wire(FrameworkElement root)
                {
                    TypedEventHandler<FrameworkElement, object> handler = [|async|] (sender, args) => await Api.LoadAsync();
                    root.ActualThemeChanged += handler;
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task UncoveredWorkIsInMemoryBookkeeping_NoDiagnostic()
    {
        // After a callee that guards its own I/O, the handler only edits an in-memory list and view-model state.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class BreadcrumbBar
            {
                readonly List<string> _segments = new();
                public string Current { get; set; } = "";
                public int Depth { get; private set; }

                async void OnPathChanged(object sender, EventArgs e)
                {
                    var path = await ResolveAsync();
                    _segments.Clear();
                    _segments.AddRange(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
                    Current = string.Join(" > ", _segments);
                    Depth = _segments.Count;
                }

                async Task<string> ResolveAsync()
                {
                    try { return await File.ReadAllTextAsync("current-path.txt"); }
                    catch (Exception ex) { Api.Log(ex); return ""; }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task UncoveredCalleeThrows_Reports()
    {
        // The same shape, but the callee left uncovered throws on purpose.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class BreadcrumbBar
            {
                readonly List<string> _segments = new();

                async void [|OnPathChanged|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    _segments.Add(RequirePath());
                }

                string RequirePath() => _segments.Count > 8 ? throw new InvalidOperationException("too deep") : "/";
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsNativeCallWithReturnCode_NoDiagnostic()
    {
        // A Win32 call reports failure through its return value; Task.Run of it cannot fault in practice.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class NativeMethods
            {
                [System.Runtime.InteropServices.DllImport("shell32.dll")]
                public static extern int SHQueryRecycleBin(string rootPath, out long size);
            }

            class TrashWidget
            {
                public long Size { get; private set; }

                async void OnTrashChanged(object sender, EventArgs e)
                {
                    Size = await Task.Run(() => NativeMethods.SHQueryRecycleBin(null, out var size) == 0 ? size : 0L);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsNativeCallThenReadsAFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class NativeMethods
            {
                [System.Runtime.InteropServices.DllImport("shell32.dll")]
                public static extern int SHQueryRecycleBin(string rootPath, out long size);
            }

            class TrashWidget
            {
                public long Size { get; private set; }
                public string Label { get; private set; } = "";

                async void [|OnTrashChanged|](object sender, EventArgs e)
                {
                    Size = await Task.Run(() => NativeMethods.SHQueryRecycleBin(null, out var size) == 0 ? size : 0L);
                    Label = await File.ReadAllTextAsync("trash-label.txt");
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperRunningInMemoryLambda_NoDiagnostic()
    {
        // The helper runs the delegate it is given; the lambda here only removes an item from a collection.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class UiThread
            {
                public static async Task InvokeAsync(Action action) => await Task.Run(action);
            }

            class ShelfViewModel
            {
                readonly List<string> _items = new();

                async void OnItemDeleted(object sender, FileSystemEventArgs e)
                {
                    await UiThread.InvokeAsync(() => _items.Remove(e.FullPath));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task HelperAwaitingItsDelegateParameter_FollowsTheLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class UiThread
            {
                public static async Task InvokeAsync(Action action) => await Task.Run(action);
            }

            class ShelfViewModel
            {
                readonly List<string> _items = new();

                async void [|OnItemChanged|](object sender, FileSystemEventArgs e)
                {
                    await UiThread.InvokeAsync(() => _items.Add(File.ReadAllText(e.FullPath)));
                }
            }
            """ + Stubs);
    }

    /// <summary>
    /// A credential dialog whose primary button awaits the validator its view model holds; <paramref name="assignment"/> is the one
    /// place in the compilation that gives the validator a value.
    /// </summary>
    private static string CredentialDialog(string assignment) => Usings + """
        interface IArchive { Task<bool> TryOpenAsync(byte[] password); }

        class CredentialViewModel
        {
            public Func<byte[], Task<bool>>? PasswordValidator { get; set; }
            public bool IsWrongPassword { get; set; }
            public byte[]? Accepted { get; set; }
        }

        static class PasswordPrompt
        {
            public static CredentialViewModel ForArchive(IArchive archive, string path, Func<byte[], Task<bool>> validator)
            {
                var viewModel = new CredentialViewModel();
                ASSIGNMENT
                return viewModel;
            }
        }

        class CredentialDialog
        {
            public CredentialViewModel ViewModel { get; } = new();
            public bool IsPrimaryButtonEnabled { get; set; }

            async void {|#0:OnPrimaryButtonClick|}(object sender, EventArgs e)
            {
                var password = new byte[] { 1, 2, 3 };
                if (ViewModel.PasswordValidator is null)
                {
                    ViewModel.Accepted = password;
                    return;
                }

                try
                {
                    IsPrimaryButtonEnabled = false;
                    if (await ViewModel.PasswordValidator(password))
                    {
                        ViewModel.Accepted = password;
                    }
                    else
                    {
                        ViewModel.IsWrongPassword = true;
                    }
                }
                finally
                {
                    IsPrimaryButtonEnabled = true;
                }
            }
        }
        """.Replace("ASSIGNMENT", assignment) + Stubs;

    [Fact]
    public async Task AwaitsDelegatePropertyWhoseOnlyValueCatchesAll_NoDiagnostic()
    {
        // The validator's only value is a lambda whose whole body is a try with a catch-all.
        await VerifyCS.VerifyAnalyzerAsync(CredentialDialog("""
            viewModel.PasswordValidator = async password =>
                    {
                        try { return await archive.TryOpenAsync(password); }
                        catch (Exception) { return false; }
                    };
            """));
    }

    [Fact]
    public async Task AwaitsDelegatePropertyGivenFileRead_Reports()
    {
        // An object initializer elsewhere gives it a lambda that reads a file outside any catch.
        await VerifyCS.VerifyAnalyzerAsync(CredentialDialog("""
            viewModel = new CredentialViewModel { PasswordValidator = async password => (await File.ReadAllBytesAsync(path)).Length == password.Length };
            """), VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnPrimaryButtonClick", "'File.ReadAllBytesAsync(path)' in 'PasswordPrompt.ForArchive'"));
    }

    [Fact]
    public async Task AwaitsDelegatePropertyGivenDelegateFromElsewhere_Reports()
    {
        // A delegate handed in by a caller: what it runs is not known here.
        await VerifyCS.VerifyAnalyzerAsync(CredentialDialog("viewModel.PasswordValidator = validator;"), VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnPrimaryButtonClick", "'ViewModel.PasswordValidator(password)'"));
    }

    [Fact]
    public async Task UncoveredDictionaryReadWithCast_Reports()
    {
        // A property bag read with a cast: a missing key or another type throws.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PinnedItem
            {
                public IDictionary<string, object> Properties { get; } = new Dictionary<string, object>();
                public bool IsPinned { get; private set; }

                async void [|OnPinnedChanged|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    IsPinned = (bool)Properties["System.Home.IsPinned"];
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task InMemorySortAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            record Entry(string Name, long Size);

            class FolderView
            {
                List<Entry> _entries = new();

                async void OnSortChanged(object sender, EventArgs e)
                {
                    _entries = await Task.Run(() => System.Linq.Enumerable.ToList(System.Linq.Enumerable.OrderBy(_entries, x => x.Name, StringComparer.OrdinalIgnoreCase)));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ForeachDowncastAfterAwait_Reports()
    {
        // foreach with a declared element type downcasts every element: one of another type throws. The message names the loop by
        // its header, not its body.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IStorable { string Name { get; } }
            interface IFolder : IStorable { }

            class QuickAccessWidget
            {
                readonly List<IStorable> _pinned = new();
                readonly List<string> _names = new();

                async void {|#0:OnPinnedChanged|}(object sender, EventArgs e)
                {
                    await Task.Yield();
                    foreach (IFolder folder in _pinned)
                    {
                        _names.Add(folder.Name);
                    }
                }
            }
            """ + Stubs, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnPinnedChanged", "'foreach (IFolder folder in _pinned)'"));
    }

    [Fact]
    public async Task ForeachWithoutDowncastAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            interface IStorable { string Name { get; } }

            class QuickAccessWidget
            {
                readonly List<IStorable> _pinned = new();
                readonly List<string> _names = new();

                async void OnPinnedChanged(object sender, EventArgs e)
                {
                    await Task.Yield();
                    foreach (IStorable item in _pinned)
                    {
                        _names.Add(item.Name);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeWithUnresolvedAwait_NoDiagnostic()
    {
        // The callee awaits a dispatcher from a missing reference with a lambda that only sets state: nothing shows a failure.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class SizeWidget
            {
                private readonly {|CS0246:DispatcherQueue|} _dispatcher = null;
                public long Size { get; private set; }

                private async void OnSizeChanged(object sender, EventArgs e) => await ApplyAsync(42);

                private async Task ApplyAsync(long size)
                {
                    await Task.Yield();
                    await _dispatcher.EnqueueOrInvokeAsync(() => { Size = size; });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task PathAndExistenceChecksAfterAwait_NoDiagnostic()
    {
        // Path is string work and Exists answers false rather than throw.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PathBar
            {
                public string Extension { get; private set; } = "";
                public bool Present { get; private set; }

                async void OnPathChanged(object sender, EventArgs e)
                {
                    await Task.Yield();
                    var path = "C:/data/report.txt";
                    Extension = Path.GetExtension(path);
                    Present = File.Exists(path) || Directory.Exists(Path.GetDirectoryName(path));
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ForeachOverUntypedCollectionAfterAwait_NoDiagnostic()
    {
        // e.NewItems is a non-generic IList: naming the element type is how such a list is read.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class CardItem { public string Title { get; set; } = ""; }

            class Widget
            {
                readonly List<string> _titles = new();

                async void OnItemsChanged(object sender, System.Collections.Specialized.NotifyCollectionChangedEventArgs e)
                {
                    await Task.Yield();
                    foreach (CardItem item in e.NewItems!)
                    {
                        _titles.Add(item.Title);
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeThatDiscardsFailingWork_NoDiagnostic()
    {
        // The callee starts the failing load and drops it: its exceptions never reach this handler (ASYNC402 judges the discard).
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FolderView
            {
                public int Version { get; private set; }

                async void OnRefreshRequested(object sender, EventArgs e)
                {
                    await Task.Yield();
                    Refresh();
                }

                void Refresh()
                {
                    Version++;
                    _ = LoadItemsAsync();
                }

                async Task LoadItemsAsync() => await File.ReadAllTextAsync("items.json");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeThatAwaitsFailingWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class FolderView
            {
                public int Version { get; private set; }

                async void [|OnRefreshRequested|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    await RefreshAsync();
                }

                async Task RefreshAsync()
                {
                    Version++;
                    await LoadItemsAsync();
                }

                async Task LoadItemsAsync() => await File.ReadAllTextAsync("items.json");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsUnresolvedDispatcherWithInMemoryLambda_NoDiagnostic()
    {
        // The window's dispatcher comes from a missing reference; what it is handed only sets a theme value.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThemeService
            {
                public string Theme { get; private set; } = "Light";

                async void OnSystemThemeChanged(object sender, EventArgs e)
                {
                    await {|CS0103:MainWindow|}.Instance.DispatcherQueue.EnqueueOrInvokeAsync(() => { Theme = "Dark"; });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsUnresolvedDispatcherWithFailingLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThemeService
            {
                public string Theme { get; private set; } = "Light";

                async void [|OnSystemThemeChanged|](object sender, EventArgs e)
                {
                    await {|CS0103:MainWindow|}.Instance.DispatcherQueue.EnqueueOrInvokeAsync(() => { Theme = File.ReadAllText("theme.txt"); });
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task DependencyPropertyGetterCastAfterAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class DependencyProperty { }
            class StatusBarViewModel { public List<string> Branches { get; } = new(); }

            class StatusBar
            {
                static readonly DependencyProperty ViewModelProperty = new();
                readonly Dictionary<DependencyProperty, object> _values = new();

                object GetValue(DependencyProperty property) => _values.TryGetValue(property, out var value) ? value : null;

                StatusBarViewModel ViewModel => (StatusBarViewModel)GetValue(ViewModelProperty);

                async void OnBranchesFlyoutOpening(object sender, EventArgs e)
                {
                    await Task.Yield();
                    ViewModel.Branches.Clear();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task CastOfSenderBeforeFirstAwait_NoDiagnostic()
    {
        // The casts run before the handler first yields: they throw to whoever raised the event, not after an await.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Order { public List<string> Lines { get; } = new(); }

            class OrderPage
            {
                object _selected;

                async void OnRefreshClick(object sender, EventArgs e)
                {
                    var order = (Order)_selected;
                    var tag = (string)((Button)sender).Tag;
                    await Task.Yield();
                    order.Lines.Clear();
                    order.Lines.Add(tag);
                }
            }

            class Button { public object Tag { get; set; } }
            """);
    }

    [Fact]
    public async Task CastOfObjectFieldAfterAwait_Reports()
    {
        // The same cast once the handler has resumed: a wrong value now throws where nobody catches it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Order { public List<string> Lines { get; } = new(); }

            class OrderPage
            {
                object _selected;

                async void [|OnRefreshClick|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    var order = (Order)_selected;
                    order.Lines.Clear();
                }
            }
            """);
    }

    [Fact]
    public async Task DataContextCastAfterAwait_NoDiagnostic()
    {
        // (ViewModel)DataContext restates how the view is wired; it fails only on a wiring bug.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class CartViewModel { public List<string> Items { get; } = new(); }

            class FrameworkElement { public object DataContext { get; set; } }

            class CartView : FrameworkElement
            {
                CartViewModel ViewModel => (CartViewModel)DataContext;

                async void OnLoaded(object sender, EventArgs e)
                {
                    await Task.Delay(50);
                    ViewModel.Items.Clear();
                }

                async void OnItemClick(object sender, EventArgs e)
                {
                    await Task.Yield();
                    ((CartViewModel)((FrameworkElement)sender).DataContext).Items.Add("x");
                }
            }
            """);
    }

    [Fact]
    public async Task SenderCastAfterAwait_NoDiagnostic()
    {
        // The sender of a handler is the control it was subscribed to.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ToggleButton { public bool IsChecked { get; set; } }

            class Toolbar
            {
                async void OnToggled(object sender, EventArgs e)
                {
                    await Task.Yield();
                    var toggle = (ToggleButton)sender;
                    toggle.IsChecked = !toggle.IsChecked;
                }
            }
            """);
    }

    [Fact]
    public async Task PropertyChangedCallbackNewValueCast_NoDiagnostic()
    {
        // A dependency property's change callback: NewValue holds what the property's registration says.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class DependencyObject { }
            class DependencyPropertyChangedEventArgs { public object NewValue { get; init; } public object OldValue { get; init; } }
            delegate void PropertyChangedCallback(DependencyObject d, DependencyPropertyChangedEventArgs e);
            class PropertyMetadata { public PropertyMetadata(object defaultValue, PropertyChangedCallback changed) { } }

            class Thumbnail : DependencyObject
            {
                public static readonly PropertyMetadata SourceMetadata = new(null, OnSourceChanged);

                public int Size { get; set; }

                static async void OnSourceChanged(DependencyObject d, DependencyPropertyChangedEventArgs e)
                {
                    await Task.Yield();
                    var bytes = (byte[])e.NewValue;
                    ((Thumbnail)d).Size = bytes.Length;
                }
            }
            """);
    }

    [Fact]
    public async Task CastInGeneratedPropertyAfterAwait_NoDiagnostic()
    {
        // A source generator's accessor casts what it stored itself.
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/Toolbar.cs", Usings + """
            partial class Toolbar
            {
                async void OnFocus(object sender, EventArgs e)
                {
                    await Task.Yield();
                    ViewModel.Suggestions.Clear();
                }
            }

            class ToolbarViewModel { public List<string> Suggestions { get; } = new(); }
            """));
        test.TestState.Sources.Add(("/0/Toolbar.g.cs", """
            // <auto-generated/>
            partial class Toolbar
            {
                object _boxed = new ToolbarViewModel();

                public ToolbarViewModel ViewModel
                {
                    get
                    {
                        object boxed = _boxed;
                        return (ToolbarViewModel)boxed;
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task AwaitsCalleeThatCatchesItsOwnCancellation_NoDiagnostic()
    {
        // The only failure the callee's library call has here is cancellation, and the callee handles it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RecentFiles
            {
                readonly System.Threading.SemaphoreSlim _gate = new(1);
                readonly System.Threading.CancellationTokenSource _cts = new();
                readonly List<string> _items = new();

                async Task RefreshAsync()
                {
                    try
                    {
                        await _gate.WaitAsync(_cts.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    try
                    {
                        _items.Clear();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                async void OnChanged(object sender, EventArgs e) => await RefreshAsync();
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeWhoseCancelableWaitNobodyCatches_Reports()
    {
        // Canceled, the wait throws OperationCanceledException into the handler.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RecentFiles
            {
                readonly System.Threading.SemaphoreSlim _gate = new(1);
                readonly System.Threading.CancellationTokenSource _cts = new();
                readonly List<string> _items = new();

                async Task RefreshAsync()
                {
                    await _gate.WaitAsync(_cts.Token);
                    _items.Clear();
                    _gate.Release();
                }

                async void [|OnChanged|](object sender, EventArgs e) => await RefreshAsync();
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeThatWaitsOnForwardedDefaultToken_NoDiagnostic()
    {
        // The lookup forwards its optional token to the gate; the handler passes none, so the wait cannot be canceled, and the
        // lookup itself catches everything.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThumbnailCache
            {
                readonly System.Threading.SemaphoreSlim _gate = new(1);
                readonly Dictionary<string, byte[]> _cache = new();

                public async Task<byte[]> GetAsync(string path, System.Threading.CancellationToken cancellationToken = default)
                {
                    await _gate.WaitAsync(cancellationToken);
                    try
                    {
                        try { return await File.ReadAllBytesAsync(path); }
                        catch (Exception ex) { Api.Log(ex); return Array.Empty<byte>(); }
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }

            class Gallery
            {
                readonly ThumbnailCache _thumbnails = new();
                readonly List<byte[]> _shown = new();

                async void OnItemSelected(object sender, EventArgs e)
                {
                    var image = await _thumbnails.GetAsync("a.png");
                    _shown.Add(image);
                    _shown.Add(await _thumbnails.GetAsync("b.png", System.Threading.CancellationToken.None));
                    await DelayThenShowAsync(default);
                }

                async Task DelayThenShowAsync(System.Threading.CancellationToken token)
                {
                    await Task.Delay(100, token);
                    _shown.Clear();
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task PassesCancelableTokenToCalleeThatForwardsIt_Reports()
    {
        // The same lookup given the page's own token: canceled, the gate's wait throws into the handler.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class ThumbnailCache
            {
                readonly System.Threading.SemaphoreSlim _gate = new(1);

                public async Task<byte[]> GetAsync(string path, System.Threading.CancellationToken cancellationToken = default)
                {
                    await _gate.WaitAsync(cancellationToken);
                    try
                    {
                        try { return await File.ReadAllBytesAsync(path); }
                        catch (Exception ex) { Api.Log(ex); return Array.Empty<byte>(); }
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }

            class Gallery
            {
                readonly ThumbnailCache _thumbnails = new();
                readonly System.Threading.CancellationTokenSource _cts = new();
                readonly List<byte[]> _shown = new();

                async void [|OnItemSelected|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    _shown.Add(await LoadAsync("a.png", _cts.Token));
                }

                Task<byte[]> LoadAsync(string path, System.Threading.CancellationToken token) => _thumbnails.GetAsync(path, token);
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeWaitingForLocalCompletionSourceThatOnlySucceeds_NoDiagnostic()
    {
        // The callee waits for a panel's Shown event through a local source that only ever gets TrySetResult, then moves
        // in-memory state: nothing after the handler's await can fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Panel
            {
                public bool IsShown { get; set; }
                public event EventHandler Shown;
                public int Offset { get; set; }
            }

            class Wizard
            {
                readonly Panel _panel = new();

                public async Task RevealAsync(int offset)
                {
                    if (!_panel.IsShown)
                    {
                        var shown = new TaskCompletionSource<bool>();
                        void OnShown(object s, EventArgs e)
                        {
                            _panel.Shown -= OnShown;
                            shown.TrySetResult(true);
                        }

                        _panel.Shown += OnShown;
                        await shown.Task;
                    }

                    await Task.Delay(200);
                    _panel.Offset = offset;
                }

                async void OnNextClicked(object sender, EventArgs e)
                {
                    await Task.Yield();
                    await RevealAsync(3);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeWaitingForLocalCompletionSourceThatCanFail_Reports()
    {
        // The same wait, but the source is failed when the panel closes first: the handler's await rethrows.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Panel
            {
                public bool IsShown { get; set; }
                public event EventHandler Shown;
                public event EventHandler Closed;
                public int Offset { get; set; }
            }

            class Wizard
            {
                readonly Panel _panel = new();

                public async Task RevealAsync(int offset)
                {
                    if (!_panel.IsShown)
                    {
                        var shown = new TaskCompletionSource<bool>();
                        _panel.Shown += (s, e) => shown.TrySetResult(true);
                        _panel.Closed += (s, e) => shown.TrySetException(new InvalidOperationException("closed"));
                        await shown.Task;
                    }

                    _panel.Offset = offset;
                }

                async void [|OnNextClicked|](object sender, EventArgs e)
                {
                    await Task.Yield();
                    await RevealAsync(3);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsHelperWhoseLambdaRunsInsideOverloadedCatchAllHelper_NoDiagnostic()
    {
        // The title update runs inside the async overload of a three-overload IgnoreExceptions helper that rethrows only a type it is
        // given (none here); a member the lambda uses does not bind (a XAML-generated one): the helper still covers the lambda.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            
            static class Safety
            {
                public static bool IgnoreExceptions(Action action, {|CS0246:ILog|} logger = null, Type exceptionToIgnore = null)
                {
                    try { action(); return true; }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            logger?.Info(ex, ex.Message);
                            return false;
                        }
                        else
                            throw;
                    }
                }

                public static async Task<bool> IgnoreExceptions(Func<Task> action, {|CS0246:ILog|} logger = null, Type exceptionToIgnore = null)
                {
                    try
                    {
                        await action();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            logger?.Info(ex, ex.Message);
                            return false;
                        }
                        else
                            throw;
                    }
                }

                public static T IgnoreExceptions<T>(Func<T> action, {|CS0246:ILog|} logger = null, Type exceptionToIgnore = null)
                {
                    try { return action(); }
                    catch (Exception ex)
                    {
                        if (exceptionToIgnore is null || exceptionToIgnore.IsAssignableFrom(ex.GetType()))
                        {
                            logger?.Info(ex, ex.Message);
                            return default;
                        }
                        else
                            throw;
                    }
                }
            }

            class MainWindow
            {
                public static MainWindow Instance { get; } = new();
            }

            static class Nav
            {
                public static async Task<string> GetInfoAsync(string path)
                {
                    await Task.Yield();
                    return System.Linq.Enumerable.Last(path.Split((char)92, StringSplitOptions.RemoveEmptyEntries));
                }

                public static async Task UpdateAsync(object arg)
                {
                    await Safety.IgnoreExceptions(async () =>
                    {
                        string title = string.Empty;
                        if (arg is string p)
                            title = await GetInfoAsync(p);
                        MainWindow.Instance.{|CS1061:AppWindow|}.Title = title;
                    });
                }
            }

            class Page
            {
                async void OnChanged(object sender, EventArgs e)
                {
                    await Nav.UpdateAsync(e);
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsHelperWhoseLambdaGoesToOwnCallThatDoesNotBind_NoDiagnostic()
    {
        // The title helper hands its work to an own helper in a call that does not bind (an argument too many): which overload runs
        // it, and under what catch, is unknown, so the lambda's file read is no evidence.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Guard
            {
                public static async Task Run(Func<Task> work) { try { await work(); } catch (Exception ex) { Api.Log(ex); } }
                public static async Task Run(Func<ValueTask> work) { try { await work(); } catch (Exception ex) { Api.Log(ex); } }
            }

            static class Titles
            {
                public static string Current { get; private set; }

                public static async Task UpdateAsync(string path)
                {
                    await Guard.{|CS1501:Run|}(async () => Current = await File.ReadAllTextAsync(path), true);
                }
            }

            class Page
            {
                readonly List<string> _recent = new();

                async void OnNavigated(object sender, EventArgs e)
                {
                    await Task.Yield();
                    await Titles.UpdateAsync("title.txt");
                    _recent.RemoveAt(0);
                }
            }
            """ + Stubs);
    }

    private const string WpfStubs = """

        namespace System.Windows.Threading
        {
            public class DispatcherObject { }
            public class DispatcherUnhandledExceptionEventArgs : EventArgs
            {
                public Exception Exception { get; }
                public bool Handled { get; set; }
            }
            public delegate void DispatcherUnhandledExceptionEventHandler(object sender, DispatcherUnhandledExceptionEventArgs e);
        }

        namespace System.Windows
        {
            public class Application : System.Windows.Threading.DispatcherObject
            {
                public static Application Current { get; }
                public event System.Windows.Threading.DispatcherUnhandledExceptionEventHandler DispatcherUnhandledException;
                public void Shutdown(int code) { }
            }
            public class Window : System.Windows.Threading.DispatcherObject { }
        }
        """;

    [Fact]
    public async Task WindowHandlerInAppThatHandlesDispatcherExceptions_NoDiagnostic()
    {
        // The application's dispatcher handler (wired in App.xaml) logs, shows the error and marks it handled: a click handler's
        // exception that resumes on the UI thread reaches it and is observed.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class App : System.Windows.Application
            {
                void App_DispatcherUnhandledException(object sender, System.Windows.Threading.DispatcherUnhandledExceptionEventArgs e)
                {
                    try { Api.Log(e.Exception); }
                    finally { e.Handled = true; }
                }
            }

            class EditorWindow : System.Windows.Window
            {
                async void SaveButton_Click(object sender, EventArgs e)
                {
                    await File.WriteAllTextAsync("project.json", "{}");
                    await Api.LoadAsync();
                }

                public EditorWindow(Button reload) => reload.Click += async (s, e) => await Api.LoadAsync();
            }
            """ + Stubs + WpfStubs);
    }

    private const string CodeFirstUi = """
        namespace System.Windows
        {
            public class RoutedEventArgs : EventArgs { }
            public class KeyEventArgs : RoutedEventArgs { }
        }

        class App : System.Windows.Application
        {
            void App_DispatcherUnhandledException(object sender, System.Windows.Threading.DispatcherUnhandledExceptionEventArgs e)
            {
                Api.Log(e.Exception);
                e.Handled = true;
            }
        }

        class RulesViewModel
        {
            public async void RulesTreeView_KeyDown(object? sender, System.Windows.KeyEventArgs e)
            {
                await File.WriteAllTextAsync("rules.json", "{}");
            }
        }
        """;

    [Fact]
    public async Task ViewModelHandlerOfControlEventWithHandlingHandler_NoDiagnostic()
    {
        // A UI written in code: the view model's key handler takes the framework's routed-event args, so it runs and resumes on the
        // UI thread, where the application's dispatcher handler logs and handles what escapes.
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n" + CodeFirstUi + Stubs + WpfStubs);
    }

    [Fact]
    public async Task ViewModelHandlerOfPlainEventWithHandlingHandler_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + "#nullable enable\n"
            + CodeFirstUi.Replace("public async void RulesTreeView_KeyDown(object? sender, System.Windows.KeyEventArgs e)", "public async void {|#0:RulesTreeView_KeyDown|}(object? sender, EventArgs e)") + Stubs + WpfStubs,
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("RulesTreeView_KeyDown", "'File.WriteAllTextAsync(\"rules.json\", \"{}\")'"));
    }

    private const string FlyoutYield = """
        static class WindowService
        {
            public static async Task ShowDialogAsync(Func<Task> showDialog)
            {
                await YieldForPendingFlyoutDismissAsync();
                await showDialog();
            }

            private static Task YieldForPendingFlyoutDismissAsync() =>
                Avalonia.Threading.Dispatcher.UIThread.InvokeAsync(static () => { }, Avalonia.Threading.DispatcherPriority.Background).GetTask();
        }

        class ConfirmCommand
        {
            public async void {|#0:OnDeleteRequested|}(object? sender, EventArgs e)
            {
                await WindowService.ShowDialogAsync(() => Task.CompletedTask);
            }
        }
        """;

    [Fact]
    public async Task AwaitsHelperReturningTaskOfEmptyDispatcherOperation_NoDiagnostic()
    {
        // The dialog helper first yields to the dispatcher with an empty lambda; GetTask() is the task of that operation.
        await VerifyWithAvaloniaAsync(Usings + "#nullable enable\n" + FlyoutYield.Replace("{|#0:", "").Replace("OnDeleteRequested|}", "OnDeleteRequested") + Stubs);
    }

    [Fact]
    public async Task AwaitsHelperReturningTaskOfDispatcherOperationThatReadsFile_Reports()
    {
        await VerifyWithAvaloniaAsync(Usings + "#nullable enable\n" + FlyoutYield.Replace("static () => { }", "static () => File.ReadAllText(\"flyout.txt\")") + Stubs,
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnDeleteRequested", "'File.ReadAllText(\"flyout.txt\")' in 'WindowService.YieldForPendingFlyoutDismissAsync'"));
    }

    [Fact]
    public async Task WindowHandlerInAppThatHandlesDispatcherExceptionsInLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class App : System.Windows.Application
            {
                public App() => DispatcherUnhandledException += (s, e) =>
                {
                    Api.Log(e.Exception);
                    e.Handled = true;
                };
            }

            class EditorWindow : System.Windows.Window
            {
                async void SaveButton_Click(object sender, EventArgs e) => await File.WriteAllTextAsync("project.json", "{}");
            }
            """ + Stubs + WpfStubs);
    }

    [Fact]
    public async Task WindowHandlerInAppWhoseDispatcherHandlerExits_Reports()
    {
        // The dispatcher handler ends the application: the handler's exception still ends it.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class App : System.Windows.Application
            {
                void App_DispatcherUnhandledException(object sender, System.Windows.Threading.DispatcherUnhandledExceptionEventArgs e)
                {
                    Api.Log(e.Exception);
                    e.Handled = true;
                    Environment.Exit(1);
                }
            }

            class EditorWindow : System.Windows.Window
            {
                async void [|SaveButton_Click|](object sender, EventArgs e) => await File.WriteAllTextAsync("project.json", "{}");
            }
            """ + Stubs + WpfStubs);
    }

    [Fact]
    public async Task WorkerThreadEventHandlerInAppThatHandlesDispatcherExceptions_Reports()
    {
        // A file watcher raises its events on a worker thread, and a view model is no UI element; ConfigureAwait(false) leaves the
        // UI thread: none of these exceptions reaches the dispatcher.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class App : System.Windows.Application
            {
                void App_DispatcherUnhandledException(object sender, System.Windows.Threading.DispatcherUnhandledExceptionEventArgs e)
                {
                    Api.Log(e.Exception);
                    e.Handled = true;
                }
            }

            class EditorWindow : System.Windows.Window
            {
                async void [|OnProjectFileChanged|](object sender, FileSystemEventArgs e) => await File.ReadAllTextAsync(e.FullPath);

                async void [|ExportButton_Click|](object sender, EventArgs e)
                {
                    await File.WriteAllTextAsync("export.json", "{}").ConfigureAwait(false);
                    await Api.LoadAsync();
                }
            }

            class EditorViewModel
            {
                async void [|OnSaveRequested|](object sender, EventArgs e) => await File.WriteAllTextAsync("project.json", "{}");
            }
            """ + Stubs + WpfStubs);
    }

    [Fact]
    public async Task FormHandlerInAppWithThreadExceptionHandler_NoDiagnostic()
    {
        // Windows Forms routes what reaches the UI thread to Application.ThreadException once a handler is attached.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            namespace System.Windows.Forms
            {
                public class Control { }
                public class Form : Control { }
                public static class Application
                {
                    public static event System.Threading.ThreadExceptionEventHandler ThreadException;
                }
            }

            static class Program
            {
                static void Main() => System.Windows.Forms.Application.ThreadException += (s, e) => Api.Log(e.Exception);
            }

            class MainForm : System.Windows.Forms.Form
            {
                async void ExportButton_Click(object sender, EventArgs e) => await File.WriteAllTextAsync("export.csv", "");
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeThatRethrowsCancellation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class RecentFiles
            {
                readonly System.Threading.CancellationTokenSource _cts = new();
                int _count;

                async Task RefreshAsync()
                {
                    try
                    {
                        await Task.Delay(100, _cts.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        _count = 0;
                        throw;
                    }

                    _count++;
                }

                async void [|OnChanged|](object sender, EventArgs e) => await RefreshAsync();
            }
            """);
    }

    [Fact]
    public async Task FileWriteInBranchBeforeItsAwait_NoDiagnostic()
    {
        // The write runs before the first await, inside the branch that holds it: it throws to the event's raiser.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TagsView
            {
                readonly List<string> _tags = new();
                string _selected;

                async void OnRemoveTag(object sender, EventArgs e)
                {
                    if (_selected is not null)
                    {
                        File.WriteAllText("tags.txt", _selected);
                        if (_tags.Count > 0)
                        {
                            await Task.Yield();
                        }
                    }

                    _tags.Remove(_selected);
                }
            }
            """);
    }

    [Fact]
    public async Task FileWriteInBranchAfterItsAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TagsView
            {
                readonly List<string> _tags = new();
                string _selected;

                async void [|OnRemoveTag|](object sender, EventArgs e)
                {
                    if (_selected is not null)
                    {
                        await Task.Yield();
                        File.WriteAllText("tags.txt", _selected);
                    }

                    _tags.Remove(_selected);
                }
            }
            """);
    }

    [Fact]
    public async Task FileWriteAfterBranchThatAwaits_Reports()
    {
        // Once a branch has awaited, what follows the branch may run after the handler resumed.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class TagsView
            {
                string _selected;

                async void [|OnRemoveTag|](object sender, EventArgs e)
                {
                    if (_selected is null)
                    {
                        await Task.Yield();
                    }

                    File.WriteAllText("tags.txt", _selected);
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeThatHandlesSomeOfItsFailures_Reports()
    {
        // Named catches are no catch-all: whether they name every way the call fails in practice is knowledge the code does not
        // state (a reviewed true positive had exactly this shape: a launch helper catching only Win32Exception).
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class AddressBar
            {
                string _text;

                static async Task<string> NormalizeAsync(string path)
                {
                    await Task.Yield();
                    try
                    {
                        return File.ReadAllText(new Uri(path).LocalPath);
                    }
                    catch (Exception ex) when (ex is UriFormatException || ex is FileNotFoundException)
                    {
                        return path;
                    }
                }

                async void [|OnPathChanged|](object sender, EventArgs e) => _text = await NormalizeAsync(_text);
            }
            """);
    }

    [Fact]
    public async Task AwaitsCalleeThatLogsAndRethrowsItsFailure_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class AddressBar
            {
                string _text;

                static async Task<string> NormalizeAsync(string path)
                {
                    await Task.Yield();
                    try
                    {
                        return File.ReadAllText(path);
                    }
                    catch (IOException ex)
                    {
                        Api.Log(ex);
                        throw;
                    }
                }

                async void [|OnPathChanged|](object sender, EventArgs e) => _text = await NormalizeAsync(_text);
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AwaitsCalleeWithIoAfterItsHandledTry_Reports()
    {
        // The handled try covers its own body only: the read after it can still fail.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class AddressBar
            {
                string _text;

                static async Task<string> NormalizeAsync(string path)
                {
                    try
                    {
                        path = Path.GetFullPath(path);
                    }
                    catch (ArgumentException)
                    {
                    }

                    return await File.ReadAllTextAsync(path);
                }

                async void [|OnPathChanged|](object sender, EventArgs e) => _text = await NormalizeAsync(_text);
            }
            """);
    }

    [Fact]
    public async Task AwaitsThenCallsAsyncVoidHelper_NoDiagnostic()
    {
        // The helper is async void: what it throws is raised on the context, not in this handler.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class SearchWindow
            {
                readonly List<string> _results = new();

                async void Hide()
                {
                    await File.WriteAllTextAsync("last-query.txt", string.Join(",", _results));
                }

                async void OnDeactivated(object sender, EventArgs e)
                {
                    await Task.Delay(100);
                    Hide();
                    _results.Clear();
                }
            }
            """);
    }

    private const string OwnLoop = """
        sealed class MainLoop : System.Threading.SynchronizationContext, System.Runtime.CompilerServices.INotifyCompletion
        {
            public MainLoop GetAwaiter() => this;
            public bool IsCompleted => System.Threading.SynchronizationContext.Current == this;
            public void GetResult() { }
            public void OnCompleted(Action continuation) => Post(_ => continuation(), null);
        }
        """;

    [Fact]
    public async Task AwaitsOwnContextSwitchThenOnlyCoveredWork_NoDiagnostic()
    {
        // A torrent engine hops to its own loop first; everything after the hop is inside the catch-all. The hop is the
        // compilation's own awaitable, whose GetResult does nothing: it cannot throw.
        await VerifyCS.VerifyAnalyzerAsync(Usings + OwnLoop + """
            class ListenManager
            {
                internal static readonly MainLoop Loop = new MainLoop();

                async void ConnectionReceived(object sender, EventArgs e)
                {
                    await Loop;
                    try
                    {
                        await File.AppendAllTextAsync("peers.txt", sender.ToString());
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsOwnAwaitableWhoseGetResultThrows_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + OwnLoop.Replace("public void GetResult() { }", "public void GetResult() { if (Stopped) throw new InvalidOperationException(\"the loop has stopped\"); }\n    public static bool Stopped;") + """
            class ListenManager
            {
                internal static readonly MainLoop Loop = new MainLoop();

                async void {|#0:ConnectionReceived|}(object sender, EventArgs e)
                {
                    await Loop;
                    try
                    {
                        await File.AppendAllTextAsync("peers.txt", sender.ToString());
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("ConnectionReceived", "'await Loop'"));
    }

    private const string PeerManager = """
        class TorrentManager
        {
            readonly List<string> _peers = new();
            bool _private = true;

            internal int AddPeers(IEnumerable<string> peers, bool prioritise, bool fromTracker)
            {
                if (_private && !fromTracker)
                    throw new InvalidOperationException("You cannot add external peers to a private torrent");
                var count = 0;
                foreach (var peer in peers)
                {
                    _peers.Add(peer);
                    count++;
                }

                return count;
            }
        }
        """;

    [Fact]
    public async Task AwaitsThenCallsHelperWhoseThrowTheConstantArgumentRulesOut_NoDiagnostic()
    {
        // Peers from the tracker: AddPeers' throw needs fromTracker to be false, and this call passes true.
        await VerifyCS.VerifyAnalyzerAsync(Usings + PeerManager + """
            class Announcer
            {
                readonly TorrentManager _manager = new();

                async void OnAnnounceComplete(object sender, EventArgs e)
                {
                    await Task.Delay(10);
                    _manager.AddPeers(new[] { "peer" }, prioritise: true, fromTracker: true);
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsThenCallsHelperWhoseThrowTheConstantArgumentTakes_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + PeerManager + """
            class Announcer
            {
                readonly TorrentManager _manager = new();

                async void {|#0:OnPeersFound|}(object sender, EventArgs e)
                {
                    await Task.Delay(10);
                    _manager.AddPeers(new[] { "peer" }, prioritise: false, fromTracker: false);
                }
            }
            """, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnPeersFound", "'throw new InvalidOperationException(\"You cannot add external …' in 'TorrentManager.AddPeers'"));
    }

    private const string Notifier = """
        enum Topic { Queue, Remote }

        class Notifier
        {
            readonly List<string> _queue = new();
            bool _registered;

            public Task SendAsync(Topic topic) => SendAsync(topic, _queue);

            async Task SendAsync(Topic topic, List<string> targets)
            {
                await Task.Yield();
                switch (topic)
                {
                    case Topic.Queue:
                        targets.Add("queue");
                        break;
                    case Topic.Remote:
                        if (!_registered)
                            throw new InvalidOperationException("Not registering");
                        targets.Add("remote");
                        break;
                }
            }
        }
        """;

    [Fact]
    public async Task AwaitsForwardingOverloadWhoseSwitchTheConstantDecides_NoDiagnostic()
    {
        // A notifier's forwarding overload: the topic constant selects the in-memory section of the callee's switch.
        await VerifyCS.VerifyAnalyzerAsync(Usings + Notifier + """
            class Socket
            {
                public Socket(Notifier notifier, Action<EventHandler> subscribe)
                {
                    subscribe(async (_, _) => { await notifier.SendAsync(Topic.Queue); });
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsForwardingOverloadWhoseSwitchTheConstantSendsToTheThrow_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + Notifier + """
            class Socket
            {
                public Socket(Notifier notifier, Action<EventHandler> subscribe)
                {
                    subscribe({|#0:async|} (_, _) => { await notifier.SendAsync(Topic.Remote); });
                }
            }
            """, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("async lambda", "'throw new InvalidOperationException(\"Not registering\");' in 'Notifier.SendAsync'"));
    }

    [Fact]
    public async Task AwaitsForwardingOverloadsDownToDatabaseRead_Reports()
    {
        // Two forwarding overloads are one step of the work: the read four calls below them is still in reach.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class Connection
            {
                public string[] GetNotifications() => ReadRows("notifications");

                string[] ReadRows(string table) => System.IO.File.ReadAllLines(table + ".db");
            }

            class NotificationService
            {
                readonly Connection _connection = new();

                public List<string> GetNotifications() => Project(_connection.GetNotifications());

                static List<string> Project(string[] rows) => new(rows);
            }

            class Notifier
            {
                readonly NotificationService _service = new();

                public Task SendAsync(int topic) => SendAsync(topic, "all");

                public Task SendAsync(int topic, string targets) => SendAsync(topic, targets, 0);

                async Task SendAsync(int topic, string targets, int retries)
                {
                    await Task.Yield();
                    Send(topic, targets, _service.GetNotifications());
                }

                static void Send(int topic, string targets, List<string> items) { }
            }

            class Socket
            {
                public Socket(Notifier notifier, Action<EventHandler> subscribe)
                {
                    subscribe({|#0:async|} (_, _) => { await notifier.SendAsync(3); });
                }
            }
            """, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("async lambda", "'System.IO.File.ReadAllLines(table + \".db\")' in 'Connection.ReadRows'"));
    }

    private const string OwnLogging = """
        interface ILogger
        {
            void Debug(string message);
        }

        sealed class TextWriterLogger : ILogger
        {
            readonly TextWriter _writer;

            public TextWriterLogger(TextWriter writer) => _writer = writer;

            public void Debug(string message) => _writer.WriteLine("DEBUG: " + message);
        }
        """;

    [Fact]
    public async Task AwaitsThenLogsThroughOwnLogger_NoDiagnostic()
    {
        // The library's own logging abstraction writes entries to a TextWriter: logging is not the work that fails.
        await VerifyCS.VerifyAnalyzerAsync(Usings + OwnLogging + """
            class ConnectionManager
            {
                readonly ILogger _log = new TextWriterLogger(Console.Out);
                readonly List<string> _pending = new();

                async void OnPeerFound(object sender, EventArgs e)
                {
                    await Task.Delay(10);
                    _pending.Add(sender.ToString() ?? "");
                    _log.Debug("peer queued");
                }
            }
            """);
    }

    [Fact]
    public async Task AwaitsThenWritesThroughOwnWriter_Reports()
    {
        // The same write through a type that is not a logger: a journal the work itself depends on.
        await VerifyCS.VerifyAnalyzerAsync(Usings + OwnLogging.Replace("TextWriterLogger", "TextWriterJournal").Replace("ILogger", "IJournal") + """
            class ConnectionManager
            {
                readonly IJournal _journal = new TextWriterJournal(new StreamWriter("journal.txt"));
                readonly List<string> _pending = new();

                async void {|#0:OnPeerFound|}(object sender, EventArgs e)
                {
                    await Task.Delay(10);
                    _pending.Add(sender.ToString() ?? "");
                    _journal.Debug("peer queued");
                }
            }
            """, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnPeerFound", "'_writer.WriteLine(\"DEBUG: \" + message)' in 'TextWriterJournal.Debug'"));
    }

    [Fact]
    public async Task AwaitsThenCallsTaskReturningHelperWithoutAwait_Reports()
    {
        // A synchronous helper doing the same write throws into the handler.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class SearchWindow
            {
                readonly List<string> _results = new();

                void Hide() => File.WriteAllText("last-query.txt", string.Join(",", _results));

                async void [|OnDeactivated|](object sender, EventArgs e)
                {
                    await Task.Delay(100);
                    Hide();
                    _results.Clear();
                }
            }
            """);
    }

    // Avalonia as a referenced library (a stub compiled on its own, so the analysis reads it as a library, not as source).
    private static readonly System.Lazy<MetadataReference> Avalonia = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("Avalonia.Controls", """
        namespace Avalonia.Controls
        {
            public class Window
            {
                public System.Threading.Tasks.Task ShowDialog(Window owner) => System.Threading.Tasks.Task.CompletedTask;
                public System.Threading.Tasks.Task<TResult> ShowDialog<TResult>(Window owner) => System.Threading.Tasks.Task.FromResult(default(TResult)!);
            }
        }

        namespace Avalonia.Input
        {
            public enum DragDropEffects { None, Copy, Move }
            public static class DragDrop
            {
                public static System.Threading.Tasks.Task<DragDropEffects> DoDragDropAsync(object trigger, object data, DragDropEffects allowed) =>
                    System.Threading.Tasks.Task.FromResult(DragDropEffects.None);
            }
        }

        namespace Avalonia.Animation
        {
            public class Animation
            {
                public System.TimeSpan Duration { get; set; }
                public System.Threading.Tasks.Task RunAsync(Avalonia.Controls.Window control, System.Threading.CancellationToken cancellationToken = default) =>
                    System.Threading.Tasks.Task.CompletedTask;
            }
        }

        namespace Avalonia.Input.Platform
        {
            public interface IClipboard
            {
                System.Threading.Tasks.Task SetTextAsync(string? text);
            }
        }

        namespace Avalonia.Threading
        {
            public enum DispatcherPriority { Background }

            public class DispatcherOperation
            {
                public System.Threading.Tasks.Task GetTask() => System.Threading.Tasks.Task.CompletedTask;
            }

            public class Dispatcher
            {
                public static Dispatcher UIThread { get; } = new();

                public DispatcherOperation InvokeAsync(System.Action action, DispatcherPriority priority) => new();
            }
        }
        """));

    private static async Task VerifyWithAvaloniaAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(Avalonia.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    // A Git client's toolbar (real code: an Avalonia app): the confirmation dialog's task completes when it closes and never faults,
    // and a refused drag ends as DragDropEffects.None.
    [Fact]
    public async Task AwaitsAvaloniaDialogAndDragDrop_NoDiagnostic()
    {
        await VerifyWithAvaloniaAsync(Usings + """
            using Avalonia.Controls;
            using Avalonia.Input;

            class Toolbar : Window
            {
                public event EventHandler? Clicked;
                public bool Confirmed { get; private set; }
                public DragDropEffects LastDrop { get; private set; }

                async void OnDeleteClick(object? sender, EventArgs e)
                {
                    Confirmed = await new Window().ShowDialog<bool>(this);
                }

                async void OnDragStart(object? sender, EventArgs e)
                {
                    LastDrop = await DragDrop.DoDragDropAsync(e, "branch", DragDropEffects.Move);
                }

                void Wire()
                {
                    Clicked += OnDeleteClick;
                    Clicked += OnDragStart;
                }
            }
            """);
    }

    // A launcher's button (real code: an Avalonia app) scales itself when pressed: the animation's task completes when it ends or
    // is canceled; it throws only for a looping animation, a programming error.
    private const string PressedButton = """
        using System.Threading;
        using Avalonia.Animation;
        using Avalonia.Controls;

        class PressButton : Window
        {
            private CancellationTokenSource _cancellation = new();

            protected async void {|#0:OnPointerPressed|}(object? sender, EventArgs e)
            {
                _cancellation.Cancel();
                _cancellation = new CancellationTokenSource();
                var scale = new Animation { Duration = TimeSpan.FromMilliseconds(80) };
                await scale.RunAsync(this, _cancellation.Token);
                AFTER
            }

            public event EventHandler? Pressed;
            public PressButton() { Pressed += OnPointerPressed; }
        }
        """;

    [Fact]
    public async Task AwaitsAvaloniaAnimation_NoDiagnostic()
    {
        await VerifyWithAvaloniaAsync(Usings + PressedButton.Replace("{|#0:OnPointerPressed|}", "OnPointerPressed").Replace("AFTER", ""));
    }

    [Fact]
    public async Task AwaitsAvaloniaAnimationThenWritesFile_Reports()
    {
        await VerifyWithAvaloniaAsync(Usings + PressedButton.Replace("AFTER", "await System.IO.File.AppendAllTextAsync(\"clicks.log\", \"pressed\");"),
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnPointerPressed", "'System.IO.File.AppendAllTextAsync(\"clicks.log\", \"pressed\")'"));
    }

    [Fact]
    public async Task AwaitsAvaloniaClipboardWrite_Reports()
    {
        // Another process can hold the clipboard: the write throws.
        await VerifyWithAvaloniaAsync(Usings + """
            using Avalonia.Input.Platform;

            class CommitView
            {
                public event EventHandler? Clicked;
                private readonly IClipboard _clipboard;
                public CommitView(IClipboard clipboard) { _clipboard = clipboard; Clicked += OnCopySha; }

                async void {|#0:OnCopySha|}(object? sender, EventArgs e)
                {
                    await Task.Yield();
                    await _clipboard.SetTextAsync("abc123");
                }
            }
            """, VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnCopySha", "'_clipboard.SetTextAsync(\"abc123\")'"));
    }

    // A Git command (real code: a Git client's command runner): the start is inside a catch-all; reading the redirected output and
    // waiting for the process only throw on a process never started or not redirected.
    private static string GitCommand(string afterWait) => Usings + """
        using System.Diagnostics;

        class GitCommand
        {
            public List<string> Errors { get; } = new();

            public async Task<bool> ExecAsync()
            {
                using var proc = new Process();
                proc.StartInfo = new ProcessStartInfo("git", "status") { RedirectStandardOutput = true, RedirectStandardError = true };
                proc.ErrorDataReceived += (_, e) => Errors.Add(e.Data ?? "");
                try
                {
                    proc.Start();
                }
                catch (Exception e)
                {
                    Errors.Add(e.Message);
                    return false;
                }

                proc.BeginOutputReadLine();
                proc.BeginErrorReadLine();
                await proc.WaitForExitAsync();
                AFTER_WAIT
                return proc.ExitCode == 0;
            }
        }

        class StatusView
        {
            public event EventHandler? Refreshed;
            public bool Clean { get; private set; }
            public StatusView() { Refreshed += OnRefresh; }

            async void {|#0:OnRefresh|}(object? sender, EventArgs e)
            {
                Clean = await new GitCommand().ExecAsync();
            }
        }
        """.Replace("AFTER_WAIT", afterWait);

    [Fact]
    public async Task AwaitsCommandThatReadsAndWaitsForStartedProcess_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(GitCommand(string.Empty).Replace("{|#0:OnRefresh|}", "OnRefresh"));
    }

    [Fact]
    public async Task AwaitsCommandThatKillsProcess_Reports()
    {
        // The OS can refuse the kill (access denied), or the process can exit first.
        await VerifyCS.VerifyAnalyzerAsync(
            GitCommand("proc.Kill();"),
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnRefresh", "'proc.Kill()' in 'GitCommand.ExecAsync'"));
    }

    // A Git client's staged-file view (real code): the blob id is read from a regex group, which answers an empty group for a
    // number the pattern does not have; a dictionary of the view's own throws for a missing key.
    private static string StagedBlob(string read) => Usings + """
        using System.Text.RegularExpressions;

        class StagedView
        {
            public event EventHandler? Refreshed;
            public string Blob { get; private set; } = "";
            private readonly Dictionary<string, string> _blobs = new();

            public StagedView() { Refreshed += OnRefresh; }

            async void {|#0:OnRefresh|}(object? sender, EventArgs e)
            {
                await Task.Yield();
                var line = "100644 3b18e512dba79e4c8300dd08aeb37f8e728b8dad 0\tREADME.md";
                var match = Regex.Match(line, @"^\d+ ([0-9a-f]{40}) \d+\t(.*)$");
                Blob = READ;
            }
        }
        """.Replace("READ", read);

    [Fact]
    public async Task AwaitsThenReadsRegexGroup_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(StagedBlob("match.Groups[1].Value").Replace("{|#0:OnRefresh|}", "OnRefresh"));
    }

    [Fact]
    public async Task AwaitsThenReadsOwnDictionary_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            StagedBlob("_blobs[match.Groups[2].Value]"),
            VerifyCS.Diagnostic("ASYNC401").WithLocation(0).WithArguments("OnRefresh", "'_blobs[match.Groups[2].Value]'"));
    }
}
