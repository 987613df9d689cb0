using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ValidCode.AspNet
{
    // Minimal stand-ins for the ASP.NET Core types the controllers below use (no ASP.NET reference is available here).
    public interface IActionResult
    {
    }

    public sealed class OkObjectResult(object? value) : IActionResult
    {
        public object? Value { get; } = value;
    }

    public sealed class NotFoundResult : IActionResult
    {
    }

    public sealed class NoContentResult : IActionResult
    {
    }

    public sealed class BadRequestObjectResult(object? error) : IActionResult
    {
        public object? Error { get; } = error;
    }

    public sealed class CreatedAtActionResult(string action, object? routeValues, object? value) : IActionResult
    {
        public string Action { get; } = action;

        public object? RouteValues { get; } = routeValues;

        public object? Value { get; } = value;
    }

    public abstract class ControllerBase
    {
        protected static OkObjectResult Ok(object? value) => new(value);

        protected static NotFoundResult NotFound() => new();

        protected static NoContentResult NoContent() => new();

        protected static BadRequestObjectResult BadRequest(object? error) => new(error);

        protected static CreatedAtActionResult CreatedAtAction(string action, object? routeValues, object? value) => new(action, routeValues, value);
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HttpGetAttribute(string? template = null) : Attribute
    {
        public string? Template { get; } = template;
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HttpPostAttribute(string? template = null) : Attribute
    {
        public string? Template { get; } = template;
    }

    public interface ILogger<T>
    {
        void LogInformation(string message, params object?[] args);

        void LogWarning(Exception? exception, string message, params object?[] args);

        void LogError(Exception? exception, string message, params object?[] args);
    }

    public sealed record Product(int Id, string Name, decimal Price, int CategoryId);

    public sealed record Category(int Id, string Name);

    public sealed record CreateProductRequest(string Name, decimal Price, int CategoryId);

    public sealed record ProductDetails(Product Product, Category Category, IReadOnlyList<Review> Reviews);

    public sealed record Review(int ProductId, int Stars, string Text);

    public sealed record Order(Guid Id, int CustomerId, decimal Total);

    public sealed record PaymentReceipt(string TransactionId, decimal Amount);

    public sealed record Shipment(Guid OrderId, string TrackingNumber);

    public interface IProductRepository
    {
        Task<Product?> FindAsync(int id, CancellationToken cancellationToken);

        Task<IReadOnlyList<Product>> SearchAsync(string term, int take, CancellationToken cancellationToken);

        Task AddAsync(Product product, CancellationToken cancellationToken);

        Task<int> SaveChangesAsync(CancellationToken cancellationToken);
    }

    public interface ICategoryClient
    {
        Task<Category> GetAsync(int id, CancellationToken cancellationToken);
    }

    public interface IReviewService
    {
        Task<IReadOnlyList<Review>> ForProductAsync(int productId, CancellationToken cancellationToken);
    }

    public interface IPaymentGateway
    {
        Task<PaymentReceipt> ChargeAsync(Order order, CancellationToken cancellationToken);
    }

    public interface IShippingService
    {
        Task<Shipment> ShipAsync(Order order, PaymentReceipt receipt, CancellationToken cancellationToken);
    }

    public interface IOrderRepository
    {
        Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);

        Task MarkPaidAsync(Order order, PaymentReceipt receipt, CancellationToken cancellationToken);
    }

    public sealed class ProductsController(
        IProductRepository products,
        ICategoryClient categories,
        IReviewService reviews,
        ILogger<ProductsController> logger) : ControllerBase
    {
        [HttpGet("{id}")]
        public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
        {
            var product = await products.FindAsync(id, cancellationToken);
            if (product is null)
            {
                return NotFound();
            }

            return Ok(product);
        }

        [HttpGet("{id}/details")]
        public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
        {
            var product = await products.FindAsync(id, cancellationToken);
            if (product is null)
            {
                return NotFound();
            }

            // Both lookups depend on the product, and they already run together.
            var categoryTask = categories.GetAsync(product.CategoryId, cancellationToken);
            var reviewsTask = reviews.ForProductAsync(product.Id, cancellationToken);
            await Task.WhenAll(categoryTask, reviewsTask);

            return Ok(new ProductDetails(product, categoryTask.Result, reviewsTask.Result));
        }

        [HttpGet("search")]
        public async Task<IActionResult> Search(string? term, int take, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(term))
            {
                return BadRequest("A search term is required.");
            }

            var found = await products.SearchAsync(term.Trim(), Math.Clamp(take, 1, 100), cancellationToken);
            logger.LogInformation("Search for {Term} returned {Count} products", term, found.Count);
            return Ok(found.Select(p => new { p.Id, p.Name, p.Price }));
        }

        [HttpPost]
        public async Task<IActionResult> Create(CreateProductRequest request, CancellationToken cancellationToken)
        {
            var category = await categories.GetAsync(request.CategoryId, cancellationToken);
            var product = new Product(0, request.Name, request.Price, category.Id);
            await products.AddAsync(product, cancellationToken);
            await products.SaveChangesAsync(cancellationToken);
            return CreatedAtAction(nameof(Get), new { id = product.Id }, product);
        }

        [HttpGet("health")]
        public IActionResult Health() => Ok("healthy");
    }

    public sealed class CheckoutController(
        IOrderRepository orders,
        IPaymentGateway payments,
        IShippingService shipping,
        ILogger<CheckoutController> logger) : ControllerBase
    {
        [HttpPost("{orderId}/checkout")]
        public async Task<IActionResult> Checkout(Guid orderId, CancellationToken cancellationToken)
        {
            var order = await orders.FindAsync(orderId, cancellationToken);
            if (order is null)
            {
                return NotFound();
            }

            try
            {
                // Charge, then record the payment, then ship: each step needs the previous one to have succeeded.
                var receipt = await payments.ChargeAsync(order, cancellationToken);
                await orders.MarkPaidAsync(order, receipt, cancellationToken);
                var shipment = await shipping.ShipAsync(order, receipt, cancellationToken);
                return Ok(shipment);
            }
            catch (HttpRequestException exception)
            {
                logger.LogWarning(exception, "Payment provider unavailable for order {OrderId}", orderId);
                return BadRequest("The payment provider is unavailable, try again later.");
            }
        }
    }

    public sealed class WeatherController(HttpClient http) : ControllerBase
    {
        private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

        [HttpGet("forecast/{city}")]
        public async Task<IActionResult> Forecast(string city, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync(new Uri($"https://weather.example/api/{Uri.EscapeDataString(city)}"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return NotFound();
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var forecast = await JsonSerializer.DeserializeAsync<Dictionary<string, double>>(body, JsonOptions, cancellationToken);
            return Ok(forecast);
        }

        [HttpPost("report")]
        public async Task<IActionResult> Report(Dictionary<string, double> readings, CancellationToken cancellationToken)
        {
            using var content = JsonContent.Create(readings, options: JsonOptions);
            using var response = await http.PostAsync(new Uri("https://weather.example/api/report"), content, cancellationToken);
            response.EnsureSuccessStatusCode();
            return NoContent();
        }

        [HttpGet("compare")]
        public async Task<IActionResult> Compare(string first, string second, CancellationToken cancellationToken)
        {
            var firstTask = http.GetStringAsync(new Uri($"https://weather.example/api/{first}"), cancellationToken);
            var secondTask = http.GetStringAsync(new Uri($"https://weather.example/api/{second}"), cancellationToken);
            var both = await Task.WhenAll(firstTask, secondTask);
            return Ok(new { First = both[0].Length, Second = both[1].Length });
        }

        [HttpGet("export")]
        public async Task<IActionResult> Export(CancellationToken cancellationToken)
        {
            var builder = new StringBuilder();
            builder.AppendLine("city,temperature");
            foreach (var city in new[] { "Oslo", "Lima" })
            {
                // A third-party API limited to one request per second: the loop must stay sequential.
                var json = await http.GetStringAsync(new Uri($"https://weather.example/api/{city}"), cancellationToken);
                builder.Append(city).Append(',').AppendLine(json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            await using var writer = new StringWriter();
            await writer.WriteAsync(builder.ToString());
            return Ok(writer.ToString());
        }
    }
}
