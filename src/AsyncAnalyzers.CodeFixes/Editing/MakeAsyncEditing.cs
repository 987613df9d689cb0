using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// The shared "make this method async" rewrite: adds <c>async</c>, turns <c>void</c> into <c>Task</c> and <c>T</c> into
/// <c>Task&lt;T&gt;</c>, keeps attributes, modifiers and comments, and names Task so that it binds (adding
/// <c>using System.Threading.Tasks;</c> only when nothing in scope provides it).
/// </summary>
internal static class MakeAsyncEditing
{
    private const string TasksNamespace = "System.Threading.Tasks";

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

    /// <summary>The name to write for Task at <paramref name="position"/>, and whether a using directive must be added for it.</summary>
    public static (TypeSyntax Name, bool NeedsUsing) TaskName(SemanticModel model, int position, INamedTypeSymbol task)
    {
        var found = model.LookupNamespacesAndTypes(position, name: "Task");
        if (found.Any(s => SymbolEqualityComparer.Default.Equals(s, task)))
        {
            return (SyntaxFactory.IdentifierName("Task"), false);
        }

        if (found.IsEmpty)
        {
            return (SyntaxFactory.IdentifierName("Task"), true);
        }

        var qualified = SyntaxFactory.ParseTypeName("global::" + TasksNamespace + ".Task").WithAdditionalAnnotations(Simplifier.Annotation);
        return (qualified, false);
    }

    /// <summary>Makes the (current) declaration async with <paramref name="task"/> as the return type's name.</summary>
    public static SyntaxNode MakeAsync(SyntaxNode declaration, TypeSyntax task)
    {
        switch (declaration)
        {
            case MethodDeclarationSyntax method:
                var (methodModifiers, methodReturn) = Rewrite(method.Modifiers, method.ReturnType, task);
                return method.WithModifiers(methodModifiers).WithReturnType(methodReturn);
            case LocalFunctionStatementSyntax local:
                var (localModifiers, localReturn) = Rewrite(local.Modifiers, local.ReturnType, task);
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

    private static (SyntaxTokenList Modifiers, TypeSyntax ReturnType) Rewrite(SyntaxTokenList modifiers, TypeSyntax returnType, TypeSyntax task)
    {
        TypeSyntax newType = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? task
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())));
        if (newType is GenericNameSyntax generic && task is not IdentifierNameSyntax)
        {
            // Task is shadowed here: qualify it, and let the Simplifier shorten what it can.
            newType = SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::" + TasksNamespace), generic).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (modifiers.Count == 0)
        {
            // With no modifiers, the return type carries the declaration's indentation and leading comments; async takes them over.
            return (SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia())),
                newType.WithoutLeadingTrivia().WithTrailingTrivia(returnType.GetTrailingTrivia()));
        }

        return (modifiers.Add(asyncKeyword), newType.WithTriviaFrom(returnType));
    }

    /// <summary>Adds <c>using System.Threading.Tasks;</c> to the compilation unit, in System-first order.</summary>
    public static CompilationUnitSyntax AddTasksUsing(CompilationUnitSyntax root)
    {
        if (root.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == TasksNamespace))
        {
            return root;
        }

        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.LineFeed;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(TasksNamespace)).WithTrailingTrivia(newLine);
        var usings = root.Usings;
        if (usings.Count == 0)
        {
            return root.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(newLine, newLine)));
        }

        var index = 0;
        while (index < usings.Count && Compare(usings[index], TasksNamespace) < 0)
        {
            index++;
        }

        if (index == 0)
        {
            // Keep a file header on the first line: the new directive goes after it.
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
        }

        return root.WithUsings(usings.Insert(index, directive.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    private static int Compare(UsingDirectiveSyntax existing, string name)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
        {
            return existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) ? -1 : 1;
        }

        var text = existing.Name?.ToString() ?? string.Empty;
        var rankExisting = IsSystem(text) ? 0 : 1;
        var rankNew = IsSystem(name) ? 0 : 1;
        return rankExisting != rankNew ? rankExisting.CompareTo(rankNew) : string.CompareOrdinal(text, name);
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
