using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ValidCode.AspNet;

namespace ValidCode.MinimalApi
{
    // Stand-ins for the minimal-API surface: handlers are passed as Delegate, middleware as Func<..., Task>.
    public interface IResult
    {
    }

    public static class Results
    {
        public static IResult Ok(object? value = null) => new ValueResult(200, value);

        public static IResult NotFound() => new ValueResult(404, null);

        public static IResult Accepted(string location) => new ValueResult(202, location);

        private sealed record ValueResult(int StatusCode, object? Value) : IResult;
    }

    public sealed class HttpContext
    {
        public Dictionary<string, string> Items { get; } = new();

        public HttpResponse Response { get; } = new();

        public CancellationToken RequestAborted { get; init; }
    }

    public sealed class HttpResponse
    {
        public int StatusCode { get; set; } = 200;

        public Stream Body { get; set; } = Stream.Null;

        public Task WriteAsync(string text, CancellationToken cancellationToken = default) =>
            Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();
    }

    public delegate Task RequestDelegate(HttpContext context);

    public sealed class RouteHandlerBuilder
    {
        public RouteHandlerBuilder WithName(string name)
        {
            Name = name;
            return this;
        }

        public RouteHandlerBuilder RequireAuthorization(string policy)
        {
            Policy = policy;
            return this;
        }

        public string? Name { get; private set; }

        public string? Policy { get; private set; }
    }

    public sealed class ApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStopping => _stopping.Token;

        public void StopApplication() => _stopping.Cancel();
    }

    public sealed class WebApplication
    {
        private readonly List<Func<HttpContext, Func<Task>, Task>> _middleware = new();

        public ApplicationLifetime Lifetime { get; } = new();

        public RouteHandlerBuilder MapGet(string pattern, Delegate handler) => Map(pattern, handler);

        public RouteHandlerBuilder MapPost(string pattern, Delegate handler) => Map(pattern, handler);

        public RouteHandlerBuilder MapDelete(string pattern, Delegate handler) => Map(pattern, handler);

        public WebApplication Use(Func<HttpContext, Func<Task>, Task> middleware)
        {
            _middleware.Add(middleware);
            return this;
        }

        public void Run(RequestDelegate terminal) => Terminal = terminal;

        public RequestDelegate? Terminal { get; private set; }

        public Task RunAsync(CancellationToken cancellationToken = default) => Task.Delay(Timeout.Infinite, cancellationToken);

        private static RouteHandlerBuilder Map(string pattern, Delegate handler)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern);
            ArgumentNullException.ThrowIfNull(handler);
            return new RouteHandlerBuilder();
        }
    }

    public sealed class JobQueue
    {
        private readonly ConcurrentQueue<string> _jobs = new();

        public ValueTask EnqueueAsync(string job, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _jobs.Enqueue(job);
            return ValueTask.CompletedTask;
        }
    }

    public static class Endpoints
    {
        public static WebApplication MapProductEndpoints(this WebApplication app)
        {
            app.MapGet("/products/{id}", async (int id, IProductRepository products, CancellationToken cancellationToken) =>
                await products.FindAsync(id, cancellationToken) is { } product ? Results.Ok(product) : Results.NotFound())
                .WithName("GetProduct");

            app.MapGet("/products", async (string term, IProductRepository products, CancellationToken cancellationToken) =>
            {
                var found = await products.SearchAsync(term, 20, cancellationToken);
                return Results.Ok(found);
            });

            app.MapPost("/products", async (CreateProductRequest request, IProductRepository products, CancellationToken cancellationToken) =>
            {
                var product = new Product(0, request.Name, request.Price, request.CategoryId);
                await products.AddAsync(product, cancellationToken);
                await products.SaveChangesAsync(cancellationToken);
                return Results.Ok(product);
            }).RequireAuthorization("editors");

            app.MapPost("/jobs", async (string job, JobQueue queue, CancellationToken cancellationToken) =>
            {
                await queue.EnqueueAsync(job, cancellationToken);
                return Results.Accepted($"/jobs/{job}");
            });

            app.MapDelete("/cache", (ProductCache cache) =>
            {
                cache.Clear();
                return Results.Ok();
            });

            app.MapGet("/proxy", static async (HttpClient http, CancellationToken cancellationToken) =>
                Results.Ok(await http.GetStringAsync(new Uri("https://upstream.example/"), cancellationToken)));

            return app;
        }

        public static WebApplication UseTiming(this WebApplication app)
        {
            app.Use(async (context, next) =>
            {
                var started = DateTimeOffset.UtcNow;
                try
                {
                    await next();
                }
                finally
                {
                    context.Items["elapsed"] = (DateTimeOffset.UtcNow - started).TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            });

            app.Use(async (context, next) =>
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    context.Response.StatusCode = 499;
                    return;
                }

                await next().ConfigureAwait(false);
            });

            app.Run(async context =>
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("Not found", context.RequestAborted);
            });

            return app;
        }
    }

    public sealed class ProductCache
    {
        private readonly ConcurrentDictionary<int, Product> _items = new();

        public void Clear() => _items.Clear();

        public bool TryGet(int id, out Product? product) => _items.TryGetValue(id, out product);

        public void Set(Product product) => _items[product.Id] = product;
    }

    public static class HostProgram
    {
        public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
        {
            app.MapProductEndpoints().UseTiming();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            try
            {
                await app.RunAsync(linked.Token);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // Normal shutdown.
            }
        }
    }
}
