using System.Net;
using Receivables.Tests.Infrastructure;
using Receivables.VatRates;

namespace Receivables.Tests.Catalog;

/// <summary><c>GET /v1/vat_rates</c> and the shipped table behind it.</summary>
[Collection(ApiTests.Name)]
public sealed class VatRateTests(ApiHost api)
{
    private static readonly string[] Eu27 =
        ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];

    [Fact]
    public void the_table_covers_the_eu_and_gb_with_a_standard_and_a_zero_rate_and_no_us()
    {
        foreach (var country in Eu27.Append("GB"))
        {
            var rates = VatRateTable.ForCountry(country);
            Assert.True(rates.Count >= 2, country);
            Assert.Contains(rates, r => r.Value == 0);
            Assert.All(rates, r => Assert.Equal(VatRateStatus.Active, r.Status));
            Assert.All(rates, r => Assert.Equal(r.Value, r.Components.Sum(c => c.Value)));
        }
        Assert.Equal(1900, VatRateTable.ForCountry("DE")[0].Value);
        Assert.Equal(2000, VatRateTable.ForCountry("GB")[0].Value);
        Assert.Empty(VatRateTable.ForCountry("US"));
    }

    [Fact]
    public void ids_are_name_based_uuids_that_never_change()
    {
        // Pinned: a vat_rate_id stored in a document must resolve in every deployment, forever.
        var de19 = VatRateTable.IdOf("DE", 1900);
        Assert.Equal(de19, VatRateTable.ForCountry("DE")[0].Id);
        Assert.Equal(5, de19.Version);
        Assert.True(VatRateTable.TryGet(de19, out var rate));
        Assert.Equal(("DE", 1900), (rate.Country, rate.Value));
        Assert.Equal(VatRateTable.All.Count, VatRateTable.All.Select(r => r.Id).Distinct().Count());
        Assert.False(VatRateTable.TryGet(Guid.NewGuid(), out _));
        // A rate a law replaced still resolves, as inactive.
        Assert.True(VatRateTable.TryGet(VatRateTable.IdOf("DE", 1600), out var covid));
        Assert.Equal(VatRateStatus.Inactive, covid.Status);
        Assert.Equal(new DateOnly(2020, 12, 31), covid.ValidUntil);
    }

    [Fact]
    public void ids_are_uuid_v5_as_the_rfc_computes_them()
    {
        // The reference below reproduces RFC 9562 appendix A.4 ("www.example.com" in the DNS namespace) ...
        Assert.Equal(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"), Uuid5(Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
        // ... and the table derives its ids the same way from its own namespace.
        Assert.Equal(Uuid5(VatRateTable.Namespace, "FR:2000"), VatRateTable.IdOf("FR", 2000));
    }

    private static Guid Uuid5(Guid ns, string name)
    {
        var bytes = new byte[16 + System.Text.Encoding.UTF8.GetByteCount(name)];
        ns.TryWriteBytes(bytes, bigEndian: true, out _);
        System.Text.Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
#pragma warning disable CA5350 // RFC 9562 defines v5 with SHA-1
        var hash = System.Security.Cryptography.SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [Fact]
    public async Task an_entity_without_a_vat_id_gets_only_the_zero_rate_of_its_country()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/vat_rates", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await Json.ReadAsync(response))["data"]!.AsArray();
        var rate = Assert.Single(data)!;
        Assert.Equal("DE", rate["country"]!.GetValue<string>());
        Assert.Equal(0, rate["value"]!.GetValue<int>());
        Assert.Equal("active", rate["status"]!.GetValue<string>());
        Assert.Equal(VatRateTable.IdOf("DE", 0).ToString(), rate["id"]!.GetValue<string>());
        foreach (var field in new[] { "created_at", "updated_at", "components", "valid_from", "valid_until", "created_by" }) Assert.True(rate.AsObject().ContainsKey(field), field);
    }

    [Fact]
    public async Task an_entity_with_vat_ids_gets_the_rates_of_their_countries()
    {
        var entity = await api.CreateEntityAsync();
        var de = await VatIdAsync(entity, "DE", "DE123456789");
        await VatIdAsync(entity, "FR", "FR12345678901");

        using var all = await api.SendAsync(HttpMethod.Get, "/v1/vat_rates?product_type=service", entityId: entity);
        var values = (await Json.ReadAsync(all))["data"]!.AsArray().Select(r => (r!["country"]!.GetValue<string>(), r["value"]!.GetValue<int>())).ToList();
        Assert.Contains(("DE", 1900), values);
        Assert.Contains(("DE", 700), values);
        Assert.Contains(("FR", 2000), values);
        Assert.Contains(("FR", 550), values);

        using var one = await api.SendAsync(HttpMethod.Get, $"/v1/vat_rates?entity_vat_id_id={de}", entityId: entity);
        var countries = (await Json.ReadAsync(one))["data"]!.AsArray().Select(r => r!["country"]!.GetValue<string>()).Distinct();
        Assert.Equal(["DE"], countries);
    }

    [Fact]
    public async Task a_us_entity_gets_no_rates()
    {
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/entities", new
        {
            type = "organization", email = "ap@us.example",
            address = new { country = "US", city = "Austin", postal_code = "78701", line1 = "1 Congress Ave", state = "TX" },
            organization = new { legal_name = "US Inc" },
        });
        var entity = Guid.Parse((await Json.ReadAsync(created))["id"]!.GetValue<string>());
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/vat_rates", entityId: entity);
        Assert.Empty((await Json.ReadAsync(response))["data"]!.AsArray());
    }

    [Theory]
    [InlineData("entity_vat_id_id=nope", "query.entity_vat_id_id", HttpStatusCode.UnprocessableEntity)]
    [InlineData("counterpart_id=nope", "query.counterpart_id", HttpStatusCode.UnprocessableEntity)]
    [InlineData("counterpart_address_id=6f1b0a52-3c1e-4f0e-9d4b-2a7c5e8d9f10", "query.counterpart_address_id", HttpStatusCode.UnprocessableEntity)]
    [InlineData("product_type=thing", "query.product_type", HttpStatusCode.UnprocessableEntity)]
    [InlineData("entity_vat_id_id=6f1b0a52-3c1e-4f0e-9d4b-2a7c5e8d9f10", null, HttpStatusCode.NotFound)]
    public async Task a_bad_query_is_refused(string query, string? loc, HttpStatusCode expected)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/vat_rates?{query}", entityId: entity);
        Assert.Equal(expected, response.StatusCode);
        if (loc is not null) Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }

    private async Task<string> VatIdAsync(Guid entity, string country, string value)
    {
        using var response = await api.SendAsync(HttpMethod.Post, $"/v1/entities/{entity}/vat_ids", new { country, value, type = "eu_vat" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response))["id"]!.GetValue<string>();
    }
}
