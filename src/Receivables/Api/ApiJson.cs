using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Receivables.Store;

namespace Receivables.Api;

/// <summary>
/// The one JSON configuration of the API and the store: snake_case, enums as snake_case strings. A stored
/// document is the response body plus its <see cref="StorageOnlyAttribute"/> fields, which responses drop.
/// </summary>
public static class ApiJson
{
    /// <summary>For responses: every field present, null when unset (spec 1.4); storage-only fields removed.</summary>
    public static readonly JsonSerializerOptions Options = Create(strict: false, storage: false);

    /// <summary>For request bodies: unknown fields are an error (spec 1.3, bodies are strict).</summary>
    public static readonly JsonSerializerOptions Strict = Create(strict: true, storage: false);

    /// <summary>For Cosmos documents: all fields, unknown ones (the service's <c>_rid</c>, <c>_ts</c> ...) skipped.</summary>
    public static readonly JsonSerializerOptions Storage = Create(strict: false, storage: true);

    private static JsonSerializerOptions Create(bool strict, bool storage)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        if (!storage) resolver.Modifiers.Add(RemoveStorageOnlyProperties);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = 32,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// The string value of one top-level property of the object <paramref name="reader"/> stands on (a copy: the caller's
    /// reader does not move), null when absent or not a string. Nested values are skipped, not parsed into a DOM, so it
    /// costs a fraction of a parse: how a stored document's kind is told before it is deserialized once.
    /// </summary>
    public static string? TopLevelString(Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read()) return null;
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            if (!reader.Read()) return null;
            if (match) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
        }
        return null;
    }

    private static void RemoveStorageOnlyProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].AttributeProvider?.IsDefined(typeof(StorageOnlyAttribute), inherit: true) == true)
                info.Properties.RemoveAt(i);
        }
    }
}

/// <summary>Timestamps are written in UTC with a <c>Z</c> (spec 1.4); any ISO 8601 offset is accepted on input.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>Fixed width, so that stored timestamps compare as strings in time order.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
