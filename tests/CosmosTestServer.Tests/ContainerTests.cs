using System.Net;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json;
using Xunit;

namespace Receivables.Testing.Cosmos.Tests;

public sealed class ContainerTests(CosmosFixture fixture) : IClassFixture<CosmosFixture>
{
    // The product's indexing policy, as the product ships it (copied next to the test assembly).
    private static IndexingPolicy ProductIndexingPolicy() =>
        JsonConvert.DeserializeObject<IndexingPolicy>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "indexing-policy.json")))
        ?? throw new InvalidOperationException("indexing-policy.json is empty.");

    [Fact]
    public async Task The_product_indexing_policy_is_accepted_and_its_composite_indexes_serve_order_by()
    {
        var container = await fixture.CreateContainerAsync(properties => properties.IndexingPolicy = ProductIndexingPolicy());
        var items = new[]
        {
            new { id = "1", pk = "t", resource = "invoice", created_at = "2024-01-01T00:00:00Z" },
            new { id = "2", pk = "t", resource = "invoice", created_at = "2024-03-01T00:00:00Z" },
            new { id = "3", pk = "t", resource = "customer", created_at = "2024-02-01T00:00:00Z" },
            new { id = "4", pk = "t", resource = "invoice", created_at = "2024-02-01T00:00:00Z" },
        };
        foreach (var item in items)
        {
            await container.CreateItemAsync(item, new PartitionKey("t"));
        }

        var properties = (await container.ReadContainerAsync()).Resource;
        var newestFirst = await Feed.DrainAsync(container.GetItemQueryIterator<string>(
            "SELECT VALUE c.id FROM c WHERE c.resource = 'invoice' ORDER BY c.resource DESC, c.created_at DESC, c.id DESC",
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("t") }));
        var oldestFirst = await Feed.DrainAsync(container.GetItemQueryIterator<string>(
            "SELECT VALUE c.id FROM c ORDER BY c.resource ASC, c.created_at ASC, c.id ASC"));

        Assert.Equal(ProductIndexingPolicy().CompositeIndexes.Count, properties.IndexingPolicy.CompositeIndexes.Count);
        // A composite index serves its own order and the exact reverse (as Cosmos DB does), never a mix.
        Assert.Equal(["2", "4", "1"], newestFirst);
        Assert.Equal(["3", "1", "4", "2"], oldestFirst);
        var mixed = await Assert.ThrowsAsync<CosmosException>(() => Feed.DrainAsync(container.GetItemQueryIterator<string>(
            "SELECT VALUE c.id FROM c ORDER BY c.resource ASC, c.created_at DESC, c.id ASC")));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, mixed.StatusCode);
    }

    [Fact]
    public async Task Replacing_a_container_keeps_its_items()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("inv-1", "tenant-a"));
        var properties = (await container.ReadContainerAsync()).Resource;
        properties.IndexingPolicy = ProductIndexingPolicy();

        await container.ReplaceContainerAsync(properties);
        var read = await container.ReadItemAsync<TestItem>("inv-1", new PartitionKey("tenant-a"));
        var replaced = (await container.ReadContainerAsync()).Resource;

        Assert.Equal("inv-1", read.Resource.Id);
        Assert.Equal(ProductIndexingPolicy().CompositeIndexes.Count, replaced.IndexingPolicy.CompositeIndexes.Count);
    }

    [Fact]
    public async Task An_item_ttl_expires_the_item_when_the_container_enables_ttl()
    {
        var container = await fixture.CreateContainerAsync(properties => properties.DefaultTimeToLive = -1);
        await Feed.SeedAsync(container, new TestItem("short-lived", "tenant-a", Ttl: 1), new TestItem("kept", "tenant-a"));

        // Expiry is eventual in Cosmos DB (and has one-second resolution): wait for it, bounded, rather than
        // asserting a time. The item without a ttl must outlive it (DefaultTimeToLive -1: no default expiry).
        var expired = false;
        for (var attempt = 0; attempt < 120 && !expired; attempt++)
        {
            using var response = await container.ReadItemStreamAsync("short-lived", new PartitionKey("tenant-a"));
            expired = response.StatusCode == HttpStatusCode.NotFound;
            if (!expired)
            {
                await Task.Delay(500);
            }
        }
        var remaining = await Feed.DrainAsync(container.GetItemQueryIterator<string>("SELECT VALUE c.id FROM c"));

        Assert.True(expired, "The item with ttl 1 never expired.");
        Assert.Equal(["kept"], remaining);
    }

    [Fact]
    public async Task The_change_feed_returns_each_changed_item_once_then_only_later_changes()
    {
        var container = await fixture.CreateContainerAsync();
        await Feed.SeedAsync(container, new TestItem("a1", "tenant-a"), new TestItem("a2", "tenant-a"), new TestItem("b1", "tenant-b"));
        await container.ReplaceItemAsync(new TestItem("a1", "tenant-a", Count: 1), "a1", new PartitionKey("tenant-a"));

        var (initial, continuation) = await ReadChangesAsync(container, ChangeFeedStartFrom.Beginning());
        await container.ReplaceItemAsync(new TestItem("a2", "tenant-a", Count: 2), "a2", new PartitionKey("tenant-a"));
        var (later, _) = await ReadChangesAsync(container, ChangeFeedStartFrom.ContinuationToken(continuation));

        // Latest version mode: a1 was written twice before the first read and appears once, in its latest version.
        Assert.Equal(["a1", "a2", "b1"], initial.Select(i => i.Id).Order());
        Assert.Equal(1, initial.Single(i => i.Id == "a1").Count);
        Assert.Equal([("a2", 2)], later.Select(i => (i.Id, i.Count)));
    }

    private static async Task<(List<TestItem> Items, string Continuation)> ReadChangesAsync(Container container, ChangeFeedStartFrom start)
    {
        var items = new List<TestItem>();
        using var iterator = container.GetChangeFeedIterator<TestItem>(start, ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 2 });
        // Bounded so a feed that never reports "caught up" fails the test instead of hanging it.
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await iterator.ReadNextAsync();
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                return (items, page.ContinuationToken);
            }
            items.AddRange(page);
        }
        throw new InvalidOperationException($"The change feed did not report NotModified after 50 pages ({items.Count} items).");
    }
}
