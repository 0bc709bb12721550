using System.Net;
using System.Text.Json;
using Receivables.Api;
using Microsoft.Azure.Cosmos;

namespace Receivables.Store;

/// <summary>
/// The one Cosmos DB container of the product (<c>documents</c>, partition key <c>/entity_id</c>). Every
/// write is conditional or a create; a lost race surfaces as <see cref="ConcurrencyConflictException"/>.
/// </summary>
public sealed class DocumentStore
{
    public const string ContainerName = "documents";
    public const string PartitionKeyPath = "/entity_id";

    private readonly CosmosClient client;
    private readonly string databaseName;
    private readonly bool createIfMissing;
    private readonly Lock opening = new();
    private Task<Container>? container;

    /// <param name="createIfMissing">
    /// Locally (emulator, test server) the database and container are created on first use. In Azure the
    /// Bicep creates them: data-plane RBAC cannot create containers, and the indexing policy is deployed there.
    /// </param>
    public DocumentStore(CosmosClient client, string databaseName, bool createIfMissing)
    {
        this.client = client;
        this.databaseName = databaseName;
        this.createIfMissing = createIfMissing;
    }

    /// <summary>
    /// The container, opened once. An open that failed (the store down at the first request) is not kept: the next
    /// call tries again, so the API recovers as soon as the store does.
    /// </summary>
    public Task<Container> ContainerAsync()
    {
        lock (opening)
        {
            if (container is null || container.IsFaulted || container.IsCanceled) container = OpenAsync();
            return container;
        }
    }

    /// <summary>Point read by id; null when missing or when the id belongs to another kind of resource.</summary>
    public Task<Stored<T>?> ReadAsync<T>(Guid entityId, string id, string resource, CancellationToken ct) where T : StoredDocument =>
        ReadAsync(entityId, id, resource, (json, etag) => new Stored<T>(JsonSerializer.Deserialize<T>(json.Span, ApiJson.Storage)!, etag), ct);

    /// <summary>
    /// Point read by id, handing the stored JSON and its ETag to <paramref name="read"/> (which must not keep the bytes:
    /// they are the SDK's buffer); null when missing or when the id belongs to another kind of resource. For a caller
    /// that answers from the JSON without building the document.
    /// </summary>
    public async Task<TResult?> ReadAsync<TResult>(Guid entityId, string id, string resource, Func<ReadOnlyMemory<byte>, string, TResult> read, CancellationToken ct)
        where TResult : class
    {
        var c = await ContainerAsync().WaitAsync(ct);
        using var response = await c.ReadItemStreamAsync(id, new PartitionKey(entityId.ToString()), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var json = await ContentBytesAsync(response.Content, ct);
        // Ids are only unique per resource kind in spirit: a receivable id sent where an entity id belongs is "not found".
        // The kind is looked up without a DOM, then the document is read once, from the bytes.
        if (ApiJson.TopLevelString(new Utf8JsonReader(json.Span), "resource"u8) != resource) return null;
        return read(json, response.Headers.ETag);
    }

    /// <summary>A response's body as bytes: the SDK's own buffer when it has one, else one copy.</summary>
    private static async Task<ReadOnlyMemory<byte>> ContentBytesAsync(Stream content, CancellationToken ct)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return buffer.AsMemory((int)memory.Position);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, ct);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    public async Task<Stored<T>> CreateAsync<T>(T document, CancellationToken ct) where T : StoredDocument =>
        new(document, (await CommitAsync(document.EntityId, [new CreateWrite(document)], ct))[0]);

    /// <summary>Replaces the document only if it is still the version <paramref name="etag"/>.</summary>
    public async Task<Stored<T>> ReplaceAsync<T>(T document, string etag, CancellationToken ct) where T : StoredDocument =>
        new(document, (await CommitAsync(document.EntityId, [new ReplaceWrite(document, etag)], ct))[0]);

    /// <summary>
    /// Writes everything in <paramref name="writes"/> (one partition) in one TransactionalBatch, with the request's
    /// idempotency record appended when it carries one: all or nothing. Returns the new ETag of each write, in order.
    /// A failed batch becomes the typed error of the write that failed: <see cref="DocumentExistsException"/> for a
    /// create whose id exists, <see cref="ConcurrencyConflictException"/> for a stale or missing version or an unmet
    /// patch condition, <see cref="IdempotencyKeyTakenException"/> when another request with the key wrote first.
    /// </summary>
    public async Task<IReadOnlyList<string>> CommitAsync(Guid entityId, IReadOnlyList<BatchWrite> writes, CancellationToken ct)
    {
        if (writes.Count == 0) return [];
        var c = await ContainerAsync().WaitAsync(ct);
        var batch = c.CreateTransactionalBatch(new PartitionKey(entityId.ToString()));
        foreach (var write in writes)
        {
            batch = write switch
            {
                CreateWrite w => batch.CreateItem(w.Document),
                ReplaceWrite w => batch.ReplaceItem(w.Id, w.Document, new TransactionalBatchItemRequestOptions { IfMatchEtag = w.ETag }),
                PatchWrite w => batch.PatchItem(w.Id, w.Operations, new TransactionalBatchPatchItemRequestOptions { FilterPredicate = w.Condition }),
                DeleteWrite w => batch.DeleteItem(w.Id, new TransactionalBatchItemRequestOptions { IfMatchEtag = w.ETag }),
                _ => throw new ArgumentException($"unknown write {write.GetType().Name}", nameof(writes)),
            };
        }
        var record = IdempotencyScope.Current?.ClaimFor(entityId);
        if (record is not null) batch = batch.CreateItem(record);

        using var response = await batch.ExecuteAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            // Throttled, unavailable or timed out: every operation carries the batch's status, so none of the typed
            // conflicts below applies; the client may retry later. After a timeout the batch may still have committed
            // (all or nothing): a retry with the same Idempotency-Key then finds the record instead of writing twice.
            if (StoreUnavailableException.IsTransient(response.StatusCode))
                throw new StoreUnavailableException(response.StatusCode, response.RetryAfter, $"batch failed: {(int)response.StatusCode}");
            // The operation that failed carries its own status; the others say 424 (failed dependency).
            var failed = Enumerable.Range(0, response.Count).FirstOrDefault(i => response[i].StatusCode != HttpStatusCode.FailedDependency, -1);
            if (failed == writes.Count && record is not null && response[failed].StatusCode == HttpStatusCode.Conflict) throw new IdempotencyKeyTakenException();
            var write = failed >= 0 && failed < writes.Count ? writes[failed] : null;
            // A document whose id comes from the key (a new entity) exists: a concurrent request with the same key won.
            if (record is not null && write is not null && response[failed].StatusCode == HttpStatusCode.Conflict
                && IdempotencyScope.Current?.CreatedId is { } keyed && write.Id == keyed.ToString())
                throw new IdempotencyKeyTakenException();
            throw (failed >= 0 ? response[failed].StatusCode : response.StatusCode) switch
            {
                HttpStatusCode.Conflict when write is not null => new DocumentExistsException($"{write.Resource} {write.Id} already exists"),
                HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound when write is not null =>
                    new ConcurrencyConflictException($"{write.Resource} {write.Id} was changed or removed by another request", write.Id),
                var status => new CosmosException($"batch failed: {status}", status == 0 ? response.StatusCode : status, 0, response.ActivityId, response.RequestCharge),
            };
        }
        if (record is not null) IdempotencyScope.Current?.MarkClaimed();
        return Enumerable.Range(0, writes.Count).Select(i => response[i].ETag).ToList();
    }

    /// <summary>
    /// Several documents of one partition with their versions, in one round trip: the reads an action needs before its
    /// batch (the document, the entity, a counter, a related document). Missing ids are absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Stored<JsonElement>>> ReadSetAsync(Guid entityId, IEnumerable<string> ids, CancellationToken ct)
    {
        var found = await ReadManyAsync(entityId, ids, ct);
        return found.ToDictionary(d => d.GetProperty("id").GetString()!, d => new Stored<JsonElement>(d, d.GetProperty("_etag").GetString()!));
    }

    /// <summary>
    /// Several documents of one partition in one round trip (ReadMany); missing ids are simply absent.
    /// Returned as JSON: a caller tells the kinds apart by their <c>resource</c> field.
    /// </summary>
    /// <param name="allOfResources">Also every document of these kinds (small sets, such as measure units), in the same query.</param>
    public async Task<IReadOnlyList<JsonElement>> ReadManyAsync(Guid entityId, IEnumerable<string> ids, CancellationToken ct, params string[] allOfResources)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0 && allOfResources.Length == 0) return [];
        var c = await ContainerAsync().WaitAsync(ct);
        // One partition, no aggregates: optimistic direct execution sends the query without asking for a plan first.
        var query = allOfResources.Length == 0
            ? new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)").WithParameter("@ids", wanted)
            : new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) OR ARRAY_CONTAINS(@resources, c.resource)").WithParameter("@ids", wanted).WithParameter("@resources", allOfResources);
        using var iterator = c.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(entityId.ToString()),
            EnableOptimisticDirectExecution = true,
        });
        var found = new List<JsonElement>(wanted.Count);
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(ct);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
            found.AddRange(json.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.Clone()));
        }
        return found;
    }

    /// <summary>The document <paramref name="id"/> of a read set as a <typeparamref name="T"/>; null when absent or of another kind.</summary>
    public static Stored<T>? Typed<T>(IReadOnlyDictionary<string, Stored<JsonElement>> set, string id, string resource) where T : StoredDocument =>
        set.TryGetValue(id, out var found) && found.Document.TryGetProperty("resource", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == resource
            ? new Stored<T>(found.Document.Deserialize<T>(ApiJson.Storage)!, found.ETag)
            : null;

    /// <summary>Completes an idempotency record with the response it stands for (the record is this request's own).</summary>
    public async Task CompleteAsync(IdempotencyRecord record, CancellationToken ct)
    {
        var c = await ContainerAsync().WaitAsync(ct);
        await c.UpsertItemAsync(record, new PartitionKey(record.EntityId.ToString()), cancellationToken: ct);
    }

    /// <summary>Deletes the document only if it is still the version <paramref name="etag"/>.</summary>
    public async Task DeleteAsync(Guid entityId, string id, string etag, CancellationToken ct)
    {
        var c = await ContainerAsync().WaitAsync(ct);
        try
        {
            using var response = await c.DeleteItemStreamAsync(id, new PartitionKey(entityId.ToString()), new ItemRequestOptions { IfMatchEtag = etag }, ct);
            if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
                throw new ConcurrencyConflictException($"{id} was changed or removed by another request");
            response.EnsureSuccessStatusCode();
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException($"{id} was changed or removed by another request");
        }
    }

    /// <summary>Every result of a single-partition query, page after page (for the small lists the API does not page).</summary>
    public async Task<IReadOnlyList<T>> QueryAllAsync<T>(QueryDefinition query, Guid entityId, CancellationToken ct)
    {
        var all = new List<T>();
        string? continuation = null;
        do
        {
            var (items, next) = await QueryPageAsync<T>(query, entityId, 100, continuation, ct);
            all.AddRange(items);
            continuation = next;
        }
        while (continuation is not null);
        return all;
    }

    /// <summary>Every document of one kind in an entity's partition, oldest first.</summary>
    public Task<IReadOnlyList<T>> ReadAllAsync<T>(Guid entityId, string resource, CancellationToken ct) =>
        QueryAllAsync<T>(new QueryDefinition("SELECT * FROM c WHERE c.resource = @resource ORDER BY c.created_at ASC").WithParameter("@resource", resource), entityId, ct);

    /// <summary>
    /// One page of a query, continuing from <paramref name="continuation"/>: one this store returned, never one a
    /// client held (API lists page on keys, see <see cref="Api.ListReader"/>).
    /// </summary>
    public async Task<(IReadOnlyList<T> Items, string? Continuation)> QueryPageAsync<T>(
        QueryDefinition query, Guid? entityId, int limit, string? continuation, CancellationToken ct)
    {
        var c = await ContainerAsync().WaitAsync(ct);
        var options = new QueryRequestOptions { MaxItemCount = limit };
        if (entityId is { } id)
        {
            options.PartitionKey = new PartitionKey(id.ToString());
            // A single-partition query needs no query plan: one round trip instead of two.
            options.EnableOptimisticDirectExecution = true;
        }
        using var iterator = c.GetItemQueryIterator<T>(query, continuation, options);
        var items = new List<T>(limit);
        string? next = continuation;
        // A page may come back short (the service bounds pages by size and time); keep reading to fill it.
        while (iterator.HasMoreResults && items.Count < limit)
        {
            var page = await iterator.ReadNextAsync(ct);
            items.AddRange(page);
            next = page.ContinuationToken;
            if (next is null) break;
        }
        return (items, iterator.HasMoreResults ? next : null);
    }

    private async Task<Container> OpenAsync()
    {
        if (!createIfMissing) return client.GetContainer(databaseName, ContainerName);
        Database database = await client.CreateDatabaseIfNotExistsAsync(databaseName);
        var wanted = IndexingPolicyFile.Load();
        var response = await database.CreateContainerIfNotExistsAsync(new ContainerProperties(ContainerName, PartitionKeyPath)
        {
            IndexingPolicy = wanted,
            // TTL is on, per item: idempotency records expire, everything else lives forever (ttl unset).
            DefaultTimeToLive = -1,
        });
        if (response.StatusCode == HttpStatusCode.OK && !IndexingPolicyFile.SameIndexes(response.Resource.IndexingPolicy, wanted))
        {
            // A container an earlier version created (an emulator kept between versions): bring its indexes up to this
            // version's, or the lists' ORDER BY would be refused. In Azure the Bicep deploys the policy.
            var properties = response.Resource;
            properties.IndexingPolicy = wanted;
            await response.Container.ReplaceContainerAsync(properties);
        }
        return response.Container;
    }
}
