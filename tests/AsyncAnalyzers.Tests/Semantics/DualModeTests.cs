using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Tests.Semantics;

/// <summary>
/// <see cref="DualMode"/>: which calls sit in the synchronous arm of a body written for both modes, and which calls pass the
/// synchronous mode value. Each body calls one <c>Sync...()</c> helper; the question is asked about that call.
/// </summary>
public class DualModeTests
{
    [Theory]
    [InlineData("else arm of an enum test", "if (mode == IOBehavior.Asynchronous) await Async(); else Sync();")]
    [InlineData("then arm of a Synchronous test", "if (mode == IOBehavior.Synchronous) { Sync(); } else { await Async(); }")]
    [InlineData("!= Asynchronous", "if (mode != IOBehavior.Asynchronous) Sync(); else await Async();")]
    [InlineData("member on the left", "if (IOBehavior.Asynchronous == mode) await Async(); else Sync();")]
    [InlineData("nullable mode", "if (maybe == IOBehavior.Asynchronous) await Async(); else Sync();")]
    [InlineData("false arm of a ternary", "_ = mode == IOBehavior.Asynchronous ? await AsyncValue() : Sync2();")]
    [InlineData("ternary with ConfigureAwait", "_ = isAsync ? await AsyncValue().ConfigureAwait(false) : Sync2();")]
    [InlineData("bool flag", "if (isAsync) await Async(); else Sync();")]
    [InlineData("negated bool flag", "if (!isAsync) { Sync(); } else { await Async(); }")]
    [InlineData("bool compared to false", "if (isAsync == false) Sync(); else await Async();")]
    [InlineData("is pattern on the enum", "if (mode is IOBehavior.Synchronous) Sync(); else await Async();")]
    [InlineData("is not pattern", "if (mode is not IOBehavior.Asynchronous) Sync(); else await Async();")]
    [InlineData("is false pattern", "if (isAsync is false) Sync(); else await Async();")]
    [InlineData("sync-named flag", "if (forceSynchronous) Sync(); else await Async();")]
    [InlineData("sync-named property", "if (Options.ForceSync) Sync(); else await Async();")]
    [InlineData("underscore field", "if (_async) await Async(); else Sync();")]
    [InlineData("synchronous test and another condition", "if (mode == IOBehavior.Synchronous && ready) Sync(); else await Async();")]
    [InlineData("asynchronous test or another condition", "if (mode == IOBehavior.Asynchronous || isAsync) await Async(); else Sync();")]
    [InlineData("nested in the synchronous arm", "if (mode == IOBehavior.Asynchronous) { await Async(); } else { if (ready) { Sync(); } else { Sync2(); } }")]
    [InlineData("inside a try in the arm", "if (isAsync) { await Async(); } else { try { Sync(); } finally { } }")]
    [InlineData("in the arm's condition", "if (isAsync) { if (!await AsyncValue()) return; } else { if (!SyncBool()) return; }")]
    [InlineData("async arm is the FromAsync equivalent", "if (isAsync) { await Task.Factory.FromAsync(BeginWork, EndWork, null); } else { Sync(); }")]
    [InlineData("sync arm that returns early", "if (!isAsync) { Sync(); return; } await Async();")]
    [InlineData("after an async arm that returns", "if (isAsync) { await Async(); return; } Sync();")]
    [InlineData("after an async arm that throws", "if (mode != IOBehavior.Synchronous) { await Async(); throw new System.Exception(); } Sync();")]
    [InlineData("after an async arm that continues the loop", "while (ready) { if (isAsync) { await Async(); continue; } Sync(); }")]
    [InlineData("switch section", "switch (mode) { case IOBehavior.Asynchronous: await Async(); break; case IOBehavior.Synchronous: Sync(); break; }")]
    [InlineData("switch default section", "switch (mode) { case IOBehavior.Asynchronous: await Async(); break; default: Sync(); break; }")]
    [InlineData("switch expression arm", "_ = mode switch { IOBehavior.Asynchronous => await AsyncValue(), IOBehavior.Synchronous => Sync2() };")]
    [InlineData("switch expression discard arm", "_ = mode switch { IOBehavior.Asynchronous => await AsyncValue(), _ => Sync2() };")]
    [InlineData("other arm returns a task", "if (isAsync) { await Async(); } else { Sync(); }")]
    public async Task SynchronousArm_IsInSynchronousArm(string shape, string body)
    {
        Assert.True(await IsInSynchronousArmAsync(body), shape);
    }

    [Theory]
    [InlineData("no mode test", "if (ready) await Async(); else Sync();")]
    [InlineData("asynchronous arm", "if (mode == IOBehavior.Asynchronous) { Sync(); await Async(); } else { Log(); }")]
    [InlineData("true arm of a ternary", "_ = isAsync ? Sync2() : await AsyncValue();")]
    [InlineData("other arm does not await", "if (isAsync) Log(); else Sync();")]
    [InlineData("no other arm, no early exit", "if (!isAsync) { Sync(); } await Async();")]
    [InlineData("early exit in a function that never awaits elsewhere", "if (!isAsync) { Sync(); return; } Log();")]
    [InlineData("in the condition itself", "if (SyncBool() && isAsync) await Async(); else Log();")]
    [InlineData("asynchronous test and another condition, else arm", "if (mode == IOBehavior.Asynchronous && ready) await Async(); else Sync();")]
    [InlineData("synchronous test or another condition", "if (mode == IOBehavior.Synchronous || ready) Sync(); else await Async();")]
    [InlineData("mode enum member not named for a mode", "if (color == Color.Red) await Async(); else Sync();")]
    [InlineData("bool not named for a mode", "if (asyncCount > 0) await Async(); else Sync();")]
    [InlineData("unguarded, next to a dual-mode test", "if (isAsync) await Async(); else Log(); Sync();")]
    [InlineData("after an async arm that does not leave", "if (isAsync) { await Async(); } Sync();")]
    [InlineData("after a sync arm that returns", "if (!isAsync) { Log(); return; } Sync(); await Async();")]
    [InlineData("switch section on another value", "switch (color) { case Color.Red: await Async(); break; default: Sync(); break; }")]
    [InlineData("switch section whose siblings do not await", "switch (mode) { case IOBehavior.Asynchronous: Log(); break; default: Sync(); break; }")]
    [InlineData("asynchronous switch section", "switch (mode) { case IOBehavior.Asynchronous: Sync(); await Async(); break; default: Log(); break; }")]
    [InlineData("lambda inside the synchronous arm", "if (isAsync) { await Async(); } else { System.Action a = () => Sync(); }")]
    public async Task OtherPlaces_AreNotInSynchronousArm(string shape, string body)
    {
        Assert.False(await IsInSynchronousArmAsync(body), shape);
    }

    [Theory]
    [InlineData("synchronous enum member", "ReadAsync(IOBehavior.Synchronous, token)", true)]
    [InlineData("synchronous member with ConfigureAwait", "ReadAsync(IOBehavior.Synchronous, token).ConfigureAwait(false)", true)]
    [InlineData("async: false", "FlushAsync(async: false)", true)]
    [InlineData("positional false", "FlushAsync(false)", true)]
    [InlineData("forceSync: true", "LoadAsync(forceSync: true)", true)]
    [InlineData("asynchronous enum member", "ReadAsync(IOBehavior.Asynchronous, token)", false)]
    [InlineData("async: true", "FlushAsync(async: true)", false)]
    [InlineData("mode from a variable", "ReadAsync(mode, token)", false)]
    [InlineData("forceSync: false", "LoadAsync(forceSync: false)", false)]
    [InlineData("bool parameter not named for a mode", "SaveAsync(overwrite: false)", false)]
    [InlineData("default of an optional mode without explicit default", "LoadAsync()", false)]
    public async Task PassesSynchronousMode_OnTheModeArgument(string shape, string call, bool expected)
    {
        var source = Source($"var task = {call};");
        var (model, tree) = await CompileAsync(source);
        var declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(d => d.Identifier.Text == "task");
        var value = ((IVariableDeclaratorOperation)model.GetOperation(declarator)!).Initializer!.Value;
        Assert.True(expected == DualMode.PassesSynchronousMode(value), shape);
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        Assert.False(await IsInSynchronousArmAsync("switch (mode) { default: Sync(); default: await Async(); } if (mode == ) Sync( else"));
        Assert.False(await IsInSynchronousArmAsync("_ = mode switch { _ => Sync2(), _ => await AsyncValue() };"));
    }

    private static async Task<bool> IsInSynchronousArmAsync(string body)
    {
        var (model, tree) = await CompileAsync(Source(body));
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .First(i => i.Expression is IdentifierNameSyntax { Identifier.Text: "Sync" or "Sync2" or "SyncBool" });
        return DualMode.IsInSynchronousArm(model.GetOperation(call)!);
    }

    private static string Source(string body) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        enum IOBehavior { Synchronous, Asynchronous }
        enum Color { Red, Green }

        class Settings { public bool ForceSync { get; set; } }

        class C
        {
            private bool _async;
            private Settings Options { get; } = new Settings();

            async Task M(IOBehavior mode, IOBehavior? maybe, bool isAsync, bool forceSynchronous, bool ready, int asyncCount, Color color, CancellationToken token)
            {
                {{body}}
            }

            static void Sync() { }
            static bool Sync2() => true;
            static bool SyncBool() => true;
            static int SyncValue() => 0;
            static void Log() { }
            static Task Async() => Task.Delay(1);
            static Task<bool> AsyncValue() => Task.Run(() => true);
            static IAsyncResult BeginWork(AsyncCallback? callback, object? state) => throw new NotSupportedException();
            static void EndWork(IAsyncResult result) { }
            static Task<int> ReadAsync(IOBehavior mode, CancellationToken token) => Task.FromResult(0);
            static Task FlushAsync(bool async) => Task.CompletedTask;
            static Task LoadAsync(bool forceSync = false) => Task.CompletedTask;
            static Task SaveAsync(bool overwrite) => Task.CompletedTask;
        }
        """;

    private static async Task<(SemanticModel Model, SyntaxTree Tree)> CompileAsync(string source)
    {
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return (compilation.GetSemanticModel(tree), tree);
    }
}
