using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Decides whether a task operand is known to be complete where it is used, so that <c>.Result</c>, <c>.Wait()</c> or
/// <c>GetResult()</c> on it cannot block. Flow-sensitive over the structured operation tree: an <c>await</c> counts only when
/// it dominates the use (a preceding statement of an enclosing block, evaluated unconditionally), guards count only in the branch
/// they protect, and any later write to the local cancels what was known.
/// </summary>
internal static class CompletedTasks
{
    public static bool IsKnownComplete(IOperation taskOperand, AsyncSymbols symbols)
    {
        var operand = taskOperand.UnwrapConfigureAwait();

        // t?.Result: the receiver is the conditional access's operand (CompletedTasksTests.CompleteShape_IsKnownComplete "t?.Result after await").
        if (operand is IConditionalAccessInstanceOperation && operand.FirstAncestor<IConditionalAccessOperation>() is { } access)
        {
            operand = access.Operation.UnwrapConfigureAwait();
        }

        if (IsCompletedByConstruction(operand, symbols))
        {
            return true;
        }

        switch (operand)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation when operand.ReferencedVariable() is { } variable:
                // _load.IsCompleted ? _load.Result : 0 (SyncOverAsyncTests.ResultOfFieldGuardedByIsCompletedInProperty_NoDiagnostic).
                return IsSymbolComplete(variable, operand, symbols);
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } holder } lazy
                when IsLazyValue(lazy, symbols) && holder.ReferencedVariable() is { } variable:
                // await _lazy.Value; _lazy.Value.Result: Lazy<T>.Value hands back the same task every time
                // (BlockingWaitAnalyzerTests.LazyValueResultAfterAwait_NoDiagnostic).
                return IsTargetCompleteAt(new Target(variable, isCollection: false), operand, symbols);
            case IArrayElementReferenceOperation { ArrayReference: var array }:
                return IsCollectionComplete(array.ReferencedVariable(), operand, symbols);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: var instance }:
                return IsCollectionComplete(instance.ReferencedVariable(), operand, symbols);
            case IPropertyReferenceOperation { Property: { Name: "Value" } value, Instance: { } pair }
                when SymbolEqualityComparer.Default.Equals(value.ContainingType.OriginalDefinition, symbols.KeyValuePair) && pair.ReferencedVariable() is { } entry:
                // downloads.Select(pair => pair.Value.Result) after await Task.WhenAll(downloads.Values)
                // (SyncOverAsyncTests.DictionaryValueResultAfterWhenAllOfValues_NoDiagnostic).
                return IsEntryOfCompleteCollection(entry, operand, symbols);
            default:
                return false;
        }
    }


    private static bool IsSymbolComplete(ISymbol symbol, IOperation use, AsyncSymbols symbols)
    {
        // ContinueWith(prev => prev.Result): the antecedent is complete when the continuation runs
        // (BlockingWaitAnalyzerTests.ResultOfAntecedentInContinueWith_NoDiagnostic); tasks.Select(t => t.Result) after WhenAll(tasks)
        // (BlockingWaitAnalyzerTests.SelectResultAfterWhenAllOfCollection_NoDiagnostic).
        if (symbol is IParameterSymbol parameter
            && IsEnumeratedOrContinuationParameter(parameter, use, symbols, out var collection, out var invocation)
            && (collection is null || IsCollectionComplete(collection, invocation!, symbols)))
        {
            return true;
        }

        if (symbol is ILocalSymbol local)
        {
            // foreach (var t in tasks) t.Result after await Task.WhenAll(tasks) (BlockingWaitAnalyzerTests.ForEachResultAfterWhenAllOfCollection_NoDiagnostic).
            if (FindForEach(local, use) is { } loop)
            {
                return IsCollectionComplete(loop.Collection.WalkDownConversions().ReferencedVariable(), loop, symbols);
            }

            // var t = Task.FromResult(1); or var winner = await Task.WhenAny(a, b); never reassigned
            // (SyncOverAsyncTests.ResultOfLocalInitializedWithFromResult_NoDiagnostic, BlockingWaitAnalyzerTests.ResultOfWhenAnyWinner_NoDiagnostic).
            if (local.FindSingleInitializer(use)?.WalkDownConversions() is { } initializer && IsCompletedByConstruction(initializer, symbols))
            {
                return true;
            }
        }

        return IsTargetCompleteAt(new Target(symbol, isCollection: false), use, symbols);
    }

    /// <summary>A lambda parameter or foreach local that enumerates a collection known to be complete.</summary>
    private static bool IsEntryOfCompleteCollection(ISymbol entry, IOperation use, AsyncSymbols symbols) => entry switch
    {
        IParameterSymbol parameter => IsEnumeratedOrContinuationParameter(parameter, use, symbols, out var collection, out var invocation)
            && collection is not null && IsCollectionComplete(collection, invocation!, symbols),
        ILocalSymbol local => FindForEach(local, use) is { } loop && IsCollectionComplete(loop.Collection.WalkDownConversions().ReferencedVariable(), loop, symbols),
        _ => false,
    };

    private static bool IsCollectionComplete(ISymbol? collection, IOperation point, AsyncSymbols symbols)
    {
        if (collection is null)
        {
            return false;
        }

        // Task.Factory.ContinueWhenAll(tasks, all => all[0].Result): every antecedent is complete (SyncOverAsyncTests.AntecedentsInContinueWhenAll_NoDiagnostic).
        if (collection is IParameterSymbol parameter
            && IsEnumeratedOrContinuationParameter(parameter, point, symbols, out var source, out _)
            && source is null)
        {
            return true;
        }

        return IsTargetCompleteAt(new Target(collection, isCollection: true), point, symbols);
    }

    /// <summary>
    /// A task that is complete and cannot fault or be canceled: <c>Task.CompletedTask</c>, <c>Task.FromResult(...)</c>,
    /// <c>new ValueTask&lt;T&gt;(value)</c>, <c>default(ValueTask)</c>. Not <c>Task.FromException</c> or <c>Task.FromCanceled</c>.
    /// </summary>
    public static bool IsCompletedSuccessfullyByConstruction(IOperation operand, AsyncSymbols symbols)
    {
        var value = operand.WalkDownConversions();
        return value is not (IAwaitOperation or IInvocationOperation { TargetMethod.Name: "FromException" or "FromCanceled" })
            && IsCompletedByConstruction(value, symbols);
    }

    /// <summary>Task.FromResult, Task.CompletedTask, new ValueTask&lt;T&gt;(value), default(ValueTask), await Task.WhenAny(...), ...</summary>
    private static bool IsCompletedByConstruction(IOperation operand, AsyncSymbols symbols)
    {
        switch (operand)
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true } method }
                when symbols.IsTaskLike(method.ContainingType) && method.Name is "FromResult" or "FromException" or "FromCanceled":
                return true;
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property }
                when symbols.IsTaskLike(property.ContainingType):
                return true;
            case IObjectCreationOperation { Constructor: { } constructor } creation when symbols.IsValueTask(creation.Type):
                return constructor.Parameters.Length == 1 && !symbols.IsTaskLike(constructor.Parameters[0].Type)
                    && constructor.Parameters[0].Type.TypeKind != TypeKind.Interface;
            case IDefaultValueOperation defaultValue when symbols.IsValueTask(defaultValue.Type):
                return true;
            case IAwaitOperation awaited:
                // The task WhenAny hands back is the one that finished (BlockingWaitAnalyzerTests.ResultOfWhenAnyWinner_NoDiagnostic).
                return IsWhenAny(awaited.Operation, symbols);
            default:
                return false;
        }
    }

    private static bool IsWhenAny(IOperation awaited, AsyncSymbols symbols) =>
        awaited.UnwrapConfigureAwait() is IInvocationOperation { TargetMethod: { Name: "WhenAny", IsStatic: true } whenAny }
        && symbols.IsTaskLike(whenAny.ContainingType);

    private static bool IsEnumeratedOrContinuationParameter(IParameterSymbol parameter, IOperation use, AsyncSymbols symbols, out ISymbol? collection, out IOperation? invocation)
    {
        collection = null;
        invocation = null;
        var lambda = FindLambdaOf(parameter, use);
        if (lambda is null || parameter.Ordinal != 0)
        {
            return false;
        }

        if (lambda.DelegateUse() is not IArgumentOperation { Parent: IInvocationOperation call })
        {
            return false;
        }

        invocation = call;
        if (call.TargetMethod.Name == "ContinueWith" && symbols.IsTaskLike(call.TargetMethod.ContainingType))
        {
            return true;
        }

        if (call.TargetMethod.Name is "ContinueWhenAll" or "ContinueWhenAny" && IsTaskFactory(call.TargetMethod.ContainingType, symbols))
        {
            return true;
        }

        // tasks.Select(t => t.Result) after await Task.WhenAll(tasks): the lambda sees the collection's elements.
        var source = call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : call.Instance;
        collection = source?.WalkDownConversions().ReferencedVariable();
        return collection is not null;
    }

    private static bool IsTaskFactory(ITypeSymbol? type, AsyncSymbols symbols) =>
        SymbolEqualityComparer.Default.Equals(type, symbols.TaskFactory) || SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, symbols.TaskFactoryOfT);

    private static IAnonymousFunctionOperation? FindLambdaOf(IParameterSymbol parameter, IOperation use)
    {
        foreach (var current in use.Ancestors())
        {
            if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
            {
                return lambda;
            }
        }

        return null;
    }

    private static IForEachLoopOperation? FindForEach(ILocalSymbol local, IOperation use)
    {
        foreach (var current in use.Ancestors())
        {
            if (current is IForEachLoopOperation loop && loop.Locals.Contains(local, SymbolEqualityComparer.Default))
            {
                return loop;
            }
        }

        return null;
    }

    private static bool IsTargetCompleteAt(Target target, IOperation point, AsyncSymbols symbols)
    {
        var child = point;
        for (var parent = point.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            // A local function body runs whenever it is called, possibly before any await that precedes its declaration
            // (CompletedTasksTests.IncompleteShape_IsNotKnownComplete "local function declared after the await").
            if (parent is ILocalFunctionOperation)
            {
                return false;
            }

            if (parent is IAnonymousFunctionOperation lambda && IsContinuationOfWhenAllOver(lambda, target, symbols))
            {
                return !IsWrittenWithin(target.Symbol, lambda, point);
            }

            // if (t.IsCompleted) { ... t.Result ... }, unless t is reassigned inside the branch before the use
            // (BlockingWaitAnalyzerTests.ResultGuardedByIsCompleted_NoDiagnostic, CompletedTasksTests.IncompleteShape_IsNotKnownComplete "reassigned inside the guard").
            if (!target.IsCollection && IsGuardedBranch(parent, child, target.Symbol, symbols))
            {
                return !IsWrittenWithin(target.Symbol, child, point);
            }

            // if (await t > 0) { t.Result }, await t > 0 && t.Result > 1: the operand evaluated first dominates the use
            // (BlockingWaitAnalyzerTests.ResultInBranchOfIfWithAwaitedCondition_NoDiagnostic).
            if (EvaluatedBefore(parent, child) is { } before && EvaluatesCompleting(before, target, symbols))
            {
                return !IsWrittenAfter(target.Symbol, before, point);
            }

            var siblings = parent switch
            {
                IBlockOperation block => block.Operations,
                ISwitchCaseOperation switchCase => switchCase.Body,
                _ => ImmutableArray<IOperation>.Empty,
            };

            var index = siblings.IndexOf(child);
            for (var i = index - 1; i >= 0; i--)
            {
                if (Completes(siblings[i], target, symbols))
                {
                    // await t; t = Next(); t.Result (BlockingWaitAnalyzerTests.ResultAfterAwaitThenReassignment_Reports).
                    return !IsWrittenAfter(target.Symbol, siblings[i], point);
                }
            }
        }

        return false;
    }

    private static IOperation? EvaluatedBefore(IOperation parent, IOperation child) => parent switch
    {
        IConditionalOperation conditional when conditional.Condition != child => conditional.Condition,
        IBinaryOperation binary when binary.RightOperand == child => binary.LeftOperand,
        _ => null,
    };

    /// <summary>Is <paramref name="child"/> evaluated only when <paramref name="parent"/>'s condition proves the task complete?</summary>
    private static bool IsGuardedBranch(IOperation parent, IOperation child, ISymbol task, AsyncSymbols symbols) => parent switch
    {
        IConditionalOperation conditional when conditional.WhenTrue == child => Implies(conditional.Condition, task, symbols),
        IConditionalOperation conditional when conditional.WhenFalse == child => ImpliesWhenFalse(conditional.Condition, task, symbols),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => and.RightOperand == child && Implies(and.LeftOperand, task, symbols),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => or.RightOperand == child && ImpliesWhenFalse(or.LeftOperand, task, symbols),
        _ => false,
    };

    /// <summary>Does the condition, when true, prove the task complete?</summary>
    private static bool Implies(IOperation condition, ISymbol task, AsyncSymbols symbols)
    {
        switch (condition.WalkDownConversions())
        {
            case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" } property
                when IsReferenceTo(property.Instance, task) && symbols.IsTaskLike(property.Property.ContainingType):
                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return Implies(and.LeftOperand, task, symbols) || Implies(and.RightOperand, task, symbols);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return IsFinalStatusCheck(equals.LeftOperand, equals.RightOperand, task, symbols)
                    || IsFinalStatusCheck(equals.RightOperand, equals.LeftOperand, task, symbols)
                    || IsWhenAnyWinnerCheck(equals.LeftOperand, equals.RightOperand, task, symbols)
                    || IsWhenAnyWinnerCheck(equals.RightOperand, equals.LeftOperand, task, symbols);
            case IIsPatternOperation { Value: var value, Pattern: IConstantPatternOperation { Value: var constant } }:
                return IsFinalStatusCheck(value, constant, task, symbols);
            default:
                return false;
        }
    }

    /// <summary>Does the condition, when false, prove the task complete? (<c>!t.IsCompleted</c>)</summary>
    private static bool ImpliesWhenFalse(IOperation condition, ISymbol task, AsyncSymbols symbols) => condition.WalkDownConversions() switch
    {
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => Implies(not.Operand, task, symbols),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => ImpliesWhenFalse(or.LeftOperand, task, symbols) || ImpliesWhenFalse(or.RightOperand, task, symbols),
        _ => false,
    };

    private static bool IsFinalStatusCheck(IOperation status, IOperation value, ISymbol task, AsyncSymbols symbols) =>
        status.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Status" } property
        && IsReferenceTo(property.Instance, task)
        && value.WalkDownConversions() is IFieldReferenceOperation { Field: { Name: "RanToCompletion" or "Faulted" or "Canceled" } field }
        && SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.TaskStatus);

    /// <summary><c>await Task.WhenAny(a, b) == a</c>, or the same through a local holding the awaited WhenAny result.</summary>
    private static bool IsWhenAnyWinnerCheck(IOperation candidate, IOperation winner, ISymbol task, AsyncSymbols symbols)
    {
        if (!IsReferenceTo(candidate, task))
        {
            return false;
        }

        var value = winner.WalkDownConversions();
        if (value is ILocalReferenceOperation local)
        {
            value = local.Local.FindSingleInitializer(winner)?.WalkDownConversions()!;
        }

        return value is IAwaitOperation awaited && IsWhenAny(awaited.Operation, symbols);
    }

    /// <summary>Does this statement, once it completes normally, leave the target complete?</summary>
    private static bool Completes(IOperation statement, Target target, AsyncSymbols symbols)
    {
        switch (statement)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (Completes(inner, target, symbols))
                    {
                        return true;
                    }
                }

                return false;

            case IConditionalOperation conditional when EvaluatesCompleting(conditional.Condition, target, symbols):
                // if (await t > 0) { ... }: the condition runs on every path (CompletedTasksTests.CompleteShape_IsKnownComplete "await in if condition").
                return true;

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Completes(conditional.WhenTrue, target, symbols) && Completes(whenFalse, target, symbols);

            case IConditionalOperation { WhenFalse: null } guard when !target.IsCollection:
                // if (!t.IsCompleted) { await t; } or if (!t.IsCompleted) return;
                // (BlockingWaitAnalyzerTests.ResultAfterNotCompletedAwaitGuard_NoDiagnostic, BlockingWaitAnalyzerTests.ResultAfterNotCompletedReturnGuard_NoDiagnostic).
                return ImpliesWhenFalse(guard.Condition, target.Symbol, symbols)
                    && (Completes(guard.WhenTrue, target, symbols) || AlwaysExits(guard.WhenTrue));

            case ITryOperation { Catches.IsEmpty: false, Body.Operations: { Length: > 0 } body }:
                // try { await all; } catch { ... }: the await throws only once the task has completed, so a handler entered from
                // the first statement still leaves it complete; a later statement may throw before an await further down
                // (BlockingWaitAnalyzerTests.ResultAfterAwaitInTryWithCatch_NoDiagnostic, BlockingWaitAnalyzerTests.ResultAfterLaterAwaitInTryWithCatch_Reports).
                // try/finally without a handler stays unknown (CompletedTasksTests.IncompleteShape_IsNotKnownComplete "await in a try block").
                return body[0] is IExpressionStatementOperation { Operation: IAwaitOperation } && Completes(body[0], target, symbols);

            case IConditionalOperation or ILoopOperation or ITryOperation or ISwitchOperation or ILockOperation or IUsingOperation:
                return false;
        }

        return EvaluatesCompleting(statement, target, symbols);
    }

    /// <summary>Does the operation, on every path through it, await or wait for the target?</summary>
    private static bool EvaluatesCompleting(IOperation operation, Target target, AsyncSymbols symbols)
    {
        foreach (var evaluated in UnconditionalOperations(operation))
        {
            if (evaluated is IAwaitOperation awaited && WaitsFor(awaited.Operation.UnwrapConfigureAwait(), target, symbols))
            {
                return true;
            }

            // t.Wait(); t.Result: the first wait is the one mistake to report (BlockingWaitAnalyzerTests.ResultAfterWaitOfSameTask_ReportsOnlyWait).
            if (BlockingWaitCompletes(evaluated, target, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool BlockingWaitCompletes(IOperation operation, Target target, AsyncSymbols symbols)
    {
        switch (BlockingCalls.Classify(operation, symbols, out var task))
        {
            case BlockingKind.Result or BlockingKind.GetResult:
                return !target.IsCollection && IsReferenceTo(task!.UnwrapConfigureAwait(), target.Symbol);
            case BlockingKind.Wait:
                // Wait(timeout) returns false when the time runs out, leaving the task incomplete.
                return !target.IsCollection && ((IInvocationOperation)operation).TargetMethod.ReturnsVoid && IsReferenceTo(task, target.Symbol);
            case BlockingKind.WaitAll:
                return ((IInvocationOperation)operation).TargetMethod.ReturnsVoid && ArgumentsInclude((IInvocationOperation)operation, target);
            default:
                return false;
        }
    }

    /// <summary>Is the awaited expression the target itself, or Task.WhenAll over it?</summary>
    private static bool WaitsFor(IOperation awaited, Target target, AsyncSymbols symbols)
    {
        if (!target.IsCollection && IsReferenceTo(awaited, target.Symbol, symbols))
        {
            return true;
        }

        return IsWhenAllOver(awaited, target, symbols);
    }

    /// <summary>
    /// <c>Task.WhenAll(...)</c> over the target, called here or stored in a local that is never reassigned
    /// (<c>var all = Task.WhenAll(tasks); await all;</c>, BlockingWaitAnalyzerTests.ResultAfterAwaitOfWhenAllLocal_NoDiagnostic).
    /// </summary>
    private static bool IsWhenAllOver(IOperation operation, Target target, AsyncSymbols symbols)
    {
        var value = operation.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
        {
            value = initializer.WalkDownConversions();
        }

        return value is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } whenAll } call
            && symbols.IsTaskLike(whenAll.ContainingType)
            && ArgumentsInclude(call, target);
    }

    /// <summary>
    /// <c>Task.WhenAll(a, b).ContinueWith(_ => a.Result + b.Result)</c>: the continuation runs once WhenAll has completed, which
    /// is once every task it was given has (SyncOverAsyncTests.ResultInContinuationOfWhenAll_NoDiagnostic).
    /// </summary>
    private static bool IsContinuationOfWhenAllOver(IAnonymousFunctionOperation lambda, Target target, AsyncSymbols symbols)
    {
        return lambda.DelegateUse() is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ContinueWith" } method, Instance: { } antecedent } }
            && symbols.IsTaskLike(method.ContainingType)
            && IsWhenAllOver(antecedent, target, symbols);
    }

    /// <summary>WhenAll(t1, t2), WhenAll(new[] { t1, t2 }) include t1; WhenAll(tasks) and WaitAll(tasks) include the collection tasks.</summary>
    private static bool ArgumentsInclude(IInvocationOperation call, Target target)
    {
        foreach (var argument in call.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (target.IsCollection)
            {
                // WhenAll(downloads.Values) completes every entry of the dictionary (SyncOverAsyncTests.DictionaryValueResultAfterWhenAllOfValues_NoDiagnostic).
                if (value is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } dictionary })
                {
                    value = dictionary;
                }

                if (IsReferenceTo(value, target.Symbol))
                {
                    return true;
                }
            }
            else if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (IsReferenceTo(element, target.Symbol))
                    {
                        return true;
                    }
                }
            }
            else if (value.IsImplicit && value.Kind != OperationKind.ArrayCreation)
            {
                // C# 13 binds WhenAll(a, b) to WhenAll(params ReadOnlySpan<Task>) on .NET 9 and later: the compiler-made collection
                // is a collection-expression operation, newer than the Roslyn we build against, whose children are the arguments
                // as written (package test: GatherAsync in tests/PackageConsumer/Service.cs).
                foreach (var element in value.ChildOperations)
                {
                    if (IsReferenceTo(element, target.Symbol))
                    {
                        return true;
                    }
                }
            }
            else if (IsReferenceTo(value, target.Symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Operations the statement evaluates on every path through it (not under conditions, lambdas or nested statements).</summary>
    private static IEnumerable<IOperation> UnconditionalOperations(IOperation statement)
    {
        var stack = new Stack<IOperation>();
        stack.Push(statement);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation or IConditionalAccessOperation:
                    continue;
                case IConditionalOperation conditional:
                    stack.Push(conditional.Condition);
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary:
                    stack.Push(binary.LeftOperand);
                    continue;
                case ICoalesceOperation coalesce:
                    stack.Push(coalesce.Value);
                    continue;
                case ISwitchExpressionOperation switchExpression:
                    stack.Push(switchExpression.Value);
                    continue;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    private static bool AlwaysExits(IOperation statement) => statement switch
    {
        IReturnOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
        IBlockOperation { Operations.Length: > 0 } block => AlwaysExits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };

    private static bool IsReferenceTo(IOperation? operation, ISymbol symbol, AsyncSymbols? symbols = null)
    {
        var value = operation?.WalkDownConversions();
        if (symbols is not null && value is IPropertyReferenceOperation { Instance: { } holder } lazy && IsLazyValue(lazy, symbols))
        {
            value = holder;
        }

        return SymbolEqualityComparer.Default.Equals(value.ReferencedVariable(), symbol);
    }

    private static bool IsLazyValue(IPropertyReferenceOperation property, AsyncSymbols symbols) =>
        property.Property.Name == "Value" && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType.OriginalDefinition, symbols.LazyOfT);

    /// <summary>Any write to the symbol after the completing statement began cancels what it proved (<c>await t; t = Next();</c>).</summary>
    private static bool IsWrittenAfter(ISymbol symbol, IOperation completingStatement, IOperation use)
    {
        var start = completingStatement.Syntax.SpanStart;
        foreach (var operation in use.Root().Descendants())
        {
            if (operation.Syntax.SpanStart > start && IsWriteOrMutation(operation, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A write to the symbol inside <paramref name="scope"/> before <paramref name="use"/>.</summary>
    private static bool IsWrittenWithin(ISymbol symbol, IOperation scope, IOperation use)
    {
        var end = use.Syntax.SpanStart;
        foreach (var operation in scope.DescendantsAndSelf())
        {
            if (operation.Syntax.SpanStart < end && IsWriteOrMutation(operation, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWriteOrMutation(IOperation operation, ISymbol symbol) =>
        operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
        && SymbolEqualityComparer.Default.Equals(operation.ReferencedVariable(), symbol)
        && (operation.IsWrite() || IsMutatingCollection(operation, symbol));

    /// <summary>For collections: <c>tasks.Add(...)</c> after the WhenAll brings in a task nobody awaited.</summary>
    private static bool IsMutatingCollection(IOperation reference, ISymbol symbol) =>
        symbol is ILocalSymbol { Type.TypeKind: not TypeKind.Array } or IParameterSymbol { Type.TypeKind: not TypeKind.Array } or IFieldSymbol { Type.TypeKind: not TypeKind.Array }
        && reference.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert" or "InsertRange" or "Push" or "Enqueue" } call
        && call.Instance == reference;

    private readonly struct Target
    {
        public Target(ISymbol symbol, bool isCollection)
        {
            Symbol = symbol;
            IsCollection = isCollection;
        }

        public ISymbol Symbol { get; }

        public bool IsCollection { get; }
    }
}
