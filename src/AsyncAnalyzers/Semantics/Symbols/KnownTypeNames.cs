using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics.Symbols;

/// <summary>
/// Every list of type names a rule or fact uses, in one place. Names are metadata names, resolved once per compilation through
/// <see cref="AsyncSymbols"/> (a type the compilation does not reference is skipped), or, for the long ASYNC103 lists, compared
/// with the names of the types a call meets.
/// </summary>
internal static class KnownTypeNames
{
    /// <summary>
    /// ASYNC301/302: types whose calls on one instance may overlap (documented thread-safe clients and static helpers).
    /// </summary>
    public static readonly string[] ConcurrencySafe =
    {
        "System.Net.Http.HttpClient",
        "System.Net.Http.HttpMessageInvoker",
        "System.Net.Http.IHttpClientFactory",
        "System.IO.File",
        "System.Net.Dns",
        "System.Text.Json.JsonSerializer",
        "Microsoft.Extensions.Caching.Distributed.IDistributedCache",
        "Microsoft.Extensions.Caching.Memory.IMemoryCache",
        "MongoDB.Driver.IMongoCollection`1",
        "MongoDB.Driver.IMongoDatabase",
        "MongoDB.Driver.IMongoClient",
        "StackExchange.Redis.IDatabaseAsync",
        "StackExchange.Redis.IConnectionMultiplexer",
        "Grpc.Core.ClientBase",
        "Azure.Storage.Blobs.BlobServiceClient",
        "Azure.Storage.Blobs.BlobContainerClient",
        "Azure.Storage.Blobs.Specialized.BlobBaseClient",
        "Azure.Storage.Queues.QueueClient",
        "Azure.Data.Tables.TableClient",
        "Azure.Data.Tables.TableServiceClient",
        "Azure.Security.KeyVault.Secrets.SecretClient",
        "Azure.Messaging.ServiceBus.ServiceBusClient",
        "Microsoft.Azure.Cosmos.CosmosClient",
        "Microsoft.Azure.Cosmos.Container",
        "Amazon.Runtime.AmazonServiceClient",
        "Amazon.Runtime.IAmazonService",
    };

    /// <summary>
    /// ASYNC301/302: types a service may hold and stay safe for overlapping calls (besides the <see cref="ConcurrencySafe"/> clients
    /// and immutable values): loggers, options, configuration, factories of safe clients.
    /// </summary>
    public static readonly string[] SafeState =
    {
        "Microsoft.Extensions.Logging.ILogger",
        "Microsoft.Extensions.Logging.ILogger`1",
        "Microsoft.Extensions.Logging.ILoggerFactory",
        "Microsoft.Extensions.Options.IOptions`1",
        "Microsoft.Extensions.Options.IOptionsMonitor`1",
        "Microsoft.Extensions.Options.IOptionsSnapshot`1",
        "Microsoft.Extensions.Configuration.IConfiguration",
        "System.Text.Json.JsonSerializerOptions",
        "System.TimeProvider",
    };

    /// <summary>
    /// ASYNC301/302: types never gathered on: instances are shared and their operations ordered (streams, readers and writers,
    /// connections, commands, transactions, semaphores, channels, sockets, a DbContext, ASP.NET Core Identity's managers). A type
    /// deriving from or implementing one of them is unsafe too.
    /// </summary>
    public static readonly string[] ConcurrencyUnsafe =
    {
        "System.IO.Stream",
        "System.IO.TextReader",
        "System.IO.TextWriter",
        "System.IO.BinaryReader",
        "System.IO.BinaryWriter",
        "System.Data.IDbConnection",
        "System.Data.IDbCommand",
        "System.Data.IDbTransaction",
        "System.Data.IDataReader",
        "System.Data.Common.DbConnection",
        "System.Data.Common.DbCommand",
        "System.Data.Common.DbTransaction",
        "System.Data.Common.DbDataReader",
        "System.Data.Common.DbBatch",
        "System.Threading.SemaphoreSlim",
        "System.Threading.Channels.ChannelReader`1",
        "System.Threading.Channels.ChannelWriter`1",
        "System.Net.WebSockets.WebSocket",
        "System.Net.Sockets.Socket",
        "System.Transactions.TransactionScope",
        "System.Transactions.Transaction",
        "Microsoft.EntityFrameworkCore.DbContext",
        "Microsoft.EntityFrameworkCore.DbSet`1",
        "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction",

        // ASP.NET Core Identity's managers and stores work through one scoped store (EF Core's over the request's DbContext).
        "Microsoft.AspNetCore.Identity.UserManager`1",
        "Microsoft.AspNetCore.Identity.RoleManager`1",
        "Microsoft.AspNetCore.Identity.SignInManager`1",
        "Microsoft.AspNetCore.Identity.IUserStore`1",
        "Microsoft.AspNetCore.Identity.IRoleStore`1",
    };

    /// <summary>ASYNC301/302: value types besides primitives, enums, TimeSpan, CancellationToken and Uri that a callee cannot change for anyone else.</summary>
    public static readonly string[] ValueLike =
    {
        "System.Guid",
        "System.DateTimeOffset",
        "System.Version",
    };

    /// <summary>ASYNC301/302: static types whose methods only compute a value from their arguments.</summary>
    public static readonly string[] PureStatic =
    {
        "System.String",
        "System.IO.Path",
        "System.Math",
        "System.Uri",
    };

    /// <summary>
    /// ASYNC103: types whose synchronous methods do I/O or wait (streams, readers and writers, connections and commands, sockets
    /// and network clients, files, processes, locks, EF Core's context). A call on one of them, or taking one as an argument, is
    /// evidence of blocking; a type deriving from or implementing one of them counts too. Matched by name (IoEvidence).
    /// </summary>
    public static readonly string[] InputOutput =
    {
        "System.IO.Stream",
        "System.IO.TextReader",
        "System.IO.TextWriter",
        "System.IO.BinaryReader",
        "System.IO.BinaryWriter",
        "System.IO.File",
        "System.IO.Directory",
        "System.IO.FileSystemInfo",
        "System.IO.RandomAccess",
        "System.IO.Pipelines.PipeReader",
        "System.IO.Pipelines.PipeWriter",
        "System.IO.Compression.ZipArchive",
        "System.IO.Compression.ZipArchiveEntry",
        "System.Runtime.InteropServices.SafeHandle",
        "System.Data.IDbConnection",
        "System.Data.IDbCommand",
        "System.Data.IDbTransaction",
        "System.Data.IDataReader",
        "System.Data.Common.DbConnection",
        "System.Data.Common.DbCommand",
        "System.Data.Common.DbTransaction",
        "System.Data.Common.DbDataReader",
        "System.Data.Common.DbBatch",
        "System.Data.Common.DbDataSource",
        "System.Net.Dns",
        "System.Net.Sockets.Socket",
        "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.TcpListener",
        "System.Net.Sockets.UdpClient",
        "System.Net.WebSockets.WebSocket",
        "System.Net.Http.HttpMessageInvoker",
        "System.Net.Http.HttpContent",
        "System.Net.WebClient",
        "System.Net.WebRequest",
        "System.Net.WebResponse",
        "System.Net.Mail.SmtpClient",
        "System.Net.NetworkInformation.Ping",
        "System.Text.Json.Utf8JsonWriter",
        "System.Diagnostics.Process",
        "System.Threading.SemaphoreSlim",
        "Microsoft.EntityFrameworkCore.DbContext",
        "Microsoft.EntityFrameworkCore.DbSet`1",
        "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade",
        "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction",
        "Newtonsoft.Json.JsonReader",
        "Newtonsoft.Json.JsonWriter",
    };

    /// <summary>
    /// ASYNC103: classes besides strings, arrays and spans that are plain in-memory values; a library call whose inputs are all
    /// such values, on a receiver that is not an I/O type, computes rather than blocks. Matched by name (IoEvidence).
    /// </summary>
    public static readonly string[] InMemoryValues =
    {
        "System.Span`1",
        "System.ReadOnlySpan`1",
        "System.Memory`1",
        "System.ReadOnlyMemory`1",
        "System.TimeSpan",
        "System.Guid",
        "System.DateTimeOffset",
        "System.Threading.CancellationToken",
        "System.Text.StringBuilder",
        "System.Text.Encoding",
        "System.Globalization.CultureInfo",
        "System.IFormatProvider",
        "System.Type",
        "System.Version",
        "System.Text.RegularExpressions.Regex",
    };

    /// <summary>The types of <paramref name="names"/> the compilation has.</summary>
    public static ImmutableArray<INamedTypeSymbol> Resolve(AsyncSymbols symbols, string[] names)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(names.Length);
        foreach (var name in names)
        {
            if (symbols.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }
}
