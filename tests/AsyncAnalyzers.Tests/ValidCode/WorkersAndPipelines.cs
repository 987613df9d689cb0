using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ValidCode.Workers
{
    // The shape of Microsoft.Extensions.Hosting.BackgroundService, reduced to what a worker needs.
    public abstract class BackgroundService : IDisposable
    {
        private Task? _executeTask;
        private CancellationTokenSource? _stoppingCts;

        public Task? ExecuteTask => _executeTask;

        protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

        public virtual Task StartAsync(CancellationToken cancellationToken)
        {
            _stoppingCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _executeTask = ExecuteAsync(_stoppingCts.Token);
            return _executeTask.IsCompleted ? _executeTask : Task.CompletedTask;
        }

        public virtual async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_executeTask is null)
            {
                return;
            }

            try
            {
                _stoppingCts!.Cancel();
            }
            finally
            {
                var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), cancelled);
                await Task.WhenAny(_executeTask, cancelled.Task).ConfigureAwait(false);
            }
        }

        public virtual void Dispose()
        {
            _stoppingCts?.Cancel();
            _stoppingCts?.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    public interface IMetricsSink
    {
        Task FlushAsync(IReadOnlyDictionary<string, double> metrics, CancellationToken cancellationToken);
    }

    public interface IWorkerLog
    {
        void Info(string message);

        void Error(Exception exception, string message);
    }

    public sealed class MetricsFlushWorker(IMetricsSink sink, IWorkerLog log) : BackgroundService
    {
        private readonly Dictionary<string, double> _pending = new();
        private readonly object _gate = new();

        public void Record(string name, double value)
        {
            lock (_gate)
            {
                _pending[name] = _pending.TryGetValue(name, out var current) ? current + value : value;
            }
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    Dictionary<string, double> snapshot;
                    lock (_gate)
                    {
                        snapshot = new Dictionary<string, double>(_pending);
                        _pending.Clear();
                    }

                    if (snapshot.Count == 0)
                    {
                        continue;
                    }

                    try
                    {
                        await sink.FlushAsync(snapshot, stoppingToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        log.Error(exception, "Flushing metrics failed; they will be retried on the next tick.");
                        lock (_gate)
                        {
                            foreach (var (name, value) in snapshot)
                            {
                                _pending[name] = _pending.TryGetValue(name, out var current) ? current + value : value;
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                log.Info("Metrics worker stopping.");
            }
        }
    }

    public sealed class PollingWorker(Func<CancellationToken, Task<bool>> pollOnce, IWorkerLog log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var delay = TimeSpan.FromSeconds(1);
            while (!stoppingToken.IsCancellationRequested)
            {
                bool foundWork;
                try
                {
                    foundWork = await pollOnce(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception)
                {
                    log.Error(exception, "Polling failed.");
                    foundWork = false;
                }

                // Back off while idle, come back quickly when there is work.
                delay = foundWork ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
                try
                {
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    public sealed record WorkItem(int Id, string Payload);

    public sealed record ProcessedItem(int Id, int Length, TimeSpan Elapsed);

    // Bounded producer/consumer pipeline: one reader, N processors, one writer, with completion propagated stage to stage.
    public sealed class ImportPipeline
    {
        private readonly Channel<WorkItem> _input = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(100)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });

        private readonly Channel<ProcessedItem> _output = Channel.CreateUnbounded<ProcessedItem>(new UnboundedChannelOptions { SingleReader = true });

        public async Task<int> RunAsync(TextReader source, TextWriter sink, int workers, CancellationToken cancellationToken)
        {
            var producer = ProduceAsync(source, cancellationToken);
            var processors = Enumerable.Range(0, workers).Select(_ => ProcessAsync(cancellationToken)).ToArray();
            var consumer = ConsumeAsync(sink, cancellationToken);

            await producer.ConfigureAwait(false);
            try
            {
                await Task.WhenAll(processors).ConfigureAwait(false);
                _output.Writer.TryComplete();
            }
            catch (Exception exception)
            {
                _output.Writer.TryComplete(exception);
                throw;
            }

            return await consumer.ConfigureAwait(false);
        }

        private async Task ProduceAsync(TextReader source, CancellationToken cancellationToken)
        {
            try
            {
                var id = 0;
                string? line;
                while ((line = await source.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    await _input.Writer.WriteAsync(new WorkItem(++id, line), cancellationToken).ConfigureAwait(false);
                }

                _input.Writer.TryComplete();
            }
            catch (Exception exception)
            {
                _input.Writer.TryComplete(exception);
                throw;
            }
        }

        private async Task ProcessAsync(CancellationToken cancellationToken)
        {
            await foreach (var item in _input.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var stopwatch = Stopwatch.StartNew();
                await Task.Yield();
                var processed = new ProcessedItem(item.Id, item.Payload.Trim().Length, stopwatch.Elapsed);
                await _output.Writer.WriteAsync(processed, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<int> ConsumeAsync(TextWriter sink, CancellationToken cancellationToken)
        {
            var count = 0;
            while (await _output.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_output.Reader.TryRead(out var item))
                {
                    await sink.WriteLineAsync($"{item.Id};{item.Length};{item.Elapsed.TotalMilliseconds}".AsMemory(), cancellationToken).ConfigureAwait(false);
                    count++;
                }
            }

            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    public sealed class BatchingConsumer(ChannelReader<string> reader, Func<IReadOnlyList<string>, CancellationToken, Task> flush)
    {
        public async Task RunAsync(int batchSize, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            var batch = new List<string>(batchSize);
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                window.CancelAfter(maxWait);
                try
                {
                    while (batch.Count < batchSize)
                    {
                        var next = await reader.ReadAsync(window.Token).ConfigureAwait(false);
                        batch.Add(next);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The batch window closed: flush what we have.
                }
                catch (ChannelClosedException)
                {
                    // The writer completed: flush the remainder and let the outer loop end.
                }

                if (batch.Count > 0)
                {
                    await flush(batch.ToArray(), cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
    }
}
