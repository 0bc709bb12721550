using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>/v1/bank_accounts</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class BankAccountTests(ApiHost api)
{
    private static object German(bool? isDefault = null, string currency = "EUR") => new
    {
        account_holder_name = "Acme GmbH",
        bank_name = "Commerzbank",
        bic = "COBADEFFXXX",
        country = "DE",
        currency,
        display_name = "Main account",
        iban = "DE89370400440532013000",
        is_default_for_currency = isDefault,
    };

    private async Task<bool> IsDefaultAsync(Guid entity, string id)
    {
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/bank_accounts/{id}", entityId: entity);
        return (await Json.ReadAsync(read))["is_default_for_currency"]!.GetValue<bool>();
    }

    [Fact]
    public async Task the_first_account_of_a_currency_is_its_default_and_make_default_moves_it()
    {
        var entity = await api.CreateEntityAsync();
        var first = await api.CreateAsync("/v1/bank_accounts", German(), entity);
        Assert.True(first["is_default_for_currency"]!.GetValue<bool>());
        Assert.Equal("DE89370400440532013000", first["iban"]!.GetValue<string>());
        foreach (var field in new[] { "account_number", "routing_number", "sort_code", "was_created_by_user_id" }) Assert.Null(first[field]);
        var a = first["id"]!.GetValue<string>();

        var b = await api.IdOfNewAsync("/v1/bank_accounts", German(), entity);
        var usd = await api.IdOfNewAsync("/v1/bank_accounts", German(currency: "USD"), entity);
        Assert.False(await IsDefaultAsync(entity, b));
        Assert.True(await IsDefaultAsync(entity, usd));

        using var made = await api.SendAsync(HttpMethod.Post, $"/v1/bank_accounts/{b}/make_default", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.NotNull(made.Headers.ETag);
        Assert.True((await Json.ReadAsync(made))["is_default_for_currency"]!.GetValue<bool>());
        Assert.False(await IsDefaultAsync(entity, a));
        Assert.True(await IsDefaultAsync(entity, usd));

        // Created as the default: the previous default of the currency gives way in the same batch.
        var c = await api.IdOfNewAsync("/v1/bank_accounts", German(isDefault: true), entity);
        Assert.True(await IsDefaultAsync(entity, c));
        Assert.False(await IsDefaultAsync(entity, b));

        using var list = await api.SendAsync(HttpMethod.Get, "/v1/bank_accounts", entityId: entity);
        var body = await Json.ReadAsync(list);
        Assert.Equal([a, b, usd, c], body["data"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()));
        Assert.Null(body["next_pagination_token"]);
        Assert.Equal(2, body["data"]!.AsArray().Count(x => x!["is_default_for_currency"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task patch_renames_and_delete_removes()
    {
        var entity = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/bank_accounts", German(), entity);
        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/bank_accounts/{id}", new { display_name = "Payments" }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal("Payments", body["display_name"]!.GetValue<string>());
        Assert.Equal("Acme GmbH", body["account_holder_name"]!.GetValue<string>());
        using var iban = await api.SendAsync(HttpMethod.Patch, $"/v1/bank_accounts/{id}", new { iban = "DE89370400440532013000" }, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, iban.StatusCode);
        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/v1/bank_accounts/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/bank_accounts/{id}", new { display_name = "x" }, entity);
        using var make = await api.SendAsync(HttpMethod.Post, $"/v1/bank_accounts/{id}/make_default", entityId: entity);
        Assert.Equal(HttpStatusCode.NotFound, make.StatusCode);
    }

    [Fact]
    public async Task another_entitys_account_is_404_and_if_match_is_honoured()
    {
        var mine = await api.CreateEntityAsync();
        var theirs = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/bank_accounts", German(), theirs);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/bank_accounts/{id}", new { display_name = "x" }, mine);
        using var make = await api.SendAsync(HttpMethod.Post, $"/v1/bank_accounts/{id}/make_default", entityId: mine);
        Assert.Equal(HttpStatusCode.NotFound, make.StatusCode);
        await CatalogApi.AssertIfMatchAsync(api, $"/v1/bank_accounts/{id}", new { display_name = "Renamed" }, theirs);
    }

    [Theory]
    [InlineData("""{"country":"DE","currency":"EUR","iban":"DE89370400440532013001"}""", "body.iban")]
    [InlineData("""{"country":"DE","currency":"EUR"}""", "body.iban")]
    [InlineData("""{"country":"DE","currency":"EUR","iban":"DE89370400440532013000","bic":"COBA"}""", "body.bic")]
    [InlineData("""{"country":"US","currency":"USD","account_number":"123456789"}""", "body.routing_number")]
    [InlineData("""{"country":"GB","currency":"GBP","account_number":"31926819"}""", "body.sort_code")]
    [InlineData("""{"country":"GB","currency":"GBP","account_number":"31926819","sort_code":"12-34"}""", "body.sort_code")]
    [InlineData("""{"country":"XX","currency":"EUR","iban":"DE89370400440532013000"}""", "body.country")]
    [InlineData("""{"country":"DE","currency":"EURO","iban":"DE89370400440532013000"}""", "body.currency")]
    public async Task an_invalid_account_is_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/bank_accounts", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task national_accounts_are_accepted_with_their_bank_codes()
    {
        var entity = await api.CreateEntityAsync();
        await api.CreateAsync("/v1/bank_accounts", new { country = "US", currency = "USD", account_number = "123456789", routing_number = "021000021" }, entity);
        await api.CreateAsync("/v1/bank_accounts", new { country = "GB", currency = "GBP", account_number = "31926819", sort_code = "60-16-13" }, entity);
    }

    [Fact]
    public async Task bad_account_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/bank_accounts", German(isDefault: true), entity,
            new HashSet<string> { "country", "currency", "iban" }, CatalogApi.CountOf(api, "entity_bank_account", entity)) >= 30);
        var id = await api.IdOfNewAsync("/v1/bank_accounts", German(), entity);
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Patch, $"/v1/bank_accounts/{id}", new { account_holder_name = "A", display_name = "D" }, entity,
            new HashSet<string>(), CatalogApi.BodyOf(api, $"/v1/bank_accounts/{id}", entity)) >= 15);
    }
}
