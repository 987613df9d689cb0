using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Blocking;

/// <summary>ASYNC103: a synchronous API called in async code where an awaitable counterpart exists.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncApiWithAsyncCounterpartAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the counterpart's name.</summary>
    public const string CounterpartProperty = "Counterpart";

    /// <summary>Diagnostic property, set when the counterpart's last parameter is a CancellationToken.</summary>
    public const string TakesTokenProperty = "TakesToken";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC103);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (AsyncSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var counterparts = new AsyncCounterparts(symbols);
            start.RegisterOperationAction(c => Analyze(c, symbols, counterparts), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSymbols symbols, AsyncCounterparts counterparts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // Cheapest checks first: most invocations return early here, before any look-up.
        if (method.Name.EndsWith("Async", System.StringComparison.Ordinal) || symbols.IsAwaitable(method.ReturnType) || method.ContainingType is null)
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

        var counterpart = counterparts.Find(method, receiverType, invocation.SemanticModel, invocation.Syntax.SpanStart);
        if (counterpart is null
            || !context.Compilation.IsSymbolAccessibleWithin(counterpart.ReducedFrom ?? counterpart, context.ContainingSymbol.ContainingType ?? (ISymbol)context.Compilation.Assembly, method.IsStatic ? null : receiverType)
            || IsEnclosingFunction(counterpart, asyncContext, context.ContainingSymbol)
            || IsExcludedByDesign(invocation, symbols))
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(invocation.Syntax.SyntaxTree);
        if (SymbolNameList.Read(options, AnalyzerOptionKeys.Async103ExcludedMethods).Contains(method, receiverType))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(CounterpartProperty, counterpart.Name);
        if (counterpart.Parameters.Length > method.Parameters.Length)
        {
            properties = properties.Add(TakesTokenProperty, "true");
        }

        // await x?.FooAsync() would await null; inserting await in lock/unsafe does not compile: report, but offer no fix.
        if (!AsyncContext.CanInsertAwait(invocation) || invocation.Parent is IConditionalAccessOperation)
        {
            properties = properties.Add(BlockingWaitAnalyzer.NoFixProperty, "true");
        }

        var display = method.ContainingType.Name + "." + method.Name;
        var counterpartDisplay = (counterpart.ReducedFrom ?? counterpart).ContainingType.Name + "." + counterpart.Name;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC103, invocation.Syntax.GetLocation(), properties, display, counterpartDisplay));
    }

    /// <summary>Calls whose async twin is wrong advice or another rule's business.</summary>
    private static bool IsExcludedByDesign(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;

        // Task.Wait and awaiter.GetResult are ASYNC101's (one diagnostic per mistake).
        if (symbols.IsAwaitable(type) || method.Name == "GetResult")
        {
            return true;
        }

        switch (method.Name)
        {
            // Dispose → DisposeAsync is a change of shape (await using); Cancel → CancelAsync changes where callbacks run.
            case "Dispose" or "Close" when method.Parameters.Length == 0:
            case "Cancel" when SymbolEqualityComparer.Default.Equals(type, symbols.CancellationTokenSource):
                return true;

            // SemaphoreSlim.Wait(0) is a try-acquire that never blocks.
            case "Wait" when SymbolEqualityComparer.Default.Equals(type, symbols.SemaphoreSlim)
                && invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: 0 }:
                return true;

            // EF Core's AddAsync exists only for special value generators; Add is the right call in async code.
            case "Add" or "AddRange" or "Attach" or "AttachRange" when IsInNamespace(type, "Microsoft.EntityFrameworkCore"):
                return true;
        }

        // Test assertions: Assert.Throws and Assert.ThrowsAsync test different things.
        return IsInNamespace(type, "Xunit") || IsInNamespace(type, "NUnit.Framework") || IsInNamespace(type, "Microsoft.VisualStudio.TestTools.UnitTesting")
            || IsInNamespace(type, "FluentAssertions");
    }

    /// <summary>Receivers whose async methods complete synchronously anyway, and Console's synchronized writers.</summary>
    private static bool IsSynchronousReceiver(ITypeSymbol receiverType, IOperation? instance, AsyncSymbols symbols) =>
        instance?.WalkDownConversions() is IPropertyReferenceOperation { Property.IsStatic: true } console && SymbolEqualityComparer.Default.Equals(console.Property.ContainingType, symbols.Console)
        || AsyncSymbols.InheritsFromOrEquals(receiverType, symbols.MemoryStream)
        || AsyncSymbols.InheritsFromOrEquals(receiverType, symbols.StringReader)
        || AsyncSymbols.InheritsFromOrEquals(receiverType, symbols.StringWriter)
        || AsyncSymbols.InheritsFromOrEquals(receiverType, symbols.StringBuilder)
        || SymbolEqualityComparer.Default.Equals(receiverType, symbols.Console);

    private static bool IsEnclosingFunction(IMethodSymbol counterpart, AsyncContext asyncContext, ISymbol containingSymbol)
    {
        var definition = (counterpart.ReducedFrom ?? counterpart).OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, asyncContext.Function?.OriginalDefinition)
            || SymbolEqualityComparer.Default.Equals(definition, containingSymbol.OriginalDefinition);
    }

    private static bool IsInNamespace(INamedTypeSymbol type, string namespaceName)
    {
        var ns = type.ContainingNamespace?.ToDisplayString();
        return ns is not null && (ns == namespaceName || ns.StartsWith(namespaceName + ".", System.StringComparison.Ordinal));
    }
}
