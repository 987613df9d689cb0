using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static AsyncAnalyzers.Tests.Rules.Gather.GatherTestCode;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Gather.IndependentAwaitsAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Gather.IndependentAwaitsCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Gather;

public class IndependentAwaitsCodeFixTests
{
    private const string Shop = """

            private readonly ICatalog _catalog;
            private readonly IPricing _pricing;
            private readonly IInventory _inventory;

            public interface ICatalog { Task<string> GetProductAsync(string sku, CancellationToken ct); }
            public interface IPricing { Task<decimal> GetPriceAsync(string sku, CancellationToken ct); }
            public interface IInventory { Task<int> GetStockLevelAsync(string sku, CancellationToken ct); }
        """;

    [Fact]
    public async Task SameKeyFromThreeServices_StartsAllThenAwaitsWhenAll()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<string> M(string sku, CancellationToken ct)
            {
                var product = {|ASYNC301:await _catalog.GetProductAsync(sku, ct).ConfigureAwait(false)|};
                var price = await _pricing.GetPriceAsync(sku, ct).ConfigureAwait(false);
                var stock = await _inventory.GetStockLevelAsync(sku, ct).ConfigureAwait(false);
                return product + price + stock;
            }
            """ + Shop), InClass("""
            async Task<string> M(string sku, CancellationToken ct)
            {
                var productTask = _catalog.GetProductAsync(sku, ct);
                var priceTask = _pricing.GetPriceAsync(sku, ct);
                var stockTask = _inventory.GetStockLevelAsync(sku, ct);
                await Task.WhenAll(productTask, priceTask, stockTask).ConfigureAwait(false);
                var product = await productTask.ConfigureAwait(false);
                var price = await priceTask.ConfigureAwait(false);
                var stock = await stockTask.ConfigureAwait(false);
                return product + price + stock;
            }
            """ + Shop));
    }

    [Fact]
    public async Task AwaitsAsArgumentsOfNew_StartsBothBeforeTheStatement()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<Tuple<string, int>> M(int id)
            {
                var page = new Tuple<string, int>({|ASYNC301:await _users.GetAsync(id).ConfigureAwait(false)|}, await _orders.CountAsync(id).ConfigureAwait(false));
                return page;
            }
            """), InClass("""
            async Task<Tuple<string, int>> M(int id)
            {
                var getTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(getTask, countTask).ConfigureAwait(false);
                var page = new Tuple<string, int>(await getTask.ConfigureAwait(false), await countTask.ConfigureAwait(false));
                return page;
            }
            """));
    }

    [Fact]
    public async Task AwaitsAsOperandsOfReturn_StartsBothBeforeTheReturn()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                return ({|ASYNC301:await _users.GetAsync(id)|}).Length - await _orders.PendingAsync(id);
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                var getTask = _users.GetAsync(id);
                var pendingTask = _orders.PendingAsync(id).AsTask();
                await Task.WhenAll(getTask, pendingTask);
                return (await getTask).Length - await pendingTask;
            }
            """));
    }

    [Fact]
    public async Task Declarations_StartsBothThenAwaitsWhenAll()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                var user = {|ASYNC301:await _users.GetAsync(id)|};
                var count = await _orders.CountAsync(id);
                return user.Length + count;
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                var userTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, countTask);
                var user = await userTask;
                var count = await countTask;
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task ExplicitTypes_KeepsTypesOfResults()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<object> M(int id)
            {
                object user = {|ASYNC301:await _users.GetAsync(id)|};
                long count = await _orders.CountAsync(id);
                return user.ToString() + count;
            }
            """), InClass("""
            async Task<object> M(int id)
            {
                var userTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, countTask);
                object user = await userTask;
                long count = await countTask;
                return user.ToString() + count;
            }
            """));
    }

    [Fact]
    public async Task AssignmentsToExistingLocals_AssignsFromTheTasks()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                string user;
                int count;
                user = {|ASYNC301:await _users.GetAsync(id)|};
                count = await _orders.CountAsync(id);
                return user.Length + count;
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                string user;
                int count;
                var userTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, countTask);
                user = await userTask;
                count = await countTask;
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task ExpressionStatements_NamedFromMethodsAndNotAwaitedAgain()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task M()
            {
                {|ASYNC301:await _users.LoadAsync("a")|};
                await _orders.PlaceAsync(new Order());
            }
            """), InClass("""
            async Task M()
            {
                var loadTask = _users.LoadAsync("a");
                var placeTask = _orders.PlaceAsync(new Order());
                await Task.WhenAll(loadTask, placeTask);
            }
            """));
    }

    [Fact]
    public async Task MixedShapes_KeepsOrderOfResults()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id, int count)
            {
                var user = {|ASYNC301:await _users.GetAsync(id)|};
                await _audit.LoadAsync("seen");
                count = await _orders.CountAsync(id);
                return user.Length + count;
            }
            """), InClass("""
            async Task<int> M(int id, int count)
            {
                var userTask = _users.GetAsync(id);
                var loadTask = _audit.LoadAsync("seen");
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, loadTask, countTask);
                var user = await userTask;
                count = await countTask;
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task GenericResults_KeepsTypeArguments()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M()
            {
                List<string> names = {|ASYNC301:await _users.ListAsync<string>(10)|};
                var ids = await _audit.ListAsync<int>(5);
                return names.Count + ids.Count;
            }
            """), InClass("""
            async Task<int> M()
            {
                var namesTask = _users.ListAsync<string>(10);
                var idsTask = _audit.ListAsync<int>(5);
                await Task.WhenAll(namesTask, idsTask);
                List<string> names = await namesTask;
                var ids = await idsTask;
                return names.Count + ids.Count;
            }
            """));
    }

    [Fact]
    public async Task ConfigureAwaitFalse_KeptOnWhenAllAndResults()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                var user = {|ASYNC301:await _users.GetAsync(id).ConfigureAwait(false)|};
                var count = await _orders.CountAsync(id).ConfigureAwait(false);
                return user.Length + count;
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                var userTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, countTask).ConfigureAwait(false);
                var user = await userTask.ConfigureAwait(false);
                var count = await countTask.ConfigureAwait(false);
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task ExpressionBody_NoFix()
    {
        // The tasks need statements before the expression: the user writes the block body first.
        await VerifyCS.VerifyNoFixAsync(InClass("""
            async Task<int> M(int id) => ({|ASYNC301:await _users.GetAsync(id)|}).Length + await _orders.CountAsync(id);
            """));
    }

    [Fact]
    public async Task MixedConfigureAwait_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(InClass("""
            async Task<int> M(int id)
            {
                var user = {|ASYNC301:await _users.GetAsync(id).ConfigureAwait(false)|};
                var count = await _orders.CountAsync(id);
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task CommentsBetweenStatements_StayWithTheirOperations()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                // The profile.
                var user = {|ASYNC301:await _users.GetAsync(id)|}; // may be slow

                // The basket.
                var count = await _orders.CountAsync(id);
                return user.Length + count;
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                // The profile.
                var userTask = _users.GetAsync(id); // may be slow

                // The basket.
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, countTask);
                var user = await userTask;
                var count = await countTask;
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task ValueTask_ConvertedWithAsTaskAndResultKept()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                var pending = {|ASYNC301:await _orders.PendingAsync(id)|};
                var user = await _users.GetAsync(id);
                return pending + user.Length;
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                var pendingTask = _orders.PendingAsync(id).AsTask();
                var userTask = _users.GetAsync(id);
                await Task.WhenAll(pendingTask, userTask);
                var pending = await pendingTask;
                var user = await userTask;
                return pending + user.Length;
            }
            """));
    }

    [Fact]
    public async Task NameInUse_PicksAFreeName()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id, int userTask)
            {
                var user = {|ASYNC301:await _users.GetAsync(id)|};
                var count = await _orders.CountAsync(id);
                return user.Length + count + userTask;
            }
            """), InClass("""
            async Task<int> M(int id, int userTask)
            {
                var userTask2 = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask2, countTask);
                var user = await userTask2;
                var count = await countTask;
                return user.Length + count + userTask;
            }
            """));
    }

    [Fact]
    public async Task SameMethodTwice_NamesTellTheReceiversApart()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task M()
            {
                {|ASYNC301:await _users.LoadAsync("a")|};
                await _audit.LoadAsync("b");
            }
            """), InClass("""
            async Task M()
            {
                var loadUsersTask = _users.LoadAsync("a");
                var loadAuditTask = _audit.LoadAsync("b");
                await Task.WhenAll(loadUsersTask, loadAuditTask);
            }
            """));
    }

    [Fact]
    public async Task TopLevelStatements_RewritesGlobalStatements()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                var first = {|ASYNC301:await File.ReadAllTextAsync("a.txt")|};
                var second = await File.ReadAllTextAsync("b.txt");
                System.Console.WriteLine(first + second);

                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                var firstTask = File.ReadAllTextAsync("a.txt");
                var secondTask = File.ReadAllTextAsync("b.txt");
                await Task.WhenAll(firstTask, secondTask);
                var first = await firstTask;
                var second = await secondTask;
                System.Console.WriteLine(first + second);

                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task NoTasksUsing_QualifiesTask()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            public class C
            {
                async System.Threading.Tasks.Task<int> M(IOrders a, IOrders b)
                {
                    var first = {|ASYNC301:await a.CountAsync(1)|};
                    var second = await b.CountAsync(2);
                    return first + second;
                }
            }

            public interface IOrders
            {
                System.Threading.Tasks.Task<int> CountAsync(int id);
            }
            """, """
            public class C
            {
                async System.Threading.Tasks.Task<int> M(IOrders a, IOrders b)
                {
                    var firstTask = a.CountAsync(1);
                    var secondTask = b.CountAsync(2);
                    await System.Threading.Tasks.Task.WhenAll(firstTask, secondTask);
                    var first = await firstTask;
                    var second = await secondTask;
                    return first + second;
                }
            }

            public interface IOrders
            {
                System.Threading.Tasks.Task<int> CountAsync(int id);
            }
            """);
    }

    [Fact]
    public async Task FixAllInDocument_RewritesEveryGroupInOnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(int id, bool again)
                {
                    var a = {|ASYNC301:await _users.GetAsync(id)|};
                    var b = await _orders.CountAsync(id);
                    Console.WriteLine(a + b);
                    var c = {|ASYNC301:await _users.GetAsync(b)|};
                    var d = await _orders.CountAsync(b);
                    if (again)
                    {
                        var e = {|ASYNC301:await _users.GetAsync(d)|};
                        var f = await _orders.CountAsync(d);
                    }
                }
                """),
            FixedCode = InClass("""
                async Task M(int id, bool again)
                {
                    var aTask = _users.GetAsync(id);
                    var bTask = _orders.CountAsync(id);
                    await Task.WhenAll(aTask, bTask);
                    var a = await aTask;
                    var b = await bTask;
                    Console.WriteLine(a + b);
                    var cTask = _users.GetAsync(b);
                    var dTask = _orders.CountAsync(b);
                    await Task.WhenAll(cTask, dTask);
                    var c = await cTask;
                    var d = await dTask;
                    if (again)
                    {
                        var eTask = _users.GetAsync(d);
                        var fTask = _orders.CountAsync(d);
                        await Task.WhenAll(eTask, fTask);
                        var e = await eTask;
                        var f = await fTask;
                    }
                }
                """),
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_RewritesEveryDocument()
    {
        var first = InClass("""
            async Task M(int id)
            {
                var a = {|ASYNC301:await _users.GetAsync(id)|};
                var b = await _orders.CountAsync(id);
            }
            """);
        var second = Usings + """
            public class D
            {
                async Task N(IUsers users, IOrders orders)
                {
                    {|ASYNC301:await users.LoadAsync("x")|};
                    await orders.PlaceAsync(new Order());
                }
            }
            """;
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { first, second } },
            FixedState =
            {
                Sources =
                {
                    InClass("""
                        async Task M(int id)
                        {
                            var aTask = _users.GetAsync(id);
                            var bTask = _orders.CountAsync(id);
                            await Task.WhenAll(aTask, bTask);
                            var a = await aTask;
                            var b = await bTask;
                        }
                        """),
                    Usings + """
                        public class D
                        {
                            async Task N(IUsers users, IOrders orders)
                            {
                                var loadTask = users.LoadAsync("x");
                                var placeTask = orders.PlaceAsync(new Order());
                                await Task.WhenAll(loadTask, placeTask);
                            }
                        }
                        """,
                },
            },
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task NameOfAnotherMethodsLocal_IsFreeHere()
    {
        // Names are unique among what is in scope, not across the file: Other's userTask does not make this one userTask2.
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<string> Other(int id)
            {
                var userTask = _users.GetAsync(id);
                return await userTask;
            }

            async Task<int> M(int id)
            {
                var user = {|ASYNC301:await _users.GetAsync(id)|};
                var count = await _orders.CountAsync(id);
                return user.Length + count;
            }
            """), InClass("""
            async Task<string> Other(int id)
            {
                var userTask = _users.GetAsync(id);
                return await userTask;
            }

            async Task<int> M(int id)
            {
                var userTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask, countTask);
                var user = await userTask;
                var count = await countTask;
                return user.Length + count;
            }
            """));
    }

    [Fact]
    public async Task LocalDeclaredLaterInTheBlock_TakesTheNameAway()
    {
        await VerifyCS.VerifyCodeFixAsync(InClass("""
            async Task<int> M(int id)
            {
                var user = {|ASYNC301:await _users.GetAsync(id)|};
                var count = await _orders.CountAsync(id);
                var userTask = user.Length;
                return userTask + count;
            }
            """), InClass("""
            async Task<int> M(int id)
            {
                var userTask2 = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                await Task.WhenAll(userTask2, countTask);
                var user = await userTask2;
                var count = await countTask;
                var userTask = user.Length;
                return userTask + count;
            }
            """));
    }

    [Fact]
    public async Task FixAll_GroupInALambdaAndTwoGroups_OnePassInEveryScope()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<int> M(int id, int other, Func<Func<Task<int>>, Task<int>> run)
                {
                    var user = {|ASYNC301:await _users.GetAsync(id)|};
                    var count = await _orders.CountAsync(id);
                    var inner = await run(async () =>
                    {
                        var user = {|ASYNC301:await _users.GetAsync(count)|};
                        var pending = await _orders.CountAsync(count);
                        return user.Length + pending;
                    });
                    var otherUser = {|ASYNC301:await _users.GetAsync(other)|};
                    var otherCount = await _orders.CountAsync(other);
                    return user.Length + count + inner + otherUser.Length + otherCount;
                }
                """),
            FixedCode = InClass("""
                async Task<int> M(int id, int other, Func<Func<Task<int>>, Task<int>> run)
                {
                    var userTask = _users.GetAsync(id);
                    var countTask = _orders.CountAsync(id);
                    await Task.WhenAll(userTask, countTask);
                    var user = await userTask;
                    var count = await countTask;
                    var inner = await run(async () =>
                    {
                        var userTask2 = _users.GetAsync(count);
                        var pendingTask = _orders.CountAsync(count);
                        await Task.WhenAll(userTask2, pendingTask);
                        var user = await userTask2;
                        var pending = await pendingTask;
                        return user.Length + pending;
                    });
                    var otherUserTask = _users.GetAsync(other);
                    var otherCountTask = _orders.CountAsync(other);
                    await Task.WhenAll(otherUserTask, otherCountTask);
                    var otherUser = await otherUserTask;
                    var otherCount = await otherCountTask;
                    return user.Length + count + inner + otherUser.Length + otherCount;
                }
                """),
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
