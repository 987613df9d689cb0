using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Dictionary reads whose key is known to be there, so the read cannot throw <c>KeyNotFoundException</c>: a key taken from the
/// dictionary's own <c>Keys</c>; an element of the sequence the dictionary was built from with itself as the key
/// (<c>tabs.ToDictionary(t => t, ...)</c>, then <c>foreach (var tab in tabs) hints[tab]</c> or <c>tabs.All(t => hints[t] ...)</c>); a read
/// the code guards with <c>ContainsKey</c>; and a static lookup table of the compilation read with an enum key (a missing member is a bug of
/// the table, not a failure in practice).
/// </summary>
internal static class KnownKeys
{
    public static bool IsPresent(IPropertyReferenceOperation indexer)
    {
        if (indexer.Arguments.Length != 1 || indexer.Instance is not { } instance || SymbolOf(instance) is not { } dictionary)
        {
            return false;
        }

        var key = indexer.Arguments[0].Value.WalkDownConversions();
        if (IsStaticLookupTable(dictionary) && key.Type is { TypeKind: TypeKind.Enum })
        {
            return true;
        }

        if (SymbolOf(key) is not { } keySymbol)
        {
            return false;
        }

        return ComesFromKeys(keySymbol, dictionary, indexer) || IsGuardedByContainsKey(indexer, dictionary, keySymbol);
    }

    /// <summary>A local, parameter, field or property the operation reads (fields and properties of this instance or static).</summary>
    private static ISymbol? SymbolOf(IOperation operation) =>
        operation.ReferencedVariable()
        ?? (operation.WalkDownConversions() is IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property
            ? property.Property
            : null);

    private static bool IsStaticLookupTable(ISymbol dictionary) => dictionary switch
    {
        IFieldSymbol { IsStatic: true, IsReadOnly: true } field => field.DeclaringSyntaxReferences.Length > 0,
        IPropertySymbol { IsStatic: true, SetMethod: null } property => property.DeclaringSyntaxReferences.Length > 0,
        _ => false,
    };

    /// <summary>The key is the variable of a <c>foreach</c>, or the parameter of a LINQ lambda, over the dictionary's keys or its source.</summary>
    private static bool ComesFromKeys(ISymbol key, ISymbol dictionary, IOperation use)
    {
        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IForEachLoopOperation loop when key is ILocalSymbol variable && loop.Locals.IndexOf(variable, 0, SymbolEqualityComparer.Default) >= 0:
                    return EnumeratesKeysOf(loop.Collection, dictionary, use);

                case IAnonymousFunctionOperation lambda when key is IParameterSymbol { Ordinal: 0 } parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, lambda.Symbol):
                    return lambda.DelegateUse() is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ContainingType.Name: "Enumerable" } } query }
                        && query.Arguments.Length > 0
                        && EnumeratesKeysOf(query.Arguments[0].Value, dictionary, use);
            }
        }

        return false;
    }

    private static bool EnumeratesKeysOf(IOperation collection, ISymbol dictionary, IOperation use)
    {
        collection = collection.WalkDownConversions();
        if (collection is IPropertyReferenceOperation { Property.Name: "Keys", Instance: { } owner } && SymbolEquals(SymbolOf(owner), dictionary))
        {
            return true;
        }

        // var hints = tabs.ToDictionary(t => t, ...): every element of tabs is a key.
        return SymbolOf(collection) is { } source && dictionary is ILocalSymbol local
            && local.FindSingleInitializer(use)?.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "ToDictionary" or "ToFrozenDictionary" or "ToImmutableDictionary" } build
            && build.Arguments.Length >= 2
            && SymbolEquals(SymbolOf(build.Arguments[0].Value), source)
            && IsIdentity(build.Arguments[1].Value);
    }

    private static bool IsIdentity(IOperation selector)
    {
        selector = selector.WalkDownConversions();
        if (selector is IDelegateCreationOperation creation)
        {
            selector = creation.Target.WalkDownConversions();
        }

        return selector is IAnonymousFunctionOperation { Symbol.Parameters.Length: 1, Body.Operations.Length: 1 } lambda
            && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
            && returned.WalkDownConversions() is IParameterReferenceOperation reference
            && SymbolEqualityComparer.Default.Equals(reference.Parameter, lambda.Symbol.Parameters[0]);
    }

    /// <summary>
    /// <c>if (d.ContainsKey(k)) ... d[k]</c>, <c>d.ContainsKey(k) &amp;&amp; d[k] ...</c>, and <c>if (!d.ContainsKey(k)) return;</c> earlier in
    /// an enclosing block.
    /// </summary>
    private static bool IsGuardedByContainsKey(IOperation use, ISymbol dictionary, ISymbol key)
    {
        for (IOperation child = use, parent = use.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when ReferenceEquals(conditional.WhenTrue, child) && Asserts(conditional.Condition, dictionary, key, present: true):
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when ReferenceEquals(both.RightOperand, child) && Asserts(both.LeftOperand, dictionary, key, present: true):
                    return true;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (ReferenceEquals(statement, child))
                        {
                            break;
                        }

                        if (statement is IConditionalOperation { WhenFalse: null, WhenTrue: var exit } guard && Exits(exit) && Asserts(guard.Condition, dictionary, key, present: false))
                        {
                            return true;
                        }
                    }

                    break;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether the condition, when it holds, says the key is present (or absent, with <paramref name="present"/> false).</summary>
    private static bool Asserts(IOperation condition, ISymbol dictionary, ISymbol key, bool present)
    {
        condition = condition.WalkDownConversions();
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Asserts(not.Operand, dictionary, key, !present);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when present:
                return Asserts(both.LeftOperand, dictionary, key, present) || Asserts(both.RightOperand, dictionary, key, present);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !present:
                return Asserts(either.LeftOperand, dictionary, key, present) || Asserts(either.RightOperand, dictionary, key, present);
            case IInvocationOperation { TargetMethod.Name: "ContainsKey", Instance: { } owner, Arguments.Length: 1 } contains when present:
                return SymbolEquals(SymbolOf(owner), dictionary) && SymbolEquals(SymbolOf(contains.Arguments[0].Value), key);
            default:
                return false;
        }
    }

    private static bool Exits(IOperation statement)
    {
        if (statement is IBlockOperation { Operations.Length: 1 } block)
        {
            statement = block.Operations[0];
        }

        return statement is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }
            or IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break };
    }

    private static bool SymbolEquals(ISymbol? left, ISymbol? right) => left is not null && SymbolEqualityComparer.Default.Equals(left, right);
}
