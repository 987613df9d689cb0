using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Symbols;

/// <summary>
/// Well-known types the rules need, resolved once per compilation (house rule 3). The only place that looks types up by name.
/// </summary>
internal sealed class AsyncSymbols
{
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _awaitableCache = new(SymbolEqualityComparer.Default);
    private readonly Lazy<INamedTypeSymbol?> _trace;
    private readonly Lazy<INamedTypeSymbol?> _efQueryableExtensions;
    private readonly Lazy<INamedTypeSymbol?> _efDbContext;

    private AsyncSymbols(Compilation compilation, INamedTypeSymbol task)
    {
        Compilation = compilation;
        Task = task;
        TaskOfT = Get("System.Threading.Tasks.Task`1");
        ValueTask = Get("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Get("System.Threading.Tasks.ValueTask`1");
        TaskStatus = Get("System.Threading.Tasks.TaskStatus");
        TaskFactory = Get("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = Get("System.Threading.Tasks.TaskFactory`1");
        TaskCreationOptions = Get("System.Threading.Tasks.TaskCreationOptions");
        TaskScheduler = Get("System.Threading.Tasks.TaskScheduler");
        SynchronizationContext = Get("System.Threading.SynchronizationContext");
        Thread = Get("System.Threading.Thread");
        CancellationToken = Get("System.Threading.CancellationToken");
        CancellationTokenSource = Get("System.Threading.CancellationTokenSource");
        SemaphoreSlim = Get("System.Threading.SemaphoreSlim");
        TimeSpan = Get("System.TimeSpan");
        ObsoleteAttribute = Get("System.ObsoleteAttribute");
        Console = Get("System.Console");
        Stream = Get("System.IO.Stream");
        MemoryStream = Get("System.IO.MemoryStream");
        Pipe = Get("System.IO.Pipelines.Pipe");
        StringReader = Get("System.IO.StringReader");
        StringWriter = Get("System.IO.StringWriter");
        StringBuilder = Get("System.Text.StringBuilder");
        IDisposable = Get("System.IDisposable");
        IAsyncDisposable = Get("System.IAsyncDisposable");
        TextWriter = Get("System.IO.TextWriter");
        FileStream = Get("System.IO.FileStream");
        File = Get("System.IO.File");
        FileInfo = Get("System.IO.FileInfo");
        FileAccess = Get("System.IO.FileAccess");
        Utf8JsonWriter = Get("System.Text.Json.Utf8JsonWriter");
        ThreadingTimer = Get("System.Threading.Timer");
        AuthenticatedStream = Get("System.Net.Security.AuthenticatedStream");
        ZipArchive = Get("System.IO.Compression.ZipArchive");
        CancellationTokenRegistration = Get("System.Threading.CancellationTokenRegistration");
        INotifyCompletion = Get("System.Runtime.CompilerServices.INotifyCompletion");
        Memory = Get("System.Memory`1");
        ReadOnlyMemory = Get("System.ReadOnlyMemory`1");
        Exception = Get("System.Exception");
        EventArgs = Get("System.EventArgs");
        TaskContinuationOptions = Get("System.Threading.Tasks.TaskContinuationOptions");
        ConcurrentDictionary = Get("System.Collections.Concurrent.ConcurrentDictionary`2");
        KeyValuePair = Get("System.Collections.Generic.KeyValuePair`2");
        LazyOfT = Get("System.Lazy`1");
        OperationCanceledException = Get("System.OperationCanceledException");
        ListOfT = Get("System.Collections.Generic.List`1");
        IQueryableOfT = Get("System.Linq.IQueryable`1");
        IAsyncEnumerableOfT = Get("System.Collections.Generic.IAsyncEnumerable`1");
        Parallel = Get("System.Threading.Tasks.Parallel");
        ParallelOptions = Get("System.Threading.Tasks.ParallelOptions");
        IEnumerableOfT = Get("System.Collections.Generic.IEnumerable`1");
        Enumerable = Get("System.Linq.Enumerable");
        _trace = new Lazy<INamedTypeSymbol?>(() => Get("System.Diagnostics.Trace"));
        Queryable = Get("System.Linq.Queryable");
        _efQueryableExtensions = new Lazy<INamedTypeSymbol?>(() => Get("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions"));
        _efDbContext = new Lazy<INamedTypeSymbol?>(() => Get("Microsoft.EntityFrameworkCore.DbContext"));
    }

    public Compilation Compilation { get; }
    public INamedTypeSymbol Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? TaskStatus { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? TaskCreationOptions { get; }
    public INamedTypeSymbol? TaskScheduler { get; }
    public INamedTypeSymbol? SynchronizationContext { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? CancellationTokenSource { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }
    public INamedTypeSymbol? Console { get; }
    public INamedTypeSymbol? Stream { get; }
    public INamedTypeSymbol? MemoryStream { get; }

    /// <summary><c>System.IO.Pipelines.Pipe</c>: an in-memory pipe whose reader and writer never do I/O of their own.</summary>
    public INamedTypeSymbol? Pipe { get; }
    public INamedTypeSymbol? StringReader { get; }
    public INamedTypeSymbol? StringWriter { get; }
    public INamedTypeSymbol? StringBuilder { get; }
    public INamedTypeSymbol? IDisposable { get; }
    public INamedTypeSymbol? IAsyncDisposable { get; }
    public INamedTypeSymbol? TextWriter { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? FileInfo { get; }
    public INamedTypeSymbol? FileAccess { get; }
    public INamedTypeSymbol? Utf8JsonWriter { get; }
    public INamedTypeSymbol? ThreadingTimer { get; }
    public INamedTypeSymbol? AuthenticatedStream { get; }
    public INamedTypeSymbol? ZipArchive { get; }
    public INamedTypeSymbol? CancellationTokenRegistration { get; }
    public INamedTypeSymbol? INotifyCompletion { get; }
    public INamedTypeSymbol? Memory { get; }
    public INamedTypeSymbol? ReadOnlyMemory { get; }
    public INamedTypeSymbol? Exception { get; }
    public INamedTypeSymbol? EventArgs { get; }
    public INamedTypeSymbol? TaskContinuationOptions { get; }
    public INamedTypeSymbol? ConcurrentDictionary { get; }
    public INamedTypeSymbol? KeyValuePair { get; }
    public INamedTypeSymbol? LazyOfT { get; }
    public INamedTypeSymbol? OperationCanceledException { get; }
    public INamedTypeSymbol? ListOfT { get; }
    public INamedTypeSymbol? IQueryableOfT { get; }
    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }
    public INamedTypeSymbol? Parallel { get; }
    public INamedTypeSymbol? ParallelOptions { get; }
    public INamedTypeSymbol? IEnumerableOfT { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? Queryable { get; }

    /// <summary>EF Core's <c>CountAsync</c>, <c>ToListAsync</c>, ...: resolved on the first LINQ call over a query in async code.</summary>
    public INamedTypeSymbol? EfQueryableExtensions => _efQueryableExtensions.Value;

    /// <summary>EF Core's DbContext, when the compilation references EF Core (looked up on first use).</summary>
    public INamedTypeSymbol? EfDbContext => _efDbContext.Value;

    /// <summary>A type only the code fixes name (the default exception handler); resolved on first use, so analyzers never pay for it.</summary>
    public INamedTypeSymbol? Trace => _trace.Value;

    /// <summary>
    /// Resolves the symbols of a compilation, or null when it has no Task type (nothing async to analyze). Called once per
    /// compilation by <c>CompilationServices</c>; everyone else asks it.
    /// </summary>
    internal static AsyncSymbols? Resolve(Compilation compilation)
    {
#pragma warning disable RS0030 // Semantics/ is the one place allowed to look types up by name.
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
#pragma warning restore RS0030
        return task is null || task.TypeKind == TypeKind.Error ? null : new AsyncSymbols(compilation, task);
    }

    /// <summary>Resolves a type that is not cached here (rule-specific lists such as option-configured type names).</summary>
    public INamedTypeSymbol? GetTypeByMetadataName(string metadataName) => Get(metadataName);

    private INamedTypeSymbol? Get(string metadataName)
    {
#pragma warning disable RS0030 // Semantics/ is the one place allowed to look types up by name.
        var type = Compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
        return type is null || type.TypeKind == TypeKind.Error ? null : type;
    }

    public bool IsTask(ITypeSymbol? type) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, Task) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, TaskOfT));

    public bool IsValueTask(ITypeSymbol? type) =>
        type is not null && ((ValueTask is not null && SymbolEqualityComparer.Default.Equals(type, ValueTask)) || (ValueTaskOfT is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, ValueTaskOfT)));

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, or a type deriving from Task.</summary>
    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsValueTask(type))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsTask(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for task-likes and for any type with an instance <c>GetAwaiter()</c> whose awaiter has <c>IsCompleted</c>,
    /// <c>GetResult()</c> and implements INotifyCompletion. Cached per type for the compilation.
    /// </summary>
    public bool IsAwaitable(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (IsTaskLike(type))
        {
            return true;
        }

        if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Dynamic or TypeKind.Pointer)
        {
            return false;
        }

        // TryGetValue first: GetOrAdd with a lambda over this would allocate a delegate on every call, and this runs on most
        // invocations of every async method.
        if (_awaitableCache.TryGetValue(type, out var awaitable))
        {
            return awaitable;
        }

        return _awaitableCache.GetOrAdd(type, HasAwaiterPattern(type));
    }

    private bool HasAwaiterPattern(ITypeSymbol type)
    {
        foreach (var member in GetMembersIncludingBases(type, "GetAwaiter"))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, TypeParameters.Length: 0 } getAwaiter
                && IsAwaiter(getAwaiter.ReturnType))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsAwaiter(ITypeSymbol awaiter)
    {
        if (INotifyCompletion is null || !awaiter.AllInterfaces.Contains(INotifyCompletion, SymbolEqualityComparer.Default))
        {
            return false;
        }

        var hasIsCompleted = false;
        var hasGetResult = false;
        foreach (var member in GetMembersIncludingBases(awaiter, "IsCompleted"))
        {
            hasIsCompleted |= member is IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean };
        }

        foreach (var member in GetMembersIncludingBases(awaiter, "GetResult"))
        {
            hasGetResult |= member is IMethodSymbol { Parameters.Length: 0 };
        }

        return hasIsCompleted && hasGetResult;
    }

    private static System.Collections.Generic.IEnumerable<ISymbol> GetMembersIncludingBases(ITypeSymbol type, string name)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                foreach (var member in GetMembersIncludingBases(constraint, name))
                {
                    yield return member;
                }
            }

            yield break;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                yield return member;
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers(name))
                {
                    yield return member;
                }
            }
        }
    }

    public bool IsObsolete(ISymbol symbol)
    {
        if (ObsoleteAttribute is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ObsoleteAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the method or one of its containing types carries <c>System.Diagnostics.CodeAnalysis.ExperimentalAttribute</c>:
    /// using it is an error until the caller suppresses the attribute's diagnostic ID. Matched by name, so a polyfilled copy of
    /// the attribute counts as the compiler counts it.
    /// </summary>
    public static bool IsExperimental(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ExperimentalAttribute" } attributeClass
                    && attributeClass.ContainingNamespace is { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
                {
                    return true;
                }
            }
        }

        return false;
    }
}
