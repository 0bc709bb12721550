using System.Text.Json;
using Receivables.Api;
using Receivables.Domain;
using Receivables.Entities;

namespace Receivables.Documents;

/// <summary>
/// <c>POST /receivables</c> (spec 3.3): one strict body with the fields of the three shapes; which fields a
/// type accepts is checked here (an invoice-only field on a quote is an unknown field, as in the original API).
/// </summary>
public sealed class CreateReceivableRequest : IValidatable
{
    public ReceivableType? Type { get; init; }
    public Guid? BasedOn { get; init; }
    public string? Currency { get; init; }
    public Guid? CounterpartId { get; init; }
    public Guid? CounterpartBillingAddressId { get; init; }
    public Guid? CounterpartShippingAddressId { get; init; }
    public Guid? CounterpartVatIdId { get; init; }
    public string? CounterpartBusinessType { get; init; }
    public Guid? CounterpartEinvoicingCredentialsId { get; init; }
    public List<LineItemRequest>? LineItems { get; init; }
    public Guid? EntityBankAccountId { get; init; }
    public Guid? EntityVatIdId { get; init; }
    public EntityOverridesRequest? Entity { get; init; }
    public Guid? PaymentTermsId { get; init; }
    public InlinePaymentTermsRequest? PaymentTerms { get; init; }
    public DiscountRequest? Discount { get; init; }
    public long? DeductionAmount { get; init; }
    public string? DeductionMemo { get; init; }
    public List<DeductionRequest>? Deductions { get; init; }
    public int? WithholdingTaxRate { get; init; }
    public VatMode? VatMode { get; init; }
    public bool? VatExempt { get; init; }
    public string? VatExemptionRationale { get; init; }
    public string? DocumentId { get; init; }
    public DateOnly? FulfillmentDate { get; init; }
    public string? PurchaseOrder { get; init; }
    public string? Memo { get; init; }
    public string? Footer { get; init; }
    public string? CommercialConditionDescription { get; init; }
    public string? TradeName { get; init; }
    public string? PaymentPageUrl { get; init; }
    public Guid? PaymentReminderId { get; init; }
    public Guid? OverdueReminderId { get; init; }
    public Guid? ProjectId { get; init; }
    public List<Guid>? TagIds { get; init; }
    public JsonElement? PartnerMetadata { get; init; }
    public List<JsonElement>? Attachments { get; init; }
    public JsonElement? DocumentRendering { get; init; }
    public bool? IsEinvoice { get; init; }
    public Guid? NetworkCredentialsId { get; init; }
    public DateOnly? ExpiryDate { get; init; }
    public bool? SignatureRequired { get; init; }
    public string? QuoteAcceptPageUrl { get; init; }

    public void Validate(Validation v)
    {
        if (!v.Required(Type, "type")) return;
        if (BasedOn is not null)
        {
            ValidateBasedOn(v);
            return;
        }
        if (Type == ReceivableType.CreditNote)
        {
            v.Add("based_on", "a credit note is created from an invoice: send type credit_note with based_on", "value_error.missing");
            return;
        }
        var quote = Type == ReceivableType.Quote;
        if (quote)
        {
            Extra(v, ("fulfillment_date", FulfillmentDate), ("purchase_order", PurchaseOrder), ("payment_page_url", PaymentPageUrl),
                ("payment_reminder_id", PaymentReminderId), ("overdue_reminder_id", OverdueReminderId), ("payment_terms", PaymentTerms),
                ("payment_terms_id", PaymentTermsId), ("is_einvoice", IsEinvoice), ("network_credentials_id", NetworkCredentialsId),
                ("counterpart_einvoicing_credentials_id", CounterpartEinvoicingCredentialsId));
        }
        else
        {
            Extra(v, ("expiry_date", ExpiryDate), ("signature_required", SignatureRequired), ("quote_accept_page_url", QuoteAcceptPageUrl));
        }

        if (v.Required(Currency, "currency")) ReceivableFields.Currency(v, Currency, "currency");
        v.Required(CounterpartId, "counterpart_id");
        v.Required(CounterpartBillingAddressId, "counterpart_billing_address_id");
        if (v.Required(LineItems, "line_items")) ReceivableFields.Lines(v, LineItems!, Currency);
        v.Length(CounterpartBusinessType, "counterpart_business_type", 1, 50);
        v.Nested(Entity, "entity");
        v.Nested(PaymentTerms, "payment_terms");
        if (PaymentTerms is not null && PaymentTermsId is not null)
            v.Add("payment_terms", "send either payment_terms_id or payment_terms, not both", "value_error");
        ReceivableFields.Amounts(v, Discount, DeductionAmount, DeductionMemo, Deductions, WithholdingTaxRate, VatExemptionRationale);
        v.Length(DocumentId, "document_id", 1, 100);
        v.Length(PurchaseOrder, "purchase_order", 0, 100);
        ReceivableFields.Texts(v, Memo, Footer, CommercialConditionDescription, TradeName);
        ReceivableFields.Url(v, PaymentPageUrl, "payment_page_url", 2083);
        ReceivableFields.Url(v, QuoteAcceptPageUrl, "quote_accept_page_url", 65536);
        ReceivableFields.Unsupported(v, TagIds, Attachments, IsEinvoice, NetworkCredentialsId, CounterpartEinvoicingCredentialsId);
        ReceivableFields.Objects(v, PartnerMetadata, DocumentRendering);
    }

    private void ValidateBasedOn(Validation v)
    {
        if (Type == ReceivableType.Quote)
            v.Add("type", "a document based on another is an invoice (from a quote) or a credit_note (from an invoice)", "type_error.enum");
        // The based-on shape has only type, based_on and tag_ids: everything else is an unknown field there.
        Extra(v, ("currency", Currency), ("counterpart_id", CounterpartId), ("counterpart_billing_address_id", CounterpartBillingAddressId),
            ("counterpart_shipping_address_id", CounterpartShippingAddressId), ("counterpart_vat_id_id", CounterpartVatIdId),
            ("counterpart_business_type", CounterpartBusinessType), ("line_items", LineItems), ("entity_bank_account_id", EntityBankAccountId),
            ("entity_vat_id_id", EntityVatIdId), ("entity", Entity), ("payment_terms_id", PaymentTermsId), ("payment_terms", PaymentTerms),
            ("discount", Discount), ("deduction_amount", DeductionAmount), ("deduction_memo", DeductionMemo), ("deductions", Deductions),
            ("withholding_tax_rate", WithholdingTaxRate), ("vat_mode", VatMode), ("vat_exempt", VatExempt),
            ("vat_exemption_rationale", VatExemptionRationale), ("document_id", DocumentId), ("fulfillment_date", FulfillmentDate),
            ("purchase_order", PurchaseOrder), ("memo", Memo), ("footer", Footer), ("commercial_condition_description", CommercialConditionDescription),
            ("trade_name", TradeName), ("payment_page_url", PaymentPageUrl), ("payment_reminder_id", PaymentReminderId),
            ("overdue_reminder_id", OverdueReminderId), ("project_id", ProjectId), ("partner_metadata", PartnerMetadata),
            ("attachments", Attachments), ("document_rendering", DocumentRendering), ("is_einvoice", IsEinvoice),
            ("network_credentials_id", NetworkCredentialsId), ("expiry_date", ExpiryDate), ("signature_required", SignatureRequired),
            ("quote_accept_page_url", QuoteAcceptPageUrl), ("counterpart_einvoicing_credentials_id", CounterpartEinvoicingCredentialsId));
        ReceivableFields.Unsupported(v, TagIds, null, null, null, null);
    }

    private static void Extra(Validation v, params (string Field, object? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value is not null) v.Add(field, "extra fields not permitted", "value_error.extra");
        }
    }
}

/// <summary>A line of a create request or of <c>PUT line_items</c> (spec 4.6.1), strict.</summary>
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
        v.Nested(Product, "product");
        ReceivableFields.RateSource(v, VatRateId, CustomVatRateId, TaxRateValue, TaxRateName, required: true);
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
        if (v.Required(Currency, "currency")) ReceivableFields.Currency(v, Currency, "currency");
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

public sealed class DeductionRequest : IValidatable
{
    public long? Amount { get; init; }
    public string? Name { get; init; }
    public string? Memo { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Amount, "amount")) v.Range(Amount, "amount", 0, Money.MaxAmount);
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 255);
        v.Length(Memo, "memo", 0, 1000);
    }
}

/// <summary><c>entity</c> on a document: overrides of the issuer's display data (ReceivableEntityBase).</summary>
public sealed class EntityOverridesRequest : IValidatable
{
    public string? Email { get; init; }
    public string? Logo { get; init; }
    public string? Phone { get; init; }
    public string? RegistrationAuthority { get; init; }
    public string? RegistrationNumber { get; init; }
    public string? Website { get; init; }

    public void Validate(Validation v)
    {
        EntityFields.Email(v, Email, "email");
        ReceivableFields.Url(v, Logo, "logo", 2083);
        ReceivableFields.Url(v, Website, "website", 2083);
        v.Length(Phone, "phone", 1, 100);
        v.Length(RegistrationAuthority, "registration_authority", 1, 255);
        v.Length(RegistrationNumber, "registration_number", 1, 255);
    }

    public EntitySnapshot ApplyTo(EntitySnapshot e) => e with
    {
        Email = Email ?? e.Email, Logo = Logo ?? e.Logo, Phone = Phone ?? e.Phone,
        RegistrationAuthority = RegistrationAuthority ?? e.RegistrationAuthority,
        RegistrationNumber = RegistrationNumber ?? e.RegistrationNumber, Website = Website ?? e.Website,
    };
}

/// <summary>Inline payment terms (spec 4.5.5), strict.</summary>
public sealed class InlinePaymentTermsRequest : IValidatable
{
    [System.Text.Json.Serialization.JsonPropertyName("term_1")]
    public PaymentTermDiscountRequest? Term1 { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("term_2")]
    public PaymentTermDiscountRequest? Term2 { get; init; }

    public PaymentTermFinalRequest? TermFinal { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(Term1, "term_1");
        v.Nested(Term2, "term_2");
        if (v.Required(TermFinal, "term_final")) v.Nested(TermFinal, "term_final");
        if (Term2 is not null && Term1 is null) v.Add("term_2", "term_2 needs term_1", "value_error");
        var days = new[] { Term1?.NumberOfDays, Term2?.NumberOfDays, TermFinal?.NumberOfDays }.Where(d => d is not null).Select(d => d!.Value).ToList();
        for (var i = 1; i < days.Count; i++)
        {
            if (days[i] <= days[i - 1]) v.Add("term_final", "number_of_days must increase from term_1 to term_2 to term_final", "value_error");
        }
    }

    public PaymentTermsSnapshot ToSnapshot() => new(null, null, null, Term1?.ToSnapshot(), Term2?.ToSnapshot(), new PaymentTermFinalSnapshot(TermFinal!.NumberOfDays, TermFinal.EndDate));
}

public sealed class PaymentTermDiscountRequest : IValidatable
{
    public long? Discount { get; init; }
    public int? NumberOfDays { get; init; }
    public DateOnly? EndDate { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Discount, "discount")) v.Range(Discount, "discount", 0, 10_000);
        v.Range(NumberOfDays, "number_of_days", 0, 10_000);
        if (NumberOfDays is null && EndDate is null) v.Add("number_of_days", "number_of_days or end_date is required", "value_error.missing");
    }

    public PaymentTermDiscountSnapshot ToSnapshot() => new(Discount!.Value, NumberOfDays, EndDate);
}

public sealed class PaymentTermFinalRequest : IValidatable
{
    public int? NumberOfDays { get; init; }
    public DateOnly? EndDate { get; init; }

    public void Validate(Validation v)
    {
        v.Range(NumberOfDays, "number_of_days", 0, 10_000);
        if (NumberOfDays is null && EndDate is null) v.Add("number_of_days", "number_of_days or end_date is required", "value_error.missing");
    }
}

/// <summary>Checks shared by create and the update envelopes.</summary>
internal static class ReceivableFields
{
    /// <summary>Most line items a document has (the original API's limit).</summary>
    public const int MaxLines = 500;

    public static void Currency(Validation v, string? currency, string field)
    {
        if (currency is not null && !Codes.Currencies.Contains(currency))
            v.Add(field, "value is not a valid enumeration member (ISO 4217)", "type_error.enum");
    }

    public static void Lines(Validation v, IReadOnlyList<LineItemRequest> lines, string? currency)
    {
        if (!v.Each(lines, "line_items", MaxLines) || currency is null) return;
        var items = v.At("line_items");
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i]?.Product?.Price?.Currency is { } c && c != currency)
                items.At(i).At("product").At("price").Add("currency", $"product price currency {c} differs from the document currency {currency}", "value_error.currency_mismatch");
        }
    }

    public static void RateSource(Validation v, Guid? vatRateId, Guid? customVatRateId, int? taxRateValue, string? taxRateName, bool required)
    {
        var sources = (vatRateId is null ? 0 : 1) + (customVatRateId is null ? 0 : 1) + (taxRateValue is null ? 0 : 1);
        if (required && sources == 0) v.Add("vat_rate_id", "one of vat_rate_id, custom_vat_rate_id or tax_rate_value is required", "value_error.missing");
        if (sources > 1) v.Add("vat_rate_id", "send only one of vat_rate_id, custom_vat_rate_id or tax_rate_value", "value_error");
        v.Range(taxRateValue, "tax_rate_value", 0, 10_000);
        v.Length(taxRateName, "tax_rate_name", 1, 64);
        if (taxRateName is not null && taxRateValue is null) v.Add("tax_rate_name", "tax_rate_name is only allowed with tax_rate_value", "value_error");
    }

    public static void Amounts(Validation v, DiscountRequest? discount, long? deductionAmount, string? deductionMemo, List<DeductionRequest>? deductions, int? withholding, string? exemptionRationale)
    {
        v.Nested(discount, "discount");
        v.Range(deductionAmount, "deduction_amount", 0, Money.MaxAmount);
        v.Length(deductionMemo, "deduction_memo", 0, 1000);
        v.Each(deductions, "deductions", 10);
        v.Range(withholding, "withholding_tax_rate", 0, 10_000);
        v.Length(exemptionRationale, "vat_exemption_rationale", 0, 1000);
    }

    public static void Texts(Validation v, string? memo, string? footer, string? commercialConditions, string? tradeName)
    {
        v.Length(memo, "memo", 0, 10_000);
        v.Length(footer, "footer", 0, 10_000);
        v.Length(commercialConditions, "commercial_condition_description", 0, 10_000);
        v.Length(tradeName, "trade_name", 0, 255);
    }

    public static void Url(Validation v, string? url, string field, int max)
    {
        if (url is null) return;
        if (url.Length > max) v.Add(field, $"ensure this value has at most {max} characters", "value_error.any_str.max_length");
        else if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            v.Add(field, "invalid or missing URL scheme", "value_error.url.scheme");
    }

    public static void Objects(Validation v, JsonElement? partnerMetadata, JsonElement? documentRendering)
    {
        if (partnerMetadata is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
            v.Add("partner_metadata", "value is not a valid dict", "type_error.dict");
        else if (partnerMetadata is { ValueKind: JsonValueKind.Object } m && m.GetRawText().Length > 16_384)
            v.Add("partner_metadata", "partner_metadata is larger than 16 KiB", "value_error");
        if (documentRendering is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
            v.Add("document_rendering", "value is not a valid dict", "type_error.dict");
        else if (documentRendering is { ValueKind: JsonValueKind.Object } r && r.GetRawText().Length > 16_384)
            v.Add("document_rendering", "document_rendering is larger than 16 KiB", "value_error");
    }

    /// <summary>References to resources this server does not have yet: refused, never stored unchecked.</summary>
    public static void Unsupported(Validation v, List<Guid>? tagIds, List<JsonElement>? attachments,
        bool? isEinvoice, Guid? networkCredentialsId, Guid? counterpartEinvoicingCredentialsId)
    {
        const string type = "value_error.not_supported";
        if (tagIds is { Count: > 0 }) v.Add("tag_ids", "tags are not available on this server yet; send [] or omit", type);
        if (attachments is { Count: > 0 }) v.Add("attachments", "file attachments are not available on this server yet", type);
        if (isEinvoice == true) v.Add("is_einvoice", "e-invoicing is not available on this server yet", type);
        if (networkCredentialsId is not null) v.Add("network_credentials_id", "e-invoicing is not available on this server yet", type);
        if (counterpartEinvoicingCredentialsId is not null) v.Add("counterpart_einvoicing_credentials_id", "e-invoicing is not available on this server yet", type);
    }
}
