using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Rules.Exceptions;

/// <summary>
/// ASYNC402: a task started and forgotten with nobody to see its exception: <c>_ = FooAsync();</c> (including <c>Task.Run</c> and
/// <c>Task.Factory.StartNew</c>), or a fresh task handed to a helper in the compilation that ignores it (<c>FooAsync().Forget()</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnobservedFireAndForgetAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set when the fix may replace the statement with <c>await</c>: async context, where await compiles.</summary>
    public const string CanAwaitProperty = "CanAwait";

    /// <summary>Set when the forgotten task is a ValueTask, which needs <c>AsTask()</c> before a continuation.</summary>
    public const string ValueTaskProperty = "ValueTask";

    /// <summary>TaskContinuationOptions.OnlyOnFaulted: NotOnRanToCompletion | NotOnCanceled.</summary>
    private const int OnlyOnFaulted = 0x50000;

    /// <summary>Set when no fix applies (a continuation chain, a conditional access, a helper call in synchronous code).</summary>
    public const string NoFixProperty = "NoFix";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC402);

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

            var work = new StartedWork(symbols);
            var handlers = new ExceptionHandlers(symbols);
            start.RegisterOperationAction(c => AnalyzeDiscard(c, symbols, work, handlers), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeForgetHelper(c, symbols, work, handlers), OperationKind.Invocation);
        });
    }

    private static void AnalyzeDiscard(OperationAnalysisContext context, AsyncSymbols symbols, StartedWork work, ExceptionHandlers handlers)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;

        // A plain dropped call is ASYNC201's; only the explicit discard is ours (UnobservedFireAndForgetAnalyzerTests.DroppedCallStatement_NoDiagnostic).
        if (assignment.Target is not IDiscardOperation)
        {
            return;
        }

        // A task read from a local or property may be awaited elsewhere (UnobservedFireAndForgetAnalyzerTests.DiscardOfStoredTask_NoDiagnostic).
        if (work.FreshTask(assignment.Value) is not { } started || IsObservedOrSafe(started, work))
        {
            return;
        }

        var properties = handlers.PropertiesFor(context.Options, assignment.Syntax.SyntaxTree);
        if (started.TargetMethod.Name == "ContinueWith" || assignment.Value.WalkDownConversions() is IConditionalAccessOperation)
        {
            properties = properties.Add(NoFixProperty, "true");
        }
        else if (CanAwait(assignment, context.ContainingSymbol))
        {
            properties = properties.Add(CanAwaitProperty, "true");
        }
        else if (symbols.IsValueTask(started.Type))
        {
            properties = properties.Add(ValueTaskProperty, "true");
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC402, assignment.Syntax.GetLocation(), properties, started.TargetMethod.Name));
    }

    private static void AnalyzeForgetHelper(OperationAnalysisContext context, AsyncSymbols symbols, StartedWork work, ExceptionHandlers handlers)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!invocation.TargetMethod.ReturnsVoid)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter
                || !symbols.IsTaskLike(parameter.Type)
                || work.FreshTask(argument.Value) is not { } started
                || IsObservedOrSafe(started, work)
                || !IgnoresParameter(invocation.TargetMethod, parameter))
            {
                continue;
            }

            var properties = handlers.PropertiesFor(context.Options, invocation.Syntax.SyntaxTree);
            properties = CanAwait(invocation, context.ContainingSymbol) && started.TargetMethod.Name != "ContinueWith"
                ? properties.Add(CanAwaitProperty, "true")
                : properties.Add(NoFixProperty, "true");
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC402, invocation.Syntax.GetLocation(), properties, started.TargetMethod.Name));
            return;
        }
    }

    private static bool IsObservedOrSafe(IInvocationOperation started, StartedWork work)
    {
        // Task.Delay and already-complete tasks have no exception to lose (UnobservedFireAndForgetAnalyzerTests.DiscardOfDelayAndCompletedTasks_NoDiagnostic).
        if (work.CannotFault(started))
        {
            return true;
        }

        // A continuation that looks at its antecedent observes the fault (UnobservedFireAndForgetAnalyzerTests.ContinueWithCheckingIsFaulted_NoDiagnostic).
        if (started.TargetMethod.Name == "ContinueWith" && ContinuationObservesAntecedent(started))
        {
            return true;
        }

        // Work that catches everything itself cannot fault (UnobservedFireAndForgetAnalyzerTests.TaskRunLambdaBodyIsCatchAll_NoDiagnostic).
        return work.IsCovered(started);
    }

    /// <summary><c>OnlyOnFaulted</c>, or a continuation that reads its antecedent parameter at all.</summary>
    private static bool ContinuationObservesAntecedent(IInvocationOperation continueWith)
    {
        foreach (var argument in continueWith.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: int options } && argument.Parameter?.Type.TypeKind == TypeKind.Enum
                && (options & OnlyOnFaulted) == OnlyOnFaulted)
            {
                return true;
            }

            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } && lambda.Symbol.Parameters.Length > 0)
            {
                var antecedent = lambda.Symbol.Parameters[0];
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, antecedent))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool CanAwait(IOperation operation, ISymbol containingSymbol) =>
        operation.Parent is IExpressionStatementOperation
        && AsyncContext.Of(operation, containingSymbol).IsAsync
        && AsyncContext.CanInsertAwait(operation);

    /// <summary>
    /// A helper in this compilation whose body never mentions the task parameter except to discard it. Another method's body has
    /// no operation tree in this callback, and a name check is all this needs, so it reads the declaration's syntax.
    /// </summary>
    private static bool IgnoresParameter(IMethodSymbol method, IParameterSymbol parameter)
    {
        // Operations present extension calls unreduced, so the parameter's ordinal indexes the declaration's parameter list.
        method = method.PartialImplementationPart ?? method;
        var ordinal = parameter.Ordinal;

        // A helper from another assembly may well observe the task; only source helpers can be read (UnobservedFireAndForgetAnalyzerTests.HelperThatObservesTheTask_NoDiagnostic).
        if (method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1 || ordinal >= method.Parameters.Length)
        {
            return false;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        SyntaxNode? body = syntax switch
        {
            BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
            _ => null,
        };
        if (body is null)
        {
            return false;
        }

        var name = method.Parameters[ordinal].Name;
        foreach (var identifier in body.DescendantNodes())
        {
            if (identifier is IdentifierNameSyntax { Identifier.ValueText: var text } && text == name
                && !(identifier.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == identifier))
            {
                return false;
            }
        }

        return true;
    }
}
