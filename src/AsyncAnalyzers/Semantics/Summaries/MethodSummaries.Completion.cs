using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// Facts about completion: does a call hand back a task that is already complete, is a helper's body a status test, does a
/// helper hand back its argument. They answer <see cref="ICallFacts"/>, what the body-level completion analysis
/// (<see cref="CompletedTasks"/>) asks about other methods.
/// </summary>
internal sealed partial class MethodSummaries : ICallFacts
{
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _mayReturnIncomplete = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _mayReturnIncompleteAllTheWay = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _returnedCondition = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _returnedParameter = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _neverReturns = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _straightBody = new(SymbolEqualityComparer.Default);

    private ICallFacts? _ownImplementationsOnly;

    /// <summary>
    /// The same facts, except that a call completes synchronously by its callee's body only where no other assembly can supply that
    /// body: a non-virtual method, a local function, or an interface, abstract or virtual method not visible outside this assembly
    /// (calls passing the synchronous mode value and tasks complete by construction still count). ASYNC208 asks this: a public
    /// <c>IPriceCache.TryGetPriceAsync</c> whose one implementation here wraps a result may be a pooled <c>IValueTaskSource</c> in
    /// another project's implementation (ValueTaskConsumedOnceAnalyzerTests.ResultOfPublicInterfaceMethodWithCompletedImplementationHere_Reports,
    /// ValueTaskConsumedOnceAnalyzerTests.ResultOfSourceMethodCompleteByConstruction_NoDiagnostic).
    /// </summary>
    public ICallFacts OwnImplementationsOnly => _ownImplementationsOnly ??= new OwnImplementationFacts(this, _symbols);

    private sealed class OwnImplementationFacts : ICallFacts
    {
        private readonly MethodSummaries _summaries;
        private readonly AsyncSymbols _symbols;

        public OwnImplementationFacts(MethodSummaries summaries, AsyncSymbols symbols)
        {
            _summaries = summaries;
            _symbols = symbols;
        }

        public IOperation? ReturnedCondition(IMethodSymbol member, IOperation use) => _summaries.ReturnedCondition(member, use);

        public IOperation? ReturnedArgument(IInvocationOperation call) => _summaries.ReturnedArgument(call);

        public bool NeverReturns(IInvocationOperation call) => _summaries.NeverReturns(call);

        public IBlockOperation? StraightBody(IMethodSymbol method, IOperation use) => _summaries.StraightBody(method, use);

        public IReadOnlyList<IOperation>? ReadonlyFieldValues(IFieldSymbol field, IOperation use) => _summaries.ReadonlyFieldValues(field, use);

        public bool CompletesSynchronously(IInvocationOperation call) =>
            DualMode.PassesSynchronousMode(call)
            || CompletedTasks.IsCompletedByConstruction(call, _symbols)
            || (!MayBeImplementedElsewhere(call.TargetMethod) && _summaries.CompletesSynchronously(call));

        private static bool MayBeImplementedElsewhere(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction
                || (method.ContainingType?.TypeKind != TypeKind.Interface && !(method.IsVirtual || method.IsAbstract || (method.IsOverride && !method.IsSealed)))
                || method.ContainingType?.IsSealed == true && method.ContainingType.TypeKind != TypeKind.Interface)
            {
                return false;
            }

            for (ISymbol? current = method; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Is the task this call returns complete when the call returns? Yes for a source method (every implementation, for an
    /// interface or virtual method) that is not async and returns only tasks complete by construction (<c>Task.FromResult</c>,
    /// <c>Task.CompletedTask</c>, <c>Task.FromException</c>) or calls that complete synchronously; or that is async and awaits only
    /// such tasks, in-memory stream operations (<c>resource.CopyToAsync(memory)</c>) and calls passing the synchronous mode value.
    /// Library methods, delegates and anything unread answer no.
    /// </summary>
    public bool CompletesSynchronously(IInvocationOperation call)
    {
        var walk = new Walk(DefaultDepth);
        return Settle(MayReturnIncomplete(call, walk), walk).IsNo;
    }

    /// <summary>
    /// The same question, followed through async callees that await as deep as the bound allows (the syntax shortcut that takes
    /// such a callee to complete later is off): <c>GetReservations(id)</c> awaits <c>PagedList.Create(query)</c>, which awaits a
    /// non-async <c>InitializeAsync</c> that counts the query and returns <c>Task.CompletedTask</c>. Every body of the compilation
    /// the call may run is read (an interface method by its implementations here); a call with no body here answers no. Gather
    /// asks it: awaits that cannot suspend have no latency to overlap
    /// (IndependentAwaitsAnalyzerTests.CallsThatCompleteSynchronouslyThroughHelpers_NoDiagnostic).
    /// </summary>
    public bool CompletesSynchronouslyAllTheWay(IInvocationOperation call)
    {
        if (KnownApis.ReadsRequestAuthentication(call.TargetMethod))
        {
            return true;
        }

        // NoopProjectRepository next to an interface whose real implementation another assembly supplies (a licensed module, a
        // plugin): a null object here says nothing about the body that runs in production
        // (IndependentAwaitsAnalyzerTests.InterfaceWithNullObjectImplementationHere_Reports).
        if (HasNullObjectImplementation(call.TargetMethod, call))
        {
            return false;
        }

        var walk = new Walk(DefaultDepth) { AllTheWay = true };
        return Settle(MayReturnIncomplete(call, walk), walk).IsNo;
    }

    /// <summary>
    /// An implementation of the interface or virtual method that is a null object: its type is named so (<c>Noop</c>,
    /// <c>Null</c>, <c>Empty</c>, <c>Fake</c>, <c>Stub</c>, <c>Dummy</c>, <c>Disabled</c>), or its body only hands back a
    /// completed task of a constant, a default or an empty value.
    /// </summary>
    private bool HasNullObjectImplementation(IMethodSymbol method, IOperation use)
    {
        if (method.ContainingType?.TypeKind != TypeKind.Interface && !(method.IsVirtual || method.IsAbstract || method.IsOverride))
        {
            return false;
        }

        foreach (var implementation in _implementations.Of(method))
        {
            var typeName = implementation.ContainingType?.Name ?? string.Empty;
            foreach (var prefix in NullObjectPrefixes)
            {
                if (typeName.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            if (_bodies.BodyOf(implementation, use) is { Block.Operations: { Length: 1 } statements }
                && statements[0] is IReturnOperation { ReturnedValue: { } returned } && IsEmptyCompletedTask(returned))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] NullObjectPrefixes = { "Noop", "NoOp", "Null", "Empty", "Fake", "Stub", "Dummy", "Disabled", "Nop" };

    /// <summary><c>Task.CompletedTask</c>, <c>Task.FromResult(null)</c>, <c>Task.FromResult(0)</c>, <c>Task.FromResult(new List&lt;T&gt;())</c>, <c>default</c>.</summary>
    private static bool IsEmptyCompletedTask(IOperation returned)
    {
        switch (returned.WalkDownConversions())
        {
            case IPropertyReferenceOperation { Property.Name: "CompletedTask" }:
            case IDefaultValueOperation:
                return true;
            case IInvocationOperation { TargetMethod.Name: "FromResult", Arguments: { Length: 1 } arguments }:
                return arguments[0].Value.WalkDownConversions() switch
                {
                    ILiteralOperation or IDefaultValueOperation => true,
                    IObjectCreationOperation { Arguments.Length: 0, Initializer: null } => true,
                    IInvocationOperation { TargetMethod.Name: "Empty", Arguments.Length: 0 } => true,
                    var value => value.ConstantValue.HasValue,
                };
            default:
                return false;
        }
    }

    /// <summary>
    /// The same question about a method rather than a call (ASYNC103 asks it of a counterpart): Yes when every body a call to
    /// <paramref name="method"/> may run hands back a completed task, No when one may not, Unknown when the answer depended on a
    /// walk cut short. Library methods and bodies this compilation does not have answer No.
    /// </summary>
    public Fact CompletesSynchronously(IMethodSymbol method, IOperation use)
    {
        var walk = new Walk(DefaultDepth);
        var mayReturnIncomplete = method.MethodKind != MethodKind.LocalFunction && method.DeclaringSyntaxReferences.Length == 0 && !HasSourceImplementations(method)
            ? Fact.Yes(use)
            : Settle(OverAllImplementations(method, walk, (m, w) => MethodMayReturnIncomplete(m, use, w), whenNone: Fact.Yes(use)), walk);
        return mayReturnIncomplete.Answer switch
        {
            Answer.No => Fact.Yes(mayReturnIncomplete.Proof),
            Answer.Yes => Fact.No(mayReturnIncomplete.Proof),
            _ => Fact.Unknown,
        };
    }

    /// <summary>Yes when the task may still be running when the call returns; No when it is complete (the proof: the body).</summary>
    private Fact MayReturnIncomplete(IInvocationOperation call, Walk walk)
    {
        if (DualMode.PassesSynchronousMode(call) || CompletedTasks.IsCompletedByConstruction(call, _symbols))
        {
            return Fact.No(call);
        }

        var method = call.TargetMethod;
        // A task, or the compilation's own awaitable (MonoTorrent's ReusableTask), whose body is read the same way.
        if (!_symbols.IsAwaitable(method.ReturnType) || method.MethodKind is MethodKind.DelegateInvoke
            || (method.DeclaringSyntaxReferences.Length == 0 && method.MethodKind != MethodKind.LocalFunction && !HasSourceImplementations(method)))
        {
            return Fact.Yes(call);
        }

        return OverAllImplementations(method, walk, (m, w) => MethodMayReturnIncomplete(m, call, w), whenNone: Fact.Yes(call));
    }

    private Fact MethodMayReturnIncomplete(IMethodSymbol method, IOperation use, Walk walk)
    {
        // GetGuildAsync(id, CacheMode.CacheOnly): a call passing constants is read with the branches they decide taken, so an
        // await guarded by `mode == CacheMode.AllowDownload` is not reached (SyncOverAsyncTests.ResultOfCallWhoseConstantArgumentSkipsEveryAwait_NoDiagnostic,
        // ResultOfCallWhoseConstantArgumentTakesTheAwait_Reports; CompletesSynchronouslyTests.CompletedShapes_AreYes, "a constant argument skips the await").
        // Call-site specific: read afresh, never cached; only an answer of No is taken from it.
        if (use is IInvocationOperation call && ConstantBranches.For(call) is { } constants
            && MayReturnIncompleteUnder(method, call, constants, walk) is { IsNo: true } underConstants)
        {
            return underConstants;
        }

        // Read from syntax first, as binding another body is the costly part: an async method without await completes
        // synchronously; one with awaits, reached through a call of the summarized method's body, is taken to complete later
        // (the summarized method's own awaits are still checked one by one).
        if (method.IsAsync && _bodies.ContainsAwait(method) is { } containsAwait)
        {
            if (!containsAwait)
            {
                return Fact.No(use);
            }

            if (walk.Remaining < DefaultDepth && !walk.AllTheWay)
            {
                return Fact.Yes(use);
            }
        }

        return Summarize(walk.AllTheWay ? _mayReturnIncompleteAllTheWay : _mayReturnIncomplete, method, use, walk, (self, body, innerWalk) => self.BodyMayReturnIncomplete(body, innerWalk), unreadable: Fact.Yes());
    }

    private Fact MayReturnIncompleteUnder(IMethodSymbol method, IInvocationOperation call, Dictionary<int, object?> constants, Walk walk)
    {
        method = method.BodyPart();
        if (walk.Remaining == 0 || !walk.Active.Add(method))
        {
            walk.CutShort = true;
            return Fact.Unknown;
        }

        walk.Remaining--;
        try
        {
            return _bodies.BodyOf(method, call) is { } body ? BodyMayReturnIncomplete(body, walk, new ConstantBranches(body.Method, body.Block, constants)) : Fact.Yes(call);
        }
        finally
        {
            walk.Remaining++;
            walk.Active.Remove(method);
        }
    }

    private Fact BodyMayReturnIncomplete(MethodBody body, Walk walk, ConstantBranches? decided = null)
    {
        if (body.Method.IsAsync)
        {
            // An async method completes synchronously when nothing it awaits can suspend it (CS1998 included).
            foreach (var operation in body.Block.DescendantsInSameFunction())
            {
                if (decided is not null && operation is IAwaitOperation or IForEachLoopOperation or IUsingOperation or IUsingDeclarationOperation && decided.IsUnreachable(operation))
                {
                    continue;
                }

                switch (operation)
                {
                    case IAwaitOperation awaited when !AwaitedCompletes(awaited.Operation, walk):
                    case IForEachLoopOperation { IsAsynchronous: true }:
                    case IUsingOperation { IsAsynchronous: true } asyncUsing when !DisposesInMemory(asyncUsing.Resources):
                    case IUsingDeclarationOperation { IsAsynchronous: true } asyncDeclaration when !DisposesInMemory(asyncDeclaration.DeclarationGroup):
                        return Fact.Yes(operation);
                }
            }

            return Fact.No(body.Block);
        }

        // Not async: the task is whatever the returns hand back.
        var returnsAny = false;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.YieldReturn }:
                    return Fact.Yes(operation);
                case IReturnOperation { Kind: OperationKind.Return } when decided?.IsUnreachable(operation) == true:
                    break;
                case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }:
                    returnsAny = true;
                    if (!ReturnedCompletes(decided?.Taken(returned) ?? returned, walk))
                    {
                        return Fact.Yes(operation);
                    }

                    break;
            }
        }

        // => throw new NotSupportedException(): no task at all, the call throws (CompletesSynchronouslyTests.CompletedShapes_AreYes "throws instead").
        return returnsAny || OnlyThrows(body.Block) ? Fact.No(body.Block) : Fact.Yes(body.Block);
    }

    /// <summary>
    /// <c>await using</c> of streams in memory (a <c>MemoryStream</c>, an embedded resource stream, a wrapper over one): their
    /// <c>DisposeAsync</c> only touches memory and returns a completed task
    /// (BlockingWaitAnalyzerTests.ResultOfAsyncMethodAwaitUsingInMemory_NoDiagnostic).
    /// </summary>
    private bool DisposesInMemory(IOperation resources)
    {
        if (resources is not IVariableDeclarationGroupOperation group)
        {
            return IsInMemoryStream(resources);
        }

        var any = false;
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (declarator.Initializer?.Value is not { } value || !IsInMemoryStream(value))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private static bool OnlyThrows(IBlockOperation block) =>
        block.Operations.Length > 0
        && block.Operations[block.Operations.Length - 1] is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } or IReturnOperation { ReturnedValue: IThrowOperation };

    private bool ReturnedCompletes(IOperation returned, Walk walk)
    {
        var value = returned.WalkDownConversions();
        switch (value)
        {
            case IThrowOperation:
                return true;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                // value is null ? Task.FromResult(false) : Task.FromResult(true) (SyncOverAsyncTests.ResultOfSourceMethodReturningFromResult_NoDiagnostic).
                return ReturnedCompletes(conditional.WhenTrue, walk) && ReturnedCompletes(whenFalse, walk);
            case ICoalesceOperation coalesce:
                return ReturnedCompletes(coalesce.Value, walk) && ReturnedCompletes(coalesce.WhenNull, walk);
            case ISwitchExpressionOperation switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    if (!ReturnedCompletes(arm.Value, walk))
                    {
                        return false;
                    }
                }

                return switchExpression.Arms.Length > 0;
            case IInvocationOperation inner:
                return MayReturnIncomplete(inner, walk).IsNo;
            default:
                return CompletedTasks.IsCompletedByConstruction(value, _symbols);
        }
    }

    private bool AwaitedCompletes(IOperation awaited, Walk walk)
    {
        var value = awaited.UnwrapConfigureAwait();
        return ReturnedCompletes(value, walk) || IsInMemoryStreamOperation(value);
    }

    /// <summary>
    /// <c>ReadAsync</c>, <c>WriteAsync</c>, <c>FlushAsync</c> or <c>CopyToAsync</c> on a stream in memory, copying to one in memory:
    /// the memory stream's overrides return completed tasks (BlockingWaitAnalyzerTests.ResultOfAsyncMethodCopyingInMemory_NoDiagnostic).
    /// </summary>
    private bool IsInMemoryStreamOperation(IOperation value)
    {
        if (value is not IInvocationOperation { TargetMethod.Name: "ReadAsync" or "WriteAsync" or "FlushAsync" or "CopyToAsync", Instance: { } stream } call
            || !call.TargetMethod.ContainingType.InheritsFromOrEquals(_symbols.Stream)
            || !IsInMemoryStream(stream))
        {
            return false;
        }

        if (call.TargetMethod.Name != "CopyToAsync")
        {
            return true;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return IsInMemoryStream(argument.Value);
            }
        }

        return false;
    }

    /// <summary>
    /// A stream in memory (<see cref="InMemoryWriters"/>), also one a helper of the compilation returns: <c>using var stream =
    /// GetStream(name);</c> where every <c>return</c> of the non-overridable <c>GetStream</c> is an embedded resource stream or a
    /// memory stream, followed two helpers deep (BlockingWaitAnalyzerTests.ResultOfAsyncMethodCopyingResourceFromHelper_NoDiagnostic,
    /// ResultOfAsyncMethodCopyingFileFromHelper_Reports).
    /// </summary>
    private bool IsInMemoryStream(IOperation? value, int hops = 2)
    {
        if (value is null || InMemoryWriters.IsOverMemoryStream(value, _symbols))
        {
            return value is not null;
        }

        var current = value.WalkDownConversions();
        if (current is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(current) is { } initializer)
        {
            current = initializer.WalkDownConversions();
        }

        if (hops == 0 || current is not IInvocationOperation { TargetMethod: var method } call || IsOverridable(method)
            || _bodies.BodyOf(method.BodyPart(), call) is not { } body)
        {
            return false;
        }

        var any = false;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned })
            {
                if (!IsInMemoryStream(returned, hops - 1))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>
    /// The bool expression that is all a source property getter or method returns (<c>HasValue =&gt; _value.Task.Status ==
    /// TaskStatus.RanToCompletion</c>, <c>static bool IsDone(Task t) { return t.IsCompleted; }</c>), so a guard through it reads as
    /// the test itself; null for a member that can be overridden, has more than one statement, or has no body here.
    /// </summary>
    public IOperation? ReturnedCondition(IMethodSymbol member, IOperation use)
    {
        if (member.ReturnType.SpecialType != SpecialType.System_Boolean || IsOverridable(member))
        {
            return null;
        }

        var walk = new Walk(DefaultDepth);
        var fact = Summarize(_returnedCondition, member, use, walk, (_, body, _) => SingleReturned(body) is { } returned ? Fact.Yes(returned) : Fact.No(body.Block), unreadable: Fact.No());
        return fact.IsYes ? fact.Proof : null;
    }

    /// <summary>
    /// The argument a source helper hands back as its result: an extension or static method that is not async and whose every
    /// return returns the same parameter (<c>public static Task LogExceptions(this Task task) { task.ContinueWith(...); return task; }</c>).
    /// </summary>
    public IOperation? ReturnedArgument(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (!method.IsStatic || method.IsAsync || method.Parameters.Length == 0 || !_symbols.IsTaskLike(method.ReturnType))
        {
            return null;
        }

        var walk = new Walk(DefaultDepth);
        var fact = Summarize(_returnedParameter, method, call, walk, (_, body, _) => ReturnedParameter(body), unreadable: Fact.No());
        if (fact is not { IsYes: true, Proof: IParameterReferenceOperation { Parameter.Ordinal: var ordinal } })
        {
            return null;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static Fact ReturnedParameter(MethodBody body)
    {
        IParameterSymbol? returned = null;
        IOperation? proof = null;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: var value }
                    when value?.WalkDownConversions() is IParameterReferenceOperation { Parameter: var parameter } reference
                    && (returned is null || SymbolEqualityComparer.Default.Equals(returned, parameter)):
                    returned = parameter;
                    proof = reference;
                    break;
                case IReturnOperation:
                    return Fact.No(operation);
            }
        }

        // A write to the parameter anywhere makes "returns its argument" false (the order of the walk is not the order of the code).
        foreach (var operation in body.Block.Descendants())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, returned) && reference.IsWrite())
            {
                return Fact.No(operation);
            }
        }

        return proof is null ? Fact.No(body.Block) : Fact.Yes(proof);
    }

    /// <summary>
    /// Does this call never return normally? Yes for a <c>[DoesNotReturn]</c> method, and for a source method that cannot be
    /// overridden, has no <c>return</c> statement and ends in a throw on every path (a <c>try</c> counts when its body and every
    /// handler end in one): <c>void ThrowTimeout() { try { throw Timeout(); } catch (Exception ex) { Log(ex); throw; } }</c>
    /// (SyncOverAsyncTests.ResultAfterTimedWaitHelper_NoDiagnostic).
    /// </summary>
    public bool NeverReturns(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" } attributeClass && attributeClass.IsInNamespace("System", "Diagnostics", "CodeAnalysis"))
            {
                return true;
            }
        }

        if (!method.ReturnsVoid || method.IsAsync || IsOverridable(method) || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return false;
        }

        var walk = new Walk(DefaultDepth);
        return Summarize(_neverReturns, method, call, walk, (_, body, _) => Fact.From(!ContainsReturn(body.Block) && EndsInThrow(body.Block), body.Block), unreadable: Fact.No()).IsYes;
    }

    /// <summary>
    /// The body of a source method that is not async, returns nothing, cannot be overridden and has no <c>return</c> statement: it
    /// returns normally only by running its statements to the end, so the completion analysis can read what they leave complete
    /// (SyncOverAsyncTests.ResultAfterWaitHelper_NoDiagnostic).
    /// </summary>
    /// <summary>Every value a readonly field of this compilation is given (<see cref="MethodBodies.ReadonlyFieldValues"/>).</summary>
    public IReadOnlyList<IOperation>? ReadonlyFieldValues(IFieldSymbol field, IOperation use) => _bodies.ReadonlyFieldValues(field, use);

    public IBlockOperation? StraightBody(IMethodSymbol method, IOperation use)
    {
        if (!method.ReturnsVoid || method.IsAsync || IsOverridable(method) || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return null;
        }

        var walk = new Walk(DefaultDepth);
        var fact = Summarize(_straightBody, method, use, walk, (_, body, _) => ContainsReturn(body.Block) ? Fact.No(body.Block) : Fact.Yes(body.Block), unreadable: Fact.No());
        return fact.IsYes ? fact.Proof as IBlockOperation : null;
    }

    private static bool ContainsReturn(IBlockOperation block)
    {
        foreach (var operation in block.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation { IsImplicit: false } or IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Does the statement end in a throw on every path: a throw, a block whose last statement does, a try whose body and every handler do?</summary>
    private static bool EndsInThrow(IOperation statement) => statement switch
    {
        IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => EndsInThrow(block.Operations[block.Operations.Length - 1]),
        ITryOperation { Finally: null } attempt => EndsInThrow(attempt.Body) && AllHandlersEndInThrow(attempt),
        _ => false,
    };

    private static bool AllHandlersEndInThrow(ITryOperation attempt)
    {
        foreach (var handler in attempt.Catches)
        {
            if (!EndsInThrow(handler.Handler))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of a body that is only <c>return expression;</c> (or <c>=&gt; expression</c>).</summary>
    private static IOperation? SingleReturned(MethodBody body) =>
        body.Block.Operations.Length == 1 && body.Block.Operations[0] is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned } ? returned : null;

    private static bool IsOverridable(IMethodSymbol method) =>
        method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract || (method.IsVirtual && !method.IsSealed) || (method.IsOverride && !method.IsSealed);

    /// <summary>
    /// What the constant arguments of one call decide in its callee's body: a parameter given a constant (an enum member, a
    /// <c>bool</c>, <c>null</c>) makes conditions on it (<c>==</c>, <c>!=</c>, <c>is</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>)
    /// known, and with them which branch of an <c>if</c> or <c>?:</c> runs and which guard returns early.
    /// </summary>
    private sealed class ConstantBranches
    {
        private readonly IMethodSymbol _method;
        private readonly IOperation _root;
        private readonly Dictionary<int, object?> _constants;

        public ConstantBranches(IMethodSymbol method, IOperation root, Dictionary<int, object?> constants)
        {
            _method = method;
            _root = root;
            _constants = constants;
        }

        /// <summary>
        /// Ordinal to constant, for the call's arguments that are constants; null when there is none. With <paramref name="outer"/>,
        /// the constants of the caller's own call, an argument that passes on a parameter the caller was given a constant for is
        /// that constant (<c>SendAsync(key) =&gt; SendAsync(key, GetConnections())</c>, a forwarding overload). With
        /// <paramref name="strings"/>, string constants count too (<c>NavigateTo("Library")</c> into <c>switch (tag)</c>).
        /// </summary>
        public static Dictionary<int, object?>? For(IInvocationOperation call, ConstantBranches? outer = null, bool strings = false)
        {
            Dictionary<int, object?>? constants = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter
                    || !(parameter.Type.TypeKind == TypeKind.Enum || parameter.Type.SpecialType == SpecialType.System_Boolean
                        || (strings && parameter.Type.SpecialType == SpecialType.System_String)))
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                if (value.ConstantValue is { HasValue: true } constant)
                {
                    (constants ??= new Dictionary<int, object?>())[parameter.Ordinal] = constant.Value;
                }
                else if (outer is not null && value is IParameterReferenceOperation && outer.ValueOf(value) is (true, var passed))
                {
                    (constants ??= new Dictionary<int, object?>())[parameter.Ordinal] = passed;
                }
            }

            return constants;
        }

        /// <summary>
        /// Whether a section of a <c>switch</c> on a value the constants give runs: true when one of its labels is that value (or it
        /// is the default and no other section's label is), false when none is, null when a label is not a constant (a pattern, a
        /// <c>when</c>) or the switched value is not known.
        /// </summary>
        public bool? SectionRuns(ISwitchCaseOperation section)
        {
            if (section.Parent is not ISwitchOperation switchOperation || ValueOf(switchOperation.Value) is not (true, var switched))
            {
                return null;
            }

            var isDefault = false;
            foreach (var clause in section.Clauses)
            {
                switch (clause)
                {
                    case ISingleValueCaseClauseOperation { Value: var label } when ValueOf(label) is (true, var labelValue):
                        if (Equals(labelValue, switched))
                        {
                            return true;
                        }

                        break;
                    case IDefaultCaseClauseOperation:
                        isDefault = true;
                        break;
                    default:
                        return null;
                }
            }

            if (!isDefault)
            {
                return false;
            }

            foreach (var other in switchOperation.Cases)
            {
                foreach (var clause in other.Clauses)
                {
                    if (clause is ISingleValueCaseClauseOperation { Value: var label } && ValueOf(label) is (true, var labelValue) && Equals(labelValue, switched))
                    {
                        return false;
                    }

                    if (clause is not (ISingleValueCaseClauseOperation or IDefaultCaseClauseOperation))
                    {
                        return null;
                    }
                }
            }

            return true;
        }

        /// <summary>The operation sits in a branch the constants rule out, or after a guard they make return.</summary>
        public bool IsUnreachable(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(child, _root); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when ReferenceEquals(child, conditional.WhenTrue) && Evaluate(conditional.Condition) == false:
                    case IConditionalOperation conditional2 when ReferenceEquals(child, conditional2.WhenFalse) && Evaluate(conditional2.Condition) == true:
                        return true;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (statement is IConditionalOperation { WhenFalse: null, WhenTrue: var exit, Condition: var guard } && exit.EndsInReturnOrThrow() && Evaluate(guard) == true)
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>What the constants make of a condition of the method: true, false, or null when they do not decide it.</summary>
        public bool? Decide(IOperation condition) => Evaluate(condition);

        /// <summary>The arm of a <c>?:</c> the constants choose (followed through nested ones), or the value itself.</summary>
        public IOperation Taken(IOperation value)
        {
            while (value.WalkDownConversions() is IConditionalOperation { WhenFalse: { } whenFalse } conditional && Evaluate(conditional.Condition) is { } chosen)
            {
                value = chosen ? conditional.WhenTrue : whenFalse;
            }

            return value;
        }

        private bool? Evaluate(IOperation condition)
        {
            switch (condition.WalkDownConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                    return Evaluate(operand) is { } inner ? !inner : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd, LeftOperand: var left, RightOperand: var right }:
                    var (leftAnd, rightAnd) = (Evaluate(left), Evaluate(right));
                    return leftAnd == false || rightAnd == false ? false : leftAnd == true && rightAnd == true ? true : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr, LeftOperand: var left, RightOperand: var right }:
                    var (leftOr, rightOr) = (Evaluate(left), Evaluate(right));
                    return leftOr == true || rightOr == true ? true : leftOr == false && rightOr == false ? false : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return Compare(comparison.LeftOperand, comparison.RightOperand) is { } equal ? equal == (comparison.OperatorKind == BinaryOperatorKind.Equals) : null;
                case IIsPatternOperation { Value: var tested, Pattern: IConstantPatternOperation { Value: var constant } }:
                    return Compare(tested, constant);
                case IIsPatternOperation { Value: var tested, Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } }:
                    return Compare(tested, constant) is { } same ? !same : null;
                case var other:
                    return ValueOf(other) is (true, bool flag) ? flag : null;
            }
        }

        private bool? Compare(IOperation left, IOperation right) =>
            ValueOf(left) is (true, var leftValue) && ValueOf(right) is (true, var rightValue)
                ? (AsInteger(leftValue) is { } leftNumber && AsInteger(rightValue) is { } rightNumber ? leftNumber == rightNumber : Equals(leftValue, rightValue))
                : null;

        /// <summary>An integral constant (an enum member's value included) as a long; null for anything else.</summary>
        private static long? AsInteger(object? value) => value switch
        {
            int number => number,
            long number => number,
            short number => number,
            sbyte number => number,
            byte number => number,
            ushort number => number,
            uint number => number,
            ulong number => unchecked((long)number),
            _ => null,
        };

        public (bool Known, object? Value) ValueOf(IOperation operation)
        {
            var value = operation.WalkDownConversions();

            // (mode & ExceptionMode.ThrowAll) != 0 on a [Flags] enum: the bits the constant gives.
            if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } bitwise
                && ValueOf(bitwise.LeftOperand) is (true, var leftBits) && ValueOf(bitwise.RightOperand) is (true, var rightBits)
                && AsInteger(leftBits) is { } left && AsInteger(rightBits) is { } right)
            {
                return (true, bitwise.OperatorKind == BinaryOperatorKind.And ? left & right : left | right);
            }

            if (value is IParameterReferenceOperation { Parameter: { Ordinal: var ordinal, ContainingSymbol: var owner } }
                && SymbolEqualityComparer.Default.Equals(owner, _method) && _constants.TryGetValue(ordinal, out var given))
            {
                return (true, given);
            }

            return value.ConstantValue is { HasValue: true } constant ? (true, constant.Value) : (false, null);
        }
    }
}
