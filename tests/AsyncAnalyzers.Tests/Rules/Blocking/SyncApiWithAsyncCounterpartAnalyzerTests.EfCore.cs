using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

/// <summary>ASYNC103 on EF Core queries: synchronous LINQ operators over an IQueryable rooted in a DbSet.</summary>
public partial class SyncApiWithAsyncCounterpartAnalyzerTests
{
    private const string EfAppModel = """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class Order
        {
            public int Id { get; set; }
            public int CustomerId { get; set; }
            public decimal Total { get; set; }
            public System.Collections.Generic.List<Line> Lines { get; set; } = new();
        }

        class Line { public int Id { get; set; } }

        class AppDb : DbContext
        {
            public DbSet<Order> Orders { get; set; } = null!;
            public DbSet<Line> Lines { get; set; } = null!;
        }

        """;

    internal const string EfCoreLibrary = EfCore;

    private const string EfCore = """
        #nullable enable
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext
            {
                public virtual DbSet<TEntity> Set<TEntity>() where TEntity : class => throw new NotImplementedException();
                public int SaveChanges() => 0;
                public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.Run(() => 0);
            }

            public abstract class DbSet<TEntity> : IQueryable<TEntity> where TEntity : class
            {
                public abstract Type ElementType { get; }
                public abstract Expression Expression { get; }
                public abstract IQueryProvider Provider { get; }
                public abstract IEnumerator<TEntity> GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            public interface IIncludableQueryable<out TEntity, out TProperty> : IQueryable<TEntity> { }

            public static class EntityFrameworkQueryableExtensions
            {
                public static IIncludableQueryable<TEntity, TProperty> Include<TEntity, TProperty>(this IQueryable<TEntity> source, Expression<Func<TEntity, TProperty>> navigationPropertyPath) where TEntity : class => throw new NotImplementedException();
                public static IQueryable<TEntity> AsNoTracking<TEntity>(this IQueryable<TEntity> source) where TEntity : class => source;
                public static Task<bool> AnyAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Any());
                public static Task<bool> AnyAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => Task.Run(() => source.Any(predicate));
                public static Task<int> CountAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Count());
                public static Task<int> CountAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => Task.Run(() => source.Count(predicate));
                public static Task<long> LongCountAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.LongCount());
                public static Task<TSource?> FirstOrDefaultAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.FirstOrDefault());
                public static Task<TSource?> FirstOrDefaultAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => Task.Run(() => source.FirstOrDefault(predicate));
                public static Task<TSource> MaxAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Max()!);
                public static Task<TResult> MaxAsync<TSource, TResult>(this IQueryable<TSource> source, Expression<Func<TSource, TResult>> selector, CancellationToken cancellationToken = default) => Task.Run(() => source.Max(selector)!);
                public static Task<int> SumAsync(this IQueryable<int> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Sum());
                public static Task<decimal> SumAsync(this IQueryable<decimal> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Sum());
                public static Task<int> SumAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, int>> selector, CancellationToken cancellationToken = default) => Task.Run(() => source.Sum(selector));
                public static Task<decimal> SumAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, decimal>> selector, CancellationToken cancellationToken = default) => Task.Run(() => source.Sum(selector));
                public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.ToList());
                public static Task<TSource[]> ToArrayAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.ToArray());
                public static Task<Dictionary<TKey, TSource>> ToDictionaryAsync<TSource, TKey>(this IQueryable<TSource> source, Func<TSource, TKey> keySelector, CancellationToken cancellationToken = default) where TKey : notnull => Task.Run(() => source.ToDictionary(keySelector));
            }
        }
        """;

    private static async Task VerifyWithEfCoreAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = "#nullable enable" + System.Environment.NewLine + EfAppModel + source };
        test.TestState.AdditionalProjects["EfCore"].Sources.Add(EfCore);
        test.TestState.AdditionalProjectReferences.Add("EfCore");
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task EfQuerySyntax_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<System.Collections.Generic.List<decimal>> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:(from o in db.Orders
                                 where o.Total > 10
                                 orderby o.Total descending
                                 select o.Total).Take(10).ToList()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Enumerable.ToList", "EntityFrameworkQueryableExtensions.ToListAsync"));
    }

    [Fact]
    public async Task EfQueryOverSqliteOnly_NoDiagnostic()
    {
        // The application configures SQLite and no other provider: ToListAsync would run the query synchronously as well.
        await VerifyWithEfCoreAsync("""
            static class Storage
            {
                public static object UseSqlite(this object options, string connectionString) => options;

                public static void Configure(object options) => options.UseSqlite("Data Source=app.db");
            }

            class C
            {
                async Task<System.Collections.Generic.List<decimal>> M(AppDb db)
                {
                    await Task.Yield();
                    return (from o in db.Orders where o.Total > 10 select o.Total).ToList();
                }
            }
            """);
    }

    private const string TwoContexts = """
        interface ILocalDb
        {
            DbSet<Order> Orders { get; }
        }

        class LocalDb : DbContext, ILocalDb
        {
            public DbSet<Order> Orders { get; set; } = null!;
        }

        class Services
        {
            public Services AddDbContext<TService, TContext>(System.Action<Options> configure) where TContext : TService => this;
            public Services AddDbContext<TContext>(System.Action<Options> configure) => this;
        }

        class Options
        {
            public Options UseSqlite(string path) => this;
            public Options UseNpgsql(string connectionString) => this;
        }

        static class Startup
        {
            public static void Configure(Services services) => services
                .AddDbContext<AppDb>(options => options.UseNpgsql("Host=db"))
                .AddDbContext<ILocalDb, LocalDb>(options => options.UseSqlite("Data Source=local.db"));
        }

        """;

    [Fact]
    public async Task EfQueryOfTheSqliteContext_NoDiagnostic()
    {
        // Two contexts: the application's own state in SQLite, another system's data in PostgreSQL. A query of the SQLite one
        // (through the interface it is registered as) runs synchronously whichever way it is called.
        await VerifyWithEfCoreAsync(TwoContexts + """
            class C
            {
                async Task<decimal> M(ILocalDb local, LocalDb concrete)
                {
                    await Task.Yield();
                    var first = local.Orders.Where(o => o.Total > 10).First();
                    concrete.SaveChanges();
                    return first.Total + concrete.Orders.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryOfThePostgresContext_Reports()
    {
        await VerifyWithEfCoreAsync(TwoContexts + """
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Count()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfQueryOfAContextGivenBothProviders_Reports()
    {
        await VerifyWithEfCoreAsync(TwoContexts.Replace("AddDbContext<AppDb>(options => options.UseNpgsql(\"Host=db\"))", "AddDbContext<LocalDb>(options => options.UseNpgsql(\"Host=db\"))") + """
            class C
            {
                async Task<int> M(LocalDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Count()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task QuerySyntaxOverList_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<System.Collections.Generic.List<decimal>> M(System.Collections.Generic.List<Order> orders)
                {
                    await Task.Yield();
                    return (from o in orders where o.Total > 10 select o.Total).ToList();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryCount_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Where(o => o.Total > 0).Count()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfDbSetAny_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<bool> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Any()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Any", "EntityFrameworkQueryableExtensions.AnyAsync"));
    }

    [Fact]
    public async Task EfToList_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    var orders = {|#0:db.Orders.Where(o => o.CustomerId == 1).ToList()|};
                    return orders.Count;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Enumerable.ToList", "EntityFrameworkQueryableExtensions.ToListAsync"));
    }

    [Fact]
    public async Task EfFirstOrDefaultWithPredicate_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<Order?> M(AppDb db, int id)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.FirstOrDefault(o => o.Id == id)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.FirstOrDefault", "EntityFrameworkQueryableExtensions.FirstOrDefaultAsync"));
    }

    [Fact]
    public async Task EfSumSelector_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<decimal> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Sum(o => o.Total)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Sum", "EntityFrameworkQueryableExtensions.SumAsync"));
    }

    [Fact]
    public async Task EfIncludeAndAsNoTracking_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<Order[]> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Include(o => o.Lines).AsNoTracking().ToArray()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Enumerable.ToArray", "EntityFrameworkQueryableExtensions.ToArrayAsync"));
    }

    [Fact]
    public async Task EfQueryBuiltInLocal_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db, int? customer)
                {
                    await Task.Yield();
                    var query = db.Orders.AsQueryable();
                    if (customer is not null)
                    {
                        query = query.Where(o => o.CustomerId == customer);
                    }

                    return {|#0:query.Count()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfSetOfT_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Set<Order>().Count()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfInAsyncLambda_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                System.Func<Task<int>> M(AppDb db) => async () =>
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Count()|};
                };
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfInLocalFunction_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                Task<int> M(AppDb db)
                {
                    return Local();

                    async Task<int> Local()
                    {
                        await Task.Yield();
                        return {|#0:db.Orders.Count()|};
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfInValueTaskMethodWithConfigureAwait_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async ValueTask<int> M(AppDb db)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    return {|#0:db.Orders.Count(o => o.Total > 10)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
    }

    [Fact]
    public async Task EfExpressionBodiedAsync_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<long> M(AppDb db) => await Task.FromResult(1L) + {|#0:db.Orders.LongCount()|};
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.LongCount", "EntityFrameworkQueryableExtensions.LongCountAsync"));
    }

    [Fact]
    public async Task EfToDictionary_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    var byId = {|#0:db.Orders.ToDictionary(o => o.Id)|};
                    return byId.Count;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Enumerable.ToDictionary", "EntityFrameworkQueryableExtensions.ToDictionaryAsync"));
    }

    [Fact]
    public async Task EfSelectThenMax_Reports()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<decimal> M(AppDb db)
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Select(o => o.Total).Max()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Max", "EntityFrameworkQueryableExtensions.MaxAsync"));
    }

    [Fact]
    public async Task EfCountInsideExpressionTree_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    return await db.Orders
                        .Where(o => o.Lines.Count() > 1 && db.Lines.Count(l => l.Id == o.Id) > 0)
                        .CountAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryAsEnumerable_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    return db.Orders.AsEnumerable().Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfListCount_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    var orders = await db.Orders.ToListAsync();
                    return orders.Count() + orders.Where(o => o.Total > 0).ToList().Count;
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryableParameter_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(IQueryable<Order> orders)
                {
                    await Task.Yield();
                    var query = orders.Where(o => o.Total > 0);
                    return query.Count() + orders.ToList().Count;
                }
            }
            """);
    }

    [Fact]
    public async Task EfInMemoryAsQueryable_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(System.Collections.Generic.List<Order> list)
                {
                    await Task.Yield();
                    return list.AsQueryable().Where(o => o.Total > 0).Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfSynchronousMethod_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                int M(AppDb db) => db.Orders.Count();
            }
            """);
    }

    [Fact]
    public async Task EfInsideSynchronousLambda_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int[]> M(AppDb db, int[] ids)
                {
                    await Task.Yield();
                    return ids.Select(id => db.Orders.Count(o => o.CustomerId == id)).ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryDualMode_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db, bool useAsync)
                {
                    if (useAsync)
                    {
                        return await db.Orders.CountAsync();
                    }

                    return db.Orders.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfNoCounterpart_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    var lookup = db.Orders.ToLookup(o => o.CustomerId);
                    var page = db.Orders.OrderBy(o => o.Id).Skip(10).Take(5);
                    return lookup.Count + (await page.ToListAsync()).Count;
                }
            }
            """);
    }

    [Fact]
    public async Task EfLocalReassignedFromMemory_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db, System.Collections.Generic.List<Order> cached)
                {
                    await Task.Yield();
                    IQueryable<Order> query = db.Orders;
                    if (cached.Count > 0)
                    {
                        query = cached.AsQueryable();
                    }

                    return query.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfAlreadyAsync_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db, CancellationToken cancellationToken)
                {
                    var any = await db.Orders.AnyAsync(cancellationToken);
                    return any ? await db.Orders.CountAsync(o => o.Total > 0, cancellationToken) : 0;
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryInsideQuerySyntax_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db)
                {
                    var query = from o in db.Orders where o.Lines.Any() select o.Lines.Count();
                    return await query.SumAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryFromRepositoryMethod_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class Repository
            {
                private readonly AppDb _db = new AppDb();
                public IQueryable<Order> Query() => _db.Orders;
            }

            class C
            {
                async Task<int> M(Repository repository)
                {
                    await Task.Yield();
                    return repository.Query().Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryFromField_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                private readonly IQueryable<Order> _orders = new System.Collections.Generic.List<Order>().AsQueryable();

                async Task<int> M()
                {
                    await Task.Yield();
                    return _orders.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryExcludedInEditorConfig_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = "#nullable enable" + System.Environment.NewLine + EfAppModel + """
                class C
                {
                    async Task<int> M(AppDb db)
                    {
                        await Task.Yield();
                        return db.Orders.Count();
                    }
                }
                """,
            EditorConfig = "async_analyzers.ASYNC103.excluded_methods = T:System.Linq.Queryable",
        };
        test.TestState.AdditionalProjects["EfCore"].Sources.Add(EfCore);
        test.TestState.AdditionalProjectReferences.Add("EfCore");
        await test.RunAsync();
    }

    [Fact]
    public async Task EfTopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                var db = new AppDb();
                await Task.Yield();
                System.Console.WriteLine({|#0:db.Orders.Count()|});

                class Order { }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.TestState.AdditionalProjects["EfCore"].Sources.Add(EfCore);
        test.TestState.AdditionalProjectReferences.Add("EfCore");
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Queryable.Count", "EntityFrameworkQueryableExtensions.CountAsync"));
        await test.RunAsync();
    }

    [Fact]
    public async Task EfNavigationCollectionCount_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                async Task<int> M(AppDb db, int id)
                {
                    var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id);
                    return order is null ? 0 : order.Lines.Count() + order.Lines.Where(l => l.Id > 0).ToList().Count;
                }
            }
            """);
    }

    [Fact]
    public async Task QueryableOverTypeNamedDbSetElsewhere_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            namespace Cache
            {
                class DbSet<T> : System.Collections.Generic.List<T> { }
            }

            class C
            {
                async Task<int> M(Cache.DbSet<Order> cached)
                {
                    await Task.Yield();
                    return cached.AsQueryable().Count() + cached.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task EfQueryLocalAssignedThroughOutArgument_NoDiagnostic()
    {
        await VerifyWithEfCoreAsync("""
            class C
            {
                static bool TryGet(out IQueryable<Order> query)
                {
                    query = new System.Collections.Generic.List<Order>().AsQueryable();
                    return true;
                }

                async Task<int> M(AppDb db)
                {
                    await Task.Yield();
                    IQueryable<Order> query = db.Orders;
                    TryGet(out query);
                    return query.Count();
                }
            }
            """);
    }
}
