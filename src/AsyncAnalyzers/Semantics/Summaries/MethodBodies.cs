using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>The body of a method that a summary reads, with how it was written.</summary>
internal readonly struct MethodBody
{
    public MethodBody(IMethodSymbol method, IBlockOperation block, bool isExpressionBodied)
    {
        Method = method;
        Block = block;
        IsExpressionBodied = isExpressionBodied;
    }

    /// <summary>The method whose body this is (for a partial method, its implementation part).</summary>
    public IMethodSymbol Method { get; }

    public IBlockOperation Block { get; }

    /// <summary>Written <c>=&gt; expression</c>: the block is the compiler's implicit return or expression statement.</summary>
    public bool IsExpressionBodied { get; }
}

/// <summary>
/// The one place that reaches another method's body (house rule: interprocedural facts have one door). A body is available when
/// the method is declared once in this compilation's source and has a body: not abstract, extern, a declaration-only partial, or
/// from a referenced assembly. A local function's body is found in the tree of the operation that uses it. Semantic models of
/// other files are made once per file and compilation; <c>Compilation.GetSemanticModel</c> is banned everywhere else.
/// </summary>
internal sealed class MethodBodies
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<ISymbol, StrongBox<IReadOnlyList<IOperation>?>> _delegateMemberValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IFieldSymbol, bool> _awaitedFields = new(SymbolEqualityComparer.Default);
    private Dictionary<string, List<SyntaxNode>>? _writesByName;

    /// <summary>How many writes by one name <see cref="DelegateMemberValues"/> binds before it answers "unknown".</summary>
    private const int MaxDelegateWrites = 64;

    public MethodBodies(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>
    /// The body of <paramref name="method"/>, or null when it has none in this compilation. <paramref name="use"/> is an operation
    /// of the caller: its semantic model serves a callee in the same file, and its tree holds a local function's declaration.
    /// </summary>
    public MethodBody? BodyOf(IMethodSymbol method, IOperation? use)
    {
        method = method.BodyPart();
        if (method.IsAbstract || method.IsExtern)
        {
            return null;
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return use is null ? null : LocalFunctionBody(method, use);
        }

        if (method.DeclaringSyntaxReferences.Length != 1 || !ContainsTree(method.DeclaringSyntaxReferences[0].SyntaxTree))
        {
            return null;
        }

        // A method, an accessor (get { ... }), or the arrow of an expression-bodied property (=> ...), whose operation is the block.
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }))
        {
            return null;
        }

        var model = use?.SemanticModel is { } own && own.SyntaxTree == syntax.SyntaxTree ? own : ModelFor(syntax.SyntaxTree);
        return model.GetOperation(syntax) switch
        {
            IMethodBodyOperation { BlockBody: { } block, ExpressionBody: null } => new MethodBody(method, block, isExpressionBodied: false),
            IMethodBodyOperation { BlockBody: null, ExpressionBody: { } expression } => new MethodBody(method, expression, isExpressionBodied: true),
            IBlockOperation arrow when syntax is ArrowExpressionClauseSyntax => new MethodBody(method, arrow, isExpressionBodied: true),
            _ => null,
        };
    }

    /// <summary>
    /// Whether the method's own body (not its lambdas or local functions) contains <c>await</c>, <c>await foreach</c> or
    /// <c>await using</c>, read from syntax alone, without binding; null when the method has no single declaration here.
    /// </summary>
    public bool? ContainsAwait(IMethodSymbol method)
    {
        method = method.BodyPart();
        if (method.DeclaringSyntaxReferences.Length != 1 || !ContainsTree(method.DeclaringSyntaxReferences[0].SyntaxTree)
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax declaration)
        {
            return null;
        }

        foreach (var node in declaration.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case AwaitExpressionSyntax:
                case CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                case UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the method is declared here with a block body that holds no statement (<c>public void Execute(object? p) { }</c>),
    /// read from syntax alone; null when the method has no single declaration here.
    /// </summary>
    public bool? IsEmpty(IMethodSymbol method)
    {
        method = method.BodyPart();
        if (method.DeclaringSyntaxReferences.Length != 1 || !ContainsTree(method.DeclaringSyntaxReferences[0].SyntaxTree)
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax declaration)
        {
            return null;
        }

        return declaration is { Body.Statements.Count: 0, ExpressionBody: null };
    }

    /// <summary>
    /// The semantic model of a tree of this compilation, for a summary that reads declarations rather than one body (how a
    /// private method is referenced across its type's parts); null for a tree outside the compilation.
    /// </summary>
    public SemanticModel? ModelOf(SyntaxTree tree, IOperation? use) =>
        !ContainsTree(tree) ? null : use?.SemanticModel is { } own && own.SyntaxTree == tree ? own : ModelFor(tree);

    /// <summary>
    /// Every value a readonly field of this compilation is given: its initializer and the assignments in its type's constructors
    /// (the only places that may write it); null when the field is not readonly, not declared here, or passed by reference.
    /// </summary>
    public IReadOnlyList<IOperation>? ReadonlyFieldValues(IFieldSymbol field, IOperation? use)
    {
        if (!field.IsReadOnly || field.ContainingType is not { } type || field.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var values = new List<IOperation>();
        var declarator = field.DeclaringSyntaxReferences[0].GetSyntax();
        if (declarator is VariableDeclaratorSyntax { Initializer: { } initializer } && ModelOf(declarator.SyntaxTree, use) is { } fieldModel
            && fieldModel.GetOperation(initializer) is IFieldInitializerOperation { Value: { } initialValue })
        {
            values.Add(initialValue);
        }

        foreach (var constructor in field.IsStatic ? type.StaticConstructors : type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (syntax is not ConstructorDeclarationSyntax || ModelOf(syntax.SyntaxTree, use) is not { } model || model.GetOperation(syntax) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.Descendants())
                {
                    if (operation is not IFieldReferenceOperation written || !SymbolEqualityComparer.Default.Equals(written.Field, field))
                    {
                        continue;
                    }

                    switch (written.Parent)
                    {
                        case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, written):
                            values.Add(assignment.Value);
                            break;
                        case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                            return null;
                    }
                }
            }
        }

        return values;
    }

    /// <summary>
    /// Every value a readonly field or get-only auto-property of this compilation is given (its initializer and every assignment in
    /// its type's constructors), when each constructor is sure to leave it set: the member has an initializer, or the constructor
    /// chains to <c>this(...)</c>, or one of its top-level statements assigns the member. Null when a constructor (an implicit one
    /// included) may leave it at its default, or when the member is not such a member, not declared here, or passed by reference.
    /// </summary>
    public IReadOnlyList<IOperation>? ValuesSetByEveryConstructor(ISymbol member, IOperation? use)
    {
        if (member.ContainingType is not { } type || member.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var values = new List<IOperation>();
        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax();
        switch (member)
        {
            case IFieldSymbol { IsReadOnly: true } field:
                if (ReadonlyFieldValues(field, use) is not { } fieldValues)
                {
                    return null;
                }

                // The initializer, when there is one, comes first (ReadonlyFieldValues).
                values.AddRange(fieldValues);
                break;
            case IPropertySymbol { SetMethod: null, IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false, IsIndexer: false }
                when declaration is PropertyDeclarationSyntax { AccessorList.Accessors: { Count: 1 } accessors } property
                    && accessors[0] is { Body: null, ExpressionBody: null }:
                if (property.Initializer is { } initializer && ModelOf(property.SyntaxTree, use) is { } propertyModel
                    && propertyModel.GetOperation(initializer) is IPropertyInitializerOperation { Value: { } initialValue })
                {
                    values.Add(initialValue);
                }

                break;
            default:
                return null;
        }

        var hasInitializer = declaration is VariableDeclaratorSyntax { Initializer: not null } or PropertyDeclarationSyntax { Initializer: not null };
        foreach (var constructor in member.IsStatic ? type.StaticConstructors : type.InstanceConstructors)
        {
            if (constructor.DeclaringSyntaxReferences.Length != 1
                || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax syntax)
            {
                // An implicit constructor, or a primary one (whose parameters only reach the member through its initializer).
                if (!hasInitializer)
                {
                    return null;
                }

                continue;
            }

            if (ModelOf(syntax.SyntaxTree, use) is not { } model || model.GetOperation(syntax) is not IConstructorBodyOperation body)
            {
                return null;
            }

            var assignsAtTop = hasInitializer || syntax.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword };
            foreach (var operation in body.Descendants())
            {
                var target = operation switch
                {
                    IFieldReferenceOperation reference => (ISymbol)reference.Field,
                    IPropertyReferenceOperation reference => reference.Property,
                    _ => null,
                };
                if (!SymbolEqualityComparer.Default.Equals(target, member))
                {
                    continue;
                }

                switch (operation.Parent)
                {
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, operation):
                        if (member is IPropertySymbol)
                        {
                            values.Add(assignment.Value);
                        }

                        assignsAtTop |= assignment.Parent is IExpressionStatementOperation { Parent: IBlockOperation block }
                            && (ReferenceEquals(block, body.BlockBody) || ReferenceEquals(block, body.ExpressionBody));
                        break;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                        return null;
                }
            }

            if (!assignsAtTop)
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>
    /// Is the private task field awaited somewhere in its type (<c>await _processing.ConfigureAwait(false)</c> in
    /// <c>DisposeAsync</c>)? Its type's declarations are the only code that can read it. A task kept there has an observer for
    /// its fault (UnobservedFireAndForgetAnalyzerTests.CalleeKeepsItsTaskInFieldItsTypeAwaits_NoDiagnostic).
    /// </summary>
    public bool IsPrivateFieldAwaited(IFieldSymbol field, IOperation? use)
    {
        if (field.DeclaredAccessibility != Accessibility.Private || field.ContainingType is not { } type)
        {
            return false;
        }

        return _awaitedFields.GetOrAdd(field.OriginalDefinition, _ =>
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var root = reference.GetSyntax();
                if (!ContainsTree(root.SyntaxTree) || ModelOf(root.SyntaxTree, use) is not { } model)
                {
                    continue;
                }

                foreach (var node in root.DescendantNodes())
                {
                    if (node is AwaitExpressionSyntax awaitSyntax
                        && model.GetOperation(awaitSyntax) is IAwaitOperation awaited
                        && awaited.Operation.UnwrapConfigureAwait().WalkDownConversions() is IFieldReferenceOperation { Field: var read }
                        && SymbolEqualityComparer.Default.Equals(read.OriginalDefinition, field.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        });
    }

    /// <summary>
    /// Every value a private, non-readonly field of this compilation is given, read from every reference to it in its type's
    /// declarations (nested types included: the only code that can write it), with whether it is given one before any method
    /// runs: an initializer, or an assignment that is a statement of every constructor's body. Null when the field is not such
    /// a field, or when a reference could write it some other way (<c>ref</c>, <c>out</c>, a compound assignment, a
    /// deconstruction) or does not bind.
    /// </summary>
    public PrivateFieldWrites? PrivateFieldValues(IFieldSymbol field, IOperation? use)
    {
        if (field.IsReadOnly || field.IsConst || field.DeclaredAccessibility != Accessibility.Private || field.ContainingType is not { } type
            || field.DeclaringSyntaxReferences.Length != 1 || field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator
            || !ContainsTree(declarator.SyntaxTree))
        {
            return null;
        }

        var values = new List<IOperation>();
        var initialized = false;
        if (declarator.Initializer is { } initializer)
        {
            if (ModelOf(declarator.SyntaxTree, use)?.GetOperation(initializer) is not IFieldInitializerOperation { Value: { } initialValue })
            {
                return null;
            }

            values.Add(initialValue);
            initialized = true;
        }

        var constructors = 0;
        var constructorsAssigning = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var root = reference.GetSyntax();
            if (ModelOf(root.SyntaxTree, use) is not { } model)
            {
                return null;
            }

            foreach (var node in root.DescendantNodes())
            {
                if (node is ConstructorDeclarationSyntax constructor && constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == field.IsStatic
                    && constructor.Parent == root)
                {
                    constructors++;
                    if (AssignsAtTopLevel(constructor, field, model))
                    {
                        constructorsAssigning++;
                    }
                }

                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name)
                {
                    continue;
                }

                if (identifier.Parent is MemberBindingExpressionSyntax)
                {
                    return null; // x?._task = ...: not read here
                }

                var expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (SyntaxNode)access : identifier;
                var operation = model.GetOperation(expression);
                if (operation is not IFieldReferenceOperation written || !SymbolEqualityComparer.Default.Equals(written.Field.OriginalDefinition, field.OriginalDefinition))
                {
                    if (operation is null && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression).Symbol?.OriginalDefinition, field.OriginalDefinition))
                    {
                        return null;
                    }

                    continue;
                }

                switch (written.Parent)
                {
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, written):
                        if (assignment.IsRef)
                        {
                            return null;
                        }

                        values.Add(assignment.Value);
                        break;
                    case ICoalesceAssignmentOperation coalesce when ReferenceEquals(coalesce.Target, written):
                        values.Add(coalesce.Value);
                        break;
                    case IAssignmentOperation other when ReferenceEquals(other.Target, written):
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                    case ITupleOperation:
                    case IIncrementOrDecrementOperation:
                        return null;
                    default:
                        if (expression.Parent is RefExpressionSyntax or ArgumentSyntax { RefKindKeyword.RawKind: not 0 } or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression })
                        {
                            return null;
                        }

                        break;
                }
            }
        }

        return new PrivateFieldWrites(values, initialized || (constructors > 0 && constructorsAssigning == constructors));
    }

    /// <summary>A statement of the constructor's own body (not nested in a branch) assigns the field.</summary>
    private static bool AssignsAtTopLevel(ConstructorDeclarationSyntax constructor, IFieldSymbol field, SemanticModel model)
    {
        if (constructor.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword })
        {
            return false;
        }

        IEnumerable<SyntaxNode> statements = constructor.Body is { } body
            ? body.Statements
            : constructor.ExpressionBody is { } arrow ? new SyntaxNode[] { arrow.Expression } : System.Array.Empty<SyntaxNode>();
        foreach (var statement in statements)
        {
            var expression = statement is ExpressionStatementSyntax expressionStatement ? expressionStatement.Expression : statement as ExpressionSyntax;
            if (expression is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var left }
                && left is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(left).Symbol?.OriginalDefinition, field.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every value a delegate-typed field, field-like event or auto-property of this compilation is given anywhere in the
    /// compilation: its initializer, and every <c>=</c>, <c>+=</c> and <c>??=</c> that names it (object initializers included),
    /// found by the names written on the left of assignments (one syntax pass over the compilation, on first use) and bound
    /// where they are. Null when the member is not such a member, or when something could give it a value another way: a
    /// <c>ref</c> or <c>out</c> argument, a deconstruction, or a write that does not bind.
    /// </summary>
    public IReadOnlyList<IOperation>? DelegateMemberValues(ISymbol member, IOperation? use)
    {
        member = member.OriginalDefinition;
        if (_delegateMemberValues.TryGetValue(member, out var cached))
        {
            return cached.Value;
        }

        return _delegateMemberValues.GetOrAdd(member, new StrongBox<IReadOnlyList<IOperation>?>(ReadDelegateMemberValues(member, use))).Value;
    }

    private List<IOperation>? ReadDelegateMemberValues(ISymbol member, IOperation? use)
    {
        var type = member switch
        {
            IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false } field => field.Type,
            IEventSymbol { AddMethod.IsImplicitlyDeclared: true } field => field.Type,
            IPropertySymbol { IsIndexer: false, IsAbstract: false, IsExtern: false } property when property.IsAutoProperty() => property.Type,
            _ => null,
        };
        if (type?.TypeKind != TypeKind.Delegate || member.DeclaringSyntaxReferences.Length != 1 || !ContainsTree(member.DeclaringSyntaxReferences[0].SyntaxTree))
        {
            return null;
        }

        var values = new List<IOperation>();
        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax();
        var initializer = declaration switch
        {
            VariableDeclaratorSyntax { Initializer: { } value } => (SyntaxNode)value,
            PropertyDeclarationSyntax { Initializer: { } value } => value,
            _ => null,
        };
        if (initializer is not null)
        {
            switch (ModelOf(initializer.SyntaxTree, use)?.GetOperation(initializer))
            {
                case ISymbolInitializerOperation { Value: { } initialValue }:
                    values.Add(initialValue);
                    break;
                default:
                    return null;
            }
        }

        if (!WritesByName().TryGetValue(member.Name, out var writes))
        {
            return values;
        }

        // A common name (Changed, Callback) written in many places: binding every write costs more than the answer is worth.
        if (writes.Count > MaxDelegateWrites)
        {
            return null;
        }

        foreach (var write in writes)
        {
            if (ModelOf(write.SyntaxTree, use) is not { } model)
            {
                return null;
            }

            var target = write switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax argument => argument.Expression,
                _ => write,
            };
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target).Symbol?.OriginalDefinition, member))
            {
                continue;
            }

            switch (write is AssignmentExpressionSyntax ? model.GetOperation(write) : null)
            {
                case ISimpleAssignmentOperation { IsRef: false, Value: var value }:
                    values.Add(value);
                    break;
                case IEventAssignmentOperation { Adds: true, HandlerValue: var handler }:
                    values.Add(handler);
                    break;
                case IEventAssignmentOperation { Adds: false }:
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Value: var added }:
                    values.Add(added);
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Subtract }:
                    break;
                case ICoalesceAssignmentOperation { Value: var value }:
                    values.Add(value);
                    break;
                default:
                    return null;
            }
        }

        return values;
    }

    /// <summary>
    /// The syntax that may write a member, by the member's name: assignments (<c>=</c>, <c>+=</c>, <c>-=</c>, <c>??=</c>) by the
    /// simple name on their left, and <c>ref</c>/<c>out</c> arguments and deconstructions by the names they hold.
    /// </summary>
    private Dictionary<string, List<SyntaxNode>> WritesByName()
    {
        if (_writesByName is { } built)
        {
            return built;
        }

        var index = new Dictionary<string, List<SyntaxNode>>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction:
                        foreach (var name in deconstruction.Left.DescendantNodes().OfType<SimpleNameSyntax>())
                        {
                            Add(index, name.Identifier.ValueText, name);
                        }

                        break;
                    case AssignmentExpressionSyntax assignment when NameOf(assignment.Left) is { } name:
                        Add(index, name, assignment);
                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument when NameOf(argument.Expression) is { } name:
                        Add(index, name, argument);
                        break;
                }
            }
        }

        return Interlocked.CompareExchange(ref _writesByName, index, null) ?? index;

        static string? NameOf(ExpressionSyntax expression) => expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax { Name: var name } => name.Identifier.ValueText,
            MemberBindingExpressionSyntax { Name: var name } => name.Identifier.ValueText,
            _ => null,
        };

        static void Add(Dictionary<string, List<SyntaxNode>> index, string name, SyntaxNode node)
        {
            if (!index.TryGetValue(name, out var list))
            {
                index[name] = list = new List<SyntaxNode>();
            }

            list.Add(node);
        }
    }

    private static MethodBody? LocalFunctionBody(IMethodSymbol method, IOperation use)
    {
        foreach (var operation in use.Root().Descendants())
        {
            if (operation is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, method))
            {
                var expressionBodied = local.Syntax is LocalFunctionStatementSyntax { ExpressionBody: not null, Body: null };
                return (local.Body ?? local.IgnoredBody) is { } body ? new MethodBody(method, body, expressionBodied) : null;
            }
        }

        return null;
    }

    private bool ContainsTree(SyntaxTree tree) => _compilation.ContainsSyntaxTree(tree);

    private SemanticModel ModelFor(SyntaxTree tree)
    {
        if (_models.TryGetValue(tree, out var model))
        {
            return model;
        }

#pragma warning disable RS0030 // MethodBodies is the one door to other files' bodies (src/BannedSymbols.txt).
        return _models.GetOrAdd(tree, _compilation.GetSemanticModel(tree, ignoreAccessibility: false));
#pragma warning restore RS0030
    }
}

/// <summary>What <see cref="MethodBodies.PrivateFieldValues"/> found: the values a private field is given, and whether it has one before any method runs.</summary>
internal sealed class PrivateFieldWrites
{
    public PrivateFieldWrites(IReadOnlyList<IOperation> values, bool assignedAtConstruction)
    {
        Values = values;
        AssignedAtConstruction = assignedAtConstruction;
    }

    public IReadOnlyList<IOperation> Values { get; }

    /// <summary>An initializer, or an assignment that every constructor makes: the field is not null before it is first written elsewhere.</summary>
    public bool AssignedAtConstruction { get; }
}
