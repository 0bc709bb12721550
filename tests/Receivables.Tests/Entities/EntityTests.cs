using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Entities;

/// <summary><c>/v1/entities</c> and their settings, over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class EntityTests(ApiHost api)
{
    [Fact]
    public async Task an_organization_is_created_and_read_back()
    {
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/entities", Bodies.Organization("Read Back GmbH"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var body = await Json.ReadAsync(created);
        Assert.Equal("organization", body["type"]!.GetValue<string>());
        Assert.Equal("active", body["status"]!.GetValue<string>());
        Assert.Equal("Read Back GmbH", body["organization"]!["legal_name"]!.GetValue<string>());
        Assert.Equal("DE", body["address"]!["country"]!.GetValue<string>());
        Assert.False(body.ContainsKey("partner_id"));
        Assert.False(body.ContainsKey("settings"));
        Assert.False(body.ContainsKey("resource"));

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{body["id"]}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(body.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
    }

    [Fact]
    public async Task an_individual_is_created_with_names()
    {
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/entities", new
        {
            type = "individual",
            email = "jo@example.com",
            address = new { country = "FR", city = "Paris", postal_code = "75001", line1 = "1 Rue de Rivoli" },
            individual = new { first_name = "Jo", last_name = "Martin", title = "Dr" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal("Martin", body["individual"]!["last_name"]!.GetValue<string>());
        Assert.False(body.ContainsKey("organization"));
    }

    [Theory]
    [InlineData("""{"type":"organization","email":"a@b.c","address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}""", "body.organization")]
    [InlineData("""{"type":"organization","email":"not-an-email","address":{"country":"DE","city":"B","postal_code":"1","line1":"x"},"organization":{"legal_name":"A"}}""", "body.email")]
    [InlineData("""{"type":"organization","email":"a@b.c","address":{"country":"XX","city":"B","postal_code":"1","line1":"x"},"organization":{"legal_name":"A"}}""", "body.address.country")]
    [InlineData("""{"type":"organization","email":"a@b.c","address":{"country":"DE","city":"B","postal_code":"12345678901","line1":"x"},"organization":{"legal_name":"A"}}""", "body.address.postal_code")]
    [InlineData("""{"type":"robot","email":"a@b.c"}""", "body.type")]
    [InlineData("""{"type":"individual","email":"a@b.c","address":{"country":"DE","city":"B","postal_code":"1","line1":"x"},"individual":{"first_name":"A"}}""", "body.individual.last_name")]
    public async Task an_invalid_entity_is_422(string json, string loc)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/entities", json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task patch_changes_only_the_fields_sent()
    {
        var id = await api.CreateEntityAsync(name: "Before Ltd");
        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}", new
        {
            email = "new@acme.example",
            address = new { city = "Hamburg" },
            organization = new { legal_name = "After Ltd" },
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal("new@acme.example", body["email"]!.GetValue<string>());
        Assert.Equal("Hamburg", body["address"]!["city"]!.GetValue<string>());
        Assert.Equal("10115", body["address"]!["postal_code"]!.GetValue<string>());
        Assert.Equal("After Ltd", body["organization"]!["legal_name"]!.GetValue<string>());
        Assert.Equal("+49 30 1234567", body["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task patching_an_unknown_entity_is_404()
    {
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{Guid.NewGuid()}", new { email = "x@y.z" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task concurrent_patches_without_if_match_all_land()
    {
        var id = await api.CreateEntityAsync();
        // Each request changes a different field; with a read-modify-write that loses updates, some would vanish.
        var tasks = new[]
        {
            api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}", new { phone = "+1 555 0100" }),
            api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}", new { website = "https://acme.example" }),
            api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}", new { tax_id = "DE999" }),
            api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}", new { registration_number = "HRB 1" }),
            api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", new { vat_mode = "inclusive" }),
        };
        foreach (var response in await Task.WhenAll(tasks))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}");
        var body = await Json.ReadAsync(read);
        Assert.Equal("+1 555 0100", body["phone"]!.GetValue<string>());
        Assert.Equal("https://acme.example", body["website"]!.GetValue<string>());
        Assert.Equal("DE999", body["tax_id"]!.GetValue<string>());
        Assert.Equal("HRB 1", body["registration_number"]!.GetValue<string>());
        using var settings = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        Assert.Equal("inclusive", (await Json.ReadAsync(settings))["vat_mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_list_pages_forward_and_back_and_only_shows_the_partners_entities()
    {
        var mine = new List<Guid>();
        for (var i = 0; i < 3; i++) mine.Add(await api.CreateEntityAsync(ApiHost.ClientB, $"B{i}"));

        var pages = await ListWalk.ForwardAndBackAsync(api, "/v1/entities?limit=2&order=asc", 2, clientId: ApiHost.ClientB);
        var seen = pages.SelectMany(p => p).Select(Guid.Parse).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        // The newest three, in creation order, at the end.
        Assert.Equal(mine, seen.TakeLast(3));
        using var aList = await api.SendAsync(HttpMethod.Get, "/v1/entities?limit=100");
        var ofA = (await Json.ReadAsync(aList))["data"]!.AsArray().Select(d => Guid.Parse(d!["id"]!.GetValue<string>()));
        Assert.Empty(ofA.Intersect(mine));
    }

    [Fact]
    public async Task a_token_of_another_partner_another_list_or_tampered_is_422()
    {
        for (var i = 0; i < 2; i++) await api.CreateEntityAsync(ApiHost.ClientB, $"B{i}");
        var token = await ListWalk.NextTokenAsync(api, "/v1/entities?limit=1&type=organization", clientId: ApiHost.ClientB);

        await ListWalk.AssertRefusedAsync(api, "/v1/entities", token, clientId: ApiHost.ClientA);
        await ListWalk.AssertRefusedAsync(api, "/v1/products", token, await api.CreateEntityAsync(ApiHost.ClientB), clientId: ApiHost.ClientB);
        await ListWalk.AssertRefusedAsync(api, "/v1/entities", ListWalk.Tampered(token), clientId: ApiHost.ClientB);
    }

    [Theory]
    [InlineData("limit=0", "query.limit")]
    [InlineData("limit=101", "query.limit")]
    [InlineData("limit=ten", "query.limit")]
    [InlineData("order=sideways", "query.order")]
    [InlineData("type=robot", "query.type")]
    [InlineData("sort=name", "query.sort")]
    [InlineData("pagination_token=%%%", "query.pagination_token")]
    // A token of the old form (a store continuation, unsigned): {"continuation":"garbage{","query":{}}.
    [InlineData("pagination_token=eyJjb250aW51YXRpb24iOiJnYXJiYWdleyIsInF1ZXJ5Ijp7fX0", "query.pagination_token")]
    public async Task bad_list_parameters_are_422(string query, string loc)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/entities?" + query);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(loc, Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
    }

    [Fact]
    public async Task settings_have_the_api_defaults_and_patch_changes_them()
    {
        var id = await api.CreateEntityAsync();
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var defaults = await Json.ReadAsync(read);
        Assert.Equal("compliant", defaults["receivable_edit_flow"]!.GetValue<string>());
        Assert.Equal("exclusive", defaults["vat_mode"]!.GetValue<string>());
        Assert.Equal("INV", defaults["document_ids"]!["document_type_prefix"]!["invoice"]!.GetValue<string>());
        Assert.Equal(5, defaults["document_ids"]!["min_digits"]!.GetValue<int>());
        Assert.Equal("-", defaults["document_ids"]!["separator"]!.GetValue<string>());

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", new
        {
            receivable_edit_flow = "non_compliant",
            document_ids = new { separator = "/", min_digits = 6, document_type_prefix = new { invoice = "RE" } },
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        using var again = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        var body = await Json.ReadAsync(again);
        Assert.Equal("non_compliant", body["receivable_edit_flow"]!.GetValue<string>());
        Assert.Equal("/", body["document_ids"]!["separator"]!.GetValue<string>());
        Assert.Equal(6, body["document_ids"]!["min_digits"]!.GetValue<int>());
        Assert.Equal("RE", body["document_ids"]!["document_type_prefix"]!["invoice"]!.GetValue<string>());
        Assert.Equal("Q", body["document_ids"]!["document_type_prefix"]!["quote"]!.GetValue<string>());
    }

    [Fact]
    public async Task currency_settings_default_to_eur_and_patch_replaces_them()
    {
        var id = await api.CreateEntityAsync();
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        var currency = (await Json.ReadAsync(read))["currency"]!;
        Assert.Equal("""{"default":"EUR","exchange_rates":[]}""", currency.ToJsonString());

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", new
        {
            currency = new { @default = "CHF", exchange_rates = new[] { new { @base = "CHF", to = "EUR", rate = 1.07m } } },
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("""{"default":"CHF","exchange_rates":[{"base":"CHF","to":"EUR","rate":1.07}]}""", (await Json.ReadAsync(patched))["currency"]!.ToJsonString());

        // Other settings leave the currency alone; a new currency object replaces the whole one.
        using var other = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", new { vat_mode = "inclusive" });
        Assert.Equal("CHF", (await Json.ReadAsync(other))["currency"]!["default"]!.GetValue<string>());
        using var replaced = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", new { currency = new { @default = "JPY" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        using var again = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        Assert.Equal("""{"default":"JPY","exchange_rates":[]}""", (await Json.ReadAsync(again))["currency"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"currency":{"default":"XYZ"}}""", "body.currency.default")]
    [InlineData("""{"currency":{"default":"eur"}}""", "body.currency.default")]
    [InlineData("""{"currency":{"exchange_rates":[]}}""", "body.currency.default")]
    [InlineData("""{"currency":{"default":"EUR","symbol":"€"}}""", "body.currency.symbol")]
    [InlineData("""{"currency":{"default":"EUR","exchange_rates":[{"base":"USD","to":"EUR","rate":0}]}}""", "body.currency.exchange_rates.0.rate")]
    [InlineData("""{"currency":{"default":"EUR","exchange_rates":[{"base":"USD","to":"EUR","rate":-1}]}}""", "body.currency.exchange_rates.0.rate")]
    [InlineData("""{"currency":{"default":"EUR","exchange_rates":[{"base":"USD","to":"USD","rate":1}]}}""", "body.currency.exchange_rates.0.to")]
    [InlineData("""{"currency":{"default":"EUR","exchange_rates":[{"base":"USD","to":"ABC","rate":1}]}}""", "body.currency.exchange_rates.0.to")]
    [InlineData("""{"currency":{"default":"EUR","exchange_rates":[{"to":"EUR","rate":1}]}}""", "body.currency.exchange_rates.0.base")]
    [InlineData("""{"currency":{"default":"EUR","exchange_rates":[null]}}""", "body.currency.exchange_rates.0")]
    public async Task invalid_currency_settings_are_422_and_change_nothing(string json, string loc)
    {
        var id = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        Assert.Equal("EUR", (await Json.ReadAsync(read))["currency"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public async Task more_than_100_exchange_rates_are_422()
    {
        var id = await api.CreateEntityAsync();
        var rates = Enumerable.Range(0, 101).Select(i => new { @base = "USD", to = "EUR", rate = 1m + i / 1000m }).ToArray();
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", new { currency = new { @default = "EUR", exchange_rates = rates } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("body.currency.exchange_rates", Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    [Theory]
    [InlineData("""{"receivable_edit_flow":"anything_goes"}""", "body.receivable_edit_flow")]
    [InlineData("""{"document_ids":{"min_digits":26}}""", "body.document_ids.min_digits")]
    [InlineData("""{"document_ids":{"separator":"#"}}""", "body.document_ids.separator")]
    [InlineData("""{"language":"xx"}""", "body.language")]
    [InlineData("""{"payables_skip_approval_flow":true}""", "body.payables_skip_approval_flow")]
    public async Task invalid_settings_are_422_and_change_nothing(string json, string loc)
    {
        var id = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{id}/settings", json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(loc, Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{id}/settings");
        var body = await Json.ReadAsync(read);
        Assert.Equal("compliant", body["receivable_edit_flow"]!.GetValue<string>());
        Assert.Equal(5, body["document_ids"]!["min_digits"]!.GetValue<int>());
    }
}
