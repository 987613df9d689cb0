using System.Collections.Immutable;
using AsyncAnalyzers.Baseline;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC202: an <c>async void</c> method or local function whose signature could return Task. Signatures forced by an event-handler
/// shape, an override or interface, XAML markup or a use as a void delegate (<c>+=</c>, <c>new Timer(M)</c>, <c>Register(M)</c>, a
/// callback argument) are the Exceptions family's (ASYNC401): there the signature cannot change, so it must be guarded. The split
/// is <see cref="ForcedSignatures"/>'s, shared with ASYNC401.
/// </summary>
/// <remarks>
/// Methods come from a symbol action and local functions from an operation action; uses are read from syntax, and only for the
/// rare method that is already a candidate (once per type, cached in <see cref="ForcedSignatures"/>). An earlier version collected
/// subscriptions per type with a symbol-start action, which made the driver track the members of every type in the compilation:
/// about 5% of a whole build's time, four times this rule's own work (docs/performance.md).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidMethodAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC202);

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

            start.RegisterSymbolAction(c => AnalyzeMethod(c, services), SymbolKind.Method);
            start.RegisterOperationAction(c => AnalyzeLocalFunction(c, services), OperationKind.LocalFunction);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CompilationServices services)
    {
        // Handlers, contracts, XAML handlers and methods used as void delegates are ASYNC401's; unresolved handler types are
        // nobody's (ForcedSignatures.Classify names the tests of each).
        if (context.Symbol is IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary } method
            && services.ForcedSignatures.Classify(method, services.Summaries, context.CancellationToken) == SignatureKind.Changeable
            && !IsObservingForgetHelper(method, services.Bodies.BodyOf(method, use: null)?.Block, services))
        {
            Report(context.ReportDiagnostic, context.Options, method);
        }
    }

    private static void AnalyzeLocalFunction(OperationAnalysisContext context, CompilationServices services)
    {
        // A local function can only be used where its name is in scope: inside the member that declares it
        // (AsyncVoidMethodAnalyzerTests.LocalFunctionSubscribedToEvent_NoDiagnostic).
        if (context.Operation is ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } local }
            && services.ForcedSignatures.ClassifyLocalFunction(local, context.Operation.Root().Syntax) == SignatureKind.Changeable
            && !IsObservingForgetHelper(local, ((ILocalFunctionOperation)context.Operation).Body, services))
        {
            Report(context.ReportDiagnostic, context.Options, local);
        }
    }

    /// <summary>
    /// <c>async void Forget(this Task task)</c> that awaits the task it is given inside a catch-all: a fire-and-forget helper whose
    /// <c>void</c> is its purpose and which lets nothing escape (AsyncVoidMethodAnalyzerTests.ObservingForgetHelper_NoDiagnostic,
    /// ObservingForgetHelperLocalFunction_NoDiagnostic, ForgetHelperThatRethrows_Reports, GuardedMethodThatAwaitsNoParameter_Reports).
    /// </summary>
    private static bool IsObservingForgetHelper(IMethodSymbol method, IBlockOperation? body, CompilationServices services) =>
        body is not null && ForgetHelpers.ObservesGivenTask(method, body, services.Symbols);

    private static void Report(System.Action<Diagnostic> report, AnalyzerOptions options, IMethodSymbol method)
    {
        if (method.Locations.Length > 0 && method.Locations[0].IsInSource)
        {
            report(Findings.Create(options, Descriptors.ASYNC202, method.Locations[0], null, null, method.Name));
        }
    }
}
