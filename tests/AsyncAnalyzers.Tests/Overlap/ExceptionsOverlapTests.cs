using System.Threading.Tasks;
using Verify = AsyncAnalyzers.Tests.Verifiers.AllAnalyzersVerifier;

namespace AsyncAnalyzers.Tests.Overlap;

/// <summary>Boundaries between the Exceptions family and the Unawaited family (issue: one diagnostic per mistake).</summary>
public class ExceptionsOverlapTests
{
    [Fact]
    public async Task UnguardedEventHandler_IsAsync401NotAsync202()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class Form
            {
                Task SaveAsync() => System.IO.File.WriteAllTextAsync("state.txt", "");

                async void {|ASYNC401:OnClick|}(object? sender, EventArgs e)
                {
                    await SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncVoidHelper_IsAsync202NotAsync401()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync() => System.IO.File.WriteAllTextAsync("state.txt", "");

                async void {|ASYNC202:Refresh|}()
                {
                    await SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task UnguardedOverride_IsAsync401NotAsync202()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            abstract class Page
            {
                protected abstract void OnAppearing();
            }

            class Home : Page
            {
                Task LoadAsync() => System.IO.File.ReadAllTextAsync("data.txt");

                protected override async void {|ASYNC401:OnAppearing|}()
                {
                    await LoadAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task ExplicitDiscardOfFreshTask_IsAsync402NotAsync201()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task RefreshAsync() => System.IO.File.ReadAllTextAsync("data.txt");

                void M()
                {
                    {|ASYNC402:_ = RefreshAsync()|};
                }
            }
            """);
    }

    [Fact]
    public async Task DroppedTaskRunStatement_IsAsync201NotAsync402()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                void M()
                {
                    {|ASYNC201:Task.Run(() => System.IO.File.ReadAllText("data.txt"))|};
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncLambdaSubscribedToEvent_IsAsync401NotAsync203()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class Button
            {
                public event EventHandler? Click;

                public void Raise() => Click?.Invoke(this, EventArgs.Empty);
            }

            class C
            {
                Task SaveAsync() => System.IO.File.WriteAllTextAsync("state.txt", "");

                void Wire(Button button)
                {
                    button.Click += {|ASYNC401:async|} (s, e) => await SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncLambdaPassedAsAction_IsAsync203NotAsync401()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync() => System.IO.File.WriteAllTextAsync("state.txt", "");

                void Run(Action action) => action();

                void M()
                {
                    Run({|ASYNC203:async () =>|} await SaveAsync());
                }
            }
            """);
    }

    [Fact]
    public async Task GuardedEventHandlerWithBlockingCall_IsAsync101Only()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class Form
            {
                async Task<int> CountAsync() => (await System.IO.File.ReadAllLinesAsync("data.txt")).Length;

                async void OnClick(object? sender, EventArgs e)
                {
                    try
                    {
                        await Task.Yield();
                        Console.WriteLine({|ASYNC101:CountAsync().Result|});
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
    public async Task ContinuationReadingResult_IsAsync403NotAsync104()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                void M(Task<int> source)
                {
                    _ = source.ContinueWith(t => Console.WriteLine({|ASYNC403:t.Result|}));
                }
            }
            """);
    }

    [Fact]
    public async Task MethodGroupTimerCallback_IsAsync401NotAsync202()
    {
        await Verify.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Poller
            {
                private readonly Timer _timer;

                public Poller() => _timer = new Timer(OnTick, null, 0, 5000);

                private async void {|ASYNC401:OnTick|}(object? state) => await System.IO.File.ReadAllTextAsync("queue.txt");
            }
            """);
    }

    [Fact]
    public async Task MethodSubscribedToCustomDelegateEvent_IsAsync401NotAsync202()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            struct Color { }

            class ColorPicker
            {
                public event Action<Color>? ColorChanged;

                public void Raise() => ColorChanged?.Invoke(default);
            }

            class ThemePage
            {
                public ThemePage(ColorPicker picker) => picker.ColorChanged += OnColorChanged;

                private async void {|ASYNC401:OnColorChanged|}(Color color) => await System.IO.File.WriteAllTextAsync("theme.txt", "");
            }
            """);
    }

    [Fact]
    public async Task TypedSenderHandlerAndCallbackLambda_AreAsync401NotAsync202Or203()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class ContentDialog { }
            class ContentDialogButtonClickEventArgs { }

            class DynamicDialogViewModel
            {
                public Action<DynamicDialogViewModel, ContentDialogButtonClickEventArgs>? PrimaryButtonAction { get; set; }
            }

            class Dialogs
            {
                DynamicDialogViewModel Create() => new()
                {
                    PrimaryButtonAction = {|ASYNC401:async|} (vm, e) => await System.IO.File.WriteAllTextAsync("dialog.txt", ""),
                };

                private async void {|ASYNC401:OnPrimaryButtonClick|}(ContentDialog sender, ContentDialogButtonClickEventArgs args) =>
                    await System.IO.File.WriteAllTextAsync("dialog.txt", "");
            }
            """);
    }

    [Fact]
    public async Task UnresolvedHandlerTypes_AreNeitherAsync202NorAsync401()
    {
        // The compilation is broken where the handler's types should be: neither rule can tell whose the method is.
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            class DynamicDialogViewModel
            {
                public Action<DynamicDialogViewModel, {|CS0246:KeyRoutedEventArgs|}>? KeyDownAction { get; set; }
            }

            sealed partial class TabBar
            {
                public TabBar() => {|CS0103:InitializeComponent|}();

                DynamicDialogViewModel Create() => new()
                {
                    KeyDownAction = async (vm, e) => await System.IO.File.WriteAllTextAsync("tab.txt", ""),
                };

                private async void TabViewItem_Drop(object sender, {|CS0246:DragEventArgs|} e) => await System.IO.File.WriteAllTextAsync("tab.txt", "");
            }
            """);
    }
}
