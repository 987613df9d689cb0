using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// ASYNC208: store the ValueTask as a Task once. <c>var vt = F();</c> becomes <c>var vt = F().AsTask();</c> (an explicit
/// <c>ValueTask&lt;T&gt;</c> type becomes <c>Task&lt;T&gt;</c>), every <c>vt.AsTask()</c> becomes <c>vt</c> and every <c>vt.Result</c>
/// becomes <c>vt.GetAwaiter().GetResult()</c> (the same exception as the ValueTask's <c>Result</c>, not an AggregateException);
/// awaits, <c>GetAwaiter().GetResult()</c> and status checks read the Task as they read the ValueTask. Offered only where the analyzer
/// found every use compatible (no <see cref="DiagnosticProperties.NoFix"/>); all findings of one local make one edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ValueTaskConsumedOnceCodeFix))]
[Shared]
public sealed class ValueTaskConsumedOnceCodeFix : PlannedCodeFix
{
    public const string StoreAsTaskKey = "ASYNC208.StoreAsTask";

    public ValueTaskConsumedOnceCodeFix()
        : base(DiagnosticIds.ValueTaskConsumedTwice)
    {
    }

    /// <summary>
    /// The same key as <see cref="StoreAsTaskKey"/>: both fixes move the consumption onto a Task, and one key lets Fix All and
    /// <c>dotnet format analyzers --diagnostics ASYNC208</c> apply both kinds in one pass (the tool runs one key per rule).
    /// </summary>
    public const string BlockOnTaskKey = StoreAsTaskKey;

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.BlockingRead))
        {
            return Task.FromResult<FixPlan?>(PlanBlockOnTask(document, diagnostic, cancellationToken));
        }

        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
            || Reference(node, document.Model, cancellationToken) is not { } local
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || !document.Symbols.IsValueTask(local.Type)
            || document.Symbols.TaskOfT is null)
        {
            return Task.FromResult<FixPlan?>(null);
        }

        // The local's scope: its member, or the whole file for top-level statements.
        var scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member and not GlobalStatementSyntax ? member : document.Root;
        var asTaskCalls = new List<InvocationExpressionSyntax>();
        var results = new List<MemberAccessExpressionSyntax>();
        foreach (var identifier in scope.DescendantNodes())
        {
            if (identifier is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax access } name
                || access.Expression != name
                || name.Identifier.ValueText != local.Name
                || !SymbolEqualityComparer.Default.Equals(document.Model.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                continue;
            }

            if (access is { Name.Identifier.ValueText: "AsTask", Parent: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call })
            {
                asTaskCalls.Add(call);
            }
            else if (access.Name.Identifier.ValueText == "Result")
            {
                results.Add(access);
            }
        }

        return Task.FromResult<FixPlan?>(new Plan(document, diagnostic, declarator, declaration, value, local, asTaskCalls, results));
    }

    /// <summary>
    /// A blocking read of a ValueTask not known complete: <c>vt.Result</c> becomes <c>vt.AsTask().GetAwaiter().GetResult()</c> (the
    /// ValueTask's own exception, as its <c>Result</c> throws, not an AggregateException), <c>x.GetAwaiter().GetResult()</c> and
    /// <c>x.ConfigureAwait(false).GetAwaiter().GetResult()</c> block on <c>x.AsTask()</c>. A Task supports blocking before it completes.
    /// </summary>
    private static BlockOnTaskPlan? PlanBlockOnTask(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } found)
        {
            return null;
        }

        var node = found is ArgumentSyntax argument ? argument.Expression : found;

        ExpressionSyntax? receiver;
        MemberAccessExpressionSyntax? result = null;
        switch (node)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access:
                receiver = access.Expression;
                result = access;
                break;
            case InvocationExpressionSyntax
            {
                ArgumentList.Arguments.Count: 0,
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
                },
            }:
                receiver = getAwaiter.Expression;
                if (receiver is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configureAwait })
                {
                    receiver = configureAwait.Expression;
                }

                break;
            default:
                return null;
        }

        if (!document.Symbols.IsValueTask(document.Model.GetTypeInfo(receiver, cancellationToken).Type))
        {
            return null;
        }

        return new BlockOnTaskPlan(document, diagnostic, node, receiver, result);
    }

    private static InvocationExpressionSyntax AsTask(ExpressionSyntax receiver)
    {
        var parenthesize = receiver is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax);
        var target = parenthesize ? SyntaxFactory.ParenthesizedExpression(receiver.WithoutTrivia()) : receiver.WithoutTrivia();
        return SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName("AsTask")))
            .WithTriviaFrom(receiver);
    }

    private static InvocationExpressionSyntax GetResult(ExpressionSyntax task) => SyntaxFactory.InvocationExpression(
        SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("GetAwaiter"))),
            SyntaxFactory.IdentifierName("GetResult")));

    private static ILocalSymbol? Reference(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in node.DescendantNodesAndSelf())
        {
            if (identifier is IdentifierNameSyntax && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
            {
                return local;
            }
        }

        return null;
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            if (fix.Plan is BlockOnTaskPlan block)
            {
                var blockEdit = pass.Edit(block.Document);
                if (block.Result is { } result)
                {
                    blockEdit.Editor.ReplaceNode(result, current => GetResult(AsTask(((MemberAccessExpressionSyntax)current).Expression)).WithTriviaFrom(current));
                }
                else
                {
                    blockEdit.Editor.ReplaceNode(block.Receiver, current => AsTask((ExpressionSyntax)current));
                }

                continue;
            }

            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            // ValueTask<T>.Result throws the operation's own exception, Task<T>.Result an AggregateException around it;
            // GetAwaiter().GetResult() on the Task throws what the ValueTask's Result threw.
            foreach (var access in plan.Results)
            {
                edit.Editor.ReplaceNode(access, current => SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(
                            SyntaxKind.SimpleMemberAccessExpression,
                            SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ((MemberAccessExpressionSyntax)current).Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("GetAwaiter"))),
                            SyntaxFactory.IdentifierName("GetResult")))
                    .WithTriviaFrom(current));
            }

            foreach (var call in plan.AsTaskCalls)
            {
                edit.Editor.ReplaceNode(call, current => ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)current).Expression).Expression.WithTriviaFrom(current));
            }

            edit.Editor.ReplaceNode(plan.Value, current =>
            {
                var receiver = (ExpressionSyntax)current;
                var parenthesize = receiver is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax);
                var target = parenthesize ? SyntaxFactory.ParenthesizedExpression(receiver.WithoutTrivia()) : receiver.WithoutTrivia();
                return SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName("AsTask")))
                    .WithTriviaFrom(receiver);
            });

            if (!plan.Declaration.Type.IsVar)
            {
                var position = plan.Declaration.SpanStart;
                var symbols = plan.Document.Symbols;
                var valueTask = (INamedTypeSymbol)plan.Local.Type;
                TypeSyntax taskType = valueTask.TypeArguments.Length == 0
                    ? edit.Types.Name(symbols.Task, position)
                    : edit.Types.Name(symbols.TaskOfT!, position, SyntaxFactory.ParseTypeName(valueTask.TypeArguments[0].ToMinimalDisplayString(edit.Model, position)).WithAdditionalAnnotations(Simplifier.Annotation));
                edit.Editor.ReplaceNode(plan.Declaration.Type, current => taskType.WithTriviaFrom(current));
            }
        }

        return Task.CompletedTask;
    }

    private sealed class BlockOnTaskPlan : FixPlan
    {
        public BlockOnTaskPlan(FixDocument document, Diagnostic diagnostic, SyntaxNode target, ExpressionSyntax receiver, MemberAccessExpressionSyntax? result)
            : base(document, diagnostic, target, ImmutableArray.Create(new FixOption(BlockOnTaskKey, "Block on a Task: AsTask()")))
        {
            Receiver = receiver;
            Result = result;
        }

        public ExpressionSyntax Receiver { get; }

        public MemberAccessExpressionSyntax? Result { get; }
    }

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, VariableDeclaratorSyntax declarator, VariableDeclarationSyntax declaration, ExpressionSyntax value, ILocalSymbol local, List<InvocationExpressionSyntax> asTaskCalls, List<MemberAccessExpressionSyntax> results)
            : base(document, diagnostic, declarator, ImmutableArray.Create(new FixOption(StoreAsTaskKey, $"Store '{local.Name}' as a Task with AsTask()")))
        {
            Declaration = declaration;
            Value = value;
            Local = local;
            AsTaskCalls = asTaskCalls;
            Results = results;
        }

        public VariableDeclarationSyntax Declaration { get; }

        public ExpressionSyntax Value { get; }

        public ILocalSymbol Local { get; }

        public List<InvocationExpressionSyntax> AsTaskCalls { get; }

        public List<MemberAccessExpressionSyntax> Results { get; }
    }
}
