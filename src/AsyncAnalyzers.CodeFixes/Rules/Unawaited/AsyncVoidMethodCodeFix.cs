using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// Fixes ASYNC202: <c>async void</c> becomes <c>async Task</c>. Callers in the same document, which would now drop the task, await
/// it in async code and discard it explicitly (<c>_ =</c>, the fire-and-forget they had before) in synchronous code. Not offered
/// when a reference anywhere in the solution would stop compiling (a method group converted to a void delegate).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidMethodCodeFix))]
[Shared]
public sealed class AsyncVoidMethodCodeFix : CodeFixProvider
{
    public const string ReturnTaskKey = "ASYNC202.ReturnTask";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncVoidMethod);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FindAsync(model, context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Return Task instead of void", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), ReturnTaskKey),
                    diagnostic);
            }
        }
    }

    private static async Task<(IMethodSymbol Method, SyntaxNode Declaration)?> FindAsync(SemanticModel model, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var declaration = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { IsAsync: true, ReturnsVoid: true } method
            || MakeAsyncEditing.FindDeclaration(method, cancellationToken) != declaration
            || !await MakeAsyncEditing.CallersSurviveAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (method, declaration);
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || CompilationServices.TryGet(model.Compilation)?.Symbols is not { } symbols)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var declarations = new List<SyntaxNode>();
        var needsUsing = false;
        foreach (var diagnostic in diagnostics)
        {
            if (await FindAsync(model, document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                continue;
            }

            declarations.Add(found.Declaration);
            var references = await SymbolFinder.FindReferencesAsync(found.Method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var location in references.SelectMany(r => r.Locations))
            {
                if (location.Document.Id == document.Id && CallerStatement(root, location.Location.SourceSpan) is { } call)
                {
                    FixCaller(editor, model, call, cancellationToken);
                }
            }
        }

        foreach (var declaration in declarations)
        {
            var (task, taskNeedsUsing) = MakeAsyncEditing.TaskName(model, declaration.SpanStart, symbols.Task);
            needsUsing |= taskNeedsUsing;
            editor.ReplaceNode(declaration, (current, _) => MakeAsyncEditing.ReturnTask(current, task));
        }

        if (needsUsing && root is CompilationUnitSyntax)
        {
            editor.ReplaceNode(root, (current, _) => MakeAsyncEditing.AddTasksUsing((CompilationUnitSyntax)current));
        }

        return editor.GetChangedDocument();
    }

    private static InvocationExpressionSyntax? CallerStatement(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        if (root.FindNode(span, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
        {
            return null;
        }

        ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return callee.Parent is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } invocation && invocation.Expression == callee ? invocation : null;
    }

    private static void FixCaller(DocumentEditor editor, SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        if (model.GetOperation(call, cancellationToken)?.Parent is not IExpressionStatementOperation statement
            || model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is not { } enclosing)
        {
            return;
        }

        if (AsyncContext.Of(statement, enclosing).IsAsync && AsyncContext.CanInsertAwait(statement))
        {
            editor.ReplaceNode(call, AwaitEditing.AwaitReplacing(call, call));
        }
        else if (model.LookupSymbols(call.SpanStart, name: "_").IsEmpty)
        {
            editor.ReplaceNode(
                call,
                DiscardEditing.Discard(call.WithoutTrivia())
                    .WithTriviaFrom(call)
                    .WithAdditionalAnnotations(Formatter.Annotation));
        }
    }
}
