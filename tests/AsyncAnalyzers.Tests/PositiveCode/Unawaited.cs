using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PositiveCode.Unawaited;

// Unawaited-family mistakes (ASYNC201, ASYNC202, ASYNC203) in the shapes users write: several on one line, nested in one
// another, two in one method that the fix makes async, callers in another file (UnawaitedCallers.cs). Not compiled into the
// test assembly: the fix safety suite and tests/format-test.sh apply the fixes to it and recompile.
public sealed class Notifier
{
    public Task SendAsync(string message) => File.AppendAllTextAsync("notifications.log", message);
}

public sealed class Dropped
{
    private readonly Notifier? _notifier;
    private readonly object _gate = new();

    public Dropped(Notifier? notifier, Stream log)
    {
        _notifier = notifier;
        log.FlushAsync();
    }

    public async Task Notify(string first, string second)
    {
        _notifier?.SendAsync(first); _notifier?.SendAsync(second);
        await Task.Yield();
        lock (_gate)
        {
            _notifier?.SendAsync("locked");
        }
    }

    public void Save(Stream stream)
    {
        stream.FlushAsync();
    }

    private void FlushBoth(Stream data, Stream index)
    {
        data.FlushAsync();
        index.FlushAsync();
    }

    public Action Later(Stream stream) => () => stream.FlushAsync();
}

public sealed class Reloader
{
    private int _reloads;

    public async void Reload()
    {
        await Task.Delay(10);
        _reloads++;
    }

    private async void ReloadTwice()
    {
        await Task.Yield();
        Reload();
        Reload();
    }

    public void Start()
    {
        Reload();
        ReloadTwice();
    }

    public int Reloads => _reloads;
}

public sealed class Batches
{
    public async Task Run(List<List<int>> groups, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Parallel.ForEach(groups, async group =>
        {
            await Task.Yield();
            Parallel.ForEach(group, async item => await Task.Delay(item, cancellationToken));
        });
    }
}
