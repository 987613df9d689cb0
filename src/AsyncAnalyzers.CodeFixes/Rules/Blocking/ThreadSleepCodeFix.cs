using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Rules.Blocking;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
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

    // Each fix may need a using directive; one editor pass per document adds it once for all of them.
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
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix))
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
        if (CompilationServices.TryGet(editor.SemanticModel.Compilation)?.Symbols is not { } symbols)
        {
            return document;
        }

        var imports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            if (FindSleep(editor.OriginalRoot, diagnostic) is not { } sleep)
            {
                continue;
            }

            // Task.Delay's parameter has another name, so a named argument loses its name; the argument's trivia stays.
            var duration = sleep.ArgumentList.Arguments[0].WithNameColon(null);
            var token = diagnostic.Properties.TryGetValue(DiagnosticProperties.TokenInScope, out var name) && name is not null
                ? TokenEditing.TokenInScope(editor.SemanticModel, sleep.SpanStart, name, symbols)
                : null;
            var arguments = token is null ? sleep.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(duration))
                : sleep.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(new[] { duration, SyntaxFactory.Argument(token) }));

            var delay = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    TokenEditing.TypeName(editor.SemanticModel, sleep.SpanStart, symbols.Task, imports),
                    SyntaxFactory.IdentifierName("Delay")),
                arguments);

            editor.ReplaceNode(sleep, AwaitEditing.AwaitReplacing(sleep, delay));
        }

        return await TokenEditing.AddImportsAsync(editor.GetChangedDocument(), imports, cancellationToken).ConfigureAwait(false);
    }
}
