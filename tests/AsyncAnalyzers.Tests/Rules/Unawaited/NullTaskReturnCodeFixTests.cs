using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Unawaited.NullTaskReturnAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Unawaited.NullTaskReturnCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Unawaited;

public class NullTaskReturnCodeFixTests
{
    [Fact]
    public async Task ReturnNull_ReturnsCompletedTask()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return [|null|];
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task TaskOfString_ReturnsFromResultNull()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<string> M() => [|null|];
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task<string> M() => Task.FromResult<string>(null);
            }
            """);
    }

    [Fact]
    public async Task TaskOfIntInConditional_ReturnsFromResultDefault()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<int> M(bool b, Task<int> t) => b ? [|null|] : t;
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task<int> M(bool b, Task<int> t) => b ? Task.FromResult<int>(default) : t;
            }
            """);
    }

    [Fact]
    public async Task TypeParameter_ReturnsFromResultDefault()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task<T> M<T>() => [|default|];
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task<T> M<T>() => Task.FromResult<T>(default);
            }
            """);
    }

    [Fact]
    public async Task NullableEnabled_SuppressesResultWarning()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(bool b) => b ? Task.FromResult("x") : [|null!|];
            }
            """, """
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                Task<string> M(bool b) => b ? Task.FromResult("x") : Task.FromResult<string>(null!);
            }
            """);
    }

    [Fact]
    public async Task NullableResultType_KeepsNull()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                Task<string?> M() => [|null!|];
            }
            """, """
            #nullable enable
            using System.Threading.Tasks;

            class C
            {
                Task<string?> M() => Task.FromResult<string?>(null);
            }
            """);
    }

    [Fact]
    public async Task CastNull_ReplacedWhole()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M() => [|(Task)null|];
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task M() => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task LambdaWithoutUsing_ImportsTask()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;

            class C
            {
                Func<System.Threading.Tasks.Task> M() => () => [|null|];
            }
            """, """
            using System;
            using System.Threading.Tasks;

            class C
            {
                Func<System.Threading.Tasks.Task> M() => () => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task TrailingComment_Kept()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return [|null|] /* nothing to do */;
                }
            }
            """, """
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    return Task.CompletedTask /* nothing to do */;
                }
            }
            """);
    }

    [Fact]
    public async Task FixAll_EveryNullInOnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Task A() => [|null|];
                    Task<string> B(bool b, Task<string> t) => b ? [|null|] : t;
                    Func<Task> D() => () => [|null|];
                    Task E(int k, Task t) => k switch { 0 => t, 1 => [|null|], _ => [|default|] };
                }
                """,
            FixedCode = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Task A() => Task.CompletedTask;
                    Task<string> B(bool b, Task<string> t) => b ? Task.FromResult<string>(null) : t;
                    Func<Task> D() => () => Task.CompletedTask;
                    Task E(int k, Task t) => k switch { 0 => t, 1 => Task.CompletedTask, _ => Task.CompletedTask };
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ConditionalAccess_CoalescesToCompletedTask()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            #nullable enable
            using System.IO;
            using System.Threading.Tasks;

            interface IStore
            {
                Task<string> LoadAsync();
            }

            class Writer
            {
                private Stream? _stream;
                private IStore? _store;

                public Task FlushAsync() => [|_stream?.FlushAsync()!|];

                public Task<string> LoadAsync(bool cached)
                {
                    return cached ? Task.FromResult("") : [|_store?.LoadAsync()!|];
                }
            }
            """, """
            #nullable enable
            using System.IO;
            using System.Threading.Tasks;

            interface IStore
            {
                Task<string> LoadAsync();
            }

            class Writer
            {
                private Stream? _stream;
                private IStore? _store;

                public Task FlushAsync() => _stream?.FlushAsync() ?? Task.CompletedTask;

                public Task<string> LoadAsync(bool cached)
                {
                    return cached ? Task.FromResult("") : _store?.LoadAsync() ?? Task.FromResult<string>(null!);
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalAccessFixAll_EveryAccessInOnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class Writer
                {
                    private Stream _stream;
                    public Task FlushAsync() => [|_stream?.FlushAsync()|];
                    public Task WriteAsync(byte[] data) { return ([|_stream?.WriteAsync(data, 0, data.Length)|]); }
                    public Task<int> ReadAsync(byte[] data) => [|_stream?.ReadAsync(data, 0, data.Length)|];
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                class Writer
                {
                    private Stream _stream;
                    public Task FlushAsync() => _stream?.FlushAsync() ?? Task.CompletedTask;
                    public Task WriteAsync(byte[] data) { return (_stream?.WriteAsync(data, 0, data.Length) ?? Task.CompletedTask); }
                    public Task<int> ReadAsync(byte[] data) => _stream?.ReadAsync(data, 0, data.Length) ?? Task.FromResult<int>(default);
                }
                """,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }
}
