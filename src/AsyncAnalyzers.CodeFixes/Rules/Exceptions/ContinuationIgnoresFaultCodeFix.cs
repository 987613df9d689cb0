using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Rules.Exceptions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Rules.Exceptions;

/// <summary>
/// ASYNC403: in async code, <c>await x.ContinueWith(t =&gt; E(t.Result))</c> becomes <c>E(await x)</c>; otherwise the continuation
/// gets <c>TaskContinuationOptions.OnlyOnRanToCompletion</c> and a second, fault-only continuation reports the exception.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ContinuationIgnoresFaultCodeFix))]
[Shared]
public sealed class ContinuationIgnoresFaultCodeFix : CodeFixProvider
{
    private const string AwaitKey = "ASYNC403.Await";
    private const string OnlyOnRanToCompletionKey = "ASYNC403.OnlyOnRanToCompletion";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ContinuationIgnoresFault);

    // Continuations can nest, and the options fix inserts statements, so Fix All rewrites each document in one editor pass.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || KeyFor(diagnostic) is not { } key || Find(root, diagnostic) is not { } found)
        {
            return;
        }

        if (key == OnlyOnRanToCompletionKey && StatementOf(found.Invocation) is not { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax })
        {
            return;
        }

        var title = key == AwaitKey ? "Await the antecedent instead of continuing" : "Continue only on success and report faults";
        context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key), diagnostic);
    }

    private static string? KeyFor(Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(DiagnosticProperties.AwaitShape) ? AwaitKey
        : diagnostic.Properties.ContainsKey(DiagnosticProperties.OptionsShape) ? OnlyOnRanToCompletionKey
        : null;

    private static (InvocationExpressionSyntax Invocation, ExpressionSyntax Read, LambdaExpressionSyntax? Lambda)? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax read)
        {
            return null;
        }

        var lambda = invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().FirstOrDefault();
        return (invocation, read, lambda);
    }

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        await FixAsync(document, diagnostics.Where(d => KeyFor(d) == context.CodeActionEquivalenceKey).ToImmutableArray(), context.CodeActionEquivalenceKey!, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (Find(editor.OriginalRoot, diagnostic) is not { } found)
            {
                continue;
            }

            if (key == AwaitKey)
            {
                FixWithAwait(editor, found.Invocation, found.Read, found.Lambda);
            }
            else
            {
                FixWithOptions(editor, found.Invocation, ExceptionHandlerEditing.ConfiguredHandler(diagnostic));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary><c>await x.ContinueWith(t =&gt; F(t.Result))</c> → <c>F(await x)</c>; a dropped continuation becomes a statement.</summary>
    private static void FixWithAwait(DocumentEditor editor, InvocationExpressionSyntax invocation, ExpressionSyntax read, LambdaExpressionSyntax? lambda)
    {
        if (lambda?.ExpressionBody is not { } body || !body.Span.Contains(read.Span))
        {
            return;
        }

        var antecedent = ((MemberAccessExpressionSyntax)invocation.Expression).Expression.WithoutTrivia();
        SyntaxNode replaced = invocation;
        if (invocation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configureAwait } configureAccess)
        {
            antecedent = configureAwait.WithExpression(configureAccess.WithExpression(antecedent)).WithoutTrivia();
            replaced = configureAwait;
        }

        var newBody = body.ReplaceNode(read, AwaitEditing.AwaitReplacing(read, antecedent));
        if (replaced.Parent is AwaitExpressionSyntax awaitExpression)
        {
            var parenthesized = SyntaxFactory.ParenthesizedExpression(newBody.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);
            editor.ReplaceNode(awaitExpression, parenthesized.WithTriviaFrom(awaitExpression));
        }
        else if (replaced.Parent is ExpressionStatementSyntax statement)
        {
            editor.ReplaceNode(statement.Expression, newBody.WithTriviaFrom(statement.Expression).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }

    /// <summary>
    /// <c>x.ContinueWith(t =&gt; F(t.Result));</c> → <c>x.ContinueWith(t =&gt; F(t.Result), OnlyOnRanToCompletion);</c> followed by
    /// <c>_ = x.ContinueWith(t =&gt; Handler(t.Exception!), ..., OnlyOnFaulted, ...);</c>. A receiver that is not a plain variable is
    /// first stored in a local, so the work it starts still runs once.
    /// </summary>
    private static void FixWithOptions(DocumentEditor editor, InvocationExpressionSyntax invocation, string? handler)
    {
        if (StatementOf(invocation) is not { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax } statement)
        {
            return;
        }

        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        var receiver = access.Expression;
        var newStatements = new List<StatementSyntax>();
        ExpressionSyntax antecedent;
        if (IsPlainVariable(receiver, editor.SemanticModel))
        {
            antecedent = receiver.WithoutTrivia();
        }
        else
        {
            var scope = statement.Parent is GlobalStatementSyntax global ? global.Parent! : statement.Parent!;
            var local = ExceptionHandlerEditing.UniqueName(editor.SemanticModel, scope, "antecedent");
            antecedent = SyntaxFactory.IdentifierName(local);
            newStatements.Add(SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(local)).WithInitializer(SyntaxFactory.EqualsValueClause(receiver.WithoutTrivia())))))
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation));
        }

        var arguments = invocation.ArgumentList.Arguments;
        var onlyOnSuccess = ExceptionHandlerEditing.ContinuationOption("OnlyOnRanToCompletion");
        var newArguments = arguments.Count == 1
            ? arguments.Add(SyntaxFactory.Argument(onlyOnSuccess))
            : arguments.Replace(arguments[1], SyntaxFactory.Argument(SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, arguments[1].Expression.WithoutTrivia(), onlyOnSuccess)));
        var newInvocation = invocation.WithExpression(access.WithExpression(antecedent.WithTriviaFrom(receiver))).WithArgumentList(invocation.ArgumentList.WithArguments(newArguments));
        var rewritten = statement.ReplaceNode(invocation, newInvocation);
        newStatements.Add(newStatements.Count > 0 ? rewritten.WithLeadingTrivia(SyntaxFactory.ElasticMarker) : rewritten);

        var parameter = ExceptionHandlerEditing.UniqueName(editor.SemanticModel, receiver, "t");
        var fault = ExceptionHandlerEditing.FaultContinuation(antecedent, parameter, handler);
        var discard = DiscardEditing.Discard(fault);
        newStatements.Add(SyntaxFactory.ExpressionStatement(discard).WithAdditionalAnnotations(Formatter.Annotation));

        if (statement.Parent is GlobalStatementSyntax globalStatement)
        {
            // Top-level statements sit at column 0; plain line breaks keep the formatter from adding blank lines between them.
            var lineBreak = globalStatement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            lineBreak = lineBreak.RawKind == 0 ? SyntaxFactory.ElasticLineFeed : lineBreak;
            editor.InsertAfter(globalStatement, newStatements.Skip(1).Select(s => SyntaxFactory.GlobalStatement(s.WithoutTrivia().WithTrailingTrivia(lineBreak))).ToArray());
            editor.ReplaceNode(globalStatement, SyntaxFactory.GlobalStatement(newStatements[0]));
            return;
        }

        editor.InsertAfter(statement, newStatements.Skip(1).ToArray());
        editor.ReplaceNode(statement, newStatements[0]);
    }

    private static ExpressionStatementSyntax? StatementOf(InvocationExpressionSyntax invocation) => invocation.Parent switch
    {
        ExpressionStatementSyntax statement => statement,
        AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } => statement,
        _ => null,
    };

    private static bool IsPlainVariable(ExpressionSyntax receiver, SemanticModel semanticModel) =>
        receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
        && semanticModel.GetSymbolInfo(receiver).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol;
}
