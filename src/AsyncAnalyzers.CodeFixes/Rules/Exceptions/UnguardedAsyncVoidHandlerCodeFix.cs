using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Rules.Exceptions;

/// <summary>ASYNC401: wraps the handler's body in <c>try { ... } catch (Exception ex) { Handler(ex); }</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnguardedAsyncVoidHandlerCodeFix))]
[Shared]
public sealed class UnguardedAsyncVoidHandlerCodeFix : CodeFixProvider
{
    private const string WrapInTryCatchKey = "ASYNC401.WrapInTryCatch";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnguardedAsyncVoidHandler);

    // Handlers can nest (a lambda subscribed inside a handler), so Fix All rewrites each document in one editor pass.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || FindFunction(root, diagnostic) is not { } function || BodyStatements(function) is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Catch and report exceptions in the handler", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), WrapInTryCatchKey),
            diagnostic);
    }

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (FindFunction(editor.OriginalRoot, diagnostic) is not { } function || BodyStatements(function) is null)
            {
                continue;
            }

            var name = ExceptionHandlerEditing.UniqueName(editor.SemanticModel, function, "ex");
            var handler = ExceptionHandlerEditing.ConfiguredHandler(diagnostic);

            // The callback sees the function with any nested handler already rewritten.
            editor.ReplaceNode(function, (current, _) => Wrap(current, name, handler));
        }

        return editor.GetChangedDocument();
    }

    private static SyntaxNode? FindFunction(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
    }

    private static SyntaxNode Wrap(SyntaxNode function, string name, string? handler)
    {
        if (BodyStatements(function) is not { } statements)
        {
            return function;
        }

        var tryStatement = SyntaxFactory.TryStatement(
                MultiLineBlock(statements),
                SyntaxFactory.SingletonList(ExceptionHandlerEditing.CatchAll(name, handler)),
                null)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var body = MultiLineBlock(SyntaxFactory.SingletonList<StatementSyntax>(tryStatement));

        return function switch
        {
            MethodDeclarationSyntax { Body: { } block } method => method.WithBody(body.WithTriviaFrom(block)),
            MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)),
            LocalFunctionStatementSyntax { Body: { } block } local => local.WithBody(body.WithTriviaFrom(block)),
            LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body.WithTrailingTrivia(local.SemicolonToken.TrailingTrivia)),
            AnonymousMethodExpressionSyntax anonymous => anonymous.WithBlock(body.WithTriviaFrom(anonymous.Block)),
            LambdaExpressionSyntax { Block: { } block } lambda => lambda.WithBlock(body.WithTriviaFrom(block)),
            LambdaExpressionSyntax { ExpressionBody: { } expression } lambda => lambda.WithExpressionBody(null).WithBlock(body.WithTrailingTrivia(expression.GetTrailingTrivia())),
            _ => function,
        };
    }

    /// <summary>
    /// A block the formatter lays out over several lines: without the line break it would keep a lambda's or local function's
    /// new block on one line (csharp_preserve_single_line_blocks).
    /// </summary>
    private static BlockSyntax MultiLineBlock(SyntaxList<StatementSyntax> statements) =>
        SyntaxFactory.Block(statements)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>The statements of the body, an expression body becoming one statement; null when there is no body to wrap.</summary>
    private static SyntaxList<StatementSyntax>? BodyStatements(SyntaxNode function)
    {
        var (block, expression) = function switch
        {
            BaseMethodDeclarationSyntax method => (method.Body, method.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            AnonymousFunctionExpressionSyntax anonymous => (anonymous.Block, anonymous.ExpressionBody),
            _ => (null, null),
        };

        if (block is not null)
        {
            return block.Statements;
        }

        return expression is null
            ? null
            : SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()).WithAdditionalAnnotations(Formatter.Annotation));
    }
}
