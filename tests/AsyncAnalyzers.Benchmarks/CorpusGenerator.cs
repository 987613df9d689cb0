using System;
using System.Collections.Generic;
using System.Text;

namespace AsyncAnalyzers.Benchmarks;

/// <summary>
/// Generates a deterministic, async-heavy C# corpus: the same seed gives the same files. Every file mixes the shapes the rules
/// look at (awaits in sequence, loops of awaits, blocking waits, Thread.Sleep, sync I/O, dropped and stored tasks, async void
/// handlers, continuations, lambdas, local functions, LINQ) with plain synchronous code, which is most of real code.
/// </summary>
internal static class CorpusGenerator
{
    public const string Support = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus;

        public sealed record Item(int Id, string Name, decimal Price);

        public interface IRepository
        {
            Task<Item?> FindAsync(int id, CancellationToken cancellationToken = default);
            Task<List<Item>> ListAsync(CancellationToken cancellationToken = default);
            Task SaveAsync(Item item, CancellationToken cancellationToken = default);
            void Save(Item item);
            int Count();
            Task<int> CountAsync(CancellationToken cancellationToken = default);
        }

        public interface INotifier
        {
            Task NotifyAsync(string message);
            ValueTask<bool> PingAsync();
        }

        public static class Helpers
        {
            public static int Score(Item item) => item.Name.Length * 3 + (int)item.Price;
            public static string Describe(Item item) => $"{item.Id}:{item.Name}:{item.Price}";
            public static void Forget(this Task task) => task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }

        public sealed class ClickEventArgs : EventArgs
        {
        }
        """;

    /// <summary>
    /// Generates about <paramref name="totalLines"/> lines. With <paramref name="mistakeRate"/> 1 (the dense corpus) every shape
    /// that can hold a mistake holds one: a warning every 15 lines, a worst case for reporting. Below 1, each such shape is written
    /// in its correct form (awaited instead of blocked, async I/O, guarded handlers...) except with that probability: the same
    /// shapes for the rules to examine, at a density closer to real code.
    /// </summary>
    public static List<(string Path, string Text)> Generate(int totalLines, int seed = 12345, double mistakeRate = 1.0)
    {
        var random = new Random(seed);
        var files = new List<(string, string)> { ("/corpus/Support.cs", Support) };
        var lines = Support.Split('\n').Length;
        var index = 0;
        while (lines < totalLines)
        {
            var text = File(index, random, mistakeRate);
            files.Add(($"/corpus/File{index:D5}.cs", text));
            lines += text.Split('\n').Length;
            index++;
        }

        return files;
    }

    private static string File(int index, Random random, double mistakeRate)
    {
        var b = new StringBuilder();
        b.AppendLine("using System;");
        b.AppendLine("using System.Collections.Generic;");
        b.AppendLine("using System.IO;");
        b.AppendLine("using System.Linq;");
        b.AppendLine("using System.Threading;");
        b.AppendLine("using System.Threading.Tasks;");
        b.AppendLine();
        b.AppendLine("namespace Corpus;");
        b.AppendLine();
        b.AppendLine($"public sealed class Service{index}");
        b.AppendLine("{");
        b.AppendLine("    private readonly IRepository _repository;");
        b.AppendLine("    private readonly INotifier _notifier;");
        b.AppendLine("    private readonly List<Item> _cache = new();");
        b.AppendLine("    private Task? _background;");
        b.AppendLine();
        b.AppendLine($"    public Service{index}(IRepository repository, INotifier notifier)");
        b.AppendLine("    {");
        b.AppendLine("        _repository = repository;");
        b.AppendLine("        _notifier = notifier;");
        b.AppendLine("    }");
        b.AppendLine();
        b.AppendLine("    public event EventHandler<ClickEventArgs>? Clicked;");
        for (var m = 0; m < 10; m++)
        {
            b.AppendLine();
            var shape = Shapes[random.Next(Shapes.Length)];
            var n = random.Next(1, 100);

            // The dense corpus draws no extra numbers, so it stays the corpus earlier measurements used.
            var write = mistakeRate < 1.0 && shape.Correct is not null && random.NextDouble() >= mistakeRate ? shape.Correct : shape.Mistake;
            write(b, $"M{m}", n);
        }

        b.AppendLine("}");
        return b.ToString();
    }

    private static readonly (Action<StringBuilder, string, int> Mistake, Action<StringBuilder, string, int>? Correct)[] Shapes =
    {
        (SyncHeavy, null), (SyncHeavy, null), (SyncHeavy, null), (Sequential, null), (Loop, null), (Blocking, Awaited),
        (SleepAndIo, AsyncIo), (Dropped, Observed), (Handler, GuardedHandlers), (Continuation, AwaitedContinuation),
        (LambdasAndLocals, LambdasAndLocalsAwaited), (Linq, null),
    };

    private static void SyncHeavy(StringBuilder b, string name, int n) => b.Append($$"""
            public int {{name}}(IReadOnlyList<Item> items)
            {
                var total = 0;
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    total += Helpers.Score(item) + item.Name.IndexOf('a') + Math.Max(i, {{n}});
                    if (item.Price > {{n}}m)
                    {
                        total -= item.Name.Trim().ToUpperInvariant().Length;
                    }
                }

                var names = string.Join(",", items.Select(x => x.Name.ToLowerInvariant()));
                _cache.AddRange(items.Where(x => x.Id % 2 == 0));
                return total + names.Length + _cache.Count + Helpers.Describe(items[0]).Length;
            }

        """);

    private static void Sequential(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<int> {{name}}(int id, CancellationToken cancellationToken)
            {
                var first = await _repository.FindAsync(id, cancellationToken);
                var all = await _repository.ListAsync(cancellationToken);
                var count = await _repository.CountAsync(cancellationToken);
                await _notifier.NotifyAsync("loaded " + count);
                if (first is null)
                {
                    return all.Count + {{n}};
                }

                await _repository.SaveAsync(first with { Price = first.Price + 1 }, cancellationToken);
                return all.Count + count;
            }

        """);

    private static void Loop(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<List<Item>> {{name}}(IEnumerable<int> ids, CancellationToken cancellationToken)
            {
                var results = new List<Item>();
                foreach (var id in ids)
                {
                    var item = await _repository.FindAsync(id + {{n}}, cancellationToken);
                    if (item is not null)
                    {
                        results.Add(item);
                    }
                }

                for (var i = 0; i < results.Count; i++)
                {
                    await _notifier.NotifyAsync(results[i].Name);
                }

                return results;
            }

        """);

    private static void Blocking(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<int> {{name}}(int id)
            {
                var pending = _repository.CountAsync();
                await Task.WhenAll(pending, _notifier.NotifyAsync("x"));
                var done = pending.Result;
                var other = _repository.FindAsync(id).Result;
                _notifier.NotifyAsync("y").Wait();
                return done + (other?.Id ?? {{n}}) + _repository.CountAsync().GetAwaiter().GetResult();
            }

            public int {{name}}Sync() => _repository.CountAsync().Result + {{n}};

        """);

    private static void SleepAndIo(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<string> {{name}}(string path, CancellationToken cancellationToken)
            {
                Thread.Sleep({{n}});
                var text = File.ReadAllText(path);
                using var stream = File.OpenRead(path);
                var buffer = new byte[{{n}}];
                var read = stream.Read(buffer, 0, buffer.Length);
                _repository.Save(new Item(read, text, {{n}}m));
                await Task.Delay({{n}}, cancellationToken);
                return text + read;
            }

        """);

    private static void Dropped(StringBuilder b, string name, int n) => b.Append($$"""
            public void {{name}}(Item item)
            {
                _repository.SaveAsync(item);
                _ = _notifier.NotifyAsync("saved {{n}}");
                var stored = _repository.CountAsync();
                _background = Task.Run(() => Helpers.Score(item));
                _notifier.NotifyAsync("done").Forget();
            }

        """);

    private static void Handler(StringBuilder b, string name, int n) => b.Append($$"""
            public async void {{name}}(object? sender, ClickEventArgs e)
            {
                await _notifier.NotifyAsync("click {{n}}");
                Clicked?.Invoke(this, e);
            }

            public async void {{name}}Safe(object? sender, ClickEventArgs e)
            {
                try
                {
                    await _notifier.NotifyAsync("click");
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                }
            }

        """);

    private static void Continuation(StringBuilder b, string name, int n) => b.Append($$"""
            public Task<int> {{name}}()
            {
                return _repository.CountAsync().ContinueWith(t => t.Result + {{n}});
            }

            public Task<int> {{name}}Checked() => _repository.CountAsync().ContinueWith(t => t.IsFaulted ? 0 : t.Result, TaskScheduler.Default);

        """);

    private static void LambdasAndLocals(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<int> {{name}}(IReadOnlyList<int> ids)
            {
                Func<int, Task<Item?>> find = async id => await _repository.FindAsync(id);
                async Task<int> LocalAsync(int value)
                {
                    await Task.Yield();
                    return value * {{n}};
                }

                int Local(int value) => value + Helpers.Score(new Item(value, "n", 1m));
                var tasks = ids.Select(find).ToList();
                var items = await Task.WhenAll(tasks);
                ids.ToList().ForEach(async id => await _notifier.NotifyAsync(id.ToString()));
                return items.Length + await LocalAsync(Local(ids.Count)) + tasks.Sum(t => t.Result?.Id ?? 0);
            }

        """);

    private static void Linq(StringBuilder b, string name, int n) => b.Append($$"""
            public IEnumerable<string> {{name}}(IEnumerable<Item> items) =>
                items.Where(i => i.Price > {{n}}m)
                    .OrderBy(i => i.Name)
                    .GroupBy(i => i.Id % 7)
                    .Select(g => g.Key + ":" + string.Join("|", g.Select(i => i.Name)));

        """);

    private static void Awaited(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<int> {{name}}(int id)
            {
                var pending = _repository.CountAsync();
                await Task.WhenAll(pending, _notifier.NotifyAsync("x"));
                var done = pending.Result;
                var other = await _repository.FindAsync(id).ConfigureAwait(false);
                await _notifier.NotifyAsync("y");
                return done + (other?.Id ?? {{n}}) + await _repository.CountAsync();
            }

            public int {{name}}Sync() => _cache.Count + {{n}};

        """);

    private static void AsyncIo(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<string> {{name}}(string path, CancellationToken cancellationToken)
            {
                await Task.Delay({{n}}, cancellationToken);
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                await using var stream = File.OpenRead(path);
                var buffer = new byte[{{n}}];
                var read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken);
                await _repository.SaveAsync(new Item(read, text, {{n}}m), cancellationToken);
                return text + read;
            }

        """);

    private static void Observed(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task {{name}}(Item item)
            {
                await _repository.SaveAsync(item);
                await _notifier.NotifyAsync("saved {{n}}");
                var stored = _repository.CountAsync();
                _background = Task.Run(() => Helpers.Score(item));
                _notifier.NotifyAsync("done").Forget();
                await stored;
            }

        """);

    private static void GuardedHandlers(StringBuilder b, string name, int n) => b.Append($$"""
            public async void {{name}}(object? sender, ClickEventArgs e)
            {
                try
                {
                    await _notifier.NotifyAsync("click {{n}}");
                    Clicked?.Invoke(this, e);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                }
            }

            public async void {{name}}Safe(object? sender, ClickEventArgs e)
            {
                try
                {
                    await _notifier.NotifyAsync("click");
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                }
            }

        """);

    private static void AwaitedContinuation(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<int> {{name}}()
            {
                return await _repository.CountAsync() + {{n}};
            }

            public Task<int> {{name}}Checked() => _repository.CountAsync().ContinueWith(t => t.IsFaulted ? 0 : t.Result, TaskScheduler.Default);

        """);

    private static void LambdasAndLocalsAwaited(StringBuilder b, string name, int n) => b.Append($$"""
            public async Task<int> {{name}}(IReadOnlyList<int> ids)
            {
                Func<int, Task<Item?>> find = async id => await _repository.FindAsync(id);
                async Task<int> LocalAsync(int value)
                {
                    await Task.Yield();
                    return value * {{n}};
                }

                int Local(int value) => value + Helpers.Score(new Item(value, "n", 1m));
                var tasks = ids.Select(find).ToList();
                var items = await Task.WhenAll(tasks);
                await Task.WhenAll(ids.Select(id => _notifier.NotifyAsync(id.ToString())));
                return items.Length + await LocalAsync(Local(ids.Count)) + tasks.Sum(t => t.Result?.Id ?? 0);
            }

        """);
}
