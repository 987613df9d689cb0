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

            case IObjectCreationOperation { Constructor: { } constructor } creation:
                // new FileStream(path, FileMode.Open, FileAccess.Read) (SynchronousDisposalAnalyzerTests.FileStreamReadAccess_NoDiagnostic).
                if (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.FileStream))
                {
                    return HasReadAccess(creation.Arguments, symbols);
                }

                var overStream = false;
                foreach (var argument in creation.Arguments)
                {
                    // new GZipStream(s, CompressionMode.Decompress) reads (SynchronousDisposalAnalyzerTests.DecompressingStream_NoDiagnostic).
                    if (symbols.CompressionMode is { } mode
                        && SymbolEqualityComparer.Default.Equals(argument.Value.WalkDownConversions().Type, mode)
                        && argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: int modeValue }
                        && modeValue == 0)
                    {
                        return true;
                    }

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

    private static bool HasReadAccess(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, AsyncSymbols symbols)
    {
        foreach (var argument in arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (symbols.FileAccess is { } access
                && SymbolEqualityComparer.Default.Equals(value.Type, access)
                && value.ConstantValue is { HasValue: true, Value: int accessValue }
                && accessValue == 1)
            {
                return true;
            }
        }

        return false;
    }
}
