using Receivables.Domain;
using Receivables.Entities;

namespace Receivables.Documents;

/// <summary>
/// Line and document totals (spec 5.7) for line discounts and both VAT modes. VAT is computed per rate
/// group on the group's sum, then the line figures are shown with their own rounding.
/// </summary>
public static class Totals
{
    public sealed record Line(decimal Quantity, long UnitPrice, long VatRate, Discount? Discount);

    public sealed record LineTotals(long TotalBeforeVat, long TotalAfterVat, long UnitPriceAfterVat);

    public sealed record VatGroup(long Rate, long TaxableAmount, long Amount);

    public sealed record DocumentTotals(IReadOnlyList<LineTotals> Lines, long Subtotal, long SubtotalAfterVat, long TotalVatAmount, IReadOnlyList<VatGroup> VatGroups, long TotalAmount);

    public static DocumentTotals Compute(IReadOnlyList<Line> lines, VatMode mode)
    {
        var lineTotals = new List<LineTotals>(lines.Count);
        var groups = new SortedDictionary<long, long>();
        foreach (var line in lines)
        {
            var gross = Money.Round(line.UnitPrice * line.Quantity);
            var discount = line.Discount switch
            {
                null => 0,
                { Type: DiscountType.Amount } d => d.Amount,
                { Type: DiscountType.Percentage } d => Money.Percent(gross, d.Amount),
                _ => 0,
            };
            var amount = Math.Max(0, gross - Math.Min(discount, gross));
            groups[line.VatRate] = Money.Add(groups.GetValueOrDefault(line.VatRate), amount);
            lineTotals.Add(mode == VatMode.Exclusive
                ? new LineTotals(amount, Money.Add(amount, Money.Percent(amount, line.VatRate)), Money.Add(line.UnitPrice, Money.Percent(line.UnitPrice, line.VatRate)))
                : new LineTotals(amount - IncludedVat(amount, line.VatRate), amount, line.UnitPrice));
        }

        var vatGroups = new List<VatGroup>(groups.Count);
        foreach (var (rate, sum) in groups)
        {
            // Exclusive: the sum is net and VAT is added. Inclusive: the sum is gross and VAT is the part of it.
            vatGroups.Add(mode == VatMode.Exclusive
                ? new VatGroup(rate, sum, Money.Percent(sum, rate))
                : new VatGroup(rate, sum - IncludedVat(sum, rate), IncludedVat(sum, rate)));
        }
        var vat = vatGroups.Aggregate(0L, (total, g) => Money.Add(total, g.Amount));
        var subtotal = vatGroups.Aggregate(0L, (total, g) => Money.Add(total, g.TaxableAmount));
        var total = Money.Add(subtotal, vat);
        return new DocumentTotals(lineTotals, subtotal, total, vat, vatGroups, total);
    }

    private static long IncludedVat(long gross, long rate) => Money.Round(gross * (decimal)rate / (10_000m + rate));
}
