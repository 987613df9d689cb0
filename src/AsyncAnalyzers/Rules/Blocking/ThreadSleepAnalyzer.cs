using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Blocking;

/// <summary>ASYNC102: <c>Thread.Sleep</c> in async code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadSleepAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC102);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (AsyncSymbols.TryCreate(start.Compilation) is not { Thread: { } thread } symbols)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, thread), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol thread)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "Sleep", IsStatic: true } method
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, thread)
            || invocation.Arguments.Length != 1)
        {
            return;
        }

        // Thread.Sleep(0) yields the time slice and never waits; not a blocking delay (ThreadSleepAnalyzerTests.SleepZero_NoDiagnostic).
        if (invocation.Arguments[0].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: 0 })
        {
            return;
        }

        if (!AsyncContext.Of(invocation, context.ContainingSymbol).IsAsync)
        {
            return;
        }

        var properties = AsyncContext.CanInsertAwait(invocation)
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(BlockingWaitAnalyzer.NoFixProperty, "true");
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC102, invocation.Syntax.GetLocation(), properties));
    }
}
