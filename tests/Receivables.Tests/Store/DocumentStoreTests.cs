using Receivables.Store;
using Receivables.Testing.Cosmos;

namespace Receivables.Tests.Store;

/// <summary>The store against the Cosmos test server (or the configured emulator) through the real SDK.</summary>
public sealed class DocumentStoreTests : IAsyncLifetime
{
    private sealed class Note : StoredDocument
    {
        public List<string> Lines { get; set; } = [];
    }

    private DocumentStore store = null!;
    private Microsoft.Azure.Cosmos.CosmosClient client = null!;
    private readonly Guid entity = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        var target = await CosmosTestEndpoint.GetAsync();
        client = new CosmosConnection(target.Endpoint, target.Key, "store-tests").CreateClient(o => o.Serializer = new CosmosStjSerializer());
        store = new DocumentStore(client, "store-tests-" + Guid.NewGuid().ToString("N")[..8], createIfMissing: target.Key is not null);
    }

    public Task DisposeAsync()
    {
        client.Dispose();
        return Task.CompletedTask;
    }

    private Note NewNote(string id) => new() { Id = id, EntityId = entity, Resource = "note" };

    [Fact]
    public async Task the_container_is_created_with_the_projects_indexing_policy()
    {
        var container = await store.ContainerAsync();
        var properties = (await container.ReadContainerAsync()).Resource;
        Assert.Equal(DocumentStore.PartitionKeyPath, properties.PartitionKeyPath);
        Assert.Equal(IndexingPolicyFile.Load().CompositeIndexes.Count, properties.IndexingPolicy.CompositeIndexes.Count);
    }

    [Fact]
    public async Task a_container_of_an_earlier_version_gets_this_versions_indexes()
    {
        var target = await CosmosTestEndpoint.GetAsync();
        if (target.Key is null) return; // only where the app may create containers (a key), never in Azure
        var database = "store-tests-" + Guid.NewGuid().ToString("N")[..8];
        var old = new Microsoft.Azure.Cosmos.IndexingPolicy();
        old.ExcludedPaths.Add(new Microsoft.Azure.Cosmos.ExcludedPath { Path = "/line_items/*" });
        await (await client.CreateDatabaseIfNotExistsAsync(database)).Database.CreateContainerIfNotExistsAsync(
            new Microsoft.Azure.Cosmos.ContainerProperties(DocumentStore.ContainerName, DocumentStore.PartitionKeyPath) { IndexingPolicy = old });

        var container = await new DocumentStore(client, database, createIfMissing: true).ContainerAsync();
        var policy = (await container.ReadContainerAsync()).Resource.IndexingPolicy;
        Assert.True(IndexingPolicyFile.SameIndexes(policy, IndexingPolicyFile.Load()));
        Assert.False(IndexingPolicyFile.SameIndexes(old, IndexingPolicyFile.Load()));
    }

    [Fact]
    public async Task an_open_that_failed_is_tried_again_on_the_next_call()
    {
        var target = await CosmosTestEndpoint.GetAsync();
        var faults = new Receivables.Tests.Infrastructure.FaultInjector();
        using var faulty = new CosmosConnection(target.Endpoint, target.Key, "store-tests").CreateClient(o =>
        {
            o.Serializer = new CosmosStjSerializer();
            o.CustomHandlers.Add(faults);
        });
        var fresh = new DocumentStore(faulty, "store-tests-" + Guid.NewGuid().ToString("N")[..8], createIfMissing: target.Key is not null);
        if (target.Key is null) return; // opening makes no request where the app may not create its container
        faults.Arm(Receivables.Tests.Infrastructure.StoreFaultKind.ConnectionRefused, when: _ => true);
        await Assert.ThrowsAnyAsync<Exception>(() => fresh.ContainerAsync());
        faults.Disarm();
        var created = await fresh.CreateAsync(new Note { Id = "after", EntityId = entity, Resource = "note" }, default);
        Assert.NotNull(created.ETag);
    }

    [Fact]
    public async Task a_create_then_read_round_trips_with_the_same_etag()
    {
        var created = await store.CreateAsync(NewNote("n1"), default);
        var read = await store.ReadAsync<Note>(entity, "n1", "note", default);
        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        await Assert.ThrowsAsync<DocumentExistsException>(() => store.CreateAsync(NewNote("n1"), default));
    }

    [Fact]
    public async Task reading_a_missing_id_or_another_kind_of_resource_is_null()
    {
        await store.CreateAsync(NewNote("kind"), default);
        Assert.Null(await store.ReadAsync<Note>(entity, "missing", "note", default));
        Assert.Null(await store.ReadAsync<Note>(entity, "kind", "receivable", default));
        Assert.Null(await store.ReadAsync<Note>(Guid.NewGuid(), "kind", "note", default));
    }

    [Fact]
    public async Task concurrent_conditional_updates_never_lose_a_change()
    {
        await store.CreateAsync(NewNote("race"), default);
        var writers = Enumerable.Range(0, 4).Select(i =>
            store.UpdateAsync<Note>(entity, "race", "note", null, n => n.Lines.Add($"line {i}"), default));
        await Task.WhenAll(writers);

        var final = await store.ReadAsync<Note>(entity, "race", "note", default);
        Assert.Equal(["line 0", "line 1", "line 2", "line 3"], final!.Document.Lines.Order());
    }

    [Fact]
    public async Task an_update_with_a_stale_if_match_fails_and_writes_nothing()
    {
        var created = await store.CreateAsync(NewNote("stale"), default);
        await store.UpdateAsync<Note>(entity, "stale", "note", created.ETag, n => n.Lines.Add("first"), default);

        await Assert.ThrowsAsync<StaleVersionException>(() =>
            store.UpdateAsync<Note>(entity, "stale", "note", created.ETag, n => n.Lines.Add("second"), default));
        Assert.Equal(["first"], (await store.ReadAsync<Note>(entity, "stale", "note", default))!.Document.Lines);
    }

    [Fact]
    public async Task a_replace_of_an_outdated_version_is_a_concurrency_conflict()
    {
        var created = await store.CreateAsync(NewNote("replace"), default);
        await store.ReplaceAsync(NewNote("replace"), created.ETag, default);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(NewNote("replace"), created.ETag, default));
    }
}
