using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// Fixes ASYNC203 where a sibling API takes a task-returning delegate: <c>Parallel.ForEach(items, async x => ...)</c> becomes
/// <c>await Parallel.ForEachAsync(items, async (x, cancellationToken) => ...)</c>, forwarding a CancellationToken in scope when the
/// sibling has an overload for it. Only offered for a call used as a statement in async code, where it can be awaited.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncLambdaToVoidDelegateCodeFix))]
[Shared]
public sealed class AsyncLambdaToVoidDelegateCodeFix : PlannedCodeFix
{
    public const string UseAsyncSiblingKey = "ASYNC203.UseAsyncSibling";

    private static readonly string[] TokenParameterNames = { "cancellationToken", "ct", "token" };

    public AsyncLambdaToVoidDelegateCodeFix()
        : base(DiagnosticIds.AsyncLambdaToVoidDelegate)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<FixPlan?>(Plan.Create(document, diagnostic, cancellationToken));

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // A call nested in another fixed call's lambda is rewritten first; the outer rewrite starts from the current call. Two
        // lambdas of one call would each rewrite it: the first wins, the other's diagnostic is re-evaluated on the result.
        var calls = new HashSet<SyntaxNode>();
        var planned = fixes.Where(f => calls.Add(f.Plan.Target)).ToList();

        // The delegates' new token parameters, named in document order.
        var names = InDocumentOrder(planned)
            .Where(f => ((Plan)f.Plan).Sibling.DelegateTakesToken)
            .ToDictionary(f => f.Plan, f => pass.Edit(f.Plan.Document).Names.Unique(((Plan)f.Plan).Lambda.SpanStart, ((Plan)f.Plan).Lambda.Span, TokenParameterNames));
        foreach (var fix in planned)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var tokenParameter = names.TryGetValue(plan, out var name) ? name : null;
            edit.Editor.ReplaceNode(plan.Target, current => current is InvocationExpressionSyntax call ? plan.Rewrite(call, tokenParameter) : current);
        }

        return Task.CompletedTask;
    }

    private sealed class Plan : FixPlan
    {
        private Plan(FixDocument document, Diagnostic diagnostic, InvocationExpressionSyntax call, AnonymousFunctionExpressionSyntax lambda, int lambdaIndex, AsyncDelegateSibling sibling, string? token)
            : base(document, diagnostic, call, ImmutableArray.Create(new FixOption(UseAsyncSiblingKey, $"Use '{sibling.Method.Name}' and await it")))
        {
            Lambda = lambda;
            LambdaIndex = lambdaIndex;
            Sibling = sibling;
            Token = token;
        }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        public int LambdaIndex { get; }

        public AsyncDelegateSibling Sibling { get; }

        private string? Token { get; }

        public static Plan? Create(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var model = document.Model;
            var symbols = document.Symbols;
            var lambda = document.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault();
            if (lambda is null || lambda.SpanStart != diagnostic.Location.SourceSpan.Start
                || lambda.Parent is not ArgumentSyntax { NameColon: null } argumentSyntax
                || argumentSyntax.Parent?.Parent is not InvocationExpressionSyntax call
                || call.ArgumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
                || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                || invocation.Parent is not IExpressionStatementOperation statement
                || model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is not { } enclosing
                || !AsyncContext.Of(statement, enclosing).IsAsync
                || !AsyncContext.CanInsertAwait(statement))
            {
                return null;
            }

            // Not through params arrays, nor C# 13 params collections (an ArgumentKind newer than the Roslyn we build against).
            var argument = invocation.Arguments.FirstOrDefault(a => a.Syntax == argumentSyntax);
            if (argument?.Parameter is not { } parameter || invocation.Arguments.Any(a => a.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.DefaultValue)))
            {
                return null;
            }

            var tokenInScope = CancellationTokens.FindInScope(invocation, enclosing, symbols);
            var sibling = (tokenInScope is not null ? AsyncDelegateSiblings.Find(invocation.TargetMethod, parameter.Ordinal, withToken: true, symbols) : null)
                ?? AsyncDelegateSiblings.Find(invocation.TargetMethod, parameter.Ordinal, withToken: false, symbols);
            if (sibling is null)
            {
                return null;
            }

            // The new delegate parameter is added without a type, so the lambda's parameters must be implicitly typed.
            if (sibling.DelegateTakesToken
                && (lambda is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: var parameters } && parameters.Any(p => p.Type is not null)
                    || lambda is AnonymousMethodExpressionSyntax))
            {
                return null;
            }

            var lambdaIndex = call.ArgumentList.Arguments.IndexOf(argumentSyntax);
            return new Plan(document, diagnostic, call, lambda, lambdaIndex, sibling, sibling.TokenOrdinal >= 0 ? tokenInScope?.Name : null);
        }

        /// <summary>The call as it is now (lambdas nested in it already rewritten), renamed to the sibling and awaited.</summary>
        public ExpressionSyntax Rewrite(InvocationExpressionSyntax call, string? tokenParameterName)
        {
            var arguments = call.ArgumentList.Arguments;
            if (LambdaIndex < 0 || LambdaIndex >= arguments.Count || arguments[LambdaIndex].Expression is not AnonymousFunctionExpressionSyntax lambda)
            {
                return call;
            }

            var newLambda = tokenParameterName is null ? lambda : AddParameter(lambda, tokenParameterName);
            arguments = arguments.Replace(arguments[LambdaIndex], arguments[LambdaIndex].WithExpression(newLambda));
            if (Token is not null && Sibling.TokenOrdinal >= 0 && Sibling.TokenOrdinal <= arguments.Count)
            {
                arguments = arguments.Insert(Sibling.TokenOrdinal, SyntaxFactory.Argument(SyntaxFactory.IdentifierName(Token)));
            }

            var newCall = call.WithExpression(Rename(call.Expression, Sibling.Method.Name)).WithArgumentList(call.ArgumentList.WithArguments(arguments));
            return AwaitEditing.AwaitReplacing(call, newCall).WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static ExpressionSyntax Rename(ExpressionSyntax callee, string name) => callee switch
        {
            MemberAccessExpressionSyntax access => access.WithName(RenameSimple(access.Name, name)),
            SimpleNameSyntax simple => RenameSimple(simple, name),
            _ => callee,
        };

        private static SimpleNameSyntax RenameSimple(SimpleNameSyntax simple, string name) =>
            simple.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(simple.Identifier));

        private static AnonymousFunctionExpressionSyntax AddParameter(AnonymousFunctionExpressionSyntax lambda, string name)
        {
            var added = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name));
            return lambda switch
            {
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.ParenthesizedLambdaExpression(
                        simple.AttributeLists,
                        simple.Modifiers,
                        returnType: null,
                        SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { simple.Parameter.WithoutTrivia(), added })).WithTrailingTrivia(simple.Parameter.GetTrailingTrivia()),
                        simple.ArrowToken,
                        simple.Block,
                        simple.ExpressionBody)
                    .WithTriviaFrom(simple),
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithParameterList(parenthesized.ParameterList.AddParameters(added)),
                _ => lambda,
            };
        }
    }
}
