namespace Receivables.Domain.Totals;

/// <summary>Splitting an amount into parts that sum to it exactly.</summary>
public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="amount"/> in proportion to <paramref name="weights"/> by the largest-remainder method:
    /// every part gets the floor of its exact share, then the units left over go one each to the parts with the largest
    /// remainders; equal remainders go to the earlier part. The parts sum to <paramref name="amount"/> exactly and no
    /// part exceeds its weight when the amount does not exceed the weights' sum. All weights zero: all parts zero
    /// (the amount must then be zero).
    /// </summary>
    public static long[] LargestRemainder(long amount, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var parts = new long[weights.Count];
        Int128 total = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            total += w;
        }
        if (amount == 0) return parts;
        if (total == 0) throw new ArgumentException("A non-zero amount cannot be split over zero weights", nameof(weights));

        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            // Exact integer arithmetic: amount and weights are at most 2^53, their product fits in 128 bits.
            var exact = (Int128)amount * weights[i];
            parts[i] = (long)(exact / total);
            remainders[i] = exact % total;
            given += parts[i];
        }
        var left = amount - given;
        if (left > 0)
        {
            var order = Enumerable.Range(0, weights.Count)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take((int)left);
            foreach (var i in order) parts[i]++;
        }
        return parts;
    }
}
