using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Rules.Blocking;
using AsyncAnalyzers.Rules.Configuration;
using AsyncAnalyzers.Rules.Unawaited;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncAnalyzers.Tests.Rules.Configuration;

/// <summary>
/// Findings where the code already suppresses an equivalent peer rule (vs-threading, Meziantou, the .NET analyzers) are reported
/// suppressed: by an attribute on the member, on a type around it, at assembly level with a member target, or by a pragma.
/// </summary>
public class PeerSuppressorTests
{
    private static DiagnosticResult Suppressed(DiagnosticDescriptor rule, int location) =>
        new DiagnosticResult(rule.Id, rule.DefaultSeverity).WithLocation(location).WithIsSuppressed(true);

    private static DiagnosticResult Reported(DiagnosticDescriptor rule, int location) =>
        new DiagnosticResult(rule.Id, rule.DefaultSeverity).WithLocation(location).WithIsSuppressed(false);

    // A messaging library's wait helper (real code): blocking is its whole job, and the maintainers reviewed it against VSTHRD002.
    private const string WaitHelper = """
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;

        internal static class TaskExtensions
        {
            [SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "Reviewed")]
            public static void SafeWait(this Task task)
            {
                if (task.IsCompletedSuccessfully)
                    return;

                {|#0:task.GetAwaiter().GetResult()|};
            }

            public static T Wait<T>(this Task<T> task) => {|#1:task.Result|};
        }
        """;

    [Fact]
    public async Task MemberSuppressesPeer_FindingSuppressed()
    {
        await VerifyAsync(WaitHelper, Suppressed(Descriptors.ASYNC104, 0), Reported(Descriptors.ASYNC104, 1));
    }

    [Fact]
    public async Task MemberSuppressesUnrelatedRule_FindingReported()
    {
        await VerifyAsync(WaitHelper.Replace("VSTHRD002:Avoid problematic synchronous waits", "CA1031:Do not catch general exception types"),
            Reported(Descriptors.ASYNC104, 0), Reported(Descriptors.ASYNC104, 1));
    }

    [Fact]
    public async Task TypeSuppressesPeer_EveryMemberSuppressed()
    {
        await VerifyAsync(WaitHelper
            .Replace("""    [SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "Reviewed")]""", "")
            .Replace("internal static class TaskExtensions", """[SuppressMessage("Meziantou", "MA0045")] internal static class TaskExtensions"""),
            Suppressed(Descriptors.ASYNC104, 0), Suppressed(Descriptors.ASYNC104, 1));
    }

    [Fact]
    public async Task AssemblyLevelMemberTarget_OnlyThatMemberSuppressed()
    {
        await VerifyAsync(WaitHelper
            .Replace("""    [SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "Reviewed")]""", "")
            .Replace("internal static class TaskExtensions", """
                [assembly: SuppressMessage("Usage", "VSTHRD002", Scope = "member", Target = "~M:TaskExtensions.SafeWait(System.Threading.Tasks.Task)")]

                internal static class TaskExtensions
                """),
            Suppressed(Descriptors.ASYNC104, 0), Reported(Descriptors.ASYNC104, 1));
    }

    [Fact]
    public async Task PragmaDisablesPeer_UntilRestored()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;

            class Startup
            {
                async Task RunAsync(Task<int> pending, Task<int> other)
                {
                    await Task.Yield();
            #pragma warning disable VSTHRD103 // the value is ready: the caller awaited it
                    var ready = {|#0:pending.Result|};
            #pragma warning restore VSTHRD103
                    var again = {|#1:other.Result|};
                }
            }
            """, Suppressed(Descriptors.ASYNC101, 0), Reported(Descriptors.ASYNC101, 1));
    }

    [Fact]
    public async Task AsyncVoidSuppressedForVsThreading_FindingSuppressed()
    {
        await VerifyAsync("""
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;

            class Poller
            {
                public void Start() => Poll();

                [SuppressMessage("Usage", "VSTHRD100:Avoid async void methods", Justification = "Top of a fire-and-forget loop")]
                async void {|#0:Poll|}()
                {
                    try { await Task.Delay(1000); } catch (System.Exception) { }
                }
            }
            """, Suppressed(Descriptors.ASYNC202, 0));
    }

    [Fact]
    public async Task OptionOff_FindingReported()
    {
        var test = new Test { TestCode = WaitHelper };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*]
            async_analyzers.honor_peer_suppressions = false
            """));
        test.ExpectedDiagnostics.Add(Reported(Descriptors.ASYNC104, 0));
        test.ExpectedDiagnostics.Add(Reported(Descriptors.ASYNC104, 1));
        await test.RunAsync(CancellationToken.None);
    }

    private static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    private sealed class Test : CSharpAnalyzerTest<PeerSuppressor, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestDefaults.ReferenceAssemblies;
            SolutionTransforms.Add(TestDefaults.ApplyLanguageVersion);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            new DiagnosticAnalyzer[] { new BlockingWaitAnalyzer(), new AsyncVoidMethodAnalyzer(), new PeerSuppressor() };
    }
}
