using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Receivables.Auth;

namespace Receivables.Api;

/// <summary>
/// Where a page starts: the query it belongs to (list, owner, filters, sort, order) and the (sort value, id) key of the
/// document it continues after (or, walking back, before). <paramref name="Inclusive"/> only when that document was
/// the request's own key and the page came back empty (the documents around it were deleted).
/// </summary>
public sealed record PageCursor(
    [property: JsonPropertyName("l")] string List,
    [property: JsonPropertyName("w")] string Owner,
    [property: JsonPropertyName("f")] SortedDictionary<string, string[]> Filters,
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("d")] bool Descending,
    [property: JsonPropertyName("b")] bool Backward,
    [property: JsonPropertyName("k")] JsonElement Key,
    [property: JsonPropertyName("i")] string Id,
    [property: JsonPropertyName("n")] bool Inclusive);

/// <summary>
/// The opaque <c>pagination_token</c> (spec 1.5): a <see cref="PageCursor"/> with an HMAC, so a client can neither
/// forge one nor alter its filters (which would let it read past its own query), and a token is honoured only by the
/// list and entity it was issued for. The key is derived from the token-signing key; no new secret to manage.
/// </summary>
public sealed class PageTokens(AuthOptions auth)
{
    private const int MacBytes = 16;

    private readonly byte[] key = HMACSHA256.HashData(
        Encoding.UTF8.GetBytes(auth.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set")),
        "receivables/pagination_token/v1"u8);

    public string Encode(PageCursor cursor)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(cursor);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Mac(payload));
    }

    /// <summary>The cursor of <paramref name="token"/>, if it is intact and was issued for this list and owner; 422 otherwise.</summary>
    public PageCursor Decode(string token, string list, string owner, string source)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        PageCursor? cursor = null;
        if (dot > 0 && token.Length <= 64 * 1024)
        {
            try
            {
                var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
                var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
                if (CryptographicOperations.FixedTimeEquals(mac, Mac(payload)))
                    cursor = JsonSerializer.Deserialize<PageCursor>(payload);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                cursor = null;
            }
        }
        if (cursor?.Filters is null || cursor.Sort is null || cursor.Id is null)
            throw ValidationException.Of([source, "pagination_token"], "invalid pagination token", "value_error");
        if (cursor.List != list || cursor.Owner != owner)
            throw ValidationException.Of([source, "pagination_token"], "this pagination token belongs to another list or entity", "value_error");
        return cursor;
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(key, payload)[..MacBytes];
}
