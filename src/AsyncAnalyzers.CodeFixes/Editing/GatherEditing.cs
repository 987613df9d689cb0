using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// Rewrites a group of consecutive awaited statements into "start every operation, <c>await Task.WhenAll(...)</c>, then take
/// each result with <c>await t</c>". The result statements are the original statements with only the awaited operand
/// replaced, so declared types (<c>var</c> or explicit), conversions and targets stay exactly as written.
/// </summary>
internal static class GatherEditing
{
    /// <summary>A planned rewrite of one group: where its statements are and what replaces them.</summary>
    internal sealed class Plan
    {
        public Plan(SyntaxNode container, int firstIndex, ImmutableArray<StatementSyntax> statements, ImmutableArray<AwaitExpressionSyntax> awaits, ImmutableArray<bool> isValueTask, ArgumentSyntax? configureAwait)
        {
            Container = container;
            FirstIndex = firstIndex;
            Statements = statements;
            Awaits = awaits;
            IsValueTask = isValueTask;
            ConfigureAwait = configureAwait;
        }

        /// <summary>A <see cref="BlockSyntax"/>, or the <see cref="CompilationUnitSyntax"/> of top-level statements.</summary>
        public SyntaxNode Container { get; }

        public int FirstIndex { get; }

        public ImmutableArray<StatementSyntax> Statements { get; }

        public ImmutableArray<AwaitExpressionSyntax> Awaits { get; }

        public ImmutableArray<bool> IsValueTask { get; }

        public ArgumentSyntax? ConfigureAwait { get; }
    }

    /// <summary>
    /// Plans the rewrite of the group whose awaits are at the diagnostic's locations; null when the fix cannot be made safely
    /// (statements not consecutive in one block, awaits that disagree on <c>ConfigureAwait</c>, an unexpected shape).
    /// </summary>
    public static Plan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var locations = new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations).ToList();
        if (locations.Count < 2)
        {
            return null;
        }

        var statements = ImmutableArray.CreateBuilder<StatementSyntax>();
        var awaits = ImmutableArray.CreateBuilder<AwaitExpressionSyntax>();
        var isValueTask = ImmutableArray.CreateBuilder<bool>();
        SyntaxNode? container = null;
        var firstIndex = -1;
        ArgumentSyntax? configureAwait = null;
        var symbols = CompilationServices.TryGet(model.Compilation)?.Symbols;
        for (var i = 0; i < locations.Count; i++)
        {
            if (locations[i].SourceTree != root.SyntaxTree
                || root.FindNode(locations[i].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { } awaitExpression
                || awaitExpression.Span != locations[i].SourceSpan
                || awaitExpression.FirstAncestorOrSelf<StatementSyntax>() is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax)
                || awaitExpression.FirstAncestorOrSelf<StatementSyntax>() is not { } statement)
            {
                return null;
            }

            var (currentContainer, index) = Position(statement);
            if (currentContainer is null || (container is not null && (currentContainer != container || index != firstIndex + i)))
            {
                return null;
            }

            container ??= currentContainer;
            firstIndex = firstIndex < 0 ? index : firstIndex;

            var configure = ConfigureAwaitArgument(awaitExpression.Expression);
            if (i == 0)
            {
                configureAwait = configure;
            }
            else if (!SameConfigureAwait(configureAwait, configure, model, cancellationToken))
            {
                // Mixed ConfigureAwait: which context the code after the group resumes on has no faithful translation.
                return null;
            }

            var operand = StripConfigureAwait(awaitExpression.Expression);
            var type = model.GetTypeInfo(operand, cancellationToken).Type;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return null;
            }

            statements.Add(statement);
            awaits.Add(awaitExpression);
            isValueTask.Add(symbols?.IsValueTask(type) == true);
        }

        return new Plan(container!, firstIndex, statements.ToImmutable(), awaits.ToImmutable(), isValueTask.ToImmutable(), configureAwait);
    }

    /// <summary>Applies every plan of one document in one editor pass (Fix All and the single fix share it).</summary>
    public static async Task<Document> ApplyAsync(Document document, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || plans.Count == 0)
        {
            return document;
        }

        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                usedNames.Add(token.ValueText);
            }
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);

        // Later groups of a container first, so the indexes of earlier groups still hold when their turn comes.
        foreach (var plan in plans.OrderByDescending(p => p.FirstIndex))
        {
            foreach (var name in model.LookupSymbols(plan.Statements[0].SpanStart).Select(s => s.Name))
            {
                usedNames.Add(name);
            }

            var names = plan.Awaits.Select((a, i) => Unique(BaseName(plan.Statements[i], a), usedNames)).ToImmutableArray();
            var replacement = Rewrite(plan, names);
            editor.ReplaceNode(plan.Container, (current, _) => Splice(current, plan.FirstIndex, plan.Statements.Length, replacement));
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    private static ImmutableArray<StatementSyntax> Rewrite(Plan plan, ImmutableArray<string> names)
    {
        var first = plan.Statements[0];
        var indentation = first.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = plan.Statements[plan.Statements.Length - 1].GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var leading = indentation == default ? TriviaList() : TriviaList(indentation);
        var trailing = endOfLine == default ? TriviaList(ElasticCarriageReturnLineFeed) : TriviaList(endOfLine);

        var result = ImmutableArray.CreateBuilder<StatementSyntax>();
        for (var i = 0; i < plan.Statements.Length; i++)
        {
            var operand = StripConfigureAwait(plan.Awaits[i].Expression).WithoutTrivia();
            ExpressionSyntax started = plan.IsValueTask[i]
                ? InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(operand), IdentifierName("AsTask")))
                : operand;
            var declaration = LocalDeclarationStatement(
                VariableDeclaration(
                    IdentifierName(Identifier(TriviaList(), "var", TriviaList(Space))),
                    SingletonSeparatedList(
                        VariableDeclarator(Identifier(names[i]))
                            .WithInitializer(EqualsValueClause(Token(TriviaList(Space), SyntaxKind.EqualsToken, TriviaList(Space)), started)))));
            result.Add(declaration.WithLeadingTrivia(plan.Statements[i].GetLeadingTrivia()).WithTrailingTrivia(plan.Statements[i].GetTrailingTrivia()));
        }

        var taskType = MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("System"), IdentifierName("Threading")), IdentifierName("Tasks")),
                IdentifierName("Task"))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        ExpressionSyntax whenAll = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, IdentifierName("WhenAll")),
            ArgumentList(SeparatedList(names.Select(n => Argument(IdentifierName(n))), names.Skip(1).Select(_ => Token(TriviaList(), SyntaxKind.CommaToken, TriviaList(Space))))));
        whenAll = WithConfigureAwait(whenAll, plan.ConfigureAwait);
        var whenAllStatement = ExpressionStatement(AwaitExpression(Token(TriviaList(), SyntaxKind.AwaitKeyword, TriviaList(Space)), whenAll))
            .WithLeadingTrivia(leading).WithTrailingTrivia(trailing);

        // The formatter separates top-level statements like members (with blank lines); there the copied indentation is enough.
        result.Add(plan.Container is BlockSyntax ? whenAllStatement.WithAdditionalAnnotations(Formatter.Annotation) : whenAllStatement);

        for (var i = 0; i < plan.Statements.Length; i++)
        {
            var statement = plan.Statements[i];
            if (statement is ExpressionStatementSyntax { Expression: AwaitExpressionSyntax })
            {
                // No result to take: Task.WhenAll has already observed the operation.
                continue;
            }

            var awaitExpression = plan.Awaits[i];
            var taken = awaitExpression.WithExpression(WithConfigureAwait(IdentifierName(names[i]), plan.ConfigureAwait));
            result.Add(statement.ReplaceNode(awaitExpression, taken).WithLeadingTrivia(leading).WithTrailingTrivia(trailing));
        }

        return result.ToImmutable();
    }

    private static SyntaxNode Splice(SyntaxNode current, int firstIndex, int count, ImmutableArray<StatementSyntax> replacement)
    {
        switch (current)
        {
            case BlockSyntax block:
                {
                    var statements = block.Statements.ToList();
                    statements.RemoveRange(firstIndex, count);
                    statements.InsertRange(firstIndex, replacement);
                    return block.WithStatements(List(statements));
                }

            case CompilationUnitSyntax unit:
                {
                    var members = unit.Members.ToList();
                    members.RemoveRange(firstIndex, count);
                    members.InsertRange(firstIndex, replacement.Select(s => (MemberDeclarationSyntax)GlobalStatement(s)));
                    return unit.WithMembers(List(members));
                }

            default:
                return current;
        }
    }

    private static (SyntaxNode? Container, int Index) Position(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax block => (block, block.Statements.IndexOf(statement)),
        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } global => (unit, unit.Members.IndexOf(global)),
        _ => (null, -1),
    };

    internal static ArgumentSyntax? ConfigureAwaitArgument(ExpressionSyntax awaited) =>
        Unparenthesize(awaited) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" }, ArgumentList.Arguments: { Count: 1 } arguments }
            ? arguments[0]
            : null;

    internal static ExpressionSyntax StripConfigureAwait(ExpressionSyntax awaited)
    {
        var current = Unparenthesize(awaited);
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access, ArgumentList.Arguments.Count: 1 })
        {
            current = Unparenthesize(access.Expression);
        }

        return current;
    }

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    internal static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax
            ? expression
            : ParenthesizedExpression(expression);

    private static bool SameConfigureAwait(ArgumentSyntax? first, ArgumentSyntax? other, SemanticModel model, CancellationToken cancellationToken)
    {
        if (first is null || other is null)
        {
            return first is null && other is null;
        }

        var firstValue = model.GetConstantValue(first.Expression, cancellationToken);
        var otherValue = model.GetConstantValue(other.Expression, cancellationToken);
        return firstValue.HasValue && otherValue.HasValue ? Equals(firstValue.Value, otherValue.Value) : first.Expression.IsEquivalentTo(other.Expression);
    }

    internal static ExpressionSyntax WithConfigureAwait(ExpressionSyntax expression, ArgumentSyntax? configureAwait) =>
        configureAwait is null
            ? expression
            : InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, IdentifierName("ConfigureAwait")),
                ArgumentList(SingletonSeparatedList(configureAwait.WithoutTrivia())));

    /// <summary><c>user</c> for <c>var user = await ...</c> or <c>user = await ...</c>; <c>save</c> for <c>await SaveAsync();</c>.</summary>
    private static string BaseName(StatementSyntax statement, AwaitExpressionSyntax awaitExpression)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }:
                return variables[0].Identifier.ValueText;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } }:
                return target.Identifier.ValueText;
        }

        var name = StripConfigureAwait(awaitExpression.Expression) is InvocationExpressionSyntax invocation
            ? invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            }
            : string.Empty;
        if (name.EndsWith("Async", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Async".Length);
        }

        return name.Length == 0 ? "operation" : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    private static string Unique(string baseName, HashSet<string> usedNames)
    {
        var candidate = baseName + "Task";
        for (var suffix = 2; usedNames.Contains(candidate) || SyntaxFacts.GetKeywordKind(candidate) != SyntaxKind.None; suffix++)
        {
            candidate = baseName + "Task" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        usedNames.Add(candidate);
        return candidate;
    }
}
