using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Receivables.Api;

/// <summary>Reads a strict JSON request body: size-limited, JSON only, no unknown fields, then validated.</summary>
public static partial class RequestBody
{
    /// <summary>Large enough for an invoice with hundreds of line items; small enough to refuse abuse early.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class, IValidatable
    {
        var bytes = await ReadBytesAsync(request, ct);
        return Checked(Parse<T>(bytes));
    }

    /// <summary>For actions whose body may be left out entirely (<c>mark_as_paid</c>, <c>accept</c>): no body is null.</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct) where T : class, IValidatable
    {
        var bytes = await ReadBytesAsync(request, ct);
        return bytes.IsEmpty ? null : Checked(Parse<T>(bytes));
    }

    private static T Checked<T>(T value) where T : IValidatable
    {
        var v = new Validation("body");
        value.Validate(v);
        v.ThrowIfAny();
        return value;
    }

    /// <summary>A JSON object body read as is, for a caller that checks its members itself (the search body of a list).</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, ct);
        using var document = ParseObject(bytes);
        return document.RootElement.Clone();
    }

    private static JsonDocument ParseObject(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
            throw ValidationException.Of(["body"], "field required", "value_error.missing");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw ValidationException.Of(["body", (int)(e.BytePositionInLine ?? 0)], "Invalid JSON: the body is not a well-formed JSON document", "value_error.jsondecode");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ValidationException.Of(["body"], "value is not a valid dict", "type_error.dict");
        }
        try
        {
            CheckShape(document.RootElement, ["body"]);
        }
        catch
        {
            document.Dispose();
            throw;
        }
        return document;
    }

    /// <summary>Longest array any body may hold, checked before anything is deserialized (line items: 500).</summary>
    public const int MaxArrayItems = 1000;

    /// <summary>
    /// What no request may contain, checked in one pass over the parsed JSON before any object is built: an array
    /// longer than <see cref="MaxArrayItems"/> (so that no body costs work per item beyond that), a key given twice
    /// in one object (System.Text.Json would keep the last one silently), and control characters in a string.
    /// </summary>
    private static void CheckShape(JsonElement element, List<object> path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                        throw ValidationException.Of([.. path, property.Name], "duplicate key in the JSON object", "value_error.duplicate_key");
                    path.Add(property.Name);
                    CheckShape(property.Value, path);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() > MaxArrayItems)
                    throw ValidationException.Of([.. path], $"ensure this value has at most {MaxArrayItems} items", "value_error.list.max_items");
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    path.Add(i++);
                    CheckShape(item, path);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate (\ud800): valid JSON text, not a valid string.
                    throw ValidationException.Of([.. path], "value is not a valid unicode string", "type_error.str");
                }
                if (HasControlCharacter(text))
                    throw ValidationException.Of([.. path], "control characters are not allowed (only tab, line feed and carriage return)", "value_error.str.control_character");
                break;
        }
    }

    /// <summary>NUL and the other C0 controls but tab, LF and CR; DEL and the C1 controls. None belongs in a name or text of a document.</summary>
    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (c is '\t' or '\n' or '\r') continue;
            if (c < ' ' || c is >= '\u007f' and <= '\u009f') return true;
        }
        return false;
    }

    internal static T Parse<T>(ReadOnlyMemory<byte> bytes) where T : class
    {
        using (var document = ParseObject(bytes))
        {
            try
            {
                return document.RootElement.Deserialize<T>(ApiJson.Strict)
                    ?? throw ValidationException.Of(["body"], "value is not a valid dict", "type_error.dict");
            }
            catch (JsonException e)
            {
                throw FromJsonException(e);
            }
        }
    }

    /// <summary>Where the bytes of a body already read are kept, so that a second reader (the endpoint after the
    /// idempotency digest) gets the same bytes without reading or buffering the stream again.</summary>
    private static readonly object ReadKey = new();

    /// <summary>
    /// The one way a body is read: at most <see cref="MaxBytes"/>, JSON only, and once per request (later calls get
    /// the same bytes). Nothing reads the stream past the limit, whatever the host's own limit is.
    /// </summary>
    internal static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HttpContext.Items.TryGetValue(ReadKey, out var earlier) && earlier is ReadOnlyMemory<byte> read) return read;
        var bytes = await ReadBoundedAsync(request, ct);
        request.HttpContext.Items[ReadKey] = bytes;
        return bytes;
    }

    /// <summary>Whether the request carries a body at all (announced with a length, or chunked).</summary>
    internal static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the body of a request that has one was not read to its end (see <see cref="ReadBytesAsync"/>).</summary>
    internal static bool LeftUnread(HttpRequest request) => !request.HttpContext.Items.ContainsKey(ReadKey);

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        var contentType = request.ContentType;
        // The media type exactly (parameters such as charset allowed): "application/jsonx" is not JSON.
        if (!string.IsNullOrEmpty(contentType)
            && !(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json");

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    internal static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, TooLargeMessage);

    internal static readonly string TooLargeMessage = $"Request body is larger than {MaxBytes} bytes";

    private static ValidationException FromJsonException(JsonException e)
    {
        var loc = new List<object> { "body" };
        loc.AddRange(ParsePath(e.Path));
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            // The path of an unmapped member names its parent; the member itself is quoted in the message.
            var name = UnmappedName().Match(message);
            if (name.Success && (loc.Count == 1 || !Equals(loc[^1], name.Groups[1].Value))) loc.Add(name.Groups[1].Value);
            return ValidationException.Of(loc, "extra fields not permitted", "value_error.extra");
        }
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
            return ValidationException.Of(loc, "none is not an allowed value", "type_error.none.not_allowed");
        return ValidationException.Of(loc, "value is not of the expected type or format", "type_error");
    }

    /// <summary>Turns System.Text.Json's <c>$.line_items[0].quantity</c> into <c>["line_items", 0, "quantity"]</c>.</summary>
    internal static IEnumerable<object> ParsePath(string? path)
    {
        if (string.IsNullOrEmpty(path)) yield break;
        foreach (Match m in PathSegment().Matches(path))
        {
            if (m.Groups["name"].Success) yield return m.Groups["name"].Value;
            else if (m.Groups["quoted"].Success) yield return m.Groups["quoted"].Value;
            else if (m.Groups["index"].Success) yield return int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"JSON property '([^']*)'")]
    private static partial Regex UnmappedName();
}
