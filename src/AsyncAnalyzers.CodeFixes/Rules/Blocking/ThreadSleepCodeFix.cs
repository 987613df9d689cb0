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

namespace AsyncAnalyzers.CodeFixes.Rules.Blocking;

/// <summary>ASYNC102: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x)</c>, forwarding the CancellationToken in scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThreadSleepCodeFix))]
[Shared]
public sealed class ThreadSleepCodeFix : PlannedCodeFix
{
    public const string AwaitTaskDelayKey = "ASYNC102.AwaitTaskDelay";

    public ThreadSleepCodeFix()
        : base(DiagnosticIds.ThreadSleepInAsyncCode)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } sleep)
        {
            return Task.FromResult<FixPlan?>(null);
        }

        var token = diagnostic.Properties.TryGetValue(DiagnosticProperties.TokenInScope, out var name) && name is not null
            ? TokenEditing.TokenInScope(document.Model, sleep.SpanStart, name, document.Symbols)
            : null;
        return Task.FromResult<FixPlan?>(new Plan(document, diagnostic, sleep, token));
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var sleep = plan.Sleep;

            // Task.Delay's parameter has another name, so a named argument loses its name; the argument's trivia stays.
            var duration = sleep.ArgumentList.Arguments[0].WithNameColon(null);
            var arguments = plan.Token is null
                ? sleep.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(duration))
                : sleep.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(new[] { duration, SyntaxFactory.Argument(plan.Token) }));
            var delay = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    edit.Types.Expression(plan.Document.Symbols.Task, sleep.SpanStart),
                    SyntaxFactory.IdentifierName("Delay")),
                arguments);
            edit.Editor.ReplaceNode(sleep, AwaitEditing.AwaitReplacing(sleep, delay));
        }

        return Task.CompletedTask;
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, InvocationExpressionSyntax sleep, ExpressionSyntax? token)
            : base(document, diagnostic, sleep, ImmutableArray.Create(new FixOption(AwaitTaskDelayKey, "Use 'await Task.Delay(...)'")))
        {
            Sleep = sleep;
            Token = token;
        }

        public InvocationExpressionSyntax Sleep { get; }

        public ExpressionSyntax? Token { get; }
    }
}
