using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>Facts about the innermost function (method, local function, lambda, anonymous method) enclosing an operation.</summary>
internal readonly struct AsyncContext
{
    private AsyncContext(IMethodSymbol? function, IOperation? functionOperation, bool isAsync)
    {
        Function = function;
        FunctionOperation = functionOperation;
        IsAsync = isAsync;
    }

    /// <summary>The innermost function symbol, or null when the operation is not inside one (a field initializer).</summary>
    public IMethodSymbol? Function { get; }

    /// <summary>The lambda or local function operation, or null when the innermost function is the containing member.</summary>
    public IOperation? FunctionOperation { get; }

    /// <summary>True when <c>await</c> may be used here: the innermost function is async, or top-level statements contain await.</summary>
    public bool IsAsync { get; }

    public static AsyncContext Of(IOperation operation, ISymbol containingSymbol)
    {
        switch (operation.EnclosingFunction())
        {
            case IAnonymousFunctionOperation lambda:
                return new AsyncContext(lambda.Symbol, lambda, lambda.Symbol.IsAsync);
            case ILocalFunctionOperation localFunction:
                return new AsyncContext(localFunction.Symbol, localFunction, localFunction.Symbol.IsAsync);
        }

        if (containingSymbol is not IMethodSymbol method)
        {
            return new AsyncContext(null, null, isAsync: false);
        }

        return new AsyncContext(method, null, method.IsAsync || IsTopLevelWithAwait(method));
    }

    /// <summary>
    /// The synthesized entry point of top-level statements is async exactly when the statements contain an await, and then
    /// it returns Task or Task&lt;int&gt; (never void or int): the return type answers without walking the file.
    /// </summary>
    private static bool IsTopLevelWithAwait(IMethodSymbol method) =>
        method.IsImplicitlyDeclared
        && method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName
        && method.ReturnType is INamedTypeSymbol { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>
    /// True when an <c>await</c> can be inserted at the operation: not inside a <c>lock</c> body, an unsafe block, a catch filter
    /// or a query clause, where the compiler rejects await.
    /// </summary>
    public static bool CanInsertAwait(IOperation operation)
    {
        foreach (var current in operation.AncestorsInSameFunction())
        {
            if (current is ILockOperation)
            {
                return false;
            }
        }

        // Unsafe blocks and query clauses have no operation shape of their own, so syntax is the only way to see them.
        foreach (var ancestor in operation.Syntax.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    return !HasUnsafeModifier(ancestor);
                case UnsafeStatementSyntax:
                case CatchFilterClauseSyntax:
                case QueryClauseSyntax or SelectOrGroupClauseSyntax or QueryContinuationSyntax:
                    return false;
            }
        }

        return true;
    }

    private static bool HasUnsafeModifier(SyntaxNode function) => function switch
    {
        BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.UnsafeKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.UnsafeKeyword),
        _ => false,
    };
}
