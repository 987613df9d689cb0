using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Baseline;

/// <summary>
/// The key a finding has in the baseline: <c>file | member | rule | fingerprint</c>. The file is relative to the baseline's
/// folder with <c>/</c> separators; the member is the enclosing member as written (namespace, types, name, parameter types);
/// the fingerprint hashes the tokens of the reported span without trivia. Nothing depends on line numbers, whitespace,
/// comments or code outside the span, so moving code, reformatting or editing other members keeps the key; the member in
/// the key makes the same mistake written in another member a new finding. Computed from syntax only, so the analyzers
/// (recording) and the suppressor (applying) derive the same key from a diagnostic's location.
/// </summary>
internal static class Fingerprints
{
    public const string Separator = " | ";

    /// <summary>The key of a finding at <paramref name="location"/>, or null when it is not in a source file.</summary>
    public static string? EntryKey(string ruleId, Location location, string baselineDirectory)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree)
        {
            return null;
        }

        var root = tree.GetRoot();
        return string.Join(Separator, RelativePath(baselineDirectory, tree.FilePath), MemberName(root, location.SourceSpan.Start), ruleId, Hash(SpanText(root, location.SourceSpan)));
    }

    /// <summary><paramref name="path"/> relative to <paramref name="directory"/>, with <c>/</c> separators.</summary>
    public static string RelativePath(string directory, string path)
    {
        var from = Segments(directory);
        var to = Segments(path);
        // Windows paths (a drive letter) compare without case; others with it.
        var comparison = path.Length > 1 && path[1] == ':' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var common = 0;
        while (common < from.Count && common < to.Count && string.Equals(from[common], to[common], comparison))
        {
            common++;
        }

        if (common == 0)
        {
            return string.Join("/", to);
        }

        return string.Join("/", Enumerable.Repeat("..", from.Count - common).Concat(to.Skip(common)));
    }

    private static List<string> Segments(string path) =>
        path.Replace('\\', '/').Split('/').Where(s => s.Length > 0 && s != ".").ToList();

    /// <summary>
    /// The member enclosing <paramref name="position"/>, as written: <c>Namespace.Type.Method(ParamType,ParamType)</c>. Lambdas and
    /// local functions belong to their member; code outside members is named by its type, or <c>&lt;top-level&gt;</c>.
    /// Syntax, not symbols: the key must be computable from a location alone, with or without a semantic model.
    /// </summary>
    public static string MemberName(SyntaxNode root, int position)
    {
        var token = root.FindToken(position);
        var parts = new List<string>();
        string? accessor = null;
        string? member = null;
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                parts.Add(TypeOrNamespace((MemberDeclarationSyntax)node));
            }
            else if (member is null && node is AccessorDeclarationSyntax accessorDeclaration)
            {
                accessor ??= accessorDeclaration.Keyword.ValueText;
            }
            else if (member is null && node is MemberDeclarationSyntax declaration)
            {
                member = Member(declaration, position) is { } name && accessor is not null ? name + "." + accessor : Member(declaration, position);
            }
        }

        parts.Reverse();
        if (member is not null)
        {
            parts.Add(member);
        }

        return parts.Count == 0 ? "<top-level>" : string.Join(".", parts);
    }

    private static string? Member(MemberDeclarationSyntax declaration, int position) => declaration switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText + Arity(method.TypeParameterList) + Parameters(method.ParameterList),
        ConstructorDeclarationSyntax constructor => (constructor.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor") + Parameters(constructor.ParameterList),
        DestructorDeclarationSyntax => "Finalize()",
        OperatorDeclarationSyntax op => "operator" + op.OperatorToken.ValueText + Parameters(op.ParameterList),
        ConversionOperatorDeclarationSyntax conversion => "operator " + Tokens(conversion.Type) + Parameters(conversion.ParameterList),
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        IndexerDeclarationSyntax indexer => "this[" + string.Join(",", indexer.ParameterList.Parameters.Select(Parameter)) + "]",
        EventDeclarationSyntax e => e.Identifier.ValueText,
        BaseFieldDeclarationSyntax field => (field.Declaration.Variables.FirstOrDefault(v => v.FullSpan.Contains(position)) ?? field.Declaration.Variables.FirstOrDefault())?.Identifier.ValueText,
        EnumMemberDeclarationSyntax enumMember => enumMember.Identifier.ValueText,
        GlobalStatementSyntax => "<top-level>",
        _ => null,
    };

    private static string TypeOrNamespace(MemberDeclarationSyntax declaration) => declaration switch
    {
        BaseNamespaceDeclarationSyntax ns => Tokens(ns.Name),
        TypeDeclarationSyntax type => type.Identifier.ValueText + Arity(type.TypeParameterList),
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        DelegateDeclarationSyntax d => d.Identifier.ValueText + Arity(d.TypeParameterList),
        _ => string.Empty,
    };

    private static string Arity(TypeParameterListSyntax? list) => list is { Parameters.Count: > 0 } ? "`" + list.Parameters.Count : string.Empty;

    private static string Parameters(BaseParameterListSyntax list) => "(" + string.Join(",", list.Parameters.Select(Parameter)) + ")";

    private static string Parameter(ParameterSyntax parameter)
    {
        var modifiers = parameter.Modifiers.Where(m => !m.IsKind(SyntaxKind.ParamsKeyword) && !m.IsKind(SyntaxKind.ScopedKeyword)).Select(m => m.ValueText);
        return string.Join(" ", modifiers.Concat(new[] { parameter.Type is null ? "?" : Tokens(parameter.Type) }));
    }

    private static string Tokens(SyntaxNode node) => string.Concat(node.DescendantTokens().Select(t => t.Text));

    /// <summary>The tokens of <paramref name="span"/> without trivia, separated by single spaces: whitespace and comments do not count.</summary>
    public static string SpanText(SyntaxNode root, TextSpan span)
    {
        // From the token at the start, token by token: the suppressor keys every finding of a build, and walking down from the root
        // for each one (DescendantTokens) cost more than everything else it does.
        var builder = new StringBuilder();
        for (var token = root.FindToken(span.Start); token.RawKind != 0 && (token.SpanStart < span.End || (span.IsEmpty && token.SpanStart <= span.Start)); token = token.GetNextToken())
        {
            if (token.Span.Length > 0 && (token.Span.OverlapsWith(span) || (span.IsEmpty && token.Span.Contains(span.Start))))
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(token.Text);
            }
        }

        return builder.ToString();
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units, as 16 lower-case hex digits: the same on every machine and runtime.</summary>
    public static string Hash(string text)
    {
        const ulong Offset = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = Offset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
