using System.Globalization;
using System.Text;

namespace Receivables.Rendering;

/// <summary>
/// Numbers, money and dates as one language writes them. Separators and month names come from <see cref="PdfTexts"/>
/// rather than from .NET cultures, so a PDF reads the same on every machine (ICU data or invariant globalization
/// alike). Money has the currency's ISO 4217 minor units unless a column asks for another precision.
/// </summary>
internal sealed class PdfFormat(PdfTexts texts, string currency)
{
    public string Currency { get; } = currency;

    /// <summary>The currency's minor units (EUR 2, JPY 0, KWD 3), or 2 for a code outside the list.</summary>
    public int MinorUnits { get; } = Currencies.TryGetMinorUnits(currency, out var exponent) ? exponent : 2;

    /// <summary>An amount with the currency code: "EUR 1,234.56" in English, "1.234,56 EUR" in German.</summary>
    public string Money(long minorUnits, int? precision = null)
    {
        var number = Amount(minorUnits, precision);
        return texts.CurrencyAfterAmount ? $"{number} {Currency}" : $"{Currency} {number}";
    }

    /// <summary>A negative amount, for what the totals subtract (discounts, withholding, deductions).</summary>
    public string Minus(long minorUnits) => Money(-minorUnits);

    /// <summary>An amount without currency code, in the column's precision (2..4) or the currency's minor units.</summary>
    public string Amount(long minorUnits, int? precision = null)
    {
        var major = minorUnits / (decimal)Math.Pow(10, MinorUnits);
        return Number(major, precision ?? MinorUnits);
    }

    /// <summary>A number with exactly <paramref name="decimals"/> places, grouped by thousands (half away from zero).</summary>
    public string Number(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var invariant = Math.Abs(rounded).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var text = new StringBuilder(invariant.Length + 1);
        if (rounded < 0) text.Append('-');
        foreach (var c in invariant)
            text.Append(c switch { ',' => texts.GroupSeparator, '.' => texts.DecimalSeparator, _ => c.ToString() });
        return text.ToString();
    }

    /// <summary>A quantity as entered: no trailing zeros ("2", "1.5" / "1,5").</summary>
    public string Quantity(decimal quantity)
    {
        var decimals = Math.Max(0, (int)((decimal.GetBits(quantity / 1.0000000000000000000000000000m)[3] >> 16) & 0xFF));
        return Number(quantity, decimals);
    }

    /// <summary>
    /// A rate in basis points as a percentage: "19 %" / "7,5 %" with only the places it needs, or exactly
    /// <paramref name="precision"/> places when a column asks for them.
    /// </summary>
    public string Percent(long basisPoints, int? precision = null)
    {
        var percent = basisPoints / 100m;
        var decimals = precision ?? (basisPoints % 100 == 0 ? 0 : basisPoints % 10 == 0 ? 1 : 2);
        return Number(percent, decimals) + " %";
    }

    public string Date(DateOnly date) => texts.NumericDates
        ? date.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture)
        : $"{date.Day.ToString(CultureInfo.InvariantCulture)} {texts.Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    public string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(instant.UtcDateTime));
}
