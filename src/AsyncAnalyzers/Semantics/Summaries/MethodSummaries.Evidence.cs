using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// Evidence of a fault: the other half of <see cref="CanFault(IInvocationOperation, bool)"/>. That fact proves work safe (a
/// catch-all, completed tasks) and answers Yes for everything it cannot prove; this one looks, in the code left uncovered, for
/// something that really fails in practice: an explicit <c>throw</c>, a library call that does I/O or awaits library work, a
/// parse, an unchecked downcast or unboxing, a dictionary read, <c>First()</c>/<c>Single()</c>/<c>Last()</c>, an awaited abstraction
/// with no implementation here. Property sets, in-memory collections, string work, logging and Win32 calls that report failure
/// through a return code are no evidence. The rules that report a lost exception (ASYNC201, ASYNC401, ASYNC402) need both: the
/// proof failed and there is evidence, so a handler whose remaining work is in-memory bookkeeping is not reported.
/// </summary>
internal sealed partial class MethodSummaries
{
    /// <summary>How many calls deep the evidence walk follows: a handler's callee, its helpers and theirs.</summary>
    private const int EvidenceDepth = 5;

    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), Fact> _showsFault = new(MethodOrdinalComparer.Instance);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), Fact> _showsFaultUnseen = new(MethodOrdinalComparer.Instance);
    private readonly ConcurrentDictionary<IMethodSymbol, System.Collections.Immutable.ImmutableHashSet<int>> _branchingParameters = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _runsParameter = new(MethodOrdinalComparer.Instance);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _runsParameterUnseen = new(MethodOrdinalComparer.Instance);

    /// <summary>
    /// Yes when the uncovered code of an async body (a handler, a lambda) holds evidence of a fault; No otherwise (a walk cut short
    /// finds nothing: no evidence is no report).
    /// </summary>
    /// <remarks>
    /// The statements before the first await run before the handler returns to whoever raised the event, as the coverage check
    /// allows them to: what they throw is not the exception ASYNC401 speaks of
    /// (UnguardedAsyncVoidHandlerAnalyzerTests.CastOfSenderBeforeFirstAwait_NoDiagnostic).
    /// </remarks>
    public Fact BodyShowsFault(IBlockOperation body, bool unseenOnly)
    {
        var resumed = false;
        return ShowsFaultOnceResumed(body, unseenOnly, ref resumed, new Walk(EvidenceDepth));
    }

    /// <summary>
    /// Yes when any uncovered code of an async body holds evidence of a fault, the statements before its first await included:
    /// for a lambda kept as a void delegate (a command), whose whole body runs when whoever holds it invokes it
    /// (AsyncLambdaToVoidDelegateAnalyzerTests.KeptLambdaThatOpensAFileBeforeItsAwait_Reports).
    /// </summary>
    public Fact WholeBodyShowsFault(IBlockOperation body, bool unseenOnly) =>
        UncoveredShowsFault(body, unseenOnly, asyncBody: true, new Walk(EvidenceDepth));

    /// <summary>
    /// Evidence in the code that runs once the body has resumed: statements before the first await are skipped, also inside the
    /// blocks and branches that hold it (<c>if (item != null) { item.Tags = tags; await RefreshAsync(); }</c>); after a branch
    /// that awaits, everything counts.
    /// </summary>
    private Fact ShowsFaultOnceResumed(IOperation statement, bool unseenOnly, ref bool resumed, Walk walk)
    {
        if (resumed)
        {
            return statement is ILocalFunctionOperation ? Fact.No(statement) : UncoveredShowsFault(statement, unseenOnly, asyncBody: true, walk);
        }

        if (!AwaitPoints.HasRealAwait(statement, _symbols))
        {
            return Fact.No(statement);
        }

        switch (statement)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (ShowsFaultOnceResumed(inner, unseenOnly, ref resumed, walk) is { IsYes: true } fact)
                    {
                        return fact;
                    }
                }

                return Fact.No(statement);

            case IConditionalOperation { WhenTrue: var whenTrue, WhenFalse: var whenFalse } conditional
                when conditional.Type is null or { SpecialType: SpecialType.System_Void } && !AwaitPoints.HasRealAwait(conditional.Condition, _symbols):
                var resumedWhenTrue = false;
                if (ShowsFaultOnceResumed(whenTrue, unseenOnly, ref resumedWhenTrue, walk) is { IsYes: true } trueFact)
                {
                    return trueFact;
                }

                var resumedWhenFalse = false;
                if (whenFalse is not null && ShowsFaultOnceResumed(whenFalse, unseenOnly, ref resumedWhenFalse, walk) is { IsYes: true } falseFact)
                {
                    return falseFact;
                }

                resumed = true;
                return Fact.No(statement);

            // switch (e.Action) { case Remove: var item = e.OldItems[0]; ...; await RemoveAsync(item); break; }: each section is a
            // branch of its own (UnguardedAsyncVoidHandlerAnalyzerTests.SwitchSectionPrologueBeforeAwait_NoDiagnostic).
            case ISwitchOperation { Value: var switched } switchOperation when !AwaitPoints.HasRealAwait(switched, _symbols):
                foreach (var section in switchOperation.Cases)
                {
                    var resumedInSection = false;
                    foreach (var inner in section.Body)
                    {
                        if (ShowsFaultOnceResumed(inner, unseenOnly, ref resumedInSection, walk) is { IsYes: true } sectionFact)
                        {
                            return sectionFact;
                        }
                    }
                }

                resumed = true;
                return Fact.No(statement);

            default:
                resumed = true;
                return UncoveredShowsFault(statement, unseenOnly, asyncBody: true, walk);
        }
    }

    /// <summary>Yes when the task a call returns has evidence of a fault: the work it starts, awaits or runs shows one.</summary>
    public Fact TaskShowsFault(IInvocationOperation call, bool unseenOnly)
    {
        // work() of a delegate parameter: the caller's work, unknown here (UnawaitedTaskAnalyzerTests.DelegateInvocationInSyncMethod_Reports);
        // handler() of a delegate member of the compilation: what the compilation puts in it
        // (UnawaitedTaskAnalyzerTests.InvokingEachHandlerOfEventSubscribedWithFileWrite_Reports).
        if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && _symbols.IsAwaitable(call.Type))
        {
            return DelegateValues(DelegateReceiver(call), call) is { } values
                ? DelegateValuesShowFault(values, call, unseenOnly, new Walk(EvidenceDepth))
                : Fact.Yes(call);
        }

        return CallShowsFault(call, unseenOnly, new Walk(EvidenceDepth), returnedOnly: true);
    }

    /// <summary>
    /// Evidence that the task a method hands back faults: the evidence of its body (<see cref="MethodShowsFault"/>), and for a body
    /// that is not async, also evidence in the tasks it returns (a call's own evidence; anything else, a source's task or a field,
    /// is taken as able to fault and left to the rule's other question).
    /// </summary>
    private Fact ReturnedTasksShowFault(IMethodSymbol method, IInvocationOperation use, bool unseenOnly, Walk walk)
    {
        var whole = MethodShowsFault(method, use, unseenOnly, walk);
        var part = method.BodyPart();
        if (!whole.IsYes || part.IsAsync || _bodies.BodyOf(part, use) is not { } body)
        {
            return whole;
        }

        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned } && ReturnedValueShowsFault(returned, unseenOnly, walk) is { IsYes: true } fact)
            {
                return fact;
            }
        }

        return Fact.No(use);
    }

    private Fact ReturnedValueShowsFault(IOperation returned, bool unseenOnly, Walk walk)
    {
        var value = returned.WalkDownConversions();
        if (CompletedTasks.IsCompletedSuccessfullyByConstruction(value, _symbols))
        {
            return Fact.No(value);
        }

        switch (value)
        {
            case IInvocationOperation inner when inner.TargetMethod.MethodKind != MethodKind.DelegateInvoke:
                return CallShowsFault(inner, unseenOnly, walk);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                var whenTrue = ReturnedValueShowsFault(conditional.WhenTrue, unseenOnly, walk);
                return whenTrue.IsYes ? whenTrue : ReturnedValueShowsFault(whenFalse, unseenOnly, walk);
            case ICoalesceOperation coalesce:
                var first = ReturnedValueShowsFault(coalesce.Value, unseenOnly, walk);
                return first.IsYes ? first : ReturnedValueShowsFault(coalesce.WhenNull, unseenOnly, walk);

            // _processing = ProcessCoreAsync(token); return _processing; where the type awaits _processing (in DisposeAsync): the
            // task the caller drops is kept and observed by its owner (UnobservedFireAndForgetAnalyzerTests.CalleeKeepsItsTaskInFieldItsTypeAwaits_NoDiagnostic,
            // CalleeKeepsItsTaskInFieldNobodyAwaits_Reports).
            case IFieldReferenceOperation { Field: var kept, Instance: null or IInstanceReferenceOperation } when unseenOnly && _bodies.IsPrivateFieldAwaited(kept, value):
                return Fact.No(value);
            default:
                return Fact.Yes(value);
        }
    }

    /// <param name="returnedOnly">
    /// The call's own task is the question (a task dropped here): a callee that is not async throws what its body throws before it
    /// returns at this call, where the caller sees it, and only the tasks it returns can fault unseen
    /// (UnobservedFireAndForgetAnalyzerTests.DiscardOfSourceQueuedToWorkerThatLogsFaults_NoDiagnostic).
    /// </param>
    private Fact CallShowsFault(IInvocationOperation call, bool unseenOnly, Walk walk, bool returnedOnly = false)
    {
        var method = call.TargetMethod;
        if (_work.CannotFault(call) || KnownApis.NeverFaults(method) || KnownApis.CannotThrow(method))
        {
            return Fact.No(call);
        }

        // logger.Debug(connection, "...") through the compilation's own logging abstraction: a logger that writes to a TextWriter
        // or the console does I/O, but logging is not how work fails (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsThenLogsThroughOwnLogger_NoDiagnostic).
        if (KnownApis.IsLoggingCall(method))
        {
            return Fact.No(call);
        }

        // hub.Clients.Group(name).ReceiveUpdate(dto) through a strongly typed hub: SignalR's proxy for the client interface sends with
        // SendCoreAsync, whose failed write is caught and logged like SendAsync's (KnownApis.IsQuietLibrary)
        // (UnobservedFireAndForgetAnalyzerTests.CalleeSendingThroughTypedHubClients_NoDiagnostic).
        if (IsTypedHubClientCall(call))
        {
            return Fact.No(call);
        }

        // MainLoop.CheckThread() marked [Conditional("DEBUG")]: an assertion the release build does not even call
        // (UnobservedFireAndForgetAnalyzerTests.CalleeAssertsThroughConditionalMethod_NoDiagnostic, CalleeChecksThroughPlainMethod_Reports).
        if (KnownApis.IsConditionalCall(method))
        {
            return Fact.No(call);
        }

        // Task.FromException(...): a fault by construction (UnobservedFireAndForgetAnalyzerTests.CalleeReturnsFromException_Reports).
        if (method is { Name: "FromException" or "FromCanceled", IsStatic: true } && _symbols.IsTaskLike(method.ContainingType))
        {
            return Fact.From(method.Name == "FromException" || !unseenOnly, call);
        }

        // task.WithName("job"), task.Unwrap(): the tasks handed in fault the result as well
        // (UnawaitedTaskAnalyzerTests.HelperThatDoesNotObserve_Reports).
        // Not a task handed to a helper that only discards it (task.FireAndForget()): it faults nothing
        // (UnobservedFireAndForgetAnalyzerTests.CalleeForgettingDetachedWorkWithHelper_NoDiagnostic).
        foreach (var argument in call.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IInvocationOperation handedIn && _symbols.IsTaskLike(handedIn.Type)
                && !IsForgottenByHelper(handedIn) && !IsAsyncTaskHandedToCollection(handedIn)
                && CallShowsFault(handedIn, unseenOnly, walk) is { IsYes: true } handedInFact)
            {
                return handedInFact;
            }
        }

        // Task.Run(() => ...), StartNew, a dispatcher's EnqueueAsync(() => ...), a helper of the compilation given a lambda: the
        // lambda runs there (UnobservedFireAndForgetAnalyzerTests.TaskRunOfInMemoryWork_NoDiagnostic).
        var handsOver = DelegatesShowFault(call, unseenOnly, walk, out var delegateFact);
        if (delegateFact.IsYes)
        {
            return delegateFact;
        }

        // Launcher.LaunchUriAsync(uri).AsTask(), valueTask.AsTask(): the task of the operation it wraps, which decides
        // (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitingAsTaskOfQuietOperation_NoDiagnostic, CalleeAwaitingAsTaskOfFileRead_Reports).
        // Avalonia's operation.GetTask() likewise (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsHelperReturningTaskOfEmptyDispatcherOperation_NoDiagnostic).
        if (method.Name is "AsTask" or "GetTask" && (call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null))?.WalkDownConversions() is IInvocationOperation wrapped)
        {
            return CallShowsFault(wrapped, unseenOnly, walk);
        }

        // A continuation's antecedent faults it (or is lost with it), unless the continuation observes it: OnlyOnFaulted, or a
        // delegate that reads the antecedent (task => Log.Error(task.Exception, ...)); then only the delegate's own work counts
        // (UnobservedFireAndForgetAnalyzerTests.WhenAllOfRunsObservedByFaultContinuations_NoDiagnostic).
        if (method.Name == "ContinueWith" && call.Instance is { } instance && _work.FreshTask(instance) is { } antecedent
            && !(unseenOnly && Calls.StartedWork.ContinuationObservesAntecedent(call)))
        {
            return CallShowsFault(antecedent, unseenOnly, walk);
        }

        if (method.Name is "WhenAll" or "WhenAny" && method.IsStatic && _symbols.IsTaskLike(method.ContainingType))
        {
            foreach (var argument in call.Arguments)
            {
                // Task.WhenAll(refills.ToArray()) of a local list this body fills with Add: the tasks it was given
                // (UnobservedFireAndForgetAnalyzerTests.CalleeWhenAllOfLocalListWithUncoveredCall_Reports).
                var value = argument.Value.WalkDownConversions();
                var sources = !_symbols.IsTaskLike(value.Type) && _work.ElementsOfLocalTaskList(value) is { } listed ? listed : new List<IOperation> { value };
                foreach (var source in sources)
                {
                    foreach (var element in source.DescendantsInSameFunction())
                    {
                        if (element is IInvocationOperation inner && CallShowsFault(inner, unseenOnly, walk) is { IsYes: true } innerFact)
                        {
                            return innerFact;
                        }
                    }
                }
            }

            return Fact.No(call);
        }

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            // A delegate held in a field or a local runs unknown work; a parameter's delegate is the caller's lambda, which the
            // caller's walk reads (UnguardedAsyncVoidHandlerAnalyzerTests.HelperAwaitingItsDelegateParameter_FollowsTheLambda_Reports).
            var receiver = DelegateReceiver(call);
            if (receiver is IParameterReferenceOperation || !_symbols.IsAwaitable(call.Type))
            {
                return Fact.No(call);
            }

            // await ViewModel.PasswordValidator(password): a delegate member of the compilation runs what the compilation puts in
            // it, as an interface of the compilation runs its implementations here
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsDelegatePropertyWhoseOnlyValueCatchesAll_NoDiagnostic,
            // AwaitsDelegatePropertyGivenFileRead_Reports, UnawaitedTaskAnalyzerTests.TaskRunInvokingEachHandlerOfUnsubscribedEvent_NoDiagnostic).
            return DelegateValues(receiver, call) is { } values
                ? DelegateValuesShowFault(values, call, unseenOnly, walk)
                : Fact.Yes(call);
        }

        if (IsSourceMethod(method))
        {
            var fact = OverAllImplementations(
                method,
                walk,
                (m, w) => returnedOnly ? ReturnedTasksShowFault(m, call, unseenOnly, w) : MethodShowsFault(m, call, unseenOnly, w),
                whenNone: AbstractionShowsFault(call));
            return fact.IsYes ? fact : Fact.No(call);
        }

        // _collector.DisposeAsync() on an interface of the compilation: IAsyncDisposable's method, but the bodies that run are the
        // implementations here (UnawaitedTaskAnalyzerTests.DisposalThroughOwnInterfaceOfCoveredWorkers_NoDiagnostic).
        if (ImplementationsOnOwnReceiver(call) is { Count: > 0 } implementations)
        {
            foreach (var implementation in implementations)
            {
                var fact = implementation.DeclaringSyntaxReferences.Length > 0 ? MethodShowsFault(implementation, call, unseenOnly, walk) : LibraryCallShowsFault(call);
                if (fact.IsYes)
                {
                    return fact;
                }
            }

            return Fact.No(call);
        }

        // A library call that only runs the delegates it is given (Task.Run, a dispatcher, Parallel.ForEachAsync): they decided.
        if (handsOver && !_io.ShowsIo(method, call.Instance, call.Arguments))
        {
            return Fact.No(call);
        }

        return LibraryCallShowsFault(call);
    }

    /// <summary>
    /// The values a delegate receiver can hold: what the compilation puts in a delegate member, or every value a local is given
    /// (<c>var func = new Func&lt;Endpoint, Task&gt;(async endpoint =&gt; { try { ... } catch (Exception ex) { Log(ex); } });</c>
    /// then <c>func.Invoke(endpoint)</c>: UnobservedFireAndForgetAnalyzerTests.CalleeInvokingLocalDelegateThatCatchesAll_NoDiagnostic,
    /// CalleeInvokingLocalDelegateThatCanFail_Reports); null when unknown.
    /// </summary>
    private IReadOnlyList<IOperation>? DelegateValues(IOperation? receiver, IOperation use) => receiver switch
    {
        IMemberReferenceOperation { Member: var member } => _bodies.DelegateMemberValues(member, use),
        ILocalReferenceOperation { Local: var local } => local.EveryValueOf(receiver),
        _ => null,
    };

    /// <summary>
    /// What a delegate invocation runs: its receiver, or for a handler taken from an invocation list (<c>foreach (Handler h in
    /// source.GetInvocationList())</c>, <c>list[i] is Handler h</c>) the delegate whose list it is
    /// (UnawaitedTaskAnalyzerTests.TaskRunInvokingEachHandlerOfParameter_NoDiagnostic).
    /// </summary>
    private static IOperation? DelegateReceiver(IInvocationOperation call)
    {
        // OnQueueChanged?.Invoke(): the event tested for null (UnawaitedTaskAnalyzerTests.ConditionalRaiseOfEventWhoseSubscribersReturnCompletedTasks_NoDiagnostic).
        var receiver = call.Instance?.ThroughConditionalAccess();
        return receiver is not null && InvocationListSource(receiver) is { } source ? source : receiver;
    }

    /// <summary>
    /// The delegate whose invocation list a local handler comes from: <c>source</c> in <c>foreach (Handler h in
    /// source.GetInvocationList())</c> and in <c>var list = source.GetInvocationList(); ... list[i] is Handler h</c>; null otherwise.
    /// </summary>
    private static IOperation? InvocationListSource(IOperation receiver)
    {
        if (receiver is not ILocalReferenceOperation { Local: var local })
        {
            return null;
        }

        return local.DeclarationOf(receiver, out _) switch
        {
            IDeclarationPatternOperation { Parent: IIsPatternOperation { Value: var value } } =>
                value.WalkDownConversions() is IArrayElementReferenceOperation { ArrayReference: var list } ? InvocationListOwner(list, receiver) : null,
            IForEachLoopOperation { Collection: var collection } => InvocationListOwner(collection, receiver),
            _ => null,
        };
    }

    private static IOperation? InvocationListOwner(IOperation list, IOperation anywhere)
    {
        list = list.WalkDownConversions();
        if (list is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(anywhere) is { } initializer)
        {
            list = initializer.WalkDownConversions();
        }

        return list is IInvocationOperation { TargetMethod.Name: "GetInvocationList", Instance: { } owner } ? owner.WalkDownConversions() : null;
    }

    /// <summary>
    /// Yes when one of the values a delegate member is given shows a fault: a lambda's body outside its catch-alls, a method of the
    /// compilation, or anything else (a library method, a delegate handed in from elsewhere); null values run nothing.
    /// </summary>
    private Fact DelegateValuesShowFault(IReadOnlyList<IOperation> values, IInvocationOperation call, bool unseenOnly, Walk walk)
    {
        foreach (var value in values)
        {
            var target = value.WalkDownConversions();
            if (target is IDelegateCreationOperation creation)
            {
                target = creation.Target.WalkDownConversions();
            }

            var fact = target switch
            {
                ILiteralOperation or IDefaultValueOperation => Fact.No(target),
                IAnonymousFunctionOperation { Body: not null } lambda => UncoveredShowsFault(lambda.Body, unseenOnly, lambda.Symbol.IsAsync, walk),
                IMethodReferenceOperation reference when IsSourceMethod(reference.Method) => MethodShowsFault(reference.Method, reference, unseenOnly, walk),
                _ => Fact.Yes(call),
            };
            if (fact.IsYes)
            {
                return fact;
            }
        }

        return Fact.No(call);
    }

    /// <summary>Whether the call is given lambdas or method groups, and whether one of them shows a fault.</summary>
    private bool DelegatesShowFault(IInvocationOperation call, bool unseenOnly, Walk walk, out Fact fact)
    {
        fact = Fact.No(call);
        var hands = false;
        foreach (var argument in call.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target.WalkDownConversions();
            }

            if (value is not (IAnonymousFunctionOperation or IMethodReferenceOperation))
            {
                // dispatcher.EnqueueAsync(function) with the helper's own delegate parameter: the caller's lambda, read at the
                // caller (UnguardedAsyncVoidHandlerAnalyzerTests.HelperRunningInMemoryLambda_NoDiagnostic).
                hands |= value.Type?.TypeKind == TypeKind.Delegate;
                continue;
            }

            hands = true;

            // A helper of the compilation that runs the delegate inside its own catch-all (STATask.Run(work, logger),
            // IgnoreExceptions(work)) shows no fault of it (UnobservedFireAndForgetAnalyzerTests.HelperRunsDelegateInsideCatchAll_NoDiagnostic).
            if (IsSourceMethod(call.TargetMethod) && argument.Parameter is { } parameter && !RunsParameterUncovered(call.TargetMethod, parameter, call, unseenOnly))
            {
                continue;
            }

            switch (value)
            {
                case IAnonymousFunctionOperation { Body: not null } lambda:
                    fact = UncoveredShowsFault(lambda.Body, unseenOnly, lambda.Symbol.IsAsync, walk);
                    break;
                case IMethodReferenceOperation reference:
                    if (IsSourceMethod(reference.Method))
                    {
                        fact = MethodShowsFault(reference.Method, reference, unseenOnly, walk);
                    }

                    break;
            }

            if (fact.IsYes)
            {
                break;
            }
        }

        return hands;
    }

    /// <summary>
    /// Whether a method of the compilation (any implementation, for an interface or virtual one) runs its delegate parameter
    /// outside a catch-all: invokes it, or hands it to another call, in code no catch-all covers; a null check of it does not count.
    /// Lambdas the body creates are entered (a thread body's own try decides for it), except one handed to another helper of the
    /// compilation that runs it only under a catch-all (followed <see cref="ForwardDepth"/> helpers deep). Unknown bodies run it.
    /// </summary>
    private bool RunsParameterUncovered(IMethodSymbol method, IParameterSymbol parameter, IOperation use, bool unseenOnly, int forwards = ForwardDepth)
    {
        method = method.BodyPart();
        var ordinal = parameter.Ordinal;

        // IgnoreExceptions(work, logger): the catch-all rethrows only when an exception type is passed, and this call passes
        // none; read under the call's bindings, not cached (UnobservedFireAndForgetAnalyzerTests.HelperWhoseRethrowNeedsAnArgument_NoDiagnostic).
        if (use is IInvocationOperation call && !IsOverridable(method) && _bodies.BodyOf(method, use) is { } bound
            && ordinal < bound.Method.Parameters.Length && CallBindings.Of(call, bound.Method) is { } bindings)
        {
            return RunsUncovered(bound.Block, bound.Method.Parameters[ordinal], unseenOnly, bindings.Evaluate, forwards);
        }

        // Only the full-depth answer is remembered (and read): one cut short by the forwarding bound must not stand for it, nor the
        // other way round, or the answer would depend on the order methods are analyzed in.
        var key = (method, ordinal);
        var cache = forwards != ForwardDepth ? null : unseenOnly ? _runsParameterUnseen : _runsParameter;
        if (cache is not null && cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var fact = OverAllImplementations(method, new Walk(1), (m, _) =>
        {
            if (_bodies.BodyOf(m.BodyPart(), use) is not { } body || ordinal >= body.Method.Parameters.Length)
            {
                return Fact.Yes();
            }

            return Fact.From(RunsUncovered(body.Block, body.Method.Parameters[ordinal], unseenOnly, conditionValue: null, forwards));
        }, whenNone: Fact.Yes());

        return cache is null ? !fact.IsNo : cache.GetOrAdd(key, !fact.IsNo);
    }

    /// <summary>How many wrapper overloads a delegate is followed through (<c>Run&lt;T&gt;(action)</c> → <c>Run(sp =&gt; action(...))</c>).</summary>
    private const int ForwardDepth = 2;

    private bool RunsUncovered(IBlockOperation block, IParameterSymbol parameter, bool unseenOnly, System.Func<IOperation, bool?>? conditionValue, int forwards)
    {
        var options = new CoverageOptions(cancellationMayEscape: false, observingCatchCounts: unseenOnly, isHarmless: null, conditionValue);
        var stack = new Stack<IOperation>();
        stack.Push(block);
        while (stack.Count > 0)
        {
            var current = stack.Pop();

            // A catch-all that hands the exception to a TaskCompletionSource faults the helper's task with it: no cover
            // (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsSourceThatCanFail_Reports).
            if (current is ITryOperation tryOperation && CatchAllCoverage.IsCatchAllTry(current, _symbols, options) && !ForwardsToCompletionSource(tryOperation))
            {
                continue;
            }

            // if (action == null) throw ..., nameof(action), ThrowIfNull(action): a guard looks at the delegate, it does not run it.
            if (current is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) && !IsNullGuardOf(reference))
            {
                return true;
            }

            // Lambdas the helper creates are entered: a thread body or a wrapper lambda runs the delegate too, and its own try
            // decides (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsDispatcherHelperThatLetsMostExceptionsThrough_Reports).
            // Except a wrapper lambda handed to another helper of the compilation that runs its delegate under a catch-all itself:
            // SelfExecuteRequest<TService>(action) => SelfExecuteRequest(sp => action(sp.Get<TService>())), whose core overload
            // awaits it inside try/catch (UnawaitedTaskAnalyzerTests.DroppedWrapperOverloadForwardingToCoveredCore_NoDiagnostic,
            // DroppedWrapperOverloadForwardingToUncoveredCore_Reports).
            if (forwards > 0 && current is IAnonymousFunctionOperation && HandedToCoveringHelper(current, unseenOnly, forwards - 1))
            {
                continue;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }

        return false;
    }

    private static bool IsNullGuardOf(IOperation reference)
    {
        var outer = reference.WalkUpConversions();
        return outer.Parent switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison =>
                (ReferenceEquals(comparison.LeftOperand.WalkDownConversions(), reference) ? comparison.RightOperand : comparison.LeftOperand).WalkDownConversions().ConstantValue is { HasValue: true, Value: null },
            IIsPatternOperation { Pattern: IConstantPatternOperation or INegatedPatternOperation { Pattern: IConstantPatternOperation } } => true,
            INameOfOperation => true,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ThrowIfNull" } } => true,
            _ => false,
        };
    }

    /// <summary>The lambda is an argument of a call of the compilation's own method that runs that delegate parameter only under a catch-all.</summary>
    private bool HandedToCoveringHelper(IOperation lambda, bool unseenOnly, int forwards)
    {
        var outer = lambda.Parent is IDelegateCreationOperation creation ? creation.WalkUpConversions() : lambda.WalkUpConversions();
        return outer.Parent is IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation helper }
            && IsSourceMethod(helper.TargetMethod)
            && !RunsParameterUncovered(helper.TargetMethod, parameter, helper, unseenOnly, forwards);
    }

    private static bool ForwardsToCompletionSource(ITryOperation tryOperation)
    {
        foreach (var clause in tryOperation.Catches)
        {
            foreach (var operation in clause.Handler.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "SetException" or "TrySetException" })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The implementations a library interface method has when called on a receiver whose static type is declared in this
    /// compilation (an interface or class of its own that inherits the library interface): one per class or struct under it;
    /// empty when the receiver is not the compilation's own.
    /// </summary>
    private List<IMethodSymbol>? ImplementationsOnOwnReceiver(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.IsStatic || method.ContainingType?.TypeKind != TypeKind.Interface || call.Instance?.Type is not INamedTypeSymbol receiver
            || receiver.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var implementations = new List<IMethodSymbol>();
        if (receiver.TypeKind is TypeKind.Class or TypeKind.Struct && receiver.FindImplementationForInterfaceMember(method) is IMethodSymbol own)
        {
            implementations.Add(own);
        }

        foreach (var type in _implementations.TypesUnder(receiver))
        {
            if (!type.IsAbstract && type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation
                && implementations.FindIndex(known => SymbolEqualityComparer.Default.Equals(known, implementation)) < 0)
            {
                implementations.Add(implementation);
            }
        }

        return implementations;
    }

    /// <summary>An awaitable abstraction of the compilation with no implementation here (a repository, a client): unknown async work.</summary>
    private Fact AbstractionShowsFault(IInvocationOperation call) => Fact.From(_symbols.IsAwaitable(call.Type), call);

    private bool IsSourceMethod(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Length > 0 || method.MethodKind == MethodKind.LocalFunction || HasSourceImplementations(method);

    /// <summary>
    /// Evidence in a method's body within the calls left to the walk, memoized per method and depth: evidence found within d
    /// calls is found within more, and none within d calls means none within fewer, so every answer not cut by a cycle is exact
    /// and reused whatever handler asks (the handlers of one page share most of their helpers). A walk cut by a cycle finds
    /// nothing and is not remembered, so no answer depends on the order in which methods were analyzed.
    /// </summary>
    private Fact MethodShowsFault(IMethodSymbol method, IOperation use, bool unseenOnly, Walk walk)
    {
        method = method.BodyPart();

        // _viewModel.Hide() of an async void method: whatever it throws goes to the synchronization context, never to its caller
        // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsThenCallsAsyncVoidHelper_NoDiagnostic).
        if (method is { IsAsync: true, ReturnsVoid: true })
        {
            return Fact.No(use);
        }

        // A call that hands the callee a token that can be canceled makes the callee's forwarding of it a way to fail; such walks
        // are rare (a handler passing its source's token) and are not remembered, since the answer depends on the call.
        var outerLiveToken = walk.LiveToken;
        var liveToken = use is IInvocationOperation call && PassesOwnToken(call, walk);

        // if (session.AddressValid) _ = session.QueryAsync(): the callee's own `if (!AddressValid) throw` cannot fire for this call;
        // such an answer depends on the call too, and is not remembered.
        var outerChecked = walk.CheckedByCaller;
        var checkedByCaller = use is IInvocationOperation checkedCall ? MembersCheckedBefore(checkedCall) : null;

        // AddPeers(peers, prioritise: true, fromTracker: true): the callee's `if (... && !fromTracker) throw` cannot fire for this
        // call; read with the branches the constants decide, and not remembered either
        // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsThenCallsHelperWhoseThrowTheConstantArgumentRulesOut_NoDiagnostic,
        // AwaitsThenCallsHelperWhoseThrowTheConstantArgumentTakes_Reports).
        var outerDecided = walk.DecidedByCaller;
        var constants = use is IInvocationOperation constantCall ? ConstantsThatBranch(method, constantCall, outerDecided) : null;
        var cache = liveToken || checkedByCaller is not null || constants is not null ? null : unseenOnly ? _showsFaultUnseen : _showsFault;
        var remaining = walk.Remaining;
        for (var depth = 1; depth <= EvidenceDepth && cache is not null; depth++)
        {
            if (cache.TryGetValue((method, depth), out var cached) && (cached.IsYes ? depth <= remaining : depth >= remaining))
            {
                return cached.IsYes ? cached : Fact.No(use);
            }
        }

        if (remaining == 0)
        {
            return Fact.No(use);
        }

        if (!walk.Active.Add(method))
        {
            walk.CutShort = true;
            return Fact.No(use);
        }

        // SendAsync(key) => SendAsync(key, GetConnections()): an overload that only passes its call on to another overload is one
        // step of the same work, not a call deeper (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsForwardingOverloadsDownToDatabaseRead_Reports).
        var body = _bodies.BodyOf(method, use);
        var step = body is { } read && ForwardsToOverload(read) ? 0 : 1;
        var outerCutShort = walk.CutShort;
        walk.CutShort = false;
        walk.Remaining -= step;
        walk.LiveToken = liveToken;
        walk.CheckedByCaller = checkedByCaller;
        walk.DecidedByCaller = null;
        try
        {
            var fact = Fact.No(use);
            if (body is { } walked)
            {
                walk.DecidedByCaller = constants is null ? null : new ConstantBranches(walked.Method, walked.Block, constants);
                fact = UncoveredShowsFault(walked.Block, unseenOnly, walked.Method.IsAsync, walk);
            }

            if (cache is not null && (fact.IsYes || !walk.CutShort))
            {
                cache.TryAdd((method, remaining), fact.IsYes ? fact : Fact.No(use));
            }

            return fact.IsYes ? fact : Fact.No(use);
        }
        finally
        {
            walk.DecidedByCaller = outerDecided;
            walk.CheckedByCaller = outerChecked;
            walk.LiveToken = outerLiveToken;
            walk.Remaining += step;
            walk.Active.Remove(method);
            walk.CutShort |= outerCutShort;
        }
    }

    /// <summary>A body that is one call of an overload of its own method (<c>=&gt; SendAsync(key, GetConnections())</c>), returned or not.</summary>
    private static bool ForwardsToOverload(MethodBody body)
    {
        if (body.Block.Operations.Length != 1)
        {
            return false;
        }

        var value = body.Block.Operations[0] switch
        {
            IReturnOperation { ReturnedValue: { } returned } => returned,
            IExpressionStatementOperation { Operation: var expression } => expression,
            _ => null,
        };
        return value?.WalkDownConversions() is IInvocationOperation { TargetMethod: var target } && target.Name == body.Method.Name
            && !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, body.Method.OriginalDefinition)
            && SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, body.Method.ContainingType?.OriginalDefinition);
    }

    /// <summary>The first operation with evidence of a fault outside the catch-alls of a body (lambdas handed to calls included).</summary>
    /// <remarks>
    /// Cancellation is no fault for a task nobody awaits when it leaves an async body (the task ends canceled); a synchronous
    /// delegate run as a task, or an async void, turns it into a fault
    /// (UnobservedFireAndForgetAnalyzerTests.CatchAllButCancellationInSyncTaskRunLambda_Reports, SyncTaskRunLambdaThatChecksCancellation_Reports).
    /// </remarks>
    private Fact UncoveredShowsFault(IOperation root, bool unseenOnly, bool asyncBody, Walk walk)
    {
        var cancellationIsNoFault = unseenOnly && asyncBody;

        // catch (Exception) { if (rethrowExceptions) throw; } in a callee called with rethrowExceptions: false catches everything
        // (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitingHelperWhoseRethrowTheConstantTurnsOff_NoDiagnostic).
        var decidedByCaller = walk.DecidedByCaller;
        var options = new CoverageOptions(cancellationMayEscape: cancellationIsNoFault, observingCatchCounts: unseenOnly, isHarmless: null,
            conditionValue: decidedByCaller is null ? null : decidedByCaller.Decide);
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is ITryOperation && CatchAllCoverage.IsCatchAllTry(current, _symbols, options))
            {
                continue;
            }

            // _ = RapidAddItemsAsync(): a task the body drops does not fault the body (what it loses is ASYNC201's and ASYNC402's)
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeThatDiscardsFailingWork_NoDiagnostic).
            if (IsDroppedTask(current))
            {
                continue;
            }

            if (OperationShowsFault(current, unseenOnly, cancellationIsNoFault, walk) is { IsYes: true } fact)
            {
                return fact;
            }

            // if (HasValue) { ...dispose the value... } in a callee whose caller found IsFaultedOrCanceled true just before the call:
            // the two test one task's status and cannot both hold, so the branch does not run for this call
            // (UnawaitedTaskAnalyzerTests.CalleeBranchRuledOutByCallersStatusCheck_NoDiagnostic).
            // if (HasMetadata && IsPrivate && !fromTracker) throw ... in a callee called with fromTracker: true: the constants rule the
            // branch out (or in: then only it runs, and the other arm is skipped).
            if (current is IConditionalOperation { Condition: var decidedCondition } decidedBranch && walk.DecidedByCaller?.Decide(decidedCondition) is { } decided)
            {
                stack.Push(decidedCondition);
                if ((decided ? decidedBranch.WhenTrue : decidedBranch.WhenFalse) is { } taken)
                {
                    stack.Push(taken);
                }

                continue;
            }

            // switch (key) { case Service.Remote: ... throw ...; } in a callee called with Service.TaskQueue (through a forwarding
            // overload too): only the sections the constant selects run
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsForwardingOverloadWhoseSwitchTheConstantDecides_NoDiagnostic,
            // AwaitsForwardingOverloadWhoseSwitchTheConstantSendsToTheThrow_Reports).
            if (current is ISwitchOperation { Value: var switched } switchOperation && walk.DecidedByCaller is { } decidedBySwitch
                && decidedBySwitch.ValueOf(switched).Known)
            {
                stack.Push(switched);
                foreach (var section in switchOperation.Cases)
                {
                    if (decidedBySwitch.SectionRuns(section) != false)
                    {
                        stack.Push(section);
                    }
                }

                continue;
            }

            if (current is IConditionalOperation { WhenTrue: var ruledOut, Condition: var branchCondition } && walk.CheckedByCaller is { } checkedByCaller
                && ExcludedByCheckedMembers(branchCondition, checkedByCaller))
            {
                foreach (var child in current.ChildOperations)
                {
                    if (!ReferenceEquals(child, ruledOut))
                    {
                        stack.Push(child);
                    }
                }

                continue;
            }

            // Task.Run(work).ContinueWith(t => Log(t.Exception), OnlyOnFaulted): the continuation observes the work's fault
            // (UnobservedFireAndForgetAnalyzerTests.WhenAllOfRunsObservedByFaultContinuations_NoDiagnostic).
            var observedAntecedent = unseenOnly && current is IInvocationOperation { TargetMethod.Name: "ContinueWith", Instance: { } antecedent } continuation
                && Calls.StartedWork.ContinuationObservesAntecedent(continuation) ? antecedent : null;
            foreach (var child in current.ChildOperations)
            {
                // A lambda handed to a call is read with the call (CallShowsFault); one stored or subscribed runs later, elsewhere.
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation) && !ReferenceEquals(child, observedAntecedent))
                {
                    stack.Push(child);
                }
            }
        }

        return Fact.No(root);
    }

    /// <summary>
    /// <c>return Task.FromCanceled&lt;T&gt;(token);</c>, <c>return WaitAsync(token);</c> in a callee that is not async: the callee
    /// throws nothing, it hands back a task that may end canceled, and an async caller awaiting it ends canceled in turn, which is
    /// no fault for a task nobody awaits (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsLockThatReturnsCanceledTask_NoDiagnostic).
    /// </summary>
    private static bool IsReturned(IOperation call) => call.WalkUpConversions().Parent is IReturnOperation { Kind: OperationKind.Return };

    private Fact OperationShowsFault(IOperation operation, bool unseenOnly, bool cancellationIsNoFault, Walk walk)
    {
        switch (operation)
        {
            // token.ThrowIfCancellationRequested(), Task.Delay(ms, token): a fault where cancellation is one
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCancelableDelay_Reports, HandlerThatChecksCancellationAfterAwait_Reports).
            // Not inside a try that catches OperationCanceledException: there cancellation is an outcome the code handles
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeThatCatchesItsOwnCancellation_NoDiagnostic).
            // Cancellation starts where a token is made (a source's Token, a library's callback token), not where a method
            // forwards the token parameter its caller gave it: a callee's WaitAsync(cancellationToken) is a fault only for a caller
            // that passes a token that can be canceled, and that caller shows it where it hands its token over
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeThatWaitsOnForwardedDefaultToken_NoDiagnostic,
            // PassesCancelableTokenToCalleeThatForwardsIt_Reports).
            case IInvocationOperation cancellation when !cancellationIsNoFault
                && ((cancellation.TargetMethod.Name == "ThrowIfCancellationRequested" && SymbolEqualityComparer.Default.Equals(cancellation.TargetMethod.ContainingType, _symbols.CancellationToken)
                        && !IsForwardedToken(cancellation.Instance, walk))
                    || (_symbols.IsAwaitable(cancellation.Type) && !IsSourceMethod(cancellation.TargetMethod) && !KnownApis.EndsQuietlyWhenCanceled(cancellation.TargetMethod)
                        && PassesOwnToken(cancellation, walk)
                        && !(unseenOnly && IsReturned(cancellation))))
                && !CatchesCancellation(cancellation):
                return Fact.Yes(cancellation);

            // await dataView.GetItemsAsync() that does not bind, in the body being judged: unknown async work
            // (UnguardedAsyncVoidHandlerAnalyzerTests.HandlerWithUnresolvedCode_Reports); in a callee, code that does not bind gets
            // the benefit of the doubt, as in the proof (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeWithUnresolvedAwait_NoDiagnostic).
            // await t, await _loading: a task of unknown origin, handed in or kept, can fault like any unknown work (and a fix
            // that awaits a discard inside the lambda that awaits it must not change the verdict on the lambda's task)
            // (UnobservedFireAndForgetAnalyzerTests.TaskRunAwaitingTaskParameter_Reports).
            // await Task.CompletedTask: complete, never faulted (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitingCompletedTaskProperty_NoDiagnostic);
            // await block.Completion of a block built here from the method's own delegate parameter: the caller's lambda decides, and
            // the caller reads it (UnobservedFireAndForgetAnalyzerTests.HelperAwaitingCompletionOfBlockRunningItsDelegate_NoDiagnostic).
            // await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing) of a task in hand: the await never throws
            // (UnobservedFireAndForgetAnalyzerTests.HelperAwaitingItsTaskSuppressingThrowing_NoDiagnostic).
            case IAwaitOperation { Operation: var suppressing } when suppressing.SuppressesThrowing()
                && suppressing.UnwrapConfigureAwait() is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation:
                return Fact.No(operation);

            case IAwaitOperation { Operation: var awaitedProperty } when awaitedProperty.UnwrapConfigureAwait() is IPropertyReferenceOperation { Property: var property } propertyReference
                && ((property is { IsStatic: true, Name: "CompletedTask" } && _symbols.IsTaskLike(property.ContainingType))
                    || (property.Name == "Completion" && propertyReference.Instance is ILocalReferenceOperation { Local: var block } && IsBuiltFromDelegateParameter(block, operation))):
                return Fact.No(operation);

            // await tcs.Task of a local source the method only ever completes with SetResult (a Loaded handler, a dispatched
            // lambda): it never faults, at worst it never completes
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeWaitingForLocalCompletionSourceThatOnlySucceeds_NoDiagnostic,
            // AwaitsCalleeWaitingForLocalCompletionSourceThatCanFail_Reports).
            case IAwaitOperation { Operation: var awaitedSource } when awaitedSource.UnwrapConfigureAwait() is IPropertyReferenceOperation { Property.Name: "Task", Instance: ILocalReferenceOperation } sourceTask
                && CompletionSources.OnlySucceeds(sourceTask, operation.Root(), unseenOnly ? KeptWithoutUnseenFaults : KeptByTypeWhoseSourcesOnlySucceed):
                return Fact.No(operation);

            // await _readSource.Task, await channel.ReadTask, await Stopping: a source held in a field that is only ever completed
            // successfully (MethodSummaries.IsHeldSourceTaskThatOnlySucceeds).
            case IAwaitOperation { Operation: var awaitedHeld } when IsHeldSourceTaskThatOnlySucceeds(awaitedHeld.UnwrapConfigureAwait()):
                return Fact.No(operation);

            // await ClientEngine.MainLoop: an awaitable of the compilation that is not a task (a switch to its own synchronization
            // context) whose GetResult shows no fault; the await only hands the continuation over and resumes there
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsOwnContextSwitchThenOnlyCoveredWork_NoDiagnostic, AwaitsOwnAwaitableWhoseGetResultThrows_Reports).
            case IAwaitOperation { Operation: var switched } when OwnAwaiterResult(switched.UnwrapConfigureAwait(), operation) is { } getResult:
                return MethodShowsFault(getResult, operation, unseenOnly, walk).IsYes ? Fact.Yes(operation) : Fact.No(operation);

            // await _readerTask, a readonly field: what the constructors gave it decides
            // (UnawaitedTaskAnalyzerTests.DisposalAwaitsReadonlyFieldOfCoveredWorkers_NoDiagnostic).
            case IAwaitOperation { Operation: var awaitedField } when awaitedField.UnwrapConfigureAwait() is IFieldReferenceOperation { Field: var field }
                && _symbols.IsAwaitable(field.Type) && _bodies.ReadonlyFieldValues(field, operation) is { Count: > 0 } values:
                foreach (var assigned in values)
                {
                    if (AssignedTaskShowsFault(assigned, unseenOnly, walk) is { IsYes: true } valueFact)
                    {
                        return valueFact;
                    }
                }

                return Fact.No(operation);

            // await _mutexTask, a private field written only in its type's code: what it is given there decides, when it cannot be
            // null at the await (await null throws): the await follows a null check, or the field has a value from construction on
            // (UnobservedFireAndForgetAnalyzerTests.DiscardedReleaseAwaitingPrivateFieldOfCoveredWork_NoDiagnostic, DiscardedReleaseAwaitingPrivateFieldOfFileWork_Reports,
            // DiscardedReleaseAwaitingUncheckedPrivateField_Reports).
            case IAwaitOperation { Operation: var awaitedPrivate } when awaitedPrivate.UnwrapConfigureAwait() is IFieldReferenceOperation { Field: var privateField }
                && _symbols.IsAwaitable(privateField.Type) && _bodies.PrivateFieldValues(privateField, operation) is { Values.Count: > 0 } writes:
                var nullChecked = NullCheckedBefore(operation, privateField);
                foreach (var assigned in writes.Values)
                {
                    if (assigned.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation)
                    {
                        if (!nullChecked)
                        {
                            return Fact.Yes(operation);
                        }

                        continue;
                    }

                    if (AssignedTaskShowsFault(assigned, unseenOnly, walk) is { IsYes: true } writtenFact)
                    {
                        return writtenFact;
                    }
                }

                return nullChecked || writes.AssignedAtConstruction ? Fact.No(operation) : Fact.Yes(operation);

            case IAwaitOperation { Operation: var awaitedValue } when awaitedValue.UnwrapConfigureAwait() is IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                && _symbols.IsAwaitable(awaitedValue.UnwrapConfigureAwait().Type):
                return Fact.Yes(operation);

            // Given lambdas, it is a dispatcher from a missing reference: the lambdas decide, read below
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsUnresolvedDispatcherWithInMemoryLambda_NoDiagnostic).
            // A method of the compilation that did not bind only because an argument does not (a control the XAML compiler
            // declares): its body decides, as for a call that binds; the argument's own code is read below
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsOwnMethodWithUnresolvedArgument_JudgesTheMethod_NoDiagnostic,
            // AwaitsOwnMethodWithUnresolvedArgument_ThatReadsAFile_Reports).
            case IAwaitOperation { Operation: var awaited } when walk.Remaining == EvidenceDepth
                && (awaited.WalkDownConversions() is IInvalidOperation || awaited.Type is { TypeKind: TypeKind.Error })
                && !HandsOverLambda(awaited):
                return OwnCandidate(awaited.WalkDownConversions()) is { } candidate
                    ? MethodShowsFault(candidate, operation, unseenOnly, walk)
                    : Fact.Yes(operation);

            // Safety.IgnoreExceptions(async () => ...) that does not bind (broken code elsewhere made every overload fail): a helper of
            // the compilation may run the lambda inside its own catch-all, as such helpers do, and which overload runs it under what
            // cover cannot be known: the benefit of the doubt, as for any code that does not bind
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsHelperWhoseLambdaGoesToOwnCallThatDoesNotBind_NoDiagnostic).
            case IInvalidOperation ownCall when HasOwnCandidate(ownCall):
                return Fact.No(operation);

            // _dispatcher.EnqueueOrInvokeAsync(async () => ...) on a type from a missing reference: the lambda handed over still runs
            // (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsCalleeReturningUnresolvedDispatchOfUnsafeLambda_Reports).
            case IInvalidOperation invalid:
                foreach (var child in invalid.ChildOperations)
                {
                    var handed = child.WalkDownConversions();
                    if (handed is IDelegateCreationOperation creation)
                    {
                        handed = creation.Target.WalkDownConversions();
                    }

                    if (handed is IAnonymousFunctionOperation { Body: not null } lambda && UncoveredShowsFault(lambda.Body, unseenOnly, lambda.Symbol.IsAsync, walk) is { IsYes: true } lambdaFact)
                    {
                        return lambdaFact;
                    }
                }

                return Fact.No(operation);

            // throw new X(...): evidence, except cancellation where a canceled task is no fault; a rethrow only passes on what the
            // try body threw, which the walk reads on its own.
            case IThrowOperation { Exception: { } thrown }:
                var value = thrown.WalkDownConversions();
                if (value is ILocalReferenceOperation or IParameterReferenceOperation || IsInvariantGuard(operation, value)
                    || (walk.CheckedByCaller is { } checkedMembers && IsPreconditionOn(operation, checkedMembers)))
                {
                    return Fact.No(operation);
                }

                return cancellationIsNoFault && value.Type is { } type && _symbols.OperationCanceledException is { } canceled && type.InheritsFromOrEquals(canceled)
                    ? Fact.No(operation)
                    : Fact.Yes(operation);

            // tasks.Add(JoinAsync(room)): an async method of the compilation puts every exception in its task, so the call throws
            // nothing; the collection's tasks fault where they are awaited (await Task.WhenAll(tasks)), which the walk reads there
            // (UnobservedFireAndForgetAnalyzerTests.CalleeCollectingTasksAwaitedInsideCatchAll_NoDiagnostic, CalleeCollectingTasksAwaitedOutsideCatchAll_Reports).
            case IInvocationOperation collected when IsAsyncTaskHandedToCollection(collected):
                return Fact.No(collected);

            case IInvocationOperation call:
                return CallShowsFault(call, unseenOnly, walk);

            case IObjectCreationOperation { Constructor: { } constructor } creation:
                if (IsSourceMethod(constructor))
                {
                    return MethodShowsFault(constructor, creation, unseenOnly, walk);
                }

                // new Uri(text): a parse, not a location (UnobservedFireAndForgetAnalyzerTests.CalleeParsingInsideCatchOfFormatException_NoDiagnostic).
                if (constructor.ContainingType is { Name: "Uri", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return Fact.From(!AllOwnValues(creation.Arguments) && !CatchesParseFailure(creation), creation);
                }

                // new FileStream(path, ...), new StreamReader(path): opening a location. Wrapping a handle or a stream that is
                // already open throws nothing (UnobservedFireAndForgetAnalyzerTests.CalleeWrapsNativeHandle_NoDiagnostic).
                // new ProcessStartInfo("cmd.exe", arguments) only stores what the start will use.
                return Fact.From(Calls.IoEvidence.PassesALocation(creation.Arguments) && !CatchesLibraryFailure(creation, constructor.ContainingType)
                    && !(constructor.ContainingType.Name == "ProcessStartInfo" && constructor.ContainingType.IsInNamespace("System", "Diagnostics")), creation);

            // (ViewModel)GetValue(ViewModelProperty): a dependency property holds what its registration says
            // (UnguardedAsyncVoidHandlerAnalyzerTests.DependencyPropertyGetterCastAfterAwait_NoDiagnostic).
            case IConversionOperation { Operand: IInvocationOperation { TargetMethod: { Name: "GetValue", Parameters.Length: 1 } getValue } }
                when getValue.Parameters[0].Type.Name.EndsWith("DependencyProperty", System.StringComparison.Ordinal):
                return Fact.No(operation);

            // (IStorable)item, (bool?)properties["key"]: a downcast or an unboxing that the value may not match. A cast written out
            // for a conversion that is implicit anyway ((IStorable?)folder of an IFolder : IStorable) cannot fail
            // (UnobservedFireAndForgetAnalyzerTests.CalleeWithExplicitUpcast_NoDiagnostic).
            case IConversionOperation { IsImplicit: false, IsTryCast: false, Conversion: { IsImplicit: false, IsUserDefined: false, IsNumeric: false, IsIdentity: false }, Operand.Type: { } from, Type: { } to } conversion
                when (from.SpecialType == SpecialType.System_Object || from.TypeKind == TypeKind.Interface) && to.SpecialType != SpecialType.System_Object
                    && (conversion.Conversion.IsReference || to.IsValueType):
                return Fact.From(!IsWiringCast(conversion), conversion);

            // settings.Theme = theme with a validating setter of the compilation (UnobservedFireAndForgetAnalyzerTests.CalleeSettingPlainObjectPropertyAfterTry_Reports).
            case IPropertyReferenceOperation { Property: { IsIndexer: false } property } reference
                when (IsAssignmentTarget(reference) ? property.SetMethod : property.GetMethod) is { } accessor && IsSourceMethod(accessor):
                return MethodShowsFault(accessor, reference, unseenOnly, walk);

            // foreach (IWindowsFolder item in storage.GetItemsAsync()): an explicit downcast of every element of a typed sequence.
            // Naming the element type of an untyped one (foreach (Item item in e.NewItems)) is the idiom, not a guess
            // (UnguardedAsyncVoidHandlerAnalyzerTests.ForeachOverUntypedCollectionAfterAwait_NoDiagnostic).
            case IForEachLoopOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.ForEachStatementSyntax { Type.IsVar: false } syntax } loop when loop.SemanticModel is { } model
                && Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetForEachStatementInfo(model, syntax) is { ElementConversion: { IsExplicit: true } elementConversion, ElementType: { SpecialType: not SpecialType.System_Object } }
                && (elementConversion.IsReference || elementConversion.IsUnboxing):
                return Fact.Yes(loop);

            // settings["key"]: a dictionary read throws for a missing key.
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when !IsAssignmentTarget(indexer) && IsDictionary(indexer.Property.ContainingType):
                return Fact.From(!KnownKeys.IsPresent(indexer) && !IsResourceLookup(indexer), indexer);
        }

        return Fact.No(operation);
    }

    private bool IsAsyncTaskHandedToCollection(IInvocationOperation call) =>
        call.TargetMethod.BodyPart() is { IsAsync: true } callee && IsSourceMethod(callee) && _symbols.IsTaskLike(call.Type)
        && call.WalkUpConversions().Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Add" or "Enqueue" or "Push" } adder } }
        && adder.ContainingType.IsInNamespace("System", "Collections");

    /// <summary>A task a constructor stores: a call's task shows what the call shows; any other value is unknown work.</summary>
    private Fact AssignedTaskShowsFault(IOperation value, bool unseenOnly, Walk walk)
    {
        switch (value.WalkDownConversions())
        {
            case IInvocationOperation call:
                return CallShowsFault(call, unseenOnly, walk);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                var whenTrue = AssignedTaskShowsFault(conditional.WhenTrue, unseenOnly, walk);
                return whenTrue.IsYes ? whenTrue : AssignedTaskShowsFault(whenFalse, unseenOnly, walk);
            default:
                return Fact.Yes(value);
        }
    }

    /// <summary>
    /// A call of a client interface's method on what a strongly typed hub's <c>Clients</c> hands out (<c>All</c>, <c>Group(...)</c>,
    /// <c>Caller</c>, <c>User(...)</c>: members of SignalR's <c>IHubClients&lt;T&gt;</c> and its kin, typed <c>T</c>).
    /// </summary>
    private static bool IsTypedHubClientCall(IInvocationOperation call)
    {
        if (call.TargetMethod.ContainingType is not { TypeKind: TypeKind.Interface } clientInterface)
        {
            return false;
        }

        var member = call.Instance?.WalkDownConversions() switch
        {
            IPropertyReferenceOperation property => (ISymbol)property.Property,
            IInvocationOperation invocation => invocation.TargetMethod,
            _ => null,
        };
        return member?.ContainingType is { Name: "IHubClients" or "IHubCallerClients", IsGenericType: true } clients
            && clients.IsInNamespace("Microsoft", "AspNetCore", "SignalR")
            && SymbolEqualityComparer.Default.Equals(clients.TypeArguments[0], clientInterface);
    }

    /// <summary>
    /// A library call that fails in practice: awaitable library work (network, disk, database), synchronous I/O, a parse, and the
    /// LINQ operators that throw on an empty sequence. Not: P/Invoke (a return code), collections, strings, logging, tasks.
    /// </summary>
    private Fact LibraryCallShowsFault(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.IsExtern || method.GetDllImportData() is not null || CatchesLibraryFailure(call, method.ContainingType) || CatchesProcessFailure(call))
        {
            return Fact.No(call);
        }

        if (KnownApis.ThrowsOnEmpty(method))
        {
            return Fact.Yes(call);
        }

        if (KnownApis.IsParse(method) && !AllOwnValues(call.Arguments))
        {
            return Fact.From(!CatchesParseFailure(call), call);
        }

        var awaitable = _symbols.IsAwaitable(call.Type);
        if (KnownApis.IsQuietLibrary(method, awaitable) || KnownApis.IsQuietDisposal(method) || KnownApis.IsTryPattern(method))
        {
            return Fact.No(call);
        }

        return Fact.From(awaitable || KnownApis.IsInputOutputNamespace(method.ContainingType) || _io.ShowsIo(method, call.Instance, call.Arguments), call);
    }

    /// <summary>
    /// The call's constant arguments (<see cref="ConstantBranches.For"/>) bound to parameters the callee tests in an <c>if</c> or
    /// <c>?:</c> condition or switches on, or passes on to an overload of itself; null when there is none. Only those can change
    /// what the walk reads, and a call with none keeps the cached answer (most constant arguments are flags passed on or stored:
    /// MySqlConnector passes its I/O mode everywhere).
    /// </summary>
    private Dictionary<int, object?>? ConstantsThatBranch(IMethodSymbol method, IInvocationOperation call, ConstantBranches? outer)
    {
        if (ConstantBranches.For(call, outer, strings: true) is not { } constants)
        {
            return null;
        }

        if (!_branchingParameters.TryGetValue(method, out var branching))
        {
            branching = _branchingParameters.GetOrAdd(method, ParametersTestedInConditions(method, call));
        }

        Dictionary<int, object?>? kept = null;
        foreach (var pair in constants)
        {
            if (branching.Contains(pair.Key))
            {
                (kept ??= new Dictionary<int, object?>())[pair.Key] = pair.Value;
            }
        }

        return kept;
    }

    private System.Collections.Immutable.ImmutableHashSet<int> ParametersTestedInConditions(IMethodSymbol method, IOperation use)
    {
        var ordinals = System.Collections.Immutable.ImmutableHashSet<int>.Empty;
        if (_bodies.BodyOf(method, use) is not { } body)
        {
            return ordinals;
        }

        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            var condition = operation switch
            {
                IConditionalOperation conditional => conditional.Condition,
                ISwitchOperation switchOperation => switchOperation.Value,
                _ => null,
            };
            if (condition is not null)
            {
                foreach (var part in condition.DescendantsAndSelf())
                {
                    // A string decides only the switch on it (NavigateTo("Library") into switch (tag)): a string tested in an if is
                    // mostly a null or empty check, and a call passing a string constant keeps the cached answer.
                    if (part is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, body.Method)
                        && (parameter.Type.SpecialType != SpecialType.System_String || operation is ISwitchOperation))
                    {
                        ordinals = ordinals.Add(parameter.Ordinal);
                    }
                }
            }

            // SendAsync(key) => SendAsync(key, GetConnections()): an overload that passes the parameter on, to be decided there.
            if (operation is IArgumentOperation { Value: var passed, Parent: IInvocationOperation { TargetMethod: var target } }
                && passed.WalkDownConversions() is IParameterReferenceOperation { Parameter: var forwarded }
                && SymbolEqualityComparer.Default.Equals(forwarded.ContainingSymbol, body.Method) && target.Name == body.Method.Name
                && SymbolEqualityComparer.Default.Equals(target.ContainingType, body.Method.ContainingType))
            {
                ordinals = ordinals.Add(forwarded.Ordinal);
            }
        }

        return ordinals;
    }

    /// <summary>
    /// The <c>GetResult</c> an await of <paramref name="awaited"/> calls, when the awaited type is not a task and its awaiter's
    /// <c>GetResult</c> is source code of the compilation (MonoTorrent's <c>MainLoop : SynchronizationContext, INotifyCompletion</c>,
    /// awaited to switch threads); null otherwise (tasks, library awaiters, code that does not bind).
    /// </summary>
    private IMethodSymbol? OwnAwaiterResult(IOperation awaited, IOperation await)
    {
        if (_symbols.IsTaskLike(awaited.Type) || awaited.Type is not { TypeKind: TypeKind.Class or TypeKind.Struct }
            || await.Syntax is not AwaitExpressionSyntax syntax || await.SemanticModel is not { } model)
        {
            return null;
        }

        return model.GetAwaitExpressionInfo(syntax) is { IsDynamic: false, GetResultMethod: { DeclaringSyntaxReferences.Length: > 0 } getResult } ? getResult : null;
    }

    /// <summary>
    /// <c>ShellViewModel ?? throw new InvalidOperationException(...)</c>, <c>throw new ArgumentNullException(...)</c>,
    /// <c>ObjectDisposedException</c>: a guard of the code's own invariants, which fires on a bug rather than in practice
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeOnlyGuardsInvariants_NoDiagnostic).
    /// </summary>
    private static bool IsInvariantGuard(IOperation throwOperation, IOperation exception)
    {
        var guarded = throwOperation.WalkUpConversions();
        if (guarded.Parent is ICoalesceOperation coalesce && ReferenceEquals(coalesce.WhenNull, guarded))
        {
            return true;
        }

        // value switch { Folder f => ..., string path => ..., null => null, _ => throw new JsonException("unsupported") }: the
        // fallback of a switch on the runtime type asserts which types the program itself creates
        // (UnobservedFireAndForgetAnalyzerTests.CalleeSerializingWithTypeSwitchFallbackThrow_NoDiagnostic, CalleeParsingWithValueSwitchFallbackThrow_Reports).
        if (guarded.Parent is ISwitchExpressionArmOperation { Pattern: IDiscardPatternOperation, Parent: ISwitchExpressionOperation typeSwitch } && IsTypeSwitch(typeSwitch))
        {
            return true;
        }

        // if (!JoinableTaskContext.IsOnMainThread) throw new COMException(...): an assertion of the thread the code runs on, which
        // fires on a bug (Git Extensions' ThreadHelper.ThrowIfNotOnUIThread) (UnobservedFireAndForgetAnalyzerTests.CalleeAssertsItsThread_NoDiagnostic,
        // CalleeAssertsItsThreadThenReadsFile_ReportsTheRead).
        if (IsThreadAffinityCheck(guarded) || IsNullCheckOfMadeInstance(guarded) || IsNullCheckOfOwnState(guarded))
        {
            return true;
        }

        for (var type = exception.Type; type is not null; type = type.BaseType)
        {
            if (type is { Name: "ArgumentException" or "ObjectDisposedException" } && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        // public void UpdateProxy(ApiProxy? proxy) => throw new NotImplementedException();: a placeholder (a test fake's member
        // nobody calls) marks a member not meant to run, not a way the work fails; any other throw of it still counts
        // (UnobservedFireAndForgetAnalyzerTests.CalleeWithPlaceholderImplementation_NoDiagnostic, CalleeThrowingNotImplementedInBranch_Reports).
        return exception.Type is { Name: "NotImplementedException", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            && IsWholeBody(guarded);
    }

    /// <summary>
    /// The value tested for null by the <c>if</c> (no <c>else</c>) whose branch ends in this throw, or is it
    /// (<c>if (x == null) { Log(...); throw ...; }</c>, <c>if (x is null) throw ...;</c>); null otherwise.
    /// </summary>
    private static IOperation? NullTestedBy(IOperation throwOperation)
    {
        var child = throwOperation.Parent is IExpressionStatementOperation statement ? statement : throwOperation;
        if (child.Parent is IBlockOperation block && ReferenceEquals(block.Operations[block.Operations.Length - 1], child))
        {
            child = block;
        }

        if (child.Parent is not IConditionalOperation { WhenFalse: null } conditional || !ReferenceEquals(conditional.WhenTrue, child))
        {
            return null;
        }

        return conditional.Condition.NullTestedValue(out var trueWhenNull) is { } tested && trueWhenNull ? tested : null;
    }

    /// <summary>
    /// <c>if (_connectionPool == null) throw new InvalidOperationException("not started");</c>, also after logging, and through a
    /// local that is the field or a parameter's fallback to it (<c>var frame = contentFrame ?? _contentFrame;</c>): the object's
    /// own state is not set up, a call made out of order (a bug of the caller), not a way the work fails
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeGuardingItsUnsetField_NoDiagnostic, CalleeGuardingAFetchedValue_Reports).
    /// </summary>
    private static bool IsNullCheckOfOwnState(IOperation throwOperation)
    {
        var state = NullTestedBy(throwOperation)?.WalkDownConversions();
        if (state is ILocalReferenceOperation { Local: var local } reference)
        {
            state = local.FindSingleInitializer(reference)?.WalkDownConversions();
            if (state is ICoalesceOperation { Value: var first, WhenNull: var fallback } && first.WalkDownConversions() is IParameterReferenceOperation)
            {
                state = fallback.WalkDownConversions();
            }
        }

        // if (Client is null) throw ...: the same for an auto-property of the object (its stored state)
        // (UnguardedAsyncVoidHandlerAnalyzerTests.HandlerGuardingUnsetAutoProperty_NoDiagnostic).
        return state is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }
            || (state is IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: { IsIndexer: false } property } && IsAutoProperty(property));
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.Length != 1
            || property.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors })
        {
            return false;
        }

        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>var w = Activator.CreateInstance(typeof(TWindow), viewModel); if (w == null) throw ...;</c>: the throw guards against a null
    /// that a creation never gives (<c>CreateInstance</c> of a type that is not <c>Nullable&lt;T&gt;</c> returns the instance or
    /// throws), so only the creation itself can fail
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeNullCheckingTheInstanceItCreated_NoDiagnostic).
    /// </summary>
    private static bool IsNullCheckOfMadeInstance(IOperation throwOperation)
    {
        return NullTestedBy(throwOperation)?.WalkDownConversions() is ILocalReferenceOperation { Local: var local } reference
            && local.FindSingleInitializer(reference)?.WalkDownConversions() is IInvocationOperation
            {
                TargetMethod: { Name: "CreateInstance", ContainingType: { Name: "Activator" } activator }, Arguments.Length: > 0,
            } create
            && activator.IsInNamespace("System")
            && create.Arguments[0].Value.WalkDownConversions() is ITypeOfOperation { TypeOperand: { } made }
            && made.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
            && (made is not ITypeParameterSymbol parameter || parameter.HasReferenceTypeConstraint || parameter.ConstraintTypes.Length > 0);
    }

    /// <summary>
    /// The throw sits in a branch of an <c>if</c> (or <c>?:</c>) whose condition asks which thread runs the code:
    /// <c>IsOnMainThread</c>, <c>CheckAccess()</c>, <c>InvokeRequired</c>, <c>HasThreadAccess</c>.
    /// </summary>
    private static bool IsThreadAffinityCheck(IOperation throwOperation)
    {
        for (IOperation? child = throwOperation, parent = throwOperation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyBaseOperation)
            {
                return false;
            }

            if (parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, child))
            {
                foreach (var part in conditional.Condition.DescendantsAndSelf())
                {
                    var name = part switch
                    {
                        IPropertyReferenceOperation property => property.Property.Name,
                        IInvocationOperation invocation => invocation.TargetMethod.Name,
                        _ => null,
                    };
                    if (name is "IsOnMainThread" or "IsOnUIThread" or "IsMainThread" or "IsUIThread" or "CheckAccess" or "InvokeRequired" or "HasThreadAccess")
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The throw is the member's whole body: <c>{ throw ...; }</c>, or <c>=&gt; throw ...;</c> (a statement in a void member, the
    /// returned value in any other).
    /// </summary>
    private static bool IsWholeBody(IOperation throwOperation)
    {
        var statement = throwOperation.Parent is IExpressionStatementOperation or IReturnOperation ? throwOperation.Parent : throwOperation;
        return statement.Parent is IBlockOperation { Parent: IMethodBodyBaseOperation or null, Operations.Length: 1 } block
            && block.Syntax.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
                or ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax };
    }

    private static bool IsTypeSwitch(ISwitchExpressionOperation switchExpression)
    {
        var typeArms = 0;
        foreach (var arm in switchExpression.Arms)
        {
            switch (arm.Pattern)
            {
                case IDeclarationPatternOperation or ITypePatternOperation:
                    typeArms++;
                    break;
                case IDiscardPatternOperation:
                case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } }:
                    break;
                default:
                    return false;
            }
        }

        return typeArms > 0;
    }

    /// <summary>
    /// A cast that only restates how the code is wired, and fails only on a wiring bug: <c>(MainViewModel)DataContext</c>,
    /// <c>(Button)sender</c> in a handler, <c>(byte[])e.NewValue</c> in a dependency property's change callback, a resource
    /// looked up by its key, and the casts a
    /// source generator writes (UnguardedAsyncVoidHandlerAnalyzerTests.DataContextCastAfterAwait_NoDiagnostic,
    /// SenderCastAfterAwait_NoDiagnostic, PropertyChangedCallbackNewValueCast_NoDiagnostic, CastOfObjectFieldAfterAwait_Reports).
    /// </summary>
    private static bool IsWiringCast(IConversionOperation conversion)
    {
        var operand = conversion.Operand.WalkDownConversions();
        if (operand is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(operand)?.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "CreateInstance" } madeHere)
        {
            operand = madeHere;
        }

        switch (operand)
        {
            case IPropertyReferenceOperation { Property.Name: "DataContext" or "BindingContext" }:
                return true;
            case IParameterReferenceOperation { Parameter: { Ordinal: 0, Name: "sender", Type.SpecialType: SpecialType.System_Object } }:
                return true;

            // (TWindow)Activator.CreateInstance(typeof(TWindow)): the instance is of the type it was made from
            // (UnobservedFireAndForgetAnalyzerTests.CalleeCastingInstanceItCreatedFromTheSameType_NoDiagnostic).
            case IInvocationOperation { TargetMethod: { Name: "CreateInstance", ContainingType.Name: "Activator" }, Arguments.Length: > 0 } create
                when create.Arguments[0].Value.WalkDownConversions() is ITypeOfOperation { TypeOperand: var made }
                    && SymbolEqualityComparer.Default.Equals(made, conversion.Type):
                return true;
            case IPropertyReferenceOperation { Property: { Name: "NewValue" or "OldValue", ContainingType.Name: var argsType } }
                when argsType.EndsWith("PropertyChangedEventArgs", System.StringComparison.Ordinal):
                return true;

            // token.Register(s => ((TaskCompletionSource<bool>)s!).TrySetCanceled(), tcs): the state handed in beside the callback
            // (UnguardedAsyncVoidHandlerAnalyzerTests.CastOfCallbackStateAfterAwait_NoDiagnostic).
            case IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Object, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } callback } }
                when conversion.Type is { } target && IsStateOfCallback(conversion, callback, target):
                return true;

            // (Style)Application.Current.Resources["CardStyle"], (Brush)FindResource("Accent"): the application's own resources,
            // declared in its XAML (UnguardedAsyncVoidHandlerAnalyzerTests.CastOfApplicationResourceAfterAwait_NoDiagnostic).
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when IsResourceLookup(indexer):
                return true;
            case IInvocationOperation { TargetMethod.Name: "FindResource" }:
                return true;
        }

        return IsTypeCheckedBefore(conversion, operand) || IsGeneratedFile(conversion.Syntax.SyntaxTree);
    }

    /// <summary>
    /// <c>if (!typeof(TEvent).IsAssignableFrom(@event.GetType())) return false; ... (TEvent)@event</c>, also <c>if (@event is not
    /// TEvent) return;</c> and <c>if (!(@event is TEvent)) throw ...;</c>: an earlier statement of the function leaves it unless the
    /// parameter or local (never written) is of the cast's type (UnobservedFireAndForgetAnalyzerTests.CalleeCastingAfterTypeCheck_NoDiagnostic,
    /// CalleeCastingAfterCheckOfAnotherType_Reports).
    /// </summary>
    private static bool IsTypeCheckedBefore(IConversionOperation conversion, IOperation operand)
    {
        if (operand.ReferencedLocalOrParameter() is not { } variable || conversion.Type is not { } target
            || (variable is ILocalSymbol local && local.DeclarationOf(operand, out var written) is not null && written))
        {
            return false;
        }

        for (IOperation current = conversion; current.Parent is { } parent; current = parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (parent is not IBlockOperation block)
            {
                continue;
            }

            foreach (var statement in block.Operations)
            {
                if (ReferenceEquals(statement, current))
                {
                    break;
                }

                if (statement is IConditionalOperation { WhenFalse: null, Condition: var condition, WhenTrue: var exit } && LeavesFunction(exit)
                    && FailsUnlessOfType(condition, variable, target))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool LeavesFunction(IOperation branch) => branch switch
    {
        IReturnOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: 1 } single => LeavesFunction(single.Operations[0]),
        _ => false,
    };

    /// <summary>The condition is true whenever the variable is not of the type: <c>!(x is T)</c>, <c>x is not T</c>, <c>!typeof(T).IsAssignableFrom(x.GetType())</c>.</summary>
    private static bool FailsUnlessOfType(IOperation condition, ISymbol variable, ITypeSymbol target)
    {
        var tested = condition.WalkDownConversions();
        if (tested is IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: ITypePatternOperation { MatchedType: var negatedType } }, Value: var negatedValue })
        {
            return IsVariable(negatedValue, variable) && SymbolEqualityComparer.Default.Equals(negatedType, target);
        }

        if (tested is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var inner })
        {
            return false;
        }

        return inner.WalkDownConversions() switch
        {
            IIsTypeOperation { ValueOperand: var value, TypeOperand: var type } => IsVariable(value, variable) && SymbolEqualityComparer.Default.Equals(type, target),
            IIsPatternOperation { Value: var value, Pattern: ITypePatternOperation { MatchedType: var type } } => IsVariable(value, variable) && SymbolEqualityComparer.Default.Equals(type, target),
            IInvocationOperation { TargetMethod.Name: "IsAssignableFrom", Instance: ITypeOfOperation { TypeOperand: var type }, Arguments.Length: 1 } assignable =>
                SymbolEqualityComparer.Default.Equals(type, target)
                && assignable.Arguments[0].Value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "GetType", Instance: { } instance } && IsVariable(instance, variable),
            _ => false,
        };
    }

    private static bool IsVariable(IOperation value, ISymbol variable) =>
        SymbolEqualityComparer.Default.Equals(value.ReferencedLocalOrParameter(), variable);

    /// <summary>The lambda is an argument of a call that also passes, as another argument, a value of the cast's target type: its state.</summary>
    private static ITypeSymbol WithoutTupleNames(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsTupleType: true, TupleUnderlyingType: { } underlying } ? underlying : type;

    private static bool IsStateOfCallback(IOperation cast, IMethodSymbol callback, ITypeSymbol target)
    {
        for (var current = cast.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation lambda || !SymbolEqualityComparer.Default.Equals(lambda.Symbol, callback))
            {
                continue;
            }

            var arguments = lambda.DelegateUse() switch
            {
                IArgumentOperation { Parent: IInvocationOperation call } => call.Arguments,
                IArgumentOperation { Parent: IObjectCreationOperation creation } => creation.Arguments,
                _ => default,
            };

            foreach (var argument in arguments.IsDefault ? System.Collections.Immutable.ImmutableArray<IArgumentOperation>.Empty : arguments)
            {
                // A tuple is compared without its element names: (this, socket, endPoint) handed in is a (Listener, Socket, IPEndPoint).
                for (var stateType = argument.Value.WalkDownConversions().Type; stateType is not null; stateType = stateType.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(WithoutTupleNames(stateType), WithoutTupleNames(target)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        return false;
    }

    /// <summary><c>Resources["CardStyle"]</c>: a XAML resource dictionary read by key, the application's own wiring.</summary>
    private static bool IsResourceLookup(IPropertyReferenceOperation indexer) =>
        IsResourceDictionary(indexer.Property.ContainingType) || IsResourceDictionary(indexer.Instance?.Type);

    private static bool IsResourceDictionary(ITypeSymbol? type) => type is not null && type.Name.EndsWith("ResourceDictionary", System.StringComparison.Ordinal);

    private static bool IsGeneratedFile(SyntaxTree tree)
    {
        var path = tree.FilePath;
        if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", System.StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".designer.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var trivia in tree.GetRoot().GetLeadingTrivia())
        {
            if (trivia.ToString().IndexOf("<auto-generated", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an awaitable call hands over a token that can be canceled and is not merely forwarded: not the default value, not
    /// <c>default</c> or <c>CancellationToken.None</c>, and, in a callee the walk entered, not the method's own token parameter.
    /// </summary>
    private bool PassesOwnToken(IInvocationOperation call, Walk walk)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, _symbols.CancellationToken)
                && !IsForwardedToken(argument.Value, walk)
                && !IsNeverCanceled(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A token parameter of a method the walk entered through a call: the caller decides whether it can be canceled.</summary>
    private static bool IsForwardedToken(IOperation? token, Walk walk) =>
        walk.Remaining < EvidenceDepth && !walk.LiveToken
        && token?.WalkDownConversions() is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction } };

    private bool IsNeverCanceled(IOperation token) =>
        token.WalkDownConversions() switch
        {
            IDefaultValueOperation => true,
            IPropertyReferenceOperation { Property: { IsStatic: true, Name: "None" } property } => SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.CancellationToken),
            IObjectCreationOperation { Arguments.Length: 0 } => true,
            _ => false,
        };

    /// <summary><c>myapp:</c>, <c>https://</c>: letters, then letters, digits, '+', '-' or '.', then ':'.</summary>
    private static bool StartsWithScheme(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                return i > 0;
            }

            if (!(char.IsLetter(c) || (i > 0 && (char.IsDigit(c) || c is '+' or '-' or '.'))))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsEscaped(IOperation hole) =>
        hole.WalkDownConversions() is IInvocationOperation { TargetMethod: { Name: "EscapeDataString", IsStatic: true, ContainingType: { Name: "Uri" } uri } }
        && uri.IsInNamespace("System");

    /// <summary>
    /// The call sits in the body of a try with a catch of <c>OperationCanceledException</c> (or a base of it) that does not rethrow;
    /// for <c>Task.Delay</c>, whose canceled task throws <c>TaskCanceledException</c>, a catch of that type is enough
    /// (UnguardedAsyncVoidHandlerAnalyzerTests.DelayInsideCatchOfTaskCanceledException_NoDiagnostic).
    /// </summary>
    private bool CatchesCancellation(IOperation operation) =>
        _symbols.OperationCanceledException is { } canceled
        && IsCaughtAround(operation, caught => canceled.InheritsFromOrEquals(caught) || (IsTaskDelay(operation) && caught.InheritsFromOrEquals(canceled)), filtered: false);

    private bool IsTaskDelay(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod: { Name: "Delay", IsStatic: true } delay } && SymbolEqualityComparer.Default.Equals(delay.ContainingType, _symbols.Task);

    /// <summary>
    /// A parse in the body of a try that catches how parsing fails (<c>FormatException</c> and its kin such as
    /// <c>UriFormatException</c>, <c>JsonException</c>, <c>XmlException</c>, <c>OverflowException</c>, <c>ArgumentException</c>), by
    /// type or by a filter that names it (<c>catch (Exception ex) when (ex is UriFormatException || ex is ArgumentException)</c>)
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeParsingInsideCatchOfFormatException_NoDiagnostic).
    /// </summary>
    private static bool CatchesParseFailure(IOperation operation) => IsCaughtAround(operation, IsParseFailure, filtered: true);

    /// <summary>
    /// A call into a third-party library inside a try that catches that library's own root exception type
    /// (<c>catch (LibGit2SharpException)</c> around <c>new Repository(path)</c>): how the library reports failure is handled. The
    /// framework's assemblies are not taken: their calls fail in many ways, of many types
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeCatchingTheLibrarysOwnException_NoDiagnostic, CalleeCatchingAnotherLibrarysException_Reports,
    /// CalleeCatchingANarrowExceptionOfTheLibrary_Reports).
    /// </summary>
    private static bool CatchesLibraryFailure(IOperation operation, INamedTypeSymbol? libraryType)
    {
        if (libraryType?.ContainingAssembly is not { } library || IsFrameworkAssembly(library))
        {
            return false;
        }

        // The library's topmost exception type (its base lies outside the library): a catch of a narrower one
        // (PostgresException under NpgsqlException) leaves the others to escape.
        return IsCaughtAround(
            operation,
            caught => SymbolEqualityComparer.Default.Equals(caught.ContainingAssembly, library)
                && !SymbolEqualityComparer.Default.Equals(caught.BaseType?.ContainingAssembly, library),
            filtered: true);
    }

    /// <summary>
    /// <c>process.Start()</c>, <c>await process.WaitForExitAsync(token)</c> inside catches of both ways a process call fails: the OS
    /// refusing it (<c>Win32Exception</c>, a canceled elevation prompt) and the process not being in the state the call needs
    /// (<c>InvalidOperationException</c>); cancellation is read on its own
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeCatchingHowProcessCallsFail_NoDiagnostic, CalleeCatchingOnlyTheRefusedStart_Reports).
    /// </summary>
    private static bool CatchesProcessFailure(IInvocationOperation call) =>
        call.TargetMethod.ContainingType is { Name: "Process" } process && process.IsInNamespace("System", "Diagnostics")
        && IsCaughtAround(call, caught => caught.Name is "Win32Exception" or "ExternalException" or "SystemException", filtered: true)
        && IsCaughtAround(call, caught => caught.Name is "InvalidOperationException" or "SystemException", filtered: true);

    private static bool IsFrameworkAssembly(IAssemblySymbol assembly)
    {
        var name = assembly.Identity.Name;
        return name is "mscorlib" or "netstandard" || name.StartsWith("System", System.StringComparison.Ordinal)
            || name.StartsWith("Microsoft.", System.StringComparison.Ordinal) || name.StartsWith("Windows", System.StringComparison.Ordinal);
    }

    private static bool IsParseFailure(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "FormatException" or "JsonException" or "XmlException" or "OverflowException" or "ArgumentException")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The operation sits in the body of a try with a catch, not rethrowing, of a type <paramref name="handles"/> accepts; with
    /// <paramref name="filtered"/>, also a catch whose filter names such a type (<c>when (ex is A || ex is B)</c>).
    /// </summary>
    private static bool IsCaughtAround(IOperation operation, System.Func<INamedTypeSymbol, bool> handles, bool filtered)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is not ITryOperation tryOperation || !ReferenceEquals(tryOperation.Body, child))
            {
                continue;
            }

            foreach (var clause in tryOperation.Catches)
            {
                if (clause.ExceptionType is not INamedTypeSymbol caught || CatchAllCoverage.ContainsThrow(clause.Handler))
                {
                    continue;
                }

                if ((clause.Filter is null && handles(caught)) || (filtered && clause.Filter is { } filter && FilterNames(filter, handles)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>ex is A</c>, <c>ex is A a</c>, <c>ex is A || ex is B</c>: a filter that accepts a type <paramref name="handles"/> accepts.</summary>
    private static bool FilterNames(IOperation filter, System.Func<INamedTypeSymbol, bool> handles) => filter switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => FilterNames(or.LeftOperand, handles) || FilterNames(or.RightOperand, handles),
        IIsTypeOperation { IsNegated: false, TypeOperand: INamedTypeSymbol named } => handles(named),
        IIsPatternOperation { Pattern: ITypePatternOperation { MatchedType: INamedTypeSymbol named } } => handles(named),
        IIsPatternOperation { Pattern: IDeclarationPatternOperation { MatchedType: INamedTypeSymbol named } } => handles(named),
        _ => false,
    };

    private bool IsDroppedTask(IOperation operation) =>
        operation is IInvocationOperation call && _symbols.IsTaskLike(call.Type)
        && (call.WalkUpConversions().Parent is IExpressionStatementOperation or ISimpleAssignmentOperation { Target: IDiscardOperation }
            || IsForgottenByHelper(call));

    /// <summary>
    /// <c>Task.Run(...).FireAndForget();</c>: a task handed, as a statement, to a helper of the compilation that only discards it;
    /// it does not fault the body either (ASYNC402 reports the helper's call on its own)
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeForgettingDetachedWorkWithHelper_NoDiagnostic).
    /// </summary>
    private bool IsForgottenByHelper(IInvocationOperation task) =>
        task.WalkUpConversions().Parent is IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation helper }
        && helper.WalkUpConversions().Parent is IExpressionStatementOperation
        && IgnoresParameter(helper.TargetMethod, parameter, helper).IsYes;

    /// <summary>
    /// The one method an invocation that did not bind was meant to call, when it is declared in the compilation and not
    /// overridable (so its body is the one that runs); null otherwise.
    /// </summary>
    private static IMethodSymbol? OwnCandidate(IOperation invalid)
    {
        var info = invalid is IInvalidOperation ? SymbolInfoOfCall(invalid) : default;
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        return symbol is IMethodSymbol { IsAbstract: false, IsVirtual: false, IsOverride: false } method && method.DeclaringSyntaxReferences.Length > 0
            ? method
            : null;
    }

    /// <summary>What the binder made of an invocation that did not bind (its candidates); empty for anything else.</summary>
    private static SymbolInfo SymbolInfoOfCall(IOperation invalid) =>
        invalid.SemanticModel is { } model && invalid.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation
            ? model.GetSymbolInfo(invocation)
            : default;

    /// <summary>
    /// The boolean members of the call's receiver that the code around the call has just found true:
    /// <c>if (settings.ShowDetails &amp;&amp; data.AddressValid) _ = data.QueryAsync();</c> gives <c>AddressValid</c>. Null when none.
    /// </summary>
    private static List<ISymbol>? MembersCheckedBefore(IInvocationOperation call)
    {
        if (ReceiverSymbol(call.Instance) is not { } receiver)
        {
            return null;
        }

        List<ISymbol>? members = null;
        IOperation inner = call;
        foreach (var ancestor in call.AncestorsInSameFunction())
        {
            if (ancestor is IConditionalOperation { WhenTrue: var whenTrue, Condition: var condition } && ReferenceEquals(whenTrue, inner))
            {
                AddCheckedMembers(condition, receiver, ref members);
            }

            // if (!value.IsFaultedOrCanceled) { ...; return true; } value.Evict();: an early exit on the negation before the call.
            if (ancestor is IBlockOperation block)
            {
                foreach (var statement in block.Operations)
                {
                    if (ReferenceEquals(statement, inner))
                    {
                        break;
                    }

                    if (statement is IConditionalOperation { WhenFalse: null, WhenTrue: var exit, Condition: IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var negated } }
                        && exit.EndsInReturnOrThrow())
                    {
                        AddCheckedMembers(negated, receiver, ref members);
                    }
                }
            }

            inner = ancestor;
        }

        return members;
    }

    private static void AddCheckedMembers(IOperation condition, ISymbol receiver, ref List<ISymbol>? members)
    {
        switch (condition.WalkDownConversions())
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd, OperatorMethod: null } and:
                AddCheckedMembers(and.LeftOperand, receiver, ref members);
                AddCheckedMembers(and.RightOperand, receiver, ref members);
                break;
            case IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_Boolean } property, Instance: var instance }
                when SymbolEqualityComparer.Default.Equals(ReceiverSymbol(instance), receiver):
                (members ??= new List<ISymbol>()).Add(property);
                break;
            case IFieldReferenceOperation { Field: { Type.SpecialType: SpecialType.System_Boolean } field, Instance: var instance }
                when SymbolEqualityComparer.Default.Equals(ReceiverSymbol(instance), receiver):
                (members ??= new List<ISymbol>()).Add(field);
                break;
        }
    }

    /// <summary>The local, parameter, field or property (read through <c>this</c> or statically) an instance is read from.</summary>
    private static ISymbol? ReceiverSymbol(IOperation? instance) => instance?.WalkDownConversions() switch
    {
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: var property } => property,
        var other => other.ReferencedVariable(),
    };

    /// <summary>
    /// A condition on the instance's own boolean member that cannot hold when a member the caller found true does: both are
    /// properties of the compilation whose getter only tests the status of the same task (<c>HasValue =&gt; _value.Task.Status ==
    /// TaskStatus.RanToCompletion</c> against <c>IsFaultedOrCanceled =&gt; _value.Task.IsFaulted || _value.Task.IsCanceled</c>).
    /// </summary>
    private bool ExcludedByCheckedMembers(IOperation condition, List<ISymbol> checkedMembers)
    {
        if (condition.WalkDownConversions() is not IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: var tested }
            || TaskStatesOf(tested, condition) is not { } testedStates)
        {
            return false;
        }

        foreach (var member in checkedMembers)
        {
            // The caller may have checked the interface's property; the callee's type implements it.
            var checkedProperty = member is IPropertySymbol { ContainingType.TypeKind: TypeKind.Interface } declared
                ? tested.ContainingType.FindImplementationForInterfaceMember(declared) as IPropertySymbol
                : member as IPropertySymbol;
            if (checkedProperty is not null && TaskStatesOf(checkedProperty, condition) is { } checkedStates
                && checkedStates.Path == testedStates.Path && (checkedStates.States & testedStates.States) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The task a source property's getter tests, and the states in which the test is true; null for anything else.</summary>
    private (string Path, int States)? TaskStatesOf(IPropertySymbol property, IOperation use) =>
        property.GetMethod is { } getter && _bodies.BodyOf(getter, use) is { IsExpressionBodied: true, Block.Operations: { Length: 1 } statements }
        && statements[0] is IReturnOperation { ReturnedValue: { } returned }
            ? TaskStates(returned)
            : null;

    private const int RanToCompletion = 1, Faulted = 2, Canceled = 4;

    private (string Path, int States)? TaskStates(IOperation test)
    {
        switch (test.WalkDownConversions())
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr, LeftOperand: var left, RightOperand: var right }:
                return TaskStates(left) is { } l && TaskStates(right) is { } r && l.Path == r.Path ? (l.Path, l.States | r.States) : null;
            case IPropertyReferenceOperation { Property.Name: var name, Instance: { } task } when _symbols.IsTaskLike(task.Type):
                return name switch
                {
                    "IsCompletedSuccessfully" => (task.Syntax.ToString(), RanToCompletion),
                    "IsFaulted" => (task.Syntax.ToString(), Faulted),
                    "IsCanceled" => (task.Syntax.ToString(), Canceled),
                    _ => null,
                };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals, LeftOperand: IPropertyReferenceOperation { Property.Name: "Status", Instance: { } task }, RightOperand: var status }
                when _symbols.IsTaskLike(task.Type) && status.WalkDownConversions() is IFieldReferenceOperation { Field.Name: var state }:
                return state switch
                {
                    "RanToCompletion" => (task.Syntax.ToString(), RanToCompletion),
                    "Faulted" => (task.Syntax.ToString(), Faulted),
                    "Canceled" => (task.Syntax.ToString(), Canceled),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary><c>if (!AddressValid) throw ...;</c> on the instance's own member, one the caller found true.</summary>
    private static bool IsPreconditionOn(IOperation throwOperation, List<ISymbol> members)
    {
        var statement = throwOperation.WalkUpConversions();
        if (statement.Parent is IExpressionStatementOperation expressionStatement)
        {
            statement = expressionStatement;
        }

        if (statement.Parent is IBlockOperation { Operations.Length: 1 } block)
        {
            statement = block;
        }

        return statement.Parent is IConditionalOperation { WhenFalse: null, Condition: var condition } conditional && ReferenceEquals(conditional.WhenTrue, statement)
            && condition.WalkDownConversions() is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var negated }
            && negated.WalkDownConversions() switch
            {
                IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: var property } => System.Linq.Enumerable.Contains(members, property, SymbolEqualityComparer.Default),
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation, Field: var field } => System.Linq.Enumerable.Contains(members, field, SymbolEqualityComparer.Default),
                _ => false,
            };
    }

    /// <summary>A call that does not bind, among whose candidates is a method of the compilation.</summary>
    private static bool HasOwnCandidate(IInvalidOperation invalid)
    {
        foreach (var candidate in SymbolInfoOfCall(invalid).CandidateSymbols)
        {
            if (candidate is IMethodSymbol && candidate.DeclaringSyntaxReferences.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HandsOverLambda(IOperation operation)
    {
        foreach (var child in operation.WalkDownConversions().ChildOperations)
        {
            var value = (child is IArgumentOperation argument ? argument.Value : child).WalkDownConversions();
            if (value is IAnonymousFunctionOperation or IDelegateCreationOperation)
            {
                return true;
            }
        }

        return false;
    }


    /// <summary>
    /// <c>var block = new ActionBlock&lt;T&gt;(body, options)</c> with <c>body</c> a delegate parameter of the method: the block runs
    /// the caller's delegate.
    /// </summary>
    private static bool IsBuiltFromDelegateParameter(ILocalSymbol local, IOperation use)
    {
        if (local.FindSingleInitializer(use)?.WalkDownConversions() is not IObjectCreationOperation creation)
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IParameterReferenceOperation { Parameter.Type.TypeKind: TypeKind.Delegate })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every argument is the application's own value, not input (<c>new Uri(AppInfo.IconPath)</c>): a parse of it is no evidence
    /// (UnobservedFireAndForgetAnalyzerTests.CalleeParsingOwnStaticAddress_NoDiagnostic, CalleeParsingOwnIconLookup_NoDiagnostic).
    /// </summary>
    private static bool AllOwnValues(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsOwnValue(argument.Value, hops: 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A constant, an enum value or a flag; a static property or field of the compilation; a static method of the compilation
    /// called with such values (<c>Icons.For(item.Section)</c>), also behind <c>?? throw</c>; a local initialized with one of these;
    /// a choice between two of them; an interpolated string whose holes are such values, numbers or <c>Uri.EscapeDataString(...)</c>.
    /// </summary>
    private static bool IsOwnValue(IOperation value, int hops)
    {
        value = value.WalkDownConversions();

        // Icons.For(item.Section), Themes.Get(isDark): an enum or a flag picks one of the program's own values.
        if (value.ConstantValue.HasValue || value.Type is { TypeKind: TypeKind.Enum } or { SpecialType: SpecialType.System_Boolean })
        {
            return true;
        }

        switch (value)
        {
            case IPropertyReferenceOperation { Instance: null, Property: var property }:
                return property.DeclaringSyntaxReferences.Length > 0;
            case IFieldReferenceOperation { Instance: null, Field: var field }:
                return field.DeclaringSyntaxReferences.Length > 0;
            case ICoalesceOperation { Value: var inner, WhenNull: var whenNull } when whenNull.WalkDownConversions() is IThrowOperation:
                return IsOwnValue(inner, hops);
            case IInvocationOperation { Instance: null, TargetMethod: var method } call when method.DeclaringSyntaxReferences.Length > 0:
                foreach (var argument in call.Arguments)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && !IsOwnValue(argument.Value, hops))
                    {
                        return false;
                    }
                }

                return true;
            case ILocalReferenceOperation { Local: var local } when hops < 3:
                return local.FindSingleInitializer(value) is { } initial && IsOwnValue(initial, hops + 1);

            // dropped ? $"&x={x}" : "": either branch the program's own.
            case IConditionalOperation { WhenTrue: var whenTrue, WhenFalse: { } whenFalse }:
                return IsOwnValue(whenTrue, hops) && IsOwnValue(whenFalse, hops);

            // $"myapp:?folder={Uri.EscapeDataString(path)}&x={x}": an address in the program's own scheme whose holes are escaped,
            // numbers or own values is well formed (UnobservedFireAndForgetAnalyzerTests.CalleeParsingOwnSchemeAddressWithEscapedParts_NoDiagnostic, CalleeParsingEscapedTextWithoutScheme_Reports).
            case IInterpolatedStringOperation { Parts: var parts }:
                var escapedHoles = false;
                foreach (var part in parts)
                {
                    if (part is IInterpolationOperation { Expression: var hole } && !IsOwnValue(hole, hops)
                        && hole.WalkDownConversions().Type?.SpecialType is not (>= SpecialType.System_SByte and <= SpecialType.System_Double))
                    {
                        if (!IsEscaped(hole))
                        {
                            return false;
                        }

                        escapedHoles = true;
                    }
                }

                // An escaped value alone is no address: the text must start with the scheme.
                return !escapedHoles || (parts.Length > 0 && parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string head } && StartsWithScheme(head));
        }

        return false;
    }

    /// <summary>
    /// Is the operation reached only when the field is not null: inside <c>if (_task is not null)</c> (or <c>!= null</c>,
    /// <c>is { }</c>, a conjunct of such a condition), after <c>if (_task is null) return;</c> in an enclosing block, or in the
    /// statement right after one that gives the field a value (<c>_task = CloseAsync(); await _task;</c>)?
    /// </summary>
    private static bool NullCheckedBefore(IOperation operation, IFieldSymbol field)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when ReferenceEquals(conditional.WhenTrue, current) && ShowsNull(conditional.Condition, field, expected: false):
                    return true;
                case IBlockOperation block:
                    IOperation? previous = null;
                    foreach (var statement in block.Operations)
                    {
                        if (ReferenceEquals(statement, current))
                        {
                            // _closeTask = CloseInternalAsync(); await _closeTask;: given a task by the statement just before
                            // (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsPrivateFieldItJustAssigned_NoDiagnostic).
                            if (previous is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } target, Value: var given } }
                                && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field.OriginalDefinition)
                                && given.WalkDownConversions() is not ({ ConstantValue.HasValue: true } or IDefaultValueOperation))
                            {
                                return true;
                            }

                            break;
                        }

                        if (statement is IConditionalOperation { WhenFalse: null, WhenTrue: var exit } guard && exit.EndsInReturnOrThrow() && ShowsNull(guard.Condition, field, expected: true))
                        {
                            return true;
                        }

                        previous = statement;
                    }

                    break;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Does the condition, when it is <paramref name="expected"/>, prove the field null (true) or not null (false)?</summary>
    private static bool ShowsNull(IOperation condition, IFieldSymbol field, bool expected)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when !expected:
                return ShowsNull(both.LeftOperand, field, expected) || ShowsNull(both.RightOperand, field, expected);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when expected:
                return ShowsNull(either.LeftOperand, field, expected) || ShowsNull(either.RightOperand, field, expected);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var isEquals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                return isEquals == expected
                    && ((IsFieldOfThis(comparison.LeftOperand, field) && IsNull(comparison.RightOperand))
                        || (IsFieldOfThis(comparison.RightOperand, field) && IsNull(comparison.LeftOperand)));
            case IIsPatternOperation { Value: var value, Pattern: var pattern } when IsFieldOfThis(value, field):
                return expected
                    ? pattern is IConstantPatternOperation { Value: var constant } && IsNull(constant)
                    : pattern is INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var negated } } && IsNull(negated)
                        || pattern is IRecursivePatternOperation or ITypePatternOperation or IDeclarationPatternOperation { MatchesNull: false };
            default:
                return false;
        }
    }

    private static bool IsFieldOfThis(IOperation operation, IFieldSymbol field) =>
        operation.WalkDownConversions() is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } reference
        && SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field.OriginalDefinition);

    private static bool IsNull(IOperation operation) => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: null };

    private static bool IsAssignmentTarget(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, operation);

    private static bool IsDictionary(INamedTypeSymbol? type)
    {
        // match.Groups[1], match.Groups["sha"]: a regex's groups answer an empty, unsuccessful group for a number or name the pattern
        // does not have, and never throw (UnguardedAsyncVoidHandlerAnalyzerTests.AwaitsThenReadsRegexGroup_NoDiagnostic).
        if (type is null || IsLenientLookup(type))
        {
            return false;
        }

        if (IsDictionaryInterface(type))
        {
            return true;
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (IsDictionaryInterface(iface))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLenientLookup(INamedTypeSymbol type) =>
        type.Name == "GroupCollection" && type.IsInNamespace("System", "Text", "RegularExpressions");

    private static bool IsDictionaryInterface(INamedTypeSymbol type) =>
        type is { Name: "IDictionary" or "IReadOnlyDictionary", Arity: 2 } && type.IsInNamespace("System", "Collections", "Generic");
}
