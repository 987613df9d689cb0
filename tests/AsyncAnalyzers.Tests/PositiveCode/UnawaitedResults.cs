using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Unawaited;

// ASYNC206 (a null returned as a task) and ASYNC207 (only the outer task of a nested task awaited), several on one line and
// nested in conditionals and lambdas, for the fix safety suite.
public sealed class NullTasks
{
    private readonly Dictionary<int, string> _names = new();

    public Task Start(bool ready, Task work) => ready ? null : work;

    public Task<string> Find(int id) => _names.TryGetValue(id, out var name) ? Task.FromResult(name) : null;

    public Task<int> Count(bool known, Task<int> pending) { if (known) { return null; } return pending ?? default; }

    public Task<T> Default<T>() => default;

    public Func<Task> Handler() => () => null;

    public Task Pick(int kind, Task a) => kind switch { 0 => a, 1 => null, _ => default(Task) };
}

public static class NestedTasks
{
    public static async Task RunAsync(Task first, CancellationToken cancellationToken)
    {
        await Task.Factory.StartNew(async () => await Task.Delay(1, cancellationToken)); await Task.Factory.StartNew(() => Task.Delay(2), cancellationToken);
        await Task.Factory.StartNew(async () => await Task.Delay(3), TaskCreationOptions.LongRunning).ConfigureAwait(false);
        await first.ContinueWith(async _ => await Task.Delay(4));
        var outer = Task.Factory.StartNew(async () => await Task.Delay(5));
        await outer;
        Func<Task> later = async () => await Task.Factory.StartNew(async () => await Task.Delay(6));
        await later();
    }

    // Outer tasks converted to Task, waited, handed to WhenAll, or collected by Select: ASYNC207 at the creation.
    public static Task Then(Task first) => first.ContinueWith(async _ => await Task.Delay(7));

    public static async Task CollectAsync(IEnumerable<int> items, List<Task> tasks, Task other)
    {
        tasks.Add(Task.Factory.StartNew(async () => await Task.Delay(8), TaskCreationOptions.LongRunning)); tasks.Add(Task.Factory.StartNew(() => Task.Delay(9)));
        var work = Task.Factory.StartNew(async () => await Task.Delay(10));
        work.Wait();
        await Task.WhenAll(work, other);
        var outers = items.Select(x => Task.Factory.StartNew(async () => await Task.Delay(x))).ToList();
        await Task.WhenAll(outers).ConfigureAwait(false);
        await Task.WhenAll(Task.Factory.StartNew(() => Task.Delay(11)), Task.Factory.StartNew(() => Task.Delay(12)));
        Func<Task> deferred = () => Task.Factory.StartNew(async () => await Task.Delay(13));
        await deferred();
    }
}
