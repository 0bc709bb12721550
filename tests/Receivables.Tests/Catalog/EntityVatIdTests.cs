using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>/v1/entities/{entity_id}/vat_ids</c> over HTTP: the entity is in the path, checked like <c>/entities/{id}</c>.</summary>
[Collection(ApiTests.Name)]
public sealed class EntityVatIdTests(ApiHost api)
{
    private static object German => new { country = "DE", value = "DE123456789", type = "eu_vat" };

    [Fact]
    public async Task a_vat_id_is_created_read_listed_patched_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        using var created = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", German);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var body = await Json.ReadAsync(created);
        Assert.Equal(entity.ToString(), body["entity_id"]!.GetValue<string>());
        Assert.Equal("eu_vat", body["type"]!.GetValue<string>());
        var id = body["id"]!.GetValue<string>();
        var path = $"/v1/entities/{entity}/vat_ids/{id}";

        using var read = await api.SendAsync(HttpMethod.Get, path);
        Assert.Equal(body.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());

        using var untyped = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", new { country = "FR", value = "FR12345678901" });
        Assert.Equal("unknown", (await Json.ReadAsync(untyped))["type"]!.GetValue<string>());
        using var list = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}/vat_ids");
        Assert.Equal(2, (await Json.ReadAsync(list))["data"]!.AsArray().Count);

        using var patched = await api.SendAsync(HttpMethod.Patch, path, new { value = "DE999999999" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await Json.ReadAsync(patched);
        Assert.Equal("DE999999999", after["value"]!.GetValue<string>());
        Assert.Equal("DE", after["country"]!.GetValue<string>());

        await CatalogApi.AssertIfMatchAsync(api, path, new { type = "eu_oss_vat" }, null);
    }

    [Fact]
    public async Task another_partners_entity_an_unknown_entity_and_an_unknown_id_are_404()
    {
        var entity = await api.CreateEntityAsync();
        var foreign = await api.CreateEntityAsync(clientId: ApiHost.ClientB);
        using var created = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{foreign}/vat_ids", German, clientId: ApiHost.ClientB);
        var foreignVat = (await Json.ReadAsync(created))["id"]!.GetValue<string>();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, $"/v1/entities/{foreign}/vat_ids"),
            (HttpMethod.Get, $"/v1/entities/{foreign}/vat_ids"),
            (HttpMethod.Get, $"/v1/entities/{foreign}/vat_ids/{foreignVat}"),
            (HttpMethod.Patch, $"/v1/entities/{foreign}/vat_ids/{foreignVat}"),
            (HttpMethod.Delete, $"/v1/entities/{foreign}/vat_ids/{foreignVat}"),
            (HttpMethod.Get, $"/v1/entities/{Guid.NewGuid()}/vat_ids"),
            (HttpMethod.Get, $"/v1/entities/{entity}/vat_ids/{foreignVat}"),
            (HttpMethod.Patch, $"/v1/entities/{entity}/vat_ids/{Guid.NewGuid()}"),
            (HttpMethod.Delete, $"/v1/entities/{entity}/vat_ids/{Guid.NewGuid()}"),
        })
        {
            using var response = await api.SendAsync(method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : German);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
        }
        Assert.Equal(0, await api.CountStoredAsync("entity_vat_id", entity));
        Assert.Equal(1, await api.CountStoredAsync("entity_vat_id", foreign));
    }

    [Theory]
    [InlineData("""{"value":"DE1"}""", "body.country")]
    [InlineData("""{"country":"DE"}""", "body.value")]
    [InlineData("""{"country":"DE","value":"123456789012345678901234567890123"}""", "body.value")]
    [InlineData("""{"country":"DE","value":"DE1","type":"de_vat"}""", "body.type")]
    public async Task an_invalid_vat_id_is_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task bad_vat_id_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", German, null,
            new HashSet<string> { "country", "value" }, CatalogApi.CountOf(api, "entity_vat_id", entity)) >= 25);
        using var created = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", German);
        var id = (await Json.ReadAsync(created))["id"]!.GetValue<string>();
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Patch, $"/v1/entities/{entity}/vat_ids/{id}", German, null,
            new HashSet<string>(), CatalogApi.BodyOf(api, $"/v1/entities/{entity}/vat_ids/{id}", null)) >= 25);
    }
}
