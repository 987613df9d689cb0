using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// Shared rewrites of the Exceptions fixes: a call to the configured exception handler (or the Trace default), a catch-all
/// clause that routes to it, and a fault-only continuation that does the same for a task.
/// </summary>
internal static class ExceptionHandlerEditing
{
    private const string DefaultHandler = "global::System.Diagnostics.Trace.TraceError";

    /// <summary>The handler the analyzer resolved for this diagnostic, or null for the default.</summary>
    public static string? ConfiguredHandler(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticProperties.ExceptionHandler, out var handler) && !string.IsNullOrEmpty(handler) ? handler : null;

    /// <summary><c>Handler(exception)</c>, or <c>Trace.TraceError(exception.ToString())</c> without a configured handler.</summary>
    public static InvocationExpressionSyntax HandlerCall(string? configuredHandler, ExpressionSyntax exception)
    {
        var argument = configuredHandler is null
            ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, exception, SyntaxFactory.IdentifierName("ToString")))
            : exception;
        var target = SyntaxFactory.ParseExpression(configuredHandler ?? DefaultHandler).WithAdditionalAnnotations(Simplifier.Annotation);
        return SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
    }

    /// <summary><c>catch (Exception name) { Handler(name); }</c>.</summary>
    public static CatchClauseSyntax CatchAll(string name, string? configuredHandler)
    {
        var declaration = SyntaxFactory.CatchDeclaration(ExceptionType(), SyntaxFactory.Identifier(name));
        var call = SyntaxFactory.ExpressionStatement(HandlerCall(configuredHandler, SyntaxFactory.IdentifierName(name)));
        return SyntaxFactory.CatchClause(declaration, null, SyntaxFactory.Block(call)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// <c>task.ContinueWith(t =&gt; Handler(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default)</c>:
    /// the handler runs only when the task faults, on the thread pool, whatever context started the task.
    /// </summary>
    public static InvocationExpressionSyntax FaultContinuation(ExpressionSyntax task, string parameterName, string? configuredHandler)
    {
        var exception = SyntaxFactory.PostfixUnaryExpression(
            SyntaxKind.SuppressNullableWarningExpression,
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(parameterName), SyntaxFactory.IdentifierName("Exception")));
        var lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName)), HandlerCall(configuredHandler, exception));
        return ContinueWith(
            task,
            SyntaxFactory.Argument(lambda),
            SyntaxFactory.Argument(QualifiedName("global::System.Threading.CancellationToken.None")),
            SyntaxFactory.Argument(ContinuationOption("OnlyOnFaulted")),
            SyntaxFactory.Argument(QualifiedName("global::System.Threading.Tasks.TaskScheduler.Default")));
    }

    /// <summary><c>TaskContinuationOptions.Name</c>, simplified where the namespace is imported.</summary>
    public static ExpressionSyntax ContinuationOption(string name) => QualifiedName("global::System.Threading.Tasks.TaskContinuationOptions." + name);

    public static InvocationExpressionSyntax ContinueWith(ExpressionSyntax task, params ArgumentSyntax[] arguments) =>
        SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("ContinueWith")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>
    /// A name based on <paramref name="baseName"/> that is neither visible at <paramref name="scope"/> nor used anywhere inside it,
    /// so the new variable can shadow nothing and be shadowed by nothing.
    /// </summary>
    public static string UniqueName(SemanticModel semanticModel, SyntaxNode scope, string baseName)
    {
        var taken = new HashSet<string>(semanticModel.LookupSymbols(scope.SpanStart).Select(s => s.Name));
        foreach (var token in scope.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                taken.Add(token.ValueText);
            }
        }

        var name = baseName;
        for (var i = 1; taken.Contains(name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static TypeSyntax ExceptionType() => SyntaxFactory.ParseTypeName("global::System.Exception").WithAdditionalAnnotations(Simplifier.Annotation);

    private static ExpressionSyntax QualifiedName(string name) => SyntaxFactory.ParseExpression(name).WithAdditionalAnnotations(Simplifier.Annotation);
}
