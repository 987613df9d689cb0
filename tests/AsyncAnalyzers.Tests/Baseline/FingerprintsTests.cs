using System.Linq;
using AsyncAnalyzers.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Baseline;

/// <summary>
/// A baseline key survives what does not change the finding (whitespace, comments, line moves, edits elsewhere, renamed locals in
/// other statements) and changes with what does (the member, the rule, the offending code).
/// </summary>
public class FingerprintsTests
{
    private const string Directory = "/repo/src/App";

    private const string Code = """
        namespace App;

        public class Service
        {
            public async Task<int> LoadAsync(Task<int> pending)
            {
                var count = 1;
                await Task.Yield();
                return pending.Result + count;
            }

            public async Task<int> OtherAsync(Task<int> pending)
            {
                await Task.Yield();
                return 0;
            }
        }
        """;

    [Fact]
    public void Whitespace_DoesNotChangeKey()
    {
        Assert.Equal(Key(Code), Key(Code.Replace("pending.Result", "pending\n                .Result").Replace("    ", "\t")));
    }

    [Fact]
    public void CommentInsideTheSpan_DoesNotChangeKey()
    {
        Assert.Equal(Key(Code), Key(Code.Replace("pending.Result", "pending /* still blocking */ .Result")));
    }

    [Fact]
    public void LinesMovedDown_DoNotChangeKey()
    {
        Assert.Equal(Key(Code), Key(Code.Replace("public class Service\n{", "public class Service\n{" + string.Concat(Enumerable.Repeat("\n    // moved down", 10)))));
    }

    [Fact]
    public void LocalRenamedInAnotherStatement_DoesNotChangeKey()
    {
        Assert.Equal(Key(Code), Key(Code.Replace("var count = 1;", "var total = 1;").Replace("+ count;", "+ total;")));
    }

    [Fact]
    public void OtherMemberEdited_DoesNotChangeKey()
    {
        Assert.Equal(Key(Code), Key(Code.Replace("return 0;", "var x = await pending;\n        return x * 2;")));
    }

    [Fact]
    public void SameCodeInTwoMembers_HasTwoKeys()
    {
        var both = Code.Replace("return 0;", "return pending.Result;");
        var tree = Parse(both);
        var keys = Spans(both, "pending.Result").Select(span => Fingerprints.EntryKey("ASYNC101", Location.Create(tree, span), Directory)).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.Equal(keys[0]!.Split(" | ")[3], keys[1]!.Split(" | ")[3]);
    }

    [Fact]
    public void OtherRuleOrOtherCode_ChangesKey()
    {
        Assert.NotEqual(Key(Code), Key(Code, "ASYNC104"));
        Assert.NotEqual(Key(Code), Key(Code.Replace("pending.Result", "pending.GetAwaiter().GetResult()"), last: "GetResult()"));
        Assert.NotEqual(Key(Code), Key(Code.Replace("pending", "other"), first: "other"));
    }

    [Fact]
    public void Key_NamesFileMemberRuleAndFingerprint()
    {
        Assert.Equal("Service.cs | App.Service.LoadAsync(Task<int>) | ASYNC101 | " + Fingerprints.Hash("pending . Result"), Key(Code));
    }

    [Theory]
    [InlineData("class C { void M(int a, ref string b) { X(); } }", "C.M(int,ref string)")]
    [InlineData("class C { void M<T>(List<T> a) { X(); } }", "C.M`1(List<T>)")]
    [InlineData("class C { C(int a) { X(); } }", "C..ctor(int)")]
    [InlineData("class C { static C() { X(); } }", "C..cctor()")]
    [InlineData("class C { int P { get { X(); return 0; } } }", "C.P.get")]
    [InlineData("class C { int P => X(); }", "C.P")]
    [InlineData("class C { int this[int i] { set { X(); } } }", "C.this[int].set")]
    [InlineData("class C { void M() { void Local() { X(); } } }", "C.M()")]
    [InlineData("class C { void M() { System.Action a = () => X(); } }", "C.M()")]
    [InlineData("class C { static int F = X(); }", "C.F")]
    [InlineData("namespace A.B { class C<T> { class D { void M() { X(); } } } }", "A.B.C`1.D.M()")]
    [InlineData("namespace A { namespace B { struct S { void M() { X(); } } } }", "A.B.S.M()")]
    [InlineData("X();", "<top-level>")]
    public void MemberName_AsWritten(string code, string expected)
    {
        var tree = Parse(code);
        Assert.Equal(expected, Fingerprints.MemberName(tree.GetRoot(), code.IndexOf("X()", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/repo/src/App", "/repo/src/App/Service.cs", "Service.cs")]
    [InlineData("/repo/src/App", "/repo/src/App/Sub/Service.cs", "Sub/Service.cs")]
    [InlineData("/repo/src/App", "/repo/shared/Link.cs", "../../shared/Link.cs")]
    [InlineData("C:\\repo\\App", "c:\\repo\\App\\Sub\\Service.cs", "Sub/Service.cs")]
    [InlineData("/repo/src/App/", "/repo/src/App/./Service.cs", "Service.cs")]
    public void RelativePath_UsesForwardSlashes(string directory, string path, string expected)
    {
        Assert.Equal(expected, Fingerprints.RelativePath(directory, path));
    }

    [Fact]
    public void Hash_IsStable()
    {
        // Pinned: a recorded baseline must read the same on every machine, runtime and version of the package.
        Assert.Equal("ea0b0f81f78602c5", Fingerprints.Hash("pending . Result"));
    }

    private static SyntaxTree Parse(string code) =>
        CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.CSharp12), Directory + "/Service.cs");

    private static TextSpan[] Spans(string code, string text)
    {
        var spans = new System.Collections.Generic.List<TextSpan>();
        for (var at = code.IndexOf(text, System.StringComparison.Ordinal); at >= 0; at = code.IndexOf(text, at + 1, System.StringComparison.Ordinal))
        {
            spans.Add(new TextSpan(at, text.Length));
        }

        return spans.ToArray();
    }

    /// <summary>The key of a finding spanning from <paramref name="first"/> (after the first <c>return</c>) to the end of <paramref name="last"/>.</summary>
    private static string? Key(string code, string rule = "ASYNC101", string first = "pending", string last = ".Result")
    {
        var tree = Parse(code);
        var start = code.IndexOf(first, code.IndexOf("return ", System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        var end = code.IndexOf(last, start, System.StringComparison.Ordinal) + last.Length;
        return Fingerprints.EntryKey(rule, Location.Create(tree, TextSpan.FromBounds(start, end)), Directory);
    }
}
