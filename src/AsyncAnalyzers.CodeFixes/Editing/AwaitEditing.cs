using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>Shared rewrites that introduce <c>await</c>.</summary>
internal static class AwaitEditing
{
    /// <summary>
    /// Builds <c>await operand</c> to stand where <paramref name="replaced"/> stood, keeping its trivia. Inside a larger expression
    /// (<c>t.Result.Length</c>) it is parenthesized, and the Simplifier removes parentheses that turn out to be unnecessary.
    /// </summary>
    public static ExpressionSyntax AwaitReplacing(ExpressionSyntax replaced, ExpressionSyntax operand)
    {
        var awaitExpression = SyntaxFactory.AwaitExpression(operand.WithoutTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
        ExpressionSyntax result = NeedsParentheses(replaced)
            ? SyntaxFactory.ParenthesizedExpression(awaitExpression).WithAdditionalAnnotations(Simplifier.Annotation)
            : awaitExpression;
        return result.WithTriviaFrom(replaced);
    }

    private static bool NeedsParentheses(ExpressionSyntax replaced) => replaced.Parent switch
    {
        ExpressionStatementSyntax or EqualsValueClauseSyntax or ArgumentSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax
            or ParenthesizedExpressionSyntax or InterpolationSyntax or InitializerExpressionSyntax => false,
        AssignmentExpressionSyntax assignment => assignment.Left == replaced,
        _ => true,
    };
}
