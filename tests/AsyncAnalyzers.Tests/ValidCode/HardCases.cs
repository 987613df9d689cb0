using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.HardCases
{
    public interface IHostedService
    {
        Task StartAsync(CancellationToken cancellationToken);

        Task StopAsync(CancellationToken cancellationToken);
    }

    public interface ISchemaMigrator
    {
        Task MigrateAsync(CancellationToken cancellationToken);
    }

    public interface IDataSeeder
    {
        Task SeedAsync(CancellationToken cancellationToken);
    }

    public interface IBlobStore
    {
        Task UploadAsync(string name, Stream content, CancellationToken cancellationToken);
    }

    public sealed class TestDatabase : IAsyncDisposable
    {
        public string ConnectionString { get; private set; } = string.Empty;

        public async Task StartAsync()
        {
            await Task.Delay(1);
            ConnectionString = "Server=localhost;Database=test";
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public sealed class TestServer
    {
        public Task StartAsync(string connectionString) => Task.FromResult(connectionString.Length);
    }

    public sealed class Host(ISchemaMigrator migrator, IDataSeeder seeder, IReadOnlyList<IHostedService> services)
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // The seeder needs the schema the migrator creates.
            await migrator.MigrateAsync(cancellationToken);
            await seeder.SeedAsync(cancellationToken);

            // Services start in registration order: later ones may depend on earlier ones.
            foreach (var service in services)
            {
                await service.StartAsync(cancellationToken);
            }
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (var service in services.Reverse())
            {
                await service.StopAsync(cancellationToken);
            }
        }
    }

    public sealed class IntegrationFixture : IAsyncDisposable
    {
        private readonly TestDatabase _database = new();
        private readonly TestServer _server = new();

        public async Task InitializeAsync()
        {
            await _database.StartAsync();
            await _server.StartAsync(_database.ConnectionString);
        }

        public ValueTask DisposeAsync() => _database.DisposeAsync();
    }

    public sealed class Exporter(IBlobStore blobs, HttpClient http)
    {
        public async Task ExportCsvAsync(IEnumerable<(string Name, int Count)> rows, CancellationToken cancellationToken)
        {
            // Writing into memory never blocks: no async API needed for the writer.
            using var buffer = new MemoryStream();
            using (var writer = new StreamWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                writer.WriteLine("name,count");
                foreach (var (name, count) in rows)
                {
                    writer.Write(name);
                    writer.Write(',');
                    writer.WriteLine(count);
                }

                writer.Flush();
            }

            buffer.Position = 0;
            await blobs.UploadAsync("export.csv", buffer, cancellationToken);
        }

        public async Task ExportJsonAsync(IReadOnlyDictionary<string, int> counts, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach (var (key, value) in counts)
                {
                    json.WriteNumber(key, value);
                }

                json.WriteEndObject();
                json.Flush();
            }

            buffer.Position = 0;
            await blobs.UploadAsync("export.json", buffer, cancellationToken);
        }

        public async Task ExportCompressedAsync(byte[] payload, CancellationToken cancellationToken)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload, 0, payload.Length);
            }

            compressed.Position = 0;
            await blobs.UploadAsync("payload.gz", compressed, cancellationToken);
        }

        public async Task<int> CountPropertiesAsync(Uri uri, CancellationToken cancellationToken)
        {
            var text = await http.GetStringAsync(uri, cancellationToken);
            using var document = JsonDocument.Parse(text);
            var settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text);
            return document.RootElement.EnumerateObject().Count() + (settings?.Count ?? 0);
        }

        public async Task<string> ReadBackAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            await Task.Yield();
            using var reader = new StreamReader(new MemoryStream(bytes));
            return reader.ReadToEnd();
        }
    }

    public sealed class Throttle
    {
        private readonly SemaphoreSlim _gate = new(4, 4);

        public async Task<bool> TryRunAsync(Func<Task> work)
        {
            // A try-acquire with a zero timeout never waits.
            if (!_gate.Wait(TimeSpan.Zero))
            {
                return false;
            }

            try
            {
                await work();
                return true;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public sealed class FixedCadencePoller(Func<CancellationToken, Task<bool>> poll)
    {
        public async Task RunAsync(TimeSpan period, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Start the interval before the work so the cadence does not drift.
                var cadence = Task.Delay(period, cancellationToken);
                var more = await poll(cancellationToken);
                if (!more)
                {
                    break;
                }

                await cadence;
            }
        }
    }

    public sealed class PipelinedWriter(Stream destination)
    {
        // Overlaps reading the next chunk with writing the previous one.
        public async Task CopyAsync(Stream source, CancellationToken cancellationToken)
        {
            var current = new byte[81920];
            var next = new byte[81920];
            Task? pendingWrite = null;
            int read;
            while ((read = await source.ReadAsync(current, cancellationToken)) > 0)
            {
                if (pendingWrite is not null)
                {
                    await pendingWrite;
                }

                pendingWrite = destination.WriteAsync(current, 0, read, cancellationToken);
                (current, next) = (next, current);
            }

            if (pendingWrite is not null)
            {
                await pendingWrite;
            }
        }
    }

    public sealed class BatchRunner
    {
        public async Task<IReadOnlyList<string>> RunAllAsync(IReadOnlyList<Func<Task<string>>> jobs)
        {
            var tasks = jobs.Select(job => job()).ToArray();
            var all = Task.WhenAll(tasks);
            try
            {
                await all;
            }
            catch when (all.Exception is not null)
            {
                // Inspect every failure below rather than only the first one.
            }

            var results = new List<string>();
            foreach (var task in tasks)
            {
                if (task.IsFaulted)
                {
                    results.Add("failed: " + task.Exception!.GetBaseException().Message);
                }
                else
                {
                    results.Add(task.Result);
                }
            }

            return results;
        }

        public Task<int> SumLater(Task<int> first, Task<int> second) =>
            Task.WhenAll(first, second).ContinueWith(_ => first.Result + second.Result, TaskScheduler.Default);
    }

    public static class FastPaths
    {
        public static ValueTask<int> ReadByteCountAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var pending = stream.ReadAsync(buffer, cancellationToken);
            if (pending.IsCompletedSuccessfully)
            {
                return new ValueTask<int>(pending.Result * 8);
            }

            return Slow(pending);

            static async ValueTask<int> Slow(ValueTask<int> pending) => await pending.ConfigureAwait(false) * 8;
        }

        public static Task<string> Upper(Task<string> source)
        {
            var awaiter = source.GetAwaiter();
            if (awaiter.IsCompleted)
            {
                return Task.FromResult(awaiter.GetResult().ToUpperInvariant());
            }

            return UpperSlowAsync(source);
        }

        private static async Task<string> UpperSlowAsync(Task<string> source) => (await source.ConfigureAwait(false)).ToUpperInvariant();

        public static async Task<string> FromLazyAsync(Lazy<Task<string>> lazy)
        {
            await lazy.Value.ConfigureAwait(false);
            return lazy.Value.Result;
        }
    }

    public sealed class InFlightRequests(Func<string, Task<string>> fetch)
    {
        private readonly ConcurrentDictionary<string, Task<string>> _inFlight = new();

        // Starts the fetch once per key; callers observe it through GetAsync.
        public void Prefetch(string key) => _inFlight.GetOrAdd(key, fetch);

        public Task<string> GetAsync(string key) => _inFlight.GetOrAdd(key, fetch);

        public void Forget(string key) => _inFlight.TryRemove(key, out _);
    }
}
