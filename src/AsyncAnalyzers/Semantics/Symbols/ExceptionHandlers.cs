using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Semantics.Symbols;

/// <summary>
/// Resolves <c>async_analyzers.exception_handler = Namespace.Type.Method</c> against the compilation. Each distinct value is
/// resolved once per compilation; the result travels to the code fixes in the diagnostic's properties, so a fix only ever calls
/// a method that exists and has the right shape, and otherwise falls back to <c>System.Diagnostics.Trace.TraceError</c>.
/// </summary>
internal sealed class ExceptionHandlers
{
    private readonly AsyncSymbols _symbols;
    private readonly ConcurrentDictionary<string, Resolution> _cache = new(StringComparer.Ordinal);

    public ExceptionHandlers(AsyncSymbols symbols)
    {
        _symbols = symbols;
    }

    /// <summary>The properties to attach to a diagnostic in <paramref name="tree"/>: the handler when one is configured and valid.</summary>
    public ImmutableDictionary<string, string?> PropertiesFor(AnalyzerOptions options, SyntaxTree tree)
    {
        var resolution = ForTree(options, tree);
        return resolution.CallTarget is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ExceptionHandler, resolution.CallTarget);
    }

    public Resolution ForTree(AnalyzerOptions options, SyntaxTree tree) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(AnalyzerOptionKeys.ExceptionHandler, out var value) && !string.IsNullOrWhiteSpace(value)
            ? Resolve(value)
            : Resolution.None;

    public Resolution Resolve(string value) => _cache.GetOrAdd(value.Trim(), ResolveCore);

    private Resolution ResolveCore(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1 || !IsIdentifierPath(name))
        {
            return Resolution.Invalid($"'{name}' is not of the form Namespace.Type.Method");
        }

        var typeName = name.Substring(0, dot);
        var methodName = name.Substring(dot + 1);
        var type = _symbols.GetTypeByMetadataName(typeName);
        if (type is null)
        {
            return Resolution.Invalid($"the type '{typeName}' was not found");
        }

        if (type.IsGenericType)
        {
            return Resolution.Invalid($"the type '{typeName}' is generic; the handler must be on a non-generic type");
        }

        var found = false;
        foreach (var member in type.GetMembers(methodName))
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            found = true;
            if (IsHandlerShape(method) && _symbols.Compilation.IsSymbolAccessibleWithin(method, _symbols.Compilation.Assembly))
            {
                return Resolution.Valid(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + methodName);
            }
        }

        return Resolution.Invalid(found
            ? $"'{name}' must be an accessible static method taking one System.Exception"
            : $"the type '{typeName}' has no method '{methodName}'");
    }

    private bool IsHandlerShape(IMethodSymbol method) =>
        method is { IsStatic: true, IsGenericMethod: false, Parameters.Length: 1, MethodKind: MethodKind.Ordinary }
        && method.Parameters[0].RefKind == RefKind.None
        && _symbols.Exception is not null
        && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _symbols.Exception);

    private static bool IsIdentifierPath(string name)
    {
        var previous = '.';
        foreach (var c in name)
        {
            var valid = char.IsLetterOrDigit(c) || c is '_' or '.' or '+';
            if (!valid || (c is '.' or '+' && previous is '.' or '+'))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    /// <summary>The outcome of resolving the option: a call target, an error to report (ASYNC901), or nothing configured.</summary>
    internal readonly struct Resolution
    {
        private Resolution(string? callTarget, string? error)
        {
            CallTarget = callTarget;
            Error = error;
        }

        public static Resolution None => default;

        public string? CallTarget { get; }

        public string? Error { get; }

        public static Resolution Valid(string callTarget) => new(callTarget, null);

        public static Resolution Invalid(string error) => new(null, error);
    }
}
