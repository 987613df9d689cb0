using System;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Dual-mode bodies: drivers and I/O libraries write one implementation for synchronous and asynchronous callers, switched by a
/// mode flag: a <c>bool</c> named like <c>async</c>/<c>isAsync</c>/<c>useAsync</c>, or an enum member named
/// <c>Synchronous</c>/<c>Asynchronous</c> (<c>IOBehavior.Synchronous</c>). The synchronous arm runs only for synchronous callers,
/// next to an asynchronous arm that is already there; and a call that passes the synchronous value returns a task that is
/// complete by construction.
/// </summary>
internal static class DualMode
{
    /// <summary>
    /// True when <paramref name="operation"/> sits in the synchronous arm of a mode test (<c>if (async) await A(); else B();</c>,
    /// <c>async ? await A() : B()</c>, <c>if (mode == IOBehavior.Synchronous) { B(); return; }</c>) whose other arm does asynchronous
    /// work (awaits, or starts work whose task it hands on), or which leaves the function early in a function that awaits
    /// elsewhere. Inside a local function, the arm is synchronous when every call of the local function is in one
    /// (<c>mode == IOBehavior.Asynchronous ? ReadAsync() : ReadSyncOverAsync()</c>); a lambda is not followed.
    /// </summary>
    public static bool IsInSynchronousArm(IOperation operation) => IsInSynchronousArm(operation, MaxLocalFunctionDepth);

    // A local function called from the synchronous arm of another local function: as deep as real code goes.
    private const int MaxLocalFunctionDepth = 2;

    private static bool IsInSynchronousArm(IOperation operation, int depth)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation:
                    return false;
                case ILocalFunctionOperation localFunction:
                    return depth > 0 && EveryCallInSynchronousArm(localFunction, depth - 1);
            }

            if (parent is not IConditionalOperation conditional || child == conditional.Condition
                || ModeTest(conditional.Condition) is not { } trueMeansAsync)
            {
                continue;
            }

            var inTrueArm = child == conditional.WhenTrue;
            if (inTrueArm == trueMeansAsync)
            {
                continue; // the asynchronous arm
            }

            var other = inTrueArm ? conditional.WhenFalse : conditional.WhenTrue;
            if (other is not null ? HasAsyncWork(other) : LeavesEarly(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The local function is called at least once, only directly (never as a delegate), and only from synchronous arms.</summary>
    private static bool EveryCallInSynchronousArm(ILocalFunctionOperation localFunction, int depth)
    {
        var called = false;
        foreach (var operation in localFunction.Root().Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, localFunction.Symbol):
                    if (!IsInSynchronousArm(call, depth))
                    {
                        return false;
                    }

                    called = true;
                    break;
                case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, localFunction.Symbol):
                    return false;
            }
        }

        return called;
    }

    /// <summary>
    /// True when the invocation passes the synchronous value to a mode parameter: <c>false</c> to a <c>bool</c> named like
    /// <c>async</c>, or the synchronous member of a mode enum (<c>FlushAsync(async: false)</c>, <c>ReadAsync(IOBehavior.Synchronous, ...)</c>).
    /// </summary>
    public static bool PassesSynchronousMode(IOperation? call)
    {
        if (call?.UnwrapConfigureAwait() is not IInvocationOperation invocation)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue && !parameter.HasExplicitDefaultValue)
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (parameter.Type.SpecialType == SpecialType.System_Boolean && IsModeName(parameter.Name)
                && value.ConstantValue is { HasValue: true, Value: false })
            {
                return true;
            }

            if (parameter.Type.TypeKind == TypeKind.Enum && value is IFieldReferenceOperation { Field: { } field }
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, parameter.Type) && MemberMode(field.Name) == false)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null when the condition is not a mode test; otherwise whether the condition is true in asynchronous mode.</summary>
    private static bool? ModeTest(IOperation condition)
    {
        var value = condition.WalkDownConversions();
        switch (value)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return !ModeTest(not.Operand);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var member = EnumMember(binary.RightOperand) ?? EnumMember(binary.LeftOperand);
                if (member is null || MemberMode(member.Name) is not { } isAsyncMember)
                {
                    return null;
                }

                return binary.OperatorKind == BinaryOperatorKind.Equals ? isAsyncMember : !isAsyncMember;

            default:
                return value.Type?.SpecialType == SpecialType.System_Boolean && ModeVariableName(value) is { } name && IsModeName(name) ? true : null;
        }
    }

    private static IFieldSymbol? EnumMember(IOperation operand) =>
        operand.WalkDownConversions() is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } ? field : null;

    private static string? ModeVariableName(IOperation value) => value switch
    {
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        _ => null,
    };

    /// <summary><c>async</c>, <c>isAsync</c>, <c>useAsync</c>, <c>runAsynchronously</c>, <c>_async</c>: a name that says "asynchronous mode".</summary>
    private static bool IsModeName(string name)
    {
        var trimmed = name.TrimStart('_', '@');
        return trimmed.Equals("async", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith("Async", StringComparison.Ordinal)
            || trimmed.EndsWith("Asynchronous", StringComparison.Ordinal)
            || trimmed.EndsWith("Asynchronously", StringComparison.Ordinal)
            || trimmed.Equals("asynchronous", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for an asynchronous-mode member name, false for a synchronous one, null for anything else.</summary>
    private static bool? MemberMode(string name) => name switch
    {
        "Asynchronous" or "Async" or "Asynchronously" => true,
        "Synchronous" or "Sync" or "Synchronously" or "Blocking" => false,
        _ => null,
    };

    private static bool HasAsyncWork(IOperation arm)
    {
        foreach (var operation in arm.DescendantsInSameFunction())
        {
            switch (operation)
            {
                case IAwaitOperation:
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                case IReturnOperation { ReturnedValue: { Type: { } type } } when type.Name is "Task" or "ValueTask":
                // mode == IOBehavior.Asynchronous ? new ValueTask<int>(ReadAsync(buffer)) : ReadSync(buffer): the arm starts the work
                // whose task the function hands on (DualModeTests.SynchronousArm_IsFound "conditional expression arm").
                case IInvocationOperation { Type.Name: "Task" or "ValueTask", TargetMethod.Name: not ("FromResult" or "FromException" or "FromCanceled") }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A sync arm without an else that ends by leaving the function (<c>{ B(); return; }</c>) in a function that awaits elsewhere.</summary>
    private static bool LeavesEarly(IOperation arm)
    {
        var last = arm is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : arm;
        if (last is not (IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }))
        {
            return false;
        }

        var root = arm.EnclosingFunction() ?? arm.Root();
        foreach (var operation in root.DescendantsInSameFunction())
        {
            if (operation is IAwaitOperation)
            {
                return true;
            }
        }

        return false;
    }
}
