using Receivables.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Listing.ListingApi;

namespace Receivables.Tests.Listing;

/// <summary>
/// Every sort of <c>ReceivableCursorFields</c> in both orders over <see cref="ListingWorld"/>, whose documents tie on
/// most fields and lack document numbers, issue and due dates and projects: the order is the one computed here from
/// GET-by-id data (equal values by id, nulls first ascending), and small pages join into it with no duplicate or gap,
/// walking forward and back.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableSortTests(ApiHost api)
{
    private static readonly string[] SortFields =
        ["created_at", "counterpart_name", "counterpart_id", "amount", "total_amount", "discounted_subtotal", "status", "due_date", "issue_date", "document_id", "project_id"];

    public static IEnumerable<object[]> Sorts => SortFields.SelectMany(s => new[] { new object[] { s, "asc" }, [s, "desc"] });

    [Fact]
    public void the_sorts_are_the_enum_of_the_spec()
    {
        Assert.Equal(SortFields.Order(StringComparer.Ordinal), ReceivableList.Definition.Sorts.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task the_world_has_ties_and_nulls_on_every_sort()
    {
        var world = await ListingWorld.GetAsync(api);
        foreach (var sort in SortFields)
        {
            var keys = world.All.Select(d => ListingWorld.SortKey(d, sort)).ToList();
            if (sort != "created_at") Assert.True(keys.Distinct().Count() < keys.Count, $"no tie on {sort}");
            Assert.True(keys.Distinct().Count() > 1, $"only one value of {sort}");
            if (sort is "due_date" or "issue_date" or "document_id" or "project_id") Assert.Contains("", keys);
        }
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task a_sort_orders_every_document_and_its_pages_join_without_duplicates_or_gaps(string sort, string order)
    {
        var world = await ListingWorld.GetAsync(api);
        var expected = ListingWorld.Sorted(world.All, sort, order == "desc");

        // One page of everything.
        var whole = await api.PageAsync(world.Entity, $"sort={sort}&order={order}&limit=250");
        Assert.Equal(expected, whole.Ids());

        // Pages of 3 (and of 1 and 4): joined, the same order; walked back from the last, the same pages.
        foreach (var limit in new[] { 3, 1, 4 })
        {
            var (pages, last) = await api.WalkAsync(world.Entity, $"sort={sort}&order={order}", limit);
            Assert.Equal(expected, pages.SelectMany(p => p).ToList());
            Assert.Equal((expected.Count + limit - 1) / limit, pages.Count);
            var back = await api.WalkBackAsync(world.Entity, last, limit);
            Assert.Equal(pages.SkipLast(1).ToList(), back);
        }

        // A filter with the sort: the same order restricted to the documents it finds.
        var invoices = await api.WalkAsync(world.Entity, $"type=invoice&sort={sort}&order={order}", 2);
        Assert.Equal(ListingWorld.Sorted(world.All.Where(d => ListingWorld.Str(d, "type") == "invoice"), sort, order == "desc"), invoices.Pages.SelectMany(p => p).ToList());
    }

    [Fact]
    public async Task the_default_is_created_at_ascending()
    {
        var world = await ListingWorld.GetAsync(api);
        var expected = ListingWorld.Sorted(world.All, "created_at", descending: false);
        Assert.Equal(expected, (await api.PageAsync(world.Entity, "")).Ids());
        Assert.Equal(expected, (await api.PageAsync(world.Entity, "order=asc")).Ids());
        Assert.Equal(Enumerable.Reverse(expected).ToList(), (await api.PageAsync(world.Entity, "order=desc")).Ids());
    }
}
