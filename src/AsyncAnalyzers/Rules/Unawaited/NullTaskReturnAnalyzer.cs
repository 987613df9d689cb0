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
/// ASYNC206: a non-async method, local function, lambda or accessor whose return type is Task or Task&lt;T&gt; returns null
/// (<c>return null;</c>, <c>=&gt; null</c>, <c>default</c>, a null arm of <c>?:</c> or of a switch expression).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NullTaskReturnAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC206);

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

            start.RegisterOperationAction(c => Analyze(c, services), OperationKind.Return);
        });
    }

    private static void Analyze(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var ret = (IReturnOperation)context.Operation;
        if (ret.ReturnedValue is not { } value || !MayBeNull(value))
        {
            return;
        }

        var function = AsyncContext.Of(ret, context.ContainingSymbol).Function;

        // In an async function 'return null' completes the task with a null result (NullTaskReturnAnalyzerTests.AsyncMethod_NoDiagnostic,
        // AsyncLambda_NoDiagnostic); Task? says null is an answer the callers check (NullTaskReturnAnalyzerTests.NullableTaskReturnType_NoDiagnostic,
        // NullableTaskLambda_NoDiagnostic); ValueTask cannot be null (NullTaskReturnAnalyzerTests.NullableValueTask_NoDiagnostic).
        if (function is null
            || function.IsAsync
            || function.ReturnNullableAnnotation == NullableAnnotation.Annotated
            || !symbols.IsTask(function.ReturnType))
        {
            return;
        }

        var sources = NullSources(value);
        if (sources.IsEmpty)
        {
            return;
        }

        // A private method only started fire-and-forget by Task.Run, whose Func<Task?> turns a null into a canceled task nobody
        // awaits (NullTaskReturnAnalyzerTests.MethodOnlyRunAndForgotten_NoDiagnostic).
        if (function.MethodKind == MethodKind.Ordinary
            && function.DeclaredAccessibility == Accessibility.Private
            && services.Summaries.OnlyRunAndForgotten(function, ret).IsYes)
        {
            return;
        }

        // sessions.ParallelForEachAsync((entry, token) => entry.InUse ? BeatAsync(entry) : default): a lambda handed to a helper of
        // the compilation that tests each task the delegate returns for null before it uses it
        // (NullTaskReturnAnalyzerTests.LambdaHandedToHelperThatSkipsNullTasks_NoDiagnostic, LambdaHandedToHelperThatAwaitsEveryTask_Reports).
        if (function.MethodKind == MethodKind.AnonymousFunction && ret.FirstAncestor<IAnonymousFunctionOperation>() is { } lambda
            && lambda.DelegateUse() is IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation helper }
            && services.Summaries.NullChecksDelegateResults(helper.TargetMethod, parameter, helper))
        {
            return;
        }

        foreach (var found in sources)
        {
            // _manager?.UpdateAsync(x) where every constructor sets the readonly _manager to new Manager(...): the access never
            // yields null outside the constructors (NullTaskReturnAnalyzerTests.ConditionalAccessOnMemberAlwaysCreated_NoDiagnostic).
            if (Unwrap(found) is IConditionalAccessOperation { Operation: var receiver }
                && function.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor)
                && services.Summaries.IsMemberNeverNull(receiver))
            {
                continue;
            }

            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC206, Located(found.Syntax).GetLocation(), null, null, NameOf(function)));
        }
    }

    /// <summary>A cheap first test: the value is a null constant, a default, or a conditional or switch that may give one.</summary>
    private static bool MayBeNull(IOperation value)
    {
        var inner = Unwrap(value);
        return inner is IConditionalOperation or ISwitchExpressionOperation or IDefaultValueOperation or IConditionalAccessOperation
            || (inner is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } });
    }

    /// <summary>
    /// The parts of a returned value that are null: the value itself, a conditional access (<c>x?.SendAsync()</c>, null when
    /// <c>x</c> is), or arms of <c>?:</c> and switch expressions, recursively.
    /// A task-typed variable or call that might hold null is not reported: only a null written here is sure
    /// (NullTaskReturnAnalyzerTests.ReturnsFieldThatMayBeNull_NoDiagnostic).
    /// </summary>
    private static ImmutableArray<IOperation> NullSources(IOperation value)
    {
        var found = ImmutableArray.CreateBuilder<IOperation>();
        var stack = new System.Collections.Generic.Stack<IOperation>();
        stack.Push(value);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (Unwrap(current))
            {
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                case IDefaultValueOperation { Type.IsReferenceType: true }:
                case IDefaultValueOperation { Type: null }:
                    found.Add(current);
                    break;

                // 'x?.SendAsync()' is null whenever x is: the conditional access hands the caller a null task where it meant
                // "nothing to do" (NullTaskReturnAnalyzerTests.ConditionalAccessReturned_Reports).
                case IConditionalAccessOperation { Type.IsReferenceType: true }:
                    found.Add(current);
                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    stack.Push(whenFalse);
                    stack.Push(conditional.WhenTrue);
                    break;
                case ISwitchExpressionOperation switchExpression:
                    for (var i = switchExpression.Arms.Length - 1; i >= 0; i--)
                    {
                        stack.Push(switchExpression.Arms[i].Value);
                    }

                    break;
            }
        }

        return found.ToImmutable();
    }

    /// <summary>
    /// Strips reference conversions and parentheses only: a user-defined conversion to Task from a null value of another type
    /// calls an operator that may well return a task (NullTaskReturnAnalyzerTests.UserDefinedConversionFromNull_NoDiagnostic).
    /// </summary>
    private static IOperation Unwrap(IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation { Conversion.IsUserDefined: false } conversion:
                    current = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>
    /// <c>null!</c> has no operation of its own: the suppression is part of the mistake (it silences the compiler's warning
    /// without making the task any less null), so the diagnostic and the fix cover it.
    /// </summary>
    private static SyntaxNode Located(SyntaxNode syntax)
    {
        var current = syntax;
        while (current.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax suppression
            && suppression.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression))
        {
            current = suppression;
        }

        return current;
    }

    private static string NameOf(IMethodSymbol function) => function.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda",
        MethodKind.PropertyGet => function.AssociatedSymbol?.Name ?? function.Name,
        _ => function.Name,
    };
}
