using System.Globalization;
using System.Text.RegularExpressions;

namespace Receivables.Tests.Rendering;

/// <summary>
/// How a reader of each language expects amounts, rates and dates, written independently of the renderer (from .NET's
/// invariant formats with the separators swapped for German), so the tests compare against the convention and not
/// against the renderer's own code.
/// </summary>
public sealed record PdfExpect(string Language, string Currency, int MinorUnits)
{
    private bool German => Language == "de";

    public string Number(long minorUnits) => Number(minorUnits, MinorUnits);

    public string Number(long minorUnits, int decimals)
    {
        var text = (minorUnits / (decimal)Math.Pow(10, MinorUnits)).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return German ? text.Replace(",", "_", StringComparison.Ordinal).Replace(".", ",", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) : text;
    }

    public string Money(long minorUnits) => German ? $"{Number(minorUnits)} {Currency}" : $"{Currency} {Number(minorUnits)}";

    public string Minus(long minorUnits) => Money(-minorUnits);

    public string Quantity(decimal quantity) => German ? quantity.ToString("0.####", CultureInfo.InvariantCulture).Replace('.', ',') : quantity.ToString("0.####", CultureInfo.InvariantCulture);

    public string Percent(long basisPoints)
    {
        var text = (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);
        return (German ? text.Replace('.', ',') : text) + " %";
    }

    public string Date(DateOnly date) => German
        ? date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
        : date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(instant.UtcDateTime));
}

/// <summary>
/// Assertions over <c>pdftotext -layout</c> output: a row is one line with its cells in order. A space inside an
/// expected text may be missing from the extracted one: the layout mode snaps glyphs to a character grid and drops a
/// space between narrow glyphs ("7 %" in a right-aligned column comes out as "7%"); every other character must match.
/// </summary>
public static class PdfAssert
{
    /// <summary>Some line holds <paramref name="cells"/> left to right; the whole text is shown when none does.</summary>
    public static string Row(string text, params string[] cells)
    {
        foreach (var line in text.Split('\n'))
            if (InOrder(line, cells)) return line;
        Assert.Fail($"No line has [{string.Join(" | ", cells)}] in this order. Text:\n{text}");
        return "";
    }

    public static void NoRow(string text, params string[] cells) =>
        Assert.False(text.Split('\n').Any(l => InOrder(l, cells)), $"A line has [{string.Join(" | ", cells)}]. Text:\n{text}");

    public static void Has(string text, string expected) => Assert.True(Pattern(expected).IsMatch(text), $"'{expected}' is missing. Text:\n{text}");

    public static void Lacks(string text, string unexpected) => Assert.False(Pattern(unexpected).IsMatch(text), $"'{unexpected}' is printed. Text:\n{text}");

    public static int Count(string text, string expected) => Pattern(expected).Count(text);

    private static bool InOrder(string line, string[] cells)
    {
        var at = 0;
        foreach (var cell in cells)
        {
            var found = Pattern(cell).Match(line, at);
            if (!found.Success) return false;
            at = found.Index + found.Length;
        }
        return true;
    }

    private static Regex Pattern(string text) => new(Regex.Escape(text).Replace("\\ ", " ?", StringComparison.Ordinal), RegexOptions.CultureInvariant);
}
