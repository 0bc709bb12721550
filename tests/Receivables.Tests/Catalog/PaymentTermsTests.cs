using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>/v1/payment_terms</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class PaymentTermsTests(ApiHost api)
{
    private static object Skonto => new
    {
        name = "2/10 net 30",
        description = "2 % discount within 10 days",
        term_1 = new { discount = 200, number_of_days = 10 },
        term_2 = new { discount = 100, number_of_days = 20 },
        term_final = new { number_of_days = 30 },
    };

    [Fact]
    public async Task terms_are_created_read_listed_patched_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var created = await api.CreateAsync("/v1/payment_terms", Skonto, entity);
        Assert.Equal(200, created["term_1"]!["discount"]!.GetValue<int>());
        Assert.Equal(30, created["term_final"]!["number_of_days"]!.GetValue<int>());
        Assert.Equal(["id", "name", "description", "term_1", "term_2", "term_final"], created.Select(p => p.Key));
        var id = created["id"]!.GetValue<string>();

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/payment_terms/{id}", entityId: entity);
        Assert.Equal(created.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());

        var net14 = await api.CreateAsync("/v1/payment_terms", new { name = "Net 14", term_final = new { number_of_days = 14 } }, entity);
        Assert.Null(net14["term_1"]);
        Assert.Null(net14["description"]);
        using var list = await api.SendAsync(HttpMethod.Get, "/v1/payment_terms", entityId: entity);
        Assert.Equal(["2/10 net 30", "Net 14"], (await Json.ReadAsync(list))["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/payment_terms/{id}", new { term_final = new { number_of_days = 45 } }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal(45, body["term_final"]!["number_of_days"]!.GetValue<int>());
        Assert.Equal(10, body["term_1"]!["number_of_days"]!.GetValue<int>());

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/v1/payment_terms/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/payment_terms/{id}", new { name = "x" }, entity);
    }

    [Fact]
    public async Task a_patch_that_breaks_the_order_of_days_is_422_and_changes_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/payment_terms", Skonto, entity);
        var before = await CatalogApi.BodyOf(api, $"/v1/payment_terms/{id}", entity)();
        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/payment_terms/{id}", new { term_final = new { number_of_days = 15 } }, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patched.StatusCode);
        Assert.Contains("body.term_final", Json.Detail(await Json.ReadAsync(patched)).Select(d => Json.Loc(d!)));
        Assert.Equal(before, await CatalogApi.BodyOf(api, $"/v1/payment_terms/{id}", entity)());
    }

    [Fact]
    public async Task another_entitys_terms_are_404_and_if_match_is_honoured()
    {
        var mine = await api.CreateEntityAsync();
        var theirs = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/payment_terms", Skonto, theirs);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/payment_terms/{id}", new { name = "x" }, mine);
        await CatalogApi.AssertIfMatchAsync(api, $"/v1/payment_terms/{id}", new { name = "Renamed" }, theirs);
    }

    [Theory]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30},"term_1":{"discount":200,"number_of_days":30}}""", "body.term_final")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30},"term_1":{"discount":200,"number_of_days":20},"term_2":{"discount":100,"number_of_days":10}}""", "body.term_2")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30},"term_2":{"discount":100,"number_of_days":10}}""", "body.term_2")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30},"term_1":{"discount":10001,"number_of_days":10}}""", "body.term_1.discount")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":10001}}""", "body.term_final.number_of_days")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30,"discount":100}}""", "body.term_final.discount")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30,"end_date":"2025-01-31"}}""", "body.term_final.end_date")]
    [InlineData("""{"name":"x","term_final":{"number_of_days":30},"term_1":{"discount":100}}""", "body.term_1.number_of_days")]
    [InlineData("""{"name":"x"}""", "body.term_final")]
    public async Task invalid_terms_are_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/payment_terms", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task bad_terms_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/payment_terms", Skonto, entity,
            new HashSet<string> { "name", "term_final", "term_final.number_of_days", "term_1.discount", "term_1.number_of_days", "term_2.discount", "term_2.number_of_days" },
            CatalogApi.CountOf(api, "payment_terms", entity)) >= 50);
        var id = await api.IdOfNewAsync("/v1/payment_terms", Skonto, entity);
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Patch, $"/v1/payment_terms/{id}", Skonto, entity,
            new HashSet<string> { "term_final.number_of_days", "term_1.discount", "term_1.number_of_days", "term_2.discount", "term_2.number_of_days" },
            CatalogApi.BodyOf(api, $"/v1/payment_terms/{id}", entity)) >= 50);
    }
}
