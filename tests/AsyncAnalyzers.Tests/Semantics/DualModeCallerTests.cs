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
/// The synchronous arm of a dual-mode body, and calls that pass the synchronous mode value. Each body marks the call under test
/// with the name <c>Target</c>.
/// </summary>
public class DualModeCallerTests
{
    [Theory]
    [InlineData("if/else on a bool", "if (async) { await Other(); } else { Target(); }")]
    [InlineData("negated bool", "if (!isAsync) { Target(); } else { await Other(); }")]
    [InlineData("conditional expression", "var x = useAsync ? await OtherValue() : TargetValue();")]
    [InlineData("enum equals Synchronous", "if (mode == IOBehavior.Synchronous) { Target(); } else { await Other(); }")]
    [InlineData("enum not equals Asynchronous", "if (mode != IOBehavior.Asynchronous) Target(); else await Other();")]
    [InlineData("enum on the left", "if (IOBehavior.Asynchronous == mode) await Other(); else Target();")]
    [InlineData("early exit without else", "if (mode == IOBehavior.Synchronous) { Target(); return; } await Other();")]
    [InlineData("nested inside the arm", "if (async) { await Other(); } else { if (flag) { Target(); } }")]
    [InlineData("conditional expression arm", "var t = mode == IOBehavior.Asynchronous ? Start() : Task.FromResult(TargetValue()); await t;")]
    [InlineData("field named _async", "if (_async) { await Other(); } else { Target(); }")]
    [InlineData("local function called only from the sync arm", "if (async) { await Other(); } else { Local(); } void Local() => Target();")]
    public async Task SynchronousArm_IsFound(string shape, string body)
    {
        Assert.True(DualMode.IsInSynchronousArm(await FindTargetAsync(body)), shape);
    }

    [Theory]
    [InlineData("the asynchronous arm", "if (async) { Target(); } else { await Other(); }")]
    [InlineData("a flag that is not a mode", "if (flag) { await Other(); } else { Target(); }")]
    [InlineData("other arm does no async work", "if (async) { Sync(); } else { Target(); }")]
    [InlineData("no else, no early exit", "if (mode == IOBehavior.Synchronous) { Target(); } await Other();")]
    [InlineData("early exit in a function that never awaits", "if (mode == IOBehavior.Synchronous) { Target(); return; } Sync();")]
    [InlineData("inside a lambda in the arm", "if (async) { await Other(); } else { Action a = () => Target(); a(); }")]
    [InlineData("enum member that is not a mode", "if (level == Level.Low) { await Other(); } else { Target(); }")]
    [InlineData("local function also called outside", "if (async) { await Other(); } else { Local(); } Local(); void Local() => Target();")]
    [InlineData("local function used as a delegate", "if (async) { await Other(); } else { Local(); } Action a = Local; void Local() => Target();")]
    [InlineData("condition itself", "if (TargetFlag()) { await Other(); } else { Sync(); }")]
    public async Task NotSynchronousArm_IsNotFound(string shape, string body)
    {
        Assert.False(DualMode.IsInSynchronousArm(await FindTargetAsync(body)), shape);
    }

    [Theory]
    [InlineData("bool named async", "ModeAsync(async: false)")]
    [InlineData("bool named isAsync, positional", "FlagAsync(false)")]
    [InlineData("enum Synchronous", "ReadAsync(IOBehavior.Synchronous, 1)")]
    [InlineData("enum member named Sync", "SendAsync(Kind.Sync)")]
    [InlineData("default value of the mode", "DefaultSyncAsync()")]
    public async Task PassesSynchronousMode_IsFound(string shape, string call)
    {
        Assert.True(DualMode.PassesSynchronousMode(await FindCallAsync(call)), shape);
    }

    [Theory]
    [InlineData("bool true", "ModeAsync(async: true)")]
    [InlineData("bool variable", "ModeAsync(flag)")]
    [InlineData("enum Asynchronous", "ReadAsync(IOBehavior.Asynchronous, 1)")]
    [InlineData("enum variable", "ReadAsync(mode, 1)")]
    [InlineData("false to a bool that is not a mode", "SaveAsync(overwrite: false)")]
    [InlineData("an enum that is not a mode", "LevelAsync(Level.Low)")]
    public async Task PassesSynchronousMode_IsNotFound(string shape, string call)
    {
        Assert.False(DualMode.PassesSynchronousMode(await FindCallAsync(call)), shape);
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        var operation = await FindTargetAsync("if (async { await Other(); } else Target(;");
        DualMode.IsInSynchronousArm(operation);
        DualMode.PassesSynchronousMode(operation);
    }

    private const string Declarations = """
        using System;
        using System.Threading.Tasks;
        enum IOBehavior { Synchronous, Asynchronous }
        enum Kind { Sync, Async }
        enum Level { Low, High }
        class C
        {
            private bool _async;
            static void Target() { }
            static int TargetValue() => 0;
            static bool TargetFlag() => true;
            static void Sync() { }
            static Task Other() => Task.Delay(1);
            static Task<int> OtherValue() => Task.FromResult(1);
            static Task<int> Start() => Task.Run(() => 1);
            static Task ModeAsync(bool async) => Task.Delay(1);
            static Task FlagAsync(bool isAsync) => Task.Delay(1);
            static Task ReadAsync(IOBehavior ioBehavior, int count) => Task.Delay(count);
            static Task SendAsync(Kind kind) => Task.Delay(1);
            static Task DefaultSyncAsync(bool runAsynchronously = false) => Task.Delay(1);
            static Task SaveAsync(bool overwrite) => Task.Delay(1);
            static Task LevelAsync(Level level) => Task.Delay(1);

        """;

    private static async Task<IOperation> FindTargetAsync(string body)
    {
        var source = Declarations + $$"""
                async Task M(bool async, bool isAsync, bool useAsync, bool flag, IOBehavior mode, Level level)
                {
                    {{body}}
                }
            }
            """;
        var (tree, model) = await CompileAsync(source);
        var target = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Last(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "Target" or "TargetValue" or "TargetFlag" });
        return model.GetOperation(target)!;
    }

    private static async Task<IOperation> FindCallAsync(string call)
    {
        var source = Declarations + $$"""
                async Task M(bool flag, IOBehavior mode)
                {
                    await {{call}};
                }
            }
            """;
        var (tree, model) = await CompileAsync(source);
        var awaitExpression = tree.GetRoot().DescendantNodes().OfType<AwaitExpressionSyntax>().Single();
        return model.GetOperation(awaitExpression.Expression)!;
    }

    private static async Task<(SyntaxTree Tree, SemanticModel Model)> CompileAsync(string source)
    {
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return (tree, compilation.GetSemanticModel(tree));
    }
}
