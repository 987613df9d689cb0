namespace AsyncAnalyzers;

/// <summary>
/// One diagnostic category per rule family, so that
/// <c>dotnet_analyzer_diagnostic.category-AsyncAnalyzers.Blocking.severity = error</c> turns a family up in one line.
/// </summary>
public enum RuleFamily
{
    Blocking,
    Unawaited,
    Gather,
    Exceptions,
    Configuration,
}

/// <summary>The default level of a rule: the severity it has and whether it is on without configuration.</summary>
public enum RuleLevel
{
    /// <summary>Warning, on by default.</summary>
    Warning,

    /// <summary>Suggestion (Info), on by default.</summary>
    Suggestion,

    /// <summary>Suggestion (Info), off until enabled in .editorconfig.</summary>
    Disabled,
}

internal static class RuleCategory
{
    public static string Of(RuleFamily family) => "AsyncAnalyzers." + family;
}
