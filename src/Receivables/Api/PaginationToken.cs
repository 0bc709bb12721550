using System.Buffers.Text;
using System.Text.Json;

namespace Receivables.Api;

/// <summary>
/// The opaque <c>pagination_token</c> (spec 1.5): the store's continuation plus the filters and order of the
/// first query, so that a token alone continues the same query. <c>limit</c> is not carried.
/// </summary>
public sealed record PaginationToken(string Continuation, Dictionary<string, string?> Query)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ApiJson.Storage));

    public static PaginationToken Decode(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<PaginationToken>(Base64Url.DecodeFromChars(token), ApiJson.Storage)
                ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw ValidationException.Of(["query", "pagination_token"], "invalid pagination token", "value_error");
        }
    }
}


public static class ListQuery
{
    /// <summary><c>limit</c>: 1..<paramref name="max"/>, default <paramref name="max"/> capped at 100 (spec 1.5).</summary>
    public static int Limit(ApiRequest request, int max)
    {
        var raw = request.Query("limit");
        if (raw is null) return Math.Min(100, max);
        if (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit))
            throw ValidationException.Of(["query", "limit"], "value is not a valid integer", "type_error.integer");
        if (limit < 1 || limit > max)
            throw ValidationException.Of(["query", "limit"], $"ensure this value is between 1 and {max}", "value_error.number.not_in_range");
        return limit;
    }
}
