using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics;

/// <summary>
/// Decides, on the operation tree, whether a function body is covered by catch-all try/catch statements: a try with a catch
/// clause for <see cref="System.Exception"/> (or everything) whose filter cannot be false and whose handler does not throw,
/// enclosing every await and every statement after the first await. Nested functions are separate bodies and are not looked into.
/// </summary>
internal static class CatchAllCoverage
{
    /// <summary>
    /// True when every await of the body, and every statement that can run after one, sits inside a catch-all try. With
    /// <paramref name="allowSynchronousPrologue"/> the statements before the first await need no cover (ASYNC401); without it every
    /// statement does (ASYNC402: a started task faults on any exception).
    /// </summary>
    public static bool IsCovered(IBlockOperation body, bool allowSynchronousPrologue, AsyncSymbols symbols)
    {
        var afterAwait = !allowSynchronousPrologue;
        return Check(body, ref afterAwait, symbols);
    }

    /// <summary>
    /// True when the function body contains an await that can suspend or throw: awaits of tasks that are complete by construction
    /// (<c>Task.CompletedTask</c>, <c>Task.FromResult</c>, an already awaited local) do not count, <c>await foreach</c> and
    /// <c>await using</c> do.
    /// </summary>
    public static bool HasRealAwait(IOperation operation, AsyncSymbols symbols)
    {
        foreach (var current in DescendantsInSameFunction(operation))
        {
            switch (current)
            {
                case IAwaitOperation awaitOperation when !IsCompletedAwait(awaitOperation, symbols):
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A try with a catch clause for Exception or everything, no filter that can be false, and a handler that does not throw.</summary>
    public static bool IsCatchAllTry(IOperation operation, AsyncSymbols symbols)
    {
        if (operation is not ITryOperation tryOperation)
        {
            return false;
        }

        foreach (var clause in tryOperation.Catches)
        {
            var catchesEverything = clause.ExceptionType is { SpecialType: SpecialType.System_Object }
                || (symbols.Exception is not null && SymbolEqualityComparer.Default.Equals(clause.ExceptionType, symbols.Exception));

            // A filter that can be false lets exceptions through (UnguardedAsyncVoidHandlerAnalyzerTests.CatchWithFilter_Reports).
            var filterAlwaysTrue = clause.Filter is null || clause.Filter.ConstantValue is { HasValue: true, Value: true };

            // A handler that rethrows has not handled anything (UnguardedAsyncVoidHandlerAnalyzerTests.CatchThatRethrows_Reports).
            if (catchesEverything && filterAlwaysTrue && !ContainsThrow(clause.Handler))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Check(IOperation statement, ref bool afterAwait, AsyncSymbols symbols)
    {
        if (IsCatchAllTry(statement, symbols))
        {
            afterAwait |= HasRealAwait(statement, symbols);
            return true;
        }

        switch (statement)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (!Check(inner, ref afterAwait, symbols))
                    {
                        return false;
                    }
                }

                return true;

            case ILocalFunctionOperation:
                return true;

            case ILabeledOperation labeled:
                return labeled.Operation is null || Check(labeled.Operation, ref afterAwait, symbols);

            case IConditionalOperation conditional when conditional.Type is null or { SpecialType: SpecialType.System_Void }:
                {
                    if (HasRealAwait(conditional.Condition, symbols))
                    {
                        return false;
                    }

                    var whenTrue = afterAwait;
                    var whenFalse = afterAwait;
                    var covered = Check(conditional.WhenTrue, ref whenTrue, symbols)
                        && (conditional.WhenFalse is null || Check(conditional.WhenFalse, ref whenFalse, symbols));
                    afterAwait = whenTrue || whenFalse;
                    return covered;
                }

            case ILoopOperation loop:
                return CheckLoop(loop, ref afterAwait, symbols);

            case IUsingOperation { IsAsynchronous: false } usingOperation:
                return !HasRealAwait(usingOperation.Resources, symbols) && Check(usingOperation.Body, ref afterAwait, symbols);

            case ISwitchOperation switchOperation:
                {
                    if (HasRealAwait(switchOperation.Value, symbols))
                    {
                        return false;
                    }

                    var anyAfterAwait = afterAwait;
                    foreach (var switchCase in switchOperation.Cases)
                    {
                        var caseAfterAwait = afterAwait;
                        foreach (var inner in switchCase.Body)
                        {
                            if (!Check(inner, ref caseAfterAwait, symbols))
                            {
                                return false;
                            }
                        }

                        anyAfterAwait |= caseAfterAwait;
                    }

                    afterAwait = anyAfterAwait;
                    return true;
                }

            case ITryOperation tryOperation:
                {
                    // A try without a catch-all covers nothing itself; its body may still hold covered code. Its catch and finally
                    // blocks must not await (they would run outside any cover).
                    var covered = Check(tryOperation.Body, ref afterAwait, symbols)
                        && (tryOperation.Finally is null || !HasRealAwait(tryOperation.Finally, symbols));
                    foreach (var clause in tryOperation.Catches)
                    {
                        covered &= !HasRealAwait(clause, symbols);
                    }

                    return covered;
                }
        }

        if (HasRealAwait(statement, symbols))
        {
            return false;
        }

        return !afterAwait || CannotThrow(statement);
    }

    private static bool CheckLoop(ILoopOperation loop, ref bool afterAwait, AsyncSymbols symbols)
    {
        var headerAwaits = loop switch
        {
            IForEachLoopOperation forEach => forEach.IsAsynchronous || HasRealAwait(forEach.Collection, symbols),
            IWhileLoopOperation whileLoop => (whileLoop.Condition is not null && HasRealAwait(whileLoop.Condition, symbols))
                || (whileLoop.IgnoredCondition is not null && HasRealAwait(whileLoop.IgnoredCondition, symbols)),
            IForLoopOperation forLoop => (forLoop.Condition is not null && HasRealAwait(forLoop.Condition, symbols))
                || ContainsAwait(forLoop.Before, symbols) || ContainsAwait(forLoop.AtLoopBottom, symbols),
            _ => true,
        };
        if (headerAwaits)
        {
            return false;
        }

        // The body runs again after an await of the previous iteration, so no statement of it counts as a prologue.
        var bodyAfterAwait = afterAwait || HasRealAwait(loop.Body, symbols);
        var covered = Check(loop.Body, ref bodyAfterAwait, symbols);
        afterAwait |= bodyAfterAwait;
        return covered;
    }

    private static bool ContainsAwait(IEnumerable<IOperation> operations, AsyncSymbols symbols)
    {
        foreach (var operation in operations)
        {
            if (HasRealAwait(operation, symbols))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Statements that cannot throw: <c>return;</c>, <c>break;</c>, empty statements, declarations without calls.</summary>
    private static bool CannotThrow(IOperation statement) => statement switch
    {
        IEmptyOperation or IBranchOperation or ILocalFunctionOperation => true,
        IReturnOperation { ReturnedValue: null } => true,
        IReturnOperation { ReturnedValue: { } value } => IsPlainValue(value),
        IVariableDeclarationGroupOperation group => AllInitializersPlain(group),
        _ => false,
    };

    private static bool AllInitializersPlain(IVariableDeclarationGroupOperation group)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                var initializer = declarator.Initializer ?? declaration.Initializer;
                if (initializer is not null && !IsPlainValue(initializer.Value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsPlainValue(IOperation value) => value.WalkDownConversions() is ILiteralOperation or ILocalReferenceOperation
        or IParameterReferenceOperation or IDefaultValueOperation || value.ConstantValue.HasValue;

    private static bool IsCompletedAwait(IAwaitOperation awaitOperation, AsyncSymbols symbols)
    {
        var awaited = CompletedTasks.UnwrapConfigureAwait(awaitOperation.Operation);

        // Awaiting Task.FromException/FromCanceled throws, so those are not "only completed tasks".
        if (awaited is IInvocationOperation { TargetMethod.Name: "FromException" or "FromCanceled" })
        {
            return false;
        }

        // A handler that only awaits completed tasks never really suspends (UnguardedAsyncVoidHandlerAnalyzerTests.OnlyAwaitsCompletedTasks_NoDiagnostic).
        return CompletedTasks.IsKnownComplete(awaited, symbols);
    }

    private static bool ContainsThrow(IOperation handler)
    {
        foreach (var current in DescendantsInSameFunction(handler))
        {
            if (current is IThrowOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation and its descendants, without entering lambdas, anonymous methods or local functions.</summary>
    private static IEnumerable<IOperation> DescendantsInSameFunction(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }
}
