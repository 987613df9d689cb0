using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about whether a synchronous call makes its caller wait.</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol? Receiver), Fact> _returnsWithoutWaiting = new(MethodReceiverComparer.Instance);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _parameterIsPipeEnd = new(MethodOrdinalComparer.Instance);

    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _collectionRead = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Is this a method of the compilation that cannot be overridden, is not async, and only reads in-memory collections: every
    /// call in its body is a member of <c>System.Collections</c> (its generic, concurrent and immutable kinds, not
    /// <c>BlockingCollection</c>, and
    /// <c>CollectionExtensions.GetValueOrDefault</c>) or LINQ to objects, with no <c>lock</c> and no property of the compilation's
    /// own (whose getter may do anything)? A cache look-up such as <c>GetRole(id) =&gt; RolesInternal.GetValueOrDefault(id)</c>
    /// blocks on nothing, whatever its async namesake does (a REST fetch)
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.OwnCacheLookupBesideRestFetch_NoDiagnostic, OwnLookupThroughItsOwnProperty_Reports).
    /// </summary>
    public bool OnlyReadsCollections(IMethodSymbol method, IOperation use)
    {
        if (method.IsAsync || IsOverridable(method) || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet))
        {
            return false;
        }

        var walk = new Walk(DefaultDepth);
        return Summarize(_collectionRead, method, use, walk, (_, body, _) => Fact.From(ReadsOnlyCollections(body.Block), body.Block), unreadable: Fact.No()).IsYes;
    }

    private static bool ReadsOnlyCollections(IBlockOperation block)
    {
        // A read at least: an empty body, or one that returns a constant, is a placeholder or a test stub, whose author means the
        // synchronous API to do work (SyncApiWithAsyncCounterpartCodeFixTests.RequiredTokenAndNoneInScope_PassesCancellationTokenNone).
        var reads = false;
        foreach (var operation in block.Descendants())
        {
            switch (operation)
            {
                case ILockOperation or IAwaitOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or IObjectCreationOperation or IMethodReferenceOperation:
                    return false;
                case IInvocationOperation call:
                    if (!IsCollectionMember(call.TargetMethod))
                    {
                        return false;
                    }

                    reads = true;
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.DeclaringSyntaxReferences.Length > 0)
                    {
                        return false;
                    }

                    reads |= IsCollectionMember(property.Property);
                    break;
                case IArrayElementReferenceOperation:
                    reads = true;
                    break;
            }
        }

        return reads;
    }

    private static bool IsCollectionMember(ISymbol member) =>
        member.ContainingType is { Name: not "BlockingCollection" } type
        && (type.IsInNamespace("System", "Collections", "Generic") || type.IsInNamespace("System", "Collections", "Concurrent")
            || type.IsInNamespace("System", "Collections", "Immutable") || type.IsInNamespace("System", "Collections")
            || (type.Name == "Enumerable" && type.IsInNamespace("System", "Linq")));

    /// <summary>How many copies (locals, fields, <c>pipe.Writer</c>) are followed back to the <c>new Pipe()</c>.</summary>
    private const int PipeEndDepth = 4;

    // A helper handed the stream by a helper of the method that made it is as deep as real code goes.
    private const int InMemoryParameterDepth = 2;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _parameterIsInMemory = new(MethodOrdinalComparer.Instance);

    /// <summary>
    /// Is this receiver the reader or writer of an in-memory <c>System.IO.Pipelines.Pipe</c> the code created itself? Its
    /// <c>Complete</c> only marks the pipe complete and signals the other end: no I/O, no lock held across a wait, and its
    /// <c>CompleteAsync</c> just calls it. Followed back through locals never reassigned, readonly fields (their initializer and the
    /// constructors' assignments, every one a pipe end) and the parameter of a private method whose every call passes one:
    /// <c>var pipe = new Pipe(); _writer = pipe.Writer; _ = CopyAsync(pipe.Reader, pipe.Writer, target);</c>
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.CompleteOnEndOfOwnPipe_NoDiagnostic). A <c>PipeWriter.Create(stream)</c>, a pipe
    /// end from the caller, or a field written outside its constructors is not known to be in memory
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.CompleteOnPipeWriterOverStream_Reports).
    /// </summary>
    public bool IsInMemoryPipeEnd(IOperation? receiver) =>
        receiver is not null && _symbols.Pipe is { } pipe
        && SymbolEqualityComparer.Default.Equals(receiver.Type?.ContainingNamespace, pipe.ContainingNamespace)
        && IsPipeEnd(receiver, PipeEndDepth, followParameters: true);

    /// <summary>
    /// Is this receiver a writer, reader or wrapping stream over a <c>MemoryStream</c> (<see cref="InMemoryWriters"/>), also when the
    /// stream is a private field every value of which is one, or the parameter of a private method whose every call passes one,
    /// through up to two such methods:
    /// <c>using var buffer = new MemoryStream(); await WriteSitemapAsync(buffer);</c> then <c>XmlWriter.Create(stream)</c> inside
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.XmlWriterOverMemoryStreamParameterOfPrivateMethod_NoDiagnostic).
    /// </summary>
    public bool IsOverMemoryStream(IOperation? receiver) => IsOverMemoryStream(receiver, InMemoryParameterDepth);

    /// <summary>
    /// <c>SHA384.HashData(buffer)</c>, <c>hasher.ComputeHash(buffer)</c>, <c>JsonSerializer.Serialize(buffer, value)</c>,
    /// <c>image.Write(buffer, MagickFormat.Jpg)</c>: a call of a hashing, serialization, text-format or image library (work on the bytes it is handed, no I/O of its own), on no stream, whose stream
    /// arguments, one at least, are all over memory. Not a client's <c>Upload(buffer)</c>: the payload is in memory, the call is
    /// not (SyncApiWithAsyncCounterpartAnalyzerTests.HashOfMemoryStreamArgument_NoDiagnostic, HashOfFileStreamArgument_Reports).
    /// </summary>
    public bool StreamArgumentsAreInMemory(IInvocationOperation call)
    {
        if ((call.Instance is { Type: { } receiverType } && IsStreamLike(receiverType)) || !IsFormatLibrary(call.TargetMethod.ContainingType))
        {
            return false;
        }

        var any = false;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Type is not { } parameterType || !IsStreamLike(parameterType))
            {
                continue;
            }

            if (!IsOverMemoryStream(argument.Value))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool IsFormatLibrary(INamedTypeSymbol? type) =>
        type is not null
        && (type.IsInNamespace("System", "Security", "Cryptography") || type.IsInNamespace("System", "Text", "Json") || type.IsInNamespace("System", "Xml")
            || type.IsInNamespace("System", "IO", "Hashing")
            || type.IsInNamespace("System", "Runtime", "Serialization") || type.IsInNamespace("Newtonsoft", "Json") || type.IsInNamespace("MessagePack")
            || type.IsInNamespace("ProtoBuf")
            || IsImageCodec(type));

    /// <summary>
    /// Image libraries (Magick.NET, ImageSharp, SkiaSharp, System.Drawing): encoding or decoding the pixels they hold is CPU work;
    /// their I/O is the stream's (SyncApiWithAsyncCounterpartAnalyzerTests.ImageWrittenToMemoryStream_NoDiagnostic, ImageWrittenToFileStream_Reports).
    /// </summary>
    private static bool IsImageCodec(INamedTypeSymbol type) =>
        type.IsInNamespace("ImageMagick") || type.IsInNamespace("SixLabors", "ImageSharp") || type.IsInNamespace("SkiaSharp") || type.IsInNamespace("System", "Drawing");

    private bool IsStreamLike(ITypeSymbol type) =>
        type.InheritsFromOrEquals(_symbols.Stream) || type.IsTextWriterOrReader();

    private bool IsOverMemoryStream(IOperation? receiver, int depth) =>
        InMemoryWriters.IsOverMemoryStream(receiver, _symbols, depth == 0 ? null : reference => reference switch
        {
            IParameterReferenceOperation parameter => ParameterIsInMemory(parameter, depth),

            // _decompressor = new DeflateStream(_compressed, CompressionMode.Decompress) with _compressed a MemoryStream: a private
            // field every value of which is in memory (SyncApiWithAsyncCounterpartAnalyzerTests.DecompressorFieldOverMemoryField_NoDiagnostic).
            IFieldReferenceOperation { Field: var field } => _bodies.PrivateFieldValues(field, reference) is { Values: { Count: > 0 } values } && values.All(value => IsOverMemoryStream(value, depth - 1)),
            _ => false,
        });

    private bool ParameterIsInMemory(IParameterReferenceOperation reference, int depth)
    {
        if (reference.Parameter is not { RefKind: RefKind.None, ContainingSymbol: IMethodSymbol method } parameter || IsParameterWritten(parameter, reference))
        {
            return false;
        }

        var key = (method.OriginalDefinition, parameter.Ordinal);
        if (_parameterIsInMemory.TryGetValue(key, out var known))
        {
            return known;
        }

        return _parameterIsInMemory.GetOrAdd(key, EveryCallPasses(method.OriginalDefinition, parameter.Ordinal, reference, value => IsOverMemoryStream(value, depth - 1)));
    }

    /// <summary>
    /// Is this receiver the process's console: <c>Console.Out</c>, <c>Error</c> or <c>In</c>, a stream of
    /// <c>Console.OpenStandardOutput/Error/Input()</c>, a writer or reader built over one, also behind a property or private field
    /// of the compilation every value of which is one (an interface's property by its implementations here, a lazily built
    /// field by every value it is given)? Console streams do not overlap I/O: their async methods run the same blocking write or
    /// read, so the synchronous call is the right one
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.WriterOverConsoleBehindInterfaceProperty_NoDiagnostic,
    /// WriterOverFileBehindInterfaceProperty_Reports).
    /// </summary>
    public bool IsConsoleStream(IOperation? receiver) => receiver is not null && IsConsole(receiver, ConsoleDepth);

    private const int ConsoleDepth = 4;

    private bool IsConsole(IOperation operation, int depth)
    {
        var value = operation.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
        {
            value = initializer.WalkDownConversions();
        }

        switch (value)
        {
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Out" or "Error" or "In" } console }
                when SymbolEqualityComparer.Default.Equals(console.ContainingType, _symbols.Console):
                return true;
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "OpenStandardOutput" or "OpenStandardError" or "OpenStandardInput" } open }
                when SymbolEqualityComparer.Default.Equals(open.ContainingType, _symbols.Console):
                return true;
            case ICoalesceAssignmentOperation { Target: var target, Value: var assigned }:
                return depth > 0 && IsConsole(target, depth - 1) && IsConsole(assigned, depth - 1);

            // var output = toStderr ? Console.Error : Console.Out: either way the console
            // (SyncApiWithAsyncCounterpartAnalyzerTests.ConsoleWriterChosenByCondition_NoDiagnostic, WriterChosenBetweenConsoleAndFile_Reports).
            case IConditionalOperation { WhenTrue: var whenTrue, WhenFalse: { } whenFalse }:
                return depth > 0 && IsConsole(whenTrue, depth - 1) && IsConsole(whenFalse, depth - 1);
            case IObjectCreationOperation { Constructor: { } constructor } creation when depth > 0:
                // new StreamWriter(Console.OpenStandardError(), encoding): the wrapped stream is the constructor's Stream argument.
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor)
                        && parameter.Type.InheritsFromOrEquals(_symbols.Stream))
                    {
                        return IsConsole(argument.Value, depth - 1);
                    }
                }

                return false;
            case IFieldReferenceOperation { Field: var field } when depth > 0:
                return _bodies.PrivateFieldValues(field, value) is { Values: { Count: > 0 } values } && values.All(value => IsConsole(value, depth - 1));
            case IPropertyReferenceOperation { Property: { GetMethod: { } getter, IsIndexer: false } } when depth > 0:
                var bodies = new List<IMethodSymbol>();
                if (!getter.IsAbstract && getter.DeclaringSyntaxReferences.Length > 0)
                {
                    bodies.Add(getter);
                }

                bodies.AddRange(_implementations.Of(getter));
                if (bodies.Count == 0)
                {
                    return false;
                }

                foreach (var body in bodies)
                {
                    if (_bodies.BodyOf(body, value) is not { } read || !ReturnsOnlyConsole(read.Block, depth - 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private bool ReturnsOnlyConsole(IBlockOperation block, int depth)
    {
        var any = false;
        foreach (var operation in block.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned })
            {
                if (!IsConsole(returned, depth))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>
    /// A <c>Complete</c> that does no I/O on any pipe end: <c>PipeReader.Complete(...)</c> (a pipe's reader only signals the writer,
    /// a reader over a stream at most disposes it) and <c>PipeWriter.Complete(error)</c> given an error known not to be null (the
    /// variable of the enclosing catch, <c>new X(...)</c>): a writer over a stream flushes only when completed without an error
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.CompleteReaderOrWriterWithError_NoDiagnostic). <c>writer.Complete()</c> on a writer
    /// from elsewhere may flush to its stream (SyncApiWithAsyncCounterpartAnalyzerTests.CompleteWriterWithoutErrorOrWithNullableError_Reports).
    /// </summary>
    public bool CompletesPipeWithoutIo(IInvocationOperation invocation)
    {
        if (invocation is not { TargetMethod: { Name: "Complete", ContainingType: { } type }, Instance.Type: { } receiverType }
            || _symbols.Pipe is not { } pipe
            || !SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, pipe.ContainingNamespace)
            || !SymbolEqualityComparer.Default.Equals(receiverType.ContainingNamespace, pipe.ContainingNamespace))
        {
            return false;
        }

        switch (type.Name)
        {
            case "PipeReader":
                return true;
            case "PipeWriter":
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0 && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        return NonNullValues.IsKnownNonNull(argument.Value);
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool IsPipeEnd(IOperation operation, int depth, bool followParameters)
    {
        if (depth == 0)
        {
            return false;
        }

        var value = operation.WalkDownConversions();
        switch (value)
        {
            case IPropertyReferenceOperation { Property: { Name: "Reader" or "Writer" } property, Instance: { } pipe }
                when SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.Pipe):
                return IsNewPipe(pipe, depth - 1);
            case ILocalReferenceOperation { Local: var local }:
                return local.FindSingleInitializer(value) is { } initializer && IsPipeEnd(initializer, depth - 1, followParameters);
            case IFieldReferenceOperation { Field: var field }:
                return EveryValue(field, value, v => IsPipeEnd(v, depth - 1, followParameters: false));
            case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, ContainingSymbol: IMethodSymbol method } parameter }
                when followParameters && !IsParameterWritten(parameter, value):
                var key = (method.OriginalDefinition, parameter.Ordinal);
                return _parameterIsPipeEnd.TryGetValue(key, out var known)
                    ? known
                    : _parameterIsPipeEnd.GetOrAdd(key, EveryCallPassesPipeEnd(method.OriginalDefinition, parameter.Ordinal, value));
            default:
                return false;
        }
    }

    private static bool IsParameterWritten(IParameterSymbol parameter, IOperation use)
    {
        foreach (var operation in use.Root().Descendants())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) && reference.IsWrite())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>new Pipe(...)</c>, directly or in a local never reassigned or a readonly field given nothing else.</summary>
    private bool IsNewPipe(IOperation operation, int depth)
    {
        if (depth == 0)
        {
            return false;
        }

        var value = operation.WalkDownConversions();
        switch (value)
        {
            case IObjectCreationOperation creation:
                return SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.Pipe);
            case ILocalReferenceOperation { Local: var local }:
                return local.FindSingleInitializer(value) is { } initializer && IsNewPipe(initializer, depth - 1);
            case IFieldReferenceOperation { Field: var field }:
                return EveryValue(field, value, v => IsNewPipe(v, depth - 1));
            default:
                return false;
        }
    }

    /// <summary>Every value a readonly field of this compilation is given satisfies <paramref name="test"/> (one value at least).</summary>
    private bool EveryValue(IFieldSymbol field, IOperation use, Func<IOperation, bool> test)
    {
        if (_bodies.ReadonlyFieldValues(field, use) is not { Count: > 0 } values)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (!test(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A private method, every reference to which is a call that passes a pipe end for the parameter (one call at least). The
    /// arguments are followed through locals and fields only, so the answer does not depend on where the question came from.
    /// </summary>
    private bool EveryCallPassesPipeEnd(IMethodSymbol method, int ordinal, IOperation use) =>
        EveryCallPasses(method, ordinal, use, value => IsPipeEnd(value, PipeEndDepth, followParameters: false));

    /// <summary>Every call of a private, non-virtual method in its type passes, at <paramref name="ordinal"/>, a value that passes <paramref name="test"/>.</summary>
    private bool EveryCallPasses(IMethodSymbol method, int ordinal, IOperation use, Func<IOperation, bool> test)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Private || method.IsVirtual || method.IsOverride
            || method.ContainingType is not { } type)
        {
            return false;
        }

        var any = false;
        foreach (var (expression, model) in ReferencesIn(DeclarationsOf(type), method, use))
        {
            if (model is null
                || expression.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != expression
                || model.GetOperation(invocation) is not IInvocationOperation call)
            {
                return false;
            }

            var passes = false;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    passes = test(argument.Value);
                }
            }

            if (!passes)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// Does this call of a synchronous <c>void</c> method hand control back without waiting for the work it starts? Yes when every
    /// body the call may run is <c>async void</c> (it returns to its caller at its first await of unfinished work, like the async
    /// counterpart would: <c>public async void Execute(object? p) =&gt; await ExecuteAsync(p);</c>) or empty, and one at least is
    /// async void (an empty implementation next to them is a null object; an empty method alone is a placeholder, whose
    /// author means the synchronous API to do work). For a call through an
    /// interface, abstract or virtual method, every implementation under the receiver's type must be so, and no other assembly may
    /// supply one: the receiver's type is declared in this compilation, and is sealed or a struct, or is not visible outside a
    /// library (an application's public types count as its own). No for any other call (a library method, a body that does
    /// anything before returning, an implementation that may come from elsewhere).
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.InterfaceMethodEveryImplementationAsyncVoid_NoDiagnostic,
    /// InterfaceMethodOneImplementationBlocks_Reports, PublicInterfaceOfLibraryAsyncVoidImplementations_Reports).
    /// </summary>
    public Fact ReturnsWithoutWaiting(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (!method.ReturnsVoid || method.MethodKind != MethodKind.Ordinary)
        {
            return Fact.No(call);
        }

        // A non-virtual call (a static or non-virtual method, base.M()) runs the method's own body.
        var receiver = call.IsVirtual ? call.Instance?.Type : null;
        if (receiver is null && method.DeclaringSyntaxReferences.Length == 0)
        {
            return Fact.No(call);
        }

        var key = (method, receiver);
        if (_returnsWithoutWaiting.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var returns = receiver is null ? ReturnsAtOnce(method) : EveryImplementationReturnsAtOnce(method, receiver);
        return _returnsWithoutWaiting.GetOrAdd(key, Fact.From(returns == ReturnShape.AsyncVoid));
    }

    /// <summary>Every body a virtual call may run on this receiver: <see cref="ReturnShape.AsyncVoid"/> when all return at once and one is async void.</summary>
    private ReturnShape EveryImplementationReturnsAtOnce(IMethodSymbol method, ITypeSymbol receiver)
    {
        if (receiver is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } type)
        {
            return ReturnShape.Other;
        }

        if (type.TypeKind == TypeKind.Struct || (type.TypeKind == TypeKind.Class && type.IsSealed))
        {
            return ImplementationIn(type, method) is { } only ? ReturnsAtOnce(only) : ReturnShape.Other;
        }

        if (MayBeImplementedElsewhere(type))
        {
            return ReturnShape.Other;
        }

        var all = ReturnShape.Empty;
        if (type.TypeKind == TypeKind.Class && !type.IsAbstract)
        {
            all = Combine(all, ImplementationIn(type, method) is { } own ? ReturnsAtOnce(own) : ReturnShape.Other);
        }

        foreach (var subtype in _implementations.TypesUnder(type))
        {
            // An abstract class is never the runtime type: its concrete subtypes are listed too.
            if (subtype.IsAbstract)
            {
                continue;
            }

            all = Combine(all, ImplementationIn(subtype, method) is { } implementation ? ReturnsAtOnce(implementation) : ReturnShape.Other);
            if (all == ReturnShape.Other)
            {
                return ReturnShape.Other;
            }
        }

        return all;
    }

    /// <summary>Other wins, then AsyncVoid, then Empty (also the answer when there is no body at all, which proves nothing).</summary>
    private static ReturnShape Combine(ReturnShape left, ReturnShape right) => left == ReturnShape.Other || right == ReturnShape.Other ? ReturnShape.Other : left == ReturnShape.AsyncVoid ? left : right;

    /// <summary>An <c>async void</c> method of this compilation, one declared here with an empty block body, or any other.</summary>
    private ReturnShape ReturnsAtOnce(IMethodSymbol method) =>
        method.IsAsync && method.ReturnsVoid && method.DeclaringSyntaxReferences.Length > 0 ? ReturnShape.AsyncVoid
        : _bodies.IsEmpty(method) == true ? ReturnShape.Empty
        : ReturnShape.Other;

    /// <summary>How a body hands control back: at its first await (async void), at once (empty), or after running (other).</summary>
    private enum ReturnShape : byte
    {
        Other,
        Empty,
        AsyncVoid,
    }

    /// <summary>
    /// Another assembly may declare a type that implements or derives from <paramref name="type"/>: it is declared elsewhere, or it
    /// is visible outside the library this compilation builds (an application's types are its own).
    /// </summary>
    private bool MayBeImplementedElsewhere(INamedTypeSymbol type)
    {
        var compilation = _symbols.Compilation;
        if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
        {
            return true;
        }

        if (compilation.Options.OutputKind is not (OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule))
        {
            return false;
        }

        for (ISymbol? current = type; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The method a call of <paramref name="method"/> runs on an instance of exactly <paramref name="type"/>, or null.</summary>
    private static IMethodSymbol? ImplementationIn(INamedTypeSymbol type, IMethodSymbol method)
    {
        if (method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            return type.FindImplementationForInterfaceMember(method) as IMethodSymbol;
        }

        var definition = method.OriginalDefinition;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(method.Name))
            {
                if (member is not IMethodSymbol candidate)
                {
                    continue;
                }

                for (var overridden = candidate; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, definition))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    private sealed class MethodReceiverComparer : IEqualityComparer<(IMethodSymbol Method, ITypeSymbol? Receiver)>
    {
        public static readonly MethodReceiverComparer Instance = new();

        public bool Equals((IMethodSymbol Method, ITypeSymbol? Receiver) x, (IMethodSymbol Method, ITypeSymbol? Receiver) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver);

        public int GetHashCode((IMethodSymbol Method, ITypeSymbol? Receiver) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + (obj.Receiver is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(obj.Receiver));
    }
}
