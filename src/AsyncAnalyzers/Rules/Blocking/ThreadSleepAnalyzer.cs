using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
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
            if (CompilationServices.TryGet(start.Compilation) is not { Symbols: { Thread: { } thread } symbols })
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, thread, symbols), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol thread, AsyncSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "Sleep", IsStatic: true } method
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, thread)
            || invocation.Arguments.Length != 1)
        {
            return;
        }

        // Thread.Sleep(0) and Thread.Sleep(TimeSpan.Zero) yield the time slice and never wait; not a blocking delay
        // (ThreadSleepAnalyzerTests.SleepZero_NoDiagnostic, ThreadSleepAnalyzerTests.SleepTimeSpanZero_NoDiagnostic).
        var argument = invocation.Arguments[0].Value.WalkDownConversions();
        if (argument.ConstantValue is { HasValue: true, Value: 0 }
            || (argument is IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } field } && SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.TimeSpan)))
        {
            return;
        }

        // A synchronous lambda or local function inside an async method is not async context
        // (ThreadSleepAnalyzerTests.SleepInSyncLambdaInsideAsyncMethod_NoDiagnostic).
        if (!AsyncContext.Of(invocation, context.ContainingSymbol).IsAsync)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;

        // await cannot go inside lock or unsafe code: report, but offer no fix (ThreadSleepCodeFixTests.SleepInsideLock_NoFix).
        if (!AsyncContext.CanInsertAwait(invocation))
        {
            properties = properties.Add(DiagnosticProperties.NoFix, "true");
        }
        else if (CancellationTokens.FindInScope(invocation, context.ContainingSymbol, symbols) is { } token)
        {
            properties = properties.Add(DiagnosticProperties.TokenInScope, token.Name);
        }

        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC102, invocation.Syntax.GetLocation(), null, properties));
    }
}
