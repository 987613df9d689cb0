using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.Background
{
    public interface IErrorReporter
    {
        void Report(Exception exception, string context);
    }

    public static class TaskExtensions
    {
        // Observes the task's exception so that nothing goes unobserved, then lets the caller move on.
        public static void Forget(this Task task, IErrorReporter reporter, string context)
        {
            ArgumentNullException.ThrowIfNull(task);
            if (task.IsCompleted)
            {
                if (task.IsFaulted)
                {
                    reporter.Report(task.Exception!.GetBaseException(), context);
                }

                return;
            }

            _ = task.ContinueWith(
                static (t, state) =>
                {
                    var (reporter, context) = ((IErrorReporter, string))state!;
                    reporter.Report(t.Exception!.GetBaseException(), context);
                },
                (reporter, context),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        public static async Task ObserveAsync(this Task task, IErrorReporter reporter, string context)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancellation of background work is expected on shutdown.
            }
            catch (Exception exception)
            {
                reporter.Report(exception, context);
            }
        }
    }

    public interface IAnalytics
    {
        Task TrackAsync(string eventName, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken);
    }

    public interface IEmailSender
    {
        Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
    }

    public sealed class SignupService(IAnalytics analytics, IEmailSender email, IErrorReporter errors)
    {
        private readonly ConcurrentBag<Task> _inFlight = new();

        public async Task<Guid> SignUpAsync(string address, CancellationToken cancellationToken)
        {
            var userId = Guid.NewGuid();
            await email.SendAsync(address, "Welcome", $"Your id is {userId}", cancellationToken);

            // Analytics must never slow down or fail the signup: run it in the background, exceptions reported.
            _ = analytics.TrackAsync("signup", new Dictionary<string, string> { ["user"] = userId.ToString() }, CancellationToken.None)
                .ObserveAsync(errors, "signup analytics");

            analytics.TrackAsync("signup.count", new Dictionary<string, string>(), CancellationToken.None).Forget(errors, "signup counter");

            _inFlight.Add(Task.Run(() => WarmUpProfileAsync(userId)));
            return userId;
        }

        public Task DrainAsync() => Task.WhenAll(_inFlight);

        private static async Task WarmUpProfileAsync(Guid userId)
        {
            await Task.Delay(10).ConfigureAwait(false);
            Debug.WriteLine($"Warmed {userId}");
        }

        public void OnUserDeleted(Guid userId)
        {
            // Synchronous callback from a message handler: hand the async work off, continuation only on failure.
            _ = email.SendAsync("audit@example.com", "User deleted", userId.ToString(), CancellationToken.None)
                .ContinueWith(t => errors.Report(t.Exception!, "deletion mail"), TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    // Timer callbacks are synchronous; the async work is started and its failures observed.
    public sealed class HeartbeatTimer : IDisposable
    {
        private readonly Timer _timer;
        private readonly Func<CancellationToken, Task> _beat;
        private readonly IErrorReporter _errors;
        private readonly CancellationTokenSource _stopping = new();
        private int _running;

        public HeartbeatTimer(Func<CancellationToken, Task> beat, IErrorReporter errors, TimeSpan period)
        {
            _beat = beat;
            _errors = errors;
            _timer = new Timer(OnTick, null, period, period);
        }

        private void OnTick(object? state)
        {
            // Skip the tick if the previous beat is still running.
            if (Interlocked.Exchange(ref _running, 1) == 1)
            {
                return;
            }

            _ = RunBeatAsync();
        }

        private async Task RunBeatAsync()
        {
            try
            {
                await _beat(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                _errors.Report(exception, "heartbeat");
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }

        public void Dispose()
        {
            _stopping.Cancel();
            _timer.Dispose();
            _stopping.Dispose();
        }
    }

    public sealed class WorkTracker
    {
        private readonly List<Task> _tasks = new();
        private readonly object _gate = new();

        public void Track(Task task)
        {
            lock (_gate)
            {
                _tasks.RemoveAll(t => t.IsCompleted);
                _tasks.Add(task);
            }
        }

        public Task WhenIdleAsync()
        {
            lock (_gate)
            {
                return Task.WhenAll(_tasks.ToArray());
            }
        }

        public void StartMany(IEnumerable<Func<Task>> jobs)
        {
            foreach (var job in jobs)
            {
                Track(Task.Run(job));
            }
        }
    }
}
