using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// The observing fire-and-forget helper: <c>async void Forget(this Task task) { try { await task; } catch (Exception ex) { Log(ex); } }</c>.
/// Its callers drop it on purpose (that is what it is for) and it sees every fault of the task it is given, so its <c>void</c>
/// is the design, not a slip: returning <c>Task</c> would hand callers a task to drop again (ASYNC202).
/// </summary>
internal static class ForgetHelpers
{
    /// <summary>
    /// The method awaits one of its own task parameters (<c>await task</c>, <c>await task.ConfigureAwait(false)</c>), and every
    /// await of the body, with every statement that can run after one, sits inside a catch-all try: nothing can escape it.
    /// </summary>
    public static bool ObservesGivenTask(IMethodSymbol method, IBlockOperation body, AsyncSymbols symbols)
    {
        var awaitsParameter = false;
        foreach (var operation in body.Descendants())
        {
            if (operation is IAwaitOperation awaited
                && awaited.Operation.UnwrapConfigureAwait().WalkDownConversions() is IParameterReferenceOperation { Parameter: var parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                && symbols.IsTaskLike(parameter.Type))
            {
                awaitsParameter = true;
                break;
            }
        }

        return awaitsParameter && CatchAllCoverage.IsCovered(body, allowSynchronousPrologue: false, symbols);
    }
}
