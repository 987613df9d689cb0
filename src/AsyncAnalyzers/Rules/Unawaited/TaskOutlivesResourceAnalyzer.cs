using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC205: a non-async method, local function or lambda returning Task or ValueTask returns, from inside a <c>using</c>
/// (statement or declaration) or from a <c>try</c> whose <c>finally</c> disposes a variable or releases a lock, a task that
/// uses the resource: the resource itself, a value made from it, or a lambda capturing it flows into the returned task.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskOutlivesResourceAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC205);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { } services)
            {
                return;
            }

            var symbols = services.Symbols;
            start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Return);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var ret = (IReturnOperation)context.Operation;
        if (ret.ReturnedValue is not { } value || ret.Syntax.ContainsDiagnostics)
        {
            return;
        }

        // Only a returned task: a method returning anything else (TaskOutlivesResourceAnalyzerTests.NonTaskReturnType_NoDiagnostic)
        // or a null (ASYNC206's business) has nothing that runs on.
        var returned = value.WalkDownConversions();
        if (returned.Type is null || !symbols.IsTaskLike(returned.Type))
        {
            return;
        }

        // In an async method the using's scope ends when the returned value is produced by awaiting, and a task value can
        // only be returned from an async Task<Task> (TaskOutlivesResourceAnalyzerTests.AsyncMethod_NoDiagnostic);
        // top-level statements cannot return a task (TaskOutlivesResourceAnalyzerTests.TopLevelStatements_NoDiagnostic).
        var function = AsyncContext.Of(ret, context.ContainingSymbol).Function;
        if (function is null
            || function.IsAsync
            || !(symbols.IsTask(function.ReturnType) || symbols.IsValueTask(function.ReturnType)))
        {
            return;
        }

        // Most returned tasks are not inside a using or a try/finally: a walk up that looks at nothing else answers first.
        // A task complete by construction needs nothing any more (TaskOutlivesResourceAnalyzerTests.CompletedTask_NoDiagnostic).
        if (!IsInReleasingScope(ret) || CompletedTasks.IsCompletedByConstruction(returned, symbols))
        {
            return;
        }

        IOperation child = ret;
        for (var parent = ret.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            // A return inside a lambda belongs to the lambda, not to the usings around it
            // (TaskOutlivesResourceAnalyzerTests.ReturnInLambdaInsideUsing_NoDiagnostic).
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return;
            }

            if (Found(parent, child, returned, symbols, context.CancellationToken) is { } resource)
            {
                context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC205, value.Syntax.GetLocation(), null, null, NameOf(function), resource));
                return;
            }
        }
    }

    private static bool IsInReleasingScope(IReturnOperation ret)
    {
        IOperation child = ret;
        for (var parent = ret.Parent; parent is not null and not (IAnonymousFunctionOperation or ILocalFunctionOperation); child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IUsingOperation usingOperation when child == usingOperation.Body:
                case ITryOperation { Finally: { } finallyBlock } when child != finallyBlock:
                    return true;
                case IBlockOperation block when HasUsingDeclarationBefore(block.Operations, child):
                case ISwitchCaseOperation switchCase when HasUsingDeclarationBefore(switchCase.Body, child):
                    return true;
            }
        }

        return false;
    }

    private static bool HasUsingDeclarationBefore(ImmutableArray<IOperation> statements, IOperation child)
    {
        foreach (var statement in statements)
        {
            if (statement == child)
            {
                return false;
            }

            if (statement is IUsingDeclarationOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of a resource that <paramref name="parent"/> releases after <paramref name="child"/> and that the returned task uses.</summary>
    private static string? Found(IOperation parent, IOperation child, IOperation returned, AsyncSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        switch (parent)
        {
            case IUsingOperation usingOperation when child == usingOperation.Body:
                return UsedResource(DeclaredOrReferenced(usingOperation.Resources), returned, symbols, checkWrites: false);

            case IBlockOperation block:
                return UsingDeclarationsBefore(block.Operations, child, returned, symbols);

            case ISwitchCaseOperation switchCase:
                return UsingDeclarationsBefore(switchCase.Body, child, returned, symbols);

            case ITryOperation { Finally: { } finallyBlock } tryOperation when child != finallyBlock:
                var disposed = new List<ISymbol>();
                string? lockName = null;
                foreach (var operation in finallyBlock.DescendantsInSameFunction())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // A release under a flag that the try sets (disposeEnumerator = false; return ConvertAsync(enumerator, ...))
                    // hands the resource to the task (TaskOutlivesResourceAnalyzerTests.ReleaseUnderOwnershipFlag_NoDiagnostic).
                    if (operation is not IInvocationOperation invocation || IsUnderFlagSetInTry(invocation, finallyBlock, tryOperation))
                    {
                        continue;
                    }

                    if (invocation.Arguments.Length == 0 && invocation.TargetMethod.Name is "Dispose" or "Close"
                        && ReceiverVariable(invocation) is { } variable)
                    {
                        disposed.Add(variable);
                    }
                    else if (LockReleased(invocation, symbols) is { } name)
                    {
                        lockName ??= name;
                    }
                }

                // A variable set to null (or to another value) after it was opened hands the resource over before the
                // finally runs (TaskOutlivesResourceAnalyzerTests.OwnershipTransferred_NoDiagnostic).
                if (UsedResource(disposed, returned, symbols, checkWrites: true) is { } resource)
                {
                    return resource;
                }

                return lockName is not null && IsStartedWork(returned, symbols) ? lockName : null;

            default:
                return null;
        }
    }

    private static bool IsUnderFlagSetInTry(IOperation release, IOperation finallyBlock, ITryOperation tryOperation)
    {
        foreach (var ancestor in release.Ancestors())
        {
            if (ancestor == finallyBlock)
            {
                return false;
            }

            if (ancestor is not IConditionalOperation { Condition: { } condition })
            {
                continue;
            }

            foreach (var read in condition.DescendantsInSameFunction())
            {
                if (read is ILocalReferenceOperation { Local: { } flag } && IsAssignedIn(flag, tryOperation.Body, tryOperation.Catches))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAssignedIn(ILocalSymbol flag, IOperation body, ImmutableArray<ICatchClauseOperation> catches)
    {
        foreach (var operation in body.DescendantsInSameFunction())
        {
            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, flag))
            {
                return true;
            }
        }

        foreach (var clause in catches)
        {
            if (IsAssignedIn(flag, clause, ImmutableArray<ICatchClauseOperation>.Empty))
            {
                return true;
            }
        }

        return false;
    }

    private static string? UsingDeclarationsBefore(ImmutableArray<IOperation> statements, IOperation child, IOperation returned, AsyncSymbols symbols)
    {
        List<ISymbol>? resources = null;
        foreach (var statement in statements)
        {
            // A using declaration after the return is not in scope yet (TaskOutlivesResourceAnalyzerTests.ReturnBeforeUsingDeclaration_NoDiagnostic).
            if (statement == child)
            {
                break;
            }

            if (statement is IUsingDeclarationOperation { IsAsynchronous: false } declaration)
            {
                resources ??= new List<ISymbol>();
                foreach (var local in declaration.DeclarationGroup.GetDeclaredVariables())
                {
                    resources.Add(local);
                }
            }
        }

        return resources is null ? null : UsedResource(resources, returned, symbols, checkWrites: false);
    }

    /// <summary>
    /// The variables a using statement releases: the ones it declares, or the variable it is given. A using on a value with
    /// no variable (<c>using (gate.Enter())</c>) has nothing the task can be seen to use
    /// (TaskOutlivesResourceAnalyzerTests.UsingOnValueWithoutVariable_NoDiagnostic).
    /// </summary>
    private static List<ISymbol> DeclaredOrReferenced(IOperation resources)
    {
        var found = new List<ISymbol>();
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var local in group.GetDeclaredVariables())
            {
                found.Add(local);
            }
        }
        else if (resources.ReferencedVariable() is { } variable)
        {
            found.Add(variable);
        }

        return found;
    }

    private static ISymbol? ReceiverVariable(IInvocationOperation invocation) => invocation.Instance?.ThroughConditionalAccess().ReferencedVariable();

    /// <summary>
    /// The lock a call in a finally releases: <c>SemaphoreSlim.Release</c>, <c>Semaphore.Release</c>, <c>Mutex.ReleaseMutex</c>,
    /// <c>Monitor.Exit</c>, <c>ReaderWriterLockSlim.Exit*Lock</c>. A <c>lock</c> statement is not one: under a lock, returning a
    /// task is how a cached task is handed out (TaskOutlivesResourceAnalyzerTests.LockStatement_NoDiagnostic).
    /// </summary>
    private static string? LockReleased(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType is not { } type || !type.IsInNamespace("System", "Threading"))
        {
            return null;
        }

        var isRelease = (method.Name, type.Name) switch
        {
            ("Release", "SemaphoreSlim" or "Semaphore") => true,
            ("ReleaseMutex", "Mutex") => true,
            ("Exit", "Monitor") => true,
            ("ExitReadLock" or "ExitWriteLock" or "ExitUpgradeableReadLock", "ReaderWriterLockSlim") => true,
            _ => false,
        };
        if (!isRelease)
        {
            return null;
        }

        var target = method.IsStatic ? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null) : invocation.Instance;
        return target?.WalkDownConversions().Syntax.ToString() ?? type.Name;
    }

    /// <summary>
    /// Work the lock was meant to cover: a call declared to return a task that is not complete by construction. A task taken
    /// from a container (<c>GetOrAdd</c>, an indexer, a field) was started elsewhere and the lock only guarded the container
    /// (TaskOutlivesResourceAnalyzerTests.LockGuardsCachedTask_NoDiagnostic).
    /// </summary>
    private static bool IsStartedWork(IOperation returned, AsyncSymbols symbols) =>
        returned is IInvocationOperation invocation
        && symbols.IsTaskLike(invocation.TargetMethod.OriginalDefinition.ReturnType);

    /// <summary>
    /// The first of <paramref name="resources"/> that the returned value uses, directly or through locals made from it.
    /// </summary>
    private static string? UsedResource(List<ISymbol> resources, IOperation returned, AsyncSymbols symbols, bool checkWrites)
    {
        if (resources.Count == 0)
        {
            return null;
        }

        var body = FunctionBody(returned);
        var tracked = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
        foreach (var resource in resources)
        {
            if ((checkWrites && body is not null && IsReassigned(resource, body)) || HasEmptyDispose(resource, symbols))
            {
                continue;
            }

            tracked[resource] = resource;
        }

        if (tracked.Count == 0)
        {
            return null;
        }

        if (UsedBy(returned, tracked, symbols) is { } direct)
        {
            return tracked[direct].Name;
        }

        // Locals made from the resource matter only when the returned value reads a local: the walk over the body waits until then.
        if (body is null || !ReadsLocal(returned))
        {
            return null;
        }

        AddDerivedLocals(body, tracked, symbols);
        return UsedBy(returned, tracked, symbols) is { } used ? tracked[used].Name : null;
    }

    /// <summary>
    /// True when the resource's type is sealed (or a struct), declared in this compilation, and implements Dispose with an empty
    /// block: disposing it releases nothing the task could need (TaskOutlivesResourceAnalyzerTests.EmptyDispose_NoDiagnostic).
    /// </summary>
    private static bool HasEmptyDispose(ISymbol resource, AsyncSymbols symbols)
    {
        var type = resource switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };
        if (type is not INamedTypeSymbol { } named || !(named.IsSealed || named.IsValueType) || symbols.IDisposable is not { } disposable)
        {
            return false;
        }

        foreach (var member in disposable.GetMembers(nameof(System.IDisposable.Dispose)))
        {
            if (member is IMethodSymbol dispose
                && named.FindImplementationForInterfaceMember(dispose) is IMethodSymbol implementation
                && implementation.DeclaringSyntaxReferences.Length == 1
                && implementation.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { Body.Statements.Count: 0, ExpressionBody: null })
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsLocal(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is ILocalReferenceOperation)
            {
                return true;
            }

            foreach (var childOperation in current.ChildOperations)
            {
                stack.Push(childOperation);
            }
        }

        return false;
    }

    private static IOperation? FunctionBody(IOperation operation)
    {
        var current = operation;
        foreach (var ancestor in operation.Ancestors())
        {
            if (ancestor is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }

            current = ancestor;
        }

        return current;
    }

    private static bool IsReassigned(ISymbol resource, IOperation body)
    {
        foreach (var operation in body.DescendantsInSameFunction())
        {
            if (operation is ISimpleAssignmentOperation assignment && SymbolEqualityComparer.Default.Equals(assignment.Target.ReferencedVariable(), resource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Locals whose value is made from a tracked variable (<c>var reader = new StreamReader(stream)</c>,
    /// <c>var request = client.CreateRequest()</c>), to a fixed point; each maps to the resource it comes from.
    /// </summary>
    private static void AddDerivedLocals(IOperation body, Dictionary<ISymbol, ISymbol> tracked, AsyncSymbols symbols)
    {
        var flows = new List<(ILocalSymbol Local, IOperation Value)>();
        foreach (var operation in body.DescendantsInSameFunction())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                    flows.Add((declarator.Symbol, initial));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    flows.Add((target.Local, assignment.Value));
                    break;
            }
        }

        bool changed;
        var rounds = 0;
        do
        {
            changed = false;
            foreach (var (local, flowing) in flows)
            {
                if (!tracked.ContainsKey(local) && UsedBy(flowing, tracked, symbols) is { } source)
                {
                    tracked[local] = tracked[source];
                    changed = true;
                }
            }
        }
        while (changed && ++rounds < 8);
    }

    /// <summary>The tracked variable that <paramref name="root"/> reads in a way that keeps needing it, or null.</summary>
    private static ISymbol? UsedBy(IOperation root, Dictionary<ISymbol, ISymbol> tracked, AsyncSymbols symbols)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current.ReferencedVariable() is { } variable && current is not IConversionOperation
                && tracked.ContainsKey(variable) && !IsMaterialized(current, root, symbols))
            {
                return variable;
            }

            foreach (var childOperation in current.ChildOperations)
            {
                stack.Push(childOperation);
            }
        }

        return null;
    }

    /// <summary>
    /// True when the read only feeds a plain value on its way to <paramref name="root"/>: a string or a value type
    /// (<c>stream.Length</c>, <c>reader.ReadToEnd()</c>) is computed before the method returns and needs the resource no more
    /// (TaskOutlivesResourceAnalyzerTests.MaterializedValue_NoDiagnostic). A lambda on the way captures the variable itself,
    /// and a token, memory or task still depends on its source.
    /// </summary>
    private static bool IsMaterialized(IOperation reference, IOperation root, AsyncSymbols symbols)
    {
        var plain = false;
        for (var current = reference; current != root && current.Parent is { } parent; current = parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or IDelegateCreationOperation)
            {
                return false;
            }

            plain |= parent.Type is { } type && IsPlainValue(type, symbols);

            // SendAsync(buffer.AsSpan(length)): a span handed to a call cannot outlive it (a ref struct is never kept on the heap nor
            // captured), so the callee has read it before it returns its task
            // (TaskOutlivesResourceAnalyzerTests.SpanOfResourceHandedToCallee_NoDiagnostic, MemoryOfPooledOwner_Reports).
            plain |= parent.Type is { IsRefLikeType: true } && parent.WalkUpConversions().Parent is IArgumentOperation;
        }

        return plain;
    }

    private static bool IsPlainValue(ITypeSymbol type, AsyncSymbols symbols)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        if (!type.IsValueType || symbols.IsTaskLike(type) || symbols.IsAwaitable(type))
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        return !(SymbolEqualityComparer.Default.Equals(definition, symbols.CancellationToken)
            || SymbolEqualityComparer.Default.Equals(definition, symbols.Memory)
            || SymbolEqualityComparer.Default.Equals(definition, symbols.ReadOnlyMemory)
            || type.IsRefLikeType);
    }

    private static string NameOf(IMethodSymbol function) => function.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda",
        MethodKind.PropertyGet => function.AssociatedSymbol?.Name ?? function.Name,
        _ => function.Name,
    };
}
