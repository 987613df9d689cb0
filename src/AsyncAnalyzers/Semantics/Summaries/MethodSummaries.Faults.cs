using System.Collections.Concurrent;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about exceptions: can a task fault (and so can the work a task stands for), is a task parameter ignored.</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), Fact> _ignoresParameter = new(MethodOrdinalComparer.Instance);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), Fact> _observesParameter = new(MethodOrdinalComparer.Instance);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _canFault = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _syncThrows = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _syncThrowsUnseen = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _canFaultUnseen = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Can the task this call returns end faulted? With <paramref name="unseenOnly"/>, only an exception that no catch logged or
    /// forwarded counts (what matters for a task nobody awaits: ASYNC201, ASYNC402); without it, any exception (what matters to
    /// an async void caller: ASYNC401). No when the work is complete by construction, Task.Delay, a method that returns only
    /// completed tasks, or a body whose every statement is covered by a catch-all or only awaits callees that cannot fault; Yes
    /// for anything else, library methods and bodies this compilation does not have included.
    /// </summary>
    public Fact CanFault(IInvocationOperation call, bool unseenOnly)
    {
        var walk = new Walk(DefaultDepth);
        return Settle(CanFault(call, unseenOnly, walk), walk);
    }

    /// <summary>
    /// Whether a statement of an async body can throw: No when all it does is await work that cannot fault, with arguments
    /// whose evaluation cannot throw (<c>await SafeAsync(id);</c>, <c>var x = await SafeAsync();</c>, <c>return await SafeAsync();</c>);
    /// Unknown when the answer depended on a walk cut short.
    /// </summary>
    public Fact StatementCanFault(IOperation statement, bool unseenOnly)
    {
        var walk = new Walk(DefaultDepth);
        return Settle(Fact.From(!StatementCannotFault(statement, unseenOnly, walk)), walk);
    }

    private Fact CanFault(IInvocationOperation call, bool unseenOnly, Walk walk)
    {
        // Task.Delay(..., token) ends canceled, which an await rethrows: harmless for a task nobody awaits, not for an awaiter.
        if (_work.CannotFault(call) && (unseenOnly || !IsCancelable(call)))
        {
            return Fact.No(call);
        }

        var method = call.TargetMethod;

        // A continuation that looks at its antecedent observes its fault; so does a helper of the compilation that attaches
        // one to its task argument (task.LogExceptions()) (UnawaitedTaskAnalyzerTests.ObservingExtensionHelper_NoDiagnostic).
        if (method.Name == "ContinueWith" && _symbols.IsTaskLike(method.ContainingType) && StartedWork.ContinuationObservesAntecedent(call))
        {
            return Fact.No(call);
        }

        if (unseenOnly && ObservesTaskArgument(call) is { } observed)
        {
            return Fact.No(observed);
        }

        // Task.WhenAll(a(), b()) faults only if one of its tasks does (UnobservedFireAndForgetAnalyzerTests.WhenAllOfSafeTasks_NoDiagnostic).
        if (method is { Name: "WhenAll", IsStatic: true } && _symbols.IsTaskLike(method.ContainingType))
        {
            return WhenAllCanFault(call, unseenOnly, walk);
        }

        if (_work.IsTaskStarter(method))
        {
            foreach (var argument in call.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target.WalkDownConversions();
                }

                switch (value)
                {
                    case IAnonymousFunctionOperation lambda:
                        return LambdaCanFault(lambda, unseenOnly, walk);
                    case IMethodReferenceOperation reference:
                        return MethodCanFault(reference.Method, call, unseenOnly, walk);
                }
            }

            return Fact.Yes(call);
        }

        // Delegates and library methods run code this compilation cannot read: they can fault.
        if (method.MethodKind is MethodKind.DelegateInvoke || method.DeclaringSyntaxReferences.Length == 0 && method.MethodKind != MethodKind.LocalFunction && !HasSourceImplementations(method))
        {
            return Fact.Yes(call);
        }

        return OverAllImplementations(method, walk, (m, w) => MethodCanFault(m, call, unseenOnly, w), whenNone: Fact.Yes(call));
    }

    private Fact WhenAllCanFault(IInvocationOperation whenAll, bool unseenOnly, Walk walk)
    {
        var any = false;
        foreach (var argument in whenAll.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            var elements = value switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                _ when value.IsImplicit && value.Kind != OperationKind.ArrayCreation => System.Collections.Immutable.ImmutableArray.CreateRange(value.ChildOperations),
                _ => System.Collections.Immutable.ImmutableArray.Create(value),
            };

            foreach (var element in elements)
            {
                if (_work.FreshTask(element) is not { } task || !CanFault(task, unseenOnly, walk).IsNo)
                {
                    return Fact.Yes(element);
                }

                any = true;
            }
        }

        return any ? Fact.No(whenAll) : Fact.Yes(whenAll);
    }

    /// <summary>
    /// The task argument of a helper in this compilation that attaches a continuation observing it (<c>task.ContinueWith(t =&gt;
    /// Log(t.Exception), OnlyOnFaulted)</c>): the helper's result is that task or its observer, so a fault is seen. Null otherwise.
    /// </summary>
    private IOperation? ObservesTaskArgument(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && _symbols.IsTaskLike(parameter.Type)
                && ObservesParameter(call.TargetMethod, parameter, call).IsYes)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The method's body calls <c>ContinueWith</c> on the parameter with a continuation that observes the antecedent.</summary>
    public Fact ObservesParameter(IMethodSymbol method, IParameterSymbol parameter, IOperation use)
    {
        method = method.BodyPart();
        var ordinal = parameter.Ordinal;
        if (ordinal >= method.Parameters.Length || method.DeclaringSyntaxReferences.Length == 0)
        {
            return Fact.Unknown;
        }

        var key = (method, ordinal);
        if (_observesParameter.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_bodies.BodyOf(method, use) is not { } body)
        {
            return Fact.Unknown;
        }

        var declared = body.Method.Parameters[ordinal];
        var fact = Fact.No(body.Block);
        foreach (var operation in body.Block.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ContinueWith", Instance: { } instance } continuation
                && instance.WalkDownConversions() is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, declared)
                && StartedWork.ContinuationObservesAntecedent(continuation))
            {
                fact = Fact.Yes(continuation);
                break;
            }
        }

        return _observesParameter.GetOrAdd(key, fact);
    }

    private bool IsCancelable(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, _symbols.CancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasSourceImplementations(IMethodSymbol method) =>
        method.ContainingType?.TypeKind == TypeKind.Interface && method.ContainingAssembly is { } assembly
        && SymbolEqualityComparer.Default.Equals(assembly, _symbols.Compilation.Assembly);

    private Fact LambdaCanFault(IAnonymousFunctionOperation lambda, bool unseenOnly, Walk walk)
    {

        if (lambda.Symbol.IsAsync)
        {
            return IsAsyncBodyCovered(lambda.Body, unseenOnly, walk);
        }

        // Task.Run(() => SafeAsync()): the lambda only hands over a task whose own work cannot fault.
        if (lambda.Body.Operations.Length == 1
            && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
            && _work.FreshTask(returned) is { } inner)
        {
            return CanFault(inner, unseenOnly, walk);
        }

        // A synchronous delegate run on the thread pool faults with whatever its body throws, cancellation included
        // (UnobservedFireAndForgetAnalyzerTests.CatchAllButCancellationInSyncTaskRunLambda_Reports).
        return Covered(lambda.Body, unseenOnly, walk, cancellationMayEscape: false);
    }

    private Fact MethodCanFault(IMethodSymbol method, IOperation use, bool unseenOnly, Walk walk) =>
        Summarize(unseenOnly ? _canFaultUnseen : _canFault, method, use, walk, (self, body, innerWalk) => self.BodyCanFault(body, unseenOnly, innerWalk), unreadable: Fact.Yes());

    private Fact BodyCanFault(MethodBody body, bool unseenOnly, Walk walk)
    {
        if (body.Method.IsAsync)
        {
            return IsAsyncBodyCovered(body.Block, unseenOnly, walk);
        }

        // A synchronous method run as Task.Run's delegate faults the task with whatever its body throws
        // (UnobservedFireAndForgetAnalyzerTests.TaskRunMethodGroupIsCatchAll_NoDiagnostic).
        if (!_symbols.IsTaskLike(body.Method.ReturnType))
        {
            return Covered(body.Block, unseenOnly, walk, cancellationMayEscape: false);
        }

        // Not async: exceptions are thrown at the call, not stored in the task. The task faults only if a returned task does.
        var returnsAny = false;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is not IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned })
            {
                continue;
            }

            returnsAny = true;
            var value = returned.WalkDownConversions();
            if (CompletedTasks.IsCompletedSuccessfullyByConstruction(value, _symbols))
            {
                continue;
            }

            if (_work.FreshTask(value) is { } inner && CanFault(inner, unseenOnly, walk) is { IsNo: true })
            {
                continue;
            }

            return Fact.Yes(operation);
        }

        return returnsAny ? Fact.No(body.Block) : Fact.Yes(body.Block);
    }

    private Fact IsAsyncBodyCovered(IBlockOperation block, bool unseenOnly, Walk walk) => Covered(block, unseenOnly, walk, cancellationMayEscape: null);

    /// <summary>
    /// Yes (can fault) when a statement that binds is left uncovered; No when every statement is covered or harmless; Unknown when
    /// that held only because statements that do not bind (a missing reference, code being typed) were given the benefit of
    /// the doubt (UnobservedFireAndForgetAnalyzerTests.CalleeWithUnresolvedCode_NoDiagnostic, CalleeWithUnresolvedCodeAndUncoveredWork_Reports).
    /// </summary>
    private Fact Covered(IBlockOperation block, bool unseenOnly, Walk walk, bool? cancellationMayEscape)
    {
        var unresolved = false;
        var options = new CoverageOptions(cancellationMayEscape ?? unseenOnly, observingCatchCounts: unseenOnly, isHarmless: statement =>
        {
            if (HasErrors(statement))
            {
                unresolved = true;
                return true;
            }

            return StatementCannotFault(statement, unseenOnly, walk);
        });

        if (!CatchAllCoverage.IsCovered(block, allowSynchronousPrologue: false, _symbols, options))
        {
            return Fact.Yes(block);
        }

        if (unresolved)
        {
            walk.CutShort = true;
            return Fact.Unknown;
        }

        return Fact.No(block);
    }

    private bool StatementCannotFault(IOperation statement, bool unseenOnly, Walk walk)
    {
        var value = statement switch
        {
            IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation, Value: var assigned } } => assigned,
            IExpressionStatementOperation expression => expression.Operation,
            IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1
                && group.Declarations[0].Declarators[0].Initializer is { } initializer => initializer.Value,
            IReturnOperation { ReturnedValue: { } returned } => returned,
            _ => null,
        };

        // A call to a synchronous method of the compilation whose whole body is covered by a catch-all cannot throw
        // (UnobservedFireAndForgetAnalyzerTests.CalleeReturnsAwaitedTaskRunOfCoveredMethod_NoDiagnostic).
        if (value?.WalkDownConversions() is IInvocationOperation syncCall && !_symbols.IsAwaitable(syncCall.Type))
        {
            return HasPlainInputs(syncCall) && SyncCallCannotThrow(syncCall, unseenOnly, walk);
        }

        if (value?.WalkDownConversions() is not IAwaitOperation awaited
            || awaited.Operation.UnwrapConfigureAwait() is not IInvocationOperation call)
        {
            return false;
        }

        // await Task.Yield() only reschedules.
        if (call.TargetMethod is { Name: "Yield", IsStatic: true } && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _symbols.Task))
        {
            return true;
        }

        if (!_symbols.IsTaskLike(call.Type))
        {
            return false;
        }

        // Task.Delay throws only on cancellation, which leaves an async method's task canceled, not faulted.
        if (unseenOnly && _work.CannotFault(call))
        {
            return true;
        }

        // The awaited task must not fault, and a method that is not async must not throw before it returns the task (the throw
        // would fault the awaiting body just the same) (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsSynchronousCalleeThatThrowsFirst_Reports).
        return HasPlainInputs(call) && CanFault(call, unseenOnly, walk).IsNo
            && (call.TargetMethod.IsAsync || _work.IsTaskStarter(call.TargetMethod) || call.TargetMethod.DeclaringSyntaxReferences.Length == 0 && !HasSourceImplementations(call.TargetMethod)
                || SyncCallCannotThrow(call, unseenOnly, walk));
    }

    /// <summary>
    /// A synchronous method (or a task-returning one that is not async) of the compilation whose whole body is covered by a
    /// catch-all, or only returns completed tasks: calling it throws nothing. Over every implementation for an interface or
    /// virtual method; No (it can throw) for a method without a body here.
    /// </summary>
    private bool SyncCallCannotThrow(IInvocationOperation call, bool unseenOnly, Walk walk)
    {
        var method = call.TargetMethod;
        if (method.DeclaringSyntaxReferences.Length == 0 && method.MethodKind != MethodKind.LocalFunction && !HasSourceImplementations(method))
        {
            return false;
        }

        var cache = unseenOnly ? _syncThrowsUnseen : _syncThrows;
        return OverAllImplementations(method, walk, (m, w) => Summarize(cache, m, call, w, (self, body, innerWalk) =>
            self.Covered(body.Block, unseenOnly, innerWalk, cancellationMayEscape: false),
            unreadable: Fact.Yes()), whenNone: Fact.Yes()).IsNo;
    }

    /// <summary>The receiver and arguments are values whose evaluation cannot throw: variables, fields, constants, delegates.</summary>
    private static bool HasPlainInputs(IInvocationOperation call)
    {
        if (call.Instance is { } instance && !IsPlainInput(instance))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsPlainInput(argument.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainInput(IOperation value) => value.ConstantValue.HasValue || value.WalkDownConversions() switch
    {
        ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IDefaultValueOperation
            or ITypeOfOperation or INameOfOperation or IAnonymousFunctionOperation or IDelegateCreationOperation or IMethodReferenceOperation => true,
        IFieldReferenceOperation { Instance: null } => true,
        IFieldReferenceOperation { Instance: { } receiver } => IsPlainInput(receiver),
        IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null } => true,
        IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } receiver } => IsPlainInput(receiver),
        _ => false,
    };

    /// <summary>
    /// Whether a method of the compilation never uses its task parameter except to discard it (<c>_ = task;</c>): a "forget"
    /// helper that hides a task from everyone. Unknown for methods without a body here (a library helper may well observe it).
    /// </summary>
    public Fact IgnoresParameter(IMethodSymbol method, IParameterSymbol parameter, IOperation use)
    {
        method = method.BodyPart();

        // Operations present extension calls unreduced, so the parameter's ordinal indexes the declaration's parameter list.
        var ordinal = parameter.Ordinal;
        if (ordinal >= method.Parameters.Length)
        {
            return Fact.Unknown;
        }

        var key = (method, ordinal);
        if (_ignoresParameter.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_bodies.BodyOf(method, use) is not { } body)
        {
            return Fact.Unknown;
        }

        var declared = body.Method.Parameters[ordinal];
        var fact = Fact.Yes(body.Block);
        foreach (var operation in body.Block.Descendants())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, declared)
                && !IsDiscarded(reference))
            {
                fact = Fact.No(reference);
                break;
            }
        }

        return _ignoresParameter.GetOrAdd(key, fact);
    }

    private static bool IsDiscarded(IOperation reference)
    {
        var value = reference.WalkUpConversions();
        return value.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Value == value;
    }
}
