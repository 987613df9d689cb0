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
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Rules.Unawaited;

/// <summary>
/// Fixes ASYNC201 and the compiler's CS4014. The default (<see cref="ObserveKey"/>) is what fits the place: await the task in
/// async code; in a synchronous method that can safely become async, make it async and await (once per method, however many
/// findings it holds); elsewhere, discard the task explicitly with <c>_ =</c>, attaching a fault-only continuation that reports
/// its exception when the task can fault (a bare discard would be ASYNC402's next finding). Where the default awaits, discarding
/// is offered as the alternative (<see cref="DiscardKey"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnawaitedTaskCodeFix))]
[Shared]
public sealed class UnawaitedTaskCodeFix : PlannedCodeFix
{
    /// <summary>The default: await (making the method async where it must and can), else discard and report faults.</summary>
    public const string ObserveKey = "ASYNC201.Observe";

    /// <summary>The alternative: an explicit, observed fire-and-forget.</summary>
    public const string DiscardKey = "ASYNC201.Discard";

    /// <summary>The compiler's "Because this call is not awaited..." warning, which gets the same fixes.</summary>
    public const string CompilerUnawaitedId = "CS4014";

    public UnawaitedTaskCodeFix()
        : base(DiagnosticIds.UnawaitedTask, CompilerUnawaitedId)
    {
    }

    private enum Form
    {
        Await,
        MakeAsync,
        Discard,
    }

    private protected override async Task<FixPlan?> PlanAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (Site.Find(document.Root, document.Model, diagnostic, document.Symbols, cancellationToken) is not { } site)
        {
            return null;
        }

        var discardTitle = site.CanFault ? "Discard the task and report its exception" : "Discard the task explicitly ('_ =')";
        if (site.CanAwait)
        {
            return new Plan(document, diagnostic, site, Form.Await, null, Options(new FixOption(ObserveKey, "Await the task"), site, discardTitle));
        }

        if (site.FunctionToMakeAsync is { } function
            && MakeAsyncEditing.FindDeclaration(function, cancellationToken) is { } declaration
            && MayChangeSignature(document.Document, document.Tree, function)
            && await CallersSurviveAsync(document, function, cancellationToken).ConfigureAwait(false))
        {
            return new Plan(document, diagnostic, site, Form.MakeAsync, declaration, Options(new FixOption(ObserveKey, $"Make '{function.Name}' async and await the task"), site, discardTitle));
        }

        return site.CanDiscard
            ? new Plan(document, diagnostic, site, Form.Discard, null, ImmutableArray.Create(new FixOption(ObserveKey, discardTitle), new FixOption(DiscardKey, discardTitle, isOffered: false)))
            : null;
    }

    private static ImmutableArray<FixOption> Options(FixOption observe, Site site, string discardTitle) =>
        site.CanDiscard ? ImmutableArray.Create(observe, new FixOption(DiscardKey, discardTitle)) : ImmutableArray.Create(observe);

    /// <summary>Whether the function has no caller at all, asked once per function and document (Fix All plans many drops of one method).</summary>
    private static async Task<bool> CallersSurviveAsync(FixDocument document, IMethodSymbol function, CancellationToken cancellationToken)
    {
        var cache = document.Cache(nameof(UnawaitedTaskCodeFix), () => new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default));
        if (!cache.TryGetValue(function, out var survive))
        {
            survive = await MakeAsyncEditing.CallersSurviveAsync(function, document.Document.Project.Solution, cancellationToken, allowDroppedCalls: false).ConfigureAwait(false);
            cache[function] = survive;
        }

        return survive;
    }

    private protected override Task ApplyAsync(FixPass pass, IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
    {
        // The continuations' parameters, named in document order.
        var names = InDocumentOrder(fixes)
            .Where(f => FormOf(f) == Form.Discard && ((Plan)f.Plan).Site.CanFault)
            .ToDictionary(f => f.Plan, f => pass.Edit(f.Plan.Document).Names.Unique(f.Plan.Target.Span.End, default, ExceptionHandlerEditing.TaskParameterNames));

        // A method made async for several of its drops changes its signature once.
        var declarations = new Dictionary<SyntaxNode, DocumentEdit>();
        foreach (var fix in fixes)
        {
            var plan = (Plan)fix.Plan;
            var edit = pass.Edit(plan.Document);
            var site = plan.Site;
            switch (FormOf(fix))
            {
                case Form.Discard:
                    var name = names.TryGetValue(plan, out var taken) ? taken : null;
                    var handler = ExceptionHandlerEditing.ConfiguredHandler(plan.Diagnostic);
                    var isValueTask = plan.Document.Symbols.IsValueTask(site.Dropped.Type);
                    var position = site.Expression.SpanStart;
                    edit.Editor.ReplaceNode(site.Expression, current =>
                    {
                        var expression = ((ExpressionSyntax)current).WithoutTrivia();
                        var value = name is not null ? ObserveFaults(edit, position, expression, name, handler, isValueTask) : expression;
                        return Discard(value).WithTriviaFrom(current);
                    });
                    break;
                case Form.MakeAsync:
                    declarations[plan.Declaration!] = edit;
                    Await(edit, site);
                    break;
                default:
                    Await(edit, site);
                    break;
            }
        }

        foreach (var pair in declarations)
        {
            var task = MakeAsyncEditing.TaskReturnType(pair.Value, pair.Key);
            pair.Value.Editor.ReplaceNode(pair.Key, current => MakeAsyncEditing.MakeAsync(current, task));
        }

        return Task.CompletedTask;
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

    private static Form FormOf(PlannedFix fix) => fix.Key == DiscardKey ? Form.Discard : ((Plan)fix.Plan).Form;

    /// <summary>Replaces the expression with <c>await expression</c> (a conditional access with a completed fallback).</summary>
    private static void Await(DocumentEdit edit, Site site)
    {
        ExpressionSyntax? fallback = null;
        if (site.Dropped.IsConditionalAccess)
        {
            // await x?.FooAsync() throws when x is null; await a completed task instead.
            fallback = edit.Document.Symbols.IsValueTask(site.Dropped.Type)
                ? SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression)
                : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, edit.Types.Expression(edit.Document.Symbols.Task, site.Expression.SpanStart), SyntaxFactory.IdentifierName("CompletedTask"));
        }

        edit.Editor.ReplaceNode(site.Expression, current =>
        {
            var expression = (ExpressionSyntax)current;
            ExpressionSyntax operand = expression.WithoutTrivia();
            if (fallback is not null)
            {
                operand = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, operand, fallback))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            return AwaitEditing.AwaitReplacing(expression, operand);
        });
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
    private static ExpressionSyntax ObserveFaults(DocumentEdit edit, int position, ExpressionSyntax expression, string name, string? handler, bool isValueTask)
    {
        if (expression is ConditionalAccessExpressionSyntax conditional)
        {
            return conditional.WithWhenNotNull(ObserveFaults(edit, position, conditional.WhenNotNull, name, handler, isValueTask));
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

        return ExceptionHandlerEditing.FaultContinuation(edit, position, task, name, handler);
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

    private sealed class Plan : FixPlan
    {
        public Plan(FixDocument document, Diagnostic diagnostic, Site site, Form form, SyntaxNode? declaration, ImmutableArray<FixOption> options)
            : base(document, diagnostic, site.Expression, options)
        {
            Site = site;
            Form = form;
            Declaration = declaration;
        }

        public Site Site { get; }

        /// <summary>What the default option does here.</summary>
        public Form Form { get; }

        /// <summary>The declaration made async, for <see cref="Form.MakeAsync"/>.</summary>
        public SyntaxNode? Declaration { get; }
    }
}
