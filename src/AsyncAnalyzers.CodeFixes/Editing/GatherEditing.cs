using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
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
    internal sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, FixOption option, SyntaxNode container, int firstIndex, ImmutableArray<StatementSyntax> statements, ImmutableArray<AwaitExpressionSyntax> awaits, ImmutableArray<bool> isValueTask, ArgumentSyntax? configureAwait)
            : base(document, diagnostic, statements[0], ImmutableArray.Create(option))
        {
            Container = container;
            FirstIndex = firstIndex;
            Statements = statements;
            Awaits = awaits;
            IsValueTask = isValueTask;
            ConfigureAwait = configureAwait;
            AwaitPaths = awaits.Select((a, i) => SyntaxPath.From(statements[Math.Min(i, statements.Length - 1)], a)).ToImmutableArray();
        }

        /// <summary>True when every await of the group is in one statement's expression (<c>new Page(await A(), await B())</c>).</summary>
        public bool IsOneExpression => Statements.Length == 1 && Awaits.Length > 1;

        /// <summary>A <see cref="BlockSyntax"/>, or the <see cref="CompilationUnitSyntax"/> of top-level statements.</summary>
        public SyntaxNode Container { get; }

        public int FirstIndex { get; }

        public ImmutableArray<StatementSyntax> Statements { get; }

        public ImmutableArray<AwaitExpressionSyntax> Awaits { get; }

        /// <summary>Where each await sits in its statement, to find it again once groups nested in it are rewritten.</summary>
        public ImmutableArray<SyntaxPath> AwaitPaths { get; }

        public ImmutableArray<bool> IsValueTask { get; }

        public ArgumentSyntax? ConfigureAwait { get; }
    }

    /// <summary>
    /// Plans the rewrite of the group whose awaits are at the diagnostic's locations; null when the fix cannot be made safely
    /// (statements not consecutive in one block, awaits that disagree on <c>ConfigureAwait</c>, an unexpected shape).
    /// </summary>
    public static Plan? TryPlan(FixDocument document, Diagnostic diagnostic, FixOption option, CancellationToken cancellationToken)
    {
        var root = document.Root;
        var model = document.Model;
        var locations = new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations).ToList();
        if (locations.Count < 2)
        {
            return null;
        }

        var oneExpression = diagnostic.Properties.TryGetValue(DiagnosticProperties.Shape, out var shape) && shape == "Expression";
        var statements = ImmutableArray.CreateBuilder<StatementSyntax>();
        var awaits = ImmutableArray.CreateBuilder<AwaitExpressionSyntax>();
        var isValueTask = ImmutableArray.CreateBuilder<bool>();
        SyntaxNode? container = null;
        var firstIndex = -1;
        ArgumentSyntax? configureAwait = null;
        for (var i = 0; i < locations.Count; i++)
        {
            if (locations[i].SourceTree != root.SyntaxTree
                || root.FindNode(locations[i].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { } awaitExpression
                || awaitExpression.Span != locations[i].SourceSpan
                || awaitExpression.FirstAncestorOrSelf<StatementSyntax>() is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax)
                || awaitExpression.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
                || (statement is ReturnStatementSyntax && !oneExpression)
                || (oneExpression && awaitExpression.Ancestors().TakeWhile(a => a != statement).Any(a => a is AnonymousFunctionExpressionSyntax)))
            {
                return null;
            }

            var (currentContainer, index) = Position(statement);
            if (currentContainer is null || (container is not null && (currentContainer != container || index != firstIndex + (oneExpression ? 0 : i))))
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

            if (!oneExpression || statements.Count == 0)
            {
                statements.Add(statement);
            }

            awaits.Add(awaitExpression);
            isValueTask.Add(document.Symbols.IsValueTask(type));
        }

        return new Plan(document, diagnostic, option, container!, firstIndex, statements.ToImmutable(), awaits.ToImmutable(), isValueTask.ToImmutable(), configureAwait);
    }

    /// <summary>
    /// Writes the plans (inner groups first, later groups of a container before earlier ones, so the indexes of earlier groups
    /// still hold when their turn comes). Each group is rebuilt from its statements as they are then, with the groups nested in
    /// them already rewritten.
    /// </summary>
    public static void Apply(FixPass pass, IReadOnlyList<Plan> plans)
    {
        // Names are chosen in document order: the first group of a file gets the plain names.
        var names = plans.OrderBy(p => p.Statements[0].SpanStart).ToDictionary(p => p, p => Names(p, pass.Edit(p.Document)));
        foreach (var plan in plans)
        {
            var edit = pass.Edit(plan.Document);
            var taskType = edit.Types.Expression(plan.Document.Symbols.Task, plan.Statements[0].SpanStart);
            edit.Editor.ReplaceNode(plan.Container, current =>
            {
                var statements = Statements(current, plan.FirstIndex, plan.Statements.Length);
                var replacement = Rewrite(plan, statements, names[plan], taskType);
                return Splice(current, plan.FirstIndex, plan.Statements.Length, replacement);
            });
        }
    }

    /// <summary>One task local per await: free in the container, camelCase with the Task suffix, distinct within the group.</summary>
    private static ImmutableArray<string> Names(Plan plan, DocumentEdit edit)
    {
        var plain = plan.Awaits.Select((a, i) => plan.IsOneExpression ? BaseName(null, a) : BaseName(plan.Statements[i], a)).ToList();
        var baseNames = plain.ToList();
        for (var i = 0; i < baseNames.Count; i++)
        {
            // Two calls of the same method (_users.SaveAsync, _audit.SaveAsync) are told apart by their receivers.
            if (plain.Count(b => b == plain[i]) > 1 && ReceiverName(plan.Awaits[i]) is { } receiver)
            {
                baseNames[i] += char.ToUpperInvariant(receiver[0]) + receiver.Substring(1);
            }
        }

        var position = plan.Statements[0].SpanStart;
        var scope = plan.Container.Span;
        return baseNames.Select(b => edit.Names.Unique(position, scope, UniqueNames.TaskName(b))).ToImmutableArray();
    }

    private static ImmutableArray<StatementSyntax> Statements(SyntaxNode container, int firstIndex, int count) => container switch
    {
        BlockSyntax block => block.Statements.Skip(firstIndex).Take(count).ToImmutableArray(),
        CompilationUnitSyntax unit => unit.Members.Skip(firstIndex).Take(count).Select(m => ((GlobalStatementSyntax)m).Statement).ToImmutableArray(),
        _ => ImmutableArray<StatementSyntax>.Empty,
    };

    private static ImmutableArray<StatementSyntax> Rewrite(Plan plan, ImmutableArray<StatementSyntax> currentStatements, ImmutableArray<string> names, ExpressionSyntax taskType)
    {
        if (plan.IsOneExpression)
        {
            return RewriteExpression(plan, currentStatements, names, taskType);
        }

        var statements = currentStatements.Length == plan.Statements.Length ? currentStatements : plan.Statements;
        var awaits = statements.Select((s, i) => plan.AwaitPaths[i].Follow<AwaitExpressionSyntax>(s) ?? plan.Awaits[i]).ToImmutableArray();
        if (awaits.Where((a, i) => !statements[i].Contains(a)).Any())
        {
            // The shape changed under us: rebuild from the original statements rather than mix two trees.
            statements = plan.Statements;
            awaits = plan.Awaits;
        }

        var first = statements[0];
        var indentation = first.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = statements[statements.Length - 1].GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var leading = indentation == default ? TriviaList() : TriviaList(indentation);
        var trailing = endOfLine == default ? TriviaList(ElasticCarriageReturnLineFeed) : TriviaList(endOfLine);

        var result = ImmutableArray.CreateBuilder<StatementSyntax>();
        for (var i = 0; i < statements.Length; i++)
        {
            var declaration = StartDeclaration(awaits[i], plan.IsValueTask[i], names[i]);
            result.Add(declaration.WithLeadingTrivia(statements[i].GetLeadingTrivia()).WithTrailingTrivia(statements[i].GetTrailingTrivia()));
        }

        ExpressionSyntax whenAll = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, IdentifierName("WhenAll")),
            ArgumentList(SeparatedList(names.Select(n => Argument(IdentifierName(n))), names.Skip(1).Select(_ => Token(TriviaList(), SyntaxKind.CommaToken, TriviaList(Space))))));
        whenAll = WithConfigureAwait(whenAll, plan.ConfigureAwait);
        var whenAllStatement = ExpressionStatement(AwaitExpression(Token(TriviaList(), SyntaxKind.AwaitKeyword, TriviaList(Space)), whenAll))
            .WithLeadingTrivia(leading).WithTrailingTrivia(trailing);

        // The formatter separates top-level statements like members (with blank lines); there the copied indentation is enough.
        result.Add(plan.Container is BlockSyntax ? whenAllStatement.WithAdditionalAnnotations(Formatter.Annotation) : whenAllStatement);

        for (var i = 0; i < statements.Length; i++)
        {
            var statement = statements[i];
            if (statement is ExpressionStatementSyntax { Expression: AwaitExpressionSyntax })
            {
                // No result to take: Task.WhenAll has already observed the operation.
                continue;
            }

            var awaitExpression = awaits[i];
            var taken = awaitExpression.WithExpression(WithConfigureAwait(IdentifierName(names[i]), plan.ConfigureAwait));
            result.Add(statement.ReplaceNode(awaitExpression, taken).WithLeadingTrivia(leading).WithTrailingTrivia(trailing));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// <c>var page = new Page(await A(), await B());</c> becomes <c>var aTask = A(); var bTask = B(); await Task.WhenAll(aTask, bTask);</c>
    /// then the statement with each await taking its task.
    /// </summary>
    private static ImmutableArray<StatementSyntax> RewriteExpression(Plan plan, ImmutableArray<StatementSyntax> currentStatements, ImmutableArray<string> names, ExpressionSyntax taskType)
    {
        var statement = currentStatements.Length == 1 ? currentStatements[0] : plan.Statements[0];
        var awaits = plan.AwaitPaths.Select((p, i) => p.Follow<AwaitExpressionSyntax>(statement)).ToList();
        if (awaits.Any(a => a is null))
        {
            statement = plan.Statements[0];
            awaits = plan.Awaits.Select(a => (AwaitExpressionSyntax?)a).ToList();
        }

        var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var leading = indentation == default ? TriviaList() : TriviaList(indentation);
        var trailing = endOfLine == default ? TriviaList(ElasticCarriageReturnLineFeed) : TriviaList(endOfLine);
        var result = ImmutableArray.CreateBuilder<StatementSyntax>();
        for (var i = 0; i < awaits.Count; i++)
        {
            var declaration = StartDeclaration(awaits[i]!, plan.IsValueTask[i], names[i]);
            result.Add(i == 0 ? declaration.WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(trailing) : declaration.WithLeadingTrivia(leading).WithTrailingTrivia(trailing));
        }

        ExpressionSyntax whenAll = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, IdentifierName("WhenAll")),
            ArgumentList(SeparatedList(names.Select(n => Argument(IdentifierName(n))), names.Skip(1).Select(_ => Token(TriviaList(), SyntaxKind.CommaToken, TriviaList(Space))))));
        whenAll = WithConfigureAwait(whenAll, plan.ConfigureAwait);
        var whenAllStatement = ExpressionStatement(AwaitExpression(Token(TriviaList(), SyntaxKind.AwaitKeyword, TriviaList(Space)), whenAll))
            .WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
        result.Add(plan.Container is BlockSyntax ? whenAllStatement.WithAdditionalAnnotations(Formatter.Annotation) : whenAllStatement);

        var rewritten = statement.ReplaceNodes(
            awaits.Select(a => a!),
            (original, _) => original.WithExpression(WithConfigureAwait(IdentifierName(names[awaits.IndexOf(original)]), plan.ConfigureAwait)));
        result.Add(rewritten.WithLeadingTrivia(leading).WithTrailingTrivia(statement.GetTrailingTrivia()));
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

    /// <summary><c>var name = F();</c> for the awaited call of <paramref name="awaitExpression"/>, without its ConfigureAwait; <c>.AsTask()</c> for a ValueTask.</summary>
    private static LocalDeclarationStatementSyntax StartDeclaration(AwaitExpressionSyntax awaitExpression, bool isValueTask, string name)
    {
        var operand = StripConfigureAwait(awaitExpression.Expression).WithoutTrivia();
        ExpressionSyntax started = isValueTask
            ? InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(operand), IdentifierName("AsTask")))
            : operand;
        return LocalDeclarationStatement(
            VariableDeclaration(
                IdentifierName(Identifier(TriviaList(), "var", TriviaList(Space))),
                SingletonSeparatedList(
                    VariableDeclarator(Identifier(name))
                        .WithInitializer(EqualsValueClause(Token(TriviaList(Space), SyntaxKind.EqualsToken, TriviaList(Space)), started)))));
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
    private static string BaseName(StatementSyntax? statement, AwaitExpressionSyntax awaitExpression)
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

        return name.Length == 0 ? "operation" : UniqueNames.CamelCase(name);
    }

    /// <summary><c>users</c> for <c>_users.SaveAsync()</c> or <c>this.Users.SaveAsync()</c>; null when the receiver has no simple name.</summary>
    private static string? ReceiverName(AwaitExpressionSyntax awaitExpression)
    {
        if (StripConfigureAwait(awaitExpression.Expression) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
        {
            return null;
        }

        var receiver = access.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member ? member.Name : access.Expression;
        var name = receiver is SimpleNameSyntax simple ? UniqueNames.CamelCase(simple.Identifier.ValueText) : string.Empty;
        return name.Length == 0 ? null : name;
    }
}
