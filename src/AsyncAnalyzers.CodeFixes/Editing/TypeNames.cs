using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Editing;

/// <summary>
/// The one place a fix names a type (<c>Task</c>, <c>CancellationToken</c>, <c>Parallel</c>, ...) and adds the using directive
/// that makes the name bind. A type is written by its simple name when that name binds to it at the position, or when no symbol
/// of that name is visible there (its namespace is then imported, once per document and pass); otherwise (a user's own type or
/// member named <c>Task</c>) by its global-qualified name, which the Simplifier shortens as far as it still binds. New using
/// directives go where the file keeps its usings, in order when they are ordered (System first under
/// <c>dotnet_sort_system_directives_first</c>, its default), after global usings and after the file's header comments.
/// </summary>
internal sealed class TypeNames
{
    private const string SortSystemFirstOption = "dotnet_sort_system_directives_first";

    private readonly FixDocument _document;
    private readonly SortedSet<string> _imports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _qualifiedNamespaces = new(StringComparer.Ordinal);

    public TypeNames(FixDocument document) => _document = document;

    /// <summary>A name for <paramref name="type"/> at <paramref name="position"/>, with <paramref name="typeArguments"/> for a generic type.</summary>
    public NameSyntax Name(INamedTypeSymbol type, int position, params TypeSyntax[] typeArguments)
    {
        var definition = type.OriginalDefinition;
        if (BindsOrImports(definition, position))
        {
            return Simple(definition, typeArguments);
        }

        var qualified = SyntaxFactory.ParseName(QualifiedText(definition));
        if (typeArguments.Length > 0)
        {
            qualified = qualified switch
            {
                QualifiedNameSyntax q => q.WithRight(Simple(definition, typeArguments)),
                AliasQualifiedNameSyntax a => a.WithName(Simple(definition, typeArguments)),
                _ => Simple(definition, typeArguments),
            };
        }

        return qualified.WithAdditionalAnnotations(Simplifier.Annotation);
    }

    /// <summary>The type named in an expression (<c>Task</c> in <c>Task.Delay(...)</c>): a member access where it must be qualified.</summary>
    public ExpressionSyntax Expression(INamedTypeSymbol type, int position)
    {
        var definition = type.OriginalDefinition;
        return BindsOrImports(definition, position)
            ? SyntaxFactory.IdentifierName(definition.Name)
            : SyntaxFactory.ParseExpression(QualifiedText(definition)).WithAdditionalAnnotations(Simplifier.Annotation);
    }

    /// <summary>A type the compilation may lack named in an expression: the global-qualified <paramref name="fullName"/> when it does.</summary>
    public ExpressionSyntax Expression(INamedTypeSymbol? type, string fullName, int position) =>
        type is not null
            ? Expression(type, position)
            : SyntaxFactory.ParseExpression("global::" + fullName).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>A type the compilation may lack named as a type: the global-qualified <paramref name="fullName"/> when it does.</summary>
    public NameSyntax Name(INamedTypeSymbol? type, string fullName, int position) =>
        type is not null
            ? Name(type, position)
            : SyntaxFactory.ParseName("global::" + fullName).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>True when the simple name binds to the type here, or will once its namespace is imported (then recorded).</summary>
    private bool BindsOrImports(INamedTypeSymbol definition, int position)
    {
        var model = _document.Model;
        var sameArity = model.LookupNamespacesAndTypes(position, name: definition.Name)
            .Where(s => s is INamedTypeSymbol named ? named.Arity == definition.Arity : definition.Arity == 0)
            .ToList();
        if (sameArity.Count > 0 && sameArity.All(s => SymbolEqualityComparer.Default.Equals(s.OriginalDefinition, definition)))
        {
            return true;
        }

        if (definition.ContainingType is null && definition.ContainingNamespace is { IsGlobalNamespace: false } ns
            && model.LookupSymbols(position, name: definition.Name).IsEmpty
            && !FileQualifies(ns.ToDisplayString()))
        {
            _imports.Add(ns.ToDisplayString());
            return true;
        }

        return false;
    }

    /// <summary>
    /// True when the file imports nothing and writes names of the namespace qualified (<c>System.Threading.Tasks.Task&lt;int&gt;</c>):
    /// the new name follows the file and is qualified too. A file with using directives gets one more.
    /// </summary>
    private bool FileQualifies(string namespaceName)
    {
        if (!_qualifiedNamespaces.TryGetValue(namespaceName, out var qualifies))
        {
            qualifies = !_document.Root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().Any()
                && _document.Root.DescendantNodes(n => n is not UsingDirectiveSyntax)
                .Any(n => n is QualifiedNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax
                    && n.Parent is QualifiedNameSyntax or MemberAccessExpressionSyntax
                    && n.Parent is not UsingDirectiveSyntax
                    && n.ToString().Replace("global::", string.Empty) == namespaceName);
            _qualifiedNamespaces.Add(namespaceName, qualifies);
        }

        return qualifies;
    }

    private static SimpleNameSyntax Simple(INamedTypeSymbol definition, TypeSyntax[] typeArguments) =>
        typeArguments.Length == 0
            ? SyntaxFactory.IdentifierName(definition.Name)
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier(definition.Name), SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(typeArguments)));

    private static string QualifiedText(INamedTypeSymbol definition) =>
        definition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));

    /// <summary>Imports a namespace for a name the fix writes unqualified (an extension method such as <c>Select</c>).</summary>
    public void Import(string namespaceName) => _imports.Add(namespaceName);

    /// <summary>The root with a using directive for every namespace imported in this pass that the file does not already import.</summary>
    public SyntaxNode AddImports(SyntaxNode root)
    {
        if (_imports.Count == 0 || root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        var newLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (newLine.IsKind(SyntaxKind.None))
        {
            newLine = SyntaxFactory.CarriageReturnLineFeed;
        }

        // The namespace's own usings when the file keeps them there (and has none at the top).
        var inNamespace = unit.Usings.Count == 0
            ? unit.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(n => n.Usings.Count > 0)
            : null;
        var usings = inNamespace?.Usings ?? unit.Usings;
        var systemFirst = SortSystemFirst();
        foreach (var import in _imports)
        {
            if (usings.Any(u => IsPlain(u) && u.Name?.ToString() == import))
            {
                continue;
            }

            usings = Insert(usings, import, newLine, systemFirst, hasMembersAfter: unit.Members.Count > 0);
        }

        if (inNamespace is not null)
        {
            return unit.ReplaceNode(inNamespace, inNamespace.WithUsings(usings));
        }

        if (unit.Usings.Count == 0 && unit.Members.Count > 0 && usings.Count > 0)
        {
            // The file's header comments stay on top: they move from the first member to the first directive.
            var header = unit.Members[0].GetLeadingTrivia();
            var first = usings[0].WithLeadingTrivia(header.Concat(usings[0].GetLeadingTrivia()));
            return unit.WithMembers(unit.Members.Replace(unit.Members[0], unit.Members[0].WithLeadingTrivia()))
                .WithUsings(usings.Replace(usings[0], first));
        }

        return unit.WithUsings(usings);
    }

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, string import, SyntaxTrivia newLine, bool systemFirst, bool hasMembersAfter)
    {
        var directive = SyntaxFactory.ParseCompilationUnit("using " + import + ";").Usings[0].WithTrailingTrivia(newLine);
        if (usings.Count == 0)
        {
            // The only directive: a blank line separates it from the code.
            return SyntaxFactory.SingletonList(hasMembersAfter ? directive.WithTrailingTrivia(newLine, newLine) : directive);
        }

        // Global usings must come first; the new one goes among the plain ones, in order if they are in order, else after them.
        var plain = Enumerable.Range(0, usings.Count).Where(i => IsPlain(usings[i])).ToList();
        var lastGlobal = -1;
        for (var i = 0; i < usings.Count; i++)
        {
            lastGlobal = usings[i].GlobalKeyword.IsKind(SyntaxKind.None) ? lastGlobal : i;
        }

        int index;
        if (plain.Count == 0)
        {
            index = lastGlobal + 1;
        }
        else
        {
            var names = plain.Select(i => usings[i].Name!.ToString()).ToList();
            Func<string, string, int> compare = systemFirst ? CompareSystemFirst : CompareOrdinal;
            var sorted = IsSorted(names, compare) ? compare : IsSorted(names, systemFirst ? CompareOrdinal : CompareSystemFirst) ? (systemFirst ? CompareOrdinal : CompareSystemFirst) : null;
            var after = sorted is null ? -1 : plain.FindIndex(i => sorted(usings[i].Name!.ToString(), import) > 0);
            index = after < 0 ? plain[plain.Count - 1] + 1 : plain[after];
        }

        if (index == 0)
        {
            // The first directive carries the file's header comments; they stay on top.
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
        }
        else if (index == usings.Count && usings[index - 1].GetTrailingTrivia().Count(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) > 1)
        {
            // After the last directive, the blank line that separated it from the code moves down.
            var last = usings[index - 1];
            directive = directive.WithTrailingTrivia(last.GetTrailingTrivia());
            usings = usings.Replace(last, last.WithTrailingTrivia(newLine));
        }

        return usings.Insert(index, directive);
    }

    private bool SortSystemFirst()
    {
        var options = _document.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(_document.Tree);
        return !options.TryGetValue(SortSystemFirstOption, out var value) || !bool.TryParse(value.Trim(), out var systemFirst) || systemFirst;
    }

    private static bool IsSorted(List<string> names, Func<string, string, int> compare)
    {
        for (var i = 1; i < names.Count; i++)
        {
            if (compare(names[i - 1], names[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareOrdinal(string a, string b)
    {
        var ignoringCase = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(a, b);
    }

    private static int CompareSystemFirst(string a, string b)
    {
        var systemA = IsSystem(a);
        var systemB = IsSystem(b);
        return systemA != systemB ? (systemA ? -1 : 1) : CompareOrdinal(a, b);
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

    private static bool IsPlain(UsingDirectiveSyntax directive) =>
        directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.GlobalKeyword.IsKind(SyntaxKind.None) && directive.Name is not null;
}
