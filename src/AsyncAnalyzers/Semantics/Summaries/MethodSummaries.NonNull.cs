using System.Collections.Concurrent;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about members that are never null once the object is built.</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<ISymbol, bool> _memberNeverNull = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Is this value a readonly field or get-only auto-property of this object (or a static one) that every constructor sets to
    /// a value known not to be null (<c>_manager = new Manager(...)</c> in each constructor, or in the initializer)? Outside the
    /// constructors such a member is never null (NullTaskReturnAnalyzerTests.ConditionalAccessOnMemberAlwaysCreated_NoDiagnostic);
    /// one constructor that leaves it unset or sets it from a parameter is not enough
    /// (NullTaskReturnAnalyzerTests.ConditionalAccessOnMemberNotAlwaysCreated_Reports).
    /// </summary>
    public bool IsMemberNeverNull(IOperation value)
    {
        ISymbol member;
        switch (value.WalkDownConversions())
        {
            case IFieldReferenceOperation { Field: var field } reference when field.IsStatic || reference.Instance is IInstanceReferenceOperation:
                member = field;
                break;
            case IPropertyReferenceOperation { Property: { Parameters.Length: 0 } property } reference when property.IsStatic || reference.Instance is IInstanceReferenceOperation:
                member = property;
                break;
            default:
                return false;
        }

        member = member.OriginalDefinition;
        return _memberNeverNull.TryGetValue(member, out var known) ? known : _memberNeverNull.GetOrAdd(member, EveryValueNonNull(member, value));
    }

    private bool EveryValueNonNull(ISymbol member, IOperation use)
    {
        if (_bodies.ValuesSetByEveryConstructor(member, use) is not { Count: > 0 } values)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (!NonNullValues.IsKnownNonNull(value))
            {
                return false;
            }
        }

        return true;
    }
}
