using System.Globalization;
using System.Text.RegularExpressions;
using Receivables.Domain;

namespace Receivables.Api;

/// <summary>
/// The value checks of list parameters: each returns the value in the form stored documents hold it, or throws a 422
/// at <c>["query", parameter]</c>.
/// </summary>
public static partial class ListValues
{
    public static readonly ListValue Uuid = (p, raw) =>
        Guid.TryParse(raw, out var id) ? id.ToString() : throw Invalid(p, "value is not a valid uuid", "type_error.uuid");

    /// <summary>Stored timestamps are fixed-width UTC strings, so a comparison on the same form is a time comparison. No zone means UTC.</summary>
    public static readonly ListValue Timestamp = (p, raw) =>
        IsoTimestamp().IsMatch(raw) && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? UtcTimestampConverter.Format(at)
            : throw Invalid(p, "invalid datetime format", "value_error.datetime");

    /// <summary>
    /// ISO 8601 only (spec 1.4): a date, or a date and time with optional seconds, fraction and zone. TryParse alone
    /// would also take "1 Jan" or "01/02/2024" and guess what they mean.
    /// </summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();

    /// <summary>A calendar date, stored as <c>yyyy-MM-dd</c>.</summary>
    public static readonly ListValue Date = (p, raw) =>
        DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw Invalid(p, "invalid date format", "value_error.date");

    /// <summary>An amount in minor units, within the API's amount range.</summary>
    public static readonly ListValue Amount = (p, raw) =>
    {
        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            throw Invalid(p, "value is not a valid integer", "type_error.integer");
        return Math.Abs(amount) <= Money.MaxAmount ? amount : throw Invalid(p, $"ensure this value is at most {Money.MaxAmount} in magnitude", "value_error.number.not_le");
    };

    public static readonly ListValue Bool = (p, raw) => raw switch
    {
        "true" => true,
        "false" => false,
        _ => throw Invalid(p, "value could not be parsed to a boolean", "type_error.bool"),
    };

    public static readonly ListValue Currency = (p, raw) =>
        Codes.Currencies.Contains(raw) ? raw : throw Invalid(p, "value is not a valid enumeration member (ISO 4217)", "type_error.enum");

    /// <summary>Free text up to <paramref name="maxLength"/> characters.</summary>
    public static ListValue Text(int maxLength) => (p, raw) =>
        raw.Length <= maxLength ? raw : throw Invalid(p, $"ensure this value has at most {maxLength} characters", "value_error.any_str.max_length");

    /// <summary>One of <paramref name="allowed"/>.</summary>
    public static ListValue Enum(params string[] allowed)
    {
        var permitted = string.Join(", ", allowed.Select(a => $"'{a}'"));
        return (p, raw) => allowed.Contains(raw, StringComparer.Ordinal) ? raw : throw Invalid(p, $"value is not a valid enumeration member; permitted: {permitted}", "type_error.enum");
    }

    public static ValidationException Invalid(string parameter, string msg, string type) => ValidationException.Of(["query", parameter], msg, type);
}
