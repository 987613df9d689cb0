using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// What one call binds its callee's parameters to, where that can change what the callee does: constants (<c>null</c>, <c>true</c>,
/// <c>false</c>, an omitted optional argument) and delegates written at the call (a lambda, a method group). A summary of the
/// callee's body read under these bindings answers for this call only, so it is never cached.
/// </summary>
internal sealed class CallBindings
{
    private readonly IMethodSymbol _callee;
    private readonly IOperation?[] _values;

    private CallBindings(IMethodSymbol callee, IOperation?[] values)
    {
        _callee = callee;
        _values = values;
    }

    /// <summary>The bindings of a call to a method with a body, or null when no argument is a constant or a delegate written in place.</summary>
    public static CallBindings? Of(IInvocationOperation call, IMethodSymbol body)
    {
        IOperation?[]? values = null;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter || parameter.Ordinal >= body.Parameters.Length)
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target.WalkDownConversions();
            }

            if (value.ConstantValue.HasValue || value is IAnonymousFunctionOperation or IMethodReferenceOperation)
            {
                values ??= new IOperation?[body.Parameters.Length];
                values[parameter.Ordinal] = value;
            }
        }

        return values is null ? null : new CallBindings(body.OriginalDefinition, values);
    }

    /// <summary>The value bound to a parameter of the callee, or null.</summary>
    public IOperation? ValueOf(IOperation? reference) =>
        reference?.WalkDownConversions() is IParameterReferenceOperation { Parameter: var parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, _callee) && parameter.Ordinal < _values.Length
            ? _values[parameter.Ordinal]
            : null;

    /// <summary>
    /// The value of a condition under the bindings: <c>p is null</c>, <c>p == null</c>, <c>p != null</c>, <c>p is not null</c>, a
    /// bound bool <c>p</c>, <c>!</c>, <c>&amp;&amp;</c> and <c>||</c> (where one known side settles it); null when it depends on anything else.
    /// </summary>
    public bool? Evaluate(IOperation condition)
    {
        var value = condition.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true, Value: bool constant })
        {
            return constant;
        }

        switch (value)
        {
            case IParameterReferenceOperation when ValueOf(value)?.ConstantValue is { HasValue: true, Value: bool bound }:
                return bound;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not:
                return Evaluate(not.Operand) is { } operand ? !operand : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr, OperatorMethod: null } or:
                {
                    var left = Evaluate(or.LeftOperand);
                    if (left == true)
                    {
                        return true;
                    }

                    var right = Evaluate(or.RightOperand);
                    return right == true ? true : left == false && right == false ? false : null;
                }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd, OperatorMethod: null } and:
                {
                    var left = Evaluate(and.LeftOperand);
                    if (left == false)
                    {
                        return false;
                    }

                    var right = Evaluate(and.RightOperand);
                    return right == false ? false : left == true && right == true ? true : null;
                }

            case IBinaryOperation { OperatorMethod: null } or IIsPatternOperation when value.NullTestedValue(out var trueWhenNull) is { } tested:
                return IsBoundNull(tested) is { } isNull ? isNull == trueWhenNull : null;
            default:
                return null;
        }
    }

    private bool? IsBoundNull(IOperation reference) => ValueOf(reference) switch
    {
        null => null,
        { ConstantValue.HasValue: true } constant => constant.ConstantValue.Value is null,
        _ => false,
    };
}
