using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>/v1/custom_vat_rates</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class CustomVatRateTests(ApiHost api)
{
    private static object Quebec => new { name = "GST + QST", components = new object[] { new { name = "GST", value = 500 }, new { name = "QST", value = 997.5 } } };

    [Fact]
    public async Task a_rate_sums_its_components_and_is_read_listed_patched_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var created = await api.CreateAsync("/v1/custom_vat_rates", Quebec, entity);
        Assert.Equal(1497.5m, created["value"]!.GetValue<decimal>());
        Assert.Equal(2, created["components"]!.AsArray().Count);
        Assert.True(created.ContainsKey("created_by_entity_user_id") && created.ContainsKey("created_at"));
        var id = created["id"]!.GetValue<string>();

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/custom_vat_rates/{id}", entityId: entity);
        Assert.Equal(created.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());

        using var list = await api.SendAsync(HttpMethod.Get, "/v1/custom_vat_rates", entityId: entity);
        Assert.Single((await Json.ReadAsync(list))["data"]!.AsArray());

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/custom_vat_rates/{id}", new { components = new[] { new { name = "Special", value = 1212.125 } } }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal(1212.13m, body["value"]!.GetValue<decimal>());
        Assert.Equal("GST + QST", body["name"]!.GetValue<string>());

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/v1/custom_vat_rates/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/custom_vat_rates/{id}", new { name = "x" }, entity);
    }

    [Fact]
    public async Task another_entitys_rate_is_404_and_if_match_is_honoured()
    {
        var mine = await api.CreateEntityAsync();
        var theirs = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/custom_vat_rates", Quebec, theirs);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/custom_vat_rates/{id}", new { name = "x" }, mine);
        await CatalogApi.AssertIfMatchAsync(api, $"/v1/custom_vat_rates/{id}", new { name = "Renamed" }, theirs);
    }

    [Theory]
    [InlineData("""{"name":"x","components":[]}""", "body.components")]
    [InlineData("""{"name":"x","components":[{"name":"a","value":10001}]}""", "body.components.0.value")]
    [InlineData("""{"name":"x","components":[{"name":"a","value":6000},{"name":"b","value":6000}]}""", "body.components")]
    [InlineData("""{"name":"x","components":[{"value":5}]}""", "body.components.0.name")]
    [InlineData("""{"components":[{"name":"a","value":5}]}""", "body.name")]
    [InlineData("""{"name":"x","components":[null]}""", "body.components.0")]
    public async Task an_invalid_rate_is_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/custom_vat_rates", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task bad_rate_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/custom_vat_rates", Quebec, entity,
            new HashSet<string> { "name", "components", "components.0.name", "components.0.value" }, CatalogApi.CountOf(api, "custom_vat_rate", entity)) >= 30);
        var id = await api.IdOfNewAsync("/v1/custom_vat_rates", Quebec, entity);
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Patch, $"/v1/custom_vat_rates/{id}", Quebec, entity,
            new HashSet<string> { "components.0.name", "components.0.value" }, CatalogApi.BodyOf(api, $"/v1/custom_vat_rates/{id}", entity)) >= 30);
    }
}
