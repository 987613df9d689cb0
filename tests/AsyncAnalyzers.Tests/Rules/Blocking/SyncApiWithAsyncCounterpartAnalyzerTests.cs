using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.SyncApiWithAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public partial class SyncApiWithAsyncCounterpartAnalyzerTests
{
    private const string Repository = """
        using System.Threading;
        using System.Threading.Tasks;

        public class Repository
        {
            public void Save() { }
            public Task SaveAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
            public int Count() => 0;
            public Task<int> CountAsync(CancellationToken cancellationToken = default) => Task.Run(() => 0);
        }
        """;

    private const string IOBehaviorEnum = """
        internal enum IOBehavior
        {
            Synchronous,
            Asynchronous,
        }
        """;

    /// <summary>
    /// Runs the test with <paramref name="library"/> compiled into a referenced assembly (named <paramref name="libraryName"/>;
    /// the test project is <c>TestProject</c>), so its methods are library methods.
    /// </summary>
    private static async Task VerifyWithLibraryAsync(string library, string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        await VerifyWithLibraryAsync("Library", library, source, expected);

    private static async Task VerifyWithLibraryAsync(string libraryName, string library, string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalProjects[libraryName].Sources.Add(library);
        test.TestState.AdditionalProjectReferences.Add(libraryName);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static async Task VerifyWithIOBehaviorAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.Sources.Add(IOBehaviorEnum);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

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

    /// <summary>A job base class with a synchronous and an asynchronous hook; <paramref name="run"/> is the loop that runs them per tenant.</summary>
    private static string JobHooks(string run) => """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public abstract class HostedJob
        {
            // One of the two must be overridden.
            public virtual string ExecuteJob(IServiceProvider provider) => "";
            public virtual Task<string> ExecuteJobAsync(IServiceProvider provider) => Task.FromResult("");

            protected async Task<string> RunAsync(IServiceProvider provider, IEnumerable<int> tenants)
            {
                var notes = "";
                foreach (var tenant in tenants)
                {
                    RUN
                }

                return notes;
            }
        }

        public sealed class PurgeJob : HostedJob
        {
            public override async Task<string> ExecuteJobAsync(IServiceProvider provider) =>
                await System.IO.File.ReadAllTextAsync("purge.log");
        }
        """.Replace("RUN", run);

    [Fact]
    public async Task SyncAndAsyncHooksCalledTogether_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(JobHooks("""
            notes += ExecuteJob(provider);
                        notes += await ExecuteJobAsync(provider);
            """));
    }

    [Fact]
    public async Task SyncHookCalledAlone_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            JobHooks("notes += {|#0:ExecuteJob(provider)|};"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("HostedJob.ExecuteJob", "HostedJob.ExecuteJobAsync"));
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
                public static Task SaveAsync(this Document document) => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                public ValueTask<T> GetAsync<T>(string key) => new(Task.Run(() => default(T)!));
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

    private static string ApiClient(string send, string read) => """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class ApiClient
        {
            private readonly HttpClient _httpClient = new HttpClient();

            public async Task<JsonElement> LoginAsync(string user, CancellationToken cancellationToken)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "api/user/login");
                HttpResponseMessage response = SEND;
                using JsonDocument document = await JsonDocument.ParseAsync(READ, cancellationToken: cancellationToken);
                return document.RootElement.Clone();
            }

            public async Task<(Stream, DateTimeOffset?)> ExportAsync(CancellationToken cancellationToken)
            {
                using var response = await _httpClient.GetAsync("api/export", cancellationToken).ConfigureAwait(false);
                return (response.Content.ReadAsStream(cancellationToken), response.Content.Headers.LastModified);
            }
        }
        """.Replace("SEND", send).Replace("READ", read);

    [Fact]
    public async Task ReadAsStreamOfBufferedResponse_NoDiagnostic()
    {
        // SendAsync and GetAsync without ResponseHeadersRead return once the whole body is in memory: ReadAsStream hands back a
        // stream over that buffer.
        await VerifyCS.VerifyAnalyzerAsync(ApiClient("await _httpClient.SendAsync(request, cancellationToken)", "response.Content.ReadAsStream(cancellationToken)"));
    }

    [Fact]
    public async Task ReadAsStreamOfResponseHeadersRead_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            ApiClient("await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)", "{|#0:response.Content.ReadAsStream(cancellationToken)|}"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("HttpContent.ReadAsStream", "HttpContent.ReadAsStreamAsync"));
    }

    /// <summary>.NET 10's <c>ZipArchiveEntry.OpenAsync</c>, for the .NET 8 reference assemblies of the tests.</summary>
    private const string ZipOpenAsync = """

        static class ZipArchiveEntryExtensions
        {
            public static Task<Stream> OpenAsync(this ZipArchiveEntry entry, System.Threading.CancellationToken cancellationToken = default) =>
                Task.Run(() => entry.Open(), cancellationToken);
        }
        """;

    [Fact]
    public async Task OpenOfCreatedArchiveEntry_NoDiagnostic()
    {
        // A backup writes each zone into a new entry: opening an entry just created reads nothing from the archive.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class Backup
            {
                async Task WriteAsync(Stream zipStream, byte[] keys)
                {
                    using var backupZip = new ZipArchive(zipStream, ZipArchiveMode.Create, true);
                    ZipArchiveEntry entry = backupZip.CreateEntry("zones/example.keys", CompressionLevel.Optimal);
                    await using (Stream entryStream = entry.Open())
                    {
                        await entryStream.WriteAsync(keys);
                    }

                    await using var log = backupZip.CreateEntry("log.config").Open();
                    await log.WriteAsync(keys);
                }
            }
            """ + ZipOpenAsync);
    }

    [Fact]
    public async Task OpenOfEntryLocalCreatedOnEveryPath_NoDiagnostic()
    {
        // An export adds each photo as it is, or writes a transformed copy into a new entry: on both paths the local holds an entry
        // the code created, so opening it reads nothing.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class Export
            {
                async Task ZipAsync(string zipPath, string[] photos, bool transform)
                {
                    using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
                    foreach (var photo in photos)
                    {
                        ZipArchiveEntry entry;
                        if (!transform)
                        {
                            entry = zip.CreateEntryFromFile(photo, Path.GetFileName(photo));
                        }
                        else
                        {
                            entry = zip.CreateEntry(Path.GetFileName(photo) + "_export");
                            using (var zipStream = entry.Open())
                            {
                                await TransformAsync(photo, zipStream);
                            }
                        }

                        entry.ExternalAttributes |= 0x1B4 << 16;
                    }
                }

                Task TransformAsync(string photo, Stream target) => Task.CompletedTask;
            }
            """ + ZipOpenAsync);
    }

    [Fact]
    public async Task OpenOfEntryLocalOnePathExisting_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class Export
            {
                async Task UpdateAsync(string zipPath, string name, byte[] data)
                {
                    using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
                    ZipArchiveEntry? entry = zip.GetEntry(name);
                    if (entry is null)
                    {
                        entry = zip.CreateEntry(name);
                    }

                    using var stream = {|#0:entry.Open()|};
                    await stream.WriteAsync(data);
                }
            }
            """ + ZipOpenAsync, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("ZipArchiveEntry.Open", "ZipArchiveEntryExtensions.OpenAsync"));
    }

    [Fact]
    public async Task OpenOfExistingArchiveEntry_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class Restore
            {
                async Task<int> ReadAsync(Stream zipStream, byte[] buffer)
                {
                    using var backupZip = new ZipArchive(zipStream, ZipArchiveMode.Read, false);
                    ZipArchiveEntry entry = backupZip.GetEntry("log.config")!;
                    await using (Stream stream = {|#0:entry.Open()|})
                    {
                        return await stream.ReadAsync(buffer);
                    }
                }
            }
            """ + ZipOpenAsync, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("ZipArchiveEntry.Open", "ZipArchiveEntryExtensions.OpenAsync"));
    }

    [Fact]
    public async Task HashOfMemoryStreamArgument_NoDiagnostic()
    {
        // The zone is serialized into a buffer, then hashed from it: HashData's stream is memory.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            class ZoneDigest
            {
                async Task<byte[]> ComputeAsync(byte[] zone)
                {
                    await Task.Yield();
                    using MemoryStream hashStream = new MemoryStream(4096);
                    hashStream.Write(zone, 0, zone.Length);
                    hashStream.Position = 0;
                    var sha384 = SHA384.HashData(hashStream);
                    using var sha = SHA256.Create();
                    return sha.ComputeHash(hashStream) is { Length: > 0 } ? sha384 : zone;
                }
            }
            """);
    }

    [Fact]
    public async Task HashOfFileStreamArgument_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            class FileDigest
            {
                async Task<byte[]> ComputeAsync(string path)
                {
                    await Task.Yield();
                    using var file = File.OpenRead(path);
                    return {|#0:SHA384.HashData(file)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("SHA384.HashData", "SHA384.HashDataAsync"));
    }

    // An avatar upload: the image is resized and encoded into a buffer that is then stored.
    private const string AvatarResize = """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace ImageMagick
        {
            public enum MagickFormat { Jpg, Png }
            public sealed class MagickImage : System.IDisposable
            {
                public MagickImage(byte[] data) { }
                public void Dispose() { }
                public void Resize(int width, int height) { }
                public void Write(Stream stream, MagickFormat format) { }
                public async Task WriteAsync(Stream stream, MagickFormat format, CancellationToken cancellationToken = default) { await stream.FlushAsync(cancellationToken); }
            }
        }

        class AvatarStore
        {
            async Task<byte[]> ResizeAsync(Stream upload, string path)
            {
                using var received = new MemoryStream();
                await upload.CopyToAsync(received);
                using var image = new ImageMagick.MagickImage(received.ToArray());
                image.Resize(256, 256);
                var resized = new MemoryStream();
                image.Write(resized, ImageMagick.MagickFormat.Jpg);
                return resized.ToArray();
            }
        }
        """;

    [Fact]
    public async Task ImageWrittenToMemoryStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(AvatarResize);
    }

    [Fact]
    public async Task ImageWrittenToFileStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(AvatarResize.Replace("var resized = new MemoryStream();", "using var resized = File.Create(path);")
                .Replace("image.Write(resized, ImageMagick.MagickFormat.Jpg);", "{|#0:image.Write(resized, ImageMagick.MagickFormat.Jpg)|};").Replace("return resized.ToArray();", "return received.ToArray();"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("MagickImage.Write", "MagickImage.WriteAsync"));
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
                public static Task<StringBuilder> AppendAsync(this StringBuilder builder, string value) => Task.Run(() => builder.Append(value));
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
    public async Task ConsoleWriterChosenByCondition_NoDiagnostic()
    {
        // The splash screen goes to stderr when messages go to stdout, else to stdout: either way a console writer.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Splash
            {
                async Task ShowAsync(bool deliverToStdout, string[] lines)
                {
                    await Task.Yield();
                    var output = deliverToStdout ? Console.Error : Console.Out;
                    foreach (var line in lines)
                    {
                        output.WriteLine(line);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task WriterChosenBetweenConsoleAndFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Splash
            {
                async Task ShowAsync(bool toFile, string[] lines)
                {
                    await Task.Yield();
                    var output = toFile ? new StreamWriter("splash.txt") : Console.Out;
                    foreach (var line in lines)
                    {
                        {|#0:output.WriteLine(line)|};
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("TextWriter.WriteLine", "TextWriter.WriteLineAsync"));
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
                public Task CloseAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                    public ValueTask<object> AddAsync(object entity, CancellationToken cancellationToken = default) => new(Task.Run(() => entity));
                    public void AddRange(object[] entities) { }
                    public Task AddRangeAsync(object[] entities, CancellationToken cancellationToken = default) => System.IO.File.WriteAllTextAsync("data.txt", "");
                    public int SaveChanges() => 0;
                    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.Run(() => 0);
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
                public static Task<List<T>> ToListAsync<T>(this IEnumerable<T> source) => Task.Run(() => source.ToList());
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
                public Task SendAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                        public Task SaveAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                public Task SaveAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                protected Task SaveAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
                private Task<int> CountAsync() => Task.Run(() => 0);
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
                public Task SaveAsync(string id) => System.IO.File.WriteAllTextAsync("data.txt", "");
                public void Load(int id) { }
                public Task LoadAsync(int id, bool force) => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                public Task<long> CountAsync() => Task.Run(() => 0L);
                public string Name() => "";
                public Task NameAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                public static Task SaveAsync() => System.IO.File.WriteAllTextAsync("data.txt", "");
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
                    public static Task SaveAsync(this App.Document document) => System.IO.File.WriteAllTextAsync("data.txt", "");
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
    public async Task XmlWriterOverMemoryStreamParameterOfPrivateMethod_NoDiagnostic()
    {
        // The sitemap is written into a buffer the public method made, handed down through two private helpers.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using System.Xml;

            class SitemapGenerator
            {
                public async Task<string> GenerateAsync(IList<string> urls)
                {
                    using var buffer = new MemoryStream();
                    await GenerateAsync(buffer, urls);
                    return Encoding.UTF8.GetString(buffer.ToArray());
                }

                private async Task GenerateAsync(Stream stream, IList<string> urls)
                {
                    await Task.Yield();
                    await WriteSitemapAsync(stream, urls);
                }

                private async Task WriteSitemapAsync(Stream stream, IList<string> urls)
                {
                    await using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true });
                    await writer.WriteStartDocumentAsync();
                    foreach (var url in urls)
                    {
                        writer.WriteStartElement("url");
                        writer.WriteElementString("loc", url);
                        writer.WriteEndElement();
                    }

                    await writer.WriteEndDocumentAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task XmlWriterOverStreamParameterFromCaller_Reports()
    {
        // The same writer when a caller passes a file: the synchronous writes can block on it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using System.Xml;

            class SitemapGenerator
            {
                public async Task GenerateAsync(string path, IList<string> urls)
                {
                    await using var file = File.Create(path);
                    await WriteSitemapAsync(file, urls);
                }

                private async Task WriteSitemapAsync(Stream stream, IList<string> urls)
                {
                    await using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true });
                    await writer.WriteStartDocumentAsync();
                    foreach (var url in urls)
                    {
                        writer.WriteStartElement("url");
                        writer.WriteElementString("loc", url);
                        {|#0:writer.WriteEndElement()|};
                    }

                    await writer.WriteEndDocumentAsync();
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("XmlWriter.WriteEndElement", "XmlWriter.WriteEndElementAsync"));
    }

    /// <summary>
    /// A credential helper's standard streams behind an interface, each built lazily by <paramref name="errorStream"/>; a command
    /// writes a line to the error stream after an await.
    /// </summary>
    private static string StandardStreams(string errorStream) => """
        using System;
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        public interface IStandardStreams
        {
            TextReader In { get; }
            TextWriter Error { get; }
        }

        public class StandardStreams : IStandardStreams
        {
            private TextReader _stdIn;
            private TextWriter _stdErr;

            public TextReader In => _stdIn ??= new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);

            public TextWriter Error
            {
                get
                {
                    if (_stdErr == null)
                    {
                        _stdErr = new StreamWriter(ERROR_STREAM, Encoding.UTF8) { AutoFlush = true, NewLine = "\n" };
                    }

                    return _stdErr;
                }
            }
        }

        public class EraseCommand
        {
            private readonly IStandardStreams _streams;

            public EraseCommand(IStandardStreams streams) => _streams = streams;

            public async Task<int> ExecuteAsync(Func<Task<bool>> erase)
            {
                var line = _streams.In.ReadLine();
                if (!await erase())
                {
                    {|#0:_streams.Error.WriteLine("fatal: could not erase " + line)|};
                    return 1;
                }

                return 0;
            }
        }
        """.Replace("ERROR_STREAM", errorStream);

    [Fact]
    public async Task WriterOverConsoleBehindInterfaceProperty_NoDiagnostic()
    {
        // The only implementation builds the writers over the console's own streams (the reader before the await as well).
        await VerifyCS.VerifyAnalyzerAsync(StandardStreams("Console.OpenStandardError()"));
    }

    [Fact]
    public async Task WriterOverFileBehindInterfaceProperty_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            StandardStreams("File.Open(\"trace.log\", FileMode.Append)"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("TextWriter.WriteLine", "TextWriter.WriteLineAsync"));
    }

    /// <summary>A gateway client that inflates each message through a decompressor over <paramref name="source"/>, both in private fields.</summary>
    private static string Inflater(string source) => """
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class GatewayClient
        {
            private Stream _compressed;
            private DeflateStream _decompressor;

            public void Reset(string path)
            {
                _compressed = SOURCE;
                _decompressor = new DeflateStream(_compressed, CompressionMode.Decompress);
            }

            async Task<byte[]> InflateAsync(byte[] data)
            {
                await Task.Yield();
                _compressed.Position = 0;
                using var decompressed = new MemoryStream();
                {|#0:_decompressor.CopyTo(decompressed)|};
                return decompressed.ToArray();
            }
        }
        """.Replace("SOURCE", source);

    /// <summary>A client that unpacks the assemblies of a downloaded archive opened over <paramref name="source"/>.</summary>
    private static string Unpacker(string source) => """
        using System.Collections.Generic;
        using System.IO;
        using System.IO.Compression;
        using System.Net.Http;
        using System.Threading.Tasks;

        class AssemblyLoader
        {
            async Task<List<byte[]>> LoadAsync(HttpClient http, string path)
            {
                var zip = await http.GetByteArrayAsync("/api/installation/load");
                var files = new List<byte[]>();
                using (ZipArchive archive = new ZipArchive(SOURCE))
                {
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        using (var memoryStream = new MemoryStream())
                        {
                            {|#0:entry.Open().CopyTo(memoryStream)|};
                            files.Add(memoryStream.ToArray());
                        }
                    }

                    using var manifest = new MemoryStream();
                    var first = archive.GetEntry("manifest.json");
                    first.Open().CopyTo(manifest);
                }

                return files;
            }
        }
        """.Replace("SOURCE", source);

    [Fact]
    public async Task EntryOfArchiveOverMemoryStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Unpacker("new MemoryStream(zip)"));
    }

    [Fact]
    public async Task EntryOfArchiveOverFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Unpacker("File.OpenRead(path)").Replace("first.Open().CopyTo(manifest)", "{|#1:first.Open().CopyTo(manifest)|}"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Stream.CopyTo", "Stream.CopyToAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("Stream.CopyTo", "Stream.CopyToAsync"));
    }

    [Fact]
    public async Task DecompressorFieldOverMemoryField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(Inflater("new MemoryStream()"));
    }

    [Fact]
    public async Task DecompressorFieldOverFileField_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(Inflater("File.OpenRead(path)"), VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Stream.CopyTo", "Stream.CopyToAsync"));
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

    /// <summary>System.IO.Pipelines is not in the .NET 8 reference assemblies of the tests: the shape of its public surface that matters here.</summary>
    private const string PipelinesStub = """

        namespace System.IO.Pipelines
        {
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Pipe
            {
                public Pipe() { }
                public PipeReader Reader => null!;
                public PipeWriter Writer => null!;
            }

            public abstract class PipeWriter
            {
                public abstract void Complete(Exception? exception = null);
                public abstract ValueTask CompleteAsync(Exception? exception = null);
                public static PipeWriter Create(Stream stream) => null!;
            }

            public abstract class PipeReader
            {
                public abstract void Complete(Exception? exception = null);
                public abstract ValueTask CompleteAsync(Exception? exception = null);
                public virtual Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default) => Task.CompletedTask;
            }
        }
        """;

    [Fact]
    public async Task CompleteOnEndOfOwnPipe_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.IO.Pipelines;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class FramedOutput
            {
                private readonly PipeWriter _frames;
                private readonly Pipe _buffer = new Pipe();

                public FramedOutput(Stream sink, CancellationToken token)
                {
                    var pipe = new Pipe();
                    _frames = pipe.Writer;
                    Pumped = PumpAsync(pipe.Reader, pipe.Writer, sink, token);
                }

                public Task Pumped { get; }

                public async Task CloseAsync()
                {
                    await Pumped;
                    _frames.Complete();
                    _buffer.Reader.Complete();
                }

                public async Task DrainAsync(Stream sink)
                {
                    var local = new Pipe();
                    var reader = local.Reader;
                    await reader.CopyToAsync(sink);
                    reader.Complete();
                    local.Writer.Complete();
                }

                private static async Task PumpAsync(PipeReader source, PipeWriter writer, Stream sink, CancellationToken token)
                {
                    try
                    {
                        await source.CopyToAsync(sink, token);
                    }
                    catch (Exception ex)
                    {
                        writer.Complete(ex);
                        throw;
                    }
                }
            }
            """ + PipelinesStub);
    }

    [Fact]
    public async Task CompleteReaderOrWriterWithError_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.IO.Pipelines;
            using System.Threading.Tasks;

            sealed class Relay
            {
                public async Task ForwardAsync(PipeReader input, PipeWriter output, Stream target)
                {
                    try
                    {
                        await input.CopyToAsync(target);
                        input.Complete();
                    }
                    catch (IOException failure)
                    {
                        input.Complete(failure);
                        output.Complete(failure);
                        throw;
                    }
                }

                public async Task AbortAsync(PipeWriter output)
                {
                    await Task.Yield();
                    output.Complete(new OperationCanceledException("aborted"));
                    var error = new TimeoutException();
                    output.Complete(error);
                }
            }
            """ + PipelinesStub);
    }

    [Fact]
    public async Task CompleteWriterWithoutErrorOrWithNullableError_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.IO.Pipelines;
            using System.Threading.Tasks;

            sealed class Relay
            {
                public async Task ForwardAsync(PipeReader input, PipeWriter output, Stream target, Exception? error)
                {
                    try
                    {
                        await input.CopyToAsync(target);
                        {|#0:output.Complete()|};
                    }
                    catch (IOException failure)
                    {
                        failure = null!;
                        {|#1:output.Complete(failure)|};
                        throw;
                    }

                    {|#2:output.Complete(error)|};
                    {|#3:output.Complete(null)|};
                }
            }
            """ + PipelinesStub,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(2).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(3).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"));
    }

    [Fact]
    public async Task CompleteOnPipeWriterOverStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.IO.Pipelines;
            using System.Threading.Tasks;

            sealed class Upload
            {
                private PipeWriter _current = new Pipe().Writer;

                public async Task OverStreamAsync(Stream network)
                {
                    var writer = PipeWriter.Create(network);
                    await Task.Yield();
                    {|#0:writer.Complete()|};
                }

                public async Task FromCallerAsync(PipeWriter writer)
                {
                    await Task.Yield();
                    {|#1:writer.Complete()|};
                }

                public async Task ReassignedFieldAsync(Stream network)
                {
                    await Task.Yield();
                    {|#2:_current.Complete()|};
                    _current = PipeWriter.Create(network);
                }

                public Task SendAsync(Stream network) => FinishAsync(PipeWriter.Create(network));

                public Task BufferAsync() => FinishAsync(new Pipe().Writer);

                private static async Task FinishAsync(PipeWriter writer)
                {
                    await Task.Yield();
                    {|#3:writer.Complete()|};
                }
            }
            """ + PipelinesStub,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(2).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(3).WithArguments("PipeWriter.Complete", "PipeWriter.CompleteAsync"));
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

    // Dual-mode bodies: one implementation for synchronous and asynchronous callers, switched by a mode value.

    [Fact]
    public async Task DualModeElseArm_NoDiagnostic()
    {
        await VerifyWithIOBehaviorAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Pool
            {
                private readonly SemaphoreSlim _slots = new SemaphoreSlim(10);

                internal async ValueTask<int> LeaseAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    if (ioBehavior == IOBehavior.Asynchronous)
                        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    else
                        _slots.Wait(cancellationToken);

                    return 1;
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeTernary_NoDiagnostic()
    {
        await VerifyWithIOBehaviorAsync("""
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;

            class Resolver
            {
                internal async Task<IPAddress[]> ResolveAsync(string hostName, IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    var addresses = ioBehavior == IOBehavior.Asynchronous
                        ? await Dns.GetHostAddressesAsync(hostName, cancellationToken).ConfigureAwait(false)
                        : Dns.GetHostAddresses(hostName);
                    return addresses;
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeSynchronousTestFirst_NoDiagnostic()
    {
        await VerifyWithIOBehaviorAsync("""
            using System.IO;
            using System.Net;
            using System.Net.Security;
            using System.Threading.Tasks;

            class Authenticator
            {
                internal async Task AuthenticateAsync(Stream transport, string target, IOBehavior ioBehavior)
                {
                    using var negotiate = new NegotiateStream(transport);
                    if (ioBehavior == IOBehavior.Synchronous)
                    {
                        negotiate.AuthenticateAsClient(CredentialCache.DefaultNetworkCredentials, target);
                    }
                    else
                    {
                        await negotiate.AuthenticateAsClientAsync(CredentialCache.DefaultNetworkCredentials, target).ConfigureAwait(false);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeNestedInSyncArm_NoDiagnostic()
    {
        await VerifyWithIOBehaviorAsync("""
            using System;
            using System.Net;
            using System.Net.Sockets;
            using System.Threading;
            using System.Threading.Tasks;

            class Connector
            {
                internal async Task<TcpClient> ConnectAsync(IPAddress address, int port, int timeout, IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    var client = new TcpClient(address.AddressFamily);
                    using (cancellationToken.Register(() => client.Dispose()))
                    {
                        try
                        {
                            if (ioBehavior == IOBehavior.Asynchronous)
                            {
                                await client.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
                            }
                            else
                            {
                                if (OperatingSystem.IsWindows())
                                {
                                    client.Connect(address, port);
                                }
                                else
                                {
                                    var original = client.Client.SendTimeout;
                                    client.Client.SendTimeout = timeout;
                                    client.Connect(address, port);
                                    client.Client.SendTimeout = original;
                                }
                            }
                        }
                        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
                        {
                            throw new OperationCanceledException(cancellationToken);
                        }
                    }

                    return client;
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeBoolFlag_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Framer
            {
                private async ValueTask FlushCoreAsync(Stream stream, bool isAsync, CancellationToken cancellationToken)
                {
                    if (!isAsync)
                    {
                        stream.Flush();
                        return;
                    }

                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                private async Task<int> ReadCoreAsync(Stream stream, byte[] buffer, bool forceSynchronous)
                {
                    return forceSynchronous ? stream.Read(buffer, 0, buffer.Length) : await stream.ReadAsync(buffer, 0, buffer.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeSwitchOnMode_NoDiagnostic()
    {
        await VerifyWithIOBehaviorAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Pipe
            {
                internal async Task<int> ReadAsync(Stream stream, byte[] buffer, IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    switch (ioBehavior)
                    {
                        case IOBehavior.Asynchronous:
                            return await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                        default:
                            return stream.Read(buffer, 0, buffer.Length);
                    }
                }

                internal async Task WriteAsync(Stream stream, byte[] buffer, IOBehavior ioBehavior) =>
                    await (ioBehavior is IOBehavior.Synchronous
                        ? WriteSynchronously(stream, buffer)
                        : stream.WriteAsync(buffer, 0, buffer.Length));

                private static Task WriteSynchronously(Stream stream, byte[] buffer)
                {
                    stream.Write(buffer, 0, buffer.Length);
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeInLambdaAndLocalFunction_NoDiagnostic()
    {
        await VerifyWithIOBehaviorAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Loader
            {
                internal Func<IOBehavior, Task<string>> Reader(TextReader reader) => async ioBehavior =>
                    ioBehavior == IOBehavior.Asynchronous ? await reader.ReadToEndAsync() : reader.ReadToEnd();

                internal Task<string> Read(TextReader reader, IOBehavior ioBehavior)
                {
                    return Local();

                    async Task<string> Local()
                    {
                        if (ioBehavior != IOBehavior.Synchronous)
                            return await reader.ReadLineAsync() ?? "";
                        return reader.ReadLine() ?? "";
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeUnguardedCall_Reports()
    {
        // The mode is ignored: an async caller connects synchronously (MySqlBulkLoader.LoadAsync calling Connection.Open()).
        await VerifyWithIOBehaviorAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Connection
            {
                public bool IsOpen { get; private set; }
                public void Open() => OpenAsync(IOBehavior.Synchronous, CancellationToken.None).GetAwaiter().GetResult();
                public Task OpenAsync(CancellationToken cancellationToken) => OpenAsync(IOBehavior.Asynchronous, cancellationToken);
                internal async Task OpenAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    await System.IO.File.ReadAllTextAsync("server.txt", cancellationToken);
                    IsOpen = true;
                }
            }

            class BulkLoader
            {
                private readonly Connection _connection = new Connection();

                internal async Task<int> LoadAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    if (!_connection.IsOpen)
                    {
                        {|#0:_connection.Open()|};
                    }

                    await Task.Delay(1, cancellationToken);
                    return ioBehavior == IOBehavior.Asynchronous ? 1 : 0;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Connection.Open", "Connection.OpenAsync"));
    }

    [Fact]
    public async Task DualModeAsyncArm_Reports()
    {
        await VerifyWithIOBehaviorAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Pool
            {
                private readonly SemaphoreSlim _slots = new SemaphoreSlim(10);

                internal async Task LeaseAsync(IOBehavior ioBehavior, CancellationToken cancellationToken)
                {
                    if (ioBehavior == IOBehavior.Asynchronous)
                    {
                        [|_slots.Wait(cancellationToken)|];
                        await Task.Yield();
                    }
                    else
                    {
                        _slots.Wait(cancellationToken);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ModeTestWithoutAsyncArm_Reports()
    {
        // Neither arm awaits: a condition named like a mode is not enough to call the arm the synchronous one.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Exporter
            {
                async Task ExportAsync(string path, string text, bool isAsync)
                {
                    await Task.Yield();
                    if (isAsync)
                        System.Console.WriteLine(text);
                    else
                        [|File.WriteAllText(path, text)|];
                }
            }
            """);
    }

    // Counterparts that are no better: they complete synchronously, or the call is not I/O.

    [Fact]
    public async Task ExperimentalCounterpart_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;

            class Dialog
            {
                public int ShowModal() => 0;

                [Experimental("DLG0001")]
                public Task<int> ShowModalAsync() => Task.Run(() => 0);
            }

            [Experimental("PRV0001")]
            class Preview
            {
                public class Channel
                {
                    public void Send(string message) => System.IO.File.AppendAllText("log.txt", message);
                    public Task SendAsync(string message) => System.IO.File.AppendAllTextAsync("log.txt", message);
                }
            }

            class C
            {
                async Task<int> M(Dialog dialog)
                {
                    await Task.Yield();
                    return dialog.ShowModal();
                }

            #pragma warning disable PRV0001
                async Task N(Preview.Channel channel)
                {
                    await Task.Yield();
                    channel.Send("x");
                }
            #pragma warning restore PRV0001
            }
            """);
    }

    [Fact]
    public async Task ExperimentalOverloadBesideStableOne_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Diagnostics.CodeAnalysis;
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                public void Flush() => System.IO.File.WriteAllText("store.dat", "");
                public Task FlushAsync() => System.IO.File.WriteAllTextAsync("store.dat", "");

                [Experimental("STO0001")]
                public Task FlushAsync(CancellationToken cancellationToken) => System.IO.File.WriteAllTextAsync("store.dat", "", cancellationToken);
            }

            class C
            {
                async Task M(Store store)
                {
                    await Task.Yield();
                    [|store.Flush()|];
                }
            }
            """);
    }

    [Fact]
    public async Task DataReaderIsDBNull_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Data.Common;
            using System.Threading.Tasks;

            class Procedures
            {
                async Task<List<string?>> LoadAsync(DbCommand command)
                {
                    var names = new List<string?>();
                    using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        names.Add(!reader.IsDBNull(1) ? reader.GetString(1) : null);
                    }

                    return names;
                }
            }
            """);
    }

    [Fact]
    public async Task DataReaderGetFieldValue_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Data.Common;
            using System.Threading.Tasks;

            class Orders
            {
                async Task<DateTime?> LastOrderAsync(DbCommand command)
                {
                    await using var reader = await command.ExecuteReaderAsync();
                    return await reader.ReadAsync() ? reader.GetFieldValue<DateTime>(0) : null;
                }
            }
            """);
    }

    // A migration that copies rows into a second database inside one transaction.
    private const string RowCopier = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Npgsql
        {
            public sealed class NpgsqlTransaction { public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask; }
            public sealed class NpgsqlConnection
            {
                public NpgsqlTransaction BeginTransaction() => new NpgsqlTransaction();
                public async ValueTask<NpgsqlTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return new NpgsqlTransaction(); }
            }
        }

        namespace Other.Data
        {
            public sealed class OtherTransaction { public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask; }
            public sealed class OtherConnection
            {
                public OtherTransaction BeginTransaction() => new OtherTransaction();
                public async ValueTask<OtherTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return new OtherTransaction(); }
            }
        }

        class Migration
        {
            async Task CopyAsync(Npgsql.NpgsqlConnection target)
            {
                var transaction = target.BeginTransaction();
                await transaction.CommitAsync();
            }
        }
        """;

    [Fact]
    public async Task NpgsqlBeginTransaction_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(RowCopier);
    }

    [Fact]
    public async Task OtherProviderBeginTransaction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(RowCopier.Replace("Npgsql.NpgsqlConnection target", "Other.Data.OtherConnection target").Replace("target.BeginTransaction()", "{|#0:target.BeginTransaction()|}"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("OtherConnection.BeginTransaction", "OtherConnection.BeginTransactionAsync"));
    }

    // A controller action that validates its request with a validator of synchronous rules.
    private const string AccountsEndpoint = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace FluentValidation
        {
            public sealed class ValidationResult { public bool IsValid => true; }
            public abstract class AbstractValidator<T>
            {
                public ValidationResult Validate(T instance) => new ValidationResult();
                public async Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default) { await Task.Delay(1, cancellation); return new ValidationResult(); }
            }
        }

        namespace Other.Validation
        {
            public sealed class ValidationResult { public bool IsValid => true; }
            public abstract class AbstractValidator<T>
            {
                public ValidationResult Validate(T instance) => new ValidationResult();
                public async Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default) { await Task.Delay(1, cancellation); return new ValidationResult(); }
            }
        }

        record Credentials(string User, string Password);
        class CredentialsValidator : FluentValidation.AbstractValidator<Credentials> { }

        class AccountsController
        {
            async Task<bool> CreateAsync(Credentials credentials)
            {
                var validated = new CredentialsValidator().Validate(credentials);
                await Task.Delay(1);
                return validated.IsValid;
            }
        }
        """;

    [Fact]
    public async Task FluentValidationValidate_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(AccountsEndpoint);
    }

    [Fact]
    public async Task OtherLibraryValidate_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(AccountsEndpoint.Replace(": FluentValidation.AbstractValidator<Credentials>", ": Other.Validation.AbstractValidator<Credentials>")
                .Replace("new CredentialsValidator().Validate(credentials)", "{|#0:new CredentialsValidator().Validate(credentials)|}"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("AbstractValidator.Validate", "AbstractValidator.ValidateAsync"));
    }

    [Fact]
    public async Task DataReaderRead_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Threading.Tasks;

            class Orders
            {
                async Task<int> CountAsync(DbCommand command)
                {
                    await using var reader = await command.ExecuteReaderAsync();
                    var count = 0;
                    while ({|#0:reader.Read()|})
                    {
                        count++;
                    }

                    return count;
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("DbDataReader.Read", "DbDataReader.ReadAsync"));
    }

    [Fact]
    public async Task ProviderWithoutAsyncOverride_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading.Tasks;

            sealed class LocalTransaction : DbTransaction
            {
                public override IsolationLevel IsolationLevel => IsolationLevel.Serializable;
                protected override DbConnection? DbConnection => null;
                public override void Commit() => System.IO.File.Move("journal.tmp", "journal.db");
                public override void Rollback() => System.IO.File.Delete("journal.tmp");
            }

            class Unit
            {
                async Task CompleteAsync(LocalTransaction transaction)
                {
                    await Task.Yield();
                    transaction.Commit();
                }
            }
            """);
    }

    [Fact]
    public async Task ProviderWithAsyncOverride_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class RemoteTransaction : DbTransaction
            {
                public override IsolationLevel IsolationLevel => IsolationLevel.Serializable;
                protected override DbConnection? DbConnection => null;
                public override void Commit() => System.IO.File.WriteAllText("commit.log", "commit");
                public override void Rollback() => System.IO.File.WriteAllText("commit.log", "rollback");
                public override Task CommitAsync(CancellationToken cancellationToken = default) => System.IO.File.WriteAllTextAsync("commit.log", "commit", cancellationToken);
            }

            class Unit
            {
                async Task CompleteAsync(RemoteTransaction transaction)
                {
                    await Task.Yield();
                    {|#0:transaction.Commit()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("RemoteTransaction.Commit", "RemoteTransaction.CommitAsync"));
    }

    [Fact]
    public async Task TransactionThroughBaseType_Reports()
    {
        // Through DbTransaction itself the provider is unknown, and most providers override CommitAsync.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Threading.Tasks;

            class Unit
            {
                async Task CompleteAsync(DbConnection connection)
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    {|#0:transaction.Commit()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("DbTransaction.Commit", "DbTransaction.CommitAsync"));
    }

    [Fact]
    public async Task SqliteProvider_NoDiagnostic()
    {
        await VerifyWithLibraryAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            namespace Microsoft.Data.Sqlite
            {
                public class SqliteConnection
                {
                    public SqliteConnection(string connectionString) { }
                    public void Open() { }
                    public Task OpenAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
                }

                public class SqliteCommand
                {
                    public SqliteCommand(string text, SqliteConnection connection) { }
                    public SqliteDataReader ExecuteReader() => new SqliteDataReader();
                    public Task<SqliteDataReader> ExecuteReaderAsync(CancellationToken cancellationToken = default) => Task.FromResult(new SqliteDataReader());
                }

                public class SqliteDataReader
                {
                    public bool Read() => false;
                    public Task<bool> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Data.Sqlite;

            class CloudDetector
            {
                async Task<int> CountRootsAsync(string databasePath)
                {
                    await Task.Yield();
                    var database = new SqliteConnection($"Data Source='{databasePath}'");
                    database.Open();
                    var command = new SqliteCommand("SELECT * FROM roots", database);
                    var reader = command.ExecuteReader();
                    var count = 0;
                    while (reader.Read())
                    {
                        count++;
                    }

                    return count;
                }
            }
            """);
    }

    private const string AsyncCommandLibrary = """
        using System.Threading.Tasks;

        namespace System.Windows.Input
        {
            public interface ICommand
            {
                bool CanExecute(object? parameter);
                void Execute(object? parameter);
            }
        }

        namespace CommunityToolkit.Mvvm.Input
        {
            public interface IAsyncRelayCommand : System.Windows.Input.ICommand
            {
                Task ExecuteAsync(object? parameter);
            }
        }

        namespace Drives
        {
            public static class Disk
            {
                public static string Label(string path) => System.IO.File.ReadAllText(path);
                public static Task<string> LabelAsync(string path) => System.IO.File.ReadAllTextAsync(path);
            }
        }
        """;

    [Fact]
    public async Task AsyncCommandExecute_NoDiagnostic()
    {
        // A view model runs its generated async refresh command after a format: Execute starts ExecuteAsync and returns.
        await VerifyWithLibraryAsync(AsyncCommandLibrary, """
            using System.Threading.Tasks;
            using CommunityToolkit.Mvvm.Input;

            class DrivesViewModel
            {
                public IAsyncRelayCommand RefreshCommand { get; } = null!;

                async Task FormatAsync()
                {
                    await Task.Delay(10);
                    RefreshCommand.Execute(null);
                }
            }
            """);
    }

    [Fact]
    public async Task LibraryCallBesideAsyncCommandExecute_Reports()
    {
        await VerifyWithLibraryAsync(AsyncCommandLibrary, """
            using System.Threading.Tasks;
            using CommunityToolkit.Mvvm.Input;

            class DrivesViewModel
            {
                public IAsyncRelayCommand RefreshCommand { get; } = null!;

                async Task FormatAsync()
                {
                    await Task.Delay(10);
                    RefreshCommand.Execute({|#0:Drives.Disk.Label("E:/label.txt")|});
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Disk.Label", "Disk.LabelAsync"));
    }

    private const string GuildCache = """
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Role { public string Name = ""; }

        class Guild
        {
            internal ConcurrentDictionary<ulong, Role> RolesInternal = new();
            readonly HttpClient _http = new();

            public Role? GetRole(ulong id) => RolesInternal.GetValueOrDefault(id);

            public async Task<Role> GetRoleAsync(ulong id)
            {
                var json = await _http.GetStringAsync("https://discord.example/roles/" + id);
                return new Role { Name = json };
            }
        }

        class RoleUpdates
        {
            async Task<string> OnRoleUpdatedAsync(Guild guild, ulong id)
            {
                await Task.Yield();
                var before = {|#0:guild.GetRole(id)|};
                return before?.Name ?? "";
            }
        }
        """;

    [Fact]
    public async Task OwnCacheLookupBesideRestFetch_NoDiagnostic()
    {
        // A Discord client's role cache: GetRole reads a dictionary, GetRoleAsync fetches from the API; the handler wants the cached one.
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + GuildCache.Replace("{|#0:", "").Replace("GetRole(id)|}", "GetRole(id)"));
    }

    [Fact]
    public async Task OwnLookupThroughItsOwnProperty_Reports()
    {
        // Through a property of its own, whose getter may load the roles: not known to be a pure look-up.
        await VerifyCS.VerifyAnalyzerAsync("#nullable enable\n" + GuildCache.Replace("RolesInternal.GetValueOrDefault(id);", "Roles.GetValueOrDefault(id);\n    IReadOnlyDictionary<ulong, Role> Roles => RolesInternal;"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Guild.GetRole", "Guild.GetRoleAsync"));
    }

    [Fact]
    public async Task FormShowDialog_NoDiagnostic()
    {
        await VerifyWithLibraryAsync("""
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;

            namespace System.Windows.Forms
            {
                public interface IWin32Window { }

                public enum DialogResult { None, OK, Cancel }

                public class Form : IWin32Window
                {
                    public DialogResult ShowDialog() => DialogResult.OK;
                    public DialogResult ShowDialog(IWin32Window owner) => DialogResult.OK;
                    public Task<DialogResult> ShowDialogAsync() => Task.FromResult(DialogResult.OK);
                    public Task<DialogResult> ShowDialogAsync(IWin32Window owner) => Task.FromResult(DialogResult.OK);
                }
            }
            """, """
            using System.Threading.Tasks;
            using System.Windows.Forms;

            class SettingsForm : Form { }

            class MainForm : Form
            {
                async void OnSettingsClick()
                {
                    await Task.Yield();
                    using var settings = new System.IO.MemoryStream();
                    new SettingsForm().ShowDialog(this);
                    new SettingsForm().ShowDialog();
                }
            }
            """);
    }

    private const string HashCheck = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class TorrentManager
        {
            public bool Stopped { get; set; }

            public async Task SetNeedsHashCheckAsync()
            {
                await Task.Yield();
                if (!Stopped)
                    throw new InvalidOperationException("only when stopped");
                COUNTERPART_WORK
            }

            internal void SetNeedsHashCheck()
            {
                if (File.Exists("fast-resume.dat"))
                    File.Delete("fast-resume.dat");
            }
        }

        class StartingMode
        {
            async Task VerifyAsync(TorrentManager manager)
            {
                await Task.Yield();
                {|#0:manager.SetNeedsHashCheck()|};
            }
        }
        """;

    [Fact]
    public async Task CounterpartCallsTheSynchronousMethod_NoDiagnostic()
    {
        // The async twin switches threads, checks a state and then calls the synchronous method itself: the file work is the
        // same either way, and the twin's precondition does not even hold where the synchronous one is called.
        await VerifyCS.VerifyAnalyzerAsync(HashCheck.Replace("COUNTERPART_WORK", "SetNeedsHashCheck();").Replace("{|#0:manager.SetNeedsHashCheck()|}", "manager.SetNeedsHashCheck()"));
    }

    [Fact]
    public async Task CounterpartDoesItsOwnWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            HashCheck.Replace("COUNTERPART_WORK", "if (File.Exists(\"fast-resume.dat\")) await Task.Run(() => File.Delete(\"fast-resume.dat\"));"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("TorrentManager.SetNeedsHashCheck", "TorrentManager.SetNeedsHashCheckAsync"));
    }

    [Fact]
    public async Task CounterpartReturnsFromResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Collections.ObjectModel;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class ResultReader
            {
                private readonly List<string> _columns = new List<string>();

                public ReadOnlyCollection<string> GetColumnSchema() => _columns.AsReadOnly();

                /// <remarks>Runs synchronously; prefer GetColumnSchema.</remarks>
                public Task<ReadOnlyCollection<string>> GetColumnSchemaAsync(CancellationToken cancellationToken = default)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Task.FromResult(GetColumnSchema());
                }

                public int Count() => _columns.Count;

                public ValueTask<int> CountAsync() => new ValueTask<int>(Count());
            }

            class BulkCopy
            {
                async Task<int> MapAsync(ResultReader reader)
                {
                    await Task.Yield();
                    var schema = reader.GetColumnSchema();
                    return schema.Count + reader.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task CounterpartAwaitsOnlyCompletedWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Settings
            {
                private string _value = "";

                public string Load() => _value;

                public async Task<string> LoadAsync(CancellationToken cancellationToken = default)
                {
                    await Task.CompletedTask;
                    return await Cached();
                }

                private Task<string> Cached() => _value.Length > 0 ? Task.FromResult(_value) : Task.FromResult("default");

                public void Save(string value) => _value = value;

                public Task SaveAsync(string value)
                {
                    if (value is null)
                    {
                        return Task.FromException(new System.ArgumentNullException(nameof(value)));
                    }

                    Save(value);
                    return Task.CompletedTask;
                }
            }

            class C
            {
                async Task M(Settings settings)
                {
                    await Task.Yield();
                    settings.Save(settings.Load());
                }
            }
            """);
    }

    [Fact]
    public async Task CounterpartDoesRealWork_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Settings
            {
                public string Load() => System.IO.File.ReadAllText("settings.json");

                public async Task<string> LoadAsync()
                {
                    await Task.CompletedTask;
                    return await System.IO.File.ReadAllTextAsync("settings.json");
                }

                public string Peek() => Load();

                public Task<string> PeekAsync() => Task.FromResult(Load()).ContinueWith(t => t.Result);
            }

            class C
            {
                async Task<int> M(Settings settings)
                {
                    await Task.Yield();
                    return {|#0:settings.Load()|}.Length + {|#1:settings.Peek()|}.Length;
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Settings.Load", "Settings.LoadAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("Settings.Peek", "Settings.PeekAsync"));
    }

    [Fact]
    public async Task InterfaceCounterpartAllImplementationsSynchronous_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IClock
            {
                long Now();
                ValueTask<long> NowAsync();
            }

            sealed class SystemClock : IClock
            {
                public long Now() => System.DateTime.UtcNow.Ticks;
                public ValueTask<long> NowAsync() => new(Now());
            }

            sealed class FixedClock : IClock
            {
                public long Now() => 0;
                public ValueTask<long> NowAsync() => default;
            }

            class C
            {
                async Task<long> M(IClock clock)
                {
                    await Task.Yield();
                    return clock.Now();
                }
            }
            """);
    }

    [Fact]
    public async Task InterfaceCounterpartWrappingInterfaceResultInValueTask_NoDiagnostic()
    {
        // A database client's buckets: every ScopeAsync wraps the in-memory Scope(name) in a completed ValueTask<IScope>.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            interface IScope { string Name { get; } }
            sealed class Scope : IScope { public string Name { get; set; } = ""; }

            interface IBucket
            {
                IScope Scope(string scopeName);
                ValueTask<IScope> ScopeAsync(string scopeName);
            }

            abstract class BucketBase : IBucket
            {
                readonly ConcurrentDictionary<string, IScope> _scopes = new();
                public IScope Scope(string scopeName) => _scopes.GetOrAdd(scopeName, n => new Scope { Name = n });
                public ValueTask<IScope> ScopeAsync(string scopeName)
                {
                    return new(Scope(scopeName));
                }
            }

            sealed class CouchbaseBucket : BucketBase { }

            sealed class StellarBucket : IBucket
            {
                bool _disposed;
                readonly ConcurrentDictionary<string, IScope> _scopes = new();
                void CheckIfDisposed() { if (_disposed) throw new ObjectDisposedException("bucket"); }
                public IScope Scope(string scopeName) { CheckIfDisposed(); return _scopes.GetOrAdd(scopeName, n => new Scope { Name = n }); }
                public ValueTask<IScope> ScopeAsync(string scopeName)
                {
                    CheckIfDisposed();
                    return ValueTask.FromResult(Scope(scopeName));
                }
            }

            class C
            {
                async Task<string> M(IBucket bucket)
                {
                    await Task.Yield();
                    return bucket.Scope("x").Name;
                }
            }
            """);
    }

    [Fact]
    public async Task InterfaceCounterpartOneImplementationDoesIo_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IStore
            {
                string Read();
                Task<string> ReadAsync();
            }

            sealed class MemoryStore : IStore
            {
                public string Read() => "";
                public Task<string> ReadAsync() => Task.FromResult("");
            }

            sealed class FileStore : IStore
            {
                public string Read() => System.IO.File.ReadAllText("store.txt");
                public Task<string> ReadAsync() => System.IO.File.ReadAllTextAsync("store.txt");
            }

            class C
            {
                async Task<string> M(IStore store)
                {
                    await Task.Yield();
                    return [|store.Read()|];
                }
            }
            """);
    }

    [Fact]
    public async Task InterfaceMethodEveryImplementationAsyncVoid_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using System.Windows.Input;

            interface IUiAction : ICommand
            {
                Task ExecuteAsync(object? parameter);
            }

            sealed class SaveAction : IUiAction
            {
                public event EventHandler? CanExecuteChanged;
                public bool CanExecute(object? parameter) => true;
                public async void Execute(object? parameter)
                {
                    await ExecuteAsync(parameter);
                }

                public Task ExecuteAsync(object? parameter) => System.IO.File.WriteAllTextAsync("save.txt", parameter?.ToString());
            }

            sealed class UploadAction : IUiAction
            {
                public event EventHandler? CanExecuteChanged;
                public bool CanExecute(object? parameter) => true;
                public async void Execute(object? parameter) => await ExecuteAsync(parameter);
                public Task ExecuteAsync(object? parameter) => System.IO.File.AppendAllTextAsync("upload.log", "sent");
            }

            sealed class DisabledAction : IUiAction
            {
                public event EventHandler? CanExecuteChanged { add { } remove { } }
                public bool CanExecute(object? parameter) => false;
                public void Execute(object? parameter)
                {
                }

                public Task ExecuteAsync(object? parameter) => Task.CompletedTask;
            }

            class Toolbar
            {
                private readonly IUiAction _save;

                public Toolbar(IUiAction save) => _save = save;

                async Task OnDropAsync(string text)
                {
                    await Task.Yield();
                    _save.Execute(text);

                    async Task RetryAsync()
                    {
                        await Task.Delay(10);
                        _save.Execute(text);
                    }

                    await RetryAsync();
                    Func<Task> again = async () => { await Task.Yield(); _save.Execute(null); };
                    await again();
                }

                async Task OnKeyAsync() => await Task.Run(() => 0).ContinueWith(_ => { }).ContinueWith(async _ => { await Task.Yield(); _save.Execute("key"); });
            }
            """);
    }

    [Fact]
    public async Task VirtualAndOwnAsyncVoidWrappers_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            abstract class Job
            {
                public abstract void Run();
                public abstract Task RunAsync();
            }

            class ExportJob : Job
            {
                public override async void Run() => await RunAsync();
                public override Task RunAsync() => System.IO.File.WriteAllTextAsync("export.csv", "");
            }

            sealed class NightlyExportJob : ExportJob
            {
                public override async void Run()
                {
                    await Task.Yield();
                    await RunAsync();
                }
            }

            class Notifier
            {
                public async void Notify(string text) => await NotifyAsync(text);
                public Task NotifyAsync(string text) => System.IO.File.AppendAllTextAsync("notify.log", text);
            }

            class Scheduler
            {
                async Task TickAsync(Job job, Notifier notifier)
                {
                    await Task.Yield();
                    job.Run();
                    notifier.Notify("tick");
                }
            }
            """);
    }

    [Fact]
    public async Task PublicInterfaceOfApplicationAsyncVoidImplementations_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;

                public interface IRefresher
                {
                    void Refresh();
                    Task RefreshAsync();
                }

                public sealed class FeedRefresher : IRefresher
                {
                    public async void Refresh() => await RefreshAsync();
                    public Task RefreshAsync() => System.IO.File.ReadAllTextAsync("feed.xml");
                }

                public static class Program
                {
                    static async Task Main()
                    {
                        IRefresher refresher = new FeedRefresher();
                        await Task.Yield();
                        refresher.Refresh();
                    }
                }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task InterfaceMethodOneImplementationBlocks_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            interface IExporter
            {
                void Export(string text);
                Task ExportAsync(string text);
            }

            sealed class QueuedExporter : IExporter
            {
                public async void Export(string text) => await ExportAsync(text);
                public Task ExportAsync(string text) => System.IO.File.AppendAllTextAsync("queue.txt", text);
            }

            sealed class DiskExporter : IExporter
            {
                public void Export(string text) => System.IO.File.WriteAllText("export.txt", text);
                public Task ExportAsync(string text) => System.IO.File.WriteAllTextAsync("export.txt", text);
            }

            class Report
            {
                async Task SaveAsync(IExporter exporter)
                {
                    await Task.Yield();
                    [|exporter.Export("report")|];
                }
            }
            """);
    }

    [Fact]
    public async Task PublicInterfaceOfLibraryAsyncVoidImplementations_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public interface IRefresher
            {
                void Refresh();
                Task RefreshAsync();
            }

            public sealed class FeedRefresher : IRefresher
            {
                public async void Refresh() => await RefreshAsync();
                public Task RefreshAsync() => System.IO.File.ReadAllTextAsync("feed.xml");
            }

            public class Reader
            {
                public async Task PollAsync(IRefresher refresher)
                {
                    await Task.Yield();
                    [|refresher.Refresh()|];
                }
            }
            """);
    }

    [Fact]
    public async Task InterfaceOfReferencedAssemblyAsyncVoidImplementations_Reports()
    {
        // A sibling project of the solution: its methods are judged as the solution's own (no "computes" exemption).
        await VerifyWithLibraryAsync(
            "TestProject.Contracts",
            """
            using System.Threading.Tasks;

            public interface ISyncer
            {
                void Sync();
                Task SyncAsync();
            }
            """,
            """
            using System.Threading.Tasks;

            sealed class FolderSyncer : ISyncer
            {
                public async void Sync() => await SyncAsync();
                public Task SyncAsync() => System.IO.File.ReadAllTextAsync("folder.txt");
            }

            class Client
            {
                async Task RunAsync(ISyncer syncer)
                {
                    await Task.Yield();
                    [|syncer.Sync()|];
                }
            }
            """);
    }

    [Fact]
    public async Task LibraryParserOverString_NoDiagnostic()
    {
        await VerifyWithLibraryAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Markup
            {
                public class Document { }

                public class HtmlParser
                {
                    public Document ParseDocument(string source) => new Document();
                    public Task<Document> ParseDocumentAsync(string source, CancellationToken cancellation = default) => Task.Run(() => new Document());
                    public Document ParseDocument(ReadOnlyMemory<char> source, bool strict) => new Document();
                    public Task<Document> ParseDocumentAsync(ReadOnlyMemory<char> source, bool strict) => Task.Run(() => new Document());
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Markup;

            class Scraper
            {
                private readonly HtmlParser _parser = new HtmlParser();

                async Task<Document> ScrapeAsync(System.Net.Http.HttpClient http, string url)
                {
                    var html = await http.GetStringAsync(url);
                    _parser.ParseDocument(html.AsMemory(), strict: false);
                    return _parser.ParseDocument(html);
                }
            }
            """);
    }

    private const string EfCoreWithProviders = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContextOptionsBuilder { }

            public static class ProviderExtensions
            {
                public static DbContextOptionsBuilder UseSqlite(this DbContextOptionsBuilder builder, string connectionString) => builder;
                public static DbContextOptionsBuilder UseSqlServer(this DbContextOptionsBuilder builder, string connectionString) => builder;
            }

            public class DbContext
            {
                protected virtual void OnConfiguring(DbContextOptionsBuilder options) { }
                public int SaveChanges() => 0;
                public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.Run(() => 0);
            }
        }
        """;

    private const string MessagesDbContext = """
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class MessagesDb : DbContext
        {
            protected override void OnConfiguring(DbContextOptionsBuilder options) => CONFIGURE;
        }

        class MessagesController
        {
            private readonly MessagesDb _db = new MessagesDb();

            async Task DeleteAllAsync()
            {
                await Task.Yield();
                {|#0:_db.SaveChanges()|};
            }
        }
        """;

    [Fact]
    public async Task EfCoreOverSqliteOnly_NoDiagnostic()
    {
        // A developer tool keeps its messages in SQLite and configures no other provider: SQLite has no asynchronous I/O, so
        // SaveChangesAsync would run synchronously too.
        await VerifyWithLibraryAsync(EfCoreWithProviders, MessagesDbContext.Replace("CONFIGURE", "options.UseSqlite(\"Data Source=messages.db\")").Replace("{|#0:_db.SaveChanges()|}", "_db.SaveChanges()"));
    }

    [Fact]
    public async Task EfCoreOverSqliteAndSqlServer_Reports()
    {
        await VerifyWithLibraryAsync(
            EfCoreWithProviders,
            MessagesDbContext.Replace("=> CONFIGURE;", "{ if (System.Environment.GetEnvironmentVariable(\"DB\") == \"mssql\") options.UseSqlServer(\"Server=.\"); else options.UseSqlite(\"Data Source=messages.db\"); }"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("DbContext.SaveChanges", "DbContext.SaveChangesAsync"));
    }

    [Fact]
    public async Task EfCoreWithNoProviderConfigured_Reports()
    {
        // A library whose host chooses the provider: nothing says SQLite.
        await VerifyWithLibraryAsync(
            EfCoreWithProviders,
            MessagesDbContext.Replace("CONFIGURE", "base.OnConfiguring(options)"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("DbContext.SaveChanges", "DbContext.SaveChangesAsync"));
    }

    [Fact]
    public async Task DbContextFactoryCreate_NoDiagnostic()
    {
        await VerifyWithLibraryAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext
                {
                    public int SaveChanges() => 0;
                    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.Run(() => 0);
                }

                public interface IDbContextFactory<TContext> where TContext : DbContext
                {
                    TContext CreateDbContext();
                    Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default);
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            class AppDbContext : DbContext { }

            class Handler
            {
                private readonly IDbContextFactory<AppDbContext> _factory;

                Handler(IDbContextFactory<AppDbContext> factory) => _factory = factory;

                async Task<int> HandleAsync()
                {
                    var context = _factory.CreateDbContext();
                    await Task.Yield();
                    return {|#0:context.SaveChanges()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("DbContext.SaveChanges", "DbContext.SaveChangesAsync"));
    }

    [Fact]
    public async Task LibraryParserOverStream_Reports()
    {
        await VerifyWithLibraryAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Markup
            {
                public class Document { }

                public class HtmlParser
                {
                    public Document ParseDocument(Stream source) => new Document();
                    public Task<Document> ParseDocumentAsync(Stream source, CancellationToken cancellation = default) => Task.Run(() => new Document());
                }
            }
            """, """
            using System.IO;
            using System.Threading.Tasks;
            using Markup;

            class Scraper
            {
                async Task<Document> ScrapeAsync(System.Net.Http.HttpClient http, string url)
                {
                    using var body = await http.GetStreamAsync(url);
                    return {|#0:new HtmlParser().ParseDocument(body)|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("HtmlParser.ParseDocument", "HtmlParser.ParseDocumentAsync"));
    }

    [Fact]
    public async Task LibraryCallWithPathArgument_Reports()
    {
        await VerifyWithLibraryAsync("""
            using System.Threading.Tasks;

            namespace Imaging
            {
                public class Image { }

                public static class ImageLoader
                {
                    public static Image Load(string filePath) => new Image();
                    public static Task<Image> LoadAsync(string filePath) => Task.Run(() => new Image());
                }

                public class Thumbnailer
                {
                    public byte[] Render(Image image, int size) => new byte[size];
                    public Task<byte[]> RenderAsync(Image image, int size) => Task.Run(() => new byte[size]);
                }

                public class StorageClient
                {
                    public string Download(string key) => key;
                    public Task<string> DownloadAsync(string key) => Task.Run(() => key);
                }
            }
            """, """
            using System.Threading.Tasks;
            using Imaging;

            class Gallery
            {
                async Task<byte[]> ThumbnailAsync(string path, Thumbnailer thumbnailer, StorageClient storage)
                {
                    await Task.Yield();
                    var image = {|#0:ImageLoader.Load(path)|};
                    {|#2:storage.Download("index")|};
                    return {|#1:thumbnailer.Render(image, 64)|};
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("ImageLoader.Load", "ImageLoader.LoadAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("Thumbnailer.Render", "Thumbnailer.RenderAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(2).WithArguments("StorageClient.Download", "StorageClient.DownloadAsync"));
    }

    [Fact]
    public async Task ZipEntryCopyTo_Reports()
    {
        // Inflating a whole archive entry on the caller's thread, then writing it to a file.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class Extractor
            {
                async Task<MemoryStream> ExtractAsync(ZipArchive archive, string name, string destination)
                {
                    var entry = archive.GetEntry(name)!;
                    var buffer = new MemoryStream();
                    using (var entryStream = entry.Open())
                    {
                        {|#0:entryStream.CopyTo(buffer)|};
                    }

                    await using var output = new FileStream(destination, FileMode.Create);
                    using var again = entry.Open();
                    {|#1:again.CopyTo(output)|};
                    buffer.Position = 0;
                    return buffer;
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("Stream.CopyTo", "Stream.CopyToAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("Stream.CopyTo", "Stream.CopyToAsync"));
    }

    private const string SettingsLibrary = """
        using System.Threading.Tasks;

        namespace Shop.Data
        {
            public class SettingsStore
            {
                public string Load(string key) => key;
                public Task<string> LoadAsync(string key) => Task.FromResult(key);
            }
        }
        """;

    private const string SettingsConsumer = """
        using System.Threading.Tasks;
        using Shop.Data;

        class Checkout
        {
            async Task<string> CurrencyAsync(SettingsStore settings)
            {
                await Task.Yield();
                return {|#0:settings.Load("currency")|};
            }
        }
        """;

    [Fact]
    public async Task SiblingProjectMethod_Reports()
    {
        // A project of the same solution (TestProject.Data next to TestProject) is the user's own code: its pair is reported
        // even over in-memory arguments, as when it is in the compilation.
        await VerifyWithLibraryAsync("TestProject.Data", SettingsLibrary, SettingsConsumer,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("SettingsStore.Load", "SettingsStore.LoadAsync"));
    }

    [Fact]
    public async Task ThirdPartyStoreOverInMemoryValues_NoDiagnostic()
    {
        await VerifyWithLibraryAsync("Vendor.Settings", SettingsLibrary, SettingsConsumer.Replace("{|#0:", "").Replace("|}", ""));
    }

    [Fact]
    public async Task LibraryLockAndClient_Reports()
    {
        await VerifyWithLibraryAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Vendor.Coordination
            {
                public sealed class AsyncLock
                {
                    public IDisposable Lock(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                    public Task<IDisposable> LockAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                }

                public interface IProfileClient
                {
                    string GetProfile(string profile);
                    Task<string> GetProfileAsync(string profile);
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Vendor.Coordination;

            class Cache
            {
                private readonly AsyncLock _mutex = new AsyncLock();

                async Task<string> RefreshAsync(IProfileClient client, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    using ({|#0:_mutex.Lock(cancellationToken)|})
                    {
                        return {|#1:client.GetProfile("default")|};
                    }
                }
            }
            """,
            VerifyCS.Diagnostic("ASYNC103").WithLocation(0).WithArguments("AsyncLock.Lock", "AsyncLock.LockAsync"),
            VerifyCS.Diagnostic("ASYNC103").WithLocation(1).WithArguments("IProfileClient.GetProfile", "IProfileClient.GetProfileAsync"));
    }
}
