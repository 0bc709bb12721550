using Receivables.Documents;
using Receivables.Domain;
using Receivables.Domain.Totals;
using Receivables.Entities;

namespace Receivables.Tests.Domain;

/// <summary>
/// Hand-computed totals (spec 5.7, 8). Every expected value is worked out in the comment above it, in minor units;
/// "r()" is half-away-from-zero rounding.
/// </summary>
public sealed class TotalsTests
{
    private static TotalsLine Line(decimal quantity, long price, long rate, DiscountInput? discount = null) =>
        new(quantity, price, new VatRateInput(rate), discount);

    private static DiscountInput Amount(long amount) => new(DiscountType.Amount, amount);

    private static DiscountInput Percent(long basisPoints) => new(DiscountType.Percentage, basisPoints);

    private static DocumentTotals Exclusive(params TotalsLine[] lines) => Exclusive(null, lines);

    private static DocumentTotals Exclusive(DiscountInput? discount, params TotalsLine[] lines) =>
        TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, lines, discount));

    private static DocumentTotals Inclusive(VatMode discountMode, DiscountInput? discount, params TotalsLine[] lines) =>
        TotalsEngine.Compute(new TotalsInput(VatMode.Inclusive, discountMode, lines, discount));

    private static void AssertGroup(VatGroupTotal group, long value, long taxable, long amount)
    {
        Assert.Equal(value, group.Value);
        Assert.Equal(taxable, group.TaxableAmount);
        Assert.Equal(amount, group.Amount);
    }

    // ---------------------------------------------------------------- the spec's worked example (section 8)

    [Fact]
    public void the_spec_worked_example_is_reproduced_exactly()
    {
        // Line 1: 5000 × 2 = 10000, 10 % off → 1000, net 9000, line VAT 1710 → 10710; price after VAT 5000 + 950 = 5950.
        // Line 2: 12000 × 1.5 = 18000, net 18000, line VAT 3420 → 21420.
        // subtotal 27000, subtotal_after_vat 32130; discount 500 → 500×9000/27000 = 166.67, 333.33 → floors 166 + 333 = 499,
        // the spare unit to the larger remainder (.67) → 167 / 333. discounted 26500, VAT r(26500 × 0.19) = 5035, total 31535.
        var totals = Exclusive(Amount(500), Line(2, 5000, 1900, Percent(1000)), Line(1.5m, 12000, 1900));

        Assert.Equal(10000, totals.Lines[0].Gross);
        Assert.Equal(1000, totals.Lines[0].DiscountValue);
        Assert.Equal(9000, totals.Lines[0].TotalBeforeVat);
        Assert.Equal(10710, totals.Lines[0].TotalAfterVat);
        Assert.Equal(5950, totals.Lines[0].UnitPriceAfterVat);
        Assert.Equal(18000, totals.Lines[1].TotalBeforeVat);
        Assert.Equal(21420, totals.Lines[1].TotalAfterVat);
        Assert.Equal(27000, totals.Subtotal);
        Assert.Equal(32130, totals.SubtotalAfterVat);
        Assert.Equal(500, totals.DiscountValue);
        Assert.Equal([167L, 333L], totals.Lines.Select(l => l.DocumentDiscountShare));
        Assert.Equal(26500, totals.DiscountedSubtotal);
        AssertGroup(Assert.Single(totals.VatGroups), 1900, 26500, 5035);
        Assert.Equal(5035, totals.TotalVatAmount);
        Assert.Equal(31535, totals.TotalAmount);
        Assert.Equal(31535, totals.AmountDue);
        Assert.Null(totals.TotalWithholdingTax);
    }

    // ---------------------------------------------------------------- exclusive lines and line discounts

    [Fact]
    public void an_exclusive_line_adds_vat_rounded_half_up()
    {
        // 1999 × 3 = 5997; VAT 5997 × 0.20 = 1199.4 → 1199; total 7196. Unit after VAT 1999 + 399.8 → 400 = 2399.
        var totals = Exclusive(Line(3, 1999, 2000));

        Assert.Equal(5997, totals.Subtotal);
        Assert.Equal(1199, totals.TotalVatAmount);
        Assert.Equal(7196, totals.TotalAmount);
        Assert.Equal(2399, totals.Lines[0].UnitPriceAfterVat);
        Assert.Equal(7196, totals.Lines[0].TotalAfterVat);
    }

    [Fact]
    public void a_line_amount_discount_applies_to_the_whole_line_not_per_unit()
    {
        // 4 × 2500 = 10000; discount 2500 once (not 4 × 2500) → net 7500; VAT 10 % = 750; total 8250.
        var totals = Exclusive(Line(4, 2500, 1000, Amount(2500)));

        Assert.Equal(2500, totals.Lines[0].DiscountValue);
        Assert.Equal(7500, totals.Lines[0].TotalBeforeVat);
        Assert.Equal(750, totals.TotalVatAmount);
        Assert.Equal(8250, totals.TotalAmount);
    }

    [Fact]
    public void a_line_percentage_discount_is_rounded_half_up()
    {
        // 999 × 15 % = 149.85 → 150; net 849; 0 % VAT → total 849.
        var totals = Exclusive(Line(1, 999, 0, Percent(1500)));

        Assert.Equal(150, totals.Lines[0].DiscountValue);
        Assert.Equal(849, totals.TotalAmount);
        Assert.Equal(0, totals.TotalVatAmount);
    }

    [Fact]
    public void a_line_percentage_discount_at_exactly_half_a_cent_rounds_away_from_zero()
    {
        // 1001 × 50 % = 500.5 → 501 (not banker's 500); net 500.
        var totals = Exclusive(Line(1, 1001, 0, Percent(5000)));

        Assert.Equal(501, totals.Lines[0].DiscountValue);
        Assert.Equal(500, totals.Subtotal);
    }

    [Fact]
    public void a_line_discount_larger_than_the_line_is_clamped_to_the_line()
    {
        // 2 × 300 = 600; discount 1000 → clamped to 600; net 0, VAT 0, total 0, nothing negative.
        var totals = Exclusive(Line(2, 300, 1000, Amount(1000)), Line(1, 100, 1000));

        Assert.Equal(600, totals.Lines[0].DiscountValue);
        Assert.Equal(0, totals.Lines[0].TotalBeforeVat);
        Assert.Equal(0, totals.Lines[0].TotalAfterVat);
        // Only the other line counts: 100 + 10 = 110.
        Assert.Equal(100, totals.Subtotal);
        Assert.Equal(110, totals.TotalAmount);
    }

    [Fact]
    public void a_hundred_percent_line_discount_gives_a_zero_line()
    {
        // 1234 × 100 % = 1234 → net 0; a zero total is allowed.
        var totals = Exclusive(Line(1, 1234, 1900, Percent(10000)));

        Assert.Equal(1234, totals.Lines[0].DiscountValue);
        Assert.Equal(0, totals.TotalAmount);
        AssertGroup(Assert.Single(totals.VatGroups), 1900, 0, 0);
    }

    // ---------------------------------------------------------------- document discounts and allocation

    [Fact]
    public void a_document_discount_is_allocated_by_largest_remainder()
    {
        // 100 over 1000/1000/1000: 33.33 each → 33+33+33 = 99; the spare unit goes to the first of the equal remainders → 34/33/33.
        var totals = Exclusive(Amount(100), Line(1, 1000, 0), Line(1, 1000, 0), Line(1, 1000, 0));

        Assert.Equal([34L, 33L, 33L], totals.Lines.Select(l => l.DocumentDiscountShare));
        Assert.Equal([966L, 967L, 967L], totals.Lines.Select(l => l.AmountAfterDiscounts));
        Assert.Equal(2900, totals.DiscountedSubtotal);
    }

    [Fact]
    public void two_spare_units_go_to_the_first_two_lines_on_equal_remainders()
    {
        // 200 over 1000 × 3: 66.67 each → 66 × 3 = 198; 2 spare → 67/67/66.
        var totals = Exclusive(Amount(200), Line(1, 1000, 0), Line(1, 1000, 0), Line(1, 1000, 0));

        Assert.Equal([67L, 67L, 66L], totals.Lines.Select(l => l.DocumentDiscountShare));
    }

    [Fact]
    public void the_spare_unit_goes_to_the_largest_remainder_not_the_first_line()
    {
        // 10 over 100/200: 3.33 and 6.67 → 3 + 6 = 9; the spare unit goes to the .67 → 3/7.
        var totals = Exclusive(Amount(10), Line(1, 100, 0), Line(1, 200, 0));

        Assert.Equal([3L, 7L], totals.Lines.Select(l => l.DocumentDiscountShare));
    }

    [Fact]
    public void a_document_percentage_discount_is_taken_on_the_subtotal_and_split_exactly()
    {
        // subtotal 1000 + 500 + 250 = 1750; 10 % → 175 → shares 100/50/25; discounted 1575; VAT 20 % = 315; total 1890.
        var totals = Exclusive(Percent(1000), Line(1, 1000, 2000), Line(1, 500, 2000), Line(1, 250, 2000));

        Assert.Equal(175, totals.DiscountValue);
        Assert.Equal([100L, 50L, 25L], totals.Lines.Select(l => l.DocumentDiscountShare));
        Assert.Equal(1575, totals.DiscountedSubtotal);
        Assert.Equal(315, totals.TotalVatAmount);
        Assert.Equal(1890, totals.TotalAmount);
    }

    [Fact]
    public void a_document_percentage_discount_at_half_a_cent_rounds_up()
    {
        // subtotal 1005; 10 % = 100.5 → 101; discounted 904; VAT 19 % = 171.76 → 172; total 1076.
        var totals = Exclusive(Percent(1000), Line(1, 1005, 1900));

        Assert.Equal(101, totals.DiscountValue);
        Assert.Equal(904, totals.DiscountedSubtotal);
        Assert.Equal(172, totals.TotalVatAmount);
        Assert.Equal(1076, totals.TotalAmount);
    }

    [Fact]
    public void a_document_discount_larger_than_the_subtotal_is_clamped_to_it()
    {
        // subtotal 1200, discount 5000 → 1200; discounted 0, VAT 0, total 0.
        var totals = Exclusive(Amount(5000), Line(1, 1200, 1900));

        Assert.Equal(1200, totals.DiscountValue);
        Assert.Equal(1200, totals.Lines[0].DocumentDiscountShare);
        Assert.Equal(0, totals.DiscountedSubtotal);
        Assert.Equal(0, totals.TotalAmount);
    }

    [Fact]
    public void a_hundred_percent_document_discount_gives_a_zero_total()
    {
        // subtotal 4321 + 7 = 4328, 100 % → 4328; everything after it is 0.
        var totals = Exclusive(Percent(10000), Line(1, 4321, 1900), Line(1, 7, 700));

        Assert.Equal(4328, totals.DiscountValue);
        Assert.Equal(0, totals.DiscountedSubtotal);
        Assert.Equal(0, totals.TotalVatAmount);
        Assert.Equal(0, totals.TotalAmount);
        Assert.All(totals.VatGroups, g => Assert.Equal(0, g.TaxableAmount));
    }

    // ---------------------------------------------------------------- VAT groups

    [Fact]
    public void mixed_rates_are_taxed_per_group_after_the_document_discount()
    {
        // nets 10000 @19 %, 5000 @7 %; discount 1000 → 666.67 / 333.33 → 667 / 333.
        // 7 %: 4667 × 0.07 = 326.69 → 327. 19 %: 9333 × 0.19 = 1773.27 → 1773. VAT 2100; discounted 14000; total 16100.
        // subtotal_after_vat = 11900 + 5350 = 17250. Groups come by rate ascending.
        var totals = Exclusive(Amount(1000), Line(1, 10000, 1900), Line(1, 5000, 700));

        Assert.Equal([667L, 333L], totals.Lines.Select(l => l.DocumentDiscountShare));
        Assert.Equal(2, totals.VatGroups.Count);
        AssertGroup(totals.VatGroups[0], 700, 4667, 327);
        AssertGroup(totals.VatGroups[1], 1900, 9333, 1773);
        Assert.Equal(2100, totals.TotalVatAmount);
        Assert.Equal(14000, totals.DiscountedSubtotal);
        Assert.Equal(16100, totals.TotalAmount);
        Assert.Equal(17250, totals.SubtotalAfterVat);
    }

    [Fact]
    public void a_zero_rate_line_has_its_own_group_with_zero_vat()
    {
        // 1000 @0 % → group {0, 1000, 0}; 1000 @19 % → {1900, 1000, 190}; total 2190.
        var totals = Exclusive(Line(1, 1000, 1900), Line(1, 1000, 0));

        AssertGroup(totals.VatGroups[0], 0, 1000, 0);
        AssertGroup(totals.VatGroups[1], 1900, 1000, 190);
        Assert.Equal(2190, totals.TotalAmount);
    }

    [Fact]
    public void standard_rates_group_by_value_and_custom_rates_by_value_id_and_name()
    {
        // Two standard 19 % rates with different ids → one group 2000 → 380 (details of the first line).
        // A custom 19 % rate → its own group 1000 → 190. VAT 570.
        var a = Guid.NewGuid();
        var custom = Guid.NewGuid();
        TotalsLine[] lines =
        [
            new(1, 1000, new VatRateInput(1900, a, "DE 19")),
            new(1, 1000, new VatRateInput(1900, Guid.NewGuid(), "DE 19 again")),
            new(1, 1000, new VatRateInput(1900, custom, "Special", IsCustom: true)),
        ];
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, lines));

        Assert.Equal(2, totals.VatGroups.Count);
        AssertGroup(totals.VatGroups[0], 1900, 2000, 380);
        Assert.Equal(a, totals.VatGroups[0].Id);
        Assert.False(totals.VatGroups[0].IsCustom);
        AssertGroup(totals.VatGroups[1], 1900, 1000, 190);
        Assert.Equal(custom, totals.VatGroups[1].Id);
        Assert.Equal("Special", totals.VatGroups[1].Name);
        Assert.Equal(570, totals.TotalVatAmount);
    }

    [Fact]
    public void custom_rates_with_different_ids_are_separate_groups()
    {
        // Same value 1000, two custom ids → two groups of 500 → 50 each.
        TotalsLine[] lines =
        [
            new(1, 500, new VatRateInput(1000, Guid.NewGuid(), "A", true)),
            new(1, 500, new VatRateInput(1000, Guid.NewGuid(), "B", true)),
        ];
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, lines));

        Assert.Equal(["A", "B"], totals.VatGroups.Select(g => g.Name));
        Assert.All(totals.VatGroups, g => Assert.Equal(50, g.Amount));
    }

    [Fact]
    public void a_custom_rate_with_gst_and_qst_components_is_taxed_at_their_sum()
    {
        // 5 % + 9.975 % = 14.975 % (1497.5). 10000 × 0.14975 = 1497.5 → 1498.
        // Split 1498 by 500 : 997.5 → 500.17 / 997.83 → 500 + 997 = 1497, spare unit to .83 → GST 500, QST 998.
        var rate = new VatRateInput(1498, Guid.NewGuid(), "QC", true, [new("GST", 500), new("QST", 997.5m)]);
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, [new TotalsLine(1, 10000, rate)]));

        var group = Assert.Single(totals.VatGroups);
        Assert.Equal(1498, group.Amount);
        Assert.Equal([("GST", 500m, 500L), ("QST", 997.5m, 998L)], group.Components.Select(c => (c.Name, c.Value, c.Amount)));
        Assert.Equal(11498, totals.TotalAmount);
    }

    [Fact]
    public void components_always_sum_to_the_group_vat_even_when_rounding_each_would_not()
    {
        // Base 1010 at 14.975 %: 151.2475 → 151 for the group.
        // Rounded on their own the components would be 50.5 → 51 and 100.7475 → 101 = 152 ≠ 151.
        // Split of 151 by 500 : 997.5: 50.42 / 100.58 → 50 + 100 = 150, spare unit to .58 → GST 50, QST 101 (= 151).
        var rate = new VatRateInput(1498, null, "QC", true, [new("GST", 500), new("QST", 997.5m)]);
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, [new TotalsLine(1, 1010, rate)]));

        var group = Assert.Single(totals.VatGroups);
        Assert.Equal(151, group.Amount);
        Assert.Equal([50L, 101L], group.Components.Select(c => c.Amount));
    }

    // ---------------------------------------------------------------- quantities and rounding boundaries

    [Fact]
    public void a_fractional_quantity_of_one_and_a_half_rounds_the_line_half_up()
    {
        // 333 × 1.5 = 499.5 → 500.
        var totals = Exclusive(Line(1.5m, 333, 0));

        Assert.Equal(500, totals.Lines[0].Gross);
        Assert.Equal(500, totals.TotalAmount);
    }

    [Fact]
    public void a_quantity_of_0_333_rounds_the_line_then_vat_is_added()
    {
        // 1500 × 0.333 = 499.5 → 500; VAT 10 % = 50; total 550. And 1000 × 0.333 = 333 exactly → 33.3 → 33 → 366.
        var totals = Exclusive(Line(0.333m, 1500, 1000));
        var exact = Exclusive(Line(0.333m, 1000, 1000));

        Assert.Equal(500, totals.Subtotal);
        Assert.Equal(550, totals.TotalAmount);
        Assert.Equal(333, exact.Subtotal);
        Assert.Equal(366, exact.TotalAmount);
    }

    [Fact]
    public void line_amounts_just_below_half_round_down_and_at_half_round_up()
    {
        // 1000 × 1.4994 = 1499.4 → 1499; 1000 × 1.4995 = 1499.5 → 1500.
        Assert.Equal(1499, Exclusive(Line(1.4994m, 1000, 0)).Subtotal);
        Assert.Equal(1500, Exclusive(Line(1.4995m, 1000, 0)).Subtotal);
    }

    [Fact]
    public void vat_at_exactly_half_rounds_up_and_just_below_rounds_down()
    {
        // 50 × 19 % = 9.5 → 10; 49 × 19 % = 9.31 → 9; 2 × 25 % = 0.5 → 1; 1 × 49 % = 0.49 → 0.
        Assert.Equal(10, Exclusive(Line(1, 50, 1900)).TotalVatAmount);
        Assert.Equal(9, Exclusive(Line(1, 49, 1900)).TotalVatAmount);
        Assert.Equal(1, Exclusive(Line(1, 2, 2500)).TotalVatAmount);
        Assert.Equal(0, Exclusive(Line(1, 1, 4900)).TotalVatAmount);
    }

    [Fact]
    public void vat_is_rounded_once_per_group_not_per_line()
    {
        // Ten lines of 5 at 10 %: per line 0.5 → 1 would give 10; on the group 50 × 10 % = 5.
        // Line total_after_vat still shows each line's own rounding (5 + 1 = 6), so subtotal_after_vat = 60.
        var totals = Exclusive(Enumerable.Range(0, 10).Select(_ => Line(1, 5, 1000)).ToArray());

        Assert.Equal(5, totals.TotalVatAmount);
        Assert.Equal(55, totals.TotalAmount);
        Assert.All(totals.Lines, l => Assert.Equal(6, l.TotalAfterVat));
        Assert.Equal(60, totals.SubtotalAfterVat);
    }

    [Fact]
    public void group_rounding_also_wins_when_every_line_would_round_down()
    {
        // Three lines of 3 at 15 %: per line 0.45 → 0 (sum 0); on the group 9 × 15 % = 1.35 → 1.
        var totals = Exclusive(Line(1, 3, 1500), Line(1, 3, 1500), Line(1, 3, 1500));

        Assert.Equal(1, totals.TotalVatAmount);
        Assert.Equal(10, totals.TotalAmount);
    }

    // ---------------------------------------------------------------- currencies

    [Fact]
    public void zero_decimal_currency_amounts_are_whole_yen()
    {
        // JPY: 1200 × 3 = 3600 yen; 5 % off = 180; discounted 3420; VAT 10 % = 342; total 3762.
        var totals = Exclusive(Percent(500), Line(3, 1200, 1000));

        Assert.Equal(180, totals.DiscountValue);
        Assert.Equal(3420, totals.DiscountedSubtotal);
        Assert.Equal(342, totals.TotalVatAmount);
        Assert.Equal(3762, totals.TotalAmount);
        // 999 yen at 8 %: 79.92 → 80; total 1079.
        Assert.Equal(1079, Exclusive(Line(1, 999, 800)).TotalAmount);
    }

    [Fact]
    public void three_decimal_currency_amounts_are_fils()
    {
        // KWD in fils: 12.345 KWD = 12345; 5 % = 617.25 → 617; total 12962. 2 × 1.250 = 2500 → 125 → 2625.
        Assert.Equal(12962, Exclusive(Line(1, 12345, 500)).TotalAmount);
        Assert.Equal(2625, Exclusive(Line(2, 1250, 500)).TotalAmount);
    }

    // ---------------------------------------------------------------- withholding tax and deductions

    [Fact]
    public void withholding_tax_is_taken_on_the_discounted_subtotal()
    {
        // Worked example with 10 % withholding: 26500 × 10 % = 2650; total unchanged 31535.
        var input = new TotalsInput(VatMode.Exclusive, VatMode.Exclusive,
            [Line(2, 5000, 1900, Percent(1000)), Line(1.5m, 12000, 1900)], Amount(500), WithholdingTaxRate: 1000);
        var totals = TotalsEngine.Compute(input);

        Assert.Equal(2650, totals.TotalWithholdingTax);
        Assert.Equal(31535, totals.TotalAmount);
        Assert.Equal(31535, totals.AmountDue);
    }

    [Fact]
    public void withholding_tax_rounds_half_up_and_a_zero_rate_is_zero_not_null()
    {
        // 1005 × 15 % = 150.75 → 151; 1010 × 15 % = 151.5 → 152; rate 0 → 0.
        Assert.Equal(151, TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, [Line(1, 1005, 0)], null, 1500)).TotalWithholdingTax);
        Assert.Equal(152, TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, [Line(1, 1010, 0)], null, 1500)).TotalWithholdingTax);
        Assert.Equal(0, TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, [Line(1, 1010, 0)], null, 0)).TotalWithholdingTax);
    }

    [Fact]
    public void deductions_reduce_the_amount_due_but_not_the_vat_or_the_total()
    {
        // Worked example with 1535 of deductions: VAT 5035 and total 31535 unchanged; amount due 31535 − 1535 = 30000.
        var input = new TotalsInput(VatMode.Exclusive, VatMode.Exclusive,
            [Line(2, 5000, 1900, Percent(1000)), Line(1.5m, 12000, 1900)], Amount(500), DeductionTotal: 1535);
        var totals = TotalsEngine.Compute(input);

        Assert.Equal(5035, totals.TotalVatAmount);
        Assert.Equal(26500, Assert.Single(totals.VatGroups).TaxableAmount);
        Assert.Equal(31535, totals.TotalAmount);
        Assert.Equal(30000, totals.AmountDue);
    }

    [Fact]
    public void deductions_larger_than_the_total_leave_nothing_due_not_a_negative_amount()
    {
        // total 1100; deductions 5000 → amount due 0.
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Exclusive, [Line(1, 1000, 1000)], DeductionTotal: 5000));

        Assert.Equal(1100, totals.TotalAmount);
        Assert.Equal(0, totals.AmountDue);
    }

    // ---------------------------------------------------------------- inclusive VAT mode

    [Fact]
    public void an_inclusive_price_contains_its_vat()
    {
        // 11900 gross @19 %: VAT 11900 × 1900 / 11900 = 1900; net 10000; total 11900; price after VAT = price.
        var totals = Inclusive(VatMode.Exclusive, null, Line(1, 11900, 1900));

        Assert.Equal(10000, totals.Subtotal);
        Assert.Equal(11900, totals.SubtotalAfterVat);
        Assert.Equal(1900, totals.TotalVatAmount);
        Assert.Equal(11900, totals.TotalAmount);
        Assert.Equal(10000, totals.Lines[0].TotalBeforeVat);
        Assert.Equal(11900, totals.Lines[0].TotalAfterVat);
        Assert.Equal(11900, totals.Lines[0].UnitPriceAfterVat);
        AssertGroup(Assert.Single(totals.VatGroups), 1900, 10000, 1900);
    }

    [Fact]
    public void inclusive_vat_is_extracted_with_half_up_rounding()
    {
        // 1000 gross @19 %: 1000 × 1900 / 11900 = 159.66 → 160; net 840; total stays 1000.
        var totals = Inclusive(VatMode.Exclusive, null, Line(1, 1000, 1900));

        Assert.Equal(160, totals.TotalVatAmount);
        Assert.Equal(840, totals.DiscountedSubtotal);
        Assert.Equal(1000, totals.TotalAmount);
    }

    [Fact]
    public void inclusive_line_amount_discount_is_gross_in_inclusive_discount_mode()
    {
        // 11900 − 1190 (gross) = 10710; VAT 10710 × 19/119 = 1710; net 9000.
        var totals = Inclusive(VatMode.Inclusive, null, Line(1, 11900, 1900, Amount(1190)));

        Assert.Equal(1190, totals.Lines[0].DiscountValue);
        Assert.Equal(10710, totals.Lines[0].TotalAfterVat);
        Assert.Equal(9000, totals.Lines[0].TotalBeforeVat);
        Assert.Equal(1710, totals.TotalVatAmount);
        Assert.Equal(10710, totals.TotalAmount);
    }

    [Fact]
    public void inclusive_line_amount_discount_is_net_in_exclusive_discount_mode()
    {
        // 1000 net off = 1000 + 19 % = 1190 off the gross → 10710, net 9000 (same as 1190 gross above).
        var net = Inclusive(VatMode.Exclusive, null, Line(1, 11900, 1900, Amount(1000)));
        // The same 1000 as a gross amount: 10900; VAT 10900 × 19/119 = 1740.34 → 1740; net 9160.
        var gross = Inclusive(VatMode.Inclusive, null, Line(1, 11900, 1900, Amount(1000)));

        Assert.Equal(1000, net.Lines[0].DiscountValue);
        Assert.Equal(10710, net.TotalAmount);
        Assert.Equal(9000, net.Subtotal);
        Assert.Equal(10900, gross.TotalAmount);
        Assert.Equal(1740, gross.TotalVatAmount);
        Assert.Equal(9160, gross.Subtotal);
    }

    [Fact]
    public void inclusive_net_line_discount_larger_than_the_net_clears_the_whole_gross()
    {
        // 1190 gross @19 % has net 1000; 5000 net off → clamped to 1000, which removes all 1190 of gross. Total 0.
        var totals = Inclusive(VatMode.Exclusive, null, Line(1, 1190, 1900, Amount(5000)));

        Assert.Equal(1000, totals.Lines[0].DiscountValue);
        Assert.Equal(0, totals.Lines[0].TotalAfterVat);
        Assert.Equal(0, totals.TotalAmount);
    }

    [Fact]
    public void inclusive_percentage_line_discount_is_the_same_in_both_discount_modes()
    {
        // 1190 × 10 % = 119; 1071 gross; VAT 1071 × 19/119 = 171; net 900.
        foreach (var mode in new[] { VatMode.Inclusive, VatMode.Exclusive })
        {
            var totals = Inclusive(mode, null, Line(1, 1190, 1900, Percent(1000)));
            Assert.Equal(119, totals.Lines[0].DiscountValue);
            Assert.Equal(1071, totals.TotalAmount);
            Assert.Equal(171, totals.TotalVatAmount);
            Assert.Equal(900, totals.Subtotal);
        }
    }

    [Fact]
    public void inclusive_document_amount_discount_in_inclusive_mode_is_split_over_gross()
    {
        // Gross 11900 @19 % (net 10000) and 10700 @7 % (net 10000): subtotal 20000, subtotal_after_vat 22600.
        // 2260 gross off: 2260 × 11900/22600 = 1190, × 10700/22600 = 1070 → 10710 and 9630.
        // 7 %: VAT 9630 × 7/107 = 630, net 9000. 19 %: 10710 × 19/119 = 1710, net 9000. VAT 2340, total 20340.
        var totals = Inclusive(VatMode.Inclusive, Amount(2260), Line(1, 11900, 1900), Line(1, 10700, 700));

        Assert.Equal(20000, totals.Subtotal);
        Assert.Equal(22600, totals.SubtotalAfterVat);
        Assert.Equal(2260, totals.DiscountValue);
        Assert.Equal([1190L, 1070L], totals.Lines.Select(l => l.DocumentDiscountShare));
        AssertGroup(totals.VatGroups[0], 700, 9000, 630);
        AssertGroup(totals.VatGroups[1], 1900, 9000, 1710);
        Assert.Equal(18000, totals.DiscountedSubtotal);
        Assert.Equal(2340, totals.TotalVatAmount);
        Assert.Equal(20340, totals.TotalAmount);
    }

    [Fact]
    public void inclusive_document_amount_discount_in_exclusive_mode_is_split_over_net_and_grossed_up()
    {
        // Same lines; 2000 net off: 1000 / 1000 over the nets, grossed up 1000 + 190 = 1190 and 1000 + 70 = 1070.
        // Same result as 2260 gross: total 20340, discounted 18000 (= subtotal 20000 − 2000).
        var totals = Inclusive(VatMode.Exclusive, Amount(2000), Line(1, 11900, 1900), Line(1, 10700, 700));

        Assert.Equal(2000, totals.DiscountValue);
        Assert.Equal([1190L, 1070L], totals.Lines.Select(l => l.DocumentDiscountShare));
        Assert.Equal(18000, totals.DiscountedSubtotal);
        Assert.Equal(20340, totals.TotalAmount);
    }

    [Fact]
    public void the_discount_mode_changes_what_an_inclusive_document_amount_discount_means()
    {
        // 1190 gross @19 % (net 1000), 100 off.
        // Gross: 1090; VAT 1090 × 19/119 = 174.03 → 174; net 916.  Net: 100 + 19 = 119 off → 1071; VAT 171; net 900.
        var gross = Inclusive(VatMode.Inclusive, Amount(100), Line(1, 1190, 1900));
        var net = Inclusive(VatMode.Exclusive, Amount(100), Line(1, 1190, 1900));

        Assert.Equal((1090L, 174L, 916L), (gross.TotalAmount, gross.TotalVatAmount, gross.DiscountedSubtotal));
        Assert.Equal((1071L, 171L, 900L), (net.TotalAmount, net.TotalVatAmount, net.DiscountedSubtotal));
    }

    [Fact]
    public void inclusive_document_percentage_discount_is_the_same_in_both_discount_modes()
    {
        // 10 % of 22600 gross = 2260 → same figures as the gross amount case: total 20340, VAT 2340.
        foreach (var mode in new[] { VatMode.Inclusive, VatMode.Exclusive })
        {
            var totals = Inclusive(mode, Percent(1000), Line(1, 11900, 1900), Line(1, 10700, 700));
            Assert.Equal(2260, totals.DiscountValue);
            Assert.Equal(20340, totals.TotalAmount);
            Assert.Equal(2340, totals.TotalVatAmount);
        }
    }

    [Fact]
    public void the_discount_mode_is_ignored_on_exclusive_documents()
    {
        // Worked example again with vat_inclusive_discount_mode = inclusive: still total 31535.
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Exclusive, VatMode.Inclusive,
            [Line(2, 5000, 1900, Percent(1000)), Line(1.5m, 12000, 1900)], Amount(500)));

        Assert.Equal(31535, totals.TotalAmount);
        Assert.Equal([167L, 333L], totals.Lines.Select(l => l.DocumentDiscountShare));
    }

    [Fact]
    public void inclusive_line_nets_are_split_from_the_group_net_so_they_add_up_to_the_subtotal()
    {
        // Three lines of 5 gross @19 %: per line 5 × 19/119 = 0.80 → 1 (net 4 each, Σ 12) but the group has
        // 15 × 19/119 = 2.39 → 2 VAT and 13 net. 13 is split over 5/5/5: 4.33 each → 4+4+4, spare unit to the first → 5/4/4.
        var totals = Inclusive(VatMode.Exclusive, null, Line(1, 5, 1900), Line(1, 5, 1900), Line(1, 5, 1900));

        Assert.Equal([5L, 4L, 4L], totals.Lines.Select(l => l.TotalBeforeVat));
        Assert.Equal(13, totals.Subtotal);
        Assert.Equal(13, totals.DiscountedSubtotal);
        Assert.Equal(2, totals.TotalVatAmount);
        Assert.Equal(15, totals.TotalAmount);
    }

    [Fact]
    public void inclusive_withholding_tax_is_on_the_net_discounted_subtotal()
    {
        // 11900 gross @19 % → net 10000; 10 % withholding = 1000.
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Inclusive, VatMode.Exclusive, [Line(1, 11900, 1900)], null, 1000));

        Assert.Equal(1000, totals.TotalWithholdingTax);
    }

    [Fact]
    public void inclusive_components_split_the_extracted_vat()
    {
        // 1150 gross at 14.975 %: VAT 1150 × 1497.5 / 11497.5 = 149.78 → 150; net 1000.
        // Split 150 by 500 : 997.5 → 50.08 / 99.92 → 50 + 99 = 149, spare unit to .92 → GST 50, QST 100.
        var rate = new VatRateInput(1498, null, "QC", true, [new("GST", 500), new("QST", 997.5m)]);
        var totals = TotalsEngine.Compute(new TotalsInput(VatMode.Inclusive, VatMode.Exclusive, [new TotalsLine(1, 1150, rate)]));

        var group = Assert.Single(totals.VatGroups);
        Assert.Equal(150, group.Amount);
        Assert.Equal(1000, group.TaxableAmount);
        Assert.Equal([50L, 100L], group.Components.Select(c => c.Amount));
    }

    // ---------------------------------------------------------------- edges

    [Fact]
    public void a_document_without_lines_has_zero_totals()
    {
        var totals = Exclusive(Amount(100));

        Assert.Empty(totals.Lines);
        Assert.Empty(totals.VatGroups);
        Assert.Equal((0L, 0L, 0L, 0L), (totals.Subtotal, totals.DiscountValue, totals.TotalVatAmount, totals.TotalAmount));
    }

    [Fact]
    public void zero_priced_and_zero_quantity_lines_are_allowed()
    {
        var totals = Exclusive(Amount(50), Line(0, 1000, 1900), Line(3, 0, 1900), Line(1, 100, 1900));

        // Only the 100 line has a base: discount 50 all on it; 50 × 19 % = 9.5 → 10; total 60.
        Assert.Equal([0L, 0L, 50L], totals.Lines.Select(l => l.DocumentDiscountShare));
        Assert.Equal(60, totals.TotalAmount);
    }

    [Fact]
    public void amounts_past_two_to_the_53_minus_one_are_refused()
    {
        Assert.Throws<AmountOutOfRangeException>(() => Exclusive(Line(2, Money.MaxAmount, 0)));
        Assert.Throws<AmountOutOfRangeException>(() => Exclusive(Line(1, Money.MaxAmount, 1900)));
        Assert.Throws<AmountOutOfRangeException>(() => Exclusive(Line(1, Money.MaxAmount, 0), Line(1, 1, 0)));
        Assert.Throws<AmountOutOfRangeException>(() => Exclusive(Line(1, Money.MaxAmount + 1, 0)));
        // Exactly the limit is fine.
        Assert.Equal(Money.MaxAmount, Exclusive(Line(1, Money.MaxAmount, 0)).TotalAmount);
    }

    [Fact]
    public void negative_inputs_and_rates_above_100_percent_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Exclusive(Line(-1, 100, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exclusive(Line(1, -100, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exclusive(Line(1, 100, 10001)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exclusive(Line(1, 100, 0, Amount(-1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => Exclusive(Percent(10001), Line(1, 100, 0)));
    }
}
