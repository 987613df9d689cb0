using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.Data
{
    // An EF-like unit of work: one context, used by one logical operation at a time.
    public sealed class DbSet<T>
        where T : class
    {
        private readonly List<T> _items = new();

        public void Add(T item) => _items.Add(item);

        public void Remove(T item) => _items.Remove(item);

        public ValueTask<T?> FindAsync(object key, CancellationToken cancellationToken = default) =>
            new(_items.FirstOrDefault(i => Equals(KeyOf(i), key)));

        public Task<List<T>> ToListAsync(CancellationToken cancellationToken = default) => Task.FromResult(_items.ToList());

        public Task<List<T>> WhereAsync(Func<T, bool> predicate, CancellationToken cancellationToken = default) =>
            Task.FromResult(_items.Where(predicate).ToList());

        public Task<bool> AnyAsync(Func<T, bool> predicate, CancellationToken cancellationToken = default) =>
            Task.FromResult(_items.Any(predicate));

        private static object? KeyOf(T item) => item.GetType().GetProperty("Id")?.GetValue(item);
    }

    public sealed class Transaction : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task RollbackAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public sealed class ShopContext : IAsyncDisposable
    {
        public DbSet<Account> Accounts { get; } = new();

        public DbSet<Invoice> Invoices { get; } = new();

        public DbSet<AuditRecord> Audit { get; } = new();

        public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);

        public Task<Transaction> BeginTransactionAsync(CancellationToken cancellationToken = default) => Task.FromResult(new Transaction());

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public sealed class Account
    {
        public int Id { get; set; }

        public string Owner { get; set; } = string.Empty;

        public decimal Balance { get; set; }
    }

    public sealed class Invoice
    {
        public int Id { get; set; }

        public int AccountId { get; set; }

        public decimal Amount { get; set; }

        public bool Paid { get; set; }
    }

    public sealed record AuditRecord(int Id, string Action, DateTimeOffset At);

    public sealed class InsufficientFundsException(int accountId) : Exception($"Account {accountId} cannot cover the transfer.");

    public sealed class BillingService(Func<ShopContext> createContext)
    {
        public async Task TransferAsync(int fromId, int toId, decimal amount, CancellationToken cancellationToken)
        {
            await using var db = createContext();
            await using var transaction = await db.BeginTransactionAsync(cancellationToken);
            try
            {
                // One context: its operations must not overlap.
                var from = await db.Accounts.FindAsync(fromId, cancellationToken) ?? throw new KeyNotFoundException($"Account {fromId}");
                var to = await db.Accounts.FindAsync(toId, cancellationToken) ?? throw new KeyNotFoundException($"Account {toId}");
                if (from.Balance < amount)
                {
                    throw new InsufficientFundsException(fromId);
                }

                from.Balance -= amount;
                to.Balance += amount;
                db.Audit.Add(new AuditRecord(0, $"transfer {fromId}->{toId} {amount}", DateTimeOffset.UtcNow));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                await transaction.RollbackAsync(CancellationToken.None);
                throw;
            }
        }

        public async Task<int> PayOpenInvoicesAsync(int accountId, CancellationToken cancellationToken)
        {
            await using var db = createContext();
            var account = await db.Accounts.FindAsync(accountId, cancellationToken);
            if (account is null)
            {
                return 0;
            }

            var open = await db.Invoices.WhereAsync(i => i.AccountId == accountId && !i.Paid, cancellationToken);
            var paid = 0;
            foreach (var invoice in open.OrderBy(i => i.Amount))
            {
                // Stateful: each payment lowers the balance the next one is checked against.
                if (account.Balance < invoice.Amount)
                {
                    break;
                }

                account.Balance -= invoice.Amount;
                invoice.Paid = true;
                paid++;
            }

            await db.SaveChangesAsync(cancellationToken);
            return paid;
        }

        public async Task<IReadOnlyList<Invoice>> ImportAsync(IEnumerable<Invoice> invoices, CancellationToken cancellationToken)
        {
            await using var db = createContext();
            var imported = new List<Invoice>();
            foreach (var invoice in invoices)
            {
                if (await db.Invoices.AnyAsync(i => i.Id == invoice.Id, cancellationToken))
                {
                    continue;
                }

                db.Invoices.Add(invoice);
                imported.Add(invoice);
            }

            await db.SaveChangesAsync(cancellationToken);
            return imported;
        }
    }

    public interface IRateLimitedApi
    {
        Task<string?> LookupAsync(string key, CancellationToken cancellationToken);
    }

    public sealed class EnrichmentService(IRateLimitedApi api, HttpClient http)
    {
        public async Task<string?> FindFirstAsync(IEnumerable<string> candidates, CancellationToken cancellationToken)
        {
            // Stops at the first hit: later lookups must not even start.
            foreach (var candidate in candidates)
            {
                var hit = await api.LookupAsync(candidate, cancellationToken);
                if (hit is not null)
                {
                    return hit;
                }
            }

            return null;
        }

        public async Task<Dictionary<string, string?>> LookupAllAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            var results = new Dictionary<string, string?>();
            foreach (var key in keys)
            {
                results[key] = await api.LookupAsync(key, cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }

            return results;
        }

        public async Task<int[]> SizesAsync(IEnumerable<Uri> uris, CancellationToken cancellationToken)
        {
            var pages = await Task.WhenAll(uris.Select(async uri =>
            {
                var text = await http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
                return text.Length;
            })).ConfigureAwait(false);
            return pages;
        }

        public async Task<IReadOnlyDictionary<Uri, string>> DownloadAllAsync(IReadOnlyCollection<Uri> uris, CancellationToken cancellationToken)
        {
            var downloads = uris.ToDictionary(u => u, u => http.GetStringAsync(u, cancellationToken));
            await Task.WhenAll(downloads.Values).ConfigureAwait(false);
            return downloads.ToDictionary(pair => pair.Key, pair => pair.Value.Result);
        }

        public async Task<long> TotalBytesAsync(IReadOnlyList<Uri> uris, CancellationToken cancellationToken)
        {
            var tasks = new List<Task<byte[]>>(uris.Count);
            foreach (var uri in uris)
            {
                tasks.Add(http.GetByteArrayAsync(uri, cancellationToken));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            long total = 0;
            foreach (var task in tasks)
            {
                total += task.Result.LongLength;
            }

            return total;
        }

        public async Task<string> HedgedAsync(Uri primary, Uri fallback, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var first = http.GetStringAsync(primary, cts.Token);
            var delay = Task.Delay(TimeSpan.FromMilliseconds(200), cts.Token);
            if (await Task.WhenAny(first, delay).ConfigureAwait(false) == first)
            {
                return await first.ConfigureAwait(false);
            }

            var second = http.GetStringAsync(fallback, cts.Token);
            var winner = await Task.WhenAny(first, second).ConfigureAwait(false);
            await cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(first, second).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The loser was cancelled on purpose.
            }

            return await winner.ConfigureAwait(false);
        }

        public async Task<int> ProcessInParallelAsync(IEnumerable<Uri> uris, CancellationToken cancellationToken)
        {
            var total = 0;
            await Parallel.ForEachAsync(
                uris,
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (uri, ct) =>
                {
                    var text = await http.GetStringAsync(uri, ct).ConfigureAwait(false);
                    Interlocked.Add(ref total, text.Length);
                }).ConfigureAwait(false);
            return total;
        }
    }

    // A fluent request builder with an async terminal operation.
    public sealed class RequestBuilder(HttpClient http)
    {
        private readonly Dictionary<string, string> _headers = new();
        private readonly List<string> _query = new();
        private string _path = "/";
        private TimeSpan _timeout = TimeSpan.FromSeconds(30);

        public RequestBuilder Path(string path)
        {
            _path = path;
            return this;
        }

        public RequestBuilder Header(string name, string value)
        {
            _headers[name] = value;
            return this;
        }

        public RequestBuilder Query(string name, string value)
        {
            _query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            return this;
        }

        public RequestBuilder Timeout(TimeSpan timeout)
        {
            _timeout = timeout;
            return this;
        }

        public async Task<string> SendAsync(CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            var uri = new Uri(_query.Count == 0 ? _path : _path + "?" + string.Join('&', _query), UriKind.Relative);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var (name, value) in _headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    public static class BuilderUsage
    {
        public static async Task<string> SearchAsync(HttpClient http, string term, CancellationToken cancellationToken)
        {
            var builder = new RequestBuilder(http)
                .Path("/search")
                .Header("Accept", "application/json");
            builder.Query("q", term);
            builder.Timeout(TimeSpan.FromSeconds(5));
            return await builder.SendAsync(cancellationToken);
        }
    }
}
