using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// Fixes ASYNC202: <c>async void</c> becomes <c>async Task</c>. Callers anywhere in the solution, which would now drop the task, await
/// it in async code and discard it explicitly (<c>_ =</c>, the fire-and-forget they had before) in synchronous code. Not offered
/// when a reference anywhere in the solution would stop compiling (a method group converted to a void delegate).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidMethodCodeFix))]
[Shared]
public sealed class AsyncVoidMethodCodeFix : PlannedCodeFix
{
    public const string ReturnTaskKey = "ASYNC202.ReturnTask";

    private static readonly FixOption ReturnTask = new(ReturnTaskKey, "Return Task instead of void");

    public AsyncVoidMethodCodeFix()
        : base(DiagnosticIds.AsyncVoidMethod)
    {
    }

    private protected override async Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var declaration = document.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            || document.Model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { IsAsync: true, ReturnsVoid: true } method
            || MakeAsyncEditing.FindDeclaration(method, cancellationToken) != declaration
            || !await MakeAsyncEditing.CallersSurviveAsync(method, document.Document.Project.Solution, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new Plan(document, diagnostic, declaration, method);
    }

    private protected override async Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var references = await SymbolFinder.FindReferencesAsync(plan.Method, pass.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var location in references.SelectMany(r => r.Locations))
            {
                if (await pass.EditAsync(location.Document, cancellationToken).ConfigureAwait(false) is { } callerEdit
                    && CallerStatement(callerEdit.Document.Root, location.Location.SourceSpan) is { } call)
                {
                    FixCaller(callerEdit, call, cancellationToken);
                }
            }

            var edit = pass.Edit(plan.Document);
            var task = MakeAsyncEditing.TaskReturnType(edit, plan.Target);
            edit.Editor.ReplaceNode(plan.Target, current => MakeAsyncEditing.ReturnTask(current, task));
        }
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

    private static void FixCaller(DocumentEdit edit, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        var model = edit.Model;
        if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
            || invocation.Parent is not IExpressionStatementOperation statement
            || model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is not { } enclosing)
        {
            return;
        }

        // Callbacks: a caller may be the body of another fixed method, or hold another fixed call in its arguments.
        if (AsyncContext.Of(statement, enclosing).IsAsync && AsyncContext.CanInsertAwait(statement))
        {
            edit.Editor.ReplaceNode(call, current => AwaitEditing.AwaitReplacing((ExpressionSyntax)current, (ExpressionSyntax)current));
            return;
        }

        if (!model.LookupSymbols(call.SpanStart, name: "_").IsEmpty)
        {
            return;
        }

        // The fire-and-forget the caller had before, made explicit; a task that can fault gets the continuation that reports
        // its exception (as ASYNC201's discard does), or the discard would be ASYNC402's next finding.
        var services = edit.Document.Services;
        string? parameter = null;
        string? handler = null;
        if (!services.Summaries.CanFault(invocation, unseenOnly: true).IsNo)
        {
            parameter = edit.Names.Unique(call.Span.End, default, ExceptionHandlerEditing.TaskParameterNames);
            handler = services.ExceptionHandlers.ForTree(edit.Document.Document.Project.AnalyzerOptions, edit.Document.Tree).CallTarget;
        }

        var position = call.SpanStart;
        edit.Editor.ReplaceNode(
            call,
            current =>
            {
                var task = ((ExpressionSyntax)current).WithoutTrivia();
                ExpressionSyntax value = parameter is null ? task : ExceptionHandlerEditing.FaultContinuation(edit, position, task, parameter, handler);
                return DiscardEditing.Discard(value)
                    .WithTriviaFrom(current)
                    .WithAdditionalAnnotations(Formatter.Annotation);
            });
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, SyntaxNode declaration, IMethodSymbol method)
            : base(document, diagnostic, declaration, ImmutableArray.Create(ReturnTask))
        {
            Method = method;
        }

        public IMethodSymbol Method { get; }
    }
}
