using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.Library
{
    public sealed class ApiClientOptions
    {
        public Uri BaseAddress { get; set; } = new("https://api.example/");

        public int MaxAttempts { get; set; } = 4;

        public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);
    }

    public sealed record Customer(int Id, string Name, string Email);

    // Library code: no synchronization context assumptions, ConfigureAwait(false) on every await.
    public sealed class CustomerApiClient(HttpClient http, ApiClientOptions options)
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public async Task<Customer?> GetCustomerAsync(int id, CancellationToken cancellationToken = default)
        {
            using var response = await SendWithRetryAsync(
                () => new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseAddress, $"customers/{id}")),
                cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<Customer>(stream, Json, cancellationToken).ConfigureAwait(false);
        }

        public async Task UpdateCustomerAsync(Customer customer, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(customer);
            var body = JsonSerializer.Serialize(customer, Json);
            using var response = await SendWithRetryAsync(
                () => new HttpRequestMessage(HttpMethod.Put, new Uri(options.BaseAddress, $"customers/{customer.Id}"))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                },
                cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }

        // Retry with exponential backoff and jitter: each attempt waits for the previous one, by design.
        private async Task<HttpResponseMessage> SendWithRetryAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
        {
            var backoff = options.InitialBackoff;
            for (var attempt = 1; ; attempt++)
            {
                using var request = createRequest();
                try
                {
                    var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                    if ((int)response.StatusCode < 500 || attempt >= options.MaxAttempts)
                    {
                        return response;
                    }

                    response.Dispose();
                }
                catch (HttpRequestException) when (attempt < options.MaxAttempts)
                {
                    // Transient network failure: retry below.
                }

                var jitter = TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(0, 100));
                await Task.Delay(backoff + jitter, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(backoff.Ticks * 2);
            }
        }
    }

    public static class Retry
    {
        public static async Task<T> ExecuteAsync<T>(
            Func<CancellationToken, Task<T>> operation,
            Func<Exception, bool> isTransient,
            int maxAttempts,
            CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(operation);
            var delay = TimeSpan.FromMilliseconds(100);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await operation(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (attempt < maxAttempts && isTransient(exception))
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay *= 2;
                }
            }
        }

        public static async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, int maxAttempts, CancellationToken cancellationToken)
        {
            var attempt = 0;
            while (true)
            {
                try
                {
                    await operation(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (IOException) when (++attempt < maxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    // One writer at a time to a file, with asynchronous waiting instead of lock.
    public sealed class AppendOnlyLog : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly FileStream _stream;
        private readonly StreamWriter _writer;

        public AppendOnlyLog(string path)
        {
            _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            _writer = new StreamWriter(_stream, Encoding.UTF8);
        }

        public async Task AppendAsync(string line, CancellationToken cancellationToken = default)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<bool> TryAppendAsync(string line, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (!await _gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            try
            {
                await _writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                return true;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
                _gate.Dispose();
            }
        }
    }

    // Per-key async cache: the first caller starts the load, everyone else awaits the same task.
    public sealed class AsyncCache<TKey, TValue>
        where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _entries = new();
        private readonly Func<TKey, Task<TValue>> _load;

        public AsyncCache(Func<TKey, Task<TValue>> load) => _load = load;

        public async Task<TValue> GetAsync(TKey key)
        {
            var lazy = _entries.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => _load(k), LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return await lazy.Value.ConfigureAwait(false);
            }
            catch
            {
                // Do not cache failures: the next caller retries.
                _entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, lazy));
                throw;
            }
        }

        public void Invalidate(TKey key) => _entries.TryRemove(key, out _);
    }

    public sealed class SettingsProvider(Func<CancellationToken, Task<IReadOnlyDictionary<string, string>>> loader)
    {
        private readonly Lazy<Task<IReadOnlyDictionary<string, string>>> _settings = new(() => loader(CancellationToken.None));
        private IReadOnlyDictionary<string, string>? _snapshot;

        // ValueTask fast path: synchronous once loaded, no allocation.
        public ValueTask<string?> GetAsync(string key)
        {
            if (_snapshot is { } snapshot)
            {
                return new ValueTask<string?>(snapshot.TryGetValue(key, out var value) ? value : null);
            }

            return SlowAsync(key);
        }

        private async ValueTask<string?> SlowAsync(string key)
        {
            var settings = await _settings.Value.ConfigureAwait(false);
            _snapshot = settings;
            return settings.TryGetValue(key, out var value) ? value : null;
        }

        public Task<IReadOnlyDictionary<string, string>> AllAsync() => _settings.Value;
    }

    public sealed class TokenProvider(Func<CancellationToken, Task<(string Token, DateTimeOffset Expires)>> fetch)
    {
        private readonly SemaphoreSlim _refresh = new(1, 1);
        private (string Token, DateTimeOffset Expires) _current;

        public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            if (_current.Token is not null && _current.Expires > DateTimeOffset.UtcNow.AddMinutes(1))
            {
                return _current.Token;
            }

            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have refreshed while we waited.
                if (_current.Token is null || _current.Expires <= DateTimeOffset.UtcNow.AddMinutes(1))
                {
                    _current = await fetch(cancellationToken).ConfigureAwait(false);
                }

                return _current.Token!;
            }
            finally
            {
                _refresh.Release();
            }
        }
    }

    // Bridging a callback API to a task.
    public sealed class LegacyClient
    {
        public void BeginQuery(string query, Action<string> onResult, Action<Exception> onError)
        {
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    onResult(query.ToUpperInvariant());
                }
                catch (Exception exception)
                {
                    onError(exception);
                }
            });
        }
    }

    public static class LegacyClientExtensions
    {
        public static Task<string> QueryAsync(this LegacyClient client, string query, CancellationToken cancellationToken = default)
        {
            var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
            client.BeginQuery(
                query,
                result =>
                {
                    registration.Dispose();
                    completion.TrySetResult(result);
                },
                error =>
                {
                    registration.Dispose();
                    completion.TrySetException(error);
                });
            return completion.Task;
        }

        public static async Task<string> QueryWithTimeoutAsync(this LegacyClient client, string query, TimeSpan timeout)
        {
            using var timeoutSource = new CancellationTokenSource(timeout);
            return await client.QueryAsync(query, timeoutSource.Token).WaitAsync(timeout).ConfigureAwait(false);
        }
    }

    public sealed class AsyncManualResetEvent
    {
        private volatile TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WaitAsync(CancellationToken cancellationToken = default) => _signal.Task.WaitAsync(cancellationToken);

        public void Set() => _signal.TrySetResult();

        public void Reset()
        {
            while (true)
            {
                var current = _signal;
                if (!current.Task.IsCompleted
                    || Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current) == current)
                {
                    return;
                }
            }
        }
    }

    public static class StreamHelpers
    {
        public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken = default)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexString(hash);
        }

        public static async Task CopyWithProgressAsync(Stream source, Stream destination, IProgress<long> progress, CancellationToken cancellationToken = default)
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
                progress.Report(total);
            }
        }

        public static async Task<byte[]> ReadAllAsync(Stream source, CancellationToken cancellationToken = default)
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        public static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken = default)
        {
            // Write a temporary file, then swap it in, so readers never see a half-written file.
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
    }
}
