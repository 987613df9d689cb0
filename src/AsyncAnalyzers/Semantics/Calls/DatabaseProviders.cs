using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Calls;

/// <summary>
/// Which EF Core database provider the compilation configures, read once from its source text: SQLite only when it calls
/// <c>UseSqlite</c> and names no other provider's <c>Use...</c> method. SQLite has no asynchronous I/O (Microsoft.Data.Sqlite runs
/// its async methods synchronously), so EF Core's <c>SaveChangesAsync</c>, <c>ToListAsync</c> and <c>FindAsync</c> free no thread
/// there (ASYNC103). A compilation that configures no provider (a library whose host chooses one) is not SQLite-only.
/// </summary>
internal sealed class DatabaseProviders
{
    private static readonly string[] OtherProviders =
    {
        "UseSqlServer", "UseAzureSql", "UseAzureSynapse", "UseNpgsql", "UseMySql", "UseMySQL", "UseMariaDB", "UseOracle", "UseCosmos",
        "UseFirebird", "UseJet", "UseDb2", "UseSpanner", "UseMongoDB", "UseYdb", "UseClickHouse", "UseInformix", "UseDm", "UseKdbndp",
    };

    private readonly Compilation _compilation;
    private int _sqliteOnly;

    public DatabaseProviders(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>The compilation configures EF Core with SQLite and with no other provider.</summary>
    public bool SqliteOnly
    {
        get
        {
            var known = Volatile.Read(ref _sqliteOnly);
            if (known == 0)
            {
                known = Read() ? 2 : 1;
                Volatile.Write(ref _sqliteOnly, known);
            }

            return known == 2;
        }
    }

    private bool Read()
    {
        var sqlite = false;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var text = tree.GetText().ToString();
            if (text.IndexOf(".Use", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var other in OtherProviders)
            {
                if (text.IndexOf(other, StringComparison.Ordinal) >= 0)
                {
                    return false;
                }
            }

            sqlite |= text.IndexOf("UseSqlite", StringComparison.Ordinal) >= 0;
        }

        return sqlite;
    }
}
