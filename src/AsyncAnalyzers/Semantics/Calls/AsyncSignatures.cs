using System;
using System.Linq;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>Facts about method signatures: which are fixed by something else, and which can become <c>async</c>.</summary>
internal static class AsyncSignatures
{
    /// <summary>
    /// The event-handler shape: <c>void (TSender sender, TEventArgs e)</c>, where the second parameter derives from EventArgs (or is
    /// a type parameter constrained to it) or, for UI frameworks whose argument types do not (WinRT's), is a class or struct named
    /// <c>...EventArgs</c>. The sender may have any type: WinRT's <c>TypedEventHandler&lt;TSender, TArgs&gt;</c> and callbacks such as
    /// <c>Action&lt;DialogViewModel, ButtonClickEventArgs&gt;</c> pass a typed one. <c>(object sender, object e)</c> is WinRT's
    /// <c>EventHandler&lt;object&gt;</c> (<c>Flyout.Opening</c>). An argument type that did not resolve but is named
    /// <c>...EventArgs</c>, or a sender type that did not resolve, is <see cref="SignatureKind.Unresolved"/>: the compilation is
    /// broken there and no rule can tell.
    /// ASYNC202, ASYNC203 and ASYNC401 share this one definition, so an async void is exactly one of theirs (ExceptionsOverlapTests).
    /// </summary>
    public static SignatureKind HandlerShape(IMethodSymbol method, AsyncSymbols symbols)
    {
        if (!method.ReturnsVoid || method.Parameters.Length != 2
            || method.Parameters[0].RefKind != RefKind.None || method.Parameters[1].RefKind != RefKind.None)
        {
            return SignatureKind.Changeable;
        }

        var sender = method.Parameters[0].Type;
        var args = UnwrapNullable(method.Parameters[1].Type);
        if (IsEventArgs(args, symbols))
        {
            return sender.TypeKind == TypeKind.Error ? SignatureKind.Unresolved : SignatureKind.Forced;
        }

        if (args.TypeKind == TypeKind.Error && args.Name.EndsWith("EventArgs", StringComparison.Ordinal))
        {
            return SignatureKind.Unresolved;
        }

        return sender.SpecialType == SpecialType.System_Object && args.SpecialType == SpecialType.System_Object
            ? SignatureKind.Forced
            : SignatureKind.Changeable;
    }

    /// <summary>
    /// The wider shape of a handler named in XAML markup (<c>Click="OnClick"</c>): in a code-behind class, any
    /// <c>void (TSender sender, TArgs args)</c> whose sender is a reference type and whose argument is <c>object</c> or named
    /// <c>...Args</c> (<c>TypedEventHandler&lt;FrameworkElement, object&gt;</c>). Unresolved when either type did not resolve.
    /// </summary>
    public static SignatureKind CodeBehindHandlerShape(IMethodSymbol method, AsyncSymbols symbols)
    {
        var shape = HandlerShape(method, symbols);
        if (shape != SignatureKind.Changeable || !method.ReturnsVoid || method.Parameters.Length != 2
            || method.Parameters[0].RefKind != RefKind.None || method.Parameters[1].RefKind != RefKind.None)
        {
            return shape;
        }

        var sender = method.Parameters[0].Type;
        var args = UnwrapNullable(method.Parameters[1].Type);
        if (sender.IsValueType || !(args.SpecialType == SpecialType.System_Object || args.Name.EndsWith("Args", StringComparison.Ordinal)))
        {
            return SignatureKind.Changeable;
        }

        return sender.TypeKind == TypeKind.Error || args.TypeKind == TypeKind.Error ? SignatureKind.Unresolved : SignatureKind.Forced;
    }

    /// <summary>Whether the method has the event-handler shape (<see cref="HandlerShape"/>), with unresolved types counting as not.</summary>
    public static bool IsEventHandlerShape(IMethodSymbol method, AsyncSymbols symbols) => HandlerShape(method, symbols) == SignatureKind.Forced;

    /// <summary>
    /// A delegate type for event handlers: its Invoke has the event-handler shape (EventHandler, EventHandler&lt;T&gt;,
    /// RoutedEventHandler, <c>Action&lt;TSender, XxxEventArgs&gt;</c>), or the type is named <c>...EventHandler</c> and takes two
    /// parameters (its author declared it a handler: <c>EventHandler&lt;object&gt;</c>, <c>TypedEventHandler&lt;FrameworkElement, object&gt;</c>).
    /// </summary>
    public static SignatureKind HandlerDelegate(ITypeSymbol? type, AsyncSymbols symbols)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } named)
        {
            return SignatureKind.Changeable;
        }

        var shape = HandlerShape(invoke, symbols);
        if (shape == SignatureKind.Changeable && invoke.ReturnsVoid && invoke.Parameters.Length == 2
            && named.Name.EndsWith("EventHandler", StringComparison.Ordinal))
        {
            return SignatureKind.Forced;
        }

        return shape;
    }

    /// <summary>A delegate type whose Invoke has the event-handler shape (see <see cref="HandlerDelegate"/>).</summary>
    public static bool IsEventHandlerDelegate(ITypeSymbol? type, AsyncSymbols symbols) => HandlerDelegate(type, symbols) == SignatureKind.Forced;

    /// <summary>
    /// Who owns an async lambda or anonymous method converted to a <c>void</c> delegate: <see cref="SignatureKind.Forced"/>
    /// (ASYNC401) when it is subscribed with <c>+=</c> or converted to an event-handler delegate, <see cref="SignatureKind.Unresolved"/>
    /// when that delegate's argument type did not resolve, <see cref="SignatureKind.Changeable"/> (ASYNC203) otherwise.
    /// </summary>
    public static SignatureKind LambdaSignature(IAnonymousFunctionOperation lambda, AsyncSymbols symbols)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
            if (current is IDelegateCreationOperation creation && HandlerDelegate(creation.Type, symbols) is var kind and not SignatureKind.Changeable)
            {
                return kind;
            }
        }

        return current.Parent is IEventAssignmentOperation { Adds: true } subscription && subscription.HandlerValue == current
            ? SignatureKind.Forced
            : SignatureKind.Changeable;
    }

    /// <summary><c>T?</c> of a struct, or of a type that did not resolve (the compiler cannot tell it is a class): <c>T</c>.</summary>
    private static ITypeSymbol UnwrapNullable(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable ? nullable.TypeArguments[0] : type;

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
        if (method.ContainingType is not { TypeKind: not TypeKind.Interface } type || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.Constructor))
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
    /// An async method cannot have ref or out parameters: <c>void CreateUser(int id, out Mock context)</c> cannot just become async,
    /// nor can a helper it calls move the blocking to it (SyncOverAsyncTests.WaitInMethodWithOutParameter_NoDiagnostic,
    /// BlockingInHelperCalledOnlyFromMethodWithRefParameters_NoDiagnostic).
    /// </summary>
    public static bool HasRefOrOutParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>protected virtual void Dispose(bool disposing)</c> of a disposable type: the dispose pattern's core, called by <c>Dispose()</c>
    /// and the finalizer and overridden with the same signature; its asynchronous twin is <c>DisposeAsync</c>, not an async version
    /// of itself (SyncOverAsyncTests.BlockingInDisposePatternMethod_NoDiagnostic, BlockingInBoolMethodOutsideDisposePattern_Reports).
    /// </summary>
    public static bool IsDisposePatternCore(IMethodSymbol method) =>
        method is { Name: "Dispose", MethodKind: MethodKind.Ordinary, IsStatic: false, ReturnsVoid: true, Parameters.Length: 1 }
        && method.Parameters[0] is { Type.SpecialType: SpecialType.System_Boolean, RefKind: RefKind.None }
        && method.ContainingType.AllInterfaces.Any(iface => iface is { Name: "IDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

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
        if (method.ReturnsVoid && HandlerShape(method, symbols) != SignatureKind.Changeable)
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

    /// <summary>
    /// A method of a library's public API (visible outside the assembly): making it async breaks every caller outside the
    /// solution, so the advice is not a change a maintainer can just make (ASYNC104: SyncOverAsyncTests.BlockingInPublicApiOfLibrary_NoDiagnostic).
    /// Controller actions and hub methods are public too, but the framework calls them and awaits a task just as well
    /// (SyncOverAsyncTests.BlockingInControllerActionOfLibrary_Reports); an application's public methods are nobody's API. A
    /// public property's accessors are API too, and cannot become async at all (SyncOverAsyncTests.BlockingInPublicPropertyOfLibrary_NoDiagnostic);
    /// so is a public constructor, which an async factory can join but not replace without breaking its callers
    /// (SyncOverAsyncTests.BlockingInPublicConstructorOfLibrary_NoDiagnostic, BlockingInPublicConstructorOfLibraryWithOption_Reports).
    /// </summary>
    public static bool IsPublicApiOfLibrary(IMethodSymbol method, Compilation compilation)
    {
        if (compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.Constructor))
        {
            return false;
        }

        for (ISymbol? current = method; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name.EndsWith("Controller", System.StringComparison.Ordinal) || (type.Name is "ControllerBase" or "Hub" or "PageModel" && type.IsInNamespace("Microsoft", "AspNetCore")))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Who owns an <c>async void</c> method, local function or lambda.</summary>
internal enum SignatureKind
{
    /// <summary>The signature could return a task: ASYNC202 (methods, local functions) or ASYNC203 (lambdas) asks for it.</summary>
    Changeable,

    /// <summary>The signature is forced (handler, contract, callback): ASYNC401 asks for a guard when the body is unguarded.</summary>
    Forced,

    /// <summary>The types that would decide did not resolve: the compilation is broken there, and no rule reports.</summary>
    Unresolved,
}
