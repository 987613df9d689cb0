using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Editing;
using AsyncAnalyzers.Options;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Calls;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// Fixes ASYNC201 and the compiler's CS4014: await the task in async code; in a synchronous method that can safely become async,
/// make it async and await; everywhere, discard the task explicitly with <c>_ =</c>, attaching a fault-only continuation that
/// reports its exception when the task can fault (a bare discard would be ASYNC402's next finding).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnawaitedTaskCodeFix))]
[Shared]
public sealed class UnawaitedTaskCodeFix : CodeFixProvider
{
    public const string AwaitKey = "ASYNC201.Await";
    public const string MakeAsyncKey = "ASYNC201.MakeAsync";
    public const string DiscardKey = "ASYNC201.Discard";

    /// <summary>The compiler's "Because this call is not awaited..." warning, which gets the same fixes.</summary>
    public const string CompilerUnawaitedId = "CS4014";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnawaitedTask, CompilerUnawaitedId);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || root is null || CompilationServices.TryGet(model.Compilation)?.Symbols is not { } symbols)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Site.Find(root, model, diagnostic, symbols, context.CancellationToken) is not { } site)
            {
                continue;
            }

            if (site.CanAwait)
            {
                Register(context, diagnostic, "Await the task", AwaitKey);
            }
            else if (site.FunctionToMakeAsync is { } function
                && MayChangeSignature(context.Document, root.SyntaxTree, function)
                && await MakeAsyncEditing.CallersSurviveAsync(function, context.Document.Project.Solution, context.CancellationToken, allowDroppedCalls: false).ConfigureAwait(false))
            {
                Register(context, diagnostic, $"Make '{function.Name}' async and await the task", MakeAsyncKey);
            }

            if (site.CanDiscard)
            {
                Register(context, diagnostic, site.CanFault ? "Discard the task and report its exception" : "Discard the task explicitly ('_ =')", DiscardKey);
            }
        }
    }

    /// <summary>
    /// A method visible outside the assembly keeps its signature (a breaking change for a library's callers) unless
    /// <c>async_analyzers.ASYNC201.make_public_methods_async = true</c> (UnawaitedTaskCodeFixTests.PublicMethodWithOptionDefault_NoMakeAsync).
    /// </summary>
    private static bool MayChangeSignature(Document document, SyntaxTree tree, IMethodSymbol function)
    {
        if (!IsVisibleOutsideAssembly(function))
        {
            return true;
        }

        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return options.TryGetValue(AnalyzerOptionKeys.Async201MakePublicMethodsAsync, out var value) && bool.TryParse(value.Trim(), out var allowed) && allowed;
    }

    private static bool IsVisibleOutsideAssembly(ISymbol symbol)
    {
        if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
        {
            return false;
        }

        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string key) =>
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key),
            diagnostic);

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || CompilationServices.TryGet(model.Compilation)?.Symbols is not { } symbols)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var functions = new List<(IMethodSymbol Symbol, SyntaxNode Declaration)>();
        var rejected = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var needsUsing = false;
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Site.Find(root, model, diagnostic, symbols, cancellationToken) is not { } site)
            {
                continue;
            }

            switch (key)
            {
                case AwaitKey when site.CanAwait:
                    needsUsing |= Await(editor, site, model, symbols);
                    break;
                case MakeAsyncKey when site.FunctionToMakeAsync is { } function && MakeAsyncEditing.FindDeclaration(function, cancellationToken) is { } declaration:
                    if (rejected.Contains(function) || !MayChangeSignature(document, root.SyntaxTree, function))
                    {
                        continue;
                    }

                    if (!functions.Any(f => SymbolEqualityComparer.Default.Equals(f.Symbol, function)))
                    {
                        if (!await MakeAsyncEditing.CallersSurviveAsync(function, document.Project.Solution, cancellationToken, allowDroppedCalls: false).ConfigureAwait(false))
                        {
                            rejected.Add(function);
                            continue;
                        }

                        functions.Add((function, declaration));
                    }

                    needsUsing |= Await(editor, site, model, symbols);
                    break;
                case DiscardKey when site.CanDiscard:
                    var observed = site.CanFault
                        ? ObserveFaults(site.Expression.WithoutTrivia(), ExceptionHandlerEditing.UniqueName(model, site.Expression, "t"), ExceptionHandlerEditing.ConfiguredHandler(diagnostic), symbols.IsValueTask(site.Dropped.Type))
                        : site.Expression.WithoutTrivia();
                    editor.ReplaceNode(site.Expression, Discard(observed).WithTriviaFrom(site.Expression));
                    break;
            }
        }

        foreach (var (_, declaration) in functions)
        {
            var (task, taskNeedsUsing) = MakeAsyncEditing.TaskName(model, declaration.SpanStart, symbols.Task);
            needsUsing |= taskNeedsUsing;
            editor.ReplaceNode(declaration, (current, _) => MakeAsyncEditing.MakeAsync(current, task));
        }

        if (needsUsing && root is CompilationUnitSyntax)
        {
            editor.ReplaceNode(root, (current, _) => MakeAsyncEditing.AddTasksUsing((CompilationUnitSyntax)current));
        }

        return editor.GetChangedDocument();
    }

    /// <summary>Replaces the expression with <c>await expression</c>; returns true when a using directive is needed for Task.</summary>
    private static bool Await(DocumentEditor editor, Site site, SemanticModel model, AsyncSymbols symbols)
    {
        ExpressionSyntax operand = site.Expression.WithoutTrivia();
        var needsUsing = false;
        if (site.Dropped.IsConditionalAccess)
        {
            // await x?.FooAsync() throws when x is null; await a completed task instead.
            ExpressionSyntax fallback;
            if (symbols.IsValueTask(site.Dropped.Type))
            {
                fallback = SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
            }
            else
            {
                var (task, taskNeedsUsing) = MakeAsyncEditing.TaskName(model, site.Expression.SpanStart, symbols.Task);
                needsUsing = taskNeedsUsing;
                fallback = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("CompletedTask"));
            }

            operand = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, operand, fallback))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        editor.ReplaceNode(site.Expression, AwaitEditing.AwaitReplacing(site.Expression, operand));
        return needsUsing;
    }

    private static AssignmentExpressionSyntax Discard(ExpressionSyntax expression) =>
        DiscardEditing.Discard(expression.WithoutTrivia())
            .WithTriviaFrom(expression)
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>
    /// <c>task.ContinueWith(t =&gt; Handler(t.Exception!), ..., OnlyOnFaulted, ...)</c>, inside the conditional access chain when
    /// there is one (<c>x?.SendAsync().ContinueWith(...)</c>, so a null receiver still skips the call), through <c>AsTask()</c>
    /// for a ValueTask and without a <c>ConfigureAwait</c>, which only matters to an await.
    /// </summary>
    private static ExpressionSyntax ObserveFaults(ExpressionSyntax expression, string name, string? handler, bool isValueTask)
    {
        if (expression is ConditionalAccessExpressionSyntax conditional)
        {
            return conditional.WithWhenNotNull(ObserveFaults(conditional.WhenNotNull, name, handler, isValueTask));
        }

        var task = expression;
        if (task is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure })
        {
            task = configure.Expression;
        }

        if (isValueTask)
        {
            task = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("AsTask")));
        }

        return ExceptionHandlerEditing.FaultContinuation(task, name, handler);
    }

    /// <summary>One dropped awaitable, with the fixes that apply to it.</summary>
    private sealed class Site
    {
        private Site(ExpressionSyntax expression, DroppedAwaitable dropped, bool canAwait, IMethodSymbol? functionToMakeAsync, bool canDiscard, bool canFault)
        {
            CanFault = canFault;
            Expression = expression;
            Dropped = dropped;
            CanAwait = canAwait;
            FunctionToMakeAsync = functionToMakeAsync;
            CanDiscard = canDiscard;
        }

        public ExpressionSyntax Expression { get; }

        public DroppedAwaitable Dropped { get; }

        public bool CanAwait { get; }

        public IMethodSymbol? FunctionToMakeAsync { get; }

        public bool CanDiscard { get; }

        /// <summary>The task can fault unseen (MethodSummaries.CanFault): a bare discard would lose the exception.</summary>
        public bool CanFault { get; }

        public static Site? Find(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, AsyncSymbols symbols, CancellationToken cancellationToken)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node)
            {
                return null;
            }

            var expression = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == diagnostic.Location.SourceSpan);
            if (expression is null)
            {
                return null;
            }

            var operation = model.GetOperation(expression, cancellationToken);
            var statement = operation as IExpressionStatementOperation ?? operation?.Parent as IExpressionStatementOperation;
            if (statement is null || DroppedAwaitables.Find(statement, symbols) is not { } dropped
                || model.GetEnclosingSymbol(expression.SpanStart, cancellationToken) is not { } enclosing)
            {
                return null;
            }

            var context = AsyncContext.Of(statement, enclosing);
            var canInsertAwait = AsyncContext.CanInsertAwait(statement);
            var awaitable = !dropped.IsConditionalAccess || symbols.IsTaskLike(dropped.Type);
            // Top-level statements become async as soon as they contain an await, so awaiting there needs no signature change.
            var isTopLevel = context.FunctionOperation is null && context.Function is { } entryPoint && DroppedAwaitables.IsTopLevelEntryPoint(entryPoint);
            var canAwait = (context.IsAsync || isTopLevel) && canInsertAwait && awaitable;

            IMethodSymbol? toMakeAsync = null;
            if (!context.IsAsync && canInsertAwait && awaitable && context.Function is { } function && !DroppedAwaitables.IsTopLevelEntryPoint(function)
                && (context.FunctionOperation is null || context.FunctionOperation is ILocalFunctionOperation)
                && IsEntryPointCompatible(function, expression)
                && AsyncSignatures.CanBecomeAsync(function, FunctionBody(context, model, function, cancellationToken), symbols))
            {
                toMakeAsync = function;
            }

            // A local named '_' would turn the discard into an assignment to it.
            var canDiscard = model.LookupSymbols(expression.SpanStart, name: "_").IsEmpty;
            var canFault = !symbols.IsTaskLike(dropped.Type) ? false
                : dropped.Producer is not IInvocationOperation call || CompilationServices.TryGet(model.Compilation) is not { } services
                || !services.Summaries.CanFault(call, unseenOnly: true).IsNo;
            return new Site(expression, dropped, canAwait, toMakeAsync, canDiscard, canFault);
        }

        private static IOperation? FunctionBody(AsyncContext context, SemanticModel model, IMethodSymbol function, CancellationToken cancellationToken)
        {
            if (context.FunctionOperation is ILocalFunctionOperation local)
            {
                return local.Body ?? local.IgnoredBody;
            }

            return MakeAsyncEditing.FindDeclaration(function, cancellationToken) is { } declaration
                && declaration.SyntaxTree == model.SyntaxTree
                ? model.GetOperation(declaration, cancellationToken)
                : null;
        }

        /// <summary>An async Main needs C# 7.1.</summary>
        private static bool IsEntryPointCompatible(IMethodSymbol function, SyntaxNode node) =>
            function is not { Name: "Main", IsStatic: true }
            || ((CSharpParseOptions)node.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp7_1;
    }
}
