using System.Text.Json;
using System.Text.Json.Serialization;
using Receivables.Entities;
using Receivables.Store;

namespace Receivables.Documents;

public enum ProductServiceType { Product, Service }

/// <summary>
/// A receivable as stored and returned (spec 4.1): every response field of its type is present, null when unset.
/// Money is integer minor units, rates basis points. Counterpart, entity and product data are frozen copies, so
/// later edits or deletions of those resources never change the document.
/// </summary>
[JsonConverter(typeof(ReceivableJsonConverter))]
public abstract class Receivable : StoredDocument
{
    public const string ResourceName = "receivable";

    [JsonPropertyOrder(-1)]
    public abstract ReceivableType Type { get; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required ReceivableStatus Status { get; set; }
    public string? DocumentId { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset? IssueDate { get; set; }

    public required Guid CounterpartId { get; set; }
    public string? CounterpartType { get; set; }
    public string? CounterpartName { get; set; }
    public string? CounterpartBusinessType { get; set; }
    public string? CounterpartTaxId { get; set; }
    public string? CounterpartExternalReference { get; set; }
    public AddressSnapshot? CounterpartBillingAddress { get; set; }
    public AddressSnapshot? CounterpartShippingAddress { get; set; }
    public ContactSnapshot? CounterpartContact { get; set; }
    public CounterpartVatIdSnapshot? CounterpartVatId { get; set; }

    public required EntitySnapshot Entity { get; set; }
    public required EntityAddressSnapshot EntityAddress { get; set; }
    public BankAccountSnapshot? EntityBankAccount { get; set; }
    public EntityVatIdSnapshot? EntityVatId { get; set; }
    public Guid? EntityUserId { get; set; }
    public string? TradeName { get; set; }

    public List<ResponseItem> LineItems { get; set; } = [];
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
    public List<Deduction>? Deductions { get; set; }
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
    public List<JsonElement> Attachments { get; set; } = [];
    public JsonElement? DocumentRendering { get; set; }
    public List<JsonElement> Tags { get; set; } = [];
    public Guid? ProjectId { get; set; }
    public JsonElement? PartnerMetadata { get; set; }
    public string? EinvoiceFileUrl { get; set; }

    /// <summary>The ids the document was made from, kept so clone and verify can re-resolve them.</summary>
    [StorageOnly]
    public References Refs { get; set; } = new();

    /// <summary>Which revision of the printed document is current and which revisions have PDFs stored.</summary>
    [StorageOnly]
    public PdfRevisions Pdf { get; set; } = new();

    /// <summary>Derived on every write, never read back: what lists sort and filter on (<see cref="ReceivableListing"/>).</summary>
    [StorageOnly]
    public ReceivableListing Listing => ReceivableListing.Of(this);

    [JsonIgnore]
    public bool IsDraft => Status == ReceivableStatus.Draft;
}

/// <summary>The ids of the resources a document's snapshots were copied from (not part of the API's response).</summary>
public sealed class References
{
    public Guid? CounterpartBillingAddressId { get; set; }
    public Guid? CounterpartShippingAddressId { get; set; }
    public Guid? CounterpartVatIdId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? EntityBankAccountId { get; set; }
    public Guid? EntityVatIdId { get; set; }
    public Guid? PaymentTermsId { get; set; }
}

/// <summary>
/// The PDF state of a document. Issue makes revision 1; every later change to what the PDF prints (a payment link's
/// QR code, a paid stamp, a quote's signature) calls <see cref="Revise"/>. A stored PDF is never rewritten: each
/// revision is its own file, and <see cref="Rendered"/> lists the revisions whose files exist.
/// </summary>
public sealed class PdfRevisions
{
    public int Current { get; set; }
    public List<int> Rendered { get; set; } = [];

    public void Revise() => Current++;

    public bool IsRendered => Current > 0 && Rendered.Contains(Current);
}

/// <summary>Invoice-only fields (spec 4.2).</summary>
public sealed class Invoice : Receivable
{
    public override ReceivableType Type => ReceivableType.Invoice;

    public long AmountDue { get; set; }
    public long AmountPaid { get; set; }
    public long? AmountToPay { get; set; }
    public long TotalAmountWithCreditNotes { get; set; }
    public DateOnly? DueDate { get; set; }
    public PaymentTermsSnapshot? PaymentTerms { get; set; }
    public DateOnly? FulfillmentDate { get; set; }
    public string? PurchaseOrder { get; set; }
    public string? PaymentPageUrl { get; set; }

    /// <summary>What this invoice's payment links ask for (spec 6.8), written with each link: a new link may only ask for the rest.</summary>
    [StorageOnly]
    public List<Domain.Payments.PaymentLinkClaim> PaymentLinkClaims { get; set; } = [];

    public Guid? PaymentReminderId { get; set; }
    public Guid? OverdueReminderId { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? Comment { get; set; }
    public Guid? RecurrenceId { get; set; }
    public RelatedDocuments RelatedDocuments { get; set; } = new([], null);
    public bool IsEinvoice { get; set; }
    public JsonElement? CounterpartEinvoicingCredentials { get; set; }
    public JsonElement? NetworkCredentials { get; set; }
    public string? EinvoiceErrorComment { get; set; }
}

/// <summary>Quote-only fields (spec 4.3).</summary>
public sealed class Quote : Receivable
{
    public override ReceivableType Type => ReceivableType.Quote;

    public DateOnly? ExpiryDate { get; set; }
    public bool SignatureRequired { get; set; }
    public string? QuoteAcceptPageUrl { get; set; }
    public string? Comment { get; set; }

    /// <summary>Who accepted the quote, when it asked for a signature (shown on the PDF, not in the API's quote).</summary>
    [StorageOnly]
    public QuoteSignature? Signature { get; set; }
}

/// <summary>Credit-note-only fields (spec 4.4): amounts are positive, the amount credited.</summary>
public sealed class CreditNote : Receivable
{
    public override ReceivableType Type => ReceivableType.CreditNote;

    public bool IsEinvoice { get; set; }
    public JsonElement? CounterpartEinvoicingCredentials { get; set; }
    public JsonElement? NetworkCredentials { get; set; }
    public string? EinvoiceErrorComment { get; set; }
    public string? PurchaseOrder { get; set; }
}

/// <summary>Reads a stored receivable as the type its <c>type</c> field names; writes the runtime type.</summary>
public sealed class ReceivableJsonConverter : JsonConverter<Receivable>
{
    /// <summary>
    /// Looks ahead for <c>type</c> on a copy of the reader, then reads the document once, as its own class: no DOM in
    /// between (this runs for every document read, listed or changed).
    /// </summary>
    public override Receivable? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var type = Api.ApiJson.TopLevelString(reader, "type"u8);
        return type switch
        {
            "invoice" => JsonSerializer.Deserialize<Invoice>(ref reader, options),
            "quote" => JsonSerializer.Deserialize<Quote>(ref reader, options),
            "credit_note" => JsonSerializer.Deserialize<CreditNote>(ref reader, options),
            _ => throw new JsonException($"unknown receivable type '{type}'"),
        };
    }

    public override void Write(Utf8JsonWriter writer, Receivable value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
}

public sealed record RelatedDocuments(List<Guid> CreditNoteIds, Guid? ProformaInvoiceId);

public sealed record Deduction(long Amount, string Name, string? Memo);

/// <summary>The issuer as printed on the document (organization or individual fields, the others null).</summary>
public sealed record EntitySnapshot(
    string Type, string? Name, string? FirstName, string? LastName, string? Email, string? Logo, string? Phone,
    string? RegistrationAuthority, string? RegistrationNumber, string? TaxId, string? VatId, string? Website)
{
    public static EntitySnapshot From(Entity e, string? vatId) => new(
        e.Type == EntityType.Organization ? "organization" : "individual",
        e.Organization?.LegalName, e.Individual?.FirstName, e.Individual?.LastName, e.Email, null, e.Phone,
        e.RegistrationAuthority, e.RegistrationNumber, e.TaxId, vatId, e.Website);
}

public sealed record EntityAddressSnapshot(string Line1, string? Line2, string City, string PostalCode, string? State, string Country)
{
    public static EntityAddressSnapshot From(EntityAddress a) => new(a.Line1, a.Line2, a.City, a.PostalCode, a.State, a.Country);
}

public sealed record AddressSnapshot(Guid? Id, string Line1, string? Line2, string City, string PostalCode, string? State, string Country);

public sealed record ContactSnapshot(string FirstName, string LastName, AddressSnapshot? Address, string? Email, string? Phone, string? Title);

public sealed record CounterpartVatIdSnapshot(Guid Id, Guid CounterpartId, string Value, string? Country, string Type);

public sealed record EntityVatIdSnapshot(Guid Id, Guid EntityId, string Country, string Value, string? Type);

public sealed record BankAccountSnapshot(
    Guid Id, string? AccountHolderName, string? AccountNumber, string? BankName, string? Bic, string? Iban,
    string? RoutingNumber, string? SortCode);

public sealed record PaymentTermDiscountSnapshot(long Discount, int? NumberOfDays, DateOnly? EndDate);

public sealed record PaymentTermFinalSnapshot(int? NumberOfDays, DateOnly? EndDate);

public sealed record PaymentTermsSnapshot(
    Guid? Id, string? Name, string? Description,
    [property: JsonPropertyName("term_1")] PaymentTermDiscountSnapshot? Term1,
    [property: JsonPropertyName("term_2")] PaymentTermDiscountSnapshot? Term2,
    PaymentTermFinalSnapshot TermFinal);

public sealed record Price(string Currency, long Value);

public sealed record Discount(DiscountType Type, long Amount);

public sealed record DiscountResponse(DiscountType Type, long Amount, long Value);

public sealed record VatComponent(string Name, decimal Value);

public sealed record VatComponentAmount(string Name, decimal Value, long Amount);

public sealed record VatRateSnapshot(Guid? Id, string Country, long Value, string? Name, bool IsCustom, List<VatComponent>? Components);

public sealed record MeasureUnitSnapshot(Guid? Id, string Name, string? Description);

public sealed record LineItemProduct(
    Guid Id, string Name, Price Price, Price PriceAfterVat, VatRateSnapshot VatRate, MeasureUnitSnapshot? MeasureUnit,
    string? Description, string? ExternalReference, ProductServiceType Type, decimal? SmallestAmount, bool IsInline,
    Guid? LedgerAccountId, Guid? AccountingTaxRateId);

public sealed record ResponseItem(decimal Quantity, LineItemProduct Product, DiscountResponse? Discount, long TotalBeforeVat, long TotalAfterVat);

public sealed record TotalVatAmountItem(Guid? Id, string? Name, long Value, long Amount, long TaxableAmount, List<VatComponentAmount>? Components);
