using System.Text.Json;
using Receivables.Documents;
using Receivables.Domain.Totals;
using Receivables.Entities;

namespace Receivables.Tests.Domain;

/// <summary>
/// Invariants of the totals engine over 2,000 random documents (fixed seed, so a failure is reproducible: the
/// message names the document number). VAT is checked against an integer-only half-up oracle, not the engine's code.
/// </summary>
public sealed class TotalsPropertyTests
{
    private const int Documents = 2000;
    private const int Seed = 20240525;

    private static readonly VatRateInput[] Rates =
    [
        new(0), new(500), new(700), new(1000), new(1900), new(2000), new(2100), new(2500), new(10000),
        new(1900, Guid.Parse("00000000-0000-4000-8000-000000000019"), "DE 19"),
        new(1498, Guid.Parse("00000000-0000-4000-8000-00000000000c"), "QC", true, [new("GST", 500), new("QST", 997.5m)]),
        new(813, Guid.Parse("00000000-0000-4000-8000-0000000000a1"), "Odd", true, [new("A", 812.5m)]),
        new(1000, Guid.Parse("00000000-0000-4000-8000-0000000000b1"), "Three", true, [new("x", 333.33m), new("y", 333.33m), new("z", 333.34m)]),
    ];

    private static IEnumerable<(int Index, TotalsInput Input)> RandomDocuments()
    {
        var random = new Random(Seed);
        for (var d = 0; d < Documents; d++)
        {
            var small = random.Next(3) == 0; // a third of the documents use tiny amounts, where rounding dominates
            var lines = new TotalsLine[random.Next(0, 9)];
            for (var i = 0; i < lines.Length; i++)
            {
                var quantity = random.Next(4) switch
                {
                    0 => random.Next(0, 1000) / 1000m,
                    1 => random.Next(0, 10000) / 100m,
                    _ => random.Next(0, 20),
                };
                var price = small ? random.Next(0, 30) : random.NextInt64(0, 1_000_000_000);
                lines[i] = new TotalsLine(quantity, price, Rates[random.Next(Rates.Length)], RandomDiscount(random, small));
            }
            var mode = random.Next(2) == 0 ? VatMode.Exclusive : VatMode.Inclusive;
            var discountMode = random.Next(2) == 0 ? VatMode.Exclusive : VatMode.Inclusive;
            int? withholding = random.Next(3) == 0 ? random.Next(0, 10001) : null;
            var deductions = random.Next(3) == 0 ? random.NextInt64(0, small ? 200 : 5_000_000_000) : 0;
            yield return (d, new TotalsInput(mode, discountMode, lines, RandomDiscount(random, small), withholding, deductions));
        }
    }

    private static DiscountInput? RandomDiscount(Random random, bool small) => random.Next(4) switch
    {
        0 => null,
        1 => new DiscountInput(DiscountType.Percentage, random.Next(5) == 0 ? 10000 : random.Next(0, 10001)),
        _ => new DiscountInput(DiscountType.Amount, small ? random.Next(0, 100) : random.NextInt64(0, 2_000_000_000)),
    };

    /// <summary>The rate in hundredths of a basis point (1497.5 bp → 149750), from the input, not the engine.</summary>
    private static long ScaledRate(VatRateInput rate) =>
        rate.Components is { Count: > 0 } c ? c.Sum(x => (long)(x.Value * 100)) : rate.Value * 100;

    /// <summary>round(a / b) half up for a, b ≥ 0, in integers.</summary>
    private static long HalfUp(Int128 a, Int128 b) => (long)((2 * a + b) / (2 * b));

    private static void ForAll(Action<int, TotalsInput, DocumentTotals> check)
    {
        foreach (var (index, input) in RandomDocuments())
        {
            DocumentTotals totals;
            try
            {
                totals = TotalsEngine.Compute(input);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"document {index} threw", e);
            }
            check(index, input, totals);
        }
    }

    [Fact]
    public void no_total_is_ever_negative()
    {
        ForAll((i, _, t) =>
        {
            long[] amounts = [t.Subtotal, t.SubtotalAfterVat, t.DiscountValue, t.DiscountedSubtotal, t.TotalVatAmount, t.TotalAmount, t.TotalWithholdingTax ?? 0, t.AmountDue];
            Assert.True(amounts.All(a => a >= 0), $"document {i}");
            Assert.True(t.Lines.All(l => l.Gross >= 0 && l.DiscountValue >= 0 && l.TotalBeforeVat >= 0 && l.TotalAfterVat >= 0 && l.DocumentDiscountShare >= 0 && l.AmountAfterDiscounts >= 0), $"document {i}");
            Assert.True(t.VatGroups.All(g => g.TaxableAmount >= 0 && g.Amount >= 0 && g.Components.All(c => c.Amount >= 0)), $"document {i}");
        });
    }

    [Fact]
    public void the_subtotal_is_the_sum_of_the_line_nets_and_the_total_is_discounted_subtotal_plus_vat()
    {
        ForAll((i, _, t) =>
        {
            Assert.True(t.Subtotal == t.Lines.Sum(l => l.TotalBeforeVat), $"document {i}");
            Assert.True(t.SubtotalAfterVat == t.Lines.Sum(l => l.TotalAfterVat), $"document {i}");
            Assert.True(t.TotalAmount == t.DiscountedSubtotal + t.TotalVatAmount, $"document {i}");
            Assert.True(t.TotalVatAmount == t.VatGroups.Sum(g => g.Amount), $"document {i}");
            Assert.True(t.DiscountedSubtotal == t.VatGroups.Sum(g => g.TaxableAmount), $"document {i}");
            Assert.True(t.DiscountedSubtotal <= t.Subtotal, $"document {i}");
        });
    }

    [Fact]
    public void line_figures_follow_the_line_rules()
    {
        ForAll((i, input, t) =>
        {
            for (var l = 0; l < t.Lines.Count; l++)
            {
                var line = t.Lines[l];
                var entered = input.Lines[l];
                // gross = price × quantity rounded half up (the oracle works in ten-thousandths of a quantity unit).
                var quantity = (long)(entered.Quantity * 10000);
                Assert.True(line.Gross == HalfUp((Int128)entered.UnitPrice * quantity, 10000), $"document {i} line {l}");
                Assert.True(line.TotalAfterVat <= line.Gross || input.Mode == VatMode.Exclusive, $"document {i} line {l}");
                if (input.Mode == VatMode.Exclusive)
                {
                    Assert.True(line.TotalBeforeVat == line.Gross - line.DiscountValue, $"document {i} line {l}");
                    Assert.True(line.TotalAfterVat == line.TotalBeforeVat + HalfUp((Int128)line.TotalBeforeVat * ScaledRate(entered.Rate), 1_000_000), $"document {i} line {l}");
                }
                Assert.True(line.DocumentDiscountShare + line.AmountAfterDiscounts == (input.Mode == VatMode.Exclusive ? line.TotalBeforeVat : line.TotalAfterVat), $"document {i} line {l}");
            }
        });
    }

    [Fact]
    public void document_discount_shares_sum_exactly_to_the_discount()
    {
        ForAll((i, input, t) =>
        {
            var netAmountOnGross = input.Mode == VatMode.Inclusive && input.InclusiveDiscountMode == VatMode.Exclusive && input.Discount is { Type: DiscountType.Amount };
            if (!netAmountOnGross)
                Assert.True(t.DiscountValue == t.Lines.Sum(l => l.DocumentDiscountShare), $"document {i}");
            Assert.True(t.DiscountValue <= (input.Mode == VatMode.Exclusive || netAmountOnGross ? t.Subtotal : t.SubtotalAfterVat), $"document {i}");
            if (input.Mode == VatMode.Exclusive)
                Assert.True(t.DiscountedSubtotal == t.Subtotal - t.DiscountValue, $"document {i}");
        });
    }

    [Fact]
    public void exclusive_group_bases_sum_to_the_discounted_subtotal_and_vat_is_rounded_once_per_group()
    {
        ForAll((i, input, t) =>
        {
            if (input.Mode != VatMode.Exclusive) return;
            Assert.True(t.VatGroups.Sum(g => g.TaxableAmount) == t.DiscountedSubtotal, $"document {i}");
            Assert.True(t.Lines.Sum(l => l.AmountAfterDiscounts) == t.DiscountedSubtotal, $"document {i}");
            foreach (var g in t.VatGroups)
            {
                var rate = input.Lines.First(l => l.Rate.Value == g.Value && (l.Rate.IsCustom ? l.Rate.Id == g.Id : !g.IsCustom)).Rate;
                Assert.True(g.Amount == HalfUp((Int128)g.TaxableAmount * ScaledRate(rate), 1_000_000), $"document {i} group {g.Value}");
            }
        });
    }

    [Fact]
    public void inclusive_gross_after_discounts_is_the_total_and_vat_is_the_part_of_each_group()
    {
        ForAll((i, input, t) =>
        {
            if (input.Mode != VatMode.Inclusive) return;
            Assert.True(t.Lines.Sum(l => l.AmountAfterDiscounts) == t.TotalAmount, $"document {i}");
            foreach (var g in t.VatGroups)
            {
                var rate = ScaledRate(input.Lines.First(l => l.Rate.Value == g.Value && (l.Rate.IsCustom ? l.Rate.Id == g.Id : !g.IsCustom)).Rate);
                var gross = (Int128)(g.TaxableAmount + g.Amount);
                Assert.True(g.Amount == HalfUp(gross * rate, 1_000_000 + rate), $"document {i} group {g.Value}");
            }
        });
    }

    [Fact]
    public void components_sum_to_their_group_vat()
    {
        ForAll((i, _, t) =>
        {
            foreach (var g in t.VatGroups.Where(g => g.Components.Count > 0))
                Assert.True(g.Components.Sum(c => c.Amount) == g.Amount, $"document {i} group {g.Value}");
        });
    }

    [Fact]
    public void amount_due_is_the_total_less_deductions_and_never_above_the_total()
    {
        ForAll((i, input, t) =>
        {
            Assert.True(t.AmountDue <= t.TotalAmount, $"document {i}");
            Assert.True(t.AmountDue == Math.Max(0, t.TotalAmount - input.DeductionTotal), $"document {i}");
            Assert.True((t.TotalWithholdingTax is null) == (input.WithholdingTaxRate is null), $"document {i}");
            if (input.WithholdingTaxRate is { } rate)
                Assert.True(t.TotalWithholdingTax == HalfUp((Int128)t.DiscountedSubtotal * rate, 10000), $"document {i}");
        });
    }

    [Fact]
    public void the_same_input_always_gives_the_same_output()
    {
        ForAll((i, input, t) =>
        {
            var again = TotalsEngine.Compute(input with { Lines = input.Lines.ToArray() });
            Assert.True(JsonSerializer.Serialize(t) == JsonSerializer.Serialize(again), $"document {i}");
        });
    }

    [Fact]
    public void largest_remainder_parts_sum_exactly_and_stay_within_one_unit_of_the_exact_share()
    {
        var random = new Random(Seed);
        for (var run = 0; run < Documents; run++)
        {
            var weights = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(4) == 0 ? 0L : random.NextInt64(0, random.Next(2) == 0 ? 50 : 1_000_000_000_000)).ToArray();
            var total = weights.Sum();
            if (total == 0) continue;
            var amount = random.NextInt64(0, total + 1);
            var parts = Allocation.LargestRemainder(amount, weights);

            Assert.True(parts.Sum() == amount, $"run {run}");
            for (var w = 0; w < weights.Length; w++)
            {
                Assert.True(parts[w] <= weights[w], $"run {run} part {w}");
                var exact = (decimal)amount * weights[w] / total;
                Assert.True(Math.Abs(parts[w] - exact) < 1, $"run {run} part {w}");
            }
        }
    }
}
