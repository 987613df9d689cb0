namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// The bits of <c>System.Threading.Tasks.TaskContinuationOptions</c> the rules test, by name. The enum is read as a constant
/// integer from the operation tree, so these mirror its documented values.
/// </summary>
internal static class ContinuationOptions
{
    public const int NotOnRanToCompletion = 0x10000;

    public const int NotOnFaulted = 0x20000;

    public const int NotOnCanceled = 0x40000;

    /// <summary>NotOnRanToCompletion | NotOnCanceled: the continuation runs only when the antecedent faulted.</summary>
    public const int OnlyOnFaulted = NotOnRanToCompletion | NotOnCanceled;

    /// <summary>True when every bit of <paramref name="flags"/> is set in <paramref name="options"/>.</summary>
    public static bool Has(int options, int flags) => (options & flags) == flags;
}
