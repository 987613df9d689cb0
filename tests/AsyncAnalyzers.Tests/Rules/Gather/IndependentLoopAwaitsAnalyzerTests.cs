using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static AsyncAnalyzers.Tests.Rules.Gather.GatherTestCode;
using VerifyCS = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Rules.Gather.IndependentLoopAwaitsAnalyzer>;

namespace AsyncAnalyzers.Tests.Rules.Gather;

public class IndependentLoopAwaitsAnalyzerTests
{
    private static DiagnosticResult Loop(string method, string collection, string count = "") =>
        VerifyCS.Diagnostic("ASYNC302").WithLocation(0).WithLocation(1).WithArguments(method, collection, count);

    [Fact]
    public async Task ForeachFetchingUrls_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IEnumerable<string> urls, CancellationToken ct)
            {
                {|#0:foreach|} (var url in urls)
                {
                    {|#1:await _http.GetStringAsync(url, ct)|};
                }
            }
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task EmbeddedStatementWithoutBraces_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] paths)
            {
                {|#0:foreach|} (var path in paths)
                    {|#1:await File.ReadAllTextAsync(path)|};
            }
            """), Loop("ReadAllTextAsync", "paths"));
    }

    [Fact]
    public async Task CollectingIntoList_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(List<Uri> uris)
            {
                var pages = new List<string>();
                {|#0:foreach|} (var uri in uris)
                {
                    pages.Add({|#1:await _http.GetStringAsync(uri)|});
                }

                return pages;
            }
            """), Loop("GetStringAsync", "uris"));
    }

    [Fact]
    public async Task ForOverArrayIndex_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                {|#0:for|} (var i = 0; i < urls.Length; i++)
                {
                    {|#1:await _http.GetStringAsync(urls[i])|};
                }
            }
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task ForOverListCount_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(List<string> paths)
            {
                {|#0:for|} (int i = 0; i < paths.Count; ++i)
                    {|#1:await File.ReadAllTextAsync(paths[i])|};
            }
            """), Loop("ReadAllTextAsync", "paths"));
    }

    [Fact]
    public async Task CallOnEachItem_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IEnumerable<IUsers> stores)
            {
                {|#0:foreach|} (var store in stores)
                {
                    {|#1:await store.SaveAsync("ping")|};
                }
            }
            """), Loop("SaveAsync", "stores"));
    }

    [Fact]
    public async Task ConfigureAwaitFalse_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IEnumerable<string> urls)
            {
                {|#0:foreach|} (var url in urls)
                {
                    {|#1:await _http.GetStringAsync(url).ConfigureAwait(false)|};
                }
            }
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task ValueTaskPerItem_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async ValueTask M(IOrders[] shards)
            {
                {|#0:foreach|} (var shard in shards)
                {
                    {|#1:await shard.PendingAsync(1)|};
                }
            }
            """), Loop("PendingAsync", "shards"));
    }

    [Fact]
    public async Task ArrayLiteral_ReportsCount()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M()
            {
                {|#0:foreach|} (var path in new[] { "a.txt", "b.txt", "c.txt" })
                {
                    {|#1:await File.ReadAllTextAsync(path)|};
                }
            }
            """), Loop("ReadAllTextAsync", "new[] { \"a.txt\", \"b.txt\", \"c.txt\" }", " (3 operations)"));
    }

    [Fact]
    public async Task AsyncLambda_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Func<string[], Task> M() => async urls =>
            {
                {|#0:foreach|} (var url in urls)
                {
                    {|#1:await _http.GetStringAsync(url)|};
                }
            };
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task AnonymousMethod_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Func<string[], Task> M() => async delegate (string[] urls)
            {
                {|#0:foreach|} (var url in urls)
                {
                    {|#1:await _http.GetStringAsync(url)|};
                }
            };
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task AsyncLocalFunction_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            Task M(string[] urls)
            {
                return Local();

                async Task Local()
                {
                    {|#0:foreach|} (var url in urls)
                    {
                        {|#1:await _http.GetStringAsync(url)|};
                    }
                }
            }
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task TopLevelStatements_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.IO;

                {|#0:foreach|} (var path in args)
                {
                    {|#1:await File.ReadAllTextAsync(path)|};
                }
                """,
            ExpectedDiagnostics = { Loop("ReadAllTextAsync", "args") },
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task ConfiguredSafeType_Reports()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(int[] ids)
                {
                    {|#0:foreach|} (var id in ids)
                    {
                        {|#1:await _users.GetAsync(id)|};
                    }
                }
                """),
            EditorConfig = "async_analyzers.ASYNC301.concurrent_safe_types = T:IUsers",
            ExpectedDiagnostics = { Loop("GetAsync", "ids") },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadPerItemFromUnknownReceiverAssumedSafe_ReportsTheAssumption()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(int[] ids)
                {
                    {|#0:foreach|} (var id in ids)
                    {
                        {|#1:await _users.GetAsync(id)|};
                    }
                }
                """),
            EditorConfig = "async_analyzers.ASYNC302.unknown_receivers = assume_safe",
            ExpectedDiagnostics = { Loop("GetAsync", "ids", ", if 'IUsers' allows concurrent calls") },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task WritePerItemFromUnknownReceiverAssumedSafe_NoDiagnostic()
    {
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(string[] names)
                {
                    foreach (var name in names)
                    {
                        await _users.SaveAsync(name);
                    }
                }
                """),
            EditorConfig = "async_analyzers.ASYNC302.unknown_receivers = assume_safe",
        };
        await test.RunAsync();
    }

    // A metadata bundle downloaded, then unpacked entry by entry.
    private const string BundleInstaller = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace SharpCompress.Archives.Zip
        {
            public sealed class ZipArchiveEntry
            {
                public bool IsDirectory { get; }
                public string Key { get; } = "";
                public Task WriteToDirectoryAsync(string directory) => Task.Run(() => System.IO.File.WriteAllText(System.IO.Path.Combine(directory, Key), ""));
            }

            public sealed class ZipArchive : IDisposable
            {
                public static ZipArchive OpenArchive(string path) => new ZipArchive();
                public IEnumerable<ZipArchiveEntry> Entries { get; } = new List<ZipArchiveEntry>();
                public void Dispose() { }
            }
        }

        class BundleInstaller
        {
            private readonly HttpClient _http = new HttpClient();

            async Task InstallAsync(string bundlePath, string directory)
            {
                using (var zip = SharpCompress.Archives.Zip.ZipArchive.OpenArchive(bundlePath))
                {
                    FOREACH (var entry in zip.Entries.Where(entry => !entry.IsDirectory))
                    {
                        AWAIT;
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task ExtractEachArchiveEntry_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(BundleInstaller.Replace("FOREACH", "foreach").Replace("AWAIT", "await entry.WriteToDirectoryAsync(directory)"));
    }

    [Fact]
    public async Task FetchPerArchiveEntryName_Reports()
    {
        // The entries' names only key requests to a service: nothing reads the archive in the loop.
        await VerifyCS.VerifyAnalyzerAsync(BundleInstaller.Replace("FOREACH", "{|#0:foreach|}").Replace("AWAIT", "{|#1:await _http.GetStringAsync(\"https://example.org/\" + entry.Key)|}")
            .Replace("zip.Entries.Where(entry => !entry.IsDirectory)", "zip.Entries.Where(entry => !entry.IsDirectory).ToList()"),
            Loop("GetStringAsync", "zip.Entries.Where(entry => !entry.IsDirectory).ToList()"));
    }

    [Fact]
    public async Task ReadPerItemFromServiceWithSafeImplementation_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IPages _pages;

            async Task M(string[] urls)
            {
                {|#0:foreach|} (var url in urls)
                {
                    {|#1:await _pages.FetchAsync(url)|};
                }
            }

            public interface IPages { Task<string> FetchAsync(string url); }

            public sealed class Pages : IPages
            {
                private readonly HttpClient _http;
                private readonly string _prefix;

                public Pages(HttpClient http, string prefix) { _http = http; _prefix = prefix; }

                public Task<string> FetchAsync(string url) => _http.GetStringAsync(_prefix + url);
            }
            """), Loop("FetchAsync", "urls"));
    }

    [Fact]
    public async Task ReadPerItemFromServiceWithMutableState_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly IPages _pages;

            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    await _pages.FetchAsync(url);
                }
            }

            public interface IPages { Task<string> FetchAsync(string url); }

            public sealed class Pages : IPages
            {
                private readonly HttpClient _http;
                private int _count;

                public Pages(HttpClient http) => _http = http;

                public Task<string> FetchAsync(string url) { _count++; return _http.GetStringAsync(url); }
            }
            """));
    }

    [Fact]
    public async Task StaticHelperPerItem_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] paths)
            {
                foreach (var path in paths)
                {
                    await Tabs.OpenInNewTabAsync(path);
                }
            }

            public static class Tabs
            {
                public static Task OpenInNewTabAsync(string path) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task ServiceWithoutFieldsPerItem_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private readonly ITabs _tabs;

            async Task M(string[] paths)
            {
                foreach (var path in paths)
                {
                    await _tabs.OpenInNewTabAsync(path);
                }
            }

            public interface ITabs { Task OpenInNewTabAsync(string path); }

            public sealed class Tabs : ITabs
            {
                public Task OpenInNewTabAsync(string path) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task UsingResponseThenKeyedWrite_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, System.Net.HttpStatusCode>> M(List<Endpoint> endpoints)
            {
                var statuses = new Dictionary<string, System.Net.HttpStatusCode>();
                {|#0:foreach|} (var endpoint in endpoints)
                {
                    using var response = {|#1:await _http.GetAsync(endpoint.HealthUrl)|};
                    statuses[endpoint.Name] = response.StatusCode;
                }

                return statuses;
            }

            public sealed class Endpoint
            {
                public string Name { get; set; } = "";
                public string HealthUrl { get; set; } = "";
            }
            """), Loop("GetAsync", "endpoints"));
    }

    [Fact]
    public async Task ElementAssignedByIndex_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string[]> M(string[] urls)
            {
                var pages = new string[urls.Length];
                {|#0:for|} (var i = 0; i < urls.Length; i++)
                {
                    pages[i] = {|#1:await _http.GetStringAsync(urls[i])|};
                }

                return pages;
            }
            """), Loop("GetStringAsync", "urls"));
    }

    [Fact]
    public async Task DictionaryAssignedByItem_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, string>> M(IEnumerable<string> paths)
            {
                var texts = new Dictionary<string, string>();
                {|#0:foreach|} (var path in paths)
                    texts[path] = {|#1:await File.ReadAllTextAsync(path)|};
                return texts;
            }
            """), Loop("ReadAllTextAsync", "paths"));
    }

    [Fact]
    public async Task LocalThenAddMapped_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<int>> M(List<Uri> uris)
            {
                var lengths = new List<int>();
                {|#0:foreach|} (var uri in uris)
                {
                    var page = {|#1:await _http.GetStringAsync(uri).ConfigureAwait(false)|};
                    lengths.Add(Measure(page));
                }

                return lengths;
            }

            private int Measure(string page) => page.Length;
            """), Loop("GetStringAsync", "uris"));
    }

    [Fact]
    public async Task ResultFeedsNextCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                var offset = 0;
                foreach (var url in urls)
                {
                    var page = await _http.GetStringAsync(url + offset);
                    offset += page.Length;
                }
            }
            """));
    }

    [Fact]
    public async Task ResultThenHelperThatSaves_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    var page = await _http.GetStringAsync(url);
                    SavePage(page);
                }
            }

            private void SavePage(string page) { }
            """));
    }

    [Fact]
    public async Task ReturnOnResultInBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    var page = await _http.GetStringAsync(url);
                    if (page.Length == 0)
                    {
                        return;
                    }
                }
            }
            """));
    }

    [Fact]
    public async Task AwaitThenUnrelatedWork_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(string[] urls)
            {
                var count = 0;
                foreach (var url in urls)
                {
                    await _http.GetStringAsync(url);
                    count++;
                }

                return count;
            }
            """));
    }

    [Fact]
    public async Task ResultWrittenThroughCallResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    var page = await _http.GetStringAsync(url);
                    Find(url).Text = page;
                }
            }

            private static Holder Find(string url) => new Holder();

            public sealed class Holder
            {
                public string Text { get; set; } = "";
            }
            """));
    }

    [Fact]
    public async Task ResultThenCallOnTheClient_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    var page = await _http.GetStringAsync(url);
                    _http.CancelPendingRequests();
                }
            }
            """));
    }

    [Fact]
    public async Task ResultKeyedIntoTheIteratedList_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(List<string> urls)
            {
                for (var i = 0; i < urls.Count; i++)
                {
                    urls[i] = await _http.GetStringAsync(urls[i]);
                }
            }
            """));
    }

    [Fact]
    public async Task SameReceiverOfUnknownType_NoDiagnostic()
    {
        // With the assumption switched off, one receiver without evidence is called in order.
        var test = new VerifyCS.Test
        {
            TestCode = InClass("""
                async Task M(int[] ids)
                {
                    foreach (var id in ids)
                    {
                        await _users.GetAsync(id);
                    }
                }
                """),
            EditorConfig = "async_analyzers.ASYNC302.unknown_receivers = assume_unsafe",
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReadPerItemFromUnknownReceiverByDefault_ReportsTheAssumption()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int[] ids)
            {
                {|#0:foreach|} (var id in ids)
                {
                    {|#1:await _users.GetAsync(id)|};
                }
            }
            """), Loop("GetAsync", "ids", ", if 'IUsers' allows concurrent calls"));
    }

    private const string IdentityLibrary = """
        using System.Threading.Tasks;

        namespace Microsoft.AspNetCore.Identity
        {
            public class UserManager<TUser> where TUser : class
            {
                public virtual Task<TUser?> FindByIdAsync(string userId) => Task.FromResult<TUser?>(null);
            }
        }
        """;

    private const string UserDirectory = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public class AppUser { public string Name = ""; }

        class Directory
        {
            readonly Microsoft.AspNetCore.Identity.UserManager<AppUser> _users = new();
            readonly System.Net.Http.HttpClient _http = new();

            async Task<List<string>> NamesAsync(string[] ids)
            {
                var names = new List<string>();
                {|#0:foreach|} (var id in ids)
                {
                    var user = {|#1:await _users.FindByIdAsync(id)|};
                    names.Add(user?.Name ?? id);
                }

                return names;
            }
        }
        """;

    private static async Task VerifyWithIdentityAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = "#nullable enable\n" + source };
        test.TestState.AdditionalProjects["Identity"].Sources.Add("#nullable enable\n" + IdentityLibrary);
        test.TestState.AdditionalProjectReferences.Add("Identity");
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task FindUserPerItemThroughIdentityManager_NoDiagnostic()
    {
        // UserManager works through the scope's one store (EF Core's over the request's DbContext): its calls are ordered.
        await VerifyWithIdentityAsync(UserDirectory.Replace("{|#0:", "").Replace("foreach|}", "foreach").Replace("{|#1:", "").Replace("FindByIdAsync(id)|}", "FindByIdAsync(id)"));
    }

    [Fact]
    public async Task FetchPerItemBesideIdentityManager_Reports()
    {
        await VerifyWithIdentityAsync(UserDirectory.Replace("var user = {|#1:await _users.FindByIdAsync(id)|};\n            names.Add(user?.Name ?? id);", "names.Add({|#1:await _http.GetStringAsync(\"https://example.com/\" + id)|});"),
            Loop("GetStringAsync", "ids"));
    }

    [Fact]
    public async Task AwaitForeach_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(IAsyncEnumerable<string> urls)
            {
                await foreach (var url in urls)
                {
                    await _http.GetStringAsync(url);
                }
            }
            """));
    }

    [Fact]
    public async Task BreakOnResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    var page = await _http.GetStringAsync(url);
                    if (page.Length > 0)
                    {
                        break;
                    }
                }
            }
            """));
    }

    [Fact]
    public async Task ReturnFirstResult_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<string> M(string[] urls)
            {
                foreach (var url in urls)
                {
                    return await _http.GetStringAsync(url);
                }

                return "";
            }
            """));
    }

    [Fact]
    public async Task TaskDelayInBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    await _http.GetStringAsync(url);
                    await Task.Delay(100);
                }
            }
            """));
    }

    [Fact]
    public async Task TaskDelayPerItem_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int[] delays)
            {
                foreach (var delay in delays)
                {
                    await Task.Delay(delay);
                }
            }
            """));
    }

    [Fact]
    public async Task TwoAwaitsInBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] paths)
            {
                foreach (var path in paths)
                {
                    var text = await File.ReadAllTextAsync(path);
                    await File.WriteAllTextAsync(path + ".bak", text);
                }
            }
            """));
    }

    [Fact]
    public async Task AccumulatesIntoCounter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(string[] paths)
            {
                var total = 0;
                {|#0:foreach|} (var path in paths)
                {
                    total += ({|#1:await File.ReadAllTextAsync(path)|}).Length;
                }

                return total;
            }
            """), Loop("ReadAllTextAsync", "paths"));
    }

    [Fact]
    public async Task AddToHashSet_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] paths, HashSet<string> texts)
            {
                foreach (var path in paths)
                {
                    texts.Add(await File.ReadAllTextAsync(path));
                }
            }
            """));
    }

    [Fact]
    public async Task ItemNotUsed_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int[] attempts, string url)
            {
                foreach (var attempt in attempts)
                {
                    await _http.GetStringAsync(url);
                }
            }
            """));
    }

    [Fact]
    public async Task SameUrlWithItemInBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] lines, string url)
            {
                foreach (var line in lines)
                {
                    await _http.PostAsync(url, new StringContent(line));
                }
            }
            """));
    }

    [Fact]
    public async Task WritesSameContentToEachPath_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] paths)
            {
                {|#0:for|} (var i = 0; i < paths.Length; i++)
                {
                    {|#1:await File.WriteAllTextAsync(paths[i], string.Empty)|};
                }
            }
            """), Loop("WriteAllTextAsync", "paths"));
    }

    [Fact]
    public async Task SharedBuffer_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls, HttpContent content)
            {
                foreach (var url in urls)
                {
                    await _http.PostAsync(url, content);
                }
            }
            """));
    }

    [Fact]
    public async Task StreamWritesPerItem_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(byte[][] chunks, Stream output)
            {
                foreach (var chunk in chunks)
                {
                    await output.WriteAsync(chunk, 0, chunk.Length);
                }
            }
            """));
    }

    [Fact]
    public async Task WriterPerItem_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] lines, TextWriter writer)
            {
                foreach (var line in lines)
                {
                    await writer.WriteLineAsync(line);
                }
            }
            """));
    }

    [Fact]
    public async Task ForWithOtherStep_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                for (var i = 0; i < urls.Length; i += 2)
                {
                    await _http.GetStringAsync(urls[i]);
                }
            }
            """));
    }

    [Fact]
    public async Task ForIndexUsedOutsideElementAccess_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                for (var i = 0; i < urls.Length; i++)
                {
                    await _http.GetStringAsync(urls[i + 1]);
                }
            }
            """));
    }

    [Fact]
    public async Task WhileLoop_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(Queue<string> urls)
            {
                while (urls.Count > 0)
                {
                    await _http.GetStringAsync(urls.Dequeue());
                }
            }
            """));
    }

    [Fact]
    public async Task AwaitOfExistingTasks_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(List<Task> tasks)
            {
                foreach (var task in tasks)
                {
                    await task;
                }
            }
            """));
    }

    [Fact]
    public async Task LocalFunctionPerItem_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                var seen = 0;
                foreach (var url in urls)
                {
                    await FetchAsync(url);
                }

                Task FetchAsync(string url) { seen++; return Task.CompletedTask; }
            }
            """));
    }

    [Fact]
    public async Task ConditionalBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string[] urls)
            {
                foreach (var url in urls)
                {
                    if (url.Length > 0)
                    {
                        await _http.GetStringAsync(url);
                    }
                }
            }
            """));
    }

    [Fact]
    public async Task TryWithCatchReadingResults_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(string[] urls)
            {
                var pages = new List<string>();
                try
                {
                    foreach (var url in urls)
                    {
                        pages.Add(await _http.GetStringAsync(url));
                    }
                }
                catch (HttpRequestException)
                {
                    Console.WriteLine(pages.Count);
                }

                return pages;
            }
            """));
    }

    [Fact]
    public async Task DeconstructingForeach_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M((string Path, string Text)[] files)
            {
                foreach (var (path, text) in files)
                {
                    await File.WriteAllTextAsync(path, text);
                }
            }
            """));
    }

    [Fact]
    public async Task SynchronousLoop_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            void M(string[] paths)
            {
                foreach (var path in paths)
                {
                    File.ReadAllText(path);
                }
            }
            """));
    }

    [Fact]
    public async Task ItemCallsWithoutInputsOrResults_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(GatherTestCode.Usings + """
            public interface IHostedService { Task StartAsync(CancellationToken ct); Task StopAsync(CancellationToken ct); }
            public class C
            {
                async Task Start(IReadOnlyList<IHostedService> services, CancellationToken ct)
                {
                    foreach (var service in services)
                    {
                        await service.StartAsync(ct);
                    }
                }
            }
            """);
    }

    /// <summary>A loop over attribute ids reading each through a service whose one implementation does <paramref name="read"/>.</summary>
    private static string AttributeParser(string read) => GatherTestCode.Usings + """
        using System.Linq;

        public sealed class AddressAttribute { public string Id { get; set; } }

        public interface IAttributeStore { Task<AddressAttribute> FindAsync(string id); }

        public interface IAddressAttributeService { Task<AddressAttribute> GetAddressAttributeById(string id); }

        public class AddressAttributeService : IAddressAttributeService
        {
            private readonly List<AddressAttribute> _all = new();
            private readonly IAttributeStore _store;

            public Task<AddressAttribute> GetAddressAttributeById(string id) => READ;
        }

        public class AddressAttributeParser
        {
            private readonly IAddressAttributeService _attributes;

            public async Task<List<AddressAttribute>> ParseAsync(IReadOnlyList<string> ids)
            {
                var result = new List<AddressAttribute>();
                {|#0:foreach|} (var id in ids)
                {
                    result.Add({|#1:await _attributes.GetAddressAttributeById(id)|});
                }

                return result;
            }
        }
        """.Replace("READ", read);

    [Fact]
    public async Task ItemCallThatCompletesSynchronously_NoDiagnostic()
    {
        // The service's only body answers from memory with Task.FromResult: the items' reads cannot overlap.
        var source = AttributeParser("Task.FromResult(_all.FirstOrDefault(a => a.Id == id))");
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ItemCallThatMayWait_Reports()
    {
        var source = AttributeParser("_store.FindAsync(id)");
        await VerifyCS.VerifyAnalyzerAsync(source, Loop("GetAddressAttributeById", "ids", ", if 'IAddressAttributeService' allows concurrent calls"));
    }

    [Fact]
    public async Task ItemCallsWithoutInputsButWithResults_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(GatherTestCode.Usings + """
            public interface IDocument { Task<string> ReadAsync(CancellationToken ct); }
            public class C
            {
                async Task<List<string>> M(IReadOnlyList<IDocument> documents, CancellationToken ct)
                {
                    var texts = new List<string>();
                    {|#0:foreach|} (var document in documents)
                    {
                        texts.Add({|#1:await document.ReadAsync(ct)|});
                    }

                    return texts;
                }
            }
            """, Loop("ReadAsync", "documents"));
    }
    // Issue 12, shape 1: a member of the awaited result.
    [Fact]
    public async Task KeyedWriteOfResultMember_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, decimal>> M(IPricing pricing, List<string> skus, CancellationToken ct)
            {
                var prices = new Dictionary<string, decimal>();
                {|#0:foreach|} (var sku in skus)
                {
                    prices[sku] = ({|#1:await pricing.GetPriceAsync(sku, ct)|}).Amount;
                }

                return prices;
            }

            public interface IPricing
            {
                Task<Price> GetPriceAsync(string sku, CancellationToken ct);
                Task<Price> UpdatePriceAsync(string sku, CancellationToken ct);
            }

            public sealed class Price
            {
                public decimal Amount { get; set; }
            }
            """), Loop("GetPriceAsync", "skus", ", if 'IPricing' allows concurrent calls"));
    }

    [Fact]
    public async Task LocalFromResultMemberThenAdd_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<int>> M(string[] paths)
            {
                var lengths = new List<int>();
                {|#0:foreach|} (var path in paths)
                {
                    var length = ({|#1:await File.ReadAllTextAsync(path)|}).Length;
                    lengths.Add(length);
                }

                return lengths;
            }
            """), Loop("ReadAllTextAsync", "paths"));
    }

    [Fact]
    public async Task AddMemberOfResult_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<int>> M(string[] paths)
            {
                var lengths = new List<int>();
                {|#0:foreach|} (var path in paths)
                {
                    lengths.Add(({|#1:await File.ReadAllTextAsync(path)|}).Length);
                }

                return lengths;
            }
            """), Loop("ReadAllTextAsync", "paths"));
    }

    [Fact]
    public async Task ResultMemberFromUpdateCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, decimal>> M(IPricing pricing, List<string> skus, CancellationToken ct)
            {
                var prices = new Dictionary<string, decimal>();
                foreach (var sku in skus)
                {
                    prices[sku] = (await pricing.UpdatePriceAsync(sku, ct)).Amount;
                }

                return prices;
            }

            public interface IPricing
            {
                Task<Price> GetPriceAsync(string sku, CancellationToken ct);
                Task<Price> UpdatePriceAsync(string sku, CancellationToken ct);
            }

            public sealed class Price
            {
                public decimal Amount { get; set; }
            }
            """));
    }

    [Fact]
    public async Task ResultMemberReadByNextCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(string directory, string[] names)
            {
                var texts = new List<string>();
                foreach (var name in names)
                {
                    var next = (await File.ReadAllTextAsync(Path.Combine(directory, name))).Trim();
                    texts.Add(next);
                    directory = next;
                }

                return texts;
            }
            """));
    }

    [Fact]
    public async Task ResultMemberThroughStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<int>> M(Stream stream, byte[][] buffers)
            {
                var counts = new List<int>();
                foreach (var buffer in buffers)
                {
                    var count = (await stream.ReadAsync(buffer, 0, buffer.Length)).GetHashCode();
                    counts.Add(count);
                }

                return counts;
            }
            """));
    }

    // Issue 12, shape 2: a for loop over a counter whose bound is not a collection.
    [Fact]
    public async Task ForOverPageCounter_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(string url, int pageCount, CancellationToken ct)
            {
                var items = new List<string>();
                {|#0:for|} (var page = 1; page <= pageCount; page++)
                {
                    var batch = {|#1:await _http.GetStringAsync($"{url}?page={page}", ct)|};
                    items.AddRange(batch.Split(','));
                }

                return items;
            }
            """), Loop("GetStringAsync", "page <= pageCount"));
    }

    [Fact]
    public async Task ForOverCounterLessThanConstant_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string directory)
            {
                {|#0:for|} (int part = 0; part < 8; part += 1)
                {
                    {|#1:await File.WriteAllTextAsync(Path.Combine(directory, part + ".txt"), string.Empty)|};
                }
            }
            """), Loop("WriteAllTextAsync", "part < 8"));
    }

    [Fact]
    public async Task CounterWrittenInBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(string url, int pageCount)
            {
                var items = new List<string>();
                for (var page = 1; page <= pageCount; page++)
                {
                    var batch = await _http.GetStringAsync($"{url}?page={page}");
                    items.Add(batch);
                    if (batch.Length == 0) page = pageCount;
                }

                return items;
            }
            """));
    }

    [Fact]
    public async Task BoundWrittenInBody_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(string url)
            {
                var items = new List<string>();
                var pageCount = 1;
                for (var page = 1; page <= pageCount; page++)
                {
                    var batch = await _http.GetStringAsync($"{url}?page={page}");
                    items.Add(batch);
                    pageCount = batch.Length;
                }

                return items;
            }
            """));
    }

    [Fact]
    public async Task CounterStepOfTwo_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(string url, int count)
            {
                for (var page = 0; page < count; page += 2)
                {
                    await _http.GetStringAsync($"{url}?page={page}");
                }
            }
            """));
    }

    [Fact]
    public async Task CounterWithCursorFromPreviousPage_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<string>> M(string url, int pageCount)
            {
                var items = new List<string>();
                var cursor = "";
                for (var page = 1; page <= pageCount; page++)
                {
                    var batch = await _http.GetStringAsync($"{url}?page={page}&after={cursor}");
                    cursor = batch;
                    items.Add(batch);
                }

                return items;
            }
            """));
    }

    [Fact]
    public async Task CounterOnUnknownWriteReceiver_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await _users.SaveAsync("user" + i);
                }
            }
            """));
    }

    [Fact]
    public async Task ForOverPagesFromJson_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<Order>> M(string url, int pageCount, CancellationToken ct)
            {
                var items = new List<Order>();
                {|#0:for|} (var page = 1; page <= pageCount; page++)
                {
                    var batch = {|#1:await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<Order>>(_http, $"{url}?page={page}", ct)|};
                    items.AddRange(batch ?? new List<Order>());
                }

                return items;
            }
            """), Loop("GetFromJsonAsync", "page <= pageCount"));
    }

    [Fact]
    public async Task CounterLoopEndingOnEmptyPage_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<List<Order>> M(string url, int pageCount, CancellationToken ct)
            {
                var items = new List<Order>();
                for (var page = 1; page <= pageCount; page++)
                {
                    var batch = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<Order>>(_http, $"{url}?page={page}", ct);
                    if (batch is null || batch.Count == 0) break;
                    items.AddRange(batch);
                }

                return items;
            }
            """));
    }

    // Issue 12, shape 3: a filter on the item at the top of the body.
    [Fact]
    public async Task FilterOnItemThenKeyedWrite_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, int>> M(List<Feed> feeds)
            {
                var counts = new Dictionary<string, int>();
                {|#0:foreach|} (var feed in feeds)
                {
                    if (!feed.Enabled) continue;
                    var items = {|#1:await _http.GetStringAsync(feed.Url)|};
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
            """), Loop("GetStringAsync", "feeds"));
    }

    [Fact]
    public async Task FilterThenAwait_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(List<Feed> feeds)
            {
                {|#0:foreach|} (var feed in feeds)
                {
                    if (string.IsNullOrEmpty(feed.Url))
                    {
                        continue;
                    }

                    {|#1:await File.WriteAllTextAsync(feed.Url, feed.Name)|};
                }
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """), Loop("WriteAllTextAsync", "feeds"));
    }

    [Fact]
    public async Task FilterReadingSharedState_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, int>> M(List<Feed> feeds)
            {
                var counts = new Dictionary<string, int>();
                foreach (var feed in feeds)
                {
                    if (counts.Count > 10) continue;
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
            """));
    }

    [Fact]
    public async Task FilterThenBreak_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<Dictionary<string, int>> M(List<Feed> feeds)
            {
                var counts = new Dictionary<string, int>();
                foreach (var feed in feeds)
                {
                    if (!feed.Enabled) break;
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
            """));
    }

    [Fact]
    public async Task FilterThenSameReceiverWrite_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task M(List<Feed> feeds)
            {
                foreach (var feed in feeds)
                {
                    if (!feed.Enabled) continue;
                    await _users.SaveAsync(feed.Name);
                }
            }

            public sealed class Feed
            {
                public bool Enabled { get; set; }
                public string Name { get; set; } = "";
                public string Url { get; set; } = "";
            }
            """));
    }

    // Issue 12, shape 4: a numeric total.
    [Fact]
    public async Task SumIntoLocal_Reports()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int[] userIds, CancellationToken ct)
            {
                var total = 0;
                {|#0:foreach|} (var userId in userIds)
                {
                    total += {|#1:await _orders.CountAsync(userId, ct)|};
                }

                return total;
            }
            """), Loop("CountAsync", "userIds", ", if 'IOrders' allows concurrent calls"));
    }

    [Fact]
    public async Task TotalReadInTheLoop_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int[] userIds, List<int> runningTotals)
            {
                var total = 0;
                foreach (var userId in userIds)
                {
                    total += await _orders.CountAsync(userId);
                    runningTotals.Add(total);
                }

                return total;
            }
            """));
    }

    [Fact]
    public async Task TotalPassedToTheCall_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(int[] userIds)
            {
                var total = 0;
                foreach (var userId in userIds)
                {
                    total += await _orders.CountAsync(userId + total);
                }

                return total;
            }
            """));
    }

    [Fact]
    public async Task SumIntoField_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            private int _total;

            async Task M(int[] userIds)
            {
                foreach (var userId in userIds)
                {
                    _total += await _orders.CountAsync(userId);
                }
            }
            """));
    }

    [Fact]
    public async Task SumFromStream_NoDiagnostic()
    {
        await VerifyCS.VerifyAnalyzerAsync(InClass("""
            async Task<int> M(Stream stream, byte[][] buffers)
            {
                var total = 0;
                foreach (var buffer in buffers)
                {
                    total += await stream.ReadAsync(buffer, 0, buffer.Length);
                }

                return total;
            }
            """));
    }
}
