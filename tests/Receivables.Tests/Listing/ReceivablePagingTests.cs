using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Receivables.Api;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;
using static Receivables.Tests.Listing.ListingApi;

namespace Receivables.Tests.Listing;

/// <summary>Pages of <c>GET /v1/receivables</c>: limit, tokens (what they carry, whose they are, tampering), round trips, items.</summary>
[Collection(ApiTests.Name)]
public sealed class ReceivablePagingTests(ApiHost api)
{
    [Fact]
    public async Task limit_1_pages_one_by_one_and_the_ends_have_no_token()
    {
        var world = await ListingWorld.GetAsync(api);
        var expected = world.Expected(_ => true);
        var first = await api.PageAsync(world.Entity, "limit=1");
        Assert.Equal(expected.Take(1), first.Ids());
        Assert.Null(first.Prev());
        Assert.NotNull(first.Next());
        var (pages, last) = await api.WalkAsync(world.Entity, "", 1);
        Assert.Equal(expected.Select(id => new List<string> { id }), pages);
        Assert.Null(last.Next());
        Assert.NotNull(last.Prev());

        // Everything on one page: no token either way.
        var all = await api.PageAsync(world.Entity, "limit=250");
        Assert.Equal(expected, all.Ids());
        Assert.Null(all.Next());
        Assert.Null(all.Prev());
    }

    [Fact]
    public async Task limit_is_read_on_every_page_and_not_carried_by_the_token()
    {
        var world = await ListingWorld.GetAsync(api);
        var expected = world.Expected(_ => true);
        var first = await api.PageAsync(world.Entity, "limit=2");
        Assert.Equal(expected.Take(2), first.Ids());
        // The next page with another limit; without one, the default (100) takes the rest.
        var second = await api.PageAsync(world.Entity, $"{Token(first.Next()!)}&limit=5");
        Assert.Equal(expected.Skip(2).Take(5), second.Ids());
        var rest = await api.PageAsync(world.Entity, Token(second.Next()!));
        Assert.Equal(expected.Skip(7), rest.Ids());
        Assert.Null(rest.Next());
        // A bad limit next to a token is still a 422.
        var (status, body) = await api.GetListAsync(world.Entity, $"{Token(first.Next()!)}&limit=0");
        Invalid(status, body, "query.limit", "limit=0 with a token");
    }

    [Fact]
    public async Task the_token_wins_over_other_parameters_except_limit()
    {
        var world = await ListingWorld.GetAsync(api);
        var invoices = ListingWorld.Sorted(world.All.Where(d => ListingWorld.Str(d, "type") == "invoice"), "total_amount", descending: true);
        var first = await api.PageAsync(world.Entity, "type=invoice&sort=total_amount&order=desc&limit=2");
        Assert.Equal(invoices.Take(2), first.Ids());
        // Other filters, sort and order are ignored (bad ones too: they are not read); limit is read.
        var second = await api.PageAsync(world.Entity, $"{Token(first.Next()!)}&type=quote&sort=created_at&order=asc&status=paid&counterpart_id=nope&limit=3");
        Assert.Equal(invoices.Skip(2).Take(3), second.Ids());
        // The same from a search body.
        var searched = await api.SearchPageAsync(world.Entity, new { pagination_token = first.Next(), type = "quote", sort = "status", limit = 3 });
        Assert.Equal(second.Ids(), searched.Ids());
    }

    [Fact]
    public async Task a_token_of_another_entity_is_a_422()
    {
        var world = await ListingWorld.GetAsync(api);
        var other = await DocumentWorld.CreateAsync(api, "Other GmbH");
        await other.CreateIdAsync(other.Invoice());
        await other.CreateIdAsync(other.Invoice());
        var theirs = (await api.PageAsync(other.Entity, "limit=1")).Next()!;
        var (status, body) = await api.GetListAsync(world.Entity, Token(theirs));
        Invalid(status, body, "query.pagination_token", "another entity's token");
        (status, body) = await api.SearchAsync(world.Entity, new { pagination_token = theirs });
        Invalid(status, body, "body.pagination_token", "another entity's token (search)");
        // The token is good where it was issued.
        Assert.Single((await api.PageAsync(other.Entity, Token(theirs))).Ids());
    }

    [Fact]
    public async Task a_token_of_another_list_is_a_422()
    {
        var world = await ListingWorld.GetAsync(api);
        var page = await api.PageAsync(world.Entity, "limit=1");
        // A cursor signed with the same key, but issued for another list of the same entity (history, products…).
        var tokens = api.Service<PageTokens>();
        var mine = tokens.Decode(page.Next()!, "receivables", world.Entity.ToString(), "query");
        foreach (var list in new[] { "receivable_history", "products", "payment_records" })
        {
            var theirs = tokens.Encode(mine with { List = list });
            var (status, body) = await api.GetListAsync(world.Entity, Token(theirs));
            Invalid(status, body, "query.pagination_token", $"a {list} token");
        }
        // And the same cursor for this list works.
        Assert.Equal(world.Expected(_ => true).Skip(1).Take(1), (await api.PageAsync(world.Entity, $"{Token(tokens.Encode(mine))}&limit=1")).Ids());
    }

    [Fact]
    public async Task a_tampered_or_garbage_token_is_a_422()
    {
        var world = await ListingWorld.GetAsync(api);
        var token = (await api.PageAsync(world.Entity, "type=invoice&limit=1")).Next()!;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var tampered = new List<string>();
        // One character flipped in the payload, in the signature, and the payload re-encoded with another filter.
        foreach (var at in new[] { 0, dot / 2, dot - 2, dot + 1, token.Length - 2 })
        {
            var chars = token.ToCharArray();
            chars[at] = chars[at] == 'A' ? 'B' : 'A';
            tampered.Add(new string(chars));
        }
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(token[..dot].Replace('-', '+').Replace('_', '/'))))!.AsObject();
        payload["f"] = new JsonObject { ["type"] = new JsonArray("quote") };
        tampered.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_') + token[dot..]);
        tampered.AddRange([token[..dot], token[..dot] + ".", "." + token[(dot + 1)..], "not-a-token", token + "x", token.Replace(".", "..", StringComparison.Ordinal)]);
        foreach (var bad in tampered.Where(t => t != token))
        {
            var (status, body) = await api.GetListAsync(world.Entity, Token(bad));
            Invalid(status, body, "query.pagination_token", $"token {bad}");
            (status, body) = await api.SearchAsync(world.Entity, new { pagination_token = bad });
            Invalid(status, body, "body.pagination_token", $"search token {bad}");
        }
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');

    [Fact]
    public async Task a_page_costs_one_cosmos_request_with_or_without_a_token_get_or_search()
    {
        var world = await ListingWorld.GetAsync(api);
        var e = world.Entity;
        async Task<(long Requests, JsonObject Page)> Count(Func<Task<HttpResponseMessage>> call)
        {
            // Test classes of the collection run one at a time, so the counter is ours while we measure.
            var before = api.Cosmos.Count;
            using var response = await call();
            var body = await Json.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            return (api.Cosmos.Count - before, body);
        }

        var (n, first) = await Count(() => api.SendAsync(HttpMethod.Get, "/v1/receivables?limit=2&sort=total_amount", entityId: e));
        Assert.Equal(1, n);
        var (n2, second) = await Count(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables?limit=2&{Token(first.Next()!)}", entityId: e));
        Assert.Equal(1, n2);
        Assert.Equal(1, (await Count(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables?limit=2&{Token(second.Prev()!)}", entityId: e))).Requests);
        Assert.Equal(1, (await Count(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables?type=invoice&status__in=draft&status__in=issued&product_ids__in={world.W.Product}&counterpart_name__icontains=a&total_amount__gte=1&sort=due_date&order=desc", entityId: e))).Requests);
        var (n3, searched) = await Count(() => api.SendAsync(HttpMethod.Post, "/v1/receivables/search", new { limit = 2, type = "invoice", sort = "document_id" }, e));
        Assert.Equal(1, n3);
        Assert.Equal(1, (await Count(() => api.SendAsync(HttpMethod.Post, "/v1/receivables/search", new { limit = 2, pagination_token = searched.Next() }, e))).Requests);
        // A bad request asks nothing of the store.
        var before = api.Cosmos.Count;
        using (var bad = await api.SendAsync(HttpMethod.Get, "/v1/receivables?limit=0", entityId: e)) Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using (var bad = await api.SendAsync(HttpMethod.Get, "/v1/receivables?pagination_token=junk", entityId: e)) Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(0, api.Cosmos.Count - before);
    }

    [Fact]
    public async Task items_are_what_get_by_id_returns()
    {
        var world = await ListingWorld.GetAsync(api);
        var w = world.W;
        // Read now (amount_to_pay is computed for today on both routes): an issued invoice, a paid one, a quote, credit notes, a draft.
        var names = new[] { "issued_b", "issued_c", "paid_e", "quote_g", "quote_f", "note_j", "note_k", "draft_d", "due_today_m" };
        var ids = names.Select(n => world[n]).ToArray();
        var listed = (await api.PageAsync(world.Entity, Query([("id__in", ids)]) + "&limit=250"))["data"]!.AsArray();
        var searched = (await api.SearchPageAsync(world.Entity, new { id__in = ids }))["data"]!.AsArray();
        Assert.Equal(ids.Length, listed.Count);
        foreach (var item in listed.Concat(searched))
        {
            var id = item!["id"]!.GetValue<string>();
            var one = WithoutSignatures(await w.ReadAsync(id));
            var same = WithoutSignatures(item.AsObject());
            Assert.True(JsonNode.DeepEquals(one, same), $"{id}:\nGET  {one.ToJsonString()}\nlist {same.ToJsonString()}");
            Assert.False(item.AsObject().ContainsKey("listing"), "the storage-only listing copy leaked");
        }
        Assert.Equal(["credit_note", "invoice", "quote"], listed.Select(i => i!["type"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// PDF links are signed per answer (their expiry runs from the moment of the answer): the same file, with the query of
    /// its signature left out.
    /// </summary>
    private static JsonObject WithoutSignatures(JsonObject doc)
    {
        var copy = doc.DeepClone().AsObject();
        foreach (var field in new[] { "file_url", "original_file_url" })
            if (copy[field]?.GetValue<string>() is { } url) copy[field] = new Uri(url).GetLeftPart(UriPartial.Path);
        return copy;
    }

    private async Task<(Seller Seller, List<string> Ids)> InvoicesAsync(int count)
    {
        var seller = await api.CreateSellerAsync(name: "Empty Pages GmbH");
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), seller.Entity);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await Json.ReadAsync(response))["id"]!.GetValue<string>());
        }
        return (seller, ids);
    }

    private async Task DeleteAsync(Seller seller, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            using var response = await api.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", entityId: seller.Entity);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    [Fact]
    public async Task when_everything_after_a_page_is_deleted_the_next_page_is_empty_and_leads_back()
    {
        var (seller, ids) = await InvoicesAsync(6);
        var first = await api.PageAsync(seller.Entity, "limit=2");
        Assert.Equal(ids[..2], first.Ids());
        await DeleteAsync(seller, ids[2..]);

        var empty = await api.PageAsync(seller.Entity, $"{Token(first.Next()!)}&limit=2");
        Assert.Empty(empty.Ids());
        Assert.Null(empty.Next());
        // Back from the empty page: the page the client came from.
        var back = await api.PageAsync(seller.Entity, $"{Token(empty.Prev()!)}&limit=2");
        Assert.Equal(ids[..2], back.Ids());
        Assert.Null(back.Prev());
    }

    [Fact]
    public async Task when_everything_before_a_page_is_deleted_the_previous_page_is_empty_and_leads_forward()
    {
        var (seller, ids) = await InvoicesAsync(6);
        var first = await api.PageAsync(seller.Entity, "limit=2");
        var second = await api.PageAsync(seller.Entity, $"{Token(first.Next()!)}&limit=2");
        Assert.Equal(ids[2..4], second.Ids());
        await DeleteAsync(seller, ids[..2]);

        var empty = await api.PageAsync(seller.Entity, $"{Token(second.Prev()!)}&limit=2");
        Assert.Empty(empty.Ids());
        Assert.Null(empty.Prev());
        var forward = await api.PageAsync(seller.Entity, $"{Token(empty.Next()!)}&limit=2");
        Assert.Equal(ids[2..4], forward.Ids());
        var last = await api.PageAsync(seller.Entity, $"{Token(forward.Next()!)}&limit=2");
        Assert.Equal(ids[4..], last.Ids());
        Assert.Null(last.Next());
    }

    [Fact]
    public async Task a_page_continues_after_its_last_document_even_when_that_document_is_deleted()
    {
        var (seller, ids) = await InvoicesAsync(5);
        var first = await api.PageAsync(seller.Entity, "limit=2&order=desc");
        Assert.Equal([ids[4], ids[3]], first.Ids());
        await DeleteAsync(seller, [ids[3]]);
        var second = await api.PageAsync(seller.Entity, $"{Token(first.Next()!)}&limit=2");
        Assert.Equal([ids[2], ids[1]], second.Ids());
        var back = await api.PageAsync(seller.Entity, $"{Token(second.Prev()!)}&limit=2");
        Assert.Equal([ids[4]], back.Ids());
        Assert.Null(back.Prev());
    }

    [Fact]
    public async Task deleted_documents_are_not_listed_and_other_entities_documents_never()
    {
        var w = await DocumentWorld.CreateAsync(api, "Deleting GmbH");
        var keep = await w.CreateIdAsync(w.Invoice());
        var gone = await w.CreateIdAsync(w.Invoice());
        Assert.Equal([keep, gone], (await api.PageAsync(w.Entity, "")).Ids());
        var (status, _, _) = await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{gone}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal([keep], (await api.PageAsync(w.Entity, "")).Ids());
        Assert.Empty((await api.PageAsync(w.Entity, $"id__in={gone}")).Ids());
        // The listing world's ids, asked for from this entity: none.
        var world = await ListingWorld.GetAsync(api);
        Assert.Empty((await api.PageAsync(w.Entity, Query([("id__in", world.Named.Values.ToArray())])))!.Ids());
    }
}
