using System.Net;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Counterparts.CounterpartApi;

namespace Receivables.Tests.Counterparts;

/// <summary>Addresses, contacts and VAT ids of a counterpart, over HTTP. They live in the counterpart's document.</summary>
[Collection(ApiTests.Name)]
public sealed class CounterpartSubresourceTests(ApiHost api)
{
    [Fact]
    public async Task addresses_are_added_read_listed_changed_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var root = $"/v1/counterparts/{Id(counterpart)}/addresses";

        var (added, etag) = await SendAsync(api, HttpMethod.Post, root, new { country = "AT", city = "Wien", postal_code = "1010", line1 = "Graben 1", line2 = "Top 3", state = "Wien" }, entity, HttpStatusCode.Created);
        Assert.Equal(Id(counterpart), added["counterpart_id"]!.GetValue<string>());
        Assert.Equal("Top 3", added["line2"]!.GetValue<string>());
        var (_, counterpartTag) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(counterpart)}", null, entity, HttpStatusCode.OK);
        Assert.Equal(counterpartTag, etag);

        var (read, readTag) = await SendAsync(api, HttpMethod.Get, $"{root}/{Id(added)}", null, entity, HttpStatusCode.OK);
        Assert.Equal(added.ToJsonString(), read.ToJsonString());
        Assert.Equal(etag, readTag);
        var (list, _) = await SendAsync(api, HttpMethod.Get, root, null, entity, HttpStatusCode.OK);
        Assert.Equal(2, list["data"]!.AsArray().Count);
        Assert.Equal(["data"], list.Select(p => p.Key));

        var (patched, patchedTag) = await SendAsync(api, HttpMethod.Patch, $"{root}/{Id(added)}", new { city = "Graz", country = "AT" }, entity, HttpStatusCode.OK, ifMatch: etag);
        Assert.Equal("Graz", patched["city"]!.GetValue<string>());
        Assert.Equal("Graben 1", patched["line1"]!.GetValue<string>());
        await SendAsync(api, HttpMethod.Patch, $"{root}/{Id(added)}", new { city = "Linz" }, entity, HttpStatusCode.PreconditionFailed, ifMatch: etag);
        await SendAsync(api, HttpMethod.Delete, $"{root}/{Id(added)}", null, entity, HttpStatusCode.PreconditionFailed, ifMatch: etag);

        await SendAsync(api, HttpMethod.Delete, $"{root}/{Id(added)}", null, entity, HttpStatusCode.NoContent, ifMatch: patchedTag);
        await SendAsync(api, HttpMethod.Get, $"{root}/{Id(added)}", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Delete, $"{root}/{Id(added)}", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Patch, $"{root}/{Id(added)}", new { city = "Linz" }, entity, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_default_address_cannot_be_deleted_until_another_is_the_default()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var first = counterpart["default_billing_address_id"]!.GetValue<string>();
        var root = $"/v1/counterparts/{Id(counterpart)}/addresses";
        await SendAsync(api, HttpMethod.Delete, $"{root}/{first}", null, entity, HttpStatusCode.Conflict);

        var (second, _) = await SendAsync(api, HttpMethod.Post, root, Address("Bonn"), entity, HttpStatusCode.Created);
        await SendAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(counterpart)}", new { default_billing_address_id = Id(second), default_shipping_address_id = Id(second), organization = new { } }, entity, HttpStatusCode.OK);
        await SendAsync(api, HttpMethod.Delete, $"{root}/{first}", null, entity, HttpStatusCode.NoContent);
        var (list, _) = await SendAsync(api, HttpMethod.Get, root, null, entity, HttpStatusCode.OK);
        Assert.Equal(Id(second), Id(Assert.Single(list["data"]!.AsArray())!.AsObject()));
    }

    [Fact]
    public async Task a_sub_resource_of_another_counterpart_or_entity_is_404()
    {
        var entity = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        var a = await CreateAsync(api, entity);
        var b = await CreateAsync(api, entity);
        var (vat, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(a)}/vat_ids", VatId(), entity, HttpStatusCode.Created);
        var (contact, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(a)}/contacts", Contact(), entity, HttpStatusCode.OK);
        var address = a["default_billing_address_id"]!.GetValue<string>();

        foreach (var path in new[] { $"addresses/{address}", $"vat_ids/{Id(vat)}", $"contacts/{Id(contact)}" })
        {
            await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(b)}/{path}", null, entity, HttpStatusCode.NotFound);
            await SendAsync(api, HttpMethod.Delete, $"/v1/counterparts/{Id(b)}/{path}", null, entity, HttpStatusCode.NotFound);
            await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(a)}/{path}", null, other, HttpStatusCode.NotFound);
            await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Guid.NewGuid()}/{path}", null, entity, HttpStatusCode.NotFound);
            await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(a)}/{path}", null, entity, HttpStatusCode.OK);
        }
        await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(b)}/contacts/{Id(contact)}/make_default", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Guid.NewGuid()}/addresses", Address(), entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(a)}/addresses", Address(), other, HttpStatusCode.NotFound);
        var (badId, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(a)}/vat_ids/nope", null, entity, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("path.vat_id", Json.Loc(Json.Detail(badId)[0]!));
    }

    [Fact]
    public async Task contacts_belong_to_organizations_and_the_first_is_the_default()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var root = $"/v1/counterparts/{Id(counterpart)}/contacts";

        var (first, etag) = await SendAsync(api, HttpMethod.Post, root, Contact("Mary"), entity, HttpStatusCode.OK);
        Assert.NotNull(etag);
        Assert.True(first["is_default"]!.GetValue<bool>());
        Assert.Equal(Id(counterpart), first["counterpart_id"]!.GetValue<string>());
        Assert.Equal("Potsdam", first["address"]!["city"]!.GetValue<string>());
        Assert.False(first["address"]!.AsObject().ContainsKey("id"));
        var (second, _) = await SendAsync(api, HttpMethod.Post, root, Contact("John"), entity, HttpStatusCode.OK);
        Assert.False(second["is_default"]!.GetValue<bool>());

        var (made, _) = await SendAsync(api, HttpMethod.Post, $"{root}/{Id(second)}/make_default", null, entity, HttpStatusCode.OK);
        Assert.True(made["is_default"]!.GetValue<bool>());
        var (list, _) = await SendAsync(api, HttpMethod.Get, root, null, entity, HttpStatusCode.OK);
        Assert.Equal([false, true], list["data"]!.AsArray().Select(c => c!["is_default"]!.GetValue<bool>()));

        var (patched, patchedTag) = await SendAsync(api, HttpMethod.Patch, $"{root}/{Id(first)}", new { email = "mary.new@buyer.example", address = Address("Leipzig") }, entity, HttpStatusCode.OK);
        Assert.Equal("mary.new@buyer.example", patched["email"]!.GetValue<string>());
        Assert.Equal("Leipzig", patched["address"]!["city"]!.GetValue<string>());
        Assert.Equal("Mary", patched["first_name"]!.GetValue<string>());
        var (read, readTag) = await SendAsync(api, HttpMethod.Get, $"{root}/{Id(first)}", null, entity, HttpStatusCode.OK);
        Assert.Equal(patched.ToJsonString(), read.ToJsonString());
        Assert.Equal(patchedTag, readTag);

        await SendAsync(api, HttpMethod.Patch, $"{root}/{Id(first)}", new { title = "Dr." }, entity, HttpStatusCode.PreconditionFailed, ifMatch: etag);
        await SendAsync(api, HttpMethod.Delete, $"{root}/{Id(first)}", null, entity, HttpStatusCode.NoContent, ifMatch: patchedTag);
        await SendAsync(api, HttpMethod.Get, $"{root}/{Id(first)}", null, entity, HttpStatusCode.NotFound);
        await SendAsync(api, HttpMethod.Post, $"{root}/{Id(first)}/make_default", null, entity, HttpStatusCode.NotFound);

        var person = await CreateAsync(api, entity, Individual());
        var (refused, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(person)}/contacts", Contact(), entity, HttpStatusCode.Conflict);
        Assert.Contains("organization", Json.Error(refused), StringComparison.Ordinal);
        var (none, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(person)}/contacts", null, entity, HttpStatusCode.OK);
        Assert.Empty(none["data"]!.AsArray());
    }

    [Fact]
    public async Task vat_ids_are_added_read_listed_changed_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var root = $"/v1/counterparts/{Id(counterpart)}/vat_ids";

        var (added, etag) = await SendAsync(api, HttpMethod.Post, root, new { value = "GB123" }, entity, HttpStatusCode.Created);
        Assert.Equal("unknown", added["type"]!.GetValue<string>());
        Assert.Null(added["country"]);
        Assert.Equal(Id(counterpart), added["counterpart_id"]!.GetValue<string>());
        Assert.Equal(["id", "counterpart_id", "country", "type", "value"], added.Select(p => p.Key));

        var (patched, patchedTag) = await SendAsync(api, HttpMethod.Patch, $"{root}/{Id(added)}", new { country = "GB", type = "gb_vat" }, entity, HttpStatusCode.OK, ifMatch: etag);
        Assert.Equal("gb_vat", patched["type"]!.GetValue<string>());
        Assert.Equal("GB123", patched["value"]!.GetValue<string>());
        var (read, _) = await SendAsync(api, HttpMethod.Get, $"{root}/{Id(added)}", null, entity, HttpStatusCode.OK);
        Assert.Equal(patched.ToJsonString(), read.ToJsonString());
        var (_, latest) = await SendAsync(api, HttpMethod.Post, root, VatId("DE2"), entity, HttpStatusCode.Created);
        var (list, _) = await SendAsync(api, HttpMethod.Get, root, null, entity, HttpStatusCode.OK);
        Assert.Equal(["GB123", "DE2"], list["data"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()));

        // Any write to the counterpart's document moves the ETag of all its sub-resources.
        await SendAsync(api, HttpMethod.Delete, $"{root}/{Id(added)}", null, entity, HttpStatusCode.PreconditionFailed, ifMatch: patchedTag);
        await SendAsync(api, HttpMethod.Delete, $"{root}/{Id(added)}", null, entity, HttpStatusCode.NoContent, ifMatch: latest);
        await SendAsync(api, HttpMethod.Get, $"{root}/{Id(added)}", null, entity, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("vat_ids", """{"value":"x","type":"xx_vat"}""", "body.type")]
    [InlineData("vat_ids", """{"value":"123456789012345678901234567890123"}""", "body.value")]
    [InlineData("vat_ids", """{"country":"ZZ","value":"1"}""", "body.country")]
    [InlineData("vat_ids", """{"country":"DE"}""", "body.value")]
    [InlineData("addresses", """{"country":"DE","city":"B","line1":"x"}""", "body.postal_code")]
    [InlineData("addresses", """{"country":"DE","city":"B","postal_code":"1","line1":"x","id":"0b1c4d5e-0000-4000-8000-000000000001"}""", "body.id")]
    [InlineData("contacts", """{"first_name":"A","last_name":"B"}""", "body.address")]
    [InlineData("contacts", """{"first_name":"A","last_name":"B","email":"a@","address":{"country":"DE","city":"B","postal_code":"1","line1":"x"}}""", "body.email")]
    public async Task invalid_sub_resources_are_422_and_change_nothing(string kind, string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        var (counterpart, etag) = await SendAsync(api, HttpMethod.Post, "/v1/counterparts", Organization(), entity, HttpStatusCode.Created);
        var (error, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(counterpart)}/{kind}", json, entity, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(loc, Json.Detail(error).Select(d => Json.Loc(d!)));
        var (_, after) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{Id(counterpart)}", null, entity, HttpStatusCode.OK);
        Assert.Equal(etag, after);
    }

    [Fact]
    public async Task concurrent_sub_resource_writes_all_land()
    {
        var entity = await api.CreateEntityAsync();
        var id = Id(await CreateAsync(api, entity));
        // Each write is a read-modify-write of the one document: a lost update would drop an address or a VAT id.
        var tasks = Enumerable.Range(0, 2).Select(i => api.SendAsync(HttpMethod.Post, $"/v1/counterparts/{id}/addresses", Address($"City {i}"), entity))
            .Concat(Enumerable.Range(0, 2).Select(i => api.SendAsync(HttpMethod.Post, $"/v1/counterparts/{id}/vat_ids", VatId($"V{i}"), entity)))
            .Append(api.SendAsync(HttpMethod.Patch, $"/v1/counterparts/{id}", new { tax_id = "CONCURRENT", organization = new { } }, entity))
            .ToList();
        foreach (var response in await Task.WhenAll(tasks))
        {
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
            response.Dispose();
        }
        var (addresses, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}/addresses", null, entity, HttpStatusCode.OK);
        Assert.Equal(3, addresses["data"]!.AsArray().Count);
        var (vatIds, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}/vat_ids", null, entity, HttpStatusCode.OK);
        Assert.Equal(2, vatIds["data"]!.AsArray().Count);
        var (counterpart, _) = await SendAsync(api, HttpMethod.Get, $"/v1/counterparts/{id}", null, entity, HttpStatusCode.OK);
        Assert.Equal("CONCURRENT", counterpart["tax_id"]!.GetValue<string>());
    }
}
