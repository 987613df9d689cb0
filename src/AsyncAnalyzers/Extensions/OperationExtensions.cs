using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Extensions;

/// <summary>
/// Walks over the operation tree: up (ancestors, the enclosing function, the outermost conversion), down (descendants within
/// one function) and through <c>ConfigureAwait</c>. Every rule and fact walks through these, never by hand.
/// </summary>
internal static class OperationExtensions
{
    /// <summary>The parent, its parent, ... up to the root; a struct enumerable, so <c>foreach</c> allocates nothing.</summary>
    public static AncestorEnumerable Ancestors(this IOperation operation) => new(operation.Parent, stopAtFunction: false);

    /// <summary>The ancestors up to (not including) the innermost enclosing lambda, anonymous method or local function.</summary>
    public static AncestorEnumerable AncestorsInSameFunction(this IOperation operation) => new(operation.Parent, stopAtFunction: true);

    /// <summary>The nearest ancestor of type <typeparamref name="T"/>, or null.</summary>
    public static T? FirstAncestor<T>(this IOperation operation)
        where T : class, IOperation
    {
        foreach (var ancestor in operation.Ancestors())
        {
            if (ancestor is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The innermost lambda, anonymous method or local function enclosing the operation, or null (a member body).</summary>
    public static IOperation? EnclosingFunction(this IOperation operation)
    {
        foreach (var ancestor in operation.Ancestors())
        {
            if (ancestor is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return ancestor;
            }
        }

        return null;
    }

    /// <summary>
    /// The outermost operation that is only the given one wrapped in conversions and parentheses: its parent is where the value
    /// is used (the mirror of <see cref="WalkDownConversions"/>).
    /// </summary>
    /// <summary>A statement that leaves: <c>return</c>, <c>throw</c>, or a block whose last statement is one.</summary>
    public static bool EndsInReturnOrThrow(this IOperation statement) => statement switch
    {
        IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations: { Length: > 0 } operations } => operations[operations.Length - 1].EndsInReturnOrThrow(),
        _ => false,
    };

    public static IOperation WalkUpConversions(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>Where a lambda's delegate goes: the parent above the delegate creation and conversions (an argument, an assignment...).</summary>
    public static IOperation? DelegateUse(this IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>The operation and its descendants, without entering lambdas, anonymous methods or local functions.</summary>
    public static IEnumerable<IOperation> DescendantsInSameFunction(this IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Strips <c>.ConfigureAwait(...)</c> and conversions from an awaited expression.</summary>
    public static IOperation UnwrapConfigureAwait(this IOperation awaited)
    {
        var current = awaited.WalkDownConversions();
        while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
        {
            current = instance.WalkDownConversions();
        }

        return current;
    }

    /// <summary>
    /// The same, and also a project's own one-argument wrapper of <c>ConfigureAwait</c>: a static method that takes the task alone
    /// and returns <c>ConfiguredTaskAwaitable</c> or <c>ConfiguredValueTaskAwaitable</c> (<c>task.CfAwait()</c>, <c>task.CAF()</c>).
    /// Used where the awaited task's identity decides (the winner of <c>Task.WhenAny</c>), not by Gather, whose footprints of such
    /// awaits stay as they were (BlockingWaitAnalyzerTests.ResultOfWhenAnyWinnerThroughConfigureAwaitWrapper_NoDiagnostic).
    /// </summary>
    public static IOperation UnwrapConfigureAwaitAndWrappers(this IOperation awaited)
    {
        var current = awaited.UnwrapConfigureAwait();
        while (current is IInvocationOperation { Instance: null, TargetMethod.IsStatic: true, Arguments.Length: 1, Type: INamedTypeSymbol { Name: "ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable" } configured } wrapper
            && configured.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices")
        {
            current = wrapper.Arguments[0].Value.UnwrapConfigureAwait();
        }

        return current;
    }

    /// <summary>
    /// <c>task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing)</c> (with other options or not): an await of it completes
    /// without throwing, whatever the task ended in.
    /// </summary>
    public static bool SuppressesThrowing(this IOperation awaited) =>
        awaited.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Arguments.Length: 1 } configure
        && configure.Arguments[0] is { Parameter.Type.Name: "ConfigureAwaitOptions", Value: var options }
        && options.WalkDownConversions().ConstantValue is { HasValue: true, Value: int flags } && (flags & SuppressThrowingFlag) != 0;

    private const int SuppressThrowingFlag = 2;

    /// <summary>Strips implicit and explicit conversions and parentheses.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>
    /// What a receiver stands for: for the instance of a conditional access (<c>OnChanged?.Invoke()</c>), the expression tested for
    /// null (<c>OnChanged</c>), after conversions; otherwise the receiver itself, after conversions.
    /// </summary>
    public static IOperation ThroughConditionalAccess(this IOperation receiver)
    {
        receiver = receiver.WalkDownConversions();
        if (receiver is IConditionalAccessInstanceOperation && receiver.FirstAncestor<IConditionalAccessOperation>() is { } access)
        {
            return access.Operation.WalkDownConversions();
        }

        return receiver;
    }

    /// <summary>The local or parameter an operation reads, after conversions; null for anything else.</summary>
    public static ISymbol? ReferencedLocalOrParameter(this IOperation? operation) => operation?.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>
    /// The local, parameter, or field (static, or read through <c>this</c>) an operation reads, after conversions; null for anything else.
    /// </summary>
    public static ISymbol? ReferencedVariable(this IOperation? operation) => operation?.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        _ => null,
    };

    /// <summary>
    /// The value a null test reads (<c>x == null</c>, <c>null != x</c>, <c>x is null</c>, <c>x is not null</c>, null also written
    /// <c>default</c>), not walked through conversions; null for any other operation. <paramref name="trueWhenNull"/> says which
    /// way the test goes. Every fact that reads a null test reads it here.
    /// </summary>
    public static IOperation? NullTestedValue(this IOperation test, out bool trueWhenNull)
    {
        switch (test.WalkDownConversions())
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                trueWhenNull = comparison.OperatorKind == BinaryOperatorKind.Equals;
                return IsNull(comparison.RightOperand) ? comparison.LeftOperand
                    : IsNull(comparison.LeftOperand) ? comparison.RightOperand
                    : null;
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } pattern when IsNull(constant):
                trueWhenNull = true;
                return pattern.Value;
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } } pattern when IsNull(constant):
                trueWhenNull = false;
                return pattern.Value;
            default:
                trueWhenNull = false;
                return null;
        }
    }

    /// <summary>Is this the null literal, or <c>default</c> of a reference or nullable type, after conversions?</summary>
    public static bool IsNull(this IOperation operation) => operation.WalkDownConversions() switch
    {
        { ConstantValue: { HasValue: true, Value: null } } => true,
        IDefaultValueOperation { Type: var type } => type is null || !type.IsValueType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T,
        _ => false,
    };

    /// <summary>The outermost operation of the tree (method body, field initializer, ...).</summary>
    public static IOperation Root(this IOperation operation)
    {
        var current = operation;
        foreach (var ancestor in operation.Ancestors())
        {
            current = ancestor;
        }

        return current;
    }

    /// <summary>The declarator's initializer of a local that is never written afterwards; null otherwise.</summary>
    public static IOperation? FindSingleInitializer(this ILocalSymbol local, IOperation anywhere) =>
        local.DeclarationOf(anywhere, out var written) is IVariableDeclaratorOperation declarator && !written ? declarator.Initializer?.Value : null;

    /// <summary>
    /// Every value a local is given, in one walk of the function around <paramref name="anywhere"/>: its declarator's initializer
    /// and the value of each plain assignment to it; null when it is written another way (a compound assignment, a <c>ref</c> or
    /// <c>out</c> argument, a deconstruction, an increment) or is declared without a declarator (a pattern, a <c>foreach</c>).
    /// </summary>
    public static IReadOnlyList<IOperation>? EveryValueOf(this ILocalSymbol local, IOperation anywhere)
    {
        var values = new List<IOperation>();
        foreach (var operation in anywhere.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.Parent is IForEachLoopOperation)
                    {
                        return null;
                    }

                    if (declarator.Initializer?.Value is { } initial)
                    {
                        values.Add(initial);
                    }

                    break;
                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                    return null;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference.IsWrite():
                    if (reference.Parent is not ISimpleAssignmentOperation { IsRef: false } assignment || assignment.Target != reference)
                    {
                        return null;
                    }

                    values.Add(assignment.Value);
                    break;
            }
        }

        return values;
    }

    /// <summary>
    /// The operation that declares a local, in one walk of the function around <paramref name="anywhere"/>: its declarator
    /// (<c>var x = ...</c>), the declaration pattern (<c>o is Handler h</c>), or the <c>foreach</c> loop whose variable it is; null
    /// when it is declared another way (<c>out var</c>). <paramref name="written"/>: some reference writes it (an assignment, a
    /// <c>ref</c> or <c>out</c> argument, a deconstruction).
    /// </summary>
    public static IOperation? DeclarationOf(this ILocalSymbol local, IOperation anywhere, out bool written)
    {
        IOperation? declaration = null;
        written = false;
        foreach (var operation in anywhere.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    declaration = declarator.Parent is IForEachLoopOperation loop ? loop : declarator;
                    break;
                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                    declaration = pattern;
                    break;
                case ILocalReferenceOperation reference when !written && SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference.IsWrite():
                    written = true;
                    break;
            }
        }

        return declaration;
    }

    /// <summary>True when this local or parameter reference is written (assignment target, ref/out argument, deconstruction).</summary>
    public static bool IsWrite(this IOperation reference)
    {
        var current = reference;
        var parent = current.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation or ITupleOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == current,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            IDeclarationExpressionOperation => true,
            _ => false,
        };
    }
}

/// <summary>The ancestors of an operation, enumerated without allocation.</summary>
internal readonly struct AncestorEnumerable
{
    private readonly IOperation? _first;
    private readonly bool _stopAtFunction;

    public AncestorEnumerable(IOperation? first, bool stopAtFunction)
    {
        _first = first;
        _stopAtFunction = stopAtFunction;
    }

    public Enumerator GetEnumerator() => new(_first, _stopAtFunction);

    public struct Enumerator
    {
        private readonly bool _stopAtFunction;
        private IOperation? _next;

        public Enumerator(IOperation? first, bool stopAtFunction)
        {
            _next = first;
            _stopAtFunction = stopAtFunction;
            Current = null!;
        }

        public IOperation Current { get; private set; }

        public bool MoveNext()
        {
            if (_next is null || (_stopAtFunction && _next is IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                return false;
            }

            Current = _next;
            _next = _next.Parent;
            return true;
        }
    }
}
