using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Unawaited;

/// <summary>
/// ASYNC202: an <c>async void</c> method or local function whose signature could return Task. Event handlers and signatures forced
/// by an override or interface are the Exceptions family's (ASYNC401): there the signature cannot change, so it must be guarded.
/// Analyzed per type, so that a method subscribed to an event with <c>+=</c> in its own type counts as an event handler.
/// </summary>
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
            if (AsyncSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterSymbolStartAction(typeStart => AnalyzeType(typeStart, symbols), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, AsyncSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var subscribed = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        var localFunctions = new ConcurrentBag<IMethodSymbol>();

        context.RegisterOperationAction(
            c =>
            {
                if (c.Operation is IEventAssignmentOperation { HandlerValue: var handler }
                    && handler is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } })
                {
                    subscribed.TryAdd(method.OriginalDefinition, true);
                }
            },
            OperationKind.EventAssignment);

        context.RegisterOperationAction(
            c =>
            {
                if (c.Operation is ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } local })
                {
                    localFunctions.Add(local);
                }
            },
            OperationKind.LocalFunction);

        context.RegisterSymbolEndAction(end =>
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary } method)
                {
                    Report(end, method, subscribed, symbols);
                }
            }

            foreach (var local in localFunctions)
            {
                Report(end, local, subscribed, symbols);
            }
        });
    }

    private static void Report(SymbolAnalysisContext context, IMethodSymbol method, ConcurrentDictionary<IMethodSymbol, bool> subscribed, AsyncSymbols symbols)
    {
        // Event handlers keep their signature; ASYNC401 guards them (AsyncVoidMethodAnalyzerTests.EventHandlerShape_NoDiagnostic).
        if (AsyncSignatures.IsEventHandlerShape(method, symbols))
        {
            return;
        }

        // Overrides and interface implementations cannot change their return type (AsyncVoidMethodAnalyzerTests.Override_NoDiagnostic).
        if (AsyncSignatures.IsForcedByContract(method))
        {
            return;
        }

        // A method subscribed to an event of any delegate type is a handler (AsyncVoidMethodAnalyzerTests.SubscribedToActionEvent_NoDiagnostic).
        if (subscribed.ContainsKey(method.OriginalDefinition))
        {
            return;
        }

        if (method.Locations.Length > 0 && method.Locations[0].IsInSource)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC202, method.Locations[0], method.Name));
        }
    }
}
