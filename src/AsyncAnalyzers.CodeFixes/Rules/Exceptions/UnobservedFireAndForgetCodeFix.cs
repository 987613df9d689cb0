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
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Exceptions;

/// <summary>
/// ASYNC402: in async code, awaits the forgotten task; elsewhere, attaches a fault-only continuation that routes the exception to
/// the configured handler (<c>_ = FooAsync().ContinueWith(t =&gt; Handler(t.Exception!), ..., OnlyOnFaulted, ...)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnobservedFireAndForgetCodeFix))]
[Shared]
public sealed class UnobservedFireAndForgetCodeFix : PlannedCodeFix
{
    /// <summary>The one kind of change: observe the task's faults, by awaiting in async code and through a continuation elsewhere.</summary>
    public const string ObserveFaultsKey = "ASYNC402.ObserveFaults";

    public UnobservedFireAndForgetCodeFix()
        : base(DiagnosticIds.UnobservedFireAndForget)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node)
        {
            return Task.FromResult<FixPlan?>(null);
        }

        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.CanAwait))
        {
            return Task.FromResult<FixPlan?>(TaskSelector(node, document.Model, cancellationToken) is { } selectTask
                ? new Plan(document, diagnostic, node, selectTask, "Await the task")
                : null);
        }

        return Task.FromResult<FixPlan?>(node is AssignmentExpressionSyntax
            ? new Plan(document, diagnostic, node, selectTask: null, "Report the task's exception through a continuation")
            : null);
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // The continuation's parameter, named in document order.
        var names = InDocumentOrder(fixes)
            .Where(f => f.Plan.Target is AssignmentExpressionSyntax && ((Plan)f.Plan).SelectTask is null)
            .ToDictionary(f => f.Plan, f => pass.Edit(f.Plan.Document).Names.Unique(((AssignmentExpressionSyntax)f.Plan.Target).Right.Span.End, default, ExceptionHandlerEditing.TaskParameterNames));
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var node = plan.Target;
            if (plan.SelectTask is { } selectTask)
            {
                // The callback sees the node with any nested fix already applied; the selector finds the task in it by shape.
                edit.Editor.ReplaceNode(node, current => AwaitEditing.AwaitReplacing((ExpressionSyntax)current, selectTask(current)));
            }
            else if (node is AssignmentExpressionSyntax { Right: var value })
            {
                var name = names[plan];
                var handler = ExceptionHandlerEditing.ConfiguredHandler(plan.Diagnostic);
                var isValueTask = plan.Diagnostic.Properties.ContainsKey(DiagnosticProperties.ValueTask);
                var position = value.SpanStart;
                edit.Editor.ReplaceNode(value, current => Observe(edit, position, (ExpressionSyntax)current, name, handler, isValueTask));
            }
        }

        return Task.CompletedTask;
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

    private static InvocationExpressionSyntax Observe(DocumentEdit edit, int position, ExpressionSyntax value, string name, string? handler, bool isValueTask)
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

        return ExceptionHandlerEditing.FaultContinuation(edit, position, task, name, handler).WithTriviaFrom(value).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, ExpressionSyntax node, System.Func<SyntaxNode, ExpressionSyntax>? selectTask, string title)
            : base(document, diagnostic, node, ImmutableArray.Create(new FixOption(ObserveFaultsKey, title)))
        {
            SelectTask = selectTask;
        }

        /// <summary>Where the task to await is, in async code; null where a continuation reports the fault.</summary>
        public System.Func<SyntaxNode, ExpressionSyntax>? SelectTask { get; }
    }
}
