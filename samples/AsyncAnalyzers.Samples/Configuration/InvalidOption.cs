// ASYNC901
namespace AsyncAnalyzers.Samples.Configuration;

// .editorconfig gives this file `async_analyzers.ASYNC103.excluded_methods = Samples.Repository.Save`, which lacks the
// `M:` prefix. The corrected value is `M:Samples.Repository.Save`. ASYNC901 is reported on the first line of the file.
public static class InvalidOption
{
}
