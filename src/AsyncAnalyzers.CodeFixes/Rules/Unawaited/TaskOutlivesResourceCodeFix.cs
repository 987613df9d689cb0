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

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// ASYNC205: makes the method, local function or lambda async and awaits every task it returns (<c>return await x;</c>, or
/// <c>await x;</c> where it returns a plain Task or ValueTask), so the <c>using</c> or <c>finally</c> runs when the task has
/// completed. The return type stays as it was, so callers are unaffected. Not offered where async cannot go: ref, out or in
/// parameters, ref struct locals, unsafe code, a return inside a <c>lock</c>, or a returned <c>null</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskOutlivesResourceCodeFix))]
[Shared]
public sealed class TaskOutlivesResourceCodeFix : PlannedCodeFix
{
    public const string ReturnAwaitKey = "ASYNC205.ReturnAwait";

    public TaskOutlivesResourceCodeFix()
        : base(DiagnosticIds.TaskOutlivesResource)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var function = node.AncestorsAndSelf().FirstOrDefault(n => n is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
            or AccessorDeclarationSyntax or BaseMethodDeclarationSyntax);
        if (function is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
            || Body(function) is not BlockSyntax body
            || FunctionSymbol(document.Model, function, cancellationToken) is not { IsAsync: false } symbol
            || !(document.Symbols.IsTask(symbol.ReturnType) || document.Symbols.IsValueTask(symbol.ReturnType))
            || !CanBeAsync(document.Model, function, symbol, body, cancellationToken))
        {
            return Task.FromResult<FixPlan?>(null);
        }

        var returnsValue = symbol.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 };
        return Task.FromResult<FixPlan?>(new Plan(document, diagnostic, function, returnsValue));
    }

    private static BlockSyntax? Body(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Body,
        LocalFunctionStatementSyntax local => local.Body,
        AnonymousFunctionExpressionSyntax lambda => lambda.Block,
        _ => null,
    };

    private static IMethodSymbol? FunctionSymbol(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken) =>
        function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;

    private static bool CanBeAsync(SemanticModel model, SyntaxNode function, IMethodSymbol symbol, BlockSyntax body, CancellationToken cancellationToken)
    {
        if (symbol.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType)
            || function.AncestorsAndSelf().Any(n => n is UnsafeStatementSyntax || (n is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword))))
        {
            return false;
        }

        foreach (var descendant in OwnNodes(body))
        {
            switch (descendant)
            {
                case ReturnStatementSyntax { Expression: null }:
                    return false;
                case ReturnStatementSyntax { Expression: { } expression } ret:
                    if (expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression)
                        || expression is DefaultExpressionSyntax
                        || ret.Ancestors().TakeWhile(a => a != body).Any(a => a is LockStatementSyntax))
                    {
                        return false;
                    }

                    break;
                case VariableDeclaratorSyntax declarator when model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true } or ILocalSymbol { IsRef: true }:
                case UnsafeStatementSyntax:
                case StackAllocArrayCreationExpressionSyntax:
                case YieldStatementSyntax:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The nodes of the function's own body, not of the lambdas and local functions inside it.</summary>
    private static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode body) =>
        body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            pass.Edit(plan.Document).Editor.ReplaceNode(plan.Function, current => MakeAsync(new ReturnAwaiter(plan.ReturnsValue).Visit(current) ?? current));
        }

        return Task.CompletedTask;
    }

    private static SyntaxNode MakeAsync(SyntaxNode function)
    {
        switch (function)
        {
            case MethodDeclarationSyntax method:
                return MakeAsyncEditing.MakeAsync(method, method.ReturnType.WithoutTrivia());
            case LocalFunctionStatementSyntax local:
                return MakeAsyncEditing.MakeAsync(local, local.ReturnType.WithoutTrivia());
            case AnonymousFunctionExpressionSyntax lambda:
                var leading = lambda.GetLeadingTrivia();
                var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                var stripped = lambda.WithoutLeadingTrivia();
                return stripped.WithModifiers(stripped.Modifiers.Insert(0, asyncKeyword)).WithLeadingTrivia(leading);
            default:
                return function;
        }
    }

    /// <summary>Rewrites the function's own returns (not those of nested lambdas and local functions) to await their task.</summary>
    private sealed class ReturnAwaiter : CSharpSyntaxRewriter
    {
        private readonly bool _returnsValue;
        private SyntaxNode? _root;

        public ReturnAwaiter(bool returnsValue) => _returnsValue = returnsValue;

        public override SyntaxNode? Visit(SyntaxNode? node)
        {
            if (node is null)
            {
                return null;
            }

            if (_root is null)
            {
                _root = node;
                return base.Visit(node);
            }

            return node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax ? node : base.Visit(node);
        }

        public override SyntaxNode? VisitBlock(BlockSyntax node)
        {
            var statements = new List<StatementSyntax>();
            foreach (var statement in node.Statements)
            {
                if (!_returnsValue && statement is ReturnStatementSyntax { Expression: { } expression } ret)
                {
                    statements.AddRange(AwaitThenReturn(ret, expression));
                }
                else
                {
                    statements.Add((StatementSyntax)Visit(statement)!);
                }
            }

            return node.WithStatements(SyntaxFactory.List(statements));
        }

        public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
        {
            if (node.Expression is not { } expression)
            {
                return node;
            }

            if (_returnsValue)
            {
                // Task.FromResult(x) needs no await: an async method returns x.
                return node.WithExpression(FromResultValue(expression) is { } result ? result.WithTriviaFrom(expression) : Awaited(expression));
            }

            // A return that is an embedded statement (if, using without braces) becomes a block.
            return SyntaxFactory.Block(AwaitThenReturn(node, expression).Select(s => s.WithoutLeadingTrivia()))
                .WithLeadingTrivia(node.GetLeadingTrivia())
                .WithTrailingTrivia(node.GetTrailingTrivia());
        }

        /// <summary>
        /// <c>await x;</c>, then <c>return;</c> unless the return is the last thing the function does; a returned
        /// <c>Task.CompletedTask</c> becomes a plain <c>return;</c> (or nothing at the end).
        /// </summary>
        private static StatementSyntax[] AwaitThenReturn(ReturnStatementSyntax ret, ExpressionSyntax expression)
        {
            if (IsCompletedTask(expression))
            {
                return IsTail(ret) && ret.Parent is BlockSyntax
                    ? System.Array.Empty<StatementSyntax>()
                    : new StatementSyntax[] { SyntaxFactory.ReturnStatement().WithTriviaFrom(ret) };
            }

            var awaited = SyntaxFactory.ExpressionStatement(Awaited(expression)).WithTriviaFrom(ret);
            if (IsTail(ret))
            {
                return new StatementSyntax[] { awaited };
            }

            return new StatementSyntax[]
            {
                awaited.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                SyntaxFactory.ReturnStatement().WithLeadingTrivia(ret.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia))).WithTrailingTrivia(ret.GetTrailingTrivia()),
            };
        }

        private static bool IsCompletedTask(ExpressionSyntax expression) =>
            expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } };

        private static ExpressionSyntax? FromResultValue(ExpressionSyntax expression) =>
            expression is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } },
                ArgumentList.Arguments: { Count: 1 } arguments,
            } && arguments[0].RefKindKeyword.IsKind(SyntaxKind.None) && arguments[0].NameColon is null
                ? arguments[0].Expression.WithoutTrivia()
                : null;

        private static AwaitExpressionSyntax Awaited(ExpressionSyntax expression)
        {
            var operand = expression.WithoutTrivia();
            if (operand is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ObjectCreationExpressionSyntax
                or ImplicitObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax))
            {
                operand = SyntaxFactory.ParenthesizedExpression(operand);
            }

            return SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), operand)
                .WithTriviaFrom(expression);
        }

        /// <summary>True when nothing of the function runs after the statement but the end of the blocks, usings and tries around it.</summary>
        private static bool IsTail(StatementSyntax statement)
        {
            SyntaxNode current = statement;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case BlockSyntax block:
                        if (block.Statements.LastOrDefault() != current)
                        {
                            return false;
                        }

                        if (block.Parent is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                        {
                            return true;
                        }

                        current = block;
                        break;
                    case UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax or IfStatementSyntax:
                        current = parent;
                        break;
                    case ElseClauseSyntax elseClause:
                        current = elseClause.Parent!;
                        break;
                    case TryStatementSyntax tryStatement when tryStatement.Block == current:
                        current = tryStatement;
                        break;
                    case CatchClauseSyntax { Parent: TryStatementSyntax tryStatement }:
                        current = tryStatement;
                        break;
                    default:
                        return false;
                }
            }
        }
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, SyntaxNode function, bool returnsValue)
            : base(document, diagnostic, function, ImmutableArray.Create(new FixOption(ReturnAwaitKey, "Make async and await the returned task")))
        {
            Function = function;
            ReturnsValue = returnsValue;
        }

        public SyntaxNode Function { get; }

        public bool ReturnsValue { get; }
    }
}
