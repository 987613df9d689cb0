using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Samples.Gather;

public sealed record Customer(int Id, string Name);

public sealed record Purchase(int Id, decimal Total);

public sealed record Dashboard(Customer Customer, IReadOnlyList<Purchase> Purchases, IReadOnlyList<string> Recommendations);

public interface ICustomerService
{
    Task<Customer> GetCustomerAsync(int id, CancellationToken cancellationToken);
}

public interface IPurchaseService
{
    Task<IReadOnlyList<Purchase>> GetPurchasesAsync(int customerId, CancellationToken cancellationToken);
}

public interface IRecommendationService
{
    Task<IReadOnlyList<string>> GetRecommendationsAsync(int customerId, CancellationToken cancellationToken);
}

/// <summary>ASYNC301: a controller action loading several independent things one after another.</summary>
public sealed class DashboardController
{
    private readonly ICustomerService _customers;
    private readonly IPurchaseService _purchases;
    private readonly IRecommendationService _recommendations;

    public DashboardController(ICustomerService customers, IPurchaseService purchases, IRecommendationService recommendations)
    {
        _customers = customers;
        _purchases = purchases;
        _recommendations = recommendations;
    }

    public async Task<Dashboard> GetMistake(int id, CancellationToken cancellationToken)
    {
        var customer = await _customers.GetCustomerAsync(id, cancellationToken); // ASYNC301
        var purchases = await _purchases.GetPurchasesAsync(id, cancellationToken);
        var recommendations = await _recommendations.GetRecommendationsAsync(id, cancellationToken);
        return new Dashboard(customer, purchases, recommendations);
    }

    public async Task<Dashboard> GetFixed(int id, CancellationToken cancellationToken)
    {
        var customerTask = _customers.GetCustomerAsync(id, cancellationToken);
        var purchasesTask = _purchases.GetPurchasesAsync(id, cancellationToken);
        var recommendationsTask = _recommendations.GetRecommendationsAsync(id, cancellationToken);
        await Task.WhenAll(customerTask, purchasesTask, recommendationsTask);
        var customer = await customerTask;
        var purchases = await purchasesTask;
        var recommendations = await recommendationsTask;
        return new Dashboard(customer, purchases, recommendations);
    }

    /// <summary>The second call needs the first one's result: sequential on purpose, not reported.</summary>
    public async Task<IReadOnlyList<Purchase>> PurchasesOfNamedCustomer(int id, CancellationToken cancellationToken)
    {
        var customer = await _customers.GetCustomerAsync(id, cancellationToken);
        return await _purchases.GetPurchasesAsync(customer.Id, cancellationToken);
    }
}

public sealed record ProductPage(string Product, decimal Price, int Stock);

public interface ICatalog
{
    Task<string> GetProductAsync(string sku, CancellationToken cancellationToken);
}

public interface IPricing
{
    Task<decimal> GetPriceAsync(string sku, CancellationToken cancellationToken);
}

public interface IInventory
{
    Task<int> GetStockLevelAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>ASYNC301: the product page: three services asked about one SKU, one after another.</summary>
public sealed class ProductPageController
{
    private readonly ICatalog _catalog;
    private readonly IPricing _pricing;
    private readonly IInventory _inventory;

    public ProductPageController(ICatalog catalog, IPricing pricing, IInventory inventory)
    {
        _catalog = catalog;
        _pricing = pricing;
        _inventory = inventory;
    }

    public async Task<ProductPage> ShowMistake(string sku, CancellationToken cancellationToken)
    {
        var product = await _catalog.GetProductAsync(sku, cancellationToken); // ASYNC301
        var price = await _pricing.GetPriceAsync(sku, cancellationToken);
        var stock = await _inventory.GetStockLevelAsync(sku, cancellationToken);
        return new ProductPage(product, price, stock);
    }

    public async Task<ProductPage> ShowFixed(string sku, CancellationToken cancellationToken)
    {
        var productTask = _catalog.GetProductAsync(sku, cancellationToken);
        var priceTask = _pricing.GetPriceAsync(sku, cancellationToken);
        var stockTask = _inventory.GetStockLevelAsync(sku, cancellationToken);
        await Task.WhenAll(productTask, priceTask, stockTask);
        var product = await productTask;
        var price = await priceTask;
        var stock = await stockTask;
        return new ProductPage(product, price, stock);
    }

    /// <summary>The same page built in one expression: the awaits are arguments of one constructor call.</summary>
    public async Task<ProductPage> ShowInOneExpressionMistake(string sku, CancellationToken cancellationToken)
    {
        return new ProductPage(
            await _catalog.GetProductAsync(sku, cancellationToken), // ASYNC301
            await _pricing.GetPriceAsync(sku, cancellationToken),
            await _inventory.GetStockLevelAsync(sku, cancellationToken));
    }
}

/// <summary>ASYNC301: service calls over HTTP and file reads.</summary>
public static class IndependentAwaits
{
    public static async Task<int> PricesMistake(HttpClient http, CancellationToken cancellationToken)
    {
        var euro = await http.GetStringAsync(new Uri("https://rates.example.com/eur"), cancellationToken).ConfigureAwait(false); // ASYNC301
        var dollar = await http.GetStringAsync(new Uri("https://rates.example.com/usd"), cancellationToken).ConfigureAwait(false);
        return euro.Length + dollar.Length;
    }

    public static async Task<int> PricesFixed(HttpClient http, CancellationToken cancellationToken)
    {
        var euroTask = http.GetStringAsync(new Uri("https://rates.example.com/eur"), cancellationToken);
        var dollarTask = http.GetStringAsync(new Uri("https://rates.example.com/usd"), cancellationToken);
        await Task.WhenAll(euroTask, dollarTask).ConfigureAwait(false);
        var euro = await euroTask.ConfigureAwait(false);
        var dollar = await dollarTask.ConfigureAwait(false);
        return euro.Length + dollar.Length;
    }

    public static async Task<string> ConfigurationMistake(string directory, CancellationToken cancellationToken)
    {
        var settings = await File.ReadAllTextAsync(Path.Combine(directory, "appsettings.json"), cancellationToken); // ASYNC301
        var overrides = await File.ReadAllTextAsync(Path.Combine(directory, "appsettings.local.json"), cancellationToken);
        return settings + overrides;
    }

    public static async Task<string> ConfigurationFixed(string directory, CancellationToken cancellationToken)
    {
        var settingsTask = File.ReadAllTextAsync(Path.Combine(directory, "appsettings.json"), cancellationToken);
        var overridesTask = File.ReadAllTextAsync(Path.Combine(directory, "appsettings.local.json"), cancellationToken);
        await Task.WhenAll(settingsTask, overridesTask);
        var settings = await settingsTask;
        var overrides = await overridesTask;
        return settings + overrides;
    }

    /// <summary>Write then read of the same file must stay in order: not reported.</summary>
    public static async Task<string> RoundTrip(string path, string text, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, text, cancellationToken);
        var written = await File.ReadAllTextAsync(path, cancellationToken);
        return written;
    }
}
