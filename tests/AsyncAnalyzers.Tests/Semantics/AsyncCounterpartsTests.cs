using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Tests.Semantics;

public class AsyncCounterpartsTests
{
    private static async Task<Counterpart?> FindAsync(string source, string methodName, bool withSemanticModel = true)
    {
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var model = compilation.GetSemanticModel(tree);
        var syntax = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .First(i => model.GetSymbolInfo(i).Symbol?.Name == methodName);
        var invocation = (IInvocationOperation)model.GetOperation(syntax)!;
        var method = invocation.TargetMethod;
        var receiver = method.IsStatic ? method.ContainingType : invocation.Instance!.Type!;
        var counterparts = CompilationServices.TryGet(compilation)!.Counterparts;
        return counterparts.Find(method, receiver, withSemanticModel ? model : null, syntax.SpanStart);
    }

    [Fact]
    public async Task FileReadAllText_FindsOverloadTakingOptionalToken()
    {
        var found = await FindAsync("""
            class C { void M() => System.IO.File.ReadAllText("a"); }
            """, "ReadAllText");

        Assert.NotNull(found);
        Assert.Equal("ReadAllTextAsync", found.Value.Method.Name);
        Assert.NotNull(found.Value.Token);
        Assert.False(found.Value.TokenRequired);
    }

    [Fact]
    public async Task StreamRead_PrefersTokenOverloadAndTokenMayBeOmitted()
    {
        var found = await FindAsync("""
            class C { int M(System.IO.FileStream s, byte[] b) => s.Read(b, 0, b.Length); }
            """, "Read");

        Assert.NotNull(found);
        Assert.Equal(4, found.Value.Method.Parameters.Length);
        Assert.False(found.Value.TokenRequired);
    }

    [Fact]
    public async Task OnlyOverloadTakesRequiredToken_TokenRequired()
    {
        var found = await FindAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            class R { public void Save() { } public Task SaveAsync(CancellationToken ct) => Task.CompletedTask; }
            class C { void M(R r) => r.Save(); }
            """, "Save");

        Assert.NotNull(found);
        Assert.True(found.Value.TokenRequired);
    }

    [Fact]
    public async Task ValueTaskOfResult_IsAnAwaitableOfTheResult()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            class R { public int Count() => 0; public ValueTask<int> CountAsync() => default; }
            class C { int M(R r) => r.Count(); }
            """, "Count");

        Assert.NotNull(found);
        Assert.Null(found.Value.Token);
    }

    [Fact]
    public async Task GenericMethod_CounterpartIsConstructedWithSameTypeArguments()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            class R { public T Get<T>() => default!; public Task<T> GetAsync<T>() => Task.FromResult(default(T)!); }
            class C { int M(R r) => r.Get<int>(); }
            """, "Get");

        Assert.NotNull(found);
        Assert.Equal(SpecialType.System_Int32, found.Value.Method.TypeArguments.Single().SpecialType);
    }

    [Fact]
    public async Task DifferentResultType_NotFound()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            class R { public int Count() => 0; public Task<long> CountAsync() => Task.FromResult(0L); }
            class C { int M(R r) => r.Count(); }
            """, "Count");

        Assert.Null(found);
    }

    [Fact]
    public async Task ExtraParameterThatIsNotAToken_NotFound()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            class R { public void Save() { } public Task SaveAsync(bool force) => Task.CompletedTask; }
            class C { void M(R r) => r.Save(); }
            """, "Save");

        Assert.Null(found);
    }

    [Fact]
    public async Task ObsoleteCounterpart_NotFound()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            class R { public void Save() { } [System.Obsolete] public Task SaveAsync() => Task.CompletedTask; }
            class C { void M(R r) => r.Save(); }
            """, "Save");

        Assert.Null(found);
    }

    [Fact]
    public async Task PrivateCounterpartInBaseType_NotFound()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            class B { private Task SaveAsync() => Task.CompletedTask; }
            class R : B { public void Save() { } }
            class C { void M(R r) => r.Save(); }
            """, "Save");

        Assert.Null(found);
    }

    [Fact]
    public async Task SyncExtensionMethod_NotFound()
    {
        var found = await FindAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            static class E { public static Task<List<T>> ToListAsync<T>(this IEnumerable<T> s) => Task.FromResult(s.ToList()); }
            class C { List<int> M(IEnumerable<int> xs) => xs.ToList(); }
            """, "ToList");

        Assert.Null(found);
    }

    [Fact]
    public async Task SourceExtensionCounterpart_FoundThroughSemanticModelOnly()
    {
        const string source = """
            using System.Threading.Tasks;
            class D { public void Save() { } }
            static class E { public static Task SaveAsync(this D d) => Task.CompletedTask; }
            class C { void M(D d) => d.Save(); }
            """;

        var withModel = await FindAsync(source, "Save");
        var withoutModel = await FindAsync(source, "Save", withSemanticModel: false);

        Assert.NotNull(withModel);
        Assert.True(withModel.Value.IsExtension);
        Assert.Null(withoutModel);
    }

    [Fact]
    public async Task InterfaceReceiver_FindsCounterpartOnBaseInterface()
    {
        var found = await FindAsync("""
            using System.Threading.Tasks;
            interface IStore { void Flush(); Task FlushAsync(); }
            interface IOrders : IStore { }
            class C { void M(IOrders o) => o.Flush(); }
            """, "Flush");

        Assert.NotNull(found);
        Assert.Equal("IStore", found.Value.Method.ContainingType.Name);
    }
}
