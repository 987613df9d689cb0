using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// What a disposed value is, as far as the function that disposes it shows: the value behind a local (its single initializer),
/// and whether its disposal has nothing to flush by construction (ASYNC105): a stream or writer over memory, a file opened for
/// reading, a decompressing wrapper, a JSON writer over a buffer writer.
/// </summary>
internal static class DisposedResources
{
    // A writer over a compressor over a file is as deep as real code goes.
    private const int MaxDepth = 4;

    /// <summary>The value behind a local read once assigned (<c>var s = File.Create(p); using (s)</c>), else the value itself.</summary>
    public static IOperation Origin(IOperation value)
    {
        var current = value.WalkDownConversions();
        if (current is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(current) is { } initializer)
        {
            return initializer.WalkDownConversions();
        }

        return current;
    }

    /// <summary>
    /// True when disposing the value cannot write or wait: it is built over memory or a buffer writer, or it only reads
    /// (File.OpenRead, FileAccess.Read, CompressionMode.Decompress, or a wrapper over such a stream).
    /// </summary>
    public static bool HasNothingToFlush(IOperation value, AsyncSymbols symbols) =>
        InMemoryWriters.IsOverMemoryStream(value, symbols) || IsReadOnlyOrBuffered(Origin(value), symbols, MaxDepth);

    private static bool SerilogSinksWriteAsTheyLog(IInvocationOperation createLogger)
    {
        var sinks = 0;
        for (var current = createLogger.Instance?.WalkDownConversions(); current is not null;)
        {
            switch (current)
            {
                case IInvocationOperation call:
                    var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    if (receiver?.WalkDownConversions() is { Type.Name: "LoggerSinkConfiguration" })
                    {
                        sinks++;
                        var quiet = call.TargetMethod.Name switch
                        {
                            "Console" or "Debug" or "Trace" or "Observers" or "InMemory" or "TestCorrelator" => true,
                            "Sink" => call.Arguments.Length > 0 && call.Arguments[call.TargetMethod.IsExtensionMethod ? 1 : 0].Value.WalkDownConversions().Type is { } sink
                                && sink.DeclaringSyntaxReferences.Length > 0
                                && !sink.AllInterfaces.Any(implemented => implemented.Name is "IDisposable" or "IAsyncDisposable"),
                            _ => false,
                        };
                        if (!quiet)
                        {
                            return false;
                        }
                    }

                    current = receiver?.WalkDownConversions();
                    break;
                case IPropertyReferenceOperation property:
                    current = property.Instance?.WalkDownConversions();
                    break;
                case IObjectCreationOperation { Type.Name: "LoggerConfiguration" }:
                    return sinks > 0;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsReadOnlyOrBuffered(IOperation value, AsyncSymbols symbols, int depth)
    {
        if (depth == 0)
        {
            return false;
        }

        value = Origin(value);
        switch (value)
        {
            // File.OpenRead(path), new FileInfo(path).OpenRead(), File.Open(path, mode, FileAccess.Read)
            // (SynchronousDisposalAnalyzerTests.FileOpenRead_NoDiagnostic, FileOpenWithReadAccess_NoDiagnostic).
            case IInvocationOperation { TargetMethod: var method } invocation
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.File) || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.FileInfo):
                return method.Name is "OpenRead" or "OpenText" || HasReadAccess(invocation.Arguments, symbols);

            // ZipFile.OpenRead(path), ZipFile.Open(path, ZipArchiveMode.Read): an archive opened for reading writes nothing back
            // (SynchronousDisposalAnalyzerTests.ZipArchiveOpenedForReading_NoDiagnostic).
            case IInvocationOperation { TargetMethod: { ContainingType: { Name: "ZipFile" } zipFile } method } invocation
                when zipFile.IsInNamespace("System", "IO", "Compression"):
                return method.Name == "OpenRead" || HasReadAccess(invocation.Arguments, symbols);

            // new LoggerConfiguration().WriteTo.Sink(memorySink).CreateLogger(): a Serilog logger whose every sink writes as it logs
            // (the console, the debugger, an in-memory sink of the compilation that is not disposable) has nothing to flush; a file,
            // an async wrapper, a batching sink or a sub-logger may
            // (SynchronousDisposalAnalyzerTests.SerilogLoggerOverInMemorySink_NoDiagnostic, SerilogLoggerOverFileSink_Reports).
            case IInvocationOperation { TargetMethod: { Name: "CreateLogger", ContainingType: { Name: "LoggerConfiguration" } configuration } } created
                when configuration.IsInNamespace("Serilog"):
                return SerilogSinksWriteAsTheyLog(created);

            // XmlWriter.Create(builder), a factory over a StringBuilder, a StringWriter or a memory stream writes to memory
            // (SynchronousDisposalAnalyzerTests.XmlWriterOverStringBuilder_NoDiagnostic).
            case IInvocationOperation { TargetMethod.IsStatic: true, Arguments: { Length: > 0 } arguments }
                when IsInMemoryTarget(arguments[0].Value, symbols):
                return true;

            case IObjectCreationOperation { Constructor: { } constructor } creation:
                // new FileStream(path, FileMode.Open, FileAccess.Read), new GZipStream(s, CompressionMode.Decompress),
                // new ZipArchive(s, ZipArchiveMode.Read), new CryptoStream(s, t, CryptoStreamMode.Read)
                // (SynchronousDisposalAnalyzerTests.FileStreamReadAccess_NoDiagnostic, DecompressingStream_NoDiagnostic, ReadingArchives_NoDiagnostic).
                if (HasReadAccess(creation.Arguments, symbols))
                {
                    return true;
                }

                // new ZipArchive(stream) opens it for reading (SynchronousDisposalAnalyzerTests.ReadingArchives_NoDiagnostic).
                if (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.ZipArchive) && creation.Arguments.Length == 1)
                {
                    return true;
                }

                if (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.FileStream))
                {
                    return false;
                }

                var overStream = false;
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.Stream))
                    {
                        overStream = true;

                        // A wrapper over a stream that only reads has nothing to write back
                        // (SynchronousDisposalAnalyzerTests.BufferedStreamOverReadOnlyFile_NoDiagnostic).
                        if (IsReadOnlyOrBuffered(argument.Value, symbols, depth - 1))
                        {
                            return true;
                        }
                    }
                }

                // new Utf8JsonWriter(bufferWriter): flushing advances an in-memory buffer writer
                // (SynchronousDisposalAnalyzerTests.Utf8JsonWriterOverBufferWriter_NoDiagnostic).
                return !overStream && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.Utf8JsonWriter);

            default:
                return false;
        }
    }

    /// <summary>An argument that opens for reading: an enum member named Read or Decompress (FileAccess, CompressionMode, ZipArchiveMode, CryptoStreamMode).</summary>
    private static bool HasReadAccess(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, AsyncSymbols symbols)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value.WalkDownConversions() is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum, Name: "Read" or "Decompress" } field }
                && (SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.FileAccess) || IsOpeningMode(field.ContainingType)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// CompressionMode, ZipArchiveMode, CryptoStreamMode: the enum that says which way a wrapper works. Not FileShare, whose
    /// Read lets others read a file this code writes (SynchronousDisposalAnalyzerTests.FileStreamWriteSharedForReading_Reports).
    /// </summary>
    private static bool IsOpeningMode(INamedTypeSymbol type) =>
        type.Name.EndsWith("Mode", System.StringComparison.Ordinal)
        && (type.IsInNamespace("System", "IO") || type.IsInNamespace("System", "Security", "Cryptography"));

    private static bool IsInMemoryTarget(IOperation value, AsyncSymbols symbols)
    {
        var type = value.WalkDownConversions().Type;
        return type.InheritsFromOrEquals(symbols.StringBuilder) || type.InheritsFromOrEquals(symbols.StringWriter) || InMemoryWriters.IsOverMemoryStream(value, symbols);
    }

    /// <summary>
    /// The local a <c>TextWriter</c> is made over (<c>new StreamWriter(stream, ...)</c>, the local as the first argument), and
    /// whether the writer leaves it open (<c>leaveOpen</c> not the constant <c>false</c>); null when the value is not such a
    /// creation. Disposing or flushing that writer flushes or closes the local (ASYNC105).
    /// </summary>
    public static ILocalSymbol? WriterMadeOver(IOperation value, out bool leavesOpen) =>
        MadeOver(value, static type => type.IsTextWriter(), out leavesOpen);

    /// <summary>
    /// The local an owning wrapper is made over, and whether it leaves it open: a <c>TextWriter</c> (as <see cref="WriterMadeOver"/>),
    /// a <c>TextReader</c>, <c>BinaryWriter</c>/<c>BinaryReader</c>, or System.IO.Compression's <c>ZipArchive</c> and compression
    /// streams (<c>new ZipArchive(zipFile, ZipArchiveMode.Create)</c>): each closes the stream it is made over when it is disposed,
    /// unless <c>leaveOpen</c> is not the constant <c>false</c>.
    /// </summary>
    public static ILocalSymbol? OwnerMadeOver(IOperation value, out bool leavesOpen) =>
        MadeOver(
            value,
            static type => type.IsTextWriterOrReader()
                || (type.Name is "BinaryWriter" or "BinaryReader" && type.IsInNamespace("System", "IO"))
                || (type.Name is "ZipArchive" or "GZipStream" or "DeflateStream" or "BrotliStream" or "ZLibStream" && type.IsInNamespace("System", "IO", "Compression")),
            out leavesOpen);

    /// <summary>
    /// The local a wrapper of an accepted type is made over (the local as the first argument of its creation), and whether it leaves
    /// it open (<c>leaveOpen</c> not the constant <c>false</c>); null when the value is not such a creation.
    /// </summary>
    private static ILocalSymbol? MadeOver(IOperation value, System.Func<INamedTypeSymbol, bool> accepted, out bool leavesOpen)
    {
        leavesOpen = false;
        if (value.WalkDownConversions() is not IObjectCreationOperation { Type: INamedTypeSymbol wrapperType, Arguments: { Length: > 0 } arguments }
            || !accepted(wrapperType)
            || arguments[0].Value.WalkDownConversions() is not ILocalReferenceOperation { Local: var over })
        {
            return null;
        }

        leavesOpen = arguments.Any(argument => argument.Parameter?.Name == "leaveOpen" && argument.Value.ConstantValue is not { HasValue: true, Value: false });
        return over;
    }
}
