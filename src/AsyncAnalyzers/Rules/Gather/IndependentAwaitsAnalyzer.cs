using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Gather;
using AsyncAnalyzers.Semantics.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Gather;

/// <summary>
/// ASYNC301: consecutive statements of one block that each await one independent call (<c>await X();</c>,
/// <c>var v = await X();</c>, <c>v = await X();</c>). One pass over each block's statements; one diagnostic per group, on the
/// first await, with the other awaits as additional locations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IndependentAwaitsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC301);

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
            var operationCanceled = symbols.OperationCanceledException;
            var summaries = services.Summaries;
            start.RegisterOperationAction(c => AnalyzeBlock(c, independence, summaries, operationCanceled), OperationKind.Block);
        });
    }

    private static void AnalyzeBlock(OperationAnalysisContext context, Independence independence, MethodSummaries summaries, INamedTypeSymbol? operationCanceled)
    {
        var block = (IBlockOperation)context.Operation;
        // The walk stops at the first operand that is not a plain value, an await or a consumer of the results: cheap.
        var hasExpressionGroups = false;
        foreach (var statement in block.Operations)
        {
            hasExpressionGroups |= !Independence.AwaitsInOneExpression(statement).IsEmpty;
        }

        if (!hasExpressionGroups && !HasTwoGatherShapesInARow(block))
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(block.Syntax.SyntaxTree);
        independence = independence.WithSafety(independence.Safety.WithUserLists(
            SymbolNameList.Read(options, AnalyzerOptionKeys.Async301ConcurrentSafeTypes),
            SymbolNameList.Read(options, AnalyzerOptionKeys.Async301UnsafeTypes)).WithAssumption(ReceiverAssumption.AssumesSafe(options, AnalyzerOptionKeys.Async301UnknownReceivers)));

        var group = new IndependentGroup();
        var members = new List<GatherStatement>();
        foreach (var statement in block.Operations)
        {
            // Any other statement (a local function, a using declaration, an await foreach, a label...) ends the group
            // (IndependentAwaitsAnalyzerTests.StatementBetween_NoDiagnostic, AwaitUsingBetween_NoDiagnostic).
            var candidate = independence.DescribeStatement(statement);

            // A thin Task.Run wrapper is CPU work put on the pool on purpose: no latency to overlap
            // (IndependentAwaitsAnalyzerTests.TaskRunWrappers_NoDiagnostic).
            if (candidate is not null && summaries.IsThreadPoolOffload(candidate.Footprint.Invocation).IsYes)
            {
                candidate = null;
            }

            // Calls that change, send, log or run something by their names are not gathered: code relies on the calls after
            // them not running when they fail (save then log, delete then notify, write then cache), and on a failed read
            // stopping the write after it (IndependentAwaitsAnalyzerTests.WriteThenUnrelatedRead_NoDiagnostic,
            // ReadThenUnrelatedWrite_NoDiagnostic, TwoWritesOnDifferentServices_NoDiagnostic, EventLogAndPushForSameUser_NoDiagnostic).
            if (candidate is not null && candidate.Footprint.MayChangeState)
            {
                candidate = null;
            }

            if (candidate is null)
            {
                Report(context, block, members, operationCanceled, summaries: summaries);
                group.Clear();
                continue;
            }

            if (!group.TryAdd(candidate.Footprint))
            {
                // A dependent statement closes the group; it may start the next one (IndependentAwaitsAnalyzerTests.ResultUsedByNextCall_NoDiagnostic).
                Report(context, block, members, operationCanceled, summaries: summaries);
                group.Clear();
                group.TryAdd(candidate.Footprint);
            }

            members.Add(candidate);
        }

        Report(context, block, members, operationCanceled, summaries: summaries);

        if (hasExpressionGroups)
        {
            foreach (var statement in block.Operations)
            {
                ReportExpression(context, block, statement, independence, summaries, operationCanceled);
            }
        }
    }

    /// <summary>
    /// Awaits of one expression, all evaluated before it uses their results (<c>await a.X(d) - await b.Y(d)</c>,
    /// <c>new Page(await A(), await B())</c>): reported like a group of statements when every one is independent of the others.
    /// </summary>
    private static void ReportExpression(OperationAnalysisContext context, IBlockOperation block, IOperation statement, Independence independence, MethodSummaries summaries, INamedTypeSymbol? operationCanceled)
    {
        // An expression-bodied member (`=> await A() + await B()`, `=> new Page(await A(), await B())`) is reported like the same
        // expression in a block; the fix, which starts the tasks in statements before it, leaves it to the user to write the block
        // (IndependentAwaitsAnalyzerTests.ExpressionBodyWithTwoAwaits_Reports, IndependentAwaitsCodeFixTests.ExpressionBody_NoFix).
        // Other implicit statements, and expression-bodied lambdas, are not (ExpressionBodiedLambdaWithTwoAwaits_NoDiagnostic).
        if ((statement.IsImplicit && !IsExpressionBodyOfMember(block)) || Independence.AwaitsInOneExpression(statement) is not { Length: >= 2 } awaits)
        {
            return;
        }

        var group = new IndependentGroup();
        var members = new List<GatherStatement>();
        foreach (var awaitOperation in awaits)
        {
            // IndependentAwaitsAnalyzerTests.DependentAwaitsInOneExpression_NoDiagnostic, TaskRunWrappers_NoDiagnostic.
            if (independence.Describe(awaitOperation, out _) is not { } footprint
                || footprint.MayChangeState
                || summaries.IsThreadPoolOffload(footprint.Invocation).IsYes
                || !group.TryAdd(footprint))
            {
                return;
            }

            members.Add(new GatherStatement(statement, awaitOperation, null, footprint));
        }

        Report(context, block, members, operationCanceled, ExpressionShape, summaries);
    }

    private static bool IsExpressionBodyOfMember(IBlockOperation block) =>
        block.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax && block.Operations.Length == 1;

    private static bool HasTwoGatherShapesInARow(IBlockOperation block)
    {
        var previous = false;
        foreach (var statement in block.Operations)
        {
            var current = Independence.IsGatherShape(statement);
            if (current && previous)
            {
                return true;
            }

            previous = current;
        }

        return false;
    }

    private static readonly ImmutableDictionary<string, string?> ExpressionShape = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Shape, "Expression");

    private static void Report(OperationAnalysisContext context, IBlockOperation block, List<GatherStatement> members, INamedTypeSymbol? operationCanceled, ImmutableDictionary<string, string?>? properties = null, MethodSummaries? summaries = null)
    {
        // A call every body of which hands back a completed task (Task.FromResult of an in-memory query, a paged list filled
        // synchronously) cannot suspend: there is nothing to overlap, so it leaves the group. Asked only of groups about to be
        // reported: the walk reads other bodies (IndependentAwaitsAnalyzerTests.CallsThatCompleteSynchronouslyThroughHelpers_NoDiagnostic).
        if (members.Count >= 2 && summaries is not null)
        {
            members.RemoveAll(member => summaries.CompletesSynchronouslyAllTheWay(member.Footprint.Invocation));

            // A call whose work includes an earlier member's call (or is included in it) repeats that work: the first warms what
            // the second reads again, so it leaves the group (IndependentAwaitsAnalyzerTests.SecondCallRepeatsTheFirst_NoDiagnostic).
            for (var later = members.Count - 1; later > 0; later--)
            {
                var laterMethod = members[later].Footprint.Invocation.TargetMethod;
                for (var earlier = 0; earlier < later; earlier++)
                {
                    var earlierMethod = members[earlier].Footprint.Invocation.TargetMethod;
                    if (summaries.WorkIncludes(laterMethod, earlierMethod, members[later].Await) || summaries.WorkIncludes(earlierMethod, laterMethod, members[earlier].Await))
                    {
                        members.RemoveAt(later);
                        break;
                    }
                }
            }
        }

        if (members.Count >= 2
            && AsyncContext.Of(members[0].Statement, context.ContainingSymbol).IsAsync
            && !HandlersDependOnOrder(block, members, operationCanceled))
        {
            var first = members[0].Await.Syntax.GetLocation();
            var others = members.Skip(1).Select(m => m.Await.Syntax.GetLocation());
            var names = string.Join(", ", members.Select(m => "'" + m.Footprint.Invocation.TargetMethod.Name + "'")) + Assumption(members);
            context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC301, first, others, properties, members.Count, names));
        }

        members.Clear();
    }

    /// <summary>
    /// "; if 'ISearchIndex' allows concurrent calls" when the group relies on a receiver of a type without evidence allowing
    /// concurrent calls (the <c>unknown_receivers</c> option's assumption): the receiver is called more than once, or another
    /// member of the group goes through something it holds (a private method on <c>this</c> next to a call on one of its fields);
    /// empty otherwise.
    /// </summary>
    private static string Assumption(List<GatherStatement> members)
    {
        var assumed = new List<string>();
        foreach (var member in members)
        {
            if (member.Footprint is not { AssumedSafe: { } type, ReceiverPath: { } path })
            {
                continue;
            }

            var name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            var relied = members.Any(other => !ReferenceEquals(other, member) && other.Footprint.ReceiverPath is { } otherPath && AccessPath.IsUnder(otherPath, path));
            if (relied && !assumed.Contains(name))
            {
                assumed.Add(name);
            }
        }

        return assumed.Count == 0 ? string.Empty : "; if " + string.Join(" and ", assumed.Select(a => "'" + a + "'")) + (assumed.Count == 1 ? " allows" : " allow") + " concurrent calls";
    }

    // A catch or finally that reads a result, or catches cancellation, depends on the order
    // (IndependentAwaitsAnalyzerTests.TryWithCatchReadingResult_NoDiagnostic, TryCatchingCancellation_NoDiagnostic, FinallyReadingResult_NoDiagnostic).
    private static bool HandlersDependOnOrder(IBlockOperation block, List<GatherStatement> members, INamedTypeSymbol? operationCanceled) =>
        GatherContext.HandlersDependOnOrder(
            block,
            new HashSet<ISymbol>(members.Where(m => m.Target is not null).Select(m => m.Target!), SymbolEqualityComparer.Default),
            operationCanceled);
}
