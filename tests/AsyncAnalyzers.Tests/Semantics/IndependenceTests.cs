using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Gather;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static AsyncAnalyzers.Tests.Rules.Gather.GatherTestCode;

namespace AsyncAnalyzers.Tests.Semantics;

public class IndependenceTests
{
    [Fact]
    public async Task DifferentFields_AreIndependent()
    {
        Assert.True(await IndependentAsync("""
            await _users.GetAsync(1);
            await _orders.CountAsync(1);
            """));
    }

    [Fact]
    public async Task SameFieldOfUnknownType_Conflicts()
    {
        Assert.False(await IndependentAsync("""
            await _users.GetAsync(1);
            await _users.GetAsync(2);
            """));
    }

    [Fact]
    public async Task CallOnThisAndCallOnField_Conflict()
    {
        Assert.False(await IndependentAsync("""
            await Local();
            await _orders.CountAsync(1);
            """, "Task Local() => Task.CompletedTask;"));
    }

    [Fact]
    public async Task MembersOfSameField_Conflict()
    {
        Assert.False(await IndependentAsync("""
            await _pair.Item1.GetAsync(1);
            await _pair.Item2.GetAsync(1);
            """, "(IUsers, IUsers) _pair;"));
    }

    [Fact]
    public async Task SafeTypeSameInstance_IsIndependent()
    {
        Assert.True(await IndependentAsync("""
            await _http.GetStringAsync("a");
            await _http.GetStringAsync("b");
            """));
    }

    [Fact]
    public async Task SafeTypeSameResource_Conflicts()
    {
        Assert.False(await IndependentAsync("""
            await _http.DeleteAsync(url);
            await _http.GetStringAsync(url);
            """, "string url = \"x\";"));
    }

    [Fact]
    public async Task MutableArgumentThenItsPropertyRead_Conflict()
    {
        Assert.False(await IndependentAsync("""
            await _orders.PlaceAsync(_order);
            await _users.GetAsync(_order.Id);
            """, "Order _order;"));
    }

    [Fact]
    public async Task SharedValueArguments_AreIndependent()
    {
        Assert.True(await IndependentAsync("""
            await _users.GetAsync(_order.Id, _token);
            await _orders.CountAsync(_order.Id, _token);
            """, "Order _order; CancellationToken _token;"));
    }

    [Fact]
    public async Task UserSafeList_MakesSameInstanceIndependent()
    {
        Assert.True(await IndependentAsync("""
            await _users.GetAsync(1);
            await _users.GetAsync(2);
            """, safe: "T:IUsers"));
    }

    [Fact]
    public async Task UserUnsafeList_WinsOverSafeList()
    {
        var (independence, awaits) = await AwaitsAsync("await _http.GetStringAsync(\"a\");", unsafeTypes: "T:System.Net.Http.HttpClient");
        Assert.Null(independence.Describe(awaits[0], out var reason));
        Assert.Contains("not safe for concurrent use", reason, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("await _stream.WriteAsync(_bytes, 0, 1);", "not safe for concurrent use", "System.IO.Stream _stream; byte[] _bytes;")]
    [InlineData("await _users.GetAsync(Next());", "calls a method", "int Next() => 1;")]
    [InlineData("await _task;", "existing task", "Task _task;")]
    [InlineData("await Task.Delay(0);", "member of Task", "")]
    [InlineData("await Task.Yield();", "does not return Task", "")]
    [InlineData("await _run(() => 1);", "local function or delegate", "Func<Func<int>, Task> _run;")]
    [InlineData("await _jobs.RunAsync(() => 1);", "lambda", "IJobs _jobs; public interface IJobs { Task RunAsync(Func<int> f); }")]
    [InlineData("await _gate.WaitAsync();", "ordering-sensitive", "SemaphoreSlim _gate;")]
    [InlineData("await _uow.CommitAsync();", "ordering-sensitive", "IUow _uow; public interface IUow { Task CommitAsync(); }")]
    public async Task NotGatherable_IsNotDescribed(string statement, string reasonPart, string members)
    {
        var (independence, awaits) = await AwaitsAsync(statement, members);
        Assert.Null(independence.Describe(awaits[0], out var reason));
        Assert.Contains(reasonPart, reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclaredLocalReadByLaterStatement_Conflicts()
    {
        var (independence, statements) = await StatementsAsync("""
            var name = await _users.GetAsync(1);
            var count = await _orders.CountAsync(name.Length);
            """);
        var group = new IndependentGroup();
        Assert.True(group.TryAdd(independence.DescribeStatement(statements[0])!.Footprint));
        Assert.False(group.TryAdd(independence.DescribeStatement(statements[1])!.Footprint));
    }

    [Fact]
    public async Task AssignmentToParameter_IsDescribedWithItsTarget()
    {
        var (independence, statements) = await StatementsAsync("""
            id = await _orders.CountAsync(1);
            """);
        var described = independence.DescribeStatement(statements[0]);
        Assert.NotNull(described);
        Assert.Equal("id", described!.Target!.Name);
    }

    [Fact]
    public async Task ThousandIndependentStatements_FormOneGroup()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            body.Append("var r").Append(i).Append(" = await _http.GetStringAsync(\"u").Append(i).AppendLine("\");");
        }

        var (independence, statements) = await StatementsAsync(body.ToString());
        var group = new IndependentGroup();
        Assert.All(statements, s => Assert.True(group.TryAdd(independence.DescribeStatement(s)!.Footprint)));
        Assert.Equal(1000, group.Count);
    }

    private static async Task<bool> IndependentAsync(string body, string members = "", string? safe = null)
    {
        var (independence, awaits) = await AwaitsAsync(body, members, safe);
        var group = new IndependentGroup();
        return awaits.All(a => independence.Describe(a, out _) is { } footprint && group.TryAdd(footprint));
    }

    private static async Task<(Independence Independence, List<IAwaitOperation> Awaits)> AwaitsAsync(string body, string members = "", string? safe = null, string? unsafeTypes = null)
    {
        var (independence, statements) = await StatementsAsync(body, members, safe, unsafeTypes);
        return (independence, statements.SelectMany(s => s.DescendantsAndSelf().OfType<IAwaitOperation>()).ToList());
    }

    private static async Task<(Independence Independence, List<IOperation> Statements)> StatementsAsync(string body, string members = "", string? safe = null, string? unsafeTypes = null)
    {
        var source = InClass(members + "\nasync Task M(int id)\n{\n" + body + "\n}");
        var compilation = AnalyzerRunner.Compile(new[] { ("/0/Test.cs", source) }, await AnalyzerRunner.GetReferencesAsync());
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var block = (IBlockOperation)model.GetOperation(method.Body!)!;
        var symbols = CompilationServices.TryGet(compilation)!.Symbols;
        var independence = CompilationServices.TryGet(compilation)!.Independence;
        independence = independence.WithSafety(independence.Safety.WithUserLists(
            safe is null ? SymbolNameList.Empty : SymbolNameList.Parse(safe),
            unsafeTypes is null ? SymbolNameList.Empty : SymbolNameList.Parse(unsafeTypes)));
        return (independence, block.Operations.ToList());
    }
}
