using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace Receivables.Testing.Cosmos.Tests;

/// <summary>
/// The test server's own cost must not grow with what else is stored (issue 10, item 13). Counted, never timed: the
/// store reports on each response how many stored documents a query looked at
/// (<c>x-test-documents-examined</c>), how many changes a batch logged to be able to roll back
/// (<c>x-test-undo-entries</c>) and how many items the TTL purge before it looked at (<c>x-test-expiry-checked</c>).
/// Other accounts (<c>COSMOS_TEST_ENDPOINT</c>) send neither; there the tests check
/// only the results.
/// </summary>
public sealed class StoreCostTests(CosmosFixture fixture) : IClassFixture<CosmosFixture>
{
    private const int Elsewhere = 1_000;
    private static readonly PartitionKey Tenant = new("tenant-a");

    private bool Counted => fixture.Target.IsTestServer;

    // 1,000 items in ten other partitions, written 100 to a batch (the most a batch takes).
    private static async Task SeedElsewhereAsync(Container container, int? ttl = null)
    {
        for (var partition = 0; partition < Elsewhere / 100; partition++)
        {
            var pk = $"other-{partition}";
            var batch = container.CreateTransactionalBatch(new PartitionKey(pk));
            for (var i = 0; i < 100; i++)
            {
                batch.CreateItem(new TestItem($"o{partition}-{i}", pk, Count: i, Ttl: ttl));
            }
            using var response = await batch.ExecuteAsync();
            Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        }
    }

    private static int Header(Headers headers, string name) =>
        int.Parse(headers[name] ?? throw new Xunit.Sdk.XunitException($"The test server did not send {name}."), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_partition_scoped_query_examines_only_the_items_of_its_partition()
    {
        var container = await fixture.CreateContainerAsync();
        await SeedElsewhereAsync(container);
        await Feed.SeedAsync(container, new TestItem("a1", "tenant-a"), new TestItem("a2", "tenant-a", Status: "paid"), new TestItem("a3", "tenant-a"));

        using var scopedQuery = container.GetItemQueryIterator<TestItem>(
            "SELECT * FROM c WHERE c.status = 'open'", requestOptions: new QueryRequestOptions { PartitionKey = Tenant });
        var scoped = await scopedQuery.ReadNextAsync();
        using var everywhereQuery = container.GetItemQueryIterator<int>("SELECT VALUE COUNT(1) FROM c");
        var everywhere = await everywhereQuery.ReadNextAsync();

        Assert.Equal(["a1", "a3"], scoped.Select(i => i.Id).Order());
        Assert.Equal([Elsewhere + 3], everywhere);
        if (Counted)
        {
            Assert.Equal(3, Header(scoped.Headers, "x-test-documents-examined"));
            Assert.Equal(Elsewhere + 3, Header(everywhere.Headers, "x-test-documents-examined"));
        }
    }

    [Fact]
    public async Task A_batch_logs_only_what_it_changes_to_be_able_to_roll_back()
    {
        var container = await fixture.CreateContainerAsync();
        await SeedElsewhereAsync(container);
        await Feed.SeedAsync(container, new TestItem("b", "tenant-a", Count: 1), new TestItem("dup", "tenant-a"));
        var bBefore = await container.ReadItemAsync<TestItem>("b", Tenant);

        using var committed = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("a", "tenant-a"))
            .ReadItem("dup")
            .ExecuteAsync();
        using var rolledBack = await container.CreateTransactionalBatch(Tenant)
            .CreateItem(new TestItem("c", "tenant-a"))
            .ReplaceItem("b", new TestItem("b", "tenant-a", Count: 2))
            .DeleteItem("a")
            .CreateItem(new TestItem("dup", "tenant-a"))
            .ExecuteAsync();

        Assert.True(committed.IsSuccessStatusCode, committed.ErrorMessage);
        Assert.Equal(HttpStatusCode.Conflict, rolledBack.StatusCode);
        var bAfter = await container.ReadItemAsync<TestItem>("b", Tenant);
        Assert.Equal((1, bBefore.ETag), (bAfter.Resource.Count, bAfter.ETag));
        Assert.Equal(HttpStatusCode.OK, (await container.ReadItemStreamAsync("a", Tenant)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await container.ReadItemStreamAsync("c", Tenant)).StatusCode);
        if (Counted)
        {
            // A write changes at most two entries of each of the store's two maps (items, unique keys): a replace
            // removes and adds. The whole container (over 2,000 entries) must not be copied.
            Assert.InRange(Header(committed.Headers, "x-test-undo-entries"), 1, 4 * 2);
            Assert.InRange(Header(rolledBack.Headers, "x-test-undo-entries"), 1, 4 * 4);
        }
    }

    [Fact]
    public async Task The_ttl_purge_looks_only_at_items_whose_time_has_come()
    {
        // TTL on without a default, as the product's container: only items with a ttl of their own expire (the
        // product's idempotency records and token revocations have one).
        var container = await fixture.CreateContainerAsync(properties => properties.DefaultTimeToLive = -1);
        await SeedElsewhereAsync(container, ttl: 3600);

        using var beforeAnyExpiry = container.GetItemQueryIterator<int>(
            "SELECT VALUE COUNT(1) FROM c", requestOptions: new QueryRequestOptions { PartitionKey = Tenant });
        var first = await beforeAnyExpiry.ReadNextAsync();
        await Feed.SeedAsync(container, new TestItem("short-lived", "tenant-a", Ttl: 1), new TestItem("renewed", "tenant-a", Ttl: 1));
        await container.ReplaceItemAsync(new TestItem("renewed", "tenant-a", Ttl: 3600), "renewed", Tenant);
        // Expiry is eventual (one-second resolution): wait for it, bounded.
        var expired = false;
        for (var attempt = 0; attempt < 120 && !expired; attempt++)
        {
            using var read = await container.ReadItemStreamAsync("short-lived", Tenant);
            expired = read.StatusCode == HttpStatusCode.NotFound;
            if (!expired)
            {
                await Task.Delay(500);
            }
        }
        var remaining = await Feed.DrainAsync(container.GetItemQueryIterator<string>(
            "SELECT VALUE c.id FROM c", requestOptions: new QueryRequestOptions { PartitionKey = Tenant }));

        Assert.Equal([0], first);
        Assert.True(expired, "The item with ttl 1 never expired.");
        // The item written again with a longer ttl outlives the time its first version had.
        Assert.Equal(["renewed"], remaining);
        if (Counted)
        {
            // 1,000 items have a ttl, none is due: none is looked at.
            Assert.Equal(0, Header(first.Headers, "x-test-expiry-checked"));
        }
    }
}
