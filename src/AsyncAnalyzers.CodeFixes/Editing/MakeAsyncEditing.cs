using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// The shared "make this method async" rewrite: adds <c>async</c>, turns <c>void</c> into <c>Task</c> and <c>T</c> into
/// <c>Task&lt;T&gt;</c>, keeps attributes, modifiers and comments, and names Task so that it binds (<see cref="TypeNames"/>).
/// </summary>
internal static class MakeAsyncEditing
{
    /// <summary>The method or local function declaration that declares <paramref name="function"/>, if it has a body we can rewrite.</summary>
    public static SyntaxNode? FindDeclaration(IMethodSymbol function, CancellationToken cancellationToken)
    {
        foreach (var reference in function.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case MethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                    return method;
                case LocalFunctionStatementSyntax local when local.Body is not null || local.ExpressionBody is not null:
                    return local;
            }
        }

        return null;
    }

    /// <summary>
    /// True when changing the function's return type cannot break a caller: every reference in the solution is a call whose
    /// result is already dropped by an expression statement (method groups, delegates and used results would stop compiling).
    /// </summary>
    public static async Task<bool> CallersSurviveAsync(IMethodSymbol function, Solution solution, CancellationToken cancellationToken, bool allowDroppedCalls = true)
    {
        var references = await SymbolFinder.FindReferencesAsync(function, solution, cancellationToken).ConfigureAwait(false);
        foreach (var reference in references)
        {
            foreach (var location in reference.Locations)
            {
                // Without a caller rewrite, every dropped call to a method now declared async gets the compiler's CS4014, which
                // breaks warnings-as-errors builds (UnawaitedTaskCodeFixTests.MethodWithCallers_MakeAsyncNotOffered).
                if (location.IsImplicit || location.IsCandidateLocation || !allowDroppedCalls)
                {
                    return false;
                }

                var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name || !IsDroppedCall(name))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsDroppedCall(SimpleNameSyntax name)
    {
        ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee && invocation.Parent is ExpressionStatementSyntax;
    }

    /// <summary>
    /// The return type the declaration gets when it becomes async: <c>Task</c> for <c>void</c>, <c>Task&lt;T&gt;</c> for <c>T</c>,
    /// named so that it binds at the declaration (<see cref="TypeNames"/>, which adds the using when needed).
    /// </summary>
    public static TypeSyntax TaskReturnType(DocumentEdit edit, SyntaxNode declaration)
    {
        var symbols = edit.Document.Symbols;
        var returnType = declaration switch
        {
            MethodDeclarationSyntax method => method.ReturnType,
            LocalFunctionStatementSyntax local => local.ReturnType,
            _ => null,
        };
        return returnType is null or PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } || symbols.TaskOfT is null
            ? edit.Types.Name(symbols.Task, declaration.SpanStart)
            : edit.Types.Name(symbols.TaskOfT, declaration.SpanStart, returnType.WithoutTrivia());
    }

    /// <summary>Makes the (current) declaration async with <paramref name="taskType"/> (<see cref="TaskReturnType"/>) as its return type.</summary>
    public static SyntaxNode MakeAsync(SyntaxNode declaration, TypeSyntax taskType)
    {
        switch (declaration)
        {
            case MethodDeclarationSyntax method:
                var (methodModifiers, methodReturn) = Rewrite(method.Modifiers, method.ReturnType, taskType);
                return method.WithModifiers(methodModifiers).WithReturnType(methodReturn);
            case LocalFunctionStatementSyntax local:
                var (localModifiers, localReturn) = Rewrite(local.Modifiers, local.ReturnType, taskType);
                return local.WithModifiers(localModifiers).WithReturnType(localReturn);
            default:
                return declaration;
        }
    }

    /// <summary>Turns an <c>async void</c> declaration's return type into Task, keeping its trivia.</summary>
    public static SyntaxNode ReturnTask(SyntaxNode declaration, TypeSyntax task) => declaration switch
    {
        MethodDeclarationSyntax method => method.WithReturnType(task.WithTriviaFrom(method.ReturnType)),
        LocalFunctionStatementSyntax local => local.WithReturnType(task.WithTriviaFrom(local.ReturnType)),
        _ => declaration,
    };

    private static (SyntaxTokenList Modifiers, TypeSyntax ReturnType) Rewrite(SyntaxTokenList modifiers, TypeSyntax returnType, TypeSyntax newType)
    {
        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (modifiers.Count == 0)
        {
            // With no modifiers, the return type carries the declaration's indentation and leading comments; async takes them over.
            return (SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia())),
                newType.WithoutLeadingTrivia().WithTrailingTrivia(returnType.GetTrailingTrivia()));
        }

        return (modifiers.Add(asyncKeyword), newType.WithTriviaFrom(returnType));
    }
}
