using Receivables.Store;

namespace Receivables.PaymentTerms;

/// <summary>
/// Reusable payment terms of an entity (spec 6.2, <c>PaymentTermsResponse</c>): up to two early-payment discounts
/// and the final due term, in days after issue. Receivables copy them (spec 4.5.5), so edits never reach issued documents.
/// </summary>
public sealed class PaymentTermsDocument : StoredDocument
{
    public const string ResourceName = "payment_terms";

    public required string Name { get; set; }
    public string? Description { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("term_1")]
    public PaymentTermDiscount? Term1 { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("term_2")]
    public PaymentTermDiscount? Term2 { get; set; }

    public required PaymentTermFinal TermFinal { get; set; }

    /// <summary>Lists are oldest first; the API's payment terms carry no timestamps, so this one is not returned.</summary>
    [StorageOnly]
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary><c>TermDiscountDays</c>: pay within <see cref="NumberOfDays"/> days and deduct <see cref="Discount"/> basis points.</summary>
public sealed class PaymentTermDiscount
{
    public required int Discount { get; set; }
    public required int NumberOfDays { get; set; }
}

/// <summary><c>TermFinalDays</c>: the invoice is due <see cref="NumberOfDays"/> days after issue; no discount.</summary>
public sealed class PaymentTermFinal
{
    public required int NumberOfDays { get; set; }
}

/// <summary><c>PaymentTermsListResponse</c>: unpaged.</summary>
public sealed record PaymentTermsList(IReadOnlyList<PaymentTermsDocument> Data);
