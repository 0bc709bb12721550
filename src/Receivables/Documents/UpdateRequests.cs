using System.Text.Json;
using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Documents;

/// <summary><c>PATCH /receivables/{id}</c> (spec 3.5): exactly one envelope, strict.</summary>
public sealed class UpdateReceivableRequest : IValidatable
{
    public UpdateInvoice? Invoice { get; init; }
    public UpdateQuote? Quote { get; init; }
    public UpdateCreditNote? CreditNote { get; init; }
    public UpdateIssuedInvoice? IssuedInvoice { get; init; }

    public void Validate(Validation v)
    {
        var count = (Invoice is null ? 0 : 1) + (Quote is null ? 0 : 1) + (CreditNote is null ? 0 : 1) + (IssuedInvoice is null ? 0 : 1);
        if (count != 1) v.AddHere("send exactly one of the envelopes invoice, quote, credit_note or issued_invoice", "value_error");
        v.Nested(Invoice, "invoice");
        v.Nested(Quote, "quote");
        v.Nested(CreditNote, "credit_note");
        v.Nested(IssuedInvoice, "issued_invoice");
    }
}

/// <summary>Fields both draft envelopes (invoice and quote) share.</summary>
public abstract class UpdateDraft : IValidatable
{
    public List<JsonElement>? Attachments { get; init; }
    public Guid? ContactId { get; init; }
    public Guid? CounterpartBillingAddressId { get; init; }
    public Guid? CounterpartId { get; init; }
    public Guid? CounterpartShippingAddressId { get; init; }
    public Guid? CounterpartVatIdId { get; init; }
    public string? Currency { get; init; }
    public long? DeductionAmount { get; init; }
    public string? DeductionMemo { get; init; }
    public List<DeductionRequest>? Deductions { get; init; }
    public DiscountRequest? Discount { get; init; }
    public JsonElement? DocumentRendering { get; init; }
    public string? DocumentId { get; init; }
    public EntityOverridesRequest? Entity { get; init; }
    public Guid? EntityBankAccountId { get; init; }
    public Guid? EntityVatIdId { get; init; }
    public string? Footer { get; init; }
    public List<LineItemUpdate>? LineItems { get; init; }
    public string? Memo { get; init; }
    public JsonElement? PartnerMetadata { get; init; }
    public InlinePaymentTermsRequest? PaymentTerms { get; init; }
    public Guid? PaymentTermsId { get; init; }
    public Guid? ProjectId { get; init; }
    public List<Guid>? TagIds { get; init; }
    public string? TradeName { get; init; }
    public bool? VatExempt { get; init; }
    public string? VatExemptionRationale { get; init; }
    public int? WithholdingTaxRate { get; init; }

    public virtual void Validate(Validation v)
    {
        ReceivableFields.Currency(v, Currency, "currency");
        if (CounterpartId is not null && CounterpartBillingAddressId is null)
            v.Add("counterpart_billing_address_id", "a new counterpart_id needs its counterpart_billing_address_id", "value_error.missing");
        ReceivableFields.Amounts(v, Discount, DeductionAmount, DeductionMemo, Deductions, WithholdingTaxRate, VatExemptionRationale);
        v.Length(DocumentId, "document_id", 1, 100);
        v.Nested(Entity, "entity");
        v.Nested(PaymentTerms, "payment_terms");
        if (PaymentTerms is not null && PaymentTermsId is not null)
            v.Add("payment_terms", "send either payment_terms_id or payment_terms, not both", "value_error");
        ReceivableFields.Texts(v, Memo, Footer, null, TradeName);
        v.Each(LineItems, "line_items", ReceivableFields.MaxLines);
        ReceivableFields.Objects(v, PartnerMetadata, DocumentRendering);
        ReceivableFields.Unsupported(v, TagIds, Attachments, null, null, null);
    }
}

/// <summary>The <c>invoice</c> envelope: a draft invoice.</summary>
public sealed class UpdateInvoice : UpdateDraft
{
    public Guid? CounterpartEinvoicingCredentialsId { get; init; }
    public DateOnly? FulfillmentDate { get; init; }
    public bool? IsEinvoice { get; init; }
    public Guid? NetworkCredentialsId { get; init; }
    public Guid? OverdueReminderId { get; init; }
    public string? PaymentPageUrl { get; init; }
    public Guid? PaymentReminderId { get; init; }

    public override void Validate(Validation v)
    {
        base.Validate(v);
        ReceivableFields.Url(v, PaymentPageUrl, "payment_page_url", 2083);
        ReceivableFields.Unsupported(v, null, null, IsEinvoice, NetworkCredentialsId, CounterpartEinvoicingCredentialsId);
    }
}

/// <summary>The <c>quote</c> envelope: a draft quote.</summary>
public sealed class UpdateQuote : UpdateDraft
{
    public DateOnly? ExpiryDate { get; init; }
    public string? QuoteAcceptPageUrl { get; init; }
    public bool? SignatureRequired { get; init; }

    public override void Validate(Validation v)
    {
        base.Validate(v);
        ReceivableFields.Url(v, QuoteAcceptPageUrl, "quote_accept_page_url", 65536);
        // A quote has no payment terms (spec 4.3): refused as on create, never accepted and dropped.
        if (PaymentTermsId is not null) v.Add("payment_terms_id", "extra fields not permitted", "value_error.extra");
        if (PaymentTerms is not null) v.Add("payment_terms", "extra fields not permitted", "value_error.extra");
    }
}

/// <summary>
/// A positional change of an existing line inside an <c>invoice</c>/<c>quote</c> envelope: entry i changes line i
/// (the list must have one entry per line); adding or removing lines is <c>PUT line_items</c>.
/// </summary>
public sealed class LineItemUpdate : IValidatable
{
    public decimal? Quantity { get; init; }
    public long? Price { get; init; }
    public DiscountRequest? Discount { get; init; }
    public Guid? VatRateId { get; init; }
    public Guid? CustomVatRateId { get; init; }
    public int? TaxRateValue { get; init; }
    public string? TaxRateName { get; init; }

    public void Validate(Validation v)
    {
        v.Range(Quantity, "quantity", 0m, 2_147_483_647m);
        v.Range(Price, "price", 0, Money.MaxAmount);
        v.Nested(Discount, "discount");
        ReceivableFields.RateSource(v, VatRateId, CustomVatRateId, TaxRateValue, TaxRateName, required: false);
    }
}

/// <summary>The <c>credit_note</c> envelope: a draft credit note.</summary>
public sealed class UpdateCreditNote : IValidatable
{
    public List<JsonElement>? Attachments { get; init; }
    public Guid? CounterpartBillingAddressId { get; init; }
    public ContactRequest? CounterpartContact { get; init; }
    public Guid? CounterpartShippingAddressId { get; init; }
    public JsonElement? DocumentRendering { get; init; }
    public EntityOverridesRequest? Entity { get; init; }
    public string? Footer { get; init; }

    /// <summary>Keyed by product id (spec 3.5): what of that product's line is credited.</summary>
    public Dictionary<string, CreditNoteLineUpdate>? LineItems { get; init; }
    public string? Memo { get; init; }
    public JsonElement? PartnerMetadata { get; init; }
    public Guid? ProjectId { get; init; }
    public List<Guid>? TagIds { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(CounterpartContact, "counterpart_contact");
        v.Nested(Entity, "entity");
        ReceivableFields.Texts(v, Memo, Footer, null, null);
        ReceivableFields.Objects(v, PartnerMetadata, DocumentRendering);
        ReceivableFields.Unsupported(v, TagIds, Attachments, null, null, null);
        if (LineItems is null) return;
        var lines = v.At("line_items");
        foreach (var (productId, line) in LineItems)
        {
            if (!Guid.TryParse(productId, out _)) lines.Add(productId, "keys must be product ids (uuid)", "type_error.uuid");
            if (line is null) lines.Add(productId, "none is not an allowed value", "type_error.none.not_allowed");
            else line.Validate(lines.At(productId));
        }
    }
}

public sealed class CreditNoteLineUpdate : IValidatable
{
    public decimal? Quantity { get; init; }
    public long? PriceDiff { get; init; }
    public long? OldPrice { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Quantity, "quantity")) v.Range(Quantity, "quantity", 1m, 2_147_483_647m);
        v.Range(PriceDiff, "price_diff", 1, Money.MaxAmount);
        v.Range(OldPrice, "old_price", 1, Money.MaxAmount);
    }
}

public sealed class ContactRequest : IValidatable
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(FirstName, "first_name")) v.Length(FirstName, "first_name", 1, 100);
        if (v.Required(LastName, "last_name")) v.Length(LastName, "last_name", 1, 100);
        Entities.EntityFields.Email(v, Email, "email");
        v.Length(Phone, "phone", 1, 100);
        v.Length(Title, "title", 1, 100);
    }
}

/// <summary>The <c>issued_invoice</c> envelope (spec 3.5): metadata only in compliant mode.</summary>
public sealed class UpdateIssuedInvoice : IValidatable
{
    public List<JsonElement>? Attachments { get; init; }
    public Guid? ContactId { get; init; }
    public Guid? CounterpartId { get; init; }
    public Guid? CounterpartVatIdId { get; init; }
    public JsonElement? DocumentRendering { get; init; }
    public DateOnly? DueDate { get; init; }
    public IssuedEntityRequest? Entity { get; init; }
    public IssuedEntityAddressRequest? EntityAddress { get; init; }
    public Guid? EntityVatIdId { get; init; }
    public string? Footer { get; init; }
    public DateOnly? FulfillmentDate { get; init; }
    public DateTimeOffset? IssueDate { get; init; }
    public string? Memo { get; init; }
    public Guid? OverdueReminderId { get; init; }
    public JsonElement? PartnerMetadata { get; init; }
    public Guid? PaymentReminderId { get; init; }
    public InlinePaymentTermsRequest? PaymentTerms { get; init; }
    public Guid? PaymentTermsId { get; init; }
    public Guid? ProjectId { get; init; }
    public List<Guid>? TagIds { get; init; }

    /// <summary>What compliant mode allows on an issued invoice: metadata and supplementary data (spec 5.4).</summary>
    public IEnumerable<string> NonMetadataFields()
    {
        if (ContactId is not null) yield return "contact_id";
        if (CounterpartId is not null) yield return "counterpart_id";
        if (CounterpartVatIdId is not null) yield return "counterpart_vat_id_id";
        if (DocumentRendering is not null) yield return "document_rendering";
        if (DueDate is not null) yield return "due_date";
        if (Entity is not null) yield return "entity";
        if (EntityAddress is not null) yield return "entity_address";
        if (EntityVatIdId is not null) yield return "entity_vat_id_id";
        if (Footer is not null) yield return "footer";
        if (FulfillmentDate is not null) yield return "fulfillment_date";
        if (IssueDate is not null) yield return "issue_date";
        if (Memo is not null) yield return "memo";
        if (PaymentTerms is not null) yield return "payment_terms";
        if (PaymentTermsId is not null) yield return "payment_terms_id";
    }

    public void Validate(Validation v)
    {
        v.Nested(Entity, "entity");
        v.Nested(EntityAddress, "entity_address");
        v.Nested(PaymentTerms, "payment_terms");
        if (PaymentTerms is not null && PaymentTermsId is not null)
            v.Add("payment_terms", "send either payment_terms_id or payment_terms, not both", "value_error");
        ReceivableFields.Texts(v, Memo, Footer, null, null);
        ReceivableFields.Objects(v, PartnerMetadata, DocumentRendering);
        ReceivableFields.Unsupported(v, TagIds, Attachments, null, null, null);
    }
}

/// <summary>The full issuer of an issued invoice (organization or individual), for non-compliant corrections.</summary>
public sealed class IssuedEntityRequest : IValidatable
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Logo { get; init; }
    public string? Phone { get; init; }
    public string? RegistrationAuthority { get; init; }
    public string? RegistrationNumber { get; init; }
    public string? TaxId { get; init; }
    public string? VatId { get; init; }
    public string? Website { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Type, "type") && Type is not ("organization" or "individual"))
            v.Add("type", "value is not a valid enumeration member; permitted: 'organization', 'individual'", "type_error.enum");
        if (Type == "organization" && v.Required(Name, "name")) v.Length(Name, "name", 1, 255);
        if (Type == "individual")
        {
            if (v.Required(FirstName, "first_name")) v.Length(FirstName, "first_name", 1, 100);
            if (v.Required(LastName, "last_name")) v.Length(LastName, "last_name", 1, 100);
        }
        Entities.EntityFields.Email(v, Email, "email");
        ReceivableFields.Url(v, Logo, "logo", 2083);
        ReceivableFields.Url(v, Website, "website", 2083);
        v.Length(Phone, "phone", 1, 100);
        v.Length(RegistrationAuthority, "registration_authority", 1, 255);
        v.Length(RegistrationNumber, "registration_number", 1, 255);
        v.Length(TaxId, "tax_id", 1, 100);
        v.Length(VatId, "vat_id", 1, 100);
    }

    public EntitySnapshot ToSnapshot() => new(Type!, Name, FirstName, LastName, Email, Logo, Phone, RegistrationAuthority, RegistrationNumber, TaxId, VatId, Website);
}

public sealed class IssuedEntityAddressRequest : IValidatable
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Line1, "line1")) v.Length(Line1, "line1", 1, 255);
        v.Length(Line2, "line2", 0, 100);
        if (v.Required(City, "city")) v.Length(City, "city", 1, 255);
        if (v.Required(PostalCode, "postal_code")) v.Length(PostalCode, "postal_code", 1, 10);
        v.Length(State, "state", 0, 100);
        if (Country is not null && !Codes.Countries.Contains(Country))
            v.Add("country", "value is not a valid enumeration member (ISO 3166-1 alpha-2)", "type_error.enum");
    }

    public EntityAddressSnapshot ToSnapshot() => new(Line1!, Line2, City!, PostalCode!, State, Country ?? "DE");
}

/// <summary><c>PUT /receivables/{id}/line_items</c> body: <c>{"data": LineItem[]}</c>.</summary>
public sealed class UpdateLineItemsRequest : IValidatable
{
    public List<LineItemRequest>? Data { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Data, "data"))
        {
            v.Each(Data, "data", ReceivableFields.MaxLines);
        }
    }
}
