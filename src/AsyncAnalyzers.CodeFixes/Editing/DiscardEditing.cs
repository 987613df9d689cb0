using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>Builds <c>_ = expression</c> as the parser would.</summary>
internal static class DiscardEditing
{
    /// <summary>
    /// The discard designator. <c>SyntaxFactory.IdentifierName("_")</c> yields a plain identifier named "_", which binds as
    /// an undefined name (CS0103) until the document is re-parsed; the parser gives the token the contextual kind
    /// UnderscoreToken, and so must we (FixSafetyTests caught this).
    /// </summary>
    public static IdentifierNameSyntax DiscardName() =>
        SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxTriviaList.Empty, SyntaxKind.UnderscoreToken, "_", "_", SyntaxTriviaList.Empty));

    public static AssignmentExpressionSyntax Discard(ExpressionSyntax expression) =>
        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, DiscardName(), expression);
}
