using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC207: <c>await Task.Factory.StartNew(async () =&gt; ...)</c> (or <c>ContinueWith</c>, or <c>new Task&lt;Task&gt;</c>) as a
/// statement: the await gives back the inner task, which the statement drops.
/// </summary>
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

            var symbols = services.Symbols;
            start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Await);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        var await = (IAwaitOperation)context.Operation;

        // The inner task is dropped only when the await is a statement of its own: 'var inner = await outer', 'await await outer'
        // and '_ = await outer' keep it or drop it on purpose (NestedTaskAwaitAnalyzerTests.InnerTaskKept_NoDiagnostic,
        // AwaitAwait_NoDiagnostic, ExplicitDiscard_NoDiagnostic).
        if (await.Parent is not IExpressionStatementOperation)
        {
            return;
        }

        var outer = await.Operation.UnwrapConfigureAwait();
        if (outer.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } outerType
            || !symbols.IsTask(outerType)
            || !symbols.IsTaskLike(outerType.TypeArguments[0]))
        {
            return;
        }

        // Only tasks whose inner task is the work itself: StartNew, ContinueWith and new Task<Task> over a task-returning delegate.
        // Task.WhenAny's result is a task that has already completed, and a method of the program returning Task<Task> may well
        // mean "started" by its outer task (NestedTaskAwaitAnalyzerTests.WhenAny_NoDiagnostic, OwnMethodReturningTaskOfTask_NoDiagnostic).
        var origin = Origin(outer);
        if (origin is null || ReturnsAntecedent(origin))
        {
            return;
        }

        // Unwrap and Task.Run's unwrapping overloads know Task and Task<T> only: a ValueTask inside is reported without a fix
        // (NestedTaskAwaitCodeFixTests.InnerValueTask_NoFix).
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (!symbols.IsTask(outerType.TypeArguments[0]))
        {
            properties = properties.Add(DiagnosticProperties.NoFix, "true");
        }
        else if (origin == outer && IsPlainStartNew(origin, symbols))
        {
            properties = properties.Add(DiagnosticProperties.TaskRun, "true");
        }

        context.ReportDiagnostic(Findings.Create(context.Options, Descriptors.ASYNC207, await.Syntax.GetLocation(), null, properties, OriginName(origin)));
    }

    /// <summary>The StartNew/ContinueWith call or Task&lt;Task&gt; creation the awaited value comes from, through one local at most.</summary>
    private static IOperation? Origin(IOperation outer)
    {
        var value = outer.WalkDownConversions();

        // A local assigned once, from such a call (NestedTaskAwaitAnalyzerTests.LocalFromStartNew_Reports); a local assigned
        // twice is not followed (NestedTaskAwaitAnalyzerTests.LocalReassigned_NoDiagnostic).
        if (value is ILocalReferenceOperation { Local: { } local })
        {
            value = local.FindSingleInitializer(outer)?.WalkDownConversions();
        }

        return value switch
        {
            IInvocationOperation { TargetMethod.Name: "StartNew" or "ContinueWith" } invocation when IsTaskApi(invocation.TargetMethod.ContainingType) => invocation,
            IObjectCreationOperation { Type: INamedTypeSymbol created } creation when IsTaskApi(created) => creation,
            _ => null,
        };
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
