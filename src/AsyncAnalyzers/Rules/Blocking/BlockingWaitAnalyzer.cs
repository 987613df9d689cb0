using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Blocking;

/// <summary>
/// ASYNC101: blocking on a task (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll/WaitAny</c>) in async code.
/// ASYNC104: the same in synchronous code (sync-over-async). One analyzer for both: the context decides which ID applies,
/// so an expression can never get both.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitAnalyzer : DiagnosticAnalyzer
{


    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC101, Descriptors.ASYNC104);

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

            start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.PropertyReference, OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var kind = BlockingCalls.Classify(context.Operation, symbols, out var task);
        if (kind == BlockingKind.None)
        {
            return;
        }

        // nameof(t.Result) never runs the property (BlockingWaitAnalyzerTests.ResultInNameOf_NoDiagnostic).
        if (context.Operation.FirstAncestor<INameOfOperation>() is not null)
        {
            return;
        }

        // Task known to be complete: awaited before on every path, WhenAll, guards, FromResult
        // (BlockingWaitAnalyzerTests.ResultAfterAwaitOfSameTask_NoDiagnostic; CompletedTasksTests.CompleteShape_IsKnownComplete pins each shape).
        if (task is not null && CompletedTasks.IsKnownComplete(task, symbols))
        {
            return;
        }

        var asyncContext = AsyncContext.Of(context.Operation, context.ContainingSymbol);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Kind, kind.ToString());
        if (asyncContext.IsAsync)
        {
            if (!AsyncContext.CanInsertAwait(context.Operation))
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "true");
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC101, context.Operation.Syntax.GetLocation(), properties, BlockingCalls.Describe(kind)));
            return;
        }

        // The entry point is the one place blocking has no caller to starve or deadlock (SyncOverAsyncTests.BlockingInMain_NoDiagnostic).
        if (asyncContext.FunctionOperation is null && asyncContext.Function is { IsStatic: true, Name: "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName })
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC104, context.Operation.Syntax.GetLocation(), properties, BlockingCalls.Describe(kind)));
    }
}
