using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Facts about the work behind a task-producing expression: what was started (<c>FooAsync()</c>, <c>Task.Run(...)</c>), and
/// whether it is work that cannot fault. Whether the started work catches everything itself needs its body: that is a summary
/// (<c>MethodSummaries.CatchesEverything</c>).
/// </summary>
internal sealed class StartedWork
{
    private readonly AsyncSymbols _symbols;

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

        current = current.UnwrapConfigureAwait();
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

    /// <summary><c>OnlyOnFaulted</c>, or a continuation that reads its antecedent parameter at all.</summary>
    public static bool ContinuationObservesAntecedent(IInvocationOperation continueWith)
    {
        foreach (var argument in continueWith.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: int options } && argument.Parameter?.Type.TypeKind == TypeKind.Enum
                && ContinuationOptions.Has(options, ContinuationOptions.OnlyOnFaulted))
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
}
