using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Extensions;

internal static class OperationExtensions
{
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

    /// <summary>The outermost operation of the tree (method body, field initializer, ...).</summary>
    public static IOperation Root(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The declarator's initializer of a local that is never written afterwards; null otherwise.</summary>
    public static IOperation? FindSingleInitializer(this ILocalSymbol local, IOperation anywhere)
    {
        IOperation? initializer = null;
        foreach (var operation in anywhere.Root().Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                initializer = declarator.Initializer?.Value;
            }
            else if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference.IsWrite())
            {
                return null;
            }
        }

        return initializer;
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
