using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.Tests.Semantics;

public class CompletedTasksTests
{
    [Theory]
    [InlineData("await in if condition", "if (await t > 0) { } return t.Result;")]
    [InlineData("await in both branches", "if (flag) { await t; } else { await t.ConfigureAwait(false); } return t.Result;")]
    [InlineData("t?.Result after await", "await t; return t?.Result ?? 0;")]
    [InlineData("local initialized with FromResult", "var done = Task.FromResult(1); return done.Result;")]
    [InlineData("local holding the WhenAny winner", "var winner = await Task.WhenAny(t, u); return winner.Result;")]
    [InlineData("WhenAny winner compared through a local", "var first = await Task.WhenAny(t, u); if (first == u) { return u.Result; } return 0;")]
    [InlineData("WhenAll over an array creation", "await Task.WhenAll(new[] { t, u }); return u.Result;")]
    [InlineData("list index after WhenAll", "await Task.WhenAll(list); return list[0].Result;")]
    [InlineData("ContinueWhenAll antecedents", "return await Task.Factory.ContinueWhenAll(tasks, all => all[0].Result);")]
    [InlineData("await inside a nested block", "{ await t; } return t.Result;")]
    [InlineData("await in a switch case", "switch (flag) { case true: await t; return t.Result; default: return 0; }")]
    [InlineData("await in the left operand", "return await t + t.Result;")]
    [InlineData("IsFaulted guard", "return t.IsFaulted ? 0 : t.IsCanceled ? 1 : t.IsCompleted ? t.Result : 2;")]
    [InlineData("GetResult after Wait", "t.Wait(); return t.GetAwaiter().GetResult();")]
    [InlineData("async lambda awaiting its own parameter", "var f = list.Select(async x => { await x; return x.Result; }); return 0;")]
    [InlineData("guard on a field chain", "return other._task.IsCompleted ? other._task.Result : 0;")]
    [InlineData("status check on a field chain", "return other._task.Status == TaskStatus.RanToCompletion ? other._task.Result : await other._task;")]
    [InlineData("switch on the status", "switch (t.Status) { case TaskStatus.RanToCompletion: return t.Result; default: return 0; }")]
    [InlineData("switch expression on the status", "return t.Status switch { TaskStatus.Faulted or TaskStatus.Canceled => 0, TaskStatus.RanToCompletion => t.Result, _ => 1 };")]
    [InlineData("WhenAny winner checked with != and return", "var w = await Task.WhenAny(t, u); if (w != t) { return 0; } return t.Result;")]
    [InlineData("WhenAny held in a local and awaited", "var any = Task.WhenAny(t, u); var w = await any; return w.Result;")]
    [InlineData("guard on a foreach local", "foreach (var x in list) { if (x.IsCompletedSuccessfully) { return x.Result; } } return 0;")]
    [InlineData("completion filter", "return list.Where(x => x.IsCompletedSuccessfully).Select(x => x.Result).Sum();")]
    [InlineData("status filter", "return list.Where(x => x.Status == TaskStatus.RanToCompletion).Sum(x => x.Result);")]
    [InlineData("filter chained after WaitAll", "Task.WaitAll(tasks); return tasks.Where(x => x.Id > 0).OrderBy(x => x.Id).Select(x => x.Result).Sum();")]
    [InlineData("WhenAll through Cast", "await Task.WhenAll(list.Cast<Task>()); return list[0].Result;")]
    [InlineData("local assigned only inside a guard", "Task<int>? s = null; if (t.IsCompleted) { s = t; } return s!.Result;")]
    [InlineData("local assigned only complete tasks", "var s = Task.FromResult(1); if (flag) { s = Task.FromResult(2); } return s.Result;")]
    [InlineData("copy of an awaited task", "await t; var copy = t; return copy.Result;")]
    [InlineData("not-equals status early exit", "if (t.Status != TaskStatus.RanToCompletion) { throw new InvalidOperationException(); } return t.Result;")]
    [InlineData("switch on the status copied to a local", "var s = t.Status; switch (s) { case TaskStatus.RanToCompletion: return t.Result; default: return 0; }")]
    [InlineData("status copied to a local, tested with ==", "TaskStatus s = t.Status; return s == TaskStatus.RanToCompletion ? ((Task<int>)t).Result : 0;")]
    [InlineData("status of a field chain copied, no await before the test", "var s = other._task.Status; return s is TaskStatus.RanToCompletion ? other._task.Result : 0;")]
    [InlineData("timed wait that returned true", "if (!t.Wait(10)) { return 0; } return t.Result;")]
    public async Task CompleteShape_IsKnownComplete(string shape, string body)
    {
        Assert.True(await IsLastWaitKnownCompleteAsync(body), shape);
    }

    [Theory]
    [InlineData("await only in a branch", "if (flag) { await t; } return t.Result;")]
    [InlineData("await after the use", "var x = t.Result; await t; return x;")]
    [InlineData("reassigned after the await", "await t; t = Next(); return t.Result;")]
    [InlineData("reassigned inside the guard", "if (t.IsCompleted) { t = Next(); return t.Result; } return 0;")]
    [InlineData("await in a loop body", "while (flag) { await t; flag = false; } return t.Result;")]
    [InlineData("await in a try block", "try { await t; } finally { } return t.Result;")]
    [InlineData("await in a lambda", "Func<Task> f = async () => await t; return t.Result;")]
    [InlineData("await in the right operand of &&", "if (flag && await t > 0) { } return t.Result;")]
    [InlineData("local function declared after the await", "var r = Get(); await t; return r; int Get() => t.Result;")]
    [InlineData("Wait with a timeout", "t.Wait(10); return t.Result;")]
    [InlineData("WhenAll over other tasks", "await Task.WhenAll(u); return t.Result;")]
    [InlineData("collection grown after WhenAll", "await Task.WhenAll(list); list.Add(t); return list[1].Result;")]
    [InlineData("negated IsCompleted guard", "if (!t.IsCompleted) { return t.Result; } return 0;")]
    [InlineData("guard on another task", "if (u.IsCompleted) { return t.Result; } return 0;")]
    [InlineData("ValueTask wrapping a task", "return new ValueTask<int>(t).Result;")]
    [InlineData("WhenAny without await", "return Task.WhenAny(t, u).Result.Id;")]
    [InlineData("local initialized with FromResult, then reassigned", "var done = Task.FromResult(1); done = Next(); return done.Result;")]
    [InlineData("field of another instance", "await other._task; return other._task.Result;")]
    [InlineData("field chain with an await between guard and use", "if (other._task.IsCompleted) { await u; return other._task.Result; } return 0;")]
    [InlineData("field chain reassigned inside the guard", "if (other._task.IsCompleted) { other._task = Next(); return other._task.Result; } return 0;")]
    [InlineData("field chain read in a lambda inside the guard", "if (other._task.IsCompleted) { Func<int> f = () => other._task.Result; return f(); } return 0;")]
    [InlineData("switch on another task's status", "switch (u.Status) { case TaskStatus.RanToCompletion: return t.Result; } return 0;")]
    [InlineData("switch case that includes Running", "switch (t.Status) { case TaskStatus.Running: case TaskStatus.RanToCompletion: return t.Result; } return 0;")]
    [InlineData("switch expression arm for Running", "return t.Status switch { TaskStatus.Running => t.Result, _ => 0 };")]
    [InlineData("filter on something else", "return list.Where(x => x.Id > 0).Select(x => x.Result).Sum();")]
    [InlineData("WhenAll over a filter", "await Task.WhenAll(list.Where(x => x.Id > 0)); return list[0].Result;")]
    [InlineData("copy made before the await", "var copy = t; await u; return copy.Result;")]
    [InlineData("local also assigned an unknown task", "var s = u; if (t.IsCompleted) { s = t; } return s.Result;")]
    [InlineData("local passed by ref", "Task<int>? s = null; if (t.IsCompleted) { s = t; } Swap(ref s); return s!.Result;")]
    [InlineData("WhenAny winner checked with == and continue", "var w = await Task.WhenAny(t, u); if (w == t) { return 0; } return t.Result;")]
    [InlineData("status copied, then the task reassigned", "var s = t.Status; t = Next(); switch (s) { case TaskStatus.RanToCompletion: return t.Result; } return 0;")]
    [InlineData("status copied, then reassigned", "var s = t.Status; s = u.Status; return s == TaskStatus.RanToCompletion ? t.Result : 0;")]
    [InlineData("status of a field chain copied before an await", "var s = other._task.Status; await u; return s == TaskStatus.RanToCompletion ? other._task.Result : 0;")]
    [InlineData("timed wait that returned false", "if (t.Wait(10)) { return 0; } return t.Result;")]
    public async Task IncompleteShape_IsNotKnownComplete(string shape, string body)
    {
        Assert.False(await IsLastWaitKnownCompleteAsync(body), shape);
    }

    [Fact]
    public async Task BrokenCode_DoesNotThrow()
    {
        Assert.False(await IsLastWaitKnownCompleteAsync("await ; if (t.IsCompleted ? return t.Result;"));
    }

    private static async Task<bool> IsLastWaitKnownCompleteAsync(string body)
    {
        var source = $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            class C
            {
                Task<int> _task = Task.Run(() => 0);

                static Task<int> Next() => Task.Run(() => 1);

                static void Swap(ref Task<int>? task) => task = Next();

                async Task<int> M(Task<int> t, Task<int> u, Task<int>[] tasks, List<Task<int>> list, bool flag, C other)
                {
                    {{body}}
                }
            }
            """;
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var symbols = CompilationServices.TryGet(compilation)!.Symbols;
        var model = compilation.GetSemanticModel(tree);

        IOperation? task = null;
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (model.GetOperation(node) is { } operation
                && BlockingCalls.Classify(operation, symbols, out var candidate) != BlockingKind.None
                && candidate is not null)
            {
                task = candidate;
            }
        }

        Assert.NotNull(task);
        return CompletedTasks.IsKnownComplete(task, symbols);
    }
}
