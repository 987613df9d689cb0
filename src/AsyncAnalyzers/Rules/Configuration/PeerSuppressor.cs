using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Rules.Configuration;

/// <summary>
/// Honors the decisions a codebase has already recorded against the peer rules that report the same mistake: a finding is
/// suppressed where the code suppresses an equivalent rule of vs-threading, Meziantou, AsyncFixer, Roslynator or the .NET
/// analyzers at that place: <c>[SuppressMessage("Usage", "VSTHRD002:...", Justification = "Reviewed")]</c> on the member or a type
/// around it, the same attribute at assembly level with <c>Scope = "member"</c> or <c>"type"</c> and its <c>Target</c>, or an
/// active <c>#pragma warning disable VSTHRD002</c>. The maintainers reviewed that code for that mistake; reporting it again is noise
/// (docs/configuration.md, "Peer suppressions"). <c>async_analyzers.honor_peer_suppressions = false</c> turns it off.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PeerSuppressor : DiagnosticSuppressor
{
    /// <summary>Each rule and the peer rules that report the same mistake (the rule pages name them under "Related rules").</summary>
    internal static readonly ImmutableDictionary<string, ImmutableArray<string>> Peers = new Dictionary<string, ImmutableArray<string>>
    {
        [DiagnosticIds.BlockingWaitInAsyncCode] = ImmutableArray.Create("VSTHRD002", "VSTHRD103", "MA0042", "MA0045", "CA1849", "AsyncFixer02"),
        [DiagnosticIds.ThreadSleepInAsyncCode] = ImmutableArray.Create("VSTHRD103", "MA0042", "CA1849", "AsyncFixer02"),
        [DiagnosticIds.SyncApiWithAsyncCounterpart] = ImmutableArray.Create("VSTHRD103", "MA0042", "MA0045", "CA1849", "AsyncFixer02"),
        [DiagnosticIds.SyncOverAsync] = ImmutableArray.Create("VSTHRD002", "MA0045"),
        [DiagnosticIds.SynchronousDisposal] = ImmutableArray.Create("VSTHRD103", "MA0042", "RCS1261"),
        [DiagnosticIds.UnawaitedTask] = ImmutableArray.Create("VSTHRD110", "MA0134", "CS4014"),
        [DiagnosticIds.AsyncVoidMethod] = ImmutableArray.Create("VSTHRD100", "AsyncFixer03", "MA0155"),
        [DiagnosticIds.AsyncLambdaToVoidDelegate] = ImmutableArray.Create("VSTHRD101", "AsyncFixer03"),
        [DiagnosticIds.NullTaskReturned] = ImmutableArray.Create("VSTHRD114", "MA0022"),
        [DiagnosticIds.NestedTaskAwaited] = ImmutableArray.Create("AsyncFixer05"),
        [DiagnosticIds.ValueTaskConsumedTwice] = ImmutableArray.Create("CA2012"),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private static readonly ImmutableDictionary<string, SuppressionDescriptor> Descriptors = Peers.Keys.ToImmutableDictionary(
        id => id,
        id => new SuppressionDescriptor(id + ".Peer", id, "The code suppresses an equivalent peer rule here (" + string.Join(", ", Peers[id]) + "): its maintainers reviewed it for this mistake"),
        StringComparer.Ordinal);

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
        Descriptors.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        AssemblySuppressions? assembly = null;
        var pragmas = new Dictionary<SyntaxTree, List<PragmaWarning>>();
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (!Descriptors.TryGetValue(diagnostic.Id, out var descriptor) || diagnostic.Location.SourceTree is not { } tree
                || !Honors(context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree)))
            {
                continue;
            }

            var peers = Peers[diagnostic.Id];
            var position = diagnostic.Location.SourceSpan.Start;
            if (IsDisabledByPragma(tree, position, peers, pragmas, context.CancellationToken))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                continue;
            }

            var model = context.GetSemanticModel(tree);
            assembly ??= AssemblySuppressions.Read(context.Compilation);
            for (var symbol = DeclarationAround(model, diagnostic.Location, context.CancellationToken); symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                if (SuppressedOn(symbol, peers) || assembly.Suppresses(symbol, peers))
                {
                    context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The member or local function the finding is in, also when it sits on the declaration's name (ASYNC202 reports
    /// <c>async void Poll</c> at <c>Poll</c>, where the enclosing symbol is the type).
    /// </summary>
    private static ISymbol? DeclarationAround(SemanticModel model, Location location, System.Threading.CancellationToken cancellationToken)
    {
        for (var node = model.SyntaxTree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax
                && model.GetDeclaredSymbol(node, cancellationToken) is { } declared and not INamespaceSymbol)
            {
                return declared;
            }
        }

        return model.GetEnclosingSymbol(location.SourceSpan.Start, cancellationToken);
    }

    /// <summary>True unless <c>async_analyzers.honor_peer_suppressions</c> is <c>false</c> (ASYNC901 reports any other value).</summary>
    private static bool Honors(AnalyzerConfigOptions options) =>
        !(options.TryGetValue(AnalyzerOptionKeys.HonorPeerSuppressions, out var value) && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>A <c>SuppressMessage</c> (or <c>UnconditionalSuppressMessage</c>) on the symbol whose check ID names a peer.</summary>
    private static bool SuppressedOn(ISymbol symbol, ImmutableArray<string> peers)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsSuppressMessage(attribute) && NamesPeer(attribute, peers))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSuppressMessage(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "SuppressMessageAttribute" or "UnconditionalSuppressMessageAttribute" } type
        && type.ContainingNamespace?.ToDisplayString() == "System.Diagnostics.CodeAnalysis";

    /// <summary>The attribute's check ID (<c>"VSTHRD002"</c>, <c>"VSTHRD002:Avoid problematic synchronous waits"</c>) is one of the peers.</summary>
    private static bool NamesPeer(AttributeData attribute, ImmutableArray<string> peers)
    {
        if (attribute.ConstructorArguments.Length < 2 || attribute.ConstructorArguments[1].Value is not string checkId)
        {
            return false;
        }

        var colon = checkId.IndexOf(':');
        var id = (colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim();
        return peers.Contains(id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A <c>#pragma warning disable</c> of a peer before the position, not restored before it.</summary>
    private static bool IsDisabledByPragma(SyntaxTree tree, int position, ImmutableArray<string> peers, Dictionary<SyntaxTree, List<PragmaWarning>> cache, System.Threading.CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(tree, out var directives))
        {
            directives = new List<PragmaWarning>();
            var root = tree.GetRoot(cancellationToken);
            if (root.ContainsDirectives)
            {
                foreach (var trivia in root.DescendantTrivia())
                {
                    if (trivia.GetStructure() is PragmaWarningDirectiveTriviaSyntax pragma)
                    {
                        directives.Add(new PragmaWarning(pragma));
                    }
                }
            }

            cache[tree] = directives;
        }

        var disabled = false;
        foreach (var directive in directives)
        {
            if (directive.Position > position)
            {
                break;
            }

            if (directive.Names(peers))
            {
                disabled = directive.Disables;
            }
        }

        return disabled;
    }

    /// <summary>One <c>#pragma warning</c> directive: where it is, whether it disables, and the IDs it lists (none: every warning).</summary>
    private sealed class PragmaWarning
    {
        private readonly ImmutableArray<string> _ids;

        public PragmaWarning(PragmaWarningDirectiveTriviaSyntax pragma)
        {
            Position = pragma.SpanStart;
            Disables = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            _ids = pragma.ErrorCodes.Select(code => code is IdentifierNameSyntax name ? name.Identifier.ValueText : code.ToString().Trim()).ToImmutableArray();
        }

        public int Position { get; }

        public bool Disables { get; }

        // A bare "#pragma warning disable" turns off every warning, peers included; the compiler already hides ours there.
        public bool Names(ImmutableArray<string> peers) => _ids.Any(id => peers.Contains(id, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The assembly-level suppressions of peers (GlobalSuppressions.cs) with a member or type target, read once per run.</summary>
    private sealed class AssemblySuppressions
    {
        private static readonly AssemblySuppressions None = new(new List<(string Target, string Id)>());
        private readonly List<(string Target, string Id)> _entries;

        private AssemblySuppressions(List<(string Target, string Id)> entries) => _entries = entries;

        public static AssemblySuppressions Read(Compilation compilation)
        {
            var entries = new List<(string Target, string Id)>();
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (!IsSuppressMessage(attribute) || attribute.ConstructorArguments.Length < 2 || attribute.ConstructorArguments[1].Value is not string checkId)
                {
                    continue;
                }

                string? scope = null;
                string? target = null;
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "Scope")
                    {
                        scope = argument.Value.Value as string;
                    }
                    else if (argument.Key == "Target")
                    {
                        target = argument.Value.Value as string;
                    }
                }

                if (target is null || !string.Equals(scope, "member", StringComparison.OrdinalIgnoreCase) && !string.Equals(scope, "type", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var colon = checkId.IndexOf(':');
                entries.Add((target.Trim().TrimStart('~'), (colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim()));
            }

            return entries.Count == 0 ? None : new AssemblySuppressions(entries);
        }

        public bool Suppresses(ISymbol symbol, ImmutableArray<string> peers)
        {
            if (_entries.Count == 0 || symbol.GetDocumentationCommentId() is not { } id)
            {
                return false;
            }

            foreach (var (target, peer) in _entries)
            {
                if (string.Equals(target, id, StringComparison.Ordinal) && peers.Contains(peer, StringComparer.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
