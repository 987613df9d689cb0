using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// Says where the evidence walk found that work can fail (<see cref="MethodSummaries.BodyShowsFault"/>,
/// <see cref="MethodSummaries.TaskShowsFault"/>): the proof's code and the method it is in, for the message of a rule that reports
/// a lost exception, and its location, for the IDE to show beside the finding. A user judges the finding by it: "it can fail at
/// 'File.ReadAllText(path)' in 'Loader.LoadAsync'" is checked in a second, "if it fails" alone is not.
/// </summary>
internal static class FaultEvidence
{
    private const int MaxCodeLength = 60;

    /// <summary>
    /// The proof's code in quotes and, when it is in another member than <paramref name="reportedIn"/>, that member; without a
    /// proof, <paramref name="fallback"/>'s code (the started call), or "its uncovered code".
    /// </summary>
    public static string Describe(Fact fact, IOperation? fallback, ISymbol? reportedIn)
    {
        if ((fact.Proof ?? fallback) is not { } proof)
        {
            return "its uncovered code";
        }

        var text = "'" + Code(proof.Syntax) + "'";
        return EnclosingMember(proof) is { } member && !SymbolEqualityComparer.Default.Equals(member, reportedIn)
            ? text + " in '" + member.ContainingType.Name + "." + Name(member) + "'"
            : text;
    }

    /// <summary>One line of the proof's code: a loop or a block is named by its header, long code is cut.</summary>
    private static string Code(SyntaxNode syntax)
    {
        var text = syntax switch
        {
            ForEachStatementSyntax loop => "foreach (" + loop.Type + " " + loop.Identifier.ValueText + " in " + loop.Expression + ")",
            ForEachVariableStatementSyntax loop => "foreach (" + loop.Variable + " in " + loop.Expression + ")",
            UsingStatementSyntax { Declaration: { } declaration } => "using (" + declaration + ")",
            UsingStatementSyntax { Expression: { } expression } => "using (" + expression + ")",
            _ => syntax.ToString(),
        };

        var builder = new StringBuilder(System.Math.Min(text.Length, MaxCodeLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            if (builder.Length >= MaxCodeLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Name(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => member.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } property } => property.Name,
        _ => member.Name,
    };

    /// <summary>The method, accessor or constructor whose body holds the proof (a lambda's or local function's owner).</summary>
    private static ISymbol? EnclosingMember(IOperation proof)
    {
        var symbol = proof.SemanticModel?.GetEnclosingSymbol(proof.Syntax.SpanStart);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol is { ContainingType: not null } ? symbol : null;
    }
}
