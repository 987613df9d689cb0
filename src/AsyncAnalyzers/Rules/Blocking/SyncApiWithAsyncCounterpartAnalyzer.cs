using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Blocking;

/// <summary>ASYNC103: a synchronous API called in async code where an awaitable counterpart exists.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncApiWithAsyncCounterpartAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC103);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { } services)
            {
                return;
            }

            var exclusions = new ConcurrentDictionary<SyntaxTree, SymbolNameList>();
            start.RegisterOperationAction(c => Analyze(c, services, exclusions), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, CompilationServices services, ConcurrentDictionary<SyntaxTree, SymbolNameList> exclusions)
    {
        var symbols = services.Symbols;
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // LINQ operators are reported only where they run an EF Core query (SyncApiWithAsyncCounterpartAnalyzerTests.EfQueryCount_Reports,
        // LinqToList_NoDiagnostic).
        if (method.IsExtensionMethod)
        {
            AnalyzeQuery(context, services, exclusions);
            return;
        }

        // Cheapest checks first: most invocations return here, before any look-up. A method that already returns an awaitable
        // is not a synchronous API (SyncApiWithAsyncCounterpartAnalyzerTests.MethodReturningTask_NoDiagnostic).
        if (method.ContainingType is null
            || method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || symbols.IsAwaitable(method.ReturnType))
        {
            return;
        }

        var asyncContext = AsyncContext.Of(invocation, context.ContainingSymbol);
        if (!asyncContext.IsAsync)
        {
            return;
        }

        var receiverType = method.IsStatic ? method.ContainingType : invocation.Instance?.Type;
        if (receiverType is null || IsSynchronousReceiver(receiverType, invocation.Instance, symbols))
        {
            return;
        }

        if (services.Counterparts.Find(method, receiverType, invocation.SemanticModel, invocation.Syntax.SpanStart) is not { } found)
        {
            return;
        }

        var counterpart = found.Method;

        // Inaccessible counterparts (SyncApiWithAsyncCounterpartAnalyzerTests.InaccessibleCounterpart_NoDiagnostic), the
        // async method we are inside, which would be recursion advice (SyncApiWithAsyncCounterpartAnalyzerTests.CounterpartIsEnclosingMethod_NoDiagnostic),
        // and writers or wrapping streams built over a MemoryStream, whose I/O never leaves memory
        // (SyncApiWithAsyncCounterpartAnalyzerTests.StreamWriterOverMemoryStream_NoDiagnostic, GZipStreamOverMemoryStream_NoDiagnostic),
        // and the console's streams behind the compilation's own properties (MethodSummaries.IsConsoleStream),
        // and the reader or writer of an in-memory Pipe the code created itself (SyncApiWithAsyncCounterpartAnalyzerTests.CompleteOnEndOfOwnPipe_NoDiagnostic),
        // and a Complete that does no I/O on any pipe end: a reader's, or a writer's given a non-null error
        // (SyncApiWithAsyncCounterpartAnalyzerTests.CompleteReaderOrWriterWithError_NoDiagnostic).
        var within = context.ContainingSymbol.ContainingType ?? (ISymbol)context.Compilation.Assembly;
        if (!IsAccessible(context.Compilation, counterpart.ReducedFrom ?? counterpart, within, method.IsStatic || found.IsExtension ? null : receiverType)
            || IsEnclosingFunction(counterpart, asyncContext, context.ContainingSymbol)
            || IsExcludedByDesign(invocation, symbols)
            || services.Summaries.IsOverMemoryStream(invocation.Instance)
            || services.Summaries.StreamArgumentsAreInMemory(invocation)
            || InMemoryWriters.OpensCreatedArchiveEntry(invocation)
            || services.Summaries.IsConsoleStream(invocation.Instance)
            || services.Summaries.IsInMemoryPipeEnd(invocation.Instance)
            || services.Summaries.CompletesPipeWithoutIo(invocation))
        {
            return;
        }

        // The synchronous arm of a dual-mode body runs only for synchronous callers, next to an arm that already awaits
        // (SyncApiWithAsyncCounterpartAnalyzerTests.DualModeElseArm_NoDiagnostic, DualModeTernary_NoDiagnostic,
        // DualModeSynchronousTestFirst_NoDiagnostic, DualModeNestedInSyncArm_NoDiagnostic, DualModeBoolFlag_NoDiagnostic,
        // DualModeSwitchOnMode_NoDiagnostic, DualModeInLambdaAndLocalFunction_NoDiagnostic); a call that ignores the mode is still
        // reported (SyncApiWithAsyncCounterpartAnalyzerTests.DualModeUnguardedCall_Reports).
        if (DualMode.IsInSynchronousArm(invocation) || CounterpartIsNoBetter(invocation, found, receiverType, services, context.Compilation))
        {
            return;
        }

        // ExecuteJob(provider); await ExecuteJobAsync(provider);: the counterpart is already called beside it, on the same receiver:
        // two hooks a derived type may fill either of, not a synchronous call in place of an asynchronous one
        // (SyncApiWithAsyncCounterpartAnalyzerTests.SyncAndAsyncHooksCalledTogether_NoDiagnostic).
        if (CounterpartCalledBeside(invocation, counterpart))
        {
            return;
        }

        // A call that blocks on nothing: every body it may run is async void (a fire-and-forget wrapper such as
        // ICommand.Execute => await ExecuteAsync(...), which returns at its first await) or empty, and no other assembly can supply one
        // (SyncApiWithAsyncCounterpartAnalyzerTests.InterfaceMethodEveryImplementationAsyncVoid_NoDiagnostic, InterfaceMethodOneImplementationBlocks_Reports,
        // PublicInterfaceOfLibraryAsyncVoidImplementations_Reports).
        if (services.Summaries.ReturnsWithoutWaiting(invocation).IsYes)
        {
            return;
        }

        // User exclusions from .editorconfig (SyncApiWithAsyncCounterpartAnalyzerTests.ExcludedMethodInEditorConfig_NoDiagnostic).
        var tree = invocation.Syntax.SyntaxTree;
        var excluded = exclusions.GetOrAdd(tree, t => SymbolNameList.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(t), AnalyzerOptionKeys.Async103ExcludedMethods));
        if (excluded.Contains(method, receiverType))
        {
            return;
        }

        context.ReportDiagnostic(Findings.Create(
            context.Options,
            Descriptors.ASYNC103,
            invocation.Syntax.GetLocation(),
            null,
            FixProperties(invocation, found, symbols, context.ContainingSymbol),
            method.ContainingType.Name + "." + method.Name,
            (counterpart.ReducedFrom ?? counterpart).ContainingType.Name + "." + counterpart.Name));
    }

    /// <summary>
    /// The block around the call (the statements of its enclosing block) also calls the counterpart, on a receiver and with
    /// arguments written the same way (a cancellation token aside): the same work asked for twice, once each way.
    /// </summary>
    private static bool CounterpartCalledBeside(IInvocationOperation invocation, IMethodSymbol counterpart)
    {
        var target = (counterpart.ReducedFrom ?? counterpart).OriginalDefinition;
        IOperation statement = invocation;
        while (statement.Parent is not null and not IBlockOperation)
        {
            statement = statement.Parent;
        }

        if (statement.Parent is not IBlockOperation block)
        {
            return false;
        }

        var receiver = invocation.Instance is { IsImplicit: false } instance ? instance.Syntax.ToString() : null;
        var arguments = ArgumentTexts(invocation);
        foreach (var sibling in block.Operations)
        {
            if (ReferenceEquals(sibling, statement))
            {
                continue;
            }

            foreach (var operation in sibling.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call
                    && SymbolEqualityComparer.Default.Equals((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition, target)
                    && (call.Instance is { IsImplicit: false } other ? other.Syntax.ToString() : null) == receiver
                    && ArgumentTexts(call) == arguments)
                {
                    return true;
                }
            }
        }

        return false;

        static string ArgumentTexts(IInvocationOperation call)
        {
            var texts = new System.Text.StringBuilder();
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Value.Type?.Name != "CancellationToken")
                {
                    texts.Append(argument.Syntax.ToString()).Append('\u0001');
                }
            }

            return texts.ToString();
        }
    }

    /// <summary>
    /// <c>query.Count()</c>, <c>query.ToList()</c>, ... over a DbSet in async code, where EF Core has <c>CountAsync</c>,
    /// <c>ToListAsync</c>. A LINQ call inside a query's lambda is in a lambda that is not async, and in an expression tree that
    /// EF translates to SQL (SyncApiWithAsyncCounterpartAnalyzerTests.EfCountInsideExpressionTree_NoDiagnostic).
    /// </summary>
    private static void AnalyzeQuery(OperationAnalysisContext context, CompilationServices services, ConcurrentDictionary<SyntaxTree, SymbolNameList> exclusions)
    {
        var symbols = services.Symbols;
        var invocation = (IInvocationOperation)context.Operation;
        var type = invocation.TargetMethod.ContainingType;
        if (!(SymbolEqualityComparer.Default.Equals(type, symbols.Queryable) || SymbolEqualityComparer.Default.Equals(type, symbols.Enumerable))
            || !AsyncContext.Of(invocation, context.ContainingSymbol).IsAsync
            || EfCoreQueries.Find(invocation, symbols) is not { } found)
        {
            return;
        }

        // The synchronous arm of a dual-mode body, and user exclusions (SyncApiWithAsyncCounterpartAnalyzerTests.EfQueryDualMode_NoDiagnostic,
        // EfQueryExcludedInEditorConfig_NoDiagnostic).
        var method = invocation.TargetMethod;
        var excluded = exclusions.GetOrAdd(invocation.Syntax.SyntaxTree, t => SymbolNameList.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(t), AnalyzerOptionKeys.Async103ExcludedMethods));
        if (DualMode.IsInSynchronousArm(invocation) || excluded.Contains(method, type))
        {
            return;
        }

        // EF Core over SQLite only, or a query of a context configured with SQLite alone: the async query runs synchronously
        // (SyncApiWithAsyncCounterpartAnalyzerTests.EfQueryOverSqliteOnly_NoDiagnostic, EfQueryOfTheSqliteContext_NoDiagnostic,
        // EfQueryOfThePostgresContext_Reports).
        if (services.DatabaseProviders.IsSqlite(EfCoreQueries.ContextOf(invocation.Arguments[0].Value, symbols)))
        {
            return;
        }

        var properties = FixProperties(invocation, found, symbols, context.ContainingSymbol)
            .Add(DiagnosticProperties.CounterpartNamespace, (found.Method.ReducedFrom ?? found.Method).ContainingNamespace.ToDisplayString());
        context.ReportDiagnostic(Findings.Create(
            context.Options,
            Descriptors.ASYNC103,
            invocation.Syntax.GetLocation(),
            null,
            properties,
            type.Name + "." + method.Name,
            (found.Method.ReducedFrom ?? found.Method).ContainingType.Name + "." + found.Method.Name));
    }

    private static ImmutableDictionary<string, string?> FixProperties(IInvocationOperation invocation, Counterpart found, AsyncSymbols symbols, ISymbol containingSymbol)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(DiagnosticProperties.Counterpart, found.Method.Name);
        if (found.IsExtension)
        {
            properties.Add(DiagnosticProperties.Extension, "true");
        }

        if (found.Token is { } token)
        {
            properties.Add(DiagnosticProperties.TokenParameter, token.Name);
            if (CancellationTokens.FindInScope(invocation, containingSymbol, symbols) is { } inScope)
            {
                properties.Add(DiagnosticProperties.TokenInScope, inScope.Name);
            }

            if (found.TokenRequired)
            {
                properties.Add(DiagnosticProperties.TokenRequired, "true");
            }
        }

        // await x?.FooAsync() would await null, and await cannot go inside lock or unsafe code: report, but offer no fix
        // (SyncApiWithAsyncCounterpartCodeFixTests.ConditionalAccess_NoFix, SyncApiWithAsyncCounterpartCodeFixTests.InsideLock_NoFix).
        if (!AsyncContext.CanInsertAwait(invocation) || IsInConditionalAccessChain(invocation))
        {
            properties.Add(DiagnosticProperties.NoFix, "true");
        }

        return properties.ToImmutable();
    }

    /// <summary>
    /// Public members of public types are accessible everywhere; only the others need the compiler's check, which first walks the
    /// compilation's references to validate its arguments and was a fifth of this rule's time.
    /// </summary>
    private static bool IsAccessible(Compilation compilation, ISymbol symbol, ISymbol within, ITypeSymbol? throughType)
    {
        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return compilation.IsSymbolAccessibleWithin(symbol, within, throughType);
            }
        }

        return true;
    }

    /// <summary>True for <c>x?.Foo()</c> and <c>x?.Bar.Foo()</c>: the receiver chain starts at a conditional access.</summary>
    private static bool IsInConditionalAccessChain(IInvocationOperation invocation)
    {
        for (var current = invocation.Instance; current is not null;)
        {
            switch (current)
            {
                case IConditionalAccessInstanceOperation:
                    return true;
                case IMemberReferenceOperation member:
                    current = member.Instance;
                    break;
                case IInvocationOperation call:
                    current = call.Instance;
                    break;
                case IConversionOperation or IParenthesizedOperation:
                    current = current.WalkDownConversions();
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The async call would not free the thread either, or the synchronous one does no I/O: the counterpart completes
    /// synchronously, or the call computes over in-memory values.
    /// </summary>
    private static bool CounterpartIsNoBetter(IInvocationOperation invocation, Counterpart found, ITypeSymbol receiverType, CompilationServices services, Compilation compilation)
    {
        var method = invocation.TargetMethod;
        var implementation = found.Implementation;

        // A data reader's current row is buffered; a modal dialog is a message loop, not I/O; a command's Execute starts it;
        // Npgsql's BeginTransaction sends nothing; FluentValidation's Validate runs synchronous rules only
        // (SyncApiWithAsyncCounterpartAnalyzerTests.DataReaderIsDBNull_NoDiagnostic, DataReaderGetFieldValue_NoDiagnostic, FormShowDialog_NoDiagnostic,
        // AsyncCommandExecute_NoDiagnostic, NpgsqlBeginTransaction_NoDiagnostic, FluentValidationValidate_NoDiagnostic).
        if (KnownApis.IsBufferedRowAccessor(method) || KnownApis.IsModalDialog(method) || KnownApis.IsCommandExecute(method)
            || KnownApis.IsDeferredTransactionStart(method) || KnownApis.IsSynchronousValidation(method))
        {
            return true;
        }

        // Microsoft.Data.Sqlite's async methods run synchronously (SyncApiWithAsyncCounterpartAnalyzerTests.SqliteProvider_NoDiagnostic).
        if (KnownApis.IsSynchronousProvider(receiverType) || KnownApis.IsSynchronousProvider(implementation.ContainingType))
        {
            return true;
        }

        // EF Core (SaveChanges, Find, the database facade) in a compilation that configures SQLite and no other provider
        // (SyncApiWithAsyncCounterpartAnalyzerTests.EfCoreOverSqliteOnly_NoDiagnostic, EfCoreOverSqliteAndSqlServer_Reports).
        if (implementation.ContainingType.IsInNamespace("Microsoft", "EntityFrameworkCore") && services.DatabaseProviders.IsSqlite(EfContextOf(invocation, services.Symbols)))
        {
            return true;
        }

        // A provider that does not override DbDataReader.ReadAsync (DbCommand.ExecuteReaderAsync, ...) inherits the base version,
        // which calls the synchronous one; through the base type itself the provider is unknown, and may override
        // (SyncApiWithAsyncCounterpartAnalyzerTests.ProviderWithoutAsyncOverride_NoDiagnostic, ProviderWithAsyncOverride_Reports, TransactionThroughBaseType_Reports).
        if (KnownApis.IsAdoNetBaseDefault(implementation) && receiverType.TypeKind == TypeKind.Class && !KnownApis.IsAdoNetBaseType(receiverType))
        {
            return true;
        }

        // A counterpart of this compilation that only ever returns completed tasks (Task.FromResult(GetColumnSchema()))
        // (SyncApiWithAsyncCounterpartAnalyzerTests.CounterpartReturnsFromResult_NoDiagnostic, CounterpartAwaitsOnlyCompletedWork_NoDiagnostic,
        // InterfaceCounterpartAllImplementationsSynchronous_NoDiagnostic).
        var compilationAssembly = compilation.Assembly;
        if (SymbolEqualityComparer.Default.Equals(implementation.ContainingAssembly, compilationAssembly)
            && services.Summaries.CompletesSynchronously(implementation, invocation).IsYes)
        {
            return true;
        }

        // A counterpart of this compilation that calls the synchronous method itself (await MainLoop; ...; SetNeedsHashCheck();):
        // it does the same blocking work, only later and elsewhere, and the call is no worse than it
        // (SyncApiWithAsyncCounterpartAnalyzerTests.CounterpartCallsTheSynchronousMethod_NoDiagnostic, CounterpartDoesItsOwnWork_Reports).
        if (SymbolEqualityComparer.Default.Equals(implementation.ContainingAssembly, compilationAssembly)
            && CallsItself(implementation, method, invocation, services))
        {
            return true;
        }

        // A method of this compilation that only reads in-memory collections (a cache look-up beside a REST fetch of the same
        // thing) blocks on nothing (SyncApiWithAsyncCounterpartAnalyzerTests.OwnCacheLookupBesideRestFetch_NoDiagnostic).
        if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilationAssembly)
            && services.Summaries.OnlyReadsCollections(method, invocation))
        {
            return true;
        }

        // A library call with no sign of I/O whose inputs are in-memory values computes (parser.ParseDocument(html),
        // factory.CreateDbContext()); the compilation's own methods, and its sibling projects', are judged by their counterpart
        // alone (SyncApiWithAsyncCounterpartAnalyzerTests.LibraryParserOverString_NoDiagnostic, DbContextFactoryCreate_NoDiagnostic,
        // LibraryParserOverStream_Reports, LibraryCallWithPathArgument_Reports, SiblingProjectMethod_Reports).
        return !services.IoEvidence.IsOwnCode(method) && services.IoEvidence.IsComputation(invocation);
    }

    /// <summary>The context an EF Core call acts on: <c>db.SaveChanges()</c>, <c>db.Database.ExecuteSqlRaw(...)</c>, <c>db.Orders.Find(id)</c>.</summary>
    private static ITypeSymbol? EfContextOf(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        var receiver = invocation.Instance?.WalkDownConversions() ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.WalkDownConversions() : null);
        return receiver switch
        {
            null => null,
            IPropertyReferenceOperation { Property.Name: "Database", Instance: { } context } => context.Type,
            _ => EfCoreQueries.ContextOf(receiver, symbols) ?? receiver.Type,
        };
    }

    /// <summary>The counterpart's own body (not its lambdas) calls <paramref name="method"/>.</summary>
    private static bool CallsItself(IMethodSymbol counterpart, IMethodSymbol method, IOperation use, CompilationServices services)
    {
        if (services.Bodies.BodyOf(counterpart, use) is not { } body)
        {
            return false;
        }

        var target = method.OriginalDefinition;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Calls whose async twin is wrong advice or another rule's business.</summary>
    private static bool IsExcludedByDesign(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;

        // Task.Wait(token) and awaiter.GetResult are ASYNC101's: one diagnostic per mistake (SyncApiWithAsyncCounterpartAnalyzerTests.TaskWaitWithToken_NoDiagnostic).
        if (symbols.IsAwaitable(type) || method.Name == "GetResult")
        {
            return true;
        }

        switch (method.Name)
        {
            // Dispose → DisposeAsync is a change of shape (await using); Cancel → CancelAsync changes where callbacks run
            // (SyncApiWithAsyncCounterpartAnalyzerTests.Dispose_NoDiagnostic, Close_NoDiagnostic, CancellationTokenSourceCancel_NoDiagnostic).
            case "Dispose" or "Close" when method.Parameters.Length == 0:
            case "Cancel" when SymbolEqualityComparer.Default.Equals(type, symbols.CancellationTokenSource):
                return true;

            // SemaphoreSlim.Wait(0) and Wait(TimeSpan.Zero) are try-acquires that never block
            // (SyncApiWithAsyncCounterpartAnalyzerTests.SemaphoreSlimWaitZero_NoDiagnostic, SemaphoreSlimWaitTimeSpanZero_NoDiagnostic).
            case "Wait" when SymbolEqualityComparer.Default.Equals(type, symbols.SemaphoreSlim)
                && BlockingCalls.HasZeroTimeout(invocation, symbols):
                return true;

            // EF Core's AddAsync exists only for special value generators; Add is the right call in async code
            // (SyncApiWithAsyncCounterpartAnalyzerTests.EfCoreAdd_NoDiagnostic).
            case "Add" or "AddRange" or "Attach" or "AttachRange" when KnownApis.IsEfCoreTrackingMethod(method):
                return true;
        }

        // Test assertions: Assert.Throws and Assert.ThrowsAsync test different things (SyncApiWithAsyncCounterpartAnalyzerTests.AssertionLibrary_NoDiagnostic).
        return KnownApis.IsTestAssertionType(type);
    }

    /// <summary>
    /// Receivers whose async methods complete synchronously anyway, and Console's synchronized writers
    /// (SyncApiWithAsyncCounterpartAnalyzerTests.MemoryStreamRead_NoDiagnostic, DerivedMemoryStreamRead_NoDiagnostic,
    /// StringReaderReadToEnd_NoDiagnostic, StringWriterWrite_NoDiagnostic, StringBuilderSourceExtension_NoDiagnostic,
    /// ConsoleOutWriteLine_NoDiagnostic, ConsoleErrorWrite_NoDiagnostic).
    /// </summary>
    private static bool IsSynchronousReceiver(ITypeSymbol receiverType, IOperation? instance, AsyncSymbols symbols) =>
        instance?.WalkDownConversions() is IPropertyReferenceOperation { Property.IsStatic: true } console && SymbolEqualityComparer.Default.Equals(console.Property.ContainingType, symbols.Console)
        || receiverType.InheritsFromOrEquals(symbols.MemoryStream)
        || receiverType.InheritsFromOrEquals(symbols.StringReader)
        || receiverType.InheritsFromOrEquals(symbols.StringWriter)
        || receiverType.InheritsFromOrEquals(symbols.StringBuilder)
        || SymbolEqualityComparer.Default.Equals(receiverType, symbols.Console);

    private static bool IsEnclosingFunction(IMethodSymbol counterpart, AsyncContext asyncContext, ISymbol containingSymbol)
    {
        var definition = (counterpart.ReducedFrom ?? counterpart).OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, asyncContext.Function?.OriginalDefinition)
            || SymbolEqualityComparer.Default.Equals(definition, containingSymbol.OriginalDefinition);
    }

}
