using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Baseline;

/// <summary>
/// How every rule creates its diagnostic. While the build records the baseline (<c>AsyncAnalyzersBaseline=update</c>) the
/// diagnostic carries its baseline key in <see cref="DiagnosticProperties.BaselineEntry"/>, which the compiler writes to the
/// error log for the build to collect; otherwise this is <see cref="Diagnostic.Create(DiagnosticDescriptor, Location?, IEnumerable{Location}?, ImmutableDictionary{string, string?}?, object?[])"/>
/// after one option look-up. Analyzers may not write files (RS1035), so the diagnostics themselves carry what is recorded.
/// </summary>
internal static class Findings
{
    public static Diagnostic Create(
        AnalyzerOptions options,
        DiagnosticDescriptor descriptor,
        Location location,
        IEnumerable<Location>? additionalLocations,
        ImmutableDictionary<string, string?>? properties,
        params object?[] messageArgs)
    {
        if (BaselineSettings.RecordingDirectory(options) is { } directory && Fingerprints.EntryKey(descriptor.Id, location, directory) is { } key)
        {
            properties = (properties ?? ImmutableDictionary<string, string?>.Empty).SetItem(DiagnosticProperties.BaselineEntry, key);
        }

        return Diagnostic.Create(descriptor, location, additionalLocations, properties, messageArgs);
    }
}
