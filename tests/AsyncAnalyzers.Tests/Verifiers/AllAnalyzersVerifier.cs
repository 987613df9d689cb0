using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncAnalyzers.Tests.Verifiers;

/// <summary>
/// Runs every analyzer of the package at once, so a test's markup lists every diagnostic the package reports on the snippet:
/// a second diagnostic for the same mistake fails the test (the Overlap suite).
/// </summary>
public static class AllAnalyzersVerifier
{
    public static async Task VerifyAsync(string source, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var test = new Test { TestCode = source };
        test.TestState.OutputKind = outputKind;
        await test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<NoAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestDefaults.ReferenceAssemblies;
            SolutionTransforms.Add(TestDefaults.ApplyLanguageVersion);
            SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
                projectId,
                ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable)));

            // CS4014 is the compiler's own "unawaited call" warning; the Overlap suite asserts against it explicitly.
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => AnalyzerRunner.AllAnalyzers;
    }

    /// <summary>Placeholder type argument; the analyzers actually run come from <see cref="Test.GetDiagnosticAnalyzers"/>.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        }
    }
}
