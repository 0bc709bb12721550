using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary>
/// Cosmos DB requests per catalog route, counted at the SDK as <c>Hosting.RoundTripTests</c> does. A partition
/// query is one round trip: optimistic direct execution sends a single-partition query without asking for a plan.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class CatalogRoundTripTests(ApiHost api)
{
    private async Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        var before = api.Cosmos.Count;
        using var response = await call();
        Assert.Equal(expected, response.StatusCode);
        return api.Cosmos.Count - before;
    }

    private Task<long> Count(HttpMethod method, string path, Guid? entity, HttpStatusCode expected, object? body = null, string? ifMatch = null) =>
        CountAsync(() => api.SendAsync(method, path, body, entity, configure: ifMatch is null ? null : r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch)), expected);

    /// <summary>Create, get, patch, list, delete of one plain catalog resource.</summary>
    private async Task<Dictionary<string, long>> CrudAsync(Guid entity, string collection, object body, object patch)
    {
        var counts = new Dictionary<string, long>();
        var before = api.Cosmos.Count;
        var id = await api.IdOfNewAsync(collection, body, entity);
        counts["create"] = api.Cosmos.Count - before;
        counts["get"] = await Count(HttpMethod.Get, $"{collection}/{id}", entity, HttpStatusCode.OK);
        counts["get unknown"] = await Count(HttpMethod.Get, $"{collection}/{Guid.NewGuid()}", entity, HttpStatusCode.NotFound);
        counts["patch"] = await Count(HttpMethod.Patch, $"{collection}/{id}", entity, HttpStatusCode.OK, patch);
        counts["list"] = await Count(HttpMethod.Get, collection, entity, HttpStatusCode.OK);
        counts["delete"] = await Count(HttpMethod.Delete, $"{collection}/{id}", entity, HttpStatusCode.NoContent);
        counts["bad body"] = await Count(HttpMethod.Post, collection, entity, HttpStatusCode.UnprocessableEntity, new { unexpected = 1 });
        return counts;
    }

    private static readonly Dictionary<string, long> Plain = new()
    {
        ["create"] = 1, ["get"] = 1, ["get unknown"] = 1, ["patch"] = 2, ["list"] = 1, ["delete"] = 2, ["bad body"] = 0,
    };

    [Fact]
    public async Task measure_units_custom_vat_rates_and_payment_terms_cost_one_round_trip_per_document_touched()
    {
        var entity = await api.CreateEntityAsync();
        Assert.Equal(Plain, await CrudAsync(entity, "/v1/measure_units", new { name = "h" }, new { name = "hour" }));
        Assert.Equal(Plain, await CrudAsync(entity, "/v1/custom_vat_rates", new { name = "r", components = new[] { new { name = "a", value = 100 } } }, new { name = "s" }));
        Assert.Equal(Plain, await CrudAsync(entity, "/v1/payment_terms", new { name = "Net 30", term_final = new { number_of_days = 30 } }, new { name = "Net 31" }));
        Assert.Equal(Plain, await CrudAsync(entity, "/v1/products", new { name = "Widget" }, new { name = "Gadget" }));
    }

    [Fact]
    public async Task products_read_their_measure_unit_once_and_delete_with_if_match_still_reads()
    {
        var entity = await api.CreateEntityAsync();
        var unit = await api.IdOfNewAsync("/v1/measure_units", new { name = "h" }, entity);
        var before = api.Cosmos.Count;
        var id = await api.IdOfNewAsync("/v1/products", new { name = "Hour", measure_unit_id = unit }, entity);
        Assert.Equal(2, api.Cosmos.Count - before);
        Assert.Equal(3, await Count(HttpMethod.Patch, $"/v1/products/{id}", entity, HttpStatusCode.OK, new { measure_unit_id = unit }));
        Assert.Equal(1, await Count(HttpMethod.Get, "/v1/products?limit=5&type=product&sort=name", entity, HttpStatusCode.OK));
        Assert.Equal(0, await Count(HttpMethod.Get, "/v1/products?limit=500", entity, HttpStatusCode.UnprocessableEntity));
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/products/{id}", entityId: entity);
        Assert.Equal(2, await Count(HttpMethod.Delete, $"/v1/products/{id}", entity, HttpStatusCode.NoContent, ifMatch: read.Headers.ETag!.Tag));
    }

    [Fact]
    public async Task vat_rates_cost_one_query_or_one_read()
    {
        var entity = await api.CreateEntityAsync();
        // No VAT id: the (empty) VAT id query, then the entity for its country.
        Assert.Equal(2, await Count(HttpMethod.Get, "/v1/vat_rates", entity, HttpStatusCode.OK));
        using var created = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", new { country = "DE", value = "DE123456789" });
        var vat = (await Json.ReadAsync(created))["id"]!.GetValue<string>();
        Assert.Equal(1, await Count(HttpMethod.Get, "/v1/vat_rates", entity, HttpStatusCode.OK));
        Assert.Equal(1, await Count(HttpMethod.Get, $"/v1/vat_rates?entity_vat_id_id={vat}", entity, HttpStatusCode.OK));
        Assert.Equal(0, await Count(HttpMethod.Get, "/v1/vat_rates?product_type=x", entity, HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task entity_vat_ids_add_no_look_up_once_the_entity_is_known()
    {
        var entity = await api.CreateEntityAsync();
        var path = $"/v1/entities/{entity}/vat_ids";
        var before = api.Cosmos.Count;
        using var created = await api.SendAsync(HttpMethod.Post, path, new { country = "DE", value = "DE123456789" });
        Assert.Equal(1, api.Cosmos.Count - before);
        var id = (await Json.ReadAsync(created))["id"]!.GetValue<string>();
        Assert.Equal(1, await Count(HttpMethod.Get, $"{path}/{id}", null, HttpStatusCode.OK));
        Assert.Equal(1, await Count(HttpMethod.Get, path, null, HttpStatusCode.OK));
        Assert.Equal(2, await Count(HttpMethod.Patch, $"{path}/{id}", null, HttpStatusCode.OK, new { value = "DE987654321" }));
        Assert.Equal(2, await Count(HttpMethod.Delete, $"{path}/{id}", null, HttpStatusCode.NoContent));
    }

    [Fact]
    public async Task bank_accounts_query_their_currency_before_a_default_moves()
    {
        var entity = await api.CreateEntityAsync();
        var body = new { country = "DE", currency = "EUR", iban = "DE89370400440532013000" };
        var before = api.Cosmos.Count;
        var first = await api.IdOfNewAsync("/v1/bank_accounts", body, entity);
        var firstCount = api.Cosmos.Count - before;
        before = api.Cosmos.Count;
        var second = await api.IdOfNewAsync("/v1/bank_accounts", body, entity);
        var secondCount = api.Cosmos.Count - before;
        // The currency's accounts (a query without ORDER BY needs no query plan), then the create.
        Assert.Equal((2L, 2L), (firstCount, secondCount));
        // Read, query, one batch for both accounts.
        Assert.Equal(3, await Count(HttpMethod.Post, $"/v1/bank_accounts/{second}/make_default", entity, HttpStatusCode.OK));
        Assert.Equal(1, await Count(HttpMethod.Get, $"/v1/bank_accounts/{first}", entity, HttpStatusCode.OK));
        Assert.Equal(2, await Count(HttpMethod.Patch, $"/v1/bank_accounts/{first}", entity, HttpStatusCode.OK, new { display_name = "Old" }));
        Assert.Equal(1, await Count(HttpMethod.Get, "/v1/bank_accounts", entity, HttpStatusCode.OK));
        Assert.Equal(2, await Count(HttpMethod.Delete, $"/v1/bank_accounts/{first}", entity, HttpStatusCode.NoContent));
    }
}
