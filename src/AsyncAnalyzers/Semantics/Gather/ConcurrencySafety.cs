using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>
/// Which types may be used by two operations at once. Three answers: known safe (calls on one instance may overlap:
/// <c>HttpClient</c>), known unsafe (never gathered, because instances are commonly shared and their operations are ordered:
/// streams, readers and writers, connections, commands, transactions, semaphores, channels, a <c>DbContext</c>), and
/// unknown (calls on one instance conflict, calls on different instances do not). Evidence in this order: the unsafe lists
/// win, then the safe lists, then the source implementations of the type: one whose every implementation holds only safe
/// state in read-only fields (safe clients, loggers, options, immutable values, other safe services) is safe, one whose
/// implementation holds an unsafe resource (a <c>DbContext</c>, a connection, a stream) is unsafe. Built once per compilation;
/// the .editorconfig lists extend both sets.
/// </summary>
internal sealed class ConcurrencySafety
{
    private readonly ImmutableArray<INamedTypeSymbol> _safe;
    private readonly ImmutableArray<INamedTypeSymbol> _unsafe;
    private readonly SymbolNameList _userSafe;
    private readonly SymbolNameList _userUnsafe;
    private readonly Evidence _evidence;
    private readonly IAssemblySymbol? _ownAssembly;

    private ConcurrencySafety(ImmutableArray<INamedTypeSymbol> safe, ImmutableArray<INamedTypeSymbol> @unsafe, SymbolNameList userSafe, SymbolNameList userUnsafe, Evidence evidence, bool assumeSafe, IAssemblySymbol? ownAssembly)
    {
        _ownAssembly = ownAssembly;
        _safe = safe;
        _unsafe = @unsafe;
        _userSafe = userSafe;
        _userUnsafe = userUnsafe;
        _evidence = evidence;
        AssumeSafe = assumeSafe;
    }

    /// <summary>
    /// The built-in lists for the compilation (types the compilation does not reference are skipped), and the source types under
    /// a type (its implementations and subclasses), for evidence from implementations.
    /// </summary>
    public static ConcurrencySafety Create(AsyncSymbols symbols, Func<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>>? typesUnder = null) =>
        new(
            KnownTypeNames.Resolve(symbols, KnownTypeNames.ConcurrencySafe),
            KnownTypeNames.Resolve(symbols, KnownTypeNames.ConcurrencyUnsafe),
            SymbolNameList.Empty,
            SymbolNameList.Empty,
            new Evidence(typesUnder, KnownTypeNames.Resolve(symbols, KnownTypeNames.SafeState), KnownTypeNames.Resolve(symbols, KnownTypeNames.ValueLike)),
            assumeSafe: false,
            symbols.Compilation.Assembly);

    /// <summary>The same lists extended with the user's <c>T:</c> entries (parsing is cached per option text).</summary>
    public ConcurrencySafety WithUserLists(SymbolNameList userSafe, SymbolNameList userUnsafe) =>
        userSafe.IsEmpty && userUnsafe.IsEmpty ? this : new(_safe, _unsafe, userSafe, userUnsafe, _evidence, AssumeSafe, _ownAssembly);

    /// <summary>The same, assuming (or not) that a receiver without evidence allows concurrent reads (<c>unknown_receivers</c>).</summary>
    public ConcurrencySafety WithAssumption(bool assumeSafe) =>
        assumeSafe == AssumeSafe ? this : new(_safe, _unsafe, _userSafe, _userUnsafe, _evidence, assumeSafe, _ownAssembly);

    /// <summary>True when several reads through one receiver without evidence are gathered, under an assumption the message names.</summary>
    public bool AssumeSafe { get; }

    /// <summary>Safe for overlapping calls on one instance, by the lists or by its implementations. Unsafe evidence wins.</summary>
    public bool IsSafe(ITypeSymbol? type) =>
        type is not null && !IsUnsafe(type) && (IsListedSafe(type) || _evidence.Classify(type, this) == Verdict.Safe);

    /// <summary>Unsafe: instances are shared and ordered (by the lists, or an implementation holds such a resource), so operations touching them are never gathered.</summary>
    public bool IsUnsafe(ITypeSymbol? type) =>
        type is not null && (IsListedUnsafeType(type) || (!IsListedSafe(type) && _evidence.Classify(type, this) == Verdict.Unsafe));

    /// <summary>
    /// False when the <c>unknown_receivers = assume_safe</c> assumption would be a guess against the evidence: an implementation
    /// of the type in the compilation keeps mutable state (an instance field declared without <c>readonly</c>: a connection opened
    /// on first use, a counter), or a field whose type did not resolve (broken code: its type may be a connection).
    /// Such a receiver stays unknown and is called in order.
    /// </summary>
    public bool MayAssumeSafe(ITypeSymbol? type) => type is not null && !_evidence.HasMutableState(type);

    private bool IsListedSafe(ITypeSymbol type) => Matches(type, _safe) || _userSafe.ContainsType(type);

    /// <summary>Unsafe by the lists alone: for every step of an access path (<c>this</c> holding a <c>DbContext</c> does not make its other fields unsafe).</summary>
    public bool IsListedUnsafe(ITypeSymbol? type) => type is not null && IsListedUnsafeType(type);

    private bool IsListedUnsafeType(ITypeSymbol type) => Matches(type, _unsafe) || _userUnsafe.ContainsType(type) || IsSequentialReaderOrWriter(type);

    /// <summary>
    /// A library's reader or writer (<c>GridReader</c> of Dapper's multi-result queries, <c>PipeReader</c>, a protocol's
    /// <c>FrameWriter</c>): such a type consumes or produces one sequence, in the order of its calls, whatever list it is missing
    /// from (IndependentAwaitsAnalyzerTests.ReadsOfOneMultiResultReader_NoDiagnostic, ReadsOfOneLibraryServiceNotNamedReader_ReportsTheAssumption).
    /// </summary>
    private bool IsSequentialReaderOrWriter(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (!SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _ownAssembly)
                && (current.Name.EndsWith("Reader", StringComparison.Ordinal) || current.Name.EndsWith("Writer", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private enum Verdict
    {
        Unknown,
        Safe,
        Unsafe,
    }

    /// <summary>What the source implementations of a type say, cached per type for the compilation (the built-in lists only).</summary>
    private sealed class Evidence
    {
        private const int MaxDepth = 3;

        private readonly ConcurrentDictionary<ITypeSymbol, Verdict> _verdicts = new(SymbolEqualityComparer.Default);
        private readonly Func<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>>? _typesUnder;
        private readonly ImmutableArray<INamedTypeSymbol> _safeState;
        private readonly ImmutableArray<INamedTypeSymbol> _valueLike;

        public Evidence(Func<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>>? typesUnder, ImmutableArray<INamedTypeSymbol> safeState, ImmutableArray<INamedTypeSymbol> valueLike)
        {
            _typesUnder = typesUnder;
            _safeState = safeState;
            _valueLike = valueLike;
        }

        private readonly ConcurrentDictionary<ITypeSymbol, bool> _mutable = new(SymbolEqualityComparer.Default);

        /// <summary>An implementation in the compilation holds a mutable or unresolved instance field (see <see cref="MayAssumeSafe"/>).</summary>
        public bool HasMutableState(ITypeSymbol type)
        {
            if (_typesUnder is null || type is not INamedTypeSymbol named)
            {
                return false;
            }

            if (_mutable.TryGetValue(named.OriginalDefinition, out var known))
            {
                return known;
            }

            var mutable = false;
            if (named.TypeKind is TypeKind.Class or TypeKind.Struct && !named.DeclaringSyntaxReferences.IsEmpty)
            {
                mutable = HoldsMutableField(named);
            }

            if (!mutable)
            {
                foreach (var subtype in _typesUnder(named.OriginalDefinition))
                {
                    if (HoldsMutableField(subtype))
                    {
                        mutable = true;
                        break;
                    }
                }
            }

            return _mutable.GetOrAdd(named.OriginalDefinition, mutable);
        }

        private static bool HoldsMutableField(INamedTypeSymbol implementation)
        {
            // A connection opened on first use and kept in a field, a counter (IndependentAwaitsAnalyzerTests.ServiceCachingItsConnection_NoDiagnostic,
            // IndependentLoopAwaitsAnalyzerTests.ReadPerItemFromServiceWithMutableState_NoDiagnostic);
            // a field whose type did not resolve may be one (ServiceWithUnresolvedField_NoDiagnostic).
            for (var type = implementation; type is not null && !type.DeclaringSyntaxReferences.IsEmpty; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    // Properties with setters (`{ get; private set; }` set by the constructor) are configuration more often than
                    // state: only fields written by hand count (IndependentAwaitsAnalyzerTests.ServiceWithPrivateSetProperties_ReportsTheAssumption).
                    if (member is IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field
                        && (field.Type.TypeKind == TypeKind.Error || !field.IsReadOnly))
                    {
                        return true;
                    }
                }

                foreach (var parameter in PrimaryConstructorParameters(type))
                {
                    if (parameter.Type.TypeKind == TypeKind.Error)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public Verdict Classify(ITypeSymbol type, ConcurrencySafety lists) => Classify(type, lists, 0, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

        private Verdict Classify(ITypeSymbol type, ConcurrencySafety lists, int depth, HashSet<ITypeSymbol> visiting)
        {
            // A static class has no instance state to judge: what it touches is global (a UI's tabs, a service locator)
            // (IndependentLoopAwaitsAnalyzerTests.StaticHelperPerItem_NoDiagnostic).
            if (_typesUnder is null || type is not INamedTypeSymbol named || named.IsStatic
                || (named.DeclaringSyntaxReferences.IsEmpty && named.TypeKind != TypeKind.Interface))
            {
                return Verdict.Unknown;
            }

            if (_verdicts.TryGetValue(named.OriginalDefinition, out var known))
            {
                return known;
            }

            if (depth > MaxDepth || !visiting.Add(named.OriginalDefinition))
            {
                // A cut answer is not cached, so no verdict depends on the order of questions.
                return Verdict.Unknown;
            }

            var implementations = new List<INamedTypeSymbol>();
            if (named.TypeKind is TypeKind.Class or TypeKind.Struct && !named.IsAbstract && !named.DeclaringSyntaxReferences.IsEmpty)
            {
                implementations.Add(named);
            }

            foreach (var subtype in _typesUnder(named.OriginalDefinition))
            {
                if (!subtype.IsAbstract)
                {
                    implementations.Add(subtype);
                }
            }

            var verdict = implementations.Count == 0 ? Verdict.Unknown : Verdict.Safe;
            foreach (var implementation in implementations)
            {
                var fields = FieldsVerdict(implementation, lists, depth, visiting);
                if (fields == Verdict.Unsafe)
                {
                    verdict = Verdict.Unsafe;
                    break;
                }

                if (fields == Verdict.Unknown)
                {
                    verdict = Verdict.Unknown;
                }
            }

            visiting.Remove(named.OriginalDefinition);
            return _verdicts.GetOrAdd(named.OriginalDefinition, verdict);
        }

        private Verdict FieldsVerdict(INamedTypeSymbol implementation, ConcurrencySafety lists, int depth, HashSet<ITypeSymbol> visiting)
        {
            // No instance field at all is no evidence: such a type works through static or global state
            // (IndependentLoopAwaitsAnalyzerTests.StaticHelperPerItem_NoDiagnostic).
            var verdict = Verdict.Unknown;
            var sawField = false;
            for (var type = implementation; type is not null && !type.DeclaringSyntaxReferences.IsEmpty; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IFieldSymbol { IsStatic: false, IsConst: false } field && !IsPrimaryConstructorCapture(field)
                        && !Accumulate(StateVerdict(field.Type, field.IsReadOnly, lists, depth, visiting), ref verdict, ref sawField))
                    {
                        // IndependentAwaitsAnalyzerTests.ImplementationHoldingUnsafeResource_NoDiagnostic.
                        return Verdict.Unsafe;
                    }
                }

                // Primary constructor parameters count as read-only fields of their types
                // (IndependentAwaitsAnalyzerTests.ImplementationWithPrimaryConstructorOverSafeClient_Reports,
                // ImplementationWithPrimaryConstructorOverDbConnection_NoDiagnostic).
                foreach (var parameter in PrimaryConstructorParameters(type))
                {
                    var parameterVerdict = parameter.RefKind != RefKind.None ? Verdict.Unsafe : StateVerdict(parameter.Type, isReadOnly: true, lists, depth, visiting);
                    if (!Accumulate(parameterVerdict, ref verdict, ref sawField))
                    {
                        return Verdict.Unsafe;
                    }
                }
            }

            return verdict;
        }

        /// <summary>What one piece of an implementation's state says: a listed unsafe type wins, a writable field is unknown.</summary>
        private Verdict StateVerdict(ITypeSymbol type, bool isReadOnly, ConcurrencySafety lists, int depth, HashSet<ITypeSymbol> visiting) =>
            lists.IsListedUnsafeType(type) ? Verdict.Unsafe
            : !isReadOnly ? Verdict.Unknown
            : IsImmutableValue(type) || lists.IsListedSafe(type) || Matches(type, _safeState) ? Verdict.Safe
            : Classify(type, lists, depth + 1, visiting);

        /// <summary>Folds one member's verdict into the type's: the first member makes it Safe, Unknown sticks; false on Unsafe.</summary>
        private static bool Accumulate(Verdict member, ref Verdict verdict, ref bool sawField)
        {
            if (!sawField && verdict == Verdict.Unknown)
            {
                verdict = Verdict.Safe;
            }

            sawField = true;
            if (member == Verdict.Unknown)
            {
                verdict = Verdict.Unknown;
            }

            return member != Verdict.Unsafe;
        }

        /// <summary>
        /// The parameters of a type's primary constructor (<c>class Client(HttpClient http)</c>): what the type captures or hands to
        /// its base, the state its members use in place of fields. The compiler's capture fields are not symbols of the type.
        /// </summary>
        private static ImmutableArray<IParameterSymbol> PrimaryConstructorParameters(INamedTypeSymbol type)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is TypeDeclarationSyntax)
                    {
                        return constructor.Parameters;
                    }
                }
            }

            return ImmutableArray<IParameterSymbol>.Empty;
        }

        /// <summary>The compiler's field for a captured primary constructor parameter: judged as the parameter.</summary>
        private static bool IsPrimaryConstructorCapture(IFieldSymbol field) =>
            field.IsImplicitlyDeclared && field.AssociatedSymbol is not (IPropertySymbol or IEventSymbol);

        private bool IsImmutableValue(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime
                || type.TypeKind == TypeKind.Enum
                || Matches(type, _valueLike)
                || type.Name is "TimeSpan" or "Uri" && type.ContainingNamespace?.Name == "System";
        }
    }

    private static bool Matches(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> list)
    {
        if (list.IsEmpty)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Contains(list, current.OriginalDefinition))
            {
                return true;
            }
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (Contains(list, iface.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(ImmutableArray<INamedTypeSymbol> list, ITypeSymbol type)
    {
        foreach (var item in list)
        {
            if (SymbolEqualityComparer.Default.Equals(item, type))
            {
                return true;
            }
        }

        return false;
    }
}
