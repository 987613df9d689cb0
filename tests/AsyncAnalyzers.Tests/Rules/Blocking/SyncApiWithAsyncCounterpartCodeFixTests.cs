using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Blocking.SyncApiWithAsyncCounterpartCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public partial class SyncApiWithAsyncCounterpartCodeFixTests
{
    [Fact]
    public async Task StaticCall_AwaitsCounterpart()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    var text = [|File.ReadAllText(path)|];
                    await Task.Yield();
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    var text = await File.ReadAllTextAsync(path);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task InstanceCall_ForwardsTokenInScope()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Stream stream, byte[] buffer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return [|stream.Read(buffer, 0, buffer.Length)|];
                }
            }
            """, """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(Stream stream, byte[] buffer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
                }
            }
            """);
    }

    [Fact]
    public async Task NoTokenInScope_OptionalTokenIsLeftOut()
    {
        await VerifyCS.VerifyCodeFixAsync("""
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
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(StreamReader reader)
                {
                    await Task.Yield();
                    return await reader.ReadToEndAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task RequiredTokenAndNoneInScope_PassesCancellationTokenNone()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Repository
            {
                public void Save() { }
                public Task SaveAsync(System.Threading.CancellationToken cancellationToken) => System.IO.File.WriteAllTextAsync("data.txt", "");
            }

            class C
            {
                async Task M(Repository repository)
                {
                    [|repository.Save()|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Repository
            {
                public void Save() { }
                public Task SaveAsync(System.Threading.CancellationToken cancellationToken) => System.IO.File.WriteAllTextAsync("data.txt", "");
            }

            class C
            {
                async Task M(Repository repository)
                {
                    await repository.SaveAsync(CancellationToken.None);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task OmittedOptionalParameter_TokenIsNamed()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Repository
            {
                public void Save(int id, bool force = false) { }
                public Task SaveAsync(int id, bool force = false, CancellationToken cancellationToken = default) => System.IO.File.WriteAllTextAsync("data.txt", "");
            }

            class C
            {
                async Task M(Repository repository, CancellationToken ct)
                {
                    [|repository.Save(1)|];
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Repository
            {
                public void Save(int id, bool force = false) { }
                public Task SaveAsync(int id, bool force = false, CancellationToken cancellationToken = default) => System.IO.File.WriteAllTextAsync("data.txt", "");
            }

            class C
            {
                async Task M(Repository repository, CancellationToken ct)
                {
                    await repository.SaveAsync(1, cancellationToken: ct);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task ResultInLargerExpression_IsParenthesized()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string p)
                {
                    await Task.Yield();
                    return [|File.ReadAllText(p)|].Length;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string p)
                {
                    await Task.Yield();
                    return (await File.ReadAllTextAsync(p)).Length;
                }
            }
            """);
    }

    [Fact]
    public async Task GenericTypeArguments_AreKept()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class Cache
            {
                public T Get<T>(string key) => default!;
                public ValueTask<T> GetAsync<T>(string key) => new(Task.Run(() => default(T)!));
            }

            class C
            {
                async Task<int> M(Cache cache)
                {
                    await Task.Yield();
                    return [|cache.Get<int>("k")|] + 1;
                }
            }
            """, """
            using System.Threading.Tasks;

            class Cache
            {
                public T Get<T>(string key) => default!;
                public ValueTask<T> GetAsync<T>(string key) => new(Task.Run(() => default(T)!));
            }

            class C
            {
                async Task<int> M(Cache cache)
                {
                    await Task.Yield();
                    return await cache.GetAsync<int>("k") + 1;
                }
            }
            """);
    }

    [Fact]
    public async Task CommentsAndTrivia_ArePreserved()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(TextWriter writer)
                {
                    await Task.Yield();
                    // flush before closing
                    [|writer
                        .Flush(/* all */)|]; // done
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(TextWriter writer)
                {
                    await Task.Yield();
                    // flush before closing
                    await writer
                        .FlushAsync(/* all */); // done
                }
            }
            """);
    }

    [Fact]
    public async Task ExpressionBodiedAsyncLambda_AwaitsCounterpart()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                Func<Task<string>> M(string path) => async () => [|File.ReadAllText(path)|];
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
            #pragma warning disable CS1998
                Func<Task<string>> M(string path) => async () => await File.ReadAllTextAsync(path);
            }
            """);
    }

    [Fact]
    public async Task ImplicitThisWithExtensionCounterpart_SpellsOutThis()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            static class DocumentExtensions
            {
                public static Task SaveAsync(this Document document) => System.IO.File.WriteAllTextAsync("data.txt", "");
            }

            class Document
            {
                public void Save() { }

                public async Task CloseAsync()
                {
                    await Task.Yield();
                    [|Save()|];
                }
            }
            """, """
            using System.Threading.Tasks;

            static class DocumentExtensions
            {
                public static Task SaveAsync(this Document document) => System.IO.File.WriteAllTextAsync("data.txt", "");
            }

            class Document
            {
                public void Save() { }

                public async Task CloseAsync()
                {
                    await Task.Yield();
                    await this.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task ImplicitThisWithMemberCounterpart_KeepsSimpleName()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Document
            {
                public void Save() { }
                public Task SaveAsync(CancellationToken cancellationToken = default) => System.IO.File.WriteAllTextAsync("data.txt", "");

                public async Task CloseAsync(CancellationToken token)
                {
                    await Task.Yield();
                    [|Save()|];
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class Document
            {
                public void Save() { }
                public Task SaveAsync(CancellationToken cancellationToken = default) => System.IO.File.WriteAllTextAsync("data.txt", "");

                public async Task CloseAsync(CancellationToken token)
                {
                    await Task.Yield();
                    await SaveAsync(token);
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatements_AwaitsCounterpart()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                await Task.Yield();
                var text = [|File.ReadAllText("a.txt")|];
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                await Task.Yield();
                var text = await File.ReadAllTextAsync("a.txt");
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ConditionalAccess_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
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
    public async Task InsideLock_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
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
    public async Task FixAllInDocument_FixesNestedCalls()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(TextWriter writer, string path, CancellationToken ct)
                    {
                        await Task.Yield();
                        {|#0:writer.Write({|#1:File.ReadAllText(path)|})|};
                        {|#2:writer.Flush()|};
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(TextWriter writer, string path, CancellationToken ct)
                    {
                        await Task.Yield();
                        await writer.WriteAsync(await File.ReadAllTextAsync(path, ct));
                        await writer.FlushAsync(ct);
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfIncrementalIterations = 3,
        };
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("TextWriter.Write", "TextWriter.WriteAsync"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("File.ReadAllText", "File.ReadAllTextAsync"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("ASYNC103").WithLocation(2).WithArguments("TextWriter.Flush", "TextWriter.FlushAsync"));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_FixesEveryDocument()
    {
        var test = new VerifyCS.Test
        {
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        test.TestState.Sources.Add("""
            using System.IO;
            using System.Threading.Tasks;

            class A
            {
                async Task<int> M(string path)
                {
                    await Task.Yield();
                    return [|File.ReadAllText(path)|].Length;
                }
            }
            """);
        test.TestState.Sources.Add("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class B
            {
                async Task M(Stream stream, byte[] data, CancellationToken token)
                {
                    await Task.Yield();
                    [|stream.Write(data, 0, data.Length)|];
                    [|stream.Flush()|];
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.IO;
            using System.Threading.Tasks;

            class A
            {
                async Task<int> M(string path)
                {
                    await Task.Yield();
                    return (await File.ReadAllTextAsync(path)).Length;
                }
            }
            """);
        test.FixedState.Sources.Add("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class B
            {
                async Task M(Stream stream, byte[] data, CancellationToken token)
                {
                    await Task.Yield();
                    await stream.WriteAsync(data, 0, data.Length, token);
                    await stream.FlushAsync(token);
                }
            }
            """);
        await test.RunAsync();
    }
}
