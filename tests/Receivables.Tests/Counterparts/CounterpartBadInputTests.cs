using System.Globalization;
using System.Net;
using Receivables.Tests.Conventions;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Counterparts.CounterpartApi;

namespace Receivables.Tests.Counterparts;

/// <summary>The bad-input corpus against every counterpart create and update route: 4xx, never 5xx, nothing changed.</summary>
[Collection(ApiTests.Name)]
public sealed class CounterpartBadInputTests(ApiHost api)
{
    private static readonly HashSet<string> AddressFields = ["country", "city", "postal_code", "line1"];

    private static HashSet<string> Under(string prefix, IEnumerable<string> fields) => fields.Select(f => $"{prefix}.{f}").ToHashSet();

    /// <summary>What a sub-resource write could change: the counterpart document (its ETag) and the sub-resource list.</summary>
    private Func<Task<string>> StateOf(Guid entity, string counterpartId, string list) => async () =>
    {
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/counterparts/{counterpartId}", entityId: entity);
        using var items = await api.SendAsync(HttpMethod.Get, $"/v1/counterparts/{counterpartId}/{list}", entityId: entity);
        return read.Headers.ETag + await read.Content.ReadAsStringAsync() + await items.Content.ReadAsStringAsync();
    };

    [Fact]
    public async Task bad_organization_bodies_are_4xx_and_create_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var required = new HashSet<string> { "type", "organization", "organization.legal_name", "organization.is_customer", "organization.is_vendor", "organization.address" };
        required.UnionWith(Under("organization.address", AddressFields));
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, "/v1/counterparts", Organization(), entity, required,
            async () => (await api.CountStoredAsync("counterpart", entity)).ToString(CultureInfo.InvariantCulture));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_individual_bodies_are_4xx_and_create_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var required = new HashSet<string> { "type", "individual", "individual.first_name", "individual.last_name", "individual.is_customer", "individual.is_vendor", "individual.address" };
        required.UnionWith(Under("individual.address", AddressFields));
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, "/v1/counterparts", Individual(), entity, required,
            async () => (await api.CountStoredAsync("counterpart", entity)).ToString(CultureInfo.InvariantCulture));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_counterpart_patches_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var patch = new
        {
            default_billing_address_id = counterpart["default_billing_address_id"]!.GetValue<string>(),
            default_shipping_address_id = counterpart["default_shipping_address_id"]!.GetValue<string>(),
            external_reference = "CRM-2", language = "fr", reminders_enabled = true, tax_id = "DE1",
            organization = new { legal_name = "X", is_customer = true, is_vendor = true, email = "x@y.z", phone = "+1", tag_ids = Array.Empty<Guid>() },
        };
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(counterpart)}", patch, entity,
            new HashSet<string> { "organization" }, StateOf(entity, Id(counterpart), "addresses"));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_address_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var full = new { country = "DE", city = "Köln", postal_code = "50667", line1 = "Domkloster 4", line2 = "Eingang B", state = "NRW" };
        var state = StateOf(entity, Id(counterpart), "addresses");
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(counterpart)}/addresses", full, entity, AddressFields, state);
        Assert.True(refused >= 30, $"{refused} refused");
        var address = counterpart["default_billing_address_id"]!.GetValue<string>();
        refused = await BadInputTests.FeedAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(counterpart)}/addresses/{address}", full, entity, new HashSet<string>(), state);
        Assert.True(refused >= 30, $"{refused} refused");
    }

    [Fact]
    public async Task bad_contact_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var state = StateOf(entity, Id(counterpart), "contacts");
        var required = new HashSet<string> { "first_name", "last_name", "address" };
        required.UnionWith(Under("address", AddressFields));
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(counterpart)}/contacts", Contact(), entity, required, state);
        Assert.True(refused >= 50, $"{refused} refused");

        var (contact, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(counterpart)}/contacts", Contact(), entity, HttpStatusCode.OK);
        refused = await BadInputTests.FeedAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(counterpart)}/contacts/{Id(contact)}", Contact("Patched"), entity,
            Under("address", AddressFields), state);
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_vat_id_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var counterpart = await CreateAsync(api, entity);
        var state = StateOf(entity, Id(counterpart), "vat_ids");
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(counterpart)}/vat_ids", VatId(), entity, new HashSet<string> { "value" }, state);
        Assert.True(refused >= 40, $"{refused} refused");

        var (vatId, _) = await SendAsync(api, HttpMethod.Post, $"/v1/counterparts/{Id(counterpart)}/vat_ids", VatId(), entity, HttpStatusCode.Created);
        refused = await BadInputTests.FeedAsync(api, HttpMethod.Patch, $"/v1/counterparts/{Id(counterpart)}/vat_ids/{Id(vatId)}", VatId("DE9"), entity, new HashSet<string>(), state);
        Assert.True(refused >= 40, $"{refused} refused");
    }
}
