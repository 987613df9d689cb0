using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Editing;

/// <summary>
/// The one unique-name helper of the fixes: a name is free when nothing of that name is visible where it is declared and no
/// declaration of the same member body has an overlapping scope; the plain name wins whenever it is free.
/// </summary>
public class UniqueNamesTests
{
    private const string Code = """
        using System.Threading.Tasks;

        class C
        {
            private int _fieldTask;
            private int fieldTask;

            async Task Other()
            {
                var customerTask = Task.FromResult(1);
                await customerTask;
            }

            async Task M(int parameterTask)
            {
                /*here*/await Task.Yield();
                {
                    var siblingTask = 1;
                }

                var laterTask = 2;
            }
        }
        """;

    [Theory]
    [InlineData("customerTask", "customerTask")] // another method's local is not in scope here
    [InlineData("siblingTask", "siblingTask2")] // a new local of the whole block would contain the nested block's local
    [InlineData("laterTask", "laterTask2")] // a local declared later in the same block
    [InlineData("parameterTask", "parameterTask2")]
    [InlineData("fieldTask", "fieldTask2")] // a field is visible
    [InlineData("_fieldTask", "_fieldTask2")]
    [InlineData("freeTask", "freeTask")]
    public async Task NewLocalOfTheBlock_IsFreeUnlessVisibleOrDeclaredInTheBlock(string wanted, string expected)
    {
        var (names, position, block) = await AtMarkerAsync();
        Assert.Equal(expected, names.Unique(position, block.Span, wanted));
    }

    [Fact]
    public async Task NameInASiblingBlock_IsFreeForAScopeThatDoesNotContainIt()
    {
        // A lambda parameter or catch variable inserted at the marker has a scope of its own (an empty span there): the later
        // local of the enclosing block is in scope at the marker, the sibling block's local is not.
        var (names, position, _) = await AtMarkerAsync();
        Assert.Equal("siblingTask", names.Unique(position, default, "siblingTask"));
        Assert.Equal("laterTask2", names.Unique(position, default, "laterTask"));
    }

    [Fact]
    public async Task Alternatives_AreTriedBeforeASuffix()
    {
        var (names, position, block) = await AtMarkerAsync();
        Assert.Equal("freeTask", names.Unique(position, block.Span, "parameterTask", "freeTask"));
        Assert.Equal("parameterTask2", names.Unique(position, block.Span, "parameterTask", "laterTask"));
    }

    [Fact]
    public async Task NamesTakenInThePass_AreTakenForOverlappingScopesOnly()
    {
        var (names, position, block) = await AtMarkerAsync();
        Assert.Equal("newTask", names.Unique(position, block.Span, "newTask"));
        Assert.Equal("newTask2", names.Unique(position, block.Span, "newTask"));

        // A scope disjoint from another one (the other method's body) can use the plain name again.
        var otherBody = Code.IndexOf("var customerTask", System.StringComparison.Ordinal);
        Assert.Equal("otherTask", names.Unique(otherBody, new TextSpan(otherBody, 10), "otherTask"));
        Assert.Equal("otherTask", names.Unique(position, new TextSpan(position, 1), "otherTask"));
    }

    [Theory]
    [InlineData("@event")]
    [InlineData("var")]
    [InlineData("await")]
    [InlineData("2x")]
    public async Task KeywordsAndInvalidIdentifiers_AreNeverFree(string name)
    {
        var (names, position, block) = await AtMarkerAsync();
        Assert.False(names.IsFree(name, position, block.Span));
    }

    [Theory]
    [InlineData("UserName", "userName")]
    [InlineData("_userName", "userName")]
    [InlineData("m_userName", "userName")]
    [InlineData("@Event", "event")]
    [InlineData("URL", "url")]
    [InlineData("HTTPClient", "httpClient")]
    [InlineData("user", "user")]
    public void CamelCase_FollowsTheConvention(string name, string expected) => Assert.Equal(expected, UniqueNames.CamelCase(name));

    [Theory]
    [InlineData("user", "userTask")]
    [InlineData("GetUser", "getUserTask")]
    [InlineData("loadTask", "loadTask")]
    [InlineData("", "task")]
    public void TaskName_HasTheTaskSuffixOnce(string name, string expected) => Assert.Equal(expected, UniqueNames.TaskName(name));

    [Theory]
    [InlineData("urls", "url")]
    [InlineData("_paths", "path")]
    [InlineData("Categories", "category")]
    [InlineData("addresses", "address")]
    [InlineData("boxes", "box")]
    [InlineData("data", "item")]
    [InlineData("class", "item")]
    public void ItemName_IsTheSingular(string collection, string expected) => Assert.Equal(expected, UniqueNames.ItemName(collection));

    private static async Task<(UniqueNames Names, int Position, BlockSyntax Block)> AtMarkerAsync()
    {
        var solution = await FixSafety.FixSafety.CreateSolutionAsync(new[] { ("/0/C.cs", Code) });
        var document = (await FixDocument.CreateAsync(solution.Projects.Single().Documents.Single(), default))!;
        var position = Code.IndexOf("/*here*/", System.StringComparison.Ordinal) + "/*here*/".Length;
        var block = document.Root.FindToken(position).Parent!.AncestorsAndSelf().OfType<BlockSyntax>().First();
        return (new UniqueNames(document), position, block);
    }
}
