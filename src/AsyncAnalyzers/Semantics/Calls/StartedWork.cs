using System.Collections.Concurrent;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Facts about the work behind a task-producing expression: what was started (<c>FooAsync()</c>, <c>Task.Run(...)</c>), and
/// whether that work catches every exception itself, so its task cannot fault. Method bodies are looked at once per compilation.
/// </summary>
internal sealed class StartedWork
{
    private readonly AsyncSymbols _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _coveredMethods = new(SymbolEqualityComparer.Default);

    public StartedWork(AsyncSymbols symbols)
    {
        _symbols = symbols;
    }

    /// <summary>
    /// The invocation that starts fresh work, looking through conversions, <c>ConfigureAwait(...)</c> and <c>?.</c>; null for
    /// anything else (a local, a property such as <c>tcs.Task</c>), whose task may well be observed elsewhere.
    /// </summary>
    public IInvocationOperation? FreshTask(IOperation value)
    {
        var current = value.WalkDownConversions();
        if (current is IConditionalAccessOperation conditionalAccess)
        {
            current = conditionalAccess.WhenNotNull.WalkDownConversions();
        }

        current = CompletedTasks.UnwrapConfigureAwait(current);
        return current is IInvocationOperation invocation && _symbols.IsTaskLike(invocation.Type) ? invocation : null;
    }

    /// <summary>Task.Run, Task.Factory.StartNew and TaskFactory&lt;T&gt;.StartNew: the delegate is the started work.</summary>
    public bool IsTaskStarter(IMethodSymbol method) =>
        (method.Name == "Run" && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Task))
        || (method.Name == "StartNew"
            && (SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.TaskFactory) || SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, _symbols.TaskFactoryOfT)));

    /// <summary>Task.Delay, Task.Yield-like and already-complete tasks: nothing that can fault with an exception worth seeing.</summary>
    public bool CannotFault(IInvocationOperation invocation) =>
        (invocation.TargetMethod is { Name: "Delay", IsStatic: true } delay && SymbolEqualityComparer.Default.Equals(delay.ContainingType, _symbols.Task))
        || (invocation.TargetMethod.Name is not ("FromException" or "FromCanceled") && CompletedTasks.IsKnownComplete(invocation, _symbols));

    /// <summary>True when the started work catches every exception itself: the delegate's or the called method's whole body is a catch-all.</summary>
    public bool IsCovered(IInvocationOperation invocation)
    {
        if (IsTaskStarter(invocation.TargetMethod))
        {
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversions();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target.WalkDownConversions();
                }

                switch (value)
                {
                    case IAnonymousFunctionOperation lambda:
                        return IsLambdaCovered(lambda);
                    case IMethodReferenceOperation reference:
                        return IsMethodCovered(reference.Method, invocation);
                }
            }

            return false;
        }

        return invocation.TargetMethod.IsAsync && IsMethodCovered(invocation.TargetMethod, invocation);
    }

    private bool IsLambdaCovered(IAnonymousFunctionOperation lambda)
    {
        if (CatchAllCoverage.IsCovered(lambda.Body, allowSynchronousPrologue: false, _symbols, cancellationMayEscape: lambda.Symbol.IsAsync))
        {
            return true;
        }

        // Task.Run(() => SafeAsync()): the lambda only hands over a task whose own work is covered.
        return !lambda.Symbol.IsAsync
            && lambda.Body.Operations.Length == 1
            && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
            && FreshTask(returned) is { } inner
            && IsCovered(inner);
    }

    private bool IsMethodCovered(IMethodSymbol method, IOperation use)
    {
        method = method.PartialImplementationPart ?? method;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            foreach (var operation in use.Root().Descendants())
            {
                if (operation is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, method))
                {
                    return (local.Body ?? local.IgnoredBody) is { } body && CatchAllCoverage.IsCovered(body, allowSynchronousPrologue: false, _symbols, cancellationMayEscape: local.Symbol.IsAsync);
                }
            }

            return false;
        }

        var definition = method.OriginalDefinition;
        return _coveredMethods.TryGetValue(definition, out var covered) ? covered : _coveredMethods.GetOrAdd(definition, IsSourceMethodCovered(definition, use));
    }

    private bool IsSourceMethodCovered(IMethodSymbol method, IOperation use)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || use.SemanticModel is null)
        {
            return false;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not BaseMethodDeclarationSyntax)
        {
            return false;
        }

        // The callee's body may live in another file, whose operations this callback was not given; the result is cached per method.
        var model = syntax.SyntaxTree == use.SemanticModel.SyntaxTree ? use.SemanticModel : _symbols.Compilation.GetSemanticModel(syntax.SyntaxTree);
        return model.GetOperation(syntax) is IMethodBodyOperation { BlockBody: { } block } body && body.ExpressionBody is null
            && CatchAllCoverage.IsCovered(block, allowSynchronousPrologue: false, _symbols, cancellationMayEscape: method.IsAsync);
    }
}
