using System.Collections.Generic;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

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
    /// <remarks>
    /// With <paramref name="cancellationMayEscape"/>, a catch whose filter lets only <see cref="System.OperationCanceledException"/>
    /// through (<c>when (ex is not OperationCanceledException)</c>, optionally <c>|| ...</c>) still counts: an async method that
    /// ends in cancellation produces a canceled task, which raises no unobserved-exception event. Not for async void, where the
    /// escaping exception crashes the process like any other.
    /// </remarks>
    public static bool IsCovered(IBlockOperation body, bool allowSynchronousPrologue, AsyncSymbols symbols, bool cancellationMayEscape = false) =>
        IsCovered(body, allowSynchronousPrologue, symbols, new CoverageOptions(cancellationMayEscape, observingCatchCounts: false, isHarmless: null));

    /// <summary>
    /// The same, with the interprocedural knowledge a caller has: <see cref="CoverageOptions.IsHarmless"/> accepts statements
    /// that cannot throw although they are not plain (an await of a callee that cannot fault), and with
    /// <see cref="CoverageOptions.ObservingCatchCounts"/> a catch-all that logs or forwards the exception before rethrowing counts
    /// as cover (the exception has been seen: what matters for a task nobody awaits, not for async void).
    /// </summary>
    public static bool IsCovered(IBlockOperation body, bool allowSynchronousPrologue, AsyncSymbols symbols, CoverageOptions options)
    {
        var afterAwait = !allowSynchronousPrologue;
        return Check(body, ref afterAwait, new Context(symbols, options));
    }

    /// <summary>A try with a catch clause for Exception or everything, no filter that can be false, and a handler that does not throw.</summary>
    public static bool IsCatchAllTry(IOperation operation, AsyncSymbols symbols) => IsCatchAllTry(operation, new Context(symbols, default));

    /// <summary>The same, under a caller's options (a catch that lets only cancellation through, or logs before it rethrows).</summary>
    public static bool IsCatchAllTry(IOperation operation, AsyncSymbols symbols, CoverageOptions options) => IsCatchAllTry(operation, new Context(symbols, options));

    private static bool IsCatchAllTry(IOperation operation, Context context)
    {
        var symbols = context.Symbols;
        if (operation is not ITryOperation tryOperation)
        {
            return false;
        }

        foreach (var clause in tryOperation.Catches)
        {
            var catchesEverything = clause.ExceptionType is { SpecialType: SpecialType.System_Object }
                || (symbols.Exception is not null && SymbolEqualityComparer.Default.Equals(clause.ExceptionType, symbols.Exception));

            // A filter that can be false lets exceptions through (UnguardedAsyncVoidHandlerAnalyzerTests.CatchWithFilter_Reports).
            var filterAlwaysTrue = clause.Filter is null || clause.Filter.ConstantValue is { HasValue: true, Value: true }
                || (context.CancellationMayEscape && LetsOnlyCancellationThrough(clause.Filter, symbols)) // (UnobservedFireAndForgetAnalyzerTests.CatchAllButCancellationInAsyncMethod_NoDiagnostic)
                || LetsOnlyFatalThrough(clause.Filter, context.CancellationMayEscape, symbols); // (UnobservedFireAndForgetAnalyzerTests.CatchAllButFatalExceptions_NoDiagnostic)

            // A handler that rethrows has not handled anything (UnguardedAsyncVoidHandlerAnalyzerTests.CatchThatRethrows_Reports),
            // unless it logged or forwarded the exception first and only "seen" matters
            // (UnobservedFireAndForgetAnalyzerTests.CatchAllThatLogsAndRethrows_NoDiagnostic, CatchAllThatRethrows_Reports).
            if (catchesEverything && filterAlwaysTrue
                && (!ContainsThrow(clause.Handler, context.Options.ConditionValue) || (context.Options.ObservingCatchCounts && ForwardsException(clause))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>ex is not OperationCanceledException</c>, alone or as the left side of <c>||</c>: true for every other exception.</summary>
    private static bool LetsOnlyCancellationThrough(IOperation filter, AsyncSymbols symbols) => filter.WalkDownConversions() switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => LetsOnlyCancellationThrough(or.LeftOperand, symbols),
        IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: ITypePatternOperation or IDeclarationPatternOperation } negated } =>
            negated.Pattern switch
            {
                ITypePatternOperation type => SymbolEqualityComparer.Default.Equals(type.MatchedType, symbols.OperationCanceledException),
                IDeclarationPatternOperation declaration => SymbolEqualityComparer.Default.Equals(declaration.MatchedType, symbols.OperationCanceledException),
                _ => false,
            },
        _ => false,
    };

    /// <summary>
    /// <c>when (ex is not (OutOfMemoryException or StackOverflowException))</c>, <c>when (ex is not OutOfMemoryException and not
    /// ThreadAbortException)</c>: a filter that lets through only the exceptions no code recovers from (and cancellation, where
    /// that may escape) handles every other one.
    /// </summary>
    private static bool LetsOnlyFatalThrough(IOperation filter, bool cancellationMayEscape, AsyncSymbols symbols) => filter.WalkDownConversions() switch
    {
        IIsPatternOperation { Pattern: var pattern } => ExcludesOnlyFatal(pattern, cancellationMayEscape, symbols),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IIsTypeOperation { TypeOperand: var type } } => IsFatal(type, cancellationMayEscape, symbols),
        _ => false,
    };

    private static bool ExcludesOnlyFatal(IPatternOperation pattern, bool cancellationMayEscape, AsyncSymbols symbols) => pattern switch
    {
        INegatedPatternOperation { Pattern: var negated } => MatchesOnlyFatal(negated, cancellationMayEscape, symbols),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And, LeftPattern: var left, RightPattern: var right } =>
            ExcludesOnlyFatal(left, cancellationMayEscape, symbols) && ExcludesOnlyFatal(right, cancellationMayEscape, symbols),
        _ => false,
    };

    private static bool MatchesOnlyFatal(IPatternOperation pattern, bool cancellationMayEscape, AsyncSymbols symbols) => pattern switch
    {
        ITypePatternOperation type => IsFatal(type.MatchedType, cancellationMayEscape, symbols),
        IDeclarationPatternOperation { MatchedType: { } declared } => IsFatal(declared, cancellationMayEscape, symbols),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or, LeftPattern: var left, RightPattern: var right } =>
            MatchesOnlyFatal(left, cancellationMayEscape, symbols) && MatchesOnlyFatal(right, cancellationMayEscape, symbols),
        _ => false,
    };

    private static bool IsFatal(ITypeSymbol? type, bool cancellationMayEscape, AsyncSymbols symbols)
    {
        if (type is null)
        {
            return false;
        }

        if (cancellationMayEscape && symbols.OperationCanceledException is { } canceled && type.InheritsFromOrEquals(canceled))
        {
            return true;
        }

        return type is INamedTypeSymbol { Name: "OutOfMemoryException" or "StackOverflowException" or "AccessViolationException" or "InsufficientExecutionStackException" or "ThreadAbortException" } named
            && (named.IsInNamespace("System") || named.IsInNamespace("System", "Threading"));
    }

    private static bool Check(IOperation statement, ref bool afterAwait, Context context)
    {
        var symbols = context.Symbols;
        if (IsCatchAllTry(statement, context))
        {
            afterAwait |= AwaitPoints.HasRealAwait(statement, symbols);
            return true;
        }

        // An await of a callee that cannot fault, and other statements the caller knows to be harmless
        // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeThatCatchesEverything_NoDiagnostic).
        if (context.Options.IsHarmless is { } isHarmless && statement is not (IBlockOperation or ITryOperation or ILoopOperation or IConditionalOperation or ISwitchOperation or IUsingOperation)
            && isHarmless(statement))
        {
            afterAwait |= AwaitPoints.HasRealAwait(statement, symbols);
            return true;
        }

        switch (statement)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (!Check(inner, ref afterAwait, context))
                    {
                        return false;
                    }
                }

                return true;

            case ILocalFunctionOperation:
                return true;

            case ILabeledOperation labeled:
                return labeled.Operation is null || Check(labeled.Operation, ref afterAwait, context);

            case IConditionalOperation conditional when conditional.Type is null or { SpecialType: SpecialType.System_Void }:
                {
                    if (AwaitPoints.HasRealAwait(conditional.Condition, symbols))
                    {
                        return false;
                    }

                    var whenTrue = afterAwait;
                    var whenFalse = afterAwait;
                    var covered = Check(conditional.WhenTrue, ref whenTrue, context)
                        && (conditional.WhenFalse is null || Check(conditional.WhenFalse, ref whenFalse, context));
                    afterAwait = whenTrue || whenFalse;
                    return covered;
                }

            case ILoopOperation loop:
                return CheckLoop(loop, ref afterAwait, context);

            case IUsingOperation { IsAsynchronous: false } usingOperation:
                return !AwaitPoints.HasRealAwait(usingOperation.Resources, symbols) && Check(usingOperation.Body, ref afterAwait, context);

            case ISwitchOperation switchOperation:
                {
                    if (AwaitPoints.HasRealAwait(switchOperation.Value, symbols))
                    {
                        return false;
                    }

                    var anyAfterAwait = afterAwait;
                    foreach (var switchCase in switchOperation.Cases)
                    {
                        var caseAfterAwait = afterAwait;
                        foreach (var inner in switchCase.Body)
                        {
                            if (!Check(inner, ref caseAfterAwait, context))
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
                    var covered = Check(tryOperation.Body, ref afterAwait, context)
                        && (tryOperation.Finally is null || !AwaitPoints.HasRealAwait(tryOperation.Finally, symbols));
                    foreach (var clause in tryOperation.Catches)
                    {
                        covered &= !AwaitPoints.HasRealAwait(clause, symbols);
                    }

                    return covered;
                }
        }

        if (AwaitPoints.HasRealAwait(statement, symbols))
        {
            return false;
        }

        return !afterAwait || CannotThrow(statement);
    }

    private static bool CheckLoop(ILoopOperation loop, ref bool afterAwait, Context context)
    {
        var symbols = context.Symbols;
        var headerAwaits = loop switch
        {
            IForEachLoopOperation forEach => forEach.IsAsynchronous || AwaitPoints.HasRealAwait(forEach.Collection, symbols),
            // while (await timer.WaitForNextTickAsync()): an awaited condition that cannot fault needs no cover
            // (UnobservedFireAndForgetAnalyzerTests.PeriodicTimerLoopWithCoveredBody_NoDiagnostic).
            IWhileLoopOperation whileLoop => (whileLoop.Condition is not null && AwaitPoints.HasRealAwait(whileLoop.Condition, symbols)
                    && context.Options.IsHarmless?.Invoke(whileLoop.Condition) != true)
                || (whileLoop.IgnoredCondition is not null && AwaitPoints.HasRealAwait(whileLoop.IgnoredCondition, symbols)),
            IForLoopOperation forLoop => (forLoop.Condition is not null && AwaitPoints.HasRealAwait(forLoop.Condition, symbols))
                || ContainsAwait(forLoop.Before, symbols) || ContainsAwait(forLoop.AtLoopBottom, symbols),
            _ => true,
        };
        if (headerAwaits)
        {
            return false;
        }

        // The body runs again after an await of the previous iteration, so no statement of it counts as a prologue.
        var bodyAfterAwait = afterAwait || AwaitPoints.HasRealAwait(loop.Body, symbols)
            || (loop is IWhileLoopOperation { Condition: { } condition } && AwaitPoints.HasRealAwait(condition, symbols));
        var covered = Check(loop.Body, ref bodyAfterAwait, context);
        afterAwait |= bodyAfterAwait;
        return covered;
    }

    private static bool ContainsAwait(IEnumerable<IOperation> operations, AsyncSymbols symbols)
    {
        foreach (var operation in operations)
        {
            if (AwaitPoints.HasRealAwait(operation, symbols))
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

        // tcs.TrySetResult(value): the Try methods of TaskCompletionSource never throw (UnawaitedTaskAnalyzerTests.TaskRunThatOnlyCompletesASource_NoDiagnostic).
        IExpressionStatementOperation { Operation: IInvocationOperation call } => IsPlainValue(call),

        // _loading = true; count = 0; (UnobservedFireAndForgetAnalyzerTests.CalleeWithFlagPrologue_NoDiagnostic)
        IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: var target, Value: var value } } => IsPlainTarget(target) && IsPlainValue(value),
        _ => false,
    };

    /// <summary>A local, or a field or auto-property of this object or a static one: storing into it runs no code that can throw.</summary>
    public static bool IsPlainTarget(IOperation target) => target switch
    {
        ILocalReferenceOperation or IParameterReferenceOperation => true,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: { IsIndexer: false, SetMethod.IsImplicitlyDeclared: false } property } =>
            property.IsAutoProperty() || IsNotifyingProperty(property),

        // viewModel.IsLoading = false: a view model's property raises PropertyChanged and nothing else
        // (UnobservedFireAndForgetAnalyzerTests.CalleeSettingViewModelPropertiesAroundTry_NoDiagnostic).
        IPropertyReferenceOperation { Instance: { } instance, Property: { IsIndexer: false, SetMethod: not null } property } =>
            IsPlainValue(instance) && IsNotifyingProperty(property),
        _ => false,
    };

    /// <summary>A property of a type that implements INotifyPropertyChanged (a view model): its setter stores and notifies.</summary>
    private static bool IsNotifyingProperty(IPropertySymbol property)
    {
        foreach (var iface in property.ContainingType.AllInterfaces)
        {
            if (iface.Name == "INotifyPropertyChanged" && iface.IsInNamespace("System", "ComponentModel"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The handler hands the caught exception to a call (a logger, <c>TaskCompletionSource.SetException</c>, a handler).</summary>
    private static bool ForwardsException(ICatchClauseOperation clause)
    {
        if (clause.Locals.Length == 0)
        {
            return false;
        }

        // Log.Error(ex, "..."), tcs.TrySetException(ex); also what the exception says, handed to a call:
        // Log.Warning("Failed to check version: {Message}", ex.Message), Report($"failed: {ex}")
        // (UnobservedFireAndForgetAnalyzerTests.CatchAllThatLogsTheMessageAndRethrows_NoDiagnostic, CatchAllThatLogsWithoutTheExceptionAndRethrows_Reports).
        // What it says counts only from a statement of the handler itself, which runs before any rethrow: not from a branch
        // (UnobservedFireAndForgetAnalyzerTests.TaskRunCallingHelperWithExceptionTypeToLetThrough_Reports).
        var caught = clause.Locals[0];
        foreach (var operation in clause.Handler.DescendantsInSameFunction())
        {
            if (operation is IArgumentOperation { Value: var value }
                && (value.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, caught)
                    || (IsStatementOf(operation, clause.Handler) && CarriesException(value, caught))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>ex</c>, <c>ex.Message</c>, <c>ex.ToString()</c>, or a string built with one of them (not <c>ex.GetType()</c>, a test).</summary>
    private static bool CarriesException(IOperation value, ILocalSymbol local) => value.WalkDownConversions() switch
    {
        ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, local),
        IPropertyReferenceOperation { Property.Name: "Message" or "StackTrace", Instance: { } instance } => CarriesException(instance, local),
        IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => CarriesException(instance, local),
        IInterpolatedStringOperation interpolated => interpolated.Parts.Any(part => part is IInterpolationOperation { Expression: var inserted } && CarriesException(inserted, local)),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation => CarriesException(concatenation.LeftOperand, local) || CarriesException(concatenation.RightOperand, local),

        // Log.LogWarning("Failed to upload {Filename}: {Message}", name, ex.Message): a params array of the logging call
        IArrayCreationOperation { Initializer: { } elements } => elements.ElementValues.Any(element => CarriesException(element, local)),
        _ => false,
    };

    /// <summary>The argument belongs to a statement directly in the block, not to a branch or loop within it.</summary>
    private static bool IsStatementOf(IOperation operation, IBlockOperation block)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent == block)
            {
                return true;
            }

            if (parent is IConditionalOperation or ILoopOperation or ISwitchOperation or ITryOperation or IBlockOperation)
            {
                return false;
            }
        }

        return false;
    }

    private static bool AllArgumentsPlain(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (!IsPlainValue(argument.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Plain values, member reads and strings built from them (a logging call's message and arguments).</summary>
    private static bool AllArgumentsCheap(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation or IObjectCreationOperation or IAwaitOperation or IAnonymousFunctionOperation or ISimpleAssignmentOperation
                    or ICompoundAssignmentOperation or IIncrementOrDecrementOperation)
                {
                    return false;
                }
            }
        }

        return true;
    }

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

    private static bool IsPlainValue(IOperation value) => value.ConstantValue.HasValue || value.WalkDownConversions() switch
    {
        // return Task.CompletedTask; return Task.FromResult(true);
        IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromResult" } fromResult } call
            when fromResult.ContainingType?.Name is "Task" or "ValueTask" && fromResult.ContainingType.IsInNamespace("System", "Threading", "Tasks") => AllArgumentsPlain(call),
        IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } completed }
            when completed.ContainingType?.Name is "Task" or "ValueTask" && completed.ContainingType.IsInNamespace("System", "Threading", "Tasks") => true,
        ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IDefaultValueOperation or IInstanceReferenceOperation => true,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not => IsPlainValue(not.Operand),
        IInvocationOperation { TargetMethod: { Name: "TrySetResult" or "TrySetCanceled" or "TrySetException" } trySet, Instance: { } source } call
            when trySet.ContainingType?.Name == "TaskCompletionSource" && trySet.ContainingType.IsInNamespace("System", "Threading", "Tasks")
            => IsPlainValue(source) && AllArgumentsPlain(call),

        // Thread.Sleep(interval) and logging (ILogger and its extensions swallow their own failures)
        // (UnawaitedTaskAnalyzerTests.LongRunningLoopCoveredExceptSleepAndLogging_NoDiagnostic).
        IInvocationOperation { TargetMethod: { Name: "Sleep", IsStatic: true, ContainingType.Name: "Thread" } sleep } call
            when sleep.ContainingType.IsInNamespace("System", "Threading") => AllArgumentsPlain(call),
        IInvocationOperation { TargetMethod: var log } call when log.Name.StartsWith("Log", System.StringComparison.Ordinal)
            && (log.ContainingType.IsInNamespace("Microsoft", "Extensions", "Logging") || log.ContainingType?.Name == "ILogger") => AllArgumentsCheap(call),
        IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary
            => IsPlainValue(binary.LeftOperand) && IsPlainValue(binary.RightOperand),
        _ => false,
    };

    /// <summary>A throw in the handler (a rethrow or a new exception), outside nested functions.</summary>
    public static bool ContainsThrow(IOperation handler) => ContainsThrow(handler, conditionValue: null);

    /// <summary>
    /// A throw in the handler, outside nested functions; with <paramref name="conditionValue"/>, not in the branch of an
    /// <c>if</c> that a call's arguments rule out (<c>if (exceptionToIgnore is null || ...) { log; } else throw;</c> called without
    /// an exception type) (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsHelperWhoseRethrowNeedsAnArgument_NoDiagnostic).
    /// </summary>
    private static bool ContainsThrow(IOperation operation, System.Func<IOperation, bool?>? conditionValue)
    {
        if (operation is IThrowOperation)
        {
            return true;
        }

        if (conditionValue is not null && operation is IConditionalOperation conditional && conditionValue(conditional.Condition) is { } taken)
        {
            return (taken ? conditional.WhenTrue : conditional.WhenFalse) is { } branch && ContainsThrow(branch, conditionValue);
        }

        foreach (var child in operation.ChildOperations)
        {
            if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation) && ContainsThrow(child, conditionValue))
            {
                return true;
            }
        }

        return false;
    }

    private readonly struct Context
    {
        public Context(AsyncSymbols symbols, CoverageOptions options)
        {
            Symbols = symbols;
            Options = options;
        }

        public AsyncSymbols Symbols { get; }

        public CoverageOptions Options { get; }

        public bool CancellationMayEscape => Options.CancellationMayEscape;
    }
}

/// <summary>What a caller of <see cref="CatchAllCoverage"/> knows beyond the body itself.</summary>
internal readonly struct CoverageOptions
{
    public CoverageOptions(bool cancellationMayEscape, bool observingCatchCounts, System.Func<IOperation, bool>? isHarmless, System.Func<IOperation, bool?>? conditionValue = null)
    {
        CancellationMayEscape = cancellationMayEscape;
        ObservingCatchCounts = observingCatchCounts;
        IsHarmless = isHarmless;
        ConditionValue = conditionValue;
    }

    /// <summary>A catch that lets only cancellation through still counts (an async method's canceled task raises no event).</summary>
    public bool CancellationMayEscape { get; }

    /// <summary>A catch-all that logs or forwards the exception before rethrowing counts: the exception has been seen.</summary>
    public bool ObservingCatchCounts { get; }

    /// <summary>Statements known not to throw although the body alone cannot show it (awaits of callees that cannot fault).</summary>
    public System.Func<IOperation, bool>? IsHarmless { get; }

    /// <summary>The value a condition has for the call being summarized (its arguments bind the parameters it tests), or null.</summary>
    public System.Func<IOperation, bool?>? ConditionValue { get; }
}
