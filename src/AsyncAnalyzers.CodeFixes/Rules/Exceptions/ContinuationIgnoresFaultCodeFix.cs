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
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Rules.Exceptions;

/// <summary>
/// ASYNC403: in async code, <c>await x.ContinueWith(t =&gt; E(t.Result))</c> becomes <c>E(await x)</c>; otherwise the continuation
/// gets <c>TaskContinuationOptions.OnlyOnRanToCompletion</c> and a second, fault-only continuation reports the exception.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ContinuationIgnoresFaultCodeFix))]
[Shared]
public sealed class ContinuationIgnoresFaultCodeFix : PlannedCodeFix
{
    /// <summary>The one kind of change: let the fault be seen, by awaiting in async code or by a fault-only continuation elsewhere.</summary>
    public const string ObserveFaultsKey = "ASYNC403.ObserveFaults";

    public ContinuationIgnoresFaultCodeFix()
        : base(DiagnosticIds.ContinuationIgnoresFault)
    {
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var isAwait = diagnostic.Properties.ContainsKey(DiagnosticProperties.AwaitShape);
        if ((!isAwait && !diagnostic.Properties.ContainsKey(DiagnosticProperties.OptionsShape))
            || Find(document.Root, diagnostic) is not { } found)
        {
            return Task.FromResult<FixPlan?>(null);
        }

        if (isAwait)
        {
            // await x.ContinueWith(t => E(t.Result)) (or the dropped statement of it) becomes E(await x).
            var invocation = found.Invocation;
            SyntaxNode continuation = invocation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configureAwait }
                ? configureAwait
                : invocation;
            SyntaxNode? replaced = continuation.Parent switch
            {
                AwaitExpressionSyntax awaitExpression => awaitExpression,
                ExpressionStatementSyntax => continuation,
                _ => null,
            };
            return Task.FromResult<FixPlan?>(replaced is not null && found.Lambda?.ExpressionBody is { } body && body.Span.Contains(found.Read.Span)
                ? new Plan(document, diagnostic, replaced, "Await the antecedent instead of continuing", found.Invocation, found.Read, body, continuation == invocation ? null : (InvocationExpressionSyntax)continuation)
                : null);
        }

        return Task.FromResult<FixPlan?>(StatementOf(found.Invocation) is { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax } statement
            ? new Plan(document, diagnostic, statement, "Continue only on success and report faults", found.Invocation, found.Read, null, null)
            : null);
    }

    private static (InvocationExpressionSyntax Invocation, ExpressionSyntax Read, LambdaExpressionSyntax? Lambda)? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax read)
        {
            return null;
        }

        var lambda = invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().FirstOrDefault();
        return (invocation, read, lambda);
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // The options rewrite's new names (a local for a receiver that is not a plain variable, the continuation's parameter),
        // chosen in document order.
        var names = InDocumentOrder(fixes)
            .Where(f => ((Plan)f.Plan).Body is null)
            .ToDictionary(f => f.Plan, f => NamesFor(pass.Edit(f.Plan.Document), (Plan)f.Plan));
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            if (plan.Body is not null)
            {
                FixWithAwait(edit, plan);
            }
            else
            {
                FixWithOptions(edit, plan, names[plan], ExceptionHandlerEditing.ConfiguredHandler(plan.Diagnostic));
            }
        }

        return Task.CompletedTask;
    }

    private static (string? Antecedent, string Parameter) NamesFor(DocumentEdit edit, Plan plan)
    {
        var statement = plan.Target;
        var receiver = ((MemberAccessExpressionSyntax)plan.Invocation.Expression).Expression;
        var scope = statement.Parent is GlobalStatementSyntax global ? global.Parent! : statement.Parent!;
        var antecedent = IsPlainVariable(receiver, edit.Model) ? null : edit.Names.Unique(statement.SpanStart, scope.Span, "antecedent");
        return (antecedent, edit.Names.Unique(receiver.Span.End, default, ExceptionHandlerEditing.TaskParameterNames));
    }

    /// <summary>
    /// <c>await x.ContinueWith(t =&gt; F(t.Result))</c> → <c>F(await x)</c>; a dropped continuation becomes a statement. Built from
    /// the current node, so a fix nested in the antecedent or in the lambda survives.
    /// </summary>
    private static void FixWithAwait(DocumentEdit edit, Plan plan)
    {
        var replaced = plan.Target;
        var invocationPath = SyntaxPath.From(replaced, plan.Invocation);
        var bodyPath = SyntaxPath.From(replaced, plan.Body!);
        var readInBody = SyntaxPath.From(plan.Body!, plan.Read);
        var original = plan.Read;
        edit.Editor.ReplaceNode(replaced, current =>
        {
            if (invocationPath.Follow<InvocationExpressionSyntax>(current) is not { Expression: MemberAccessExpressionSyntax access } invocation
                || bodyPath.Follow<ExpressionSyntax>(current) is not { } body
                || (readInBody.Follow<ExpressionSyntax>(body) is { } found && found.IsEquivalentTo(original) ? found : body.DescendantNodesAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(n => n.IsEquivalentTo(original))) is not { } read)
            {
                return current;
            }

            var antecedent = access.Expression.WithoutTrivia();
            if (plan.ConfigureAwait is not null && invocation.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax configureAwait } configureAccess)
            {
                antecedent = configureAwait.WithExpression(configureAccess.WithExpression(antecedent)).WithoutTrivia();
            }

            var newBody = body.ReplaceNode(read, AwaitEditing.AwaitReplacing(read, antecedent));
            return current is AwaitExpressionSyntax
                ? SyntaxFactory.ParenthesizedExpression(newBody.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation).WithTriviaFrom(current)
                : newBody.WithTriviaFrom(current).WithAdditionalAnnotations(Formatter.Annotation);
        });
    }

    /// <summary>
    /// <c>x.ContinueWith(t =&gt; F(t.Result));</c> → <c>x.ContinueWith(t =&gt; F(t.Result), OnlyOnRanToCompletion);</c> followed by
    /// <c>_ = x.ContinueWith(t =&gt; Handler(t.Exception!), ..., OnlyOnFaulted, ...);</c>. A receiver that is not a plain variable is
    /// first stored in a local, so the work it starts still runs once.
    /// </summary>
    private static void FixWithOptions(DocumentEdit edit, Plan plan, (string? Antecedent, string Parameter) names, string? handler)
    {
        var statement = (ExpressionStatementSyntax)plan.Target;
        var invocation = plan.Invocation;
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        var receiver = access.Expression;
        var position = statement.SpanStart;
        ExpressionSyntax antecedent;
        StatementSyntax? local = null;
        if (names.Antecedent is not { } name)
        {
            antecedent = receiver.WithoutTrivia();
        }
        else
        {
            antecedent = SyntaxFactory.IdentifierName(name);
            local = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name)).WithInitializer(SyntaxFactory.EqualsValueClause(receiver.WithoutTrivia())))))
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        var onlyOnSuccess = ExceptionHandlerEditing.ContinuationOption(edit, position, "OnlyOnRanToCompletion");
        var parameter = names.Parameter;
        var discard = SyntaxFactory.ExpressionStatement(DiscardEditing.Discard(ExceptionHandlerEditing.FaultContinuation(edit, position, antecedent, parameter, handler)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var invocationPath = SyntaxPath.From(statement, invocation);
        SyntaxNode Rewrite(SyntaxNode current)
        {
            if (current is not ExpressionStatementSyntax currentStatement
                || invocationPath.Follow<InvocationExpressionSyntax>(currentStatement) is not { Expression: MemberAccessExpressionSyntax currentAccess } currentInvocation)
            {
                return current;
            }

            var arguments = currentInvocation.ArgumentList.Arguments;
            var newArguments = arguments.Count == 1
                ? arguments.Add(SyntaxFactory.Argument(onlyOnSuccess))
                : arguments.Replace(arguments[1], SyntaxFactory.Argument(SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, arguments[1].Expression.WithoutTrivia(), onlyOnSuccess)));
            var newInvocation = currentInvocation.WithExpression(currentAccess.WithExpression(antecedent.WithTriviaFrom(currentAccess.Expression))).WithArgumentList(currentInvocation.ArgumentList.WithArguments(newArguments));
            var rewritten = currentStatement.ReplaceNode(currentInvocation, newInvocation);
            return local is not null ? rewritten.WithLeadingTrivia(SyntaxFactory.ElasticMarker) : rewritten;
        }

        if (statement.Parent is GlobalStatementSyntax globalStatement)
        {
            // Top-level statements sit at column 0; plain line breaks keep the formatter from adding blank lines between them.
            var lineBreak = globalStatement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            lineBreak = lineBreak.RawKind == 0 ? SyntaxFactory.ElasticLineFeed : lineBreak;
            if (local is not null)
            {
                edit.Editor.InsertBefore(globalStatement, SyntaxFactory.GlobalStatement(local.WithTrailingTrivia(lineBreak)));
            }

            edit.Editor.ReplaceNode(globalStatement, current => current is GlobalStatementSyntax g ? g.WithStatement((StatementSyntax)Rewrite(g.Statement)) : current);
            edit.Editor.InsertAfter(globalStatement, SyntaxFactory.GlobalStatement(discard.WithoutTrivia().WithTrailingTrivia(lineBreak)));
            return;
        }

        if (local is not null)
        {
            edit.Editor.InsertBefore(statement, local);
        }

        edit.Editor.ReplaceNode(statement, current => Rewrite(current));
        edit.Editor.InsertAfter(statement, discard);
    }

    private static ExpressionStatementSyntax? StatementOf(InvocationExpressionSyntax invocation) => invocation.Parent switch
    {
        ExpressionStatementSyntax statement => statement,
        AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } => statement,
        _ => null,
    };

    private static bool IsPlainVariable(ExpressionSyntax receiver, SemanticModel semanticModel) =>
        receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
        && semanticModel.GetSymbolInfo(receiver).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol;

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, SyntaxNode target, string title, InvocationExpressionSyntax invocation, ExpressionSyntax read, ExpressionSyntax? body, InvocationExpressionSyntax? configureAwait)
            : base(document, diagnostic, target, ImmutableArray.Create(new FixOption(ObserveFaultsKey, title)))
        {
            Invocation = invocation;
            Read = read;
            Body = body;
            ConfigureAwait = configureAwait;
        }

        /// <summary>The <c>ContinueWith</c> call.</summary>
        public InvocationExpressionSyntax Invocation { get; }

        /// <summary>The read of the antecedent's result (<c>t.Result</c>).</summary>
        public ExpressionSyntax Read { get; }

        /// <summary>The lambda's expression body, for the await rewrite; null for the options rewrite.</summary>
        public ExpressionSyntax? Body { get; }

        /// <summary>The <c>.ConfigureAwait(...)</c> call on the continuation, kept on the awaited antecedent.</summary>
        public InvocationExpressionSyntax? ConfigureAwait { get; }
    }
}
