using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Blocking.SyncApiWithAsyncCounterpartCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

/// <summary>ASYNC103's fix on EF Core queries: <c>query.Count()</c> → <c>await query.CountAsync(token)</c>, importing the namespace.</summary>
public partial class SyncApiWithAsyncCounterpartCodeFixTests
{
    private static async Task VerifyWithEfCoreAsync(VerifyCS.Test test)
    {
        foreach (var state in new[] { test.TestState, test.FixedState, test.BatchFixedState })
        {
            state.AdditionalProjects["EfCore"].Sources.Add(AsyncAnalyzers.Tests.Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzerTests.EfCoreLibrary);
            state.AdditionalProjectReferences.Add("EfCore");
        }

        await test.RunAsync();
    }

    [Fact]
    public async Task EfCount_AwaitsCountAsyncWithToken()
    {
        await VerifyWithEfCoreAsync(new VerifyCS.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<int> M(AppDb db, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        return [|db.Orders.Where(o => o.Total > 0).Count()|];
                    }
                }
                """,
            FixedCode = """
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<int> M(AppDb db, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        return await db.Orders.Where(o => o.Total > 0).CountAsync(cancellationToken);
                    }
                }
                """,
        });
    }

    [Fact]
    public async Task EfPredicateWithToken_TokenAfterPredicate()
    {
        await VerifyWithEfCoreAsync(new VerifyCS.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<bool> M(AppDb db, CancellationToken token)
                    {
                        await Task.Yield();
                        return [|db.Orders.Any(o => o.Id == 1)|];
                    }
                }
                """,
            FixedCode = """
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<bool> M(AppDb db, CancellationToken token)
                    {
                        await Task.Yield();
                        return await db.Orders.AnyAsync(o => o.Id == 1, token);
                    }
                }
                """,
        });
    }

    [Fact]
    public async Task EfToListWithoutUsing_ImportsEntityFrameworkCore()
    {
        await VerifyWithEfCoreAsync(new VerifyCS.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    async Task<List<Order>> M(AppDb db)
                    {
                        await Task.Yield();
                        var orders = [|db.Orders.ToList()|];
                        return orders;
                    }
                }

                class Order
                {
                    public int Id { get; set; }
                }

                class AppDb : Microsoft.EntityFrameworkCore.DbContext
                {
                    public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class C
                {
                    async Task<List<Order>> M(AppDb db)
                    {
                        await Task.Yield();
                        var orders = await db.Orders.ToListAsync();
                        return orders;
                    }
                }

                class Order
                {
                    public int Id { get; set; }
                }

                class AppDb : Microsoft.EntityFrameworkCore.DbContext
                {
                    public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
                }
                """,
        });
    }

    [Fact]
    public async Task EfFixAll_OnePass()
    {
        await VerifyWithEfCoreAsync(new VerifyCS.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<decimal> M(AppDb db)
                    {
                        await Task.Yield();
                        var count = [|db.Orders.Count()|] + [|db.Orders.Where(o => o.Id > db.Orders.Count()).ToArray()|].Length;
                        return count + [|db.Orders.Sum(o => o.Total)|];
                    }
                }
                """,
            FixedCode = """
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order
                {
                    public int Id { get; set; }
                    public decimal Total { get; set; }
                }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<decimal> M(AppDb db)
                    {
                        await Task.Yield();
                        var count = await db.Orders.CountAsync() + (await db.Orders.Where(o => o.Id > db.Orders.Count()).ToArrayAsync()).Length;
                        return count + await db.Orders.SumAsync(o => o.Total);
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        });
    }
}
