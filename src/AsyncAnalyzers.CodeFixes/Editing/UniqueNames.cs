using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// The one place new names come from (task locals, loop and lambda parameters, catch variables, helper locals). A name is free
/// when no symbol of that name is visible where it is declared and no local, parameter, range or pattern variable of the same
/// member body has a scope that overlaps the new name's (one declared later in the same block included; one in a sibling block,
/// or in another method of the file, is not), and no other edit of the same pass took it for an overlapping scope. The plain
/// name is used when free; a number suffix only when it and every alternative are taken.
/// </summary>
internal sealed class UniqueNames
{
    private readonly FixDocument _document;
    private readonly Dictionary<SyntaxNode, Dictionary<string, List<TextSpan>>> _declaredByBody = new();
    private readonly Dictionary<string, List<TextSpan>> _taken = new(StringComparer.Ordinal);

    public UniqueNames(FixDocument document) => _document = document;

    /// <summary>
    /// The first of <paramref name="candidates"/> that is free for a name declared at <paramref name="position"/> whose scope
    /// covers <paramref name="scope"/> of the original text (a block for a new local, an empty span at the position for a lambda
    /// parameter or catch variable the edit inserts), else the first candidate with the smallest free number suffix from 2.
    /// The name is taken for the rest of the pass.
    /// </summary>
    public string Unique(int position, TextSpan scope, params string[] candidates)
    {
        var name = candidates.FirstOrDefault(c => IsFree(c, position, scope));
        if (name is null)
        {
            for (var suffix = 2; name is null; suffix++)
            {
                var numbered = candidates[0] + suffix.ToString(CultureInfo.InvariantCulture);
                name = IsFree(numbered, position, scope) ? numbered : null;
            }
        }

        Take(name, scope.IsEmpty ? new TextSpan(position, 0) : scope);
        return name;
    }

    /// <summary>Marks a name as taken for a scope without asking (a name the edit keeps, such as a loop variable turned parameter).</summary>
    public void Take(string name, TextSpan scope)
    {
        if (!_taken.TryGetValue(name, out var scopes))
        {
            scopes = new List<TextSpan>();
            _taken.Add(name, scopes);
        }

        scopes.Add(scope);
    }

    public bool IsFree(string name, int position, TextSpan scope)
    {
        if (name.Length == 0 || !SyntaxFacts.IsValidIdentifier(name)
            || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None)
        {
            return false;
        }

        var region = scope.IsEmpty ? new TextSpan(position, 0) : scope;
        if (_taken.TryGetValue(name, out var takenScopes) && takenScopes.Any(t => Overlap(t, region)))
        {
            return false;
        }

        if (!_document.Model.LookupSymbols(position, name: name).IsEmpty)
        {
            return false;
        }

        return Body(position) is not { } body
            || !Declared(body).TryGetValue(name, out var declaredScopes)
            || !declaredScopes.Any(d => Overlap(d, region));
    }

    /// <summary><c>userName</c> for <c>UserName</c>, <c>_userName</c>, <c>m_userName</c> or <c>@UserName</c>; <c>url</c> for <c>URL</c>.</summary>
    public static string CamelCase(string name)
    {
        name = name.TrimStart('@');
        if (name.StartsWith("m_", StringComparison.Ordinal))
        {
            name = name.Substring(2);
        }

        name = name.TrimStart('_');
        if (name.Length == 0)
        {
            return name;
        }

        // A leading run of capitals is an acronym: URL → url, HTTPClient → httpClient.
        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }

        if (upper == 0)
        {
            return name;
        }

        var lowered = upper == name.Length || upper == 1 ? upper : upper - 1;
        return name.Substring(0, lowered).ToLowerInvariant() + name.Substring(lowered);
    }

    /// <summary>The name of a local holding a task: camelCase, with the <c>Task</c> suffix (<c>userTask</c>, <c>saveTask</c>).</summary>
    public static string TaskName(string baseName)
    {
        var camel = CamelCase(baseName);
        if (camel.Length == 0)
        {
            return "task";
        }

        return camel.EndsWith("Task", StringComparison.Ordinal) || camel == "task" ? camel : camel + "Task";
    }

    /// <summary>The name of one item of a collection: <c>url</c> for <c>urls</c>, <c>category</c> for <c>Categories</c>, else <c>item</c>.</summary>
    public static string ItemName(string collectionName)
    {
        var name = CamelCase(collectionName);
        if (name.Length > 3 && name.EndsWith("ies", StringComparison.Ordinal))
        {
            return name.Substring(0, name.Length - 3) + "y";
        }

        if (name.Length > 4 && (name.EndsWith("sses", StringComparison.Ordinal) || name.EndsWith("xes", StringComparison.Ordinal)
            || name.EndsWith("ches", StringComparison.Ordinal) || name.EndsWith("shes", StringComparison.Ordinal)))
        {
            return name.Substring(0, name.Length - 2);
        }

        return name.Length > 1 && name.EndsWith("s", StringComparison.Ordinal) && !name.EndsWith("ss", StringComparison.Ordinal)
            ? name.Substring(0, name.Length - 1)
            : "item";
    }

    /// <summary>Closed intervals: a point at a block's edge counts as inside it, which only ever errs towards a suffix.</summary>
    private static bool Overlap(TextSpan a, TextSpan b) => a.Start <= b.End && b.Start <= a.End;

    /// <summary>The member body (or the top-level statements) holding the position: the region whose declarations can clash.</summary>
    private SyntaxNode? Body(int position)
    {
        var token = _document.Root.FindToken(position);
        foreach (var ancestor in token.Parent?.AncestorsAndSelf() ?? Enumerable.Empty<SyntaxNode>())
        {
            switch (ancestor)
            {
                case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }:
                    return unit;
                case BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax:
                    return null;
                case MemberDeclarationSyntax member:
                    return member;
            }
        }

        return null;
    }

    private Dictionary<string, List<TextSpan>> Declared(SyntaxNode body)
    {
        if (_declaredByBody.TryGetValue(body, out var declared))
        {
            return declared;
        }

        declared = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        var nodes = body is CompilationUnitSyntax unit
            ? unit.Members.OfType<GlobalStatementSyntax>().SelectMany(g => g.DescendantNodesAndSelf())
            : body.DescendantNodesAndSelf();
        foreach (var node in nodes)
        {
            var (identifier, scope) = node switch
            {
                VariableDeclaratorSyntax declarator => (declarator.Identifier, ScopeOf(declarator)),
                SingleVariableDesignationSyntax designation => (designation.Identifier, ScopeOf(designation)),
                ForEachStatementSyntax forEach => (forEach.Identifier, forEach),
                CatchDeclarationSyntax catchDeclaration => (catchDeclaration.Identifier, catchDeclaration.Parent),
                ParameterSyntax parameter => (parameter.Identifier, parameter.Parent is BaseParameterListSyntax ? parameter.Parent.Parent : parameter.Parent),
                LocalFunctionStatementSyntax localFunction => (localFunction.Identifier, ScopeOf(localFunction)),
                TypeParameterSyntax typeParameter => (typeParameter.Identifier, typeParameter.Parent?.Parent),
                FromClauseSyntax from => (from.Identifier, QueryOf(from)),
                LetClauseSyntax let => (let.Identifier, QueryOf(let)),
                JoinClauseSyntax join => (join.Identifier, QueryOf(join)),
                JoinIntoClauseSyntax into => (into.Identifier, QueryOf(into)),
                QueryContinuationSyntax continuation => (continuation.Identifier, QueryOf(continuation)),
                _ => (default, null),
            };

            if (scope is null || !identifier.IsKind(SyntaxKind.IdentifierToken))
            {
                continue;
            }

            if (!declared.TryGetValue(identifier.ValueText, out var scopes))
            {
                scopes = new List<TextSpan>();
                declared.Add(identifier.ValueText, scopes);
            }

            scopes.Add(scope.Span);
        }

        _declaredByBody.Add(body, declared);
        return declared;
    }

    /// <summary>The block-like node a local or pattern variable is visible in (erring wide: a whole block for an if condition's pattern).</summary>
    private static SyntaxNode? ScopeOf(SyntaxNode declaration) =>
        declaration.Ancestors().FirstOrDefault(a => a is BlockSyntax or SwitchSectionSyntax or ForStatementSyntax or CommonForEachStatementSyntax
            or UsingStatementSyntax or FixedStatementSyntax or CatchClauseSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
            or SwitchExpressionArmSyntax or ArrowExpressionClauseSyntax or QueryExpressionSyntax or CompilationUnitSyntax or MemberDeclarationSyntax);

    private static QueryExpressionSyntax? QueryOf(SyntaxNode clause) => clause.FirstAncestorOrSelf<QueryExpressionSyntax>();
}
