using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// Shared rewrites of the Exceptions fixes: a call to the configured exception handler (or the Trace default), a catch-all
/// clause that routes to it, and a fault-only continuation that does the same for a task. Types are named through the edit's
/// <see cref="TypeNames"/>, so they bind at <c>position</c> and their usings are added once.
/// </summary>
internal static class ExceptionHandlerEditing
{
    /// <summary>The names a continuation's task parameter is given, in order of preference.</summary>
    public static readonly string[] TaskParameterNames = { "t", "task" };

    /// <summary>The names a catch-all's exception variable is given, in order of preference.</summary>
    public static readonly string[] ExceptionNames = { "ex", "exception" };

    /// <summary>The handler the analyzer resolved for this diagnostic, or null for the default.</summary>
    public static string? ConfiguredHandler(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticProperties.ExceptionHandler, out var handler) && !string.IsNullOrEmpty(handler) ? handler : null;

    /// <summary><c>Handler(exception)</c>, or <c>Trace.TraceError(exception.ToString())</c> without a configured handler.</summary>
    public static InvocationExpressionSyntax HandlerCall(DocumentEdit edit, int position, string? configuredHandler, ExpressionSyntax exception)
    {
        var argument = configuredHandler is null
            ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, exception, SyntaxFactory.IdentifierName("ToString")))
            : exception;
        var target = configuredHandler is null
            ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, edit.Types.Expression(edit.Document.Symbols.Trace, "System.Diagnostics.Trace", position), SyntaxFactory.IdentifierName("TraceError"))
            : SyntaxFactory.ParseExpression(configuredHandler).WithAdditionalAnnotations(Simplifier.Annotation);
        return SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
    }

    /// <summary><c>catch (Exception name) { Handler(name); }</c>.</summary>
    public static CatchClauseSyntax CatchAll(DocumentEdit edit, int position, string name, string? configuredHandler)
    {
        var declaration = SyntaxFactory.CatchDeclaration(edit.Types.Name(edit.Document.Symbols.Exception, "System.Exception", position), SyntaxFactory.Identifier(name));
        var call = SyntaxFactory.ExpressionStatement(HandlerCall(edit, position, configuredHandler, SyntaxFactory.IdentifierName(name)));
        return SyntaxFactory.CatchClause(declaration, null, SyntaxFactory.Block(call)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// <c>task.ContinueWith(t =&gt; Handler(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default)</c>:
    /// the handler runs only when the task faults, on the thread pool, whatever context started the task.
    /// </summary>
    public static InvocationExpressionSyntax FaultContinuation(DocumentEdit edit, int position, ExpressionSyntax task, string parameterName, string? configuredHandler)
    {
        var exception = SyntaxFactory.PostfixUnaryExpression(
            SyntaxKind.SuppressNullableWarningExpression,
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(parameterName), SyntaxFactory.IdentifierName("Exception")));
        var lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName)), HandlerCall(edit, position, configuredHandler, exception));
        return ContinueWith(
            task,
            SyntaxFactory.Argument(lambda),
            SyntaxFactory.Argument(Member(edit, position, edit.Document.Symbols.CancellationToken, "System.Threading.CancellationToken", "None")),
            SyntaxFactory.Argument(ContinuationOption(edit, position, "OnlyOnFaulted")),
            SyntaxFactory.Argument(Member(edit, position, edit.Document.Symbols.TaskScheduler, "System.Threading.Tasks.TaskScheduler", "Default")));
    }

    /// <summary><c>TaskContinuationOptions.Name</c>.</summary>
    public static ExpressionSyntax ContinuationOption(DocumentEdit edit, int position, string name) =>
        Member(edit, position, edit.Document.Symbols.TaskContinuationOptions, "System.Threading.Tasks.TaskContinuationOptions", name);

    public static InvocationExpressionSyntax ContinueWith(ExpressionSyntax task, params ArgumentSyntax[] arguments) =>
        SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("ContinueWith")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)))
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static MemberAccessExpressionSyntax Member(DocumentEdit edit, int position, INamedTypeSymbol? type, string fullName, string member) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, edit.Types.Expression(type, fullName, position), SyntaxFactory.IdentifierName(member));
}
