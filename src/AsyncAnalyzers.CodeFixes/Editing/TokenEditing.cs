using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>Passing a CancellationToken to an async call a fix introduces.</summary>
internal static class TokenEditing
{
    /// <summary>
    /// The token parameter the analyzer found, as an expression, or null when the name no longer binds to a CancellationToken
    /// parameter at the position (an inner lambda parameter or local of the same name shadows it).
    /// </summary>
    public static ExpressionSyntax? TokenInScope(SemanticModel semanticModel, int position, string name, AsyncSymbols symbols)
    {
        var found = semanticModel.LookupSymbols(position, name: name);
        return found.Length == 1 && found[0] is IParameterSymbol parameter && CancellationTokens.IsCancellationToken(parameter.Type, symbols)
            ? SyntaxFactory.IdentifierName(Identifier(name))
            : null;
    }

    /// <summary>An identifier token, escaped with '@' when the name is a keyword.</summary>
    public static SyntaxToken Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? SyntaxFactory.VerbatimIdentifier(default, "@" + name, name, default) : SyntaxFactory.Identifier(name);

    /// <summary><c>CancellationToken.None</c>, naming the type so that it binds (<see cref="TypeNames"/>).</summary>
    public static ExpressionSyntax? None(TypeNames types, int position, AsyncSymbols symbols) =>
        symbols.CancellationToken is null
            ? null
            : SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                types.Expression(symbols.CancellationToken, position),
                SyntaxFactory.IdentifierName("None"));
}
