using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC203: an async lambda or anonymous method converted to a void-returning delegate (<c>Action</c>, <c>List&lt;T&gt;.ForEach</c>,
/// <c>Parallel.ForEach</c>, timer callbacks), which makes it async void. Event subscriptions and event-handler-typed delegates
/// belong to the Exceptions family (ASYNC401); the split is <see cref="AsyncSignatures.LambdaSignature"/>, shared with it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncLambdaToVoidDelegateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC203);

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

            start.RegisterOperationAction(c => Analyze(c, services), OperationKind.AnonymousFunction);
        });
    }

    private static void Analyze(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (!lambda.Symbol.IsAsync
            || lambda.Parent is not IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true } } delegateType } creation)
        {
            return;
        }

        // Subscriptions are event handlers; ASYNC401 guards them (AsyncLambdaToVoidDelegateAnalyzerTests.EventSubscription_NoDiagnostic).
        if (IsEventSubscription(creation))
        {
            return;
        }

        // Event-handler-shaped delegates are handlers too, with any sender (AsyncLambdaToVoidDelegateAnalyzerTests.EventHandlerTypedLocal_NoDiagnostic,
        // TypedSenderCallback_NoDiagnostic); when the argument type did not resolve, no rule can tell (UnresolvedEventArgsCallback_NoDiagnostic).
        if (AsyncSignatures.LambdaSignature(lambda, symbols) != SignatureKind.Changeable)
        {
            return;
        }

        // A callback that reports success and failure through its argument, its whole body under a catch-all: the caller waits on
        // the argument, not on a task (AsyncLambdaToVoidDelegateAnalyzerTests.CompletesThroughArgument_NoDiagnostic).
        if (CallbackCompletion.ReportsThroughArgument(lambda, symbols))
        {
            return;
        }

        // A deferral-style callback: it takes a deferral from its argument before its first await and completes it on every path,
        // so the caller waits on the deferral, not on a task; with its body under a catch-all, nothing escapes either
        // (AsyncLambdaToVoidDelegateAnalyzerTests.DeferralCompletedInFinallyWithCatchAll_NoDiagnostic). Without that cover an
        // exception still escapes (DeferralWithoutCatchAll_Reports), and a deferral taken after an await comes too late
        // (DeferralTakenAfterFirstAwait_Reports).
        if (CallbackCompletion.CompletesThroughDeferral(lambda, symbols) && IsCovered(lambda.Body, services))
        {
            return;
        }

        // Every await is of a callee that never really awaits: the lambda has finished when the delegate returns
        // (AsyncLambdaToVoidDelegateAnalyzerTests.AwaitsCalleeThatNeverAwaits_NoDiagnostic, AwaitsCalleeThatAwaitsIo_Reports).
        if (AwaitPoints.HasRealAwait(lambda.Body, symbols) && services.Summaries.BodyCanSuspend(lambda.Body).IsNo)
        {
            return;
        }

        // A delegate kept for later (a command, a timer callback, a property, a dispatcher's queue) whose body catches everything
        // after its first await: whoever runs it holds only the delegate and could not wait on a task, and no exception escapes
        // (AsyncLambdaToVoidDelegateAnalyzerTests.CoveredCommandLambda_NoDiagnostic, CoveredCallbackProperty_NoDiagnostic);
        // a delegate given to a method may run during the call, whose caller then goes on too early
        // (CatchAllThatDoesNotReportThroughArgument_Reports), and an uncovered one still lets exceptions out (UncoveredCommandLambda_Reports).
        // Only the exception is left to report for a kept delegate, as for an async void handler (ASYNC401): when its work shows no
        // way to fail in practice (view-model updates, in-memory work, callees that catch), it is not reported
        // (AsyncLambdaToVoidDelegateAnalyzerTests.KeptLambdaWithInMemoryWorkAfterAwait_NoDiagnostic). The statements before its
        // first await count too: a command's lambda has no event source to return to, its whole body runs as the command
        // (KeptLambdaThatOpensAFileBeforeItsAwait_Reports).
        if (StoredDelegates.IsKept(lambda.DelegateUse())
            && (IsCovered(lambda.Body, services) || !services.Summaries.WholeBodyShowsFault(lambda.Body, unseenOnly: false).IsYes))
        {
            return;
        }

        var kind = lambda.Syntax is AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda";
        var display = delegateType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC203, HeaderLocation(lambda.Syntax), null, null, kind, display));
    }

    private static bool IsCovered(IBlockOperation body, CompilationServices services)
    {
        // As for an async void handler (ASYNC401): the synchronous prologue runs while the delegate is invoked, and an await of a
        // callee that cannot fault needs no try of its own (AsyncLambdaToVoidDelegateAnalyzerTests.CoveredByCalleeThatCatchesEverything_NoDiagnostic).
        var summaries = services.Summaries;
        var options = new CoverageOptions(cancellationMayEscape: false, observingCatchCounts: false, isHarmless: statement => !summaries.StatementCanFault(statement, unseenOnly: false).IsYes);
        return CatchAllCoverage.IsCovered(body, allowSynchronousPrologue: true, services.Symbols, options);
    }

    private static bool IsEventSubscription(IOperation creation) => creation.WalkUpConversions().Parent is IEventAssignmentOperation;

    /// <summary>
    /// The span from <c>async</c> to the arrow (or to <c>delegate</c> and its parameters): the lambda's header, so that a long body
    /// is not underlined. Syntax is needed here because operations carry no location for the header.
    /// </summary>
    private static Location HeaderLocation(SyntaxNode syntax)
    {
        var end = syntax switch
        {
            LambdaExpressionSyntax lambda => lambda.ArrowToken.Span.End,
            AnonymousMethodExpressionSyntax { ParameterList: { } parameters } => parameters.Span.End,
            AnonymousMethodExpressionSyntax method => method.DelegateKeyword.Span.End,
            _ => syntax.Span.End,
        };

        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }
}
