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
        if (FlushedAsynchronouslyLast(context.Operation, resources))
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

        ITypeSymbol? culprit = null;
        var allAsyncDisposable = true;
        foreach (var (value, type) in Resources(resources))
        {
            allAsyncDisposable &= ImplementsAsyncDisposable(type, services);
            if (culprit is null && DisposalWaits(value, type, context.Operation, services) is { } waiting)
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

        var receiver = instance.WalkDownConversions();
        if (receiver is IConditionalAccessInstanceOperation && invocation.Parent is IConditionalAccessOperation access)
        {
            receiver = access.Operation.WalkDownConversions();
        }

        // Most Dispose calls are on types that are only IDisposable: the cheapest test goes first.
        if (!ImplementsAsyncDisposable(receiver.Type, services) || !IsAsyncContext(invocation, context.ContainingSymbol))
        {
            return;
        }

        if (DisposalWaits(receiver, receiver.Type, invocation, services) is not { } culprit)
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
        return DisposedResources.HasNothingToFlush(value, services.Symbols) || services.Summaries.FieldHasNothingToFlush(value) ? null : type;
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
    /// Every local the using declares is a stream that its scope mentions only as the receiver of a read (<c>Read</c>,
    /// <c>ReadAsync</c>, <c>CopyTo</c>, <c>CopyToAsync</c>, <c>Seek</c>, ...) or of a property read: nothing is written to it.
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
                && !(reference.Parent is IInvocationOperation { TargetMethod.Name: var name } read && ReferenceEquals(read.Instance, reference)
                    && (name.StartsWith("Read", System.StringComparison.Ordinal) || name.StartsWith("CopyTo", System.StringComparison.Ordinal) || name == "Seek")))
            {
                return false;
            }
        }

        return locals.Count > 0;
    }

    /// <summary>
    /// Every local the using declares is last mentioned, in its scope, as the receiver of an awaited <c>FlushAsync</c>: nothing is
    /// written after the asynchronous flush, so disposal only closes.
    /// </summary>
    private static bool FlushedAsynchronouslyLast(IOperation usingOperation, IOperation resources)
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
                ILocalReferenceOperation? last = null;
                foreach (var operation in scope.Descendants())
                {
                    // downloadSize = file.Length after the flush: reading a property writes nothing.
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                        && !IsPropertyRead(reference)
                        && (last is null || reference.Syntax.SpanStart > last.Syntax.SpanStart))
                    {
                        last = reference;
                    }
                }

                if (last?.Parent is not IInvocationOperation { TargetMethod.Name: "FlushAsync" } flush
                    || !ReferenceEquals(flush.Instance, last)
                    || !IsAwaited(flush))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private static bool IsPropertyRead(ILocalReferenceOperation reference) =>
        reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: false } property && ReferenceEquals(property.Instance, reference)
        && !(property.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property));

    private static bool IsAwaited(IOperation call) =>
        call.FirstAncestor<IAwaitOperation>() is { Operation: var awaited } && ReferenceEquals(awaited.UnwrapConfigureAwait(), call);

    private static bool IsWriterOrFileStream(ITypeSymbol type) =>
        type.SelfOrBaseTypeMatches(current => current.Name is "TextWriter" or "FileStream" && current.IsInNamespace("System", "IO"));

    private static IEnumerable<(IOperation? Value, ITypeSymbol? Type)> Resources(IOperation resources)
    {
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    yield return ((declarator.Initializer ?? declaration.Initializer)?.Value, declarator.Symbol.Type);
                }
            }

            yield break;
        }

        var value = resources.WalkDownConversions();
        yield return (value, value.Type);
    }

    private static bool AnyAsyncDisposable(IOperation resources, CompilationServices services)
    {
        foreach (var (value, type) in Resources(resources))
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
