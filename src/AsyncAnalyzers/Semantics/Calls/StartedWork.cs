using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Facts about the work behind a task-producing expression: what was started (<c>FooAsync()</c>, <c>Task.Run(...)</c>), and
/// whether it is work that cannot fault. Whether the started work catches everything itself needs its body: that is a summary
/// (<c>MethodSummaries.CatchesEverything</c>).
/// </summary>
internal sealed class StartedWork
{
    /// <summary>The value of <c>TaskCreationOptions.LongRunning</c>.</summary>
    private const int LongRunning = 2;

    private readonly AsyncSymbols _symbols;

    public StartedWork(AsyncSymbols symbols)
    {
        _symbols = symbols;
    }

    /// <summary>
    /// The invocation that starts fresh work, looking through conversions, <c>ConfigureAwait(...)</c> and <c>?.</c>; null for
    /// anything else (a local, a property such as <c>tcs.Task</c>), whose task may well be observed elsewhere.
    /// </summary>
    public IInvocationOperation? FreshTask(IOperation value)
    {
        var current = value.WalkDownConversions();
        if (current is IConditionalAccessOperation conditionalAccess)
        {
            current = conditionalAccess.WhenNotNull.WalkDownConversions();
        }

        current = current.UnwrapConfigureAwait();
        return current is IInvocationOperation invocation && _symbols.IsTaskLike(invocation.Type) ? invocation : null;
    }

    /// <summary>Task.Run, Task.Factory.StartNew and TaskFactory&lt;T&gt;.StartNew: the delegate is the started work.</summary>
    public bool IsTaskStarter(IMethodSymbol method) =>
        (method.Name == "Run" && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Task))
        || (method.Name == "StartNew"
            && (SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.TaskFactory) || SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, _symbols.TaskFactoryOfT)));

    /// <summary>
    /// Where a delegate goes (<see cref="OperationExtensions.DelegateUse"/>): is it the body of a thread of its own? <c>new
    /// Thread(...)</c>, or <c>StartNew(..., TaskCreationOptions.LongRunning)</c> (directly, or on a local <c>TaskFactory</c> made
    /// with LongRunning). Such a body holds no pool thread and no synchronization context while it blocks.
    /// </summary>
    public bool IsDedicatedThreadBody(IOperation? delegateUse)
    {
        switch (delegateUse)
        {
            case IArgumentOperation { Parent: IObjectCreationOperation { Type: { } type } }:
                return SymbolEqualityComparer.Default.Equals(type, _symbols.Thread);
            case IInvalidOperation { Type: { } type, Syntax: BaseObjectCreationExpressionSyntax }:
                // new Thread(() => ...) whose body does not compile (yet, or in a build missing a reference): overload resolution
                // failed, but the lambda is still the new thread's body (SyncOverAsyncTests.ResultInDedicatedThreadBodyWithErrors_NoDiagnostic).
                return SymbolEqualityComparer.Default.Equals(type, _symbols.Thread);
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "StartNew" } call } when IsTaskStarter(call.TargetMethod):
                return HasLongRunning(call.Arguments) || IsLongRunningFactory(call.Instance);
            default:
                return false;
        }
    }

    /// <summary>
    /// A task that runs a synchronous delegate: <c>Task.Run(() =&gt; Work())</c>, <c>StartNew(Work)</c> with a non-async delegate
    /// that returns no awaitable, called here or stored in a local that is never reassigned. Waiting for it waits for a thread
    /// doing synchronous work, not for asynchronous I/O. <paramref name="facts"/> sees through helpers that hand back their
    /// argument (<c>StartNew(...).LogExceptions()</c>).
    /// </summary>
    public bool RunsSynchronousDelegate(IOperation task, ICallFacts? facts, int depth = 3)
    {
        var value = task.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
        {
            value = initializer.WalkDownConversions();
        }

        if (value is not IInvocationOperation call || depth <= 0)
        {
            return false;
        }

        if (!IsTaskStarter(call.TargetMethod))
        {
            return facts?.ReturnedArgument(call) is { } handedBack && RunsSynchronousDelegate(handedBack, facts, depth - 1);
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation creation)
            {
                return IsSynchronousDelegate(creation);
            }
        }

        return false;
    }

    /// <summary>
    /// Every task of a <c>Task.WaitAll</c> or <c>WaitAny</c> runs a synchronous delegate: each argument (<c>WaitAll(a, b)</c>,
    /// <c>WaitAll(new[] { a, b })</c>), or a local collection whose every element comes from such a start (<c>var tasks = new
    /// List&lt;Task&gt;(); tasks.Add(Task.Run(...)); Task.WaitAll(tasks.ToArray());</c>) and that nothing else fills.
    /// </summary>
    public bool AllRunSynchronousDelegates(IInvocationOperation wait, ICallFacts? facts)
    {
        var any = false;
        foreach (var argument in wait.Arguments)
        {
            if (argument.Parameter is not { } parameter || !IsTaskCollectionOrTask(parameter.Type))
            {
                continue;
            }

            any = true;
            var value = argument.Value.WalkDownConversions();
            if (value is IArrayCreationOperation { Initializer: { } initializer } || (value.IsImplicit && value.Kind != OperationKind.ArrayCreation && argument.ArgumentKind == ArgumentKind.ParamArray))
            {
                var elements = value is IArrayCreationOperation { Initializer: { } explicitElements } ? explicitElements.ElementValues : value.ChildOperations.ToImmutableArray();
                if (elements.IsEmpty || !elements.All(element => RunsSynchronousDelegate(element, facts)))
                {
                    return false;
                }
            }
            else if (_symbols.IsTaskLike(value.Type))
            {
                if (!RunsSynchronousDelegate(value, facts))
                {
                    return false;
                }
            }
            else if (!IsCollectionOfSynchronousWork(value, facts))
            {
                return false;
            }
        }

        return any;
    }

    private bool IsTaskCollectionOrTask(ITypeSymbol type) =>
        _symbols.IsTaskLike(type)
        || type is IArrayTypeSymbol { ElementType: var element } && _symbols.IsTaskLike(element)
        || type is INamedTypeSymbol { TypeArguments.Length: 1 } named && _symbols.IsTaskLike(named.TypeArguments[0]);

    /// <summary><c>tasks</c> or <c>tasks.ToArray()</c>, where <c>tasks</c> is a local list only ever given synchronous work.</summary>
    private bool IsCollectionOfSynchronousWork(IOperation collection, ICallFacts? facts) =>
        ElementsOfLocalTaskList(collection) is { Count: > 0 } elements && elements.All(element => RunsSynchronousDelegate(element, facts));

    /// <summary>
    /// The tasks a local list holds when all of them are written in this body: <c>tasks</c> or <c>tasks.ToArray()</c>, where
    /// <c>tasks</c> starts empty (<c>new List&lt;Task&gt;()</c>, with a capacity or not), as an array of tasks, or as
    /// <c>items.Select(x =&gt; Start(x)).ToList()</c> (the element is the lambda's value), or as a copy of another such list, and is
    /// otherwise only given elements with <c>Add</c>, read, counted, cleared or waited on. Null when anything else can put a task
    /// in it (<c>AddRange</c>, handed to a method, stored).
    /// </summary>
    public List<IOperation>? ElementsOfLocalTaskList(IOperation collection, int depth = 2)
    {
        var value = collection;
        if (value is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList", Instance: { } listInstance } && listInstance.Type is { } listType
            && SymbolEqualityComparer.Default.Equals(listType.OriginalDefinition, _symbols.ListOfT))
        {
            value = listInstance.WalkDownConversions();
        }
        else if (value is IInvocationOperation { TargetMethod: { Name: "ToArray" or "ToList", IsExtensionMethod: true } extension } linq
            && SymbolEqualityComparer.Default.Equals(extension.ContainingType, _symbols.Enumerable) && linq.Arguments.Length == 1)
        {
            value = linq.Arguments[0].Value.WalkDownConversions();
        }

        if (value is not ILocalReferenceOperation { Local: var local })
        {
            return null;
        }

        var elements = new List<IOperation>();
        foreach (var operation in value.Root().Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                // Starts empty: new List<Task>(), or an array of starts.
                switch (declarator.Initializer?.Value.WalkDownConversions())
                {
                    case IObjectCreationOperation { Initializer: null } empty when empty.Arguments.All(a => a.Value.Type?.SpecialType == SpecialType.System_Int32):
                        // new List<Task>() or new List<Task>(capacity)
                        break;
                    case IArrayCreationOperation { Initializer: { } initializer }:
                        elements.AddRange(initializer.ElementValues);
                        break;

                    // names.Select(name => Task.Run(() => Load(name))).ToList(): every element the lambda's value
                    // (SyncOverAsyncTests.WaitAnyOverSelectedSynchronousWork_NoDiagnostic).
                    case IInvocationOperation { TargetMethod: { Name: "ToArray" or "ToList", IsExtensionMethod: true }, Arguments: { Length: 1 } copied }
                        when copied[0].Value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "Select", Arguments: { Length: 2 } selectArguments }
                            && selectArguments[1].Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: false, Body.Operations: { Length: 1 } selectBody } }
                            && selectBody[0] is IReturnOperation { ReturnedValue: { } started }:
                        elements.Add(started);
                        break;

                    // var copy = tasks.ToArray(): the elements of another local list.
                    case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } copy when depth > 0 && ElementsOfLocalTaskList(copy, depth - 1) is { } copiedElements:
                        elements.AddRange(copiedElements);
                        break;
                    default:
                        return null;
                }

                continue;
            }

            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local) || reference == value)
            {
                continue;
            }

            switch (reference.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when add.Instance == reference:
                    elements.Add(add.Arguments[0].Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" or "Clear" or "Remove" or "RemoveAt" } read when read.Instance == reference:
                case IArrayElementReferenceOperation:
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" }:
                case IForEachLoopOperation:
                    break;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WaitAll" or "WaitAny" or "WhenAll" or "WhenAny", IsStatic: true } } }:
                    break;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ToArray" or "ToList", IsExtensionMethod: true } } }:
                    break;
                default:
                    // Passed elsewhere, stored, filled by AddRange: its elements are not all known here.
                    return null;
            }
        }

        return elements;
    }

    private bool IsSynchronousDelegate(IDelegateCreationOperation creation)
    {
        if (creation.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } || _symbols.IsAwaitable(invoke.ReturnType))
        {
            return false;
        }

        return creation.Target switch
        {
            IAnonymousFunctionOperation lambda => !lambda.Symbol.IsAsync,
            IMethodReferenceOperation reference => !reference.Method.IsAsync && !_symbols.IsAwaitable(reference.Method.ReturnType),
            _ => false,
        };
    }

    private bool HasLongRunning(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, _symbols.TaskCreationOptions)
                && argument.Value.ConstantValue is { HasValue: true, Value: int options }
                && (options & LongRunning) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A local <c>TaskFactory</c> made with <c>TaskCreationOptions.LongRunning</c>.</summary>
    private bool IsLongRunningFactory(IOperation? factory)
    {
        var value = factory?.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
        {
            value = initializer.WalkDownConversions();
        }

        return value is IObjectCreationOperation creation
            && (SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.TaskFactory) || SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, _symbols.TaskFactoryOfT))
            && HasLongRunning(creation.Arguments);
    }

    /// <summary>Task.Delay, Task.Yield-like and already-complete tasks: nothing that can fault with an exception worth seeing.</summary>
    public bool CannotFault(IInvocationOperation invocation) =>
        (invocation.TargetMethod is { Name: "Delay", IsStatic: true } delay && SymbolEqualityComparer.Default.Equals(delay.ContainingType, _symbols.Task))
        || (invocation.TargetMethod.Name is not ("FromException" or "FromCanceled") && CompletedTasks.IsKnownComplete(invocation, _symbols));

    /// <summary><c>OnlyOnFaulted</c>, or a continuation that reads its antecedent parameter at all.</summary>
    public static bool ContinuationObservesAntecedent(IInvocationOperation continueWith)
    {
        foreach (var argument in continueWith.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: int options } && argument.Parameter?.Type.TypeKind == TypeKind.Enum
                && ContinuationOptions.Has(options, ContinuationOptions.OnlyOnFaulted))
            {
                return true;
            }

            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } && lambda.Symbol.Parameters.Length > 0)
            {
                var antecedent = lambda.Symbol.Parameters[0];
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, antecedent))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
