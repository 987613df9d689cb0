using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AsyncAnalyzers.Tests.Verifiers.AllAnalyzersVerifier;

namespace AsyncAnalyzers.Tests.Overlap;

/// <summary>Snippets where several rules could report one mistake: the package reports exactly one (house rule 11).</summary>
public class BlockingOverlapTests
{
    [Fact]
    public async Task DisposeOfFileStreamInAsyncCode_IsAsync105NotAsync103()
    {
        await Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(FileStream stream, StreamWriter writer, byte[] data)
                {
                    await stream.WriteAsync(data);
                    {|ASYNC105:stream.Dispose()|};
                    {|ASYNC105:using|} (writer)
                    {
                        await writer.WriteAsync("x");
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task UsingInsideLockInAsyncCode_NeitherAsync105NorAsync103()
    {
        await Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();

                async Task M(string path)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        using var stream = File.Create(path);
                        stream.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task EfCoreQueryCountInAsyncMethod_IsAsync103Only()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                class Order { public int Id { get; set; } }

                class AppDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                class C
                {
                    async Task<int> M(AppDb db, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        var count = {|ASYNC103:db.Orders.Count()|};
                        return count + {|ASYNC103:db.Orders.Where(o => o.Id > 1).ToList()|}.Count;
                    }
                }
                """,

            // The stub library's public members have no XML comments (CS1591); this test is about the analyzers only.
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalProjects["EfCore"].Sources.Add(Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzerTests.EfCoreLibrary);
        test.TestState.AdditionalProjectReferences.Add("EfCore");
        await test.RunAsync();
    }

    [Fact]
    public async Task WaitWithTokenInAsyncCode_IsAsync101NotAsync103()
    {
        await Verify.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task t, CancellationToken token)
                {
                    await Task.Yield();
                    {|ASYNC101:t.Wait(token)|};
                }
            }
            """);
    }

    [Fact]
    public async Task GetResultInAsyncCode_IsAsync101NotAsync103()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    return {|ASYNC101:t.GetAwaiter().GetResult()|};
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInSyncCode_IsAsync104Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                int M(Task<int> t) => {|ASYNC104:t.Result|};
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaInsideAsyncMethod_IsAsync104NotAsync101()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Task<int> t)
                {
                    return await Task.Run(() => {|ASYNC104:t.Result|});
                }
            }
            """);
    }

    [Fact]
    public async Task ThreadSleepInAsyncCode_IsAsync102Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Yield();
                    {|ASYNC102:Thread.Sleep(10)|};
                }
            }
            """);
    }

    [Fact]
    public async Task SemaphoreWaitInAsyncCode_IsAsync103Only()
    {
        await Verify.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(SemaphoreSlim gate)
                {
                    await Task.Yield();
                    {|ASYNC103:gate.Wait()|};
                    gate.Release();
                }
            }
            """);
    }

    [Fact]
    public async Task SecondBlockingWaitOnSameTask_ReportsOnlyTheFirst()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Task<int> t)
                {
                    await Task.Yield();
                    {|ASYNC101:t.Wait()|};
                    return t.Result;
                }
            }
            """);
    }

    [Fact]
    public async Task ResultOfSyncCallInsideCounterpartCandidate_ReportsEachMistakeOnce()
    {
        await Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Task<string> path)
                {
                    await Task.Yield();
                    return {|ASYNC103:File.ReadAllText({|ASYNC101:path.Result|})|}.Length;
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatementsWithAwait_AreAsyncContext()
    {
        await Verify.VerifyAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;

            var t = Task.Run(() => 1);
            await Task.Yield();
            {|ASYNC102:Thread.Sleep(5)|};
            System.Console.WriteLine({|ASYNC101:t.Result|});
            """,
            OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task SecondAnalyzerReportingTheSameMistake_IsCaughtBySuite()
    {
        var test = new DuplicatingTest
        {
            TestCode = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> M(Task<int> t)
                    {
                        await Task.Yield();
                        return {|ASYNC101:t.Result|};
                    }
                }
                """,
        };
        await Assert.ThrowsAnyAsync<System.Exception>(() => test.RunAsync());
    }

    /// <summary>The package's analyzers plus one that reports every .Result a second time.</summary>
    private sealed class DuplicatingTest : Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<Verifiers.AllAnalyzersVerifier.NoAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
    {
        public DuplicatingTest()
        {
            ReferenceAssemblies = Verifiers.TestDefaults.ReferenceAssemblies;
        }

        protected override System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            Infrastructure.AnalyzerRunner.AllAnalyzers.Add(new DuplicateResultAnalyzer());
    }

    [Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class DuplicateResultAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer
    {
        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => System.Collections.Immutable.ImmutableArray.Create(Descriptors.ASYNC104);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(Microsoft.CodeAnalysis.Diagnostics.GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                c => c.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC104, c.Operation.Syntax.GetLocation(), ".Result")),
                OperationKind.PropertyReference);
        }
    }
}
