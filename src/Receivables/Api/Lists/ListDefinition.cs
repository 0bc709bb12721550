using System.Collections.Frozen;

namespace Receivables.Api;

/// <summary>
/// One paged list of the API, declared: the resource it reads, its filters (query parameters or search-body
/// fields), the fields it sorts on and its largest page. <see cref="ListReader"/> turns a declaration and a request
/// into one keyset query per page; every list of the API is one of these.
/// </summary>
public sealed class ListDefinition
{
    /// <summary>Bound into every cursor, so a token of one list is refused by another.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>resource</c> of the documents listed.</summary>
    public required string Resource { get; init; }

    /// <summary>Largest <c>limit</c>; the default is this, capped at 100 (spec 1.5).</summary>
    public int MaxLimit { get; init; } = 100;

    /// <summary>
    /// Sort name → dotted path of a value every listed document has, never null (a string or a number): pages are
    /// cut on (that value, id), so a missing value would make the order partial.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Sorts { get; init; }

    public string DefaultSort { get; init; } = "created_at";

    public required IReadOnlyList<ListFilter> Filters
    {
        get => filters;
        init
        {
            filters = value;
            byName = value.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>Older names still accepted for a filter (Monite's guide writes <c>amount__gte</c> for <c>total_amount__gte</c>).</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = FrozenDictionary<string, string>.Empty;

    private readonly IReadOnlyList<ListFilter> filters = [];
    private FrozenDictionary<string, ListFilter> byName = FrozenDictionary<string, ListFilter>.Empty;

    public ListFilter? Filter(string name) => byName.GetValueOrDefault(name);

    public int DefaultLimit => Math.Min(100, MaxLimit);
}

/// <summary>How a filter with several values combines them.</summary>
public enum FilterValues
{
    /// <summary>One value; repeated in a query string, the last one counts (as in the original API).</summary>
    One,

    /// <summary>Several values passed as one array parameter: <c>{0}</c> is the array.</summary>
    Array,

    /// <summary>Several values, the condition must hold for every one of them.</summary>
    All,

    /// <summary>Several values, the condition must hold for at least one of them.</summary>
    Any,
}

/// <summary>
/// A filter: its parameter name, how a raw value is checked and converted, and its condition, where <c>{0}</c>
/// stands for the value (always a query parameter, never text spliced into the SQL).
/// </summary>
public sealed record ListFilter(string Name, ListValue Parse, string Condition, FilterValues Values = FilterValues.One)
{
    /// <summary>Most values a list-valued filter takes: bounded work for a request, checked before any value is.</summary>
    public const int MaxValues = 250;

    public bool IsList => Values != FilterValues.One;
}

/// <summary>Checks one raw value of <paramref name="parameter"/> and returns it in the form the store compares.</summary>
public delegate object ListValue(string parameter, string raw);

/// <summary>The filter shapes of spec 1.5, so that each list declares its parameters in a line each.</summary>
public static class Filters
{
    private static readonly (string Suffix, string Operator)[] Ranges = [("__gt", ">"), ("__gte", ">="), ("__lt", "<"), ("__lte", "<=")];

    /// <summary><c>name</c>: the value equals the field.</summary>
    public static ListFilter Equal(string name, ListValue parse, string field) => new(name, parse, $"{field} = {{0}}");

    /// <summary><c>name</c> (a list): the field equals any of the values.</summary>
    public static ListFilter In(string name, ListValue parse, string field) => new(name, parse, $"ARRAY_CONTAINS({{0}}, {field})", FilterValues.Array);

    /// <summary><c>name__gt</c>, <c>__gte</c>, <c>__lt</c>, <c>__lte</c>, and with <paramref name="exact"/> <c>name</c> itself.</summary>
    public static IEnumerable<ListFilter> Compare(string name, ListValue parse, string field, bool exact = false, string? also = null)
    {
        var extra = also is null ? "" : " AND " + also;
        if (exact) yield return new(name, parse, $"({field} = {{0}}{extra})");
        foreach (var (suffix, op) in Ranges) yield return new(name + suffix, parse, $"({field} {op} {{0}}{extra})");
    }

    /// <summary><c>name</c> (exact, case-sensitive), <c>name__contains</c> and <c>name__icontains</c>.</summary>
    public static IEnumerable<ListFilter> Text(string name, ListValue parse, string field)
    {
        yield return new(name, parse, $"{field} = {{0}}");
        yield return new(name + "__contains", parse, $"CONTAINS({field}, {{0}})");
        // LOWER on both sides: the portable form of a case-insensitive CONTAINS (the test server lacks its third argument).
        yield return new(name + "__icontains", (p, raw) => ((string)parse(p, raw)).ToLowerInvariant(), $"CONTAINS(LOWER({field}), {{0}})");
    }

    /// <summary><c>name</c> (a list): the array field holds every value.</summary>
    public static ListFilter HasAll(string name, ListValue parse, string arrayField) => new(name, parse, $"ARRAY_CONTAINS({arrayField}, {{0}})", FilterValues.All);

    /// <summary><c>name</c> (a list): the array field holds at least one of the values.</summary>
    public static ListFilter HasAny(string name, ListValue parse, string arrayField) => new(name, parse, $"ARRAY_CONTAINS({arrayField}, {{0}})", FilterValues.Any);
}
