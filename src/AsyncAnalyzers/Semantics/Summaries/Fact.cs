using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Summaries;

/// <summary>The three answers a summary can give. <see cref="Unknown"/> always means "do not report on the strength of it".</summary>
internal enum Answer : byte
{
    Unknown,
    Yes,
    No,
}

/// <summary>
/// One fact about a method: the answer and, when there is one, the operation that proves it (the catch-all try, the
/// <c>return Task.CompletedTask</c>, the call that does I/O), so a message or a test can say why.
/// </summary>
internal readonly struct Fact
{
    private Fact(Answer answer, IOperation? proof)
    {
        Answer = answer;
        Proof = proof;
    }

    public static Fact Unknown => default;

    public Answer Answer { get; }

    /// <summary>The operation that decided the answer, in the summarized method's body (or the caller's, for a lambda).</summary>
    public IOperation? Proof { get; }

    public bool IsYes => Answer == Answer.Yes;

    public bool IsNo => Answer == Answer.No;

    public static Fact Yes(IOperation? proof = null) => new(Answer.Yes, proof);

    public static Fact No(IOperation? proof = null) => new(Answer.No, proof);

    public static Fact From(bool value, IOperation? proof = null) => value ? Yes(proof) : No(proof);

    public override string ToString() => Answer.ToString();
}
