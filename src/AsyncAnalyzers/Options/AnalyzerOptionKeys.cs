using System;
using System.Collections.Generic;
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
    /// The method the Exceptions fixes (ASYNC401-403) route caught exceptions to: <c>Namespace.Type.Method</c>, a static method
    /// taking one <see cref="System.Exception"/>. Without it the fixes call <c>System.Diagnostics.Trace.TraceError</c>.
    /// </summary>
    public const string ExceptionHandler = Prefix + "exception_handler";

    /// <summary>All keys, with the rule each belongs to (null for package-wide keys).</summary>
    public static ImmutableDictionary<string, string?> All { get; } = ImmutableDictionary.CreateRange(
        StringComparer.OrdinalIgnoreCase,
        new[]
        {
            new KeyValuePair<string, string?>(Async103ExcludedMethods, DiagnosticIds.SyncApiWithAsyncCounterpart),
            new KeyValuePair<string, string?>(Async201ExcludedMethods, DiagnosticIds.UnawaitedTask),
            new KeyValuePair<string, string?>(Async201MakePublicMethodsAsync, DiagnosticIds.UnawaitedTask),
            new KeyValuePair<string, string?>(Async301ConcurrentSafeTypes, DiagnosticIds.IndependentSequentialAwaits),
            new KeyValuePair<string, string?>(Async301UnsafeTypes, DiagnosticIds.IndependentSequentialAwaits),
            new KeyValuePair<string, string?>(ExceptionHandler, null),
        });
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
