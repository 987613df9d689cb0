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

namespace AsyncAnalyzers.CodeFixes.Rules.Blocking;

/// <summary>ASYNC103: <c>x.Foo(a)</c> → <c>await x.FooAsync(a, token)</c>, keeping receiver, type arguments, arguments and trivia.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncApiWithAsyncCounterpartCodeFix))]
[Shared]
public sealed class SyncApiWithAsyncCounterpartCodeFix : PlannedCodeFix
{
    public const string AwaitCounterpartKey = "ASYNC103.AwaitCounterpart";

    public SyncApiWithAsyncCounterpartCodeFix()
        : base(DiagnosticIds.SyncApiWithAsyncCounterpart)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<FixPlan?>(FindCall(document.Root, diagnostic) is { } call && diagnostic.Properties[DiagnosticProperties.Counterpart] is { } name
            ? new Plan(document, diagnostic, call, name)
            : null);

    /// <summary>The call a fixable diagnostic points at, or null when there is nothing to fix.</summary>
    private static InvocationExpressionSyntax? FindCall(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Counterpart, out var name)
            || string.IsNullOrEmpty(name))
        {
            return null;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax
        {
            Expression: SimpleNameSyntax or MemberAccessExpressionSyntax { Name: SimpleNameSyntax },
        } invocation
            ? invocation
            : null;
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // Inner calls come first, so an enclosing call's rewrite starts from its already-rewritten arguments.
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var token = TokenArgument(edit, plan.Call, plan.Diagnostic, cancellationToken);
            var name = plan.Name;
            var isExtension = plan.Diagnostic.Properties.ContainsKey(DiagnosticProperties.Extension);
            if (plan.Diagnostic.Properties.TryGetValue(DiagnosticProperties.CounterpartNamespace, out var import) && !string.IsNullOrEmpty(import))
            {
                // query.CountAsync() binds only where Microsoft.EntityFrameworkCore is imported; query.Count() needed System.Linq only.
                edit.Types.Import(import!);
            }

            edit.Editor.ReplaceNode(plan.Call, current => current is InvocationExpressionSyntax invocation
                ? AwaitEditing.AwaitReplacing(invocation, Rewrite(invocation, name, isExtension, token))
                : current);
        }

        return Task.CompletedTask;
    }

    private static InvocationExpressionSyntax Rewrite(InvocationExpressionSyntax invocation, string name, bool isExtension, ArgumentSyntax? token)
    {
        ExpressionSyntax expression = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.WithName(Rename(access.Name, name)),

            // An extension method is found through a receiver only: Save() becomes this.SaveAsync().
            SimpleNameSyntax simple when isExtension => SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ThisExpression(),
                Rename(simple, name).WithoutLeadingTrivia()).WithLeadingTrivia(simple.GetLeadingTrivia()),
            SimpleNameSyntax simple => Rename(simple, name),
            var other => other,
        };

        var arguments = invocation.ArgumentList;
        if (token is not null)
        {
            arguments = arguments.WithArguments(arguments.Arguments.Add(token));
        }

        return invocation.WithExpression(expression).WithArgumentList(arguments);
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName) =>
        name.WithIdentifier(TokenEditing.Identifier(newName).WithTriviaFrom(name.Identifier));

    /// <summary>
    /// The token argument to append: the token in scope, else <c>CancellationToken.None</c> when the counterpart requires one,
    /// else nothing. Named when the call names its arguments or leaves optional parameters out, where a positional token
    /// would bind to the wrong parameter.
    /// </summary>
    private static ArgumentSyntax? TokenArgument(DocumentEdit edit, InvocationExpressionSyntax call, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(DiagnosticProperties.TokenParameter, out var parameterName) || parameterName is null)
        {
            return null;
        }

        var symbols = edit.Document.Symbols;
        var required = properties.ContainsKey(DiagnosticProperties.TokenRequired);
        var value = properties.TryGetValue(DiagnosticProperties.TokenInScope, out var inScope) && inScope is not null
            ? TokenEditing.TokenInScope(edit.Model, call.SpanStart, inScope, symbols)
            : null;
        value ??= required ? TokenEditing.None(edit.Types, call.SpanStart, symbols) : null;
        if (value is null)
        {
            return null;
        }

        var argument = SyntaxFactory.Argument(value);
        var sync = edit.Model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol;
        var arguments = call.ArgumentList.Arguments;
        if (sync is null || arguments.Count != sync.Parameters.Length || arguments.Any(a => a.NameColon is not null))
        {
            argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(TokenEditing.Identifier(parameterName))));
        }

        return argument;
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, InvocationExpressionSyntax call, string name)
            : base(document, diagnostic, call, ImmutableArray.Create(new FixOption(AwaitCounterpartKey, $"Await '{name}'")))
        {
            Call = call;
            Name = name;
        }

        public InvocationExpressionSyntax Call { get; }

        public string Name { get; }
    }
}
