using Receivables.Store;

namespace Receivables.Products;

public enum ProductType { Product, Service }

/// <summary>A product or service of the entity's catalog (spec 6.4). Single-currency: another currency is another product.</summary>
public sealed class Product : StoredDocument
{
    public const string ResourceName = "product";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public Guid? EntityUserId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? ExternalReference { get; set; }
    public Guid? LedgerAccountId { get; set; }
    public Guid? MeasureUnitId { get; set; }
    public ProductPrice? Price { get; set; }
    public decimal? SmallestAmount { get; set; }
    public required ProductType Type { get; set; }
}

/// <summary><c>Price</c>: minor units of one currency.</summary>
public sealed class ProductPrice
{
    public required string Currency { get; set; }
    public required long Value { get; set; }
}
