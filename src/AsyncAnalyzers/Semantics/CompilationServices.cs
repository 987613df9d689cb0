using System.Runtime.CompilerServices;
using System.Threading;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Gather;
using AsyncAnalyzers.Semantics.Summaries;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics;

/// <summary>
/// Everything with a cache, made once per compilation and shared by every analyzer and fix of the package (the lifetime rule:
/// a stateless fact is a static class; a stateful one comes from here and is never <c>new</c>ed inside a rule). Services are
/// created on first use, so a compilation that no rule needs a service for never pays for it.
/// </summary>
internal sealed class CompilationServices
{
    private static readonly ConditionalWeakTable<Compilation, Holder> PerCompilation = new();

    private AsyncCounterparts? _counterparts;
    private IoEvidence? _ioEvidence;
    private StartedWork? _startedWork;
    private ExceptionHandlers? _exceptionHandlers;
    private Independence? _independence;
    private MethodBodies? _bodies;
    private MethodSummaries? _summaries;
    private SourceImplementations? _implementations;
    private ForcedSignatures? _forcedSignatures;
    private UiExceptionPolicy? _uiExceptions;
    private DatabaseProviders? _databaseProviders;

    private CompilationServices(AsyncSymbols symbols)
    {
        Symbols = symbols;
    }

    /// <summary>The well-known types and the awaitable test.</summary>
    public AsyncSymbols Symbols { get; }

    /// <summary>Foo → FooAsync, cached per (method, receiver type).</summary>
    public AsyncCounterparts Counterparts => LazyInitializer.EnsureInitialized(ref _counterparts, () => new AsyncCounterparts(Symbols))!;

    /// <summary>Does a synchronous library call do I/O, judged from its receiver, arguments and parameter names; cached per type.</summary>
    public IoEvidence IoEvidence => LazyInitializer.EnsureInitialized(ref _ioEvidence, () => new IoEvidence(Symbols))!;

    /// <summary>What a task-producing expression started.</summary>
    public StartedWork StartedWork => LazyInitializer.EnsureInitialized(ref _startedWork, () => new StartedWork(Symbols))!;

    /// <summary>The configured exception handler, each option value resolved once.</summary>
    public ExceptionHandlers ExceptionHandlers => LazyInitializer.EnsureInitialized(ref _exceptionHandlers, () => new ExceptionHandlers(Symbols))!;

    /// <summary>Footprints of awaited calls, with the built-in concurrency-safety lists (rules add the user's lists per file).</summary>
    public Independence Independence => LazyInitializer.EnsureInitialized(ref _independence, () => Independence.Create(Symbols, type => Implementations.TypesUnder(type)))!;

    /// <summary>The one door to other methods' bodies.</summary>
    public MethodBodies Bodies => LazyInitializer.EnsureInitialized(ref _bodies, () => new MethodBodies(Symbols.Compilation))!;

    /// <summary>Source implementations and overrides of interface and virtual methods, indexed on first use.</summary>
    public SourceImplementations Implementations => LazyInitializer.EnsureInitialized(ref _implementations, () => new SourceImplementations(Symbols.Compilation))!;

    /// <summary>Which async void methods have a forced signature (ASYNC401) and which could return a task (ASYNC202).</summary>
    public ForcedSignatures ForcedSignatures => LazyInitializer.EnsureInitialized(ref _forcedSignatures, () => new ForcedSignatures(Symbols))!;

    /// <summary>Whether the application handles the exceptions that reach its UI thread's dispatcher; read once.</summary>
    public UiExceptionPolicy UiExceptions => LazyInitializer.EnsureInitialized(ref _uiExceptions, () => new UiExceptionPolicy(Symbols.Compilation, Bodies))!;

    /// <summary>Which EF Core provider the compilation configures (SQLite only?); read once.</summary>
    public DatabaseProviders DatabaseProviders => LazyInitializer.EnsureInitialized(ref _databaseProviders, () => new DatabaseProviders(Symbols.Compilation, tree => Bodies.ModelOf(tree, null)))!;

    /// <summary>Interprocedural facts per method.</summary>
    public MethodSummaries Summaries => LazyInitializer.EnsureInitialized(ref _summaries, () => new MethodSummaries(Symbols, Bodies, StartedWork, Implementations, IoEvidence))!;

    /// <summary>
    /// The services of a compilation, or null when it has no Task type (nothing async to analyze). Resolved once per compilation
    /// and shared by every analyzer of the package: thirteen analyzers used to resolve the same forty types each, on every
    /// compilation snapshot the IDE makes.
    /// </summary>
    public static CompilationServices? TryGet(Compilation compilation) => PerCompilation.GetValue(compilation, Resolve).Services;

    private static Holder Resolve(Compilation compilation) =>
        new(AsyncSymbols.Resolve(compilation) is { } symbols ? new CompilationServices(symbols) : null);

    /// <summary>ConditionalWeakTable values cannot be null; a compilation without Task is cached as an empty holder.</summary>
    private sealed class Holder
    {
        public Holder(CompilationServices? services) => Services = services;

        public CompilationServices? Services { get; }
    }
}
