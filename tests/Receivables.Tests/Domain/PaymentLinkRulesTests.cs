using Receivables.Domain.Payments;

namespace Receivables.Tests.Domain;

/// <summary>The pure rules of payment links: who takes one, default and maximum expiry, the amount left, the status reported.</summary>
public class PaymentLinkRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ReceivableStatus.Issued, true)]
    [InlineData(ReceivableStatus.Overdue, true)]
    [InlineData(ReceivableStatus.PartiallyPaid, true)]
    [InlineData(ReceivableStatus.Draft, false)]
    [InlineData(ReceivableStatus.Paid, false)]
    [InlineData(ReceivableStatus.Uncollectible, false)]
    [InlineData(ReceivableStatus.Canceled, false)]
    public void Only_invoices_that_still_take_a_payment_take_a_link(ReceivableStatus status, bool takes) =>
        Assert.Equal(takes, PaymentLinkRules.TakesLinks(status));

    [Fact]
    public void The_default_expiry_is_the_end_of_the_30th_day_after_the_due_date_within_70_days_and_never_past()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 28, 23, 59, 59, TimeSpan.Zero), PaymentLinkRules.DefaultExpiry(new DateOnly(2026, 12, 29), Now));
        // Due in 60 days: 90 days would pass the 70-day limit.
        Assert.Equal(Now.AddDays(70), PaymentLinkRules.DefaultExpiry(new DateOnly(2027, 1, 28), Now));
        // Overdue by more than 30 days: 30 days from now.
        Assert.Equal(Now.AddDays(30), PaymentLinkRules.DefaultExpiry(new DateOnly(2026, 9, 1), Now));
        Assert.Equal(Now.AddDays(30), PaymentLinkRules.DefaultExpiry(null, Now));
    }

    [Fact]
    public void A_given_expiry_is_in_the_future_and_at_most_70_days_ahead()
    {
        Assert.Null(PaymentLinkRules.CheckExpiry(Now.AddDays(70), Now));
        Assert.NotNull(PaymentLinkRules.CheckExpiry(Now.AddDays(70).AddSeconds(1), Now));
        Assert.NotNull(PaymentLinkRules.CheckExpiry(Now, Now));
    }

    [Fact]
    public void What_is_left_is_the_amount_to_pay_less_active_claims_never_below_zero()
    {
        PaymentLinkClaim[] claims = [new(Guid.NewGuid(), 300, Now.AddDays(1)), new(Guid.NewGuid(), 500, Now.AddSeconds(-1))];
        Assert.Equal(700, PaymentLinkRules.Available(1000, claims, Now));
        Assert.Equal(0, PaymentLinkRules.Available(200, claims, Now));
    }

    [Theory]
    [InlineData(false, 1, ReceivableStatus.Issued, PaymentLinkStatus.Created)]
    [InlineData(false, 1, ReceivableStatus.PartiallyPaid, PaymentLinkStatus.Created)]
    [InlineData(false, -1, ReceivableStatus.Issued, PaymentLinkStatus.Expired)]
    [InlineData(false, 1, ReceivableStatus.Paid, PaymentLinkStatus.Succeeded)]
    [InlineData(false, -1, ReceivableStatus.Paid, PaymentLinkStatus.Succeeded)]
    [InlineData(true, 1, ReceivableStatus.Paid, PaymentLinkStatus.Expired)]
    [InlineData(false, 1, ReceivableStatus.Canceled, PaymentLinkStatus.Expired)]
    [InlineData(false, 1, ReceivableStatus.Uncollectible, PaymentLinkStatus.Expired)]
    public void The_status_follows_the_request_the_invoice_and_the_clock(bool expiredByRequest, int daysLeft, ReceivableStatus invoice, PaymentLinkStatus expected) =>
        Assert.Equal(expected, PaymentLinkRules.StatusOf(expiredByRequest, Now.AddDays(daysLeft), invoice, Now));
}
