using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Readers, writers and wrapping streams built over a <c>MemoryStream</c> in the same function (<c>new StreamWriter(buffer)</c>,
/// <c>new GZipStream(buffer, ...)</c>, <c>new Utf8JsonWriter(buffer)</c>), and embedded resource streams
/// (<c>Assembly.GetManifestResourceStream</c>, read from the loaded image): their I/O goes to memory, so it never blocks.
/// </summary>
internal static class InMemoryWriters
{
    // A writer over a compressor over a buffer is as deep as real code goes.
    private const int MaxDepth = 4;

    public static bool IsOverMemoryStream(IOperation? instance, AsyncSymbols symbols) => IsInMemory(instance, symbols, MaxDepth, elsewhereInMemory: null);

    /// <summary>
    /// The same, and a parameter of the function or a field is in memory when <paramref name="elsewhereInMemory"/> says so (a summary
    /// that reads every call of a private method, or every value of a private field).
    /// </summary>
    public static bool IsOverMemoryStream(IOperation? instance, AsyncSymbols symbols, System.Func<IOperation, bool>? elsewhereInMemory) =>
        IsInMemory(instance, symbols, MaxDepth, elsewhereInMemory);

    private static bool IsInMemory(IOperation? operation, AsyncSymbols symbols, int depth, System.Func<IOperation, bool>? elsewhereInMemory)
    {
        if (operation is null || depth == 0 || symbols.MemoryStream is null)
        {
            return false;
        }

        var value = operation.WalkDownConversions();
        // A string writer or reader works on a string in memory (the end of a JsonTextWriter → StringWriter chain).
        if (value.Type.InheritsFromOrEquals(symbols.MemoryStream) || value.Type.InheritsFromOrEquals(symbols.StringWriter) || value.Type.InheritsFromOrEquals(symbols.StringReader))
        {
            return true;
        }

        if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
        {
            value = initializer.WalkDownConversions();
        }

        if (value is IParameterReferenceOperation or IFieldReferenceOperation)
        {
            return elsewhereInMemory is not null && elsewhereInMemory(value);
        }

        // response.Content.ReadAsStream(), response.Content of a response an awaited HttpClient call returned with its body read
        // (the default HttpCompletionOption.ResponseContentRead): the body is buffered, and the stream is over that buffer
        // (SyncApiWithAsyncCounterpartAnalyzerTests.ReadAsStreamOfBufferedResponse_NoDiagnostic, ReadAsStreamOfResponseHeadersRead_Reports).
        if (value is IInvocationOperation { TargetMethod: { Name: "ReadAsStream", ContainingType: { } contentType }, Instance: { } readContent }
            && IsHttpType(contentType, "HttpContent"))
        {
            return IsInMemory(readContent, symbols, depth - 1, elsewhereInMemory);
        }

        if (value is IPropertyReferenceOperation { Property: { Name: "Content", ContainingType: { } responseType }, Instance: { } response }
            && IsHttpType(responseType, "HttpResponseMessage"))
        {
            return IsBufferedResponse(response);
        }

        // foreach (var entry in archive.Entries) entry.Open(), archive.GetEntry(name).Open(): an entry of an archive over memory is
        // read from memory (SyncApiWithAsyncCounterpartAnalyzerTests.EntryOfArchiveOverMemoryStream_NoDiagnostic).
        if (value is IInvocationOperation { TargetMethod: { Name: "Open", ContainingType: { Name: "ZipArchiveEntry" } entryType }, Instance: { } openedEntry }
            && entryType.IsInNamespace("System", "IO", "Compression"))
        {
            return IsInMemory(openedEntry, symbols, depth - 1, elsewhereInMemory);
        }

        if (value.Type is INamedTypeSymbol { Name: "ZipArchiveEntry" } zipEntry && zipEntry.IsInNamespace("System", "IO", "Compression")
            && ArchiveOf(value) is { } archive)
        {
            return IsInMemory(archive, symbols, depth - 1, elsewhereInMemory);
        }

        // XmlWriter.Create(stream, settings), XmlReader.Create(reader): a factory of System.Xml over the stream or text writer it is
        // given (SyncApiWithAsyncCounterpartAnalyzerTests.XmlWriterOverMemoryStreamParameterOfPrivateMethod_NoDiagnostic).
        if (value is IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true, ContainingType: { } factory }, Arguments: { Length: > 0 } factoryArguments }
            && factory.IsInNamespace("System", "Xml") && factoryArguments[0].Value is { } wrapped)
        {
            return IsInMemory(wrapped, symbols, depth - 1, elsewhereInMemory);
        }

        // GetManifestResourceStream(name) ?? throw new InvalidOperationException(...): the value is the left side or nothing
        // (BlockingWaitAnalyzerTests.ResultOfAsyncMethodCopyingResourceOrThrow_NoDiagnostic).
        if (value is ICoalesceOperation coalesce && coalesce.WhenNull.WalkDownConversions() is IThrowOperation)
        {
            value = coalesce.Value.WalkDownConversions();
        }

        // assembly.GetManifestResourceStream(name): an embedded resource is read from the loaded image
        // (BlockingWaitAnalyzerTests.ResultOfAsyncMethodCopyingInMemory_NoDiagnostic).
        if (value is IInvocationOperation { TargetMethod: { Name: "GetManifestResourceStream", ContainingType: { Name: "Assembly" } assembly } }
            && assembly.IsInNamespace("System", "Reflection"))
        {
            return true;
        }

        if (value is not IObjectCreationOperation { Constructor: { } constructor } creation)
        {
            return false;
        }

        // The wrapped stream is the constructor's Stream argument, or the text writer or reader it wraps (new JsonTextWriter(writer)
        // over a StreamWriter over a MemoryStream); a wrapper of a file or network stream does real I/O
        // (SynchronousDisposalAnalyzerTests.JsonWriterOverStreamWriterOverMemoryStream_NoDiagnostic, JsonWriterOverStreamWriterOverFile_Reports).
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter
                && (SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.Stream) || parameter.Type.IsTextWriterOrReader())
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor))
            {
                return IsInMemory(argument.Value, symbols, depth - 1, elsewhereInMemory);
            }
        }

        return false;
    }

    /// <summary>
    /// <c>archive.CreateEntry(name).Open()</c>, directly or through a local written once: opening an entry the code has just created
    /// returns a stream that writes to the archive when written to; the open itself reads and writes nothing (it is reading an
    /// existing entry's header that <c>OpenAsync</c> exists for) (SyncApiWithAsyncCounterpartAnalyzerTests.OpenOfCreatedArchiveEntry_NoDiagnostic,
    /// OpenOfExistingArchiveEntry_Reports).
    /// </summary>
    public static bool OpensCreatedArchiveEntry(IInvocationOperation call)
    {
        if (call is not { TargetMethod: { Name: "Open", ContainingType: { Name: "ZipArchiveEntry" } entryType }, Instance: { } instance }
            || !entryType.IsInNamespace("System", "IO", "Compression"))
        {
            return false;
        }

        var value = instance.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local })
        {
            // ZipArchiveEntry entry; if (unchanged) entry = zip.CreateEntryFromFile(path, name); else { entry = zip.CreateEntry(name); entry.Open() }:
            // every value of the local is an entry the code created
            // (SyncApiWithAsyncCounterpartAnalyzerTests.OpenOfEntryLocalCreatedOnEveryPath_NoDiagnostic, OpenOfEntryLocalOnePathExisting_Reports).
            return local.EveryValueOf(value) is { Count: > 0 } values && values.All(IsCreatedEntry);
        }

        return IsCreatedEntry(value);
    }

    private static bool IsCreatedEntry(IOperation value) =>
        value.WalkDownConversions() is IInvocationOperation { TargetMethod: { Name: "CreateEntry" or "CreateEntryFromFile", ContainingType.Name: "ZipArchive" or "ZipFileExtensions" } };

    private static bool IsHttpType(INamedTypeSymbol type, string name) => type.Name == name && type.IsInNamespace("System", "Net", "Http");

    /// <summary>
    /// <c>await client.SendAsync(request, token)</c> (or <c>GetAsync</c>, <c>PostAsync</c>, <c>PutAsync</c>, <c>PatchAsync</c>,
    /// <c>DeleteAsync</c>) of an <c>HttpClient</c>, directly or through a local written once, without
    /// <c>HttpCompletionOption.ResponseHeadersRead</c>: the client has read the whole body into memory before the await resumes.
    /// </summary>
    private static bool IsBufferedResponse(IOperation response)
    {
        var value = response.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local })
        {
            value = local.FindSingleInitializer(value)?.WalkDownConversions();
        }

        if (value is not IAwaitOperation { Operation: var awaited }
            || awaited.UnwrapConfigureAwait().WalkDownConversions() is not IInvocationOperation
            {
                TargetMethod: { Name: "SendAsync" or "GetAsync" or "PostAsync" or "PutAsync" or "PatchAsync" or "DeleteAsync", ContainingType: { } client },
            } send
            || !client.SelfOrBaseTypeMatches(type => IsHttpType(type, "HttpClient")))
        {
            return false;
        }

        foreach (var argument in send.Arguments)
        {
            // HttpCompletionOption.ResponseContentRead is 0; ResponseHeadersRead (1) leaves the body on the wire.
            if (argument.Parameter?.Type is { Name: "HttpCompletionOption" } && argument.ArgumentKind != ArgumentKind.DefaultValue
                && argument.Value.ConstantValue is not { HasValue: true, Value: 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The archive an entry comes from: <c>archive.GetEntry(name)</c>, or the loop variable of <c>foreach (var entry in archive.Entries)</c>.</summary>
    private static IOperation? ArchiveOf(IOperation entry)
    {
        switch (entry)
        {
            case IInvocationOperation { TargetMethod.Name: "GetEntry", Instance: { } archive }:
                return archive;
            case ILocalReferenceOperation { Local: var local }:
                return local.DeclarationOf(entry, out _) is IForEachLoopOperation { Collection: var collection }
                    && collection.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Entries", Instance: { } entries }
                    ? entries
                    : null;
            default:
                return null;
        }
    }
}
