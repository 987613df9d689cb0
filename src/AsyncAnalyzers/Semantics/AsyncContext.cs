using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics;

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
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return new AsyncContext(lambda.Symbol, lambda, lambda.Symbol.IsAsync);
                case ILocalFunctionOperation localFunction:
                    return new AsyncContext(localFunction.Symbol, localFunction, localFunction.Symbol.IsAsync);
            }
        }

        if (containingSymbol is not IMethodSymbol method)
        {
            return new AsyncContext(null, null, isAsync: false);
        }

        return new AsyncContext(method, null, method.IsAsync || IsTopLevelWithAwait(method, operation));
    }

    /// <summary>
    /// The synthesized entry point of top-level statements is async exactly when the statements contain an await; Roslyn 4.8
    /// does not expose that on the symbol, so look at the syntax (the only way to learn it).
    /// </summary>
    private static bool IsTopLevelWithAwait(IMethodSymbol method, IOperation operation)
    {
        if (!method.IsImplicitlyDeclared || operation.Syntax.SyntaxTree.GetRoot() is not CompilationUnitSyntax root)
        {
            return false;
        }

        foreach (var member in root.Members)
        {
            if (member is GlobalStatementSyntax global && ContainsAwaitOutsideFunctions(global.Statement))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAwaitOutsideFunctions(SyntaxNode node)
    {
        foreach (var descendant in node.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (descendant is AwaitExpressionSyntax
                || descendant is ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || descendant is ForEachVariableStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || descendant is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || descendant is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when an <c>await</c> can be inserted at the operation: not inside a <c>lock</c> body, an unsafe block or a query clause,
    /// where the compiler rejects await.
    /// </summary>
    public static bool CanInsertAwait(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return true;
                case ILockOperation:
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
