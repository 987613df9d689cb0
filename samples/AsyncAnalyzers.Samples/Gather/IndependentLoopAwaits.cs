using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Gather;

/// <summary>ASYNC302: a loop fetching URLs one after another.</summary>
public static class IndependentLoopAwaits
{
    public static async Task<List<string>> FetchAllMistake(HttpClient http, IEnumerable<Uri> uris, CancellationToken cancellationToken)
    {
        var pages = new List<string>();
        foreach (var uri in uris) // ASYNC302
        {
            pages.Add(await http.GetStringAsync(uri, cancellationToken));
        }

        return pages;
    }

    public static async Task<List<string>> FetchAllFixed(HttpClient http, IEnumerable<Uri> uris, CancellationToken cancellationToken)
    {
        var pages = new List<string>();
        pages.AddRange(await Task.WhenAll(uris.Select(uri => http.GetStringAsync(uri, cancellationToken))));
        return pages;
    }

    /// <summary>The lesson's fan-out: every page of a list of URLs, fetched one after another, each result kept under its URL.</summary>
    public static async Task<Dictionary<Uri, int>> PageSizesMistake(HttpClient http, IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<Uri, int>();
        foreach (var url in urls) // ASYNC302
        {
            var page = await http.GetStringAsync(url, cancellationToken);
            sizes[url] = page.Length;
        }

        return sizes;
    }

    public static async Task<Dictionary<Uri, int>> PageSizesFixed(HttpClient http, IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<Uri, int>();
        foreach (var (url, page) in await Task.WhenAll(urls.Select(async url => (url, await http.GetStringAsync(url, cancellationToken)))))
        {
            sizes[url] = page.Length;
        }

        return sizes;
    }

    /// <summary>A health check of every endpoint: one response per item, then per-item work on it.</summary>
    public static async Task<Dictionary<string, System.Net.HttpStatusCode>> HealthMistake(HttpClient http, IEnumerable<KeyValuePair<string, Uri>> endpoints)
    {
        var statuses = new Dictionary<string, System.Net.HttpStatusCode>();
        foreach (var endpoint in endpoints) // ASYNC302
        {
            using var response = await http.GetAsync(endpoint.Value);
            statuses[endpoint.Key] = response.StatusCode;
        }

        return statuses;
    }

    public static async Task<Dictionary<string, System.Net.HttpStatusCode>> HealthFixed(HttpClient http, IEnumerable<KeyValuePair<string, Uri>> endpoints)
    {
        var statuses = new Dictionary<string, System.Net.HttpStatusCode>();
        foreach (var (endpoint, result) in await Task.WhenAll(endpoints.Select(async endpoint => (endpoint, await http.GetAsync(endpoint.Value)))))
        {
            using var response = result;
            statuses[endpoint.Key] = response.StatusCode;
        }

        return statuses;
    }

    /// <summary>Results written by index.</summary>
    public static async Task<string[]> ByIndexMistake(HttpClient http, Uri[] urls)
    {
        var pages = new string[urls.Length];
        for (var i = 0; i < urls.Length; i++) // ASYNC302
        {
            pages[i] = await http.GetStringAsync(urls[i]);
        }

        return pages;
    }

    public static async Task<string[]> ByIndexFixed(HttpClient http, Uri[] urls)
    {
        var pages = new string[urls.Length];
        var results = await Task.WhenAll(urls.Select(url => http.GetStringAsync(url)));
        for (var i = 0; i < urls.Length; i++)
        {
            pages[i] = results[i];
        }

        return pages;
    }

    /// <summary>For a large or rate-limited set, bound the degree of parallelism instead.</summary>
    public static async Task DownloadAllBounded(HttpClient http, IReadOnlyList<Uri> uris, string directory, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(uris, options, async (uri, token) =>
        {
            var bytes = await http.GetByteArrayAsync(uri, token);
            await File.WriteAllBytesAsync(Path.Combine(directory, Path.GetFileName(uri.LocalPath)), bytes, token);
        });
    }

    public static async Task TouchAllMistake(string[] paths, CancellationToken cancellationToken)
    {
        for (var i = 0; i < paths.Length; i++) // ASYNC302
        {
            await File.WriteAllTextAsync(paths[i], string.Empty, cancellationToken);
        }
    }

    public static async Task TouchAllFixed(string[] paths, CancellationToken cancellationToken) =>
        await Task.WhenAll(paths.Select(path => File.WriteAllTextAsync(path, string.Empty, cancellationToken)));

    /// <summary>Rate limiting between requests is the point of the loop: not reported.</summary>
    public static async Task PoliteCrawl(HttpClient http, IEnumerable<Uri> uris, CancellationToken cancellationToken)
    {
        foreach (var uri in uris)
        {
            await http.GetStringAsync(uri, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
