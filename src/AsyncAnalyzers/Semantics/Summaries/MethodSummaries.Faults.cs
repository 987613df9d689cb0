using System.Collections.Concurrent;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
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

        // while (await timer.WaitForNextTickAsync()): false once disposed, never faulted; canceled only through a token
        // (UnobservedFireAndForgetAnalyzerTests.PeriodicTimerLoopWithCoveredBody_NoDiagnostic).
        if (KnownApis.NeverFaults(method) && (unseenOnly || !IsCancelable(call)))
        {
            return Fact.No(call);
        }

        // A continuation that looks at its antecedent observes its fault; so does a helper of the compilation that attaches
        // one to its task argument (task.LogExceptions()) (UnawaitedTaskAnalyzerTests.ObservingExtensionHelper_NoDiagnostic).
        if (method.Name == "ContinueWith" && _symbols.IsTaskLike(method.ContainingType))
        {
            return StartedWork.ContinuationObservesAntecedent(call) ? Fact.No(call) : ContinuationCanFault(call, unseenOnly, walk);
        }

        // task.Unwrap() faults when the outer or the inner task does: the outer is a continuation whose delegate hands back the inner
        // (UnobservedFireAndForgetAnalyzerTests.DebouncedContinuationOfCoveredMethod_NoDiagnostic).
        if (method is { Name: "Unwrap", IsStatic: true, ContainingType.Name: "TaskExtensions" } && call.Arguments.Length == 1
            && method.ContainingType.IsInNamespace("System", "Threading", "Tasks"))
        {
            return _work.FreshTask(call.Arguments[0].Value) is { } wrapped ? CanFault(wrapped, unseenOnly, walk) : Fact.Yes(call);
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
            return DelegateArgumentCanFault(call, unseenOnly, walk);
        }

        // Delegates and library methods run code this compilation cannot read: they can fault.
        if (method.MethodKind is MethodKind.DelegateInvoke || method.DeclaringSyntaxReferences.Length == 0 && method.MethodKind != MethodKind.LocalFunction && !HasSourceImplementations(method))
        {
            return Fact.Yes(call);
        }

        var fact = OverAllImplementations(method, walk, (m, w) => MethodCanFault(m, call, unseenOnly, w), whenNone: Fact.Yes(call));
        return UnderBindings(call, walk, fact, (self, body, bindings, w) => self.BodyCanFault(body, unseenOnly, w, bindings));
    }

    /// <summary>
    /// A callee that can fault in general may not for this call: its rethrow is guarded by a parameter the call binds to null or
    /// false (<c>IgnoreExceptions(work, logger)</c> without an exception type to let through), or it awaits a delegate parameter
    /// whose lambda here cannot fault. The callee's body read again under the call's bindings (not cached: it holds for this
    /// call only); <paramref name="fact"/> unchanged when it was not Yes, the callee may be overridden, or the call binds nothing.
    /// </summary>
    private Fact UnderBindings(IInvocationOperation call, Walk walk, Fact fact, System.Func<MethodSummaries, MethodBody, CallBindings, Walk, Fact> compute)
    {
        var method = call.TargetMethod.BodyPart();
        if (!fact.IsYes || IsOverridable(method) || method.MethodKind == MethodKind.DelegateInvoke || walk.Remaining == 0 || walk.Active.Contains(method)
            || _bodies.BodyOf(method, call) is not { } body || CallBindings.Of(call, body.Method) is not { } bindings)
        {
            return fact;
        }

        // Only a No replaces the general Yes: a second look cut short (or unsure) must not turn a finding into silence
        // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsDispatcherHelperThatLetsMostExceptionsThrough_Reports).
        var outerCutShort = walk.CutShort;
        walk.CutShort = false;
        walk.Active.Add(method);
        walk.Remaining--;
        try
        {
            var bound = compute(this, body, bindings, walk);
            if (bound.IsNo)
            {
                return bound;
            }

            return fact;
        }
        finally
        {
            walk.Remaining++;
            walk.Active.Remove(method);
            walk.CutShort = outerCutShort;
        }
    }

    /// <summary>
    /// A continuation that does not look at its antecedent: its task faults when its delegate throws, and a fresh antecedent's
    /// fault is lost with it. Canceled by its token or its <c>OnlyOn</c>/<c>NotOn</c> options is no fault for a task nobody awaits
    /// (UnobservedFireAndForgetAnalyzerTests.ContinuationThatOnlyDisposesTheSource_NoDiagnostic, ContinuationThatCallsUnsafeWork_Reports).
    /// </summary>
    private Fact ContinuationCanFault(IInvocationOperation call, bool unseenOnly, Walk walk)
    {
        if (!unseenOnly && (IsCancelable(call) || HasCancelingOptions(call)))
        {
            return Fact.Yes(call);
        }

        if (call.Instance is { } antecedent && _work.FreshTask(antecedent) is { } fresh && CanFault(fresh, unseenOnly, walk) is { IsNo: false } antecedentFact)
        {
            return antecedentFact;
        }

        return DelegateArgumentCanFault(call, unseenOnly, walk);
    }

    /// <summary>
    /// Whether the work handed to a task starter or a continuation can fault: its first delegate argument (a lambda or a method
    /// group) decides; without one the work is unknown and can fault.
    /// </summary>
    private Fact DelegateArgumentCanFault(IInvocationOperation call, bool unseenOnly, Walk walk)
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

    private static bool HasCancelingOptions(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: int options } && argument.Parameter?.Type.TypeKind == TypeKind.Enum
                && (options & (ContinuationOptions.NotOnRanToCompletion | ContinuationOptions.NotOnFaulted | ContinuationOptions.NotOnCanceled)) != 0)
            {
                return true;
            }
        }

        return false;
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

                // Task.WhenAll(tasks) of a local list this body fills with Add: the tasks it was given
                // (UnobservedFireAndForgetAnalyzerTests.CalleeWhenAllOfLocalListOfCoveredCalls_NoDiagnostic).
                _ when !_symbols.IsTaskLike(value.Type) && _work.ElementsOfLocalTaskList(value) is { Count: > 0 } listed => System.Collections.Immutable.ImmutableArray.CreateRange(listed),
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

    private Fact BodyCanFault(MethodBody body, bool unseenOnly, Walk walk, CallBindings? bindings = null)
    {
        if (body.Method.IsAsync)
        {
            return Covered(body.Block, unseenOnly, walk, cancellationMayEscape: null, bindings);
        }

        // A synchronous method run as Task.Run's delegate faults the task with whatever its body throws
        // (UnobservedFireAndForgetAnalyzerTests.TaskRunMethodGroupIsCatchAll_NoDiagnostic).
        if (!_symbols.IsTaskLike(body.Method.ReturnType))
        {
            return Covered(body.Block, unseenOnly, walk, cancellationMayEscape: false, bindings);
        }

        // Not async: exceptions are thrown at the call, not stored in the task. The task faults only if a returned task does.
        var returnsAny = false;
        var unresolved = false;
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

            // return tcs.Task, where the local source only ever gets SetResult (a thread's body that catches everything and
            // completes with a default) (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsSourceThatOnlySucceeds_NoDiagnostic).
            if (CompletionSources.OnlySucceeds(value, body.Block, unseenOnly ? KeptWithoutUnseenFaults : KeptByTypeWhoseSourcesOnlySucceed))
            {
                continue;
            }

            // return callback(item), the callback a lambda of the call being summarized
            // (UnawaitedTaskAnalyzerTests.ForEachObserverWhoseImplementationsCannotFault_NoDiagnostic).
            if (value is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke && bindings?.ValueOf(invoke.Instance) is { } bound
                && HasPlainInputs(invoke) && BoundDelegateCannotFault(bound, unseenOnly, walk))
            {
                continue;
            }

            if (_work.FreshTask(value) is { } inner && CanFault(inner, unseenOnly, walk) is { IsNo: true })
            {
                continue;
            }

            // A returned task that does not bind (a base type from a missing reference) is unknown work: the benefit of the doubt,
            // as for an async body (UnawaitedTaskAnalyzerTests.CalleeReturningUnresolvedCall_NoDiagnostic); but work we can read
            // that it is handed, a lambda that can fault, still counts
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeReturningUnresolvedDispatchOfUnsafeLambda_Reports).
            if (value is IInvalidOperation || value.Type is { TypeKind: TypeKind.Error })
            {
                if (HandsOverLambdaThatCanFault(value, unseenOnly, walk) is { } handedOver)
                {
                    return handedOver;
                }

                unresolved = true;
                continue;
            }

            return Fact.Yes(operation);
        }

        if (returnsAny && unresolved)
        {
            walk.CutShort = true;
            return Fact.Unknown;
        }

        return returnsAny ? Fact.No(body.Block) : Fact.Yes(body.Block);
    }

    private Fact IsAsyncBodyCovered(IBlockOperation block, bool unseenOnly, Walk walk) => Covered(block, unseenOnly, walk, cancellationMayEscape: null);

    /// <summary>A lambda among the arguments of a call that can fault (Yes), or null.</summary>
    private Fact? HandsOverLambdaThatCanFault(IOperation call, bool unseenOnly, Walk walk)
    {
        foreach (var child in call.ChildOperations)
        {
            var value = child is IArgumentOperation argument ? argument.Value : child;
            value = value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target.WalkDownConversions();
            }

            if (value is IAnonymousFunctionOperation lambda && LambdaCanFault(lambda, unseenOnly, walk) is { IsYes: true } fact)
            {
                return fact;
            }
        }

        return null;
    }

    /// <summary>
    /// A delegate a call passes to its callee, awaited or returned there: an async lambda whose body cannot fault, a lambda that
    /// hands back a call that cannot fault or throw (<c>x =&gt; x.ConditionUpdated()</c>), or an async method group that cannot fault.
    /// </summary>
    private bool BoundDelegateCannotFault(IOperation bound, bool unseenOnly, Walk walk) => bound switch
    {
        IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda => LambdaCanFault(lambda, unseenOnly, walk).IsNo,
        IAnonymousFunctionOperation { Body.Operations.Length: 1 } lambda when lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
            && _work.FreshTask(returned) is { } inner => AwaitedCallCannotFault(inner, unseenOnly, walk),
        IMethodReferenceOperation { Method.IsAsync: true } reference => MethodCanFault(reference.Method, reference, unseenOnly, walk).IsNo,
        _ => false,
    };

    /// <summary>
    /// Yes (can fault) when a statement that binds is left uncovered; No when every statement is covered or harmless; Unknown when
    /// that held only because statements that do not bind (a missing reference, code being typed) were given the benefit of
    /// the doubt (UnobservedFireAndForgetAnalyzerTests.CalleeWithUnresolvedCode_NoDiagnostic, CalleeWithUnresolvedCodeAndUncoveredWork_Reports).
    /// </summary>
    private Fact Covered(IBlockOperation block, bool unseenOnly, Walk walk, bool? cancellationMayEscape, CallBindings? bindings = null)
    {
        var unresolved = false;
        var cancellationIsNoFault = cancellationMayEscape ?? unseenOnly;
        var options = new CoverageOptions(cancellationIsNoFault, observingCatchCounts: unseenOnly, isHarmless: statement =>
        {
            if (HasErrors(statement))
            {
                unresolved = true;
                return true;
            }

            return StatementCannotFault(statement, unseenOnly, walk, cancellationIsNoFault, bindings);
        }, conditionValue: bindings is null ? null : bindings.Evaluate);

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

    private bool StatementCannotFault(IOperation statement, bool unseenOnly, Walk walk, bool cancellationIsNoFault = false, CallBindings? bindings = null)
    {
        var value = statement switch
        {
            IAwaitOperation or IThrowOperation => statement,
            IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation, Value: var assigned } } => assigned,

            // Icon = await LoadAsync(): storing into a field or an auto-property runs nothing that can throw
            // (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsSourceThatOnlySucceeds_NoDiagnostic).
            IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Value: IAwaitOperation awaitedValue } assignment }
                when CatchAllCoverage.IsPlainTarget(assignment.Target) => awaitedValue,
            IExpressionStatementOperation expression => expression.Operation,
            IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1
                && group.Declarations[0].Declarators[0].Initializer is { } initializer => initializer.Value,
            IReturnOperation { ReturnedValue: { } returned } => returned,
            _ => null,
        };

        value = value?.WalkDownConversions();

        // token.ThrowIfCancellationRequested() and throw new OperationCanceledException() end an async method canceled, which
        // no one needs to observe (UnobservedFireAndForgetAnalyzerTests.TaskRunLambdaThatChecksCancellation_NoDiagnostic).
        if (cancellationIsNoFault && value is not null && IsCancellation(value))
        {
            return true;
        }

        // var delay = attempt switch { 0 => TimeSpan.FromMinutes(1), _ => TimeSpan.FromMinutes(30) };
        // (UnobservedFireAndForgetAnalyzerTests.TaskRunRetryLoopWithComputedDelay_NoDiagnostic)
        if (value is not null && statement is IVariableDeclarationGroupOperation && IsConstantComputation(value))
        {
            return true;
        }

        switch (value)
        {
            // tasks.Add(JoinAsync(room)): the async callee puts its exceptions in the task it hands to the list, whose await decides
            // (UnobservedFireAndForgetAnalyzerTests.CalleeCollectingTasksAwaitedInsideCatchAll_NoDiagnostic).
            case IInvocationOperation { Arguments.Length: 1 } addition when HasPlainInputs(addition.Instance)
                && addition.Arguments[0].Value.WalkDownConversions() is IInvocationOperation started && IsAsyncTaskHandedToCollection(started) && HasPlainInputs(started):
                return true;

            // A call to a synchronous method of the compilation whose whole body is covered by a catch-all cannot throw
            // (UnobservedFireAndForgetAnalyzerTests.CalleeReturnsAwaitedTaskRunOfCoveredMethod_NoDiagnostic); nor can a framework
            // call known not to (cts.Dispose(), starting a new thread) (UnobservedFireAndForgetAnalyzerTests.ContinuationThatOnlyDisposesTheSource_NoDiagnostic).
            case IInvocationOperation syncCall when !_symbols.IsAwaitable(syncCall.Type):
                return HasPlainInputs(syncCall) && (KnownApis.CannotThrow(syncCall.TargetMethod) || SyncCallCannotThrow(syncCall, unseenOnly, walk, bindings));
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return KnownApis.CannotThrow(constructor) && AllPlain(creation.Arguments);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.SetMethod: { } setter } property, Value: var assigned }:
                return KnownApis.CannotThrow(setter) && (property.Instance is null || IsPlainInput(property.Instance)) && IsPlainInput(assigned);

            // return tcs.Task;
            case IPropertyReferenceOperation { Property.Name: "Task", Instance: { } source } when statement is IReturnOperation:
                return source.Type is INamedTypeSymbol { Name: "TaskCompletionSource" } sourceType && sourceType.IsInNamespace("System", "Threading", "Tasks") && IsPlainInput(source);
        }

        // await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing) of a task in hand
        // (UnobservedFireAndForgetAnalyzerTests.HelperAwaitingItsTaskSuppressingThrowing_NoDiagnostic).
        if (value is IAwaitOperation { Operation: var suppressing } && suppressing.SuppressesThrowing()
            && suppressing.UnwrapConfigureAwait() is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
        {
            return true;
        }

        if (value is not IAwaitOperation awaited
            || awaited.Operation.UnwrapConfigureAwait() is not IInvocationOperation call)
        {
            return false;
        }

        // await callback(item), the callback a lambda of the call being summarized
        // (UnawaitedTaskAnalyzerTests.ForEachObserverWhoseImplementationsCannotFault_NoDiagnostic).
        if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && bindings?.ValueOf(call.Instance) is { } bound)
        {
            return HasPlainInputs(call) && BoundDelegateCannotFault(bound, unseenOnly, walk);
        }

        return AwaitedCallCannotFault(call, unseenOnly, walk);
    }

    /// <summary>
    /// A value computed from plain inputs without running code that can throw: <c>TimeSpan.FromSeconds(30)</c> of a small
    /// constant, and a switch expression over a plain value with a discard arm whose arms are such values.
    /// </summary>
    private static bool IsConstantComputation(IOperation value) => IsPlainInput(value) || value.WalkDownConversions() switch
    {
        IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromMilliseconds" or "FromSeconds" or "FromMinutes" or "FromHours" or "FromDays", ContainingType: { Name: "TimeSpan" } timeSpan }, Arguments.Length: 1 } fromUnits
            when timeSpan.IsInNamespace("System") => fromUnits.Arguments[0].Value.ConstantValue is { HasValue: true, Value: var amount } && amount is System.IConvertible convertible
                && System.Math.Abs(convertible.ToDouble(System.Globalization.CultureInfo.InvariantCulture)) < 1e6,
        ISwitchExpressionOperation { Value: var subject } switchExpression => IsPlainInput(subject) && SwitchArmsAreConstantComputations(switchExpression),
        _ => false,
    };

    private static bool SwitchArmsAreConstantComputations(ISwitchExpressionOperation switchExpression)
    {
        var exhaustive = false;
        foreach (var arm in switchExpression.Arms)
        {
            if ((arm.Guard is not null && !IsPlainInput(arm.Guard)) || !IsConstantComputation(arm.Value))
            {
                return false;
            }

            exhaustive |= arm.Guard is null && arm.Pattern is IDiscardPatternOperation;
        }

        return exhaustive;
    }

    /// <summary><c>token.ThrowIfCancellationRequested()</c>, or <c>throw new OperationCanceledException(...)</c> (or a derived type) with plain arguments.</summary>
    private bool IsCancellation(IOperation value) => value switch
    {
        IInvocationOperation { TargetMethod.Name: "ThrowIfCancellationRequested", Instance: { } token } call =>
            SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _symbols.CancellationToken) && IsPlainInput(token),
        IThrowOperation { Exception: { } thrown } => thrown.WalkDownConversions() is IObjectCreationOperation { Type: { } type } creation
            && _symbols.OperationCanceledException is { } cancellation && type.InheritsFromOrEquals(cancellation) && AllPlain(creation.Arguments),
        _ => false,
    };

    private static bool AllPlain(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsPlainInput(argument.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An awaited call whose task cannot fault and which, when not async, cannot throw before it returns the task.</summary>
    private bool AwaitedCallCannotFault(IInvocationOperation call, bool unseenOnly, Walk walk)
    {
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
    private bool SyncCallCannotThrow(IInvocationOperation call, bool unseenOnly, Walk walk, CallBindings? callerBindings = null)
    {
        var method = call.TargetMethod;

        // callback(item) inside a callee read under its call's bindings: the lambda given for it (a synchronous one: its body).
        if (method.MethodKind == MethodKind.DelegateInvoke && callerBindings?.ValueOf(call.Instance) is IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda)
        {
            return Covered(lambda.Body, unseenOnly, walk, cancellationMayEscape: false).IsNo;
        }

        if (method.DeclaringSyntaxReferences.Length == 0 && method.MethodKind != MethodKind.LocalFunction && !HasSourceImplementations(method))
        {
            return false;
        }

        var cache = unseenOnly ? _syncThrowsUnseen : _syncThrows;
        var fact = OverAllImplementations(method, walk, (m, w) => Summarize(cache, m, call, w, (self, body, innerWalk) =>
            self.Covered(body.Block, unseenOnly, innerWalk, cancellationMayEscape: false),
            unreadable: Fact.Yes()), whenNone: Fact.Yes());

        // SafetyExtensions.IgnoreExceptions(DeleteCopy, logger): the rethrow needs an exception type this call does not pass
        // (UnobservedFireAndForgetAnalyzerTests.TaskRunCallingHelperWhoseRethrowNeedsAnArgument_NoDiagnostic).
        return UnderBindings(call, walk, fact, (self, body, bindings, w) => self.Covered(body.Block, unseenOnly, w, cancellationMayEscape: false, bindings)).IsNo;
    }

    /// <summary>No receiver, or one whose evaluation cannot throw.</summary>
    private static bool HasPlainInputs(IOperation? instance) => instance is null || IsPlainInput(instance);

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
