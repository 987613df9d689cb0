using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Bodies;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>An awaitable produced by a call or <c>new</c> and thrown away by an expression statement.</summary>
internal readonly struct DroppedAwaitable
{
    public DroppedAwaitable(IOperation producer, ISymbol? symbol, ITypeSymbol type, bool isConditionalAccess)
    {
        Producer = producer;
        Symbol = symbol;
        Type = type;
        IsConditionalAccess = isConditionalAccess;
    }

    /// <summary>The invocation or object creation that produced the awaitable (inside any <c>?.</c>).</summary>
    public IOperation Producer { get; }

    /// <summary>The called method or constructor.</summary>
    public ISymbol? Symbol { get; }

    /// <summary>The awaitable type produced (never nullable-wrapped).</summary>
    public ITypeSymbol Type { get; }

    /// <summary>True for <c>x?.FooAsync();</c>.</summary>
    public bool IsConditionalAccess { get; }
}

/// <summary>Finds awaitables dropped by expression statements, and knows where the compiler's CS4014 already reports them.</summary>
internal static class DroppedAwaitables
{
    public static DroppedAwaitable? Find(IExpressionStatementOperation statement, AsyncSymbols symbols)
    {
        var producer = statement.Operation;
        var conditional = false;
        while (producer is IConditionalAccessOperation access)
        {
            producer = access.WhenNotNull;
            conditional = true;
        }

        ISymbol? symbol;
        switch (producer)
        {
            // A method declared to return a type parameter hands back a value it was given or holds (Interlocked.Exchange,
            // Queue<T>.Dequeue, Stack<T>.Pop): a task that someone else started and owns, not new work. Delegates (Func<Task>) do start it.
            // (UnawaitedOverlapTests.DroppedInterlockedExchangeOfTask_NoDiagnostic).
            case IInvocationOperation invocation when invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke
                && (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition.ReturnType is ITypeParameterSymbol:
                return null;
            case IInvocationOperation invocation:
                symbol = invocation.TargetMethod;
                break;
            case IObjectCreationOperation creation:
                symbol = creation.Constructor;
                break;
            default:
                return null;
        }

        // Half-typed calls are left to the compiler's errors (UnawaitedTaskAnalyzerTests.HalfTypedCall_NoDiagnostic); the syntax
        // is where a parse error shows, as the operation of a call with a missing argument is still a valid-looking invocation.
        var type = producer.Type;
        if (type is null || producer.Syntax.ContainsDiagnostics || !symbols.IsAwaitable(type))
        {
            return null;
        }

        return new DroppedAwaitable(producer, symbol, type, conditional);
    }

    /// <summary>
    /// Mirrors the conditions of the compiler's CS4014: the statement is a plain call (not <c>?.</c>, not <c>new</c>) and either the
    /// callee is declared <c>async</c>, or the innermost function is async (or is the top-level statements' entry point) and
    /// <c>await</c> would be legal at the statement.
    /// </summary>
    public static bool IsReportedByCompiler(IExpressionStatementOperation statement, ISymbol containingSymbol)
    {
        if (statement.Operation is not IInvocationOperation { Type: { TypeKind: not TypeKind.Dynamic and not TypeKind.Error } } invocation)
        {
            return false;
        }

        if (invocation.TargetMethod.IsAsync)
        {
            return true;
        }

        var context = AsyncContext.Of(statement, containingSymbol);
        if (context.Function is not { } function)
        {
            return false;
        }

        var isAsyncFunction = function.IsAsync || (context.FunctionOperation is null && IsTopLevelEntryPoint(function));
        return isAsyncFunction && AsyncContext.CanInsertAwait(statement);
    }

    public static bool IsTopLevelEntryPoint(IMethodSymbol method) =>
        method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName;

    /// <summary>
    /// A fluent call returns the type of its receiver (builder APIs that happen to be awaitable); the statement configures the
    /// receiver rather than starting work. Task-likes are never fluent: <c>task.WithTimeout()</c> returns a new task.
    /// </summary>
    public static bool IsFluent(DroppedAwaitable dropped, AsyncSymbols symbols)
    {
        if (dropped.Producer is not IInvocationOperation invocation || symbols.IsTaskLike(dropped.Type))
        {
            return false;
        }

        var receiver = invocation.Instance?.Type;
        if (receiver is null && invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            receiver = invocation.Arguments[0].Value.WalkDownConversions().Type ?? invocation.TargetMethod.Parameters[0].Type;
        }

        return receiver is not null && SymbolEqualityComparer.Default.Equals(receiver, dropped.Type);
    }

    /// <summary><c>task.ContinueWith(...)</c>: a continuation is how code observes a task it does not await.</summary>
    public static bool IsContinuation(DroppedAwaitable dropped, AsyncSymbols symbols) =>
        dropped.Producer is IInvocationOperation { TargetMethod: { Name: "ContinueWith", IsStatic: false } method }
        && symbols.IsTaskLike(method.ContainingType);

    /// <summary>
    /// WPF's <c>Dispatcher.BeginInvoke(...)</c> (<c>System.Windows.Threading</c>, and its <c>DispatcherExtensions</c> overloads):
    /// the <c>DispatcherOperation</c> it returns does not keep the delegate's exception. That is raised on the UI thread, where
    /// <c>Dispatcher.UnhandledException</c> and <c>Application.DispatcherUnhandledException</c> see it, so dropping the operation
    /// loses nothing. <c>Dispatcher.InvokeAsync</c> is not such a call: its operation's task faults with the exception.
    /// </summary>
    public static bool RaisesOnDispatcherThread(DroppedAwaitable dropped) =>
        dropped.Producer is IInvocationOperation { TargetMethod: { Name: "BeginInvoke" } method }
        && method.ContainingType is { Name: "Dispatcher" or "DispatcherExtensions" } type
        && type.IsInNamespace("System", "Windows", "Threading");

    /// <summary>
    /// <c>cache.GetOrAdd(key, StartAsync)</c> on a <c>ConcurrentDictionary</c>: the task it returns is the one the dictionary
    /// holds, so dropping the return value loses nothing; whoever reads the entry observes it.
    /// </summary>
    public static bool IsKeptByReceiver(DroppedAwaitable dropped, AsyncSymbols symbols) =>
        dropped.Producer is IInvocationOperation { TargetMethod: { Name: "GetOrAdd" or "AddOrUpdate", IsStatic: false } method }
        && symbols.ConcurrentDictionary is { } dictionary
        && SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, dictionary);
}
