using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Rules;

/// <summary>
/// ASYNC901: an <c>async_analyzers.*</c> .editorconfig option that is unknown or malformed. Reported once per (key, value)
/// at the end of the compilation, on the first line of the first file (by path) the value applies to, so a bad
/// <c>[*.cs]</c> setting gives one warning rather than one per file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptionsValidationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ASYNC901);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var problems = new ConcurrentDictionary<(string Key, string Value, string Reason), SyntaxTree>();

            // The exception handler names a method, so checking it needs the compilation; each value is resolved once per compilation.
            var handlers = CompilationServices.TryGet(start.Compilation)?.ExceptionHandlers;
            start.RegisterSyntaxTreeAction(tree =>
            {
                var options = tree.Options.AnalyzerConfigOptionsProvider.GetOptions(tree.Tree);
                foreach (var key in options.Keys)
                {
                    if (!key.StartsWith(AnalyzerOptionKeys.Prefix, StringComparison.OrdinalIgnoreCase) || !options.TryGetValue(key, out var value))
                    {
                        continue;
                    }

                    // .editorconfig keys arrive lower-cased; report them as documented.
                    var canonical = AnalyzerOptionKeys.All.TryGetKey(key, out var known) ? known : key;
                    foreach (var reason in Validate(key, value, handlers))
                    {
                        problems.AddOrUpdate((canonical, value, reason), tree.Tree, (_, existing) => string.CompareOrdinal(existing.FilePath, tree.Tree.FilePath) <= 0 ? existing : tree.Tree);
                    }
                }
            });

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var problem in problems.OrderBy(p => p.Key.Key, StringComparer.Ordinal).ThenBy(p => p.Key.Reason, StringComparer.Ordinal))
                {
                    var tree = problem.Value;
                    var location = Location.Create(tree, new TextSpan(0, 0));
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.ASYNC901, location, problem.Key.Key, problem.Key.Value, problem.Key.Reason));
                }
            });
        });
    }

    private static ImmutableArray<string> Validate(string key, string value, ExceptionHandlers? handlers)
    {
        if (!AnalyzerOptionKeys.All.ContainsKey(key))
        {
            return ImmutableArray.Create("this option does not exist; see docs/configuration.md for the options AsyncAnalyzers reads");
        }

        if (string.Equals(key, AnalyzerOptionKeys.Async103ExcludedMethods, StringComparison.OrdinalIgnoreCase)
            || string.Equals(key, AnalyzerOptionKeys.Async201ExcludedMethods, StringComparison.OrdinalIgnoreCase))
        {
            return SymbolNameList.Parse(value).Errors;
        }

        if (string.Equals(key, AnalyzerOptionKeys.Async201MakePublicMethodsAsync, StringComparison.OrdinalIgnoreCase))
        {
            return bool.TryParse(value.Trim(), out _) ? ImmutableArray<string>.Empty : ImmutableArray.Create("expected true or false");
        }

        if (string.Equals(key, AnalyzerOptionKeys.Async301ConcurrentSafeTypes, StringComparison.OrdinalIgnoreCase)
            || string.Equals(key, AnalyzerOptionKeys.Async301UnsafeTypes, StringComparison.OrdinalIgnoreCase))
        {
            var list = SymbolNameList.Parse(value);
            return list.HasMethods ? list.Errors.Add("this option lists types only (T:Namespace.Type); M: entries are not understood") : list.Errors;
        }

        if (string.Equals(key, AnalyzerOptionKeys.ExceptionHandler, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value)
            && handlers?.Resolve(value).Error is { } error)
        {
            return ImmutableArray.Create(error);
        }

        return ImmutableArray<string>.Empty;
    }
}
