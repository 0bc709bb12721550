using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Conventions;

/// <summary>
/// Each create and update route is fed a corpus of bad bodies (<see cref="BadBodies"/>): every answer is a 4xx
/// with the spec's error shapes, never a 5xx, and nothing is stored or changed.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class BadInputTests(ApiHost api)
{
    /// <summary>
    /// Sends every bad body and returns how many were refused. Bodies that may be valid are allowed a 2xx.
    /// <paramref name="state"/> reads what the route could change (a count, a document): a refused request must leave it as it was.
    /// </summary>
    public static async Task<int> FeedAsync(ApiHost api, HttpMethod method, string path, object validBody, Guid? entityId, ISet<string> required, Func<Task<string>> state)
    {
        var corpus = BadBodies.From(validBody, required);
        Assert.True(corpus.Count >= 50, $"only {corpus.Count} bad bodies for {path}");
        var refused = 0;
        foreach (var bad in corpus)
        {
            var before = await state();
            using var response = await api.SendAsync(method, path, bad.Body, entityId);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{bad.Name}: {status} {await response.Content.ReadAsStringAsync()}");
            if (status is >= 200 and < 300)
            {
                Assert.True(bad.MayBeValid, $"{bad.Name} was accepted: {bad.Body[..Math.Min(200, bad.Body.Length)]}");
                continue;
            }
            var body = await Json.ReadAsync(response);
            Assert.True(body.ContainsKey("detail") || body.ContainsKey("error"), $"{bad.Name}: no error shape");
            Assert.True(before == await state(), $"{bad.Name} was refused ({status}) but changed what is stored");
            refused++;
        }
        return refused;
    }

    [Fact]
    public async Task bad_entity_bodies_are_4xx_and_create_nothing()
    {
        var refused = await FeedAsync(api, HttpMethod.Post, "/v1/entities", Bodies.Organization(), null,
            new HashSet<string> { "type", "email", "address", "address.country", "address.city", "address.postal_code", "address.line1", "organization", "organization.legal_name" },
            async () => (await api.CountStoredAsync("entity")).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_receivable_bodies_are_4xx_and_create_nothing()
    {
        var seller = await api.CreateSellerAsync();
        var entity = seller.Entity;
        var refused = await FeedAsync(api, HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entity,
            new HashSet<string> { "type", "currency", "counterpart_id", "counterpart_billing_address_id", "line_items", "line_items.0.quantity", "line_items.0.product", "line_items.0.product.name", "line_items.0.product.price", "line_items.0.product.price.currency", "line_items.0.product.price.value", "line_items.0.tax_rate_value" },
            async () => (await api.CountStoredAsync("receivable", entity)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_entity_patches_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync(name: "Unchanged GmbH");
        var patch = new
        {
            email = "x@y.z", phone = "+49 1", website = "https://x.example", tax_id = "DE1", registration_number = "HRB 2",
            address = new { city = "Köln", line1 = "Domkloster 4", postal_code = "50667" },
            organization = new { legal_name = "X", business_structure = "private_corporation" },
        };
        var refused = await FeedAsync(api, HttpMethod.Patch, $"/v1/entities/{entity}", patch, null, new HashSet<string>(), async () =>
        {
            using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}");
            return await read.Content.ReadAsStringAsync();
        });
        Assert.True(refused >= 30, $"{refused} refused");
    }

    [Fact]
    public async Task bad_settings_patches_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var patch = new
        {
            receivable_edit_flow = "non_compliant", vat_mode = "inclusive", vat_inclusive_discount_mode = "inclusive",
            quote_signature_required = true, generate_paid_invoice_pdf = true, language = "de",
            document_ids = new { separator = "/", min_digits = 6, prefix = "ACME", include_date = true, document_type_prefix = new { invoice = "RE", quote = "AN" } },
        };
        var refused = await FeedAsync(api, HttpMethod.Patch, $"/v1/entities/{entity}/settings", patch, null, new HashSet<string>(), async () =>
        {
            using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}/settings");
            return await read.Content.ReadAsStringAsync();
        });
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_token_requests_are_4xx_and_issue_nothing()
    {
        var body = new { grant_type = "client_credentials", client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA };
        var refused = await FeedAsync(api, HttpMethod.Post, "/v1/auth/token", body, null,
            new HashSet<string> { "grant_type", "client_id", "client_secret" }, () => Task.FromResult(""));
        Assert.True(refused >= 50, $"{refused} refused");
    }
}
