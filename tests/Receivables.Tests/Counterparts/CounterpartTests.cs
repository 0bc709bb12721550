using System.Net;
using Receivables.Api;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Counterparts.CounterpartApi;

namespace Receivables.Tests.Counterparts;

/// <summary><c>/v1/counterparts</c> and <c>/v1/counterparts/{id}</c>, over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class CounterpartTests(ApiHost api)
{
    [Fact]
    public async Task an_organization_is_created_with_its_address_as_default_billing_and_shipping_address()
    {
        var entity = await api.CreateEntityAsync();
        var (body, etag) = await SendAsync(api, HttpMethod.Post, "/v1/counterparts", Organization("Read Back AG"), entity, HttpStatusCode.Created);
        Assert.NotNull(etag);
        Assert.Equal("organization", body["type"]!.GetValue<string>());
        Assert.Equal("Read Back AG", body["organization"]!["legal_name"]!.GetValue<string>());
        Assert.True(body["organization"]!["is_customer"]!.GetValue<bool>());
        Assert.Empty(body["organization"]!["tags"]!.AsArray());
        Assert.Equal("de", body["language"]!.GetValue<string>());
        Assert.Equal("DE811907980", body["tax_id"]!.GetValue<string>());
        Assert.Equal("CRM-1", body["external_reference"]!.GetValue<string>());
        Assert.False(body["reminders_enabled"]!.GetValue<bool>());
        Assert.False(body["created_automatically"]!.GetValue<bool>());
        Assert.True(body.ContainsKey("created_by_entity_user_id"));
        Assert.NotNull(body["created_at"]);
        Assert.NotNull(body["updated_at"]);
        var billing = body["default_billing_address_id"]!.GetValue<string>();
        Assert.Equal(billing, body["default_shipping_address_id"]!.GetValue<string>());
        foreach (var hidden in new[] { "individual", "addresses", "contacts", "vat_ids", "resource", "entity_id", "name", "listing" })
            Assert.False(body.ContainsKey(hidden), hidden);

        var (read, readTag) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(body)}", null, entity, HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), read.ToJsonString());
        Assert.Equal(etag, readTag);

        var (addresses, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(body)}/addresses", null, entity, HttpStatusCode.OK);
        var address = Assert.Single(addresses["data"]!.AsArray())!;
        Assert.Equal(billing, address["id"]!.GetValue<string>());
        Assert.Equal(Id(body), address["counterpart_id"]!.GetValue<string>());
        Assert.Equal("Berlin", address["city"]!.GetValue<string>());
        Assert.Null(address["line2"]);
        Assert.True(address.AsObject().ContainsKey("state"));
    }

    [Fact]
    public async Task an_individual_is_created_with_defaults()
    {
        var entity = await api.CreateEntityAsync();
        var body = await CreateAsync(api, entity, Individual("Grace", "Hopper"));
        Assert.Equal("individual", body["type"]!.GetValue<string>());
        Assert.Equal("Grace", body["individual"]!["first_name"]!.GetValue<string>());
        Assert.Equal("Dr.", body["individual"]!["title"]!.GetValue<string>());
        Assert.False(body.ContainsKey("organization"));
        Assert.Equal("en", body["language"]!.GetValue<string>());
        Assert.True(body["reminders_enabled"]!.GetValue<bool>());
        Assert.Null(body["tax_id"]);
        Assert.Null(body["external_reference"]);
    }

    [Theory]
    [InlineData("""{"type":"organization"}""", "body.organization")]
    [InlineData("""{"type":"robot"}""", "body.type")]
    [InlineData("""{"organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.type")]
    [InlineData("""{"type":"organization","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"XX","city":"B","postal_code":"1","line1":"x"}}}""", "body.organization.address.country")]
    [InlineData("""{"type":"organization","organization":{"legal_name":"A","is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.organization.is_customer")]
    [InlineData("""{"type":"organization","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"email":"nope","address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.organization.email")]
    [InlineData("""{"type":"organization","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"tag_ids":["0b1c4d5e-0000-4000-8000-000000000001"],"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.organization.tag_ids.0")]
    [InlineData("""{"type":"organization","tax_id":"1234567890123456789012345678901","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.tax_id")]
    [InlineData("""{"type":"organization","language":"xx","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.language")]
    [InlineData("""{"type":"organization","external_reference":"","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.external_reference")]
    [InlineData("""{"type":"individual","individual":{"first_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.individual.last_name")]
    [InlineData("""{"type":"individual","organization":{"legal_name":"A","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}},"individual":{"first_name":"A","last_name":"B","is_customer":true,"is_vendor":false,"address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}}""", "body.organization")]
    public async Task an_invalid_counterpart_is_422_and_stores_nothing(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/counterparts", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
        Assert.Equal(0, await api.CountStoredAsync("counterpart", entity));
    }

    [Fact]
    public async Task an_unknown_id_another_entitys_id_and_another_kind_of_id_are_404()
    {
        var entity = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        var id = Id(await CreateAsync(api, entity));

        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Guid.NewGuid()}", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}", null, other, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{id}", new { organization = new { legal_name = "Stolen" } }, other, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Delete, $"/v1/counterparts/{id}", null, other, HttpStatusCode.NotFound);
        // The entity document lives in the same partition under the entity's id: it is no counterpart.
        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{entity}", null, entity, HttpStatusCode.NotFound);
        var (error, _) = await SendAsync(api, HttpMethod.Get, "/v1/counterparts/not-a-uuid", null, entity, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("path.counterpart_id", Json.Loc(Json.Detail(error)[0]!));
        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}", null, entity, HttpStatusCode.OK);
    }

    [Fact]
    public async Task patch_changes_only_the_fields_sent()
    {
        var entity = await api.CreateEntityAsync();
        var created = await CreateAsync(api, entity);
        var (patched, _) = await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(created)}", new
        {
            tax_id = "DE000",
            language = "fr",
            reminders_enabled = true,
            organization = new { legal_name = "Renamed AG", is_vendor = true },
        }, entity, HttpStatusCode.OK);
        Assert.Equal("Renamed AG", patched["organization"]!["legal_name"]!.GetValue<string>());
        Assert.True(patched["organization"]!["is_vendor"]!.GetValue<bool>());
        Assert.True(patched["organization"]!["is_customer"]!.GetValue<bool>());
        Assert.Equal("ap@buyer.example", patched["organization"]!["email"]!.GetValue<string>());
        Assert.Equal("DE000", patched["tax_id"]!.GetValue<string>());
        Assert.Equal("fr", patched["language"]!.GetValue<string>());
        Assert.True(patched["reminders_enabled"]!.GetValue<bool>());
        Assert.Equal("CRM-1", patched["external_reference"]!.GetValue<string>());
        Assert.Equal(created["created_at"]!.GetValue<string>(), patched["created_at"]!.GetValue<string>());

        var individual = await CreateAsync(api, entity, Individual());
        var (renamed, _) = await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(individual)}", new { individual = new { last_name = "King" } }, entity, HttpStatusCode.OK);
        Assert.Equal("King", renamed["individual"]!["last_name"]!.GetValue<string>());
        Assert.Equal("Ada", renamed["individual"]!["first_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task patch_of_the_wrong_kind_or_without_a_kind_is_refused()
    {
        var entity = await api.CreateEntityAsync();
        var id = Id(await CreateAsync(api, entity));
        await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{id}", new { individual = new { first_name = "X" } }, entity, HttpStatusCode.Conflict);
        var (missing, _) = await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{id}", new { tax_id = "X" }, entity, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("body.organization", Json.Loc(Json.Detail(missing)[0]!));
        var (read, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}", null, entity, HttpStatusCode.OK);
        Assert.Equal("DE811907980", read["tax_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task default_addresses_must_be_addresses_of_the_counterpart()
    {
        var entity = await api.CreateEntityAsync();
        var created = await CreateAsync(api, entity);
        var other = await CreateAsync(api, entity);
        var (error, _) = await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(created)}",
            new { default_billing_address_id = other["default_billing_address_id"]!.GetValue<string>(), organization = new { } }, entity, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("body.default_billing_address_id", Json.Loc(Json.Detail(error)[0]!));

        var (address, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(created)}/addresses", Address("Hamburg"), entity, HttpStatusCode.Created);
        var (patched, _) = await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(created)}",
            new { default_shipping_address_id = Id(address), organization = new { } }, entity, HttpStatusCode.OK);
        Assert.Equal(Id(address), patched["default_shipping_address_id"]!.GetValue<string>());
        Assert.Equal(created["default_billing_address_id"]!.GetValue<string>(), patched["default_billing_address_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task if_match_guards_patch_and_delete()
    {
        var entity = await api.CreateEntityAsync();
        var (created, etag) = await SendAsync(api, HttpMethod.Post, "/v1/counterparts", Organization(), entity, HttpStatusCode.Created);
        var path = $"/v1/counterparts/{Id(created)}";
        var (_, newer) = await SendAsync(api, HttpMethod.Patch, path, new { organization = new { legal_name = "V2" } }, entity, HttpStatusCode.OK, ifMatch: etag);
        Assert.NotEqual(etag, newer);
        await SendAsync(api, HttpMethod.Patch, path, new { organization = new { legal_name = "V3" } }, entity, HttpStatusCode.PreconditionFailed, ifMatch: etag);
        await SendAsync(api, HttpMethod.Delete, path, null, entity, HttpStatusCode.PreconditionFailed, ifMatch: etag);
        var (read, _) = await SendAsync(api, HttpMethod.Get, path, null, entity, HttpStatusCode.OK);
        Assert.Equal("V2", read["organization"]!["legal_name"]!.GetValue<string>());
        await SendAsync(api, HttpMethod.Delete, path, null, entity, HttpStatusCode.NoContent, ifMatch: newer);
    }

    [Fact]
    public async Task delete_removes_the_counterpart_and_its_sub_resources()
    {
        var entity = await api.CreateEntityAsync();
        var id = Id(await CreateAsync(api, entity));
        await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{id}/vat_ids", VatId(), entity, HttpStatusCode.Created);
        Assert.Equal(1, await api.CountStoredAsync("counterpart", entity));

        await SendAsync(api, HttpMethod.Delete, $"/v1/counterparts/{id}", null, entity, HttpStatusCode.NoContent);
        Assert.Equal(0, await api.CountStoredAsync("counterpart", entity));
        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}/vat_ids", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}/addresses", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Delete, $"/v1/counterparts/{id}", null, entity, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_list_pages_forward_and_back_in_creation_order_within_the_entity()
    {
        var entity = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        await CreateAsync(api, other);
        var created = new List<string>();
        for (var i = 0; i < 5; i++) created.Add(Id(await CreateAsync(api, entity, Organization($"Page {i}"))));

        var pages = await ListWalk.ForwardAndBackAsync(api, "/v1/counterparts?limit=2&order=asc", 2, entity);
        Assert.Equal(created, pages.SelectMany(p => p));
        Assert.Equal(3, pages.Count);
        var (first, _) = await SendAsync(api, HttpMethod.Get, "/v1/counterparts?limit=2", null, entity, HttpStatusCode.OK);
        Assert.All(first["data"]!.AsArray(), d => Assert.False(d!.AsObject().ContainsKey("addresses")));

        var (descending, _) = await SendAsync(api, HttpMethod.Get, "/v1/counterparts?order=desc", null, entity, HttpStatusCode.OK);
        Assert.Equal(Enumerable.Reverse(created), descending["data"]!.AsArray().Select(d => Id(d!.AsObject())));
    }

    [Fact]
    public async Task the_list_sorts_by_the_name_documents_show_legal_name_or_first_and_last()
    {
        var entity = await api.CreateEntityAsync();
        var zeta = Id(await CreateAsync(api, entity, Organization("Zeta AG")));
        var ada = Id(await CreateAsync(api, entity, Individual("Ada", "Lovelace")));
        var mid = Id(await CreateAsync(api, entity, Organization("Mid GmbH")));
        var alan = Id(await CreateAsync(api, entity, Individual("Alan", "Turing")));

        var pages = await ListWalk.ForwardAndBackAsync(api, "/v1/counterparts?limit=3&sort=counterpart_name", 3, entity);
        Assert.Equal([ada, alan, mid, zeta], pages.SelectMany(p => p));
        var descending = await ListWalk.ForwardAndBackAsync(api, "/v1/counterparts?limit=3&sort=counterpart_name&order=desc", 3, entity);
        Assert.Equal([zeta, mid, alan, ada], descending.SelectMany(p => p));

        // A rename moves it: the sort copy is rewritten with the document.
        await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{zeta}", new { organization = new { legal_name = "Aaron AG" } }, entity, HttpStatusCode.OK);
        var renamed = await ListWalk.ForwardAndBackAsync(api, "/v1/counterparts?limit=3&sort=counterpart_name", 3, entity);
        Assert.Equal([zeta, ada, alan, mid], renamed.SelectMany(p => p));
    }

    [Fact]
    public async Task a_token_of_another_entity_another_list_or_tampered_is_422()
    {
        var entity = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        for (var i = 0; i < 2; i++) await CreateAsync(api, entity);
        var token = await ListWalk.NextTokenAsync(api, "/v1/counterparts?limit=1&is_customer=true", entity);

        await ListWalk.AssertRefusedAsync(api, "/v1/counterparts", token, other);
        await ListWalk.AssertRefusedAsync(api, "/v1/products", token, entity);
        await ListWalk.AssertRefusedAsync(api, "/v1/counterparts", ListWalk.Tampered(token), entity);
    }

    [Fact]
    public async Task the_list_filters_by_type_role_name_email_and_tax_id()
    {
        var entity = await api.CreateEntityAsync();
        var org = Id(await CreateAsync(api, entity, Organization("Filter Works GmbH", isCustomer: false, isVendor: true)));
        var person = Id(await CreateAsync(api, entity, Individual("Alan", "Turing")));

        async Task<List<string>> ListAsync(string query)
        {
            var (page, _) = await SendAsync(api, HttpMethod.Get, "/v1/counterparts?" + query, null, entity, HttpStatusCode.OK);
            return page["data"]!.AsArray().Select(d => Id(d!.AsObject())).ToList();
        }

        Assert.Equal([person], await ListAsync("type=individual"));
        Assert.Equal([org], await ListAsync("type=organization"));
        Assert.Equal([person], await ListAsync("is_customer=true"));
        Assert.Equal([org], await ListAsync("is_vendor=true"));
        Assert.Equal([org], await ListAsync("counterpart_name=Filter%20Works%20GmbH"));
        Assert.Equal([person], await ListAsync("counterpart_name=Alan%20Turing"));
        Assert.Equal([person], await ListAsync("counterpart_name__icontains=turing"));
        Assert.Equal([org], await ListAsync("counterpart_name__icontains=WORKS"));
        Assert.Equal([person], await ListAsync("email=ada%40example.org"));
        Assert.Equal([org], await ListAsync("tax_id=DE811907980"));
        Assert.Empty(await ListAsync("type=individual&is_vendor=true"));
    }

    [Theory]
    [InlineData("limit=0", "query.limit")]
    [InlineData("limit=101", "query.limit")]
    [InlineData("order=sideways", "query.order")]
    [InlineData("type=robot", "query.type")]
    [InlineData("is_customer=maybe", "query.is_customer")]
    [InlineData("sort=legal_name", "query.sort")]
    [InlineData("pagination_token=%%%", "query.pagination_token")]
    public async Task bad_list_parameters_are_422(string query, string loc)
    {
        var entity = await api.CreateEntityAsync();
        var (body, _) = await SendAsync(api, HttpMethod.Get, "/v1/counterparts?" + query, null, entity, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(loc, Json.Loc(Json.Detail(body)[0]!));
    }

    [Fact]
    public async Task counterpart_routes_need_the_entity_header_and_creates_are_idempotent()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/counterparts");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.All(new[] { ApiRoutes.CreateCounterpart, ApiRoutes.CreateCounterpartAddress, ApiRoutes.CreateCounterpartContact, ApiRoutes.CreateCounterpartVatId },
            route => Assert.True(route.Idempotent, route.Name));
        Assert.All(ApiRoutes.All.Where(r => r.Template.StartsWith("counterparts", StringComparison.Ordinal)), route => Assert.Equal(RouteAccess.EntityScoped, route.Access));
    }
}
