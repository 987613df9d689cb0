using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.SynchronousDisposalAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class SynchronousDisposalAnalyzerTests
{
    private static async Task VerifyTopLevelAsync(string source)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task UsingStatementOverFileStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    {|#0:using|} (var stream = new FileStream(path, FileMode.Create))
                    {
                        await stream.WriteAsync(data, 0, data.Length);
                    }
                }
            }
            """, VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("FileStream", "use 'await using'"));
    }

    [Fact]
    public async Task UsingDeclarationOverFileCreate_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    [|using|] var stream = File.Create(path);
                    await stream.WriteAsync(data);
                }
            }
            """);
    }

    [Fact]
    public async Task StreamWriterOverPath_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task WriteAsync(string path, string text)
                {
                    [|using|] var writer = new StreamWriter(path);
                    await writer.WriteLineAsync(text);
                }
            }
            """);
    }

    [Fact]
    public async Task DisposeCallOnFileStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(FileStream stream, byte[] data)
                {
                    await stream.WriteAsync(data);
                    {|#0:stream.Dispose()|};
                }
            }
            """, VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("FileStream", "await 'DisposeAsync()' instead"));
    }

    [Fact]
    public async Task DisposeInFinally_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
                        [|stream.Dispose()|];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ConditionalDispose_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
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
    public async Task InLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task M(string path)
                {
                    return Write();

                    async Task Write()
                    {
                        [|using|] var writer = File.CreateText(path);
                        await writer.WriteAsync("x");
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task InAsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Func<string, Task> Writer() => async path =>
                {
                    [|using|] (var writer = new StreamWriter(path))
                    {
                        await writer.WriteAsync("x");
                    }
                };
            }
            """);
    }

    [Fact]
    public async Task ExpressionBodiedAsyncMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task CloseAsync(StreamWriter writer) => [|writer.Dispose()|];
            }
            """);
    }

    [Fact]
    public async Task TopLevelStatementsWithAwait_Reports()
    {
        await VerifyTopLevelAsync("""
            using System.IO;

            [|using|] var writer = new StreamWriter("out.txt");
            await writer.WriteLineAsync("done");
            """);
    }

    [Fact]
    public async Task ValueTaskMethodWithConfigureAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async ValueTask SaveAsync(string path, byte[] data)
                {
                    [|using|] var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
                    await stream.WriteAsync(data).ConfigureAwait(false);
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
                async Task SaveAllAsync(IAsyncEnumerable<(string Path, string Text)> files)
                {
                    await foreach (var file in files)
                    {
                        [|using|] var writer = new StreamWriter(file.Path);
                        await writer.WriteAsync(file.Text);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task OwnTypeDisposeAsyncAwaits_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed class Journal : IDisposable, IAsyncDisposable
            {
                private readonly Stream _stream = Stream.Null;

                public void Dispose() => _stream.Dispose();

                public async ValueTask DisposeAsync()
                {
                    await _stream.FlushAsync();
                    await _stream.DisposeAsync();
                }
            }

            class C
            {
                async Task M()
                {
                    [|using|] (var journal = new Journal())
                    {
                        await Task.Yield();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DbConnectionBaseType_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> CountAsync(DbProviderFactory factory)
                {
                    [|using|] DbConnection connection = factory.CreateConnection()!;
                    await connection.OpenAsync();
                    return 1;
                }
            }
            """);
    }

    private static string ReliableOpen(string tryBody) => """
        using System;
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        static class ConnectionExtensions
        {
            public static async Task<DbConnection> ReliableOpenAsync(this DbProviderFactory factory, CancellationToken cancellationToken)
            {
                var conn = factory.CreateConnection()!;
                try
                {
                    TRY_BODY
                }
                catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
                {
                    await conn.DisposeAsync();
                    throw;
                }
                catch
                {
                    DISPOSE
                    throw;
                }

                return conn;
            }
        }
        """.Replace("TRY_BODY", tryBody);

    [Fact]
    public async Task DisposedAfterFailedOpen_NoDiagnostic()
    {
        // The catch runs when OpenAsync threw: the connection is not open, and its disposal closes nothing over the wire.
        await VerifyCS.VerifyAnalyzerAsync(ReliableOpen("await conn.OpenAsync(cancellationToken);").Replace("DISPOSE", "conn.Dispose();"));
    }

    [Fact]
    public async Task DisposedAfterFailedQuery_Reports()
    {
        // The connection was open when the command failed.
        await VerifyCS.VerifyAnalyzerAsync(
            ReliableOpen("await conn.OpenAsync(cancellationToken);\n                using var command = conn.CreateCommand();\n                await command.ExecuteNonQueryAsync(cancellationToken);")
                .Replace("DISPOSE", "{|#0:conn.Dispose()|};"),
            VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("DbConnection", "await 'DisposeAsync()' instead"));
    }

    [Fact]
    public async Task DbCommand_NoDiagnostic()
    {
        // A command built on an open connection, the base type or a provider's that overrides DisposeAsync to call Dispose: its
        // disposal frees parameters, not the connection.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Threading;
            using System.Threading.Tasks;

            abstract class ProviderCommand : DbCommand
            {
                public override ValueTask DisposeAsync()
                {
                    Dispose();
                    return default;
                }
            }

            class TriggerStore
            {
                async Task<int> DeleteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    return await command.ExecuteNonQueryAsync(cancellationToken);
                }

                async Task<int> DeleteWithProviderAsync(ProviderCommand command, CancellationToken cancellationToken)
                {
                    using (command)
                    {
                        return await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DbDataReaderBaseType_Reports()
    {
        // Disposing a reader reads what is left of its results from the server.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data.Common;
            using System.Threading;
            using System.Threading.Tasks;

            class TriggerStore
            {
                async Task<string> FirstNameAsync(DbCommand command, CancellationToken cancellationToken)
                {
                    [|using|] var reader = await command.ExecuteReaderAsync(cancellationToken);
                    return await reader.ReadAsync(cancellationToken) ? reader.GetString(0) : null;
                }
            }
            """);
    }

    /// <summary>A JSON library, referenced as a package is: a reader and a writer that both implement IAsyncDisposable.</summary>
    private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> JsonLibrary = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("JsonLib", """
        namespace JsonLib
        {
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public abstract class JsonReader : IDisposable, IAsyncDisposable
            {
                public abstract bool Read();
                public void Dispose() { }
                public virtual ValueTask DisposeAsync() { Dispose(); return default; }
            }

            public sealed class JsonTextReader : JsonReader
            {
                public JsonTextReader(TextReader reader) { }
                public override bool Read() => false;
            }

            public sealed class JsonTextWriter : IDisposable, IAsyncDisposable
            {
                public JsonTextWriter(TextWriter writer) { }
                public void WriteValue(string value) { }
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }
        }
        """));

    private static async Task VerifyWithJsonLibraryAsync(string source)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(JsonLibrary.Value);
        await test.RunAsync();
    }

    private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> SerilogLibrary = new(() => AsyncAnalyzers.Tests.Verifiers.TestDefaults.CompiledLibrary("Serilog", """
        namespace Serilog.Core
        {
            using System;
            using System.Threading.Tasks;

            public interface ILogEventSink { void Emit(string logEvent); }

            public sealed class Logger : IDisposable, IAsyncDisposable
            {
                public void Information(string message) { }
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }
        }

        namespace Serilog.Configuration
        {
            public class LoggerSinkConfiguration
            {
                public Serilog.LoggerConfiguration Sink(Serilog.Core.ILogEventSink sink) => null!;
            }
        }

        namespace Serilog
        {
            public class LoggerConfiguration
            {
                public Serilog.Configuration.LoggerSinkConfiguration WriteTo { get; } = new();
                public Serilog.Core.Logger CreateLogger() => new();
            }

            public static class FileSinkExtensions
            {
                public static LoggerConfiguration File(this Serilog.Configuration.LoggerSinkConfiguration writeTo, string path) => null!;
            }
        }
        """));

    private const string MigrationLogging = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Serilog;

        class MemorySink : Serilog.Core.ILogEventSink
        {
            public readonly List<string> Events = new();
            public void Emit(string logEvent) => Events.Add(logEvent);
        }

        class Startup
        {
            async Task MigrateAsync(MemorySink memory)
            {
                var migrationLogger = new LoggerConfiguration()
                    .WriteTo.Sink(memory)
                    .CreateLogger();
                try
                {
                    await Task.Delay(10);
                    migrationLogger.Information("migrated");
                }
                finally
                {
                    {|#0:migrationLogger.Dispose()|};
                }
            }
        }
        """;

    private static async Task VerifyWithSerilogAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(SerilogLibrary.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task SerilogLoggerOverInMemorySink_NoDiagnostic()
    {
        // A migration's temporary logger writes to the app's in-memory sink: its disposal has nothing to flush.
        await VerifyWithSerilogAsync(MigrationLogging.Replace("{|#0:", "").Replace("Dispose()|}", "Dispose()"));
    }

    [Fact]
    public async Task SerilogLoggerOverFileSink_Reports()
    {
        await VerifyWithSerilogAsync(MigrationLogging.Replace(".WriteTo.Sink(memory)", ".WriteTo.File(\"migration.log\")"),
            VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("Logger", "await 'DisposeAsync()' instead"));
    }

    [Fact]
    public async Task LibraryReader_NoDiagnostic()
    {
        // A reader has nothing to write back; its DisposeAsync releases what it reads as Dispose does.
        await VerifyWithJsonLibraryAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using JsonLib;

            class PayloadReader
            {
                async Task<bool> ReadAsync(Stream payload)
                {
                    await Task.Yield();
                    using var text = new StreamReader(payload);
                    using var reader = new JsonTextReader(text);
                    return reader.Read();
                }
            }
            """);
    }

    [Fact]
    public async Task LibraryWriter_Reports()
    {
        await VerifyWithJsonLibraryAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using JsonLib;

            class PayloadWriter
            {
                async Task WriteAsync(Stream output, string value)
                {
                    await Task.Yield();
                    [|using|] var writer = new JsonTextWriter(new StreamWriter(output));
                    writer.WriteValue(value);
                }
            }
            """);
    }

    [Fact]
    public async Task JsonWriterOverStreamWriterOverMemoryStream_NoDiagnostic()
    {
        // A web handler serializes the response body into a buffer first: the JSON writer's disposal flushes into the StreamWriter,
        // which writes into the MemoryStream; nothing leaves memory until the buffer is copied out with an await.
        await VerifyWithJsonLibraryAsync("""
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using JsonLib;

            class InvokeResponseWriter
            {
                async Task WriteAsync(Stream body, string value)
                {
                    using (var memoryStream = new MemoryStream())
                    {
                        using (var writer = new StreamWriter(memoryStream, Encoding.UTF8, 1024, true))
                        {
                            using (var jsonWriter = new JsonTextWriter(writer))
                            {
                                jsonWriter.WriteValue(value);
                            }
                        }

                        memoryStream.Seek(0, SeekOrigin.Begin);
                        await memoryStream.CopyToAsync(body);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task JsonWriterOverStringWriter_NoDiagnostic()
    {
        await VerifyWithJsonLibraryAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using JsonLib;

            class PayloadWriter
            {
                async Task<string> WriteAsync(string value)
                {
                    await Task.Yield();
                    var text = new StringWriter();
                    using (var writer = new JsonTextWriter(text))
                    {
                        writer.WriteValue(value);
                    }

                    return text.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task JsonWriterOverStreamWriterOverFile_Reports()
    {
        // The same chain over a file: the JSON writer's disposal flushes through the StreamWriter to the disk.
        await VerifyWithJsonLibraryAsync("""
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using JsonLib;

            class InvokeResponseWriter
            {
                async Task WriteAsync(string path, string value)
                {
                    await Task.Yield();
                    [|using|] (var file = File.Create(path))
                    {
                        [|using|] (var writer = new StreamWriter(file, Encoding.UTF8, 1024, true))
                        {
                            [|using|] (var jsonWriter = new JsonTextWriter(writer))
                            {
                                jsonWriter.WriteValue(value);
                            }
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DecompressorInPrivateField_NoDiagnostic()
    {
        // A gateway client re-creates its zlib streams on every connect: a decompressing stream over a memory stream, both fields.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class GatewayClient
            {
                private MemoryStream _compressed;
                private DeflateStream _decompressor;

                async Task ConnectAsync()
                {
                    await Task.Yield();
                    _compressed?.Dispose();
                    _decompressor?.Dispose();
                    _compressed = new MemoryStream();
                    _decompressor = new DeflateStream(_compressed, CompressionMode.Decompress);
                }
            }
            """);
    }

    [Fact]
    public async Task CompressorInPrivateField_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class ArchiveWriter
            {
                private FileStream _file;
                private DeflateStream _compressor;

                async Task RestartAsync(string path)
                {
                    await Task.Yield();
                    {|#0:_compressor?.Dispose()|};
                    _file = File.Create(path);
                    _compressor = new DeflateStream(_file, CompressionMode.Compress);
                }
            }
            """, VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("DeflateStream", "await 'DisposeAsync()' instead"));
    }

    /// <summary>An upload controller that merges the parts of a chunked upload; <paramref name="copy"/> is what it does with each part.</summary>
    private static string MergeParts(string copy) => """
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        class UploadMerger
        {
            async Task MergeAsync(string target, IEnumerable<string> parts)
            {
                await using var stream = new FileStream(target, FileMode.Create);
                foreach (var part in parts)
                {
                    using (var chunk = new FileStream(part, FileMode.Open))
                    {
                        COPY
                    }
                }
            }
        }
        """.Replace("COPY", copy);

    [Fact]
    public async Task FileStreamOnlyReadFrom_NoDiagnostic()
    {
        // Opened with the default read-write access, but only read from: nothing to flush.
        await VerifyCS.VerifyAnalyzerAsync(MergeParts("if (chunk.Length > 0) await chunk.CopyToAsync(stream);"));
    }

    [Fact]
    public async Task FileStreamWrittenTo_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            MergeParts("await chunk.CopyToAsync(stream); await chunk.WriteAsync(new byte[] { 0 });").Replace("using (var chunk", "[|using|] (var chunk"));
    }

    // A disk-space probe (real code: a certificate manager's temp-folder check): the stream is closed by the block's last statement,
    // so the using's disposal finds it closed.
    private static string SpaceProbe(string body) => """
        using System.IO;
        using System.Threading.Tasks;

        class TempFolderCheck
        {
            public async Task<bool> CanWriteAsync(string folder)
            {
                await Task.Yield();
                var path = Path.Combine(folder, "probe.tmp");
                using (var fs = new FileStream(path, FileMode.Create))
                {
                    BODY
                }

                File.Delete(path);
                return true;
            }
        }
        """.Replace("BODY", body);

    [Fact]
    public async Task ClosedExplicitlyAsLastStatement_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(SpaceProbe("fs.Seek(1024 * 1024, SeekOrigin.Begin); fs.WriteByte(0); fs.Close();"));
    }

    [Fact]
    public async Task ClosedExplicitlyBeforeLaterWrite_Reports()
    {
        // Closed, then written again: the write throws, and the close is not the last thing the using sees.
        await VerifyCS.VerifyAnalyzerAsync(SpaceProbe("fs.WriteByte(0); fs.Close(); fs.WriteByte(1);").Replace("using (var fs", "[|using|] (var fs"));
    }

    [Fact]
    public async Task SecondResourceClosedExplicitlyAtTheEnd_NoDiagnostic()
    {
        // An update download (real code): the response stream and the file share one using; the file is closed by the last
        // statement, and the response stream only reads.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            class UpdateDownloader
            {
                public async Task DownloadAsync(HttpResponseMessage response, string tempFile)
                {
                    using (Stream content = await response.Content.ReadAsStreamAsync(), file = new FileStream(tempFile, FileMode.Create, FileAccess.Write))
                    {
                        var buffer = new byte[8192];
                        int read;
                        while ((read = await content.ReadAsync(buffer, 0, buffer.Length)) > 0)
                        {
                            await file.WriteAsync(buffer, 0, read);
                        }

                        file.Close();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task StreamTypedLocalFromFileCreate_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    [|using|] Stream stream = File.Create(path);
                    await stream.WriteAsync(data);
                }
            }
            """);
    }

    [Fact]
    public async Task Utf8JsonWriterOverFileStream_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Text.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(FileStream file)
                {
                    [|using|] var writer = new Utf8JsonWriter(file);
                    await writer.FlushAsync();
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                }
            }
            """);
    }

    [Fact]
    public async Task CompressingStreamOverFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    [|using|] var zip = new GZipStream(File.Create(path), CompressionMode.Compress);
                    await zip.WriteAsync(data);
                }
            }
            """);
    }

    [Fact]
    public async Task MemoryStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<byte[]> M(Stream source)
                {
                    using var buffer = new MemoryStream();
                    await source.CopyToAsync(buffer);
                    var copy = new MemoryStream();
                    copy.Dispose();
                    return buffer.ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task StringWriter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M()
                {
                    using var writer = new StringWriter();
                    await writer.WriteAsync("x");
                    return writer.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task StreamWriterOverMemoryStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<byte[]> M()
                {
                    var buffer = new MemoryStream();
                    using (var writer = new StreamWriter(buffer))
                    {
                        await writer.WriteAsync("x");
                    }

                    return buffer.ToArray();
                }
            }
            """);
    }

    [Fact]
    public async Task FileOpenRead_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path, byte[] buffer)
                {
                    using var stream = File.OpenRead(path);
                    using var other = new FileInfo(path).OpenRead();
                    return await stream.ReadAsync(buffer);
                }
            }
            """);
    }

    // A backup tool's file-system abstraction (real code): the platform's opener returns File.OpenRead on one system and a
    // read-only File.Open on the other; the restore hands the stream to a hasher.
    private static string OwnOpener(string windowsOpen) => """
        using System.IO;
        using System.Security.Cryptography;
        using System.Threading.Tasks;

        interface ISystemIO { FileStream FileOpenRead(string path); }

        sealed class SystemIOLinux : ISystemIO
        {
            public FileStream FileOpenRead(string path) => File.OpenRead(path);
        }

        sealed class SystemIOWindows : ISystemIO
        {
            public FileStream FileOpenRead(string path)
            {
                var full = Path.GetFullPath(path);
                return WINDOWS_OPEN;
            }
        }

        class RestoreHandler
        {
            private readonly ISystemIO _io;
            public RestoreHandler(ISystemIO io) => _io = io;

            public async Task<byte[]> VerifyAsync(string path)
            {
                await Task.Yield();
                using (var file = _io.FileOpenRead(path))
                {
                    return await SHA256.HashDataAsync(file);
                }
            }
        }
        """.Replace("WINDOWS_OPEN", windowsOpen);

    [Fact]
    public async Task StreamFromOwnReadOnlyOpener_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(OwnOpener("File.Open(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)"));
    }

    [Fact]
    public async Task StreamFromOwnOpenerThatMayWrite_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(OwnOpener("File.Open(full, FileMode.OpenOrCreate)").Replace("using (var file", "[|using|] (var file"));
    }

    [Fact]
    public async Task FileOpenWithReadAccess_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path, byte[] buffer)
                {
                    using (var stream = File.Open(path, FileMode.Open, FileAccess.Read))
                    {
                        return await stream.ReadAsync(buffer);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task FileStreamReadAccess_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path, byte[] buffer)
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
                    return await stream.ReadAsync(buffer);
                }
            }
            """);
    }

    [Fact]
    public async Task DecompressingStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream source, Stream target)
                {
                    using var zip = new GZipStream(source, CompressionMode.Decompress);
                    await zip.CopyToAsync(target);
                }
            }
            """);
    }

    [Fact]
    public async Task BufferedStreamOverReadOnlyFile_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(string path, byte[] buffer)
                {
                    using var stream = new BufferedStream(File.OpenRead(path));
                    return await stream.ReadAsync(buffer);
                }
            }
            """);
    }

    [Fact]
    public async Task Utf8JsonWriterOverBufferWriter_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Buffers;
            using System.Text.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M()
                {
                    var buffer = new ArrayBufferWriter<byte>();
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        writer.WriteStartObject();
                        writer.WriteEndObject();
                    }

                    await Task.Yield();
                    return buffer.WrittenCount;
                }
            }
            """);
    }

    [Fact]
    public async Task ReadOnlyStreamInheritingDisposeAsync_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed class ChunkStream : Stream
            {
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => throw new NotSupportedException();
                public override long Position { get => 0; set => throw new NotSupportedException(); }
                public override void Flush() { }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            }

            class C
            {
                async Task<int> M(byte[] buffer)
                {
                    using var stream = new ChunkStream();
                    return await stream.ReadAsync(buffer);
                }
            }
            """);
    }

    [Fact]
    public async Task StreamFromUnknownSource_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> M(HttpClient client, Stream given, byte[] buffer)
                {
                    using var stream = await client.GetStreamAsync("https://example.com");
                    using (given)
                    {
                        return await stream.ReadAsync(buffer);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task IDisposableOnly_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> M(HttpClient client, string path)
                {
                    using var cts = new CancellationTokenSource();
                    using var response = await client.GetAsync("https://example.com", cts.Token);
                    using var reader = new StreamReader(path);
                    response.Dispose();
                    return await reader.ReadToEndAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task SynchronousMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;

            class C
            {
                void Save(string path, byte[] data)
                {
                    using var stream = File.Create(path);
                    stream.Write(data);
                    stream.Dispose();
                }
            }
            """);
    }

    [Fact]
    public async Task SyncLambdaInAsyncMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path)
                {
                    await Task.Run(() =>
                    {
                        using var writer = new StreamWriter(path);
                        writer.Write("x");
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task InsideLock_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new();
                private StreamWriter? _log;

                async Task RotateAsync(string path)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        _log?.Dispose();
                        using (var marker = File.Create(path))
                        {
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task UnsafeBlock_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task M(string path)
                    {
                        await Task.Yield();
                        unsafe
                        {
                            using var stream = File.Create(path);
                        }
                    }
                }
                """,
        };
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithAllowUnsafe(true));
        });
        await test.RunAsync();
    }

    [Fact]
    public async Task AwaitUsingAlready_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task SaveAsync(string path, byte[] data)
                {
                    await using var stream = File.Create(path);
                    await using (var writer = new StreamWriter(stream))
                    {
                        await writer.WriteAsync("x");
                    }

                    await stream.DisposeAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task OwnTypeDisposeAsyncCompletesSynchronously_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            sealed class Lease : IDisposable, IAsyncDisposable
            {
                public void Dispose() { }

                public ValueTask DisposeAsync()
                {
                    Dispose();
                    return default;
                }
            }

            class C
            {
                async Task M()
                {
                    using (var lease = new Lease())
                    {
                        await Task.Yield();
                    }

                    var other = new Lease();
                    other.Dispose();
                }
            }
            """);
    }

    [Fact]
    public async Task SqliteLikeProviderWithoutOverride_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading.Tasks;

            sealed class LocalConnection : DbConnection
            {
                public override string ConnectionString { get; set; } = "";
                public override string Database => "";
                public override string DataSource => "";
                public override string ServerVersion => "";
                public override ConnectionState State => ConnectionState.Open;
                public override void ChangeDatabase(string databaseName) { }
                public override void Close() { }
                public override void Open() { }
                protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new System.NotSupportedException();
                protected override DbCommand CreateDbCommand() => throw new System.NotSupportedException();
            }

            class C
            {
                async Task M()
                {
                    using var connection = new LocalConnection();
                    await connection.OpenAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task InterfaceTypedResource_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            interface IChannelSession : IDisposable, IAsyncDisposable
            {
                Task SendAsync(string message);
            }

            class C
            {
                async Task M(Func<IChannelSession> open)
                {
                    using var session = open();
                    await session.SendAsync("x");
                }
            }
            """);
    }

    [Fact]
    public async Task TimerAndRegistration_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M(CancellationToken token)
                {
                    using var timer = new Timer(_ => { }, null, 1000, 1000);
                    using var registration = token.Register(() => { });
                    await Task.Delay(100, token);
                    registration.Dispose();
                }
            }
            """);
    }

    [Fact]
    public async Task DisposeBool_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class Holder : IAsyncDisposable
            {
                private FileStream? _stream;

                protected virtual void Dispose(bool disposing) => _stream = null;

                public async ValueTask DisposeAsync()
                {
                    if (_stream is not null)
                    {
                        await _stream.DisposeAsync();
                    }

                    Dispose(false);
                }
            }
            """);
    }

    [Fact]
    public async Task DisposeOfThis_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed class Session : IDisposable, IAsyncDisposable
            {
                private readonly Stream _stream = Stream.Null;

                public void Dispose() => _stream.Dispose();

                public async ValueTask DisposeAsync() => await _stream.FlushAsync();

                public async Task EndAsync()
                {
                    await _stream.FlushAsync();
                    Dispose();
                    this.Dispose();
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeSynchronousArm_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async ValueTask CloseAsync(FileStream stream, bool isAsync)
                {
                    if (isAsync)
                    {
                        await stream.DisposeAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        stream.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task FieldInitializerAndNonAsyncTaskMethod_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task SaveAsync(string path)
                {
                    using (var stream = File.Create(path))
                    {
                        stream.WriteByte(1);
                    }

                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task DualModeCommonPath_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            enum IOBehavior { Synchronous, Asynchronous }

            class C
            {
                async Task ConnectAsync(FileStream stream, IOBehavior ioBehavior)
                {
                    try
                    {
                        if (ioBehavior == IOBehavior.Asynchronous)
                            await stream.FlushAsync().ConfigureAwait(false);
                        else
                            stream.Flush();
                    }
                    catch (IOException)
                    {
                        stream.Dispose();
                        throw;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AuthenticatedStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Net.Security;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream inner, string host)
                {
                    using var ssl = new SslStream(inner);
                    using var negotiate = new NegotiateStream(inner);
                    await ssl.AuthenticateAsClientAsync(host);
                }
            }
            """);
    }

    [Fact]
    public async Task XmlWriterOverStringBuilder_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using System.Xml;

            class C
            {
                async Task<string> M()
                {
                    var builder = new StringBuilder();
                    using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Async = true }))
                    {
                        await writer.WriteElementStringAsync(null, "a", null, "b");
                    }

                    using var other = XmlWriter.Create(new StringWriter());
                    return builder.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task ReadingArchives_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            class C
            {
                async Task M(Stream source, Stream target, ICryptoTransform transform)
                {
                    using var decrypting = new CryptoStream(source, transform, CryptoStreamMode.Read);
                    using var archive = new ZipArchive(source);
                    using var reading = new ZipArchive(source, ZipArchiveMode.Read);
                    await decrypting.CopyToAsync(target);
                }
            }
            """);
    }

    [Fact]
    public async Task EncryptingStreamOverFile_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string path, byte[] data, ICryptoTransform transform)
                {
                    [|using|] var encrypting = new CryptoStream(File.Create(path), transform, CryptoStreamMode.Write);
                    await encrypting.WriteAsync(data);
                }
            }
            """);
    }

    [Fact]
    public async Task FileStreamWriteSharedForReading_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task PutAsync(Stream source, string path, CancellationToken cancellationToken)
                {
                    [|using|] var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
                    await source.CopyToAsync(file, 4096, cancellationToken).ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task EfDbContext_NoDiagnostic()
    {
        // A DbContext resolved per unit of work: every query and SaveChangesAsync opens and closes the connection, so Dispose
        // finds it closed; the same code with a stream next to it still reports the stream.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                sealed class VaultContext : DbContext
                {
                }

                class OrganizationUserRepository
                {
                    async Task<int> ConfirmManyAsync(string exportPath)
                    {
                        using var db = new VaultContext();
                        {|#0:using|} var export = System.IO.File.Create(exportPath);
                        await export.WriteAsync(new byte[] { 1 });
                        return await db.SaveChangesAsync();
                    }
                }
                """,
            ExpectedDiagnostics = { VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("FileStream", "use 'await using'") },
        };
        test.TestState.AdditionalProjects["EfCore"].Sources.Add("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            namespace Microsoft.EntityFrameworkCore
            {
                public class DbContext : IDisposable, IAsyncDisposable
                {
                    public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.Run(() => 0);
                    public virtual void Dispose() { }
                    public virtual ValueTask DisposeAsync() => new ValueTask(Task.Run(() => { }));
                }
            }
            """);
        test.TestState.AdditionalProjectReferences.Add("EfCore");
        await test.RunAsync();
    }

    [Fact]
    public async Task ZipArchiveOpenedForReading_NoDiagnostic()
    {
        // An archive opened for reading writes nothing back when it is disposed.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO.Compression;
            using System.Threading.Tasks;

            class PluginInstaller
            {
                async Task<int> CountAsync(string path)
                {
                    using ZipArchive archive = ZipFile.OpenRead(path);
                    using var other = ZipFile.Open(path, ZipArchiveMode.Read);
                    await Task.Yield();
                    return archive.Count + other.Count;
                }
            }

            namespace System.IO.Compression
            {
                // The .NET 10 shape: ZipArchive is IAsyncDisposable (the test's reference assemblies are .NET 8).
                public enum ZipArchiveMode { Read, Create, Update }
                public sealed class ZipArchive : System.IDisposable, System.IAsyncDisposable
                {
                    public int Count => 0;
                    public void Dispose() { }
                    public async System.Threading.Tasks.ValueTask DisposeAsync() => await System.IO.File.WriteAllTextAsync("central-directory", "");
                }
                public static class ZipFile
                {
                    public static ZipArchive OpenRead(string path) => new();
                    public static ZipArchive Open(string path, ZipArchiveMode mode) => new();
                }
            }
            """);
    }

    [Fact]
    public async Task MarkerFileWriterNeverWritten_NoDiagnostic()
    {
        // The writer only creates an empty marker file: nothing is ever written through it, so there is nothing to flush.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Updater
            {
                async Task MarkPendingAsync(string markerPath, string payload)
                {
                    using var _ = File.CreateText(markerPath);
                    using var lockFile = new FileStream(markerPath + ".lock", FileMode.Create);
                    await File.WriteAllTextAsync(markerPath + ".payload", payload);
                }
            }
            """);
    }

    [Fact]
    public async Task UnnamedFileStreamCreatingEmptyFile_NoDiagnostic()
    {
        // The stream only creates (or truncates) the file: it is held in no variable, so nothing writes through it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Diagnostics
            {
                async Task ResetLogAsync(string path, string banner)
                {
                    using (new FileStream(path, FileMode.Create)) { }
                    await File.AppendAllTextAsync(path + ".meta", banner);
                }
            }
            """);
    }

    [Fact]
    public async Task FileStreamCreatedAndDisposedAtOnce_NoDiagnostic()
    {
        // A piece writer creates each missing file empty before it preallocates it: the stream is disposed where it is made.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class DiskWriter
            {
                async Task CreateAsync(string path, long length)
                {
                    await Task.Yield();
                    if (!File.Exists(path))
                        new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite).Dispose();
                    await PreallocateAsync(path, length);
                }

                Task PreallocateAsync(string path, long length) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task FileStreamMadeThenWrittenAndDisposed_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class DiskWriter
            {
                async Task CreateAsync(string path)
                {
                    await Task.Yield();
                    var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
                    stream.WriteByte(0);
                    [|stream.Dispose()|];
                }
            }
            """);
    }

    [Fact]
    public async Task FileStreamOnlyResized_NoDiagnostic()
    {
        // Preallocation: SetLength resizes the file itself and leaves nothing in the write buffer.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class DiskWriter
            {
                async Task PreallocateAsync(string path, long length)
                {
                    await Task.Yield();
                    using (var fileStream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None))
                    {
                        if (fileStream.Length < length)
                            fileStream.SetLength(length);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task FileStreamResizedThenWritten_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class DiskWriter
            {
                async Task PreallocateAsync(string path, long length)
                {
                    await Task.Yield();
                    [|using|] (var fileStream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite))
                    {
                        fileStream.SetLength(length);
                        fileStream.WriteByte(1);
                    }
                }
            }
            """);
    }

    private const string DotStuffer = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        static class Pop3
        {
            public static async Task WriteDotStuffedAsync(Stream outputStream, byte[] data, CancellationToken token)
            {
                if (outputStream == null) throw new ArgumentNullException(nameof(outputStream));
                USING var writer = new BinaryWriter(outputStream, System.Text.Encoding.ASCII, leaveOpen: true);
                var atLineStart = true;
                foreach (var b in data)
                {
                    if (atLineStart && b == (byte)'.')
                        writer.Write((byte)'.');
                    writer.Write(b);
                    atLineStart = b == (byte)'\n';
                }

                writer.Write(new byte[] { (byte)'.', 13, 10 });
                await outputStream.FlushAsync(token);
                AFTER
            }
        }
        """;

    [Fact]
    public async Task BinaryWriterOverStreamFlushedAsynchronouslyLast_NoDiagnostic()
    {
        // A POP3 server writes a message through a BinaryWriter, which buffers nothing of its own, and flushes the stream under
        // it with an await: the writer's disposal only flushes an empty stream.
        await VerifyCS.VerifyAnalyzerAsync(DotStuffer.Replace("USING", "using").Replace("AFTER", ""));
    }

    [Fact]
    public async Task BinaryWriterWrittenAfterStreamFlush_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(DotStuffer.Replace("USING", "[|using|]").Replace("AFTER", "writer.Write((byte)0);"));
    }

    [Fact]
    public async Task FlushedAsynchronouslyBeforeDisposal_NoDiagnostic()
    {
        // Each stream's last use is an awaited flush: disposal has nothing left to write.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Downloader
            {
                async Task SaveAsync(Stream source, string path, CancellationToken token)
                {
                    long size;
                    using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
                    {
                        await source.CopyToAsync(file, token);
                        await file.FlushAsync(token);
                        size = file.Length;
                    }

                    using var log = new StreamWriter(path + ".log");
                    await log.WriteLineAsync($"saved {size} bytes");
                    await log.FlushAsync().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task WrittenAfterFlush_Reports()
    {
        // Written again after the flush: the synchronous disposal flushes that.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Downloader
            {
                async Task SaveAsync(Stream source, string path, CancellationToken token)
                {
                    [|using|] var file = new FileStream(path, FileMode.Create, FileAccess.Write);
                    await source.CopyToAsync(file, token);
                    await file.FlushAsync(token);
                    file.Position = 0;
                    file.WriteByte(0);
                }
            }
            """);
    }

    // Settings saved atomically: written to a temporary file, forced to disk, then moved over the live file.
    private const string AtomicSettingsSave = """
        using System.IO;
        using System.Threading.Tasks;

        class SettingsStore
        {
            async Task SaveAsync(string path, string json)
            {
                var temp = path + ".tmp";
                await File.WriteAllTextAsync(temp, json);
                USING (var fs = File.OpenWrite(temp))
                {
                    fs.Flush(true);
                }

                File.Move(temp, path, true);
            }
        }
        """;

    [Fact]
    public async Task FlushedSynchronouslyToDiskBeforeDisposal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(AtomicSettingsSave.Replace("USING", "using"));
    }

    [Fact]
    public async Task WrittenAfterSynchronousFlush_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(AtomicSettingsSave.Replace("USING", "[|using|]").Replace("fs.Flush(true);", "fs.Flush(true);\n                    fs.WriteByte(10);"));
    }

    private static string CsvExport(string afterFlush) => """
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        class LogsApi
        {
            async Task ExportAsync(string[] rows, Stream output)
            {
                string tmpFile = Path.GetTempFileName();
                using (FileStream csvFileStream = new FileStream(tmpFile, FileMode.Create, FileAccess.ReadWrite))
                {
                    StreamWriter writer = new StreamWriter(csvFileStream, Encoding.UTF8);
                    await writer.WriteLineAsync("RowNumber,Timestamp,Domain");
                    foreach (var row in rows)
                        await writer.WriteLineAsync(row);

                    await writer.FlushAsync();
                    AFTER_FLUSH
                }
            }
        }
        """.Replace("AFTER_FLUSH", afterFlush);

    [Fact]
    public async Task StreamClosedByOwningWriter_NoDiagnostic()
    {
        // The writer owns the file: its disposal (reported on its own) flushes and closes it first, so the file's finds it closed.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;

            class DataBusStorage
            {
                async Task SaveMetadataAsync(string path, string text)
                {
                    using (var destination = File.Create(path))
                    [|using|] (var writer = new StreamWriter(destination, Encoding.UTF8))
                    {
                        await writer.WriteAsync(text);
                    }
                }

                async Task SendAsync(string path, string contents)
                {
                    using var destination = File.OpenWrite(path);
                    [|using|] var writer = new StreamWriter(destination, Encoding.UTF8);
                    await writer.WriteAsync(contents);
                }
            }
            """);
    }

    // Firmware files bundled into a temporary zip for download.
    private const string FirmwareBundle = """
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class FirmwareBundler
        {
            async Task<string> BundleAsync(string[] paths)
            {
                await Task.Yield();
                string tempFile = Path.GetTempFileName();
                FILE_USING (FileStream zipFile = File.Create(tempFile))
                using (var zipArchive = new ZipArchive(zipFile, ZipArchiveMode.Create))
                {
                    foreach (var path in paths)
                    {
                        zipArchive.CreateEntryFromFile(path, Path.GetFileName(path));
                    }
                }

                return tempFile;
            }
        }
        """;

    // A media upload: the file is opened (read-write by default) and sent as a chunked request body.
    private const string MediaUpload = """
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class MediaClient
        {
            private readonly HttpClient _http = new HttpClient();

            async Task<string> UploadAsync(string path)
            {
                [|using|] var fs = new FileStream(path, FileMode.Open);
                using var content = new MultipartContent { new StreamContent(fs, 8192) };
                AFTER
                using var response = await _http.PostAsync("https://example.org/upload", content);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    [Fact]
    public async Task FileStreamSentAsRequestContent_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(MediaUpload.Replace("[|using|]", "using").Replace("AFTER", ""));
    }

    [Fact]
    public async Task FileStreamWrittenBeforeSending_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(MediaUpload.Replace("AFTER", "fs.WriteByte(0);"));
    }

    [Fact]
    public async Task StreamClosedByOwningArchive_NoDiagnostic()
    {
        // The archive owns the file: its disposal (judged on its own; the test's reference assemblies have no ZipArchive.DisposeAsync)
        // writes the directory and closes the file first.
        await VerifyCS.VerifyAnalyzerAsync(FirmwareBundle.Replace("FILE_USING", "using"));
    }

    [Fact]
    public async Task StreamLeftOpenByArchive_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(FirmwareBundle.Replace("FILE_USING", "[|using|]").Replace("ZipArchiveMode.Create)", "ZipArchiveMode.Create, leaveOpen: true)"));
    }

    [Fact]
    public async Task StreamLeftOpenByWriter_Reports()
    {
        // leaveOpen: true: the file's own disposal is the one that flushes and closes it.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;

            class DataBusStorage
            {
                async Task SaveMetadataAsync(string path, string text)
                {
                    [|using|] (var destination = File.Create(path))
                    [|using|] (var writer = new StreamWriter(destination, Encoding.UTF8, 4096, leaveOpen: true))
                    {
                        await writer.WriteAsync(text);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task FlushedThroughWriterThenReadBack_NoDiagnostic()
    {
        // The writer's flush flushes the file; after it the file is only rewound and copied out, so disposal only closes it.
        await VerifyCS.VerifyAnalyzerAsync(CsvExport("csvFileStream.Position = 0;\n                long length = csvFileStream.Length;\n                await csvFileStream.CopyToAsync(output);"));
    }

    // A feed tool (real code) saves its JSON through a helper that writes through a writer over the stream it is handed and
    // flushes it asynchronously at the end; the file's disposal then only closes it.
    private const string JsonSave = """
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        static class JsonUtility
        {
            public static async Task SaveJsonAsync(string path, string json)
            {
                {|#0:using|} (var stream = new FileStream(path, FileMode.CreateNew))
                {
                    await WriteJsonAsync(json, stream);
                }
            }

            public static async Task WriteJsonAsync(string json, Stream stream)
            {
                System.ArgumentNullException.ThrowIfNull(stream);
                using (var writer = new StreamWriter(stream, Encoding.UTF8, bufferSize: 8192, leaveOpen: true))
                {
                    await writer.WriteAsync(json);
                    FLUSH
                }

                if (stream.CanSeek)
                {
                    stream.Position = 0;
                }
            }
        }
        """;

    [Fact]
    public async Task FlushedAsynchronouslyByHelperBeforeDisposal_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(JsonSave.Replace("{|#0:using|}", "using").Replace("FLUSH", "await writer.FlushAsync();"));
    }

    [Fact]
    public async Task WrittenByHelperWithoutFlush_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(JsonSave.Replace("FLUSH", "").Replace("using (var writer", "{|#1:using|} (var writer"),
            VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("FileStream", "use 'await using'"),
            VerifyCS.Diagnostic("ASYNC105").WithLocation(1).WithArguments("StreamWriter", "use 'await using'"));
    }

    // A PDF export (real code: a clean-architecture sample) writes the bytes through a BinaryWriter that owns the response stream.
    private const string PdfExport = """
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        class PdfWriter
        {
            public async Task WriteAsync(byte[] pdf, Stream stream)
            {
                await Task.Yield();
                {|#0:using|} var sw = new BinaryWriter(stream);
                sw.Write(pdf);
            }
        }
        """;

    [Fact]
    public async Task BinaryWriterOwningItsStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(PdfExport.Replace("{|#0:using|}", "using"));
    }

    [Fact]
    public async Task BinaryWriterLeavingItsStreamOpen_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(PdfExport.Replace("new BinaryWriter(stream)", "new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)"),
            VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("BinaryWriter", "use 'await using'"));
    }

    [Fact]
    public async Task WrittenThroughWriterAfterFlush_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(CsvExport("await csvFileStream.CopyToAsync(output);\n                await writer.WriteLineAsync(\"end\");").Replace("using (FileStream", "[|using|] (FileStream"));
    }

    [Fact]
    public async Task WriterWrittenAfterAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Updater
            {
                async Task MarkPendingAsync(string markerPath, string payload)
                {
                    {|#0:using|} var writer = File.CreateText(markerPath);
                    await Task.Yield();
                    writer.Write(payload);
                }
            }
            """, VerifyCS.Diagnostic("ASYNC105").WithLocation(0).WithArguments("StreamWriter", "use 'await using'"));
    }
}
