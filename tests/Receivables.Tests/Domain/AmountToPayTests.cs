using Receivables.Domain.Totals;

namespace Receivables.Tests.Domain;

/// <summary>Largest-remainder splits and <c>amount_to_pay</c> (spec 5.8), hand-computed.</summary>
public sealed class AmountToPayTests
{
    private static readonly DateOnly Issued = new(2025, 1, 10);
    private static readonly PaymentTermTier TwoPercentTenDays = new(200, NumberOfDays: 10);
    private static readonly PaymentTermTier OnePercentTwentyDays = new(100, NumberOfDays: 20);

    [Theory]
    // 100 / 3 = 33.33 ×3 → 99, spare to the first of equal remainders.
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    // 10 by 1:2:3:4 is exact.
    [InlineData(10, new long[] { 1, 2, 3, 4 }, new long[] { 1, 2, 3, 4 })]
    // 5 / 3 = 1.67 ×3 → 3, two spare to the first two.
    [InlineData(5, new long[] { 3, 3, 3 }, new long[] { 2, 2, 1 })]
    // 10 by 1:2 = 3.33 / 6.67 → 3 + 6, spare to the .67.
    [InlineData(10, new long[] { 1, 2 }, new long[] { 3, 7 })]
    // Zero weights get nothing: 7 by 0:5:0:2 = 5 / 2 exact.
    [InlineData(7, new long[] { 0, 5, 0, 2 }, new long[] { 0, 5, 0, 2 })]
    // 1 by 1:1:1:1 → first line.
    [InlineData(1, new long[] { 1, 1, 1, 1 }, new long[] { 1, 0, 0, 0 })]
    // Nothing to split.
    [InlineData(0, new long[] { 0, 0 }, new long[] { 0, 0 })]
    public void largest_remainder_splits_are_exact(long amount, long[] weights, long[] expected)
    {
        Assert.Equal(expected, Allocation.LargestRemainder(amount, weights));
    }

    [Fact]
    public void a_non_zero_amount_cannot_be_split_over_zero_weights()
    {
        Assert.Throws<ArgumentException>(() => Allocation.LargestRemainder(1, [0, 0]));
    }

    [Theory]
    // Day 5 and day 10 (the deadline day itself): term 1, 2 % of 10000 = 200 → 9800.
    [InlineData("2025-01-15", 9800)]
    [InlineData("2025-01-20", 9800)]
    // Day 11 to day 20: term 2, 1 % = 100 → 9900.
    [InlineData("2025-01-21", 9900)]
    [InlineData("2025-01-30", 9900)]
    // Past every tier: the amount due.
    [InlineData("2025-01-31", 10000)]
    public void amount_to_pay_uses_the_earliest_tier_not_yet_passed(string today, long expected)
    {
        Assert.Equal(expected, AmountToPay.Compute(10000, Issued, TwoPercentTenDays, OnePercentTwentyDays, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void amount_to_pay_without_tiers_is_the_amount_due()
    {
        Assert.Equal(31535, AmountToPay.Compute(31535, Issued, null, null, Issued));
    }

    [Fact]
    public void an_end_date_is_the_tier_deadline_when_set()
    {
        // end_date 2025-01-12 beats issue + 10 days: on the 13th the 2 % tier has passed, no term 2 → full amount.
        var tier = new PaymentTermTier(200, 10, new DateOnly(2025, 1, 12));
        Assert.Equal(9800, AmountToPay.Compute(10000, Issued, tier, null, new DateOnly(2025, 1, 12)));
        Assert.Equal(10000, AmountToPay.Compute(10000, Issued, tier, null, new DateOnly(2025, 1, 13)));
    }

    [Fact]
    public void the_early_payment_discount_rounds_half_up_in_the_payers_favour()
    {
        // 25 × 2 % = 0.5 → discount 1 → 24. 24 × 2 % = 0.48 → 0 → 24. 31535 × 2 % = 630.7 → 631 → 30904.
        Assert.Equal(24, AmountToPay.Compute(25, Issued, TwoPercentTenDays, null, Issued));
        Assert.Equal(24, AmountToPay.Compute(24, Issued, TwoPercentTenDays, null, Issued));
        Assert.Equal(30904, AmountToPay.Compute(31535, Issued, TwoPercentTenDays, null, Issued));
    }

    [Fact]
    public void nothing_due_means_nothing_to_pay()
    {
        Assert.Equal(0, AmountToPay.Compute(0, Issued, TwoPercentTenDays, OnePercentTwentyDays, Issued));
    }
}
