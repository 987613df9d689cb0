using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Rules.Blocking;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncAnalyzers.CodeFixes.Rules.Blocking;

/// <summary>ASYNC102: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x)</c>, forwarding the CancellationToken in scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadSleepCodeFix))]
[Shared]
public sealed class ThreadSleepCodeFix : CodeFixProvider
{
    private const string AwaitTaskDelayKey = "ASYNC102.AwaitTaskDelay";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadSleepInAsyncCode);

    // Each fix may add a using directive; one editor pass per document keeps Fix All from producing it twice.
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || FindSleep(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use 'await Task.Delay(...)'",
                    cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                    AwaitTaskDelayKey),
                diagnostic);
        }
    }

    /// <summary>The Thread.Sleep call a fixable diagnostic points at, or null when there is nothing to fix.</summary>
    private static InvocationExpressionSyntax? FindSleep(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(BlockingWaitAnalyzer.NoFixProperty))
        {
            return null;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
            ? invocation
            : null;
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (AsyncSymbols.TryCreate(editor.SemanticModel.Compilation) is not { } symbols)
        {
            return document;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (FindSleep(editor.OriginalRoot, diagnostic) is not { } sleep)
            {
                continue;
            }

            var arguments = sleep.ArgumentList.Arguments[0].Expression;
            var token = diagnostic.Properties.TryGetValue(ThreadSleepAnalyzer.TokenInScopeProperty, out var name) && name is not null
                ? TokenEditing.TokenInScope(editor.SemanticModel, sleep.SpanStart, name, symbols)
                : null;

            var delayArguments = token is null
                ? SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(arguments) })
                : SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(arguments), SyntaxFactory.Argument(token) });

            var delay = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    (ExpressionSyntax)editor.Generator.TypeExpression(symbols.Task, addImport: true),
                    SyntaxFactory.IdentifierName("Delay")),
                SyntaxFactory.ArgumentList(delayArguments).WithTriviaFrom(sleep.ArgumentList));

            editor.ReplaceNode(sleep, AwaitEditing.AwaitReplacing(sleep, delay));
        }

        return editor.GetChangedDocument();
    }
}
