using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Rules.Blocking;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncAnalyzers.CodeFixes.Rules.Blocking;

/// <summary>ASYNC103: <c>x.Foo(a)</c> → <c>await x.FooAsync(a, token)</c>, keeping receiver, type arguments, arguments and trivia.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncApiWithAsyncCounterpartCodeFix))]
[Shared]
public sealed class SyncApiWithAsyncCounterpartCodeFix : CodeFixProvider
{
    private const string AwaitCounterpartKey = "ASYNC103.AwaitCounterpart";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncApiWithAsyncCounterpart);

    // Fixes nest (writer.Write(File.ReadAllText(p))), so Fix All applies every diagnostic of a document in one editor pass.
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || FindCall(root, diagnostic) is null || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Counterpart, out var name))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Await '{name}'",
                    cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                    AwaitCounterpartKey),
                diagnostic);
        }
    }

    /// <summary>The call a fixable diagnostic points at, or null when there is nothing to fix.</summary>
    private static InvocationExpressionSyntax? FindCall(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Counterpart, out var name)
            || string.IsNullOrEmpty(name))
        {
            return null;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax
        {
            Expression: SimpleNameSyntax or MemberAccessExpressionSyntax { Name: SimpleNameSyntax },
        } invocation
            ? invocation
            : null;
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (CompilationServices.TryGet(editor.SemanticModel.Compilation)?.Symbols is not { } symbols)
        {
            return document;
        }

        var imports = new HashSet<string>(StringComparer.Ordinal);

        // Innermost calls first, so an enclosing call's rewrite starts from its already-rewritten arguments.
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Length))
        {
            if (FindCall(editor.OriginalRoot, diagnostic) is not { } call)
            {
                continue;
            }

            var token = TokenArgument(editor, call, diagnostic, symbols, imports, cancellationToken);
            var properties = diagnostic.Properties;
            var name = properties[DiagnosticProperties.Counterpart]!;
            var isExtension = properties.ContainsKey(DiagnosticProperties.Extension);
            editor.ReplaceNode(call, (current, _) => current is InvocationExpressionSyntax invocation
                ? AwaitEditing.AwaitReplacing(invocation, Rewrite(invocation, name, isExtension, token))
                : current);
        }

        return await TokenEditing.AddImportsAsync(editor.GetChangedDocument(), imports, cancellationToken).ConfigureAwait(false);
    }

    private static InvocationExpressionSyntax Rewrite(InvocationExpressionSyntax invocation, string name, bool isExtension, ArgumentSyntax? token)
    {
        ExpressionSyntax expression = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.WithName(Rename(access.Name, name)),

            // An extension method is found through a receiver only: Save() becomes this.SaveAsync().
            SimpleNameSyntax simple when isExtension => SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ThisExpression(),
                Rename(simple, name).WithoutLeadingTrivia()).WithLeadingTrivia(simple.GetLeadingTrivia()),
            SimpleNameSyntax simple => Rename(simple, name),
            var other => other,
        };

        var arguments = invocation.ArgumentList;
        if (token is not null)
        {
            arguments = arguments.WithArguments(arguments.Arguments.Add(token));
        }

        return invocation.WithExpression(expression).WithArgumentList(arguments);
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName) =>
        name.WithIdentifier(TokenEditing.Identifier(newName).WithTriviaFrom(name.Identifier));

    /// <summary>
    /// The token argument to append: the token in scope, else <c>CancellationToken.None</c> when the counterpart requires one,
    /// else nothing. Named when the call names its arguments or leaves optional parameters out, where a positional token
    /// would bind to the wrong parameter.
    /// </summary>
    private static ArgumentSyntax? TokenArgument(DocumentEditor editor, InvocationExpressionSyntax call, Diagnostic diagnostic, AsyncSymbols symbols, ISet<string> imports, CancellationToken cancellationToken)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(DiagnosticProperties.TokenParameter, out var parameterName) || parameterName is null)
        {
            return null;
        }

        var required = properties.ContainsKey(DiagnosticProperties.TokenRequired);
        var value = properties.TryGetValue(DiagnosticProperties.TokenInScope, out var inScope) && inScope is not null
            ? TokenEditing.TokenInScope(editor.SemanticModel, call.SpanStart, inScope, symbols)
            : null;
        value ??= required ? TokenEditing.None(editor.SemanticModel, call.SpanStart, symbols, imports) : null;
        if (value is null)
        {
            return null;
        }

        var argument = SyntaxFactory.Argument(value);
        var sync = editor.SemanticModel.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol;
        var arguments = call.ArgumentList.Arguments;
        if (sync is null || arguments.Count != sync.Parameters.Length || arguments.Any(a => a.NameColon is not null))
        {
            argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(TokenEditing.Identifier(parameterName))));
        }

        return argument;
    }
}
