using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
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
public sealed class AsyncLambdaToVoidDelegateCodeFix : CodeFixProvider
{
    public const string UseAsyncSiblingKey = "ASYNC203.UseAsyncSibling";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncLambdaToVoidDelegate);

    // Each fix rewrites one call statement, and two diagnostics nested in one call are rewritten one at a time.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || root is null || CompilationServices.TryGet(model.Compilation)?.Symbols is not { } symbols)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan.Create(root, model, diagnostic, symbols, context.CancellationToken) is { } plan)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use '{plan.Sibling.Method.Name}' and await it",
                        async ct =>
                        {
                            var editor = await DocumentEditor.CreateAsync(context.Document, ct).ConfigureAwait(false);
                            editor.ReplaceNode(plan.Call, plan.Rewrite());
                            return editor.GetChangedDocument();
                        },
                        UseAsyncSiblingKey),
                    diagnostic);
            }
        }
    }

    private sealed class Plan
    {
        private static readonly string[] TokenParameterNames = { "cancellationToken", "ct", "token" };

        private Plan(InvocationExpressionSyntax call, AnonymousFunctionExpressionSyntax lambda, AsyncDelegateSibling sibling, string? token, string? tokenParameterName)
        {
            Call = call;
            Lambda = lambda;
            Sibling = sibling;
            Token = token;
            TokenParameterName = tokenParameterName;
        }

        public InvocationExpressionSyntax Call { get; }

        public AnonymousFunctionExpressionSyntax Lambda { get; }

        public AsyncDelegateSibling Sibling { get; }

        private string? Token { get; }

        private string? TokenParameterName { get; }

        public static Plan? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, AsyncSymbols symbols, CancellationToken cancellationToken)
        {
            var lambda = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault();
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

            string? tokenParameterName = null;
            if (sibling.DelegateTakesToken)
            {
                // The new delegate parameter is added without a type, so the lambda's parameters must be implicitly typed.
                if (lambda is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: var parameters } && parameters.Any(p => p.Type is not null)
                    || lambda is AnonymousMethodExpressionSyntax)
                {
                    return null;
                }

                tokenParameterName = TokenParameterNames.FirstOrDefault(name =>
                    model.LookupSymbols(lambda.Body.SpanStart, name: name).IsEmpty && !LambdaDeclares(lambda, name));
                if (tokenParameterName is null)
                {
                    return null;
                }
            }

            return new Plan(call, lambda, sibling, sibling.TokenOrdinal >= 0 ? tokenInScope?.Name : null, tokenParameterName);
        }

        private static bool LambdaDeclares(AnonymousFunctionExpressionSyntax lambda, string name) =>
            lambda.DescendantNodesAndSelf().Any(n => n is ParameterSyntax p && p.Identifier.ValueText == name
                || n is VariableDeclaratorSyntax v && v.Identifier.ValueText == name
                || n is SingleVariableDesignationSyntax d && d.Identifier.ValueText == name);

        public ExpressionSyntax Rewrite()
        {
            var arguments = Call.ArgumentList.Arguments;
            var lambdaIndex = arguments.IndexOf(a => a.Expression == Lambda);
            var newLambda = TokenParameterName is null ? Lambda : AddParameter(Lambda, TokenParameterName);
            arguments = arguments.Replace(arguments[lambdaIndex], arguments[lambdaIndex].WithExpression(newLambda));
            if (Token is not null && Sibling.TokenOrdinal >= 0 && Sibling.TokenOrdinal <= arguments.Count)
            {
                arguments = arguments.Insert(Sibling.TokenOrdinal, SyntaxFactory.Argument(SyntaxFactory.IdentifierName(Token)));
            }

            var newCall = Call.WithExpression(Rename(Call.Expression, Sibling.Method.Name)).WithArgumentList(Call.ArgumentList.WithArguments(arguments));
            return AwaitEditing.AwaitReplacing(Call, newCall).WithAdditionalAnnotations(Formatter.Annotation);
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
