using System.Text.Json;
using Receivables.Entities;
using Receivables.Store;

namespace Receivables.Documents;

public enum ReceivableType { Invoice, Quote, CreditNote }

public enum DiscountType { Amount, Percentage }

public enum ProductServiceType { Product, Service }

/// <summary>
/// An invoice as stored and returned (spec 4.1, 4.2): every response field is present, null when unset. Money is
/// integer minor units, rates basis points. Snapshots of entity and products are frozen copies.
/// </summary>
public sealed class Invoice : StoredDocument
{
    public const string ResourceName = "receivable";

    public required ReceivableType Type { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Status { get; set; }
    public string? DocumentId { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset? IssueDate { get; set; }

    public required Guid CounterpartId { get; set; }
    public string? CounterpartType { get; set; }
    public string? CounterpartName { get; set; }
    public string? CounterpartBusinessType { get; set; }
    public string? CounterpartTaxId { get; set; }
    public string? CounterpartExternalReference { get; set; }
    public Guid? CounterpartBillingAddressId { get; set; }
    public object? CounterpartBillingAddress { get; set; }
    public Guid? CounterpartShippingAddressId { get; set; }
    public object? CounterpartShippingAddress { get; set; }
    public object? CounterpartContact { get; set; }
    public object? CounterpartVatId { get; set; }

    public required EntitySnapshot Entity { get; set; }
    public required EntityAddressSnapshot EntityAddress { get; set; }
    public object? EntityBankAccount { get; set; }
    public object? EntityVatId { get; set; }
    public Guid? EntityUserId { get; set; }
    public string? TradeName { get; set; }

    public required List<ResponseItem> LineItems { get; set; }
    public long Subtotal { get; set; }
    public long SubtotalAfterVat { get; set; }
    public DiscountResponse? Discount { get; set; }
    public long DiscountedSubtotal { get; set; }
    public long TotalVatAmount { get; set; }
    public List<TotalVatAmountItem> TotalVatAmounts { get; set; } = [];
    public long TotalAmount { get; set; }
    public long? TotalWithholdingTax { get; set; }
    public int? WithholdingTaxRate { get; set; }
    public long? DeductionAmount { get; set; }
    public string? DeductionMemo { get; set; }
    public required VatMode VatMode { get; set; }
    public required VatMode VatInclusiveDiscountMode { get; set; }
    public bool? VatExempt { get; set; }
    public string? VatExemptionRationale { get; set; }

    public string? Memo { get; set; }
    public string? Footer { get; set; }
    public string? CommercialConditionDescription { get; set; }
    public Guid? BasedOn { get; set; }
    public string? BasedOnDocumentId { get; set; }
    public string? FileUrl { get; set; }
    public required string FileLanguage { get; set; }
    public string? OriginalFileUrl { get; set; }
    public required string OriginalFileLanguage { get; set; }
    public List<object> Attachments { get; set; } = [];
    public object? DocumentRendering { get; set; }
    public List<object> Tags { get; set; } = [];
    public Guid? ProjectId { get; set; }
    public JsonElement? PartnerMetadata { get; set; }
    public string? EinvoiceFileUrl { get; set; }

    // Invoice-only (spec 4.2).
    public long AmountDue { get; set; }
    public long AmountPaid { get; set; }
    public long? AmountToPay { get; set; }
    public long TotalAmountWithCreditNotes { get; set; }
    public DateOnly? DueDate { get; set; }
    public object? PaymentTerms { get; set; }
    public DateOnly? FulfillmentDate { get; set; }
    public string? PurchaseOrder { get; set; }
    public string? PaymentPageUrl { get; set; }
    public Guid? PaymentReminderId { get; set; }
    public Guid? OverdueReminderId { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? Comment { get; set; }
    public Guid? RecurrenceId { get; set; }
    public RelatedDocuments RelatedDocuments { get; set; } = new([], null);
    public bool IsEinvoice { get; set; }
    public object? CounterpartEinvoicingCredentials { get; set; }
    public object? NetworkCredentials { get; set; }
    public string? EinvoiceErrorComment { get; set; }
}

public sealed record RelatedDocuments(List<Guid> CreditNoteIds, Guid? ProformaInvoiceId);

/// <summary>The issuer as printed on the document (organization or individual fields, the others null).</summary>
public sealed record EntitySnapshot(
    string Type, string? Name, string? FirstName, string? LastName, string? Email, string? Logo, string? Phone,
    string? RegistrationAuthority, string? RegistrationNumber, string? TaxId, string? VatId, string? Website)
{
    public static EntitySnapshot From(Entity e) => new(
        e.Type == EntityType.Organization ? "organization" : "individual",
        e.Organization?.LegalName, e.Individual?.FirstName, e.Individual?.LastName, e.Email, null, e.Phone,
        e.RegistrationAuthority, e.RegistrationNumber, e.TaxId, null, e.Website);
}

public sealed record EntityAddressSnapshot(string Line1, string? Line2, string City, string PostalCode, string? State, string Country)
{
    public static EntityAddressSnapshot From(EntityAddress a) => new(a.Line1, a.Line2, a.City, a.PostalCode, a.State, a.Country);
}

public sealed record Price(string Currency, long Value);

public sealed record Discount(DiscountType Type, long Amount);

public sealed record DiscountResponse(DiscountType Type, long Amount, long Value);

public sealed record VatRateSnapshot(Guid? Id, string Country, long Value, string? Name, bool IsCustom, object? Components);

public sealed record MeasureUnitSnapshot(Guid? Id, string Name, string? Description);

public sealed record LineItemProduct(
    Guid Id, string Name, Price Price, Price PriceAfterVat, VatRateSnapshot VatRate, MeasureUnitSnapshot? MeasureUnit,
    string? Description, string? ExternalReference, ProductServiceType Type, decimal? SmallestAmount, bool IsInline,
    Guid? LedgerAccountId, Guid? AccountingTaxRateId);

public sealed record ResponseItem(decimal Quantity, LineItemProduct Product, Discount? Discount, long TotalBeforeVat, long TotalAfterVat);

public sealed record TotalVatAmountItem(Guid? Id, string? Name, long Value, long Amount, long TaxableAmount, object? Components);
