namespace Receivables.Domain;

/// <summary>Rounding of money computed from prices, quantities and rates. One rule, used everywhere.</summary>
public static class Money
{
    /// <summary>Largest amount the API accepts or returns (2^53 - 1, the JSON-safe integer limit).</summary>
    public const long MaxAmount = 9_007_199_254_740_991;

    /// <summary>Half away from zero: the commercial rounding invoices use (0.5 cent rounds up).</summary>
    public static long Round(decimal minorUnits)
    {
        var rounded = Math.Round(minorUnits, 0, MidpointRounding.AwayFromZero);
        if (rounded > MaxAmount || rounded < -MaxAmount) throw new AmountOutOfRangeException();
        return (long)rounded;
    }

    /// <summary><paramref name="amount"/> × <paramref name="basisPoints"/> / 10000, rounded.</summary>
    public static long Percent(long amount, long basisPoints) => Round(amount * (decimal)basisPoints / 10_000m);

    /// <summary>A sum of amounts, refused past <see cref="MaxAmount"/>.</summary>
    public static long Add(long a, long b)
    {
        var sum = checked(a + b);
        if (sum > MaxAmount || sum < -MaxAmount) throw new AmountOutOfRangeException();
        return sum;
    }
}

/// <summary>An amount would exceed what the API can represent (2^53 - 1 minor units).</summary>
public sealed class AmountOutOfRangeException() : Exception($"An amount exceeds the largest supported value {Money.MaxAmount}");
