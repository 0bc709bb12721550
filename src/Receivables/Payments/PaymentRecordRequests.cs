using Receivables.Api;

namespace Receivables.Payments;

/// <summary><c>POST /payment_records</c> (spec 6.9). Only <c>succeeded</c> records (the default) move the invoice.</summary>
public sealed class CreatePaymentRecordRequest : IValidatable
{
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("object")]
    public PaymentObjectRequest? PaidObject { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public Guid? PaymentIntentId { get; init; }
    public string? PaymentIntentStatus { get; init; }
    public string? PaymentMethod { get; init; }
    public DateOnly? PlannedPaymentDate { get; init; }
    public PaymentRecordStatus? Status { get; init; }
    public Guid? EntityUserId { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Amount, "amount"))
        {
            v.Range(Amount, "amount", -Money.MaxAmount, Money.MaxAmount);
            if (Amount == 0) v.Add("amount", "a payment of 0 changes nothing; send a positive payment or a negative refund", "value_error.number.not_zero");
        }
        if (v.Required(Currency, "currency") && !Codes.Currencies.Contains(Currency!))
            v.Add("currency", "value is not a valid enumeration member (ISO 4217)", "type_error.enum");
        if (v.Required(PaidObject, "object")) v.Nested(PaidObject, "object");
        if (Status == PaymentRecordStatus.Canceled) v.Add("status", "value is not a valid enumeration member; permitted: 'created', 'processing', 'succeeded'", "type_error.enum");
        v.Length(PaymentIntentStatus, "payment_intent_status", 0, 255);
        v.Length(PaymentMethod, "payment_method", 0, 255);
    }
}

public sealed class PaymentObjectRequest : IValidatable
{
    public Guid? Id { get; init; }
    public PaymentObjectType? Type { get; init; }

    public void Validate(Validation v)
    {
        v.Required(Id, "id");
        if (v.Required(Type, "type") && Type == PaymentObjectType.Payable)
            v.Add("type", "this API keeps receivables only; payables are not supported", "value_error.not_supported");
    }
}
