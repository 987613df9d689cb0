using System.Threading.Tasks;
using AsyncAnalyzers.Options;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Configuration.OptionsValidationAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Configuration;

public class OptionsValidationAnalyzerTests
{
    private const string Key = "async_analyzers.ASYNC103.excluded_methods";

    private const string Source = """
        {|#0:|}class C
        {
        }
        """;

    private const string PlainSource = """
        class C
        {
        }
        """;

    [Fact]
    public async Task UnknownKey_Reports()
    {
        await VerifyAsync("async_analyzers.ASYNC103.exclude_methods = M:A.B.C", Source, Expected("async_analyzers.async103.exclude_methods", "M:A.B.C", "this option does not exist; see docs/configuration.md for the options AsyncAnalyzers reads"));
    }

    [Fact]
    public async Task UnknownPackageWideKey_Reports()
    {
        await VerifyAsync("async_analyzers.mode = strict", Source, Expected("async_analyzers.mode", "strict", "this option does not exist; see docs/configuration.md for the options AsyncAnalyzers reads"));
    }

    [Fact]
    public async Task EntryWithoutPrefix_Reports()
    {
        await VerifyAsync($"{Key} = Samples.Repository.Save", Source, Malformed("Samples.Repository.Save", "Samples.Repository.Save"));
    }

    [Fact]
    public async Task EntryWithUnknownPrefix_Reports()
    {
        await VerifyAsync($"{Key} = X:Samples.Repository", Source, Malformed("X:Samples.Repository", "X:Samples.Repository"));
    }

    [Fact]
    public async Task EntryWithEmptyName_Reports()
    {
        await VerifyAsync($"{Key} = M:", Source, Malformed("M:", "M:"));
    }

    [Fact]
    public async Task MethodEntryWithoutType_Reports()
    {
        await VerifyAsync($"{Key} = M:Save", Source, Malformed("M:Save", "M:Save"));
    }

    [Fact]
    public async Task EntryWithTrailingDot_Reports()
    {
        await VerifyAsync($"{Key} = T:Samples.", Source, Malformed("T:Samples.", "T:Samples."));
    }

    [Fact]
    public async Task EntryWithParameterList_Reports()
    {
        await VerifyAsync($"{Key} = M:Samples.Repository.Save(System.String)", Source, Malformed("M:Samples.Repository.Save(System.String)", "M:Samples.Repository.Save(System.String)"));
    }

    [Fact]
    public async Task LowerCasePrefix_Reports()
    {
        await VerifyAsync($"{Key} = t:Samples.Repository", Source, Malformed("t:Samples.Repository", "t:Samples.Repository"));
    }

    [Fact]
    public async Task OneBadEntryAmongGoodOnes_ReportsOnlyTheBadOne()
    {
        await VerifyAsync($"{Key} = T:A.B|Oops|M:A.B.C", Source, Malformed("T:A.B|Oops|M:A.B.C", "Oops"));
    }

    [Fact]
    public async Task TwoBadEntries_ReportsEach()
    {
        await VerifyAsync($"{Key} = Oops|Again", Source, Malformed("Oops|Again", "Again"), Malformed("Oops|Again", "Oops"));
    }

    [Fact]
    public async Task ManyFiles_ReportsOnceOnTheFirstFile()
    {
        var test = new VerifyCS.Test { EditorConfig = $"{Key} = Oops", TestBehaviors = TestBehaviors.SkipSuppressionCheck };
        test.TestState.Sources.Add(("/0/A.cs", Source));
        test.TestState.Sources.Add(("/0/B.cs", "class D { }"));
        test.TestState.Sources.Add(("/0/C.cs", "class E { }"));
        test.ExpectedDiagnostics.Add(Malformed("Oops", "Oops"));
        await test.RunAsync();
    }

    [Fact]
    public async Task BadKeyAndBadValue_ReportsBoth()
    {
        await VerifyAsync(
            $"{Key} = Oops\nasync_analyzers.typo = 1",
            Source,
            Malformed("Oops", "Oops"),
            Expected("async_analyzers.typo", "1", "this option does not exist; see docs/configuration.md for the options AsyncAnalyzers reads"));
    }

    [Fact]
    public async Task MalformedAsync201Exclusion_Reports()
    {
        await VerifyAsync(
            "async_analyzers.ASYNC201.excluded_methods = Forget",
            Source,
            VerifyCS.Diagnostic("ASYNC901").WithLocation(0).WithArguments("async_analyzers.ASYNC201.excluded_methods", "Forget", "'Forget' is not of the form T:Namespace.Type or M:Namespace.Type.Method"));
    }

    [Fact]
    public async Task NonBooleanMakePublicMethodsAsync_Reports()
    {
        await VerifyAsync(
            "async_analyzers.ASYNC201.make_public_methods_async = never",
            Source,
            VerifyCS.Diagnostic("ASYNC901").WithLocation(0).WithArguments("async_analyzers.ASYNC201.make_public_methods_async", "never", "expected true or false"));
    }

    [Fact]
    public async Task BooleanMakePublicMethodsAsync_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.ASYNC201.make_public_methods_async = False", PlainSource);
    }

    [Fact]
    public async Task ConcurrentSafeTypesWithMethodEntry_Reports()
    {
        await VerifyAsync(
            "async_analyzers.ASYNC301.concurrent_safe_types = M:A.B.C",
            Source,
            VerifyCS.Diagnostic("ASYNC901").WithLocation(0).WithArguments("async_analyzers.ASYNC301.concurrent_safe_types", "M:A.B.C", "this option lists types only (T:Namespace.Type); M: entries are not understood"));
    }

    [Fact]
    public async Task ValidConcurrentSafeTypes_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.ASYNC301.concurrent_safe_types = T:MyCompany.Http.ApiClient|T:MyCompany.Cache", PlainSource);
    }

    [Fact]
    public async Task ValidUnsafeTypes_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.ASYNC301.unsafe_types = T:MyCompany.Data.AppDbContext", PlainSource);
    }

    [Fact]
    public async Task BooleanWithSurroundingSpaces_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.ASYNC201.make_public_methods_async =  true ", PlainSource);
    }

    [Fact]
    public async Task BadValueInSectionForOtherFiles_NoDiagnostic()
    {
        await VerifyAsync("dotnet_diagnostic.ASYNC101.severity = warning\n[*.vb]\n" + Key + " = Oops", PlainSource);
    }

    [Fact]
    public async Task SeveralValidOptionsTogether_NoDiagnostic()
    {
        await VerifyAsync(
            $"{Key} = T:A.B\nasync_analyzers.ASYNC201.excluded_methods = M:A.B.Forget\nasync_analyzers.ASYNC301.unsafe_types = T:A.Db",
            PlainSource);
    }

    [Fact]
    public async Task EmptyExceptionHandler_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.exception_handler = ", PlainSource);
    }

    [Fact]
    public async Task SimilarPrefixOfAnotherTool_NoDiagnostic()
    {
        await VerifyAsync("asyncanalyzers.mode = strict\nasync_analyzer.typo = 1", PlainSource);
    }

    [Fact]
    public async Task MethodEntryOnNestedType_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = M:MyCompany.Outer+Inner.Run", PlainSource);
    }

    [Fact]
    public async Task UpperCaseBoolean_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.ASYNC201.make_public_methods_async = TRUE", PlainSource);
    }

    [Fact]
    public async Task ValidOptionBesideOtherToolsOptions_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = T:A.B\nindent_size = 4\ncsharp_style_var_elsewhere = true", PlainSource);
    }

    [Fact]
    public async Task ValidOptionInFileSpecificSection_NoDiagnostic()
    {
        await VerifyAsync($"indent_size = 4\n[*.cs]\n{Key} = M:A.B.C", PlainSource);
    }

    [Fact]
    public async Task DuplicateEntries_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = T:A.B|T:A.B|M:A.B.C|M:A.B.C", PlainSource);
    }

    [Fact]
    public async Task ValidAsync201Exclusion_NoDiagnostic()
    {
        await VerifyAsync("async_analyzers.ASYNC201.excluded_methods = M:MyCompany.TaskExtensions.Forget", PlainSource);
    }

    [Fact]
    public async Task ValidTypeEntry_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = T:Samples.Repository", PlainSource);
    }

    [Fact]
    public async Task ValidMethodEntry_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = M:Samples.Repository.Save", PlainSource);
    }

    [Fact]
    public async Task EntriesSeparatedByPipes_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = T:A.B|M:A.B.C|T:D", PlainSource);
    }

    [Fact]
    public async Task EntriesSeparatedByCommasAndSpaces_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = T:A.B, M:A.B.C ; T:D", PlainSource);
    }

    [Fact]
    public async Task GenericAndNestedTypeNames_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = T:System.Collections.Generic.List`1|T:Outer+Inner|M:A.B`2.Run", PlainSource);
    }

    [Fact]
    public async Task EmptyValue_NoDiagnostic()
    {
        await VerifyAsync($"{Key} = ", PlainSource);
    }

    [Fact]
    public async Task KeyInAnyCase_NoDiagnostic()
    {
        await VerifyAsync("ASYNC_ANALYZERS.async103.EXCLUDED_METHODS = T:A.B", PlainSource);
    }

    [Fact]
    public async Task OtherToolsKeys_NoDiagnostic()
    {
        await VerifyAsync("dotnet_diagnostic.ASYNC101.severity = error\nasync_analyzers_other = 1\nmy_tool.option = x", PlainSource);
    }

    [Fact]
    public async Task NoConfiguration_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(PlainSource);
    }

    [Fact]
    public async Task RuleSeverityKeys_NoDiagnostic()
    {
        await VerifyAsync("dotnet_analyzer_diagnostic.category-AsyncAnalyzers.Blocking.severity = error", PlainSource);
    }

    [Fact]
    public async Task BrokenSource_StillValidatesWithoutThrowing()
    {
        await VerifyAsync(
            $"{Key} = Oops",
            "{|#0:|}class C { int x = {|CS1525:;|} }",
            Malformed("Oops", "Oops"));
    }

    private const string HandlerKey = "async_analyzers.exception_handler";

    private const string HandlerSource = """
        {|#0:|}namespace Logging
        {
            public static class Crash
            {
                public static void Report(System.Exception exception) { }
                public static void Message(string text) { }
                public static void Generic<T>(System.Exception exception) { }
                public static void Derived(System.InvalidOperationException exception) { }
                private static void Hidden(System.Exception exception) { }
            }

            public static class Outer
            {
                public static class Inner
                {
                    public static void Report(System.Exception exception) { }
                }
            }
        }
        """;

    [Fact]
    public async Task ExceptionHandlerThatExists_NoDiagnostic()
    {
        await VerifyAsync($"{HandlerKey} = Logging.Crash.Report", HandlerSource.Replace("{|#0:|}", string.Empty, System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExceptionHandlerOnNestedType_NoDiagnostic()
    {
        await VerifyAsync($"{HandlerKey} = Logging.Outer+Inner.Report", HandlerSource.Replace("{|#0:|}", string.Empty, System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExceptionHandlerTypeMissing_Reports()
    {
        await VerifyAsync($"{HandlerKey} = Logging.Nowhere.Report", HandlerSource, Expected(HandlerKey, "Logging.Nowhere.Report", "the type 'Logging.Nowhere' was not found"));
    }

    [Fact]
    public async Task ExceptionHandlerMethodMissing_Reports()
    {
        await VerifyAsync($"{HandlerKey} = Logging.Crash.Missing", HandlerSource, Expected(HandlerKey, "Logging.Crash.Missing", "the type 'Logging.Crash' has no method 'Missing'"));
    }

    [Theory]
    [InlineData("Message")]
    [InlineData("Generic")]
    [InlineData("Derived")]
    [InlineData("Hidden")]
    public async Task ExceptionHandlerWithWrongShape_Reports(string method)
    {
        await VerifyAsync(
            $"{HandlerKey} = Logging.Crash.{method}",
            HandlerSource,
            Expected(HandlerKey, "Logging.Crash." + method, $"'Logging.Crash.{method}' must be an accessible static method taking one System.Exception"));
    }

    [Fact]
    public async Task ExceptionHandlerNotAName_Reports()
    {
        await VerifyAsync($"{HandlerKey} = Report", HandlerSource, Expected(HandlerKey, "Report", "'Report' is not of the form Namespace.Type.Method"));
    }

    [Fact]
    public async Task ExceptionHandlerInManyFiles_ReportsOnceOnTheFirstFile()
    {
        var test = new VerifyCS.Test { EditorConfig = $"{HandlerKey} = Logging.Crash.Missing", TestBehaviors = TestBehaviors.SkipSuppressionCheck };
        test.TestState.Sources.Add(("/0/A.cs", HandlerSource));
        test.TestState.Sources.Add(("/0/B.cs", "class D { }"));
        test.ExpectedDiagnostics.Add(Expected(HandlerKey, "Logging.Crash.Missing", "the type 'Logging.Crash' has no method 'Missing'"));
        await test.RunAsync();
    }

    public static System.Collections.Generic.IEnumerable<object[]> OptionKeys =>
        System.Linq.Enumerable.Select(AnalyzerOptionKeys.Options, option => new object[] { option.Key });

    // Every row of the options table is validated from its kind: a value no kind accepts is reported for each option, under
    // its documented key (the key arrives lower-cased).
    [Theory]
    [MemberData(nameof(OptionKeys))]
    public async Task EveryOption_ValueNoKindAccepts_Reports(string key)
    {
        await VerifyAsync($"{key} = Oops", Source, Expected(key, "Oops", ReasonFor(key)));
    }

    private static string ReasonFor(string key) => AnalyzerOptionKeys.Find(key)!.Kind switch
    {
        OptionKind.SymbolList or OptionKind.TypeList => "'Oops' is not of the form T:Namespace.Type or M:Namespace.Type.Method",
        OptionKind.Boolean => "expected true or false",
        OptionKind.ReceiverAssumption => "expected assume_safe or assume_unsafe",
        OptionKind.MethodName => "'Oops' is not of the form Namespace.Type.Method",
        var kind => throw new System.InvalidOperationException($"No malformed-value case for OptionKind.{kind}: add one here and in ASYNC901"),
    };

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(string key, string value, string reason) =>
        VerifyCS.Diagnostic("ASYNC901").WithLocation(0).WithArguments(key, value, reason);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Malformed(string value, string entry) =>
        Expected(Key, value, $"'{entry}' is not of the form T:Namespace.Type or M:Namespace.Type.Method");

    private static async Task VerifyAsync(string editorConfig, string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        // ASYNC901 sits on the first position of a file, before any #pragma could, so the pragma round-trip does not apply.
        var test = new VerifyCS.Test { TestCode = source, EditorConfig = editorConfig, TestBehaviors = TestBehaviors.SkipSuppressionCheck };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
