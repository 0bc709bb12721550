using System.Net;
using Receivables.Tests.Catalog;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Hosting;

/// <summary>
/// Requests each route makes to Cosmos DB, counted at the SDK (a request handler on the CosmosClient). Counts,
/// not timings: they are exact, and a change that adds a round trip to a hot route fails here.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class RoundTripTests(ApiHost api)
{
    private async Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        // Other test classes of the collection run one at a time, so the counter is ours while we measure.
        var before = api.Cosmos.Count;
        using var response = await call();
        Assert.Equal(expected, response.StatusCode);
        return api.Cosmos.Count - before;
    }

    [Fact]
    public async Task each_route_makes_the_expected_number_of_round_trips()
    {
        Assert.Equal(0, await CountAsync(() => api.SendAsync(HttpMethod.Get, "/v1/entities?limit=1&order=sideways"), HttpStatusCode.UnprocessableEntity));

        var seller = await api.CreateSellerAsync();
        var entity = seller.Entity;
        // The entity is in the directory's cache from its creation: a receivable route adds no look-up.
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entity), HttpStatusCode.Created));

        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entity);
        var id = (await Json.ReadAsync(created))["id"]!.GetValue<string>();
        Assert.Equal(1, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: entity), HttpStatusCode.OK));
        Assert.Equal(1, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}"), HttpStatusCode.OK));
        Assert.Equal(1, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}/settings"), HttpStatusCode.OK));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}", new { phone = "+1" }), HttpStatusCode.OK));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}/settings", new { vat_mode = "inclusive" }), HttpStatusCode.OK));
        Assert.Equal(1, await CountAsync(() => api.SendAsync(HttpMethod.Post, "/v1/entities", Bodies.Organization()), HttpStatusCode.Created));
        // A cross-partition query: the query plan, then one page (one more per extra physical partition on real Cosmos DB).
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Get, "/v1/entities?limit=5"), HttpStatusCode.OK));
        Assert.Equal(0, await CountAsync(() => api.SendAsync(HttpMethod.Post, "/v1/auth/token", new { grant_type = "client_credentials", client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA }), HttpStatusCode.OK));
        Assert.Equal(0, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: Guid.NewGuid(), configure: r => r.Headers.Remove("Authorization")), HttpStatusCode.Unauthorized));
    }

    /// <summary>
    /// Every page of every list costs one query on the entity's partition, the first page and a page from a token
    /// alike (keyset pagination: no continuation to resume, no count); the entities list is cross-partition, so its
    /// query plan comes first.
    /// </summary>
    [Fact]
    public async Task every_list_page_is_one_query()
    {
        var w = await Documents.DocumentWorld.CreateAsync(api);
        var invoice = (await w.IssuedInvoiceAsync()).Id();
        await w.PaidAsync(invoice, 1000);
        await w.PaidAsync(invoice, 2000);
        await api.CreateAsync("/v1/products", new { name = "Second", price = new { currency = "EUR", value = 100 } }, w.Entity);
        await Counterparts.CounterpartApi.CreateAsync(api, w.Entity);
        for (var i = 0; i < 2; i++) await api.CreateEntityAsync();

        foreach (var (path, queries) in new[]
        {
            ("/v1/products", 1), ("/v1/counterparts", 1), ("/v1/payment_records", 1), ($"/v1/receivables/{invoice}/history?event_type__in=payment_received", 1), ("/v1/entities", 2),
        })
        {
            var entity = path == "/v1/entities" ? (Guid?)null : w.Entity;
            var first = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=1";
            Assert.Equal((path, queries), (path, await CountAsync(() => api.SendAsync(HttpMethod.Get, first, entityId: entity), HttpStatusCode.OK)));
            var token = Uri.EscapeDataString(await ListWalk.NextTokenAsync(api, first, entity));
            Assert.Equal((path + " (token)", queries), (path + " (token)", await CountAsync(() => api.SendAsync(HttpMethod.Get, $"{first}&pagination_token={token}", entityId: entity), HttpStatusCode.OK)));
        }
        // A history page with an event that shows a PDF (issue 11: current_pdf_url) also reads its receivable, once, for
        // which revisions are stored; partial payments show none, so the pages above are one query.
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables/{invoice}/history?limit=100", entityId: w.Entity), HttpStatusCode.OK));
        // History reads the receivable only when a first page is empty, to tell an unknown receivable (404) from a filter that matched nothing.
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables/{invoice}/history?event_type__in=mail_sent", entityId: w.Entity), HttpStatusCode.OK));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}/history", entityId: w.Entity), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task a_document_with_catalog_lines_costs_one_query_for_everything_it_references_then_one_write()
    {
        var world = await Documents.DocumentWorld.CreateAsync(api);
        var body = world.Invoice(world.CatalogLine(1), world.CatalogLine(2), Documents.DocumentWorld.InlineLine("Travel", 4500, 1, Documents.DocumentWorld.Vat7));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Post, "/v1/receivables", body, world.Entity), HttpStatusCode.Created));

        var (created, _) = await world.CreateAsync(body);
        var id = created["id"]!.GetValue<string>();
        // Read, the references of the new lines (with the measure units), conditional replace.
        Assert.Equal(3, await CountAsync(() => api.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", new { data = new[] { world.CatalogLine(3) } }, world.Entity), HttpStatusCode.OK));
        // A change that names nothing stored (issue 10, item 11: it was 3): the read and the conditional replace.
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Patch, $"/v1/receivables/{id}", new { invoice = new { memo = "m" } }, world.Entity), HttpStatusCode.OK));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items",
            new { data = new[] { Documents.DocumentWorld.InlineLine("Travel", 4500, 2, Documents.DocumentWorld.Vat7) } }, world.Entity), HttpStatusCode.OK));
        // A field that names another document still reads it, in one query: the new counterpart's addresses.
        Assert.Equal(3, await CountAsync(() => api.SendAsync(HttpMethod.Patch, $"/v1/receivables/{id}",
            new { invoice = new { counterpart_billing_address_id = world.BillingAddress } }, world.Entity), HttpStatusCode.OK));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/verify", null, world.Entity), HttpStatusCode.OK));
        Assert.Equal(3, await CountAsync(() => api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/clone", null, world.Entity), HttpStatusCode.Created));
        Assert.Equal(2, await CountAsync(() => api.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", null, world.Entity), HttpStatusCode.NoContent));
    }
}
