using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.FixSafety;

/// <summary>
/// Fix All on a file with hundreds of findings of one rule: one pass fixes them all. (The time it takes is printed, not
/// asserted: speed is measured by benchmarks; the one-rewrite <c>OnePassEditor</c> keeps it linear in the number of edits.)
/// </summary>
public class FixAllScalingTests
{
    private readonly ITestOutputHelper _output;

    public FixAllScalingTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Rules => new[]
    {
        new object[] { "ASYNC101" },
        new object[] { "ASYNC201" },
        new object[] { "ASYNC202" },
        new object[] { "ASYNC301" },
        new object[] { "ASYNC302" },
        new object[] { "ASYNC401" },
        new object[] { "ASYNC402" },
        new object[] { "ASYNC403" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task HundredsOfFindings_FixedInOnePass(string id)
    {
        var elapsed = await FixAllAsync(id, 300);
        _output.WriteLine($"{id}: 300 findings fixed in {elapsed.TotalMilliseconds:F0} ms");
    }

    private async Task<TimeSpan> FixAllAsync(string id, int count)
    {
        var solution = await FixSafety.CreateSolutionAsync(new[] { ("/0/Many.cs", Source(id, count)) });
        var document = solution.Projects.Single().Documents.Single();
        var diagnostics = (await FixSafety.AnalyzerDiagnosticsAsync(document)).Where(d => d.Id == id).ToList();
        Assert.Equal(count, diagnostics.Count);
        var fixer = FixSafety.FixersFor(id).Single();

        var stopwatch = Stopwatch.StartNew();
        var context = new FixAllContext(document, fixer, FixAllScope.Document, null!, new[] { id }, new Provider(diagnostics), CancellationToken.None);
        var action = (await fixer.GetFixAllProvider()!.GetFixAsync(context))!;
        var fixedSolution = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        stopwatch.Stop();

        var left = (await FixSafety.AnalyzerDiagnosticsAsync(fixedSolution.GetDocument(document.Id)!)).Count(d => d.Id == id);
        Assert.True(left == 0, $"{id}: {left} of {count} findings left after one Fix All pass");
        return stopwatch.Elapsed;
    }

    private static string Source(string id, int count)
    {
        var text = new StringBuilder("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public interface IUsers { Task<string> GetAsync(int id); }
            public interface IOrders { Task<int> CountAsync(int id); }
            public sealed class Button { public event EventHandler? Click; public void Press() => Click?.Invoke(this, EventArgs.Empty); }

            internal sealed class Many
            {
                private readonly IUsers _users = null!;
                private readonly IOrders _orders = null!;
                private readonly Button _button = new();

            """);
        for (var i = 0; i < count; i++)
        {
            text.AppendLine(id switch
            {
                "ASYNC101" => $"    public async Task<int> M{i}(Task<int> a) {{ await Task.Yield(); return a.Result; }}",
                "ASYNC201" => $"    private void M{i}(Stream s) {{ s.FlushAsync(); }}",
                "ASYNC202" => $"    public async void M{i}() {{ await Task.Delay({i}); }}\n    public void Call{i}() {{ M{i}(); }}",
                "ASYNC301" => $"    public async Task<int> M{i}(int id) {{ var user = await _users.GetAsync(id); var count = await _orders.CountAsync(id); return user.Length + count; }}",
                "ASYNC302" => $"    public async Task M{i}(List<string> paths) {{ foreach (var path in paths) {{ await File.ReadAllTextAsync(path); }} }}",
                "ASYNC401" => $"    public void Subscribe{i}() {{ _button.Click += async (sender, e) => await _users.GetAsync({i}); }}",
                "ASYNC402" => $"    public void M{i}(Stream s) {{ _ = s.FlushAsync(); }}",
                "ASYNC403" => $"    public void M{i}(Task<string> load) {{ load.ContinueWith(t => Console.WriteLine(t.Result)); }}",
                _ => throw new ArgumentOutOfRangeException(nameof(id)),
            });
        }

        return text.Append("}\n").ToString();
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly IReadOnlyList<Diagnostic> _diagnostics;

        public Provider(IReadOnlyList<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
