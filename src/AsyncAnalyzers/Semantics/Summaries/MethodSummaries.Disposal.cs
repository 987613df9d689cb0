using System.Collections.Concurrent;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about disposal: does disposing a type asynchronously do work its synchronous Dispose blocks on (ASYNC105)?</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<ITypeSymbol, Fact> _asyncDisposalWaits = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsNothingToFlush = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Yes when the type's DisposeAsync is its own and does I/O or waits: a library type that overrides the base's synchronous
    /// default (FileStream, StreamWriter, a provider's DbConnection, Utf8JsonWriter), an ADO.NET base type whose provider is
    /// unknown, or a type of this compilation whose DisposeAsync can suspend. No for types that are not IAsyncDisposable,
    /// in-memory types, DisposeAsync inherited from Stream or TextWriter (it calls Dispose), library interfaces, and timers and
    /// registrations whose synchronous Dispose never blocks. Unknown when a walk was cut short.
    /// </summary>
    public Fact AsyncDisposalWaits(ITypeSymbol? type, IOperation use)
    {
        if (type is null)
        {
            return Fact.No(use);
        }

        // One answer per type for the compilation; an answer cut short is not kept (the rule of MethodSummaries).
        if (_asyncDisposalWaits.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var fact = ComputeAsyncDisposalWaits(type, use);
        if (fact.Answer != Answer.Unknown)
        {
            _asyncDisposalWaits.TryAdd(type, fact);
        }

        return fact;
    }

    private Fact ComputeAsyncDisposalWaits(ITypeSymbol? type, IOperation use)
    {
        if (type is null || _symbols.IAsyncDisposable is not { } asyncDisposable || type.TypeKind == TypeKind.Error
            || !(SymbolEqualityComparer.Default.Equals(type, asyncDisposable) || type.AllInterfaces.Contains(asyncDisposable, SymbolEqualityComparer.Default)))
        {
            return Fact.No(use);
        }

        // MemoryStream and StringWriter dispose in memory (SynchronousDisposalAnalyzerTests.MemoryStream_NoDiagnostic, StringWriter_NoDiagnostic);
        // Timer.Dispose and CancellationTokenRegistration.Dispose do not block on I/O, their DisposeAsync waits for callbacks that
        // the synchronous Dispose lets run (SynchronousDisposalAnalyzerTests.TimerAndRegistration_NoDiagnostic); Sqlite runs synchronously
        // (SynchronousDisposalAnalyzerTests.SqliteLikeProviderWithoutOverride_NoDiagnostic covers the provider without an override).
        // SslStream and NegotiateStream buffer nothing: their disposal closes the inner stream, which is judged on its own
        // (SynchronousDisposalAnalyzerTests.AuthenticatedStream_NoDiagnostic). A command or batch frees its own state; its reader and
        // connection are the resources that talk to the server (SynchronousDisposalAnalyzerTests.DbCommand_NoDiagnostic,
        // DbDataReaderBaseType_Reports).
        if (type.InheritsFromOrEquals(_symbols.MemoryStream) || type.InheritsFromOrEquals(_symbols.StringWriter)
            || type.InheritsFromOrEquals(_symbols.AuthenticatedStream) || KnownApis.IsAdoNetCommand(type)
            || SymbolEqualityComparer.Default.Equals(type, _symbols.ThreadingTimer)
            || SymbolEqualityComparer.Default.Equals(type, _symbols.CancellationTokenRegistration)
            || KnownApis.IsSynchronousProvider(type))
        {
            return Fact.No(use);
        }

        // An EF Core DbContext opens and closes its connection around each query and SaveChanges: unless the code opened the
        // connection itself (then the connection or the transaction is the resource to dispose asynchronously), its disposal has
        // nothing to write or wait for (SynchronousDisposalAnalyzerTests.EfDbContext_NoDiagnostic).
        if (type.InheritsFromOrEquals(_symbols.EfDbContext))
        {
            return Fact.No(use);
        }

        if (asyncDisposable.GetMembers("DisposeAsync").FirstOrDefault() is not IMethodSymbol disposeAsync)
        {
            return Fact.No(use);
        }

        // An interface or type parameter may be anything (SynchronousDisposalAnalyzerTests.InterfaceTypedResource_NoDiagnostic).
        if (type.TypeKind is TypeKind.Interface or TypeKind.TypeParameter)
        {
            return Fact.No(use);
        }

        if (type.FindImplementationForInterfaceMember(disposeAsync) is not IMethodSymbol implementing)
        {
            return Fact.No(use);
        }

        var implementation = MostDerivedOverride(type, implementing);

        if (implementation.DeclaringSyntaxReferences.Length > 0)
        {
            // The compilation's own DisposeAsync counts when it awaits something real
            // (SynchronousDisposalAnalyzerTests.OwnTypeDisposeAsyncAwaits_Reports, OwnTypeDisposeAsyncCompletesSynchronously_NoDiagnostic).
            return OwnDisposeAsyncCanSuspend(implementation, use);
        }

        // A library's reader (Newtonsoft's JsonTextReader, an XML or binary reader) reads: it has nothing to write back, and its
        // DisposeAsync releases what it reads as Dispose does. Not a DbDataReader, which drains the rest of the server's results
        // (SynchronousDisposalAnalyzerTests.LibraryReader_NoDiagnostic, DbDataReaderBaseType_Reports).
        if (type.Name.EndsWith("Reader", System.StringComparison.Ordinal) && !IsAdoNetDataReader(type))
        {
            return Fact.No(use);
        }

        // DisposeAsync inherited from Stream or TextWriter calls Dispose and returns a completed task: nothing to gain, and a stream
        // seen only as Stream may be any stream (SynchronousDisposalAnalyzerTests.ReadOnlyStreamInheritingDisposeAsync_NoDiagnostic,
        // StreamFromUnknownSource_NoDiagnostic).
        var declaring = implementation.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(declaring, _symbols.Stream) || SymbolEqualityComparer.Default.Equals(declaring, _symbols.TextWriter))
        {
            return Fact.No(use);
        }

        // The ADO.NET bases' DisposeAsync calls Dispose: a provider that does not override it gains nothing; through the base type
        // the provider is unknown and may override (SynchronousDisposalAnalyzerTests.SqliteLikeProviderWithoutOverride_NoDiagnostic,
        // DbConnectionBaseType_Reports).
        if (KnownApis.IsAdoNetBaseDefault(implementation))
        {
            return Fact.From(KnownApis.IsAdoNetBaseType(type), use);
        }

        return Fact.Yes(use);
    }

    /// <summary>
    /// A private field every value of which has nothing to flush (<see cref="DisposedResources.HasNothingToFlush"/>, or over memory
    /// through other fields): <c>_decompressor = new DeflateStream(_compressed, CompressionMode.Decompress)</c>.
    /// </summary>
    public bool FieldHasNothingToFlush(IOperation value)
    {
        if (value.WalkDownConversions() is not IFieldReferenceOperation { Field: var field } reference
            || _bodies.PrivateFieldValues(field, reference) is not { Values: { Count: > 0 } values })
        {
            return false;
        }

        foreach (var assigned in values)
        {
            if (!DisposedResources.HasNothingToFlush(assigned, _symbols) && !IsOverMemoryStream(assigned))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A call of the compilation's own method (every implementation, for an interface or virtual one) each of whose returned values
    /// has nothing to flush: <c>SystemIO.IO_OS.FileOpenRead(path)</c> that returns <c>File.OpenRead(path)</c> on one platform and
    /// <c>File.Open(path, FileMode.Open, FileAccess.Read, ...)</c> on the other (SynchronousDisposalAnalyzerTests.StreamFromOwnReadOnlyOpener_NoDiagnostic,
    /// StreamFromOwnOpenerThatMayWrite_Reports).
    /// </summary>
    public bool ReturnedValuesHaveNothingToFlush(IOperation value)
    {
        if (DisposedResources.Origin(value) is not IInvocationOperation { TargetMethod: var method } call || !IsSourceMethod(method))
        {
            return false;
        }

        return _returnsNothingToFlush.GetOrAdd(method.OriginalDefinition, _ => ReturnsNothingToFlush(method, call));
    }

    private bool ReturnsNothingToFlush(IMethodSymbol method, IOperation call)
    {
        var fact = OverAllImplementations(method, new Walk(1), (implementation, _) =>
        {
            if (_bodies.BodyOf(implementation, call) is not { } body)
            {
                return Fact.Yes();
            }

            var any = false;
            foreach (var operation in body.Block.DescendantsInSameFunction())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    any = true;
                    if (!DisposedResources.HasNothingToFlush(returned, _symbols))
                    {
                        return Fact.Yes(returned);
                    }
                }
            }

            return Fact.From(!any);
        }, whenNone: Fact.Yes());
        return fact.IsNo;
    }

    private static bool IsAdoNetDataReader(ITypeSymbol type) =>
        type.SelfOrBaseTypeMatches(current => current.Name == "DbDataReader" && current.IsInNamespace("System", "Data", "Common"));

    /// <summary>
    /// The override of <paramref name="implementing"/> that runs for <paramref name="type"/>: the compiler names the base method that
    /// implements the interface (Stream.DisposeAsync for a FileStream), not the override a derived type declares.
    /// </summary>
    private static IMethodSymbol MostDerivedOverride(ITypeSymbol type, IMethodSymbol implementing)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(implementing.Name))
            {
                if (member is not IMethodSymbol { Parameters.Length: 0 } method)
                {
                    continue;
                }

                for (var overridden = method; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, implementing.OriginalDefinition))
                    {
                        return method;
                    }
                }
            }
        }

        return implementing;
    }

    private Fact OwnDisposeAsyncCanSuspend(IMethodSymbol method, IOperation use)
    {
        // The same walk and cache as CallCanSuspend, over the method and every override of it in the compilation.
        var walk = new Walk(DefaultDepth);
        var fact = OverAllImplementations(
            method,
            walk,
            (m, w) => Summarize(_canSuspend, m, use, w, (self, body, inner) => self.MethodCanSuspend(body, inner), unreadable: Fact.Yes()),
            whenNone: Fact.No(use));
        return Settle(fact, walk);
    }
}
