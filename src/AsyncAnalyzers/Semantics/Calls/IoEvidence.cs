using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Does a synchronous library call do I/O (or wait), judged from evidence at the call: the declaring type, the receiver or an
/// argument is an I/O type (<see cref="KnownTypeNames.InputOutput"/>, or a type named like a stream, reader, writer, connection,
/// command, socket, client, session or database), an argument is a <c>Uri</c> or a string passed to a parameter named like a
/// path, file, directory, URL or host. A call with no such evidence whose inputs are all in-memory values (strings, primitives,
/// enums, arrays and spans of them, <see cref="KnownTypeNames.InMemoryValues"/>) computes: <c>parser.ParseDocument(html)</c>,
/// <c>factory.CreateDbContext()</c>. Answers about types are cached for the compilation.
/// </summary>
internal sealed class IoEvidence
{
    private static readonly string[] IoNameSuffixes =
    {
        "Stream", "Reader", "Writer", "Connection", "Command", "Transaction", "Socket", "Client", "Session", "Database",
        "Lock", "Semaphore", "ResetEvent", "Queue",
    };
    private static readonly string[] LocationWords = { "path", "file", "filename", "filepath", "dir", "directory", "folder", "uri", "url", "host", "hostname", "address" };

    // Matched by metadata name, not resolved: the lists are long, most compilations reference few of their types, and a name
    // look-up walks every referenced assembly. Only the types a call actually meets are named, once each.
    private static readonly HashSet<string> InputOutputNames = new(KnownTypeNames.InputOutput, StringComparer.Ordinal) { "System.Uri" };
    private static readonly HashSet<string> InMemoryNames = new(KnownTypeNames.InMemoryValues, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _isIoType = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _isInMemory = new(SymbolEqualityComparer.Default);

    private readonly IAssemblySymbol _assembly;
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _isOwn = new(SymbolEqualityComparer.Default);

    public IoEvidence(AsyncSymbols symbols)
    {
        _assembly = symbols.Compilation.Assembly;
    }

    /// <summary>
    /// True when nothing at the call suggests I/O and every input is an in-memory value: the call is CPU work, and its async twin
    /// would only add a task (SyncApiWithAsyncCounterpartAnalyzerTests.LibraryParserOverString_NoDiagnostic).
    /// </summary>
    public bool IsComputation(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (IsIoType(method.ContainingType))
        {
            return false;
        }

        if (!method.IsStatic && (call.Instance?.Type is not { } receiver || IsIoType(receiver)))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Type.SpecialType == SpecialType.System_String && NamesALocation(parameter.Name))
            {
                return false;
            }

            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue.HasValue)
            {
                continue; // literals, null and constants are values, whatever the parameter type
            }

            var type = value.Type ?? parameter.Type;
            if (IsIoType(type) || IsIoType(parameter.Type) || !IsInMemoryValue(type))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the call itself shows I/O: the declaring type or the receiver is an I/O type, or an argument is one (a stream, a
    /// <c>Uri</c>), or a string goes to a parameter named like a path or an address. The positive side of <see cref="IsComputation"/>,
    /// which also says no for inputs it cannot classify.
    /// </summary>
    public bool ShowsIo(IMethodSymbol method, IOperation? instance, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        if (IsIoType(method.ContainingType) || (!method.IsStatic && IsIoType(instance?.Type)))
        {
            return true;
        }

        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
            {
                continue;
            }

            if ((parameter.Type.SpecialType == SpecialType.System_String && NamesALocation(parameter.Name))
                || IsIoType(argument.Value.WalkDownConversions().Type) || IsIoType(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A string argument goes to a parameter named like a path, a file or an address (<c>new FileStream(path, ...)</c>).</summary>
    public static bool PassesALocation(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                && NamesALocation(parameter.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for this compilation's own methods and those of its sibling projects: assemblies whose name starts with the same
    /// first dotted segment (<c>Shop.Data</c> for <c>Shop.Web</c>), except the platform's (<c>System</c>, <c>Microsoft</c>). Their
    /// pairs are the user's own, judged by the counterpart alone (SyncApiWithAsyncCounterpartAnalyzerTests.SiblingProjectMethod_Reports).
    /// </summary>
    public bool IsOwnCode(IMethodSymbol method)
    {
        if (method.ContainingAssembly is not { } assembly)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(assembly, _assembly))
        {
            return true;
        }

        if (_isOwn.TryGetValue(assembly, out var cached))
        {
            return cached;
        }

        return _isOwn.GetOrAdd(assembly, IsSibling(assembly.Name, _assembly.Name));
    }

    private static bool IsSibling(string library, string own)
    {
        var prefix = FirstSegment(own);
        return prefix.Length > 0
            && !prefix.Equals("System", StringComparison.OrdinalIgnoreCase)
            && !prefix.Equals("Microsoft", StringComparison.OrdinalIgnoreCase)
            && !prefix.Equals("Windows", StringComparison.OrdinalIgnoreCase)
            && prefix.Equals(FirstSegment(library), StringComparison.OrdinalIgnoreCase);
    }

    private static string FirstSegment(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name.Substring(0, dot);
    }

    /// <summary>True for the I/O types, a <c>Uri</c>, and types named like one (their bases and interfaces included).</summary>
    public bool IsIoType(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.Enum or TypeKind.Array)
        {
            return false;
        }

        if (_isIoType.TryGetValue(type, out var cached))
        {
            return cached;
        }

        return _isIoType.GetOrAdd(type, ComputeIsIoType(type));
    }

    private bool ComputeIsIoType(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (IsIoType(constraint))
                {
                    return true;
                }
            }

            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsIoTypeItself(current))
            {
                return true;
            }
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (IsIoTypeItself(iface))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIoTypeItself(ITypeSymbol type)
    {
        // DispatcherQueue, a UI dispatcher: its work runs on the UI thread, it waits on nothing outside the process
        // (IoEvidenceTests.InMemoryCalls_AreComputation).
        if (type.Name.StartsWith("Dispatcher", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var suffix in IoNameSuffixes)
        {
            if (type.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return InputOutputNames.Contains(MetadataName(type));
    }

    /// <summary>Strings, primitives, enums, arrays and spans of them, nullable ones, and the listed value-like classes.</summary>
    private bool IsInMemoryValue(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Object or SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return false;
            case not SpecialType.None:
                return true;
        }

        switch (type)
        {
            case { TypeKind: TypeKind.Enum }:
                return true;
            case IArrayTypeSymbol array:
                return IsInMemoryValue(array.ElementType);
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return IsInMemoryValue(nullable.TypeArguments[0]);
        }

        if (_isInMemory.TryGetValue(type, out var cached))
        {
            return cached;
        }

        return _isInMemory.GetOrAdd(type, IsListedValue(type));
    }

    private static bool IsListedValue(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (InMemoryNames.Contains(MetadataName(current)))
            {
                return true;
            }
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (InMemoryNames.Contains(MetadataName(iface)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Namespace.Name`Arity</c> of a top-level type (nested types are in no list: they get a name no list has).</summary>
    private static string MetadataName(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        if (definition.ContainingType is not null || definition.ContainingNamespace is not { } ns)
        {
            return definition.MetadataName;
        }

        return ns.IsGlobalNamespace ? definition.MetadataName : ns.ToDisplayString() + "." + definition.MetadataName;
    }

    /// <summary>
    /// A parameter name whose camel-case words name a location: path, file, directory, folder, uri, url, host, address
    /// (<c>path</c>, <c>fileName</c>, <c>destinationDirectoryName</c>, <c>requestUri</c>, <c>hostNameOrAddress</c>); not
    /// <c>profile</c>.
    /// </summary>
    private static bool NamesALocation(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || char.IsUpper(name[i]) || name[i] == '_')
            {
                if (IsLocationWord(name, start, i - start))
                {
                    return true;
                }

                start = i < name.Length && name[i] == '_' ? i + 1 : i;
            }
        }

        return false;
    }

    private static bool IsLocationWord(string name, int start, int length)
    {
        foreach (var word in LocationWords)
        {
            if (word.Length == length && string.Compare(name, start, word, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
