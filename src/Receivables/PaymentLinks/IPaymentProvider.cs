namespace Receivables.PaymentLinks;

/// <summary>
/// The seam for a payment provider (Stripe Checkout, Adyen ...): every payment method but <c>sepa_credit</c> needs one.
/// A provider says which methods an entity has enabled with it and opens a checkout for a link; when the provider
/// reports a payment (its webhook), the payment is recorded through <see cref="Payments.PaymentRecordOperations"/>
/// against the link's invoice, with the link's <c>payment_intent_id</c>, as every payment is. See docs/decisions.md.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The methods this entity may offer through the provider; empty when it has no account there.</summary>
    ValueTask<IReadOnlySet<PaymentMethod>> EnabledMethodsAsync(Guid entityId, CancellationToken ct);

    /// <summary>Where the payment page sends the payer to pay <paramref name="link"/> by <paramref name="method"/> (a checkout session's URL).</summary>
    Task<Uri> CreateCheckoutAsync(PaymentLink link, PaymentMethod method, CancellationToken ct);
}

/// <summary>No provider configured: no method but <c>sepa_credit</c> (a plain bank transfer, which needs none) is enabled.</summary>
public sealed class NoPaymentProvider : IPaymentProvider
{
    private static readonly IReadOnlySet<PaymentMethod> None = new HashSet<PaymentMethod>();

    public ValueTask<IReadOnlySet<PaymentMethod>> EnabledMethodsAsync(Guid entityId, CancellationToken ct) => ValueTask.FromResult(None);

    public Task<Uri> CreateCheckoutAsync(PaymentLink link, PaymentMethod method, CancellationToken ct) =>
        throw new InvalidOperationException("No payment provider is configured; only sepa_credit links exist");
}
