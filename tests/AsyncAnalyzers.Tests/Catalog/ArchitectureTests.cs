using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Tests.Infrastructure;
using Xunit;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>
/// docs/architecture.md names every Semantics/ file, and the layers depend only downwards:
/// Symbols ← Bodies/Calls ← Gather, Summaries ← Rules. A file's layer is its folder; its dependencies are its usings.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Each layer and the Semantics namespaces it may use besides its own.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Symbols"] = Array.Empty<string>(),
        ["Bodies"] = new[] { "Symbols", "Calls" },
        ["Calls"] = new[] { "Symbols", "Bodies" },
        ["Gather"] = new[] { "Symbols", "Bodies", "Calls" },
        ["Summaries"] = new[] { "Symbols", "Bodies", "Calls" },
    };

    private static string SemanticsFolder => Catalog.RepositoryFile("src", "AsyncAnalyzers", "Semantics");

    [Fact]
    public void ArchitectureDoc_NamesEverySemanticsFile()
    {
        var doc = Catalog.ReadNormalized(Catalog.RepositoryFile("docs", "architecture.md"));
        var missing = AnalyzerRunner.SourceFiles(SemanticsFolder)
            .Select(Path.GetFileName)
            .Where(name => !doc.Contains(name!, StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md does not name these Semantics/ files: " + string.Join(", ", missing));
    }

    [Fact]
    public void SemanticsFiles_AreInAKnownLayer()
    {
        var unknown = AnalyzerRunner.SourceFiles(SemanticsFolder)
            .Select(f => Path.GetRelativePath(SemanticsFolder, f))
            .Where(relative => relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Allowed.ContainsKey(relative.Split(Path.DirectorySeparatorChar)[0]))
            .ToList();
        Assert.True(unknown.Count == 0, "Semantics/ files outside the layers Symbols, Bodies, Calls, Gather, Summaries: " + string.Join(", ", unknown));
    }

    [Fact]
    public void SemanticsLayers_DependOnlyDownwards()
    {
        var violations = new List<string>();
        foreach (var file in AnalyzerRunner.SourceFiles(SemanticsFolder))
        {
            var relative = Path.GetRelativePath(SemanticsFolder, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            var text = File.ReadAllText(file);
            var usings = Regex.Matches(text, @"^using AsyncAnalyzers\.([\w.]+);", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            if (usings.Any(u => u.StartsWith("Rules", StringComparison.Ordinal)))
            {
                violations.Add($"{relative} uses a rule");
            }

            if (parts.Length < 2)
            {
                continue; // the composition root (CompilationServices) may use every layer
            }

            foreach (var used in usings.Where(u => u.StartsWith("Semantics.", StringComparison.Ordinal)).Select(u => u["Semantics.".Length..]))
            {
                if (used != parts[0] && !Allowed[parts[0]].Contains(used))
                {
                    violations.Add($"{relative} ({parts[0]}) uses {used}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Layering: " + string.Join("; ", violations));
    }

    [Fact]
    public void OnlyMethodBodies_ReachesOtherFilesSemanticModels()
    {
        var offenders = AnalyzerRunner.SourceFiles(Catalog.RepositoryFile("src", "AsyncAnalyzers"))
            .Where(f => !f.EndsWith("MethodBodies.cs", StringComparison.Ordinal))

            // A suppressor sees only reported diagnostics, no operation: SuppressionAnalysisContext.GetSemanticModel(tree) is its one way
            // to the model of the finding's own file.
            .Where(f => !f.EndsWith("Suppressor.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(".GetSemanticModel(", StringComparison.Ordinal))
            .ToList();
        Assert.True(offenders.Count == 0, "Compilation.GetSemanticModel outside Semantics/Summaries/MethodBodies.cs: " + string.Join(", ", offenders));
    }

    [Fact]
    public void RulesNeverCreateServices()
    {
        // The lifetime rule: a service with a cache comes from CompilationServices, never new-ed inside a rule.
        var services = new[] { "AsyncCounterparts", "StartedWork", "ExceptionHandlers", "MethodBodies", "MethodSummaries", "ConcurrencySafety" };
        var offenders = AnalyzerRunner.SourceFiles(Catalog.RepositoryFile("src", "AsyncAnalyzers", "Rules"))
            .SelectMany(f => services.Where(s => Regex.IsMatch(File.ReadAllText(f), @"new\s+" + s + @"\s*\(|\b" + s + @"\.Create\(")).Select(s => $"{Path.GetFileName(f)} creates {s}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join(", ", offenders));
    }
}
