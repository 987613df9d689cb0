using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Rules.Gather;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
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
    internal sealed class Plan
    {
        public Plan(StatementSyntax loop, AwaitExpressionSyntax originalAwait, ExpressionSyntax collection, SyntaxToken parameter, AwaitExpressionSyntax awaitExpression, ExpressionSyntax operand, ArgumentSyntax? configureAwait, bool isValueTask, ExpressionSyntax? results, bool needsLinq, bool canUseParallel, string? tokenName)
        {
            Loop = loop;
            OriginalAwait = originalAwait;
            Collection = collection;
            Parameter = parameter;
            AwaitExpression = awaitExpression;
            Operand = operand;
            ConfigureAwait = configureAwait;
            IsValueTask = isValueTask;
            Results = results;
            NeedsLinq = needsLinq;
            CanUseParallel = canUseParallel;
            TokenName = tokenName;
        }

        public StatementSyntax Loop { get; }

        /// <summary>The loop's await in the document, whose interior comments stay where they are.</summary>
        public AwaitExpressionSyntax OriginalAwait { get; }

        public ExpressionSyntax Collection { get; }

        /// <summary>The lambda parameter: the foreach variable, or a fresh name standing for <c>items[i]</c>.</summary>
        public SyntaxToken Parameter { get; }

        /// <summary>The loop's await, with <c>items[i]</c> already replaced by the parameter in a <c>for</c> loop.</summary>
        public AwaitExpressionSyntax AwaitExpression { get; }

        /// <summary>The awaited task without <c>ConfigureAwait</c>.</summary>
        public ExpressionSyntax Operand { get; }

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
    public static Plan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (CompilationServices.TryGet(model.Compilation)?.Symbols is not { } symbols
            || diagnostic.AdditionalLocations.Count != 1
            || diagnostic.Location.SourceTree != root.SyntaxTree
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax loop
            || loop is not (ForEachStatementSyntax or ForStatementSyntax)
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { } awaitExpression
            || awaitExpression.Span != diagnostic.AdditionalLocations[0].SourceSpan
            || loop.ContainsDirectives
            || BodyStatement(loop) is not ExpressionStatementSyntax { Expression: var bodyExpression }
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

        var originalAwait = awaitExpression;
        var configureAwait = GatherEditing.ConfigureAwaitArgument(awaitExpression.Expression);
        var operand = GatherEditing.StripConfigureAwait(awaitExpression.Expression);
        var operandType = model.GetTypeInfo(operand, cancellationToken).Type;
        if (!symbols.IsTaskLike(operandType)
            || (configureAwait is not null && model.GetTypeInfo(configureAwait.Expression, cancellationToken).Type?.SpecialType != SpecialType.System_Boolean)
            || model.GetOperation(awaitExpression, cancellationToken) is not { } awaitOperation
            || !CanMoveIntoLambda(awaitOperation))
        {
            // ConfigureAwait(ConfigureAwaitOptions) has no faithful translation onto WhenAll's Task<T[]>.
            return null;
        }

        ExpressionSyntax collection;
        SyntaxToken parameter;
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
        else
        {
            var forStatement = (ForStatementSyntax)loop;
            if (IndexedElements(forStatement, awaitOperation, model, cancellationToken) is not { } indexed)
            {
                return null;
            }

            collection = indexed.Collection;
            collectionType = model.GetTypeInfo(indexed.Collection, cancellationToken).Type;
            elementType = indexed.ElementType;
            parameter = TokenEditing.Identifier(FreeName(ItemName(indexed.Collection), loop, model));
            var name = parameter;
            awaitExpression = awaitExpression.ReplaceNodes(indexed.Accesses, (original, _) => IdentifierName(name).WithTriviaFrom(original));
            operand = GatherEditing.StripConfigureAwait(awaitExpression.Expression);
        }

        // Queryable.Select would hand the calls to a query provider (IndependentLoopAwaitsCodeFixTests.QueryableCollection_NoFix).
        if (elementType is null || !EnumeratesAs(collectionType, elementType, symbols)
            || Implements(collectionType, symbols.IQueryableOfT)
            || SelectBinding(model, loop.SpanStart, collectionType!, symbols) is not { } needsLinq)
        {
            return null;
        }

        var token = results is null ? ParallelToken(model, loop, symbols, cancellationToken) : default;
        var canUseParallel = results is null && HasParallelForEachAsync(symbols) && token.Usable
            && !Implements(collectionType, symbols.IAsyncEnumerableOfT);
        return new Plan(loop, originalAwait, collection, parameter, awaitExpression, operand, configureAwait, symbols.IsValueTask(operandType), results, needsLinq, canUseParallel, token.Name);
    }

    /// <summary>Applies every plan of one document in one editor pass (Fix All and the single fix share it).</summary>
    public static async Task<Document> ApplyAsync(Document document, IReadOnlyList<Plan> plans, Kind kind, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || CompilationServices.TryGet(model.Compilation)?.Symbols is not { } symbols)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var imports = new HashSet<string>(StringComparer.Ordinal);
        var applicable = plans.Where(p => kind == Kind.WhenAll || p.CanUseParallel).ToList();
        foreach (var plan in applicable)
        {
            // A loop inside another rewritten loop is left for the next pass: the outer rewrite is built from the original text.
            if (applicable.Any(other => other != plan && other.Loop.Span.Contains(plan.Loop.Span)))
            {
                continue;
            }

            var statement = kind == Kind.WhenAll
                ? WhenAllStatement(plan, model, symbols, imports)
                : ParallelStatement(plan, model, symbols, imports);
            if (statement is null)
            {
                continue;
            }

            editor.ReplaceNode(plan.Loop, WithLoopTrivia(statement, plan, kind).WithAdditionalAnnotations(Formatter.Annotation));
        }

        var changed = document.WithSyntaxRoot(editor.GetChangedRoot());
        return await TokenEditing.AddImportsAsync(changed, imports, cancellationToken).ConfigureAwait(false);
    }

    private static ExpressionStatementSyntax WhenAllStatement(Plan plan, SemanticModel model, AsyncSymbols symbols, HashSet<string> imports)
    {
        var position = plan.Loop.SpanStart;
        ExpressionSyntax task = plan.Operand.WithoutTrivia();
        if (plan.IsValueTask)
        {
            // Task.WhenAll takes tasks; AsTask keeps each ValueTask awaited exactly once.
            task = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, GatherEditing.Parenthesize(task), IdentifierName("AsTask")));
        }

        var select = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, CollectionReceiver(plan.Collection), IdentifierName("Select")),
            ArgumentList(SingletonSeparatedList(Argument(SimpleLambdaExpression(Parameter(plan.Parameter.WithoutTrivia()), task)))));
        if (plan.NeedsLinq)
        {
            imports.Add("System.Linq");
        }

        var whenAll = GatherEditing.WithConfigureAwait(
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TokenEditing.TypeName(model, position, symbols.Task, imports), IdentifierName("WhenAll")),
                ArgumentList(SingletonSeparatedList(Argument(select)))),
            plan.ConfigureAwait);
        var awaited = AwaitExpression(whenAll);
        return plan.Results is null
            ? ExpressionStatement(awaited)
            : ExpressionStatement(InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, plan.Results.WithoutTrivia(), IdentifierName("AddRange")),
                ArgumentList(SingletonSeparatedList(Argument(awaited)))));
    }

    private static ExpressionStatementSyntax? ParallelStatement(Plan plan, SemanticModel model, AsyncSymbols symbols, HashSet<string> imports)
    {
        if (symbols.Parallel is not { } parallel
            || symbols.ParallelOptions is not { } parallelOptions)
        {
            return null;
        }

        var position = plan.Loop.SpanStart;
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

        if (TokenEditing.TypeName(model, position, parallelOptions, imports) is not TypeSyntax optionsType)
        {
            return null;
        }

        var options = ObjectCreationExpression(optionsType.WithTrailingTrivia(Space))
            .WithArgumentList(null)
            .WithInitializer(InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                Token(TriviaList(Space), SyntaxKind.OpenBraceToken, TriviaList(Space)),
                SeparatedList(initializers, initializers.Skip(1).Select(_ => Token(TriviaList(), SyntaxKind.CommaToken, TriviaList(Space)))),
                Token(TriviaList(Space), SyntaxKind.CloseBraceToken, TriviaList())));

        // The body's own token is not passed on: the call keeps the token it had, so each iteration behaves as in the loop.
        var tokenParameter = TokenEditing.Identifier(FreeName("ct", plan.Loop, model, plan.Parameter.ValueText));
        var body = ParenthesizedLambdaExpression(
                ParameterList(SeparatedList(new[] { Parameter(plan.Parameter.WithoutTrivia()), Parameter(tokenParameter) })),
                plan.AwaitExpression.WithoutTrivia())
            .WithAsyncKeyword(Token(SyntaxKind.AsyncKeyword));
        var call = GatherEditing.WithConfigureAwait(
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TokenEditing.TypeName(model, position, parallel, imports), IdentifierName("ForEachAsync")),
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
        var kept = kind == Kind.WhenAll ? GatherEditing.StripConfigureAwait(plan.OriginalAwait.Expression) : (ExpressionSyntax)plan.OriginalAwait;
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

    private static StatementSyntax? BodyStatement(StatementSyntax loop)
    {
        var body = loop switch
        {
            ForEachStatementSyntax forEach => forEach.Statement,
            ForStatementSyntax forStatement => forStatement.Statement,
            _ => null,
        };
        return body is BlockSyntax block ? (block.Statements.Count == 1 ? block.Statements[0] : null) : body;
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
    private static bool? SelectBinding(SemanticModel model, int position, ITypeSymbol collectionType, AsyncSymbols symbols)
    {
        if (symbols.Enumerable is not { } enumerable)
        {
            return null;
        }

        var linq = enumerable.ContainingNamespace.ToDisplayString();
        var candidates = model.LookupSymbols(position, collectionType, "Select", includeReducedExtensionMethods: true);
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

    /// <summary><c>url</c> for <c>urls</c>, <c>item</c> otherwise.</summary>
    private static string ItemName(ExpressionSyntax collection)
    {
        var name = collection is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : string.Empty;
        return name.Length > 1 && name.EndsWith("s", StringComparison.Ordinal) && !name.EndsWith("ss", StringComparison.Ordinal)
            ? name.Substring(0, name.Length - 1)
            : "item";
    }

    /// <summary>A name no symbol in scope at the loop and no identifier of the loop uses, so the new lambda parameter shadows nothing.</summary>
    private static string FreeName(string baseName, StatementSyntax loop, SemanticModel model, string? alsoTaken = null)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in loop.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                used.Add(token.ValueText);
            }
        }

        foreach (var symbol in model.LookupSymbols(loop.SpanStart))
        {
            used.Add(symbol.Name);
        }

        if (alsoTaken is not null)
        {
            used.Add(alsoTaken);
        }

        var candidate = baseName;
        for (var suffix = 2; used.Contains(candidate) || SyntaxFacts.GetKeywordKind(candidate) != SyntaxKind.None; suffix++)
        {
            candidate = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
