using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AsyncAnalyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.Catalog;

/// <summary>
/// Every false-positive guard names the test that pins it (CONTRIBUTING.md, house rule 5), as
/// <c>(BlockingWaitAnalyzerTests.ResultInNameOf_NoDiagnostic)</c> or, for several tests of one class,
/// <c>(ClassTests.First_NoDiagnostic, Second_NoDiagnostic)</c>. A renamed or deleted test must not leave the comment pointing
/// at nothing.
/// </summary>
public class TestReferenceTests
{
    private readonly ITestOutputHelper _output;

    public TestReferenceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void TestsNamedInSourceComments_Exist()
    {
        var references = TestReferences.Scan(Catalog.RepositoryFile("src"));
        Assert.NotEmpty(references);

        var tests = typeof(TestReferenceTests).Assembly.GetTypes()
            .Where(t => t.IsClass && (t.IsPublic || t.IsNestedPublic))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var reference in references)
        {
            if (!tests.TryGetValue(reference.Class, out var classes))
            {
                missing.Add($"{reference.Location}: {reference.Class}.{reference.Method}: no public class {reference.Class} in the test assembly");
            }
            else if (!classes.Any(c => IsTest(c, reference.Method)))
            {
                missing.Add($"{reference.Location}: {reference.Class}.{reference.Method}: {reference.Class} has no public test method {reference.Method}");
            }
        }

        _output.WriteLine($"{references.Count} test names in src/ comments ({references.Select(r => (r.Class, r.Method)).Distinct().Count()} distinct tests), {missing.Count} missing");
        Assert.True(missing.Count == 0, $"{missing.Count} of the {references.Count} test names in src/ comments point at no test:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("// guard (FooTests.A_NoDiagnostic).", "FooTests.A_NoDiagnostic")]
    [InlineData("// (FooTests.A_NoDiagnostic, B_NoDiagnostic; BarTests.C_Reports, D_Reports)", "FooTests.A_NoDiagnostic FooTests.B_NoDiagnostic BarTests.C_Reports BarTests.D_Reports")]
    [InlineData("// (FooTests.A_NoDiagnostic, FooTests.B_NoDiagnostic \"a case\", C_NoDiagnostic \"another\")", "FooTests.A_NoDiagnostic FooTests.B_NoDiagnostic FooTests.C_NoDiagnostic")]
    [InlineData("// first line (FooTests.A_NoDiagnostic,\n    // B_NoDiagnostic) and more", "FooTests.A_NoDiagnostic FooTests.B_NoDiagnostic")]
    [InlineData("// (FooTests.A_NoDiagnostic); another shape (B_NoDiagnostic), and (x, y)", "FooTests.A_NoDiagnostic")]
    [InlineData("// (FooTests.A_NoDiagnostic, and the rest of a sentence)", "FooTests.A_NoDiagnostic")]
    [InlineData("namespace AsyncAnalyzers.Tests.Catalog; // not a reference", "")]
    public void Scan_FindsQualifiedAndCommaContinuedNames(string source, string expected)
    {
        var found = TestReferences.Find(source, "f.cs").Select(r => r.Class + "." + r.Method);
        Assert.Equal(expected, string.Join(" ", found));
    }

    [Fact]
    public void Scan_ReportsTheLineOfEachName()
    {
        var found = TestReferences.Find("class C\n{\n    // (FooTests.A_NoDiagnostic,\n    // B_NoDiagnostic)\n}\n", "f.cs");
        Assert.Equal(new[] { "f.cs:3", "f.cs:4" }, found.Select(r => r.Location));
    }

    private static bool IsTest(Type type, string method) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.Name == method && m.GetCustomAttributes<FactAttribute>(inherit: true).Any());
}

/// <summary>Finds the tests that source comments name: <c>ClassTests.Method</c>, and bare names continuing such a list after a comma.</summary>
internal static class TestReferences
{
    private static readonly Regex Qualified = new(@"\b(\w+Tests)\.(\w+)", RegexOptions.Compiled);

    // One comment continued on the next line reads as one text: the line break and the next line's // become spaces.
    private static readonly Regex CommentContinuation = new(@"\r?\n[ \t]*///?", RegexOptions.Compiled);

    private static readonly Regex Parenthesized = new(@"\(([^()]*)\)", RegexOptions.Compiled);

    // A list item: a name, optionally followed by a quoted case ("t?.Result after await").
    private static readonly Regex Item = new(@"^\s*(?:(\w+Tests)\.)?(\w+)\s*(?:""[^""]*"")?\s*$", RegexOptions.Compiled);

    public static IReadOnlyList<TestReference> Scan(string directory) =>
        AnalyzerRunner.SourceFiles(directory)
            .SelectMany(file => Find(File.ReadAllText(file), Path.GetRelativePath(AnalyzerRunner.RepositoryRoot, file).Replace('\\', '/')))
            .ToList();

    public static IEnumerable<TestReference> Find(string text, string file)
    {
        // Same length as the original, so an index in it is an index in the file.
        var joined = CommentContinuation.Replace(text, m => new string(' ', m.Length));
        var found = new SortedDictionary<int, TestReference>();
        foreach (Match m in Qualified.Matches(joined))
        {
            found[m.Index] = new TestReference(m.Groups[1].Value, m.Groups[2].Value, Location(text, file, m.Index));
        }

        foreach (Match group in Parenthesized.Matches(joined))
        {
            string? currentClass = null;
            var offset = group.Groups[1].Index;
            var afterComma = false;
            foreach (var part in Regex.Split(group.Groups[1].Value, "([,;])"))
            {
                if (part is "," or ";")
                {
                    afterComma = part == ",";
                }
                else if (Item.Match(part) is { Success: true } item)
                {
                    if (item.Groups[1].Success)
                    {
                        currentClass = item.Groups[1].Value;
                    }
                    else if (afterComma && currentClass is not null)
                    {
                        var index = offset + item.Groups[2].Index;
                        found[index] = new TestReference(currentClass, item.Groups[2].Value, Location(text, file, index));
                    }
                }
                else
                {
                    // Prose ("X pins each shape") continues the list with its last class named, if any; otherwise it ends the list.
                    currentClass = Qualified.Matches(part).LastOrDefault()?.Groups[1].Value;
                }

                offset += part.Length;
            }
        }

        return found.Values;
    }

    private static string Location(string text, string file, int index) => $"{file}:{text.AsSpan(0, index).Count('\n') + 1}";
}

internal sealed record TestReference(string Class, string Method, string Location);
