using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.Tests.Robustness;

/// <summary>
/// Every C# snippet the rule tests feed to the verifiers: the raw string literals of the test files, with the test markup
/// removed. The robustness suite runs every analyzer over them (and their mutations), not only the analyzer they were written for.
/// </summary>
internal static partial class TestInputs
{
    private static readonly Lazy<List<string>> Inputs = new(Load);

    public static List<string> All() => Inputs.Value;

    private static List<string> Load()
    {
        var directory = Path.Combine(AnalyzerRunner.RepositoryRoot, "tests", "AsyncAnalyzers.Tests", "Rules");
        var inputs = new List<string>();
        foreach (var file in AnalyzerRunner.SourceFiles(directory))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)))
            {
                var text = StripMarkup(token.ValueText);
                if (text.Contains(';', StringComparison.Ordinal) || text.Contains('{', StringComparison.Ordinal))
                {
                    inputs.Add(text);
                }
            }
        }

        return inputs.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Removes <c>{|ID:</c>, <c>{|#0:</c>, <c>|}</c>, <c>[|</c> and <c>|]</c>, the markup of Microsoft.CodeAnalysis.Testing.</summary>
    private static string StripMarkup(string text) => Markup().Replace(text, string.Empty);

    [GeneratedRegex(@"\{\|[^:|]*:|\|\}|\[\||\|\]")]
    private static partial Regex Markup();
}
