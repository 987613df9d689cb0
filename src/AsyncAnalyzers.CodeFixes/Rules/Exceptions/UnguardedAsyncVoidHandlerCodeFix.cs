using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Rules.Exceptions;

/// <summary>ASYNC401: wraps the handler's body in <c>try { ... } catch (Exception ex) { Handler(ex); }</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnguardedAsyncVoidHandlerCodeFix))]
[Shared]
public sealed class UnguardedAsyncVoidHandlerCodeFix : PlannedCodeFix
{
    public const string WrapInTryCatchKey = "ASYNC401.WrapInTryCatch";

    private static readonly FixOption WrapInTryCatch = new(WrapInTryCatchKey, "Catch and report exceptions in the handler");

    public UnguardedAsyncVoidHandlerCodeFix()
        : base(DiagnosticIds.UnguardedAsyncVoidHandler)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<FixPlan?>(FindFunction(document.Root, diagnostic) is { } function && BodyStatements(function) is not null
            ? new Plan(document, diagnostic, function)
            : null);

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // The catch clause follows the body, which moves into the try block: its variable must not clash with the function's
        // parameters or the names around the function, while the body's own locals are out of its scope.
        var names = InDocumentOrder(fixes).ToDictionary(
            f => f.Plan,
            f => pass.Edit(f.Plan.Document).Names.Unique(f.Plan.Target.SpanStart, default, ExceptionHandlerEditing.ExceptionNames));
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var function = plan.Target;
            var name = names[plan];
            var catchAll = ExceptionHandlerEditing.CatchAll(edit, function.SpanStart, name, ExceptionHandlerEditing.ConfiguredHandler(plan.Diagnostic));

            // The callback sees the function with any nested handler already rewritten.
            edit.Editor.ReplaceNode(function, current => Wrap(current, catchAll));
        }

        return Task.CompletedTask;
    }

    private static SyntaxNode? FindFunction(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
    }

    private static SyntaxNode Wrap(SyntaxNode function, CatchClauseSyntax catchAll)
    {
        if (BodyStatements(function) is not { } statements)
        {
            return function;
        }

        var tryStatement = SyntaxFactory.TryStatement(
                MultiLineBlock(statements),
                SyntaxFactory.SingletonList(catchAll),
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

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, SyntaxNode function)
            : base(document, diagnostic, function, ImmutableArray.Create(WrapInTryCatch))
        {
        }
    }
}
