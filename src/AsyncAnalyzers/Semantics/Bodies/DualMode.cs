using System;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Dual-mode bodies: drivers and I/O libraries write one implementation for synchronous and asynchronous callers, switched by a
/// mode flag: a <c>bool</c> named like <c>async</c>/<c>isAsync</c>/<c>useAsync</c> (or, the other way round,
/// <c>sync</c>/<c>forceSynchronous</c>), or an enum member named <c>Synchronous</c>/<c>Asynchronous</c>
/// (<c>IOBehavior.Synchronous</c>). The synchronous arm runs only for synchronous callers, next to an asynchronous arm that is
/// already there; and a call that passes the synchronous value returns a task that is complete by construction.
/// </summary>
internal static class DualMode
{
    /// <summary>
    /// True when <paramref name="operation"/> sits in the synchronous arm of a mode test whose other arm awaits, or which leaves
    /// the function early in a function that awaits elsewhere: <c>if (async) await A(); else B();</c>,
    /// <c>async ? await A() : B()</c>, <c>if (mode == IOBehavior.Synchronous) { B(); return; }</c>,
    /// <c>if (mode is IOBehavior.Synchronous &amp;&amp; ...) B(); else await A();</c>, a <c>switch</c> section or switch-expression arm
    /// labelled with the synchronous member (or the default one, when every labelled section is asynchronous), and the statements
    /// after <c>if (async) { await A(); return; }</c>, which only synchronous callers reach. The other arm's asynchronous work is
    /// an await or work started whose task it hands on. Inside a local function, the arm is synchronous when every call of the
    /// local function is in one (<c>mode == IOBehavior.Asynchronous ? ReadAsync() : ReadSyncOverAsync()</c>); a lambda is not followed.
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

                case IConditionalOperation conditional when child != conditional.Condition:
                    {
                        var inTrueArm = child == conditional.WhenTrue;
                        if (ImpliedMode(conditional.Condition, outcome: inTrueArm) != false)
                        {
                            continue; // the asynchronous arm, or not a mode test
                        }

                        var other = inTrueArm ? conditional.WhenFalse : conditional.WhenTrue;
                        if (other is not null ? HasAsyncWork(other) : LeavesEarly(child))
                        {
                            return true;
                        }

                        break;
                    }

                case IBlockOperation block when FollowsAsynchronousExit(block, child):
                    return true;

                case ISwitchCaseOperation section when section.Parent is ISwitchOperation switchStatement && !IsClause(child, section):
                    if (SectionMode(switchStatement, section) == false && OtherSectionsHaveAsyncWork(switchStatement, section))
                    {
                        return true;
                    }

                    break;

                case ISwitchExpressionArmOperation arm when child == arm.Value && arm.Parent is ISwitchExpressionOperation switchExpression:
                    if (ArmMode(switchExpression, arm) == false && OtherArmsHaveAsyncWork(switchExpression, arm))
                    {
                        return true;
                    }

                    break;
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
            if (parameter.Type.SpecialType == SpecialType.System_Boolean && NameMode(parameter.Name) is { } modeWhenTrue
                && value.ConstantValue is { HasValue: true, Value: bool flag } && (flag ? modeWhenTrue : !modeWhenTrue) == false)
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

    /// <summary>
    /// The mode a condition implies when it evaluates to <paramref name="outcome"/>: true for asynchronous, false for
    /// synchronous, null when it says nothing about the mode.
    /// </summary>
    private static bool? ImpliedMode(IOperation condition, bool outcome)
    {
        var value = condition.WalkDownConversions();
        switch (value)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return ImpliedMode(not.Operand, !outcome);

            // a && b is true when both hold, false when either fails; a || b the other way round.
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return outcome
                    ? ImpliedMode(and.LeftOperand, true) ?? ImpliedMode(and.RightOperand, true)
                    : Agree(ImpliedMode(and.LeftOperand, false), ImpliedMode(and.RightOperand, false));

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                return outcome
                    ? Agree(ImpliedMode(or.LeftOperand, true), ImpliedMode(or.RightOperand, true))
                    : ImpliedMode(or.LeftOperand, false) ?? ImpliedMode(or.RightOperand, false);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return EqualityMode(binary.LeftOperand, binary.RightOperand, equal: (binary.OperatorKind == BinaryOperatorKind.Equals) == outcome);

            case IIsPatternOperation isPattern:
                return PatternMode(isPattern.Value, isPattern.Pattern, outcome);

            default:
                return VariableMode(value) is { } modeWhenTrue ? (outcome ? modeWhenTrue : !modeWhenTrue) : null;
        }
    }

    private static bool? Agree(bool? left, bool? right) => left == right ? left : null;

    /// <summary>The mode implied by <c>left == right</c> (or, with <paramref name="equal"/> false, <c>left != right</c>).</summary>
    private static bool? EqualityMode(IOperation left, IOperation right, bool equal)
    {
        // mode == IOBehavior.Asynchronous; the enums are two-valued, so != names the other mode.
        if ((EnumMember(right) ?? EnumMember(left)) is { } member)
        {
            return MemberMode(member.Name) is { } memberMode ? (equal ? memberMode : !memberMode) : null;
        }

        // isAsync == false, forceSync != true
        var (constant, variable) = right.ConstantValue is { HasValue: true, Value: bool } ? (right, left) : (left, right);
        if (constant.ConstantValue is { HasValue: true, Value: bool flag } && VariableMode(variable.WalkDownConversions()) is { } modeWhenTrue)
        {
            var variableValue = equal ? flag : !flag;
            return variableValue ? modeWhenTrue : !modeWhenTrue;
        }

        return null;
    }

    /// <summary><c>mode is IOBehavior.Synchronous</c>, <c>isAsync is false</c>, <c>mode is not IOBehavior.Asynchronous</c>.</summary>
    private static bool? PatternMode(IOperation value, IPatternOperation pattern, bool outcome) => pattern switch
    {
        IConstantPatternOperation constant => EqualityMode(value, constant.Value, equal: outcome),
        INegatedPatternOperation negated => PatternMode(value, negated.Pattern, !outcome),
        _ => null,
    };

    /// <summary>The mode of a switch section: its labels' mode when they agree; for the default section, the opposite of every other section's.</summary>
    private static bool? SectionMode(ISwitchOperation switchStatement, ISwitchCaseOperation section)
    {
        bool? mode = null;
        var isDefault = false;
        foreach (var clause in section.Clauses)
        {
            bool? clauseMode = clause switch
            {
                ISingleValueCaseClauseOperation single => EqualityMode(switchStatement.Value, single.Value, equal: true),
                IPatternCaseClauseOperation { Guard: null, Pattern: var pattern } => PatternMode(switchStatement.Value, pattern, outcome: true),
                IDefaultCaseClauseOperation => null,
                _ => null,
            };

            if (clause is IDefaultCaseClauseOperation)
            {
                isDefault = true;
                continue;
            }

            if (clauseMode is null || (mode is { } known && known != clauseMode))
            {
                return null;
            }

            mode = clauseMode;
        }

        if (!isDefault)
        {
            return mode;
        }

        // default: the mode no labelled section has, when every labelled section has the same one.
        bool? others = null;
        foreach (var other in switchStatement.Cases)
        {
            if (other == section)
            {
                continue;
            }

            // A second default section is broken code; never recurse into one.
            if (!IsLabelled(other) || SectionMode(switchStatement, other) is not { } otherMode || (others is { } known && known != otherMode))
            {
                return null;
            }

            others = otherMode;
        }

        return mode is null && others is { } labelled ? !labelled : null;
    }

    private static bool? ArmMode(ISwitchExpressionOperation switchExpression, ISwitchExpressionArmOperation arm)
    {
        if (arm.Guard is not null)
        {
            return null;
        }

        if (arm.Pattern is not IDiscardPatternOperation)
        {
            return PatternMode(switchExpression.Value, arm.Pattern, outcome: true);
        }

        bool? others = null;
        foreach (var other in switchExpression.Arms)
        {
            if (other == arm)
            {
                continue;
            }

            if (other.Pattern is IDiscardPatternOperation || ArmMode(switchExpression, other) is not { } otherMode || (others is { } known && known != otherMode))
            {
                return null;
            }

            others = otherMode;
        }

        return others is { } labelled ? !labelled : null;
    }

    /// <summary>
    /// True when an earlier statement of the block is <c>if (async) { ...await...; return; }</c>: asynchronous callers leave there,
    /// so <paramref name="statement"/> runs only in synchronous mode.
    /// </summary>
    private static bool FollowsAsynchronousExit(IBlockOperation block, IOperation statement)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation { WhenFalse: null, WhenTrue: var whenTrue } conditional
                && ImpliedMode(conditional.Condition, outcome: true) == true
                && EndsByLeaving(whenTrue)
                && HasAsyncWork(whenTrue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The arm's last statement leaves the block: return, throw, or continue/break out of the enclosing loop.</summary>
    private static bool EndsByLeaving(IOperation arm)
    {
        var last = arm is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : arm;
        return last is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }
            or IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break };
    }

    private static bool IsLabelled(ISwitchCaseOperation section)
    {
        foreach (var clause in section.Clauses)
        {
            if (clause is IDefaultCaseClauseOperation)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsClause(IOperation child, ISwitchCaseOperation section)
    {
        foreach (var clause in section.Clauses)
        {
            if (clause == child)
            {
                return true;
            }
        }

        return false;
    }

    private static bool OtherSectionsHaveAsyncWork(ISwitchOperation switchStatement, ISwitchCaseOperation section)
    {
        foreach (var other in switchStatement.Cases)
        {
            if (other == section)
            {
                continue;
            }

            foreach (var statement in other.Body)
            {
                if (HasAsyncWork(statement))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool OtherArmsHaveAsyncWork(ISwitchExpressionOperation switchExpression, ISwitchExpressionArmOperation arm)
    {
        foreach (var other in switchExpression.Arms)
        {
            if (other != arm && HasAsyncWork(other.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the function takes a mode flag (a <c>bool</c> named for a mode, or an enum with a Synchronous/Asynchronous
    /// member): its common code runs for synchronous callers too.
    /// </summary>
    public static bool TakesMode(IMethodSymbol? function)
    {
        if (function is null)
        {
            return false;
        }

        foreach (var parameter in function.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Boolean ? NameMode(parameter.Name) is not null : IsModeEnum(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsModeEnum(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Enum)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol && MemberMode(member.Name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static IFieldSymbol? EnumMember(IOperation operand) =>
        operand.WalkDownConversions() is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } ? field : null;

    /// <summary>The mode a <c>bool</c> variable, field or property stands for when it is true, judged by its name; null for other values.</summary>
    private static bool? VariableMode(IOperation value)
    {
        if (value.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return null;
        }

        var name = value switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            ILocalReferenceOperation local => local.Local.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            _ => null,
        };

        return name is null ? null : NameMode(name);
    }

    /// <summary>
    /// True for a name that says "asynchronous mode" (<c>async</c>, <c>isAsync</c>, <c>useAsync</c>, <c>runAsynchronously</c>,
    /// <c>_async</c>), false for one that says "synchronous mode" (<c>sync</c>, <c>isSync</c>, <c>ForceSynchronous</c>,
    /// <c>runSynchronously</c>), null for anything else. Case matters at the suffix: <c>isAsync</c> does not end in <c>Sync</c>.
    /// </summary>
    private static bool? NameMode(string name)
    {
        var trimmed = name.TrimStart('_', '@');
        if (trimmed.Equals("async", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("asynchronous", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith("Async", StringComparison.Ordinal)
            || trimmed.EndsWith("Asynchronous", StringComparison.Ordinal)
            || trimmed.EndsWith("Asynchronously", StringComparison.Ordinal))
        {
            return true;
        }

        if (trimmed.Equals("sync", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("synchronous", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("synchronously", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith("Sync", StringComparison.Ordinal)
            || trimmed.EndsWith("Synchronous", StringComparison.Ordinal)
            || trimmed.EndsWith("Synchronously", StringComparison.Ordinal))
        {
            return false;
        }

        return null;
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
                // whose task the function hands on (DualModeCallerTests.SynchronousArm_IsFound "conditional expression arm").
                case IInvocationOperation { Type.Name: "Task" or "ValueTask", TargetMethod.Name: not ("FromResult" or "FromException" or "FromCanceled") }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A sync arm without an else that ends by leaving the function (<c>{ B(); return; }</c>) in a function that awaits elsewhere.</summary>
    private static bool LeavesEarly(IOperation arm)
    {
        if (!EndsByLeaving(arm))
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
