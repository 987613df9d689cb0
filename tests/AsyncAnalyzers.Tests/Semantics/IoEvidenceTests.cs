using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Tests.Semantics;

/// <summary>
/// <see cref="AsyncAnalyzers.Semantics.Calls.IoEvidence"/>: is a synchronous call CPU work over in-memory values, or is there
/// evidence of I/O at the call? The statement is the body of <c>M</c>; the question is asked about its outermost call.
/// </summary>
public class IoEvidenceTests
{
    [Theory]
    [InlineData("parser over a string", "parser.Parse(text);")]
    [InlineData("parser over a span and a flag", "parser.Parse(text.AsSpan(), strict: true);")]
    [InlineData("no arguments", "factory.Create();")]
    [InlineData("literal and null", "parser.Parse(\"<p/>\"); ")]
    [InlineData("byte array and enum", "parser.Decode(bytes, StringComparison.Ordinal);")]
    [InlineData("string named like a profile, not a file", "parser.Apply(profile: text);")]
    [InlineData("static helper over values", "Codec.Encode(text, 3, TimeSpan.Zero, CancellationToken.None);")]
    [InlineData("StringBuilder and culture", "Codec.Format(new System.Text.StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);")]
    [InlineData("UI dispatcher queue, not a message queue", "dispatcher.Shutdown();")]
    public async Task InMemoryCalls_AreComputation(string shape, string statement)
    {
        Assert.True(await IsComputationAsync(statement), shape);
    }

    [Theory]
    [InlineData("stream argument", "parser.Parse(stream);")]
    [InlineData("derived stream argument", "parser.Parse((Stream)File.OpenRead(\"a\"));")]
    [InlineData("reader argument", "parser.Parse(new StringReader(text).ReadToEnd(), reader);")]
    [InlineData("path parameter", "Codec.Load(text);")]
    [InlineData("file name parameter", "Codec.Open(text);")]
    [InlineData("url parameter", "Codec.Fetch(text);")]
    [InlineData("Uri argument", "Codec.Fetch(new Uri(\"https://example.com\"));")]
    [InlineData("I/O receiver", "stream.Flush();")]
    [InlineData("receiver named like a client", "client.Get(text);")]
    [InlineData("receiver named like a connection", "connection.Ping();")]
    [InlineData("receiver implementing an interface named like a session", "session.Flush();")]
    [InlineData("semaphore", "gate.Wait(CancellationToken.None);")]
    [InlineData("message queue", "orders.Purge();")]
    [InlineData("file system", "File.Exists(text);")]
    [InlineData("process", "process.WaitForExit();")]
    [InlineData("object argument", "parser.Render(model);")]
    [InlineData("delegate argument", "parser.Each(() => { });")]
    [InlineData("custom struct argument", "parser.Lookup(key);")]
    public async Task OtherCalls_AreNotComputation(string shape, string statement)
    {
        Assert.False(await IsComputationAsync(statement), shape);
    }

    private static async Task<bool> IsComputationAsync(string statement)
    {
        var source = $$"""
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Threading;

            public struct Key { public int Id; }
            public class Model { }
            public class Parser
            {
                public int Parse(string html) => 0;
                public int Parse(ReadOnlySpan<char> html, bool strict) => 0;
                public int Parse(Stream html) => 0;
                public int Parse(string html, TextReader rest) => 0;
                public int Decode(byte[] data, StringComparison comparison) => 0;
                public int Apply(string profile) => 0;
                public int Render(Model model) => 0;
                public int Each(Action action) => 0;
                public int Lookup(Key key) => 0;
            }
            public class Factory { public object Create() => new object(); }
            public static class Codec
            {
                public static string Encode(string text, int level, TimeSpan timeout, CancellationToken token) => text;
                public static string Format(System.Text.StringBuilder builder, IFormatProvider provider) => "";
                public static string Load(string path) => path;
                public static string Open(string fileName) => fileName;
                public static string Fetch(string requestUrl) => requestUrl;
                public static string Fetch(Uri address) => "";
            }
            public class HttpishClient { public string Get(string key) => key; }
            public class DbishConnection { public void Ping() { } }
            public class DispatcherQueue { public void Shutdown() { } }
            public class OrderQueue { public void Purge() { } }
            public interface IDocumentSession { void Flush(); }
            public class DocumentSession : IDocumentSession { public void Flush() { } }

            class C
            {
                void M(Parser parser, Factory factory, string text, byte[] bytes, Stream stream, TextReader reader, HttpishClient client,
                    DbishConnection connection, DocumentSession session, SemaphoreSlim gate, Process process, Model model, Key key,
                    DispatcherQueue dispatcher, OrderQueue orders)
                {
                    {{statement}}
                }
            }
            """;
        var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
        var compilation = CSharpCompilation.Create("Test", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "M");
        var call = method.Body!.Statements.Single().DescendantNodes().OfType<InvocationExpressionSyntax>().First();
        return CompilationServices.TryGet(compilation)!.IoEvidence.IsComputation((IInvocationOperation)model.GetOperation(call)!);
    }
}
