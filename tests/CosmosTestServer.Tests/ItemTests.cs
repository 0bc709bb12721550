using System.Net;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace Receivables.Testing.Cosmos.Tests;

public sealed class ItemTests(CosmosFixture fixture) : IClassFixture<CosmosFixture>
{
    [Fact]
    public async Task Point_read_returns_the_item_and_the_etag_of_the_write()
    {
        var container = await fixture.CreateContainerAsync();
        var created = await container.CreateItemAsync(new TestItem("inv-1", "tenant-a", Count: 3, Tags: ["x"]), new PartitionKey("tenant-a"));

        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal(3, read.Resource.Count);
        Assert.Equal(["x"], read.Resource.Tags);
    }

    [Fact]
    public async Task Reading_a_missing_item_throws_404()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("present", "tenant-a"));

        var missing = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<TestItem>("absent", new PartitionKey("tenant-a")));
        // The id exists, but in another partition: still not found.
        var otherPartition = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<TestItem>("present", new PartitionKey("tenant-b")));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPartition.StatusCode);
    }

    [Fact]
    public async Task Reading_a_missing_item_as_a_stream_answers_404_without_throwing()
    {
        var container = await fixture.CreateContainerAsync();

        using var response = await container.ReadItemStreamAsync("absent", new PartitionKey("tenant-a"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Creating_a_duplicate_id_in_the_same_partition_throws_409()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("inv-1", "tenant-a"));

        var duplicate = await Assert.ThrowsAsync<CosmosException>(() => container.CreateItemAsync(new TestItem("inv-1", "tenant-a"), new PartitionKey("tenant-a")));
        // The same id in another partition is another item.
        var elsewhere = await container.CreateItemAsync(new TestItem("inv-1", "tenant-b"), new PartitionKey("tenant-b"));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Upsert_creates_then_replaces()
    {
        var container = await fixture.CreateContainerAsync();

        var first = await container.UpsertItemAsync(new TestItem("inv-1", "tenant-a", Count: 1), new PartitionKey("tenant-a"));
        var second = await container.UpsertItemAsync(new TestItem("inv-1", "tenant-a", Count: 2), new PartitionKey("tenant-a"));
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, read.Resource.Count);
    }

    [Fact]
    public async Task Replace_with_the_current_etag_succeeds_and_with_a_stale_etag_throws_412()
    {
        var container = await fixture.CreateContainerAsync();
        var original = await container.CreateItemAsync(new TestItem("inv-1", "tenant-a", Count: 1), new PartitionKey("tenant-a"));

        var replaced = await container.ReplaceItemAsync(new TestItem("inv-1", "tenant-a", Count: 2), "inv-1", new PartitionKey("tenant-a"),
            new ItemRequestOptions { IfMatchEtag = original.ETag });
        var stale = await Assert.ThrowsAsync<CosmosException>(() => container.ReplaceItemAsync(new TestItem("inv-1", "tenant-a", Count: 3), "inv-1",
            new PartitionKey("tenant-a"), new ItemRequestOptions { IfMatchEtag = original.ETag }));
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.NotEqual(original.ETag, replaced.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, read.Resource.Count);
        Assert.Equal(replaced.ETag, read.ETag);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_throws_412_and_keeps_the_item()
    {
        var container = await fixture.CreateContainerAsync();
        var original = await container.CreateItemAsync(new TestItem("inv-1", "tenant-a"), new PartitionKey("tenant-a"));
        var replaced = await container.ReplaceItemAsync(new TestItem("inv-1", "tenant-a", Count: 1), "inv-1", new PartitionKey("tenant-a"));

        var stale = await Assert.ThrowsAsync<CosmosException>(() => container.DeleteItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"),
            new ItemRequestOptions { IfMatchEtag = original.ETag }));
        var stillThere = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));
        var deleted = await container.DeleteItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"), new ItemRequestOptions { IfMatchEtag = replaced.ETag });
        var gone = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a")));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(replaced.ETag, stillThere.ETag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Patch_applies_set_increment_add_and_remove_in_one_request()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("inv-1", "tenant-a", Count: 5, Tags: ["a"], Note: "remove me"));

        var patched = await container.PatchItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"),
        [
            PatchOperation.Set("/status", "Paid"),
            PatchOperation.Increment("/count", 3),
            PatchOperation.Add("/tags/-", "b"),
            PatchOperation.Remove("/note"),
        ]);
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(new TestItem("inv-1", "tenant-a", "Paid", 8, read.Resource.Tags, null), read.Resource);
        Assert.Equal(["a", "b"], read.Resource.Tags);
        Assert.Equal(patched.ETag, read.ETag);
    }

    [Fact]
    public async Task Patch_with_a_matching_filter_predicate_applies()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("inv-1", "tenant-a", Status: "Open", Count: 1));

        // Mixed-case value: the predicate must be evaluated as written.
        await container.PatchItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"), [PatchOperation.Set("/status", "Paid")],
            new PatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.status = 'Open' AND c.count = 1" });
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.Equal("Paid", read.Resource.Status);
    }

    [Fact]
    public async Task Patch_with_a_failing_filter_predicate_throws_412_and_changes_nothing()
    {
        var container = await fixture.CreateContainerAsync();
        var original = await container.CreateItemAsync(new TestItem("inv-1", "tenant-a", Status: "Open"), new PartitionKey("tenant-a"));

        var failed = await Assert.ThrowsAsync<CosmosException>(() => container.PatchItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"),
            [PatchOperation.Set("/status", "Paid")], new PatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.status = 'open'" }));
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, failed.StatusCode);
        Assert.Equal("Open", read.Resource.Status);
        Assert.Equal(original.ETag, read.ETag);
    }

    [Fact]
    public async Task Patch_with_a_stale_etag_throws_412()
    {
        var container = await fixture.CreateContainerAsync();
        var original = await container.CreateItemAsync(new TestItem("inv-1", "tenant-a"), new PartitionKey("tenant-a"));
        await container.PatchItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"), [PatchOperation.Increment("/count", 1)]);

        var stale = await Assert.ThrowsAsync<CosmosException>(() => container.PatchItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"),
            [PatchOperation.Increment("/count", 1)], new PatchItemRequestOptions { IfMatchEtag = original.ETag }));
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(1, read.Resource.Count);
    }

    [Fact]
    public async Task Patching_a_missing_item_throws_404()
    {
        var container = await fixture.CreateContainerAsync();

        var missing = await Assert.ThrowsAsync<CosmosException>(() => container.PatchItemAsync<TestItem>("absent", new PartitionKey("tenant-a"),
            [PatchOperation.Set("/status", "Paid")]));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Ids_with_spaces_and_plus_signs_round_trip()
    {
        var container = await fixture.CreateContainerAsync();
        const string id = "inv 1+2=3 é";
        await Feed.SeedAsync(container, new TestItem(id, "tenant a+b"));

        var read = await container.ReadItemAsync<TestItem>(id, new PartitionKey("tenant a+b"));
        await container.ReplaceItemAsync(read.Resource with { Count = 7 }, id, new PartitionKey("tenant a+b"));
        var replaced = await container.ReadItemAsync<TestItem>(id, new PartitionKey("tenant a+b"));
        await container.DeleteItemAsync<TestItem>(id, new PartitionKey("tenant a+b"));
        var gone = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<TestItem>(id, new PartitionKey("tenant a+b")));

        Assert.Equal(id, read.Resource.Id);
        Assert.Equal(7, replaced.Resource.Count);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Read_many_returns_the_requested_items_across_partitions()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("a1", "tenant-a"), new TestItem("a2", "tenant-a"), new TestItem("b1", "tenant-b"));

        var response = await container.ReadManyItemsAsync<TestItem>([("a1", new PartitionKey("tenant-a")), ("b1", new PartitionKey("tenant-b")),
            ("a1", new PartitionKey("tenant-b"))]);

        Assert.Equal(["a1", "b1"], response.Select(i => i.Id).Order());
    }
}
