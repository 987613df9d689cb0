using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Extensions;
using AsyncAnalyzers.Semantics.Calls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>Facts about how a method is used, seen through every reference to it.</summary>
internal sealed partial class MethodSummaries : IDelegateUses
{
    /// <summary>How many callers up a fixed signature is followed (a helper of a helper of an interface implementation).</summary>
    private const int UsesDepth = 2;

    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _signatureFixedByUses = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _signatureFixedByUsesOrPublicApi = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _onlyRunAndForgotten = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Fact> _reachedOnlyFromEntryPoints = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _convertedToVoidDelegate = new(SymbolEqualityComparer.Default);
    private readonly object _delegateUseIndexLock = new();
    private Dictionary<string, List<ExpressionSyntax>>? _delegateUseIndex;
    private int _internalsVisibleToOthers; // 0: not read yet, 1: no, 2: yes

    /// <summary>
    /// Is the method, as a method group, converted to a <c>void</c>-returning delegate anywhere in the compilation
    /// (<c>DialogJump.ResetWindow = viewModel.Reset;</c> with an <c>Action</c> property, <c>publisher.Tick += service.OnTick</c>)?
    /// Read from <see cref="DelegateUseIndex"/>, built once per compilation; only the uses that carry the method's name are bound,
    /// once per method (AsyncVoidMethodAnalyzerTests.AssignedToActionPropertyOfAnotherType_NoDiagnostic). A call, a method group
    /// returned or kept in a local, a same-named method of another type, or one given to <c>Task.Run</c> or <c>StartNew</c> (whose
    /// overloads take a task-returning delegate too) are not such uses
    /// (AsyncVoidMethodAnalyzerTests.UsedOnlyAsTaskDelegateInAnotherType_Reports).
    /// </summary>
    public bool ConvertedToVoidDelegate(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (_convertedToVoidDelegate.TryGetValue(method, out var known))
        {
            return known;
        }

        var found = false;
        if (DelegateUseIndex(cancellationToken).TryGetValue(method.Name, out var uses))
        {
            foreach (var use in uses)
            {
                if (_bodies.ModelOf(use.SyntaxTree, null) is { } model
                    && model.GetOperation(use, cancellationToken) is IMethodReferenceOperation { Parent: IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod.ReturnsVoid: true } } creation } reference
                    && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, method)
                    && !GivenToTaskStarter(creation))
                {
                    found = true;
                    break;
                }
            }
        }

        return _convertedToVoidDelegate.GetOrAdd(method, found);
    }

    /// <summary><c>Task.Run(M)</c>, <c>StartNew(M)</c>: an overload takes a task-returning delegate too, so M could return a task.</summary>
    private bool GivenToTaskStarter(IDelegateCreationOperation creation) =>
        creation.WalkUpConversions().Parent is IArgumentOperation { Parent: IInvocationOperation call } && _work.IsTaskStarter(call.TargetMethod);

    /// <summary>
    /// Every expression of the compilation in a position that hands a method group to code that will invoke it
    /// (<see cref="ForcedSignatures.DelegateUseAt"/>), by the name it uses, kept only for the names of the compilation's
    /// <c>async void</c> methods, once per compilation: a walk over type members finds the names, then one pass over each file's
    /// text finds where they occur as words, and only those tokens are looked at (a walk of every node of every tree cost a large
    /// repository about 80 ms). A name written with a Unicode escape (<c>\u0041</c>) is not seen.
    /// </summary>
    private Dictionary<string, List<ExpressionSyntax>> DelegateUseIndex(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _delegateUseIndex) is { } built)
        {
            return built;
        }

        lock (_delegateUseIndexLock)
        {
            if (_delegateUseIndex is null)
            {
                var index = BuildDelegateUseIndex(cancellationToken);
                Volatile.Write(ref _delegateUseIndex, index);
            }

            return _delegateUseIndex!;
        }
    }

    private Dictionary<string, List<ExpressionSyntax>> BuildDelegateUseIndex(CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, List<ExpressionSyntax>>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in _symbols.Compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } } declaration
                    && declaration.Modifiers.Any(SyntaxKind.AsyncKeyword))
                {
                    names.Add(declaration.Identifier.ValueText);
                }
            }
        }

        if (names.Count == 0)
        {
            return index;
        }

        var words = new NameScanner(names);
        var positions = new List<int>();
        foreach (var tree in _symbols.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            positions.Clear();
            words.FindIn(tree.GetText(cancellationToken).ToString(), positions);
            if (positions.Count == 0)
            {
                continue;
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var position in positions)
            {
                var token = root.FindToken(position);
                if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.Span.Contains(position) || !names.Contains(token.ValueText)
                    || token.Parent is not SimpleNameSyntax name || name.Identifier != token)
                {
                    continue;
                }

                AddDelegateUses(name, index);
            }
        }

        return index;
    }

    /// <summary>
    /// Adds the <see cref="ForcedSignatures.DelegateUseAt"/> uses that stand for this name: the name or the member access it ends,
    /// looked for in the few nodes above it that can hand it on (through parentheses, casts and <c>new D(M)</c>), as a walk of every
    /// node would find them.
    /// </summary>
    private static void AddDelegateUses(SimpleNameSyntax name, Dictionary<string, List<ExpressionSyntax>> index)
    {
        ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        var current = (SyntaxNode)use;
        while (current.Parent is { } parent)
        {
            Add(ForcedSignatures.DelegateUseAt(parent));
            if (parent is EqualsValueClauseSyntax { Parent: { } declaration })
            {
                Add(ForcedSignatures.DelegateUseAt(declaration));
                return;
            }

            if (parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }
                || (parent is CastExpressionSyntax cast && cast.Expression == current))
            {
                current = parent;
            }
            else if (parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: BaseObjectCreationExpressionSyntax creation } })
            {
                current = creation;
            }
            else
            {
                return;
            }
        }

        void Add(ExpressionSyntax? found)
        {
            if (found != use)
            {
                return;
            }

            var key = ForcedSignatures.NameOf(use);
            if (!index.TryGetValue(key, out var uses))
            {
                index[key] = uses = new List<ExpressionSyntax>();
            }

            uses.Add(use);
        }
    }

    /// <summary>
    /// Finds where a source text has one of a few names as a whole word, in one pass over its characters and without allocating:
    /// a word is ruled out by its length or first character (two array reads), else looked up by its length and first and last
    /// characters, and compared only when those match. A hit in a comment or
    /// a string is harmless (the token found there is not the name).
    /// </summary>
    private sealed class NameScanner
    {
        private const int LengthLimit = 256;
        private readonly Dictionary<long, List<string>> _byShape = new();
        private readonly bool[] _lengths = new bool[LengthLimit];
        private readonly bool[] _firsts = new bool[128];
        private bool _nonAsciiFirst;

        public NameScanner(IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                if (name.Length == 0)
                {
                    continue;
                }

                _lengths[Math.Min(name.Length, LengthLimit - 1)] = true;
                if (name[0] < 128)
                {
                    _firsts[name[0]] = true;
                }
                else
                {
                    _nonAsciiFirst = true;
                }

                var key = Shape(name.Length, name[0], name[name.Length - 1]);
                if (!_byShape.TryGetValue(key, out var list))
                {
                    _byShape[key] = list = new List<string>();
                }

                list.Add(name);
            }
        }

        public void FindIn(string text, List<int> positions)
        {
            var i = 0;
            while (i < text.Length)
            {
                if (!IsWordChar(text[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                // Most words differ from every name in length or first character: two array reads rule them out.
                var first = text[start];
                if (!_lengths[Math.Min(i - start, LengthLimit - 1)] || (first < 128 ? !_firsts[first] : !_nonAsciiFirst))
                {
                    continue;
                }

                if (_byShape.TryGetValue(Shape(i - start, first, text[i - 1]), out var candidates))
                {
                    foreach (var candidate in candidates)
                    {
                        if (string.CompareOrdinal(text, start, candidate, 0, candidate.Length) == 0)
                        {
                            positions.Add(start);
                            break;
                        }
                    }
                }
            }
        }

        private static long Shape(int length, char first, char last) => ((long)length << 32) | ((long)first << 16) | last;

        private static bool IsWordChar(char c) => c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' : SyntaxFacts.IsIdentifierPartCharacter(c);
    }

    /// <summary>
    /// Is every reference to this private method a fire-and-forget <c>Task.Run</c> of it: <c>Task.Run(() =&gt; Notify(x));</c>,
    /// <c>_ = Task.Run(() =&gt; Notify(x));</c> or <c>Task.Run(Notify);</c> as a statement, with one reference at least? Then a
    /// null task it returns goes to <c>Task.Run</c> alone, whose delegate is a <c>Func&lt;Task?&gt;</c>: it turns the null into a
    /// canceled task, which nobody awaits (NullTaskReturnAnalyzerTests.MethodOnlyRunAndForgotten_NoDiagnostic). Unknown for a
    /// method that is not private (its references are not all at hand); No for any other reference, a Task.Run whose task is
    /// kept, or a lambda that does more than call it.
    /// </summary>
    public Fact OnlyRunAndForgotten(IMethodSymbol method, IOperation use)
    {
        method = method.BodyPart();
        if (_onlyRunAndForgotten.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Private || method.ContainingType is not { } type)
        {
            return Fact.Unknown;
        }

        var fact = Fact.No();
        foreach (var (expression, model) in ReferencesIn(DeclarationsOf(type), method, use))
        {
            if (model is null)
            {
                return Fact.Unknown;
            }

            IOperation? delegateCreation = null;
            if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
            {
                // () => Notify(x): a lambda whose whole body returns the call.
                if (model.GetOperation(invocation) is { Parent: IReturnOperation { Parent: IBlockOperation { Operations.Length: 1, Parent: IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda } } })
                {
                    delegateCreation = lambda.Parent as IDelegateCreationOperation;
                }
            }
            else if (model.GetOperation(expression) is IMethodReferenceOperation { Parent: IDelegateCreationOperation creation })
            {
                delegateCreation = creation;
            }

            if (delegateCreation is null || !IsForgottenTaskRun(delegateCreation))
            {
                _onlyRunAndForgotten.TryAdd(method, Fact.No(delegateCreation));
                return Fact.No(delegateCreation);
            }

            fact = Fact.Yes(delegateCreation);
        }

        return _onlyRunAndForgotten.GetOrAdd(method, fact);
    }

    /// <summary>The delegate is the argument of <c>Task.Run(...)</c> whose task is dropped: a statement, or assigned to <c>_</c>.</summary>
    private bool IsForgottenTaskRun(IOperation delegateCreation)
    {
        var current = delegateCreation;
        while (current.Parent is IConversionOperation { IsImplicit: true })
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Run", IsStatic: true } run } call }
            || !SymbolEqualityComparer.Default.Equals(run.ContainingType, _symbols.Task))
        {
            return false;
        }

        return call.Parent is IExpressionStatementOperation
            || call.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation };
    }

    /// <summary>
    /// Is this method's synchronous signature fixed by the way it is used? Yes when every reference to it is one of:
    /// <list type="bullet">
    /// <item>a method group converted to a delegate that fixes it: the body of a thread of its own (<c>new Thread(Loop)</c>,
    /// <c>StartNew(Loop, TaskCreationOptions.LongRunning)</c>), or a callback whose delegate returns no awaitable
    /// (<c>lifetime.ApplicationStopping.Register(Stop)</c>, <c>_callback = ProvidePassword</c>);</item>
    /// <item>a call from a member whose own signature is fixed: an override or interface implementation, the entry point
    /// <c>Main</c>, or (up to <see cref="UsesDepth"/> callers) a method fixed the same way.</item>
    /// </list>
    /// No when it is called from code that could become async, or given to an event (an async void handler is the fix there)
    /// or to <c>Task.Run</c> (which takes a task-returning delegate too). Only private methods are read (their references are all
    /// in their type), and static methods of the type that declares <c>Main</c> (whose references are looked for in the whole
    /// compilation); Unknown for any other.
    /// </summary>
    /// <remarks>
    /// With <paramref name="publicApiIsFixed"/>, a call from a library's public API counts as a fixed caller too
    /// (<see cref="AsyncSignatures.IsPublicApiOfLibrary"/>): a private helper of public registration methods
    /// (SyncOverAsyncTests.BlockingInPrivateHelperOfPublicApi_NoDiagnostic).
    /// </remarks>
    public Fact SignatureFixedByUses(IMethodSymbol method, IOperation use, bool publicApiIsFixed = false) =>
        SignatureFixedByUses(method.BodyPart(), use, UsesDepth, publicApiIsFixed);

    private Fact SignatureFixedByUses(IMethodSymbol method, IOperation use, int depth, bool publicApiIsFixed)
    {
        var cache = publicApiIsFixed ? _signatureFixedByUsesOrPublicApi : _signatureFixedByUses;
        if (cache.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type || ReferenceScope(method, type) is not { } scope)
        {
            return Fact.Unknown;
        }

        var fact = EveryReferenceFixesSignature(method, scope, use, depth, publicApiIsFixed);
        return fact.Answer == Answer.Unknown ? fact : cache.GetOrAdd(method, fact);
    }

    /// <summary>The syntax that holds every reference to the method, or null when it cannot be known here.</summary>
    private IEnumerable<SyntaxNode>? ReferenceScope(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (method.DeclaredAccessibility == Accessibility.Private)
        {
            return DeclarationsOf(type);
        }

        // reader.WaitForCompletion() of a private nested helper class: whatever the method's own accessibility, only the type that
        // holds the private class can name it, unless an interface or a base class reaches it
        // (SyncOverAsyncTests.BlockingInHelperCalledOnlyFromMethodWithRefParameters_NoDiagnostic).
        for (var holder = type; holder.ContainingType is { } outer; holder = outer)
        {
            if (holder.DeclaredAccessibility == Accessibility.Private)
            {
                return method.IsOverride || method.IsVirtual || method.IsAbstract || ImplementsInterfaceMember(method, type) ? null : DeclarationsOf(outer);
            }
        }

        // Program.OpenFile(path) called from Main: the type of the entry point, which a library does not expose.
        if (method.IsStatic && DeclaresEntryPoint(type) && type.DeclaredAccessibility != Accessibility.Public)
        {
            return TreesMentioning(method.Name);
        }

        return null;
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (method.ExplicitInterfaceImplementations.Length > 0)
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<SyntaxNode> DeclarationsOf(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            yield return reference.GetSyntax();
        }
    }

    private IEnumerable<SyntaxNode> TreesMentioning(string name)
    {
        foreach (var tree in _symbols.Compilation.SyntaxTrees)
        {
            if (tree.GetText().ToString().IndexOf(name, StringComparison.Ordinal) >= 0)
            {
                yield return tree.GetRoot();
            }
        }
    }

    private static bool DeclaresEntryPoint(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("Main"))
        {
            if (member is IMethodSymbol { IsStatic: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The references to a method in these declarations: the expression that names it (<c>this.Loop</c> and <c>Loop</c> are the
    /// same reference; the operation is the member access's) with the tree's model, or one pair with a null model, and no more,
    /// when a tree has no model (the caller answers Unknown).
    /// </summary>
    private IEnumerable<(SyntaxNode Expression, SemanticModel? Model)> ReferencesIn(IEnumerable<SyntaxNode> roots, IMethodSymbol method, IOperation use)
    {
        foreach (var root in roots)
        {
            if (_bodies.ModelOf(root.SyntaxTree, use) is not { } model)
            {
                yield return (root, null);
                yield break;
            }

            foreach (var node in root.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == method.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier).Symbol?.OriginalDefinition, method))
                {
                    yield return (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier, model);
                }
            }
        }
    }

    private Fact EveryReferenceFixesSignature(IMethodSymbol method, IEnumerable<SyntaxNode> scope, IOperation use, int depth, bool publicApiIsFixed)
    {
        var fact = Fact.No();
        foreach (var (expression, model) in ReferencesIn(scope, method, use))
        {
            if (model is null)
            {
                return Fact.Unknown;
            }

            var reference = expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression
                ? CallerFixesSignature(model.GetEnclosingSymbol(invocation.SpanStart) as IMethodSymbol, invocation, model, method, use, depth, publicApiIsFixed)
                : model.GetOperation(expression) is IMethodReferenceOperation { Parent: IDelegateCreationOperation creation } && FixesSignature(creation)
                    ? Fact.Yes(creation)
                    : Fact.No(model.GetOperation(expression));

            if (!reference.IsYes)
            {
                return reference;
            }

            fact = reference;
        }

        return fact;
    }

    /// <summary>
    /// A call from an override or interface implementation, the dispose pattern's <c>Dispose(bool)</c>, a method with ref or out
    /// parameters, Main, or a method whose signature is fixed by its own uses.
    /// </summary>
    private Fact CallerFixesSignature(IMethodSymbol? caller, SyntaxNode call, SemanticModel model, IMethodSymbol callee, IOperation use, int depth, bool publicApiIsFixed)
    {
        // (_, message) => OnMessage(message) given to a void callback: the synchronous lambda fixes what it calls
        // (SyncOverAsyncTests.BlockingInPrivateMethodCalledFromVoidCallbackLambda_NoDiagnostic).
        if (caller is { MethodKind: MethodKind.AnonymousFunction, IsAsync: false }
            && call.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { } lambdaSyntax
            && model.GetOperation(lambdaSyntax) is IAnonymousFunctionOperation { Parent: IDelegateCreationOperation creation })
        {
            return Fact.From(FixesSignature(creation), creation);
        }

        if (caller is null || caller.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction)
        {
            return Fact.No();
        }

        if (AsyncSignatures.IsForcedByContract(caller) || AsyncSignatures.IsDisposePatternCore(caller) || AsyncSignatures.HasRefOrOutParameter(caller)
            || caller is { IsStatic: true, Name: "Main" }
            || (publicApiIsFixed && AsyncSignatures.IsPublicApiOfLibrary(caller, _symbols.Compilation)))
        {
            return Fact.Yes();
        }

        if (SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, callee))
        {
            return Fact.Yes(); // a recursive call adds no caller
        }

        return depth > 0 ? SignatureFixedByUses(caller.BodyPart(), use, depth - 1, publicApiIsFixed) : Fact.Unknown;
    }

    /// <summary>
    /// Does this method of the compilation (not overridable) test every result of its delegate parameter for null before using it?
    /// Each invocation of the parameter (<c>action(x)</c>, <c>action?.Invoke(x)</c>) initializes a local whose every other use sits
    /// under <c>if (local != null)</c> (or <c>!= default</c>, <c>is not null</c>), one invocation at least: a null task from the
    /// delegate is skipped, never awaited.
    /// </summary>
    public bool NullChecksDelegateResults(IMethodSymbol method, IParameterSymbol parameter, IOperation use)
    {
        method = method.BodyPart();
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || _bodies.BodyOf(method, use) is not { } body)
        {
            return false;
        }

        var ordinal = parameter.Ordinal;
        var any = false;
        foreach (var operation in body.Block.Descendants())
        {
            if (operation is not IParameterReferenceOperation { Parameter: var referenced } reference || referenced.Ordinal != ordinal
                || !SymbolEqualityComparer.Default.Equals(referenced.ContainingSymbol.OriginalDefinition, method.OriginalDefinition))
            {
                continue;
            }

            // action?.Invoke(x) or action(x) / action.Invoke(x), as a local's initializer.
            IOperation? invoked = reference.WalkUpConversions().Parent switch
            {
                IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } call => call,
                IConditionalAccessOperation { WhenNotNull: IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } } access => access,
                _ => null,
            };

            if (invoked?.WalkUpConversions().Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var result } }
                || !EveryUseNullChecked(body.Block, result))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool EveryUseNullChecked(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !IsNullTest(reference) && !UnderNonNullTest(reference, local))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNullTest(ILocalReferenceOperation reference)
    {
        var read = reference.WalkUpConversions();
        return read.Parent?.NullTestedValue(out _) == read;
    }

    /// <summary>The reference sits in the branch an <c>if (local != null)</c> takes when the local is not null.</summary>
    private static bool UnderNonNullTest(IOperation reference, ILocalSymbol local)
    {
        for (var current = reference; current.Parent is { } parent; current = parent)
        {
            if (parent is IConditionalOperation { Condition: var condition, WhenTrue: var whenTrue } && ReferenceEquals(current, whenTrue)
                && condition.NullTestedValue(out var trueWhenNull) is { } tested && !trueWhenNull
                && tested.WalkDownConversions() is ILocalReferenceOperation tests && SymbolEqualityComparer.Default.Equals(tests.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Is this method reached only from the program's start: is every reference to it a call from a synchronous <c>Main</c>, from a
    /// static constructor (which runs before any use of its type, and before <c>Main</c> for the entry point's type), or (up to
    /// <see cref="UsesDepth"/> callers) from a method reached only from them, with one call at least? None of these callers can
    /// become async, so there is no async caller to move to: <c>static Program() { if (...) { Redirect(...); Environment.Exit(0); } }</c>
    /// (SyncOverAsyncTests.BlockingInHelperCalledFromStaticConstructorAndMain_NoDiagnostic). No for a call from anywhere else, an
    /// async <c>Main</c> (which can await it), and a method group or any other reference that is not a call. Only methods whose every
    /// reference is in this compilation are read: private methods, and methods not visible outside the assembly that cannot be
    /// overridden or reached through an interface, in an assembly without <c>[InternalsVisibleTo]</c>; Unknown for any other.
    /// </summary>
    public Fact ReachedOnlyFromEntryPoints(IMethodSymbol method, IOperation use) => ReachedOnlyFromEntryPoints(method.BodyPart(), use, UsesDepth);

    private Fact ReachedOnlyFromEntryPoints(IMethodSymbol method, IOperation use, int depth)
    {
        if (_reachedOnlyFromEntryPoints.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type || EveryReferenceScope(method, type) is not { } scope)
        {
            return Fact.Unknown;
        }

        var fact = Fact.No();
        foreach (var (expression, model) in ReferencesIn(scope, method, use))
        {
            if (model is null)
            {
                return Fact.Unknown;
            }

            var reference = expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression
                ? CallerIsEntryPoint(model.GetEnclosingSymbol(invocation.SpanStart) as IMethodSymbol, method, use, depth)
                : Fact.No(model.GetOperation(expression));
            if (!reference.IsYes)
            {
                fact = reference;
                break;
            }

            fact = reference;
        }

        return fact.Answer == Answer.Unknown ? fact : _reachedOnlyFromEntryPoints.GetOrAdd(method, fact);
    }

    private Fact CallerIsEntryPoint(IMethodSymbol? caller, IMethodSymbol callee, IOperation use, int depth)
    {
        switch (caller)
        {
            case { MethodKind: MethodKind.StaticConstructor }:
            case { MethodKind: MethodKind.Ordinary, IsStatic: true, IsAsync: false, Name: "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName }:
                return Fact.Yes();
            case { MethodKind: MethodKind.Ordinary } when SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, callee):
                return Fact.Yes(); // a recursive call adds no caller
            case { MethodKind: MethodKind.Ordinary, IsAsync: false }:
                return depth > 0 ? ReachedOnlyFromEntryPoints(caller.BodyPart(), use, depth - 1) : Fact.Unknown;
            default:
                return Fact.No(); // a lambda, a local function, an async method, a constructor, an accessor
        }
    }

    /// <summary>
    /// The syntax that holds every reference to a method that cannot be overridden or reached through an interface or a
    /// contract: see <see cref="EveryReferenceScope(ISymbol)"/>.
    /// </summary>
    private IEnumerable<SyntaxNode>? EveryReferenceScope(IMethodSymbol method, INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface || AsyncSignatures.IsForcedByContract(method) ? null : EveryReferenceScope(method);

    /// <summary>
    /// The syntax that holds every reference to a member no override and no other assembly can name: the declarations of its
    /// type for a private member (of the type around the first private nested type for a member of such a type), the trees
    /// that mention its name for one not visible outside the assembly when no other assembly sees its internals; null otherwise.
    /// </summary>
    private IEnumerable<SyntaxNode>? EveryReferenceScope(ISymbol member)
    {
        if (member.IsVirtual || member.IsAbstract || member.IsOverride || member.ContainingType is not { } type)
        {
            return null;
        }

        if (member.DeclaredAccessibility == Accessibility.Private)
        {
            return DeclarationsOf(type);
        }

        for (var nested = type; nested is not null; nested = nested.ContainingType)
        {
            if (nested.DeclaredAccessibility == Accessibility.Private && nested.ContainingType is { } outer)
            {
                return DeclarationsOf(outer);
            }
        }

        return IsVisibleOutsideAssembly(member) || InternalsVisibleToOthers ? null : TreesMentioning(member.Name);
    }

    /// <summary>Whether the member and every type around it can be seen from another assembly (protected counts: a derived class sees it).</summary>
    private static bool IsVisibleOutsideAssembly(ISymbol member)
    {
        for (ISymbol? current = member; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether this assembly has an <c>[InternalsVisibleTo]</c>, so that another assembly may call its internal methods. Read once.</summary>
    private bool InternalsVisibleToOthers
    {
        get
        {
            var known = Volatile.Read(ref _internalsVisibleToOthers);
            if (known != 0)
            {
                return known == 2;
            }

            var found = false;
            foreach (var attribute in _symbols.Compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "InternalsVisibleToAttribute" } attributeClass && attributeClass.IsInNamespace("System", "Runtime", "CompilerServices")
                    && !(attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string friend && IsTestAssemblyName(friend)))
                {
                    found = true;
                    break;
                }
            }

            Volatile.Write(ref _internalsVisibleToOthers, found ? 2 : 1);
            return found;
        }
    }

    /// <summary>
    /// <c>MyLib.Tests</c>, <c>MyLib.UnitTests</c>, <c>MyLibSpecs</c>, <c>MyLib.Benchmarks</c>, Castle's <c>DynamicProxyGenAssembly2</c>
    /// (Moq, NSubstitute), with or without <c>, PublicKey=...</c>: an assembly that only tests or measures this one. What it does with
    /// the internals never runs in production, so it does not count as another assembly that can reach them
    /// (SyncOverAsyncTests.BlockingInInternalHelperVisibleToTestsOnly_NoDiagnostic, BlockingInInternalHelperOfAssemblyWithFriends_Reports).
    /// </summary>
    private static bool IsTestAssemblyName(string friend)
    {
        var comma = friend.IndexOf(',');
        var name = (comma < 0 ? friend : friend.Substring(0, comma)).Trim();
        if (name == "DynamicProxyGenAssembly2")
        {
            return true;
        }

        var last = name.Substring(name.LastIndexOf('.') + 1);
        foreach (var suffix in TestAssemblySuffixes)
        {
            if (last.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] TestAssemblySuffixes = { "Test", "Tests", "Spec", "Specs", "Benchmark", "Benchmarks" };

    private bool FixesSignature(IDelegateCreationOperation creation)
    {
        IOperation delegateUse = creation;
        while (delegateUse.Parent is IConversionOperation or IDelegateCreationOperation)
        {
            delegateUse = delegateUse.Parent;
        }

        delegateUse = delegateUse.Parent!;
        if (_work.IsDedicatedThreadBody(delegateUse))
        {
            return true;
        }

        if (creation.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } delegateType
            || _symbols.IsAwaitable(invoke.ReturnType)
            || AsyncSignatures.IsEventHandlerDelegate(delegateType, _symbols))
        {
            return false;
        }

        return delegateUse is not IArgumentOperation { Parent: IInvocationOperation call } || !_work.IsTaskStarter(call.TargetMethod);
    }
}
