using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Exceptions;

/// <summary>
/// ASYNC403: a <c>ContinueWith</c> continuation that reads its antecedent's result (<c>Result</c>, <c>GetAwaiter().GetResult()</c>,
/// <c>Wait()</c>) without checking <c>IsFaulted</c>/<c>Status</c>/<c>Exception</c> and without options that exclude faults.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContinuationIgnoresFaultAnalyzer : DiagnosticAnalyzer
{



    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC403);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { Symbols: { TaskContinuationOptions: { } options } symbols } services)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, services, options), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, CompilationServices services, INamedTypeSymbol optionsType)
    {
        var symbols = services.Symbols;
        var invocation = (IInvocationOperation)context.Operation;

        // Only Task's own ContinueWith has the antecedent semantics (ContinuationIgnoresFaultAnalyzerTests.ContinueWithOnOtherType_NoDiagnostic).
        if (invocation.TargetMethod is not { Name: "ContinueWith", IsStatic: false } || !symbols.IsTask(invocation.TargetMethod.ContainingType) || invocation.Instance is null)
        {
            return;
        }

        IAnonymousFunctionOperation? continuation = null;
        var optionsValue = 0;
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, optionsType))
            {
                // Options only known at run time may well exclude faults (ContinuationIgnoresFaultAnalyzerTests.NonConstantOptions_NoDiagnostic).
                if (value.ConstantValue is not { HasValue: true, Value: int constant })
                {
                    return;
                }

                optionsValue = constant;
            }
            else if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } && lambda.Symbol.Parameters.Length > 0)
            {
                continuation = lambda;
            }
        }

        // OnlyOnRanToCompletion and NotOnFaulted keep faults away from the continuation (ContinuationIgnoresFaultAnalyzerTests.OnlyOnRanToCompletion_NoDiagnostic).
        if (continuation is null || ContinuationOptions.Has(optionsValue, ContinuationOptions.NotOnFaulted))
        {
            return;
        }

        // A continuation returned or stored hands its fault to whoever observes it (ContinuationIgnoresFaultAnalyzerTests.ReturnedContinuation_NoDiagnostic).
        if (!IsDroppedOrAwaited(invocation))
        {
            return;
        }

        // Task.FromResult cannot fault (ContinuationIgnoresFaultAnalyzerTests.ContinuationOnFromResult_NoDiagnostic).
        if (invocation.Instance.WalkDownConversions() is IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } fromResult }
            && symbols.IsTask(fromResult.ContainingType))
        {
            return;
        }

        var receiver = invocation.Instance.ReferencedLocalOrParameter();
        if (FirstUncheckedRead(continuation, receiver, out var references) is not { } read)
        {
            return;
        }

        // tcs.Task of a local source only ever completed with SetResult/TrySetResult, kept in the type's private fields at most, in a
        // type that never faults or cancels a source (ContinuationIgnoresFaultAnalyzerTests.ContinuationOnSourceThatOnlySucceeds_NoDiagnostic,
        // ContinuationOnSourceKeptInPrivateList_NoDiagnostic); so does a source the type keeps in a member no other assembly can reach,
        // completed only with SetResult wherever it is named (ContinuationIgnoresFaultAnalyzerTests.ContinuationOnInternalSourceThatOnlySucceeds_NoDiagnostic).
        if (services.Summaries.CompletionSourceCanFault(invocation.Instance, context.ContainingSymbol).IsNo
            || services.Summaries.MemberSourceCanFault(invocation.Instance).IsNo)
        {
            return;
        }

        var properties = services.ExceptionHandlers.PropertiesFor(context.Options, invocation.Syntax.SyntaxTree);
        if (HasAwaitShape(invocation, continuation, references, context.ContainingSymbol))
        {
            properties = properties.Add(DiagnosticProperties.AwaitShape, "true");
        }
        else if (invocation.Arguments.Length <= 2 && (optionsValue & (ContinuationOptions.NotOnRanToCompletion | ContinuationOptions.NotOnCanceled)) == 0 && IsDropped(invocation))
        {
            properties = properties.Add(DiagnosticProperties.OptionsShape, "true");
        }

        context.ReportDiagnostic(Findings.Create(
            context.Options,
            Descriptors.ASYNC403,
            read.Syntax.GetLocation(),
            ImmutableArray.Create(invocation.Syntax.GetLocation()),
            properties,
            read.Syntax.ToString()));
    }

    /// <summary>
    /// The first read of the antecedent's result, or null when the continuation checks for a fault anywhere, or hands the antecedent
    /// to code we cannot see. The antecedent is the lambda's first parameter, or the receiver local captured by the lambda.
    /// </summary>
    private static IOperation? FirstUncheckedRead(IAnonymousFunctionOperation continuation, ISymbol? receiver, out int references)
    {
        IOperation? first = null;
        references = 0;
        var antecedent = continuation.Symbol.Parameters[0];
        foreach (var operation in continuation.Body.Descendants())
        {
            var referenced = operation.ReferencedLocalOrParameter();
            if (operation is not (IParameterReferenceOperation or ILocalReferenceOperation) || referenced is null
                || !(SymbolEqualityComparer.Default.Equals(referenced, antecedent) || SymbolEqualityComparer.Default.Equals(referenced, receiver)))
            {
                continue;
            }

            references++;
            switch (operation.WalkUpConversions().Parent)
            {
                // A check anywhere in the continuation means the author thought about faults (ContinuationIgnoresFaultAnalyzerTests.CheckingIsFaulted_NoDiagnostic).
                case IPropertyReferenceOperation { Property.Name: "IsFaulted" or "Status" or "Exception" or "IsCompletedSuccessfully" }:
                    return null;

                case IPropertyReferenceOperation { Property.Name: "Result" } result:
                    first ??= result;
                    break;

                case IInvocationOperation { TargetMethod.Name: "Wait", Arguments.Length: 0 } wait:
                    first ??= wait;
                    break;

                case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter when getAwaiter.Parent is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult:
                    first ??= getResult;
                    break;

                // The antecedent handed to another method may be checked there (ContinuationIgnoresFaultAnalyzerTests.AntecedentPassedToMethod_NoDiagnostic).
                case IArgumentOperation:
                    return null;
            }
        }

        return first;
    }

    /// <summary>
    /// <c>await x.ContinueWith(t =&gt; E(t.Result))</c> or a dropped <c>x.ContinueWith(t =&gt; Statement(t.Result));</c> in async code,
    /// with a single argument, an expression-bodied synchronous lambda and one use of the antecedent: it becomes <c>E(await x)</c>.
    /// </summary>
    private static bool HasAwaitShape(IInvocationOperation invocation, IAnonymousFunctionOperation continuation, int references, ISymbol containingSymbol)
    {
        // Whether the lambda was written with an expression body is only visible in syntax.
        if (invocation.Arguments.Length != 1 || references != 1 || continuation.Symbol.IsAsync || continuation.Syntax is not LambdaExpressionSyntax { ExpressionBody: not null })
        {
            return false;
        }

        IOperation outer = invocation;
        if (outer.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configureAwait && configureAwait.Instance == invocation)
        {
            outer = configureAwait;
        }

        var awaited = outer.Parent is IAwaitOperation;
        var dropped = outer == invocation && invocation.Parent is IExpressionStatementOperation && continuation.Symbol.ReturnsVoid;
        return (awaited || dropped)
            && AsyncContext.Of(invocation, containingSymbol).IsAsync
            && AsyncContext.CanInsertAwait(invocation);
    }

    /// <summary>
    /// The continuation's task is dropped, discarded, or awaited (where <c>await</c> on the antecedent is the direct equivalent that
    /// keeps the exception's type instead of wrapping it twice).
    /// </summary>
    private static bool IsDroppedOrAwaited(IInvocationOperation invocation)
    {
        IOperation outer = invocation;
        if (outer.Parent is IConditionalAccessOperation conditional && conditional.WhenNotNull == outer)
        {
            outer = conditional;
        }

        if (outer.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configureAwait && configureAwait.Instance == outer)
        {
            outer = configureAwait;
        }

        return outer.Parent is IExpressionStatementOperation or IAwaitOperation
            || outer.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
    }

    private static bool IsDropped(IInvocationOperation invocation) =>
        invocation.Parent is IExpressionStatementOperation
        || (invocation.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation } discard && discard.Value == invocation);
}
