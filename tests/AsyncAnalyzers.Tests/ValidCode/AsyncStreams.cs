using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.Streams
{
    public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

    public sealed record LogEntry(DateTimeOffset Timestamp, string Level, string Message);

    public interface IPagedSource<T>
    {
        Task<Page<T>> GetPageAsync(string? token, CancellationToken cancellationToken);
    }

    public static class Paging
    {
        // Each page needs the previous page's continuation token: sequential by nature.
        public static async IAsyncEnumerable<T> ReadAllAsync<T>(
            this IPagedSource<T> source,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            string? token = null;
            do
            {
                var page = await source.GetPageAsync(token, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    yield return item;
                }

                token = page.NextToken;
            }
            while (token is not null);
        }

        public static async IAsyncEnumerable<TResult> SelectAwait<T, TResult>(
            this IAsyncEnumerable<T> source,
            Func<T, CancellationToken, ValueTask<TResult>> selector,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return await selector(item, cancellationToken).ConfigureAwait(false);
            }
        }

        public static async IAsyncEnumerable<T> WhereAsync<T>(
            this IAsyncEnumerable<T> source,
            Func<T, bool> predicate,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (predicate(item))
                {
                    yield return item;
                }
            }
        }

        public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
        {
            var list = new List<T>();
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                list.Add(item);
            }

            return list;
        }

        public static async Task<T?> FirstOrDefaultAsync<T>(this IAsyncEnumerable<T> source, Func<T, bool> predicate, CancellationToken cancellationToken = default)
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (predicate(item))
                {
                    return item;
                }
            }

            return default;
        }
    }

    public sealed class LogFileReader
    {
        public async IAsyncEnumerable<LogEntry> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var parts = line.Split('|', 3);
                if (parts.Length == 3 && DateTimeOffset.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var timestamp))
                {
                    yield return new LogEntry(timestamp, parts[1], parts[2]);
                }
            }
        }

        public async Task<Dictionary<string, int>> CountByLevelAsync(string path, CancellationToken cancellationToken = default)
        {
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            await foreach (var entry in ReadAsync(path, cancellationToken))
            {
                counts[entry.Level] = counts.TryGetValue(entry.Level, out var count) ? count + 1 : 1;
            }

            return counts;
        }

        public async Task<LogEntry?> FirstErrorAsync(string path, CancellationToken cancellationToken = default)
        {
            await foreach (var entry in ReadAsync(path).WithCancellation(cancellationToken))
            {
                if (entry.Level == "ERROR")
                {
                    return entry;
                }
            }

            return null;
        }
    }

    public sealed class TickerFeed
    {
        public async IAsyncEnumerable<(string Symbol, decimal Price)> StreamAsync(
            IReadOnlyList<string> symbols,
            TimeSpan interval,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var timer = new PeriodicTimer(interval);
            var tick = 0;
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var symbol in symbols)
                {
                    yield return (symbol, 100m + tick % 7);
                }

                tick++;
            }
        }
    }

    // await using with an IAsyncDisposable resource that must be flushed before it is released.
    public sealed class JsonLinesWriter : IAsyncDisposable
    {
        private readonly Stream _stream;
        private readonly Utf8JsonWriter _writer;
        private bool _disposed;

        public JsonLinesWriter(Stream stream)
        {
            _stream = stream;
            _writer = new Utf8JsonWriter(stream);
        }

        public async ValueTask WriteAsync<T>(T value, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            JsonSerializer.Serialize(_writer, value);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _writer.Reset();
            await _stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public sealed class Exporter(HttpClient http)
    {
        public async Task<int> ExportAsync(IAsyncEnumerable<LogEntry> entries, string path, CancellationToken cancellationToken = default)
        {
            var count = 0;
            await using var file = File.Create(path);
            await using var writer = new JsonLinesWriter(file);
            await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
                count++;
            }

            return count;
        }

        public async Task UploadAsync(string path, Uri destination, CancellationToken cancellationToken = default)
        {
            await using (var file = File.OpenRead(path))
            {
                using var content = new StreamContent(file);
                using var response = await http.PostAsync(destination, content, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }

            File.Delete(path);
        }

        public async Task<IReadOnlyList<string>> ErrorsSinceAsync(IPagedSource<LogEntry> source, DateTimeOffset since, CancellationToken cancellationToken = default)
        {
            var errors = await source.ReadAllAsync(cancellationToken)
                .WhereAsync(e => e.Level == "ERROR" && e.Timestamp >= since, cancellationToken)
                .SelectAwait((e, ct) => new ValueTask<string>($"{e.Timestamp:O} {e.Message}"), cancellationToken)
                .CollectAsync(cancellationToken)
                .ConfigureAwait(false);
            return errors;
        }

        public async Task<int> ConsumeUntilAsync(TickerFeed feed, string symbol, decimal target, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            var seen = 0;
            await foreach (var (name, price) in feed.StreamAsync(new[] { symbol }, TimeSpan.FromSeconds(1), timeout.Token))
            {
                seen++;
                if (name == symbol && price >= target)
                {
                    break;
                }
            }

            return seen;
        }
    }
}
