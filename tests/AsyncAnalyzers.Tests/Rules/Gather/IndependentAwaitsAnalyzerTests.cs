using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static AsyncAnalyzers.Tests.Rules.Gather.GatherTestCode;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Gather.IndependentAwaitsAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Gather;

public class IndependentAwaitsAnalyzerTests
{
    /// <summary>Three services that answer for one product key, as members of the class under test.</summary>
    private const string Shop = """

            private readonly ICatalog _catalog;
            private readonly IPricing _pricing;
            private readonly IInventory _inventory;

            public interface ICatalog { Task<string> GetProductAsync(string sku, CancellationToken ct); Task<string> GetOrAddAsync(string sku); }
            public interface IPricing { Task<decimal> GetPriceAsync(string sku, CancellationToken ct); Task HandleAsync(string sku); Task UpdatePriceAsync(string sku, decimal price); }
            public interface IInventory { Task<int> GetStockLevelAsync(string sku, CancellationToken ct); }
        """;

    private static DiagnosticResult Group(int count) => VerifyCS.Diagnostic("ASYNC301").WithLocation(0).WithLocation(1).WithArguments(count, "'GetAsync', 'CountAsync'");

    private static DiagnosticResult Locations(string names, params int[] markers)
    {
        var result = VerifyCS.Diagnostic("ASYNC301");
        foreach (var marker in markers)
        {
            result = result.WithLocation(marker);
        }

        return result.WithArguments(markers.Length, names);
    }

    [Fact]
    public async Task SameKeyReadFromDifferentServices_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(string sku, CancellationToken ct)
            {
                var product = {|#0:await _catalog.GetProductAsync(sku, ct)|};
                var price = {|#1:await _pricing.GetPriceAsync(sku, ct)|};
                var stock = {|#2:await _inventory.GetStockLevelAsync(sku, ct)|};
                return product + price + stock;
            }
            """ + Shop), Locations("'GetProductAsync', 'GetPriceAsync', 'GetStockLevelAsync'", 0, 1, 2));
    }

    [Fact]
    public async Task SameUrlReadThroughTwoClients_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly HttpClient _mirror;

            async Task<int> M(string url)
            {
                var page = {|#0:await _http.GetStringAsync(url)|};
                var copy = {|#1:await _mirror.GetStringAsync(url)|};
                return page.Length + copy.Length;
            }
            """), Locations("'GetStringAsync', 'GetStringAsync'", 0, 1));
    }

    [Fact]
    public async Task SameKeyReadTwiceFromOneService_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(string url)
            {
                var page = await _http.GetStringAsync(url);
                var again = await _http.GetStringAsync(url);
                return page.Length + again.Length;
            }
            """));
    }

    [Fact]
    public async Task SameKeyDifferentReadsFromOneService_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IBilling _billing;

            async Task<string> M(string accountNumber, CancellationToken ct)
            {
                var invoices = {|#0:await _billing.GetOpenInvoicesAsync(accountNumber, ct)|};
                var balance = {|#1:await _billing.GetBalanceAsync(accountNumber, ct)|};
                return invoices + balance;
            }

            public interface IBilling
            {
                Task<string> GetOpenInvoicesAsync(string accountNumber, CancellationToken ct);
                Task<decimal> GetBalanceAsync(string accountNumber, CancellationToken ct);
            }

            public sealed class Billing(HttpClient http) : IBilling
            {
                public Task<string> GetOpenInvoicesAsync(string accountNumber, CancellationToken ct) => http.GetStringAsync("invoices/" + accountNumber, ct);
                public async Task<decimal> GetBalanceAsync(string accountNumber, CancellationToken ct) => decimal.Parse(await http.GetStringAsync("balance/" + accountNumber, ct));
            }
            """), Locations("'GetOpenInvoicesAsync', 'GetBalanceAsync'", 0, 1));
    }

    [Fact]
    public async Task SameKeyReadThenUnknownVerb_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(string sku, CancellationToken ct)
            {
                var product = await _catalog.GetProductAsync(sku, ct);
                await _pricing.HandleAsync(sku);
                return product;
            }
            """ + Shop));
    }

    [Fact]
    public async Task SameKeyWrittenThenReadFromAnotherService_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<decimal> M(string sku, CancellationToken ct)
            {
                await _pricing.UpdatePriceAsync(sku, 10m);
                var stock = await _inventory.GetStockLevelAsync(sku, ct);
                return stock;
            }
            """ + Shop));
    }

    [Fact]
    public async Task SameKeyGetOrAddThenRead_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<decimal> M(string sku, CancellationToken ct)
            {
                var product = await _catalog.GetOrAddAsync(sku);
                var price = await _pricing.GetPriceAsync(sku, ct);
                return product.Length + price;
            }
            """ + Shop));
    }

    [Fact]
    public async Task SameUrlPostedThenReadThroughAnotherClient_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly HttpClient _mirror;

            async Task<int> M(string url)
            {
                await _http.PostAsync(url, null);
                var copy = await _mirror.GetStringAsync(url);
                return copy.Length;
            }
            """));
    }

    private const string GridReaderLibrary = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Dapper
        {
            public static class SqlMapper
            {
                public class GridReader
                {
                    public Task<IEnumerable<T>> ReadAsync<T>() => Task.FromResult<IEnumerable<T>>(new List<T>());
                }
            }
        }
        """;

    private static async Task VerifyWithGridReaderAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalProjects["Dapper"].Sources.Add(GridReaderLibrary);
        test.TestState.AdditionalProjectReferences.Add("Dapper");
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadsOfOneMultiResultReader_NoDiagnostic()
    {
        // Each ReadAsync of a multi-result query reads the next result set: the order of the calls is the order of the sets.
        await VerifyWithGridReaderAsync("""
            using System.Linq;
            using System.Threading.Tasks;

            class Repository
            {
                async Task<int> LoadAsync(Dapper.SqlMapper.GridReader result)
                {
                    var matchedOuts = await result.ReadAsync<int>();
                    var matchedIns = await result.ReadAsync<int>();
                    return matchedOuts.Count() + matchedIns.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task ReadsOfOneLibraryServiceNotNamedReader_ReportsTheAssumption()
    {
        // The same library type under a name that says nothing of order stays an unknown receiver.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading.Tasks;

                class Repository
                {
                    async Task<int> LoadAsync(Dapper.SqlMapper.GridReader result)
                    {
                        var matchedOuts = {|#0:await result.ReadAsync<int>()|};
                        var matchedIns = {|#1:await result.ReadAsync<int>()|};
                        return matchedOuts.Count() + matchedIns.Count();
                    }
                }
                """.Replace("GridReader", "Lookups"),
        };
        test.TestState.AdditionalProjects["Dapper"].Sources.Add(GridReaderLibrary.Replace("GridReader", "Lookups"));
        test.TestState.AdditionalProjectReferences.Add("Dapper");
        test.ExpectedDiagnostics.Add(Locations("'ReadAsync', 'ReadAsync'; if 'Lookups' allows concurrent calls", 0, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadsFromOneUnknownReceiverAssumedSafe_ReportsTheAssumption()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<int> M(int id, int other)
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var friend = {|#1:await _users.GetAsync(other)|};
                    return name.Length + friend.Length;
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.unknown_receivers = assume_safe",
            ExpectedDiagnostics = { Locations("'GetAsync', 'GetAsync'; if 'IUsers' allows concurrent calls", 0, 1) },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadsFromTwoUnknownReceiversAssumedSafe_NamesNoAssumption()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<int> M(int id)
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var count = {|#1:await _orders.CountAsync(id)|};
                    return name.Length + count;
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.unknown_receivers = assume_safe",
            ExpectedDiagnostics = { Group(2) },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task WritesThroughOneUnknownReceiverAssumedSafe_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M()
                {
                    await _users.SaveAsync("a");
                    await _users.SaveAsync("b");
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.unknown_receivers = assume_safe",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadsFromOneServiceWithSafeImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IPages _pages;

            async Task<int> M(string a, string b)
            {
                var first = {|#0:await _pages.FetchAsync(a)|};
                var second = {|#1:await _pages.FetchAsync(b)|};
                return first.Length + second.Length;
            }

            public interface IPages { Task<string> FetchAsync(string url); }

            public sealed class Pages : IPages
            {
                private readonly HttpClient _http;

                public Pages(HttpClient http) => _http = http;

                public Task<string> FetchAsync(string url) => _http.GetStringAsync(url);
            }
            """), Locations("'FetchAsync', 'FetchAsync'", 0, 1));
    }

    [Fact]
    public async Task ImplementationHoldingUnsafeResource_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IRows _left;
            private readonly IRows _right;

            async Task<int> M(string a, string b)
            {
                var first = await _left.FindAsync(a);
                var second = await _right.FindAsync(b);
                return first + second;
            }

            public interface IRows { Task<int> FindAsync(string key); }

            public sealed class Rows : IRows
            {
                private readonly System.Data.Common.DbConnection _connection;

                public Rows(System.Data.Common.DbConnection connection) => _connection = connection;

                public Task<int> FindAsync(string key) => Task.FromResult(_connection.State == System.Data.ConnectionState.Open ? 1 : 0);
            }
            """));
    }

    [Fact]
    public async Task AwaitsAsOperandsOfOneExpression_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                var balance = ({|#0:await _users.GetAsync(id)|}).Length - {|#1:await _orders.PendingAsync(id)|};
                return balance;
            }
            """), Locations("'GetAsync', 'PendingAsync'", 0, 1));
    }

    [Fact]
    public async Task AwaitsAsArgumentsOfNew_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Tuple<string, int>> M(int id)
            {
                return new Tuple<string, int>({|#0:await _users.GetAsync(id)|}, {|#1:await _orders.CountAsync(id)|});
            }
            """), Group(2));
    }

    [Fact]
    public async Task GroupInsideIfBlock_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, bool details)
            {
                if (details)
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var count = {|#1:await _orders.CountAsync(id)|};
                    return name.Length + count;
                }

                return 0;
            }
            """), Group(2));
    }

    [Fact]
    public async Task DependentAwaitsInOneExpression_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                return await _orders.CountAsync(id) + await _orders.PendingAsync(id);
            }
            """));
    }

    [Fact]
    public async Task AwaitsOnBothSidesOfAnd_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<bool> M(int id)
            {
                var both = await _orders.CountAsync(id) > 0 && await _audit.GetAsync(id) != null;
                return both;
            }
            """));
    }

    [Fact]
    public async Task AwaitsInConditionalExpression_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, bool flag)
            {
                var value = flag ? await _orders.CountAsync(id) : (await _users.GetAsync(id)).Length;
                return value + (await _orders.CountAsync(id) > 0 ? 1 : (await _users.GetAsync(id)).Length);
            }
            """));
    }

    [Fact]
    public async Task AwaitsAroundASideEffect_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private int _calls;

            async Task<int> M(int id)
            {
                var sum = await _orders.CountAsync(id) + _calls++ + await _audit.GetAsync(id).ContinueWith(t => 1);
                return sum;
            }
            """));
    }

    [Fact]
    public async Task WriteThenUnrelatedRead_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                await _users.SaveAsync("a");
                var count = await _orders.CountAsync(id);
                return count;
            }
            """));
    }

    [Fact]
    public async Task ReadThenUnrelatedWrite_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                var count = await _orders.CountAsync(id);
                await _audit.SaveAsync("b");
                return count;
            }
            """));
    }

    [Fact]
    public async Task TwoWritesOnDifferentServices_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M()
            {
                await _users.SaveAsync("a");
                await _audit.SaveAsync("b");
            }
            """));
    }

    [Fact]
    public async Task TwoDeclarationsOnDifferentReceivers_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                var name = {|#0:await _users.GetAsync(id)|};
                var count = {|#1:await _orders.CountAsync(id)|};
                return name.Length + count;
            }
            """), Group(2));
    }

    [Fact]
    public async Task ThreeDeclarations_ReportsOnceWithCount()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var name = {|#0:await _users.GetAsync(id)|};
                var count = {|#1:await _orders.CountAsync(id)|};
                var audit = {|#2:await _audit.GetAsync(id)|};
            }
            """), Locations("'GetAsync', 'CountAsync', 'GetAsync'", 0, 1, 2));
    }

    [Fact]
    public async Task ExpressionStatementsWithoutResults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M()
            {
                {|#0:await _users.LoadAsync("a")|};
                {|#1:await _audit.LoadAsync("b")|};
            }
            """), Locations("'LoadAsync', 'LoadAsync'", 0, 1));
    }

    [Fact]
    public async Task AssignmentsToExistingLocals_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                string name;
                int count;
                name = {|#0:await _users.GetAsync(id)|};
                count = {|#1:await _orders.CountAsync(id)|};
                return name.Length + count;
            }
            """), Group(2));
    }

    [Fact]
    public async Task MixedShapes_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, int count)
            {
                var name = {|#0:await _users.GetAsync(id)|};
                {|#1:await _audit.LoadAsync("seen")|};
                count = {|#2:await _orders.CountAsync(id)|};
                return name.Length + count;
            }
            """), Locations("'GetAsync', 'LoadAsync', 'CountAsync'", 0, 1, 2));
    }

    [Fact]
    public async Task ExplicitTypesAndConversions_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<object> M(int id)
            {
                object name = {|#0:await _users.GetAsync(id)|};
                long count = {|#1:await _orders.CountAsync(id)|};
                return name.ToString() + count;
            }
            """), Group(2));
    }

    [Fact]
    public async Task ConfigureAwaitFalse_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                var name = {|#0:await _users.GetAsync(id).ConfigureAwait(false)|};
                var count = {|#1:await _orders.CountAsync(id).ConfigureAwait(false)|};
                return name.Length + count;
            }
            """), Group(2));
    }

    [Fact]
    public async Task ValueTask_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async ValueTask<int> M(int id)
            {
                var pending = {|#0:await _orders.PendingAsync(id)|};
                var name = {|#1:await _users.GetAsync(id)|};
                return pending + name.Length;
            }
            """), Locations("'PendingAsync', 'GetAsync'", 0, 1));
    }

    [Fact]
    public async Task GenericResults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M()
            {
                List<string> names = {|#0:await _users.ListAsync<string>(10)|};
                var ids = {|#1:await _audit.ListAsync<int>(5)|};
                return names.Count + ids.Count;
            }
            """), Locations("'ListAsync', 'ListAsync'", 0, 1));
    }

    [Fact]
    public async Task AsyncLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Task<int> M(int id)
            {
                return Local();

                async Task<int> Local()
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var count = {|#1:await _orders.CountAsync(id)|};
                    return name.Length + count;
                }
            }
            """), Group(2));
    }

    [Fact]
    public async Task AsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Func<int, Task<int>> M() => async id =>
            {
                var name = {|#0:await _users.GetAsync(id)|};
                var count = {|#1:await _orders.CountAsync(id)|};
                return name.Length + count;
            };
            """), Group(2));
    }

    [Fact]
    public async Task AnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Func<int, Task<int>> M() => async delegate (int id)
            {
                var name = {|#0:await _users.GetAsync(id)|};
                var count = {|#1:await _orders.CountAsync(id)|};
                return name.Length + count;
            };
            """), Group(2));
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                var first = {|#0:await File.ReadAllTextAsync("a.txt")|};
                var second = {|#1:await File.ReadAllTextAsync("b.txt")|};
                System.Console.WriteLine(first + second);
                """,
            ExpectedDiagnostics = { Locations("'ReadAllTextAsync', 'ReadAllTextAsync'", 0, 1) },
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task HttpClientSameInstance_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(CancellationToken ct)
            {
                var page = {|#0:await _http.GetStringAsync("https://example.com/a", ct)|};
                var other = {|#1:await _http.GetStringAsync("https://example.com/b", ct)|};
                return page.Length + other.Length;
            }
            """), Locations("'GetStringAsync', 'GetStringAsync'", 0, 1));
    }

    [Fact]
    public async Task FileReadsOfDifferentPaths_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(string dir)
            {
                var settings = {|#0:await File.ReadAllTextAsync(Path.Combine(dir, "settings.json"))|};
                var secrets = {|#1:await File.ReadAllTextAsync(Path.Combine(dir, "secrets.json"))|};
                return settings.Length + secrets.Length;
            }
            """), Locations("'ReadAllTextAsync', 'ReadAllTextAsync'", 0, 1));
    }

    [Fact]
    public async Task ExtensionMethodsOnDifferentReceivers_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M()
            {
                var first = {|#0:await _users.FirstNameAsync()|};
                var second = {|#1:await _audit.FirstNameAsync()|};
                return first.Length + second.Length;
            }
            """) + """

            public static class UsersExtensions
            {
                public static Task<string> FirstNameAsync(this IUsers users) => users.GetAsync(1);
            }
            """, Locations("'FirstNameAsync', 'FirstNameAsync'", 0, 1));
    }

    [Fact]
    public async Task SharedValueArguments_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(Order order, CancellationToken ct)
            {
                var name = {|#0:await _users.GetAsync(order.Id + 1, ct)|};
                var count = {|#1:await _orders.CountAsync(order.Id, ct)|};
                return name.Length + count;
            }
            """), Group(2));
    }

    [Fact]
    public async Task ConfiguredSafeTypeSameInstance_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<int> M(int id)
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var other = {|#1:await _users.GetAsync(id + 1)|};
                    return name.Length + other.Length;
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.concurrent_safe_types = T:IUsers",
            ExpectedDiagnostics = { Locations("'GetAsync', 'GetAsync'", 0, 1) },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task PropertyAndParameterReceivers_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            IUsers Users { get; }

            async Task<int> M(IOrders orders, int id)
            {
                var name = {|#0:await Users.GetAsync(id)|};
                var count = {|#1:await orders.CountAsync(id)|};
                return name.Length + count;
            }
            """), Group(2));
    }

    [Fact]
    public async Task TwoGroupsSeparatedByStatement_ReportsTwice()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var a = {|#0:await _users.GetAsync(id)|};
                var b = {|#1:await _orders.CountAsync(id)|};
                Console.WriteLine(a + b);
                var c = {|#2:await _users.GetAsync(b)|};
                var d = {|#3:await _orders.CountAsync(b)|};
            }
            """), Locations("'GetAsync', 'CountAsync'", 0, 1), Locations("'GetAsync', 'CountAsync'", 2, 3));
    }

    [Fact]
    public async Task DependentThirdStatement_ReportsTheIndependentPair()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var name = {|#0:await _users.GetAsync(id)|};
                var count = {|#1:await _orders.CountAsync(id)|};
                await _audit.SaveAsync(name);
            }
            """), Group(2));
    }

    [Fact]
    public async Task InsideTryWhoseCatchIgnoresResults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                try
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var count = {|#1:await _orders.CountAsync(id)|};
                    return name.Length + count;
                }
                catch (HttpRequestException)
                {
                    return -1;
                }
            }
            """), Group(2));
    }

    [Fact]
    public async Task NestedBlock_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, bool load)
            {
                if (load)
                {
                    var name = {|#0:await _users.GetAsync(id)|};
                    var count = {|#1:await _orders.CountAsync(id)|};
                    return name.Length + count;
                }

                return 0;
            }
            """), Group(2));
    }

    [Fact]
    public async Task ArgumentsBuiltFromValues_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id, string prefix)
            {
                {|#0:await _users.LoadAsync($"{prefix}-{id}")|};
                {|#1:await _orders.PlaceAsync(new Order { Id = id })|};
            }
            """), Locations("'LoadAsync', 'PlaceAsync'", 0, 1));
    }

    [Fact]
    public async Task SingleAwait_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(int id)
            {
                var name = await _users.GetAsync(id);
                return name;
            }
            """));
    }

    [Fact]
    public async Task ResultUsedByNextCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var name = await _users.GetAsync(id);
                await _audit.SaveAsync(name);
            }
            """));
    }

    [Fact]
    public async Task AssignedLocalUsedByNextCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(int id)
            {
                id = await _orders.CountAsync(id);
                return await _users.GetAsync(id);
            }
            """));
    }

    [Fact]
    public async Task ResultMemberUsedByNextCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var names = await _users.ListAsync<string>(id);
                var count = await _orders.CountAsync(names.Count);
            }
            """));
    }

    [Fact]
    public async Task StatementBetween_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var name = await _users.GetAsync(id);
                Console.WriteLine("loaded");
                var count = await _orders.CountAsync(id);
            }
            """));
    }

    [Fact]
    public async Task SameReceiverOfUnknownType_NoDiagnostic()
    {
        // With the assumption switched off, one receiver without evidence is called in order.
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(int id)
                {
                    var name = await _users.GetAsync(id);
                    var other = await _users.GetAsync(id + 1);
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.unknown_receivers = assume_unsafe",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadsFromOneUnknownReceiverByDefault_ReportsTheAssumption()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, int other)
            {
                var name = {|#0:await _users.GetAsync(id)|};
                var friend = {|#1:await _users.GetAsync(other)|};
                return name.Length + friend.Length;
            }
            """), Locations("'GetAsync', 'GetAsync'; if 'IUsers' allows concurrent calls", 0, 1));
    }

    [Fact]
    public async Task ReadsFromOneUnknownParameterByDefault_ReportsTheAssumption()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(IUsers directory, int id, int other)
            {
                var name = {|#0:await directory.GetAsync(id).ConfigureAwait(false)|};
                var friend = {|#1:await directory.GetAsync(other).ConfigureAwait(false)|};
                return name.Length + friend.Length;
            }
            """), Locations("'GetAsync', 'GetAsync'; if 'IUsers' allows concurrent calls", 0, 1));
    }

    [Fact]
    public async Task ServiceCachingItsConnection_NoDiagnostic()
    {
        // The only implementation keeps the connection it opens on first use in a field: one instance cannot serve two reads at once.
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IBuilds _builds;

            async Task<int> M()
            {
                var main = await _builds.GetMainBuildsAsync();
                var platform = await _builds.GetPlatformBuildsAsync();
                return main.Length + platform.Length;
            }

            public interface IBuilds
            {
                Task<string> GetMainBuildsAsync();
                Task<string> GetPlatformBuildsAsync();
            }

            public sealed class Builds : IBuilds
            {
                private System.IO.StreamReader? _openReader;

                public async Task<string> GetMainBuildsAsync() => await Open().ReadLineAsync() ?? "";
                public async Task<string> GetPlatformBuildsAsync() => await Open().ReadLineAsync() ?? "";
                private System.IO.StreamReader Open() => _openReader ??= new System.IO.StreamReader("builds.txt");
            }
            """));
    }

    [Fact]
    public async Task ServiceWithUnresolvedField_NoDiagnostic()
    {
        // The field's type did not resolve (a missing package): it may be a connection, so nothing is assumed.
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IBuilds _builds;

            async Task<int> M()
            {
                var main = await _builds.GetMainBuildsAsync();
                var platform = await _builds.GetPlatformBuildsAsync();
                return main.Length + platform.Length;
            }

            public interface IBuilds
            {
                Task<string> GetMainBuildsAsync();
                Task<string> GetPlatformBuildsAsync();
            }

            public sealed class Builds : IBuilds
            {
                private readonly {|CS0246:MySqlConnection|} _connection;

                public Builds({|CS0246:MySqlConnection|} connection) => _connection = connection;
                public Task<string> GetMainBuildsAsync() => Task.FromResult(_connection.ToString()!);
                public Task<string> GetPlatformBuildsAsync() => System.IO.File.ReadAllTextAsync("platform.txt");
            }
            """));
    }

    [Fact]
    public async Task CallsOnThis_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Task<int> LoadAAsync() => Task.FromResult(1);
            Task<int> LoadBAsync() => Task.FromResult(2);

            async Task<int> M()
            {
                var a = await LoadAAsync();
                var b = await this.LoadBAsync();
                return a + b;
            }
            """));
    }

    [Fact]
    public async Task CallOnThisAndOnField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task<int> M(int id)
            {
                var a = await LoadAsync();
                var b = await _orders.CountAsync(id);
                return a + b;
            }
            """));
    }

    [Fact]
    public async Task StaticMethodsOfSameUnknownType_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            static Task<int> LoadAAsync() => Task.FromResult(1);
            static Task<int> LoadBAsync() => Task.FromResult(2);

            async Task<int> M()
            {
                var a = await LoadAAsync();
                var b = await LoadBAsync();
                return a + b;
            }
            """));
    }

    [Fact]
    public async Task SharedMutableArgument_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(Order order, List<int> ids)
            {
                await _orders.PlaceAsync(order);
                await _users.SaveAsync(order.Id.ToString());
            }
            """));
    }

    [Fact]
    public async Task MembersOfSameField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly Db _db;

            async Task M(int id)
            {
                var name = await _db.Users.GetAsync(id);
                var count = await _db.Orders.CountAsync(id);
            }
            """) + """

            public class Db
            {
                public IUsers Users { get; }
                public IOrders Orders { get; }
            }
            """);
    }

    [Fact]
    public async Task StreamReceivers_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(Stream input, Stream output, byte[] header, byte[] footer)
            {
                await input.FlushAsync();
                await output.WriteAsync(footer, 0, footer.Length);
                await output.WriteAsync(header, 0, header.Length);
            }
            """));
    }

    // The EF Core surface of the ASYNC103 tests (DbContext.Set, DbSet, AsNoTracking, LongCountAsync, ToArrayAsync), as a library.
    private static async Task VerifyWithEfCoreAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalProjects["EfCore"].Sources.Add(Blocking.SyncApiWithAsyncCounterpartAnalyzerTests.EfCoreLibrary);
        test.TestState.AdditionalProjectReferences.Add("EfCore");
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private const string EfCoreQueries = """
        namespace Repositories
        {
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public class DeletedMessage { public ulong GuildId { get; set; } public ulong MessageId { get; set; } }

            public static class DeletedMessageCriteria
            {
                public static IQueryable<DeletedMessage> FilterBy(this IQueryable<DeletedMessage> query, ulong? guildId) =>
                    guildId is null ? query : query.Where(x => x.GuildId == guildId);
            }

            public class RecordsPage
            {
                public long TotalRecordCount { get; set; }
                public long FilteredRecordCount { get; set; }
                public DeletedMessage[] Records { get; set; } = new DeletedMessage[0];
            }

            public class DeletedMessageRepository
            {
                private readonly DbContext _context = new DbContext();

                public async Task<RecordsPage> SearchAsync(ulong? guildId)
                {
                    var sourceQuery = SOURCE;
                    var filteredQuery = sourceQuery.FilterBy(guildId);
                    var pagedQuery = filteredQuery.OrderBy(x => x.MessageId).Take(20);
                    return new RecordsPage
                    {
                        TotalRecordCount = MARK0await sourceQuery.LongCountAsync()END0,
                        FilteredRecordCount = MARK1await filteredQuery.LongCountAsync()END1,
                        Records = await pagedQuery.ToArrayAsync(),
                    };
                }
            }
        }
        """;

    [Fact]
    public async Task QueriesOfOneContextThroughOperatorChains_NoDiagnostic()
    {
        // A moderation bot pages its deleted messages: three queries of one DbContext, reached through AsNoTracking and the
        // project's own FilterBy. EF Core throws when a second operation starts on a context before the first ends.
        await VerifyWithEfCoreAsync(EfCoreQueries.Replace("SOURCE", "_context.Set<DeletedMessage>().AsNoTracking()").Replace("MARK0", "").Replace("END0", "").Replace("MARK1", "").Replace("END1", ""));
    }

    [Fact]
    public async Task QueriesOfInMemoryListThroughOperatorChains_Reports()
    {
        // The same page over a list in memory: no context, nothing shared.
        await VerifyWithEfCoreAsync(
            EfCoreQueries.Replace("SOURCE", "new System.Collections.Generic.List<DeletedMessage>().AsQueryable()")
                .Replace("MARK0", "{|#0:").Replace("END0", "|}").Replace("MARK1", "{|#1:").Replace("END1", "|}")
                .Replace("Records = await pagedQuery.ToArrayAsync()", "Records = {|#2:await pagedQuery.ToArrayAsync()|}"),
            VerifyCS.Diagnostic("ASYNC301").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(3, "'LongCountAsync', 'LongCountAsync', 'ToArrayAsync'"));
    }

    [Fact]
    public async Task DbConnectionAndCommand_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(System.Data.Common.DbConnection connection, System.Data.Common.DbCommand command)
            {
                await connection.OpenAsync();
                var rows = await command.ExecuteNonQueryAsync();
            }
            """));
    }

    [Fact]
    public async Task SemaphoreAcquireThenWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly SemaphoreSlim _gate = new(1);

            async Task M(int id)
            {
                await _gate.WaitAsync();
                var name = await _users.GetAsync(id);
                _gate.Release();
            }
            """));
    }

    [Fact]
    public async Task TextWriterWrites_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(TextWriter log, TextWriter report)
            {
                await log.WriteLineAsync("first");
                await report.WriteLineAsync("second");
            }
            """));
    }

    [Fact]
    public async Task ConfiguredUnsafeType_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<int> M(int id)
                {
                    var name = await _users.GetAsync(id);
                    var count = await _orders.CountAsync(id);
                    return name.Length + count;
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.unsafe_types = T:IOrders",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CommitThenPublish_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IUnitOfWork unitOfWork, int id)
            {
                await unitOfWork.CommitAsync();
                await _users.SaveAsync("placed");
            }
            """) + """

            public interface IUnitOfWork
            {
                Task CommitAsync();
            }
            """);
    }

    [Fact]
    public async Task TaskDelay_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                await Task.Delay(100);
                var name = await _users.GetAsync(id);
            }
            """));
    }

    [Fact]
    public async Task TaskDelayZeroAndYield_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M()
            {
                await Task.Delay(0);
                await Task.Yield();
                await Task.Delay(TimeSpan.Zero);
            }
            """));
    }

    [Fact]
    public async Task CompletedTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M()
            {
                var a = await Task.FromResult(1);
                await Task.CompletedTask;
                var b = await new ValueTask<int>(2);
                return a + b;
            }
            """));
    }

    [Fact]
    public async Task AwaitOfStartedTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                var nameTask = _users.GetAsync(id);
                var countTask = _orders.CountAsync(id);
                var name = await nameTask;
                var count = await countTask;
                return name.Length + count;
            }
            """));
    }

    [Fact]
    public async Task WhenAllInSequence_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(Task a, Task b, Task c)
            {
                await Task.WhenAll(a, b);
                await Task.WhenAny(c);
                await Task.Run(() => Console.WriteLine());
            }
            """));
    }

    [Fact]
    public async Task AwaitForeachBetween_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id, IAsyncEnumerable<int> items)
            {
                var name = await _users.GetAsync(id);
                await foreach (var item in items)
                {
                }

                var count = await _orders.CountAsync(id);
            }
            """));
    }

    [Fact]
    public async Task AwaitUsingBetween_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id, IAsyncDisposable resource)
            {
                var name = await _users.GetAsync(id);
                await using var scope = resource;
                var count = await _orders.CountAsync(id);
            }
            """));
    }

    [Fact]
    public async Task LambdaArgument_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IJobs jobs, IJobs other, int id)
            {
                await jobs.RunAsync(() => id++);
                await other.RunAsync(() => id++);
            }
            """) + """

            public interface IJobs
            {
                Task RunAsync(Func<int> work);
            }
            """);
    }

    [Fact]
    public async Task MethodCallInArgument_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            int Next() => 1;

            async Task M()
            {
                var name = await _users.GetAsync(Next());
                var count = await _orders.CountAsync(Next());
            }
            """));
    }

    [Fact]
    public async Task AwaitInsideArgument_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id)
            {
                var name = await _users.GetAsync(await _orders.CountAsync(id));
                var count = await _orders.CountAsync(id);
            }
            """));
    }

    [Fact]
    public async Task LocalFunctionCalls_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M()
            {
                var total = 0;
                var a = await AddAsync(1);
                var b = await AddAsync(2);
                return a + b;

                Task<int> AddAsync(int value) => Task.FromResult(total += value);
            }
            """));
    }

    [Fact]
    public async Task DelegateInvocations_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(Func<Task> first, Func<Task> second)
            {
                await first();
                await second();
            }
            """));
    }

    [Fact]
    public async Task PostThenGetOfSameUrl_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(string url)
            {
                await _http.PostAsync(url, null);
                var page = await _http.GetStringAsync(url);
                return page;
            }
            """));
    }

    [Fact]
    public async Task FileWriteThenReadOfSamePath_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(string path)
            {
                await File.WriteAllTextAsync(path, "x");
                var text = await File.ReadAllTextAsync(path);
                return text;
            }
            """));
    }

    [Fact]
    public async Task SameKeyThroughDifferentReceivers_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string name)
            {
                await _users.SaveAsync(name);
                await _audit.SaveAsync(name);
            }
            """));
    }

    [Fact]
    public async Task TryWithCatchReadingResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                string name = null;
                int count = 0;
                try
                {
                    name = await _users.GetAsync(id);
                    count = await _orders.CountAsync(id);
                }
                catch (Exception)
                {
                    Console.WriteLine(name);
                }

                return count;
            }
            """));
    }

    [Fact]
    public async Task TryCatchingCancellation_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id, CancellationToken ct)
            {
                try
                {
                    await _users.GetAsync(id, ct);
                    await _orders.CountAsync(id, ct);
                }
                catch (OperationCanceledException)
                {
                }
            }
            """));
    }

    [Fact]
    public async Task FinallyReadingResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int id, int count)
            {
                try
                {
                    await _users.SaveAsync("a");
                    count = await _orders.CountAsync(id);
                }
                finally
                {
                    Console.WriteLine(count);
                }
            }
            """));
    }

    [Fact]
    public async Task ExpressionBodyWithTwoAwaits_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id) => ({|#0:await _users.GetAsync(id)|}).Length + {|#1:await _orders.CountAsync(id)|};
            """), Locations("'GetAsync', 'CountAsync'", 0, 1));
    }

    [Fact]
    public async Task ExpressionBodyConstructorArguments_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<(string, int)> M(int id) => Pair(
                {|#0:await _users.GetAsync(id).ConfigureAwait(false)|},
                {|#1:await _orders.CountAsync(id).ConfigureAwait(false)|});

            static (string, int) Pair(string name, int count) => (name, count);
            """), Locations("'GetAsync', 'CountAsync'", 0, 1));
    }

    [Fact]
    public async Task ExpressionBodiedLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                return await Load();

                async Task<int> Load() => ({|#0:await _users.GetAsync(id)|}).Length + {|#1:await _orders.CountAsync(id)|};
            }
            """), Locations("'GetAsync', 'CountAsync'", 0, 1));
    }

    [Fact]
    public async Task ExpressionBodyWithDependentAwaits_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id) => await _orders.CountAsync((await _users.GetAsync(id)).Length);
            """));
    }

    [Fact]
    public async Task ExpressionBodiedLambdaWithTwoAwaits_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Func<int, Task<int>> M() => async id => (await _users.GetAsync(id)).Length + await _orders.CountAsync(id);
            """));
    }

    [Fact]
    public async Task ConditionalAwaits_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, bool load)
            {
                var name = load ? await _users.GetAsync(id) : "";
                var count = await _orders.CountAsync(id) + 1;
                return name.Length + count;
            }
            """));
    }

    [Fact]
    public async Task ConditionalAccessAwaits_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IUsers maybe, IUsers other)
            {
                await maybe?.SaveAsync("a");
                await other?.SaveAsync("b");
            }
            """));
    }

    [Fact]
    public async Task FieldTargets_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private string _name;
            private int _count;

            async Task M(int id)
            {
                _name = await _users.GetAsync(id);
                _count = await _orders.CountAsync(id);
            }
            """));
    }

    [Fact]
    public async Task SameLocalAssignedTwice_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id)
            {
                int count;
                count = await _orders.CountAsync(id);
                count = await _orders.CountAsync(id + 1);
                return count;
            }
            """));
    }

    [Fact]
    public async Task CompoundAssignments_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, IOrders other)
            {
                var total = 0;
                total += await _orders.CountAsync(id);
                total += await other.CountAsync(id);
                return total;
            }
            """));
    }

    [Fact]
    public async Task ReceiverIsCallResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            IUsers Create() => _users;

            async Task M(int id)
            {
                var a = await Create().GetAsync(id);
                var b = await Create().GetAsync(id);
            }
            """));
    }

    [Fact]
    public async Task CustomAwaitable_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(Source first, Source second)
            {
                await first.NextAsync();
                await second.NextAsync();
            }
            """) + """

            public sealed class Source
            {
                public System.Runtime.CompilerServices.YieldAwaitable NextAsync() => Task.Yield();
            }
            """);
    }

    [Fact]
    public async Task SharedArrayElement_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] names, IUsers other)
            {
                await _users.SaveAsync(names[0]);
                await other.SaveAsync(names[1]);
            }
            """));
    }

    [Fact]
    public async Task CallsWithoutInputsOrResults_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(GatherTestCode.Usings + """
            public interface IMigrator { Task MigrateAsync(CancellationToken ct); }
            public interface ISeeder { ValueTask SeedAsync(CancellationToken ct = default); }
            public class C
            {
                private readonly IMigrator _migrator;
                private readonly ISeeder _seeder;

                async Task M(CancellationToken ct)
                {
                    await _migrator.MigrateAsync(ct);
                    await _seeder.SeedAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task CallWithoutInputsWhoseResultIsDropped_NoDiagnostic()
    {
        // A backup pipeline's pause gate (real code): the item is read, then the gate holds the loop while the job is paused; the
        // gate takes nothing and its result is dropped, so it works only through state the analysis cannot see.
        await VerifyCS.VerifyAnalyzerAsync(GatherTestCode.Usings + """
            public interface IChannelReader<T> { Task<T> ReadAsync(); }
            public interface ITaskReader { Task<bool> ProgressRendezvousAsync(); }
            public class BlockProcessor
            {
                private readonly IChannelReader<string> _input;
                private readonly ITaskReader _taskReader;
                private readonly List<string> _seen = new();

                async Task RunAsync()
                {
                    while (true)
                    {
                        var entry = await _input.ReadAsync().ConfigureAwait(false);
                        await _taskReader.ProgressRendezvousAsync().ConfigureAwait(false);
                        _seen.Add(entry);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CallsWithoutInputsButWithResults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(GatherTestCode.Usings + """
            public interface IClock { Task<DateTime> NowAsync(CancellationToken ct); }
            public interface IQuota { Task<int> RemainingAsync(CancellationToken ct); }
            public class C
            {
                private readonly IClock _clock;
                private readonly IQuota _quota;

                async Task<string> M(CancellationToken ct)
                {
                    var now = {|#0:await _clock.NowAsync(ct)|};
                    var remaining = {|#1:await _quota.RemainingAsync(ct)|};
                    return $"{now}: {remaining}";
                }
            }
            """, Locations("'NowAsync', 'RemainingAsync'", 0, 1));
    }

    // Ordered side effects (real code: an ASP.NET Core service's commands and a SignalR hub).
    private const string Repositories = """

        public sealed class User { public Guid Id { get; set; } }

        public interface IUserRepository
        {
            Task EnablePremiumAsync(Guid userId);
            Task<User> GetByIdAsync(Guid userId);
            Task DeleteAsync(Guid userId);
        }

        public interface IDeviceRepository
        {
            Task<int> CountByUserAsync(Guid userId);
            Task DeleteManyByUserAsync(Guid userId);
        }

        public interface IAuthorization
        {
            Task AuthorizeOrThrowAsync(Guid userId, string operation);
        }

        public interface IRoomController
        {
            Task BanUserFromRoom(long bannedUserId, long roomId);
        }

        public interface IEventDispatcher
        {
            Task PostUserBannedEvent(long roomId, long bannedUserId);
        }
        """;

    [Fact]
    public async Task WriteThenReadOfSameId_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class PremiumCommand
            {
                private readonly IUserRepository _users;
                private readonly IDeviceRepository _devices;

                public async Task<User> EnableAsync(Guid userId)
                {
                    await _users.EnablePremiumAsync(userId);
                    var user = await _users.GetByIdAsync(userId);
                    return user;
                }

                public async Task<int> EnableAndCountAsync(User user)
                {
                    await _users.EnablePremiumAsync(user.Id);
                    var devices = await _devices.CountByUserAsync(user.Id);
                    return devices;
                }
            }
            """ + Repositories);
    }

    [Fact]
    public async Task DeleteDependentsThenUser_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class DeleteUserCommand
            {
                private readonly IUserRepository _users;
                private readonly IDeviceRepository _devices;

                public async Task DeleteAsync(Guid userId)
                {
                    await _devices.DeleteManyByUserAsync(userId);
                    await _users.DeleteAsync(userId);
                }
            }
            """ + Repositories);
    }

    [Fact]
    public async Task BanThenAnnounceBan_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class RefereeHub
            {
                private readonly IRoomController _rooms;
                private readonly IEventDispatcher _events;

                public async Task BanUser(long roomId, long bannedUserId)
                {
                    await _rooms.BanUserFromRoom(bannedUserId, roomId);
                    await _events.PostUserBannedEvent(roomId, bannedUserId);
                }
            }
            """ + Repositories);
    }

    [Fact]
    public async Task AuthorizationGuardThenRead_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class MarkReadCommand
            {
                private readonly IAuthorization _authorization;
                private readonly IDeviceRepository _devices;

                public async Task<int> RunAsync(Guid userId, Guid otherId)
                {
                    await _authorization.AuthorizeOrThrowAsync(userId, "read");
                    var count = await _devices.CountByUserAsync(otherId);
                    return count;
                }
            }
            """ + Repositories);
    }

    [Fact]
    public async Task TwoReadsOfSameIdFromTwoRepositories_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class ProfileQuery
            {
                private readonly IUserRepository _users;
                private readonly IDeviceRepository _devices;

                public async Task<string> RunAsync(Guid userId)
                {
                    var user = {|#0:await _users.GetByIdAsync(userId)|};
                    var devices = {|#1:await _devices.CountByUserAsync(userId)|};
                    return user.Id + ":" + devices;
                }
            }
            """ + Repositories, Locations("'GetByIdAsync', 'CountByUserAsync'", 0, 1));
    }

    [Fact]
    public async Task WritesOfDifferentIds_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public class CleanupCommand
            {
                private readonly IUserRepository _users;
                private readonly IDeviceRepository _devices;

                public async Task RunAsync(Guid staleUserId, Guid otherUserId)
                {
                    await _devices.DeleteManyByUserAsync(staleUserId);
                    await _users.EnablePremiumAsync(otherUserId);
                }
            }
            """ + Repositories);
    }

    [Fact]
    public async Task TaskRunWrappers_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Linq;

            public static class EnumerableExtensions
            {
                public static Task<IList<T>> ToListAsync<T>(this IEnumerable<T> source) => Task.Run(() => (IList<T>)source.ToList());
            }

            public class Restorer
            {
                public async Task<int> RestoreAsync(IEnumerable<string> sources, IEnumerable<string> destinations)
                {
                    var items = await sources.ToListAsync();
                    var targets = await destinations.ToListAsync();
                    return items.Count + targets.Count;
                }
            }
            """);
    }

    /// <summary>
    /// A reservation service whose reads end in a paged list: <c>Create</c> awaits <c>InitializeAsync</c>, which does its work
    /// through <paramref name="initialize"/>; the second read first awaits <c>Task.FromResult(...)</c> of an in-memory query.
    /// </summary>
    private static string Reservations(string initialize) => Usings + """
        using System.Linq;

        public sealed class Reservation { public string ProductId { get; set; } public string CustomerId { get; set; } }

        public interface IReservationCounter { Task<int> CountAsync(IEnumerable<Reservation> source); }

        public sealed class PagedList<T> : List<T>
        {
            public int TotalCount { get; private set; }

            public static async Task<PagedList<T>> Create(IEnumerable<T> source, IReservationCounter counter)
            {
                var list = new PagedList<T>();
                await list.InitializeAsync(source, counter);
                return list;
            }

        """ + initialize + """

        }

        public interface IReservationService
        {
            Task<PagedList<Reservation>> GetByProductAsync(string productId);
            Task<PagedList<Reservation>> GetByCustomerAsync(string customerId);
        }

        public class ReservationService : IReservationService
        {
            private readonly List<Reservation> _table = new();
            private readonly IReservationCounter _counter;

            public virtual async Task<PagedList<Reservation>> GetByProductAsync(string productId)
            {
                var query = _table.Where(r => r.ProductId == productId);
                return await PagedList<Reservation>.Create(query, _counter);
            }

            public virtual async Task<PagedList<Reservation>> GetByCustomerAsync(string customerId)
            {
                var own = await Task.FromResult(_table.Where(r => r.CustomerId == customerId).ToList());
                return await PagedList<Reservation>.Create(own, _counter);
            }
        }

        public class AddReservationHandler
        {
            private readonly IReservationService _reservations;

            public async Task<int> Handle(string productId, string customerId)
            {
                var reservations = {|#0:await _reservations.GetByProductAsync(productId)|};
                var reserved = {|#1:await _reservations.GetByCustomerAsync(customerId)|};
                return reservations.Count - reserved.Count;
            }
        }
        """;

    // ASP.NET Core's authentication extensions, referenced as a library.
    private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> AspNetAuthentication = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("Microsoft.AspNetCore.Authentication.Abstractions", """
        namespace Microsoft.AspNetCore.Http
        {
            public abstract class HttpContext { }
        }

        namespace Microsoft.AspNetCore.Authentication
        {
            public static class AuthenticationHttpContextExtensions
            {
                public static System.Threading.Tasks.Task<string?> GetTokenAsync(this Microsoft.AspNetCore.Http.HttpContext context, string tokenName) =>
                    System.Threading.Tasks.Task.FromResult<string?>(null);
            }
        }
        """));

    // An MVC controller (real code: a clean-architecture sample) reads the tokens the cookie already carries.
    private const string TokenReads = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Http;

        class HomeController
        {
            public HttpContext HttpContext { get; set; } = null!;
            public string Shown { get; private set; } = "";

            public async Task AuthorizedAction()
            {
                var accessToken = {|#0:await READ_ACCESS|};
                var refreshToken = {|#1:await READ_REFRESH|};
                Shown = accessToken + refreshToken;
            }

            private readonly System.Net.Http.HttpClient _http = new();
        }
        """;

    private static async Task VerifyWithAuthenticationAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(AspNetAuthentication.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task TokensReadFromTheRequest_NoDiagnostic()
    {
        await VerifyWithAuthenticationAsync(TokenReads.Replace("{|#0:", "").Replace("{|#1:", "").Replace("_ACCESS|}", "_ACCESS").Replace("_REFRESH|}", "_REFRESH")
            .Replace("READ_ACCESS", "HttpContext.GetTokenAsync(\"access_token\")").Replace("READ_REFRESH", "HttpContext.GetTokenAsync(\"refresh_token\")"));
    }

    [Fact]
    public async Task TokensFetchedOverTheNetwork_Reports()
    {
        await VerifyWithAuthenticationAsync(TokenReads.Replace("READ_ACCESS", "_http.GetStringAsync(\"https://id.example/access\")").Replace("READ_REFRESH", "_http.GetStringAsync(\"https://id.example/refresh\")"),
            VerifyCS.Diagnostic("ASYNC301").WithLocation(0).WithLocation(1).WithArguments(2, "'GetStringAsync', 'GetStringAsync'"));
    }

    [Fact]
    public async Task CallsThatCompleteSynchronouslyThroughHelpers_NoDiagnostic()
    {
        // Every body the two reads may run hands back a completed task, three calls down: a paged list filled synchronously
        // (InitializeAsync counts in memory and returns Task.CompletedTask) and Task.FromResult of an in-memory query.
        var source = Reservations("""
                private Task InitializeAsync(IEnumerable<T> source, IReservationCounter counter)
                {
                    TotalCount = source.Count();
                    AddRange(source);
                    return Task.CompletedTask;
                }
            """);
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    // A metadata refresh: the artwork's record is fetched, then its image, whose helper looks the record up again.
    private const string ArtworkRefresh = """
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Artworks
        {
            static readonly HttpClient Http = new HttpClient();
            public static async Task<string> GetArtwork(long id) => await Http.GetStringAsync("https://example.org/artworks/" + id);
        }

        static class Images
        {
            static readonly HttpClient Http = new HttpClient();
            public static async Task<byte[]> GameImage(long id)
            {
                var record = await LOOKUP;
                return await Http.GetByteArrayAsync("https://example.org/images/" + record);
            }
        }

        class MetadataRefresh
        {
            async Task RefreshAsync(long artworkId)
            {
                {|#0:await Artworks.GetArtwork(artworkId)|};
                {|#1:await Images.GameImage(artworkId)|};
            }
        }
        """;

    [Fact]
    public async Task SecondCallRepeatsTheFirst_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(ArtworkRefresh.Replace("LOOKUP", "Artworks.GetArtwork(id)").Replace("{|#0:", "").Replace("{|#1:", "").Replace(")|};", ");"));
    }

    [Fact]
    public async Task SecondCallDoesOtherWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(ArtworkRefresh.Replace("LOOKUP", "Http.GetStringAsync(\"https://example.org/records/\" + id)"),
            Locations("'GetArtwork', 'GameImage'", 0, 1));
    }

    [Fact]
    public async Task CallsThatWaitThreeCallsDown_Reports()
    {
        // The same reads, but the paged list counts through a service that may wait, three calls down: both reads can suspend,
        // so they can overlap.
        var source = Reservations("""
                private async Task InitializeAsync(IEnumerable<T> source, IReservationCounter counter)
                {
                    TotalCount = await counter.CountAsync((IEnumerable<Reservation>)source);
                    AddRange(source);
                }
            """);
        await VerifyCS.VerifyAnalyzerAsync(source, Locations("'GetByProductAsync', 'GetByCustomerAsync'; if 'IReservationService' allows concurrent calls", 0, 1));
    }

    [Fact]
    public async Task InterfaceWithNullObjectImplementationHere_Reports()
    {
        // The only implementations in this compilation are null objects of a self-hosted build: the repositories that run in
        // production come from another assembly, so the reads may well wait.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public interface IProjectRepository { Task<IEnumerable<string>> GetManyByOrganizationIdAsync(Guid organizationId); }
            public interface ISecretRepository { Task<IEnumerable<string>> GetManyDetailsByOrganizationIdAsync(Guid organizationId); }

            public class NoopProjectRepository : IProjectRepository
            {
                public Task<IEnumerable<string>> GetManyByOrganizationIdAsync(Guid organizationId)
                {
                    return Task.FromResult(null as IEnumerable<string>);
                }
            }

            public class SelfHostedSecretRepository : ISecretRepository
            {
                public Task<IEnumerable<string>> GetManyDetailsByOrganizationIdAsync(Guid organizationId) => Task.FromResult<IEnumerable<string>>(new List<string>());
            }

            public class PortingController
            {
                private readonly IProjectRepository _projectRepository;
                private readonly ISecretRepository _secretRepository;

                public async Task<int> Export(Guid organizationId)
                {
                    var projects = {|#0:await _projectRepository.GetManyByOrganizationIdAsync(organizationId)|};
                    var secrets = {|#1:await _secretRepository.GetManyDetailsByOrganizationIdAsync(organizationId)|};
                    return (projects == null ? 0 : 1) + (secrets == null ? 0 : 1);
                }
            }
            """, Locations("'GetManyByOrganizationIdAsync', 'GetManyDetailsByOrganizationIdAsync'", 0, 1));
    }

    [Fact]
    public async Task EventLogAndPushForSameUser_NoDiagnostic()
    {
        // Logging then pushing: code relies on the push not running when the log fails, and names say both have effects.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            public interface IEventService { Task LogUserEventAsync(Guid userId, int eventType); }
            public interface IPushService { Task PushLogOutAsync(Guid userId); }

            public class OffboardingCommand
            {
                private readonly IEventService _events;
                private readonly IPushService _push;

                public async Task CompleteAsync(User user)
                {
                    await _events.LogUserEventAsync(user.Id, 1);
                    await _push.PushLogOutAsync(user.Id);
                }
            }
            """ + Repositories);
    }

    [Fact]
    public async Task ImplementationWithPrimaryConstructorOverSafeClient_Reports()
    {
        // The client's only implementation captures an HttpClient through its primary constructor: two rates at once are safe,
        // with no assumption to name even when unknown receivers are kept in order.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                public interface IExchangeRates { ValueTask<decimal> GetRateAsync(string currency, CancellationToken ct = default); }

                public sealed class ExchangeRates(HttpClient http) : IExchangeRates
                {
                    public async ValueTask<decimal> GetRateAsync(string currency, CancellationToken ct = default) =>
                        decimal.Parse(await http.GetStringAsync("rates/" + currency, ct), System.Globalization.CultureInfo.InvariantCulture);
                }

                public sealed class CurrencyConverter(IExchangeRates rates)
                {
                    public async Task<decimal> ConvertAsync(decimal amount, string from, string to, CancellationToken ct)
                    {
                        var fromRate = {|#0:await rates.GetRateAsync(from, ct)|};
                        var toRate = {|#1:await rates.GetRateAsync(to, ct)|};
                        return amount / fromRate * toRate;
                    }
                }
                """,
            EditorConfig = "async_analyzers.ASYNC301.unknown_receivers = assume_unsafe",
            ExpectedDiagnostics = { Locations("'GetRateAsync', 'GetRateAsync'", 0, 1) },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ImplementationWithPrimaryConstructorOverDbConnection_NoDiagnostic()
    {
        // The repository's implementation captures one connection through its primary constructor: its calls are never gathered.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Net.Http;
            using System.Threading.Tasks;

            public interface IOrders { Task<int> CountAsync(int customerId); Task<int> CountOpenAsync(int customerId); }

            public sealed class Orders(DbConnection connection) : IOrders
            {
                public async Task<int> CountAsync(int customerId) { await connection.OpenAsync(); return customerId; }
                public async Task<int> CountOpenAsync(int customerId) { await connection.OpenAsync(); return customerId; }
            }

            public sealed class Report(IOrders orders, HttpClient http)
            {
                public async Task<string> BuildAsync(int customerId)
                {
                    var all = await orders.CountAsync(customerId);
                    var open = await orders.CountOpenAsync(customerId);
                    var page = await http.GetStringAsync("status");
                    return page + all + open;
                }
            }
            """);
    }

    [Fact]
    public async Task ServiceWithPrivateSetProperties_ReportsTheAssumption()
    {
        // The repository's base keeps its configuration in properties set by the constructor: nothing says it is unsafe.
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IPolicies _policies;

            async Task<int> M(Guid organizationId)
            {
                var disableSend = {|#0:await _policies.GetByTypeAsync(organizationId, 1)|};
                var sendOptions = {|#1:await _policies.GetByTypeAsync(organizationId, 2)|};
                return disableSend.Length + sendOptions.Length;
            }

            public interface IPolicies { Task<string> GetByTypeAsync(Guid organizationId, int type); }

            public abstract class Repository
            {
                protected Repository(string connectionString, IServiceProvider services)
                {
                    ConnectionString = connectionString;
                    Services = services;
                }

                protected string ConnectionString { get; private set; }
                protected IServiceProvider Services { get; private set; }
            }

            public sealed class Policies : Repository, IPolicies
            {
                public Policies(string connectionString, IServiceProvider services) : base(connectionString, services) { }
                public Task<string> GetByTypeAsync(Guid organizationId, int type) => File.ReadAllTextAsync(ConnectionString + type);
            }
            """), Locations("'GetByTypeAsync', 'GetByTypeAsync'; if 'IPolicies' allows concurrent calls", 0, 1));
    }

    [Fact]
    public async Task ConditionalAccessOnAwaitedResult_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(int id)
            {
                var line = $"{({|#0:await _users.GetAsync(id)|})?.Length} / {{|#1:await _orders.CountAsync(id)|}}";
                return line;
            }
            """), Locations("'GetAsync', 'CountAsync'", 0, 1));
    }

    [Fact]
    public async Task AwaitInsideConditionalAccess_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int id, List<int>? cache)
            {
                var count = cache?.IndexOf(await _orders.CountAsync(id)) + await _orders.PendingAsync(id);
                return count ?? 0;
            }
            """));
    }

    [Fact]
    public async Task SearchAndSuggestForOneTerm_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly ISearch _search;

            async Task<string> M(string term, CancellationToken ct)
            {
                var hits = {|#0:await _search.QueryAsync(term, 20, ct)|};
                var suggestions = {|#1:await _search.SuggestAsync(term, ct)|};
                return hits + suggestions;
            }

            public interface ISearch
            {
                Task<string> QueryAsync(string term, int top, CancellationToken ct);
                Task<string> SuggestAsync(string prefix, CancellationToken ct);
            }

            public sealed class Search(HttpClient http) : ISearch
            {
                public Task<string> QueryAsync(string term, int top, CancellationToken ct) => http.GetStringAsync("search?q=" + term + "&top=" + top, ct);
                public Task<string> SuggestAsync(string prefix, CancellationToken ct) => http.GetStringAsync("suggest?q=" + prefix, ct);
            }
            """), Locations("'QueryAsync', 'SuggestAsync'", 0, 1));
    }

    [Fact]
    public async Task ReadonlyStructArgumentsShared_Reports()
    {
        // The same DateOnly and a member of a query object go to both calls: copies, which neither call can change.
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly ICalendar _calendar;
            private readonly IRooms _rooms;

            async Task<string> M(DayQuery query, CancellationToken ct)
            {
                var slots = {|#0:await _calendar.GetOpenSlotsAsync(query.ProviderId, query.Day, ct)|};
                var rooms = {|#1:await _rooms.GetFreeRoomsAsync(query.ClinicId, query.Day, ct)|};
                return slots + rooms;
            }

            public sealed class DayQuery
            {
                public string ProviderId { get; set; } = "";
                public string ClinicId { get; set; } = "";
                public DateOnly Day { get; set; }
            }

            public interface ICalendar { Task<string> GetOpenSlotsAsync(string providerId, DateOnly day, CancellationToken ct); }
            public interface IRooms { Task<string> GetFreeRoomsAsync(string clinicId, DateOnly day, CancellationToken ct); }
            """), Locations("'GetOpenSlotsAsync', 'GetFreeRoomsAsync'", 0, 1));
    }

    [Fact]
    public async Task TranslationsOfTwoTextsIntoOneLocale_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly ITranslator _translator;

            async Task<string> M(string title, string summary, string locale, CancellationToken ct)
            {
                var t = {|#0:await _translator.TranslateAsync(title, locale, ct)|};
                var s = {|#1:await _translator.TranslateAsync(summary, locale, ct)|};
                return t + s;
            }

            public interface ITranslator { Task<string> TranslateAsync(string text, string locale, CancellationToken ct); }

            public sealed class Translator(HttpClient http) : ITranslator
            {
                public Task<string> TranslateAsync(string text, string locale, CancellationToken ct) => http.GetStringAsync("translate/" + locale + "?q=" + text, ct);
            }
            """), Locations("'TranslateAsync', 'TranslateAsync'", 0, 1));
    }
}
