using System.Linq;

namespace AsyncAnalyzers.Tests.Rules.Gather;

/// <summary>The services the Gather tests call, so each test shows only the method under test.</summary>
internal static class GatherTestCode
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    public const string Services = """

        public interface IUsers
        {
            Task<string> GetAsync(int id, CancellationToken ct = default);
            Task SaveAsync(string name);
            Task LoadAsync(string name);
            Task<List<T>> ListAsync<T>(int take);
        }

        public interface IOrders
        {
            Task<int> CountAsync(int userId, CancellationToken ct = default);
            Task PlaceAsync(Order order);
            ValueTask<int> PendingAsync(int userId);
        }

        public sealed class Order
        {
            public int Id { get; set; }
        }
        """;

    /// <summary>A class with service fields (<c>_users</c>, <c>_orders</c>, <c>_audit</c>, <c>_http</c>) around the members.</summary>
    public static string InClass(string members) => Usings + """
        public class C
        {
            private readonly IUsers _users;
            private readonly IUsers _audit;
            private readonly IOrders _orders;
            private readonly HttpClient _http;

        """ + Indent(members) + """

        }
        """ + Services;

    private static string Indent(string members) =>
        string.Join("\n", members.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
}
