using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
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
            if (AsyncSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var independence = Independence.Create(symbols);
            var operationCanceled = symbols.GetTypeByMetadataName("System.OperationCanceledException");
            start.RegisterOperationAction(c => AnalyzeBlock(c, independence, operationCanceled), OperationKind.Block);
        });
    }

    private static void AnalyzeBlock(OperationAnalysisContext context, Independence independence, INamedTypeSymbol? operationCanceled)
    {
        var block = (IBlockOperation)context.Operation;
        if (block.Operations.Length < 2)
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(block.Syntax.SyntaxTree);
        independence = independence.WithSafety(independence.Safety.WithUserLists(
            SymbolNameList.Read(options, AnalyzerOptionKeys.Async301ConcurrentSafeTypes),
            SymbolNameList.Read(options, AnalyzerOptionKeys.Async301UnsafeTypes)));

        var group = new IndependentGroup();
        var members = new List<GatherStatement>();
        foreach (var statement in block.Operations)
        {
            // Any other statement (a local function, a using declaration, an await foreach, a label...) ends the group
            // (IndependentAwaitsAnalyzerTests.StatementBetween_NoDiagnostic, AwaitUsingBetween_NoDiagnostic).
            var candidate = independence.DescribeStatement(statement);
            if (candidate is null)
            {
                Report(context, block, members, operationCanceled);
                group.Clear();
                continue;
            }

            if (!group.TryAdd(candidate.Footprint))
            {
                // A dependent statement closes the group; it may start the next one (IndependentAwaitsAnalyzerTests.ResultUsedByNextCall_NoDiagnostic).
                Report(context, block, members, operationCanceled);
                group.Clear();
                group.TryAdd(candidate.Footprint);
            }

            members.Add(candidate);
        }

        Report(context, block, members, operationCanceled);
    }

    private static void Report(OperationAnalysisContext context, IBlockOperation block, List<GatherStatement> members, INamedTypeSymbol? operationCanceled)
    {
        if (members.Count >= 2
            && AsyncContext.Of(members[0].Statement, context.ContainingSymbol).IsAsync
            && !HandlersDependOnOrder(block, members, operationCanceled))
        {
            var first = members[0].Await.Syntax.GetLocation();
            var others = members.Skip(1).Select(m => m.Await.Syntax.GetLocation());
            var names = string.Join(", ", members.Select(m => "'" + m.Footprint.Invocation.TargetMethod.Name + "'"));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC301, first, others, members.Count, names));
        }

        members.Clear();
    }

    /// <summary>
    /// Inside a try block, gathering changes what the handlers see: the other operations still run when one fails, and a
    /// cancellation can surface as another operation's fault. Stay silent when a catch, filter or finally of an enclosing try
    /// (in the same function) reads a local the group assigns, or catches cancellation
    /// (IndependentAwaitsAnalyzerTests.TryWithCatchReadingResult_NoDiagnostic, TryCatchingCancellation_NoDiagnostic).
    /// </summary>
    private static bool HandlersDependOnOrder(IBlockOperation block, List<GatherStatement> members, INamedTypeSymbol? operationCanceled)
    {
        var assigned = new HashSet<ISymbol>(members.Where(m => m.Target is not null).Select(m => m.Target!), SymbolEqualityComparer.Default);
        IOperation child = block;
        for (var current = block.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (current is not ITryOperation tryOperation || tryOperation.Body != child)
            {
                continue;
            }

            foreach (var handler in tryOperation.Catches)
            {
                if (AsyncSymbols.InheritsFromOrEquals(handler.ExceptionType, operationCanceled))
                {
                    return true;
                }

                if (ReadsAny(handler, assigned))
                {
                    return true;
                }
            }

            if (tryOperation.Finally is { } finallyBlock && ReadsAny(finallyBlock, assigned))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsAny(IOperation operation, HashSet<ISymbol> symbols)
    {
        if (symbols.Count == 0)
        {
            return false;
        }

        foreach (var descendant in operation.Descendants())
        {
            if (descendant is ILocalReferenceOperation local && symbols.Contains(local.Local)
                || descendant is IParameterReferenceOperation parameter && symbols.Contains(parameter.Parameter))
            {
                return true;
            }
        }

        return false;
    }
}
