using System;
using System.Collections.Concurrent;
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
            new KeyValuePair<string, string?>(ExceptionHandler, null),
        });
}

/// <summary>
/// A parsed <c>T:...|M:...</c> list. Parsing is cached per distinct option text, so reading it per call site costs a dictionary
/// look-up, not a parse.
/// </summary>
internal sealed class SymbolNameList
{
    private static readonly char[] Separators = { '|', ',', ';' };

    private static readonly ConcurrentDictionary<string, SymbolNameList> Cache = new(StringComparer.Ordinal);

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

    public static SymbolNameList Read(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? Parse(value) : Empty;

    public static SymbolNameList Parse(string text) => Cache.GetOrAdd(text, static t =>
    {
        var types = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var methods = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<string>();
        foreach (var raw in t.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Length > 2 && entry[1] == ':' && IsQualifiedName(entry.Substring(2)))
            {
                if (entry[0] == 'T')
                {
                    types.Add(entry.Substring(2));
                    continue;
                }

                if (entry[0] == 'M' && entry.IndexOf('.') > 2)
                {
                    methods.Add(entry.Substring(2));
                    continue;
                }
            }

            errors.Add($"'{entry}' is not of the form T:Namespace.Type or M:Namespace.Type.Method");
        }

        return new SymbolNameList(types.ToImmutable(), methods.ToImmutable(), errors.ToImmutable());
    });

    public bool Contains(IMethodSymbol method, ITypeSymbol? receiverType)
    {
        if (IsEmpty)
        {
            return false;
        }

        var containing = FullName(method.ContainingType);
        if (_types.Contains(containing) || _methods.Contains(containing + "." + method.Name))
        {
            return true;
        }

        return receiverType is INamedTypeSymbol receiver && _types.Contains(FullName(receiver));
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
    private static string FullName(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return string.Empty;
        }

        var name = type.MetadataName;
        var prefix = type.ContainingType is { } outer ? FullName(outer) : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
        return prefix is null ? name : prefix + "." + name;
    }
}
