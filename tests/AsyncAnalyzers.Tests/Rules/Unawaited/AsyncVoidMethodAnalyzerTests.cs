using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Unawaited.AsyncVoidMethodAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class AsyncVoidMethodAnalyzerTests
{
    [Fact]
    public async Task PrivateAsyncVoidMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async void {|#0:Refresh|}() => await Task.Delay(1);
            }
            """,
            VerifyCS.Diagnostic("ASYNC202").WithLocation(0).WithArguments("Refresh"));
    }

    private const string ForgetHelper = """
        using System;
        using System.Threading.Tasks;

        public static class TaskExtensions
        {
            public static async void Forget(this Task task, Func<Exception, Task>? onError = null)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    if (onError is null)
                    {
                        return;
                    }

                    try
                    {
                        await onError(ex);
                    }
                    catch { }
                }
            }
        }

        class Agent
        {
            Task SendHeartbeatAsync() => Task.Delay(1);

            void OnTick() => SendHeartbeatAsync().Forget();
        }
        """;

    [Fact]
    public async Task ObservingForgetHelper_NoDiagnostic()
    {
        // The helper exists to be dropped: it awaits the task it is given inside a catch-all, so nothing escapes it, and a Task
        // return would only give its callers a task to drop again.
        await VerifyCS.VerifyAnalyzerAsync(ForgetHelper.Replace("Func<Exception, Task>? onError", "Func<Exception, Task> onError"));
    }

    [Fact]
    public async Task ObservingForgetHelperLocalFunction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Poller
            {
                Task PollAsync() => Task.Delay(1);

                void Start()
                {
                    Forget(PollAsync());

                    static async void Forget(ValueTask<int> work)
                    {
                        try { await work; }
                        catch (Exception ex) { Console.Error.WriteLine(ex); }
                    }
                }
            }
            """.Replace("Forget(PollAsync())", "Forget(new ValueTask<int>(1))"));
    }

    [Fact]
    public async Task ForgetHelperThatRethrows_Reports()
    {
        // A catch that lets the exception go on is no cover: it reaches the caller's context as any async void exception does.
        await VerifyCS.VerifyAnalyzerAsync(
            ForgetHelper.Replace("Func<Exception, Task>? onError", "Func<Exception, Task> onError")
                .Replace("public static async void Forget", "public static async void {|#0:Forget|}")
                .Replace("catch { }", "catch { throw; }"),
            VerifyCS.Diagnostic("ASYNC202").WithLocation(0).WithArguments("Forget"));
    }

    [Fact]
    public async Task GuardedMethodThatAwaitsNoParameter_Reports()
    {
        // A guarded body alone does not make void the method's purpose: its callers still cannot wait for the reload.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Catalog
            {
                Task LoadAsync() => Task.Delay(1);

                public async void {|#0:Reload|}()
                {
                    try { await LoadAsync(); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC202").WithLocation(0).WithArguments("Reload"));
    }

    [Fact]
    public async Task PublicStaticAsyncVoidMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            public static class C
            {
                public static async void [|Start|]()
                {
                    await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                void M()
                {
                    Load();

                    async void [|Load|]() => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidStaticLocalFunctionInAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    Load();
                    await Task.Yield();

                    static async void [|Load|]() { await Task.Delay(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task SenderOnlyParameter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async void [|OnTick|](object sender) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task SecondParameterNotEventArgs_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async void [|Save|](object item, int retries) => await Task.Delay(retries);
            }
            """);
    }

    [Fact]
    public async Task GenericAsyncVoidMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async void [|Process|]<T>(T item) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task VirtualAsyncVoidMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                protected virtual async void [|OnLoaded|]() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task NewModifierHidingBase_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class B { public void Run() { } }
            class C : B
            {
                public new async void [|Run|]() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidInStruct_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            struct S
            {
                public async void [|Run|]() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidInRecordAndNestedType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            record R
            {
                async void [|A|]() => await Task.Delay(1);

                class Inner
                {
                    async void [|B|]() => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task UsedAsActionMethodGroup_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async void [|Refresh|]() => await Task.Delay(1);
                Action Get() => Refresh;
            }
            """);
    }

    [Fact]
    public async Task AssignedToActionPropertyOfAnotherType_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            static class Toolbar
            {
                public static Action? RefreshRequested { get; set; }
            }
            class LibraryViewModel
            {
                public async void Rescan() => await Task.Delay(1);
            }
            class LibraryPage
            {
                private readonly LibraryViewModel _model = new();

                public void Attach() => Toolbar.RefreshRequested = _model.Rescan;
            }
            """);
    }

    [Fact]
    public async Task SubscribedAndPassedInAnotherFile_NoDiagnostic()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            public class Importer
            {
                public async void ImportPending() => await Task.Delay(1);

                internal async void Flush(int batch) => await Task.Delay(batch);
            }
            """);
        test.TestState.Sources.Add("""
            using System;
            class Clock { public event Action? Elapsed; }
            class Host
            {
                void Start(Clock clock, Importer importer)
                {
                    clock.Elapsed += importer.ImportPending;
                    Every(5, new Action<int>(importer.Flush));
                }

                static void Every(int seconds, Action<int> work) { }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task UsedOnlyAsTaskDelegateInAnotherType_Reports()
    {
        // Elsewhere the method is only called, or kept as a local delegate the other type chose; a same-named method of another
        // type subscribed to an event is not this one.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Clock { public event Action? Elapsed; }
            class Importer
            {
                public async void [|ImportPending|]() => await Task.Delay(1);
            }
            class Exporter
            {
                public void ImportPending() { }
            }
            class Host
            {
                void Start(Clock clock, Importer importer, Exporter exporter)
                {
                    importer.ImportPending();
                    Action later = importer.ImportPending;
                    later();
                    clock.Elapsed += exporter.ImportPending;
                    Run(() => Task.Run(importer.ImportPending));
                }

                static void Run(Func<Task> work) { }
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidInPartialTypeAcrossFiles_Reports()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            partial class C
            {
                async void [|Load|]() => await Task.Delay(1);
            }
            """);
        test.TestState.Sources.Add("""
            partial class C
            {
                void Init() => Load();
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task AsyncVoidWithEmptyBody_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class C
            {
                async void [|Fire|]() { }
            }
            """);
    }

    [Fact]
    public async Task AsyncTaskMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task Refresh() => await Task.Delay(1);
                async Task<int> Count() { await Task.Delay(1); return 1; }
                async ValueTask Flush() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task SyncVoidMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            class C
            {
                void Refresh() { }
            }
            """);
    }

    [Fact]
    public async Task EventHandlerShape_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async void OnClick(object sender, EventArgs e) => await Task.Delay(1);
                async void OnChanged(object? sender, EventArgs e) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task EventHandlerShapeDerivedEventArgs_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.ComponentModel;
            using System.Threading.Tasks;
            class C
            {
                async void OnPropertyChanged(object? sender, PropertyChangedEventArgs e) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task EventHandlerShapeArgsNamedEventArgs_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            sealed class RoutedEventArgs { }
            class C
            {
                async void OnLoaded(object sender, RoutedEventArgs e) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task Override_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            abstract class B { protected abstract void OnStart(); }
            class C : B
            {
                protected override async void OnStart() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task InterfaceImplementation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            interface ICommand { void Execute(object? parameter); }
            class C : ICommand
            {
                public async void Execute(object? parameter) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task ExplicitInterfaceImplementation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            interface IStartable { void Start(); }
            class C : IStartable
            {
                async void IStartable.Start() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task SubscribedToActionEvent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action? Changed; }
            class C
            {
                C(Source s) { s.Changed += Reload; }
                async void Reload() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionSubscribedToEvent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action<int>? Changed; }
            class C
            {
                void M(Source s)
                {
                    s.Changed += Reload;

                    async void Reload(int version) => await Task.Delay(version);
                }
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionEventHandlerShape_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                EventHandler M()
                {
                    return OnTick;

                    async void OnTick(object? sender, EventArgs e) => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidLambda_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Action M() => async () => await Task.Delay(1);
                Action N() => async delegate { await Task.Delay(1); };
            }
            """);
    }

    [Fact]
    public async Task AsyncTaskLocalFunction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task M()
                {
                    await Load();

                    static async Task Load() => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                await Load();

                static async Task Load() => await Task.Delay(1);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task GeneratedCode_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            // <auto-generated/>
            using System.Threading.Tasks;
            class C
            {
                async void Refresh() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task AsyncGenericTaskLikeMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async Task<T> Echo<T>(T value) { await Task.Yield(); return value; }
                async ValueTask<int> Count() { await Task.Yield(); return 1; }
            }
            """);
    }

    [Fact]
    public async Task HalfTypedAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class C
            {
                async {|CS0246:Tsk|} {|CS0161:Refresh|}() { await Task.Delay(1); }
            }
            """);
    }

    [Fact]
    public async Task SubscribedThroughDelegateCreationAndThis_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action? Changed; public event Action? Closed; }
            class C
            {
                C(Source s)
                {
                    s.Changed += new Action(Reload);
                    s.Closed += (this.Close);
                }

                async void Reload() => await Task.Delay(1);
                async void Close() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task SubscribedInOtherPartFile_NoDiagnostic()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            partial class C
            {
                async void Load() => await Task.Delay(1);
            }
            """);
        test.TestState.Sources.Add("""
            using System;
            class Source { public event Action? Changed; }
            partial class C
            {
                void Init(Source s) => s.Changed += Load;
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task AddedToDelegateVariable_NoDiagnostic()
    {
        // Conservative: `+=` of the method group reads as a subscription whatever the left side is.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                Action? _onChange;
                void Init() => _onChange += Reload;
                async void Reload() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task SubscribedThroughLambda_Reports()
    {
        // The lambda is the handler, not the method: the method itself could return Task.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action? Changed; }
            class C
            {
                C(Source s) { s.Changed += () => Reload(); }
                async void [|Reload|]() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task OtherMemberSubscribed_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action? Changed; }
            class C
            {
                C(Source s) { s.Changed += Refresh; }
                void Refresh() { }
                async void [|Reload|]() => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionNameSubscribedInOtherMember_Reports()
    {
        // A local function is only in scope in its own member; a same-named method subscribed elsewhere is not it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class Source { public event Action? Changed; }
            class C
            {
                void Reload() { }
                void Subscribe(Source s) => s.Changed += Reload;
                void M()
                {
                    Reload();

                    async void [|Reload|]() => await Task.Delay(1);
                }
            }
            """);
    }

    [Fact]
    public async Task PartialMethodDeclaredElsewhere_NoDiagnostic()
    {
        // The declaring part (often a source generator's hook) fixes the signature; ASYNC401 asks for a guard instead.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            partial class C
            {
                partial void OnLoaded();
                async partial void OnLoaded() => await Task.Delay(1);
            }
            """);
    }

    // Real shapes: signatures forced by a use, a handler shape or XAML markup (issue 11: file manager, SignalR server).
    [Fact]
    public async Task PassedAsTimerCallback_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class Poller
            {
                private readonly Timer _timer;

                public Poller() => _timer = new Timer(OnTick, null, 0, 5000);

                private async void OnTick(object? state) => await System.IO.File.ReadAllTextAsync("queue.txt");
            }
            """);
    }

    [Fact]
    public async Task MethodGroupWithNullForgivingOperatorAsTimerCallback_NoDiagnostic()
    {
        // A game's spawn time-out: the method group is written with `!` to quiet a nullable warning about the callback's state.
        await VerifyCS.VerifyAnalyzerAsync("""
            #nullable enable
            using System.Threading;
            using System.Threading.Tasks;
            class SpawnTracker
            {
                private readonly Timer _timer;

                public SpawnTracker() => _timer = new Timer(RunSpawnTimeout!, null, -1, -1);

                private async void RunSpawnTimeout(object state) => await System.IO.File.AppendAllTextAsync("spawns.log", "timeout");
            }
            """);
    }

    [Fact]
    public async Task RegisteredOnCancellationToken_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class Session
            {
                public void Start(CancellationToken stopping) => stopping.Register(OnStopping);

                private async void OnStopping() => await System.IO.File.WriteAllTextAsync("state.txt", "stopped");
            }
            """);
    }

    [Fact]
    public async Task PassedToCommandConstructor_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class RelayCommand
            {
                public RelayCommand(Action execute) { }
            }
            class RelayCommand<T>
            {
                public RelayCommand(Action<T?> execute) { }
            }
            class MainViewModel
            {
                public MainViewModel()
                {
                    ReviewCommand = new RelayCommand(ExecuteReview);
                    OpenTabCommand = new RelayCommand<string>(this.ExecuteOpenTab);
                }

                public RelayCommand ReviewCommand { get; }
                public RelayCommand<string> OpenTabCommand { get; }

                private async void ExecuteReview() => await System.IO.File.WriteAllTextAsync("review.txt", "");
                private async void ExecuteOpenTab(string? path) => await System.IO.File.ReadAllTextAsync(path!);
            }
            """);
    }

    [Fact]
    public async Task PassedAsActionArgumentOfLibraryCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            record BeatmapUpdates(int[] Ids);
            static class StatusWatcher
            {
                public static Task<IDisposable> StartPollingAsync(Action<BeatmapUpdates> callback, int interval) => Task.FromResult<IDisposable>(null!);
            }
            class Broadcaster
            {
                private readonly IDisposable _poller;

                public Broadcaster() => _poller = StatusWatcher.StartPollingAsync(handleUpdates, 5000).Result;

                private async void handleUpdates(BeatmapUpdates updates) => await System.IO.File.AppendAllTextAsync("log.txt", updates.Ids.Length.ToString());
            }
            """);
    }

    [Fact]
    public async Task CallbackParameterOfOwnMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class ShellViewModel
            {
                public void RefreshItems(string path, Action postLoadCallback) => postLoadCallback();
            }
            class LayoutPage
            {
                private readonly ShellViewModel _shell = new();

                void Navigate(string path) => _shell.RefreshItems(path, SetSelectedItemsOnNavigation);

                public async void SetSelectedItemsOnNavigation() => await System.IO.File.ReadAllTextAsync("selection.txt");
            }
            """);
    }

    [Fact]
    public async Task AssignedToCallbackProperty_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class DialogOptions
            {
                public Action? OnAccepted { get; set; }
                public Action<string>? OnRenamed { get; set; }
            }
            class Page
            {
                DialogOptions Build()
                {
                    var options = new DialogOptions { OnAccepted = Accept };
                    options.OnRenamed = Rename;
                    return options;
                }

                private async void Accept() => await System.IO.File.WriteAllTextAsync("accepted.txt", "");
                private async void Rename(string name) => await System.IO.File.WriteAllTextAsync("name.txt", name);
            }
            """);
    }

    [Fact]
    public async Task DelegateCreationArgument_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            delegate void DragHandler(object sender, int position);
            class Layout
            {
                private DragHandler? _dragOver;

                void Init() => _dragOver = new DragHandler(Item_DragOver);

                private async void Item_DragOver(object sender, int position) => await System.IO.File.ReadAllTextAsync("items.txt");
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionPassedAsCallback_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class C
            {
                void Start(CancellationToken token)
                {
                    token.Register(OnCanceled);

                    async void OnCanceled() => await System.IO.File.WriteAllTextAsync("canceled.txt", "");
                }
            }
            """);
    }

    [Fact]
    public async Task TypedSenderHandler_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class ContentDialog { }
            class ContentDialogButtonClickEventArgs { public bool Cancel { get; set; } }
            class DependencyObject { }
            class DependencyPropertyChangedEventArgs { public object? NewValue { get; } }
            class CredentialDialog
            {
                private async void ContentDialog_PrimaryButtonClick(ContentDialog sender, ContentDialogButtonClickEventArgs args) =>
                    await System.IO.File.WriteAllTextAsync("credentials.txt", "");

                private static async void OnSourceBytesChanged(DependencyObject d, DependencyPropertyChangedEventArgs e) =>
                    await System.IO.File.ReadAllBytesAsync("image.png");
            }
            """);
    }

    [Fact]
    public async Task WinRtObjectArgsHandler_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class StatusBar
            {
                private async void BranchesFlyout_Opening(object _, object e) => await System.IO.File.ReadAllTextAsync("branches.txt");
                private async void HistoryFlyout_Opening(object? sender, object e) => await System.IO.File.ReadAllTextAsync("history.txt");
            }
            """);
    }

    [Fact]
    public async Task UnresolvedEventArgs_NoDiagnostic()
    {
        // The UI framework's argument types did not resolve: the compilation is broken here, and the rule cannot know.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class TabBar
            {
                private async void TabViewItem_DragEnter(object sender, {|CS0246:DragEventArgs|} e) => await Task.Delay(1);
                private async void TabView_TabDroppedOutside({|CS0246:TabView|} sender, {|CS0246:TabViewTabDroppedOutsideEventArgs|} args) => await Task.Delay(1);
                private async void TabView_Loaded({|CS0246:TabView|} sender, System.EventArgs args) => await Task.Delay(1);
            }
            """);
    }

    [Fact]
    public async Task XamlCodeBehindHandler_NoDiagnostic()
    {
        // A partial class calling InitializeComponent is a XAML code-behind: its (sender, args) methods are named in markup.
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add("""
            using System.Threading.Tasks;
            class FrameworkElement { }
            class BreadcrumbBar { }
            class BreadcrumbBarItemClickedArgs { public int Index { get; } }
            sealed partial class NavigationToolbar
            {
                public NavigationToolbar()
                {
                    InitializeComponent();
                }

                private async void Root_ActualThemeChanged(FrameworkElement sender, object args) => await System.IO.File.ReadAllTextAsync("theme.txt");
                private async void BreadcrumbBar_ItemClicked(BreadcrumbBar sender, BreadcrumbBarItemClickedArgs args) => await System.IO.File.ReadAllTextAsync("path.txt");
            }
            """);
        test.TestState.Sources.Add("""
            sealed partial class NavigationToolbar
            {
                private void InitializeComponent() { }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task XamlCodeBehindHelper_Reports()
    {
        // Only the (sender, args) shape can be named in markup; a helper of the code-behind can return Task.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            sealed partial class SettingsPage
            {
                public SettingsPage() => this.InitializeComponent();

                private void InitializeComponent() { }

                private async void [|LoadAsync|](string path, int index) => await System.IO.File.ReadAllTextAsync(path);
                private async void [|Navigate|](int index, object parameter) => await System.IO.File.ReadAllTextAsync("page.txt");
            }
            """);
    }

    [Fact]
    public async Task TypedSenderWithObjectArgsOutsideCodeBehind_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class Order { }
            class Processor
            {
                private async void [|Process|](Order order, object state) => await System.IO.File.WriteAllTextAsync("order.txt", "");
            }
            """);
    }

    [Fact]
    public async Task HelperWithUnresolvedNonArgsParameter_Reports()
    {
        // An unresolved type that is not an event-argument type leaves the method a helper: the signature can still change.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            class SidebarViewModel
            {
                public async void [|HandleItemInvokedAsync|](object item, {|CS0246:PointerUpdateKind|} pointerUpdateKind) => await System.IO.File.ReadAllTextAsync("item.txt");
            }
            """);
    }

    [Fact]
    public async Task HelperCalledFromManyPlaces_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            static class DriveHelpers
            {
                public static async void [|EjectDeviceAsync|](string path) => await System.IO.File.ReadAllTextAsync(path);

                public static async Task CheckEmptyDrive(string path)
                {
                    await Task.Yield();
                    EjectDeviceAsync(path);
                }

                public static void Eject(string path) => EjectDeviceAsync(path);
            }
            """);
    }

    [Fact]
    public async Task StoredInLocalDelegate_Reports()
    {
        // The method's own code chose the delegate type; changing the method and the local is enough.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async void [|Refresh|]() => await System.IO.File.ReadAllTextAsync("data.txt");

                void M()
                {
                    Action refresh = Refresh;
                    refresh();
                }
            }
            """);
    }

    [Fact]
    public async Task InvokedInsideCallbackLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class RelayCommand
            {
                public RelayCommand(Action execute) { }
            }
            class ViewModel
            {
                public ViewModel() => Command = new RelayCommand(() => Refresh());

                public RelayCommand Command { get; }

                async void [|Refresh|]() => await System.IO.File.ReadAllTextAsync("data.txt");
            }
            """);
    }

    [Fact]
    public async Task NameofReference_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async void [|Refresh|]() => await System.IO.File.ReadAllTextAsync("data.txt");

                void M() => Console.WriteLine(nameof(Refresh));
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionCalledDirectly_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            class C
            {
                void Start(CancellationToken token)
                {
                    token.Register(() => Console.WriteLine("canceled"));
                    Save();

                    async void [|Save|]() => await System.IO.File.WriteAllTextAsync("state.txt", "");
                }
            }
            """);
    }
}
