using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Products;

/// <summary><c>POST /products</c> body (strict, <c>ProductServiceRequest</c>).</summary>
public sealed class CreateProductRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? ExternalReference { get; init; }
    public Guid? LedgerAccountId { get; init; }
    public Guid? MeasureUnitId { get; init; }
    public PriceRequest? Price { get; init; }
    public decimal? SmallestAmount { get; init; }
    public ProductType? Type { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 100);
        v.Length(Description, "description", 0, 2000);
        ProductFields.Common(v, ExternalReference, Price, SmallestAmount);
    }
}

/// <summary><c>PATCH /products/{product_id}</c> body (strict, <c>ProductServiceUpdate</c>): only the fields sent change.</summary>
public sealed class UpdateProductRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? ExternalReference { get; init; }
    public Guid? LedgerAccountId { get; init; }
    public Guid? MeasureUnitId { get; init; }
    public PriceRequest? Price { get; init; }
    public decimal? SmallestAmount { get; init; }
    public ProductType? Type { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Name, "name", 1, 100);
        // The OpenAPI bounds the update's description at 255 (2000 on create); both are kept as published.
        v.Length(Description, "description", 0, 255);
        ProductFields.Common(v, ExternalReference, Price, SmallestAmount);
    }
}

public sealed class PriceRequest : IValidatable
{
    public string? Currency { get; init; }
    public long? Value { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Currency, "currency") && !Codes.Currencies.Contains(Currency!))
            v.Add("currency", "value is not a valid enumeration member (ISO 4217)", "type_error.enum");
        if (v.Required(Value, "value")) v.Range(Value, "value", 0, Money.MaxAmount);
    }

    public ProductPrice ToPrice() => new() { Currency = Currency!, Value = Value!.Value };
}

internal static class ProductFields
{
    public static void Common(Validation v, string? externalReference, PriceRequest? price, decimal? smallestAmount)
    {
        v.Length(externalReference, "external_reference", 1, 255);
        v.Nested(price, "price");
        v.Range(smallestAmount, "smallest_amount", 0m, 2_147_483_647m);
    }
}
