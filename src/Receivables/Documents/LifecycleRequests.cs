using Receivables.Api;

namespace Receivables.Documents;

/// <summary><c>POST …/mark_as_paid</c> (optional body).</summary>
public sealed class MarkAsPaidRequest : IValidatable
{
    public string? Comment { get; init; }
    public DateTimeOffset? PaidAt { get; init; }

    public void Validate(Validation v) => v.Length(Comment, "comment", 0, 2000);
}

/// <summary><c>POST …/mark_as_partially_paid</c>: <c>amount_paid</c> is the running total paid so far.</summary>
public sealed class MarkAsPartiallyPaidRequest : IValidatable
{
    public long? AmountPaid { get; init; }
    public string? Comment { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(AmountPaid, "amount_paid")) v.Range(AmountPaid, "amount_paid", 1, Money.MaxAmount);
        v.Length(Comment, "comment", 0, 2000);
    }
}

/// <summary><c>POST …/mark_as_uncollectible</c> and <c>POST …/decline</c> (optional body).</summary>
public sealed class CommentRequest : IValidatable
{
    public string? Comment { get; init; }

    public void Validate(Validation v) => v.Length(Comment, "comment", 0, 2000);
}

/// <summary><c>POST …/accept</c> (optional body): a signature, required when the quote asks for one.</summary>
public sealed class AcceptQuoteRequest : IValidatable
{
    public SignatureRequest? Signature { get; init; }

    public void Validate(Validation v) => v.Nested(Signature, "signature");
}

public sealed class SignatureRequest : IValidatable
{
    public string? Email { get; init; }
    public string? FullName { get; init; }
    public string? SignatureImage { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Email, "email"))
        {
            v.Length(Email, "email", 3, 320);
            if (Email!.IndexOf('@', StringComparison.Ordinal) is < 1 || Email.EndsWith('@')) v.Add("email", "value is not a valid email address", "value_error.email");
        }
        if (v.Required(FullName, "full_name")) v.Length(FullName, "full_name", 1, 255);
        if (v.Required(SignatureImage, "signature_image"))
        {
            v.Length(SignatureImage, "signature_image", 32, 524288);
            if (SignatureImage!.Length is >= 32 and <= 524288 && !IsBase64(SignatureImage))
                v.Add("signature_image", "value is not valid base64 (a PNG image)", "value_error.base64");
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}

/// <summary>A quote's signature as stored (for the PDF); not part of the quote's response.</summary>
public sealed record QuoteSignature(string Email, string FullName, string SignatureImage, DateTimeOffset SignedAt);

/// <summary><c>POST …/accept</c> and <c>…/decline</c> answer this, not the document (spec 3.14).</summary>
public sealed record SuccessResponse(bool Success);

/// <summary><c>GET /entities/{entity_id}/settings/next_document_numbers</c>.</summary>
public sealed record NextDocumentNumbersResponse(long Invoice, long Quote, long CreditNote, long DeliveryNote, long PurchaseOrder);
