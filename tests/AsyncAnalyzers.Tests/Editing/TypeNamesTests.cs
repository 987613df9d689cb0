using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.Tests.Editing;

/// <summary>
/// The one "name a type so it binds, add the using" helper of the fixes: the simple name when it binds or nothing of that name
/// is visible (then the namespace is imported, where and in the order the file keeps its usings), else a qualified name the
/// Simplifier shortens.
/// </summary>
public class TypeNamesTests
{
    [Fact]
    public async Task AlreadyImported_SimpleNameAndNoUsing()
    {
        var (names, document, position) = await AtMarkerAsync("using System.Threading.Tasks;\nclass C { void M() { /*here*/ } }\n");
        Assert.Equal("Task", names.Name(document.Symbols.Task, position).ToString());
        Assert.Equal(document.Root, names.AddImports(document.Root));
    }

    [Fact]
    public async Task NotImported_SimpleNameAndTheUsingInSystemFirstOrder()
    {
        var (names, document, position) = await AtMarkerAsync("using System;\nusing System.IO;\nusing MyApp;\nclass C { void M() { /*here*/ } }\nnamespace MyApp { }\n");
        Assert.Equal("Task", names.Expression(document.Symbols.Task, position).ToString());
        Assert.Equal(new[] { "System", "System.IO", "System.Threading.Tasks", "MyApp" }, Usings(names.AddImports(document.Root)));
    }

    [Fact]
    public async Task UnorderedUsings_TheNewOneGoesAfterThem()
    {
        var (names, document, position) = await AtMarkerAsync("using System.IO;\nusing System;\nclass C { void M() { /*here*/ } }\n");
        names.Name(document.Symbols.Task, position);
        Assert.Equal(new[] { "System.IO", "System", "System.Threading.Tasks" }, Usings(names.AddImports(document.Root)));
    }

    [Fact]
    public async Task TwoNamesOfOneNamespace_OneUsing()
    {
        var (names, document, position) = await AtMarkerAsync("using System;\nclass C { void M() { /*here*/ } }\n");
        names.Name(document.Symbols.Task, position);
        names.Expression(document.Symbols.Parallel!, position);
        names.Name(document.Symbols.TaskOfT!, position, Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseTypeName("int"));
        Assert.Equal(new[] { "System", "System.Threading.Tasks" }, Usings(names.AddImports(document.Root)));
    }

    [Fact]
    public async Task GenericType_GetsItsTypeArguments()
    {
        var (names, document, position) = await AtMarkerAsync("using System.Threading.Tasks;\nclass C { void M() { /*here*/ } }\n");
        Assert.Equal("Task<int>", names.Name(document.Symbols.TaskOfT!, position, Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseTypeName("int")).ToString());
    }

    [Fact]
    public async Task OwnTypeNamedTask_QualifiedForTheSimplifierAndNoUsing()
    {
        var (names, document, position) = await AtMarkerAsync("class Task { }\nclass C { void M() { /*here*/ } }\n");
        var name = names.Expression(document.Symbols.Task, position);
        Assert.Equal("global::System.Threading.Tasks.Task", name.ToString());
        Assert.True(name.HasAnnotation(Simplifier.Annotation));
        Assert.Equal(document.Root, names.AddImports(document.Root));
    }

    [Fact]
    public async Task UsingsInsideTheNamespace_TheNewOneGoesThere()
    {
        var (names, document, position) = await AtMarkerAsync("namespace N\n{\n    using System;\n\n    class C { void M() { /*here*/ } }\n}\n");
        names.Name(document.Symbols.Task, position);
        var root = (CompilationUnitSyntax)names.AddImports(document.Root);
        Assert.Empty(root.Usings);
        Assert.Equal(new[] { "System", "System.Threading.Tasks" }, root.Members.OfType<BaseNamespaceDeclarationSyntax>().Single().Usings.Select(u => u.Name!.ToString()));
    }

    [Fact]
    public async Task GlobalUsingsFirst_TheNewOneFollowsThem()
    {
        var (names, document, position) = await AtMarkerAsync("global using System.IO;\nclass C { void M() { /*here*/ } }\n");
        names.Name(document.Symbols.Task, position);
        var root = (CompilationUnitSyntax)names.AddImports(document.Root);
        Assert.Equal(new[] { "global System.IO", "System.Threading.Tasks" }, root.Usings.Select(u => (u.GlobalKeyword.Text + " " + u.Name).Trim()));
    }

    [Fact]
    public async Task NoUsingsAndAHeader_TheHeaderStaysOnTop()
    {
        var (names, document, position) = await AtMarkerAsync("// Copyright header.\nclass C { void M() { /*here*/ } }\n");
        names.Name(document.Symbols.Task, position);
        Assert.StartsWith("// Copyright header.\nusing System.Threading.Tasks;\n\nclass C", names.AddImports(document.Root).ToFullString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileWithoutUsingsThatQualifiesTheNamespace_KeepsQualifying()
    {
        var (names, document, position) = await AtMarkerAsync("class C { System.Threading.Tasks.Task M() { /*here*/ return null!; } }\n");
        Assert.Equal("global::System.Threading.Tasks.Task", names.Expression(document.Symbols.Task, position).ToString());
        Assert.Equal(document.Root, names.AddImports(document.Root));
    }

    private static string[] Usings(SyntaxNode root) => ((CompilationUnitSyntax)root).Usings.Select(u => u.Name!.ToString()).ToArray();

    private static async Task<(TypeNames Names, FixDocument Document, int Position)> AtMarkerAsync(string code)
    {
        var solution = await FixSafety.FixSafety.CreateSolutionAsync(new[] { ("/0/C.cs", code) });
        var document = (await FixDocument.CreateAsync(solution.Projects.Single().Documents.Single(), default))!;
        var position = code.IndexOf("/*here*/", System.StringComparison.Ordinal);
        return (new TypeNames(document), document, position);
    }
}
