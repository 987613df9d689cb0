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

    public static List<(string Path, string Text)> Generate(int totalLines, int seed = 12345)
    {
        var random = new Random(seed);
        var files = new List<(string, string)> { ("/corpus/Support.cs", Support) };
        var lines = Support.Split('\n').Length;
        var index = 0;
        while (lines < totalLines)
        {
            var text = File(index, random);
            files.Add(($"/corpus/File{index:D5}.cs", text));
            lines += text.Split('\n').Length;
            index++;
        }

        return files;
    }

    private static string File(int index, Random random)
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
            Shapes[random.Next(Shapes.Length)](b, $"M{m}", random.Next(1, 100));
        }

        b.AppendLine("}");
        return b.ToString();
    }

    private static readonly Action<StringBuilder, string, int>[] Shapes =
    {
        SyncHeavy, SyncHeavy, SyncHeavy, Sequential, Loop, Blocking, SleepAndIo, Dropped, Handler, Continuation, LambdasAndLocals, Linq,
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
}
