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

namespace AsyncAnalyzers.Rules.Configuration;

/// <summary>
/// ASYNC901: an <c>async_analyzers.*</c> .editorconfig option that is unknown or malformed. Reported once per (key, value)
/// at the end of the compilation, on the first line of the first file (by path) the value applies to, so a bad
/// <c>[*.cs]</c> setting gives one warning rather than one per file. Each known option is checked by its
/// <see cref="OptionKind"/> from the table <see cref="AnalyzerOptionKeys.Options"/>; this file names no option.
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
                    var option = AnalyzerOptionKeys.Find(key);
                    var canonical = option?.Key ?? key;
                    foreach (var reason in Validate(option, value, handlers))
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

    private static ImmutableArray<string> Validate(AnalyzerOption? option, string value, ExceptionHandlers? handlers)
    {
        if (option is null)
        {
            return ImmutableArray.Create("this option does not exist; see docs/configuration.md for the options AsyncAnalyzers reads");
        }

        switch (option.Kind)
        {
            case OptionKind.SymbolList:
                return SymbolNameList.Parse(value).Errors;

            case OptionKind.TypeList:
                var list = SymbolNameList.Parse(value);
                return list.HasMethods ? list.Errors.Add("this option lists types only (T:Namespace.Type); M: entries are not understood") : list.Errors;

            case OptionKind.Boolean:
                return bool.TryParse(value.Trim(), out _) ? ImmutableArray<string>.Empty : ImmutableArray.Create("expected true or false");

            case OptionKind.ReceiverAssumption:
                return string.Equals(value.Trim(), ReceiverAssumption.AssumeSafe, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(value.Trim(), ReceiverAssumption.AssumeUnsafe, StringComparison.OrdinalIgnoreCase)
                    ? ImmutableArray<string>.Empty
                    : ImmutableArray.Create("expected assume_safe or assume_unsafe");

            case OptionKind.MethodName:
                // Naming a method needs the compilation; each value is resolved once per compilation.
                return !string.IsNullOrWhiteSpace(value) && handlers?.Resolve(value).Error is { } error ? ImmutableArray.Create(error) : ImmutableArray<string>.Empty;

            default:
                return ImmutableArray<string>.Empty;
        }
    }
}
