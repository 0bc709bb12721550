namespace Receivables.Domain.Lifecycle;

/// <summary>The quote's own transitions (spec 5.2): accept, decline, and expiry the day after <c>expiry_date</c>.</summary>
public static class QuoteRules
{
    private const ReceivableType Quote = ReceivableType.Quote;

    /// <summary>issued → accepted; a quote that asks for a signature is accepted only with one.</summary>
    public static ReceivableStatus Accept(ReceivableStatus current, bool signatureRequired, bool hasSignature)
    {
        Transitions.Require(Quote, current, LifecycleAction.Accept);
        if (signatureRequired && !hasSignature)
            throw new BusinessRuleException("This quote requires a signature: accept it with {\"signature\": {\"email\", \"full_name\", \"signature_image\"}}");
        return ReceivableStatus.Accepted;
    }

    public static ReceivableStatus Decline(ReceivableStatus current) =>
        Transitions.Require(Quote, current, LifecycleAction.Decline).To!.Value;

    /// <summary>True when the sweep should move this quote to <c>expired</c> today (UTC).</summary>
    public static bool IsExpired(ReceivableStatus status, DateOnly? expiryDate, DateOnly today) =>
        Transitions.IsAllowed(Quote, status, LifecycleAction.Expire) && expiryDate is { } expiry && expiry < today;
}
