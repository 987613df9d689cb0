using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncAnalyzers.Tests.Verifiers;

internal static class TestDefaults
{
    /// <summary>.NET 8 reference assemblies: the oldest supported runtime, and it has every async API the rules know.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = ReferenceAssemblies.Net.Net80;

    /// <summary>
    /// A library compiled from <paramref name="source"/> and referenced as metadata, as a package is: its symbols have no source,
    /// unlike a project added to the test solution.
    /// </summary>
    public static MetadataReference CompiledLibrary(string assemblyName, string source)
    {
        var references = ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, System.Threading.CancellationToken.None).GetAwaiter().GetResult();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        var emitted = compilation.Emit(image);
        Xunit.Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    public static Solution ApplyLanguageVersion(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.CSharp12);
        return solution.WithProjectParseOptions(projectId, parseOptions);
    }
}
