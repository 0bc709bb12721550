using System.Net;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace Receivables.Testing.Cosmos.Tests;

public sealed class QueryTests(CosmosFixture fixture) : IClassFixture<CosmosFixture>
{
    private static readonly TestItem[] Items =
    [
        new("a1", "tenant-a", "open", 3),
        new("a2", "tenant-a", "paid", 1),
        new("a3", "tenant-a", "open", 5),
        new("a4", "tenant-a", "paid", 4),
        new("a5", "tenant-a", "open", 2),
        new("b1", "tenant-b", "open", 10),
        new("b2", "tenant-b", "paid", 0),
    ];

    private async Task<Container> SeededContainerAsync(Action<ContainerProperties>? configure = null)
    {
        var container = await fixture.CreateContainerAsync(configure);
        await Feed.SeedAsync(container, Items);
        return container;
    }

    private static QueryRequestOptions InPartition(string pk, int? maxItemCount = null) =>
        new() { PartitionKey = new PartitionKey(pk), MaxItemCount = maxItemCount };

    [Fact]
    public async Task A_query_with_a_partition_key_returns_only_that_partition()
    {
        var container = await SeededContainerAsync();

        var items = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c", requestOptions: InPartition("tenant-b")));

        Assert.Equal(["b1", "b2"], items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task A_partition_scoped_query_follows_every_kind_of_write()
    {
        // The store keeps each partition's items apart for partition-scoped queries; every way an item comes or
        // goes must reach that too: writes, patch, batches committed and rolled back, TTL expiry, container replace.
        var container = await fixture.CreateContainerAsync(properties => properties.DefaultTimeToLive = -1);
        var tenant = new PartitionKey("tenant-a");
        await Feed.SeedAsync(container,
            new TestItem("a1", "tenant-a"), new TestItem("a2", "tenant-a"), new TestItem("a3", "tenant-a"),
            new TestItem("short-lived", "tenant-a", Ttl: 1), new TestItem("b1", "tenant-b"));

        await container.CreateItemAsync(new TestItem("a4", "tenant-a"), tenant);
        await container.ReplaceItemAsync(new TestItem("a1", "tenant-a", Count: 1), "a1", tenant);
        await container.UpsertItemAsync(new TestItem("a2", "tenant-a", Count: 2), tenant);
        await container.UpsertItemAsync(new TestItem("a5", "tenant-a"), tenant);
        await container.DeleteItemAsync<TestItem>("a3", tenant);
        await container.PatchItemAsync<TestItem>("a4", tenant, [PatchOperation.Set("/status", "patched")]);
        using (var committed = await container.CreateTransactionalBatch(tenant)
            .CreateItem(new TestItem("a6", "tenant-a"))
            .DeleteItem("a5")
            .ExecuteAsync())
        {
            Assert.True(committed.IsSuccessStatusCode, committed.ErrorMessage);
        }
        using (var rolledBack = await container.CreateTransactionalBatch(tenant)
            .CreateItem(new TestItem("a7", "tenant-a"))
            .DeleteItem("a1")
            .CreateItem(new TestItem("a2", "tenant-a"))
            .ExecuteAsync())
        {
            Assert.Equal(HttpStatusCode.Conflict, rolledBack.StatusCode);
        }
        var properties = (await container.ReadContainerAsync()).Resource;
        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/note/?" });
        await container.ReplaceContainerAsync(properties);
        // Expiry is eventual (one-second resolution): wait for it, bounded.
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var read = await container.ReadItemStreamAsync("short-lived", tenant);
            if (read.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }
            await Task.Delay(500);
        }

        using var query = container.GetItemQueryIterator<TestItem>("SELECT * FROM c", requestOptions: InPartition("tenant-a"));
        var page = await query.ReadNextAsync();
        var other = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c", requestOptions: InPartition("tenant-b")));

        Assert.Equal(["a1", "a2", "a4", "a6"], page.Select(i => i.Id).Order());
        Assert.Equal([(1, "open"), (2, "open"), (0, "patched"), (0, "open")], page.OrderBy(i => i.Id).Select(i => (i.Count, i.Status)));
        Assert.Equal(["b1"], other.Select(i => i.Id));
        if (fixture.Target.IsTestServer)
        {
            // Nothing that left the partition is still looked at.
            Assert.Equal("4", page.Headers["x-test-documents-examined"]);
        }
    }

    [Fact]
    public async Task A_query_without_a_partition_key_spans_all_partitions()
    {
        var container = await SeededContainerAsync();

        var items = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c WHERE c.status = 'paid'"));

        Assert.Equal(["a2", "a4", "b2"], items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Query_parameters_are_bound()
    {
        var container = await SeededContainerAsync();
        var query = new QueryDefinition("SELECT * FROM c WHERE c.status = @status AND c.count >= @min").WithParameter("@status", "open").WithParameter("@min", 3);

        var inPartition = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>(query, requestOptions: InPartition("tenant-a")));
        var everywhere = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>(query));

        Assert.Equal(["a1", "a3"], inPartition.Select(i => i.Id).Order());
        Assert.Equal(["a1", "a3", "b1"], everywhere.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Order_by_a_single_field_sorts_both_ways()
    {
        var container = await SeededContainerAsync();

        var ascending = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c ORDER BY c.count", requestOptions: InPartition("tenant-a")));
        var descending = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c ORDER BY c.count DESC"));

        Assert.Equal(["a2", "a5", "a1", "a4", "a3"], ascending.Select(i => i.Id));
        Assert.Equal(["b1", "a3", "a4", "a1", "a5", "a2", "b2"], descending.Select(i => i.Id));
    }

    [Fact]
    public async Task Order_by_two_fields_uses_a_composite_index()
    {
        var container = await SeededContainerAsync(properties =>
        {
            properties.IndexingPolicy.CompositeIndexes.Add(
            [
                new CompositePath { Path = "/status", Order = CompositePathSortOrder.Ascending },
                new CompositePath { Path = "/count", Order = CompositePathSortOrder.Descending },
            ]);
        });

        var items = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c ORDER BY c.status ASC, c.count DESC"));

        Assert.Equal(["b1", "a3", "a1", "a5", "a4", "a2", "b2"], items.Select(i => i.Id));
    }

    [Fact]
    public async Task Offset_limit_pages_through_ordered_results()
    {
        var container = await SeededContainerAsync();
        var query = new QueryDefinition("SELECT * FROM c ORDER BY c.count OFFSET @offset LIMIT @limit").WithParameter("@offset", 1).WithParameter("@limit", 2);

        var inPartition = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c ORDER BY c.count OFFSET 1 LIMIT 3", requestOptions: InPartition("tenant-a")));
        var parameterized = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>(query, requestOptions: InPartition("tenant-a")));
        var everywhere = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c ORDER BY c.count OFFSET 5 LIMIT 10"));

        Assert.Equal(["a5", "a1", "a4"], inPartition.Select(i => i.Id));
        Assert.Equal(["a5", "a1"], parameterized.Select(i => i.Id));
        Assert.Equal(["a3", "b1"], everywhere.Select(i => i.Id));
    }

    [Fact]
    public async Task Max_item_count_pages_with_continuation_tokens_until_done()
    {
        var container = await SeededContainerAsync();
        const string query = "SELECT * FROM c ORDER BY c.count";

        var pages = new List<List<string>>();
        string? firstContinuation = null;
        using (var iterator = container.GetItemQueryIterator<TestItem>(query, requestOptions: InPartition("tenant-a", maxItemCount: 2)))
        {
            while (iterator.HasMoreResults)
            {
                var page = await iterator.ReadNextAsync();
                pages.Add(page.Select(i => i.Id).ToList());
                firstContinuation ??= page.ContinuationToken;
            }
        }
        // A new iterator resumes where the first page's continuation token points.
        var resumed = await Feed.DrainAsync(container.GetItemQueryIterator<TestItem>(query, firstContinuation, InPartition("tenant-a", maxItemCount: 2)));

        Assert.Equal([["a2", "a5"], ["a1", "a4"], ["a3"]], pages);
        Assert.NotNull(firstContinuation);
        Assert.Equal(["a1", "a4", "a3"], resumed.Select(i => i.Id));
    }

    [Fact]
    public async Task Cross_partition_paging_returns_every_item_once()
    {
        var container = await SeededContainerAsync();

        var pageSizes = new List<int>();
        var ids = new List<string>();
        using (var iterator = container.GetItemQueryIterator<TestItem>("SELECT * FROM c", requestOptions: new QueryRequestOptions { MaxItemCount = 3 }))
        {
            while (iterator.HasMoreResults)
            {
                var page = await iterator.ReadNextAsync();
                pageSizes.Add(page.Count);
                ids.AddRange(page.Select(i => i.Id));
            }
        }

        Assert.Equal(Items.Select(i => i.Id).Order(), ids.Order());
        Assert.All(pageSizes, size => Assert.InRange(size, 0, 3));
    }

    [Fact]
    public async Task Count_value_counts_in_a_partition_and_across_partitions()
    {
        var container = await SeededContainerAsync();

        var inPartition = await Feed.DrainAsync(container.GetItemQueryIterator<int>("SELECT VALUE COUNT(1) FROM c", requestOptions: InPartition("tenant-a")));
        var everywhere = await Feed.DrainAsync(container.GetItemQueryIterator<int>("SELECT VALUE COUNT(1) FROM c WHERE c.status = 'open'"));

        Assert.Equal([5], inPartition);
        Assert.Equal([4], everywhere);
    }

    [Fact]
    public async Task Select_value_projects_a_field()
    {
        var container = await SeededContainerAsync();

        var ids = await Feed.DrainAsync(container.GetItemQueryIterator<string>("SELECT VALUE c.id FROM c WHERE c.count > 3 ORDER BY c.id", requestOptions: InPartition("tenant-a")));

        Assert.Equal(["a3", "a4"], ids);
    }

    [Fact]
    public async Task A_query_with_a_syntax_error_throws_400()
    {
        var container = await SeededContainerAsync();

        var error = await Assert.ThrowsAsync<CosmosException>(() => Feed.DrainAsync(container.GetItemQueryIterator<TestItem>("SELECT * FROM c WHERE")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }
}
