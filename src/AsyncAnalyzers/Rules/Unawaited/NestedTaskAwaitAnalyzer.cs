using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC207: a <c>Task&lt;Task&gt;</c> made by <c>Task.Factory.StartNew</c>, <c>ContinueWith</c> or <c>new Task&lt;Task&gt;</c> over a
/// task-returning delegate, of which only the outer task is ever observed: awaited as a statement, converted to <c>Task</c>
/// (returned, passed, stored), waited, or handed to <c>Task.WhenAll</c>/<c>WhenAny</c>/<c>WaitAll</c>/<c>WaitAny</c>, directly,
/// through a local, through a private <c>Task&lt;Task&gt;</c> field, or as the elements of a <c>Select</c>; or whose inner task,
/// taken out, is only asked for its <c>Status</c>.
/// </summary>
/// <remarks>
/// One diagnostic per creation. Where it is reported: at the <c>await</c> for <c>await creation;</c>, and at the first
/// <c>await local;</c> statement on a local holding the creation; at the creation itself otherwise (converted to <c>Task</c>,
/// waited, handed to WhenAll and its kin, a local with no await statement on it, an element of a <c>Select</c>). The fix
/// appends <c>.Unwrap()</c> there.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NestedTaskAwaitAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC207);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationServices.TryGet(start.Compilation) is not { } services || services.Symbols.TaskOfT is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeAwait(c, services), OperationKind.Await);
            start.RegisterOperationAction(c => AnalyzeCreation(c, services), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    /// <summary>StartNew, ContinueWith or new Task&lt;Task&gt; over a task-returning delegate, making a nested task.</summary>
    private static bool IsNestedCreation(IOperation operation, AsyncSymbols symbols)
    {
        // Only tasks whose inner task is the work itself: StartNew, ContinueWith and new Task<Task> over a task-returning delegate.
        // Task.WhenAny's result is a task that has already completed, and a method of the program returning Task<Task> may well
        // mean "started" by its outer task (NestedTaskAwaitAnalyzerTests.WhenAny_NoDiagnostic, OwnMethodReturningTaskOfTask_NoDiagnostic).
        var api = operation switch
        {
            IInvocationOperation { TargetMethod: { Name: "StartNew" or "ContinueWith" } method } => IsTaskApi(method.ContainingType),
            IObjectCreationOperation { Type: INamedTypeSymbol created } => IsTaskApi(created),
            _ => false,
        };

        return api
            && operation.Type is INamedTypeSymbol { TypeArguments.Length: 1 } outerType
            && symbols.IsTask(outerType)
            && symbols.IsTaskLike(outerType.TypeArguments[0])
            && !ReturnsAntecedent(operation)
            && !ReturnsCompletedTasksOnly(operation);
    }

    /// <summary>
    /// A delegate whose every return is <c>Task.CompletedTask</c> or <c>Task.FromResult(...)</c>: the inner task has succeeded
    /// when the outer one completes, so observing the outer one loses nothing
    /// (NestedTaskAwaitAnalyzerTests.ContinueWithReturningCompletedTask_NoDiagnostic).
    /// </summary>
    private static bool IsCompletedTask(IOperation value) => value.WalkDownConversions() switch
    {
        IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property } => IsTaskApi(property.ContainingType),
        IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method } => IsTaskApi(method.ContainingType),
        IConditionalOperation { WhenFalse: { } whenFalse } conditional => IsCompletedTask(conditional.WhenTrue) && IsCompletedTask(whenFalse),
        _ => false,
    };

    private static bool ReturnsCompletedTasksOnly(IOperation creation)
    {
        var arguments = creation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation created => created.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        foreach (var argument in arguments)
        {
            if (argument.Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                continue;
            }

            var any = false;
            foreach (var operation in lambda.Body.DescendantsInSameFunction())
            {
                if (operation is IReturnOperation ret)
                {
                    if (ret.ReturnedValue is not { } returned || !IsCompletedTask(returned))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        return false;
    }

    /// <summary>
    /// <c>await creation;</c>, or <c>await local;</c> as the first await statement on a local holding the creation, whose every
    /// read observes the outer task only: reported at the await (NestedTaskAwaitAnalyzerTests.LocalFromStartNew_Reports).
    /// </summary>
    private static void AnalyzeAwait(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var await = (IAwaitOperation)context.Operation;

        var outer = await.Operation.UnwrapConfigureAwait();
        if (outer.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } outerType || !symbols.IsTask(outerType) || !symbols.IsTaskLike(outerType.TypeArguments[0]))
        {
            return;
        }

        IOperation creation;
        if (outer is ILocalReferenceOperation { Local: { } local })
        {
            // A local assigned twice is not followed (NestedTaskAwaitAnalyzerTests.LocalReassigned_NoDiagnostic).
            if (local.FindSingleInitializer(outer)?.WalkDownConversions() is not { } initializer
                || !IsNestedCreation(initializer, symbols)
                || LocalObservation(local, initializer, symbols) is not { Allowed: true, FirstAwait: { } first }
                || first != await)
            {
                return;
            }

            creation = initializer;
        }
        else if (IsNestedCreation(outer, symbols) && AwaitObserving(outer) == await)
        {
            creation = outer;
        }
        else
        {
            return;
        }

        // await Task.Factory.StartNew(() => Checker(token), ...) in a hosted service's StartAsync: the work is a worker meant to
        // outlive the start (awaiting the inner task would hold up the host's start for the worker's whole life), so only its
        // exceptions could be lost, and a worker that catches everything loses none
        // (NestedTaskAwaitAnalyzerTests.WorkerAwaitedInStartAsyncThatCatchesEverything_NoDiagnostic, WorkerAwaitedInStartAsyncThatCanFault_Reports).
        if (creation is IInvocationOperation start && IsServiceStart(context.ContainingSymbol) && !services.Summaries.CanFault(start, unseenOnly: true).IsYes)
        {
            return;
        }

        Report(context.ReportDiagnostic, context.Options, creation, await, noFix: false, symbols);
    }

    /// <summary>
    /// <c>StartAsync</c> implementing an interface's <c>StartAsync</c> (<c>IHostedService</c>, a bus or listener contract) or
    /// overriding one: a method whose contract is to start work and return.
    /// </summary>
    private static bool IsServiceStart(ISymbol? member)
    {
        if (member is not IMethodSymbol { Name: "StartAsync" } method)
        {
            return false;
        }

        if (method.IsOverride)
        {
            return true;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (implemented.Name == "StartAsync")
            {
                return true;
            }
        }

        foreach (var iface in method.ContainingType.AllInterfaces)
        {
            foreach (var candidate in iface.GetMembers("StartAsync"))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(candidate), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, CompilationServices services)
    {
        var symbols = services.Symbols;
        var creation = context.Operation;
        if (!IsNestedCreation(creation, symbols) || AwaitObserving(creation) is not null)
        {
            return;
        }

        var noFix = false;
        IOperation? reported;
        if (Observation(creation, symbols) is { } direct)
        {
            // _watcher = Task.Factory.StartNew(() => WatchAsync(token)) into a Task field the type only tests for null ("already
            // started"): nobody waits for the work, so only its exceptions could be lost, and work that catches everything loses
            // none (NestedTaskAwaitAnalyzerTests.TaskFieldOnlyNullCheckedOfWorkThatCatchesEverything_NoDiagnostic,
            // TaskFieldOnlyNullCheckedOfWorkThatCanFault_Reports).
            if (direct == creation && creation is IInvocationOperation started && StoredField(creation.WalkUpConversions()) is { } flag
                && FieldOnlyTestedForNull(flag, creation, context.CancellationToken) && !services.Summaries.CanFault(started, unseenOnly: true).IsYes)
            {
                return;
            }

            reported = direct;
        }
        else if (StoredLocal(creation) is { } local)
        {
            // A local with no await statement on it: reported at the creation, where the fix unwraps it once for every read
            // (NestedTaskAwaitAnalyzerTests.LocalWaited_Reports, LocalInWhenAll_Reports); a declared Task<Task> would no longer fit
            // (NestedTaskAwaitCodeFixTests.LocalExplicitlyTyped_NoFix).
            if (LocalObservation(local, creation, symbols) is not { Allowed: true, Any: true, FirstAwait: null })
            {
                return;
            }

            reported = creation;
            noFix = creation.Parent is not IVariableInitializerOperation { Parent.Syntax.Parent: VariableDeclarationSyntax { Type.IsVar: true } };
        }
        else if (StoredField(creation) is { } field)
        {
            // A private Task<Task> field every use of which in its type observes the outer task only: reported at the creation,
            // without a fix, since the unwrapped task would not fit the field (NestedTaskAwaitAnalyzerTests.PrivateFieldAwaited_Reports).
            if (!FieldObservesOuterOnly(field, creation, symbols, context.CancellationToken))
            {
                return;
            }

            reported = creation;
            noFix = true;
        }
        else
        {
            reported = CollectionElement(creation, symbols, out noFix);
        }

        if (reported is not null)
        {
            Report(context.ReportDiagnostic, context.Options, creation, reported, noFix, symbols);
        }
    }

    private static void Report(System.Action<Diagnostic> report, AnalyzerOptions options, IOperation creation, IOperation reported, bool noFix, AsyncSymbols symbols)
    {
        var outerType = (INamedTypeSymbol)creation.Type!;

        // Unwrap and Task.Run's unwrapping overloads know Task and Task<T> only: a ValueTask inside is reported without a fix
        // (NestedTaskAwaitCodeFixTests.InnerValueTask_NoFix). A Task<Task> made by its constructor must be started, which its
        // unwrapped proxy cannot be: reported at the creation it has no fix (NestedTaskAwaitCodeFixTests.NewTaskOfTaskConverted_NoFix).
        var properties = ImmutableDictionary<string, string?>.Empty;
        // 'var inner = await outer' with Unwrap would change what inner is (NestedTaskAwaitCodeFixTests.InnerReadOnlyStatus_NoFix).
        if (noFix
            || !symbols.IsTask(outerType.TypeArguments[0])
            || (reported == creation && creation is IObjectCreationOperation)
            || reported is IAwaitOperation { Parent: not IExpressionStatementOperation })
        {
            properties = properties.Add(DiagnosticProperties.NoFix, "true");
        }
        else if (IsPlainStartNew(creation, symbols) && (reported == creation || reported is IAwaitOperation { Operation: var awaited } && awaited.UnwrapConfigureAwait() == creation))
        {
            properties = properties.Add(DiagnosticProperties.TaskRun, "true");
        }

        report(Findings.Create(options, Descriptors.ASYNC207, reported.Syntax.GetLocation(), null, properties, OriginName(creation)));
    }

    private static ILocalSymbol? StoredLocal(IOperation creation) => creation.Parent switch
    {
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } declared } } => declared,
        _ => null,
    };

    /// <summary>
    /// Where <paramref name="value"/> (a nested task) is observed by its outer task only, the operation to report: the
    /// <c>await</c> statement, or the value itself when converted to <c>Task</c>, waited, or handed to WhenAll and its kin; null
    /// for any other use.
    /// </summary>
    private static IOperation? Observation(IOperation value, AsyncSymbols symbols)
    {
        var parent = value.Parent;

        // 'await outer;' as a statement: 'var inner = await outer', 'await await outer', 'return await outer' and '_ = await outer'
        // keep the inner task or drop it on purpose (NestedTaskAwaitAnalyzerTests.InnerTaskKept_NoDiagnostic,
        // AwaitAwait_NoDiagnostic, ExplicitDiscard_NoDiagnostic, ReturnAwaitOuter_NoDiagnostic).
        if (AwaitObserving(value) is { } await)
        {
            return await;
        }

        switch (parent)
        {
            // Converted to Task (returned, passed, stored): nothing can reach the inner task afterwards
            // (NestedTaskAwaitAnalyzerTests.ReturnedAsTask_Reports, PassedAsTask_Reports, StoredInTaskField_Reports). A Task<Task>
            // returned as Task<Task> is the caller's business (NestedTaskAwaitAnalyzerTests.ReturnOuterWithoutAwait_NoDiagnostic).
            case IConversionOperation { IsImplicit: true, Type: { } target } when SymbolEqualityComparer.Default.Equals(target, symbols.Task):
                return value;

            // outer.Wait(), and outer.Wait(timeout) whose bool says whether the outer task finished
            // (NestedTaskAwaitAnalyzerTests.LocalWaited_Reports, WaitWithTimeout_Reports).
            case IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } instance } when instance == value:
                return value;

            // outer.GetAwaiter().GetResult(); as a statement, through ConfigureAwait too (NestedTaskAwaitAnalyzerTests.GetAwaiterGetResult_Reports).
            case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter", Instance: { } instance } when instance == value && IsGetResultStatement(parent):
                return value;

            // An element of WhenAll(a, b)'s params array of Task<Task> (NestedTaskAwaitAnalyzerTests.WhenAllOfCreations_Reports).
            case IArrayInitializerOperation { Parent: IArrayCreationOperation { IsImplicit: true } array } when IsSinkArgument(array, symbols):
                return value;

            // The same against .NET 9+, whose WhenAll and WaitAll take a params ReadOnlySpan: the elements sit in an implicit
            // collection expression (an operation this package's Roslyn 4.8 does not name) that is the params argument.
            case { IsImplicit: true, Parent: IArgumentOperation { ArgumentKind: not ArgumentKind.Explicit } } collection when IsSinkArgument(collection, symbols):
                return value;

            default:
                return null;
        }
    }

    /// <summary>
    /// The await of <paramref name="value"/> (through ConfigureAwait) that observes its outer task only. The inner task is dropped
    /// when the await is a statement of its own: 'var inner = await outer', 'await await outer' and '_ = await outer' keep it or
    /// drop it on purpose (NestedTaskAwaitAnalyzerTests.InnerTaskKept_NoDiagnostic, AwaitAwait_NoDiagnostic, ExplicitDiscard_NoDiagnostic),
    /// except <c>var inner = await outer</c> whose inner task is only asked for its Status (<see cref="DropsInnerTask"/>,
    /// NestedTaskAwaitAnalyzerTests.LocalInnerReadOnlyStatus_Reports).
    /// </summary>
    private static IAwaitOperation? AwaitObserving(IOperation value)
    {
        var current = value;
        while (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configure && instance == current)
        {
            current = configure;
        }

        return current.Parent is IAwaitOperation await && (await.Parent is IExpressionStatementOperation || DropsInnerTask(await)) ? await : null;
    }

    private static readonly ImmutableHashSet<string> IdleTaskMembers = ImmutableHashSet.Create("Status", "Id", "CreationOptions", "AsyncState");

    /// <summary>
    /// <c>var inner = await outer;</c> where <c>inner</c> is read, and every read asks for its <c>Status</c>, <c>Id</c>,
    /// <c>CreationOptions</c> or <c>AsyncState</c> only: nothing waits for the inner task or sees its exceptions
    /// (NestedTaskAwaitAnalyzerTests.LocalInnerReadOnlyStatus_Reports). Awaited, returned, passed, stored, polled with
    /// <c>IsCompleted</c> or written again anywhere, it is kept (NestedTaskAwaitAnalyzerTests.InnerAwaitedAfterStatusRead_NoDiagnostic);
    /// never read at all, it is ASYNC204's.
    /// </summary>
    private static bool DropsInnerTask(IAwaitOperation await)
    {
        if (await.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } inner } })
        {
            return false;
        }

        var any = false;
        foreach (var operation in await.Root().Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, inner))
            {
                continue;
            }

            if (reference.IsWrite()
                || reference.Parent is not IPropertyReferenceOperation { Property.Name: { } name, Instance: { } instance }
                || instance != reference
                || !IdleTaskMembers.Contains(name))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary><c>x.GetAwaiter().GetResult();</c> or <c>x.ConfigureAwait(false).GetAwaiter().GetResult();</c> from the call on x.</summary>
    private static bool IsGetResultStatement(IOperation? call)
    {
        var current = call;
        while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Parent is IInvocationOperation { Instance: { } next } parent && next == configure)
        {
            current = parent;
        }

        return current is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter
            && getAwaiter.Parent is IInvocationOperation { TargetMethod.Name: "GetResult", Instance: { } awaiter, Parent: IExpressionStatementOperation }
            && awaiter == getAwaiter;
    }

    private static IAwaitOperation? AwaitStatement(IOperation value)
    {
        var current = value;
        while (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configure && instance == current)
        {
            current = configure;
        }

        return current.Parent is IAwaitOperation { Parent: IExpressionStatementOperation } await ? await : null;
    }

    /// <summary>
    /// A local holding the outer task: every read of it must observe the outer task only (NestedTaskAwaitAnalyzerTests.LocalFromStartNew_Reports);
    /// any other read (<c>await await local</c>, <c>var inner = await local</c>, <c>local.Unwrap()</c>, <c>local.Result</c>, ...) or
    /// a write keeps it silent (NestedTaskAwaitAnalyzerTests.LocalInnerAwaitedLater_NoDiagnostic, LocalReassigned_NoDiagnostic,
    /// UnwrapOnLocal_NoDiagnostic, LocalUnwrappedOnce_NoDiagnostic).
    /// </summary>
    private static LocalUses LocalObservation(ILocalSymbol local, IOperation creation, AsyncSymbols symbols)
    {
        IAwaitOperation? firstAwait = null;
        var any = false;
        foreach (var operation in creation.Root().Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (reference.IsWrite())
            {
                return default;
            }

            // Starting the task made by new Task<Task>(...) observes nothing (NestedTaskAwaitAnalyzerTests.NewTaskOfTask_Reports).
            if (reference.Parent is IInvocationOperation { TargetMethod.Name: "Start" or "RunSynchronously" } start && start.Instance == reference)
            {
                continue;
            }

            // 'winner == outer' after WhenAny, 'outer != null': identity, not the inner task (NestedTaskAwaitAnalyzerTests.LocalInWhenAnyComparedToWinner_Reports).
            if (IsIdentityCheck(reference))
            {
                continue;
            }

            var observed = Observation(reference, symbols);
            if (observed is null)
            {
                return default;
            }

            any = true;
            if (observed is IAwaitOperation await && (firstAwait is null || await.Syntax.SpanStart < firstAwait.Syntax.SpanStart))
            {
                firstAwait = await;
            }
        }

        return new LocalUses(true, any, firstAwait);
    }

    /// <summary>The task compared by reference (<c>winner == outer</c>) or tested for null (<c>outer is null</c>, <c>outer != null</c>).</summary>
    private static bool IsIdentityCheck(IOperation reference)
    {
        var current = reference;
        while (current.Parent is IConversionOperation { IsImplicit: true, Conversion.IsUserDefined: false } conversion)
        {
            current = conversion;
        }

        return current.Parent switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, OperatorMethod: null } => true,
            IIsPatternOperation { Pattern: IConstantPatternOperation or INegatedPatternOperation { Pattern: IConstantPatternOperation } } => true,
            _ => false,
        };
    }

    /// <summary>
    /// The private field of the type that <paramref name="creation"/> is assigned to (<c>_worker = Task.Factory.StartNew(...)</c>)
    /// or initializes.
    /// </summary>
    private static IFieldSymbol? StoredField(IOperation creation)
    {
        var field = creation.Parent switch
        {
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment when assignment.Value == creation => target.Field,
            IFieldInitializerOperation { InitializedFields.Length: 1 } initializer => initializer.InitializedFields[0],
            _ => null,
        };

        return field is { DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false } ? field : null;
    }

    /// <summary>
    /// Every use of a private <c>Task&lt;Task&gt;</c> field in its type (one file) observes the outer task only: awaited as a
    /// statement, waited, converted to <c>Task</c>, handed to WhenAll and its kin, compared or tested for null; every write stores
    /// a nested creation, null or default; and one read at least (NestedTaskAwaitAnalyzerTests.PrivateFieldAwaited_Reports). Any
    /// other use (<c>await await _worker</c>, <c>_worker.Unwrap()</c>, returned or passed as <c>Task&lt;Task&gt;</c>,
    /// <c>ref _worker</c>), a partial type spread over files, or a type without the source at hand keeps it silent
    /// (NestedTaskAwaitAnalyzerTests.PrivateFieldUnwrappedSomewhere_NoDiagnostic). Walked only for a nested creation stored in a
    /// private field, which is rare.
    /// </summary>
    private static bool FieldObservesOuterOnly(IFieldSymbol field, IOperation creation, AsyncSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        var anyRead = false;
        foreach (var reference in FieldReferences(field, creation, cancellationToken))
        {
            if (reference is null)
            {
                return false;
            }

            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                var value = assignment.Value.WalkDownConversions();
                if (!(value == creation
                    || IsNestedCreation(value, symbols)
                    || value is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation))
                {
                    return false;
                }

                continue;
            }

            if (reference.IsWrite())
            {
                return false;
            }

            if (IsIdentityCheck(reference))
            {
                continue;
            }

            // '_worker?.Wait()' as a statement.
            if (reference.Parent is IConditionalAccessOperation { WhenNotNull: IInvocationOperation { TargetMethod.Name: "Wait", Instance: IConditionalAccessInstanceOperation } } conditional
                && conditional.Operation == reference)
            {
                anyRead = true;
                continue;
            }

            if (Observation(reference, symbols) is null)
            {
                return false;
            }

            anyRead = true;
        }

        return anyRead;
    }

    /// <summary>
    /// Every use of a private field in its type (one file) writes it or compares it (with null): a flag that says whether the work
    /// was started, not a way to wait for it.
    /// </summary>
    private static bool FieldOnlyTestedForNull(IFieldSymbol field, IOperation creation, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in FieldReferences(field, creation, cancellationToken))
        {
            if (reference is null
                || !((reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference) || IsIdentityCheck(reference)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The references to <paramref name="field"/> in the declarations of its type, which must all be in the file of
    /// <paramref name="creation"/>; a null element stands for a use that cannot be read (a reference that is not a field
    /// reference operation, a declaration in another file or no source at hand), after which the caller stops.
    /// </summary>
    private static IEnumerable<IFieldReferenceOperation?> FieldReferences(IFieldSymbol field, IOperation creation, System.Threading.CancellationToken cancellationToken)
    {
        if (creation.SemanticModel is not { } model || field.ContainingType is not { } type)
        {
            yield return null;
            yield break;
        }

        var tree = creation.Syntax.SyntaxTree;
        foreach (var declaration in type.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree != tree)
            {
                yield return null;
                yield break;
            }

            foreach (var node in declaration.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax { Identifier.ValueText: { } name } identifier || name != field.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, field.OriginalDefinition))
                {
                    continue;
                }

                SyntaxNode site = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                yield return model.GetOperation(site, cancellationToken) as IFieldReferenceOperation;
            }
        }
    }

    private readonly struct LocalUses
    {
        public LocalUses(bool allowed, bool any, IAwaitOperation? firstAwait)
        {
            Allowed = allowed;
            Any = any;
            FirstAwait = firstAwait;
        }

        public bool Allowed { get; }

        public bool Any { get; }

        public IAwaitOperation? FirstAwait { get; }
    }

    /// <summary>
    /// <c>items.Select(x =&gt; Task.Factory.StartNew(async () =&gt; ...))</c>, optionally <c>.ToList()</c>/<c>.ToArray()</c>,
    /// handed straight or through a local to WhenAll/WhenAny/WaitAll/WaitAny whose result is dropped: reported at the creation
    /// (NestedTaskAwaitAnalyzerTests.SelectIntoWhenAll_Reports, SelectToListLocalIntoWhenAll_Reports); the inner tasks read back
    /// from <c>await Task.WhenAll(outers)</c> keep it silent (NestedTaskAwaitAnalyzerTests.SelectInnerTasksAwaited_NoDiagnostic).
    /// </summary>
    private static IOperation? CollectionElement(IOperation creation, AsyncSymbols symbols, out bool noFix)
    {
        noFix = false;
        if (creation.Parent is not IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation lambda } }
            || lambda.Parent is not IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation select } }
            || select.TargetMethod is not { Name: "Select" } selectMethod
            || !SymbolEqualityComparer.Default.Equals(selectMethod.ContainingType, symbols.Enumerable))
        {
            return null;
        }

        // One return in the lambda, so that the fix turns every element into a Task.
        var returns = 0;
        foreach (var operation in lambda.Body.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation)
            {
                returns++;
            }
        }

        if (returns != 1)
        {
            return null;
        }

        IOperation collection = select;
        while (collection.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" } materialize } argument
            && argument.Parameter?.Ordinal == 0
            && SymbolEqualityComparer.Default.Equals(materialize.TargetMethod.ContainingType, symbols.Enumerable))
        {
            collection = materialize;
        }

        if (IsSinkArgument(collection, symbols))
        {
            return creation;
        }

        if (collection.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } declarator })
        {
            return null;
        }

        // With an explicit List<Task<Task>>, the fixed elements would not fit (NestedTaskAwaitCodeFixTests.SelectExplicitlyTyped_NoFix).
        noFix = declarator.Syntax.Parent is VariableDeclarationSyntax { Type.IsVar: false };
        var any = false;
        foreach (var operation in creation.Root().Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                if (!IsSinkArgument(reference, symbols))
                {
                    return null;
                }

                any = true;
            }
        }

        return any ? creation : null;
    }

    /// <summary>
    /// The argument (after conversions) of Task.WaitAll/WaitAny, or of Task.WhenAll/WhenAny whose result is dropped: awaited
    /// as a statement, waited, converted to Task, or a plain Task already.
    /// </summary>
    private static bool IsSinkArgument(IOperation value, AsyncSymbols symbols)
    {
        var current = value;
        while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
        {
            current = conversion;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation }
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Task))
        {
            return false;
        }

        switch (method.Name)
        {
            case "WaitAll" or "WaitAny":
                return true;
            case "WhenAll" or "WhenAny":
                if (SymbolEqualityComparer.Default.Equals(invocation.Type, symbols.Task) || AwaitStatement(invocation) is not null)
                {
                    return true;
                }

                return invocation.Parent is IConversionOperation { IsImplicit: true, Type: { } target } && SymbolEqualityComparer.Default.Equals(target, symbols.Task)
                    || invocation.Parent is IInvocationOperation { TargetMethod.Name: "Wait", Parent: IExpressionStatementOperation } wait && wait.Instance == invocation;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>antecedent.ContinueWith(t =&gt; t, ...)</c>: the inner task is the antecedent, complete when the continuation runs; the
    /// idiom awaits it without rethrowing its fault or cancellation (NestedTaskAwaitAnalyzerTests.ContinueWithReturningAntecedent_NoDiagnostic).
    /// </summary>
    private static bool ReturnsAntecedent(IOperation origin)
    {
        if (origin is not IInvocationOperation { TargetMethod.Name: "ContinueWith", Arguments.Length: > 0 } invocation)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters.Length: > 0 } lambda })
            {
                var antecedent = lambda.Symbol.Parameters[0];
                var any = false;
                foreach (var operation in lambda.Body.DescendantsInSameFunction())
                {
                    if (operation is IReturnOperation ret)
                    {
                        if (ret.ReturnedValue?.WalkDownConversions() is not IParameterReferenceOperation reference
                            || !SymbolEqualityComparer.Default.Equals(reference.Parameter, antecedent))
                        {
                            return false;
                        }

                        any = true;
                    }
                }

                return any;
            }
        }

        return false;
    }

    private static bool IsTaskApi(INamedTypeSymbol? type) =>
        type is { Name: "Task" or "TaskFactory" } && type.IsInNamespace("System", "Threading", "Tasks");

    /// <summary>
    /// <c>Task.Factory.StartNew(f)</c> or <c>Task.Factory.StartNew(f, token)</c> with a task-returning delegate: Task.Run has the
    /// same overloads and unwraps; with creation options or a scheduler only Unwrap keeps the meaning
    /// (NestedTaskAwaitCodeFixTests.StartNewWithOptions_OffersUnwrapOnly).
    /// </summary>
    private static bool IsPlainStartNew(IOperation origin, AsyncSymbols symbols)
    {
        if (origin is not IInvocationOperation { TargetMethod.Name: "StartNew", Instance: IPropertyReferenceOperation { Property: { Name: "Factory", IsStatic: true } factory } } invocation
            || !symbols.IsTask(factory.ContainingType)
            || factory.ContainingType.IsGenericType)
        {
            return false;
        }

        var parameters = invocation.TargetMethod.Parameters;
        return parameters.Length switch
        {
            1 => true,
            2 => SymbolEqualityComparer.Default.Equals(parameters[1].Type, symbols.CancellationToken),
            _ => false,
        } && parameters[0].Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { Parameters.Length: 0 } };
    }

    private static string OriginName(IOperation origin) => origin switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        _ => "new Task<Task>",
    };
}
