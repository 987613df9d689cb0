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
