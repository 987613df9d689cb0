using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about the kind of work a call does.</summary>
internal sealed partial class MethodSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _offloads = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<IMethodSymbol>> _sourceCallees = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Does the work of <paramref name="caller"/> (a method of the compilation) include a call of <paramref name="target"/> (another
    /// one): does its body, lambdas included, or the body of a method of the compilation it calls, invoke it? Then the two calls
    /// repeat each other's work, and the first warms what the second reads again: <c>await GetArtwork(id); await
    /// GameImage(..., id)</c> where <c>GameImage</c> fetches the artwork itself (IndependentAwaitsAnalyzerTests.SecondCallRepeatsTheFirst_NoDiagnostic).
    /// </summary>
    public bool WorkIncludes(IMethodSymbol caller, IMethodSymbol target, IOperation use)
    {
        target = target.BodyPart();
        if (target.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        var direct = SourceCallees(caller.BodyPart(), use);
        if (direct.Contains(target))
        {
            return true;
        }

        foreach (var callee in direct)
        {
            if (SourceCallees(callee, use).Contains(target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The methods of the compilation a method's body (lambdas and local functions included) calls; empty without a body here.</summary>
    private ImmutableHashSet<IMethodSymbol> SourceCallees(IMethodSymbol method, IOperation use)
    {
        if (_sourceCallees.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var callees = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (method.DeclaringSyntaxReferences.Length > 0 && !method.IsAbstract && _bodies.BodyOf(method, use) is { } body)
        {
            foreach (var operation in body.Block.Descendants())
            {
                if (operation is IInvocationOperation call && call.TargetMethod.BodyPart() is { DeclaringSyntaxReferences.Length: > 0 } callee
                    && !SymbolEqualityComparer.Default.Equals(callee, method))
                {
                    callees.Add(callee);
                }
            }
        }

        return _sourceCallees.GetOrAdd(method, callees.ToImmutable());
    }

    /// <summary>
    /// The call is a thin wrapper that runs synchronous work on the thread pool: a method of the compilation whose body only
    /// returns <c>Task.Run(...)</c> or <c>Task.Factory.StartNew(...)</c>, or awaits and returns it (<c>ToListAsync(this
    /// IEnumerable&lt;T&gt; source) =&gt; Task.Run(() =&gt; source.ToList())</c>). There is no I/O latency to overlap: CPU work that
    /// was put on another thread on purpose. Unknown for calls without a body here.
    /// </summary>
    public Fact IsThreadPoolOffload(IInvocationOperation call)
    {
        var method = call.TargetMethod.BodyPart();
        if (method.DeclaringSyntaxReferences.Length == 0 || method.IsAbstract || method.IsVirtual || method.IsOverride)
        {
            return Fact.Unknown;
        }

        if (_offloads.TryGetValue(method, out var cached))
        {
            return cached;
        }

        // Binding another body is the costly part: only a declaration that reads like a single Run/StartNew is bound.
        if (!LooksLikeOffload(method))
        {
            return _offloads.GetOrAdd(method, Fact.No());
        }

        if (_bodies.BodyOf(method, call) is not { } body)
        {
            return Fact.Unknown;
        }

        var fact = Fact.No(body.Block);
        if (body.Block.Operations.Length == 1 && body.Block.Operations[0] is IReturnOperation { ReturnedValue: { } returned })
        {
            var value = returned.WalkDownConversions();
            if (value is IAwaitOperation awaited)
            {
                value = awaited.Operation.UnwrapConfigureAwait();
            }

            if (value is IInvocationOperation started && _work.IsTaskStarter(started.TargetMethod))
            {
                fact = Fact.Yes(started);
            }
        }

        return _offloads.GetOrAdd(method, fact);
    }

    /// <summary><c>=&gt; Task.Run(...)</c>, <c>{ return await Task.Factory.StartNew(...); }</c>, read from syntax without binding.</summary>
    private static bool LooksLikeOffload(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        var expression = declaration.ExpressionBody?.Expression
            ?? (declaration.Body is { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
        while (expression is AwaitExpressionSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } })
        {
            expression = expression switch
            {
                AwaitExpressionSyntax awaited => awaited.Expression,
                ParenthesizedExpressionSyntax parenthesized => parenthesized.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax configure } => configure.Expression,
                _ => expression,
            };
        }

        return expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "StartNew" } };
    }

    /// <summary>
    /// A task of synchronous work started with <c>StartNew</c> on a <c>TaskScheduler</c> of the compilation, also through a private
    /// helper whose every <c>return</c> is one (<c>BeginInvoke(action).Wait()</c>): the threading model's own join
    /// (SyncOverAsyncTests.WaitOnSynchronousWorkStartedOnOwnScheduler_NoDiagnostic).
    /// </summary>
    public bool StartedOnOwnScheduler(IOperation task, int depth = 2)
    {
        var value = task.WalkDownConversions();
        if (value is ILocalReferenceOperation { Local: var local } && local.FindSingleInitializer(value) is { } initializer)
        {
            value = initializer.WalkDownConversions();
        }

        if (value is not IInvocationOperation call)
        {
            return false;
        }

        if (call.TargetMethod.Name == "StartNew")
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Value.WalkDownConversions().Type is INamedTypeSymbol scheduler && scheduler.DeclaringSyntaxReferences.Length > 0
                    && scheduler.SelfOrBaseTypeMatches(type => type is { Name: "TaskScheduler" } && type.IsInNamespace("System", "Threading", "Tasks")))
                {
                    return _work.RunsSynchronousDelegate(call, this);
                }
            }

            return false;
        }

        if (depth == 0 || call.TargetMethod is not { DeclaredAccessibility: Accessibility.Private, IsVirtual: false, IsAbstract: false, IsAsync: false } helper
            || _bodies.BodyOf(helper, call) is not { } body)
        {
            return false;
        }

        var any = false;
        foreach (var operation in body.Block.DescendantsInSameFunction())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned })
            {
                if (!StartedOnOwnScheduler(returned, depth - 1))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }
}
