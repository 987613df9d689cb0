using System;
using System.Threading;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>
/// What happens to an exception that reaches the UI thread's dispatcher in this application: does the application handle it
/// (WPF's <c>DispatcherUnhandledException</c>, WinUI's or Avalonia's <c>UnhandledException</c> with <c>e.Handled = true</c>,
/// Windows Forms' <c>Application.ThreadException</c>) and carry on, or does it end the process? An exception that escapes an
/// <c>async void</c> handler resuming on the UI thread is posted to that dispatcher: where the application handles it there, it
/// is observed (logged, shown), which is all ASYNC401 asks for.
/// </summary>
internal sealed class UiExceptionPolicy
{
    private readonly Compilation _compilation;
    private readonly MethodBodies _bodies;
    private int _handles; // 0: not read yet, 1: no, 2: yes

    public UiExceptionPolicy(Compilation compilation, MethodBodies bodies)
    {
        _compilation = compilation;
        _bodies = bodies;
    }

    /// <summary>
    /// Whether some handler of the compilation takes the UI thread's unhandled exceptions and marks them handled without ending
    /// the process in its own body (no <c>Exit</c>, <c>Shutdown</c>, <c>FailFast</c> or <c>Kill</c> there). Read once per compilation:
    /// the trees that mention <c>UnhandledException</c> or <c>ThreadException</c>, then the handlers in them, by parameter type.
    /// </summary>
    public bool HandlesUiThreadExceptions(CancellationToken cancellationToken)
    {
        if (_handles == 0)
        {
            Interlocked.CompareExchange(ref _handles, FindHandlingHandler(cancellationToken) ? 2 : 1, 0);
        }

        return _handles == 2;
    }

    /// <summary>
    /// Whether a handler declared in <paramref name="containingType"/> resumes on the UI thread after its awaits: its type is a UI
    /// element or the application (WPF's <c>DispatcherObject</c>, a Windows Forms <c>Control</c>, WinUI's, UWP's or Avalonia's
    /// objects and applications), no await leaves the context (<c>ConfigureAwait(false)</c>), and its event is not one raised on a
    /// worker thread (a file watcher, a <c>System.Timers.Timer</c>, a process's output, a serial port, the network, SystemEvents).
    /// </summary>
    public static bool ResumesOnUiThread(INamedTypeSymbol? containingType, IMethodSymbol handler, IOperation body)
    {
        // A handler of a UI framework's own event (its args are the framework's: KeyEventArgs, RoutedEventArgs) runs on the UI
        // thread wherever it is declared: a view model of a UI written in code, wired to a control's KeyDown
        // (UnguardedAsyncVoidHandlerAnalyzerTests.ViewModelHandlerOfControlEventWithHandlingHandler_NoDiagnostic).
        if (!IsUiType(containingType) && !TakesUiEventArgs(handler))
        {
            return false;
        }

        foreach (var parameter in handler.Parameters)
        {
            if (IsWorkerThreadEventArgs(parameter.Type))
            {
                return false;
            }
        }

        foreach (var operation in body.DescendantsInSameFunction())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Arguments: { Length: > 0 } arguments }
                && arguments[arguments.Length - 1].Value.ConstantValue is { HasValue: true, Value: false })
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUiType(INamedTypeSymbol? type) =>
        type.SelfOrBaseTypeMatches(current =>
            (current.Name == "DispatcherObject" && current.IsInNamespace("System", "Windows", "Threading"))
            || (current.Name == "Control" && current.IsInNamespace("System", "Windows", "Forms"))
            || (current.Name is "DependencyObject" or "Application" && (current.IsInNamespace("Microsoft", "UI", "Xaml") || current.IsInNamespace("Windows", "UI", "Xaml")))
            || (current.Name is "AvaloniaObject" or "Application" && current.IsInNamespace("Avalonia")));

    private static bool TakesUiEventArgs(IMethodSymbol handler)
    {
        foreach (var parameter in handler.Parameters)
        {
            if (parameter.Type.SelfOrBaseTypeMatches(current => current.Name == "RoutedEventArgs"
                && (current.IsInNamespace("Avalonia", "Interactivity") || current.IsInNamespace("System", "Windows")
                    || current.IsInNamespace("Microsoft", "UI", "Xaml") || current.IsInNamespace("Windows", "UI", "Xaml"))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWorkerThreadEventArgs(ITypeSymbol type) =>
        type.SelfOrBaseTypeMatches(current =>
            (current.Name is "FileSystemEventArgs" or "ErrorEventArgs" && current.IsInNamespace("System", "IO"))
            || (current.Name == "ElapsedEventArgs" && current.IsInNamespace("System", "Timers"))
            || (current.Name == "DataReceivedEventArgs" && current.IsInNamespace("System", "Diagnostics"))
            || current.IsInNamespace("System", "IO", "Ports")
            || current.IsInNamespace("System", "Net", "NetworkInformation")
            || current.IsInNamespace("Microsoft", "Win32"));

    private bool FindHandlingHandler(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = tree.GetText(cancellationToken).ToString();
            if (text.IndexOf("UnhandledException", StringComparison.Ordinal) < 0 && text.IndexOf("ThreadException", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                // void OnUnhandled(object sender, DispatcherUnhandledExceptionEventArgs e) { ...; e.Handled = true; } (wired in code or
                // in XAML), and (s, e) => { ...; e.Handled = true; } subscribed in code.
                if (node is ParameterSyntax { Type: var declaredType, Parent: ParameterListSyntax { Parent: var function } } parameter
                    && (declaredType is null || LastName(declaredType) is "DispatcherUnhandledExceptionEventArgs" or "UnhandledExceptionEventArgs" or "ThreadExceptionEventArgs")
                    && (declaredType is not null || function is ParenthesizedLambdaExpressionSyntax)
                    && BodyOf(function) is { } body)
                {
                    model ??= _bodies.ModelOf(tree, null);
                    if (model?.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol && UiExceptionArgs(symbol.Type) is { } kind
                        && Handles(body, symbol.Name, kind))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static string? LastName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    private static SyntaxNode? BodyOf(SyntaxNode? function) => function switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
        LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
        AnonymousFunctionExpressionSyntax lambda => lambda.Body,
        _ => null,
    };

    private enum ArgsKind
    {
        /// <summary>Arguments with a <c>Handled</c> flag the handler must set.</summary>
        Flag,

        /// <summary>Windows Forms' ThreadException: subscribing is handling.</summary>
        Always,
    }

    private static ArgsKind? UiExceptionArgs(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { Name: "DispatcherUnhandledExceptionEventArgs" } named when named.IsInNamespace("System", "Windows", "Threading") || named.IsInNamespace("Avalonia", "Threading") => ArgsKind.Flag,
        INamedTypeSymbol { Name: "UnhandledExceptionEventArgs" } named when named.IsInNamespace("Microsoft", "UI", "Xaml") || named.IsInNamespace("Windows", "UI", "Xaml") => ArgsKind.Flag,
        INamedTypeSymbol { Name: "ThreadExceptionEventArgs" } named when named.IsInNamespace("System", "Threading") => ArgsKind.Always,
        _ => null,
    };

    /// <summary><c>e.Handled = true</c> somewhere in the body (Always: no flag to set), and no call that ends the process there.</summary>
    private static bool Handles(SyntaxNode body, string parameterName, ArgsKind? kind)
    {
        var setsHandled = kind == ArgsKind.Always;
        foreach (var node in body.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax
                {
                    RawKind: (int)SyntaxKind.SimpleAssignmentExpression,
                    Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name.Identifier.ValueText: "Handled" },
                    Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression },
                } when target.Identifier.ValueText == parameterName:
                    setsHandled = true;
                    break;
                case InvocationExpressionSyntax { Expression: var called }
                    when (called switch { MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText, SimpleNameSyntax simple => simple.Identifier.ValueText, _ => null })
                        is "Exit" or "Shutdown" or "FailFast" or "Kill":
                    return false;
            }
        }

        return setsHandled;
    }
}
