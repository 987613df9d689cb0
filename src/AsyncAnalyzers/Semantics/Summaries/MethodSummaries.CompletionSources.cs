using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about the <c>TaskCompletionSource</c>s a type keeps: can the task of one made in a method ever fault?</summary>
internal sealed partial class MethodSummaries
{
    /// <summary>How many locals deep a source taken out of a field is followed (<c>var next = _queue.Dequeue(); var s = next;</c>).</summary>
    private const int SourceLocalsDepth = 3;

    /// <summary>The members of <c>TaskCompletionSource</c> that fault or cancel its task (or may, from another task).</summary>
    private static readonly string[] FaultingCompleters = { "SetException", "TrySetException", "SetCanceled", "TrySetCanceled", "SetFromTask", "TrySetFromTask" };

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _typeSourcesOnlySucceed = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _memberFaultsLogged = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _memberSourceOnlySucceeds = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Can the task <paramref name="task"/> (<c>tcs.Task</c> of a local source made in this body) fault or be canceled? No when the
    /// source never leaves its type and nothing that can reach it faults or cancels it: every reference reads its <c>Task</c>,
    /// completes it with <c>SetResult</c>/<c>TrySetResult</c>, or stores it in private fields of the type
    /// (<see cref="CompletionSources.StaysInType"/>), and then the type itself, in all its parts, never calls <c>SetException</c>,
    /// <c>TrySetException</c>, <c>SetCanceled</c>, <c>TrySetCanceled</c> or <c>SetFromTask</c> on any source, and the sources its
    /// private fields hold never leave it either (<see cref="TypeSourcesOnlySucceed"/>). Unknown otherwise: the source is handed to
    /// code we cannot see, or the type can fault its sources
    /// (ContinuationIgnoresFaultAnalyzerTests.ContinuationOnSourceKeptInPrivateList_NoDiagnostic).
    /// </summary>
    public Fact CompletionSourceCanFault(IOperation task, ISymbol containingSymbol)
    {
        var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
        if (type is null)
        {
            return Fact.Unknown;
        }

        var fields = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
        if (!CompletionSources.StaysInType(task, task.Root(), type, fields))
        {
            return Fact.Unknown;
        }

        return fields.Count == 0 || TypeSourcesOnlySucceed(type.OriginalDefinition, task) ? Fact.No(task) : Fact.Unknown;
    }

    /// <summary>
    /// <c>InitializedTaskWrapper.Task</c>: the task of a source held in a field or non-virtual property of the compilation that no
    /// other assembly can reach (private, or internal without <c>[InternalsVisibleTo]</c>), every reference to which, in the type or
    /// in the files that name it, completes it with <c>SetResult</c>/<c>TrySetResult</c>, reads its <c>Task</c>, or gives it a new
    /// source: nothing can fault or cancel it. Unknown otherwise (a faulting completer, the source handed out, a name that does
    /// not bind) (ContinuationIgnoresFaultAnalyzerTests.ContinuationOnInternalSourceThatOnlySucceeds_NoDiagnostic,
    /// ContinuationOnInternalSourceThatCanFail_Reports).
    /// </summary>
    public Fact MemberSourceCanFault(IOperation task) =>
        task.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Task", Instance: IMemberReferenceOperation holder } && HolderOnlySucceeds(holder, task)
            ? Fact.No(task)
            : Fact.Unknown;

    /// <summary>
    /// The task of a source held as <see cref="MemberSourceCanFault"/> reads it, directly or behind a non-virtual property of the
    /// compilation whose getter returns only such tasks or a completed one: <c>await _readSource.Task</c>,
    /// <c>await channel.ReadTask</c> with <c>ReadTask =&gt; _readSource.Task</c>, <c>await Stopping</c> with
    /// <c>Stopping =&gt; _source?.Task ?? Task.CompletedTask</c> (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsHeldSourceThatOnlySucceeds_NoDiagnostic,
    /// CalleeAwaitsHeldSourceThatCanFail_Reports).
    /// </summary>
    public bool IsHeldSourceTaskThatOnlySucceeds(IOperation task) => IsHeldSourceTask(task.WalkDownConversions(), task, followProperty: true);

    private bool IsHeldSourceTask(IOperation value, IOperation use, bool followProperty)
    {
        switch (value)
        {
            case IPropertyReferenceOperation { Property.Name: "Task", Instance: IMemberReferenceOperation holder }:
                return HolderOnlySucceeds(holder, use);
            case ICoalesceOperation { Value: IConditionalAccessOperation { Operation: IMemberReferenceOperation holder, WhenNotNull: IPropertyReferenceOperation { Property.Name: "Task", Instance: IConditionalAccessInstanceOperation } }, WhenNull: var fallback }:
                return CompletedTasks.IsCompletedSuccessfullyByConstruction(fallback.WalkDownConversions(), _symbols) && HolderOnlySucceeds(holder, use);
            case IPropertyReferenceOperation { Property: { GetMethod: { } getter, IsIndexer: false } property } when followProperty
                && property is { IsVirtual: false, IsAbstract: false, IsOverride: false }:
                return EveryReturnIs(getter, use, returned => IsHeldSourceTask(returned, use, followProperty: false));

            // var signal = ResetAndGetSignalTask(); with the helper returning _signal.Task under its lock
            // (TaskLocalNeverObservedAnalyzerTests.SignalTaskLeftOnEarlyReturn_NoDiagnostic)
            case IInvocationOperation { TargetMethod: { IsVirtual: false, IsAbstract: false, IsOverride: false, Parameters.Length: 0 } helper } when followProperty:
                return EveryReturnIs(helper, use, returned => IsHeldSourceTask(returned, use, followProperty: false));
            default:
                return false;
        }
    }

    /// <summary>The method has a body here, returns at least once, and every value it returns (after conversions) is accepted.</summary>
    private bool EveryReturnIs(IMethodSymbol method, IOperation use, Func<IOperation, bool> accepted)
    {
        if (method.DeclaringSyntaxReferences.IsEmpty || _bodies.BodyOf(method, use) is not { } body)
        {
            return false;
        }

        var any = false;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned })
            {
                if (!accepted(returned.WalkDownConversions()))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private bool HolderOnlySucceeds(IMemberReferenceOperation holder, IOperation use)
    {
        if (holder.Member is not (IFieldSymbol or IPropertySymbol) || !CompletionSources.IsCompletionSource(holder.Type)
            || holder.Member.OriginalDefinition is not { IsVirtual: false, IsAbstract: false, IsOverride: false, ContainingType: not null } member
            || member.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        if (!_memberSourceOnlySucceeds.TryGetValue(member, out var onlySucceeds))
        {
            var scope = EveryReferenceScope(member);
            onlySucceeds = _memberSourceOnlySucceeds.GetOrAdd(member, scope is not null && EveryReferenceOnlySucceeds(scope, member, use));
        }

        return onlySucceeds;
    }

    private bool EveryReferenceOnlySucceeds(IEnumerable<SyntaxNode> scope, ISymbol member, IOperation use)
    {
        if (NamesIn(scope, use, text => text == member.Name) is not { } names)
        {
            return false;
        }

        foreach (var (name, model) in names)
        {
            var symbol = model.GetSymbolInfo(name).Symbol;
            if (symbol is null)
            {
                return false;
            }

            if (!SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member))
            {
                continue;
            }

            var reference = model.GetOperation(MemberExpression(name))?.WalkUpConversions();
            if (reference is not null && !SourceUseOnlySucceeds(reference, use, SourceCopyDepth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many copies (a local, then a private method's parameter) of a held source are followed.</summary>
    private const int SourceCopyDepth = 2;

    /// <summary>
    /// A use of a source that cannot fault or cancel it: a read of its <c>Task</c>, <c>SetResult</c>/<c>TrySetResult</c>, a new source
    /// stored, a null test; with <paramref name="depth"/> left, a copy into a local whose every use is such, or an argument of a
    /// private method of the compilation whose parameter is only used so:
    /// <c>var source = _source; Task.Factory.StartNew(() =&gt; ConsumeAsync(source, token))</c> with <c>ConsumeAsync</c> ending in
    /// <c>source.TrySetResult(true)</c> (UnobservedFireAndForgetAnalyzerTests.CalleeAwaitsHeldSourceCopiedToItsLoop_NoDiagnostic).
    /// </summary>
    private bool SourceUseOnlySucceeds(IOperation reference, IOperation use, int depth)
    {
        switch (reference.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var copy } } when depth > 0:
                return EveryUseOnlySucceeds(reference.Root(), copy, use, depth - 1);
            case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation { TargetMethod: var callee } } when depth > 0
                && callee.DeclaredAccessibility == Accessibility.Private && !callee.IsVirtual && !callee.IsOverride && parameter.RefKind == RefKind.None
                && _bodies.BodyOf(callee.BodyPart(), use) is { } body:
                return EveryUseOnlySucceeds(body.Block, parameter, use, depth - 1);
        }

        return reference.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "SetResult" or "TrySetResult" } call => call.Instance == reference,
            IPropertyReferenceOperation { Property.Name: "Task" } read => read.Instance == reference,
            IConditionalAccessOperation conditional => conditional.Operation == reference && conditional.WhenNotNull is
                IInvocationOperation { TargetMethod.Name: "SetResult" or "TrySetResult", Instance: IConditionalAccessInstanceOperation }
                or IPropertyReferenceOperation { Property.Name: "Task", Instance: IConditionalAccessInstanceOperation },
            ISimpleAssignmentOperation assignment => assignment.Target == reference && IsNewSource(assignment.Value.WalkDownConversions(), use),

            // if (_source == null || _source.Task.IsCompleted): a null test reads nothing of it
            IBinaryOperation or IIsPatternOperation => reference.Parent.NullTestedValue(out _) == reference,
            _ => false,
        };
    }

    /// <summary>A new source: <c>new TaskCompletionSource(...)</c>, or a call of a non-virtual factory of the compilation that only returns one.</summary>
    private bool IsNewSource(IOperation value, IOperation use) => value switch
    {
        IObjectCreationOperation => true,
        IInvocationOperation { TargetMethod: { IsVirtual: false, IsAbstract: false, IsOverride: false } factory } => EveryReturnIs(factory, use, returned => returned is IObjectCreationOperation),
        _ => false,
    };

    /// <summary>Every reference to the local or parameter in <paramref name="root"/> (lambdas included) only succeeds it.</summary>
    private bool EveryUseOnlySucceeds(IOperation root, ISymbol variable, IOperation use, int depth)
    {
        var any = false;
        foreach (var operation in root.Descendants())
        {
            if ((operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, variable))
                || (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable)))
            {
                if (!SourceUseOnlySucceeds(operation.WalkUpConversions(), use, depth))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>
    /// Every simple name in these declarations whose text <paramref name="wanted"/> accepts, with its tree's model, in one walk of
    /// each tree; null when a tree has no model here (the callers then answer no).
    /// </summary>
    private List<(SimpleNameSyntax Name, SemanticModel Model)>? NamesIn(IEnumerable<SyntaxNode> roots, IOperation use, Func<string, bool> wanted)
    {
        var names = new List<(SimpleNameSyntax, SemanticModel)>();
        foreach (var root in roots)
        {
            if (_bodies.ModelOf(root.SyntaxTree, use) is not { } model)
            {
                return null;
            }

            foreach (var node in root.DescendantNodes())
            {
                if (node is SimpleNameSyntax name && wanted(name.Identifier.ValueText))
                {
                    names.Add((name, model));
                }
            }
        }

        return names;
    }

    /// <summary>
    /// <c>new DispatcherJob(work, tcs)</c>: a local source handed to the constructor of a type of the compilation that only stores
    /// that parameter in its own private fields, and whose sources only succeed (<see cref="TypeSourcesOnlySucceed"/>: no faulting
    /// completer named anywhere in it, no source handed out). The source still never faults
    /// (UnobservedFireAndForgetAnalyzerTests.DiscardOfSourceKeptByJobThatOnlySucceeds_NoDiagnostic, DiscardOfSourceKeptByJobThatCanFail_Reports).
    /// </summary>
    public bool KeptByTypeWhoseSourcesOnlySucceed(ILocalReferenceOperation reference)
    {
        if (reference.WalkUpConversions().Parent is not IArgumentOperation { Parameter: { } parameter, Parent: IObjectCreationOperation { Constructor: { } constructor } }
            || constructor.ContainingType is not { } type || constructor.DeclaringSyntaxReferences.Length != 1
            || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax syntax
            || _bodies.ModelOf(syntax.SyntaxTree, reference)?.GetOperation(syntax) is not IConstructorBodyOperation body)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is IParameterReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Parameter, parameter)
                && !(use.WalkUpConversions() is var stored && stored.Parent is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation, Field: { DeclaredAccessibility: Accessibility.Private } field } } assignment
                    && assignment.Value == stored && SymbolEqualityComparer.Default.Equals(field.ContainingType?.OriginalDefinition, type.OriginalDefinition)))
            {
                return false;
            }
        }

        return TypeSourcesOnlySucceed(type.OriginalDefinition, reference);
    }

    /// <summary>
    /// What a task nobody awaits needs of a local source: <see cref="KeptByTypeWhoseSourcesOnlySucceed"/>, a cancellation here
    /// (<c>tcs.TrySetCanceled()</c>: a canceled task raises nothing), or a store into a member whose faults are logged where they
    /// are set (<see cref="KeptWhereFaultsAreLogged"/>).
    /// </summary>
    private bool KeptWithoutUnseenFaults(ILocalReferenceOperation reference) =>
        KeptByTypeWhoseSourcesOnlySucceed(reference)
        || (reference.Parent is IInvocationOperation { TargetMethod.Name: "SetCanceled" or "TrySetCanceled" } cancel && cancel.Instance == reference
            && CompletionSources.IsCompletionSource(cancel.TargetMethod.ContainingType))
        || KeptWhereFaultsAreLogged(reference);

    /// <summary>
    /// <c>new RefillRequest { Done = tcs }</c>, <c>request.Done = tcs</c>: a local source stored in a field or property whose every
    /// reference is in view (<see cref="EveryReferenceScope(ISymbol)"/>: the member is private, a type around it is nested
    /// privately, or it is internal and no other assembly sees the internals), where every read of the member there uses the source in place (<c>item.Done?.TrySetResult(true)</c>, <c>.Task</c>), and every <c>SetException</c> or
    /// <c>TrySetException</c> that type names is given the exception a catch clause caught, in a clause that also logs it
    /// (<see cref="CatchLogs"/>). A fault of such a source was seen where it was set; cancellation raises nothing; a source
    /// completed from another task (<c>SetFromTask</c>) or handed out is not read. For a task nobody awaits only
    /// (UnobservedFireAndForgetAnalyzerTests.DiscardOfSourceQueuedToWorkerThatLogsFaults_NoDiagnostic,
    /// DiscardOfSourceQueuedToWorkerThatDoesNotLog_Reports).
    /// </summary>
    public bool KeptWhereFaultsAreLogged(ILocalReferenceOperation reference)
    {
        if (reference.WalkUpConversions() is not { Parent: ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } target } assignment } stored
            || assignment.Value != stored || !CompletionSources.IsCompletionSource(target.Type))
        {
            return false;
        }

        var member = target.Member.OriginalDefinition;
        if (_memberFaultsLogged.TryGetValue(member, out var cached))
        {
            return cached;
        }

        return _memberFaultsLogged.GetOrAdd(member, EveryReferenceScope(member) is { } scope && FaultsLoggedWithin(scope, member, reference));
    }

    private bool FaultsLoggedWithin(IEnumerable<SyntaxNode> scope, ISymbol member, IOperation use)
    {
        if (NamesIn(scope, use, text => text == member.Name || Array.IndexOf(FaultingCompleters, text) >= 0) is not { } names)
        {
            return false;
        }

        foreach (var (name, model) in names)
        {
            // A name that does not bind may be the member, or a completer: no answer.
            var text = name.Identifier.ValueText;
            var symbol = model.GetSymbolInfo(name).Symbol;
            if (symbol is null)
            {
                return false;
            }

            if (text == member.Name)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member) && !UsedInPlace(model.GetOperation(MemberExpression(name))))
                {
                    return false;
                }
            }
            else if (symbol is IMethodSymbol method && CompletionSources.IsCompletionSource(method.ContainingType) && text is not ("SetCanceled" or "TrySetCanceled")
                && (text is not ("SetException" or "TrySetException") || !CatchLogs(name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The expression a member's name stands for: <c>x.Done</c> or <c>?.Done</c> around it, or the name itself (<c>Done.TrySetResult()</c>).</summary>
    private static ExpressionSyntax MemberExpression(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access when access.Name == name => access,
        MemberBindingExpressionSyntax binding => binding,
        _ => name,
    };

    /// <summary>A read of the member that completes or reads the source it holds, or a write of it.</summary>
    private static bool UsedInPlace(IOperation? operation)
    {
        if (operation is not IMemberReferenceOperation reference)
        {
            return false;
        }

        var outer = reference.WalkUpConversions();
        return outer.Parent switch
        {
            ISimpleAssignmentOperation assignment => assignment.Target == outer,
            IInvocationOperation call => call.Instance == outer && CompletionSources.IsCompletionSource(call.TargetMethod.ContainingType),
            IPropertyReferenceOperation property => property.Instance == outer && CompletionSources.IsCompletionSource(property.Property.ContainingType),
            IConditionalAccessOperation conditional => conditional.Operation == outer && conditional.WhenNotNull switch
            {
                IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call => CompletionSources.IsCompletionSource(call.TargetMethod.ContainingType),
                IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } property => CompletionSources.IsCompletionSource(property.Property.ContainingType),
                _ => false,
            },
            _ => false,
        };
    }

    /// <summary>
    /// <c>catch (Exception ex) { item.Done.TrySetException(ex); _logger.LogError(ex, "..."); }</c>: the completer is called with
    /// the exception the clause caught (in the clause's own code, not a lambda in it), and another call of the clause whose name
    /// says it logs or reports (Log, Write, Trace, Report, Error, Warn) is given that exception.
    /// </summary>
    private static bool CatchLogs(SimpleNameSyntax completer)
    {
        if (completer.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments: { Count: > 0 } arguments } call
            || arguments[0].Expression is not IdentifierNameSyntax forwarded)
        {
            return false;
        }

        CatchClauseSyntax? clause = null;
        for (var node = call.Parent; node is not null; node = node.Parent)
        {
            if (node is CatchClauseSyntax found)
            {
                clause = found;
                break;
            }

            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
            {
                return false;
            }
        }

        if (clause is not { Declaration.Identifier.ValueText: var caught, Block: { } block } || caught.Length == 0 || forwarded.Identifier.ValueText != caught)
        {
            return false;
        }

        foreach (var other in block.DescendantNodes())
        {
            if (other is InvocationExpressionSyntax logger && logger != call && IsLoggingName(logger.Expression)
                && logger.ArgumentList.DescendantNodes().Any(n => n is IdentifierNameSyntax { Identifier.ValueText: var used } && used == caught))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLoggingName(ExpressionSyntax invoked)
    {
        var name = invoked switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => "",
        };

        foreach (var word in LoggingWords)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] LoggingWords = { "Log", "Write", "Trace", "Report", "Error", "Warn" };

    /// <summary>
    /// Whether no source a type keeps in its private fields can fault: the type never names a faulting completer of
    /// <c>TaskCompletionSource</c> (called or as a method group, in any part, nested types and lambdas included), and every read of
    /// its private fields that hold sources keeps them inside (<see cref="FieldUseKeepsInside"/>). Computed once per type.
    /// </summary>
    private bool TypeSourcesOnlySucceed(INamedTypeSymbol type, IOperation use)
    {
        if (_typeSourcesOnlySucceed.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var holders = new Dictionary<string, IFieldSymbol>(StringComparer.Ordinal);
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false } field && CompletionSources.HoldsCompletionSources(field.Type))
            {
                holders[field.Name] = field;
            }
        }

        if (NamesIn(DeclarationsOf(type), use, text => Array.IndexOf(FaultingCompleters, text) >= 0 || holders.ContainsKey(text)) is not { } names)
        {
            return false;
        }

        var result = true;
        foreach (var (name, model) in names)
        {
            var text = name.Identifier.ValueText;
            if (Array.IndexOf(FaultingCompleters, text) >= 0)
            {
                // A name that does not bind may be one of them: no answer.
                var symbol = model.GetSymbolInfo(name).Symbol;
                if (symbol is null || (symbol is IMethodSymbol method && CompletionSources.IsCompletionSource(method.ContainingType)))
                {
                    result = false;
                    break;
                }
            }
            else if (holders.TryGetValue(text, out var field))
            {
                var operation = model.GetOperation(MemberExpression(name));
                if (operation is IFieldReferenceOperation reference)
                {
                    if (SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field) && !FieldUseKeepsInside(reference, holders))
                    {
                        result = false;
                        break;
                    }
                }
                else if (model.GetSymbolInfo(name).Symbol is IFieldSymbol other && SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, field))
                {
                    result = false; // a reference we cannot read as an operation
                    break;
                }
            }
        }

        return _typeSourcesOnlySucceed.GetOrAdd(type, result);
    }

    /// <summary>
    /// A read of a private field holding sources that keeps them inside the type: a <c>lock</c>, a write as a statement
    /// (<c>_pending = new()</c>), a member of the field (<c>Add</c>, <c>Remove</c>, <c>Count</c>, <c>Clear</c>, an indexer) whose
    /// result holds no source or is one that stays inside, and whose <c>out</c> arguments are locals that stay inside
    /// (<c>TryRemove(id, out var source)</c>), or a <c>foreach</c> whose element stays inside. Not: the field passed, returned or
    /// copied out (<c>ToArray()</c>), or a callback given its elements (<c>ForEach(s =&gt; ...)</c>).
    /// </summary>
    private static bool FieldUseKeepsInside(IFieldReferenceOperation reference, Dictionary<string, IFieldSymbol> holders)
    {
        var value = reference.WalkUpConversions();
        switch (value.Parent)
        {
            case ILockOperation lockOperation when lockOperation.LockedValue == value:
                return true;
            case ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment when assignment.Target == value:
                return true;
            case IConditionalAccessOperation access when access.Operation == value
                && access.WhenNotNull is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } conditionalCall:
                // _tcs?.SetResult(result): a call on the field, when it is set.
                return ArgumentsKeepInside(conditionalCall.Arguments, holders) && ResultStaysInside(conditionalCall, holders, SourceLocalsDepth);
            case IForEachLoopOperation loop when loop.Collection == value:
                return loop.LoopControlVariable is IVariableDeclaratorOperation { Symbol: var element }
                    && LocalStaysInside(element, loop, holders, SourceLocalsDepth);
            case IInvocationOperation call when call.Instance == value:
                return ArgumentsKeepInside(call.Arguments, holders) && ResultStaysInside(call, holders, SourceLocalsDepth);
            case IPropertyReferenceOperation property when property.Instance == value:
                return ArgumentsKeepInside(property.Arguments, holders)
                    && ((property.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } write && write.Target == property)
                        || ResultStaysInside(property, holders, SourceLocalsDepth));
            default:
                return false;
        }
    }

    /// <summary>No argument of a member of a field hands its elements out: no callback over them, no <c>ref</c>, <c>out</c> only into locals that keep them inside.</summary>
    private static bool ArgumentsKeepInside(IEnumerable<IArgumentOperation> arguments, Dictionary<string, IFieldSymbol> holders)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                return false;
            }

            if (parameter.Type is INamedTypeSymbol { DelegateInvokeMethod: { } invoke })
            {
                foreach (var delegateParameter in invoke.Parameters)
                {
                    if (CompletionSources.HoldsCompletionSources(delegateParameter.Type))
                    {
                        return false;
                    }
                }
            }

            if (parameter.RefKind == RefKind.None || !CompletionSources.HoldsCompletionSources(parameter.Type))
            {
                continue;
            }

            var written = argument.Value.WalkDownConversions() switch
            {
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
                ILocalReferenceOperation local => local.Local,
                _ => null,
            };

            if (parameter.RefKind != RefKind.Out || written is null || !LocalStaysInside(written, argument.Root(), holders, SourceLocalsDepth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of a member of a field: holds no source, or is one source that stays inside.</summary>
    private static bool ResultStaysInside(IOperation result, Dictionary<string, IFieldSymbol> holders, int depth) =>
        !CompletionSources.HoldsCompletionSources(result.Type)
        || (CompletionSources.IsCompletionSource(result.Type) && ValueStaysInside(result, holders, depth));

    /// <summary>
    /// A source taken out of a field stays inside the type: a member of the source is used (<c>source.TrySetResult(x)</c>,
    /// <c>source?.Task</c>), it is handed back to a member of a field holding sources (<c>_pending.Remove(source)</c>), stored in such
    /// a field, or kept in a local that stays inside.
    /// </summary>
    private static bool ValueStaysInside(IOperation value, Dictionary<string, IFieldSymbol> holders, int depth)
    {
        var outer = value.WalkUpConversions();
        switch (outer.Parent)
        {
            case IInvocationOperation call when call.Instance == outer:
                return CompletionSources.IsCompletionSource(call.TargetMethod.ContainingType);
            case IPropertyReferenceOperation property when property.Instance == outer:
                return CompletionSources.IsCompletionSource(property.Property.ContainingType);
            case IConditionalAccessOperation conditional when conditional.Operation == outer:
                return conditional.WhenNotNull switch
                {
                    IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call => CompletionSources.IsCompletionSource(call.TargetMethod.ContainingType),
                    IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } property => CompletionSources.IsCompletionSource(property.Property.ContainingType),
                    _ => false,
                };
            case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation { Instance: { } instance } }:
                return IsHolder(instance, holders);
            case ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment when assignment.Value == outer:
                return assignment.Target switch
                {
                    ILocalReferenceOperation local => LocalStaysInside(local.Local, outer.Root(), holders, depth),
                    IFieldReferenceOperation => IsHolder(assignment.Target, holders),
                    _ => false,
                };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }:
                return LocalStaysInside(local, outer.Root(), holders, depth);
            default:
                return false;
        }
    }

    /// <summary>Every read of the local (within <paramref name="root"/>) keeps its source inside; writes are other values.</summary>
    private static bool LocalStaysInside(ILocalSymbol local, IOperation root, Dictionary<string, IFieldSymbol> holders, int depth)
    {
        if (depth <= 0)
        {
            return false;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var outer = reference.WalkUpConversions();
            var written = outer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == outer
                || outer.Parent is IDeclarationExpressionOperation
                || outer.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out };
            if (!written && !ValueStaysInside(reference, holders, depth - 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A private field of the type that holds sources (read through <c>this</c>, statically, or on another instance).</summary>
    private static bool IsHolder(IOperation operation, Dictionary<string, IFieldSymbol> holders) =>
        operation.WalkDownConversions() is IFieldReferenceOperation { Field: var field }
        && holders.TryGetValue(field.Name, out var holder)
        && SymbolEqualityComparer.Default.Equals(field.OriginalDefinition, holder);
}
