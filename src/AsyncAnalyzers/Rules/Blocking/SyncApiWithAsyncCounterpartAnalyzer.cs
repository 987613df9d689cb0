using System.Collections.Concurrent;
using System.Collections.Immutable;
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

            var symbols = services.Symbols;

            var counterparts = services.Counterparts;
            var exclusions = new ConcurrentDictionary<SyntaxTree, SymbolNameList>();
            start.RegisterOperationAction(c => Analyze(c, symbols, counterparts, exclusions), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSymbols symbols, AsyncCounterparts counterparts, ConcurrentDictionary<SyntaxTree, SymbolNameList> exclusions)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // Cheapest checks first: most invocations return here, before any look-up. Extension methods (LINQ's ToList) are never
        // reported (SyncApiWithAsyncCounterpartAnalyzerTests.LinqToList_NoDiagnostic); a method that already returns an
        // awaitable is not a synchronous API (SyncApiWithAsyncCounterpartAnalyzerTests.MethodReturningTask_NoDiagnostic).
        if (method.IsExtensionMethod
            || method.ContainingType is null
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

        if (counterparts.Find(method, receiverType, invocation.SemanticModel, invocation.Syntax.SpanStart) is not { } found)
        {
            return;
        }

        var counterpart = found.Method;

        // Inaccessible counterparts (SyncApiWithAsyncCounterpartAnalyzerTests.InaccessibleCounterpart_NoDiagnostic), the
        // async method we are inside, which would be recursion advice (SyncApiWithAsyncCounterpartAnalyzerTests.CounterpartIsEnclosingMethod_NoDiagnostic),
        // and writers or wrapping streams built over a MemoryStream, whose I/O never leaves memory
        // (SyncApiWithAsyncCounterpartAnalyzerTests.StreamWriterOverMemoryStream_NoDiagnostic, GZipStreamOverMemoryStream_NoDiagnostic).
        var within = context.ContainingSymbol.ContainingType ?? (ISymbol)context.Compilation.Assembly;
        if (!IsAccessible(context.Compilation, counterpart.ReducedFrom ?? counterpart, within, method.IsStatic || found.IsExtension ? null : receiverType)
            || IsEnclosingFunction(counterpart, asyncContext, context.ContainingSymbol)
            || IsExcludedByDesign(invocation, symbols)
            || InMemoryWriters.IsOverMemoryStream(invocation.Instance, symbols))
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

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ASYNC103,
            invocation.Syntax.GetLocation(),
            FixProperties(invocation, found, symbols, context.ContainingSymbol),
            method.ContainingType.Name + "." + method.Name,
            (counterpart.ReducedFrom ?? counterpart).ContainingType.Name + "." + counterpart.Name));
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
