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
}
