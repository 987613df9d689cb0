using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Rules.Gather;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static AsyncAnalyzers.Tests.Rules.Gather.GatherTestCode;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Rules.Gather.IndependentLoopAwaitsAnalyzer, AsyncAnalyzers.CodeFixes.Rules.Gather.IndependentLoopAwaitsCodeFix>;

namespace AsyncAnalyzers.Tests.Rules.Gather;

public class IndependentLoopAwaitsCodeFixTests
{
    [Fact]
    public async Task ForeachStatement_AwaitsWhenAllOverSelect()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken ct)
            {
                {|ASYNC302:foreach|} (var url in urls)
                {
                    await _http.GetStringAsync(url, ct);
                }
            }
            """), WithLinq(InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken ct)
            {
                await Task.WhenAll(urls.Select(url => _http.GetStringAsync(url, ct)));
            }
            """)));
    }

    [Fact]
    public async Task ForeachStatement_ParallelForEachAsyncForwardsTheToken()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken cancellationToken)
            {
                {|ASYNC302:foreach|} (var url in urls)
                {
                    await _http.GetStringAsync(url, cancellationToken);
                }
            }
            """), InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken cancellationToken)
            {
                await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (url, ct) => await _http.GetStringAsync(url, cancellationToken));
            }
            """));
    }

    [Fact]
    public async Task TokenNamedCt_LambdaTokenGetsAnotherName()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken ct)
            {
                {|ASYNC302:foreach|} (var url in urls)
                {
                    await _http.GetStringAsync(url, ct);
                }
            }
            """), InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken ct)
            {
                await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (url, cancellationToken) => await _http.GetStringAsync(url, ct));
            }
            """));
    }

    [Fact]
    public async Task NoTokenInScope_ParallelOptionsWithoutToken()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(string[] paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                    await File.ReadAllTextAsync(path);
            }
            """), InClass("""
            async Task M(string[] paths)
            {
                await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (path, ct) => await File.ReadAllTextAsync(path));
            }
            """));
    }

    [Fact]
    public async Task EmbeddedStatementWithoutBraces_ReplacesTheLoop()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M(string[] paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                    await File.ReadAllTextAsync(path);
            }
            """), WithLinq(InClass("""
            async Task M(string[] paths)
            {
                await Task.WhenAll(paths.Select(path => File.ReadAllTextAsync(path)));
            }
            """)));
    }

    [Fact]
    public async Task CollectingIntoList_AddRangeOfWhenAllInItemOrder()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<List<string>> M(List<Uri> uris)
            {
                var pages = new List<string>();
                {|ASYNC302:foreach|} (var uri in uris)
                {
                    pages.Add(await _http.GetStringAsync(uri));
                }

                return pages;
            }
            """), WithLinq(InClass("""
            async Task<List<string>> M(List<Uri> uris)
            {
                var pages = new List<string>();
                pages.AddRange(await Task.WhenAll(uris.Select(uri => _http.GetStringAsync(uri))));

                return pages;
            }
            """)));
    }

    [Fact]
    public async Task CollectingIntoList_NoParallelAction()
    {
        var source = InClass("""
            async Task<List<string>> M(List<Uri> uris)
            {
                var pages = new List<string>();
                {|ASYNC302:foreach|} (var uri in uris)
                {
                    pages.Add(await _http.GetStringAsync(uri));
                }

                return pages;
            }
            """);
        await VerifyParallelAsync(source, source);
    }

    [Fact]
    public async Task GenericResults_AddRangeKeepsTheElementType()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<List<List<int>>> M(IUsers[] stores)
            {
                var lists = new List<List<int>>();
                {|ASYNC302:foreach|} (var store in stores)
                {
                    lists.Add(await store.ListAsync<int>(10));
                }

                return lists;
            }
            """), WithLinq(InClass("""
            async Task<List<List<int>>> M(IUsers[] stores)
            {
                var lists = new List<List<int>>();
                lists.AddRange(await Task.WhenAll(stores.Select(store => store.ListAsync<int>(10))));

                return lists;
            }
            """)));
    }

    [Fact]
    public async Task ReferenceConversionIntoResults_AddRangeOfCovariantArray()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<List<object>> M(string[] paths)
            {
                var contents = new List<object>();
                {|ASYNC302:foreach|} (var path in paths)
                {
                    contents.Add(await File.ReadAllTextAsync(path));
                }

                return contents;
            }
            """), WithLinq(InClass("""
            async Task<List<object>> M(string[] paths)
            {
                var contents = new List<object>();
                contents.AddRange(await Task.WhenAll(paths.Select(path => File.ReadAllTextAsync(path))));

                return contents;
            }
            """)));
    }

    [Fact]
    public async Task WideningConversionIntoResults_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(InClass("""
            async Task<List<long>> M(IOrders[] shards)
            {
                var counts = new List<long>();
                {|ASYNC302:foreach|} (var shard in shards)
                {
                    counts.Add(await shard.CountAsync(1));
                }

                return counts;
            }
            """));
    }

    [Fact]
    public async Task ConfigureAwaitFalse_KeptOnWhenAll()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<List<string>> M(List<Uri> uris)
            {
                var pages = new List<string>();
                {|ASYNC302:foreach|} (var uri in uris)
                {
                    pages.Add(await _http.GetStringAsync(uri).ConfigureAwait(false));
                }

                return pages;
            }
            """), WithLinq(InClass("""
            async Task<List<string>> M(List<Uri> uris)
            {
                var pages = new List<string>();
                pages.AddRange(await Task.WhenAll(uris.Select(uri => _http.GetStringAsync(uri))).ConfigureAwait(false));

                return pages;
            }
            """)));
    }

    [Fact]
    public async Task ConfigureAwaitFalse_KeptOnForEachAsyncAndInTheBody()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(IEnumerable<string> urls)
            {
                {|ASYNC302:foreach|} (var url in urls)
                {
                    await _http.GetStringAsync(url).ConfigureAwait(false);
                }
            }
            """), InClass("""
            async Task M(IEnumerable<string> urls)
            {
                await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (url, ct) => await _http.GetStringAsync(url).ConfigureAwait(false)).ConfigureAwait(false);
            }
            """));
    }

    [Fact]
    public async Task ConfigureAwaitOptions_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(InClass("""
            async Task M(string[] paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                {
                    await File.WriteAllTextAsync(path, "").ConfigureAwait(ConfigureAwaitOptions.None);
                }
            }
            """));
    }

    [Fact]
    public async Task Comments_KeptAboveTheStatement()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M(string[] paths)
            {
                // Warm the cache.
                {|ASYNC302:foreach|} (var path in paths) // one read per file
                {
                    // Never throws for a missing file.
                    await File.ReadAllTextAsync(path /* relative */); // cheap
                }

                Console.WriteLine();
            }
            """), WithLinq(InClass("""
            async Task M(string[] paths)
            {
                // Warm the cache.
                // one read per file
                // Never throws for a missing file.
                // cheap
                await Task.WhenAll(paths.Select(path => File.ReadAllTextAsync(path /* relative */)));

                Console.WriteLine();
            }
            """)));
    }

    [Fact]
    public async Task ForOverArrayIndex_SelectsOverTheArray()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M(string[] urls)
            {
                {|ASYNC302:for|} (var i = 0; i < urls.Length; i++)
                {
                    await _http.GetStringAsync(urls[i]);
                }
            }
            """), WithLinq(InClass("""
            async Task M(string[] urls)
            {
                await Task.WhenAll(urls.Select(url => _http.GetStringAsync(url)));
            }
            """)));
    }

    [Fact]
    public async Task ForOverListCount_ParallelForEachAsyncOverTheList()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(List<string> paths, CancellationToken token)
            {
                {|ASYNC302:for|} (int i = 0; i < paths.Count; ++i)
                    await File.ReadAllTextAsync(paths[i], token);
            }
            """), InClass("""
            async Task M(List<string> paths, CancellationToken token)
            {
                await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = token }, async (path, ct) => await File.ReadAllTextAsync(path, token));
            }
            """));
    }

    [Fact]
    public async Task ForLoopItemNameInUse_PicksAFreeName()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<int> M(List<string> paths, string path)
            {
                {|ASYNC302:for|} (var i = 0; i < paths.Count; i++)
                {
                    await File.ReadAllTextAsync(paths[i]);
                }

                return path.Length;
            }
            """), WithLinq(InClass("""
            async Task<int> M(List<string> paths, string path)
            {
                await Task.WhenAll(paths.Select(path2 => File.ReadAllTextAsync(path2)));

                return path.Length;
            }
            """)));
    }

    [Fact]
    public async Task ValueTask_ConvertedWithAsTask()
    {
        await VerifyWhenAllAsync(InClass("""
            async ValueTask<List<int>> M(IOrders[] shards)
            {
                var pending = new List<int>();
                {|ASYNC302:foreach|} (var shard in shards)
                {
                    pending.Add(await shard.PendingAsync(1));
                }

                return pending;
            }
            """), WithLinq(InClass("""
            async ValueTask<List<int>> M(IOrders[] shards)
            {
                var pending = new List<int>();
                pending.AddRange(await Task.WhenAll(shards.Select(shard => shard.PendingAsync(1).AsTask())));

                return pending;
            }
            """)));
    }

    [Fact]
    public async Task ValueTask_ParallelBodyAwaitsItDirectly()
    {
        await VerifyParallelAsync(InClass("""
            async ValueTask M(IOrders[] shards)
            {
                {|ASYNC302:foreach|} (var shard in shards)
                {
                    await shard.PendingAsync(1);
                }
            }
            """), InClass("""
            async ValueTask M(IOrders[] shards)
            {
                await Parallel.ForEachAsync(shards, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (shard, ct) => await shard.PendingAsync(1));
            }
            """));
    }

    [Fact]
    public async Task LinqAlreadyImported_NoSecondUsing()
    {
        await VerifyWhenAllAsync(WithLinq(InClass("""
            async Task M(string[] paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                {
                    await File.ReadAllTextAsync(path);
                }
            }
            """)), WithLinq(InClass("""
            async Task M(string[] paths)
            {
                await Task.WhenAll(paths.Select(path => File.ReadAllTextAsync(path)));
            }
            """)));
    }

    [Fact]
    public async Task ArrayLiteral_SelectsOverTheLiteral()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M()
            {
                {|ASYNC302:foreach|} (var path in new[] { "a.txt", "b.txt" })
                {
                    await File.ReadAllTextAsync(path);
                }
            }
            """), WithLinq(InClass("""
            async Task M()
            {
                await Task.WhenAll(new[] { "a.txt", "b.txt" }.Select(path => File.ReadAllTextAsync(path)));
            }
            """)));
    }

    [Fact]
    public async Task ExplicitItemTypeWithCast_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(InClass("""
            async Task M(object[] paths)
            {
                {|ASYNC302:foreach|} (string path in paths)
                {
                    await File.ReadAllTextAsync(path);
                }
            }
            """));
    }

    [Fact]
    public async Task QueryableCollection_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(WithLinq(InClass("""
            async Task M(IQueryable<string> paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                {
                    await File.ReadAllTextAsync(path);
                }
            }
            """)));
    }

    [Fact]
    public async Task UserSelectExtension_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(InClass("""
            async Task M(string[] paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                {
                    await File.ReadAllTextAsync(path);
                }
            }
            """) + """

            public static class MyLinq
            {
                public static IEnumerable<TResult> Select<T, TResult>(this IEnumerable<T> source, Func<T, TResult> map) => throw new NotSupportedException();
            }
            """);
    }

    [Fact]
    public async Task TokenShadowedAtTheLoop_NoParallelAction()
    {
        var source = InClass("""
            Func<string[], Task> M(CancellationToken ct) => async urls =>
            {
                var ct = "shadow";
                {|ASYNC302:foreach|} (var url in urls)
                {
                    await _http.GetStringAsync(url);
                }

                Console.WriteLine(ct);
            };
            """);
        await VerifyParallelAsync(source, source);
    }

    [Fact]
    public async Task StructCapturingThis_NoFix()
    {
        await VerifyCS.VerifyNoFixAsync(Usings + """
            public struct S
            {
                private HttpClient _http;

                public async Task M(string[] urls)
                {
                    {|ASYNC302:foreach|} (var url in urls)
                    {
                        await _http.GetStringAsync(url);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AsyncLambda_RewritesInsideTheLambda()
    {
        await VerifyWhenAllAsync(InClass("""
            Func<string[], Task> M() => async urls =>
            {
                {|ASYNC302:foreach|} (var url in urls)
                {
                    await _http.GetStringAsync(url);
                }
            };
            """), WithLinq(InClass("""
            Func<string[], Task> M() => async urls =>
            {
                await Task.WhenAll(urls.Select(url => _http.GetStringAsync(url)));
            };
            """)));
    }

    [Fact]
    public async Task TopLevelStatements_RewritesTheLoop()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;

                {|ASYNC302:foreach|} (var path in args)
                {
                    await File.ReadAllTextAsync(path);
                }

                """,
            FixedCode = """
                using System.IO;
                using System.Linq;
                using System.Threading.Tasks;

                await Task.WhenAll(args.Select(path => File.ReadAllTextAsync(path)));

                """,
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.WhenAllKey,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task NetStandard20_WhenAllButNoParallelForEachAsync()
    {
        var source = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class C
            {
                async Task M(HttpClient http, List<string> urls)
                {
                    {|ASYNC302:foreach|} (var url in urls)
                    {
                        await http.GetStringAsync(url);
                    }
                }
            }
            """;
        var whenAll = new VerifyCS.Test
        {
            ReferenceAssemblies = ReferenceAssemblies.NetStandard.NetStandard20,
            TestCode = source,
            FixedCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Net.Http;
                using System.Threading.Tasks;

                public class C
                {
                    async Task M(HttpClient http, List<string> urls)
                    {
                        await Task.WhenAll(urls.Select(url => http.GetStringAsync(url)));
                    }
                }
                """,
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.WhenAllKey,
        };
        await whenAll.RunAsync();

        var parallel = new VerifyCS.Test
        {
            ReferenceAssemblies = ReferenceAssemblies.NetStandard.NetStandard20,
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.ParallelKey,
        };
        await parallel.RunAsync();
    }

    [Fact]
    public async Task UsingResponseThenKeyedWrite_PairsEachItemWithItsResult()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<Dictionary<string, System.Net.HttpStatusCode>> M(List<Endpoint> endpoints)
            {
                var statuses = new Dictionary<string, System.Net.HttpStatusCode>();
                {|ASYNC302:foreach|} (var endpoint in endpoints)
                {
                    using var response = await _http.GetAsync(endpoint.HealthUrl);
                    statuses[endpoint.Name] = response.StatusCode;
                }

                return statuses;
            }

            public sealed class Endpoint
            {
                public string Name { get; set; } = "";
                public string HealthUrl { get; set; } = "";
            }
            """), WithLinq(InClass("""
            async Task<Dictionary<string, System.Net.HttpStatusCode>> M(List<Endpoint> endpoints)
            {
                var statuses = new Dictionary<string, System.Net.HttpStatusCode>();
                foreach (var (endpoint, result) in await Task.WhenAll(endpoints.Select(async endpoint => (endpoint, await _http.GetAsync(endpoint.HealthUrl)))))
                {
                    using var response = result;
                    statuses[endpoint.Name] = response.StatusCode;
                }

                return statuses;
            }

            public sealed class Endpoint
            {
                public string Name { get; set; } = "";
                public string HealthUrl { get; set; } = "";
            }
            """)));
    }

    [Fact]
    public async Task LocalThenAddMapped_LocalBecomesTheLoopsSecondVariable()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<List<int>> M(List<Uri> uris)
            {
                var lengths = new List<int>();
                {|ASYNC302:foreach|} (var uri in uris)
                {
                    var page = await _http.GetStringAsync(uri).ConfigureAwait(false);
                    lengths.Add(Measure(page));
                }

                return lengths;
            }

            private static int Measure(string page) => page.Length;
            """), WithLinq(InClass("""
            async Task<List<int>> M(List<Uri> uris)
            {
                var lengths = new List<int>();
                foreach (var (uri, page) in await Task.WhenAll(uris.Select(async uri => (uri, await _http.GetStringAsync(uri).ConfigureAwait(false)))).ConfigureAwait(false))
                {
                    lengths.Add(Measure(page));
                }

                return lengths;
            }

            private static int Measure(string page) => page.Length;
            """)));
    }

    [Fact]
    public async Task DictionaryAssignedByItem_KeysEachResultByItsItem()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<Dictionary<string, string>> M(IEnumerable<string> paths)
            {
                var texts = new Dictionary<string, string>();
                {|ASYNC302:foreach|} (var path in paths)
                {
                    texts[path] = await File.ReadAllTextAsync(path);
                }

                return texts;
            }
            """), WithLinq(InClass("""
            async Task<Dictionary<string, string>> M(IEnumerable<string> paths)
            {
                var texts = new Dictionary<string, string>();
                foreach (var (path, result) in await Task.WhenAll(paths.Select(async path => (path, await File.ReadAllTextAsync(path)))))
                {
                    texts[path] = result;
                }

                return texts;
            }
            """)));
    }

    [Fact]
    public async Task ElementAssignedByIndex_ReadsResultsByIndex()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<string[]> M(string[] urls)
            {
                var pages = new string[urls.Length];
                {|ASYNC302:for|} (var i = 0; i < urls.Length; i++)
                {
                    pages[i] = await _http.GetStringAsync(urls[i]);
                }

                return pages;
            }
            """), WithLinq(InClass("""
            async Task<string[]> M(string[] urls)
            {
                var pages = new string[urls.Length];
                var results = await Task.WhenAll(urls.Select(url => _http.GetStringAsync(url)));
                for (var i = 0; i < urls.Length; i++)
                {
                    pages[i] = results[i];
                }

                return pages;
            }
            """)));
    }

    [Fact]
    public async Task BodyWithForeachOfExplicitType_NoFix()
    {
        var source = InClass("""
            async Task<Dictionary<string, string>> M(IEnumerable<string> paths)
            {
                var texts = new Dictionary<string, string>();
                {|ASYNC302:foreach|} (string path in paths)
                {
                    texts[path] = await File.ReadAllTextAsync(path);
                }

                return texts;
            }
            """);
        await VerifyCS.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task FixAllBodies_RewritesEveryLoopInOnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<int> M(string[] paths, List<Uri> uris)
                {
                    var texts = new Dictionary<string, string>();
                    {|ASYNC302:foreach|} (var path in paths)
                    {
                        texts[path] = await File.ReadAllTextAsync(path);
                    }

                    var sizes = new int[paths.Length];
                    {|ASYNC302:for|} (var i = 0; i < paths.Length; i++)
                    {
                        var bytes = await File.ReadAllBytesAsync(paths[i]);
                        sizes[i] = bytes.Length;
                    }

                    var lengths = new List<int>();
                    {|ASYNC302:foreach|} (var uri in uris)
                    {
                        var page = await _http.GetStringAsync(uri);
                        lengths.Add(page.Length);
                    }

                    return texts.Count + sizes.Length + lengths.Count;
                }
                """),
            FixedCode = WithLinq(InClass("""
                async Task<int> M(string[] paths, List<Uri> uris)
                {
                    var texts = new Dictionary<string, string>();
                    foreach (var (path, result) in await Task.WhenAll(paths.Select(async path => (path, await File.ReadAllTextAsync(path)))))
                    {
                        texts[path] = result;
                    }

                    var sizes = new int[paths.Length];
                    var results = await Task.WhenAll(paths.Select(path => File.ReadAllBytesAsync(path)));
                    for (var i = 0; i < paths.Length; i++)
                    {
                        var bytes = results[i];
                        sizes[i] = bytes.Length;
                    }

                    var lengths = new List<int>();
                    foreach (var (uri, page) in await Task.WhenAll(uris.Select(async uri => (uri, await _http.GetStringAsync(uri)))))
                    {
                        lengths.Add(page.Length);
                    }

                    return texts.Count + sizes.Length + lengths.Count;
                }
                """)),
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.WhenAllKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownSize_DefaultsToParallelForEachAsync()
    {
        await new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(IEnumerable<string> paths, CancellationToken ct)
                {
                    {|ASYNC302:foreach|} (var path in paths)
                    {
                        await File.WriteAllTextAsync(path, "", ct);
                    }
                }
                """),
            FixedCode = InClass("""
                async Task M(IEnumerable<string> paths, CancellationToken ct)
                {
                    await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (path, cancellationToken) => await File.WriteAllTextAsync(path, "", ct));
                }
                """),
        }.RunAsync();
    }

    [Fact]
    public async Task SmallArrayLiteral_DefaultsToWhenAll()
    {
        await new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(CancellationToken ct)
                {
                    {|ASYNC302:foreach|} (var path in new[] { "a.txt", "b.txt" })
                    {
                        await File.WriteAllTextAsync(path, "", ct);
                    }
                }
                """),
            FixedCode = WithLinq(InClass("""
                async Task M(CancellationToken ct)
                {
                    await Task.WhenAll(new[] { "a.txt", "b.txt" }.Select(path => File.WriteAllTextAsync(path, "", ct)));
                }
                """)),
        }.RunAsync();
    }

    [Fact]
    public async Task FixAllInDocument_RewritesEveryLoopInOnePass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<List<string>> M(string[] paths, List<Uri> uris)
                {
                    {|ASYNC302:foreach|} (var path in paths)
                    {
                        await File.ReadAllTextAsync(path);
                    }

                    var pages = new List<string>();
                    {|ASYNC302:foreach|} (var uri in uris)
                    {
                        pages.Add(await _http.GetStringAsync(uri));
                    }

                    {|ASYNC302:for|} (var i = 0; i < paths.Length; i++)
                    {
                        await File.WriteAllTextAsync(paths[i], "");
                    }

                    return pages;
                }
                """),
            FixedCode = WithLinq(InClass("""
                async Task<List<string>> M(string[] paths, List<Uri> uris)
                {
                    await Task.WhenAll(paths.Select(path => File.ReadAllTextAsync(path)));

                    var pages = new List<string>();
                    pages.AddRange(await Task.WhenAll(uris.Select(uri => _http.GetStringAsync(uri))));

                    await Task.WhenAll(paths.Select(path => File.WriteAllTextAsync(path, "")));

                    return pages;
                }
                """)),
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.WhenAllKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllParallelInDocument_LeavesLoopsWithResults()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task<List<string>> M(string[] paths, List<Uri> uris)
                {
                    {|ASYNC302:foreach|} (var path in paths)
                    {
                        await File.ReadAllTextAsync(path);
                    }

                    {|ASYNC302:foreach|} (var uri in uris)
                    {
                        await _http.GetStringAsync(uri);
                    }

                    var pages = new List<string>();
                    {|ASYNC302:foreach|} (var uri in uris)
                    {
                        pages.Add(await _http.GetStringAsync(uri));
                    }

                    return pages;
                }
                """),
            FixedState =
            {
                Sources =
                {
                    InClass("""
                        async Task<List<string>> M(string[] paths, List<Uri> uris)
                        {
                            await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (path, ct) => await File.ReadAllTextAsync(path));

                            await Parallel.ForEachAsync(uris, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (uri, ct) => await _http.GetStringAsync(uri));

                            var pages = new List<string>();
                            {|ASYNC302:foreach|} (var uri in uris)
                            {
                                pages.Add(await _http.GetStringAsync(uri));
                            }

                            return pages;
                        }
                        """),
                },
                MarkupHandling = MarkupMode.Allow,
            },
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.ParallelKey,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllInProject_RewritesEveryDocument()
    {
        var first = InClass("""
            async Task M(string[] paths)
            {
                {|ASYNC302:foreach|} (var path in paths)
                {
                    await File.ReadAllTextAsync(path);
                }
            }
            """);
        var second = Usings + """
            public class D
            {
                async Task<List<string>> N(HttpClient http, List<string> urls)
                {
                    var pages = new List<string>();
                    {|ASYNC302:foreach|} (var url in urls)
                    {
                        pages.Add(await http.GetStringAsync(url));
                    }

                    return pages;
                }
            }
            """;
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { first, second } },
            FixedState =
            {
                Sources =
                {
                    WithLinq(InClass("""
                        async Task M(string[] paths)
                        {
                            await Task.WhenAll(paths.Select(path => File.ReadAllTextAsync(path)));
                        }
                        """)),
                    WithLinq(Usings) + """
                        public class D
                        {
                            async Task<List<string>> N(HttpClient http, List<string> urls)
                            {
                                var pages = new List<string>();
                                pages.AddRange(await Task.WhenAll(urls.Select(url => http.GetStringAsync(url))));

                                return pages;
                            }
                        }
                        """,
                },
            },
            CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.WhenAllKey,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInDocumentIterations = 2,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_DefaultIsParallelForUnknownSizesAndNestedLoopsAreFixedInOnePass()
    {
        // No key chosen (dotnet format takes the first action's): Parallel.ForEachAsync, the first option of every loop over a
        // collection of unknown size. The loop inside the
        // awaited lambda and two for loops of one method (each with its own 'path') are fixed in the same pass.
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(string[] paths, string[] logs, IEnumerable<string[]> batches)
                {
                    {|ASYNC302:for|} (var i = 0; i < paths.Length; i++)
                    {
                        await File.ReadAllTextAsync(paths[i]);
                    }

                    {|ASYNC302:for|} (var i = 0; i < logs.Length; i++)
                    {
                        await File.WriteAllTextAsync(logs[i], "");
                    }

                    foreach (var batch in batches)
                    {
                        await Task.Run(async () =>
                        {
                            {|ASYNC302:foreach|} (var path in batch)
                            {
                                await File.WriteAllTextAsync(path, "");
                            }
                        });
                    }
                }
                """),
            FixedCode = InClass("""
                async Task M(string[] paths, string[] logs, IEnumerable<string[]> batches)
                {
                    await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (path, ct) => await File.ReadAllTextAsync(path));

                    await Parallel.ForEachAsync(logs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (log, ct) => await File.WriteAllTextAsync(log, ""));

                    foreach (var batch in batches)
                    {
                        await Task.Run(async () =>
                        {
                            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (path, ct) => await File.WriteAllTextAsync(path, ""));
                        });
                    }
                }
                """),
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            NumberOfFixAllInDocumentIterations = 1,
        };
        await test.RunAsync();
    }

    // Issue 12: a member of the result, a total, a filter on the item.
    [Fact]
    public async Task KeyedWriteOfResultMember_PairsEachItemWithItsResult()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<Dictionary<string, int>> M(IEnumerable<string> paths)
            {
                var lengths = new Dictionary<string, int>();
                {|ASYNC302:foreach|} (var path in paths)
                {
                    lengths[path] = (await File.ReadAllTextAsync(path)).Length;
                }

                return lengths;
            }
            """), WithLinq(InClass("""
            async Task<Dictionary<string, int>> M(IEnumerable<string> paths)
            {
                var lengths = new Dictionary<string, int>();
                foreach (var (path, result) in await Task.WhenAll(paths.Select(async path => (path, await File.ReadAllTextAsync(path)))))
                {
                    lengths[path] = result.Length;
                }

                return lengths;
            }
            """)));
    }

    [Fact]
    public async Task SumIntoLocal_AddsEachResultInOrder()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<int> M(string[] paths)
            {
                var total = 0;
                {|ASYNC302:foreach|} (var path in paths)
                {
                    total += (await File.ReadAllTextAsync(path)).Length;
                }

                return total;
            }
            """), WithLinq(InClass("""
            async Task<int> M(string[] paths)
            {
                var total = 0;
                foreach (var (path, result) in await Task.WhenAll(paths.Select(async path => (path, await File.ReadAllTextAsync(path)))))
                {
                    total += result.Length;
                }

                return total;
            }
            """)));
    }

    [Fact]
    public async Task FilterOnItem_BecomesWhere()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<Dictionary<string, int>> M(List<Feed> feeds)
            {
                var counts = new Dictionary<string, int>();
                {|ASYNC302:foreach|} (var feed in feeds)
                {
                    if (!feed.Enabled) continue;
                    var items = await _http.GetStringAsync(feed.Url);
                    counts[feed.Name] = items.Length;
                }

                return counts;
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """), WithLinq(InClass("""
            async Task<Dictionary<string, int>> M(List<Feed> feeds)
            {
                var counts = new Dictionary<string, int>();
                foreach (var (feed, items) in await Task.WhenAll(feeds.Where(feed => feed.Enabled).Select(async feed => (feed, await _http.GetStringAsync(feed.Url)))))
                {
                    counts[feed.Name] = items.Length;
                }

                return counts;
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """)));
    }

    [Fact]
    public async Task FilterThenAwait_WhenAllOverWhere()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M(List<Feed> feeds)
            {
                {|ASYNC302:foreach|} (var feed in feeds)
                {
                    if (string.IsNullOrEmpty(feed.Url))
                    {
                        continue;
                    }

                    await File.WriteAllTextAsync(feed.Url, feed.Name);
                }
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """), WithLinq(InClass("""
            async Task M(List<Feed> feeds)
            {
                await Task.WhenAll(feeds.Where(feed => !string.IsNullOrEmpty(feed.Url)).Select(feed => File.WriteAllTextAsync(feed.Url, feed.Name)));
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """)));
    }

    [Fact]
    public async Task FilterThenAwait_ParallelForEachAsyncOverWhere()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(List<Feed> feeds)
            {
                {|ASYNC302:foreach|} (var feed in feeds)
                {
                    if (feed.Url.Length == 0) continue;
                    await File.WriteAllTextAsync(feed.Url, feed.Name);
                }
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """), WithLinq(InClass("""
            async Task M(List<Feed> feeds)
            {
                await Parallel.ForEachAsync(feeds.Where(feed => !(feed.Url.Length == 0)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (feed, ct) => await File.WriteAllTextAsync(feed.Url, feed.Name));
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """)));
    }

    [Fact]
    public async Task CounterLoop_SelectsOverEnumerableRange()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task M(string directory)
            {
                {|ASYNC302:for|} (int part = 0; part < 8; part += 1)
                {
                    await File.WriteAllTextAsync(Path.Combine(directory, part + ".txt"), string.Empty);
                }
            }
            """), WithLinq(InClass("""
            async Task M(string directory)
            {
                await Task.WhenAll(Enumerable.Range(0, 8).Select(part => File.WriteAllTextAsync(Path.Combine(directory, part + ".txt"), string.Empty)));
            }
            """)));
    }

    [Fact]
    public async Task CounterLoopBetweenVariables_ParallelForEachAsyncOverRange()
    {
        await VerifyParallelAsync(InClass("""
            async Task M(string directory, int start, int end)
            {
                {|ASYNC302:for|} (var part = start; part < end; ++part)
                    await File.WriteAllTextAsync(Path.Combine(directory, part + ".txt"), string.Empty);
            }
            """), WithLinq(InClass("""
            async Task M(string directory, int start, int end)
            {
                await Parallel.ForEachAsync(Enumerable.Range(start, Math.Max(0, end - start)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (part, ct) => await File.WriteAllTextAsync(Path.Combine(directory, part + ".txt"), string.Empty));
            }
            """)));
    }

    [Fact]
    public async Task PageCounterBody_PairsEachPageWithItsBatch()
    {
        await VerifyWhenAllAsync(InClass("""
            async Task<List<string>> M(string url, int pageCount, CancellationToken ct)
            {
                var items = new List<string>();
                {|ASYNC302:for|} (var page = 1; page <= pageCount; page++)
                {
                    var batch = await _http.GetStringAsync($"{url}?page={page}", ct);
                    items.AddRange(batch.Split(','));
                }

                return items;
            }
            """), WithLinq(InClass("""
            async Task<List<string>> M(string url, int pageCount, CancellationToken ct)
            {
                var items = new List<string>();
                foreach (var (page, batch) in await Task.WhenAll(Enumerable.Range(1, Math.Max(0, pageCount)).Select(async page => (page, await _http.GetStringAsync($"{url}?page={page}", ct)))))
                {
                    items.AddRange(batch.Split(','));
                }

                return items;
            }
            """)));
    }

    private static string WithLinq(string code) => code.Replace("using System.IO;\n", "using System.IO;\nusing System.Linq;\n", System.StringComparison.Ordinal);

    private static async Task VerifyWhenAllAsync(string source, string fixedSource) =>
        await new VerifyCS.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.WhenAllKey }.RunAsync();

    private static async Task VerifyParallelAsync(string source, string fixedSource) =>
        await new VerifyCS.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = IndependentLoopAwaitsCodeFix.ParallelKey }.RunAsync();
}
