using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC208: a ValueTask local or parameter consumed (awaited, <c>AsTask()</c>, <c>Preserve()</c>, <c>.Result</c>,
/// <c>GetAwaiter()</c>, or handed on) a second time on some path. Decided on the control-flow graph by
/// <see cref="ValueTaskConsumptions"/>, which walks it with ASYNC204's <see cref="UnobservedTaskLocals.WalkPaths"/>; the graph is
/// built only for variables with two consumptions, or one inside a loop. A single <c>.Result</c> on a ValueTask that is not known
/// complete is ASYNC101/ASYNC104's (BlockingWaitAnalyzer), which leaves to this rule the blocking reads it reports here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValueTaskConsumedOnceAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC208);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { } services || services.Symbols.ValueTask is null)
            {
                return;
            }

            var symbols = services.Symbols;

            // One callback per ValueTask local (its declarator) and one per function with ValueTask parameters, each judging its own
            // variables: no per-body state (docs/performance.md).
            start.RegisterOperationAction(c => AnalyzeLocal(c, symbols), OperationKind.VariableDeclarator);
            start.RegisterOperationAction(c => AnalyzeParameters(c, symbols), OperationKind.MethodBody, OperationKind.LocalFunction, OperationKind.AnonymousFunction);
        });
    }

    private static void AnalyzeLocal(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var declarator = (IVariableDeclaratorOperation)context.Operation;
        if (ValueTaskConsumptions.IsTracked(declarator.Symbol, symbols))
        {
            Analyze(context, declarator.Symbol, symbols);
        }
    }

    private static void AnalyzeParameters(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var function = context.Operation switch
        {
            IMethodBodyOperation => context.ContainingSymbol as IMethodSymbol,
            ILocalFunctionOperation localFunction => localFunction.Symbol,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };

        if (function is null)
        {
            return;
        }

        foreach (var parameter in function.Parameters)
        {
            if (ValueTaskConsumptions.IsTracked(parameter, symbols))
            {
                Analyze(context, parameter, symbols);
            }
        }
    }

    private static void Analyze(OperationAnalysisContext context, ISymbol variable, AsyncSymbols symbols)
    {
        var root = context.Operation.Root();

        // Roots a control-flow graph can be built for (as ASYNC204): bodies, and field or property initializers holding lambdas.
        if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation))
        {
            return;
        }

        // Captured by a lambda or local function, or consumed at most once outside loops: nothing to walk
        // (ValueTaskConsumedOnceAnalyzerTests.CapturedByLambda_NoDiagnostic, ValueTaskConsumedOnceAnalyzerTests.AwaitedOnce_NoDiagnostic).
        if (!ValueTaskConsumptions.NeedsGraph(root, variable))
        {
            return;
        }

        // The driver builds the graph once per body and shares it between callbacks.
        var graph = context.GetControlFlowGraph();
        foreach (var reference in ValueTaskConsumptions.FindRepeated(graph, variable, symbols, context.CancellationToken))
        {
            var consumer = ValueTaskConsumptions.Consumer(reference);
            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC208, consumer.Syntax.GetLocation(), null, null, variable.Name));
        }
    }
}
