using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ValidCode.Background;
using ValidCode.Library;
using ValidCode.Streams;

namespace Xunit
{
    // The parts of xUnit the tests below use.
    [AttributeUsage(AttributeTargets.Method)]
    public class FactAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TheoryAttribute : FactAttribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class InlineDataAttribute(params object?[] data) : Attribute
    {
        public object?[] Data { get; } = data;
    }

    public interface IAsyncLifetime
    {
        Task InitializeAsync();

        Task DisposeAsync();
    }

    public sealed class AssertException(string message) : Exception(message);

    public static class Assert
    {
        public static void Equal<T>(T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new AssertException($"Expected {expected}, got {actual}.");
            }
        }

        public static void True(bool condition)
        {
            if (!condition)
            {
                throw new AssertException("Expected true.");
            }
        }

        public static void Null(object? value)
        {
            if (value is not null)
            {
                throw new AssertException("Expected null.");
            }
        }

        public static async Task<T> ThrowsAsync<T>(Func<Task> action)
            where T : Exception
        {
            try
            {
                await action();
            }
            catch (T expected)
            {
                return expected;
            }

            throw new AssertException($"Expected {typeof(T).Name}.");
        }

        public static T Throws<T>(Action action)
            where T : Exception
        {
            try
            {
                action();
            }
            catch (T expected)
            {
                return expected;
            }

            throw new AssertException($"Expected {typeof(T).Name}.");
        }
    }
}

namespace ValidCode.Tests
{
    using Xunit;

    public sealed class RecordingReporter : IErrorReporter
    {
        private readonly TaskCompletionSource<Exception> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Exception> FirstReported => _first.Task;

        public void Report(Exception exception, string context) => _first.TrySetResult(exception);
    }

    public sealed class ListPagedSource(params Page<int>[] pages) : IPagedSource<int>
    {
        private readonly Dictionary<string, Page<int>> _byToken = pages.Select((p, i) => (p, i)).ToDictionary(x => x.i == 0 ? string.Empty : x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), x => x.p);

        public int Calls { get; private set; }

        public Task<Page<int>> GetPageAsync(string? token, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(_byToken[token ?? string.Empty]);
        }
    }

    public sealed class LibraryTests : IAsyncLifetime
    {
        private string _directory = string.Empty;

        public Task InitializeAsync()
        {
            _directory = Directory.CreateTempSubdirectory("validcode").FullName;
            return Task.CompletedTask;
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_directory, recursive: true);
            return Task.CompletedTask;
        }

        [Fact]
        public async Task Cache_LoadsOncePerKey()
        {
            var loads = 0;
            var cache = new AsyncCache<string, int>(async key =>
            {
                Interlocked.Increment(ref loads);
                await Task.Yield();
                return key.Length;
            });

            var first = cache.GetAsync("abc");
            var second = cache.GetAsync("abc");
            var values = await Task.WhenAll(first, second);

            Assert.Equal(3, values[0]);
            Assert.Equal(3, second.Result);
            Assert.Equal(1, loads);
        }

        [Fact]
        public async Task Cache_DoesNotKeepFailures()
        {
            var attempt = 0;
            var cache = new AsyncCache<int, string>(key => ++attempt == 1
                ? Task.FromException<string>(new IOException("first attempt fails"))
                : Task.FromResult(key.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            await Assert.ThrowsAsync<IOException>(() => cache.GetAsync(7));
            var value = await cache.GetAsync(7);

            Assert.Equal("7", value);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task Retry_StopsAfterMaxAttempts(int maxAttempts)
        {
            var calls = 0;
            await Assert.ThrowsAsync<TimeoutException>(() => Retry.ExecuteAsync<int>(
                _ =>
                {
                    calls++;
                    throw new TimeoutException();
                },
                e => e is TimeoutException,
                maxAttempts,
                CancellationToken.None));

            Assert.Equal(maxAttempts, calls);
        }

        [Fact]
        public async Task Paging_FollowsTokensInOrder()
        {
            var source = new ListPagedSource(new Page<int>(new[] { 1, 2 }, "1"), new Page<int>(new[] { 3 }, null));

            var items = await source.ReadAllAsync().CollectAsync();

            Assert.Equal("1,2,3", string.Join(',', items));
            Assert.Equal(2, source.Calls);
        }

        [Fact]
        public async Task Forget_ReportsFaults()
        {
            var reporter = new RecordingReporter();

            Task.FromException(new InvalidOperationException("boom")).Forget(reporter, "test");
            var reported = await reporter.FirstReported.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.True(reported is InvalidOperationException);
        }

        [Fact]
        public async Task AppendOnlyLog_WritesLinesInOrder()
        {
            var path = Path.Combine(_directory, "log.txt");
            await using (var log = new AppendOnlyLog(path))
            {
                await log.AppendAsync("first");
                await log.AppendAsync("second");
            }

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("first|second", string.Join('|', lines));
        }

        [Fact]
        public async Task Channel_DeliversEverythingBeforeCompletion()
        {
            var channel = Channel.CreateUnbounded<int>();
            var producer = Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await channel.Writer.WriteAsync(i);
                }

                channel.Writer.Complete();
            });

            var received = new List<int>();
            await foreach (var item in channel.Reader.ReadAllAsync())
            {
                received.Add(item);
            }

            await producer;
            Assert.Equal(5, received.Count);
        }

        [Fact]
        public async Task ManualResetEvent_ReleasesWaiters()
        {
            var signal = new AsyncManualResetEvent();
            var waiter = signal.WaitAsync();
            Assert.True(!waiter.IsCompleted);

            signal.Set();
            await waiter.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.True(waiter.IsCompletedSuccessfully);
        }

        [Fact]
        public async Task Settings_FastPathAfterFirstLoad()
        {
            IReadOnlyDictionary<string, string> settings = new Dictionary<string, string> { ["mode"] = "fast" };
            var provider = new SettingsProvider(_ => Task.FromResult(settings));

            var first = await provider.GetAsync("mode");
            var second = provider.GetAsync("mode");

            Assert.Equal("fast", first);
            Assert.True(second.IsCompletedSuccessfully);
            Assert.Equal("fast", await second);
        }

        [Fact]
        public void Guard_ThrowsSynchronously()
        {
            Assert.Throws<ArgumentNullException>(() => Background.TaskExtensions.Forget(null!, new RecordingReporter(), "x"));
        }

        [Fact]
        public async Task Cancellation_IsObserved()
        {
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();

            await Assert.ThrowsAsync<TaskCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(10), cts.Token));
        }
    }
}
