using System.Text.Json.Serialization;

namespace Receivables.Store;

/// <summary>
/// Fields every stored document carries besides what the API returns: the partition key and the kind of
/// resource (a partition holds an entity's entity record, receivables, and later counterparts, products ...).
/// </summary>
public abstract class StoredDocument
{
    // The id leads every document, as in the API's examples.
    [JsonPropertyOrder(-3)]
    public required string Id { get; init; }

    [StorageOnly]
    [JsonPropertyOrder(-2)]
    public required Guid EntityId { get; init; }

    [StorageOnly]
    [JsonPropertyOrder(-1)]
    public required string Resource { get; init; }
}

/// <summary>A field that is stored but never returned by the API.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StorageOnlyAttribute : JsonAttribute;

/// <summary>A document as read or written, with the ETag of that version (exposed as the <c>ETag</c> header).</summary>
public sealed record Stored<T>(T Document, string ETag);

/// <summary>Another writer changed the document since it was read (412 from Cosmos).</summary>
/// <param name="documentId">The document whose version was stale, when known (a batch writes several).</param>
public sealed class ConcurrencyConflictException(string message, string? documentId = null) : Exception(message)
{
    public string? DocumentId { get; } = documentId;
}

/// <summary>A document with this id already exists in the partition (409 from Cosmos).</summary>
public sealed class DocumentExistsException(string message) : Exception(message);

/// <summary>The client's <c>If-Match</c> names a version that is no longer current (412 to the client).</summary>
public sealed class StaleVersionException(string message) : Exception(message);

/// <summary>
/// ETags as HTTP wants them: quoted. Cosmos DB returns them quoted; other servers may not, and clients
/// echo whatever the header said, so both sides are compared in this one form.
/// </summary>
public static class ETags
{
    public static string Quoted(string etag) =>
        etag.Length >= 2 && etag[0] == '"' && etag[^1] == '"' ? etag : $"\"{etag}\"";

    public static bool Same(string a, string b) => Quoted(a.Trim()) == Quoted(b.Trim());
}
