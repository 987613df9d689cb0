using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

internal enum BlockingKind
{
    None,
    Result,
    Wait,
    GetResult,
    WaitAll,
    WaitAny,
}

/// <summary>Recognizes the operations that block a thread on a task (ASYNC101 in async code, ASYNC104 in sync code).</summary>
internal static class BlockingCalls
{
    /// <summary>Classifies an operation; <paramref name="task"/> is the task (or awaitable) being blocked on, null for WaitAll/WaitAny.</summary>
    public static BlockingKind Classify(IOperation operation, AsyncSymbols symbols, out IOperation? task)
    {
        task = null;
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } property
                when symbols.IsTaskLike(property.Property.ContainingType):
                task = instance;
                return BlockingKind.Result;

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                switch (method.Name)
                {
                    case "Wait" when invocation.Instance is { } instance && symbols.IsTaskLike(method.ContainingType)
                        && !HasZeroTimeout(invocation, symbols):
                        task = instance;
                        return BlockingKind.Wait;
                    case "WaitAll" when method.IsStatic && symbols.IsTask(method.ContainingType) && !HasZeroTimeout(invocation, symbols):
                        return BlockingKind.WaitAll;
                    case "WaitAny" when method.IsStatic && symbols.IsTask(method.ContainingType) && !HasZeroTimeout(invocation, symbols):
                        return BlockingKind.WaitAny;
                    case "GetResult" when method.Parameters.Length == 0
                        && invocation.Instance?.WalkDownConversions() is IInvocationOperation { TargetMethod: { Name: "GetAwaiter", Parameters.Length: 0 }, Instance: { } awaitable }
                        && symbols.IsAwaitable(awaitable.Type):
                        task = awaitable;
                        return BlockingKind.GetResult;
                }

                return BlockingKind.None;

            default:
                return BlockingKind.None;
        }
    }

    /// <summary>
    /// Wait(0), Wait(TimeSpan.Zero), WaitAny(tasks, 0): a poll that returns at once, not a wait
    /// (BlockingWaitAnalyzerTests.WaitWithZeroTimeout_NoDiagnostic, SyncOverAsyncTests.WaitAnyWithZeroTimeout_NoDiagnostic).
    /// </summary>
    public static bool HasZeroTimeout(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (parameter.Type.SpecialType == SpecialType.System_Int32 && value.ConstantValue is { HasValue: true, Value: 0 })
            {
                return true;
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.TimeSpan)
                && value is IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } field }
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.TimeSpan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text users recognize in the message: <c>.Result</c>, <c>.Wait()</c>, ...</summary>
    public static string Describe(BlockingKind kind) => kind switch
    {
        BlockingKind.Result => ".Result",
        BlockingKind.Wait => ".Wait()",
        BlockingKind.GetResult => ".GetAwaiter().GetResult()",
        BlockingKind.WaitAll => "Task.WaitAll",
        BlockingKind.WaitAny => "Task.WaitAny",
        _ => string.Empty,
    };
}
