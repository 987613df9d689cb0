using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>
/// Decides, conservatively, whether awaited operations touch the same state (ASYNC301/ASYNC302, reusable by later rules).
/// An awaited call is described by the access paths it reads (<c>this/_users</c>, <c>l:request/Id</c>) and the paths it may
/// write: the object it is called on (up to the first member below the root, so <c>_db.Users</c> and <c>_db.Orders</c> share
/// <c>_db</c>), and every argument whose type is mutable. Two operations are independent when neither may write a prefix of a
/// path the other touches. A call is not described at all (never gathered) when its arguments do more than read values, when
/// it touches a type known to be unsafe for concurrent use, or when it is ordering-sensitive by nature.
/// </summary>
internal sealed class Independence
{
    /// <summary>Methods whose whole point is order: acquiring, releasing, committing, flushing, completing.</summary>
    private static readonly ImmutableHashSet<string> OrderingSensitiveNames = ImmutableHashSet.Create(
        "Wait", "WaitOne", "Acquire", "Lock", "Release", "Enter", "Exit",
        "Commit", "Rollback", "BeginTransaction", "SaveChanges", "Flush", "Complete", "Dispose", "Close");

    private readonly AsyncSymbols _symbols;
    private readonly ConcurrencySafety _safety;
    private readonly ImmutableArray<INamedTypeSymbol> _valueLikeTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _pureStaticTypes;
    private readonly INamedTypeSymbol? _uri;
    private readonly INamedTypeSymbol? _guid;

    private Independence(AsyncSymbols symbols, ConcurrencySafety safety, ImmutableArray<INamedTypeSymbol> valueLikeTypes, ImmutableArray<INamedTypeSymbol> pureStaticTypes, INamedTypeSymbol? uri, INamedTypeSymbol? guid)
    {
        _symbols = symbols;
        _safety = safety;
        _valueLikeTypes = valueLikeTypes;
        _pureStaticTypes = pureStaticTypes;
        _uri = uri;
        _guid = guid;
    }

    public static Independence Create(AsyncSymbols symbols, Func<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>>? typesUnder = null)
    {
        var uri = symbols.GetTypeByMetadataName("System.Uri");
        var valueLike = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var type in new[] { symbols.CancellationToken, symbols.TimeSpan, uri })
        {
            if (type is not null)
            {
                valueLike.Add(type);
            }
        }

        foreach (var type in KnownTypeNames.Resolve(symbols, KnownTypeNames.ValueLike))
        {
            if (type is not null)
            {
                valueLike.Add(type);
            }
        }

        var pure = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        pure.AddRange(KnownTypeNames.Resolve(symbols, KnownTypeNames.PureStatic));

        return new Independence(symbols, ConcurrencySafety.Create(symbols, typesUnder), valueLike.ToImmutable(), pure.ToImmutable(), uri, symbols.GetTypeByMetadataName("System.Guid"));
    }

    public ConcurrencySafety Safety => _safety;

    /// <summary>The same analysis with the user's safe/unsafe type lists applied.</summary>
    public Independence WithSafety(ConcurrencySafety safety) =>
        ReferenceEquals(safety, _safety) ? this : new Independence(_symbols, safety, _valueLikeTypes, _pureStaticTypes, _uri, _guid);

    /// <summary>
    /// A statement ASYNC301 can gather: <c>await X(...);</c>, <c>var v = await X(...);</c> (one declarator) or
    /// <c>local = await X(...);</c>; null for anything else, or when the awaited call cannot be described.
    /// </summary>
    public GatherStatement? DescribeStatement(IOperation statement)
    {
        if (AwaitOf(statement, out var target) is not { } awaitOperation)
        {
            return null;
        }

        var footprint = Describe(awaitOperation, out _);
        if (footprint is null)
        {
            return null;
        }

        return new GatherStatement(statement, awaitOperation, target, target is null ? footprint : footprint.WithWrite(AccessPath.Segment(target)));
    }

    /// <summary>
    /// The statement's shape alone, without describing the call: ASYNC301 looks further only in blocks with two such statements in
    /// a row, which most blocks do not have.
    /// </summary>
    public static bool IsGatherShape(IOperation statement) => AwaitOf(statement, out _) is not null;

    private static IAwaitOperation? AwaitOf(IOperation statement, out ISymbol? target)
    {
        IAwaitOperation? awaitOperation;
        target = null;
        switch (statement)
        {
            case IExpressionStatementOperation { Operation: IAwaitOperation awaited }:
                awaitOperation = awaited;
                break;
            case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { IsRef: false } assignment }:
                // Only locals and by-value parameters: a field or ref target is visible to the other operations while they run
                // (IndependentAwaitsAnalyzerTests.FieldTargets_NoDiagnostic); compound assignments are another shape (CompoundAssignments_NoDiagnostic).
                target = assignment.Target switch
                {
                    ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } => local,
                    IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } => parameter,
                    _ => null,
                };
                awaitOperation = assignment.Value.WalkDownConversions() as IAwaitOperation;
                break;
            case IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                when group.Declarations[0].Declarators.Length == 1 && group.Declarations[0].Declarators[0] is { Initializer: { } initializer } declarator:
                target = declarator.Symbol.RefKind == RefKind.None ? declarator.Symbol : null;
                awaitOperation = initializer.Value.WalkDownConversions() as IAwaitOperation;
                break;
            default:
                return null;
        }

        return awaitOperation is null || (statement is not IExpressionStatementOperation { Operation: IAwaitOperation } && target is null)
            ? null
            : awaitOperation;
    }

    /// <summary>
    /// The awaits of one statement's expression that are all evaluated, in order, before the expression uses their results:
    /// operands of arithmetic, arguments of a call or <c>new</c>, tuple and array elements, interpolations
    /// (<c>var total = await a.X(d) - await b.Y(d);</c>, <c>return new Page(await A(), await B());</c>). Empty when the statement has
    /// fewer than two, or when anything else in the expression could run between them or decide whether they run (a condition,
    /// <c>&amp;&amp;</c>, <c>??</c>, an assignment, a lambda, a call that is not the consumer of the results).
    /// </summary>
    public static ImmutableArray<IAwaitOperation> AwaitsInOneExpression(IOperation statement)
    {
        IOperation? value = statement switch
        {
            IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1
                => group.Declarations[0].Declarators[0].Initializer?.Value,
            IReturnOperation { ReturnedValue: { } returned } => returned,
            IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment } => assignment.Value,
            _ => null,
        };
        if (value is null || value.WalkDownConversions() is IAwaitOperation)
        {
            return ImmutableArray<IAwaitOperation>.Empty;
        }

        var awaits = ImmutableArray.CreateBuilder<IAwaitOperation>();
        return CollectAwaits(value, awaits) && awaits.Count >= 2 ? awaits.ToImmutable() : ImmutableArray<IAwaitOperation>.Empty;
    }

    private static bool CollectAwaits(IOperation operation, ImmutableArray<IAwaitOperation>.Builder awaits)
    {
        switch (operation)
        {
            case IAwaitOperation awaited:
                awaits.Add(awaited);
                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                // IndependentAwaitsAnalyzerTests.AwaitsOnBothSidesOfAnd_NoDiagnostic.
                return false;
            case IConversionOperation or IParenthesizedOperation or IBinaryOperation or IUnaryOperation or ITupleOperation or IArgumentOperation
                or IInterpolatedStringOperation or IInterpolationOperation or IInterpolatedStringTextOperation
                or IArrayCreationOperation or IArrayInitializerOperation or IObjectCreationOperation or IObjectOrCollectionInitializerOperation
                or IMemberInitializerOperation or IAnonymousObjectCreationOperation
                or IPropertyReferenceOperation { Property.IsIndexer: false } or IFieldReferenceOperation:
                break;
            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } } initializer:
                return CollectAwaits(initializer.Value, awaits);
            case IInvocationOperation invocation when invocation.Instance is null or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IFieldReferenceOperation:
                // The call consumes the results: it runs after every argument is evaluated.
                break;
            case IConditionalAccessOperation conditional:
                // `(await B()).FirstOrDefault()?.Title`: the receiver runs first and always; an await in the part that runs only when
                // it is not null would be conditional (IndependentAwaitsAnalyzerTests.ConditionalAccessOnAwaitedResult_Reports,
                // AwaitInsideConditionalAccess_NoDiagnostic).
                var before = awaits.Count;
                return CollectAwaits(conditional.Operation, awaits)
                    && CollectAwaits(conditional.WhenNotNull, awaits)
                    && !awaits.Skip(before).Any(a => conditional.WhenNotNull.Syntax.Span.Contains(a.Syntax.Span));
            case ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation
                or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or IConditionalAccessInstanceOperation:
                return true;
            default:
                // IndependentAwaitsAnalyzerTests.AwaitsInConditionalExpression_NoDiagnostic.
                return false;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (!CollectAwaits(child, awaits))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A call returning a plain <c>Task</c>/<c>ValueTask</c> whose only arguments (besides its receiver) are cancellation tokens.</summary>
    private bool IsOpaque(IInvocationOperation invocation, IAwaitOperation awaitOperation)
    {
        // await taskReader.ProgressRendezvousAsync(); with its bool dropped: no result out either
        // (IndependentAwaitsAnalyzerTests.CallWithoutInputsWhoseResultIsDropped_NoDiagnostic).
        if (invocation.Type is not INamedTypeSymbol { IsGenericType: false } && awaitOperation.Parent is not IExpressionStatementOperation)
        {
            return false;
        }

        var first = invocation.Instance is null && invocation.TargetMethod.IsExtensionMethod ? 1 : 0;
        for (var i = first; i < invocation.Arguments.Length; i++)
        {
            var argument = invocation.Arguments[i];
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && !SymbolEqualityComparer.Default.Equals(argument.Value.WalkDownConversions().Type, _symbols.CancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Describes one awaited call, or returns null with the reason it cannot be gathered.</summary>
    public Footprint? Describe(IAwaitOperation awaitOperation, out string reason)
    {
        var awaited = awaitOperation.Operation.UnwrapConfigureAwait();
        if (awaited is not IInvocationOperation invocation)
        {
            // A local, field or property holds a task that was started earlier: awaiting it in sequence is already concurrent
            // (IndependentAwaitsAnalyzerTests.AwaitOfStartedTasks_NoDiagnostic).
            reason = "awaits an existing task, not a call that starts one";
            return null;
        }

        var method = invocation.TargetMethod;
        if (!_symbols.IsTaskLike(invocation.Type) || invocation.Type is not INamedTypeSymbol)
        {
            // Task.WhenAll takes tasks only (IndependentAwaitsAnalyzerTests.CustomAwaitable_NoDiagnostic, TaskDelayZeroAndYield_NoDiagnostic).
            reason = "the call does not return Task or ValueTask";
            return null;
        }

        if (_symbols.IsTaskLike(method.ContainingType))
        {
            // Task.Delay, Task.Yield, Task.Run, Task.WhenAll, t.WaitAsync(...): timing or already-started work, never gathered
            // (IndependentAwaitsAnalyzerTests.TaskDelay_NoDiagnostic, CompletedTasks_NoDiagnostic, WhenAllInSequence_NoDiagnostic).
            reason = "a member of Task itself (Delay, Yield, Run, WhenAll, ...)";
            return null;
        }

        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.DelegateInvoke or MethodKind.AnonymousFunction)
        {
            // Local functions and delegates capture state the analysis cannot see
            // (IndependentAwaitsAnalyzerTests.LocalFunctionCalls_NoDiagnostic, DelegateInvocations_NoDiagnostic).
            reason = "a local function or delegate, which may capture shared state";
            return null;
        }

        if (IsOrderingSensitive(method) || SideEffects.IsGuard(method))
        {
            // IndependentAwaitsAnalyzerTests.CommitThenPublish_NoDiagnostic, SemaphoreAcquireThenWork_NoDiagnostic.
            // A guard exists to throw before what follows runs (IndependentAwaitsAnalyzerTests.AuthorizationGuardThenRead_NoDiagnostic).
            reason = "an ordering-sensitive method (acquire, release, commit, flush, complete, dispose) or a guard (authorize, ensure, validate, ...OrThrow)";
            return null;
        }

        if (IsOpaque(invocation, awaitOperation))
        {
            // No data in (nothing but a token) and no result out: the call works only through state the analysis cannot see,
            // such as a database a migrator creates and a seeder fills, or services started in order
            // (IndependentAwaitsAnalyzerTests.CallsWithoutInputsOrResults_NoDiagnostic, IndependentLoopAwaitsAnalyzerTests.ItemCallsWithoutInputsOrResults_NoDiagnostic).
            reason = "takes no data and returns no result, so it works only through state the analysis cannot see";
            return null;
        }

        var reads = ImmutableArray.CreateBuilder<string>();
        var writes = ImmutableArray.CreateBuilder<string>();
        var resources = ImmutableArray.CreateBuilder<string>();
        var keys = ImmutableArray.CreateBuilder<string>();
        var sharedKeys = ImmutableArray.CreateBuilder<string>();
        var readKeys = new List<string>();
        var onlyReads = SideEffects.OnlyReads(method);

        IOperation? receiver = invocation.Instance;
        var firstArgument = 0;
        if (receiver is null && method.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            receiver = invocation.Arguments[0].Value;
            firstArgument = 1;
        }

        string receiverPath;
        bool receiverSafe;
        ITypeSymbol? assumedSafe = null;
        if (receiver is null)
        {
            receiverPath = AccessPath.Static(method.ContainingType);
            receiverSafe = _safety.IsSafe(method.ContainingType);
            if (_safety.IsUnsafe(method.ContainingType))
            {
                // IndependenceTests.NotGatherable_IsNotDescribed.
                reason = "touches a type that is not safe for concurrent use";
                return null;
            }
        }
        else
        {
            // await sourceQuery.LongCountAsync() where sourceQuery = context.Set<T>().AsNoTracking().AsExpandable(): a query of a
            // DbContext, whatever operators (the project's own included) it went through
            // (IndependentAwaitsAnalyzerTests.QueriesOfOneContextThroughOperatorChains_NoDiagnostic).
            var path = PathOf(receiver.WalkDownConversions(), out var unsafeType);
            if (unsafeType || _safety.IsUnsafe(receiver.WalkDownConversions().Type) || Calls.EfCoreQueries.IsDbSetQuery(receiver, _symbols))
            {
                // IndependentAwaitsAnalyzerTests.StreamReceivers_NoDiagnostic, DbConnectionAndCommand_NoDiagnostic, TextWriterWrites_NoDiagnostic, ConfiguredUnsafeType_NoDiagnostic.
                reason = "touches a type that is not safe for concurrent use";
                return null;
            }

            if (path is null)
            {
                // IndependentAwaitsAnalyzerTests.ReceiverIsCallResult_NoDiagnostic, ConditionalAccessAwaits_NoDiagnostic.
                reason = "the receiver is not a variable, field or property chain";
                return null;
            }

            receiverPath = path;
            receiverSafe = _safety.IsSafe(receiver.WalkDownConversions().Type);
            if (!receiverSafe && _safety.AssumeSafe && SideEffects.OnlyReads(method) && IsServiceReference(receiver.WalkDownConversions())
                && _safety.MayAssumeSafe(receiver.WalkDownConversions().Type))
            {
                // No evidence either way, and the option (by default) assumes such receivers allow concurrent reads
                // (IndependentAwaitsAnalyzerTests.ReadsFromOneUnknownReceiverAssumedSafe_ReportsTheAssumption, ReadsFromOneUnknownReceiverByDefault_ReportsTheAssumption).
                // Only for a service held directly (a local, a parameter, a field or property of this): not for this, whose own
                // methods may touch any of its fields (CallsOnThis_NoDiagnostic, CallOnThisAndOnField_NoDiagnostic), nor for
                // members of another object, such as repositories of one unit of work sharing its connection (MembersOfSameField_NoDiagnostic).
                assumedSafe = receiver.WalkDownConversions().Type;
                receiverSafe = true;
            }
        }

        reads.Add(receiverPath);
        if (!receiverSafe)
        {
            // The same receiver of an unknown type conflicts (IndependentAwaitsAnalyzerTests.SameReceiverOfUnknownType_NoDiagnostic,
            // CallsOnThis_NoDiagnostic, MembersOfSameField_NoDiagnostic, StaticMethodsOfSameUnknownType_NoDiagnostic).
            writes.Add(AccessPath.Truncate(receiverPath));
        }

        for (var i = firstArgument; i < invocation.Arguments.Length; i++)
        {
            var argument = invocation.Arguments[i];
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
            {
                // By-reference arguments are writes the caller can see (IndependenceTests.NotGatherable_IsNotDescribed).
                reason = "passes a variable by reference";
                return null;
            }

            if (!CollectValue(argument.Value, reads, writes, out reason))
            {
                return null;
            }

            // An identifier (an id, a key, a name) passed to two calls names one entity: a call that changes it and a call that
            // reads, changes or announces it are ordered; two announcements are not (IndependentAwaitsAnalyzerTests.WriteThenReadOfSameId_NoDiagnostic,
            // BanThenAnnounceBan_NoDiagnostic, EventLogAndPushForSameUser_NoDiagnostic).
            if (IsIdentifierType(argument.Value.WalkDownConversions().Type) && !argument.Value.WalkDownConversions().ConstantValue.HasValue
                && AccessPath.ResourceKey(argument.Value) is { } identifier)
            {
                keys.Add(identifier);
            }

            if (IsResourceType(argument.Value.WalkDownConversions().Type) && AccessPath.ResourceKey(argument.Value) is { } key)
            {
                // One URL, path or key named by two operations, whatever objects they go through, orders them when one does more
                // than read it: a write then a read, two repositories saving into one store (IndependentAwaitsAnalyzerTests.PostThenGetOfSameUrl_NoDiagnostic,
                // FileWriteThenReadOfSamePath_NoDiagnostic, SameKeyThroughDifferentReceivers_NoDiagnostic, SameKeyReadThenUnknownVerb_NoDiagnostic).
                // Two reads of one key from different services do not (SameKeyReadFromDifferentServices_Reports).
                sharedKeys.Add(key);

                // The same key through this receiver always orders: per-item loops (ASYNC302) see the key vary when the receiver does
                // (IndependentLoopAwaitsAnalyzerTests.CallOnEachItem_Reports), and one service asked twice for one key is a repeat
                // (IndependentAwaitsAnalyzerTests.SameKeyReadTwiceFromOneService_NoDiagnostic). Two different reads of one key
                // from one service (an account's invoices and its balance) are not (SameKeyDifferentReadsFromOneService_Reports);
                // a call that does more than read still meets the key rule above (SameKeyReadThenUnknownVerb_NoDiagnostic). A read is
                // a repeat only when every key is the same: two texts translated into one locale are two reads
                // (TranslationsOfTwoTextsIntoOneLocale_Reports).
                if (onlyReads)
                {
                    readKeys.Add(key);
                }
                else
                {
                    resources.Add(AccessPath.Through(receiverPath, key));
                }
            }
        }

        if (readKeys.Count > 0)
        {
            resources.Add(AccessPath.Through(receiverPath, "m:" + method.Name + "(" + string.Join(",", readKeys) + ")"));
        }

        reason = string.Empty;
        return new Footprint(awaitOperation, invocation, reads.ToImmutable(), writes.ToImmutable(), resources.ToImmutable(), keys.ToImmutable(), SideEffects.Mutates(method), sharedKeys.ToImmutable(), SideEffects.OnlyReads(method), assumedSafe, receiverPath);
    }

    private static bool IsServiceReference(IOperation receiver) => receiver switch
    {
        ILocalReferenceOperation or IParameterReferenceOperation => true,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.IsEmpty: true } => true,
        _ => false,
    };

    /// <summary>
    /// What the per-item work after a loop's await reads and writes (ASYNC302's loop bodies: <c>var r = await F(item);</c> then work on
    /// <c>r</c>), as access paths, with the locals and parameters it assigns. False when the work awaits, leaves the loop (break,
    /// return, goto), or writes something that is not a variable, field, property chain or an element of one.
    /// </summary>
    public bool DescribeFollowingWork(IEnumerable<IOperation> statements, List<string> reads, List<string> writes, HashSet<ISymbol> assigned)
    {
        foreach (var statement in statements)
        {
            foreach (var operation in statement.DescendantsInSameFunction())
            {
                // A second await, or leaving the loop on a result, makes the iterations depend on each other
                // (IndependentLoopAwaitsAnalyzerTests.BreakOnResult_NoDiagnostic, ReturnOnResultInBody_NoDiagnostic, TwoAwaitsInBody_NoDiagnostic).
                if (operation is IReturnOperation or IBranchOperation { BranchKind: not BranchKind.Continue }
                    or IForEachLoopOperation { IsAsynchronous: true } or IUsingOperation { IsAsynchronous: true } or IUsingDeclarationOperation { IsAsynchronous: true })
                {
                    return false;
                }
            }

            foreach (var operation in statement.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAwaitOperation:
                        return false;
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                        // An object initializer sets a member of the new object.
                        break;
                    case IAssignmentOperation assignment:
                        if (!AddWrite(assignment.Target, writes, assigned))
                        {
                            return false;
                        }

                        break;
                    case IIncrementOrDecrementOperation increment:
                        if (!AddWrite(increment.Target, writes, assigned))
                        {
                            return false;
                        }

                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference:
                        if (!AddWrite(byReference.Value, writes, assigned))
                        {
                            return false;
                        }

                        break;
                    case IInvocationOperation { Instance: IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver } } ownCall:
                        // A helper of the class (Map, Log) is work on the result; one whose name says it changes state may change what
                        // the next call reads (IndependentLoopAwaitsAnalyzerTests.ResultThenHelperThatSaves_NoDiagnostic).
                        if (SideEffects.Mutates(ownCall.TargetMethod))
                        {
                            writes.Add(AccessPath.This);
                        }

                        break;
                    case IInvocationOperation { Instance: { } instance } call when instance is not IInstanceReferenceOperation:
                        // A call on a variable or member may change it (dict.Add, list.Add, _cache.Set), unless its name says it only reads.
                        if (PathOf(instance.WalkDownConversions(), out _) is { } receiver && !SideEffects.OnlyReads(call.TargetMethod) && call.TargetMethod.Name != "ToString")
                        {
                            writes.Add(receiver);
                        }

                        break;
                    case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                        if (PathOf(operation, out _) is { } read)
                        {
                            reads.Add(read);
                        }

                        break;
                }
            }
        }

        return true;
    }

    /// <summary>Records an assignment target of per-item work (see <see cref="DescribeFollowingWork"/>); false when it cannot be named.</summary>
    public bool AddWrite(IOperation target, List<string> writes, HashSet<ISymbol> assigned)
    {
        target = target.WalkDownConversions();
        switch (target)
        {
            case IDeclarationExpressionOperation or IDiscardOperation or IVariableDeclaratorOperation:
                return true;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    if (!AddWrite(element, writes, assigned))
                    {
                        return false;
                    }
                }

                return true;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection }:
                return AddWrite(collection, writes, assigned);
            case IArrayElementReferenceOperation element:
                return AddWrite(element.ArrayReference, writes, assigned);
        }

        if (target.ReferencedLocalOrParameter() is { } variable)
        {
            assigned.Add(variable);
        }

        // IndependentLoopAwaitsAnalyzerTests.ResultWrittenThroughCallResult_NoDiagnostic.
        if (PathOf(target, out _) is not { } path)
        {
            return false;
        }

        writes.Add(path);
        return true;
    }

    private static bool IsOrderingSensitive(IMethodSymbol method)
    {
        var name = method.Name;
        if (name.EndsWith("Async", System.StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Async".Length);
        }

        return OrderingSensitiveNames.Contains(name);
    }

    /// <summary>
    /// Access path of a variable, <c>this</c>, a static type, or a field/property chain over them; null for anything else
    /// (a call result, a conditional access...). Flags any step whose type is unsafe for concurrent use.
    /// </summary>
    private string? PathOf(IOperation operation, out bool unsafeType)
    {
        unsafeType = false;
        var current = operation;
        var segments = new List<string>();
        while (true)
        {
            if (_safety.IsListedUnsafe(current.Type))
            {
                unsafeType = true;
            }

            switch (current)
            {
                case ILocalReferenceOperation local:
                    segments.Add(AccessPath.Segment(local.Local));
                    return AccessPath.Join(segments);
                case IParameterReferenceOperation parameter:
                    segments.Add(AccessPath.Segment(parameter.Parameter));
                    return AccessPath.Join(segments);
                case IInstanceReferenceOperation:
                    segments.Add(AccessPath.This);
                    return AccessPath.Join(segments);
                case IFieldReferenceOperation field:
                    segments.Add(field.Field.Name);
                    if (field.Instance is null)
                    {
                        segments.Add(AccessPath.Static(field.Field.ContainingType));
                        return AccessPath.Join(segments);
                    }

                    current = field.Instance.WalkDownConversions();
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    segments.Add(property.Property.Name);
                    if (property.Instance is null)
                    {
                        segments.Add(AccessPath.Static(property.Property.ContainingType));
                        return AccessPath.Join(segments);
                    }

                    current = property.Instance.WalkDownConversions();
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>Walks an argument: only reads of values are allowed. Mutable leaves are recorded as possible writes.</summary>
    private bool CollectValue(IOperation operation, ImmutableArray<string>.Builder reads, ImmutableArray<string>.Builder writes, out string reason)
    {
        reason = string.Empty;
        if (operation.ConstantValue.HasValue)
        {
            return true;
        }

        switch (operation)
        {
            case IConversionOperation or IParenthesizedOperation:
                return CollectValue(operation.WalkDownConversions(), reads, writes, out reason);
            case ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                return CollectPath(operation, reads, writes, out reason);
            case IPropertyReferenceOperation { Instance: { } instance } indexer:
                return CollectAll(indexer.Arguments, reads, writes, out reason) && CollectElement(instance, reads, writes, out reason);
            case IArrayElementReferenceOperation element:
                return CollectAll(element.Indices, reads, writes, out reason) && CollectElement(element.ArrayReference, reads, writes, out reason);
            case IArgumentOperation argument:
                return CollectValue(argument.Value, reads, writes, out reason);
            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or ISizeOfOperation:
                return true;
            case IBinaryOperation or IUnaryOperation or IConditionalOperation or ICoalesceOperation or ITupleOperation
                or IInterpolatedStringOperation or IInterpolatedStringTextOperation or IInterpolationOperation
                or IArrayCreationOperation or IArrayInitializerOperation or IAnonymousObjectCreationOperation
                or IObjectOrCollectionInitializerOperation or IMemberInitializerOperation:
                return CollectAll(operation.ChildOperations, reads, writes, out reason);
            case IObjectCreationOperation creation:
                // A new object is not shared with anyone; only what flows into it matters.
                return CollectAll(creation.ChildOperations, reads, writes, out reason);
            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } } initializer:
                return CollectValue(initializer.Value, reads, writes, out reason);
            case IInvocationOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } collectionAdd:
                return CollectAll(collectionAdd.Arguments, reads, writes, out reason);
            case IInvocationOperation invocation when IsPure(invocation.TargetMethod):
                return (invocation.Instance is null || CollectValue(invocation.Instance, reads, writes, out reason))
                    && CollectAll(invocation.Arguments, reads, writes, out reason);
            case IAwaitOperation:
                // IndependentAwaitsAnalyzerTests.AwaitInsideArgument_NoDiagnostic.
                reason = "an argument awaits";
                return false;
            case IAnonymousFunctionOperation or IDelegateCreationOperation or IMethodReferenceOperation:
                // IndependentAwaitsAnalyzerTests.LambdaArgument_NoDiagnostic.
                reason = "an argument is a lambda or delegate, which may capture shared state";
                return false;
            case IInvocationOperation:
                // IndependentAwaitsAnalyzerTests.MethodCallInArgument_NoDiagnostic.
                reason = "an argument calls a method, which would run before the earlier operations finish";
                return false;
            default:
                reason = "an argument is not a plain value";
                return false;
        }
    }

    private bool CollectAll(IEnumerable<IOperation> operations, ImmutableArray<string>.Builder reads, ImmutableArray<string>.Builder writes, out string reason)
    {
        reason = string.Empty;
        foreach (var child in operations)
        {
            if (!CollectValue(child, reads, writes, out reason))
            {
                return false;
            }
        }

        return true;
    }

    private bool CollectPath(IOperation operation, ImmutableArray<string>.Builder reads, ImmutableArray<string>.Builder writes, out string reason)
    {
        reason = string.Empty;
        var path = PathOf(operation, out var unsafeType);
        if (unsafeType)
        {
            reason = "touches a type that is not safe for concurrent use";
            return false;
        }

        if (path is null)
        {
            // a.B().C: the instance is a call; walk it as a value so purity still applies.
            return operation is IMemberReferenceOperation { Instance: { } instance } && CollectValue(instance, reads, writes, out reason);
        }

        reads.Add(path);
        if (!IsValueLike(operation.Type) && !_safety.IsSafe(operation.Type))
        {
            // A mutable argument may be changed by the callee (IndependentAwaitsAnalyzerTests.SharedMutableArgument_NoDiagnostic).
            writes.Add(path);
        }

        return true;
    }

    /// <summary><c>items[i]</c>: the element may be shared with whoever else reads the collection.</summary>
    private bool CollectElement(IOperation collection, ImmutableArray<string>.Builder reads, ImmutableArray<string>.Builder writes, out string reason)
    {
        reason = string.Empty;
        var path = PathOf(collection.WalkDownConversions(), out var unsafeType);
        if (unsafeType || path is null)
        {
            reason = "an argument reads an element of a collection that is not a plain variable";
            return false;
        }

        // IndependentAwaitsAnalyzerTests.SharedArrayElement_NoDiagnostic.
        reads.Add(path);
        writes.Add(path);
        return true;
    }

    private bool IsPure(IMethodSymbol method)
    {
        if (method.Name == "ToString" && method.Parameters.Length == 0)
        {
            return true;
        }

        foreach (var type in _pureStaticTypes)
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Values the callee cannot change for anyone else: primitives, strings, enums, tokens, times, URIs.</summary>
    public bool IsValueLike(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_UIntPtr or SpecialType.System_DateTime)
        {
            return true;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            return IsValueLike(nullable.TypeArguments[0]);
        }

        // A non-generic readonly struct (DateOnly, TimeSpan, a `readonly record struct Money`) is copied into the call and cannot be
        // changed through it (IndependentAwaitsAnalyzerTests.ReadonlyStructArgumentsShared_Reports); generic ones such as Memory<T> or
        // ArraySegment<T> share the array they wrap (IndependentAwaitsAnalyzerTests.SharedMutableArgument_NoDiagnostic).
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct, IsReadOnly: true, IsGenericType: false, IsRefLikeType: false })
        {
            return true;
        }

        foreach (var known in _valueLikeTypes)
        {
            if (SymbolEqualityComparer.Default.Equals(type, known))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Types that identify an entity: strings, GUIDs, integers, URIs (and their nullable forms).</summary>
    private bool IsIdentifierType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is not null
            && (type.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
                || SymbolEqualityComparer.Default.Equals(type, _uri) || SymbolEqualityComparer.Default.Equals(type, _guid));
    }

    private bool IsResourceType(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_String || SymbolEqualityComparer.Default.Equals(type, _uri));
}
