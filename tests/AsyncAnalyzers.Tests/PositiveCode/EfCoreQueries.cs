using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Blocking
{
    // ASYNC103 on EF Core queries: synchronous LINQ operators over a DbSet in async code, nested in one another and in a
    // file without 'using Microsoft.EntityFrameworkCore' (the fix imports it). The EF Core surface the rule needs is declared
    // below, as the package is not referenced by the corpus.
    public sealed class Order
    {
        public int Id { get; set; }
        public int CustomerId { get; set; }
        public decimal Total { get; set; }
    }

    public sealed class ShopDb : Microsoft.EntityFrameworkCore.DbContext
    {
        public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
    }

    public static class OrderQueries
    {
        public static async Task<decimal> SummarizeAsync(ShopDb db, int customer, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var query = db.Orders.Where(o => o.CustomerId == customer);
            if (customer > 100)
            {
                query = query.Where(o => o.Total > 0);
            }

            var count = query.Count() + db.Orders.Where(o => o.Id > query.Count()).ToList().Count;
            var first = db.Orders.FirstOrDefault(o => o.Id == count);
            return (first?.Total ?? 0) + query.Sum(o => o.Total) + (db.Orders.Any() ? 1 : 0);
        }
    }
}

namespace Microsoft.EntityFrameworkCore
{
    public class DbContext
    {
        public virtual DbSet<TEntity> Set<TEntity>() where TEntity : class => throw new NotSupportedException();
    }

    public abstract class DbSet<TEntity> : IQueryable<TEntity> where TEntity : class
    {
        public abstract Type ElementType { get; }
        public abstract Expression Expression { get; }
        public abstract IQueryProvider Provider { get; }
        public abstract IEnumerator<TEntity> GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static class EntityFrameworkQueryableExtensions
    {
        public static Task<bool> AnyAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Any(), cancellationToken);
        public static Task<int> CountAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.Count(), cancellationToken);
        public static Task<TSource?> FirstOrDefaultAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => Task.Run(() => source.FirstOrDefault(predicate), cancellationToken);
        public static Task<decimal> SumAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, decimal>> selector, CancellationToken cancellationToken = default) => Task.Run(() => source.Sum(selector), cancellationToken);
        public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.Run(() => source.ToList(), cancellationToken);
    }
}
