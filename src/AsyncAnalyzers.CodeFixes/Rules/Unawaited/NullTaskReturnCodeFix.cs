using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// ASYNC206: the null returned as a task → <c>Task.CompletedTask</c>, or <c>Task.FromResult&lt;T&gt;(null)</c> (<c>default</c> for
/// a value type or type parameter) for <c>Task&lt;T&gt;</c>: a completed task with the result an async method's <c>return null</c>
/// would have given.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NullTaskReturnCodeFix))]
[Shared]
public sealed class NullTaskReturnCodeFix : PlannedCodeFix
{
    public const string ReturnCompletedTaskKey = "ASYNC206.ReturnCompletedTask";

    public NullTaskReturnCodeFix()
        : base(DiagnosticIds.NullTaskReturned)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression
            || ConvertedType(document.Model.GetTypeInfo(expression, cancellationToken)) is not INamedTypeSymbol type
            || !document.Symbols.IsTask(type))
        {
            return Task.FromResult<FixPlan?>(null);
        }

        return Task.FromResult<FixPlan?>(new Plan(document, diagnostic, expression, type));
    }

    private static ITypeSymbol? ConvertedType(TypeInfo info) => info.ConvertedType ?? info.Type;

    /// <summary>The conditional access reported (under any <c>!</c> and parentheses), or null for a null literal or default.</summary>
    private static ConditionalAccessExpressionSyntax? ConditionalAccess(ExpressionSyntax expression)
    {
        var current = expression;
        while (true)
        {
            switch (current)
            {
                case PostfixUnaryExpressionSyntax suppression when suppression.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    current = suppression.Operand;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    break;
                default:
                    return current as ConditionalAccessExpressionSyntax;
            }
        }
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var position = plan.Expression.SpanStart;
            var task = edit.Types.Expression(plan.Document.Symbols.Task, position);
            ExpressionSyntax replacement;
            if (plan.Type.TypeArguments.Length == 0)
            {
                replacement = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("CompletedTask"));
            }
            else
            {
                var result = plan.Type.TypeArguments[0];
                var typeArgument = SyntaxFactory.ParseTypeName(result.ToMinimalDisplayString(edit.Model, position)).WithAdditionalAnnotations(Simplifier.Annotation);
                replacement = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        task,
                        SyntaxFactory.GenericName(SyntaxFactory.Identifier("FromResult"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(typeArgument)))),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(ResultValue(result, edit.Model, position)))));
            }

            // 'x?.SendAsync()' keeps its call when x is there and falls back to the completed task otherwise; the '!' that hid
            // the null goes (NullTaskReturnCodeFixTests.ConditionalAccess_CoalescesToCompletedTask).
            if (ConditionalAccess(plan.Expression) is { } access)
            {
                replacement = SyntaxFactory.ParenthesizedExpression(
                    SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, access.WithoutTrivia(), replacement))
                    .WithAdditionalAnnotations(Simplifier.Annotation);
            }

            edit.Editor.ReplaceNode(plan.Expression, replacement.WithTriviaFrom(plan.Expression));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>null</c> for a reference type, <c>default</c> otherwise; with <c>!</c> where nullable warnings are on and the result type
    /// does not admit null, which is what the original code already returned (through a null task) without saying so.
    /// </summary>
    private static ExpressionSyntax ResultValue(ITypeSymbol result, SemanticModel model, int position)
    {
        ExpressionSyntax value = result.IsReferenceType
            ? SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)
            : SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression, SyntaxFactory.Token(SyntaxKind.DefaultKeyword));
        var warnings = (model.GetNullableContext(position) & NullableContext.WarningsEnabled) != 0;
        var admitsNull = result.NullableAnnotation == NullableAnnotation.Annotated || (result.IsValueType && result is not ITypeParameterSymbol);
        return warnings && !admitsNull ? SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, value) : value;
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, ExpressionSyntax expression, INamedTypeSymbol type)
            : base(document, diagnostic, expression, ImmutableArray.Create(new FixOption(
                ReturnCompletedTaskKey,
                type.TypeArguments.Length == 0 ? "Return 'Task.CompletedTask'" : "Return 'Task.FromResult(...)'")))
        {
            Expression = expression;
            Type = type;
        }

        public ExpressionSyntax Expression { get; }

        public INamedTypeSymbol Type { get; }
    }
}
