namespace Receivables.Domain.Totals;

/// <summary>
/// An early-payment tier of payment terms (<c>term_1</c>, <c>term_2</c>): a discount in basis points until a deadline,
/// which is <see cref="EndDate"/> when set, else the issue date plus <see cref="NumberOfDays"/>.
/// </summary>
public sealed record PaymentTermTier(long Discount, int? NumberOfDays = null, DateOnly? EndDate = null)
{
    /// <summary>The last day the tier applies, or null when the tier has no deadline (and so never applies).</summary>
    public DateOnly? Deadline(DateOnly issueDate) => EndDate ?? (NumberOfDays is { } days ? issueDate.AddDays(days) : null);
}

/// <summary><c>amount_to_pay</c> (spec 5.8): what is left to pay after the early-payment discount that applies today.</summary>
public static class AmountToPay
{
    /// <summary>
    /// <paramref name="amountDue"/> minus the discount of the earliest tier (<paramref name="term1"/>, then
    /// <paramref name="term2"/>) whose deadline is on or after <paramref name="today"/>; the discount is
    /// round(amount_due × discount / 10000), half away from zero (in the payer's favour at .5). No tier applies: the
    /// amount due.
    /// </summary>
    public static long Compute(long amountDue, DateOnly issueDate, PaymentTermTier? term1, PaymentTermTier? term2, DateOnly today)
    {
        if (amountDue < 0) throw new ArgumentOutOfRangeException(nameof(amountDue), "An amount due cannot be negative");
        if (amountDue > Money.MaxAmount) throw new AmountOutOfRangeException();
        foreach (var tier in new[] { term1, term2 })
        {
            if (tier is null) continue;
            if (tier.Discount is < 0 or > 10_000) throw new ArgumentOutOfRangeException(nameof(term1), "A discount is 0..10000 basis points");
            if (tier.Deadline(issueDate) is { } deadline && today <= deadline)
                return amountDue - Money.Percent(amountDue, tier.Discount);
        }
        return amountDue;
    }
}
