namespace Receivables.Domain.Payments;

/// <summary>The statuses of a payment link (Monite's payment link lifecycle): <c>created</c>, then <c>succeeded</c> or <c>expired</c>.</summary>
public enum PaymentLinkStatus { Created, Succeeded, Expired }

/// <summary>An amount an active link asks for, held on its invoice so that links of one invoice never ask for more than is due.</summary>
public sealed record PaymentLinkClaim(Guid LinkId, long Amount, DateTimeOffset ExpiresAt);

/// <summary>
/// The rules of payment links for receivables (spec 6.8): which invoices take one, how much it may ask, when it expires,
/// and the status it reports. Pure: the caller reads the invoice and says what time it is.
/// </summary>
public static class PaymentLinkRules
{
    /// <summary>How far ahead <c>expires_at</c> may be.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(70);

    /// <summary>Without <c>expires_at</c>, a document's link expires this long after the invoice's due date.</summary>
    public static readonly TimeSpan AfterDueDate = TimeSpan.FromDays(30);

    /// <summary>Most links one invoice may have active at a time: their claims live on the invoice, which must stay small.</summary>
    public const int MaxActiveLinks = 50;

    /// <summary>
    /// Invoices that still take a payment from the customer: issued and overdue (Monite's guide), and partially paid,
    /// because a partial link leaves the rest to a later link once the first part is paid.
    /// </summary>
    public static bool TakesLinks(ReceivableStatus status) =>
        status is ReceivableStatus.Issued or ReceivableStatus.Overdue or ReceivableStatus.PartiallyPaid;

    /// <summary>
    /// The default expiry: 30 days after the due date (end of that day, UTC), but never past the 70-day limit and
    /// never already past (an invoice overdue by more than 30 days still gets a link that works for 30 days).
    /// </summary>
    public static DateTimeOffset DefaultExpiry(DateOnly? dueDate, DateTimeOffset now)
    {
        var fromDue = dueDate is { } due
            ? new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + AfterDueDate + TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1)
            : now + AfterDueDate;
        if (fromDue <= now) fromDue = now + AfterDueDate;
        var latest = now + MaxLifetime;
        return fromDue > latest ? latest : fromDue;
    }

    /// <summary>Null when <paramref name="expiresAt"/> is acceptable, else why not.</summary>
    public static string? CheckExpiry(DateTimeOffset expiresAt, DateTimeOffset now) =>
        expiresAt <= now ? "expires_at must be in the future"
        : expiresAt > now + MaxLifetime ? $"expires_at may be at most {MaxLifetime.TotalDays:0} days ahead"
        : null;

    /// <summary>The claims still in force at <paramref name="now"/>.</summary>
    public static IEnumerable<PaymentLinkClaim> Active(IEnumerable<PaymentLinkClaim> claims, DateTimeOffset now) =>
        claims.Where(c => c.ExpiresAt > now);

    /// <summary>What a new link may still ask for: the amount to pay less what active links already ask for (never below 0).</summary>
    public static long Available(long amountToPay, IEnumerable<PaymentLinkClaim> claims, DateTimeOffset now) =>
        Math.Max(0, amountToPay - Active(claims, now).Sum(c => c.Amount));

    /// <summary>
    /// What a link reports now. Expired by request stays expired; a paid invoice makes its links <c>succeeded</c>; an
    /// invoice that no longer takes payments (canceled, uncollectible, fully credited) or a passed <c>expires_at</c> makes it expired.
    /// </summary>
    public static PaymentLinkStatus StatusOf(bool expiredByRequest, DateTimeOffset expiresAt, ReceivableStatus invoiceStatus, DateTimeOffset now) =>
        expiredByRequest ? PaymentLinkStatus.Expired
        : invoiceStatus == ReceivableStatus.Paid ? PaymentLinkStatus.Succeeded
        : !TakesLinks(invoiceStatus) ? PaymentLinkStatus.Expired
        : now >= expiresAt ? PaymentLinkStatus.Expired
        : PaymentLinkStatus.Created;
}
