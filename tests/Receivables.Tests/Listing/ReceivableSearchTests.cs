using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Listing.ListingApi;

namespace Receivables.Tests.Listing;

/// <summary>
/// <c>POST /v1/receivables/search</c> is <c>GET /v1/receivables</c> with the parameters in a strict body: over the
/// whole filter table (and with sorts), the same ids in the same order on the same pages; a bad value is a 422 at
/// <c>["body", field]</c>, an unknown field too.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableSearchTests(ApiHost api)
{
    public static IEnumerable<object[]> Cases => ListingCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task search_finds_what_get_finds_on_the_same_pages(string name)
    {
        var world = await ListingWorld.GetAsync(api);
        var c = ListingCases.Get(world, name);
        var expected = world.Expected(c.Matches);
        foreach (var (sort, order) in new[] { ("created_at", "asc"), ("total_amount", "desc"), ("document_id", "asc") })
        {
            var parameters = c.Parameters.Append(("sort", sort)).Append(("order", order)).ToArray();
            var (got, _) = await api.WalkAsync(world.Entity, Query(parameters), 2);
            var searched = await api.SearchWalkAsync(world.Entity, Body(parameters), 2);
            Assert.Equal(got, searched);
            Assert.Equal(ListingWorld.Sorted(world.All.Where(d => expected.Contains(d["id"]!.GetValue<string>())), sort, order == "desc"), got.SelectMany(p => p).ToList());
        }
    }

    [Fact]
    public async Task a_get_token_and_a_search_token_of_the_same_query_continue_alike()
    {
        var world = await ListingWorld.GetAsync(api);
        var fromGet = (await api.PageAsync(world.Entity, "type=invoice&sort=status&limit=2")).Next()!;
        var fromSearch = (await api.SearchPageAsync(world.Entity, new { type = "invoice", sort = "status", limit = 2 })).Next()!;
        var a = await api.PageAsync(world.Entity, $"{Token(fromGet)}&limit=3");
        var b = await api.SearchPageAsync(world.Entity, new { pagination_token = fromSearch, limit = 3 });
        var c = await api.SearchPageAsync(world.Entity, new { pagination_token = fromGet, limit = 3 });
        Assert.Equal(a.Ids(), b.Ids());
        Assert.Equal(a.Ids(), c.Ids());
        Assert.Equal(3, a.Ids().Count);
    }

    [Fact]
    public async Task an_empty_body_lists_everything_by_default()
    {
        var world = await ListingWorld.GetAsync(api);
        Assert.Equal(world.Expected(_ => true), (await api.SearchPageAsync(world.Entity, new { })).Ids());
        Assert.Equal(world.Expected(_ => true), (await api.SearchPageAsync(world.Entity, new { type = (string?)null, status__in = (string[]?)null, limit = (int?)null })).Ids());
    }

    public static IEnumerable<object[]> BadBodies =>
    [
        ["type", "\"robot\""], ["id__in", "[\"nope\"]"], ["id__in", "\"not-a-list\""], ["status", "\"deleted\""], ["status__in", "[\"draft\",\"nope\"]"],
        ["entity_user_id", "\"nope\""], ["entity_user_id__in", "[1]"], ["counterpart_id", "\"nope\""], ["counterpart_name", $"\"{new string('n', 256)}\""],
        ["counterpart_name__icontains", $"\"{new string('n', 256)}\""], ["document_id__contains", $"\"{new string('d', 256)}\""],
        ["issue_date__gte", "\"yesterday\""], ["created_at__lt", "\"x\""], ["due_date__gt", "\"2024-02-30\""], ["due_date__lte", "\"2024-01-01T00:00:00Z\""],
        ["total_amount", "\"abc\""], ["total_amount__gt", "1.5"], ["discounted_subtotal__lte", "99999999999999999999"], ["discounted_subtotal", "{}"],
        ["based_on", "\"nope\""], ["project_id", "12"], ["project_id__in", "[\"nope\"]"], ["tag_ids", "[\"nope\"]"], ["tag_ids__in", "[{}]"],
        ["product_ids", "[\"nope\"]"], ["product_ids__in", "[null]"], ["sort", "\"nonsense\""], ["sort", "1"], ["order", "\"sideways\""],
        ["limit", "0"], ["limit", "251"], ["limit", "\"x\""], ["limit", "1.5"], ["pagination_token", "\"junk\""], ["pagination_token", "7"],
        ["amount__gte", "\"abc\""], ["amount", "1.5"], ["created_at__gte", "\"1 Jan\""], ["issue_date__lt", "\"01/02/2024\""],
        ["colour", "\"red\""], ["amount__between", "1"], ["Type", "\"invoice\""],
    ];

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task a_bad_or_unknown_field_is_a_422_naming_it(string field, string json)
    {
        var entity = (await ListingWorld.GetAsync(api)).Entity;
        var (status, body) = await api.SearchAsync(entity, $"{{\"{field}\": {json}}}");
        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{field}={json}: {status} {body.ToJsonString()}");
        Assert.True(Json.Detail(body).Any(d => Json.Loc(d!) == $"body.{field}" || Json.Loc(d!).StartsWith($"body.{field}.", StringComparison.Ordinal)),
            $"{field}={json}: {body.ToJsonString()}");
    }

    [Fact]
    public async Task a_body_that_is_not_an_object_is_a_422()
    {
        var entity = (await ListingWorld.GetAsync(api)).Entity;
        foreach (var raw in new[] { "[]", "\"type\"", "{", "null" })
        {
            var (status, body) = await api.SearchAsync(entity, raw);
            Assert.True(status is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{raw}: {status} {body.ToJsonString()}");
            Assert.True(body.ContainsKey("detail") || body.ContainsKey("error"), body.ToJsonString());
        }
    }

    [Fact]
    public async Task amounts_may_be_numbers_or_strings_and_lists_are_arrays()
    {
        var world = await ListingWorld.GetAsync(api);
        var expected = world.Expected(d => d["total_amount"]!.GetValue<long>() >= 15000 && ListingWorld.Str(d, "status") is "draft" or "issued");
        var asNumber = await api.SearchPageAsync(world.Entity, JsonNode.Parse("""{"total_amount__gte": 15000, "status__in": ["draft", "issued"]}""")!);
        var asAlias = await api.SearchPageAsync(world.Entity, JsonNode.Parse("""{"amount__gte": "15000", "status__in": ["draft", "issued"]}""")!);
        Assert.Equal(expected, asNumber.Ids());
        Assert.Equal(expected, asAlias.Ids());
        Assert.NotEmpty(expected);
    }
}
