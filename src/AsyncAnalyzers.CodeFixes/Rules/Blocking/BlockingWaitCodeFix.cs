using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Semantics.Calls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Blocking;

/// <summary>
/// ASYNC101: replaces a blocking wait with <c>await</c> (ASYNC104 has no fix: its caller is synchronous). Every shape is one kind
/// of change with one key, so Fix All and <c>dotnet format</c> fix <c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>
/// and <c>Task.WaitAll</c> together, nested ones included (<c>Task.WaitAll(a.Result, b)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitCodeFix))]
[Shared]
public sealed class BlockingWaitCodeFix : PlannedCodeFix
{
    public const string AwaitKey = "ASYNC101.Await";

    public BlockingWaitCodeFix()
        : base(DiagnosticIds.BlockingWaitInAsyncCode)
    {
    }

    private enum FixKind
    {
        Result,
        Wait,
        WaitAsync,
        GetResult,
        WhenAll,
        WhenAny,
    }

    private protected override Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<FixPlan?>(TryPlan(document, diagnostic, cancellationToken));

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var kind = plan.Kind;

            // The callback sees the node as already edited by nested fixes, so the rewrite works on the current shape.
            pass.Edit(plan.Document).Editor.ReplaceNode(plan.Target, current => Rewrite(current, kind));
        }

        return Task.CompletedTask;
    }

    private static SyntaxNode Rewrite(SyntaxNode current, FixKind kind)
    {
        switch (kind)
        {
            case FixKind.Result when current is MemberAccessExpressionSyntax result:
                return AwaitEditing.AwaitReplacing(result, result.Expression);
            case FixKind.Wait when current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax wait } invocation:
                return AwaitEditing.AwaitReplacing(invocation, wait.Expression);
            case FixKind.WaitAsync when current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax wait } invocation:
                return AwaitEditing.AwaitReplacing(invocation, Renamed(invocation, wait, "WaitAsync"));
            case FixKind.GetResult when current is InvocationExpressionSyntax invocation && GetAwaitable(invocation) is { } awaitable:
                return AwaitEditing.AwaitReplacing(invocation, awaitable);
            case FixKind.WhenAll when current is InvocationExpressionSyntax invocation:
                return AwaitEditing.AwaitReplacing(invocation, Renamed(invocation, invocation.Expression, "WhenAll"));
            case FixKind.WhenAny when current is InvocationExpressionSyntax invocation:
                return AwaitEditing.AwaitReplacing(invocation, Renamed(invocation, invocation.Expression, "WhenAny"));
            default:
                return current;
        }
    }

    /// <summary>Decides, on the original document, whether a fix applies and which; null when it would not compile or keep meaning.</summary>
    private static Plan? TryPlan(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var model = document.Model;
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kindName)
            || !System.Enum.TryParse<BlockingKind>(kindName, out var blockingKind))
        {
            return null;
        }

        var node = document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not ExpressionSyntax expression || IsInCatchFilter(expression))
        {
            return null;
        }

        FixKind? kind = blockingKind switch
        {
            // t?.Result has no await form that keeps the null check, so only plain member access is fixed.
            BlockingKind.Result when expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result
                && result.Expression is not BaseExpressionSyntax => FixKind.Result,
            BlockingKind.Wait => PlanWait(expression, model, cancellationToken),
            BlockingKind.GetResult when expression is InvocationExpressionSyntax invocation && GetAwaitable(invocation) is { } awaitable
                && awaitable is not BaseExpressionSyntax => FixKind.GetResult,
            BlockingKind.WaitAll => PlanWhen(expression, model, "WhenAll", cancellationToken) ? FixKind.WhenAll : null,
            BlockingKind.WaitAny => PlanWhen(expression, model, "WhenAny", cancellationToken) ? FixKind.WhenAny : null,
            _ => null,
        };

        return kind is { } fix ? new Plan(document, diagnostic, expression, fix) : null;
    }

    /// <summary>Wait() becomes await t; Wait(token) becomes await t.WaitAsync(token); Wait(timeout) returns a bool and has no fix.</summary>
    private static FixKind? PlanWait(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: not BaseExpressionSyntax } wait } invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { ReturnsVoid: true } method)
        {
            return null;
        }

        if (method.Parameters.Length == 0)
        {
            return FixKind.Wait;
        }

        // Only the token overload is void-returning with one parameter; WaitAsync(token) exists from .NET 6 on.
        if (method.Parameters.Length == 1 && invocation.ArgumentList.Arguments.Count == 1
            && BindsTo(model, invocation, Renamed(invocation, wait, "WaitAsync"), "WaitAsync", method.Parameters[0].Type, cancellationToken))
        {
            return FixKind.WaitAsync;
        }

        return null;
    }

    /// <summary>
    /// <c>Task.WaitAll(a, b);</c> becomes <c>await Task.WhenAll(a, b);</c>, only as a statement and only when every argument is
    /// one of the tasks: the params array, the params span of C# 13 on .NET 9 and later, or an enumerable, with no timeout or token
    /// given (a token defaulted by the overload is fine).
    /// </summary>
    private static bool PlanWhen(ExpressionSyntax expression, SemanticModel model, string whenName, CancellationToken cancellationToken)
    {
        // WaitAny's index and the bool of the timeout overloads have no counterpart in what WhenAll/WhenAny return.
        if (expression is not InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } invocation
            || invocation.Expression is not (MemberAccessExpressionSyntax or IdentifierNameSyntax)
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation { TargetMethod.Parameters.Length: > 0 } operation
            || operation.Arguments.Any(a => a.Parameter is null || (a.Parameter.Ordinal > 0 && a.ArgumentKind != ArgumentKind.DefaultValue)))
        {
            return false;
        }

        return BindsTo(model, invocation, Renamed(invocation, invocation.Expression, whenName), whenName, null, cancellationToken);
    }

    /// <summary>Does the rewritten call bind, at the same place, to a method of that name (and parameter type when given)?</summary>
    private static bool BindsTo(SemanticModel model, InvocationExpressionSyntax original, ExpressionSyntax rewritten, string name, ITypeSymbol? parameterType, CancellationToken cancellationToken)
    {
        var symbol = model.GetSpeculativeSymbolInfo(original.SpanStart, rewritten, SpeculativeBindingOption.BindAsExpression).Symbol;
        cancellationToken.ThrowIfCancellationRequested();
        return symbol is IMethodSymbol method
            && method.Name == name
            && (parameterType is null || (method.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, parameterType)));
    }

    private static InvocationExpressionSyntax Renamed(InvocationExpressionSyntax invocation, ExpressionSyntax callee, string newName)
    {
        var identifier = SyntaxFactory.Identifier(newName);
        ExpressionSyntax renamed = callee switch
        {
            MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(identifier.WithTriviaFrom(member.Name.Identifier))),
            IdentifierNameSyntax name => SyntaxFactory.IdentifierName(identifier.WithTriviaFrom(name.Identifier)),
            _ => callee,
        };
        return invocation.WithExpression(renamed).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>X in <c>X.GetAwaiter().GetResult()</c>, keeping any <c>.ConfigureAwait(false)</c> in X.</summary>
    private static ExpressionSyntax? GetAwaitable(InvocationExpressionSyntax invocation) =>
        invocation is
        {
            ArgumentList.Arguments.Count: 0,
            Expression: MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "GetResult",
                Expression: InvocationExpressionSyntax
                {
                    ArgumentList.Arguments.Count: 0,
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter,
                },
            },
        }
            ? getAwaiter.Expression
            : null;

    /// <summary>The compiler rejects await in a catch filter; syntax is the only place a filter shows.</summary>
    private static bool IsInCatchFilter(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case CatchFilterClauseSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static string Title(FixKind kind) => kind switch
    {
        FixKind.Result => "Await the task instead of reading '.Result'",
        FixKind.Wait => "Await the task instead of calling '.Wait()'",
        FixKind.WaitAsync => "Await 'WaitAsync(token)' instead of calling '.Wait(token)'",
        FixKind.GetResult => "Await instead of calling '.GetAwaiter().GetResult()'",
        FixKind.WhenAll => "Await 'Task.WhenAll' instead of calling 'Task.WaitAll'",
        _ => "Await 'Task.WhenAny' instead of calling 'Task.WaitAny'",
    };

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, ExpressionSyntax node, FixKind kind)
            : base(document, diagnostic, node, ImmutableArray.Create(new FixOption(AwaitKey, Title(kind))))
        {
            Kind = kind;
        }

        public FixKind Kind { get; }
    }
}
