using System.Text.Json.Serialization;
using Receivables.Domain.Payments;
using Receivables.Payments;
using Receivables.Store;

namespace Receivables.PaymentLinks;

/// <summary>Every payment method of Monite's <c>MoniteAllPaymentMethodsTypes</c>; only <see cref="SepaCredit"/> works without a payment provider.</summary>
public enum PaymentMethod
{
    SepaCredit, UsAch, Blik, Card, BacsDirectDebit, Bancontact, Eps, Giropay, Ideal, P24, SepaDebit, Sofort, Applepay, Googlepay, Affirm, Klarna,
}

public enum PaymentAccountType { Entity, Counterpart }

/// <summary>
/// A payment link (spec 6.8, Monite's <c>PublicPaymentLinkResponse</c>), stored in its entity's partition beside the
/// invoice it is for. <see cref="Status"/> is what was stored; what a reader is told comes from
/// <see cref="PaymentLinkRules.StatusOf"/> with the invoice as it is now (paid, expired by time).
/// </summary>
public sealed class PaymentLink : StoredDocument
{
    public const string ResourceName = "payment_link";

    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>An external invoice's data; links here are always for a receivable of this API, so null.</summary>
    public object? Invoice { get; init; }

    public object? Payer { get; init; }
    public required PaymentIntentResponse PaymentIntent { get; set; }
    public required Guid PaymentIntentId { get; init; }
    public required List<PaymentMethod> PaymentMethods { get; init; }
    public required string PaymentPageUrl { get; init; }
    public string? PaymentReference { get; init; }
    public required RecipientAccount Recipient { get; init; }
    public string? ReturnUrl { get; init; }
    public required PaymentLinkStatus Status { get; set; }

    [StorageOnly]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The receivable paid through this link (also under <c>payment_intent.object</c>).</summary>
    [StorageOnly]
    [JsonPropertyName("object")]
    public required PaymentLinkObject PaidObject { get; init; }

    /// <summary>True once <c>POST /payment_links/{id}/expire</c> ended it: then it stays expired whatever the invoice does.</summary>
    [StorageOnly]
    public bool ExpiredByRequest { get; set; }

    /// <summary>The invoice's id as a GUID.</summary>
    [JsonIgnore]
    public Guid InvoiceId => PaidObject.Id;
}

public sealed record PaymentLinkObject(Guid Id, PaymentObjectType Type);

/// <summary>Monite's <c>PaymentIntent</c> as a link shows it: every link has one, created with it.</summary>
public sealed record PaymentIntentResponse(
    Guid Id, DateTimeOffset UpdatedAt, string Status, [property: JsonPropertyName("object")] PaymentLinkObject PaidObject, string? Provider, string? SelectedPaymentMethod, long? ApplicationFeeAmount);

/// <summary>Monite's <c>RecipientAccountResponse</c>: the payee (the entity) and the bank account the invoice names.</summary>
public sealed record RecipientAccount(Guid Id, PaymentAccountType Type, string? Name, List<RecipientBankAccount> BankAccounts);

/// <summary>Monite's <c>BankAccount</c>, from the invoice's frozen copy of the entity's bank account.</summary>
public sealed record RecipientBankAccount(
    Guid Id, string? AccountHolderName, string? AccountNumber, string? Bic, string? Country, string? Currency, string? DisplayName,
    string? Iban, bool IsDefault, string? Name, string? RoutingNumber, string? SortCode, Guid? WasCreatedByUserId);
