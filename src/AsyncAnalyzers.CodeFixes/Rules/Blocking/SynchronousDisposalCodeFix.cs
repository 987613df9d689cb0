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

namespace AsyncAnalyzers.CodeFixes.Rules.Blocking;

/// <summary>
/// ASYNC105: <c>using</c> → <c>await using</c> and <c>x.Dispose()</c> → <c>await x.DisposeAsync()</c>, with
/// <c>.ConfigureAwait(false)</c> when the function already configures its awaits that way.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SynchronousDisposalCodeFix))]
[Shared]
public sealed class SynchronousDisposalCodeFix : PlannedCodeFix
{
    /// <summary>One key for both forms: the disposal's shape (a using or a Dispose call) decides the form, not the user.</summary>
    public const string DisposeAsynchronouslyKey = "ASYNC105.DisposeAsynchronously";

    public SynchronousDisposalCodeFix()
        : base(DiagnosticIds.SynchronousDisposal)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix))
        {
            return Task.FromResult<FixPlan?>(null);
        }

        var span = diagnostic.Location.SourceSpan;
        var token = document.Root.FindToken(span.Start);
        SyntaxNode? target = token.IsKind(SyntaxKind.UsingKeyword) && token.Span == span
            ? token.Parent as UsingStatementSyntax ?? (SyntaxNode?)(token.Parent as LocalDeclarationStatementSyntax)
            : document.Root.FindNode(span, getInnermostNodeForTie: true) is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" },
                ArgumentList.Arguments.Count: 0,
                Parent: ExpressionStatementSyntax,
            } dispose ? dispose : null;
        if (target is null)
        {
            return Task.FromResult<FixPlan?>(null);
        }

        var option = target is InvocationExpressionSyntax
            ? new FixOption(DisposeAsynchronouslyKey, "Use 'await DisposeAsync()'")
            : new FixOption(DisposeAsynchronouslyKey, "Use 'await using'");
        return Task.FromResult<FixPlan?>(new Plan(document, diagnostic, target, option, UsesConfigureAwaitFalse(target)));
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            switch (plan.Target)
            {
                case InvocationExpressionSyntax dispose:
                    edit.Editor.ReplaceNode(dispose, current => DisposeAsync((InvocationExpressionSyntax)current, plan.ConfigureAwait));
                    break;
                case UsingStatementSyntax statement:
                    FixUsingStatement(edit, statement, plan.ConfigureAwait);
                    break;
                case LocalDeclarationStatementSyntax declaration:
                    FixUsingDeclaration(edit, declaration, plan.ConfigureAwait);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static ExpressionSyntax DisposeAsync(InvocationExpressionSyntax dispose, bool configureAwait)
    {
        var access = (MemberAccessExpressionSyntax)dispose.Expression;
        ExpressionSyntax call = dispose.WithExpression(access.WithName(SyntaxFactory.IdentifierName("DisposeAsync").WithTriviaFrom(access.Name))).WithoutTrivia();
        if (configureAwait)
        {
            call = ConfigureAwaitFalse(call);
        }

        return AwaitEditing.AwaitReplacing(dispose, call);
    }

    private static void FixUsingStatement(DocumentEdit edit, UsingStatementSyntax statement, bool configureAwait)
    {
        if (configureAwait && statement.Expression is not null)
        {
            // using (x) → await using (x.ConfigureAwait(false)).
            edit.Editor.ReplaceNode(statement, current =>
            {
                var using_ = (UsingStatementSyntax)current;
                return WithAwait(using_.WithExpression(ConfigureAwaitFalse(using_.Expression!)), using_.UsingKeyword, (s, a, u) => s.WithAwaitKeyword(a).WithUsingKeyword(u));
            });
            return;
        }

        // using (var x = init) body → var x = init; await using (x.ConfigureAwait(false)) body; where the name stays free in the
        // block, else plain await using (SynchronousDisposalCodeFixTests.ConfigureAwaitNameTakenLater_PlainAwaitUsing).
        if (configureAwait
            && statement.Declaration is { Variables.Count: 1 } declaration
            && ListAnchor(statement) is { } anchor
            && !NameDeclaredElsewhere(Scope(anchor), statement, declaration.Variables[0].Identifier.ValueText))
        {
            var hoisted = SyntaxFactory.LocalDeclarationStatement(declaration.WithoutTrivia())
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            edit.Editor.InsertBefore(anchor, Wrap(anchor, hoisted));
            var name = SyntaxFactory.IdentifierName(declaration.Variables[0].Identifier.WithoutTrivia());
            edit.Editor.ReplaceNode(statement, current =>
            {
                var using_ = (UsingStatementSyntax)current;
                var rewritten = using_.WithDeclaration(null).WithExpression(ConfigureAwaitFalse(name))
                    .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithLeadingTrivia(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
                return rewritten.WithAdditionalAnnotations(Formatter.Annotation);
            });
            return;
        }

        edit.Editor.ReplaceNode(statement, current =>
        {
            var using_ = (UsingStatementSyntax)current;
            return WithAwait(using_, using_.UsingKeyword, (s, a, u) => s.WithAwaitKeyword(a).WithUsingKeyword(u));
        });
    }

    private static void FixUsingDeclaration(DocumentEdit edit, LocalDeclarationStatementSyntax statement, bool configureAwait)
    {
        // using var x = init; → var x = init; await using var configuredX = x.ConfigureAwait(false);
        if (configureAwait && statement.Declaration.Variables.Count == 1 && ListAnchor(statement) is { } anchor)
        {
            var variable = statement.Declaration.Variables[0].Identifier.ValueText;
            var scope = Scope(anchor).Span;
            var configured = edit.Names.Unique(statement.Span.End, scope, "configured" + Capitalize(UniqueNames.CamelCase(variable)));
            var disposal = SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var"),
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(TokenEditing.Identifier(configured))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(ConfigureAwaitFalse(SyntaxFactory.IdentifierName(variable)))))))
                .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword))
                .WithAdditionalAnnotations(Formatter.Annotation);
            edit.Editor.InsertAfter(anchor, Wrap(anchor, disposal));
            edit.Editor.ReplaceNode(statement, current =>
            {
                var declaration = (LocalDeclarationStatementSyntax)current;
                return declaration.WithUsingKeyword(default).WithLeadingTrivia(declaration.UsingKeyword.LeadingTrivia);
            });
            return;
        }

        edit.Editor.ReplaceNode(statement, current =>
        {
            var declaration = (LocalDeclarationStatementSyntax)current;
            return WithAwait(declaration, declaration.UsingKeyword, (s, a, u) => s.WithAwaitKeyword(a).WithUsingKeyword(u));
        });
    }

    /// <summary>Puts <c>await</c> before the using keyword, taking over its leading trivia.</summary>
    private static T WithAwait<T>(T node, SyntaxToken usingKeyword, System.Func<T, SyntaxToken, SyntaxToken, T> with)
        where T : SyntaxNode =>
        with(
            node,
            SyntaxFactory.Token(usingKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
            usingKeyword.WithLeadingTrivia());

    private static InvocationExpressionSyntax ConfigureAwaitFalse(ExpressionSyntax expression) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesized(expression.WithoutTrivia()), SyntaxFactory.IdentifierName("ConfigureAwait")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))))
        .WithTriviaFrom(expression);

    private static ExpressionSyntax Parenthesized(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ThisExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    /// <summary>The statement a new statement can be inserted next to: in a block, a switch section or top-level code.</summary>
    private static SyntaxNode? ListAnchor(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax or SwitchSectionSyntax => statement,
        GlobalStatementSyntax global => global,
        _ => null,
    };

    /// <summary>The scope a hoisted local lives in: its block, the whole switch for a switch section, the file for top-level code.</summary>
    private static SyntaxNode Scope(SyntaxNode anchor) => anchor.Parent is SwitchSectionSyntax { Parent: { } switchStatement } ? switchStatement : anchor.Parent!;

    private static SyntaxNode Wrap(SyntaxNode anchor, StatementSyntax statement) =>
        anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

    /// <summary>True when another local, parameter or pattern variable of the list owner has the same name (hoisting would clash).</summary>
    private static bool NameDeclaredElsewhere(SyntaxNode owner, SyntaxNode statement, string name) =>
        owner.DescendantNodes().Any(node => !statement.Span.Contains(node.Span) && node switch
        {
            VariableDeclaratorSyntax v => v.Identifier.ValueText == name,
            SingleVariableDesignationSyntax d => d.Identifier.ValueText == name,
            ForEachStatementSyntax f => f.Identifier.ValueText == name,
            ParameterSyntax p => p.Identifier.ValueText == name,
            LocalFunctionStatementSyntax l => l.Identifier.ValueText == name,
            _ => false,
        });

    /// <summary>True when the enclosing function already awaits with <c>.ConfigureAwait(false)</c>.</summary>
    private static bool UsesConfigureAwaitFalse(SyntaxNode node)
    {
        var function = node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
        return function is not null && function.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
            i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" }
            && i.ArgumentList.Arguments.Count == 1 && i.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.FalseLiteralExpression));
    }

    private static string Capitalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, SyntaxNode target, FixOption option, bool configureAwait)
            : base(document, diagnostic, target, ImmutableArray.Create(option))
        {
            ConfigureAwait = configureAwait;
        }

        public bool ConfigureAwait { get; }
    }
}
