using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Semantics.Symbols;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// What the classification asks about uses of a method outside its own type, which only bound syntax can tell.
/// <c>MethodSummaries</c> answers (Summaries/), from one index of the compilation's method-group uses; the classification only sees
/// this interface, so the layers still depend downwards.
/// </summary>
internal interface IDelegateUses
{
    /// <summary>
    /// Is the method, as a method group, converted to a <c>void</c>-returning delegate somewhere in the compilation: a
    /// <see cref="ForcedSignatures.DelegateUseAt"/> position (<c>+=</c>, <c>=</c>, an argument, an initializer) that binds to it?
    /// </summary>
    bool ConvertedToVoidDelegate(IMethodSymbol method, CancellationToken cancellationToken);
}

/// <summary>
/// Which <c>async void</c> methods and local functions have a forced signature. ASYNC202 (change the signature) reports the
/// <see cref="SignatureKind.Changeable"/> ones, ASYNC401 (guard the body) the <see cref="SignatureKind.Forced"/> ones, and neither
/// the <see cref="SignatureKind.Unresolved"/> ones, so an async void method is never reported by both (ExceptionsOverlapTests).
/// A signature is forced by a contract (override, interface implementation, partial method declared elsewhere), by the
/// event-handler shape, by XAML markup (a code-behind's <c>(sender, args)</c> methods), or by a use: the method group converted
/// to a <c>void</c> delegate (<c>x.Changed += M</c>, <c>new Timer(M)</c>, <c>token.Register(M)</c>, <c>new RelayCommand(M)</c>,
/// <c>Callback = M</c>), which cannot take a task-returning method.
/// </summary>
/// <remarks>
/// Uses are read from syntax, by name, in the method's own type (all its parts), and only for types that have a candidate: one
/// pass per such type, cached here and shared by both rules. Reading names means a same-named member of another object also
/// counts; where the name alone cannot tell, ASYNC202 stays silent and the method is ASYNC401's, which reports it only when its
/// body is unguarded. Uses in other types are asked of <see cref="IDelegateUses"/>, for a method its own type does not settle and
/// that another type can name (not private): there the use is bound, and counts only when it converts this very method to a
/// <c>void</c> delegate. Symbol-start actions would see them too, but cost the driver about 5% of a build (docs/performance.md).
/// </remarks>
internal sealed class ForcedSignatures
{
    private readonly AsyncSymbols _symbols;
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeUses> _types = new(SymbolEqualityComparer.Default);

    public ForcedSignatures(AsyncSymbols symbols)
    {
        _symbols = symbols;
    }

    /// <summary>
    /// Who owns an <c>async void</c> method (not a local function): ASYNC202, ASYNC401 or neither. <paramref name="elsewhere"/>
    /// answers for uses outside the method's type; without it, only the type's own uses are read.
    /// </summary>
    public SignatureKind Classify(IMethodSymbol method, IDelegateUses? elsewhere, CancellationToken cancellationToken)
    {
        // Overrides and interface implementations cannot change their return type (AsyncVoidMethodAnalyzerTests.Override_NoDiagnostic).
        if (AsyncSignatures.IsForcedByContract(method))
        {
            return SignatureKind.Forced;
        }

        // Event handlers keep their signature (AsyncVoidMethodAnalyzerTests.EventHandlerShape_NoDiagnostic, TypedSenderHandler_NoDiagnostic,
        // WinRtObjectArgsHandler_NoDiagnostic); an argument type that did not resolve leaves both rules silent
        // (AsyncVoidMethodAnalyzerTests.UnresolvedEventArgs_NoDiagnostic, UnguardedAsyncVoidHandlerAnalyzerTests.UnresolvedEventArgsHandler_NoDiagnostic).
        var shape = AsyncSignatures.HandlerShape(method, _symbols);
        if (shape != SignatureKind.Changeable || method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type)
        {
            return shape;
        }

        var uses = UsesIn(type, cancellationToken);

        // Handlers named in XAML markup (AsyncVoidMethodAnalyzerTests.XamlCodeBehindHandler_NoDiagnostic).
        if (uses.IsXamlCodeBehind && AsyncSignatures.CodeBehindHandlerShape(method, _symbols) is var codeBehind and not SignatureKind.Changeable)
        {
            return codeBehind;
        }

        // A method group converted to a void delegate (AsyncVoidMethodAnalyzerTests.SubscribedToActionEvent_NoDiagnostic,
        // PassedAsTimerCallback_NoDiagnostic, PassedToCommandConstructor_NoDiagnostic, AssignedToCallbackProperty_NoDiagnostic).
        if (uses.DelegateNames.Contains(method.Name))
        {
            return SignatureKind.Forced;
        }

        // ...or in another type of the compilation: DialogJump.Reset = viewModel.Reset, where Reset is an Action property
        // (AsyncVoidMethodAnalyzerTests.AssignedToActionPropertyOfAnotherType_NoDiagnostic); a Func<Task> or a call there is no such
        // use (UsedOnlyAsTaskDelegateInAnotherType_Reports). A private method can only be named inside its type.
        return method.DeclaredAccessibility != Accessibility.Private && elsewhere?.ConvertedToVoidDelegate(method, cancellationToken) == true
            ? SignatureKind.Forced
            : SignatureKind.Changeable;
    }

    /// <summary>
    /// Who owns an <c>async void</c> local function; <paramref name="scope"/> is its member's syntax, the only place its name is in
    /// scope (AsyncVoidMethodAnalyzerTests.LocalFunctionSubscribedToEvent_NoDiagnostic, LocalFunctionPassedAsCallback_NoDiagnostic).
    /// </summary>
    public SignatureKind ClassifyLocalFunction(IMethodSymbol localFunction, SyntaxNode scope)
    {
        var shape = AsyncSignatures.HandlerShape(localFunction, _symbols);
        if (shape != SignatureKind.Changeable)
        {
            return shape;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(scope, names);
        return names.Contains(localFunction.Name) ? SignatureKind.Forced : SignatureKind.Changeable;
    }

    private TypeUses UsesIn(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (_types.TryGetValue(type, out var uses))
        {
            return uses;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var partial = false;
        var initializes = type.GetMembers("InitializeComponent").Length > 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            partial |= syntax is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
            initializes |= Collect(syntax, names);
        }

        return _types.GetOrAdd(type, new TypeUses(names, partial && initializes));
    }

    /// <summary>
    /// Adds to <paramref name="names"/> every name used as a method group that some other code will invoke
    /// (<see cref="DelegateUseAt"/>); returns whether the scope calls <c>InitializeComponent()</c>. A method group that is returned
    /// or stored in a local is not a use: the method's own code chose that delegate type
    /// (AsyncVoidMethodAnalyzerTests.UsedAsActionMethodGroup_Reports).
    /// </summary>
    private static bool Collect(SyntaxNode scope, HashSet<string> names)
    {
        var initializes = false;
        foreach (var node in scope.DescendantNodes())
        {
            if (DelegateUseAt(node) is { } use)
            {
                names.Add(NameOf(use));
            }
            else if (node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: var callee }
                && callee is IdentifierNameSyntax { Identifier.ValueText: "InitializeComponent" }
                    or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "InitializeComponent" })
            {
                initializes = true;
            }
        }

        return initializes;
    }

    /// <summary>
    /// The expression naming a method (<c>M</c>, <c>x.M</c>) when <paramref name="node"/> is a position where a method group is
    /// handed to code that will invoke it: the right side of <c>+=</c> or <c>=</c>, an argument (not of <c>nameof</c>), a field or
    /// property initializer, looking through parentheses, casts and <c>new D(M)</c>; null for any other node.
    /// </summary>
    public static ExpressionSyntax? DelegateUseAt(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SimpleAssignmentExpression, Right: var right } => MethodName(right),
        ArgumentSyntax { Expression: var argument, Parent.Parent: not InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } => MethodName(argument),
        VariableDeclaratorSyntax { Initializer.Value: var value, Parent.Parent: BaseFieldDeclarationSyntax } => MethodName(value),
        PropertyDeclarationSyntax { Initializer.Value: var value } => MethodName(value),
        _ => null,
    };

    /// <summary>The name a <see cref="DelegateUseAt"/> expression stands for.</summary>
    public static string NameOf(ExpressionSyntax use) => use switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>The method name <paramref name="expression"/> stands for: <c>M</c>, <c>this.M</c>, <c>x.M</c>, <c>(D)M</c>, <c>M!</c>, <c>new D(M)</c>.</summary>
    private static ExpressionSyntax? MethodName(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;

                // new Timer(RunSpawnTimeout!, null, -1, -1): the null-forgiving operator changes nothing about the method group
                // (AsyncVoidMethodAnalyzerTests.MethodGroupWithNullForgivingOperatorAsTimerCallback_NoDiagnostic).
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression, Operand: var operand }:
                    expression = operand;
                    continue;
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }:
                    expression = arguments[0].Expression;
                    continue;
                case SimpleNameSyntax or MemberAccessExpressionSyntax:
                    return expression;
                default:
                    return null;
            }
        }
    }

    /// <summary>What one type's syntax says: the names it converts to delegates, and whether it is a XAML code-behind.</summary>
    private sealed class TypeUses
    {
        public TypeUses(HashSet<string> delegateNames, bool isXamlCodeBehind)
        {
            DelegateNames = delegateNames;
            IsXamlCodeBehind = isXamlCodeBehind;
        }

        public HashSet<string> DelegateNames { get; }

        /// <summary>A partial class that calls (or has) <c>InitializeComponent</c>: its other part is generated from markup.</summary>
        public bool IsXamlCodeBehind { get; }
    }
}
