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
    private readonly Lazy<Task<Container>> container;

    /// <param name="createIfMissing">
    /// Locally (emulator, test server) the database and container are created on first use. In Azure the
    /// Bicep creates them: data-plane RBAC cannot create containers, and the indexing policy is deployed there.
    /// </param>
    public DocumentStore(CosmosClient client, string databaseName, bool createIfMissing)
    {
        this.client = client;
        this.databaseName = databaseName;
        this.createIfMissing = createIfMissing;
        container = new Lazy<Task<Container>>(OpenAsync);
    }

    public Task<Container> ContainerAsync() => container.Value;

    /// <summary>Point read by id; null when missing or when the id belongs to another kind of resource.</summary>
    public async Task<Stored<T>?> ReadAsync<T>(Guid entityId, string id, string resource, CancellationToken ct) where T : StoredDocument
    {
        var c = await ContainerAsync();
        using var response = await c.ReadItemStreamAsync(id, new PartitionKey(entityId.ToString()), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
        // Ids are only unique per resource kind in spirit: a receivable id sent where an entity id belongs is "not found".
        if (!json.RootElement.TryGetProperty("resource", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != resource)
            return null;
        return new Stored<T>(json.RootElement.Deserialize<T>(ApiJson.Storage)!, response.Headers.ETag);
    }

    public async Task<Stored<T>> CreateAsync<T>(T document, CancellationToken ct) where T : StoredDocument
    {
        var c = await ContainerAsync();
        var pk = new PartitionKey(document.EntityId.ToString());
        if (IdempotencyScope.Current?.ClaimFor(document.EntityId) is { } record)
            return await ExecuteAsync(c.CreateTransactionalBatch(pk).CreateItem(document), document, null, record, ct);
        try
        {
            var response = await c.CreateItemAsync(document, pk, cancellationToken: ct);
            return new Stored<T>(response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw new DocumentExistsException($"{document.Resource} {document.Id} already exists");
        }
    }

    /// <summary>Replaces the document only if it is still the version <paramref name="etag"/>.</summary>
    public async Task<Stored<T>> ReplaceAsync<T>(T document, string etag, CancellationToken ct) where T : StoredDocument
    {
        var c = await ContainerAsync();
        var pk = new PartitionKey(document.EntityId.ToString());
        if (IdempotencyScope.Current?.ClaimFor(document.EntityId) is { } record)
        {
            var batch = c.CreateTransactionalBatch(pk).ReplaceItem(document.Id, document, new TransactionalBatchItemRequestOptions { IfMatchEtag = etag });
            return await ExecuteAsync(batch, document, null, record, ct);
        }
        try
        {
            var response = await c.ReplaceItemAsync(document, document.Id, pk, new ItemRequestOptions { IfMatchEtag = etag }, ct);
            return new Stored<T>(response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException($"{document.Resource} {document.Id} was changed or removed by another request");
        }
    }

    /// <summary>
    /// Creates <paramref name="document"/> only if <paramref name="guard"/> is still the version
    /// <paramref name="guardEtag"/> (it is written back unchanged, in the same TransactionalBatch): a rule that
    /// depends on what else exists (one draft credit note per invoice) cannot be broken by a concurrent create.
    /// </summary>
    public async Task<Stored<T>> CreateGuardedAsync<T>(T document, StoredDocument guard, string guardEtag, CancellationToken ct) where T : StoredDocument
    {
        var c = await ContainerAsync();
        var batch = c.CreateTransactionalBatch(new PartitionKey(document.EntityId.ToString()))
            .ReplaceItem(guard.Id, guard, new TransactionalBatchItemRequestOptions { IfMatchEtag = guardEtag })
            .CreateItem(document);
        return await ExecuteAsync(batch, document, guard, IdempotencyScope.Current?.ClaimFor(document.EntityId), ct);
    }

    /// <summary>
    /// Runs a batch whose last operation writes <paramref name="document"/> (after an optional unchanged
    /// <paramref name="guard"/>), with the request's idempotency record appended when it carries one: all or nothing.
    /// A failed batch becomes the typed conflict of the operation that failed, or <see cref="StoreUnavailableException"/>.
    /// </summary>
    private static async Task<Stored<T>> ExecuteAsync<T>(TransactionalBatch batch, T document, StoredDocument? guard, IdempotencyRecord? record, CancellationToken ct)
        where T : StoredDocument
    {
        var documentIndex = guard is null ? 0 : 1;
        if (record is not null) batch = batch.CreateItem(record);
        using var response = await batch.ExecuteAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            // Throttled, unavailable or timed out: every operation carries the batch's status, so none of the typed
            // conflicts below applies; the client may retry later. After a timeout the batch may still have committed
            // (all or nothing): a retry with the same Idempotency-Key then finds the record instead of writing twice.
            if (StoreUnavailableException.IsTransient(response.StatusCode))
                throw new StoreUnavailableException(response.StatusCode, response.RetryAfter, $"batch failed: {(int)response.StatusCode}");
            if (record is not null && response[documentIndex + 1].StatusCode == HttpStatusCode.Conflict) throw new IdempotencyKeyTakenException();
            if (guard is not null && response[0].StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
                throw new ConcurrencyConflictException($"{guard.Resource} {guard.Id} was changed by another request");
            throw response[documentIndex].StatusCode switch
            {
                HttpStatusCode.Conflict => new DocumentExistsException($"{document.Resource} {document.Id} already exists"),
                HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound => new ConcurrencyConflictException($"{document.Resource} {document.Id} was changed or removed by another request"),
                _ => new CosmosException($"batch failed: {response.StatusCode}", response.StatusCode, 0, response.ActivityId, response.RequestCharge),
            };
        }
        if (record is not null) IdempotencyScope.Current?.MarkClaimed();
        var written = response.GetOperationResultAtIndex<T>(documentIndex);
        return new Stored<T>(written.Resource ?? document, written.ETag);
    }

    /// <summary>
    /// Several documents of one partition in one round trip (ReadMany); missing ids are simply absent.
    /// Returned as JSON: a caller tells the kinds apart by their <c>resource</c> field.
    /// </summary>
    /// <param name="allOfResource">Also every document of this kind (a small set, such as measure units), in the same query.</param>
    public async Task<IReadOnlyList<JsonElement>> ReadManyAsync(Guid entityId, IEnumerable<string> ids, CancellationToken ct, string? allOfResource = null)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0 && allOfResource is null) return [];
        var c = await ContainerAsync();
        // One partition, no aggregates: optimistic direct execution sends the query without asking for a plan first.
        var query = allOfResource is null
            ? new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)").WithParameter("@ids", wanted)
            : new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) OR c.resource = @resource").WithParameter("@ids", wanted).WithParameter("@resource", allOfResource);
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

    /// <summary>Completes an idempotency record with the response it stands for (the record is this request's own).</summary>
    public async Task CompleteAsync(IdempotencyRecord record, CancellationToken ct)
    {
        var c = await ContainerAsync();
        await c.UpsertItemAsync(record, new PartitionKey(record.EntityId.ToString()), cancellationToken: ct);
    }

    /// <summary>Deletes the document only if it is still the version <paramref name="etag"/>.</summary>
    public async Task DeleteAsync(Guid entityId, string id, string etag, CancellationToken ct)
    {
        var c = await ContainerAsync();
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

    /// <summary>One page of a query, continuing from <paramref name="continuation"/>.</summary>
    public async Task<(IReadOnlyList<T> Items, string? Continuation)> QueryPageAsync<T>(
        QueryDefinition query, Guid? entityId, int limit, string? continuation, CancellationToken ct)
    {
        var c = await ContainerAsync();
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
        try
        {
            // A page may come back short (the service bounds pages by size and time); keep reading to fill it.
            while (iterator.HasMoreResults && items.Count < limit)
            {
                var page = await iterator.ReadNextAsync(ct);
                items.AddRange(page);
                next = page.ContinuationToken;
                if (next is null) break;
            }
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.BadRequest && continuation is not null)
        {
            // The continuation came from the client (inside a pagination token): a forged or stale one is its error.
            throw new InvalidContinuationException();
        }
        return (items, iterator.HasMoreResults ? next : null);
    }

    private async Task<Container> OpenAsync()
    {
        if (!createIfMissing) return client.GetContainer(databaseName, ContainerName);
        Database database = await client.CreateDatabaseIfNotExistsAsync(databaseName);
        Container created = await database.CreateContainerIfNotExistsAsync(new ContainerProperties(ContainerName, PartitionKeyPath)
        {
            IndexingPolicy = IndexingPolicyFile.Load(),
            // TTL is on, per item: idempotency records expire, everything else lives forever (ttl unset).
            DefaultTimeToLive = -1,
        });
        return created;
    }
}
