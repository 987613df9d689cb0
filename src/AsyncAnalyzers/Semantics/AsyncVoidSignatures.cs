using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics;

/// <summary>
/// Whether an <c>async void</c> signature is forced on the author: an event-handler shape, an override, or an interface
/// implementation. Forced signatures cannot become <c>async Task</c>; they must guard their body instead (ASYNC401).
/// </summary>
internal static class AsyncVoidSignatures
{
    /// <summary>The method must return void because a base class or an interface says so.</summary>
    public static bool IsForcedByContract(IMethodSymbol method) =>
        method.ReturnsVoid && (method.IsOverride || IsInterfaceImplementation(method));

    /// <summary><c>void (object sender, TEventArgs e)</c>, where TEventArgs derives from EventArgs or is named like it.</summary>
    public static bool IsEventHandlerShape(IMethodSymbol method, AsyncSymbols symbols) =>
        method.ReturnsVoid
        && method.Parameters.Length == 2
        && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
        && method.Parameters[1].RefKind == RefKind.None
        && IsEventArgs(method.Parameters[1].Type, symbols);

    /// <summary>A delegate type whose Invoke has the event-handler shape (EventHandler, EventHandler&lt;T&gt;, RoutedEventHandler, ...).</summary>
    public static bool IsEventHandlerDelegate(ITypeSymbol? type, AsyncSymbols symbols) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } && IsEventHandlerShape(invoke, symbols);

    private static bool IsInterfaceImplementation(IMethodSymbol method)
    {
        if (method.ExplicitInterfaceImplementations.Length > 0)
        {
            return true;
        }

        if (method.ContainingType is not { } type || method.DeclaredAccessibility != Accessibility.Public || method.IsStatic)
        {
            return false;
        }

        foreach (var iface in type.AllInterfaces)
        {
            foreach (var member in iface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

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

        if (AsyncSymbols.InheritsFromOrEquals(type, symbols.EventArgs))
        {
            return true;
        }

        // UI frameworks have argument types that do not derive from EventArgs (WinRT's); the name is their only common mark.
        return type.TypeKind is TypeKind.Class or TypeKind.Struct && type.Name.EndsWith("EventArgs", System.StringComparison.Ordinal);
    }
}
