using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.BlockingBridges
{
    // Where real code waits on a task and cannot block: the task is complete, the wait is the synchronous mode of a dual-mode
    // method, or the synchronous signature is someone else's and there is nothing synchronous to call instead.
    public enum IOBehavior
    {
        Synchronous,
        Asynchronous,
    }

    public sealed class PacketReader
    {
        private readonly Stream _stream;

        public PacketReader(Stream stream) => _stream = stream;

        public int ReadPacket() => ReadPacketAsync(IOBehavior.Synchronous, CancellationToken.None).GetAwaiter().GetResult();

        public ValueTask<int> ReadPacketAsync(CancellationToken cancellationToken) => ReadPacketAsync(IOBehavior.Asynchronous, cancellationToken);

        private async ValueTask<int> ReadPacketAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
        {
            var buffer = new byte[4];
            var read = ioBehavior == IOBehavior.Asynchronous
                ? await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)
                : ReadSyncOverAsync(buffer);
            return read;

            int ReadSyncOverAsync(byte[] into) => _stream.ReadAsync(into, 0, into.Length, cancellationToken).GetAwaiter().GetResult();
        }
    }

    public static class TaskStatusExtensions
    {
        public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
    }

    public interface IPipeAgent<T>
    {
        Task<T> Context { get; }
    }

    public sealed class PipeSupervisor<T>
    {
        public async Task<T> SendAsync(IPipeAgent<T> agent)
        {
            var context = agent.Context.Status == TaskStatus.RanToCompletion
                ? agent.Context.Result
                : await agent.Context.ConfigureAwait(false);
            return context;
        }

        public static async Task<T> UnwrapAsync(Task<T> pending, CancellationToken cancellationToken) =>
            pending.IsCompletedSuccessfully()
                ? pending.Result
                : await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public sealed class CachedValue<T>
    {
        private readonly TaskCompletionSource<T> _value = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasValue => _value.Task.Status == TaskStatus.RanToCompletion;

        public void Set(T value) => _value.TrySetResult(value);

        public string Describe() => HasValue ? $"cached: {_value.Task.Result}" : "pending";

        public void CopyFrom(Task<T> other)
        {
            switch (other.Status)
            {
                case TaskStatus.RanToCompletion:
                    _value.TrySetResult(other.Result);
                    break;
                case TaskStatus.Faulted:
                    _value.TrySetException(other.Exception!.InnerExceptions);
                    break;
                case TaskStatus.Canceled:
                    _value.TrySetCanceled();
                    break;
            }
        }
    }

    public interface ICommandHandler<in TCommand>
    {
        void Execute(TCommand command);
    }

    public interface IReleaseSearch
    {
        Task<IReadOnlyList<string>> SearchAsync(int seriesId);
    }

    public sealed record SearchCommand(int SeriesId);

    public sealed class SearchHandler : ICommandHandler<SearchCommand>
    {
        private readonly IReleaseSearch _search;

        public SearchHandler(IReleaseSearch search) => _search = search;

        public void Execute(SearchCommand command)
        {
            var releases = _search.SearchAsync(command.SeriesId).GetAwaiter().GetResult();
            Console.WriteLine(releases.Count);
        }
    }

    public sealed class ImportJob
    {
        private readonly ConcurrentBag<int> _counts = new();

        public int Run(IEnumerable<string> lists)
        {
            var tasks = new List<Task>();
            foreach (var list in lists)
            {
                tasks.Add(Task.Run(() => _counts.Add(list.Length)));
            }

            Task.WaitAll(tasks.ToArray());
            return _counts.Sum();
        }

        public void Probe(string path) =>
            Task.Run(() => Console.WriteLine(Directory.Exists(path))).Wait(TimeSpan.FromSeconds(5));
    }

    public sealed class Connector
    {
        public async Task<IDisposable> FirstAsync(List<Task<IDisposable>> attempts)
        {
            Task<IDisposable>? winner = null;
            while (attempts.Count > 0)
            {
                var done = await Task.WhenAny(attempts).ConfigureAwait(false);
                attempts.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    winner = done;
                    break;
                }
            }

            await Task.WhenAll(attempts.Cast<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var attempt in attempts.Where(a => a.IsCompletedSuccessfully))
            {
                attempt.Result.Dispose();
            }

            return winner is null ? throw new InvalidOperationException("no connection") : winner.Result;
        }
    }
}
