using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// One fix a plan can make. <see cref="Key"/> is the equivalence key, <c>"&lt;ID&gt;.&lt;Action&gt;"</c>: Fix All applies the option
/// with the chosen key to every finding that has one. The first option of every plan of a rule carries the rule's default key,
/// which is what Fix All applies when no key is chosen and what <c>dotnet format</c> applies (it takes the first action of the
/// first finding it sees); a key names the change the user chooses, and where the context decides its form (await in async
/// code, a continuation where the code cannot wait) the forms share the key.
/// </summary>
internal sealed class FixOption
{
    public FixOption(string key, string title, bool isOffered = true)
    {
        Key = key;
        Title = title;
        IsOffered = isOffered;
    }

    public string Key { get; }

    public string Title { get; }

    /// <summary>
    /// False for an option that Fix All applies under its key but the light bulb does not list, because an earlier option of
    /// the same plan makes the same edit (ASYNC201 in code that cannot wait: the default already discards the task).
    /// </summary>
    public bool IsOffered { get; }
}

/// <summary>
/// What a fixer decided for one diagnostic on the original document: the options it offers and what its edit needs. Fixers
/// derive their own plan, holding nodes of <see cref="Document"/>'s original tree.
/// </summary>
internal abstract class FixPlan
{
    protected FixPlan(FixDocument document, Diagnostic diagnostic, SyntaxNode target, ImmutableArray<FixOption> options)
    {
        Document = document;
        Diagnostic = diagnostic;
        Target = target;
        Options = options;
    }

    public FixDocument Document { get; }

    public Diagnostic Diagnostic { get; }

    /// <summary>The node the edit rewrites, in the original tree: the skeleton applies inner targets before the ones around them.</summary>
    public SyntaxNode Target { get; }

    /// <summary>The options, the default first.</summary>
    public ImmutableArray<FixOption> Options { get; }

    /// <summary>The option Fix All applies for <paramref name="key"/>: the default when no key was chosen, else the option with that key.</summary>
    public FixOption? Choose(string? key)
    {
        if (key is null)
        {
            return Options.IsEmpty ? null : Options[0];
        }

        foreach (var option in Options)
        {
            if (option.Key == key)
            {
                return option;
            }
        }

        return null;
    }
}

/// <summary>A plan and the option chosen for it.</summary>
internal readonly struct PlannedFix
{
    public PlannedFix(FixPlan plan, FixOption option)
    {
        Plan = plan;
        Option = option;
    }

    public FixPlan Plan { get; }

    public FixOption Option { get; }

    public string Key => Option.Key;
}

/// <summary>An original document with what every plan reads from it: its root, its semantic model and the compilation's symbols.</summary>
internal sealed class FixDocument
{
    private readonly Dictionary<string, object> _caches = new(StringComparer.Ordinal);

    private FixDocument(Document document, SyntaxNode root, SemanticModel model, CompilationServices services)
    {
        Document = document;
        Root = root;
        Model = model;
        Services = services;
    }

    public Document Document { get; }

    public SyntaxNode Root { get; }

    public SemanticModel Model { get; }

    public CompilationServices Services { get; }

    public AsyncSymbols Symbols => Services.Symbols;

    public SyntaxTree Tree => Root.SyntaxTree;

    /// <summary>
    /// A fixer's memo for this document (one per key), for what several plans of one Fix All would otherwise ask again (the
    /// callers of a method that several findings would make async).
    /// </summary>
    public T Cache<T>(string key, Func<T> create)
        where T : class
    {
        lock (_caches)
        {
            if (!_caches.TryGetValue(key, out var value))
            {
                value = create();
                _caches.Add(key, value);
            }

            return (T)value;
        }
    }

    /// <summary>Null when the document has no tree or model, or the compilation has no Task type (nothing to fix).</summary>
    public static async Task<FixDocument?> CreateAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null || CompilationServices.TryGet(model.Compilation) is not { } services
            ? null
            : new FixDocument(document, root, model, services);
    }
}
