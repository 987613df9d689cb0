using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Rules.Blocking;
using AsyncAnalyzers.Rules.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Blocking.SynchronousDisposalAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Blocking.SynchronousDisposalCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class SynchronousDisposalCodeFixTests
{
    [Fact]
    public async Task UsingStatement_BecomesAwaitUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    // Write the file.
                    [|using|] (var stream = new FileStream(path, FileMode.Create))
                    {
                        await stream.WriteAsync(data);
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    // Write the file.
                    await using (var stream = new FileStream(path, FileMode.Create))
                    {
                        await stream.WriteAsync(data);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task UsingDeclaration_BecomesAwaitUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, string text)
                {
                    [|using|] var writer = new StreamWriter(path);
                    await writer.WriteAsync(text);
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, string text)
                {
                    await using var writer = new StreamWriter(path);
                    await writer.WriteAsync(text);
                }
            }
            """);
    }

    [Fact]
    public async Task DisposeCall_BecomesAwaitDisposeAsync()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    var stream = File.OpenWrite(path);
                    try
                    {
                        await stream.WriteAsync(data);
                    }
                    finally
                    {
                        [|stream.Dispose()|]; // close it
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    var stream = File.OpenWrite(path);
                    try
                    {
                        await stream.WriteAsync(data);
                    }
                    finally
                    {
                        await stream.DisposeAsync(); // close it
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DisposeCallWithConfigureAwait_KeepsConfigureAwait()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task CloseAsync(StreamWriter writer)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                    [|writer.Dispose()|];
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task CloseAsync(StreamWriter writer)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task UsingStatementWithConfigureAwait_HoistsAndConfigures()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    [|using|] (var stream = File.Create(path))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    var stream = File.Create(path);
                    await using (stream.ConfigureAwait(false))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task UsingExpressionWithConfigureAwait_Configures()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(FileStream stream, byte[] data)
                {
                    [|using|] (stream)
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(FileStream stream, byte[] data)
                {
                    await using (stream.ConfigureAwait(false))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task UsingDeclarationWithConfigureAwait_DeclaresConfiguredDisposal()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, string text)
                {
                    [|using|] var writer = new StreamWriter(path);
                    await writer.WriteAsync(text).ConfigureAwait(false);
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, string text)
                {
                    var writer = new StreamWriter(path);
                    await using var configuredWriter = writer.ConfigureAwait(false);
                    await writer.WriteAsync(text).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitNameTakenLater_PlainAwaitUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    [|using|] (var stream = File.Create(path))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }

                    await using (var stream = File.Create(path + ".bak"))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    await using (var stream = File.Create(path))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }

                    await using (var stream = File.Create(path + ".bak"))
                    {
                        await stream.WriteAsync(data).ConfigureAwait(false);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ConfigureAwaitNameTakenInOtherSwitchSection_PlainAwaitUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(int kind, string path)
                {
                    switch (kind)
                    {
                        case 1:
                            [|using|] (var stream = File.Create(path))
                            {
                                await stream.WriteAsync(new byte[1]).ConfigureAwait(false);
                            }

                            break;
                        default:
                            [|using|] (var stream = File.Create(path + ".bak"))
                            {
                                await stream.WriteAsync(new byte[1]).ConfigureAwait(false);
                            }

                            break;
                    }
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(int kind, string path)
                {
                    switch (kind)
                    {
                        case 1:
                            await using (var stream = File.Create(path))
                            {
                                await stream.WriteAsync(new byte[1]).ConfigureAwait(false);
                            }

                            break;
                        default:
                            await using (var stream = File.Create(path + ".bak"))
                            {
                                await stream.WriteAsync(new byte[1]).ConfigureAwait(false);
                            }

                            break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TopLevelUsingDeclaration_BecomesAwaitUsing()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;

                [|using|] var writer = new StreamWriter("out.txt");
                await writer.WriteLineAsync("done");
                """,
            FixedCode = """
                using System.IO;

                await using var writer = new StreamWriter("out.txt");
                await writer.WriteLineAsync("done");
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task InAsyncLambda_BecomesAwaitUsing()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> Writer() => async path =>
                {
                    [|using|] var writer = File.CreateText(path);
                    await writer.WriteAsync("x");
                };
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> Writer() => async path =>
                {
                    await using var writer = File.CreateText(path);
                    await writer.WriteAsync("x");
                };
            }
            """);
    }

    [Fact]
    public async Task MixedResources_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path)
                {
                    [|using|] (IDisposable stream = File.Create(path))
                    {
                        await Task.Yield();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalDispose_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private StreamWriter? _log;

                async Task CloseAsync()
                {
                    await Task.Yield();
                    [|_log?.Dispose()|];
                }
            }
            """);
    }

    [Fact]
    public async Task FixAll_NestedUsingsAndDisposeCalls_OnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task CopyAsync(string from, string to, StreamWriter log)
                    {
                        [|using|] (var target = File.Create(to))
                        {
                            [|using|] var writer = new StreamWriter(target, System.Text.Encoding.UTF8, 1024, leaveOpen: true);
                            await writer.WriteAsync(from);
                        }

                        [|log.Dispose()|];
                    }

                    async Task OtherAsync(string path)
                    {
                        [|using|] var a = File.Create(path); [|using|] var b = File.Create(path + "2");
                        await a.WriteAsync(new byte[1]);
                        b.WriteByte(1);
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task CopyAsync(string from, string to, StreamWriter log)
                    {
                        await using (var target = File.Create(to))
                        {
                            await using var writer = new StreamWriter(target, System.Text.Encoding.UTF8, 1024, leaveOpen: true);
                            await writer.WriteAsync(from);
                        }

                        await log.DisposeAsync();
                    }

                    async Task OtherAsync(string path)
                    {
                        await using var a = File.Create(path); await using var b = File.Create(path + "2");
                        await a.WriteAsync(new byte[1]);
                        b.WriteByte(1);
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
    public async Task BothForms_ShareOneEquivalenceKey()
    {
        var usingFixes = await OfferedFixes.ListAsync(new SynchronousDisposalAnalyzer(), new SynchronousDisposalCodeFix(), """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    [|using|] var s = File.Create(path);
                    await s.WriteAsync(new byte[1]);
                }
            }
            """);
        var disposeFixes = await OfferedFixes.ListAsync(new SynchronousDisposalAnalyzer(), new SynchronousDisposalCodeFix(), """
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(FileStream s)
                {
                    await s.WriteAsync(new byte[1]);
                    [|s.Dispose()|];
                }
            }
            """);
        Assert.Equal(new[] { ("Use 'await using'", (string?)"ASYNC105.DisposeAsynchronously") }, usingFixes);
        Assert.Equal(new[] { ("Use 'await DisposeAsync()'", (string?)"ASYNC105.DisposeAsynchronously") }, disposeFixes);
    }
}
