using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.TaskOutlivesResourceAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.TaskOutlivesResourceCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class TaskOutlivesResourceCodeFixTests
{
    [Fact]
    public async Task TaskOfT_ReturnAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                public Task<string> M(string url)
                {
                    using var client = new HttpClient();
                    return [|client.GetStringAsync(url)|];
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                public async Task<string> M(string url)
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync(url);
                }
            }
            """);
    }

    [Fact]
    public async Task PlainTask_LastStatement_AwaitOnly()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    using (var stream = File.OpenRead(path))
                    {
                        return [|stream.CopyToAsync(Stream.Null)|];
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    using (var stream = File.OpenRead(path))
                    {
                        await stream.CopyToAsync(Stream.Null);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task PlainTask_EarlyReturn_AwaitThenReturn()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path, bool flush)
                {
                    using var stream = File.OpenRead(path);
                    if (flush)
                        return [|stream.FlushAsync()|];
                    stream.ReadByte();
                    return Task.CompletedTask;
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path, bool flush)
                {
                    using var stream = File.OpenRead(path);
                    if (flush)
                    {
                        await stream.FlushAsync();
                        return;
                    }
                    stream.ReadByte();
                }
            }
            """);
    }

    [Fact]
    public async Task ValueTaskOfT_EmbeddedUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                ValueTask<int> M(string path, byte[] buffer)
                {
                    using (var stream = File.OpenRead(path))
                        return [|stream.ReadAsync(buffer)|];
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async ValueTask<int> M(string path, byte[] buffer)
                {
                    using (var stream = File.OpenRead(path))
                        return await stream.ReadAsync(buffer);
                }
            }
            """);
    }

    [Fact]
    public async Task Semaphore_TryFinally()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                Task<int> M()
                {
                    _gate.Wait();
                    try
                    {
                        return [|LoadAsync()|];
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                Task<int> LoadAsync() => Task.FromResult(1);
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                async Task<int> M()
                {
                    _gate.Wait();
                    try
                    {
                        return await LoadAsync();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                Task<int> LoadAsync() => Task.FromResult(1);
            }
            """);
    }

    [Fact]
    public async Task Lambda_MadeAsync()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> M() => path =>
                {
                    using var stream = File.OpenRead(path);
                    return [|stream.CopyToAsync(Stream.Null)|];
                };
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> M() => async path =>
                {
                    using var stream = File.OpenRead(path);
                    await stream.CopyToAsync(Stream.Null);
                };
            }
            """);
    }

    [Fact]
    public async Task LocalFunction_MadeAsync_CommentsKept()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<long> M(string path)
                {
                    return Measure();

                    // measures the file
                    Task<long> Measure()
                    {
                        using var stream = File.OpenRead(path);
                        return [|Task.Run(() => stream.Length)|]; // on the pool
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<long> M(string path)
                {
                    return Measure();

                    // measures the file
                    async Task<long> Measure()
                    {
                        using var stream = File.OpenRead(path);
                        return await Task.Run(() => stream.Length); // on the pool
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task RefParameter_NoFix()
    {
        var code = """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path, ref int count)
                {
                    count++;
                    using var stream = File.OpenRead(path);
                    return [|stream.FlushAsync()|];
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(code, code);
    }

    [Fact]
    public async Task ReturnInsideLock_NoFix()
    {
        var code = """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _sync = new object();

                Task M(string path)
                {
                    using var stream = File.OpenRead(path);
                    lock (_sync)
                    {
                        return [|stream.FlushAsync()|];
                    }
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(code, code);
    }

    [Fact]
    public async Task SpanLocal_NoFix()
    {
        var code = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path, byte[] data)
                {
                    Span<byte> head = data.AsSpan(0, 1);
                    head[0] = 1;
                    using var stream = File.Create(path);
                    return [|stream.WriteAsync(data, 0, data.Length)|];
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(code, code);
    }

    [Fact]
    public async Task FixAll_TwoReturnsOneMethod_AndOtherMethods()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    Task<int> A(string path, byte[] buffer, bool first)
                    {
                        using var stream = File.OpenRead(path);
                        if (first)
                        {
                            return [|stream.ReadAsync(buffer, 0, 1)|];
                        }

                        return [|stream.ReadAsync(buffer, 0, buffer.Length)|];
                    }

                    Task B(string path)
                    {
                        using (var stream = File.OpenRead(path))
                        {
                            return [|stream.CopyToAsync(Stream.Null)|];
                        }
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> A(string path, byte[] buffer, bool first)
                    {
                        using var stream = File.OpenRead(path);
                        if (first)
                        {
                            return await stream.ReadAsync(buffer, 0, 1);
                        }

                        return await stream.ReadAsync(buffer, 0, buffer.Length);
                    }

                    async Task B(string path)
                    {
                        using (var stream = File.OpenRead(path))
                        {
                            await stream.CopyToAsync(Stream.Null);
                        }
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FromResultReturn_BecomesValue()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<long> M(string path, byte[] buffer)
                {
                    using var stream = File.OpenRead(path);
                    if (stream.Length == 0)
                    {
                        return Task.FromResult(0L);
                    }

                    return [|stream.ReadAsync(buffer, 0, buffer.Length).ContinueWith(t => (long)t.Result)|];
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<long> M(string path, byte[] buffer)
                {
                    using var stream = File.OpenRead(path);
                    if (stream.Length == 0)
                    {
                        return 0L;
                    }

                    return await stream.ReadAsync(buffer, 0, buffer.Length).ContinueWith(t => (long)t.Result);
                }
            }
            """);
    }
}
