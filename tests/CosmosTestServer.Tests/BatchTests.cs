using System.Net;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Receivables.Testing.Cosmos.Tests;

public sealed class BatchTests(CosmosFixture fixture) : IClassFixture<CosmosFixture>
{
    private static readonly PartitionKey Tenant = new("tenant-a");

    private static async Task<ItemResponse<TestItem>?> TryReadAsync(Container container, string id)
    {
        try
        {
            return await container.ReadItemAsync<TestItem>(id, Tenant);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task A_batch_of_create_replace_patch_delete_and_read_commits_all()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("b", "tenant-a"), new TestItem("c", "tenant-a", Count: 1), new TestItem("d", "tenant-a"));

        using var response = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("a", "tenant-a", Count: 9))
            .ReplaceItem("b", new TestItem("b", "tenant-a", Status: "replaced"))
            .PatchItem("c", [PatchOperation.Increment("/count", 5), PatchOperation.Set("/status", "patched")])
            .DeleteItem("d")
            .ReadItem("a")
            .ExecuteAsync();

        Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.OK],
            response.Select(r => r.StatusCode));
        var readInBatch = response.GetOperationResultAtIndex<TestItem>(4);
        Assert.Equal(9, readInBatch.Resource.Count);
        Assert.Equal(response[0].ETag, readInBatch.ETag);
        Assert.Equal(6, response.GetOperationResultAtIndex<TestItem>(2).Resource.Count);

        Assert.Equal(9, (await TryReadAsync(container, "a"))?.Resource.Count);
        Assert.Equal("replaced", (await TryReadAsync(container, "b"))?.Resource.Status);
        var c = (await TryReadAsync(container, "c"))?.Resource;
        Assert.Equal(("patched", 6), (c?.Status, c?.Count));
        Assert.Null(await TryReadAsync(container, "d"));
    }

    [Fact]
    public async Task A_batch_failing_half_way_writes_nothing_and_reports_the_failing_operation()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("b", "tenant-a", Count: 1), new TestItem("dup", "tenant-a"));
        var bBefore = await container.ReadItemAsync<TestItem>("b", Tenant);

        using var response = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("a", "tenant-a"))
            .PatchItem("b", [PatchOperation.Increment("/count", 10)])
            .CreateItem(new TestItem("dup", "tenant-a"))
            .ExecuteAsync();

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.FailedDependency, HttpStatusCode.Conflict], response.Select(r => r.StatusCode));
        Assert.Null(await TryReadAsync(container, "a"));
        var bAfter = await container.ReadItemAsync<TestItem>("b", Tenant);
        Assert.Equal(1, bAfter.Resource.Count);
        Assert.Equal(bBefore.ETag, bAfter.ETag);
    }

    // Every stored item as the store holds it (system properties included), one JSON text per item, by id.
    private static async Task<List<string>> StoredAsync(Container container, PartitionKey? partition = null)
    {
        var items = await Feed.DrainAsync(container.GetItemQueryIterator<JObject>(
            "SELECT * FROM c", requestOptions: new QueryRequestOptions { PartitionKey = partition }));
        return [.. items.OrderBy(i => (string?)i["id"], StringComparer.Ordinal).Select(i => i.ToString(Formatting.None))];
    }

    // Every item's tags, items in the order the store lists them: without ORDER BY, `FROM t IN c.tags` shows it.
    private static Task<List<string>> TagsInStoredOrderAsync(Container container, PartitionKey? partition = null) =>
        Feed.DrainAsync(container.GetItemQueryIterator<string>(
            "SELECT VALUE t FROM t IN c.tags", requestOptions: new QueryRequestOptions { PartitionKey = partition }));

    [Fact]
    public async Task A_rolled_back_batch_leaves_every_item_as_it_was_including_items_it_wrote_twice()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container,
            new TestItem("a1", "tenant-a", Count: 1, Tags: ["a1"]), new TestItem("a2", "tenant-a", Tags: ["a2"]),
            new TestItem("a3", "tenant-a", Tags: ["a3"]), new TestItem("a4", "tenant-a", Tags: ["a4"]), new TestItem("b1", "tenant-b", Tags: ["b1"]));
        var before = await StoredAsync(container);
        var partitionBefore = await StoredAsync(container, Tenant);
        var orderBefore = await TagsInStoredOrderAsync(container);
        var partitionOrderBefore = await TagsInStoredOrderAsync(container, Tenant);

        using var response = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("n1", "tenant-a"))
            .ReplaceItem("a1", new TestItem("a1", "tenant-a", Count: 2, Tags: ["a1"]))
            .PatchItem("a1", [PatchOperation.Increment("/count", 10)])
            .DeleteItem("a2")
            .UpsertItem(new TestItem("a3", "tenant-a", Status: "upserted", Tags: ["a3"]))
            .UpsertItem(new TestItem("n2", "tenant-a"))
            .ReplaceItem("n1", new TestItem("n1", "tenant-a", Count: 5))
            .DeleteItem("n2")
            .CreateItem(new TestItem("a2", "tenant-a", Status: "recreated", Tags: ["a2"]))
            .CreateItem(new TestItem("a4", "tenant-a"))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.FailedDependency, 9), HttpStatusCode.Conflict], response.Select(r => r.StatusCode));
        Assert.Equal(before, await StoredAsync(container));
        Assert.Equal(partitionBefore, await StoredAsync(container, Tenant));
        // Not even the order the store lists items in changes (a1, a2, a3 were rewritten, a2 deleted and re-created).
        Assert.Equal(orderBefore, await TagsInStoredOrderAsync(container));
        Assert.Equal(partitionOrderBefore, await TagsInStoredOrderAsync(container, Tenant));
        // The next write carries on as if the batch never ran.
        var created = await container.CreateItemAsync(new TestItem("n1", "tenant-a"), Tenant);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task A_batch_whose_patch_filter_predicate_fails_writes_nothing()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("b", "tenant-a", Status: "open"));
        var bBefore = await container.ReadItemAsync<TestItem>("b", Tenant);

        using var response = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("a", "tenant-a"))
            .PatchItem("b", [PatchOperation.Set("/status", "paid")], new TransactionalBatchPatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.status = 'closed'" })
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.PreconditionFailed], response.Select(r => r.StatusCode));
        Assert.Null(await TryReadAsync(container, "a"));
        var bAfter = await container.ReadItemAsync<TestItem>("b", Tenant);
        Assert.Equal("open", bAfter.Resource.Status);
        Assert.Equal(bBefore.ETag, bAfter.ETag);
    }

    [Fact]
    public async Task A_batch_whose_patch_filter_predicate_holds_applies_it()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("b", "tenant-a", Status: "Open"));

        using var response = await container.CreateTransactionalBatch(Tenant)
            .PatchItem("b", [PatchOperation.Set("/status", "Paid")], new TransactionalBatchPatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.status = 'Open'" })
            .ExecuteAsync();

        Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        Assert.Equal("Paid", (await TryReadAsync(container, "b"))?.Resource.Status);
    }

    [Fact]
    public async Task A_batch_with_a_stale_if_match_fails_with_412_and_writes_nothing()
    {
        var container = await fixture.CreateContainerAsync();
        var original = await container.CreateItemAsync(new TestItem("b", "tenant-a"), Tenant);
        var current = await container.ReplaceItemAsync(new TestItem("b", "tenant-a", Count: 1), "b", Tenant);

        using var response = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("a", "tenant-a"))
            .ReplaceItem("b", new TestItem("b", "tenant-a", Count: 2), new TransactionalBatchItemRequestOptions { IfMatchEtag = original.ETag })
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.PreconditionFailed], response.Select(r => r.StatusCode));
        Assert.Null(await TryReadAsync(container, "a"));
        var bAfter = await container.ReadItemAsync<TestItem>("b", Tenant);
        Assert.Equal(1, bAfter.Resource.Count);
        Assert.Equal(current.ETag, bAfter.ETag);
    }

    [Fact]
    public async Task A_batch_with_the_current_if_match_commits()
    {
        var container = await fixture.CreateContainerAsync();
        var current = await container.CreateItemAsync(new TestItem("b", "tenant-a"), Tenant);

        using var response = await container.CreateTransactionalBatch(Tenant)
            .ReplaceItem("b", new TestItem("b", "tenant-a", Count: 2), new TransactionalBatchItemRequestOptions { IfMatchEtag = current.ETag })
            .UpsertItem(new TestItem("e", "tenant-a", Count: 3))
            .ExecuteAsync();

        Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], response.Select(r => r.StatusCode));
        Assert.Equal(2, (await TryReadAsync(container, "b"))?.Resource.Count);
        Assert.Equal(3, (await TryReadAsync(container, "e"))?.Resource.Count);
    }

    [Fact]
    public async Task A_batch_reading_a_missing_item_fails_with_404_and_writes_nothing()
    {
        var container = await fixture.CreateContainerAsync();

        using var response = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("a", "tenant-a"))
            .ReadItem("absent")
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.NotFound], response.Select(r => r.StatusCode));
        Assert.Null(await TryReadAsync(container, "a"));
    }
}
