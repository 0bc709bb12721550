using Receivables.Api;
using Receivables.Payments;

namespace Receivables.PaymentLinks;

/// <summary>
/// <c>POST /payment_links</c> (spec 6.8, Monite's <c>CreatePaymentLinkRequest</c>; strict). Links are for receivables of
/// this API (<c>object</c>); the fields of an external invoice's link are parsed and checked, then refused as unsupported.
/// </summary>
public sealed class CreatePaymentLinkRequest : IValidatable
{
    public const int MaxUrlLength = 2083;

    public List<PaymentMethod>? PaymentMethods { get; init; }
    public PaymentAccountRequest? Recipient { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("object")]
    public PaymentObjectRequest? PaidObject { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    public string? PaymentReference { get; init; }
    public ExternalInvoiceRequest? Invoice { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? ReturnUrl { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(PaymentMethods, "payment_methods"))
        {
            if (PaymentMethods!.Count == 0) v.Add("payment_methods", "ensure this value has at least 1 items", "value_error.list.min_items");
            else if (PaymentMethods.Distinct().Count() != PaymentMethods.Count) v.Add("payment_methods", "the list has duplicated items", "value_error.list.unique_items");
        }
        if (v.Required(Recipient, "recipient")) v.Nested(Recipient, "recipient");
        v.Range(Amount, "amount", 1, Money.MaxAmount);
        if (Currency is not null && !Codes.Currencies.Contains(Currency)) v.Add("currency", "value is not a valid enumeration member (ISO 4217)", "type_error.enum");
        v.Nested(Invoice, "invoice");
        // http(s) only: the page shows it as a link, and a javascript: URL there would run in the payer's browser.
        Documents.ReceivableFields.Url(v, ReturnUrl, "return_url", MaxUrlLength);
        if (PaidObject is not null)
        {
            v.Nested(PaidObject, "object");
            // Monite: currency, payment_reference and invoice describe an external invoice and are mutually exclusive with object.
            if (Currency is not null) v.Add("currency", "currency is mutually exclusive with object: the link takes the receivable's currency", "value_error.mutually_exclusive");
            if (PaymentReference is not null) v.Add("payment_reference", "payment_reference is mutually exclusive with object: the link takes the receivable's document number", "value_error.mutually_exclusive");
            if (Invoice is not null) v.Add("invoice", "invoice is mutually exclusive with object", "value_error.mutually_exclusive");
        }
        else
        {
            v.Add("object", "payment links for invoices outside this API (currency, payment_reference, invoice) are not supported; create the invoice as a receivable and link it with object", "value_error.not_supported");
        }
    }
}

/// <summary>Monite's <c>PaymentAccountObject</c>: the payee. For a receivable's link it is the entity itself.</summary>
public sealed class PaymentAccountRequest : IValidatable
{
    public Guid? Id { get; init; }
    public PaymentAccountType? Type { get; init; }

    public void Validate(Validation v)
    {
        v.Required(Id, "id");
        if (v.Required(Type, "type") && Type != PaymentAccountType.Entity)
            v.Add("type", "the recipient of a receivable's payment is the entity that issued it; permitted: 'entity'", "value_error.not_supported");
    }
}

/// <summary>Monite's <c>Invoice</c> of an external invoice's link (strict), checked so a bad one is named before it is refused as unsupported.</summary>
public sealed class ExternalInvoiceRequest : IValidatable
{
    public DateOnly? IssueDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public InvoiceFileRequest? File { get; init; }

    public void Validate(Validation v) => v.Nested(File, "file");
}

public sealed class InvoiceFileRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Mimetype { get; init; }
    public string? Url { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 255);
        if (v.Required(Mimetype, "mimetype")) v.Length(Mimetype, "mimetype", 1, 255);
        if (v.Required(Url, "url")) Documents.ReceivableFields.Url(v, Url, "url", CreatePaymentLinkRequest.MaxUrlLength);
    }
}
