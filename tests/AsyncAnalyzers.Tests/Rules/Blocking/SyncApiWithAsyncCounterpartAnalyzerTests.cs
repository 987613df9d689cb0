using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class SyncApiWithAsyncCounterpartAnalyzerTests
{
    private const string Repository = """
        using System.Threading;
        using System.Threading.Tasks;

        public class Repository
        {
            public void Save() { }
            public Task SaveAsync() => Task.CompletedTask;
            public int Count() => 0;
            public Task<int> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
        }
        """;

    private static async Task VerifyWithRepositoryAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.Sources.Add(Repository);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task FileReadAllText_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path)
                {
                    var text = {|#0:File.ReadAllText(path)|};
                    await Task.Yield();
                    return text.Length;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("File.ReadAllText", "File.ReadAllTextAsync"));
    }

    [Fact]
    public async Task StreamRead_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Stream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return {|#0:stream.Read(buffer, 0, buffer.Length)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Stream.Read", "Stream.ReadAsync"));
    }

    [Fact]
    public async Task StreamReaderReadToEnd_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(StreamReader reader)
                {
                    await Task.Yield();
                    return [|reader.ReadToEnd()|];
                }
            }
            """);
    }

    [Fact]
    public async Task SemaphoreSlimWait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                async Task M()
                {
                    [|_gate.Wait()|];
                    try { await Task.Yield(); } finally { _gate.Release(); }
                }
            }
            """);
    }

    [Fact]
    public async Task UserMethodWithAsyncTwin_Reports()
    {
        await VerifyWithRepositoryAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(Repository repository)
                {
                    {|#0:repository.Save()|};
                    await Task.Yield();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Repository.Save", "Repository.SaveAsync"));
    }

    [Fact]
    public async Task CounterpartTakingCancellationToken_Reports()
    {
        await VerifyWithRepositoryAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Repository repository)
                {
                    await Task.Yield();
                    return [|repository.Count()|];
                }
            }
            """);
    }

    [Fact]
    public async Task InheritedCounterpart_Reports()
    {
        await VerifyWithRepositoryAsync("""
            using System.Threading.Tasks;

            class OrderRepository : Repository { }

            class C
            {
                async Task M(OrderRepository orders)
                {
                    [|orders.Save()|];
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task InterfaceCounterpart_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IStore
            {
                void Flush();
                Task FlushAsync();
            }

            interface IOrderStore : IStore { }

            class C
            {
                async Task M(IOrderStore store)
                {
                    [|store.Flush()|];
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task SourceExtensionCounterpartInScope_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Document
            {
                public void Save() { }
            }

            static class DocumentExtensions
            {
                public static Task SaveAsync(this Document document) => Task.CompletedTask;
            }

            class C
            {
                async Task M(Document document)
                {
                    {|#0:document.Save()|};
                    await Task.Yield();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Document.Save", "DocumentExtensions.SaveAsync"));
    }

    [Fact]
    public async Task GenericMethodCounterpart_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Cache
            {
                public T Get<T>(string key) => default!;
                public ValueTask<T> GetAsync<T>(string key) => default;
            }

            class C
            {
                async Task<int> M(Cache cache)
                {
                    await Task.Yield();
                    return [|cache.Get<int>("k")|];
                }
            }
            """);
    }

    [Fact]
    public async Task InAsyncLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(string path)
                {
                    return Local();

                    async Task<string> Local()
                    {
                        await Task.Yield();
                        return [|File.ReadAllText(path)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task InAsyncLambdaInsideSyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                void M(string path)
                {
                    Task.Run(async () =>
                    {
                        await Task.Yield();
                        [|File.WriteAllText(path, "x")|];
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task InAsyncAnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> M(string path) => async delegate
                {
                    await Task.Yield();
                    [|File.WriteAllText(path, "x")|];
                };
            }
            """);
    }

    [Fact]
    public async Task InExpressionBodiedAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                Func<Task<string>> M(string path) => async () => [|File.ReadAllText(path)|];
            }
            """);
    }

    [Fact]
    public async Task InAsyncValueTaskMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async ValueTask M(TextWriter writer)
                {
                    await Task.Yield();
                    [|writer.Flush()|];
                }
            }
            """);
    }

    [Fact]
    public async Task InTopLevelStatementsWithAwait_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                await Task.Yield();
                var text = [|File.ReadAllText("a.txt")|];
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task NestedInsideAnotherCall_ReportsBoth()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(TextWriter writer, string path)
                {
                    await Task.Yield();
                    {|#0:writer.Write({|#1:File.ReadAllText(path)|})|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("TextWriter.Write", "TextWriter.WriteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("File.ReadAllText", "File.ReadAllTextAsync"));
    }

    [Fact]
    public async Task ResultUsedInLargerExpression_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path)
                {
                    await Task.Yield();
                    return [|File.ReadAllText(path)|].Length;
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccess_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(StreamReader? reader)
                {
                    await Task.Yield();
                    var text = reader?[|.ReadToEnd()|];
                }
            }
            """);
    }

    [Fact]
    public async Task AfterConfigureAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task pending, string path)
                {
                    await pending.ConfigureAwait(false);
                    [|File.AppendAllText(path, "done")|];
                }
            }
            """);
    }

    [Fact]
    public async Task InsideAwaitForeach_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(IAsyncEnumerable<string> lines, TextWriter writer)
                {
                    await foreach (var line in lines)
                    {
                        [|writer.WriteLine(line)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task InsideAwaitUsing_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path, byte[] data)
                {
                    await using var stream = File.OpenWrite(path);
                    [|stream.Write(data, 0, data.Length)|];
                }
            }
            """);
    }

    [Fact]
    public async Task InsideLock_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new object();

                async Task M(string path)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        [|File.WriteAllText(path, "x")|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CallOnTypeParameterConstrainedToInterface_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IStore
            {
                void Flush();
                Task FlushAsync();
            }

            class C
            {
                async Task M<T>(T store) where T : IStore
                {
                    await Task.Yield();
                    [|store.Flush()|];
                }
            }
            """);
    }

    [Fact]
    public async Task SyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            class C
            {
                string M(string path) => File.ReadAllText(path);
            }
            """);
    }

    [Fact]
    public async Task TaskReturningNonAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(string path) => Task.FromResult(File.ReadAllText(path));
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaInsideAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(string path)
                {
                    return await Task.Run(() => File.ReadAllText(path));
                }
            }
            """);
    }

    [Fact]
    public async Task SyncLocalFunctionInsideAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(string path)
                {
                    await Task.Yield();
                    return Read();

                    string Read() => File.ReadAllText(path);
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatementsWithoutAwait_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;

                var text = File.ReadAllText("a.txt");
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task MemoryStreamRead_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(byte[] buffer)
                {
                    await Task.Yield();
                    using var stream = new MemoryStream();
                    stream.Write(buffer, 0, buffer.Length);
                    return stream.Read(buffer, 0, buffer.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task DerivedMemoryStreamRead_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class PooledStream : MemoryStream { }

            class C
            {
                async Task<int> M(PooledStream stream, byte[] buffer)
                {
                    await Task.Yield();
                    return stream.Read(buffer, 0, buffer.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task StringReaderReadToEnd_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(string text)
                {
                    await Task.Yield();
                    return new StringReader(text).ReadToEnd();
                }
            }
            """);
    }

    [Fact]
    public async Task StringWriterWrite_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M()
                {
                    await Task.Yield();
                    var writer = new StringWriter();
                    writer.Write("x");
                    writer.WriteLine("y");
                    return writer.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task StringBuilderSourceExtension_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text;
            using System.Threading.Tasks;

            static class BuilderExtensions
            {
                public static Task<StringBuilder> AppendAsync(this StringBuilder builder, string value) => Task.FromResult(builder.Append(value));
            }

            class C
            {
                async Task M(StringBuilder builder)
                {
                    await Task.Yield();
                    builder.Append("x");
                }
            }
            """);
    }

    [Fact]
    public async Task ConsoleOutWriteLine_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Yield();
                    Console.Out.WriteLine("done");
                    Console.Out.Flush();
                }
            }
            """);
    }

    [Fact]
    public async Task ConsoleErrorWrite_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Yield();
                    Console.Error.Write("failed");
                }
            }
            """);
    }

    [Fact]
    public async Task SemaphoreSlimWaitZero_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                async Task M()
                {
                    if (_gate.Wait(0))
                    {
                        try { await Task.Yield(); } finally { _gate.Release(); }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TaskWaitWithToken_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Task other, CancellationToken ct)
                {
                    await Task.Yield();
                    other.Wait(ct);
                }
            }
            """);
    }

    [Fact]
    public async Task Dispose_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream stream)
                {
                    await Task.Yield();
                    stream.Dispose();
                }
            }
            """);
    }

    [Fact]
    public async Task Close_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Connection
            {
                public void Close() { }
                public Task CloseAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task M(Connection connection)
                {
                    await Task.Yield();
                    connection.Close();
                }
            }
            """);
    }

    [Fact]
    public async Task CancellationTokenSourceCancel_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(CancellationTokenSource source)
                {
                    await Task.Yield();
                    source.Cancel();
                }
            }
            """);
    }

    [Fact]
    public async Task EfCoreAdd_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext
                {
                    public object Add(object entity) => entity;
                    public ValueTask<object> AddAsync(object entity, CancellationToken cancellationToken = default) => new(entity);
                    public void AddRange(object[] entities) { }
                    public Task AddRangeAsync(object[] entities, CancellationToken cancellationToken = default) => Task.CompletedTask;
                    public int SaveChanges() => 0;
                    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
                }
            }

            class AppContext : Microsoft.EntityFrameworkCore.DbContext { }

            class C
            {
                async Task M(AppContext db, object order)
                {
                    db.Add(order);
                    db.AddRange(new[] { order });
                    await db.SaveChangesAsync();
                }
            }
            """);
    }

    [Theory]
    [InlineData("Xunit")]
    [InlineData("NUnit.Framework")]
    [InlineData("Microsoft.VisualStudio.TestTools.UnitTesting")]
    [InlineData("FluentAssertions.Specialized")]
    public async Task AssertionLibrary_NoDiagnostic(string assertionNamespace)
    {
        await VerifyCS.VerifyAnalyzerAsync($$"""
            using System;
            using System.Threading.Tasks;

            namespace {{assertionNamespace}}
            {
                public static class Assert
                {
                    public static void Completes(Func<Task> action) { }
                    public static Task CompletesAsync(Func<Task> action) => Task.CompletedTask;
                }
            }

            class Tests
            {
                async Task M()
                {
                    await Task.Yield();
                    {{assertionNamespace}}.Assert.Completes(() => Task.CompletedTask);
                }
            }
            """);
    }

    [Fact]
    public async Task LinqToList_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class QueryExtensions
            {
                public static Task<List<T>> ToListAsync<T>(this IEnumerable<T> source) => Task.FromResult(source.ToList());
            }

            class C
            {
                async Task<int> M(IEnumerable<int> numbers)
                {
                    await Task.Yield();
                    return numbers.Where(n => n > 0).ToList().Count;
                }
            }
            """);
    }

    [Fact]
    public async Task MethodReturningTask_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Client
            {
                public Task Send() => Task.CompletedTask;
                public Task SendAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task M(Client client)
                {
                    await client.Send();
                }
            }
            """);
    }

    [Fact]
    public async Task ExcludedMethodInEditorConfig_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                namespace App
                {
                    class Repository
                    {
                        public void Save() { }
                        public Task SaveAsync() => Task.CompletedTask;
                    }

                    class C
                    {
                        async Task M(Repository repository, string path)
                        {
                            await Task.Yield();
                            repository.Save();
                            File.ReadAllText(path);
                        }
                    }
                }
                """,
            EditorConfig = "async_analyzers.ASYNC103.excluded_methods = M:App.Repository.Save|T:System.IO.File",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ExcludedBaseTypeInEditorConfig_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> M(FileStream stream, byte[] buffer)
                    {
                        await Task.Yield();
                        return stream.Read(buffer, 0, buffer.Length);
                    }
                }
                """,
            EditorConfig = "async_analyzers.ASYNC103.excluded_methods = T:System.IO.Stream",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CounterpartIsEnclosingMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Repository
            {
                public void Save() { }

                public async Task SaveAsync(CancellationToken cancellationToken = default)
                {
                    await Task.Yield();
                    Save();
                }
            }
            """);
    }

    [Fact]
    public async Task CounterpartIsOverrideWeAreIn_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            abstract class Store
            {
                public void Flush() { }
                public abstract Task FlushAsync();
            }

            class BufferedStore : Store
            {
                public override async Task FlushAsync()
                {
                    await Task.Yield();
                    Flush();
                }
            }
            """);
    }

    [Fact]
    public async Task ObsoleteCounterpart_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Repository
            {
                public void Save() { }
                [Obsolete("Use Save")]
                public Task SaveAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task M(Repository repository)
                {
                    await Task.Yield();
                    repository.Save();
                }
            }
            """);
    }

    [Fact]
    public async Task InaccessibleCounterpart_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public void Save() { }
                protected Task SaveAsync() => Task.CompletedTask;
                private Task<int> CountAsync() => Task.FromResult(0);
                public int Count() => 0;
            }

            class C
            {
                async Task<int> M(Repository repository)
                {
                    await Task.Yield();
                    repository.Save();
                    return repository.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task CounterpartWithDifferentParameters_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public void Save(int id) { }
                public Task SaveAsync(string id) => Task.CompletedTask;
                public void Load(int id) { }
                public Task LoadAsync(int id, bool force) => Task.CompletedTask;
            }

            class C
            {
                async Task M(Repository repository)
                {
                    await Task.Yield();
                    repository.Save(1);
                    repository.Load(1);
                }
            }
            """);
    }

    [Fact]
    public async Task CounterpartWithDifferentResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public int Count() => 0;
                public Task<long> CountAsync() => Task.FromResult(0L);
                public string Name() => "";
                public Task NameAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task M(Repository repository)
                {
                    await Task.Yield();
                    repository.Count();
                    repository.Name();
                }
            }
            """);
    }

    [Fact]
    public async Task StaticCounterpartForInstanceMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public void Save() { }
                public static Task SaveAsync() => Task.CompletedTask;
            }

            class C
            {
                async Task M(Repository repository)
                {
                    await Task.Yield();
                    repository.Save();
                }
            }
            """);
    }

    [Fact]
    public async Task ExtensionCounterpartNotInScope_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            namespace Extensions
            {
                static class DocumentExtensions
                {
                    public static Task SaveAsync(this App.Document document) => Task.CompletedTask;
                }
            }

            namespace App
            {
                class Document
                {
                    public void Save() { }
                }

                class C
                {
                    async Task M(Document document)
                    {
                        await Task.Yield();
                        document.Save();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task NoCounterpartAtAll_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<bool> M(string path)
                {
                    await Task.Yield();
                    Path.Combine(path, "x");
                    return File.Exists(path);
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncCounterpartAlreadyAwaited_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(string path)
                {
                    return await File.ReadAllTextAsync(path).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaInsideAwaitUsing_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path, IAsyncDisposable scope)
                {
                    await using (scope)
                    {
                        Func<string> read = () => File.ReadAllText(path);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task SyncPropertyGetter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            class C
            {
                public string Text => File.ReadAllText("a.txt");
            }
            """);
    }

    [Fact]
    public async Task SemaphoreSlimWaitTimeSpanZero_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                async Task<bool> M()
                {
                    if (!_gate.Wait(TimeSpan.Zero))
                    {
                        return false;
                    }

                    await Task.Yield();
                    _gate.Release();
                    return true;
                }
            }
            """);
    }

    [Fact]
    public async Task SemaphoreSlimWaitTimeSpan_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(SemaphoreSlim gate)
                {
                    {|#0:gate.Wait(TimeSpan.FromSeconds(1))|};
                    await Task.Yield();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("SemaphoreSlim.Wait", "SemaphoreSlim.WaitAsync"));
    }

    [Fact]
    public async Task StreamWriterOverMemoryStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<byte[]> M(string text)
                {
                    await Task.Yield();
                    using var buffer = new MemoryStream();
                    using (var writer = new StreamWriter(buffer))
                    {
                        writer.WriteLine(text);
                        writer.Flush();
                    }

                    using var reader = new StreamReader(new MemoryStream(buffer.ToArray()));
                    return System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd());
                }
            }
            """);
    }

    [Fact]
    public async Task GZipStreamOverMemoryStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class C
            {
                async Task<byte[]> M(string text)
                {
                    await Task.Yield();
                    using var buffer = new MemoryStream();
                    using var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
                    using var writer = new StreamWriter(gzip);
                    writer.Write(text);
                    writer.Flush();
                    gzip.Flush();
                    return buffer.ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task StreamWriterOverFileStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path, string text)
                {
                    await Task.Yield();
                    using var writer = new StreamWriter(File.OpenWrite(path));
                    {|#0:writer.Write(text)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("StreamWriter.Write", "StreamWriter.WriteAsync"));
    }

    [Fact]
    public async Task StreamWriterOverReassignedLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream network, string text)
                {
                    await Task.Yield();
                    var writer = new StreamWriter(new MemoryStream());
                    writer = new StreamWriter(network);
                    {|#0:writer.Flush()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("StreamWriter.Flush", "StreamWriter.FlushAsync"));
    }
}
