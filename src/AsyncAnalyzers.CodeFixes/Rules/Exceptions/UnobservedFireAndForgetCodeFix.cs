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
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Exceptions;

/// <summary>
/// ASYNC402: in async code, awaits the forgotten task; elsewhere, attaches a fault-only continuation that routes the exception to
/// the configured handler (<c>_ = FooAsync().ContinueWith(t =&gt; Handler(t.Exception!), ..., OnlyOnFaulted, ...)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnobservedFireAndForgetCodeFix))]
[Shared]
public sealed class UnobservedFireAndForgetCodeFix : CodeFixProvider
{
    private const string AwaitKey = "ASYNC402.Await";
    private const string ObserveFaultsKey = "ASYNC402.ObserveFaults";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnobservedFireAndForget);

    // A discard can sit inside the lambda of another discarded Task.Run, so Fix All rewrites each document in one editor pass.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || KeyFor(diagnostic) is not { } key || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
        {
            return;
        }

        var title = key == AwaitKey ? "Await the task" : "Report the task's exception through a continuation";
        if (key == AwaitKey
            ? TaskSelector(node, (await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false))!, context.CancellationToken) is null
            : node is not AssignmentExpressionSyntax)
        {
            return;
        }

        context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key), diagnostic);
    }

    private static string? KeyFor(Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix) ? null
        : diagnostic.Properties.ContainsKey(DiagnosticProperties.CanAwait) ? AwaitKey
        : ObserveFaultsKey;

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        await FixAsync(document, diagnostics.Where(d => KeyFor(d) == context.CodeActionEquivalenceKey).ToImmutableArray(), context.CodeActionEquivalenceKey!, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            var node = editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (key == AwaitKey)
            {
                if (TaskSelector(node, editor.SemanticModel, cancellationToken) is { } selectTask)
                {
                    // The callback sees the node with any nested fix already applied; the selector finds the task in it by shape.
                    editor.ReplaceNode(node, (current, _) => AwaitEditing.AwaitReplacing((ExpressionSyntax)current, selectTask(current)));
                }
            }
            else if (node is AssignmentExpressionSyntax { Right: var value })
            {
                var name = ExceptionHandlerEditing.UniqueName(editor.SemanticModel, node, "t");
                var handler = ExceptionHandlerEditing.ConfiguredHandler(diagnostic);
                var isValueTask = diagnostic.Properties.ContainsKey(DiagnosticProperties.ValueTask);
                editor.ReplaceNode(value, (current, _) => Observe((ExpressionSyntax)current, name, handler, isValueTask));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>
    /// How to find the task to await in the statement's expression: the right side of <c>_ = task</c>, the receiver of
    /// <c>task.Forget()</c>, or the argument of <c>Helper(task)</c>.
    /// </summary>
    private static System.Func<SyntaxNode, ExpressionSyntax>? TaskSelector(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (node is AssignmentExpressionSyntax)
        {
            return current => ((AssignmentExpressionSyntax)current).Right;
        }

        if (node is not InvocationExpressionSyntax syntax || semanticModel.GetOperation(node, cancellationToken) is not IInvocationOperation invocation)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : argument.Value;
            if (value is not IInvocationOperation || value.Syntax is not ExpressionSyntax task)
            {
                continue;
            }

            if (syntax.Expression is MemberAccessExpressionSyntax receiver && receiver.Expression == task)
            {
                return current => ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)current).Expression).Expression;
            }

            var index = syntax.ArgumentList.Arguments.IndexOf(a => a.Expression == task);
            if (index >= 0)
            {
                return current => ((InvocationExpressionSyntax)current).ArgumentList.Arguments[index].Expression;
            }
        }

        return null;
    }

    private static InvocationExpressionSyntax Observe(ExpressionSyntax value, string name, string? handler, bool isValueTask)
    {
        var task = value.WithoutTrivia();

        // ConfigureAwait only matters to an await; the continuation takes the task itself.
        if (task is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure })
        {
            task = configure.Expression;
        }

        if (isValueTask)
        {
            task = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("AsTask")));
        }

        return ExceptionHandlerEditing.FaultContinuation(task, name, handler).WithTriviaFrom(value).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
