using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>/v1/products</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class ProductTests(ApiHost api)
{
    private static object Consulting(Guid? unit = null, string name = "Consulting", string currency = "EUR", long price = 12000, string type = "service") => new
    {
        name,
        description = "Senior consultant, per hour",
        external_reference = "SERVICE-67890",
        measure_unit_id = unit,
        ledger_account_id = Guid.Parse("0b5c4a6e-9b7d-4c1e-8f2a-3d6e5f4a1b2c"),
        price = new { currency, value = price },
        smallest_amount = 0.5,
        type,
    };

    private async Task<Guid> UnitAsync(Guid entity) => Guid.Parse(await api.IdOfNewAsync("/v1/measure_units", new { name = "hour" }, entity));

    [Fact]
    public async Task a_product_is_created_with_every_field_and_read_back()
    {
        var entity = await api.CreateEntityAsync();
        var unit = await UnitAsync(entity);
        var created = await api.CreateAsync("/v1/products", Consulting(unit), entity);
        Assert.Equal("Consulting", created["name"]!.GetValue<string>());
        Assert.Equal(entity.ToString(), created["entity_id"]!.GetValue<string>());
        Assert.Equal(unit.ToString(), created["measure_unit_id"]!.GetValue<string>());
        Assert.Equal("EUR", created["price"]!["currency"]!.GetValue<string>());
        Assert.Equal(12000, created["price"]!["value"]!.GetValue<long>());
        Assert.Equal(0.5m, created["smallest_amount"]!.GetValue<decimal>());
        Assert.Equal("service", created["type"]!.GetValue<string>());
        Assert.True(created.ContainsKey("entity_user_id"));
        Assert.False(created.ContainsKey("resource"));

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/products/{created["id"]}", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());
    }

    [Fact]
    public async Task a_minimal_product_defaults_to_type_product_and_nulls()
    {
        var entity = await api.CreateEntityAsync();
        var created = await api.CreateAsync("/v1/products", new { name = "Widget" }, entity);
        Assert.Equal("product", created["type"]!.GetValue<string>());
        foreach (var field in new[] { "description", "external_reference", "measure_unit_id", "ledger_account_id", "price", "smallest_amount", "entity_user_id" })
        {
            Assert.True(created.ContainsKey(field), field);
            Assert.Null(created[field]);
        }
    }

    [Fact]
    public async Task a_measure_unit_of_another_entity_or_unknown_is_404_and_stores_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        var theirs = await UnitAsync(other);
        foreach (var unit in new[] { theirs, Guid.NewGuid() })
        {
            using var response = await api.SendAsync(HttpMethod.Post, "/v1/products", Consulting(unit), entity);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Measure unit", Json.Error(await Json.ReadAsync(response)), StringComparison.Ordinal);
        }
        Assert.Equal(0, await api.CountStoredAsync("product", entity));

        var id = await api.IdOfNewAsync("/v1/products", Consulting(), entity);
        using var patch = await api.SendAsync(HttpMethod.Patch, $"/v1/products/{id}", new { measure_unit_id = theirs }, entity);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
    }

    [Fact]
    public async Task patch_changes_only_the_fields_sent()
    {
        var entity = await api.CreateEntityAsync();
        var unit = await UnitAsync(entity);
        var id = await api.IdOfNewAsync("/v1/products", Consulting(), entity);
        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/products/{id}", new { price = new { currency = "USD", value = 15000 }, measure_unit_id = unit }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal("USD", body["price"]!["currency"]!.GetValue<string>());
        Assert.Equal(unit.ToString(), body["measure_unit_id"]!.GetValue<string>());
        Assert.Equal("Consulting", body["name"]!.GetValue<string>());
        Assert.Equal("service", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task another_entitys_product_and_an_unknown_id_are_404_and_if_match_is_honoured()
    {
        var mine = await api.CreateEntityAsync();
        var theirs = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/products", Consulting(), theirs);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/products/{id}", new { name = "x" }, mine);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/products/{Guid.NewGuid()}", new { name = "x" }, mine);
        await CatalogApi.AssertIfMatchAsync(api, $"/v1/products/{id}", new { name = "Renamed" }, theirs);
    }

    [Fact]
    public async Task the_list_pages_forward_and_back_with_a_token_that_keeps_the_filters()
    {
        var entity = await api.CreateEntityAsync();
        var services = new List<string>();
        for (var i = 0; i < 5; i++) services.Add(await api.IdOfNewAsync("/v1/products", Consulting(name: $"Service {i}"), entity));
        await api.CreateAsync("/v1/products", Consulting(name: "Gadget", type: "product", currency: "USD", price: 500), entity);

        var pages = await ListWalk.ForwardAndBackAsync(api, "/v1/products?limit=2&type=service", 2, entity);
        Assert.Equal(services, pages.SelectMany(p => p));
        Assert.Equal(3, pages.Count);
        // By name, newest name first: the sort and order travel in the token too.
        var byName = await ListWalk.ForwardAndBackAsync(api, "/v1/products?limit=2&type=service&sort=name&order=desc", 2, entity);
        Assert.Equal(Enumerable.Reverse(services), byName.SelectMany(p => p));
    }

    [Fact]
    public async Task a_token_of_another_entity_another_list_or_tampered_is_422()
    {
        var entity = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        for (var i = 0; i < 2; i++) await api.CreateAsync("/v1/products", Consulting(name: $"Service {i}"), entity);
        var token = await ListWalk.NextTokenAsync(api, "/v1/products?limit=1", entity);

        await ListWalk.AssertRefusedAsync(api, "/v1/products", token, other);
        await ListWalk.AssertRefusedAsync(api, "/v1/counterparts", token, entity);
        await ListWalk.AssertRefusedAsync(api, "/v1/products", ListWalk.Tampered(token), entity);
    }

    [Theory]
    [InlineData("currency=USD", "Gadget")]
    [InlineData("currency__in=USD&currency__in=GBP", "Gadget")]
    [InlineData("name=Gadget", "Gadget")]
    [InlineData("name__contains=adg", "Gadget")]
    [InlineData("name__icontains=GADG", "Gadget")]
    [InlineData("type=product", "Gadget")]
    [InlineData("price__lt=1000", "Gadget")]
    [InlineData("price=12000", "Beta,Alpha")]
    [InlineData("price__gte=12000&order=desc", "Alpha,Beta")]
    [InlineData("sort=name&order=desc&type=service", "Beta,Alpha")]
    [InlineData("sort=name", "Alpha,Beta,Gadget")]
    [InlineData("created_at__gt=2000-01-01T00:00:00Z&type=service", "Beta,Alpha")]
    [InlineData("created_at__lt=2000-01-01T00:00:00Z", "")]
    public async Task the_list_filters_and_sorts(string query, string expected)
    {
        var entity = await api.CreateEntityAsync();
        await api.CreateAsync("/v1/products", Consulting(name: "Beta"), entity);
        await api.CreateAsync("/v1/products", Consulting(name: "Alpha"), entity);
        await api.CreateAsync("/v1/products", Consulting(name: "Gadget", type: "product", currency: "USD", price: 500), entity);
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/products?{query}", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = (await Json.ReadAsync(response))["data"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        // Without sort, oldest first: Beta was created before Alpha.
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), names);
    }

    [Fact]
    public async Task the_list_filters_by_id_and_measure_unit()
    {
        var entity = await api.CreateEntityAsync();
        var unit = await UnitAsync(entity);
        var a = await api.IdOfNewAsync("/v1/products", Consulting(unit, name: "A"), entity);
        var b = await api.IdOfNewAsync("/v1/products", Consulting(name: "B"), entity);
        await api.IdOfNewAsync("/v1/products", Consulting(name: "C"), entity);
        using var byUnit = await api.SendAsync(HttpMethod.Get, $"/v1/products?measure_unit_id={unit}", entityId: entity);
        Assert.Equal(["A"], (await Json.ReadAsync(byUnit))["data"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        using var byId = await api.SendAsync(HttpMethod.Get, $"/v1/products?id__in={a}&id__in={b}&id__in={Guid.NewGuid()}", entityId: entity);
        Assert.Equal(["A", "B"], (await Json.ReadAsync(byId))["data"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0", "query.limit")]
    [InlineData("limit=101", "query.limit")]
    [InlineData("type=robot", "query.type")]
    [InlineData("currency=XXX", "query.currency")]
    [InlineData("sort=price", "query.sort")]
    [InlineData("order=up", "query.order")]
    [InlineData("price__gt=-1", "query.price__gt")]
    [InlineData("id__in=nope", "query.id__in")]
    [InlineData("created_at__gte=yesterday", "query.created_at__gte")]
    [InlineData("pagination_token=%%%", "query.pagination_token")]
    public async Task a_bad_list_query_is_422(string query, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/products?{query}", entityId: entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Theory]
    [InlineData("""{"name":"X","price":{"currency":"EUR","value":-1}}""", "body.price.value")]
    [InlineData("""{"name":"X","price":{"currency":"EURO","value":1}}""", "body.price.currency")]
    [InlineData("""{"name":"X","price":{"value":1}}""", "body.price.currency")]
    [InlineData("""{"name":"X","type":"thing"}""", "body.type")]
    [InlineData("""{"name":"X","smallest_amount":-1}""", "body.smallest_amount")]
    [InlineData("""{"name":"X","measure_unit_id":"not-a-uuid"}""", "body.measure_unit_id")]
    public async Task an_invalid_product_is_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/products", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task bad_product_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var unit = await UnitAsync(entity);
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/products", Consulting(unit), entity,
            new HashSet<string> { "name", "price.currency", "price.value" }, CatalogApi.CountOf(api, "product", entity)) >= 50);
        var id = await api.IdOfNewAsync("/v1/products", Consulting(unit), entity);
        var patch = new { name = "N", description = "D", price = new { currency = "USD", value = 1 }, type = "product", smallest_amount = 1 };
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Patch, $"/v1/products/{id}", patch, entity,
            new HashSet<string> { "price.currency", "price.value" }, CatalogApi.BodyOf(api, $"/v1/products/{id}", entity)) >= 20);
    }
}
