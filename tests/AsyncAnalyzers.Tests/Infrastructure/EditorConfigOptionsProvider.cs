using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Infrastructure;

/// <summary>Applies real .editorconfig files to a compilation the way the compiler does (through AnalyzerConfigSet).</summary>
internal sealed class EditorConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    public static readonly EditorConfigOptionsProvider Empty = new(null);

    private readonly AnalyzerConfigSet? _set;
    private readonly DictionaryOptions _global;

    private EditorConfigOptionsProvider(AnalyzerConfigSet? set, DictionaryOptions? global = null)
    {
        _set = set;
        _global = global ?? DictionaryOptions.None;
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <summary>These options with global values (<c>build_property.*</c>, as MSBuild's CompilerVisibleProperty passes them).</summary>
    public EditorConfigOptionsProvider WithGlobalOptions(IEnumerable<KeyValuePair<string, string>> values) =>
        new(_set, new DictionaryOptions(values.ToImmutableDictionary(AnalyzerConfigOptions.KeyComparer)));

    public static EditorConfigOptionsProvider FromFiles(IEnumerable<string> editorConfigPaths) =>
        new(AnalyzerConfigSet.Create(editorConfigPaths.Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), p)).ToList()));

    public static EditorConfigOptionsProvider FromText(string directory, string text) =>
        new(AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(text, Path.Combine(directory, ".editorconfig")) }));

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
        _set is null ? DictionaryOptions.None : new DictionaryOptions(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => DictionaryOptions.None;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions None = new(ImmutableDictionary<string, string>.Empty);

        private readonly ImmutableDictionary<string, string> _values;

        public DictionaryOptions(ImmutableDictionary<string, string> values) => _values = values;

        public override IEnumerable<string> Keys => _values.Keys;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
