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

    private EditorConfigOptionsProvider(AnalyzerConfigSet? set) => _set = set;

    public override AnalyzerConfigOptions GlobalOptions => DictionaryOptions.None;

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
