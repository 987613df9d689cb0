using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

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

    /// <summary><c>CancellationToken.None</c>, naming the type as <see cref="TypeName"/> does.</summary>
    public static ExpressionSyntax? None(SemanticModel semanticModel, int position, AsyncSymbols symbols, ISet<string> imports) =>
        symbols.CancellationToken is null
            ? null
            : SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                TypeName(semanticModel, position, symbols.CancellationToken, imports),
                SyntaxFactory.IdentifierName("None"));

    /// <summary>
    /// A name for <paramref name="type"/> at the position: the simple name when it already binds to the type, or when nothing
    /// of that name is in scope (its namespace is then added to <paramref name="imports"/>); otherwise the global-qualified
    /// name, which the Simplifier shortens where it can.
    /// </summary>
    public static ExpressionSyntax TypeName(SemanticModel semanticModel, int position, INamedTypeSymbol type, ISet<string> imports)
    {
        var visible = semanticModel.LookupSymbols(position, name: type.Name);
        if (visible.Length == 1 && SymbolEqualityComparer.Default.Equals(visible[0], type))
        {
            return SyntaxFactory.IdentifierName(type.Name);
        }

        if (visible.Length == 0 && type.ContainingNamespace is { IsGlobalNamespace: false } ns && type.ContainingType is null && type.Arity == 0)
        {
            imports.Add(ns.ToDisplayString());
            return SyntaxFactory.IdentifierName(type.Name);
        }

        return SyntaxFactory.ParseExpression("global::" + type.ToDisplayString()).WithAdditionalAnnotations(Simplifier.Annotation);
    }

    /// <summary>Adds <c>using</c> directives for <paramref name="imports"/>, in order among existing ones when those are sorted.</summary>
    public static async Task<Document> AddImportsAsync(Document document, ISet<string> imports, CancellationToken cancellationToken)
    {
        if (imports.Count == 0 || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return document;
        }

        // The file's own line ending, so the new lines match the rest of it.
        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (newLine.IsKind(SyntaxKind.None))
        {
            newLine = SyntaxFactory.ElasticCarriageReturnLineFeed;
        }

        var usings = root.Usings;
        foreach (var import in imports.OrderBy(i => i, StringComparer.Ordinal))
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(import))
                .WithTrailingTrivia(newLine)
                .WithAdditionalAnnotations(Formatter.Annotation);

            // Before the first plain using that sorts after it; after everything otherwise.
            var index = 0;
            while (index < usings.Count && !(IsPlain(usings[index]) && string.CompareOrdinal(usings[index].Name?.ToString(), import) > 0))
            {
                index++;
            }

            if (index == 0 && usings.Count > 0)
            {
                // The first directive carries the file's leading comments; they stay on top.
                directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                usings = usings.Replace(usings[0], usings[0].WithoutLeadingTrivia());
            }

            usings = usings.Insert(index, directive);
        }

        return document.WithSyntaxRoot(root.WithUsings(usings));
    }

    private static bool IsPlain(UsingDirectiveSyntax directive) =>
        directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.GlobalKeyword.IsKind(SyntaxKind.None);
}
