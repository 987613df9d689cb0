using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC202: an <c>async void</c> method or local function whose signature could return Task. Event handlers and signatures forced
/// by an override or interface are the Exceptions family's (ASYNC401): there the signature cannot change, so it must be guarded.
/// A method added with <c>+=</c> somewhere in its own type (a local function: in its own member) counts as an event handler.
/// </summary>
/// <remarks>
/// Methods come from a symbol action and local functions from an operation action; the <c>+=</c> check reads syntax, and only
/// for the rare method that is already a candidate. An earlier version collected subscriptions per type with a symbol-start
/// action, which made the driver track the members of every type in the compilation: about 5% of a whole build's time, four
/// times this rule's own work (docs/performance.md).
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

            var symbols = services.Symbols;

            start.RegisterSymbolAction(c => AnalyzeMethod(c, symbols), SymbolKind.Method);
            start.RegisterOperationAction(c => AnalyzeLocalFunction(c, symbols), OperationKind.LocalFunction);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, AsyncSymbols symbols)
    {
        if (context.Symbol is not IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary } method
            || !IsCandidate(method, symbols)
            || method.ContainingType is not { } type)
        {
            return;
        }

        // A method subscribed to an event of any delegate type is a handler (AsyncVoidMethodAnalyzerTests.SubscribedToActionEvent_NoDiagnostic).
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (IsAddedWithPlusEquals(reference.GetSyntax(context.CancellationToken), method.Name))
            {
                return;
            }
        }

        Report(context.ReportDiagnostic, method);
    }

    private static void AnalyzeLocalFunction(OperationAnalysisContext context, AsyncSymbols symbols)
    {
        if (context.Operation is not ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } local }
            || !IsCandidate(local, symbols))
        {
            return;
        }

        // A local function can only be subscribed where its name is in scope: inside the member that declares it
        // (AsyncVoidMethodAnalyzerTests.LocalFunctionSubscribedToEvent_NoDiagnostic).
        if (!IsAddedWithPlusEquals(context.Operation.Root().Syntax, local.Name))
        {
            Report(context.ReportDiagnostic, local);
        }
    }

    private static bool IsCandidate(IMethodSymbol method, AsyncSymbols symbols) =>
        // Event handlers keep their signature; ASYNC401 guards them (AsyncVoidMethodAnalyzerTests.EventHandlerShape_NoDiagnostic).
        !AsyncSignatures.IsEventHandlerShape(method, symbols)
        // Overrides and interface implementations cannot change their return type (AsyncVoidMethodAnalyzerTests.Override_NoDiagnostic).
        && !AsyncSignatures.IsForcedByContract(method);

    /// <summary>
    /// Whether <paramref name="scope"/> holds <c>x += Name</c>, <c>x += this.Name</c> or <c>x += new D(Name)</c>. Read from syntax,
    /// so it also counts a method added to a delegate variable, or a same-named member of another object: where the name alone
    /// cannot tell, the rule stays silent.
    /// </summary>
    private static bool IsAddedWithPlusEquals(SyntaxNode scope, string name)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Right: var right }
                && Names(right, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Names(ExpressionSyntax expression, string name)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }:
                    expression = arguments[0].Expression;
                    continue;
                case SimpleNameSyntax simple:
                    return simple.Identifier.ValueText == name;
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.Name.Identifier.ValueText == name;
                default:
                    return false;
            }
        }
    }

    private static void Report(System.Action<Diagnostic> report, IMethodSymbol method)
    {
        if (method.Locations.Length > 0 && method.Locations[0].IsInSource)
        {
            report(Diagnostic.Create(Descriptors.ASYNC202, method.Locations[0], method.Name));
        }
    }
}
