using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Tests.Semantics;

public class CancellationTokensTests
{
    private static async Task<string?> TokenAtHereAsync(string source)
    {
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText("using System; using System.Threading; using System.Threading.Tasks;\n" + source + "\nstatic class H { public static void Here() { } }");
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var model = compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().First(i => i.Expression.ToString() == "H.Here");
        var operation = model.GetOperation(call)!;
        var containing = model.GetEnclosingSymbol(call.SpanStart)!;
        while (containing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            containing = containing.ContainingSymbol;
        }

        return CancellationTokens.FindInScope(operation, containing, CompilationServices.TryGet(compilation)!.Symbols)?.Name;
    }

    [Fact]
    public async Task SingleTokenParameter_IsFound()
    {
        Assert.Equal("ct", await TokenAtHereAsync("class C { void M(int x, CancellationToken ct) => H.Here(); }"));
    }

    [Fact]
    public async Task NoTokenParameter_ReturnsNull()
    {
        Assert.Null(await TokenAtHereAsync("class C { void M(int x) => H.Here(); }"));
    }

    [Fact]
    public async Task TwoTokenParameters_AreAmbiguous()
    {
        Assert.Null(await TokenAtHereAsync("class C { void M(CancellationToken a, CancellationToken b) => H.Here(); }"));
    }

    [Fact]
    public async Task RefTokenParameter_IsIgnored()
    {
        Assert.Null(await TokenAtHereAsync("class C { void M(ref CancellationToken ct) => H.Here(); }"));
    }

    [Fact]
    public async Task OuterTokenInsideLambda_IsFound()
    {
        Assert.Equal("ct", await TokenAtHereAsync("class C { void M(CancellationToken ct) { Action a = () => H.Here(); } }"));
    }

    [Fact]
    public async Task InnermostFunctionToken_Wins()
    {
        Assert.Equal("inner", await TokenAtHereAsync("class C { void M(CancellationToken outer) { Action<CancellationToken> a = inner => H.Here(); } }"));
    }

    [Fact]
    public async Task AmbiguousInnerFunction_DoesNotFallBackToOuterToken()
    {
        Assert.Null(await TokenAtHereAsync("class C { void M(CancellationToken outer) { Action<CancellationToken, CancellationToken> a = (x, y) => H.Here(); } }"));
    }

    [Fact]
    public async Task StaticLambda_CannotCaptureOuterToken()
    {
        Assert.Null(await TokenAtHereAsync("class C { void M(CancellationToken ct) { Action a = static () => H.Here(); } }"));
    }

    [Fact]
    public async Task StaticLocalFunction_CannotCaptureOuterToken()
    {
        Assert.Null(await TokenAtHereAsync("class C { void M(CancellationToken ct) { Local(); static void Local() => H.Here(); } }"));
    }

    [Fact]
    public async Task TokenOfStaticLambdaItself_IsFound()
    {
        Assert.Equal("own", await TokenAtHereAsync("class C { void M(CancellationToken ct) { Action<CancellationToken> a = static own => H.Here(); } }"));
    }
}
