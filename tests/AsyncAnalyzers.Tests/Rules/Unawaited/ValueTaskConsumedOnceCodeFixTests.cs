using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.ValueTaskConsumedOnceAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.ValueTaskConsumedOnceCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class ValueTaskConsumedOnceCodeFixTests
{
    private const string Source = """

        public interface ISource
        {
            System.Threading.Tasks.ValueTask<int> ReadAsync();
            System.Threading.Tasks.ValueTask FlushAsync();
        }
        """;

    /// <summary>
    /// ASYNC208 reports a second consumption from the callback of the variable's declarator (or its function, for a parameter),
    /// which the span-based analysis of one consumption does not run: a non-local diagnostic, fixed once the document's
    /// diagnostics are computed (an open document in the IDE, dotnet format, Fix All). The testing library's check for local
    /// diagnostics is skipped for that reason only.
    /// </summary>
    private static async Task VerifyFix(string source, string fixedSource, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var test = new VerifyCS.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.OutputKind = outputKind;
        await test.RunAsync();
    }

    private static Task VerifyNoFix(string source) => VerifyFix(source, source);

    [Fact]
    public async Task VarAwaitedTwice_StoresAsTask()
    {
        await VerifyFix("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var first = await vt;
                    return first + [|await vt|];
                }
            }
            """ + Source, """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync().AsTask();
                    var first = await vt;
                    return first + await vt;
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task ExplicitTypeAndAsTaskThenAwait_BecomesTaskOfT()
    {
        await VerifyFix("""
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    ValueTask<int> vt = s.ReadAsync(); // the read
                    await Task.WhenAny(vt.AsTask(), Task.Delay(100));
                    return [|await vt.ConfigureAwait(false)|];
                }
            }
            """ + Source, """
            using System.Threading.Tasks;
            class C
            {
                async Task<int> M(ISource s)
                {
                    Task<int> vt = s.ReadAsync().AsTask(); // the read
                    await Task.WhenAny(vt, Task.Delay(100));
                    return await vt.ConfigureAwait(false);
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task NonGenericResultAfterAwait_BecomesTask()
    {
        await VerifyFix("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s, bool flag)
                {
                    ValueTask vt = flag ? s.FlushAsync() : default;
                    await vt;
                    if (vt.IsCompletedSuccessfully)
                    {
                        [|vt.GetAwaiter().GetResult()|];
                    }
                }
            }
            """ + Source, """
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s, bool flag)
                {
                    Task vt = (flag ? s.FlushAsync() : default).AsTask();
                    await vt;
                    if (vt.IsCompletedSuccessfully)
                    {
                        vt.GetAwaiter().GetResult();
                    }
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task FullyQualifiedTypeAndResult_StaysQualifiedAndKeepsTheException()
    {
        await VerifyFix("""
            class C
            {
                async System.Threading.Tasks.Task<int> M(ISource s)
                {
                    System.Threading.Tasks.ValueTask<int> vt = s.ReadAsync();
                    return await vt + [|vt.Result|];
                }
            }
            """ + Source, """
            class C
            {
                async System.Threading.Tasks.Task<int> M(ISource s)
                {
                    System.Threading.Tasks.Task<int> vt = s.ReadAsync().AsTask();
                    return await vt + vt.GetAwaiter().GetResult();
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task ParameterAwaitedTwice_NoFix()
    {
        await VerifyNoFix("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ValueTask vt)
                {
                    await vt;
                    [|await vt|];
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task HandedOn_NoFix()
    {
        await VerifyNoFix("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class C
            {
                readonly List<ValueTask<int>> _pending = new();

                async Task<int> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    _pending.Add(vt);
                    return [|await vt|];
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task AwaitedInRetryLoop_NoFix()
    {
        await VerifyNoFix("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s, int attempts)
                {
                    var vt = s.FlushAsync();
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            [|await vt|];
                            return;
                        }
                        catch (InvalidOperationException) when (attempt < attempts)
                        {
                            await Task.Delay(10);
                        }
                    }
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task PreserveAfterAwait_NoFix()
    {
        await VerifyNoFix("""
            using System.Threading.Tasks;
            class C
            {
                async Task<ValueTask<int>> M(ISource s)
                {
                    var vt = s.ReadAsync();
                    await vt;
                    return [|vt.Preserve()|];
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task TwoDeclaratorsInOneDeclaration_NoFix()
    {
        await VerifyNoFix("""
            using System.Threading.Tasks;
            class C
            {
                async Task M(ISource s)
                {
                    ValueTask a = s.FlushAsync(), b = s.FlushAsync();
                    await a;
                    await b;
                    [|await a|];
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task TopLevelStatements_StoresAsTask()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                var stream = new MemoryStream();
                var write = stream.WriteAsync(new byte[] { 1 });
                await write;
                [|await write|];
                """,
            FixedCode = """
                using System.IO;
                var stream = new MemoryStream();
                var write = stream.WriteAsync(new byte[] { 1 }).AsTask();
                await write;
                await write;
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_OneEditPerLocal()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(ISource s)
                    {
                        var a = s.ReadAsync();
                        var b = s.ReadAsync();
                        var total = await a + [|await a|] + [|a.Result|];
                        total += await b.ConfigureAwait(false) + [|await b.AsTask()|];
                        return total;
                    }

                    async Task<int> N(ISource s) => await Local() + await Local();

                    async Task<int> Local2(ISource s)
                    {
                        ValueTask<int> c = s.ReadAsync();
                        return await c + [|await c|];
                    }

                    Task<int> Local() => Task.FromResult(1);
                }
                """ + Source,
            FixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(ISource s)
                    {
                        var a = s.ReadAsync().AsTask();
                        var b = s.ReadAsync().AsTask();
                        var total = await a + await a + a.GetAwaiter().GetResult();
                        total += await b.ConfigureAwait(false) + await b;
                        return total;
                    }

                    async Task<int> N(ISource s) => await Local() + await Local();

                    async Task<int> Local2(ISource s)
                    {
                        Task<int> c = s.ReadAsync().AsTask();
                        return await c + await c;
                    }

                    Task<int> Local() => Task.FromResult(1);
                }
                """ + Source,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    // The blocking read of a ValueTask not known complete (synchronous code): block on AsTask() instead.

    [Fact]
    public async Task ResultOfLocal_BlocksOnAsTaskKeepingTheException()
    {
        await VerifyFix("""
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    return [|vt.Result|];
                }
            }
            """ + Source, """
            class C
            {
                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    return vt.AsTask().GetAwaiter().GetResult();
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task GetResultOfCall_BlocksOnAsTask()
    {
        await VerifyFix("""
            using System;
            using System.Threading.Tasks;
            sealed class Journal : IDisposable, IAsyncDisposable
            {
                private readonly System.IO.Stream _stream = System.IO.File.OpenRead("journal.bin");

                public void Dispose() => [|DisposeAsync().GetAwaiter().GetResult()|];

                public ValueTask DisposeAsync() => _stream.DisposeAsync();
            }
            """, """
            using System;
            using System.Threading.Tasks;
            sealed class Journal : IDisposable, IAsyncDisposable
            {
                private readonly System.IO.Stream _stream = System.IO.File.OpenRead("journal.bin");

                public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

                public ValueTask DisposeAsync() => _stream.DisposeAsync();
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitThenGetResult_BlocksOnAsTask()
    {
        await VerifyFix("""
            class C
            {
                int M(ISource s) => [|s.ReadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];

                void N(ISource s)
                {
                    var flush = s.FlushAsync();
                    [|flush.GetAwaiter().GetResult()|];
                }
            }
            """ + Source, """
            class C
            {
                int M(ISource s) => s.ReadAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult();

                void N(ISource s)
                {
                    var flush = s.FlushAsync();
                    flush.AsTask().GetAwaiter().GetResult();
                }
            }
            """ + Source);
    }

    [Fact]
    public async Task ResultOfLocalConsumedTwice_NoFix()
    {
        await VerifyNoFix("""
            class C
            {
                private System.Threading.Tasks.ValueTask<int> _pending;

                int M(ISource s)
                {
                    var vt = s.ReadAsync();
                    var first = [|vt.Result|];
                    Keep([|vt|]);
                    return first;
                }

                void Keep(System.Threading.Tasks.ValueTask<int> pending) => _pending = pending;

                int N() => [|_pending.Result|];
            }
            """ + Source);
    }

    [Fact]
    public async Task FixAll_BlockingReads_NestedAndInSeveralMembers()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                class C
                {
                    int M(ISource s) => [|s.ReadAsync().Result|] + [|s.ReadAsync().GetAwaiter().GetResult()|];

                    int N(ISource s, System.Func<int, ValueTask<int>> next) => [|next([|s.ReadAsync().Result|]).Result|];

                    void P(ISource s)
                    {
                        var flush = s.FlushAsync();
                        [|flush.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    }
                }
                """ + Source,
            FixedCode = """
                using System.Threading.Tasks;
                class C
                {
                    int M(ISource s) => s.ReadAsync().AsTask().GetAwaiter().GetResult() + s.ReadAsync().AsTask().GetAwaiter().GetResult();

                    int N(ISource s, System.Func<int, ValueTask<int>> next) => next(s.ReadAsync().AsTask().GetAwaiter().GetResult()).AsTask().GetAwaiter().GetResult();

                    void P(ISource s)
                    {
                        var flush = s.FlushAsync();
                        flush.AsTask().ConfigureAwait(false).GetAwaiter().GetResult();
                    }
                }
                """ + Source,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }
}
