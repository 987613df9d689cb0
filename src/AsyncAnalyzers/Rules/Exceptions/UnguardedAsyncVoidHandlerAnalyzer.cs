using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Exceptions;

/// <summary>
/// ASYNC401: an <c>async void</c> whose signature is forced (event handler, override, interface implementation, XAML handler, a
/// method group converted to a void delegate: <see cref="ForcedSignatures"/>, shared with ASYNC202), or an async lambda subscribed
/// with <c>+=</c> or converted to an event-handler delegate, that can throw after its first await with no catch-all around it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnguardedAsyncVoidHandlerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC401);

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

            start.RegisterOperationAction(c => AnalyzeMethodBody(c, services), OperationKind.MethodBody);
            start.RegisterOperationAction(c => AnalyzeLocalFunction(c, services), OperationKind.LocalFunction);
            start.RegisterOperationAction(c => AnalyzeAnonymousFunction(c, services), OperationKind.AnonymousFunction);
        });
    }

    private static void AnalyzeMethodBody(OperationAnalysisContext context, CompilationServices services)
    {
        var body = (IMethodBodyOperation)context.Operation;
        if (context.ContainingSymbol is not IMethodSymbol { IsAsync: true, ReturnsVoid: true } method
            || (body.BlockBody ?? body.ExpressionBody) is not { } block)
        {
            return;
        }

        // An async void whose signature could change is ASYNC202's (UnguardedAsyncVoidHandlerAnalyzerTests.AsyncVoidHelperNotForced_NoDiagnostic);
        // one whose handler types did not resolve is nobody's (UnguardedAsyncVoidHandlerAnalyzerTests.HalfTypedHandler_NoDiagnostic,
        // UnresolvedEventArgsHandler_NoDiagnostic).
        if (services.ForcedSignatures.Classify(method, services.Summaries, context.CancellationToken) != SignatureKind.Forced)
        {
            return;
        }

        Report(context, block, method, method.Locations.Length > 0 ? method.Locations[0] : body.Syntax.GetLocation(), method.Name, services);
    }

    private static void AnalyzeLocalFunction(OperationAnalysisContext context, CompilationServices services)
    {
        var localFunction = (ILocalFunctionOperation)context.Operation;
        if (localFunction.Symbol is not { IsAsync: true, ReturnsVoid: true } method
            || (localFunction.Body ?? localFunction.IgnoredBody) is not { } block
            || services.ForcedSignatures.ClassifyLocalFunction(method, localFunction.Root().Syntax) != SignatureKind.Forced)
        {
            return;
        }

        Report(context, block, method, method.Locations.Length > 0 ? method.Locations[0] : localFunction.Syntax.GetLocation(), method.Name, services);
    }

    private static void AnalyzeAnonymousFunction(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (lambda.Symbol is not { IsAsync: true, ReturnsVoid: true } || !IsHandlerLambda(lambda, symbols))
        {
            return;
        }

        // The async keyword is where the lambda's contract is chosen; operations do not expose its location.
        var location = lambda.Syntax is AnonymousFunctionExpressionSyntax { AsyncKeyword: var asyncKeyword } && asyncKeyword.Span.Length > 0
            ? asyncKeyword.GetLocation()
            : lambda.Syntax.GetLocation();
        var name = lambda.Syntax is AnonymousMethodExpressionSyntax ? "async anonymous method" : "async lambda";
        Report(context, lambda.Body, lambda.Symbol, location, name, services);
    }

    /// <summary>
    /// Subscribed with <c>+=</c> (any delegate type), or converted to a delegate with the event-handler shape; an async lambda
    /// given to an Action (not an event) is ASYNC203's (UnguardedAsyncVoidHandlerAnalyzerTests.AsyncLambdaPassedAsAction_NoDiagnostic).
    /// </summary>
    private static bool IsHandlerLambda(IAnonymousFunctionOperation lambda, AsyncSymbols symbols) =>
        AsyncSignatures.LambdaSignature(lambda, symbols) == SignatureKind.Forced;

    private static void Report(OperationAnalysisContext context, IBlockOperation body, IMethodSymbol handler, Location location, string name, CompilationServices services)
    {
        var symbols = services.Symbols;
        // Nothing can throw after an await that never happens (UnguardedAsyncVoidHandlerAnalyzerTests.NoAwait_NoDiagnostic).
        if (!AwaitPoints.HasRealAwait(body, symbols))
        {
            return;
        }

        // A handler of a window or control that resumes on the UI thread, in an application that handles what reaches that thread's
        // dispatcher (DispatcherUnhandledException with e.Handled = true, Application.ThreadException) and carries on: the exception
        // is observed there, logged or shown, not lost (UnguardedAsyncVoidHandlerAnalyzerTests.WindowHandlerInAppThatHandlesDispatcherExceptions_NoDiagnostic,
        // WindowHandlerInAppWhoseDispatcherHandlerExits_Reports, WorkerThreadEventHandlerInAppThatHandlesDispatcherExceptions_Reports).
        if (UiExceptionPolicy.ResumesOnUiThread(handler.ContainingType, handler, body) && services.UiExceptions.HandlesUiThreadExceptions(context.CancellationToken))
        {
            return;
        }

        // The synchronous prologue before the first await may stay outside the try (UnguardedAsyncVoidHandlerAnalyzerTests.PrologueBeforeTry_NoDiagnostic);
        // an await of a callee that catches everything itself needs no try of its own (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeThatCatchesEverything_NoDiagnostic,
        // AwaitsInterfaceWhoseImplementationsCatchEverything_NoDiagnostic, AwaitsCalleeThatLogsAndRethrows_Reports).
        var summaries = services.Summaries;
        var options = new CoverageOptions(cancellationMayEscape: false, observingCatchCounts: false, isHarmless: statement =>
        {
            // A callee the summary could not follow to the end (too deep, a cycle, code that does not bind) may well be safe: it
            // gets the benefit of the doubt, and if nothing else is uncovered the rule stays silent
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsDeepChainOfCoveredCallees_NoDiagnostic). A statement of the handler
            // itself that does not bind is unknown work, like a library call: it can throw
            // (UnguardedAsyncVoidHandlerAnalyzerTests.HandlerWithUnresolvedCode_Reports).
            var fact = summaries.StatementCanFault(statement, unseenOnly: false);
            return !fact.IsYes;
        });

        if (CatchAllCoverage.IsCovered(body, allowSynchronousPrologue: true, symbols, options))
        {
            return;
        }

        // What is left uncovered must show a way to fail in practice (I/O, an awaited library call, a throw, a parse, a downcast):
        // a handler that only updates view-model state and in-memory collections after its await is not worth a try
        // (UnguardedAsyncVoidHandlerAnalyzerTests.UncoveredWorkIsInMemoryBookkeeping_NoDiagnostic, UncoveredCalleeThrows_Reports).
        var evidence = summaries.BodyShowsFault(body, unseenOnly: false);
        if (!evidence.IsYes)
        {
            return;
        }

        var properties = services.ExceptionHandlers.PropertiesFor(context.Options, body.Syntax.SyntaxTree);
        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC401, location, null, properties, name, FaultEvidence.Describe(evidence, fallback: null, context.ContainingSymbol)));
    }
}
