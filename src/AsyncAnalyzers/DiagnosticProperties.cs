namespace AsyncAnalyzers;

/// <summary>
/// The contract between analyzers and fixes: every key a diagnostic's properties may carry, declared once. An analyzer sets
/// them, its fix reads them; no rule borrows another analyzer's constants.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>Set when the rule reports but offers no fix here (await cannot go inside lock/unsafe, a conditional access, ...).</summary>
    public const string NoFix = "NoFix";

    /// <summary>ASYNC101/104: the <c>BlockingKind</c> found (Result, Wait, GetResult, WaitAll, WaitAny).</summary>
    public const string Kind = "Kind";

    /// <summary>
    /// ASYNC208: set (to the <c>BlockingKind</c>, Result or GetResult) when the finding is a blocking read of a ValueTask not known
    /// complete, which the fix makes block on <c>AsTask()</c>; absent for a second consumption.
    /// </summary>
    public const string BlockingRead = "BlockingRead";

    /// <summary>ASYNC103: the counterpart's name.</summary>
    public const string Counterpart = "Counterpart";

    /// <summary>ASYNC103: the name of the counterpart's CancellationToken parameter, when it has one.</summary>
    public const string TokenParameter = "TokenParameter";

    /// <summary>ASYNC102/103: the CancellationToken in scope that the fix forwards.</summary>
    public const string TokenInScope = "TokenInScope";

    /// <summary>ASYNC103: set when the counterpart does not compile without a token argument.</summary>
    public const string TokenRequired = "TokenRequired";

    /// <summary>ASYNC103: set when the counterpart is an extension method (an implicit <c>this</c> must be spelled out).</summary>
    public const string Extension = "Extension";

    /// <summary>ASYNC103: the namespace to import for a library extension counterpart (<c>Microsoft.EntityFrameworkCore</c>).</summary>
    public const string CounterpartNamespace = "CounterpartNamespace";

    /// <summary>ASYNC302: the shape of the loop body ("Await" or "Add") when the fix can rewrite the loop.</summary>
    public const string Shape = "Shape";

    /// <summary>ASYNC402: set when the fix may replace the statement with <c>await</c> (async context, where await compiles).</summary>
    public const string CanAwait = "CanAwait";

    /// <summary>ASYNC402: set when the forgotten task is a ValueTask, which needs <c>AsTask()</c> before a continuation.</summary>
    public const string ValueTask = "ValueTask";

    /// <summary>ASYNC403: set when the fix may replace the continuation with <c>await</c> followed by its body.</summary>
    public const string AwaitShape = "AwaitShape";

    /// <summary>ASYNC403: set when the fix may add OnlyOnRanToCompletion and a fault continuation.</summary>
    public const string OptionsShape = "OptionsShape";

    /// <summary>ASYNC207: set when the awaited call is a plain <c>Task.Factory.StartNew(f)</c> that <c>Task.Run(f)</c> can replace.</summary>
    public const string TaskRun = "TaskRun";

    /// <summary>ASYNC401-403: the configured exception handler to call, fully qualified (<c>global::Ns.Type.Method</c>).</summary>
    public const string ExceptionHandler = "ExceptionHandler";

    /// <summary>
    /// Every rule, while <c>dotnet build -p:AsyncAnalyzersBaseline=update</c> records the baseline: the finding's baseline key
    /// (<c>file | member | rule | fingerprint</c>), which the build reads from the error log to write the file.
    /// </summary>
    public const string BaselineEntry = "AsyncAnalyzers.BaselineEntry";

    /// <summary>ASYNC902: which of the entry's recorded findings (1 to its count) this report stands for.</summary>
    public const string BaselineOccurrence = "AsyncAnalyzers.BaselineOccurrence";
}
