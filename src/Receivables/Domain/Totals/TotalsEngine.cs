namespace Receivables.Domain.Totals;

/// <summary>
/// The totals of a document (spec 5.7): line discounts, the document discount and its allocation to lines, VAT per
/// rate group and its components, withholding tax and the amount due at issue. Pure: no I/O, one rounding rule
/// (<see cref="Money.Round"/>, half away from zero on minor units), every sum checked against
/// <see cref="Money.MaxAmount"/> (<see cref="AmountOutOfRangeException"/>).
/// </summary>
/// <remarks>
/// Exclusive VAT mode (prices are net): gross = round(price × quantity); the line discount (clamped to the gross)
/// gives the line net; the document discount (clamped to the subtotal) is allocated to the lines in proportion to
/// their net by largest remainder; each VAT group's VAT is round(Σ taxable × rate) on the group's sum.
/// Inclusive VAT mode (prices are gross): the same steps run on gross amounts, and each group's VAT is the part of
/// its gross sum: round(G × rate / (1 + rate)); the group's net is G − VAT. Amount discounts are gross under
/// <c>vat_inclusive_discount_mode = inclusive</c>, and net under <c>exclusive</c> (grossed up at the line's rate to
/// reduce the line's gross); percentage discounts are the same either way.
/// </remarks>
public static class TotalsEngine
{
    private const decimal BasisPoints = 10_000m;

    public static DocumentTotals Compute(TotalsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Lines);
        Validate(input);

        var inclusive = input.Mode == VatMode.Inclusive;
        var netAmountDiscounts = inclusive && input.InclusiveDiscountMode == VatMode.Exclusive;
        var lines = input.Lines;
        var n = lines.Count;
        var rates = new decimal[n];
        var gross = new long[n];
        var lineDiscount = new long[n];
        var net = new long[n];
        var after = new long[n];
        var unitAfter = new long[n];

        for (var i = 0; i < n; i++)
        {
            var line = lines[i];
            var rate = rates[i] = EffectiveRate(line.Rate);
            var g = gross[i] = Money.Round(line.Quantity * line.UnitPrice);
            if (!inclusive)
            {
                var discount = lineDiscount[i] = DiscountOn(g, line.Discount);
                net[i] = g - discount;
                after[i] = Money.Add(net[i], VatOn(net[i], rate));
                unitAfter[i] = Money.Add(line.UnitPrice, VatOn(line.UnitPrice, rate));
            }
            else
            {
                long grossReduction;
                if (netAmountDiscounts && line.Discount is { Type: DiscountType.Amount })
                {
                    var lineNet = g - VatIncluded(g, rate);
                    var discount = lineDiscount[i] = Math.Min(line.Discount.Amount, lineNet);
                    grossReduction = GrossUp(discount, lineNet, g, rate);
                }
                else
                {
                    grossReduction = lineDiscount[i] = DiscountOn(g, line.Discount);
                }
                after[i] = g - grossReduction;
                unitAfter[i] = line.UnitPrice;
            }
        }

        var (groupOf, groupFirst) = GroupLines(lines);
        if (inclusive)
        {
            // Line nets in inclusive mode: each group's net (its gross less the VAT it contains, rounded once) is
            // split over the group's lines in proportion to their gross, so Σ line net = subtotal = the groups' net.
            var groupGross = SumByGroup(after, groupOf, groupFirst.Length);
            for (var k = 0; k < groupFirst.Length; k++)
            {
                var members = Enumerable.Range(0, n).Where(i => groupOf[i] == k).ToArray();
                var groupNet = groupGross[k] - VatIncluded(groupGross[k], rates[groupFirst[k]]);
                var parts = Allocation.LargestRemainder(groupNet, members.Select(i => after[i]).ToArray());
                for (var m = 0; m < members.Length; m++) net[members[m]] = parts[m];
            }
        }

        var subtotal = Sum(net);
        var subtotalAfterVat = Sum(after);

        // The document discount, and its share of each line: net shares in exclusive mode, gross in inclusive mode.
        long discountValue;
        long[] shares;
        var bases = inclusive ? after : net;
        if (netAmountDiscounts && input.Discount is { Type: DiscountType.Amount })
        {
            discountValue = Math.Min(input.Discount.Amount, subtotal);
            var netShares = Allocation.LargestRemainder(discountValue, net);
            shares = new long[n];
            for (var i = 0; i < n; i++) shares[i] = GrossUp(netShares[i], net[i], after[i], rates[i]);
        }
        else
        {
            discountValue = DiscountOn(inclusive ? subtotalAfterVat : subtotal, input.Discount);
            shares = Allocation.LargestRemainder(discountValue, bases);
        }
        var remaining = new long[n];
        for (var i = 0; i < n; i++) remaining[i] = bases[i] - shares[i];

        var groups = Groups(lines, rates, remaining, groupOf, groupFirst, inclusive);
        var totalVat = groups.Aggregate(0L, (sum, g) => Money.Add(sum, g.Amount));
        var discountedSubtotal = inclusive
            ? groups.Aggregate(0L, (sum, g) => Money.Add(sum, g.TaxableAmount))
            : subtotal - discountValue;
        var totalAmount = Money.Add(discountedSubtotal, totalVat);
        long? withholding = input.WithholdingTaxRate is { } wht ? Money.Percent(discountedSubtotal, wht) : null;
        var amountDue = Math.Max(0, totalAmount - input.DeductionTotal);

        var lineTotals = new LineTotals[n];
        for (var i = 0; i < n; i++)
            lineTotals[i] = new LineTotals(gross[i], lineDiscount[i], net[i], after[i], unitAfter[i], shares[i], remaining[i]);

        return new DocumentTotals(lineTotals, subtotal, subtotalAfterVat, discountValue, discountedSubtotal, totalVat, groups,
            totalAmount, withholding, amountDue);
    }

    /// <summary>
    /// The rate a line is taxed at, in basis points: the sum of its components when it has any (each rounded to 2
    /// decimals, spec 1.4), else its value.
    /// </summary>
    public static decimal EffectiveRate(VatRateInput rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return rate.Components is { Count: > 0 } components
            ? components.Sum(c => ComponentValue(c.Value))
            : rate.Value;
    }

    /// <summary>VAT added to a net amount: round(amount × rate / 10000).</summary>
    public static long VatOn(long netAmount, decimal rate) => Money.Round(netAmount * rate / BasisPoints);

    /// <summary>VAT contained in a gross amount: round(gross × rate / (10000 + rate)).</summary>
    public static long VatIncluded(long grossAmount, decimal rate) => Money.Round(grossAmount * rate / (BasisPoints + rate));

    private static decimal ComponentValue(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>A discount's money value on <paramref name="amount"/>, clamped to it.</summary>
    private static long DiscountOn(long amount, DiscountInput? discount) => discount switch
    {
        null => 0,
        { Type: DiscountType.Percentage } d => Math.Min(amount, Money.Percent(amount, d.Amount)),
        { } d => Math.Min(amount, d.Amount),
    };

    /// <summary>
    /// The gross reduction for a net discount on a line of <paramref name="lineNet"/> net and <paramref name="lineGross"/>
    /// gross: the discount plus its VAT, all of the gross when the whole net is discounted.
    /// </summary>
    private static long GrossUp(long netDiscount, long lineNet, long lineGross, decimal rate) =>
        netDiscount >= lineNet ? lineGross : Math.Min(lineGross, Money.Add(netDiscount, VatOn(netDiscount, rate)));

    private static long Sum(IEnumerable<long> amounts) => amounts.Aggregate(0L, Money.Add);

    /// <summary>
    /// The VAT group of each line, and the first line of each group, groups in the order of <c>total_vat_amounts</c>
    /// (rate value ascending, then first appearance). Standard rates group by value; custom rates by value, id and
    /// name. A group's rate details (id, name, components) are those of its first line.
    /// </summary>
    private static (int[] GroupOf, int[] GroupFirst) GroupLines(IReadOnlyList<TotalsLine> lines)
    {
        var first = new Dictionary<(long, Guid?, string?, bool), int>();
        var keys = new (long Value, Guid? Id, string? Name, bool IsCustom)[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var rate = lines[i].Rate;
            keys[i] = rate.IsCustom ? (rate.Value, rate.Id, rate.Name, true) : (rate.Value, null, null, false);
            first.TryAdd(keys[i], i);
        }
        var groupFirst = first.Values.OrderBy(i => keys[i].Value).ThenBy(i => i).ToArray();
        var index = new Dictionary<(long, Guid?, string?, bool), int>();
        for (var k = 0; k < groupFirst.Length; k++) index[keys[groupFirst[k]]] = k;
        return (keys.Select(key => index[key]).ToArray(), groupFirst);
    }

    private static long[] SumByGroup(long[] amounts, int[] groupOf, int groups)
    {
        var sums = new long[groups];
        for (var i = 0; i < amounts.Length; i++) sums[groupOf[i]] = Money.Add(sums[groupOf[i]], amounts[i]);
        return sums;
    }

    private static VatGroupTotal[] Groups(IReadOnlyList<TotalsLine> lines, decimal[] rates, long[] amounts, int[] groupOf, int[] groupFirst, bool inclusive)
    {
        var sums = SumByGroup(amounts, groupOf, groupFirst.Length);
        var groups = new VatGroupTotal[groupFirst.Length];
        for (var k = 0; k < groupFirst.Length; k++)
        {
            var line = groupFirst[k];
            var rate = lines[line].Rate;
            // Exclusive: the sum is net and VAT is added. Inclusive: the sum is gross and VAT is the part of it.
            var vat = inclusive ? VatIncluded(sums[k], rates[line]) : VatOn(sums[k], rates[line]);
            var taxable = inclusive ? sums[k] - vat : sums[k];
            groups[k] = new VatGroupTotal(rate.Value, rate.Id, rate.Name, rate.IsCustom, taxable, vat, Components(rate, vat));
        }
        return groups;
    }

    /// <summary>The group's VAT split over its rate's components in proportion to their values (largest remainder).</summary>
    private static VatComponentTotal[] Components(VatRateInput rate, long vat)
    {
        if (rate.Components is not { Count: > 0 } components) return [];
        var values = components.Select(c => ComponentValue(c.Value)).ToArray();
        var weights = values.Select(v => (long)(v * 100)).ToArray();
        var amounts = Allocation.LargestRemainder(vat, weights);
        return components.Select((c, i) => new VatComponentTotal(c.Name, values[i], amounts[i])).ToArray();
    }

    private static void Validate(TotalsInput input)
    {
        foreach (var line in input.Lines)
        {
            ArgumentNullException.ThrowIfNull(line, nameof(input));
            ArgumentNullException.ThrowIfNull(line.Rate, nameof(input));
            if (line.Quantity is < 0 or > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(input), "A quantity is 0..2147483647");
            CheckAmount(line.UnitPrice);
            CheckDiscount(line.Discount);
            CheckRate(line.Rate.Value);
            foreach (var component in line.Rate.Components ?? [])
            {
                ArgumentNullException.ThrowIfNull(component, nameof(input));
                if (component.Value < 0) throw new ArgumentOutOfRangeException(nameof(input), "A VAT component cannot be negative");
            }
            if (EffectiveRate(line.Rate) > BasisPoints) throw new ArgumentOutOfRangeException(nameof(input), "A VAT rate cannot exceed 100 %");
        }
        CheckDiscount(input.Discount);
        if (input.WithholdingTaxRate is { } wht) CheckRate(wht);
        CheckAmount(input.DeductionTotal);
    }

    private static void CheckAmount(long amount)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "An amount cannot be negative");
        if (amount > Money.MaxAmount) throw new AmountOutOfRangeException();
    }

    private static void CheckRate(long basisPoints)
    {
        if (basisPoints is < 0 or > 10_000) throw new ArgumentOutOfRangeException(nameof(basisPoints), "A rate is 0..10000 basis points");
    }

    private static void CheckDiscount(DiscountInput? discount)
    {
        if (discount is null) return;
        if (discount.Type == DiscountType.Percentage) CheckRate(discount.Amount);
        else CheckAmount(discount.Amount);
    }
}
