using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Blocking;

/// <summary>
/// ASYNC105: a <c>using</c> or a <c>Dispose()</c> call in async code on a value whose own DisposeAsync does I/O or waits
/// (a file stream or writer that flushes, a provider's connection, a type of this compilation whose DisposeAsync awaits).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SynchronousDisposalAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC105);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Without IAsyncDisposable (netstandard2.0 without the Bcl package) there is no await using to suggest.
            if (CompilationServices.TryGet(start.Compilation) is not { Symbols.IAsyncDisposable: not null } services)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeUsing(c, services), OperationKind.Using, OperationKind.UsingDeclaration);
            start.RegisterOperationAction(c => AnalyzeDispose(c, services), OperationKind.Invocation);
        });
    }

    private static void AnalyzeUsing(OperationAnalysisContext context, CompilationServices services)
    {
        // The using keyword is the place to report and to fix; operations do not carry it, so syntax gives it.
        var (resources, keyword) = context.Operation switch
        {
            IUsingOperation { IsAsynchronous: false, Syntax: UsingStatementSyntax statement } u => (u.Resources, statement.UsingKeyword.GetLocation()),
            IUsingDeclarationOperation { IsAsynchronous: false, Syntax: LocalDeclarationStatementSyntax declaration } d => ((IOperation)d.DeclarationGroup, declaration.UsingKeyword.GetLocation()),
            _ => default,
        };

        // Most usings hold types that are only IDisposable: the cheapest test goes first.
        if (resources is null || keyword is null || !AnyAsyncDisposable(resources, services) || !IsAsyncContext(context.Operation, context.ContainingSymbol))
        {
            return;
        }

        // using var sw = new BinaryWriter(stream): BinaryWriter's DisposeAsync closes a stream it owns with the same synchronous
        // Close as Dispose, so await using would change nothing (the stream's own disposal is where to go async)
        // (SynchronousDisposalAnalyzerTests.BinaryWriterOwningItsStream_NoDiagnostic, BinaryWriterLeavingItsStreamOpen_Reports).
        if (OnlyBinaryWritersOwningTheirStream(resources))
        {
            return;
        }

        // using var _ = File.CreateText(marker): a writer or file stream nothing ever writes to has nothing to flush
        // (SynchronousDisposalAnalyzerTests.MarkerFileWriterNeverWritten_NoDiagnostic, WriterWrittenAfterAwait_Reports).
        if (context.Operation is IUsingDeclarationOperation { Parent: IBlockOperation block } && OnlyUnusedWriters(resources, block))
        {
            return;
        }

        // using (new FileStream(marker, FileMode.Create)) { }: a stream held in no variable is written by nobody
        // (SynchronousDisposalAnalyzerTests.UnnamedFileStreamCreatingEmptyFile_NoDiagnostic).
        if (context.Operation is IUsingOperation { Resources: not IVariableDeclarationGroupOperation } unnamed
            && unnamed.Resources.WalkDownConversions() is IObjectCreationOperation or IInvocationOperation
            && unnamed.Resources.WalkDownConversions().Type is { } unnamedType && IsWriterOrFileStream(unnamedType))
        {
            return;
        }

        // await stream.FlushAsync(token) as the last use of the resource: what the synchronous Dispose has left to do is close a
        // handle (SynchronousDisposalAnalyzerTests.FlushedAsynchronouslyBeforeDisposal_NoDiagnostic, WrittenAfterFlush_Reports).
        if (FlushedAsynchronouslyLast(context.Operation, resources, services))
        {
            return;
        }

        // using var writer = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true); ... await output.FlushAsync(token);: a
        // BinaryWriter buffers nothing of its own, so once the stream under it is flushed asynchronously after the last write, its
        // disposal has nothing to flush (SynchronousDisposalAnalyzerTests.BinaryWriterOverStreamFlushedAsynchronouslyLast_NoDiagnostic,
        // BinaryWriterWrittenAfterStreamFlush_Reports).
        if (UnbufferedWriterFlushedThroughStreamLast(context.Operation, resources))
        {
            return;
        }

        // using (var destination = File.Create(path)) using (var writer = new StreamWriter(destination)) { ... }: the writer owns the
        // stream, and its disposal, first, flushes and closes it (and is judged on its own); the stream's finds it closed
        // (SynchronousDisposalAnalyzerTests.StreamClosedByOwningWriter_NoDiagnostic, StreamLeftOpenByWriter_Reports).
        if (ClosedByOwningWriter(context.Operation, resources))
        {
            return;
        }

        // using (var chunk = new FileStream(part, FileMode.Open)) { await chunk.CopyToAsync(target); }: a stream the scope only reads
        // from has nothing to flush, whatever access it was opened with (SynchronousDisposalAnalyzerTests.FileStreamOnlyReadFrom_NoDiagnostic,
        // FileStreamWrittenTo_Reports).
        if (OnlyReadFrom(context.Operation, resources, services.Symbols))
        {
            return;
        }

        // using (var fs = new FileStream(path, FileMode.Open)) { fs.WriteByte(0); fs.Close(); }: the scope's last statements close the
        // resource, so the using's own disposal finds it closed and has nothing to do; 'await using' would change nothing (an explicit
        // Dispose() there is reported where it is) (SynchronousDisposalAnalyzerTests.ClosedExplicitlyAsLastStatement_NoDiagnostic,
        // ClosedExplicitlyBeforeLaterWrite_Reports, SecondResourceClosedExplicitlyAtTheEnd_NoDiagnostic).
        var closedAtEnd = ClosedAtEnd(context.Operation);
        ITypeSymbol? culprit = null;
        var allAsyncDisposable = true;
        foreach (var (value, type, local) in Resources(resources))
        {
            allAsyncDisposable &= ImplementsAsyncDisposable(type, services);
            if (culprit is null && !(local is not null && closedAtEnd.Contains(local)) && DisposalWaits(value, type, context.Operation, services) is { } waiting)
            {
                culprit = waiting;
            }
        }

        if (culprit is null)
        {
            return;
        }

        // await using needs every resource of the statement to be IAsyncDisposable: report, but offer no fix
        // (SynchronousDisposalCodeFixTests.MixedResources_NoFix).
        var properties = allAsyncDisposable
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.NoFix, "true");
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC105, keyword, null, properties, culprit.Name, "use 'await using'"));
    }

    private static void AnalyzeDispose(OperationAnalysisContext context, CompilationServices services)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // Dispose(bool) and static helpers are not the disposal of a receiver; this.Dispose() inside the type's own methods is its
        // own business (SynchronousDisposalAnalyzerTests.DisposeBool_NoDiagnostic, DisposeOfThis_NoDiagnostic).
        if (method.Name != "Dispose" || method.Parameters.Length != 0 || !method.ReturnsVoid || method.IsStatic
            || invocation.Instance is not { } instance
            || instance.WalkDownConversions() is IInstanceReferenceOperation)
        {
            return;
        }

        var receiver = instance.ThroughConditionalAccess();

        // Most Dispose calls are on types that are only IDisposable: the cheapest test goes first.
        if (!ImplementsAsyncDisposable(receiver.Type, services) || !IsAsyncContext(invocation, context.ContainingSymbol))
        {
            return;
        }

        if (DisposalWaits(receiver, receiver.Type, invocation, services) is not { } culprit)
        {
            return;
        }

        // new FileStream(path, FileMode.CreateNew).Dispose(): a stream disposed where it is made, to create an empty file, was
        // written by nobody, as in the unnamed using above (SynchronousDisposalAnalyzerTests.FileStreamCreatedAndDisposedAtOnce_NoDiagnostic).
        if (receiver is IObjectCreationOperation && receiver.Type is { } createdType && IsWriterOrFileStream(createdType))
        {
            return;
        }

        // try { await conn.OpenAsync(token); } catch { conn.Dispose(); throw; }: the open failed, and a connection that is not open
        // has nothing to close over the wire (SynchronousDisposalAnalyzerTests.DisposedAfterFailedOpen_NoDiagnostic,
        // DisposedAfterFailedQuery_Reports).
        if (DisposedAfterFailedOpen(invocation, receiver))
        {
            return;
        }

        // x?.Dispose(), a Dispose that is not a statement of its own, or a DisposeAsync the receiver's type hides (an explicit
        // interface implementation): report, but offer no fix (SynchronousDisposalCodeFixTests.ConditionalDispose_NoFix).
        var fixable = invocation.Parent is IExpressionStatementOperation && HasPublicDisposeAsync(receiver.Type);
        var properties = fixable
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.NoFix, "true");
        var location = invocation.Parent is IConditionalAccessOperation conditional ? conditional.Syntax.GetLocation() : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC105, location, null, properties, culprit.Name, "await 'DisposeAsync()' instead"));
    }

    /// <summary>
    /// The Dispose is in a catch clause of a try whose block uses the local only to open it (<c>Open</c>, <c>OpenAsync</c>):
    /// the clause runs when the open threw.
    /// </summary>
    private static bool DisposedAfterFailedOpen(IInvocationOperation dispose, IOperation receiver)
    {
        if (receiver is not ILocalReferenceOperation { Local: var local }
            || dispose.FirstAncestor<ICatchClauseOperation>() is not { Parent: ITryOperation { Body: var body } })
        {
            return false;
        }

        var opened = false;
        foreach (var operation in body.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                if (reference.Parent is not IInvocationOperation { TargetMethod.Name: "Open" or "OpenAsync" } open || !ReferenceEquals(open.Instance, reference))
                {
                    return false;
                }

                opened = true;
            }
        }

        return opened;
    }

    /// <summary>
    /// Async code where await can go: not synchronous code (SynchronousDisposalAnalyzerTests.SynchronousMethod_NoDiagnostic,
    /// SyncLambdaInAsyncMethod_NoDiagnostic), not lock or unsafe code (SynchronousDisposalAnalyzerTests.InsideLock_NoDiagnostic,
    /// UnsafeBlock_NoDiagnostic), not the synchronous arm of a dual-mode body nor its common code, which synchronous callers run
    /// too (SynchronousDisposalAnalyzerTests.DualModeSynchronousArm_NoDiagnostic, DualModeCommonPath_NoDiagnostic).
    /// </summary>
    private static bool IsAsyncContext(IOperation operation, ISymbol containingSymbol)
    {
        var context = AsyncContext.Of(operation, containingSymbol);
        return context.IsAsync && AsyncContext.CanInsertAwait(operation) && !DualMode.TakesMode(context.Function) && !DualMode.IsInSynchronousArm(operation);
    }

    /// <summary>The type whose disposal writes or waits, judged on the most precise type the value shows; null when it does not.</summary>
    private static ITypeSymbol? DisposalWaits(IOperation? value, ITypeSymbol? declaredType, IOperation use, CompilationServices services)
    {
        if (value is null || declaredType is null)
        {
            return null;
        }

        // The type the value shows without a walk (the created type for a declarator's initializer), then, only when that says
        // no and a local may hold something more derived, the type of the local's initializer: Stream s = File.Create(p); using (s)
        // (SynchronousDisposalAnalyzerTests.StreamTypedLocalFromFileCreate_Reports). Most usings end at the first check.
        var shown = value.WalkDownConversions();
        var type = shown.Type is { TypeKind: TypeKind.Class or TypeKind.Struct } own ? own : declaredType;
        if (!services.Summaries.AsyncDisposalWaits(type, use).IsYes)
        {
            if (shown is not ILocalReferenceOperation || type.IsSealed
                || DisposedResources.Origin(shown).Type is not { TypeKind: TypeKind.Class } precise
                || SymbolEqualityComparer.Default.Equals(precise, type)
                || !services.Summaries.AsyncDisposalWaits(precise, use).IsYes)
            {
                return null;
            }

            type = precise;
        }

        // Nothing to flush: in memory, read-only, a buffer writer (SynchronousDisposalAnalyzerTests.StreamWriterOverMemoryStream_NoDiagnostic,
        // FileOpenRead_NoDiagnostic, Utf8JsonWriterOverBufferWriter_NoDiagnostic).
        // A private field every value of which has nothing to flush (SynchronousDisposalAnalyzerTests.DecompressorInPrivateField_NoDiagnostic).
        // A stream from the compilation's own opener, every return of which opens for reading (SynchronousDisposalAnalyzerTests.StreamFromOwnReadOnlyOpener_NoDiagnostic).
        return DisposedResources.HasNothingToFlush(value, services.Symbols) || services.Summaries.FieldHasNothingToFlush(value)
            || services.Summaries.ReturnedValuesHaveNothingToFlush(value) ? null : type;
    }

    /// <summary>Every local the declaration makes is a <c>TextWriter</c> or <c>FileStream</c> that the block never mentions again.</summary>
    private static bool OnlyUnusedWriters(IOperation resources, IBlockOperation block)
    {
        if (resources is not IVariableDeclarationGroupOperation group)
        {
            return false;
        }

        var locals = new List<ILocalSymbol>();
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (!IsWriterOrFileStream(declarator.Symbol.Type))
                {
                    return false;
                }

                locals.Add(declarator.Symbol);
            }
        }

        foreach (var operation in block.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && locals.Contains(reference.Local, SymbolEqualityComparer.Default))
            {
                return false;
            }
        }

        return locals.Count > 0;
    }

    /// <summary>The statements a using's resources are in scope for: its body, or the rest of the block of a using declaration.</summary>
    private static IOperation? ScopeOf(IOperation usingOperation) => usingOperation switch
    {
        IUsingOperation { Body: var body } => body,
        IUsingDeclarationOperation { Parent: IBlockOperation block } => block,
        _ => null,
    };

    /// <summary>
    /// The locals the scope's trailing statements close: <c>x.Close();</c> or <c>x.Dispose();</c>, as many as end the scope in a row.
    /// </summary>
    private static ImmutableHashSet<ILocalSymbol> ClosedAtEnd(IOperation usingOperation)
    {
        if (ScopeOf(usingOperation) is not IBlockOperation { Operations: var statements })
        {
            return ImmutableHashSet<ILocalSymbol>.Empty;
        }

        ImmutableHashSet<ILocalSymbol>.Builder? closed = null;
        for (var i = statements.Length - 1; i >= 0; i--)
        {
            if (statements[i] is not IExpressionStatementOperation
                {
                    Operation: IInvocationOperation { TargetMethod: { Name: "Close" or "Dispose", Parameters.Length: 0 }, Instance: { } instance },
                }
                || instance.WalkDownConversions() is not ILocalReferenceOperation { Local: var local })
            {
                break;
            }

            closed ??= ImmutableHashSet.CreateBuilder<ILocalSymbol>(SymbolEqualityComparer.Default);
            closed.Add(local);
        }

        return closed?.ToImmutable() ?? ImmutableHashSet<ILocalSymbol>.Empty;
    }

    /// <summary>
    /// Every local the using declares is given to an owning wrapper made over it (<c>new StreamWriter(stream, ...)</c>, <c>new
    /// ZipArchive(zipFile, ZipArchiveMode.Create)</c>, not with <c>leaveOpen: true</c>) that a <c>using</c> in its scope holds:
    /// that wrapper is disposed first and closes the stream; its own disposal is judged where it is
    /// (SynchronousDisposalAnalyzerTests.StreamClosedByOwningWriter_NoDiagnostic, StreamClosedByOwningArchive_NoDiagnostic, StreamLeftOpenByWriter_Reports).
    /// </summary>
    private static bool ClosedByOwningWriter(IOperation usingOperation, IOperation resources)
    {
        if (ScopeOf(usingOperation) is not { } scope || resources is not IVariableDeclarationGroupOperation group)
        {
            return false;
        }

        var owned = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in scope.DescendantsAndSelf())
        {
            var inner = operation switch
            {
                IUsingOperation { Resources: IVariableDeclarationGroupOperation innerGroup } => innerGroup,
                IUsingDeclarationOperation { DeclarationGroup: var innerGroup } => innerGroup,
                _ => null,
            };

            foreach (var declarator in inner?.Declarations.SelectMany(declaration => declaration.Declarators) ?? Enumerable.Empty<IVariableDeclaratorOperation>())
            {
                if (declarator.Initializer is { } initializer && DisposedResources.OwnerMadeOver(initializer.Value, out var leavesOpen) is { } over && !leavesOpen)
                {
                    owned.Add(over);
                }
            }
        }

        var any = false;
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (!owned.Contains(declarator.Symbol))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>
    /// Every local the using declares is a stream that its scope mentions only as the receiver of a read (<c>Read</c>,
    /// <c>ReadAsync</c>, <c>CopyTo</c>, <c>CopyToAsync</c>, <c>Seek</c>, ...), of <c>SetLength</c> (which resizes the file itself and
    /// leaves nothing in the write buffer) or of a property read, or handed to a consumer that only reads it: nothing is written to it
    /// (SynchronousDisposalAnalyzerTests.FileStreamOnlyResized_NoDiagnostic, FileStreamSentAsRequestContent_NoDiagnostic).
    /// </summary>
    private static bool OnlyReadFrom(IOperation usingOperation, IOperation resources, AsyncSymbols symbols)
    {
        if (ScopeOf(usingOperation) is not { } scope || resources is not IVariableDeclarationGroupOperation group)
        {
            return false;
        }

        var locals = new List<ILocalSymbol>();
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (!declarator.Symbol.Type.InheritsFromOrEquals(symbols.Stream))
                {
                    return false;
                }

                locals.Add(declarator.Symbol);
            }
        }

        foreach (var operation in scope.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && locals.Contains(reference.Local, SymbolEqualityComparer.Default)
                && !IsPropertyRead(reference)
                && !IsReadByConsumer(reference)
                && !(reference.Parent is IInvocationOperation { TargetMethod.Name: var name } read && ReferenceEquals(read.Instance, reference)
                    && (name.StartsWith("Read", System.StringComparison.Ordinal) || name.StartsWith("CopyTo", System.StringComparison.Ordinal) || name is "Seek" or "SetLength")))
            {
                return false;
            }
        }

        return locals.Count > 0;
    }

    /// <summary>
    /// The stream is handed to a consumer that only reads it: an HTTP request body (<c>new StreamContent(fs, chunkSize)</c>), a
    /// <c>TextReader</c> or a <c>BinaryReader</c> made over it (SynchronousDisposalAnalyzerTests.FileStreamSentAsRequestContent_NoDiagnostic).
    /// </summary>
    private static bool IsReadByConsumer(IOperation reference) =>
        reference.WalkUpConversions().Parent is IArgumentOperation { Parent: IObjectCreationOperation { Type: INamedTypeSymbol consumer } }
        && ((consumer.Name == "StreamContent" && consumer.IsInNamespace("System", "Net", "Http"))
            || (consumer.Name == "BinaryReader" && consumer.IsInNamespace("System", "IO"))
            || (consumer.IsTextWriterOrReader() && !consumer.IsTextWriter()));

    /// <summary>
    /// Every local the using declares is flushed with an awaited <c>FlushAsync</c>, its own or that of a writer made over it
    /// (<c>var writer = new StreamWriter(stream)</c>: the writer's flush flushes the stream), and after the last flush it is only
    /// read (<c>Length</c>, <c>Position = 0</c>, <c>CopyToAsync(output)</c>, <c>ReadAsync</c>): nothing is written after the
    /// asynchronous flush, so disposal only closes (SynchronousDisposalAnalyzerTests.FlushedAsynchronouslyBeforeDisposal_NoDiagnostic,
    /// FlushedThroughWriterThenReadBack_NoDiagnostic, WrittenAfterFlush_Reports, WrittenThroughWriterAfterFlush_Reports).
    /// </summary>
    private static bool FlushedAsynchronouslyLast(IOperation usingOperation, IOperation resources, CompilationServices services)
    {
        if (ScopeOf(usingOperation) is not { } scope || resources is not IVariableDeclarationGroupOperation group)
        {
            return false;
        }

        var any = false;
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                var stream = declarator.Symbol;
                var writers = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                var uses = new List<ILocalReferenceOperation>();
                foreach (var operation in scope.Descendants())
                {
                    if (operation is IVariableDeclaratorOperation { Symbol: var writer, Initializer.Value: var made }
                        && SymbolEqualityComparer.Default.Equals(DisposedResources.WriterMadeOver(made, out _), stream))
                    {
                        writers.Add(writer);
                    }
                    else if (operation is ILocalReferenceOperation reference)
                    {
                        uses.Add(reference);
                    }
                }

                // A writer's flush flushes the stream; anything but a read of the stream itself may leave bytes unflushed.
                var mentions = uses.Where(use => SymbolEqualityComparer.Default.Equals(use.Local, stream) || writers.Contains(use.Local));
                if (!FlushIsLast(
                        mentions,
                        throughBaseStream: false,
                        use => SymbolEqualityComparer.Default.Equals(((ILocalReferenceOperation)use).Local, stream) && WritesNothing(use),
                        use => SymbolEqualityComparer.Default.Equals(((ILocalReferenceOperation)use).Local, stream) && HelperFlushesLast(use, services)))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private static bool OnlyBinaryWritersOwningTheirStream(IOperation resources)
    {
        var any = false;
        foreach (var (value, _, _) in Resources(resources))
        {
            if (value?.WalkDownConversions() is not IObjectCreationOperation { Type: INamedTypeSymbol { Name: "BinaryWriter" } writerType } creation
                || !writerType.IsInNamespace("System", "IO") || writerType.ContainingNamespace.ContainingNamespace?.ContainingNamespace?.IsGlobalNamespace != true
                || creation.Arguments.Any(argument => argument.Parameter?.Name == "leaveOpen" && argument.Value.ConstantValue is not { HasValue: true, Value: false }))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// Every local the using declares is a <c>BinaryWriter</c> made over a local or parameter stream, and the last mention of the
    /// writer or the stream in the scope is an awaited <c>FlushAsync</c> of the stream (or of <c>writer.BaseStream</c>), after which
    /// the stream is at most read.
    /// </summary>
    private static bool UnbufferedWriterFlushedThroughStreamLast(IOperation usingOperation, IOperation resources)
    {
        if (ScopeOf(usingOperation) is not { } scope || resources is not IVariableDeclarationGroupOperation group)
        {
            return false;
        }

        var any = false;
        foreach (var declarator in group.Declarations.SelectMany(declaration => declaration.Declarators))
        {
            if (declarator.Initializer?.Value.WalkDownConversions() is not IObjectCreationOperation { Type.Name: "BinaryWriter", Arguments: { Length: > 0 } arguments } creation
                || !((INamedTypeSymbol)creation.Type!).IsInNamespace("System", "IO")
                || arguments[0].Value.WalkDownConversions() switch { ILocalReferenceOperation l => (ISymbol)l.Local, IParameterReferenceOperation p => p.Parameter, _ => null } is not { } stream)
            {
                return false;
            }

            var writer = declarator.Symbol;
            var uses = new List<IOperation>();
            foreach (var operation in scope.Descendants())
            {
                if ((operation is ILocalReferenceOperation local && (SymbolEqualityComparer.Default.Equals(local.Local, writer) || SymbolEqualityComparer.Default.Equals(local.Local, stream)))
                    || (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, stream)))
                {
                    uses.Add(operation);
                }
            }

            // The writer has no buffer of its own: flushing the stream (or writer.BaseStream) flushes what it wrote; making the writer
            // over the stream writes nothing.
            var madeOver = arguments[0].Value.WalkDownConversions().Syntax;
            if (!FlushIsLast(
                    uses,
                    throughBaseStream: true,
                    use => ReferenceEquals(use.Syntax, madeOver)
                        || (use is ILocalReferenceOperation streamLocal && !SymbolEqualityComparer.Default.Equals(streamLocal.Local, writer) && WritesNothing(streamLocal))))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// Walks the mentions in source order: true when the last of them that may write is followed by an awaited <c>FlushAsync</c>
    /// of a mentioned symbol (or of its <c>BaseStream</c>, when <paramref name="throughBaseStream"/>), or by a synchronous
    /// <c>Flush</c> (which blocks there, ASYNC103's finding, and leaves the disposal nothing to write: <c>fs.Flush(true)</c> to
    /// force a file to disk, SynchronousDisposalAnalyzerTests.FlushedSynchronouslyToDiskBeforeDisposal_NoDiagnostic), and what
    /// comes after the flush leaves it flushed (<paramref name="leavesFlushed"/>).
    /// </summary>
    private static bool FlushIsLast(IEnumerable<IOperation> mentions, bool throughBaseStream, System.Func<IOperation, bool> leavesFlushed, System.Func<IOperation, bool>? flushedByCall = null)
    {
        var flushed = false;
        foreach (var use in mentions.OrderBy(mention => mention.Syntax.SpanStart))
        {
            var target = throughBaseStream && use.Parent is IPropertyReferenceOperation { Property.Name: "BaseStream" } baseStream && ReferenceEquals(baseStream.Instance, use) ? baseStream : use;
            if ((target.Parent is IInvocationOperation { TargetMethod.Name: "FlushAsync" or "Flush" } flush && ReferenceEquals(flush.Instance, target)
                    && (flush.TargetMethod.Name == "Flush" || IsAwaited(flush)))
                || flushedByCall?.Invoke(use) == true)
            {
                flushed = true;
            }
            else if (!leavesFlushed(use))
            {
                flushed = false;
            }
        }

        return flushed;
    }

    /// <summary>
    /// <c>await JsonUtility.WriteJsonAsync(json, stream)</c>: an awaited call of a method of the compilation (not overridable) handed
    /// the stream, whose body writes it only through writers made over the parameter and ends with an awaited <c>FlushAsync</c> of
    /// one of them or of the stream, after which the stream is at most read (<c>stream.Position = 0</c>)
    /// (SynchronousDisposalAnalyzerTests.FlushedAsynchronouslyByHelperBeforeDisposal_NoDiagnostic, WrittenByHelperWithoutFlush_Reports).
    /// </summary>
    private static bool HelperFlushesLast(IOperation use, CompilationServices services)
    {
        if (use.WalkUpConversions().Parent is not IArgumentOperation { Parameter: { RefKind: RefKind.None } parameter, Parent: IInvocationOperation call }
            || !IsAwaited(call) || call.TargetMethod.BodyPart() is not { IsVirtual: false, IsAbstract: false, IsOverride: false } callee
            || services.Bodies.BodyOf(callee, call) is not { } body)
        {
            return false;
        }

        var writers = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var mentions = new List<IOperation>();
        foreach (var operation in body.Block.Descendants())
        {
            if (operation is IVariableDeclaratorOperation { Symbol: var writer, Initializer.Value: var made } && MadeOverParameter(made, parameter))
            {
                writers.Add(writer);
            }
            else if ((operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                || operation is ILocalReferenceOperation)
            {
                mentions.Add(operation);
            }
        }

        return FlushIsLast(
            mentions.Where(mention => mention is IParameterReferenceOperation || writers.Contains(((ILocalReferenceOperation)mention).Local)),
            throughBaseStream: false,
            mention => mention is IParameterReferenceOperation && (WritesNothing(mention) || MadeOverParameter(mention.WalkUpConversions().Parent?.Parent, parameter)));
    }

    /// <summary><c>new StreamWriter(stream, ...)</c> with <c>stream</c> the parameter.</summary>
    private static bool MadeOverParameter(IOperation? value, IParameterSymbol parameter) =>
        value?.WalkDownConversions() is IObjectCreationOperation { Type: { } writerType, Arguments: { Length: > 0 } arguments } && writerType.IsTextWriter()
        && arguments[0].Value.WalkDownConversions() is IParameterReferenceOperation { Parameter: var over }
        && SymbolEqualityComparer.Default.Equals(over.OriginalDefinition, parameter.OriginalDefinition);

    /// <summary>A use of a stream that leaves nothing in its write buffer: a property read, a seek, a read from it, or the writer made over it.</summary>
    private static bool WritesNothing(IOperation reference) =>
        IsPropertyRead(reference)
        || (reference.Parent is IPropertyReferenceOperation { Property.Name: "Position" } position && ReferenceEquals(position.Instance, reference))
        || (reference.Parent is IInvocationOperation { TargetMethod.Name: "Seek" or "Read" or "ReadAsync" or "CopyTo" or "CopyToAsync" or "ReadExactly" or "ReadExactlyAsync" } read
            && ReferenceEquals(read.Instance, reference))
        || (reference is ILocalReferenceOperation local && reference.WalkUpConversions().Parent is IArgumentOperation { Parent: IObjectCreationOperation creation }
            && SymbolEqualityComparer.Default.Equals(DisposedResources.WriterMadeOver(creation, out _), local.Local));

    private static bool IsPropertyRead(IOperation reference) =>
        reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: false } property && ReferenceEquals(property.Instance, reference)
        && !(property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property));

    private static bool IsAwaited(IOperation call) =>
        call.FirstAncestor<IAwaitOperation>() is { Operation: var awaited } && ReferenceEquals(awaited.UnwrapConfigureAwait(), call);

    private static bool IsWriterOrFileStream(ITypeSymbol type) =>
        type.IsTextWriter() || type.SelfOrBaseTypeMatches(current => current.Name == "FileStream" && current.IsInNamespace("System", "IO"));

    private static IEnumerable<(IOperation? Value, ITypeSymbol? Type, ILocalSymbol? Local)> Resources(IOperation resources)
    {
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    yield return ((declarator.Initializer ?? declaration.Initializer)?.Value, declarator.Symbol.Type, declarator.Symbol);
                }
            }

            yield break;
        }

        var value = resources.WalkDownConversions();
        yield return (value, value.Type, null);
    }

    private static bool AnyAsyncDisposable(IOperation resources, CompilationServices services)
    {
        foreach (var (value, type, _) in Resources(resources))
        {
            if (ImplementsAsyncDisposable(type, services) || ImplementsAsyncDisposable(value?.WalkDownConversions().Type, services))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ImplementsAsyncDisposable(ITypeSymbol? type, CompilationServices services) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type, services.Symbols.IAsyncDisposable)
            || type.AllInterfaces.Contains(services.Symbols.IAsyncDisposable!, SymbolEqualityComparer.Default));

    private static bool HasPublicDisposeAsync(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("DisposeAsync"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public })
                {
                    return true;
                }
            }
        }

        return false;
    }
}
