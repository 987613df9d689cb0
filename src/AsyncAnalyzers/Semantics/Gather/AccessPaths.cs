using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AsyncAnalyzers.Extensions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics.Gather;

/// <summary>
/// The one owner of the access-path encoding. A path names what an operation reads or writes, from a root to a member chain,
/// segments joined by <c>/</c>: a local (<c>l:name@position</c>), a parameter (<c>p:name@ordinal@position</c>), <c>this</c>, or a
/// static type (<c>s:Namespace.Type</c>), then member names (<c>this/_db/Users</c>). A resource key names a path, URL or key
/// argument structurally (<c>c:</c> constants, variable segments, member chains, calls) so that two uses of the same one match.
/// Rules and other facts compare paths only through the methods here, never by string prefix.
/// </summary>
internal static class AccessPath
{
    /// <summary>The segment of the instance the code runs on.</summary>
    public const string This = "this";

    private const char Separator = '/';

    /// <summary>The path segment naming a local or parameter (the root of every path through it).</summary>
    public static string Segment(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => "l:" + local.Name + "@" + Position(local),
        IParameterSymbol parameter => "p:" + parameter.Name + "@" + parameter.Ordinal.ToString(CultureInfo.InvariantCulture) + "@" + Position(parameter),
        _ => "?:" + symbol.Name,
    };

    /// <summary>The root segment of a static member's type.</summary>
    public static string Static(ITypeSymbol type) => "s:" + type.ToDisplayString();

    /// <summary>Joins segments collected innermost first (the walk goes from the member up to its root).</summary>
    public static string Join(List<string> reversedSegments)
    {
        var builder = new StringBuilder();
        for (var i = reversedSegments.Count - 1; i >= 0; i--)
        {
            builder.Append(reversedSegments[i]);
            if (i > 0)
            {
                builder.Append(Separator);
            }
        }

        return builder.ToString();
    }

    /// <summary>Keeps the root and the first member: what an instance call may touch besides its own object.</summary>
    public static string Truncate(string path)
    {
        var first = path.IndexOf(Separator);
        if (first < 0)
        {
            return path;
        }

        var second = path.IndexOf(Separator, first + 1);
        return second < 0 ? path : path.Substring(0, second);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or a member chain below it.</summary>
    public static bool IsUnder(string path, string root) =>
        path == root || (path.Length > root.Length && path[root.Length] == Separator && path.StartsWith(root, System.StringComparison.Ordinal));

    /// <summary>Every proper prefix of the path (<c>a</c>, <c>a/b</c> for <c>a/b/c</c>), then the path itself.</summary>
    public static IEnumerable<string> PrefixesAndSelf(string path)
    {
        for (var end = path.IndexOf(Separator); end >= 0; end = path.IndexOf(Separator, end + 1))
        {
            yield return path.Substring(0, end);
        }

        yield return path;
    }

    /// <summary>A resource key as seen through one receiver: the same key through another receiver is another resource.</summary>
    public static string Through(string receiverPath, string resourceKey) => receiverPath + "|" + resourceKey;

    /// <summary>True when the resource key is built from the variable <paramref name="rootSegment"/> (it varies with it).</summary>
    public static bool Mentions(string resourceKey, string rootSegment) => resourceKey.IndexOf(rootSegment, System.StringComparison.Ordinal) >= 0;

    /// <summary>A structural key of a resource argument (a path, URL, key) so that two uses of the same one can be recognized.</summary>
    public static string? ResourceKey(IOperation operation)
    {
        var value = operation.WalkDownConversions();
        if (value.ConstantValue.HasValue)
        {
            return "c:" + (value.ConstantValue.Value?.ToString() ?? "null");
        }

        switch (value)
        {
            case ILocalReferenceOperation local:
                return Segment(local.Local);
            case IParameterReferenceOperation parameter:
                return Segment(parameter.Parameter);
            case IMemberReferenceOperation member:
                var instance = member.Instance is null ? "s" : member.Instance is IInstanceReferenceOperation ? This : ResourceKey(member.Instance);
                return instance is null ? null : instance + Separator + member.Member.Name;
        }

        var builder = new StringBuilder();
        builder.Append(value.Kind.ToString()).Append('(');
        if (value is IInvocationOperation invocation)
        {
            builder.Append(invocation.TargetMethod.ToDisplayString()).Append(':');
        }
        else if (value is IObjectCreationOperation creation)
        {
            builder.Append(creation.Type?.ToDisplayString()).Append(':');
        }

        foreach (var child in value.ChildOperations)
        {
            var key = ResourceKey(child);
            if (key is null)
            {
                return null;
            }

            builder.Append(key).Append(',');
        }

        return builder.Append(')').ToString();
    }

    private static string Position(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Length > 0 ? symbol.DeclaringSyntaxReferences[0].Span.Start.ToString(CultureInfo.InvariantCulture) : symbol.ContainingSymbol?.Name ?? string.Empty;
}
