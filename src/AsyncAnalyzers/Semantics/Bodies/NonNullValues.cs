using System.Linq;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Bodies;

/// <summary>
/// Values that cannot be null where they are used: an object or array creation (<c>new Manager(...)</c>), <c>this</c>, a string
/// literal, <c>x ?? throw ...</c> or <c>x ?? new ...</c>, the variable of the enclosing catch clause (<c>catch (Exception ex)</c>, the caught exception, never null) or a local
/// initialized with one of these, either never written again.
/// </summary>
internal static class NonNullValues
{
    // A local copied from a local copied from a creation is as deep as real code goes.
    private const int MaxDepth = 3;

    public static bool IsKnownNonNull(IOperation? value) => IsKnownNonNull(value, MaxDepth);

    private static bool IsKnownNonNull(IOperation? operation, int depth)
    {
        if (operation is null || depth == 0)
        {
            return false;
        }

        var value = operation.WalkDownConversions();
        switch (value)
        {
            case IObjectCreationOperation:
            case IArrayCreationOperation:
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string } }:
                return true;
            case ICoalesceOperation coalesce:
                // manager ?? throw new ArgumentNullException(...), options ?? new Options()
                return coalesce.WhenNull.WalkDownConversions() is IThrowOperation || IsKnownNonNull(coalesce.WhenNull, depth - 1);
            case ILocalReferenceOperation { Local: var local }:
                return IsUnwrittenCatchVariable(local, value) || (local.FindSingleInitializer(value) is { } initializer && IsKnownNonNull(initializer, depth - 1));
            default:
                return false;
        }
    }

    /// <summary><c>catch (Exception ex)</c> where <c>ex</c> is read here, inside that catch, and never assigned.</summary>
    private static bool IsUnwrittenCatchVariable(ILocalSymbol local, IOperation use)
    {
        var insideItsCatch = false;
        foreach (var ancestor in use.Ancestors())
        {
            if (ancestor is ICatchClauseOperation catchClause && catchClause.Locals.Contains(local, SymbolEqualityComparer.Default))
            {
                insideItsCatch = true;
                break;
            }
        }

        if (!insideItsCatch)
        {
            return false;
        }

        foreach (var operation in use.Root().Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference.IsWrite())
            {
                return false;
            }
        }

        return true;
    }
}
