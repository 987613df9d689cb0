using System.Threading.Tasks;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Blocking.BlockingWaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Blocking;

public class SmokeTests
{
    [Fact]
    public async Task TopLevel_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                var t = Task.Run(() => 1);
                await Task.Yield();
                var x = {|ASYNC101:t.Result|};
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }
}
