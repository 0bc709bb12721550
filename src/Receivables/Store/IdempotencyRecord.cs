using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Receivables.Store;

/// <summary>
/// What a request with an <c>Idempotency-Key</c> did: created in the same TransactionalBatch as the request's
/// first write (so a key either has a record and its write, or neither), then completed with the response.
/// Expires after 24 hours through the container's TTL.
/// </summary>
public sealed class IdempotencyRecord : StoredDocument
{
    public const string ResourceName = "idempotency_key";
    public const int LifetimeSeconds = 24 * 60 * 60;

    public required string Route { get; init; }
    public required string RequestHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int? ResponseStatus { get; set; }
    public JsonElement? ResponseBody { get; set; }
    public string? ResponseEtag { get; set; }

    /// <summary>Cosmos DB's per-item time to live, in seconds.</summary>
    [JsonPropertyName("ttl")]
    public int Ttl { get; init; } = LifetimeSeconds;

    /// <summary>Keys are the client's free text: the document id is a digest, unique per route and partition.</summary>
    public static string IdFor(string route, string key) =>
        "idempotency-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{route}\n{key}")));
}

/// <summary>
/// The idempotency context of the current request, carried by an <see cref="AsyncLocal{T}"/> from the pipeline
/// to the store, so every operation's first write is batched with the key's record without the operations
/// having to know about keys.
/// </summary>
public sealed class IdempotencyScope
{
    private static readonly AsyncLocal<IdempotencyScope?> current = new();

    public IdempotencyScope(Guid partition, IdempotencyRecord record)
    {
        Partition = partition;
        Record = record;
    }

    public static IdempotencyScope? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>The partition the record lives in: the entity of the request, or the id the request creates.</summary>
    public Guid Partition { get; }

    public IdempotencyRecord Record { get; }

    /// <summary>
    /// For a create whose new id is also its partition (an entity): the id to use, derived from the key, so
    /// that a retry lands in the same partition as the first attempt's record.
    /// </summary>
    public Guid? CreatedId { get; init; }

    /// <summary>Set once the record was written together with the request's first write.</summary>
    public bool Claimed { get; private set; }

    /// <summary>The record, if this write is the one that should carry it (the first, in the record's partition).</summary>
    internal IdempotencyRecord? ClaimFor(Guid entityId)
    {
        if (Claimed || entityId != Partition) return null;
        return Record;
    }

    internal void MarkClaimed() => Claimed = true;

    /// <summary>
    /// A digest of what makes two requests "the same": method, path and body. A JSON body is hashed in a canonical
    /// form (properties sorted, no whitespace), so a retry that re-serialises the same content still matches.
    /// </summary>
    public static string Hash(string method, string path, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {path}\n"));
        sha.AppendData(Canonical(body));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static ReadOnlySpan<byte> Canonical(ReadOnlySpan<byte> body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body; // not JSON: the endpoint will refuse it; the bytes are what the request was
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, node);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>A UUID derived from a key (name-based, SHA-256 truncated, version 8), for creates whose id is their partition.</summary>
    public static Guid DeterministicId(string scope, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}

/// <summary>Another request with the same key wrote first; nothing of this request was written.</summary>
public sealed class IdempotencyKeyTakenException() : Exception("Another request with the same Idempotency-Key was processed first");
