using System.Text.Json;
using Receivables.Api;
using Receivables.Domain;
using Receivables.Entities;

namespace Receivables.Documents;

/// <summary>
/// <c>POST /receivables</c> for a draft invoice (spec 3.3.1), strict. The catalog-backed fields (counterpart
/// resolution, products, VAT rate ids, payment terms ...) come with the documents work; see docs/decisions.md.
/// </summary>
public sealed class CreateReceivableRequest : IValidatable
{
    public ReceivableType? Type { get; init; }
    public string? Currency { get; init; }
    public Guid? CounterpartId { get; init; }
    public Guid? CounterpartBillingAddressId { get; init; }
    public Guid? CounterpartShippingAddressId { get; init; }
    public List<LineItemRequest>? LineItems { get; init; }
    public VatMode? VatMode { get; init; }
    public string? Memo { get; init; }
    public string? Footer { get; init; }
    public string? CommercialConditionDescription { get; init; }
    public string? PurchaseOrder { get; init; }
    public DateOnly? FulfillmentDate { get; init; }
    public string? TradeName { get; init; }
    public JsonElement? PartnerMetadata { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Type, "type") && Type != ReceivableType.Invoice)
            v.Add("type", "only 'invoice' can be created by this version of the server", "value_error.not_supported");
        if (v.Required(Currency, "currency") && !Codes.Currencies.Contains(Currency!))
            v.Add("currency", "value is not a valid enumeration member (ISO 4217)", "type_error.enum");
        v.Required(CounterpartId, "counterpart_id");
        v.Required(CounterpartBillingAddressId, "counterpart_billing_address_id");
        if (v.Required(LineItems, "line_items")) v.Each(LineItems, "line_items");
        if (LineItems is not null && Currency is not null)
        {
            var items = v.At("line_items");
            for (var i = 0; i < LineItems.Count; i++)
            {
                if (LineItems[i]?.Product?.Price?.Currency is { } c && c != Currency)
                    items.At(i).At("product").At("price").Add("currency", $"product price currency {c} differs from the document currency {Currency}", "value_error.currency_mismatch");
            }
        }
        v.Length(Memo, "memo", 0, 10_000);
        v.Length(Footer, "footer", 0, 10_000);
        v.Length(CommercialConditionDescription, "commercial_condition_description", 0, 10_000);
        v.Length(PurchaseOrder, "purchase_order", 0, 100);
        v.Length(TradeName, "trade_name", 0, 255);
        if (PartnerMetadata is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
            v.Add("partner_metadata", "value is not a valid dict", "type_error.dict");
    }
}

/// <summary>A line of a create request (spec 4.6.1), strict.</summary>
public sealed class LineItemRequest : IValidatable
{
    public decimal? Quantity { get; init; }
    public Guid? ProductId { get; init; }
    public LineItemProductCreate? Product { get; init; }
    public Guid? VatRateId { get; init; }
    public Guid? CustomVatRateId { get; init; }
    public int? TaxRateValue { get; init; }
    public string? TaxRateName { get; init; }
    public DiscountRequest? Discount { get; init; }
    public Guid? AccountingTaxRateId { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Quantity, "quantity")) v.Range(Quantity, "quantity", 0m, 2_147_483_647m);
        if (ProductId is null && Product is null) v.Add("product", "either product_id or product is required", "value_error.missing");
        if (ProductId is not null && Product is not null) v.Add("product", "send either product_id or product, not both", "value_error");
        if (ProductId is not null) v.Add("product_id", "the product catalog is not available in this version; send an inline product", "value_error.not_supported");
        v.Nested(Product, "product");
        var sources = (VatRateId is null ? 0 : 1) + (CustomVatRateId is null ? 0 : 1) + (TaxRateValue is null ? 0 : 1);
        if (sources == 0) v.Add("tax_rate_value", "one of vat_rate_id, custom_vat_rate_id or tax_rate_value is required", "value_error.missing");
        if (sources > 1) v.Add("tax_rate_value", "send only one of vat_rate_id, custom_vat_rate_id or tax_rate_value", "value_error");
        if (VatRateId is not null) v.Add("vat_rate_id", "the VAT rate catalog is not available in this version; send tax_rate_value", "value_error.not_supported");
        if (CustomVatRateId is not null) v.Add("custom_vat_rate_id", "custom VAT rates are not available in this version; send tax_rate_value", "value_error.not_supported");
        v.Range(TaxRateValue, "tax_rate_value", 0, 10_000);
        v.Length(TaxRateName, "tax_rate_name", 1, 64);
        if (TaxRateName is not null && TaxRateValue is null) v.Add("tax_rate_name", "tax_rate_name is only allowed with tax_rate_value", "value_error");
        v.Nested(Discount, "discount");
    }
}

public sealed class LineItemProductCreate : IValidatable
{
    public string? Name { get; init; }
    public PriceRequest? Price { get; init; }
    public string? Description { get; init; }
    public string? ExternalReference { get; init; }
    public Guid? LedgerAccountId { get; init; }
    public MeasureUnitRequest? MeasureUnit { get; init; }
    public decimal? SmallestAmount { get; init; }
    public ProductServiceType? Type { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 100);
        if (v.Required(Price, "price")) v.Nested(Price, "price");
        v.Length(Description, "description", 0, 2000);
        v.Length(ExternalReference, "external_reference", 1, 255);
        v.Nested(MeasureUnit, "measure_unit");
        v.Range(SmallestAmount, "smallest_amount", 0m, 2_147_483_647m);
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
}

public sealed class MeasureUnitRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 100);
        v.Length(Description, "description", 0, 200);
    }
}

public sealed class DiscountRequest : IValidatable
{
    public DiscountType? Type { get; init; }
    public long? Amount { get; init; }

    public void Validate(Validation v)
    {
        v.Required(Type, "type");
        if (v.Required(Amount, "amount"))
            v.Range(Amount, "amount", 0, Type == DiscountType.Percentage ? 10_000 : Money.MaxAmount);
    }

    public Discount ToDiscount() => new(Type!.Value, Amount!.Value);
}
