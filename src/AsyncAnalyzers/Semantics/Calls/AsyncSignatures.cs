using System;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>Facts about method signatures: which are fixed by something else, and which can become <c>async</c>.</summary>
internal static class AsyncSignatures
{
    /// <summary>
    /// <c>void (object sender, TEventArgs e)</c>: the shape event handlers must have. The second parameter derives from EventArgs
    /// (or is a type parameter constrained to it) or, for UI frameworks whose argument types do not (WinRT's), is a class or struct
    /// named <c>...EventArgs</c>. ASYNC202 and ASYNC401 share this one definition, so an async void method is exactly one of
    /// theirs (ExceptionsOverlapTests).
    /// </summary>
    public static bool IsEventHandlerShape(IMethodSymbol method, AsyncSymbols symbols) =>
        method.ReturnsVoid
        && method.Parameters.Length == 2
        && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
        && method.Parameters[1].RefKind == RefKind.None
        && IsEventArgs(method.Parameters[1].Type, symbols);

    /// <summary>A delegate type whose Invoke has the event-handler shape (EventHandler, EventHandler&lt;T&gt;, RoutedEventHandler, ...).</summary>
    public static bool IsEventHandlerDelegate(ITypeSymbol? type, AsyncSymbols symbols) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } && IsEventHandlerShape(invoke, symbols);

    private static bool IsEventArgs(ITypeSymbol type, AsyncSymbols symbols)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (IsEventArgs(constraint, symbols))
                {
                    return true;
                }
            }

            return false;
        }

        return type.InheritsFromOrEquals(symbols.EventArgs)
            || (type.TypeKind is TypeKind.Class or TypeKind.Struct && type.Name.EndsWith("EventArgs", StringComparison.Ordinal));
    }

    /// <summary>
    /// The signature is dictated by a base class, an interface or another declaration: an override, an explicit or implicit
    /// implementation (of a method or a property's accessor), or a partial method declared in two parts (often a generator's hook, such as
    /// <c>partial void OnNameChanged(string value)</c>).
    /// </summary>
    public static bool IsForcedByContract(IMethodSymbol method)
    {
        if (method.IsOverride || method.ExplicitInterfaceImplementations.Length > 0
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
        {
            return true;
        }

        // A property accessor implements the interface's accessor (SyncOverAsyncTests.ResultInInterfacePropertyImplementation_NoDiagnostic).
        if (method.ContainingType is not { TypeKind: not TypeKind.Interface } type || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet))
        {
            return false;
        }

        foreach (var iface in type.AllInterfaces)
        {
            foreach (var member in iface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Can this synchronous method or local function be made <c>async</c> (returning Task or Task&lt;T&gt;) without breaking its own
    /// body or a contract? Callers are not considered here; the code fix checks them.
    /// </summary>
    public static bool CanBecomeAsync(IMethodSymbol method, IOperation? body, AsyncSymbols symbols)
    {
        if (method.IsAsync || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return false;
        }

        if (method.IsAbstract || method.IsVirtual || method.IsExtern || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null
            || method.ReturnsByRef || method.ReturnsByRefReadonly || IsForcedByContract(method) || method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            return false;
        }

        // A handler keeps its void signature so it can still be subscribed.
        if (method.ReturnsVoid && IsEventHandlerShape(method, symbols))
        {
            return false;
        }

        if (!method.ReturnsVoid && (symbols.IsAwaitable(method.ReturnType) || method.ReturnType.IsRefLikeType || method.ReturnType.TypeKind == TypeKind.Error
            || method.ReturnType.TypeKind == TypeKind.Pointer || symbols.TaskOfT is null))
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind == TypeKind.Pointer)
            {
                return false;
            }
        }

        return body is not null && BodyAllowsAsync(body);
    }

    /// <summary>Async bodies cannot hold ref-like or ref locals, iterate ref-like enumerators, or yield.</summary>
    private static bool BodyAllowsAsync(IOperation body)
    {
        var stack = new System.Collections.Generic.Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    continue;
                case IVariableDeclaratorOperation { Symbol: var local } when local.IsRef || local.Type.IsRefLikeType:
                case IForEachLoopOperation loop when loop.Collection.WalkDownConversions().Type is { IsRefLikeType: true }:
                case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                    return false;
                case var operation:
                    foreach (var child in operation.ChildOperations)
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }

        return true;
    }
}
