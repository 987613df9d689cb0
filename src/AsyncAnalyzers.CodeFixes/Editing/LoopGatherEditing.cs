using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// Rewrites a loop that awaits one independent call per item (ASYNC302) into
/// <c>await Task.WhenAll(items.Select(item =&gt; F(item)))</c> (with <c>results.AddRange(...)</c> when the loop filled a list),
/// or into <c>await Parallel.ForEachAsync(items, new ParallelOptions { ... }, async (item, ct) =&gt; await F(item))</c>.
/// </summary>
internal static class LoopGatherEditing
{
    /// <summary>The bound on concurrent iterations the Parallel.ForEachAsync rewrite writes (documented in docs/rules/ASYNC302.md).</summary>
    public const int MaxDegreeOfParallelism = 4;

    public enum Kind
    {
        WhenAll,
        ParallelForEach,
    }

    /// <summary>What a rewrite of one loop needs, taken from the original tree.</summary>
    internal sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, ImmutableArray<FixOption> options, StatementSyntax loop, AwaitExpressionSyntax awaitExpression, ExpressionSyntax collection, SyntaxToken parameter, ImmutableArray<ElementAccessExpressionSyntax> accesses, ArgumentSyntax? configureAwait, bool isValueTask, ExpressionSyntax? results, bool needsLinq, bool canUseParallel, string? tokenName)
            : base(document, diagnostic, loop, options)
        {
            Loop = loop;
            AwaitExpression = awaitExpression;
            Collection = collection;
            Parameter = parameter;
            Accesses = accesses;
            ConfigureAwait = configureAwait;
            IsValueTask = isValueTask;
            Results = results;
            NeedsLinq = needsLinq;
            CanUseParallel = canUseParallel;
            TokenName = tokenName;
        }

        public StatementSyntax Loop { get; }

        /// <summary>The loop's await.</summary>
        public AwaitExpressionSyntax AwaitExpression { get; }

        public ExpressionSyntax Collection { get; }

        /// <summary>The foreach variable, which becomes the lambda parameter; default for a <c>for</c> loop, whose parameter gets a new name.</summary>
        public SyntaxToken Parameter { get; }

        /// <summary>Every <c>items[i]</c> of a <c>for</c> loop's await, replaced by the lambda parameter.</summary>
        public ImmutableArray<ElementAccessExpressionSyntax> Accesses { get; }

        public ArgumentSyntax? ConfigureAwait { get; }

        public bool IsValueTask { get; }

        /// <summary>The <c>List&lt;T&gt;</c> local the loop added to, or null for <c>await F(item);</c>.</summary>
        public ExpressionSyntax? Results { get; }

        /// <summary>True when <c>Select</c> does not bind yet and <c>using System.Linq;</c> must be added.</summary>
        public bool NeedsLinq { get; }

        public bool CanUseParallel { get; }

        /// <summary>The CancellationToken parameter in scope, forwarded to ParallelOptions.</summary>
        public string? TokenName { get; }
    }

    /// <summary>Null when the loop cannot be rewritten without changing what it computes or breaking the build.</summary>
    public static Plan? TryPlan(FixDocument document, Diagnostic diagnostic, FixOption whenAll, FixOption parallel, CancellationToken cancellationToken)
    {
        var root = document.Root;
        var model = document.Model;
        var symbols = document.Symbols;
        if (diagnostic.AdditionalLocations.Count != 1
            || diagnostic.Location.SourceTree != root.SyntaxTree
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax loop
            || loop is not (ForEachStatementSyntax or ForStatementSyntax)
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { } awaitExpression
            || awaitExpression.Span != diagnostic.AdditionalLocations[0].SourceSpan
            || loop.ContainsDirectives
            || BodyStatement(loop, Filters(loop).Length) is not ExpressionStatementSyntax { Expression: var bodyExpression }
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Shape, out var shape))
        {
            return null;
        }

        // The Add shape: results.Add(await F(item)) on a List<T> local, with a result AddRange accepts unchanged.
        ExpressionSyntax? results = null;
        if (shape == "Add")
        {
            if (bodyExpression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } } add
                || model.GetOperation(add, cancellationToken) is not IInvocationOperation { Instance: ILocalReferenceOperation local, Arguments.Length: 1 } addOperation
                || symbols.ListOfT is not { } list
                || !SymbolEqualityComparer.Default.Equals(local.Type?.OriginalDefinition, list)
                || !AddsAwaitUnchanged(addOperation.Arguments[0].Value, awaitExpression))
            {
                return null;
            }

            results = receiver;
        }
        else if (shape != "Await" || bodyExpression != awaitExpression)
        {
            return null;
        }

        if (MovableAwait(awaitExpression, model, symbols, cancellationToken) is not { } movable)
        {
            return null;
        }

        var (configureAwait, operandType, awaitOperation) = movable;

        ExpressionSyntax collection;
        ExpressionSyntax? range = null;
        SyntaxToken parameter = default;
        var accesses = ImmutableArray<ElementAccessExpressionSyntax>.Empty;
        ITypeSymbol? elementType;
        ITypeSymbol? collectionType;
        if (loop is ForEachStatementSyntax forEach)
        {
            var info = model.GetForEachStatementInfo(forEach);
            if (model.GetDeclaredSymbol(forEach, cancellationToken) is not ILocalSymbol variable
                || !info.ElementConversion.IsIdentity
                || !SymbolEqualityComparer.Default.Equals(variable.Type, info.ElementType))
            {
                // foreach (object o in strings) casts each item; Select's lambda parameter would have the element type instead.
                return null;
            }

            collection = forEach.Expression;
            parameter = forEach.Identifier;
            elementType = info.ElementType;
            collectionType = model.GetTypeInfo(forEach.Expression, cancellationToken).Type;
        }
        else if (IndexedElements((ForStatementSyntax)loop, awaitOperation, model, cancellationToken) is { } indexed)
        {
            collection = indexed.Collection;
            collectionType = model.GetTypeInfo(indexed.Collection, cancellationToken).Type;
            elementType = indexed.ElementType;
            accesses = indexed.Accesses;
        }
        else if (RangeSource((ForStatementSyntax)loop, model, symbols) is var (counter, source))
        {
            // for (var page = 1; page <= pageCount; page++): the pages are Enumerable.Range(1, pageCount)
            // (IndependentLoopAwaitsCodeFixTests.CounterLoop_SelectsOverEnumerableRange).
            range = source;
            collection = ((ForStatementSyntax)loop).Condition!;
            parameter = counter;
            collectionType = null;
            elementType = null;
        }
        else
        {
            return null;
        }

        if ((range is not null ? true : SelectableNeedsLinq(loop, collectionType, elementType, model, symbols)) is not { } needsLinq)
        {
            return null;
        }

        var token = results is null ? ParallelToken(model, loop, symbols, cancellationToken) : default;
        var canUseParallel = results is null && HasParallelForEachAsync(symbols) && token.Usable
            && !Implements(collectionType, symbols.IAsyncEnumerableOfT);
        // A collection of unknown or large size gets the bounded form by default: WhenAll would start every call at once
        // (IndependentLoopAwaitsCodeFixTests.UnknownSize_DefaultsToParallelForEachAsync, SmallArrayLiteral_DefaultsToWhenAll).
        var options = !canUseParallel ? ImmutableArray.Create(whenAll)
            : IsKnownSmall(model.GetOperation(collection, cancellationToken)) ? ImmutableArray.Create(whenAll, parallel)
            : ImmutableArray.Create(parallel, whenAll);
        if (Filters(loop) is { IsEmpty: false } filters)
        {
            collection = Filtered(collection, parameter, filters);
        }

        collection = range ?? collection;
        return new Plan(document, diagnostic, options, loop, awaitExpression, collection, parameter, accesses, configureAwait, symbols.IsValueTask(operandType), results, needsLinq, canUseParallel, token.Name);
    }

    /// <summary>
    /// What a rewrite of a loop whose body does per-item work on the await's result needs (ASYNC302's Body shape): the calls are
    /// started together and the per-item work then runs in the loop's order, each item with its own result.
    /// </summary>
    internal sealed class BodyPlan : FixPlan
    {
        public BodyPlan(FixDocument document, Diagnostic diagnostic, ImmutableArray<FixOption> options, StatementSyntax loop, AwaitExpressionSyntax awaitExpression, ExpressionSyntax collection, ImmutableArray<ElementAccessExpressionSyntax> accesses, ArgumentSyntax? configureAwait, bool isValueTask, bool needsLinq, LocalDeclarationStatementSyntax? dropped)
            : base(document, diagnostic, loop, options)
        {
            Loop = loop;
            AwaitExpression = awaitExpression;
            Collection = collection;
            Accesses = accesses;
            ConfigureAwait = configureAwait;
            IsValueTask = isValueTask;
            NeedsLinq = needsLinq;
            Dropped = dropped;
        }

        public StatementSyntax Loop { get; }

        public AwaitExpressionSyntax AwaitExpression { get; }

        public ExpressionSyntax Collection { get; }

        /// <summary>Every <c>items[i]</c> of a <c>for</c> loop's await, replaced by the lambda parameter.</summary>
        public ImmutableArray<ElementAccessExpressionSyntax> Accesses { get; }

        public ArgumentSyntax? ConfigureAwait { get; }

        public bool IsValueTask { get; }

        public bool NeedsLinq { get; }

        /// <summary>A foreach body's <c>var r = await F(item);</c>, whose local becomes the second variable of the loop.</summary>
        public LocalDeclarationStatementSyntax? Dropped { get; }

        /// <summary>The counter of a <c>for</c> loop over a range of numbers, which becomes the first variable of a foreach.</summary>
        public SyntaxToken RangeItem { get; set; }
    }

    /// <summary>
    /// The awaited task-like operand, its <c>ConfigureAwait(bool)</c> argument and the await's operation, when the await can move into
    /// a lambda; null otherwise (ConfigureAwait(ConfigureAwaitOptions) has no faithful translation onto WhenAll's Task&lt;T[]&gt;).
    /// </summary>
    private static (ArgumentSyntax? ConfigureAwait, ITypeSymbol? OperandType, IOperation AwaitOperation)? MovableAwait(AwaitExpressionSyntax awaitExpression, SemanticModel model, AsyncSymbols symbols, CancellationToken cancellationToken)
    {
        var configureAwait = GatherEditing.ConfigureAwaitArgument(awaitExpression.Expression);
        var operandType = model.GetTypeInfo(GatherEditing.StripConfigureAwait(awaitExpression.Expression), cancellationToken).Type;
        if (!symbols.IsTaskLike(operandType)
            || (configureAwait is not null && model.GetTypeInfo(configureAwait.Expression, cancellationToken).Type?.SpecialType != SpecialType.System_Boolean)
            || model.GetOperation(awaitExpression, cancellationToken) is not { } awaitOperation
            || !CanMoveIntoLambda(awaitOperation))
        {
            return null;
        }

        return (configureAwait, operandType, awaitOperation);
    }

    /// <summary>
    /// Whether <c>using System.Linq;</c> must be added for <c>collection.Select</c>; null when the collection cannot be selected over
    /// in memory: it does not enumerate as its element type, or it is a query (Queryable.Select would hand the calls to a query
    /// provider) (IndependentLoopAwaitsCodeFixTests.QueryableCollection_NoFix).
    /// </summary>
    private static bool? SelectableNeedsLinq(StatementSyntax loop, ITypeSymbol? collectionType, ITypeSymbol? elementType, SemanticModel model, AsyncSymbols symbols)
    {
        if (elementType is null || !EnumeratesAs(collectionType, elementType, symbols) || Implements(collectionType, symbols.IQueryableOfT)
            || SelectBinding(model, loop.SpanStart, collectionType!, symbols) is not { } select)
        {
            return null;
        }

        if (Filters(loop).IsEmpty)
        {
            return select;
        }

        // items.Where(...) must be LINQ's too; the Select after it then is.
        return SelectBinding(model, loop.SpanStart, collectionType!, symbols, "Where") is { } where ? select || where : null;
    }

    /// <summary>Null when the loop cannot be rewritten without changing what it computes or breaking the build.</summary>
    public static BodyPlan? TryPlanBody(FixDocument document, Diagnostic diagnostic, FixOption whenAll, CancellationToken cancellationToken)
    {
        var root = document.Root;
        var model = document.Model;
        var symbols = document.Symbols;
        if (diagnostic.AdditionalLocations.Count != 1
            || diagnostic.Location.SourceTree != root.SyntaxTree
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax loop
            || loop is not (ForEachStatementSyntax or ForStatementSyntax)
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { } awaitExpression
            || awaitExpression.Span != diagnostic.AdditionalLocations[0].SourceSpan
            || loop.ContainsDirectives
            || symbols.Task is null)
        {
            return null;
        }

        if (MovableAwait(awaitExpression, model, symbols, cancellationToken) is not { } movable)
        {
            return null;
        }

        var (configureAwait, operandType, awaitOperation) = movable;

        ExpressionSyntax collection;
        var accesses = ImmutableArray<ElementAccessExpressionSyntax>.Empty;
        ITypeSymbol? elementType;
        ITypeSymbol? collectionType;
        LocalDeclarationStatementSyntax? dropped = null;
        if (loop is ForEachStatementSyntax forEach)
        {
            var info = model.GetForEachStatementInfo(forEach);
            if (!forEach.Type.IsVar
                || model.GetDeclaredSymbol(forEach, cancellationToken) is not ILocalSymbol variable
                || !info.ElementConversion.IsIdentity
                || !SymbolEqualityComparer.Default.Equals(variable.Type, info.ElementType)
                || model.GetTypeInfo(awaitExpression, cancellationToken).Type is not { } resultType
                || resultType.SpecialType == SpecialType.System_Void
                || resultType.IsRefLikeType)
            {
                // The tuple of the item and the result needs a result, and `var (item, result)` a `var` loop.
                return null;
            }

            collection = forEach.Expression;
            elementType = info.ElementType;
            collectionType = model.GetTypeInfo(forEach.Expression, cancellationToken).Type;

            // `var r = await F(item);` first: r becomes the loop's second variable.
            if (awaitExpression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Type.IsVar: true, Parent: LocalDeclarationStatementSyntax declaration } } }
                && declaration.UsingKeyword.IsKind(SyntaxKind.None) && declaration.Modifiers.Count == 0
                && (forEach.Statement as BlockSyntax)?.Statements.Skip(Filters(loop).Length).FirstOrDefault() == declaration)
            {
                dropped = declaration;
            }
        }
        else if (RangeSource((ForStatementSyntax)loop, model, symbols) is var (counter, source)
            && IndexedElements((ForStatementSyntax)loop, awaitOperation, model, cancellationToken) is null)
        {
            // The counter loop becomes a foreach over the counter's values paired with their results
            // (IndependentLoopAwaitsCodeFixTests.PageCounterBody_PairsEachPageWithItsBatch).
            var forStatement = (ForStatementSyntax)loop;
            if (model.GetTypeInfo(awaitExpression, cancellationToken).Type is not { } resultType
                || resultType.SpecialType == SpecialType.System_Void
                || resultType.IsRefLikeType)
            {
                return null;
            }

            if (awaitExpression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Type.IsVar: true, Parent: LocalDeclarationStatementSyntax declaration } } }
                && declaration.UsingKeyword.IsKind(SyntaxKind.None) && declaration.Modifiers.Count == 0
                && (forStatement.Statement as BlockSyntax)?.Statements.FirstOrDefault() == declaration)
            {
                dropped = declaration;
            }

            return new BodyPlan(document, diagnostic, ImmutableArray.Create(whenAll), loop, awaitExpression, source, accesses, configureAwait, symbols.IsValueTask(operandType), true, dropped) { RangeItem = counter };
        }
        else
        {
            var forStatement = (ForStatementSyntax)loop;
            if (IndexedElements(forStatement, awaitOperation, model, cancellationToken) is not { } indexed
                || loop.Parent is not BlockSyntax
                || forStatement.Declaration?.Variables.Count != 1)
            {
                // The results go in a local declared before the loop.
                return null;
            }

            collection = indexed.Collection;
            collectionType = model.GetTypeInfo(indexed.Collection, cancellationToken).Type;
            elementType = indexed.ElementType;
            accesses = indexed.Accesses;
        }

        if (SelectableNeedsLinq(loop, collectionType, elementType, model, symbols) is not { } needsLinq)
        {
            return null;
        }

        if (loop is ForEachStatementSyntax { Identifier: var item } && Filters(loop) is { IsEmpty: false } filters)
        {
            collection = Filtered(collection, item, filters);
        }

        return new BodyPlan(document, diagnostic, ImmutableArray.Create(whenAll), loop, awaitExpression, collection, accesses, configureAwait, symbols.IsValueTask(operandType), needsLinq, dropped);
    }

    /// <summary>
    /// <c>foreach (var (item, r) in await Task.WhenAll(items.Select(async item =&gt; (item, await F(item))))) { work }</c>, or, for a
    /// <c>for</c> loop, <c>var results = await Task.WhenAll(items.Select(item =&gt; F(item)));</c> before it and <c>results[i]</c> for the await.
    /// </summary>
    public static void ApplyBody(FixPass pass, IReadOnlyList<BodyPlan> plans)
    {
        foreach (var plan in plans.OrderBy(p => p.Loop.SpanStart))
        {
            var edit = pass.Edit(plan.Document);
            var loop = plan.Loop;
            if (plan.NeedsLinq)
            {
                edit.Types.Import("System.Linq");
            }

            var taskType = edit.Types.Expression(plan.Document.Symbols.Task!, loop.SpanStart);
            if (loop is ForEachStatementSyntax || !plan.RangeItem.IsKind(SyntaxKind.None))
            {
                var forEach = loop as ForEachStatementSyntax;
                var item = forEach?.Identifier ?? plan.RangeItem;
                var statement = forEach?.Statement ?? ((ForStatementSyntax)loop).Statement;
                var resultName = plan.Dropped is { } dropped
                    ? dropped.Declaration.Variables[0].Identifier.ValueText
                    : edit.Names.Unique(loop.SpanStart, loop.Span, "result", "itemResult");
                if (plan.Dropped is null)
                {
                    edit.Names.Take(resultName, loop.Span);
                }

                var tuple = TupleExpression(SeparatedList(new[] { Argument(IdentifierName(item.WithoutTrivia())), Argument(plan.AwaitExpression.WithoutTrivia()) }));
                var lambda = SimpleLambdaExpression(Parameter(item.WithoutTrivia()), tuple).WithAsyncKeyword(Token(SyntaxKind.AsyncKeyword));
                var awaited = AwaitExpression(WhenAllOf(plan, taskType, lambda));
                var filters = Filters(loop);
                StatementSyntax body = plan.Dropped is { } declaration
                    ? statement.RemoveNodes(filters.Cast<SyntaxNode>().Append(declaration), SyntaxRemoveOptions.KeepNoTrivia)!
                    : statement.ReplaceNode(ResultNode(plan.AwaitExpression), IdentifierName(resultName).WithTriviaFrom(ResultNode(plan.AwaitExpression)));
                if (plan.Dropped is null && !filters.IsEmpty && body is BlockSyntax filtered)
                {
                    // The filters moved to Where: the block loses its first statements.
                    body = filtered.WithStatements(List(filtered.Statements.Skip(filters.Length)));
                }
                var variable = DeclarationExpression(
                    IdentifierName("var").WithTrailingTrivia(Space),
                    ParenthesizedVariableDesignation(SeparatedList<VariableDesignationSyntax>(new[] { SingleVariableDesignation(item.WithoutTrivia()), SingleVariableDesignation(TokenEditing.Identifier(resultName)) })));
                var rewritten = (forEach is not null
                        ? ForEachVariableStatement(forEach.AttributeLists, default, forEach.ForEachKeyword, forEach.OpenParenToken, variable, forEach.InKeyword, awaited.WithTriviaFrom(forEach.Expression), forEach.CloseParenToken, body)
                        : ForEachVariableStatement(((ForStatementSyntax)loop).AttributeLists, default, Token(SyntaxKind.ForEachKeyword).WithTriviaFrom(((ForStatementSyntax)loop).ForKeyword), ((ForStatementSyntax)loop).OpenParenToken, variable, Token(TriviaList(Space), SyntaxKind.InKeyword, TriviaList(Space)), awaited, ((ForStatementSyntax)loop).CloseParenToken, body))
                    .WithTriviaFrom(loop)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                edit.Editor.ReplaceNode(loop, rewritten);
            }
            else
            {
                var forStatement = (ForStatementSyntax)loop;
                var index = forStatement.Declaration!.Variables[0].Identifier.ValueText;
                var parameter = TokenEditing.Identifier(edit.Names.Unique(loop.SpanStart, new TextSpan(loop.SpanStart, 0), UniqueNames.ItemName(CollectionName(plan.Collection))));
                var resultsName = edit.Names.Unique(loop.SpanStart, loop.Span, "results");
                edit.Names.Take(resultsName, TextSpan.FromBounds(loop.SpanStart, loop.Parent!.Span.End));
                var awaitWithItem = plan.Accesses.IsEmpty
                    ? plan.AwaitExpression
                    : plan.AwaitExpression.ReplaceNodes(plan.Accesses, (original, _) => IdentifierName(parameter).WithTriviaFrom(original));
                ExpressionSyntax task = GatherEditing.StripConfigureAwait(awaitWithItem.Expression).WithoutTrivia();
                if (plan.IsValueTask)
                {
                    task = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, GatherEditing.Parenthesize(task), IdentifierName("AsTask")));
                }

                var lambda = SimpleLambdaExpression(Parameter(parameter), task);
                var declaration = LocalDeclarationStatement(VariableDeclaration(
                        IdentifierName("var"),
                        SingletonSeparatedList(VariableDeclarator(TokenEditing.Identifier(resultsName)).WithInitializer(EqualsValueClause(AwaitExpression(WhenAllOf(plan, taskType, lambda)))))))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                var element = ElementAccessExpression(IdentifierName(resultsName), BracketedArgumentList(SingletonSeparatedList(Argument(IdentifierName(index)))));
                var newLine = loop.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                edit.Editor.InsertBefore(loop, declaration.WithLeadingTrivia(loop.GetLeadingTrivia()).WithTrailingTrivia(newLine.IsKind(SyntaxKind.None) ? ElasticCarriageReturnLineFeed : newLine));
                edit.Editor.ReplaceNode(loop, loop.ReplaceNode(ResultNode(plan.AwaitExpression), element.WithTriviaFrom(ResultNode(plan.AwaitExpression))).WithLeadingTrivia(IndentationOf(loop)));
            }
        }
    }

    /// <summary>The await, or the parentheses around it in <c>(await F(item)).Total</c>, which a name replaces without them.</summary>
    private static ExpressionSyntax ResultNode(AwaitExpressionSyntax awaitExpression) =>
        awaitExpression.Parent is ParenthesizedExpressionSyntax { Parent: MemberAccessExpressionSyntax } parenthesized ? parenthesized : awaitExpression;

    private static ExpressionSyntax WhenAllOf(BodyPlan plan, ExpressionSyntax taskType, LambdaExpressionSyntax lambda)
    {
        var select = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, CollectionReceiver(plan.Collection), IdentifierName("Select")),
            ArgumentList(SingletonSeparatedList(Argument(lambda))));
        return GatherEditing.WithConfigureAwait(
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, IdentifierName("WhenAll")),
                ArgumentList(SingletonSeparatedList(Argument(select)))),
            plan.ConfigureAwait);
    }

    private static SyntaxTriviaList IndentationOf(StatementSyntax statement)
    {
        var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        return indentation == default ? TriviaList() : TriviaList(indentation);
    }

    /// <summary>
    /// Writes every plan with its chosen kind. A loop nested in another planned loop is rewritten first; the outer rewrite is then
    /// built from its loop as it is at that point, so the inner rewrite survives in one pass.
    /// </summary>
    public static void Apply(FixPass pass, IReadOnlyList<(Plan Plan, Kind Kind)> plans)
    {
        // The lambdas' new parameters, named in document order.
        var names = plans.Where(p => p.Kind == Kind.WhenAll || p.Plan.CanUseParallel)
            .OrderBy(p => p.Plan.Loop.SpanStart)
            .ToDictionary(p => p.Plan, p => Names(pass.Edit(p.Plan.Document), p.Plan, p.Kind));
        foreach (var (plan, kind) in plans)
        {
            if (!names.TryGetValue(plan, out var planNames))
            {
                continue;
            }

            var edit = pass.Edit(plan.Document);
            var loop = plan.Loop;
            var (parameter, tokenParameter) = planNames;
            if (plan.NeedsLinq && (kind == Kind.WhenAll || !Filters(loop).IsEmpty || (loop is ForStatementSyntax && !plan.Parameter.IsKind(SyntaxKind.None))))
            {
                edit.Types.Import("System.Linq");
            }

            var symbols = plan.Document.Symbols;
            var taskType = kind == Kind.WhenAll ? edit.Types.Expression(symbols.Task, loop.SpanStart) : null;
            var parallelType = kind == Kind.ParallelForEach && symbols.Parallel is { } parallel ? edit.Types.Expression(parallel, loop.SpanStart) : null;
            var optionsType = kind == Kind.ParallelForEach && symbols.ParallelOptions is { } parallelOptions ? edit.Types.Name(parallelOptions, loop.SpanStart) : null;
            var awaitPath = SyntaxPath.From(loop, plan.AwaitExpression);
            var accessPaths = plan.Accesses.Select(a => SyntaxPath.From(plan.AwaitExpression, a)).ToImmutableArray();
            edit.Editor.ReplaceNode(loop, current =>
            {
                // The await as it is now (loops nested in it already rewritten), with items[i] replaced by the parameter.
                var currentAwait = awaitPath.Follow<AwaitExpressionSyntax>(current) ?? plan.AwaitExpression;
                var found = accessPaths.Select(p => p.Follow<ElementAccessExpressionSyntax>(currentAwait)).ToList();
                var currentAccesses = found.OfType<ElementAccessExpressionSyntax>().ToList();
                if (currentAccesses.Count != found.Count)
                {
                    currentAwait = plan.AwaitExpression;
                    currentAccesses = plan.Accesses.ToList();
                }

                var name = parameter.ValueText;
                var awaitExpression = currentAccesses.Count == 0
                    ? currentAwait
                    : currentAwait.ReplaceNodes(currentAccesses, (original, _) => IdentifierName(TokenEditing.Identifier(name)).WithTriviaFrom(original));
                StatementSyntax? statement = kind == Kind.WhenAll
                    ? WhenAllStatement(plan, awaitExpression, parameter, taskType!)
                    : ParallelStatement(plan, awaitExpression, parameter, tokenParameter, parallelType, optionsType);
                return statement is null ? current : WithLoopTrivia(statement, plan, kind).WithAdditionalAnnotations(Formatter.Annotation);
            });
        }
    }

    /// <summary>The item parameter (a <c>for</c> loop's new one, or the foreach variable) and, for Parallel.ForEachAsync, the token parameter.</summary>
    private static (SyntaxToken Parameter, SyntaxToken TokenParameter) Names(DocumentEdit edit, Plan plan, Kind kind)
    {
        var loop = plan.Loop;
        var parameter = plan.Parameter.IsKind(SyntaxKind.None)
            ? TokenEditing.Identifier(edit.Names.Unique(loop.SpanStart, loop.Span, UniqueNames.ItemName(CollectionName(plan.Collection))))
            : plan.Parameter;
        var tokenParameter = kind == Kind.ParallelForEach
            ? TokenEditing.Identifier(edit.Names.Unique(loop.SpanStart, loop.Span, "ct", "cancellationToken", "token"))
            : default;
        return (parameter, tokenParameter);
    }

    private static ExpressionStatementSyntax WhenAllStatement(Plan plan, AwaitExpressionSyntax awaitExpression, SyntaxToken parameter, ExpressionSyntax taskType)
    {
        ExpressionSyntax task = GatherEditing.StripConfigureAwait(awaitExpression.Expression).WithoutTrivia();
        if (plan.IsValueTask)
        {
            // Task.WhenAll takes tasks; AsTask keeps each ValueTask awaited exactly once.
            task = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, GatherEditing.Parenthesize(task), IdentifierName("AsTask")));
        }

        var select = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, CollectionReceiver(plan.Collection), IdentifierName("Select")),
            ArgumentList(SingletonSeparatedList(Argument(SimpleLambdaExpression(Parameter(parameter.WithoutTrivia()), task)))));
        var whenAll = GatherEditing.WithConfigureAwait(
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, IdentifierName("WhenAll")),
                ArgumentList(SingletonSeparatedList(Argument(select)))),
            plan.ConfigureAwait);
        var awaited = AwaitExpression(whenAll);
        return plan.Results is null
            ? ExpressionStatement(awaited)
            : ExpressionStatement(InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, plan.Results.WithoutTrivia(), IdentifierName("AddRange")),
                ArgumentList(SingletonSeparatedList(Argument(awaited)))));
    }

    private static ExpressionStatementSyntax? ParallelStatement(Plan plan, AwaitExpressionSyntax awaitExpression, SyntaxToken parameter, SyntaxToken tokenParameter, ExpressionSyntax? parallelType, TypeSyntax? optionsType)
    {
        if (parallelType is null || optionsType is null)
        {
            return null;
        }

        var initializers = new List<ExpressionSyntax>
        {
            AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                IdentifierName("MaxDegreeOfParallelism"),
                LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(MaxDegreeOfParallelism))),
        };
        if (plan.TokenName is not null)
        {
            initializers.Add(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("CancellationToken"), IdentifierName(TokenEditing.Identifier(plan.TokenName))));
        }

        var options = ObjectCreationExpression(optionsType.WithTrailingTrivia(Space))
            .WithArgumentList(null)
            .WithInitializer(InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                Token(TriviaList(Space), SyntaxKind.OpenBraceToken, TriviaList(Space)),
                SeparatedList(initializers, initializers.Skip(1).Select(_ => Token(TriviaList(), SyntaxKind.CommaToken, TriviaList(Space)))),
                Token(TriviaList(Space), SyntaxKind.CloseBraceToken, TriviaList())));

        // The body's own token is not passed on: the call keeps the token it had, so each iteration behaves as in the loop.
        var body = ParenthesizedLambdaExpression(
                ParameterList(SeparatedList(new[] { Parameter(parameter.WithoutTrivia()), Parameter(tokenParameter) })),
                awaitExpression.WithoutTrivia())
            .WithAsyncKeyword(Token(SyntaxKind.AsyncKeyword));
        var call = GatherEditing.WithConfigureAwait(
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, parallelType, IdentifierName("ForEachAsync")),
                ArgumentList(SeparatedList(new[] { Argument(plan.Collection.WithoutTrivia()), Argument(options), Argument(body) }))),
            plan.ConfigureAwait);
        return ExpressionStatement(AwaitExpression(call));
    }

    /// <summary>
    /// The loop's leading and trailing trivia, with every comment from inside the loop (outside the awaited call, which keeps
    /// its own) moved above the new statement, each on its own line.
    /// </summary>
    private static StatementSyntax WithLoopTrivia(StatementSyntax statement, Plan plan, Kind kind)
    {
        var loop = plan.Loop;
        var leading = loop.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newLine = loop.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (newLine.IsKind(SyntaxKind.None))
        {
            newLine = ElasticCarriageReturnLineFeed;
        }

        // The WhenAll rewrite keeps the task expression, Parallel.ForEachAsync the whole await.
        var kept = kind == Kind.WhenAll ? GatherEditing.StripConfigureAwait(plan.AwaitExpression.Expression) : (ExpressionSyntax)plan.AwaitExpression;
        var inner = loop.DescendantTrivia(descendIntoTrivia: false)
            .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            .Where(t => !leading.Contains(t) && !loop.GetTrailingTrivia().Contains(t))
            .Where(t => !kept.Span.Contains(t.Span))
            .ToList();
        var moved = new List<SyntaxTrivia>();
        foreach (var comment in inner)
        {
            if (indentation != default)
            {
                moved.Add(indentation);
            }

            moved.Add(comment);
            moved.Add(newLine);
        }

        // Comments go after the loop's own leading comments and right before the statement's indentation.
        var indentIndex = indentation == default ? leading.Count : leading.Count - 1;
        var newLeading = leading.Take(indentIndex).Concat(moved).Concat(leading.Skip(indentIndex));
        return statement.WithLeadingTrivia(newLeading).WithTrailingTrivia(loop.GetTrailingTrivia());
    }

    private static StatementSyntax? BodyStatement(StatementSyntax loop, int filters)
    {
        var body = loop switch
        {
            ForEachStatementSyntax forEach => forEach.Statement,
            ForStatementSyntax forStatement => forStatement.Statement,
            _ => null,
        };
        return body is BlockSyntax block ? (block.Statements.Count == filters + 1 ? block.Statements[filters] : null) : filters == 0 ? body : null;
    }

    /// <summary>
    /// <c>for (var page = first; page &lt;(=) bound; page++)</c>: the counter and <c>Enumerable.Range(first, count)</c>, with the count
    /// kept at zero or more as the loop would (<c>Math.Max(0, bound - first + 1)</c> unless both ends are constants); null when
    /// <c>Enumerable</c> or <c>Math</c> would not bind to System's at the loop.
    /// </summary>
    private static (SyntaxToken Counter, ExpressionSyntax Source)? RangeSource(ForStatementSyntax loop, SemanticModel model, AsyncSymbols symbols)
    {
        if (loop.Declaration is not { Variables.Count: 1 } declaration
            || declaration.Variables[0] is not { Initializer.Value: { } first } counter
            || loop.Condition is not BinaryExpressionSyntax condition
            || !(condition.IsKind(SyntaxKind.LessThanExpression) || condition.IsKind(SyntaxKind.LessThanOrEqualExpression))
            || condition.Left is not IdentifierNameSyntax left || left.Identifier.ValueText != counter.Identifier.ValueText
            || symbols.Enumerable is not { } enumerable)
        {
            return null;
        }

        var enumerables = model.LookupNamespacesAndTypes(loop.SpanStart, name: "Enumerable");
        if (enumerables.Length > 1 || (enumerables.Length == 1 && !SymbolEqualityComparer.Default.Equals(enumerables[0], enumerable)))
        {
            return null;
        }

        var inclusive = condition.IsKind(SyntaxKind.LessThanOrEqualExpression) ? 1 : 0;
        var firstValue = model.GetConstantValue(first).Value as int?;
        var boundValue = model.GetConstantValue(condition.Right).Value as int?;
        var start = first.WithoutTrivia();
        ExpressionSyntax count;
        if (firstValue is { } f && boundValue is { } b)
        {
            var constant = Math.Max(0L, (long)b - f + inclusive);
            if (constant > int.MaxValue)
            {
                return null;
            }

            count = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal((int)constant));
        }
        else
        {
            var bound = GatherEditing.Parenthesize(condition.Right.WithoutTrivia());
            ExpressionSyntax raw = (firstValue, inclusive) switch
            {
                (0, 0) or (1, 1) => bound,
                (0, 1) => BinaryExpression(SyntaxKind.AddExpression, bound, LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(1))),
                _ when inclusive == 1 => BinaryExpression(SyntaxKind.AddExpression, BinaryExpression(SyntaxKind.SubtractExpression, bound, GatherEditing.Parenthesize(start)), LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(1))),
                _ => BinaryExpression(SyntaxKind.SubtractExpression, bound, GatherEditing.Parenthesize(start)),
            };
            var maths = model.LookupNamespacesAndTypes(loop.SpanStart, name: "Math");
            ExpressionSyntax math = maths.Length == 1 && maths[0].ToDisplayString() == "System.Math"
                ? IdentifierName("Math")
                : ParseExpression("global::System.Math");
            count = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, math, IdentifierName("Max")),
                ArgumentList(SeparatedList(new[] { Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0))), Argument(raw) })));
        }

        var source = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("Enumerable"), IdentifierName("Range")),
            ArgumentList(SeparatedList(new[] { Argument(start), Argument(count) })));
        return (counter.Identifier, source);
    }

    /// <summary>The <c>if (condition) continue;</c> statements at the top of a foreach block, which ASYNC302 reads as filters on the item.</summary>
    private static ImmutableArray<IfStatementSyntax> Filters(StatementSyntax loop)
    {
        if (loop is not ForEachStatementSyntax { Statement: BlockSyntax block })
        {
            return ImmutableArray<IfStatementSyntax>.Empty;
        }

        var filters = ImmutableArray.CreateBuilder<IfStatementSyntax>();
        for (var i = 0; i < block.Statements.Count - 1; i++)
        {
            if (block.Statements[i] is not IfStatementSyntax { Else: null } filter
                || (filter.Statement is BlockSyntax { Statements.Count: 1 } only ? only.Statements[0] : filter.Statement) is not ContinueStatementSyntax)
            {
                break;
            }

            filters.Add(filter);
        }

        return filters.ToImmutable();
    }

    /// <summary>
    /// <c>items.Where(item =&gt; !(condition))</c> for each filter, so only the items the loop kept start a call
    /// (IndependentLoopAwaitsCodeFixTests.FilterOnItem_BecomesWhere).
    /// </summary>
    private static ExpressionSyntax Filtered(ExpressionSyntax collection, SyntaxToken item, ImmutableArray<IfStatementSyntax> filters)
    {
        var current = collection.WithoutTrivia();
        foreach (var filter in filters)
        {
            var condition = filter.Condition.WithoutTrivia();
            ExpressionSyntax kept = condition switch
            {
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => not.Operand.WithoutTrivia(),
                IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
                    => PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, condition),
                _ => PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, ParenthesizedExpression(condition)),
            };
            current = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, CollectionReceiver(current), IdentifierName("Where")),
                ArgumentList(SingletonSeparatedList(Argument(SimpleLambdaExpression(Parameter(item.WithoutTrivia()), kept)))));
        }

        return current;
    }

    /// <summary>The argument of <c>Add</c> is the await itself, or an identity or reference conversion of it (which AddRange's array covariance keeps).</summary>
    private static bool AddsAwaitUnchanged(IOperation argument, AwaitExpressionSyntax awaitExpression)
    {
        if (argument is IConversionOperation conversion)
        {
            if (!conversion.Conversion.IsIdentity && !(conversion.Conversion.IsImplicit && conversion.Conversion.IsReference))
            {
                // List<long>.Add(await GetIntAsync()) widens each item; AddRange(int[]) does not compile.
                return false;
            }

            argument = conversion.Operand;
        }

        return argument is IAwaitOperation && argument.Syntax == awaitExpression;
    }

    /// <summary>
    /// A lambda may not capture <c>this</c> of a struct or a ref-like or ref local, which an async method can hold between awaits.
    /// </summary>
    private static bool CanMoveIntoLambda(IOperation awaitOperation)
    {
        foreach (var operation in awaitOperation.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInstanceReferenceOperation { Type.IsValueType: true }:
                    return false;
                case ILocalReferenceOperation { Local: var local } when local.IsRef || local.Type.IsRefLikeType:
                    return false;
            }
        }

        return true;
    }

    private sealed class Indexed
    {
        public Indexed(ExpressionSyntax collection, ITypeSymbol elementType, ImmutableArray<ElementAccessExpressionSyntax> accesses)
        {
            Collection = collection;
            ElementType = elementType;
            Accesses = accesses;
        }

        public ExpressionSyntax Collection { get; }

        public ITypeSymbol ElementType { get; }

        public ImmutableArray<ElementAccessExpressionSyntax> Accesses { get; }
    }

    /// <summary>For <c>for (var i = 0; i &lt; items.Count; i++) await F(items[i]);</c>: <c>items</c>, the element type and every <c>items[i]</c>.</summary>
    private static Indexed? IndexedElements(ForStatementSyntax loop, IOperation awaitOperation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(loop, cancellationToken) is not IForLoopOperation forLoop
            || forLoop.Condition?.WalkDownConversions() is not IBinaryOperation condition
            || condition.RightOperand.WalkDownConversions() is not IPropertyReferenceOperation { Instance: { } instance }
            || instance.Syntax is not ExpressionSyntax collection
            || instance.ReferencedLocalOrParameter() is not { } source)
        {
            return null;
        }

        var accesses = ImmutableArray.CreateBuilder<ElementAccessExpressionSyntax>();
        ITypeSymbol? elementType = null;
        foreach (var operation in awaitOperation.DescendantsAndSelf())
        {
            var receiver = operation switch
            {
                IArrayElementReferenceOperation element => element.ArrayReference,
                IPropertyReferenceOperation { Property.IsIndexer: true } indexer => indexer.Instance,
                _ => null,
            };
            if (receiver is null || !SymbolEqualityComparer.Default.Equals(receiver.WalkDownConversions().ReferencedLocalOrParameter(), source))
            {
                continue;
            }

            if (operation.Syntax is not ElementAccessExpressionSyntax access || operation.Type is null
                || (elementType is not null && !SymbolEqualityComparer.Default.Equals(elementType, operation.Type)))
            {
                return null;
            }

            elementType = operation.Type;
            accesses.Add(access);
        }

        return elementType is null || accesses.Count == 0 ? null : new Indexed(collection, elementType, accesses.ToImmutable());
    }

    /// <summary>The collection implements exactly one <c>IEnumerable&lt;T&gt;</c>, with T the loop's element type, so Select infers it.</summary>
    private static bool EnumeratesAs(ITypeSymbol? collectionType, ITypeSymbol elementType, AsyncSymbols symbols)
    {
        if (collectionType is null || collectionType.TypeKind == TypeKind.Error
            || symbols.IEnumerableOfT is not { } enumerable)
        {
            return false;
        }

        var implemented = collectionType.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, enumerable)).ToList();
        if (collectionType is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, enumerable))
        {
            implemented.Add(named);
        }

        return implemented.Count == 1 && SymbolEqualityComparer.Default.Equals(implemented[0].TypeArguments[0], elementType);
    }

    private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? generic) =>
        type is not null && generic is not null
        && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, generic) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, generic)));

    /// <summary>
    /// False (no import needed) when <c>items.Select</c> already binds to LINQ's, true when <c>using System.Linq;</c> makes it
    /// bind, and null when another <c>Select</c> (an instance method, a user's extension) would take the call.
    /// </summary>
    private static bool? SelectBinding(SemanticModel model, int position, ITypeSymbol collectionType, AsyncSymbols symbols, string name = "Select")
    {
        if (symbols.Enumerable is not { } enumerable)
        {
            return null;
        }

        var linq = enumerable.ContainingNamespace.ToDisplayString();
        var candidates = model.LookupSymbols(position, collectionType, name, includeReducedExtensionMethods: true);
        var fromLinq = false;
        foreach (var candidate in candidates)
        {
            if (candidate is not IMethodSymbol { ReducedFrom: not null } method || method.ContainingType?.ContainingNamespace?.ToDisplayString() != linq)
            {
                return null;
            }

            fromLinq |= SymbolEqualityComparer.Default.Equals(method.ContainingType, enumerable);
        }

        return candidates.Length == 0 ? true : fromLinq ? false : null;
    }

    /// <summary>The largest array literal whose calls the fix starts all at once by default.</summary>
    public const int SmallCollection = 16;

    private static bool IsKnownSmall(IOperation? collection) =>
        collection?.WalkDownConversions() is IArrayCreationOperation { Initializer.ElementValues.Length: <= SmallCollection };

    private static bool HasParallelForEachAsync(AsyncSymbols symbols)
    {
        var parallelOptions = symbols.ParallelOptions;
        var enumerable = symbols.IEnumerableOfT;
        return parallelOptions is not null && enumerable is not null && symbols.CancellationToken is not null && symbols.ValueTask is not null
            && symbols.Parallel is { } parallel
            && parallel.GetMembers("ForEachAsync").OfType<IMethodSymbol>().Any(m =>
                m.IsStatic && m.Parameters.Length == 3
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, enumerable)
                && SymbolEqualityComparer.Default.Equals(m.Parameters[1].Type, parallelOptions));
    }

    /// <summary>The token to put in ParallelOptions; unusable when the one found in scope is shadowed at the loop.</summary>
    private static (bool Usable, string? Name) ParallelToken(SemanticModel model, StatementSyntax loop, AsyncSymbols symbols, CancellationToken cancellationToken)
    {
        if (model.GetOperation(loop, cancellationToken) is not { } operation)
        {
            return (false, null);
        }

        var member = model.GetEnclosingSymbol(loop.SpanStart, cancellationToken);
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            member = member.ContainingSymbol;
        }

        if (CancellationTokens.FindInScope(operation, member, symbols) is not { } token)
        {
            return (true, null);
        }

        return TokenEditing.TokenInScope(model, loop.SpanStart, token.Name, symbols) is null ? (false, null) : (true, token.Name);
    }

    private static ExpressionSyntax CollectionReceiver(ExpressionSyntax collection)
    {
        var bare = collection.WithoutTrivia();
        return bare is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or ThisExpressionSyntax or ImplicitArrayCreationExpressionSyntax
            ? bare
            : ParenthesizedExpression(bare);
    }

    /// <summary><c>urls</c> for <c>urls</c>, <c>this._urls</c> or <c>request.Urls</c>; empty when the collection has no name.</summary>
    private static string CollectionName(ExpressionSyntax collection) => collection switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => string.Empty,
    };
}
