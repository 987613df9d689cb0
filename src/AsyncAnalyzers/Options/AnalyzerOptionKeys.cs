using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Options;

/// <summary>Every .editorconfig key the package reads. Rule pages list them; a catalog test keeps the two in sync.</summary>
public static class AnalyzerOptionKeys
{
    public const string Prefix = "async_analyzers.";

    /// <summary>Methods and types ASYNC103 must not report: <c>T:Namespace.Type|M:Namespace.Type.Method</c>.</summary>
    public const string Async103ExcludedMethods = Prefix + "ASYNC103.excluded_methods";

    /// <summary>
    /// <c>true</c> or <c>false</c> (the default): whether ASYNC104 reports blocking inside a library's public API (a method visible
    /// outside the assembly, not a controller action), where the advice to make the method async is a breaking change.
    /// </summary>
    public const string Async104ReportPublicApi = Prefix + "ASYNC104.report_public_api";

    /// <summary>Fire-and-forget helpers ASYNC201 must not report when their task is dropped: <c>T:Namespace.Type|M:Namespace.Type.Method</c>.</summary>
    public const string Async201ExcludedMethods = Prefix + "ASYNC201.excluded_methods";

    /// <summary>
    /// <c>true</c> or <c>false</c> (the default): whether ASYNC201's "make the method async" fix may change the signature of a
    /// method visible outside the assembly (a breaking change for a library's callers).
    /// </summary>
    public const string Async201MakePublicMethodsAsync = Prefix + "ASYNC201.make_public_methods_async";

    /// <summary>Types ASYNC301/ASYNC302 treat as safe for overlapping calls on one instance: <c>T:Namespace.Type</c>.</summary>
    public const string Async301ConcurrentSafeTypes = Prefix + "ASYNC301.concurrent_safe_types";

    /// <summary>Types ASYNC301/ASYNC302 never gather operations on (shared, ordered resources): <c>T:Namespace.Type</c>.</summary>
    public const string Async301UnsafeTypes = Prefix + "ASYNC301.unsafe_types";

    /// <summary>
    /// <c>assume_unsafe</c> (the default) or <c>assume_safe</c>: whether ASYNC301 gathers several reads (calls named Get, Find,
    /// Load...) from one receiver whose type the compilation gives no evidence about; with <c>assume_safe</c> the message names
    /// the assumption.
    /// </summary>
    public const string Async301UnknownReceivers = Prefix + "ASYNC301.unknown_receivers";

    /// <summary>
    /// <c>assume_unsafe</c> (the default) or <c>assume_safe</c>: whether ASYNC302 gathers a read per item from one receiver whose
    /// type the compilation gives no evidence about; with <c>assume_safe</c> the message names the assumption.
    /// </summary>
    public const string Async302UnknownReceivers = Prefix + "ASYNC302.unknown_receivers";

    /// <summary>
    /// The method the Exceptions fixes (ASYNC401-403) route caught exceptions to: <c>Namespace.Type.Method</c>, a static method
    /// taking one <see cref="System.Exception"/>. Without it the fixes call <c>System.Diagnostics.Trace.TraceError</c>.
    /// </summary>
    public const string ExceptionHandler = Prefix + "exception_handler";

    /// <summary>
    /// <c>true</c> (the default) or <c>false</c>: whether a finding is suppressed where the code already suppresses an equivalent
    /// peer rule (<c>[SuppressMessage("Usage", "VSTHRD002:...")]</c>, <c>#pragma warning disable VSTHRD002</c>): the maintainers
    /// reviewed that code for that mistake (<see cref="Rules.Configuration.PeerSuppressor"/>).
    /// </summary>
    public const string HonorPeerSuppressions = Prefix + "honor_peer_suppressions";

    /// <summary>
    /// Every option, one row each: its key, the rule it belongs to (null for package-wide options) and the kind of value it
    /// takes. ASYNC901 validates each option from its kind, so a new option needs a <c>const</c> above, a row here and its docs.
    /// </summary>
    public static ImmutableArray<AnalyzerOption> Options { get; } = ImmutableArray.Create(
        new AnalyzerOption(Async103ExcludedMethods, DiagnosticIds.SyncApiWithAsyncCounterpart, OptionKind.SymbolList),
        new AnalyzerOption(Async104ReportPublicApi, DiagnosticIds.SyncOverAsync, OptionKind.Boolean),
        new AnalyzerOption(Async201ExcludedMethods, DiagnosticIds.UnawaitedTask, OptionKind.SymbolList),
        new AnalyzerOption(Async201MakePublicMethodsAsync, DiagnosticIds.UnawaitedTask, OptionKind.Boolean),
        new AnalyzerOption(Async301ConcurrentSafeTypes, DiagnosticIds.IndependentSequentialAwaits, OptionKind.TypeList),
        new AnalyzerOption(Async301UnsafeTypes, DiagnosticIds.IndependentSequentialAwaits, OptionKind.TypeList),
        new AnalyzerOption(Async301UnknownReceivers, DiagnosticIds.IndependentSequentialAwaits, OptionKind.ReceiverAssumption),
        new AnalyzerOption(Async302UnknownReceivers, DiagnosticIds.IndependentAwaitInLoop, OptionKind.ReceiverAssumption),
        new AnalyzerOption(ExceptionHandler, null, OptionKind.MethodName),
        new AnalyzerOption(HonorPeerSuppressions, null, OptionKind.Boolean));

    // Declared after Options: static initializers run in textual order.
    private static readonly ImmutableDictionary<string, AnalyzerOption> ByKey =
        Options.ToImmutableDictionary(option => option.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>All keys, with the rule each belongs to (null for package-wide keys): a view of <see cref="Options"/>.</summary>
    public static ImmutableDictionary<string, string?> All { get; } =
        ByKey.ToImmutableDictionary(pair => pair.Key, pair => pair.Value.RuleId, StringComparer.OrdinalIgnoreCase);

    /// <summary>The option with this key in any case (.editorconfig keys arrive lower-cased).</summary>
    public static AnalyzerOption? Find(string key) => ByKey.TryGetValue(key, out var option) ? option : null;
}

/// <summary>The values of the <c>unknown_receivers</c> options (<see cref="OptionKind.ReceiverAssumption"/>).</summary>
public static class ReceiverAssumption
{
    /// <summary>The default: several reads through one receiver without evidence are gathered, and the message names the assumption.</summary>
    public const string AssumeSafe = "assume_safe";

    /// <summary>One receiver without evidence is called in order.</summary>
    public const string AssumeUnsafe = "assume_unsafe";

    /// <summary>True unless the <c>unknown_receivers</c> option <paramref name="key"/> is <c>assume_unsafe</c> for the tree.</summary>
    public static bool AssumesSafe(AnalyzerConfigOptions options, string key) =>
        !(options.TryGetValue(key, out var value) && string.Equals(value.Trim(), AssumeUnsafe, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The kind of value an option takes; ASYNC901 validates each option from it.</summary>
public enum OptionKind
{
    /// <summary><c>T:Namespace.Type|M:Namespace.Type.Method</c> entries, parsed by <see cref="SymbolNameList"/>.</summary>
    SymbolList,

    /// <summary><c>T:Namespace.Type</c> entries only, parsed by <see cref="SymbolNameList"/>; <c>M:</c> entries are an error.</summary>
    TypeList,

    /// <summary><c>true</c> or <c>false</c>, in any case.</summary>
    Boolean,

    /// <summary><c>assume_safe</c> or <c>assume_unsafe</c>, in any case.</summary>
    ReceiverAssumption,

    /// <summary><c>Namespace.Type.Method</c>, resolved against the compilation by <c>Semantics/Symbols/ExceptionHandlers</c>; empty means unset.</summary>
    MethodName,
}

/// <summary>One row of <see cref="AnalyzerOptionKeys.Options"/>.</summary>
public sealed class AnalyzerOption
{
    public AnalyzerOption(string key, string? ruleId, OptionKind kind)
    {
        Key = key;
        RuleId = ruleId;
        Kind = kind;
    }

    /// <summary>The key as documented (<c>async_analyzers.ASYNC103.excluded_methods</c>).</summary>
    public string Key { get; }

    /// <summary>The rule the option belongs to, or null for a package-wide option.</summary>
    public string? RuleId { get; }

    public OptionKind Kind { get; }

    public override string ToString() => Key;
}

/// <summary>
/// A parsed <c>T:...|M:...</c> list. Parsing is not cached here: callers keep one per syntax tree for the compilation, so
/// reading it per call site costs a dictionary look-up, not a parse.
/// </summary>
internal sealed class SymbolNameList
{
    private static readonly char[] Separators = { '|', ',', ';' };

    public static readonly SymbolNameList Empty = new(ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableArray<string>.Empty);

    private readonly ImmutableHashSet<string> _types;
    private readonly ImmutableHashSet<string> _methods;

    private SymbolNameList(ImmutableHashSet<string> types, ImmutableHashSet<string> methods, ImmutableArray<string> errors)
    {
        _types = types;
        _methods = methods;
        Errors = errors;
    }

    /// <summary>Entries that could not be understood, each with the reason.</summary>
    public ImmutableArray<string> Errors { get; }

    public bool IsEmpty => _types.Count == 0 && _methods.Count == 0;

    /// <summary>True when the list has <c>M:</c> entries (meaningless for the type-only lists of ASYNC301).</summary>
    public bool HasMethods => _methods.Count > 0;

    public static SymbolNameList Read(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? Parse(value) : Empty;

    public static SymbolNameList Parse(string text)
    {
        var types = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var methods = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Length > 2 && entry[1] == ':' && IsQualifiedName(entry.Substring(2)))
            {
                // Nested types may be written with '+' (metadata style) or '.'; FullName uses '.'.
                var name = entry.Substring(2).Replace('+', '.');
                if (entry[0] == 'T')
                {
                    types.Add(name);
                    continue;
                }

                if (entry[0] == 'M' && entry.IndexOf('.') > 2)
                {
                    methods.Add(name);
                    continue;
                }
            }

            errors.Add($"'{entry}' is not of the form T:Namespace.Type or M:Namespace.Type.Method");
        }

        return types.Count == 0 && methods.Count == 0 && errors.Count == 0 ? Empty : new SymbolNameList(types.ToImmutable(), methods.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>
    /// True when the method, its declaring type, the receiver's type or one of the receiver's base types is listed
    /// (<c>M:</c> entries match the method through any of those types).
    /// </summary>
    public bool Contains(IMethodSymbol method, ITypeSymbol? receiverType)
    {
        if (IsEmpty)
        {
            return false;
        }

        if (Matches(method.ContainingType, method.Name))
        {
            return true;
        }

        for (var current = receiverType as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (Matches(current, method.Name))
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(INamedTypeSymbol? type, string methodName)
    {
        if (type is null)
        {
            return false;
        }

        var name = FullName(type.OriginalDefinition);
        return _types.Contains(name) || (_methods.Count > 0 && _methods.Contains(name + "." + methodName));
    }

    /// <summary>True when the type, one of its base types or one of its interfaces is listed with <c>T:</c>.</summary>
    public bool ContainsType(ITypeSymbol type)
    {
        if (_types.Count == 0)
        {
            return false;
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (_types.Contains(FullName(current.OriginalDefinition)))
            {
                return true;
            }
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (_types.Contains(FullName(iface.OriginalDefinition)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQualifiedName(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' or '`' or '+'))
            {
                return false;
            }
        }

        return name.Length > 0 && name[0] != '.' && name[name.Length - 1] != '.';
    }

    /// <summary>Namespace-qualified metadata name (<c>System.Collections.Generic.List`1</c>, nested types with '.').</summary>
    private static string FullName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        var prefix = type.ContainingType is { } outer ? FullName(outer) : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
        return prefix is null ? name : prefix + "." + name;
    }
}
