using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// ASYNC207: <c>await Task.Factory.StartNew(f)</c> (or a plain StartNew converted to Task) → <c>Task.Run(f)</c> where the
/// overloads match; in every case <c>await outer</c> → <c>await outer.Unwrap()</c> (before <c>ConfigureAwait</c>), and an
/// outer task reported where it is converted, passed or returned → <c>outer.Unwrap()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NestedTaskAwaitCodeFix))]
[Shared]
public sealed class NestedTaskAwaitCodeFix : PlannedCodeFix
{
    public const string UseTaskRunKey = "ASYNC207.UseTaskRun";
    public const string UnwrapKey = "ASYNC207.Unwrap";

    public NestedTaskAwaitCodeFix()
        : base(DiagnosticIds.NestedTaskAwaited)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax target)
        {
            return Task.FromResult<FixPlan?>(null);
        }

        // The finding is an 'await outer' statement, or the outer task itself where it is converted to Task, waited, handed to
        // WhenAll and its kin, or returned by a Select lambda (NestedTaskAwaitCodeFixTests.ReturnedAsTask_Unwraps).
        var outer = target is AwaitExpressionSyntax await ? Outer(await.Expression) : target;
        InvocationExpressionSyntax? startNew = null;
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.TaskRun)
            && outer is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartNew" } } invocation)
        {
            startNew = invocation;
        }

        // Unwrap first, for every finding: it is right everywhere (it keeps StartNew's scheduler, which Task.Run would change
        // to the default one), and one first key lets Fix All and dotnet format fix every finding in one pass
        // (NestedTaskAwaitCodeFixTests.FixAllDefault_OnePassOverEveryShape).
        var options = startNew is null
            ? ImmutableArray.Create(new FixOption(UnwrapKey, "Await the inner task with 'Unwrap()'"))
            : ImmutableArray.Create(new FixOption(UnwrapKey, "Await the inner task with 'Unwrap()'"), new FixOption(UseTaskRunKey, "Use 'Task.Run'"));
        return Task.FromResult<FixPlan?>(new Plan(document, diagnostic, target, outer, startNew, options));
    }

    /// <summary>The awaited expression without its <c>.ConfigureAwait(...)</c> calls.</summary>
    private static ExpressionSyntax Outer(ExpressionSyntax awaited)
    {
        var current = awaited;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access })
        {
            current = access.Expression;
        }

        return current;
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            if (fix.Key == UseTaskRunKey && plan.StartNew is { } startNew)
            {
                var run = SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    edit.Types.Expression(plan.Document.Symbols.Task, startNew.SpanStart),
                    SyntaxFactory.IdentifierName("Run"));
                edit.Editor.ReplaceNode(startNew, current => current is InvocationExpressionSyntax invocation
                    ? invocation.WithExpression(run.WithTriviaFrom(invocation.Expression))
                    : current);
                continue;
            }

            // Unwrap is an extension method of System.Threading.Tasks.TaskExtensions.
            edit.Types.Import("System.Threading.Tasks");
            edit.Editor.ReplaceNode(plan.Outer, current => current is ExpressionSyntax expression
                ? SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        Receiver(expression.WithoutTrivia()),
                        SyntaxFactory.IdentifierName("Unwrap"))).WithTriviaFrom(expression)
                : current);
        }

        return Task.CompletedTask;
    }

    private static ExpressionSyntax Receiver(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, ExpressionSyntax target, ExpressionSyntax outer, InvocationExpressionSyntax? startNew, ImmutableArray<FixOption> options)
            : base(document, diagnostic, target, options)
        {
            Outer = outer;
            StartNew = startNew;
        }

        public ExpressionSyntax Outer { get; }

        public InvocationExpressionSyntax? StartNew { get; }
    }
}
