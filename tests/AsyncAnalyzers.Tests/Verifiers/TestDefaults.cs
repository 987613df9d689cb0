using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncAnalyzers.Tests.Verifiers;

internal static class TestDefaults
{
    /// <summary>.NET 8 reference assemblies: the oldest supported runtime, and it has every async API the rules know.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = ReferenceAssemblies.Net.Net80;

    public static Solution ApplyLanguageVersion(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.CSharp12);
        return solution.WithProjectParseOptions(projectId, parseOptions);
    }
}
