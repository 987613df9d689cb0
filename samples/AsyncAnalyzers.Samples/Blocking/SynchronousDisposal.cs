using System.Data.Common;
using System.IO;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Blocking;

/// <summary>ASYNC105: a using or Dispose() in async code on a value whose disposal writes or waits.</summary>
public static class SynchronousDisposal
{
    public static async Task ExportMistake(string path, string report)
    {
        using var writer = new StreamWriter(path); // ASYNC105
        await writer.WriteAsync(report);
    }

    public static async Task ExportFixed(string path, string report)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteAsync(report);
    }

    public static async Task<int> CountMistake(DbProviderFactory factory, string sql)
    {
        var connection = factory.CreateConnection()!;
        try
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand(); // not reported: a command's disposal frees only its own state
            command.CommandText = sql;
            return (int)(await command.ExecuteScalarAsync() ?? 0);
        }
        finally
        {
            connection.Dispose(); // ASYNC105
        }
    }

    public static async Task<int> CountFixed(DbProviderFactory factory, string sql)
    {
        await using var connection = factory.CreateConnection()!;
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (int)(await command.ExecuteScalarAsync() ?? 0);
    }

    /// <summary>A buffer in memory and a file opened for reading have nothing to flush: not ASYNC105.</summary>
    public static async Task<byte[]> ReadAll(string path)
    {
        using var buffer = new MemoryStream();
        using var file = File.OpenRead(path);
        await file.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
