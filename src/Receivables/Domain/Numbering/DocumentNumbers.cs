using System.Globalization;

namespace Receivables.Domain.Numbering;

/// <summary>
/// How an issued document's number reads (spec 5.6): <c>{type prefix}{sep}{company prefix}{sep}{year}{sep}{number}</c>,
/// the optional parts left out with their separator, the number zero-padded to <paramref name="MinDigits"/>.
/// </summary>
public sealed record DocumentNumberFormat(string TypePrefix, string? Prefix, string Separator, bool IncludeDate, int MinDigits)
{
    public string Format(long number, int year)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number), "Document numbers start at 1");
        var parts = new List<string>(4) { TypePrefix };
        if (!string.IsNullOrEmpty(Prefix)) parts.Add(Prefix);
        if (IncludeDate) parts.Add(year.ToString("D4", CultureInfo.InvariantCulture));
        parts.Add(number.ToString(CultureInfo.InvariantCulture).PadLeft(MinDigits, '0'));
        return string.Join(Separator, parts);
    }
}

/// <summary>
/// An entity's counters, one per document type (<c>invoice</c>, <c>quote</c>, <c>credit_note</c>, <c>delivery_note</c>,
/// <c>purchase_order</c>): the next number to give and the last one given. Numbers are gapless and strictly increasing
/// because taking one and issuing the document are written together, or not at all.
/// </summary>
public sealed class DocumentCounters
{
    public static readonly string[] Types = ["invoice", "quote", "credit_note", "delivery_note", "purchase_order"];

    public Dictionary<string, long> Next { get; init; } = Types.ToDictionary(t => t, _ => 1L);
    public Dictionary<string, long> LastIssued { get; init; } = Types.ToDictionary(t => t, _ => 0L);

    public long NextOf(string type) => Next.GetValueOrDefault(type, 1);

    /// <summary>The number for a document of <paramref name="type"/> being issued now; the counter moves past it.</summary>
    public long Take(string type)
    {
        var number = NextOf(type);
        LastIssued[type] = number;
        Next[type] = number + 1;
        return number;
    }

    /// <summary><c>next_number</c> from the settings: never at or below a number already given, so none repeats.</summary>
    public void SetNext(string type, long next)
    {
        var last = LastIssued.GetValueOrDefault(type, 0);
        if (next <= last)
            throw ValidationException.Of(["body", "document_ids", "next_number", type],
                $"next_number for {type} must be greater than {last}, the last number issued", "value_error.number.not_gt");
        Next[type] = next;
    }
}
