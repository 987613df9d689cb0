using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Gather;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Gather;

/// <summary>
/// ASYNC302: a <c>foreach</c>, or a <c>for</c> over an index, whose body awaits one independent call per item
/// (<c>await F(item);</c>, <c>results.Add(await F(item));</c>, <c>var r = await F(item);</c>, <c>using var r = ...</c>,
/// <c>results[i] = await F(items[i]);</c>, <c>total += await F(item);</c>, or any of them through a member of the result:
/// <c>(await F(item)).Total</c>), then does per-item work on its result. Filters on the item (<c>if (!item.Enabled) continue;</c>)
/// may come first, and a <c>for</c> over an int counter (<c>for (var page = 1; page &lt;= pageCount; page++)</c>) counts as a loop
/// over the counter's values. Reported on the loop keyword, with the await as
/// an additional location.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IndependentLoopAwaitsAnalyzer : DiagnosticAnalyzer
{

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC302);

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

            var independence = services.Independence;
            var list = symbols.ListOfT;
            var operationCanceled = symbols.OperationCanceledException;
            var summaries = services.Summaries;
            start.RegisterOperationAction(c => AnalyzeLoop(c, independence, summaries, list, operationCanceled), OperationKind.Loop);
        });
    }

    private static void AnalyzeLoop(OperationAnalysisContext context, Independence independence, MethodSummaries summaries, INamedTypeSymbol? list, INamedTypeSymbol? operationCanceled)
    {
        var loop = (ILoopOperation)context.Operation;
        ISymbol? variable;
        IOperation collection;
        var isRange = false;
        switch (loop)
        {
            // await foreach streams items that arrive one by one (IndependentLoopAwaitsAnalyzerTests.AwaitForeach_NoDiagnostic).
            case IForEachLoopOperation { IsAsynchronous: false, LoopControlVariable: IVariableDeclaratorOperation declarator } forEach:
                variable = declarator.Symbol;
                collection = forEach.Collection.WalkDownConversions();
                break;
            case IForLoopOperation forLoop:
                variable = IndexedLoop(forLoop, out var indexed);
                if (variable is null || indexed is null)
                {
                    // for (var page = 1; page <= pageCount; page++): the counter is the item
                    // (IndependentLoopAwaitsAnalyzerTests.ForOverPageCounter_Reports, CounterWrittenInBody_NoDiagnostic, CounterStepOfTwo_NoDiagnostic).
                    variable = RangeLoop(forLoop);
                    if (variable is null || forLoop.Condition is null)
                    {
                        return;
                    }

                    isRange = true;
                    collection = forLoop.Condition;
                    break;
                }

                collection = indexed;
                break;
            default:
                return;
        }

        // The body starts with the one await (`await F(item);`, `results.Add(await F(item));`, `var r = await F(item);`,
        // `using var r = await F(item);`, `results[i] = await F(items[i]);`); what follows is per-item work on its result, which a
        // second await, a break or a return makes order-dependent (IndependentLoopAwaitsAnalyzerTests.BreakOnResult_NoDiagnostic,
        // TaskDelayInBody_NoDiagnostic, TwoAwaitsInBody_NoDiagnostic).
        var statements = Statements(loop.Body);

        // `if (!feed.Enabled) continue;` at the top of a foreach body only chooses the items; it reads nothing but the item
        // (IndependentLoopAwaitsAnalyzerTests.FilterOnItemThenKeyedWrite_Reports, FilterReadingSharedState_NoDiagnostic).
        var filters = 0;
        while (loop is IForEachLoopOperation && filters < statements.Length - 1 && IsItemFilter(statements[filters], variable))
        {
            filters++;
        }

        statements = statements.RemoveRange(0, filters);
        if (statements.IsEmpty || FirstAwait(statements[0], list) is not var (awaitOperation, results, shape) || awaitOperation is null)
        {
            return;
        }

        // The entries of one archive share its stream: a call handed the entry reads or writes it
        // (IndependentLoopAwaitsAnalyzerTests.ExtractEachArchiveEntry_NoDiagnostic, FetchPerArchiveEntryName_Reports).
        if (KnownApis.IsArchiveEntries(collection) && HandsOverItem(awaitOperation, variable))
        {
            return;
        }

        if (shape == "Sum" && !OnlyAccumulates(loop, statements[0]))
        {
            // The total may only be added to (IndependentLoopAwaitsAnalyzerTests.TotalReadInTheLoop_NoDiagnostic).
            return;
        }

        if (isRange && !CounterAndBoundUnchanged(loop, (IForLoopOperation)loop))
        {
            return;
        }

        if (shape == "Sum")
        {
            shape = "Body";
        }

        var rest = statements.RemoveAt(0);
        if (!rest.IsEmpty && shape == "Await")
        {
            // Work after an await without a result does not use it: nothing to key (IndependentLoopAwaitsAnalyzerTests.AwaitThenUnrelatedWork_NoDiagnostic).
            return;
        }

        if (!rest.IsEmpty || shape != "Add")
        {
            shape = rest.IsEmpty && shape == "Await" ? shape : "Body";
        }

        if (!AsyncContext.Of(loop, context.ContainingSymbol).IsAsync)
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(loop.Syntax.SyntaxTree);
        independence = independence.WithSafety(independence.Safety.WithUserLists(
            SymbolNameList.Read(options, AnalyzerOptionKeys.Async301ConcurrentSafeTypes),
            SymbolNameList.Read(options, AnalyzerOptionKeys.Async301UnsafeTypes)).WithAssumption(ReceiverAssumption.AssumesSafe(options, AnalyzerOptionKeys.Async302UnknownReceivers)));
        if (independence.Describe(awaitOperation, out _) is not { } footprint
            || !IsPerItem(footprint, variable, isRange ? null : loop as IForLoopOperation, collection)
            || (results is not null && footprint.IsRootedAt(AccessPath.Segment(results), writesOnly: false)))
        {
            return;
        }

        // Every body of the call hands back a completed task: the items' calls cannot overlap
        // (IndependentLoopAwaitsAnalyzerTests.ItemCallThatCompletesSynchronously_NoDiagnostic).
        if (summaries.CompletesSynchronouslyAllTheWay(footprint.Invocation))
        {
            return;
        }

        var assigned = results is null ? new HashSet<ISymbol>(SymbolEqualityComparer.Default) : new HashSet<ISymbol>(SymbolEqualityComparer.Default) { results };
        if (shape == "Body" && !WorkIsPerItem(independence, footprint, statements, awaitOperation, variable, loop is IForEachLoopOperation, assigned))
        {
            return;
        }

        if (GatherContext.HandlersDependOnOrder(loop, assigned, operationCanceled))
        {
            // IndependentLoopAwaitsAnalyzerTests.TryWithCatchReadingResults_NoDiagnostic.
            return;
        }

        var count = collection is IArrayCreationOperation { Initializer.ElementValues.Length: var length }
            ? " (" + length.ToString(CultureInfo.InvariantCulture) + " operations)"
            : string.Empty;

        // The one receiver every item's call goes through, under the unknown_receivers = assume_safe option
        // (IndependentLoopAwaitsAnalyzerTests.ReadPerItemFromUnknownReceiverAssumedSafe_ReportsTheAssumption).
        if (footprint.AssumedSafe is { } assumed && footprint.ReceiverPath is { } receiverPath && !AccessPath.IsUnder(receiverPath, AccessPath.Segment(variable)))
        {
            count += ", if '" + assumed.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' allows concurrent calls";
        }
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Shape, shape);


        // The loop keyword is the statement's first token; operations have no location of their own for it.
        var location = loop.Syntax.GetFirstToken().GetLocation();
        context.ReportDiagnostic(Findings.Create(
            context.Options,
            Descriptors.ASYNC302,
            location,
            new[] { awaitOperation.Syntax.GetLocation() },
            properties,
            footprint.Invocation.TargetMethod.Name,
            collection.Syntax.ToString(),
            count));
    }

    /// <summary>The awaited call's receiver, or one of its arguments, is the item itself.</summary>
    private static bool HandsOverItem(IAwaitOperation awaitOperation, ISymbol? item)
    {
        if (item is null || awaitOperation.Operation.UnwrapConfigureAwait().WalkDownConversions() is not IInvocationOperation call)
        {
            return false;
        }

        if (call.Instance.ReferencedLocalOrParameter() is { } receiver && SymbolEqualityComparer.Default.Equals(receiver, item))
        {
            return true;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Value.ReferencedLocalOrParameter() is { } value && SymbolEqualityComparer.Default.Equals(value, item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every iteration may only write what belongs to its own item, must use its item, and must not reuse a resource (URL,
    /// path) that does not depend on the item (IndependentLoopAwaitsAnalyzerTests.SameReceiverOfUnknownType_NoDiagnostic,
    /// ItemNotUsed_NoDiagnostic, SharedBuffer_NoDiagnostic, SameUrlWithItemInBody_NoDiagnostic).
    /// </summary>
    private static bool IsPerItem(Footprint footprint, ISymbol variable, IForLoopOperation? forLoop, IOperation collection)
    {
        var item = AccessPath.Segment(variable);
        var collectionSegment = forLoop is null ? null : collection.ReferencedLocalOrParameter() is { } source ? AccessPath.Segment(source) : null;
        if (forLoop is not null && (collectionSegment is null || !IndexesOnlyByVariable(footprint.Invocation, variable, collection.ReferencedLocalOrParameter()!)))
        {
            return false;
        }

        foreach (var write in footprint.Writes)
        {
            if (!AccessPath.IsUnder(write, item) && (collectionSegment is null || !AccessPath.IsUnder(write, collectionSegment)))
            {
                return false;
            }
        }

        // One of the URL/path/key arguments must vary with the item; the others may be shared content (a body, an encoding).
        var resourceVaries = footprint.Resources.IsEmpty;
        foreach (var resource in footprint.Resources)
        {
            resourceVaries |= AccessPath.Mentions(resource, item) || (collectionSegment is not null && AccessPath.Mentions(resource, collectionSegment));
        }

        if (!resourceVaries)
        {
            return false;
        }

        return footprint.IsRootedAt(item, writesOnly: false) || (collectionSegment is not null && footprint.IsRootedAt(collectionSegment, writesOnly: false));
    }

    /// <summary><c>for (var i = 0; i &lt; items.Length|Count; i++)</c>: returns <c>i</c> and sets <c>items</c> (a local or parameter).</summary>
    private static ILocalSymbol? IndexedLoop(IForLoopOperation loop, out IOperation? collection)
    {
        collection = null;
        if (loop.Before.Length != 1 || loop.AtLoopBottom.Length != 1
            || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Initializer.Value.ConstantValue: { HasValue: true, Value: 0 } } declarator)
        {
            return null;
        }

        var index = declarator.Symbol;
        if (loop.Condition?.WalkDownConversions() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan } condition
            || condition.LeftOperand.WalkDownConversions() is not ILocalReferenceOperation left || !SymbolEqualityComparer.Default.Equals(left.Local, index)
            || condition.RightOperand.WalkDownConversions() is not IPropertyReferenceOperation { Property.Name: "Length" or "Count", Instance: { } source }
            || source.ReferencedLocalOrParameter() is null)
        {
            return null;
        }

        var step = loop.AtLoopBottom[0] is IExpressionStatementOperation { Operation: var increment } ? increment : loop.AtLoopBottom[0];
        if (step is not IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation stepped } || !SymbolEqualityComparer.Default.Equals(stepped.Local, index))
        {
            return null;
        }

        collection = source.WalkDownConversions();
        return index;
    }

    /// <summary>In an indexed loop, the collection is only read as <c>items[i]</c> and the index only used there.</summary>
    private static bool IndexesOnlyByVariable(IOperation awaited, ISymbol index, ISymbol collection)
    {
        foreach (var operation in awaited.DescendantsAndSelf())
        {
            var referenced = operation is ILocalReferenceOperation or IParameterReferenceOperation ? operation.ReferencedLocalOrParameter() : null;
            if (referenced is null)
            {
                continue;
            }

            var parent = operation.WalkUpConversions().Parent;

            if (SymbolEqualityComparer.Default.Equals(referenced, collection))
            {
                if (parent is not (IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }) || !IndexedBy(parent, index))
                {
                    return false;
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(referenced, index) && !IsIndexOf(parent, collection))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IndexedBy(IOperation? access, ISymbol index)
    {
        var indices = access switch
        {
            IArrayElementReferenceOperation element => element.Indices,
            IPropertyReferenceOperation indexer => ImmutableArray.CreateRange(indexer.Arguments, a => (IOperation)a.Value),
            _ => ImmutableArray<IOperation>.Empty,
        };
        return indices.Length == 1 && SymbolEqualityComparer.Default.Equals(indices[0].ReferencedLocalOrParameter(), index);
    }

    private static bool IsIndexOf(IOperation? parent, ISymbol collection)
    {
        if (parent is IArgumentOperation argument)
        {
            parent = argument.Parent;
        }

        return parent switch
        {
            IArrayElementReferenceOperation element => SymbolEqualityComparer.Default.Equals(element.ArrayReference.ReferencedLocalOrParameter(), collection),
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => SymbolEqualityComparer.Default.Equals(indexer.Instance.ReferencedLocalOrParameter(), collection),
            _ => false,
        };
    }

    /// <summary>The first statement's await, the List&lt;T&gt; it adds to, and its shape (Await, Add, or Body for the others).</summary>
    private static (IAwaitOperation? Await, ISymbol? Results, string Shape)? FirstAwait(IOperation statement, INamedTypeSymbol? list)
    {
        switch (statement)
        {
            case IExpressionStatementOperation { Operation: IAwaitOperation awaited }:
                return (awaited, null, "Await");
            case IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: ILocalReferenceOperation target } add }
                when list is not null && SymbolEqualityComparer.Default.Equals(target.Type?.OriginalDefinition, list) && add.Arguments[0].Value.WalkDownConversions() is IAwaitOperation:
                // Collecting into a List<T> keeps the order with WhenAll's result array; any other accumulator does not
                // (IndependentLoopAwaitsAnalyzerTests.AddToHashSet_NoDiagnostic).
                return (add.Arguments[0].Value.WalkDownConversions() as IAwaitOperation, target.Local, "Add");
            case IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: ILocalReferenceOperation target } add }
                when list is not null && SymbolEqualityComparer.Default.Equals(target.Type?.OriginalDefinition, list)
                    && ResultOf(add.Arguments[0].Value) is { } member:
                // results.Add((await F(item)).Total): per-item work on a member of the result
                // (IndependentLoopAwaitsAnalyzerTests.AddMemberOfResult_Reports).
                return (member, null, "Body");
            case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { IsRef: false, Target: IPropertyReferenceOperation { Property.IsIndexer: true } or IArrayElementReferenceOperation } element }:
                // prices[sku] = (await F(sku)).Amount (IndependentLoopAwaitsAnalyzerTests.KeyedWriteOfResultMember_Reports).
                return (ResultOf(element.Value), null, "Body");
            case IExpressionStatementOperation { Operation: ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation { Local: { RefKind: RefKind.None } total } } sum }
                when IsNumeric(total.Type):
                // total += await F(item): the sum does not depend on the order (IndependentLoopAwaitsAnalyzerTests.SumIntoLocal_Reports).
                return (ResultOf(sum.Value), null, "Sum");
            case IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1:
                return (group.Declarations[0].Declarators[0].Initializer is { } initializer ? ResultOf(initializer.Value) : null, null, "Body");
            case IUsingDeclarationOperation { IsAsynchronous: false, DeclarationGroup.Declarations.Length: 1 } usingDeclaration
                when usingDeclaration.DeclarationGroup.Declarations[0].Declarators.Length == 1:
                return (usingDeclaration.DeclarationGroup.Declarations[0].Declarators[0].Initializer?.Value.WalkDownConversions() as IAwaitOperation, null, "Body");
            default:
                return null;
        }
    }

    /// <summary>
    /// The work around the await (its target, the statements after it) runs once per item after the call: it must not change
    /// anything the next item's call reads (a cursor, a field the call uses, the collection), nor read what the calls change
    /// (IndependentLoopAwaitsAnalyzerTests.ResultFeedsNextCall_NoDiagnostic, ResultThenHelperThatSaves_NoDiagnostic). Changes to the
    /// item itself belong to that item.
    /// </summary>
    private static bool WorkIsPerItem(Independence independence, Footprint footprint, ImmutableArray<IOperation> statements, IAwaitOperation awaitOperation, ISymbol variable, bool isForEach, HashSet<ISymbol> assigned)
    {
        var reads = new List<string>();
        var writes = new List<string>();
        var first = statements[0];
        var work = new List<IOperation>();
        foreach (var child in first.DescendantsAndSelf())
        {
            // The await's own call is described by its footprint; around it only the target is work.
            if (child is ISimpleAssignmentOperation or ICompoundAssignmentOperation && child is IAssignmentOperation assignment && ResultOf(assignment.Value) == awaitOperation)
            {
                work.Add(assignment.Target);
                if (!independence.AddWrite(assignment.Target, writes, assigned))
                {
                    return false;
                }
            }
        }

        for (var i = 1; i < statements.Length; i++)
        {
            work.Add(statements[i]);
        }

        if (!independence.DescribeFollowingWork(work, reads, writes, assigned))
        {
            return false;
        }

        var item = AccessPath.Segment(variable);
        var callPaths = footprint.Reads.AddRange(footprint.Writes);
        foreach (var write in writes)
        {
            if (isForEach && AccessPath.IsUnder(write, item))
            {
                continue;
            }

            foreach (var path in callPaths)
            {
                if (AccessPath.IsUnder(path, write) || AccessPath.IsUnder(write, path))
                {
                    return false;
                }
            }
        }

        foreach (var read in reads)
        {
            foreach (var write in footprint.Writes)
            {
                if (!AccessPath.IsUnder(write, item) && (AccessPath.IsUnder(read, write) || AccessPath.IsUnder(write, read)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The await itself, or the await whose result a member chain reads: <c>(await F(item)).Total</c>.</summary>
    private static IAwaitOperation? ResultOf(IOperation value)
    {
        var current = value.WalkDownConversions();
        while (true)
        {
            switch (current)
            {
                case IAwaitOperation awaited:
                    return awaited;
                case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    break;
                case IFieldReferenceOperation { Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    break;
                default:
                    return null;
            }
        }
    }

    private static bool IsNumeric(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
            or SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>The total of <c>total += await F(item);</c> appears nowhere else in the loop.</summary>
    private static bool OnlyAccumulates(ILoopOperation loop, IOperation statement)
    {
        if (statement is not IExpressionStatementOperation { Operation: ICompoundAssignmentOperation { Target: ILocalReferenceOperation { Local: var total } target } })
        {
            return false;
        }

        foreach (var operation in loop.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && reference != target && SymbolEqualityComparer.Default.Equals(reference.Local, total))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>if (!feed.Enabled) continue;</c>: a condition on the item alone (its members, constants, string tests), whose only
    /// action is to skip the item.
    /// </summary>
    private static bool IsItemFilter(IOperation statement, ISymbol variable)
    {
        if (statement is not IConditionalOperation { WhenFalse: null, Condition: { } condition, WhenTrue: var whenTrue })
        {
            return false;
        }

        if (whenTrue is IBlockOperation { Operations.Length: 1 } block)
        {
            whenTrue = block.Operations[0];
        }

        if (whenTrue is not IBranchOperation { BranchKind: BranchKind.Continue })
        {
            return false;
        }

        foreach (var operation in condition.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILocalReferenceOperation local when SymbolEqualityComparer.Default.Equals(local.Local, variable):
                case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: not null }:
                case IFieldReferenceOperation { Instance: not null }:
                case ILiteralOperation or IConversionOperation or IUnaryOperation or IBinaryOperation or IIsPatternOperation or IPatternOperation or IIsTypeOperation or ITypeOfOperation:
                case IArgumentOperation:
                case IInvocationOperation { TargetMethod.ContainingType.SpecialType: SpecialType.System_String }:
                    break;
                case IFieldReferenceOperation { Field.IsConst: true }:
                    break;
                default:
                    if (operation.ConstantValue.HasValue)
                    {
                        break;
                    }

                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>for (var page = first; page &lt;(=) bound; page++ | ++page | page += 1)</c> over an <c>int</c>, with a constant, local or
    /// parameter as first value and bound: returns the counter.
    /// </summary>
    private static ILocalSymbol? RangeLoop(IForLoopOperation loop)
    {
        if (loop.Before.Length != 1 || loop.AtLoopBottom.Length != 1
            || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Initializer.Value: { } first } declarator
            || declarator.Symbol.Type.SpecialType != SpecialType.System_Int32
            || !IsFixedValue(first))
        {
            return null;
        }

        var counter = declarator.Symbol;
        if (loop.Condition?.WalkDownConversions() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } condition
            || condition.LeftOperand.WalkDownConversions() is not ILocalReferenceOperation left || !SymbolEqualityComparer.Default.Equals(left.Local, counter)
            || condition.RightOperand.Type?.SpecialType != SpecialType.System_Int32
            || !IsFixedValue(condition.RightOperand))
        {
            return null;
        }

        var step = loop.AtLoopBottom[0] is IExpressionStatementOperation { Operation: var increment } ? increment : loop.AtLoopBottom[0];
        var stepped = step switch
        {
            IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation target } => target.Local,
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: 1 } } => target.Local,
            _ => null,
        };
        return SymbolEqualityComparer.Default.Equals(stepped, counter) ? counter : null;
    }

    /// <summary>A constant, or a local or parameter (whose writes in the body <see cref="CounterAndBoundUnchanged"/> rules out).</summary>
    private static bool IsFixedValue(IOperation value)
    {
        value = value.WalkDownConversions();
        return value.ConstantValue.HasValue
            || value is ILocalReferenceOperation { Local.RefKind: RefKind.None } or IParameterReferenceOperation { Parameter.RefKind: RefKind.None };
    }

    /// <summary>The body writes neither the counter nor the bound (IndependentLoopAwaitsAnalyzerTests.CounterWrittenInBody_NoDiagnostic, BoundWrittenInBody_NoDiagnostic).</summary>
    private static bool CounterAndBoundUnchanged(ILoopOperation loop, IForLoopOperation forLoop)
    {
        var watched = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var local in forLoop.Locals)
        {
            watched.Add(local);
        }

        if (forLoop.Condition?.WalkDownConversions() is IBinaryOperation { RightOperand: var bound } && bound.WalkDownConversions().ReferencedLocalOrParameter() is { } boundSymbol)
        {
            watched.Add(boundSymbol);
        }

        foreach (var operation in loop.Body.DescendantsAndSelf())
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference => byReference.Value,
                IAnonymousFunctionOperation or ILocalFunctionOperation => operation,
                _ => null,
            };
            if (target is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                // A lambda capturing the counter would see it change.
                return false;
            }

            if (target?.WalkDownConversions().ReferencedLocalOrParameter() is { } written && watched.Contains(written))
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableArray<IOperation> Statements(IOperation body) => body switch
    {
        IBlockOperation block => block.Operations,
        _ => ImmutableArray.Create(body),
    };
}
