using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// What the completion analysis asks about other methods. <c>MethodSummaries</c> answers (Summaries/); the body-level analysis
/// only sees this interface, so the layers still depend downwards.
/// </summary>
internal interface ICallFacts
{
    /// <summary>
    /// The <c>bool</c> expression that is all the body of a source property getter or method returns (<c>HasValue =&gt;
    /// _value.Task.Status == TaskStatus.RanToCompletion</c>), so that a guard through the helper reads as the test itself; null
    /// when the member has no such body here or can be overridden.
    /// </summary>
    IOperation? ReturnedCondition(IMethodSymbol member, IOperation use);

    /// <summary>Is the task this call returns already complete when the call returns (a callee that completes synchronously)?</summary>
    bool CompletesSynchronously(IInvocationOperation call);

    /// <summary>The argument a call hands back as its result (<c>task.LogExceptions()</c> returning <c>task</c>), or null.</summary>
    IOperation? ReturnedArgument(IInvocationOperation call);

    /// <summary>
    /// Does this call never return normally: a <c>[DoesNotReturn]</c> method, or a source method that cannot be overridden whose
    /// body ends in a throw on every path (<c>void ThrowTimeout() =&gt; throw new TimeoutException();</c>)?
    /// </summary>
    bool NeverReturns(IInvocationOperation call);

    /// <summary>
    /// The body of a source method that is not async, returns nothing, cannot be overridden and has no <c>return</c> statement, so
    /// it returns normally only by running its statements to the end (<c>void Wait(Task task) { if (!task.Wait(_timeout)) throw
    /// new TimeoutException(); }</c>); null otherwise. The completion analysis reads it to see whether the helper leaves a task
    /// argument complete.
    /// </summary>
    IBlockOperation? StraightBody(IMethodSymbol method, IOperation use);

    /// <summary>Every value a readonly field of this compilation is given (its initializer, its constructors' assignments), or null.</summary>
    IReadOnlyList<IOperation>? ReadonlyFieldValues(IFieldSymbol field, IOperation use);
}

/// <summary>
/// Decides whether a task operand is known to be complete where it is used, so that <c>.Result</c>, <c>.Wait()</c> or
/// <c>GetResult()</c> on it cannot block. Flow-sensitive over the structured operation tree: an <c>await</c> counts only when
/// it dominates the use (a preceding statement of an enclosing block, evaluated unconditionally), guards count only in the branch
/// they protect, and any later write to the variable cancels what was known.
/// <para>
/// A task is read from a variable (local, parameter, field of <c>this</c>, static field), possibly through a chain of fields and
/// properties (<c>a.B</c>, <c>_lazy.Value</c>, <c>_value.Task</c>). A chain is re-read at every use and may hand back another task
/// after the code suspends, so for a chain only guards count, with no suspension between the guard and the use; a chain of
/// <c>Lazy&lt;T&gt;.Value</c>, a completion source's <c>Task</c>, readonly fields and get-only auto-properties is stable (the same value
/// every time) and counts like a variable.
/// </para>
/// </summary>
internal static class CompletedTasks
{
    /// <summary>How deep a walk follows helpers, copies between locals and assignments before it answers "not known".</summary>
    private const int MaxDepth = 3;

    /// <summary>
    /// Is the task known complete here? With <paramref name="facts"/>, also a task from a call that passes the synchronous mode
    /// value or whose callee completes synchronously, and guards through source helpers (what blocking cares about: the task is
    /// complete when the call returns, whatever its outcome). Without, only what this body proves.
    /// </summary>
    public static bool IsKnownComplete(IOperation taskOperand, AsyncSymbols symbols, ICallFacts? facts = null) =>
        new Analysis(symbols, facts, MaxDepth).IsKnownComplete(taskOperand);

    /// <summary>
    /// A task that is complete and cannot fault or be canceled: <c>Task.CompletedTask</c>, <c>Task.FromResult(...)</c>,
    /// <c>new ValueTask&lt;T&gt;(value)</c>, <c>default(ValueTask)</c>. Not <c>Task.FromException</c> or <c>Task.FromCanceled</c>.
    /// </summary>
    public static bool IsCompletedSuccessfullyByConstruction(IOperation operand, AsyncSymbols symbols)
    {
        var value = operand.WalkDownConversions();
        return value is not (IAwaitOperation or IInvocationOperation { TargetMethod.Name: "FromException" or "FromCanceled" })
            && new Analysis(symbols, null, 0).IsCompletedByConstruction(value);
    }

    /// <summary>Task.FromResult, Task.FromException, Task.CompletedTask, new ValueTask&lt;T&gt;(value), default(ValueTask): complete, whatever the outcome.</summary>
    public static bool IsCompletedByConstruction(IOperation operand, AsyncSymbols symbols) =>
        new Analysis(symbols, null, 0).IsCompletedByConstruction(operand.WalkDownConversions());

    /// <summary>
    /// The task chains that the condition, when true, proves complete (<c>t.IsCompleted</c>, <c>a.B.Status == TaskStatus.RanToCompletion</c>,
    /// <c>x.HasValue</c> through a helper). Exposed for tests and for summaries of helpers.
    /// </summary>
    internal static IReadOnlyList<TaskPath> ProvenWhenTrue(IOperation condition, AsyncSymbols symbols, ICallFacts? facts = null)
    {
        var proven = new List<TaskPath>();
        new Analysis(symbols, facts, MaxDepth).WhenTrue(condition, proven);
        return proven;
    }

    private static readonly ImmutableHashSet<string> StatusMembers = ImmutableHashSet.Create("IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled");

    /// <summary>LINQ operators whose result holds only elements of their source, in any order: a filter of complete tasks is complete.</summary>
    private static readonly ImmutableHashSet<string> SubsetOperators = ImmutableHashSet.Create(
        "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "SkipWhile", "SkipLast", "Take", "TakeWhile", "TakeLast",
        "ToArray", "ToList", "ToHashSet", "AsEnumerable", "Distinct", "DistinctBy", "Reverse", "Cast", "OfType");

    /// <summary>LINQ operators that pick one element of their source.</summary>
    private static readonly ImmutableHashSet<string> ElementOperators = ImmutableHashSet.Create(
        "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault");

    /// <summary>LINQ operators whose result holds every element of their source: awaiting it awaits them all.</summary>
    private static readonly ImmutableHashSet<string> AllElementOperators = ImmutableHashSet.Create(
        "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "ToArray", "ToList", "AsEnumerable", "Reverse", "Cast");

    private sealed class Analysis
    {
        private readonly AsyncSymbols _symbols;
        private readonly ICallFacts? _facts;
        private readonly int _depth;

        public Analysis(AsyncSymbols symbols, ICallFacts? facts, int depth)
        {
            _symbols = symbols;
            _facts = facts;
            _depth = depth;
        }

        public bool IsKnownComplete(IOperation taskOperand)
        {
            var operand = taskOperand.UnwrapConfigureAwait();

            // t?.Result: the receiver is the conditional access's operand (CompletedTasksTests.CompleteShape_IsKnownComplete "t?.Result after await").
            if (operand is IConditionalAccessInstanceOperation && operand.FirstAncestor<IConditionalAccessOperation>() is { } access)
            {
                operand = access.Operation.UnwrapConfigureAwait();
            }

            if (IsCompletedByConstruction(operand) || IsCompletedWhenReturned(operand))
            {
                return true;
            }

            // t is { IsCompletedSuccessfully: true, Result: var value }: the input of a property pattern
            if (operand is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput })
            {
                return IsPatternInputComplete(operand);
            }

            switch (operand)
            {
                // tasks.First(t => !t.Result.Success).Result after await Task.WhenAll(tasks): one element of a complete sequence
                // (BlockingWaitAnalyzerTests.ResultOfElementPickedFromCompleteCollection_NoDiagnostic).
                case IInvocationOperation pick when IsLinqOperator(pick, ElementOperators) && IsCompleteSequence(LinqSource(pick)!, pick):
                    return true;

                // _releaser.Result where every value the readonly field is given is complete by construction (an async lock's cached
                // Task.FromResult(new Releaser(this))) (SyncOverAsyncTests.ResultOfReadonlyFieldOfCompletedTask_NoDiagnostic, ResultOfReadonlyFieldOfStartedWork_Reports).
                case IFieldReferenceOperation { Field: { IsReadOnly: true } readonlyField } when _facts?.ReadonlyFieldValues(readonlyField, operand) is { Count: > 0 } values
                    && AllCompletedByConstruction(values):
                    return true;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation when operand.ReferencedVariable() is { } variable:
                    // _load.IsCompleted ? _load.Result : 0 (SyncOverAsyncTests.ResultOfFieldGuardedByIsCompletedInProperty_NoDiagnostic).
                    return IsSymbolComplete(variable, operand);
                // tasks[Task.WaitAny(tasks, token)].Result, var i = Task.WaitAny(tasks); tasks[i].Result: the element the wait
                // returned the index of has completed (SyncOverAsyncTests.ResultOfWaitAnyWinnerByIndex_NoDiagnostic).
                case IArrayElementReferenceOperation { ArrayReference: var array, Indices: { Length: 1 } indices } when IsWaitAnyIndexOf(indices[0], array):
                    return true;
                case IArrayElementReferenceOperation { ArrayReference: var array }:
                    return IsCollectionComplete(array.ReferencedVariable(), operand);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list, Arguments: { Length: 1 } arguments } when IsWaitAnyIndexOf(arguments[0].Value, list):
                    return true;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: var instance }:
                    return IsCollectionComplete(instance.ReferencedVariable(), operand);
                case IPropertyReferenceOperation { Property: { Name: "Value" } value, Instance: { } pair }
                    when SymbolEqualityComparer.Default.Equals(value.ContainingType.OriginalDefinition, _symbols.KeyValuePair) && pair.ReferencedVariable() is { } entry
                    && IsEntryOfCompleteCollection(entry, operand):
                    // downloads.Select(pair => pair.Value.Result) after await Task.WhenAll(downloads.Values)
                    // (SyncOverAsyncTests.DictionaryValueResultAfterWhenAllOfValues_NoDiagnostic).
                    return true;
            }

            // a.B.Status == RanToCompletion ? a.B.Result : await a.B; await _lazy.Value; _lazy.Value.Result
            // (BlockingWaitAnalyzerTests.ResultGuardedOnPropertyChain_NoDiagnostic, BlockingWaitAnalyzerTests.LazyValueResultAfterAwait_NoDiagnostic).
            if (TaskPath.Of(operand) is not { IsVariable: false } chain)
            {
                return false;
            }

            // foreach (var d in downloads) d.Size.Result, downloads.Sum(d => d.Size.Result) after await Task.WhenAll(downloads.Select(d => d.Size))
            // (BlockingWaitAnalyzerTests.ResultOfElementMemberAfterWhenAllOfItsProjection_NoDiagnostic).
            if (chain.Members.Length == 1 && ElementSource(chain.Root, operand) is { } elements && IsCompleteSequence(elements.Source, elements.Point, chain.Members[0]))
            {
                return true;
            }

            return IsTargetCompleteAt(new Target(chain, isCollection: false), operand);
        }

        /// <summary>
        /// The input of the property pattern whose member reads the task (<c>Result: null</c>): complete when a member of the same
        /// pattern before it tests it complete (<c>IsCompleted: true</c>, <c>IsCompletedSuccessfully: true</c>, a final
        /// <c>Status</c>), or when the value the pattern tests is (<c>t is { Result: null }</c> of a continuation's antecedent)
        /// (BlockingWaitAnalyzerTests.ResultInPropertyPatternAfterCompletionTest_NoDiagnostic, ResultInPropertyPatternOfAntecedent_NoDiagnostic).
        /// </summary>
        private bool IsPatternInputComplete(IOperation input)
        {
            if (input.Parent is not IPropertyReferenceOperation { Parent: IPropertySubpatternOperation { Parent: IRecursivePatternOperation recursive } read })
            {
                return false;
            }

            foreach (var earlier in recursive.PropertySubpatterns)
            {
                if (ReferenceEquals(earlier, read))
                {
                    break;
                }

                if (earlier.Member is IPropertyReferenceOperation { Property.Name: var name, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } }
                    && (name is "IsCompleted" or "IsCompletedSuccessfully" && earlier.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: true } }
                        || name == "Status" && IsFinalStatusPattern(earlier.Pattern)))
                {
                    return true;
                }
            }

            return _depth > 0 && recursive.Parent is IIsPatternOperation { Value: var tested } && Deeper().IsKnownComplete(tested);
        }

        private bool AllCompletedByConstruction(IReadOnlyList<IOperation> values)
        {
            foreach (var value in values)
            {
                if (!IsCompletedByConstruction(value.WalkDownConversions()))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Task and ValueTask, or a library's own awaitable whose static <c>CompletedTask</c>/<c>FromResult</c> hands back that very
        /// type (MonoTorrent's <c>ReusableTask.CompletedTask</c>, UniTask's <c>UniTask.FromResult(x)</c>): the convention is the BCL's
        /// (UnawaitedTaskAnalyzerTests.CalleeReturnsCustomAwaitableCompletedTaskForConstantArgument_NoDiagnostic).
        /// </summary>
        private bool IsTaskLikeOrOwnAwaitable(INamedTypeSymbol? type, ITypeSymbol returned) =>
            _symbols.IsTaskLike(type)
            || (type is not null && returned is INamedTypeSymbol own && own.Name == type.Name
                && SymbolEqualityComparer.Default.Equals(own.ContainingNamespace, type.ContainingNamespace) && _symbols.IsAwaitable(own));

        /// <summary>Task.FromResult, Task.CompletedTask, new ValueTask&lt;T&gt;(value), default(ValueTask), await Task.WhenAny(...), ...</summary>
        public bool IsCompletedByConstruction(IOperation operand)
        {
            switch (operand)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true } method }
                    when method.Name is "FromResult" or "FromException" or "FromCanceled" && IsTaskLikeOrOwnAwaitable(method.ContainingType, method.ReturnType):
                    return true;
                case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property }
                    when IsTaskLikeOrOwnAwaitable(property.ContainingType, property.Type):
                    return true;
                case IObjectCreationOperation { Constructor: { } constructor } creation when _symbols.IsValueTask(creation.Type):
                    // new ValueTask<T>(result): the constructor that takes T (also when T is an interface, ValueTask<IScope>); not
                    // the ones that wrap a task or an IValueTaskSource (SyncApiWithAsyncCounterpartAnalyzerTests.InterfaceCounterpartWrappingInterfaceResultInValueTask_NoDiagnostic).
                    return constructor.Parameters.Length == 1 && constructor.OriginalDefinition.Parameters[0].Type.TypeKind == TypeKind.TypeParameter;
                case IDefaultValueOperation defaultValue when _symbols.IsValueTask(defaultValue.Type):
                    return true;
                case IAwaitOperation awaited:
                    // The task WhenAny hands back is the one that finished (BlockingWaitAnalyzerTests.ResultOfWhenAnyWinner_NoDiagnostic).
                    return IsWhenAny(awaited.Operation);
                default:
                    return false;
            }
        }

        /// <summary>
        /// With call facts only: a call that passes the synchronous mode value (<c>ReadAsync(IOBehavior.Synchronous)</c>,
        /// <c>FlushAsync(async: false)</c>) or whose callee completes synchronously returns a task that is already complete
        /// (SyncOverAsyncTests.GetResultOfCallPassingSynchronousMode_NoDiagnostic, SyncOverAsyncTests.ResultOfSourceMethodReturningFromResult_NoDiagnostic).
        /// A helper that hands back its argument (<c>task.LogExceptions()</c>) is the argument.
        /// </summary>
        private bool IsCompletedWhenReturned(IOperation operand)
        {
            if (_facts is null || _depth <= 0 || operand.WalkDownConversions() is not IInvocationOperation call || !_symbols.IsTaskLike(call.Type))
            {
                return false;
            }

            if (DualMode.PassesSynchronousMode(call) || _facts.CompletesSynchronously(call))
            {
                return true;
            }

            return _facts.ReturnedArgument(call) is { } argument && Deeper().IsKnownComplete(argument);
        }

        private Analysis Deeper() => new(_symbols, _facts, _depth - 1);

        /// <summary><c>Task.WhenAny(...)</c>, called here or stored in a local that is never reassigned.</summary>
        private bool IsWhenAny(IOperation awaited) => WhenAnyCall(awaited) is not null;

        private IInvocationOperation? WhenAnyCall(IOperation awaited)
        {
            var value = awaited.UnwrapConfigureAwaitAndWrappers();
            if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
            {
                value = initializer.UnwrapConfigureAwaitAndWrappers();
            }

            return value is IInvocationOperation { TargetMethod: { Name: "WhenAny", IsStatic: true } whenAny } call && _symbols.IsTaskLike(whenAny.ContainingType) ? call : null;
        }

        /// <summary>
        /// <c>Task.WaitAny(tasks, ...)</c> over the same variable as <paramref name="collection"/> (also <c>tasks.ToArray()</c>), called here or
        /// held in a local never reassigned: the index of a task that has completed (not <c>-1</c>: without a time-out it waits).
        /// </summary>
        private bool IsWaitAnyIndexOf(IOperation index, IOperation collection)
        {
            var value = index.WalkDownConversions();
            if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
            {
                value = initializer.WalkDownConversions();
            }

            if (value is not IInvocationOperation { TargetMethod: { Name: "WaitAny", IsStatic: true } waitAny } call || !_symbols.IsTaskLike(waitAny.ContainingType)
                || collection.ReferencedVariable() is not { } variable)
            {
                return false;
            }

            IOperation? tasks = null;
            foreach (var argument in call.Arguments)
            {
                // Task.WaitAny(tasks, 1000) may return -1 after the time-out.
                if (argument.Parameter?.Name is "millisecondsTimeout" or "timeout")
                {
                    return false;
                }

                if (argument.Parameter is { Ordinal: 0 })
                {
                    tasks = argument.Value.WalkDownConversions();
                    if (tasks is IInvocationOperation { TargetMethod.Name: "ToArray" } copy)
                    {
                        tasks = (copy.Instance ?? (copy.Arguments.Length > 0 ? copy.Arguments[0].Value : null))?.WalkDownConversions() ?? tasks;
                    }
                }
            }

            return tasks is not null && SymbolEqualityComparer.Default.Equals(tasks.ReferencedVariable(), variable);
        }

        /// <summary>
        /// <c>int index = Task.WaitAny(startedTask, errorTask, timeout); if (index == 1) ... errorTask.Result</c>: the task at the
        /// position the wait returned has completed. The tasks are listed in the call (arguments or an array created there); the
        /// index is the wait itself or a local it initializes, never reassigned (SyncOverAsyncTests.ResultOfWaitAnyWinnerByPosition_NoDiagnostic,
        /// ResultOfWaitAnyLoserByPosition_Reports).
        /// </summary>
        private void WaitAnyWinner(IOperation index, IOperation position, List<TaskPath> proven)
        {
            if (position.WalkDownConversions().Type?.SpecialType != SpecialType.System_Int32 || position.ConstantValue is not { HasValue: true, Value: int at } || at < 0)
            {
                return;
            }

            var value = index.WalkDownConversions();
            if (value is ILocalReferenceOperation local)
            {
                value = local.Local.FindSingleInitializer(value)?.WalkDownConversions()!;
            }

            if (value is not IInvocationOperation { TargetMethod: { Name: "WaitAny", IsStatic: true } waitAny } call || !_symbols.IsTaskLike(waitAny.ContainingType))
            {
                return;
            }

            var tasks = new List<IOperation>();
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Type is IArrayTypeSymbol && argument.Value.WalkDownConversions() is IArrayCreationOperation { Initializer: { } initializer })
                {
                    tasks.AddRange(initializer.ElementValues);
                    break;
                }
            }

            if (at < tasks.Count)
            {
                Add(proven, TaskPath.Of(tasks[at].WalkDownConversions()));
            }
        }

        /// <summary>The two tasks of <c>Task.WhenAny(a, b)</c> (two arguments, or an array of two), or null.</summary>
        private static (IOperation First, IOperation Second)? TwoTasks(IInvocationOperation whenAny)
        {
            var tasks = new List<IOperation>();
            foreach (var argument in whenAny.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    tasks.AddRange(initializer.ElementValues);
                }
                else if (argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    tasks.Add(value);
                }
            }

            return tasks.Count == 2 ? (tasks[0], tasks[1]) : null;
        }

        /// <summary>The value a local declared by a type pattern tests (<c>task</c> in <c>task is Task&lt;string&gt; typed</c>), when nothing else writes it.</summary>
        private static IOperation? TestedByPattern(ILocalSymbol local, IOperation use) =>
            local.DeclarationOf(use, out var written) is IDeclarationPatternOperation { Parent: IIsPatternOperation { Value: var value } } && !written
                ? value.WalkDownConversions()
                : null;

        private bool IsSymbolComplete(ISymbol symbol, IOperation use)
        {
            // ContinueWith(prev => prev.Result): the antecedent is complete when the continuation runs
            // (BlockingWaitAnalyzerTests.ResultOfAntecedentInContinueWith_NoDiagnostic); tasks.Select(t => t.Result) after WhenAll(tasks)
            // (BlockingWaitAnalyzerTests.SelectResultAfterWhenAllOfCollection_NoDiagnostic).
            if (symbol is IParameterSymbol parameter && IsEnumeratedOrContinuationParameter(parameter, use, out var source, out var invocation, out var isContinuation)
                && (isContinuation || IsCompleteSequence(source!, invocation!)))
            {
                return true;
            }

            // void HandleCompletion(Task<T> t) { ... t.Result ... } handed only to ContinueWith, also through a delegate local
            // (Action<Task<T>> handle = HandleCompletion; task.ContinueWith(handle)): t is the antecedent
            // (SyncOverAsyncTests.ResultOfAntecedentInLocalFunctionContinuation_NoDiagnostic, ResultOfParameterOfLocalFunctionAlsoCalled_Reports).
            if (symbol is IParameterSymbol { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.LocalFunction } localFunction }
                && IsContinuationOnly(localFunction, use))
            {
                return true;
            }

            if (symbol is ILocalSymbol local)
            {
                // foreach (var t in tasks) t.Result after await Task.WhenAll(tasks) (BlockingWaitAnalyzerTests.ForEachResultAfterWhenAllOfCollection_NoDiagnostic);
                // otherwise a guard inside the loop may still prove it (BlockingWaitAnalyzerTests.ForEachLocalGuardedByIsCompletedSuccessfully_NoDiagnostic).
                var loop = FindForEach(local, use);
                if (loop is not null && IsCompleteSequence(loop.Collection, loop))
                {
                    return true;
                }

                // foreach (var (key, task) in keyed) task.Result after await Task.WhenAll(Array.ConvertAll(keyed, k => k.Task)): the
                // position's tuple field of every element (BlockingWaitAnalyzerTests.ResultOfElementMemberAfterWhenAllOfItsProjection_NoDiagnostic).
                if (loop is not null && DeconstructedField(loop, local) is { } field && IsCompleteSequence(loop.Collection, loop, field))
                {
                    return true;
                }

                // await task; if (task is Task<string> typed) ... typed.Result: the pattern's variable is the task it tested, complete
                // where it was tested (BlockingWaitAnalyzerTests.ResultOfPatternVariableOfAwaitedTask_NoDiagnostic).
                if (_depth > 0 && TestedByPattern(local, use) is { } tested && tested.ReferencedVariable() is not null && Deeper().IsKnownComplete(tested))
                {
                    return true;
                }

                // var t = Task.FromResult(1); or var winner = await Task.WhenAny(a, b); never reassigned
                // (SyncOverAsyncTests.ResultOfLocalInitializedWithFromResult_NoDiagnostic, BlockingWaitAnalyzerTests.ResultOfWhenAnyWinner_NoDiagnostic).
                if (local.FindSingleInitializer(use)?.WalkDownConversions() is { } initializer)
                {
                    if (IsCompletedByConstruction(initializer) || IsCompletedWhenReturned(initializer))
                    {
                        return true;
                    }

                    // await t; var copy = t; copy.Result: a copy of a task known complete where it is copied; also an element
                    // (var finished = tasks[Task.WaitAny(tasks)]; finished.Result: SyncOverAsyncTests.ResultOfWaitAnyWinnerByIndex_NoDiagnostic).
                    if (_depth > 0 && (initializer.ReferencedVariable() is not null || initializer is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true })
                        && Deeper().IsKnownComplete(initializer))
                    {
                        return true;
                    }
                }
                else if (EveryAssignedValueComplete(local, use))
                {
                    // if (t.IsCompletedSuccessfully) { success = t; } ... success.Result: every value the local ever holds is complete
                    // (BlockingWaitAnalyzerTests.ResultOfLocalAssignedOnlyInsideGuard_NoDiagnostic).
                    return true;
                }
            }

            return IsTargetCompleteAt(new Target(new TaskPath(symbol, ImmutableArray<ISymbol>.Empty), isCollection: false), use);
        }

        /// <summary>
        /// Every write of the local stores null or a task known complete where it is stored; none is a ref/out/compound write. The
        /// local then holds a complete task (or null, which throws rather than blocks) wherever it is read.
        /// </summary>
        private bool EveryAssignedValueComplete(ILocalSymbol local, IOperation use)
        {
            if (_depth <= 0 || !_symbols.IsTaskLike(local.Type))
            {
                return false;
            }

            var values = new List<IOperation>();
            foreach (var operation in use.Root().Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    if (declarator.Initializer?.Value is { } initial)
                    {
                        values.Add(initial);
                    }
                }
                else if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference.IsWrite())
                {
                    if (reference.WalkUpConversions().Parent is not ISimpleAssignmentOperation assignment || assignment.Target != reference.WalkUpConversions())
                    {
                        return false;
                    }

                    values.Add(assignment.Value);
                }
            }

            var anyTask = false;
            var deeper = Deeper();
            foreach (var value in values)
            {
                if (value.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation { Type.IsReferenceType: true })
                {
                    continue;
                }

                if (!deeper.IsKnownComplete(value))
                {
                    return false;
                }

                anyTask = true;
            }

            return anyTask;
        }

        /// <summary>A lambda parameter or foreach local that enumerates a collection known to be complete.</summary>
        private bool IsEntryOfCompleteCollection(ISymbol entry, IOperation use) => entry switch
        {
            IParameterSymbol parameter => IsEnumeratedOrContinuationParameter(parameter, use, out var source, out var invocation, out var isContinuation)
                && !isContinuation && IsCompleteSequence(source!, invocation!),
            ILocalSymbol local => FindForEach(local, use) is { } loop && IsCompleteSequence(loop.Collection, loop),
            _ => false,
        };

        /// <summary>
        /// The elements of a sequence are complete: a collection known complete, seen through LINQ operators that keep only its
        /// elements (<c>tasks.Where(...).Select(t =&gt; t.Result)</c> after <c>WaitAll(tasks)</c>), or a filter that proves each element
        /// (<c>tasks.Where(t =&gt; t.IsCompletedSuccessfully)</c>) (SyncOverAsyncTests.SelectResultOverFilterAfterWaitAll_ReportsOnlyWaitAll,
        /// SyncOverAsyncTests.SelectResultAfterCompletionFilter_NoDiagnostic).
        /// </summary>
        private bool IsCompleteSequence(IOperation source, IOperation point, ISymbol? elementMember = null)
        {
            var value = source.WalkDownConversions();
            for (var steps = 0; steps < 8 && value is IInvocationOperation call && IsLinqOperator(call, SubsetOperators); steps++)
            {
                if (elementMember is null && call.TargetMethod.Name == "Where" && FilterProvesElements(call))
                {
                    return true;
                }

                value = LinqSource(call)!.WalkDownConversions();
            }

            if (elementMember is not null)
            {
                return value.ReferencedVariable() is { } collection
                    && IsTargetCompleteAt(new Target(new TaskPath(collection, ImmutableArray<ISymbol>.Empty), isCollection: true, elementMember), point);
            }

            return IsCollectionComplete(value.ReferencedVariable(), point);
        }

        /// <summary>
        /// The sequence a variable enumerates: the collection of the <c>foreach</c> that declares a local, or the source of the LINQ
        /// call whose lambda has the parameter; with the operation to judge completion at.
        /// </summary>
        private (IOperation Source, IOperation Point)? ElementSource(ISymbol root, IOperation use)
        {
            switch (root)
            {
                case ILocalSymbol local when FindForEach(local, use) is { LoopControlVariable: IVariableDeclaratorOperation } loop:
                    return (loop.Collection, loop);
                case IParameterSymbol parameter when IsEnumeratedOrContinuationParameter(parameter, use, out var source, out var invocation, out var isContinuation) && !isContinuation:
                    return (source!, invocation!);
                default:
                    return null;
            }
        }

        /// <summary>The tuple field a deconstructing <c>foreach (var (key, task) in keyed)</c> binds to the local; null otherwise.</summary>
        private static ISymbol? DeconstructedField(IForEachLoopOperation loop, ILocalSymbol local)
        {
            var control = loop.LoopControlVariable is IDeclarationExpressionOperation declaration ? declaration.Expression : loop.LoopControlVariable;
            if (control is not ITupleOperation { Type: INamedTypeSymbol { IsTupleType: true } tupleType } tuple || tupleType.TupleElements.Length != tuple.Elements.Length)
            {
                return null;
            }

            for (var i = 0; i < tuple.Elements.Length; i++)
            {
                var element = tuple.Elements[i] is IDeclarationExpressionOperation inner ? inner.Expression : tuple.Elements[i];
                if (element is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return tupleType.TupleElements[i];
                }
            }

            return null;
        }

        /// <summary>Two members name the same task of an element: one member, or one tuple position under two names.</summary>
        private static bool SameMember(ISymbol a, ISymbol b) =>
            SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition)
            || (a is IFieldSymbol { ContainingType.IsTupleType: true } first && b is IFieldSymbol { ContainingType.IsTupleType: true } second
                && first.CorrespondingTupleField is { } x && second.CorrespondingTupleField is { } y && x.Name == y.Name);

        /// <summary>
        /// <c>downloads.Select(d =&gt; d.Size)</c>, <c>Array.ConvertAll(keyed, k =&gt; k.Task)</c>: the sequence of one member of every
        /// element of the source; null when the value is no such projection.
        /// </summary>
        private IOperation? ProjectionSource(IOperation value, ISymbol member)
        {
            if (value is not IInvocationOperation { Arguments.Length: 2 } call
                || !((call.TargetMethod.Name == "Select" && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _symbols.Enumerable))
                    || (call.TargetMethod.Name == "ConvertAll" && call.TargetMethod.ContainingType.SpecialType == SpecialType.System_Array))
                || call.Arguments[1].Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                || lambda.Symbol.Parameters.Length != 1
                || lambda.Body.Operations.Length != 1
                || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned }
                || TaskPath.Of(returned) is not { Members.Length: 1 } path
                || !SymbolEqualityComparer.Default.Equals(path.Root, lambda.Symbol.Parameters[0])
                || !SameMember(path.Members[0], member))
            {
                return null;
            }

            return call.Arguments[0].Value.WalkDownConversions();
        }

        private bool IsLinqOperator(IInvocationOperation call, ImmutableHashSet<string> names) =>
            names.Contains(call.TargetMethod.Name)
            && LinqSource(call) is not null
            && (SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _symbols.Enumerable)
                || SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType?.OriginalDefinition, _symbols.ListOfT));

        private static IOperation? LinqSource(IInvocationOperation call) =>
            call.TargetMethod.IsExtensionMethod ? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null) : call.Instance;

        /// <summary><c>Where(t =&gt; t.IsCompletedSuccessfully)</c>, <c>Where(t =&gt; t.Status == TaskStatus.RanToCompletion)</c>.</summary>
        private bool FilterProvesElements(IInvocationOperation where)
        {
            if (where.Arguments.Length < 2
                || where.Arguments[1].Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                || lambda.Symbol.Parameters.Length == 0
                || lambda.Body.Operations.Length != 1
                || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } predicate })
            {
                return false;
            }

            var element = new TaskPath(lambda.Symbol.Parameters[0], ImmutableArray<ISymbol>.Empty);
            var proven = new List<TaskPath>();
            WhenTrue(predicate, proven);
            return Contains(proven, element);
        }

        private bool IsCollectionComplete(ISymbol? collection, IOperation point)
        {
            if (collection is null)
            {
                return false;
            }

            // Task.Factory.ContinueWhenAll(tasks, all => all[0].Result): every antecedent is complete (SyncOverAsyncTests.AntecedentsInContinueWhenAll_NoDiagnostic).
            if (collection is IParameterSymbol parameter
                && IsEnumeratedOrContinuationParameter(parameter, point, out _, out _, out var isContinuation)
                && isContinuation)
            {
                return true;
            }

            return IsTargetCompleteAt(new Target(new TaskPath(collection, ImmutableArray<ISymbol>.Empty), isCollection: true), point);
        }

        private bool IsEnumeratedOrContinuationParameter(IParameterSymbol parameter, IOperation use, out IOperation? source, out IOperation? invocation, out bool isContinuation)
        {
            source = null;
            invocation = null;
            isContinuation = false;
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
            if (call.TargetMethod.Name == "ContinueWith" && _symbols.IsTaskLike(call.TargetMethod.ContainingType))
            {
                isContinuation = true;
                return true;
            }

            if (call.TargetMethod.Name is "ContinueWhenAll" or "ContinueWhenAny" && IsTaskFactory(call.TargetMethod.ContainingType))
            {
                isContinuation = true;
                return true;
            }

            // tasks.Select(t => t.Result) after await Task.WhenAll(tasks): the lambda sees the collection's elements.
            source = call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : call.Instance;
            return source is not null;
        }

        /// <summary>Every use of the local function, in the body that declares it, is a continuation given to a task's <c>ContinueWith</c>.</summary>
        private bool IsContinuationOnly(IMethodSymbol localFunction, IOperation use)
        {
            ILocalFunctionOperation? declaration = null;
            foreach (var current in use.Ancestors())
            {
                if (current is ILocalFunctionOperation candidate && SymbolEqualityComparer.Default.Equals(candidate.Symbol, localFunction))
                {
                    declaration = candidate;
                    break;
                }
            }

            if (declaration?.Parent is not { } scope)
            {
                return false;
            }

            var any = false;
            foreach (var operation in scope.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod, localFunction):
                        return false;
                    case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method, localFunction):
                        if (!IsContinuationDelegate(reference.Parent, scope))
                        {
                            return false;
                        }

                        any = true;
                        break;
                }
            }

            return any;
        }

        private bool IsContinuationDelegate(IOperation? created, IOperation scope)
        {
            var parent = created?.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation call })
            {
                return call.TargetMethod.Name == "ContinueWith" && _symbols.IsTaskLike(call.TargetMethod.ContainingType);
            }

            // Action<Task<T>> handle = HandleCompletion;: every read of the local hands it to ContinueWith.
            if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } })
            {
                return false;
            }

            var read = false;
            foreach (var operation in scope.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    if (reference.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var target } }
                        || target.Name != "ContinueWith" || !_symbols.IsTaskLike(target.ContainingType))
                    {
                        return false;
                    }

                    read = true;
                }
            }

            return read;
        }

        private bool IsTaskFactory(ITypeSymbol? type) =>
            SymbolEqualityComparer.Default.Equals(type, _symbols.TaskFactory) || SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, _symbols.TaskFactoryOfT);

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

        private bool IsTargetCompleteAt(Target target, IOperation point)
        {
            var stable = target.Path.IsStable(_symbols);
            var child = point;
            for (var parent = point.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                // A local function body runs whenever it is called, possibly before any await that precedes its declaration
                // (CompletedTasksTests.IncompleteShape_IsNotKnownComplete "local function declared after the await").
                if (parent is ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is IAnonymousFunctionOperation lambda)
                {
                    // A lambda may run later, after a property chain handed back another task.
                    if (!stable)
                    {
                        return false;
                    }

                    if (IsContinuationOfWhenAllOver(lambda, target))
                    {
                        return !IsWrittenWithin(target.Path, lambda, point);
                    }
                }

                // if (t.IsCompleted) { ... t.Result ... }, unless t is reassigned inside the branch before the use
                // (BlockingWaitAnalyzerTests.ResultGuardedByIsCompleted_NoDiagnostic, CompletedTasksTests.IncompleteShape_IsNotKnownComplete "reassigned inside the guard").
                if (!target.IsCollection && IsGuardedBranch(parent, child, target.Path))
                {
                    return !IsWrittenWithin(target.Path, child, point) && (stable || !SuspendsBetween(parent, point));
                }

                // if (await t > 0) { t.Result }, await t > 0 && t.Result > 1: the operand evaluated first dominates the use
                // (BlockingWaitAnalyzerTests.ResultInBranchOfIfWithAwaitedCondition_NoDiagnostic).
                if (stable && EvaluatedBefore(parent, child) is { } before && EvaluatesCompleting(before, target))
                {
                    return !IsWrittenAfter(target.Path, before, point);
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
                    if (Completes(siblings[i], target, stable))
                    {
                        // await t; t = Next(); t.Result (BlockingWaitAnalyzerTests.ResultAfterAwaitThenReassignment_Reports).
                        return !IsWrittenAfter(target.Path, siblings[i], point) && (stable || !SuspendsBetween(siblings[i], point));
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
        private bool IsGuardedBranch(IOperation parent, IOperation child, TaskPath task) => parent switch
        {
            IConditionalOperation conditional when conditional.WhenTrue == child => Implies(conditional.Condition, task),
            IConditionalOperation conditional when conditional.WhenFalse == child => ImpliesWhenFalse(conditional.Condition, task),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and => and.RightOperand == child && Implies(and.LeftOperand, task),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or => or.RightOperand == child && ImpliesWhenFalse(or.LeftOperand, task),

            // switch (t.Status) { case TaskStatus.RanToCompletion: ... t.Result ... } (SyncOverAsyncTests.ResultInSwitchCaseOnStatus_NoDiagnostic).
            ISwitchCaseOperation { Parent: ISwitchOperation { Value: var value } } section when section.Body.Contains(child) =>
                section.Clauses.Length > 0 && AllClausesFinal(section.Clauses) && IsStatusOf(value, task),

            // t.Status switch { TaskStatus.RanToCompletion => t.Result, ... } (SyncOverAsyncTests.ResultInSwitchCaseOnStatus_NoDiagnostic);
            // also in the arm's when clause, evaluated once the pattern matched (SyncOverAsyncTests.ResultInWhenClauseOfStatusArm_NoDiagnostic).
            ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation { Value: var value } } arm when arm.Value == child || arm.Guard == child =>
                IsFinalStatusPattern(arm.Pattern) && IsStatusOf(value, task),
            _ => false,
        };

        private bool AllClausesFinal(ImmutableArray<ICaseClauseOperation> clauses)
        {
            foreach (var clause in clauses)
            {
                var final = clause switch
                {
                    ISingleValueCaseClauseOperation single => IsFinalStatus(single.Value),
                    IPatternCaseClauseOperation pattern => pattern.Guard is null && IsFinalStatusPattern(pattern.Pattern),
                    _ => false,
                };

                if (!final)
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsFinalStatusPattern(IPatternOperation pattern) => pattern switch
        {
            IConstantPatternOperation constant => IsFinalStatus(constant.Value),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsFinalStatusPattern(or.LeftPattern) && IsFinalStatusPattern(or.RightPattern),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and => IsFinalStatusPattern(and.LeftPattern) || IsFinalStatusPattern(and.RightPattern),
            _ => false,
        };

        private bool IsFinalStatus(IOperation value) =>
            value.WalkDownConversions() is IFieldReferenceOperation { Field: { Name: "RanToCompletion" or "Faulted" or "Canceled" } field }
            && SymbolEqualityComparer.Default.Equals(field.ContainingType, _symbols.TaskStatus);

        /// <summary><c>t.Status</c> for the task at <paramref name="task"/>, read here or through a local copy (<see cref="StatusRead"/>).</summary>
        private bool IsStatusOf(IOperation status, TaskPath task) =>
            StatusRead(status) is { } property && task.Equals(TaskPath.Of(property.Instance));

        /// <summary>
        /// The <c>t.Status</c> a tested value reads: the property itself, or the initializer of a local that is never reassigned
        /// (<c>TaskStatus status = t.Status; switch (status) { case TaskStatus.RanToCompletion: ... }</c>) when the task is not
        /// written anywhere after the copy and, for a property chain, the code cannot suspend between the copy and the test
        /// (SyncOverAsyncTests.ResultGuardedByStatusCopiedToLocal_NoDiagnostic, SyncOverAsyncTests.ResultGuardedByStaleStatusCopy_Reports).
        /// </summary>
        private IPropertyReferenceOperation? StatusRead(IOperation status)
        {
            var value = status.WalkDownConversions();
            if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value)?.WalkDownConversions() is IPropertyReferenceOperation copied)
            {
                return IsStatusProperty(copied) && TaskPath.Of(copied.Instance) is { } path
                    && !IsWrittenAfter(path, copied, value) && (path.IsStable(_symbols) || !SuspendsBetween(copied, value))
                    ? copied
                    : null;
            }

            return value is IPropertyReferenceOperation read && IsStatusProperty(read) ? read : null;
        }

        private bool IsStatusProperty(IPropertyReferenceOperation property) =>
            property.Property.Name == "Status" && _symbols.IsTaskLike(property.Property.ContainingType);

        private bool Implies(IOperation condition, TaskPath task)
        {
            var proven = new List<TaskPath>();
            WhenTrue(condition, proven);
            return Contains(proven, task);
        }

        private bool ImpliesWhenFalse(IOperation condition, TaskPath task)
        {
            var proven = new List<TaskPath>();
            WhenFalse(condition, proven);
            return Contains(proven, task);
        }

        private static bool Contains(List<TaskPath> proven, TaskPath task)
        {
            foreach (var path in proven)
            {
                if (path.Equals(task))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Collects the tasks the condition, when true, proves complete.</summary>
        public void WhenTrue(IOperation condition, List<TaskPath> proven)
        {
            switch (condition.WalkDownConversions())
            {
                case IPropertyReferenceOperation { Property.Name: var name, Instance: var instance } property
                    when StatusMembers.Contains(name) && _symbols.IsTaskLike(property.Property.ContainingType):
                    Add(proven, TaskPath.Of(instance));
                    return;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    WhenFalse(not.Operand, proven);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    WhenTrue(and.LeftOperand, proven);
                    WhenTrue(and.RightOperand, proven);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    StatusOrWinner(equals.LeftOperand, equals.RightOperand, proven);
                    StatusOrWinner(equals.RightOperand, equals.LeftOperand, proven);
                    WaitAnyWinner(equals.LeftOperand, equals.RightOperand, proven);
                    WaitAnyWinner(equals.RightOperand, equals.LeftOperand, proven);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    // var task = await Task.WhenAny(connected.Task, timeoutTask); if (task != timeoutTask) { connected.Task.GetResult() }:
                    // of two tasks, the other one won (BlockingWaitAnalyzerTests.ResultOfWhenAnyWinnerThroughConfigureAwaitWrapper_NoDiagnostic).
                    OtherOfTwo(notEquals.LeftOperand, notEquals.RightOperand, proven);
                    OtherOfTwo(notEquals.RightOperand, notEquals.LeftOperand, proven);
                    return;
                case IIsPatternOperation { Value: var index, Pattern: IConstantPatternOperation { Value: var position } } when position.WalkDownConversions().Type?.SpecialType == SpecialType.System_Int32:
                    WaitAnyWinner(index, position, proven);
                    return;
                case IIsPatternOperation { Value: var value, Pattern: var pattern } when IsFinalStatusPattern(pattern):
                    AddStatusOwner(value, proven);
                    return;
                case IInvocationOperation call when IsStatusExtension(call):
                    // task.IsCompletedSuccessfully(): a helper named after the status property, here or in a library
                    // (BlockingWaitAnalyzerTests.ResultGuardedByStatusExtensionMethod_NoDiagnostic).
                    Add(proven, TaskPath.Of(call.Arguments[0].Value));
                    return;
                case IInvalidOperation invalid when UnresolvedStatusCall(invalid) is { } receiver:
                    // The same helper when its assembly is missing: the call binds to the status property and fails (CS1955).
                    Add(proven, TaskPath.Of(receiver));
                    return;
                case IInvocationOperation call when BlockingCalls.Classify(call, _symbols, out var waited) == BlockingKind.Wait && !call.TargetMethod.ReturnsVoid:
                    // t.Wait(timeout) is true once t has completed; through a helper, if (!TryWait(t)) throw ...; t.Result: the blocking,
                    // if any, was in the wait (SyncOverAsyncTests.ResultAfterTimedWaitHelper_NoDiagnostic).
                    Add(proven, TaskPath.Of(waited));
                    return;
                case IInvocationOperation call when call.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean:
                    // if (IsReady(t)): a source helper whose body is the test (BlockingWaitAnalyzerTests.ResultGuardedBySourceHelper_NoDiagnostic).
                    FromHelper(call.TargetMethod, call.Instance, call.Arguments, call, proven);
                    return;
                case IPropertyReferenceOperation { Property: { GetMethod: { } getter, Parameters.Length: 0 } } property
                    when property.Type?.SpecialType == SpecialType.System_Boolean:
                    // if (HasValue): a property whose getter is the test (SyncOverAsyncTests.ResultGuardedByHasValueProperty_NoDiagnostic).
                    FromHelper(getter, property.Instance, ImmutableArray<IArgumentOperation>.Empty, property, proven);
                    return;
            }
        }

        /// <summary>Collects the tasks the condition, when false, proves complete (<c>!t.IsCompleted</c>, <c>winner != t</c>).</summary>
        private void WhenFalse(IOperation condition, List<TaskPath> proven)
        {
            switch (condition.WalkDownConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    WhenTrue(not.Operand, proven);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    WhenFalse(or.LeftOperand, proven);
                    WhenFalse(or.RightOperand, proven);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    // if (winner != t) continue; ... t.Result (BlockingWaitAnalyzerTests.ResultAfterWhenAnyWinnerNotEqualsContinue_NoDiagnostic).
                    StatusOrWinner(notEquals.LeftOperand, notEquals.RightOperand, proven);
                    StatusOrWinner(notEquals.RightOperand, notEquals.LeftOperand, proven);
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    // var winner = await Task.WhenAny(closeTask, receiveTask); if (winner == closeTask) break; ... receiveTask.Result: of
                    // two tasks, the other one won (BlockingWaitAnalyzerTests.ResultOfOtherTaskAfterWhenAnyOfTwoExitsOnFirst_NoDiagnostic).
                    OtherOfTwo(equals.LeftOperand, equals.RightOperand, proven);
                    OtherOfTwo(equals.RightOperand, equals.LeftOperand, proven);
                    return;
            }
        }

        private void OtherOfTwo(IOperation loser, IOperation winner, List<TaskPath> proven)
        {
            var value = winner.WalkDownConversions();
            if (value is ILocalReferenceOperation local)
            {
                value = local.Local.FindSingleInitializer(value)?.WalkDownConversions()!;
            }

            if (value is not IAwaitOperation awaited || WhenAnyCall(awaited.Operation) is not { } whenAny || TwoTasks(whenAny) is not { } two
                || TaskPath.Of(loser) is not { } lost)
            {
                return;
            }

            if (lost.Equals(TaskPath.Of(two.First)))
            {
                Add(proven, TaskPath.Of(two.Second));
            }
            else if (lost.Equals(TaskPath.Of(two.Second)))
            {
                Add(proven, TaskPath.Of(two.First));
            }
        }

        private void StatusOrWinner(IOperation left, IOperation right, List<TaskPath> proven)
        {
            // t.Status == TaskStatus.RanToCompletion
            if (IsFinalStatus(right))
            {
                AddStatusOwner(left, proven);
                return;
            }

            // await Task.WhenAny(a, b) == a, or the same through a local holding the awaited WhenAny result
            var winner = right.WalkDownConversions();
            if (winner is ILocalReferenceOperation local)
            {
                winner = local.Local.FindSingleInitializer(winner)?.WalkDownConversions()!;
            }

            if (winner is IAwaitOperation awaited && IsWhenAny(awaited.Operation))
            {
                Add(proven, TaskPath.Of(left));
            }
        }

        private void AddStatusOwner(IOperation status, List<TaskPath> proven)
        {
            if (StatusRead(status) is { } property)
            {
                Add(proven, TaskPath.Of(property.Instance));
            }
        }

        private static void Add(List<TaskPath> proven, TaskPath? path)
        {
            if (path is not null)
            {
                proven.Add(path);
            }
        }

        private bool IsStatusExtension(IInvocationOperation call) =>
            StatusMembers.Contains(call.TargetMethod.Name)
            && call.TargetMethod is { IsStatic: true, Parameters.Length: 1, ReturnType.SpecialType: SpecialType.System_Boolean }
            && call.Arguments.Length == 1
            && _symbols.IsTaskLike(call.Arguments[0].Value.WalkDownConversions().Type);

        /// <summary><c>t.IsCompletedSuccessfully()</c> that failed to bind (its extension's assembly is missing): the receiver.</summary>
        private IOperation? UnresolvedStatusCall(IInvalidOperation invalid)
        {
            if (invalid.Syntax is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access }
                || !StatusMembers.Contains(name))
            {
                return null;
            }

            // The receiver is a child of the call, or (newer compilers) of the member access the call failed on.
            foreach (var child in invalid.ChildOperations)
            {
                IEnumerable<IOperation> receivers = child.Syntax == access ? child.ChildOperations : new[] { child };
                foreach (var receiver in receivers)
                {
                    if (receiver.Syntax == access.Expression && _symbols.IsTaskLike(receiver.WalkDownConversions().Type))
                    {
                        return receiver;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// A helper's body proves tasks in its own terms (its parameters, the fields of its instance); translated to the call site:
        /// a parameter becomes the argument, a field of the instance the same field read through the call's receiver.
        /// </summary>
        private void FromHelper(IMethodSymbol helper, IOperation? receiver, ImmutableArray<IArgumentOperation> arguments, IOperation use, List<TaskPath> proven)
        {
            if (_facts is null || _depth <= 0 || _facts.ReturnedCondition(helper, use) is not { } body)
            {
                return;
            }

            var inHelper = new List<TaskPath>();
            Deeper().WhenTrue(body, inHelper);
            foreach (var path in inHelper)
            {
                switch (path.Root)
                {
                    case IParameterSymbol parameter:
                        foreach (var argument in arguments)
                        {
                            if (argument.Parameter?.Ordinal == parameter.Ordinal)
                            {
                                Add(proven, TaskPath.Of(argument.Value)?.Append(path.Members));
                            }
                        }

                        break;
                    case IFieldSymbol { IsStatic: true }:
                        proven.Add(path);
                        break;
                    case IFieldSymbol or INamedTypeSymbol when receiver is null or IInstanceReferenceOperation:
                        proven.Add(path);
                        break;
                    case IFieldSymbol field:
                        Add(proven, TaskPath.Of(receiver)?.Append(ImmutableArray.Create<ISymbol>(field)).Append(path.Members));
                        break;
                    case INamedTypeSymbol:
                        Add(proven, TaskPath.Of(receiver)?.Append(path.Members));
                        break;
                }
            }
        }

        /// <summary>Does this statement, once it completes normally, leave the target complete?</summary>
        private bool Completes(IOperation statement, Target target, bool stable)
        {
            switch (statement)
            {
                case IBlockOperation block:
                    foreach (var inner in block.Operations)
                    {
                        if (Completes(inner, target, stable))
                        {
                            return true;
                        }
                    }

                    return false;

                case IConditionalOperation conditional when stable && EvaluatesCompleting(conditional.Condition, target):
                    // if (await t > 0) { ... }: the condition runs on every path (CompletedTasksTests.CompleteShape_IsKnownComplete "await in if condition").
                    return true;

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return Completes(conditional.WhenTrue, target, stable) && Completes(whenFalse, target, stable);

                case IConditionalOperation { WhenFalse: null } guard when !target.IsCollection:
                    // if (!t.IsCompleted) { await t; } or if (!t.IsCompleted) return;
                    // (BlockingWaitAnalyzerTests.ResultAfterNotCompletedAwaitGuard_NoDiagnostic, BlockingWaitAnalyzerTests.ResultAfterNotCompletedReturnGuard_NoDiagnostic).
                    return ImpliesWhenFalse(guard.Condition, target.Path)
                        && (Completes(guard.WhenTrue, target, stable) || AlwaysExits(guard.WhenTrue, _facts));

                case ITryOperation { Catches.IsEmpty: false, Body.Operations: { Length: > 0 } body } when stable:
                    // try { await all; } catch { ... }: the await throws only once the task has completed, so a handler entered from
                    // the first statement still leaves it complete; a later statement may throw before an await further down
                    // (BlockingWaitAnalyzerTests.ResultAfterAwaitInTryWithCatch_NoDiagnostic, BlockingWaitAnalyzerTests.ResultAfterLaterAwaitInTryWithCatch_Reports).
                    // try/finally without a handler stays unknown (CompletedTasksTests.IncompleteShape_IsNotKnownComplete "await in a try block").
                    return body[0] is IExpressionStatementOperation { Operation: IAwaitOperation } && Completes(body[0], target, stable);

                case IConditionalOperation or ILoopOperation or ITryOperation or ISwitchOperation or ILockOperation or IUsingOperation:
                    return false;
            }

            return stable && EvaluatesCompleting(statement, target);
        }

        /// <summary>Does the operation, on every path through it, await or wait for the target?</summary>
        private bool EvaluatesCompleting(IOperation operation, Target target)
        {
            foreach (var evaluated in UnconditionalOperations(operation))
            {
                if (evaluated is IAwaitOperation awaited && WaitsFor(awaited.Operation.UnwrapConfigureAwait(), target))
                {
                    return true;
                }

                // t.Wait(); t.Result: the first wait is the one mistake to report (BlockingWaitAnalyzerTests.ResultAfterWaitOfSameTask_ReportsOnlyWait).
                if (BlockingWaitCompletes(evaluated, target))
                {
                    return true;
                }

                // WaitOrThrow(t); t.Result: the same wait inside a helper of the compilation (SyncOverAsyncTests.ResultAfterWaitHelper_NoDiagnostic).
                if (evaluated is IInvocationOperation call && HelperWaitsFor(call, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A call of a helper that returns only by running its statements to the end, and whose statements leave the parameter the
        /// target is passed to complete: <c>void WaitOrThrow(Task task) { if (!task.Wait(_timeout)) throw new TimeoutException(); }</c>.
        /// </summary>
        private bool HelperWaitsFor(IInvocationOperation call, Target target)
        {
            if (_facts is null || _depth <= 0 || target.IsCollection || !call.TargetMethod.ReturnsVoid || call.Arguments.IsEmpty)
            {
                return false;
            }

            IParameterSymbol? parameter = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.None } candidate && _symbols.IsTaskLike(candidate.Type) && target.Path.Equals(TaskPath.Of(argument.Value)))
                {
                    parameter = candidate;
                    break;
                }
            }

            if (parameter is null || _facts.StraightBody(call.TargetMethod, call) is not { } body)
            {
                return false;
            }

            // A write to the parameter anywhere in the helper may replace the task it waits for.
            var inner = new Target(new TaskPath(parameter.OriginalDefinition, ImmutableArray<ISymbol>.Empty), isCollection: false);
            foreach (var operation in body.Descendants())
            {
                if (IsWriteOrMutation(operation, inner.Path))
                {
                    return false;
                }
            }

            var deeper = Deeper();
            foreach (var statement in body.Operations)
            {
                if (deeper.Completes(statement, inner, stable: true))
                {
                    return true;
                }
            }

            return false;
        }

        private bool BlockingWaitCompletes(IOperation operation, Target target)
        {
            switch (BlockingCalls.Classify(operation, _symbols, out var task))
            {
                case BlockingKind.Result or BlockingKind.GetResult:
                    return !target.IsCollection && target.Path.Equals(TaskPath.Of(task!.UnwrapConfigureAwait()));
                case BlockingKind.Wait:
                    // Wait(timeout) returns false when the time runs out, leaving the task incomplete.
                    return !target.IsCollection && ((IInvocationOperation)operation).TargetMethod.ReturnsVoid && target.Path.Equals(TaskPath.Of(task));
                case BlockingKind.WaitAll:
                    return ((IInvocationOperation)operation).TargetMethod.ReturnsVoid && ArgumentsInclude((IInvocationOperation)operation, target);
                default:
                    return false;
            }
        }

        /// <summary>Is the awaited expression the target itself, or Task.WhenAll over it?</summary>
        private bool WaitsFor(IOperation awaited, Target target)
        {
            if (!target.IsCollection && target.Path.Equals(TaskPath.Of(awaited)))
            {
                return true;
            }

            return IsWhenAllOver(awaited, target);
        }

        /// <summary>
        /// <c>Task.WhenAll(...)</c> over the target, called here or stored in a local that is never reassigned
        /// (<c>var all = Task.WhenAll(tasks); await all;</c>, BlockingWaitAnalyzerTests.ResultAfterAwaitOfWhenAllLocal_NoDiagnostic).
        /// </summary>
        private bool IsWhenAllOver(IOperation operation, Target target)
        {
            var value = operation.WalkDownConversions();
            if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
            {
                value = initializer.WalkDownConversions();
            }

            return value is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } whenAll } call
                && _symbols.IsTaskLike(whenAll.ContainingType)
                && ArgumentsInclude(call, target);
        }

        /// <summary>
        /// <c>Task.WhenAll(a, b).ContinueWith(_ => a.Result + b.Result)</c>: the continuation runs once WhenAll has completed, which
        /// is once every task it was given has (SyncOverAsyncTests.ResultInContinuationOfWhenAll_NoDiagnostic).
        /// </summary>
        private bool IsContinuationOfWhenAllOver(IAnonymousFunctionOperation lambda, Target target)
        {
            switch (lambda.DelegateUse())
            {
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ContinueWith" } method, Instance: { } antecedent } }:
                    return _symbols.IsTaskLike(method.ContainingType) && IsWhenAllOver(antecedent, target);

                // Task.Factory.ContinueWhenAll(new Task[] { Source.Task }, _ => Source.Task.Result): the continuation reads an
                // antecedent by the path it was given, not through its parameter (SyncOverAsyncTests.AntecedentByItsPathInContinueWhenAll_NoDiagnostic).
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ContinueWhenAll" } method } call } continuation
                    when IsTaskFactory(method.ContainingType):
                    foreach (var argument in call.Arguments)
                    {
                        if (!ReferenceEquals(argument, continuation) && argument.Parameter?.Ordinal == 0
                            && argument.Value.WalkDownConversions() is IArrayCreationOperation { Initializer: { } initializer })
                        {
                            foreach (var element in initializer.ElementValues)
                            {
                                if (IsElement(element, target))
                                {
                                    return true;
                                }
                            }
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>WhenAll(t1, t2), WhenAll(new[] { t1, t2 }) include t1; WhenAll(tasks) and WaitAll(tasks) include the collection tasks.</summary>
        private bool ArgumentsInclude(IInvocationOperation call, Target target)
        {
            foreach (var argument in call.Arguments)
            {
                if (Includes(argument.Value.WalkDownConversions(), target, depth: 4))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A sequence of tasks holds the target: an element of it, or every element when the target is a collection. Through
        /// <c>Concat</c>, <c>Append</c> and <c>Prepend</c> (<c>WhenAll(new[] { frameTree, enable }.Concat(preloads))</c>) both sides
        /// count (BlockingWaitAnalyzerTests.ResultOfTaskInConcatenatedWhenAll_NoDiagnostic).
        /// </summary>
        private bool Includes(IOperation value, Target target, int depth)
        {
            if (depth > 0 && value is IInvocationOperation { TargetMethod: { Name: "Concat" or "Append" or "Prepend", IsExtensionMethod: true } joined, Arguments.Length: 2 } join
                && SymbolEqualityComparer.Default.Equals(joined.ContainingType, _symbols.Enumerable))
            {
                var second = join.Arguments[1].Value.WalkDownConversions();
                return Includes(join.Arguments[0].Value.WalkDownConversions(), target, depth - 1)
                    || (joined.Name == "Concat" ? Includes(second, target, depth - 1) : !target.IsCollection && IsElement(second, target));
            }

            if (target.IsCollection)
            {
                // WhenAll(tasks.Cast<Task>()), WaitAll(tasks.ToArray()): every element of tasks (BlockingWaitAnalyzerTests.ForEachLocalGuardedByIsCompletedSuccessfully_NoDiagnostic).
                for (var steps = 0; steps < 4 && value is IInvocationOperation linq && IsLinqOperator(linq, AllElementOperators); steps++)
                {
                    value = LinqSource(linq)!.WalkDownConversions();
                }

                // WhenAll(keyed.Select(k => k.Task).ToArray()): the member of every element of keyed.
                if (target.ElementMember is { } member)
                {
                    if (ProjectionSource(value, member) is not { } projected)
                    {
                        return false;
                    }

                    value = projected;
                    for (var steps = 0; steps < 4 && value is IInvocationOperation linq && IsLinqOperator(linq, AllElementOperators); steps++)
                    {
                        value = LinqSource(linq)!.WalkDownConversions();
                    }

                    return target.Path.Equals(TaskPath.Of(value));
                }

                // WhenAll(downloads.Values) completes every entry of the dictionary (SyncOverAsyncTests.DictionaryValueResultAfterWhenAllOfValues_NoDiagnostic).
                if (value is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } dictionary })
                {
                    value = dictionary;
                }

                return target.Path.Equals(TaskPath.Of(value));
            }

            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (IsElement(element, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (value.IsImplicit && value.Kind != OperationKind.ArrayCreation)
            {
                // C# 13 binds WhenAll(a, b) to WhenAll(params ReadOnlySpan<Task>) on .NET 9 and later: the compiler-made collection
                // is a collection-expression operation, newer than the Roslyn we build against, whose children are the arguments
                // as written (package test: GatherAsync in tests/PackageConsumer/Service.cs).
                foreach (var element in value.ChildOperations)
                {
                    if (IsElement(element, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            return IsElement(value, target);
        }

        /// <summary>
        /// The target, or <c>target ?? Task.CompletedTask</c>: WhenAll(output, error ?? Task.CompletedTask) completes the error task
        /// whenever there is one (BlockingWaitAnalyzerTests.ResultOfOptionalTaskAfterWhenAllWithCompletedFallback_NoDiagnostic).
        /// </summary>
        private static bool IsElement(IOperation element, Target target) =>
            target.Path.Equals(TaskPath.Of(element))
            || (element.WalkDownConversions() is ICoalesceOperation { Value: var optional } && target.Path.Equals(TaskPath.Of(optional)));

        /// <summary>Any write to the target after the completing statement began cancels what it proved (<c>await t; t = Next();</c>).</summary>
        private static bool IsWrittenAfter(TaskPath target, IOperation completingStatement, IOperation use)
        {
            var start = completingStatement.Syntax.SpanStart;
            foreach (var operation in use.Root().Descendants())
            {
                if (operation.Syntax.SpanStart > start && IsWriteOrMutation(operation, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A write to the target inside <paramref name="scope"/> before <paramref name="use"/>.</summary>
        private static bool IsWrittenWithin(TaskPath target, IOperation scope, IOperation use)
        {
            var end = use.Syntax.SpanStart;
            foreach (var operation in scope.DescendantsAndSelf())
            {
                if (operation.Syntax.SpanStart < end && IsWriteOrMutation(operation, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Can the code suspend between the guard (or the statement that proved completion) and the use? An await, an
        /// <c>await foreach</c> or <c>await using</c> in between lets other code replace what a property chain returns.
        /// </summary>
        private static bool SuspendsBetween(IOperation guard, IOperation use)
        {
            var start = guard.Syntax.SpanStart;
            var end = use.Syntax.SpanStart;
            foreach (var operation in use.Root().Descendants())
            {
                if (operation.Syntax.SpanStart > start && operation.Syntax.SpanStart < end
                    && operation is IAwaitOperation or IForEachLoopOperation { IsAsynchronous: true } or IUsingOperation { IsAsynchronous: true } or IUsingDeclarationOperation { IsAsynchronous: true })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWriteOrMutation(IOperation operation, TaskPath target)
        {
            if (operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                && SymbolEqualityComparer.Default.Equals(operation.ReferencedVariable(), target.Root))
            {
                return operation.IsWrite() || IsMutatingCollection(operation, target.Root);
            }

            // a.B = other: the chain now hands back another task.
            return !target.IsVariable
                && operation is IPropertyReferenceOperation or IFieldReferenceOperation
                && operation.IsWrite()
                && TaskPath.Of(operation) is { } written
                && target.StartsWith(written);
        }

        /// <summary>For collections: <c>tasks.Add(...)</c> after the WhenAll brings in a task nobody awaited.</summary>
        private static bool IsMutatingCollection(IOperation reference, ISymbol symbol) =>
            symbol is ILocalSymbol { Type.TypeKind: not TypeKind.Array } or IParameterSymbol { Type.TypeKind: not TypeKind.Array } or IFieldSymbol { Type.TypeKind: not TypeKind.Array }
            && reference.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert" or "InsertRange" or "Push" or "Enqueue" } call
            && call.Instance == reference;
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

    private static bool AlwaysExits(IOperation statement, ICallFacts? facts) => statement switch
    {
        IReturnOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,

        // if (!TryWait(t)) ThrowTimeout(); a helper that only throws (SyncOverAsyncTests.ResultAfterTimedWaitHelper_NoDiagnostic).
        IExpressionStatementOperation { Operation: IInvocationOperation call } => facts is not null && facts.NeverReturns(call),
        IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
        IBlockOperation { Operations.Length: > 0 } block => AlwaysExits(block.Operations[block.Operations.Length - 1], facts),
        _ => false,
    };

    private readonly struct Target
    {
        public Target(TaskPath path, bool isCollection, ISymbol? elementMember = null)
        {
            Path = path;
            IsCollection = isCollection;
            ElementMember = elementMember;
        }

        public TaskPath Path { get; }

        public bool IsCollection { get; }

        /// <summary>For a collection: the member of each element that is the task (<c>keyed[i].Task</c>); null for the elements themselves.</summary>
        public ISymbol? ElementMember { get; }
    }
}

/// <summary>
/// Where a task is read from: a variable (local, parameter, field of <c>this</c>, static field) and the fields and properties
/// read after it (<c>a.B</c>: root <c>a</c>, members <c>[B]</c>). A chain that starts at <c>this</c> (<c>Context.Status</c>, a
/// property of the instance) has the containing type as its root. Members compare by their original definitions.
/// </summary>
internal sealed class TaskPath
{
    private const int MaxMembers = 4;

    public TaskPath(ISymbol root, ImmutableArray<ISymbol> members)
    {
        Root = root;
        Members = members;
    }

    public ISymbol Root { get; }

    public ImmutableArray<ISymbol> Members { get; }

    /// <summary>A plain variable, with nothing read through it.</summary>
    public bool IsVariable => Members.IsEmpty;

    /// <summary>The path of a variable read through fields and non-indexed properties; null for anything else (a call, an index).</summary>
    public static TaskPath? Of(IOperation? operation)
    {
        var value = operation?.WalkDownConversions();
        if (value.ReferencedVariable() is { } variable)
        {
            return new TaskPath(variable, ImmutableArray<ISymbol>.Empty);
        }

        var members = new List<ISymbol>();
        while (members.Count < MaxMembers)
        {
            switch (value)
            {
                case IPropertyReferenceOperation { Property: { IsIndexer: false, IsStatic: false, Parameters.Length: 0 } property, Instance: { } instance }:
                    members.Add(property);
                    value = instance.WalkDownConversions();
                    break;
                case IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: { } instance }:
                    members.Add(field);
                    value = instance.WalkDownConversions();
                    break;
                default:
                    return null;
            }

            if ((value.ReferencedVariable() ?? ThisInstance(value)) is { } root)
            {
                members.Reverse();
                return new TaskPath(root, members.ToImmutableArray());
            }
        }

        return null;
    }

    private static ISymbol? ThisInstance(IOperation? value) =>
        value is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance, Type: { } type } ? type : null;

    /// <summary>Every member is <c>Lazy&lt;T&gt;.Value</c>, which hands back the same value every time: as good as a variable.</summary>
    public bool IsStable(AsyncSymbols symbols)
    {
        foreach (var member in Members)
        {
            var stable = member switch
            {
                IPropertySymbol { Name: "Value" } property when SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, symbols.LazyOfT) => true,

                // _source.Task: a completion source hands back the same task every time
                // (SyncOverAsyncTests.AntecedentByItsPathInContinueWhenAll_NoDiagnostic).
                IPropertySymbol { Name: "Task", ContainingType: { Name: "TaskCompletionSource", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } } } => true,

                // A readonly field, or a get-only auto-property of the compilation: written only while the object is built.
                IFieldSymbol { IsReadOnly: true } => true,
                IPropertySymbol { SetMethod: null, IsAbstract: false, IsVirtual: false, IsOverride: false, IsIndexer: false, DeclaringSyntaxReferences.Length: > 0 } property => property.IsAutoProperty(),
                _ => false,
            };
            if (!stable)
            {
                return false;
            }
        }

        return true;
    }


    public TaskPath Append(ImmutableArray<ISymbol> more) => more.IsEmpty ? this : new TaskPath(Root, Members.AddRange(more));

    /// <summary>Is <paramref name="prefix"/> this path or a path this one reads through?</summary>
    public bool StartsWith(TaskPath prefix)
    {
        if (prefix.Members.Length > Members.Length || !SameSymbol(Root, prefix.Root))
        {
            return false;
        }

        for (var i = 0; i < prefix.Members.Length; i++)
        {
            if (!SameSymbol(Members[i], prefix.Members[i]))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(TaskPath? other) => other is not null && other.Members.Length == Members.Length && StartsWith(other);

    public override bool Equals(object? obj) => Equals(obj as TaskPath);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Root.OriginalDefinition) * 31 + Members.Length;

    private static bool SameSymbol(ISymbol left, ISymbol right) =>
        SymbolEqualityComparer.Default.Equals(left, right) || SymbolEqualityComparer.Default.Equals(left.OriginalDefinition, right.OriginalDefinition);
}
