using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>/v1/measure_units</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class MeasureUnitTests(ApiHost api)
{
    [Fact]
    public async Task a_unit_is_created_read_listed_patched_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var created = await api.CreateAsync("/v1/measure_units", new { name = "hour", description = "60 minutes" }, entity);
        Assert.Equal("hour", created["name"]!.GetValue<string>());
        Assert.Equal("60 minutes", created["description"]!.GetValue<string>());
        Assert.True(created.ContainsKey("created_at") && created.ContainsKey("updated_at"));
        Assert.False(created.ContainsKey("entity_id") || created.ContainsKey("resource"));
        var id = created["id"]!.GetValue<string>();

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/measure_units/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull(read.Headers.ETag);
        Assert.Equal(created.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());

        await api.CreateAsync("/v1/measure_units", new { name = "kg" }, entity);
        using var list = await api.SendAsync(HttpMethod.Get, "/v1/measure_units", entityId: entity);
        var data = (await Json.ReadAsync(list))["data"]!.AsArray();
        Assert.Equal(["hour", "kg"], data.Select(u => u!["name"]!.GetValue<string>()));
        Assert.Null(data[1]!["description"]);

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/measure_units/{id}", new { name = "h" }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal("h", body["name"]!.GetValue<string>());
        Assert.Equal("60 minutes", body["description"]!.GetValue<string>());

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/v1/measure_units/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await api.SendAsync(HttpMethod.Delete, $"/v1/measure_units/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task another_entitys_unit_and_an_unknown_id_are_404()
    {
        var mine = await api.CreateEntityAsync();
        var theirs = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/measure_units", new { name = "pcs" }, theirs);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/measure_units/{id}", new { name = "x" }, mine);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/measure_units/{Guid.NewGuid()}", new { name = "x" }, mine);
        using var list = await api.SendAsync(HttpMethod.Get, "/v1/measure_units", entityId: mine);
        Assert.Empty((await Json.ReadAsync(list))["data"]!.AsArray());
    }

    [Fact]
    public async Task if_match_guards_patch_and_delete()
    {
        var entity = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/measure_units", new { name = "day" }, entity);
        await CatalogApi.AssertIfMatchAsync(api, $"/v1/measure_units/{id}", new { description = "24 hours" }, entity);
    }

    [Theory]
    [InlineData("""{"description":"no name"}""", "body.name")]
    [InlineData("""{"name":""}""", "body.name")]
    [InlineData("""{"name":"x","colour":"red"}""", "body.colour")]
    public async Task an_invalid_unit_is_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/measure_units", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task bad_unit_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var valid = new { name = "hour", description = "60 minutes" };
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/measure_units", valid, entity,
            new HashSet<string> { "name" }, CatalogApi.CountOf(api, "measure_unit", entity)) >= 20);
        var id = await api.IdOfNewAsync("/v1/measure_units", valid, entity);
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Patch, $"/v1/measure_units/{id}", valid, entity,
            new HashSet<string>(), CatalogApi.BodyOf(api, $"/v1/measure_units/{id}", entity)) >= 20);
    }
}
