using Receivables.Api;

namespace Receivables.Rendering;

/// <summary>
/// <c>document_rendering</c> (spec 4.5.6) as the entity settings take and keep it: every field optional, unset ones
/// printing the spec's defaults. The renderer reads it as JSON (<see cref="RenderingSettings"/>), the same way it
/// reads a document's own object.
/// </summary>
public sealed class DocumentRenderingSettings : IValidatable
{
    public bool? DisplayEntityBankAccount { get; init; }
    public bool? DisplayLineItems { get; init; }
    public DocumentTypeRenderingSettings? Invoice { get; init; }
    public QuoteRenderingSettings? Quote { get; init; }
    public DocumentTypeRenderingSettings? CreditNote { get; init; }
    public LineItemsRenderingSettings? LineItems { get; init; }

    public void Validate(Validation v) => v.Nested(LineItems, "line_items");
}

/// <summary><c>invoice</c> and <c>credit_note</c> in <see cref="DocumentRenderingSettings"/>.</summary>
public sealed class DocumentTypeRenderingSettings
{
    public bool? DisplayEntityBankAccount { get; init; }
}

public sealed class QuoteRenderingSettings
{
    public bool? DisplayEntityBankAccount { get; init; }
    public bool? DisplaySignature { get; init; }
}

/// <summary>The line item table's columns: text columns take a label, numeric ones a precision too.</summary>
public sealed class LineItemsRenderingSettings : IValidatable
{
    public LineItemColumnSettings? Name { get; init; }
    public LineItemColumnSettings? Quantity { get; init; }
    public LineItemColumnSettings? MeasureUnit { get; init; }
    public LineItemColumnSettings? Discount { get; init; }
    public LineItemNumericColumnSettings? Price { get; init; }
    public LineItemNumericColumnSettings? PriceAfterVat { get; init; }
    public LineItemNumericColumnSettings? TotalPrice { get; init; }
    public LineItemNumericColumnSettings? TotalPriceAfterVat { get; init; }
    public LineItemNumericColumnSettings? VatRate { get; init; }
    public LineItemNumericColumnSettings? VatAmount { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(Name, "name");
        v.Nested(Quantity, "quantity");
        v.Nested(MeasureUnit, "measure_unit");
        v.Nested(Discount, "discount");
        v.Nested(Price, "price");
        v.Nested(PriceAfterVat, "price_after_vat");
        v.Nested(TotalPrice, "total_price");
        v.Nested(TotalPriceAfterVat, "total_price_after_vat");
        v.Nested(VatRate, "vat_rate");
        v.Nested(VatAmount, "vat_amount");
    }
}

public class LineItemColumnSettings : IValidatable
{
    public bool? Display { get; init; }
    public string? Label { get; init; }

    public virtual void Validate(Validation v) => v.Length(Label, "label", 1, 32);
}

public sealed class LineItemNumericColumnSettings : LineItemColumnSettings
{
    public int? Precision { get; init; }

    public override void Validate(Validation v)
    {
        base.Validate(v);
        v.Range(Precision, "precision", 2, 4);
    }
}
