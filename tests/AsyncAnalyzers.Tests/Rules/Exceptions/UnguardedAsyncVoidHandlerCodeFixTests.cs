using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Rules.Exceptions.UnguardedAsyncVoidHandlerAnalyzer,
    AsyncAnalyzers.CodeFixes.Rules.Exceptions.UnguardedAsyncVoidHandlerCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Exceptions;

public class UnguardedAsyncVoidHandlerCodeFixTests
{
    private const string Stubs = """

        class Button
        {
            public event EventHandler Click;
        }

        static class Api
        {
            public static Task LoadAsync() => System.IO.File.ReadAllTextAsync("data.txt");
        }

        namespace Diagnostics
        {
            public static class Crash
            {
                public static void Report(Exception exception) { }
                public static void Wrong(string message) { }
            }
        }
        """;

    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        """;

    [Fact]
    public async Task BlockBody_WrapsAndTracesByDefault()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    // Load the data.
                    await Api.LoadAsync();
                }
            }
            """ + Stubs, Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        // Load the data.
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Trace.TraceError(ex.ToString());
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task WithoutDiagnosticsUsing_AddsIt()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;

            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs, """
            using System;
            using System.Diagnostics;
            using System.Threading.Tasks;

            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Trace.TraceError(ex.ToString());
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ExpressionBodiedMethod_BecomesBlock()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e) => await Api.LoadAsync();
            }
            """ + Stubs, Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Trace.TraceError(ex.ToString());
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ExpressionLambda_BecomesBlock()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += [|async|] (s, e) => await Api.LoadAsync();
                }
            }
            """ + Stubs, Usings + """
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
                            Trace.TraceError(ex.ToString());
                        }
                    };
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task AnonymousMethod_Wraps()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += [|async|] delegate (object s, EventArgs e)
                    {
                        await Api.LoadAsync();
                    };
                }
            }
            """ + Stubs, Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += async delegate (object s, EventArgs e)
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Trace.TraceError(ex.ToString());
                        }
                    };
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LocalFunction_Wraps()
    {
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += OnClick;

                    async void [|OnClick|](object sender, EventArgs e) => await Api.LoadAsync();
                }
            }
            """ + Stubs, Usings + """
            class Form
            {
                void Wire(Button button)
                {
                    button.Click += OnClick;

                    async void OnClick(object sender, EventArgs e)
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Trace.TraceError(ex.ToString());
                        }
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task LocalNamedExInBody_CatchKeepsEx()
    {
        // The body moves into the try block, a sibling scope of the catch clause: its 'ex' does not clash with the catch's.
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs e)
                {
                    var ex = 1;
                    await Api.LoadAsync();
                }
            }
            """ + Stubs, Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        var ex = 1;
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Trace.TraceError(ex.ToString());
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ExceptionNameTaken_PicksAnotherName()
    {
        // A parameter named 'ex' is in scope in the catch clause: the variable is called 'exception' instead.
        await VerifyCS.VerifyCodeFixAsync(Usings + """
            class Form
            {
                async void [|OnClick|](object sender, EventArgs ex)
                {
                    await Api.LoadAsync();
                }
            }
            """ + Stubs, Usings + """
            class Form
            {
                async void OnClick(object sender, EventArgs ex)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception exception)
                    {
                        Trace.TraceError(exception.ToString());
                    }
                }
            }
            """ + Stubs);
    }

    [Fact]
    public async Task ConfiguredHandler_IsCalled()
    {
        var test = new VerifyCS.Test
        {
            EditorConfig = "async_analyzers.exception_handler = Diagnostics.Crash.Report",
            TestCode = Usings + """
                class Form
                {
                    async void [|OnClick|](object sender, EventArgs e)
                    {
                        await Api.LoadAsync();
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class Form
                {
                    async void OnClick(object sender, EventArgs e)
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Diagnostics.Crash.Report(ex);
                        }
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData("Diagnostics.Crash.Missing")]
    [InlineData("Diagnostics.Crash.Wrong")]
    [InlineData("Diagnostics.Nowhere.Report")]
    [InlineData("not a method")]
    public async Task InvalidConfiguredHandler_FallsBackToTrace(string handler)
    {
        var test = new VerifyCS.Test
        {
            EditorConfig = "async_analyzers.exception_handler = " + handler,
            TestCode = Usings + """
                class Form
                {
                    async void [|OnClick|](object sender, EventArgs e)
                    {
                        await Api.LoadAsync();
                    }
                }
                """ + Stubs,
            FixedCode = Usings + """
                class Form
                {
                    async void OnClick(object sender, EventArgs e)
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Trace.TraceError(ex.ToString());
                        }
                    }
                }
                """ + Stubs,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInDocument_WrapsNestedHandlersOnce()
    {
        var test = new VerifyCS.Test
        {
            TestCode = Usings + """
                class Form
                {
                    async void [|OnLoad|](object sender, EventArgs e)
                    {
                        await Api.LoadAsync();
                        ((Button)sender).Click += [|async|] (s, args) => await Api.LoadAsync();
                    }

                    async void [|OnClick|](object sender, EventArgs e) => await Api.LoadAsync();
                }
                """ + Stubs,
            FixedCode = Usings + """
                class Form
                {
                    async void OnLoad(object sender, EventArgs e)
                    {
                        try
                        {
                            await Api.LoadAsync();
                            ((Button)sender).Click += async (s, args) =>
                            {
                                try
                                {
                                    await Api.LoadAsync();
                                }
                                catch (Exception ex)
                                {
                                    Trace.TraceError(ex.ToString());
                                }
                            };
                        }
                        catch (Exception ex)
                        {
                            Trace.TraceError(ex.ToString());
                        }
                    }

                    async void OnClick(object sender, EventArgs e)
                    {
                        try
                        {
                            await Api.LoadAsync();
                        }
                        catch (Exception ex)
                        {
                            Trace.TraceError(ex.ToString());
                        }
                    }
                }
                """ + Stubs,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        test.NumberOfIncrementalIterations = 3;
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_FixesEveryDocument()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/A.cs", Usings + """
            class A
            {
                async void [|OnClick|](object sender, EventArgs e) => await Api.LoadAsync();
            }
            """ + Stubs));
        test.TestState.Sources.Add(("/0/B.cs", Usings + """
            class B
            {
                async void [|OnTick|](object sender, EventArgs e) => await Api.LoadAsync();
            }
            """));
        test.FixedState.Sources.Add(("/0/A.cs", Usings + """
            class A
            {
                async void OnClick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Trace.TraceError(ex.ToString());
                    }
                }
            }
            """ + Stubs));
        test.FixedState.Sources.Add(("/0/B.cs", Usings + """
            class B
            {
                async void OnTick(object sender, EventArgs e)
                {
                    try
                    {
                        await Api.LoadAsync();
                    }
                    catch (Exception ex)
                    {
                        Trace.TraceError(ex.ToString());
                    }
                }
            }
            """));
        await test.RunAsync();
    }
}
