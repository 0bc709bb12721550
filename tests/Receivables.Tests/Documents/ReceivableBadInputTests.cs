using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Conventions;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Documents.DocumentWorld;

namespace Receivables.Tests.Documents;

/// <summary>
/// The bad-body corpus (<see cref="BadBodies"/>) fed to every receivable route that takes a body: always a 4xx,
/// never a 5xx, and a refused request changes nothing. Free-form objects (partner_metadata, document_rendering) are
/// left out of the valid bodies: anything inside them is valid, so their nested mutations prove nothing.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableBadInputTests(ApiHost api)
{
    private static HashSet<string> Paths(params string[] paths) => new(paths, StringComparer.Ordinal);

    private Func<Task<string>> Document(DocumentWorld world, string id) => async () =>
    {
        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: world.Entity);
        return await read.Content.ReadAsStringAsync();
    };

    private Func<Task<string>> Count(DocumentWorld world) =>
        async () => (await api.CountStoredAsync("receivable", world.Entity)).ToString(CultureInfo.InvariantCulture);

    private async Task PatchCorpusAsync(DocumentWorld world, string id, object body, params string[] required) =>
        await PatchCorpusAsync(world, id, body, HttpStatusCode.OK, required);

    /// <summary>The valid body is sent first (it must get <paramref name="validStatus"/>), so the corpus is refused for its faults alone.</summary>
    private async Task PatchCorpusAsync(DocumentWorld world, string id, object body, HttpStatusCode validStatus, params string[] required)
    {
        var (status, answer, _) = await world.PatchAsync(id, body);
        Assert.True(status == validStatus, $"valid body: {status} {answer.ToJsonString()}");
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Patch, $"/v1/receivables/{id}", body, world.Entity, Paths(required), Document(world, id));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_invoice_envelopes_are_4xx_and_change_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice());
        await PatchCorpusAsync(world, id, new
        {
            invoice = new
            {
                memo = "memo", footer = "footer", trade_name = "Trade", currency = "EUR",
                counterpart_id = world.Counterpart, counterpart_billing_address_id = world.BillingAddress, counterpart_vat_id_id = world.CounterpartVatId,
                contact_id = world.Contact, entity_bank_account_id = world.BankAccount, entity_vat_id_id = world.EntityVatId, payment_terms_id = world.PaymentTerms,
                entity = new { email = "e@issuer.example", website = "https://issuer.example" },
                discount = new { type = "amount", amount = 100 },
                deductions = new[] { new { amount = 10, name = "Deposit", memo = "May" } },
                withholding_tax_rate = 100, vat_exempt = false, fulfillment_date = "2025-01-31", payment_page_url = "https://pay.example/1",
                project_id = Guid.NewGuid(), tag_ids = Array.Empty<Guid>(),
                line_items = new[] { new { quantity = 1.5, price = 1000, vat_rate_id = Vat7, discount = new { type = "percentage", amount = 100 } } },
            },
        }, "invoice", "invoice.discount.type", "invoice.discount.amount", "invoice.deductions.0.amount", "invoice.deductions.0.name",
            "invoice.line_items.0.discount.type", "invoice.line_items.0.discount.amount", "invoice.counterpart_billing_address_id");
    }

    [Fact]
    public async Task bad_quote_envelopes_are_4xx_and_change_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Quote());
        await PatchCorpusAsync(world, id, new
        {
            quote = new
            {
                memo = "memo", expiry_date = "2099-01-31", signature_required = true, quote_accept_page_url = "https://accept.example/q",
                entity_vat_id_id = world.EntityVatId, counterpart_shipping_address_id = world.ShippingAddress,
                discount = new { type = "percentage", amount = 500 }, deduction_amount = 10, deduction_memo = "advance",
                line_items = new[] { new { quantity = 2, tax_rate_value = 1900, tax_rate_name = "MwSt" } },
            },
        }, "quote", "quote.discount.type", "quote.discount.amount", "quote.line_items.0.tax_rate_value");
    }

    [Fact]
    public async Task bad_credit_note_envelopes_are_4xx_and_change_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (note, _) = await world.CreditNoteAsync();
        var key = world.Product.ToString();
        await PatchCorpusAsync(world, note, new
        {
            credit_note = new
            {
                memo = "memo", footer = "footer", project_id = Guid.NewGuid(),
                counterpart_billing_address_id = world.BillingAddress, counterpart_shipping_address_id = world.ShippingAddress,
                counterpart_contact = new { first_name = "Max", last_name = "Muster", email = "max@buyer.example", phone = "+49 40 1", title = "Dr" },
                entity = new { phone = "+49 30 2" },
                line_items = new Dictionary<string, object> { [key] = new { quantity = 2, price_diff = 1000, old_price = 12000 } },
            },
        }, "credit_note", "credit_note.counterpart_contact.first_name", "credit_note.counterpart_contact.last_name", $"credit_note.line_items.{key}.quantity");
    }

    [Fact]
    public async Task bad_issued_invoice_envelopes_are_4xx_and_change_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        await world.SetEditFlowAsync("non_compliant");
        var id = await world.InvoiceInAsync("issued");
        await PatchCorpusAsync(world, id, new
        {
            issued_invoice = new
            {
                memo = "memo", footer = "footer", due_date = "2030-01-31", fulfillment_date = "2025-01-15", issue_date = "2025-01-10T09:00:00Z",
                project_id = Guid.NewGuid(), payment_terms_id = world.PaymentTerms, entity_vat_id_id = world.EntityVatId, counterpart_vat_id_id = world.CounterpartVatId,
                contact_id = world.Contact, tag_ids = Array.Empty<Guid>(),
                entity = new { type = "organization", name = "Corrected GmbH", email = "c@issuer.example", vat_id = "DE1" },
                entity_address = new { line1 = "Neue Straße 2", city = "Potsdam", postal_code = "14467", country = "DE" },
            },
        }, "issued_invoice", "issued_invoice.entity.type", "issued_invoice.entity.name", "issued_invoice.entity_address.line1",
            "issued_invoice.entity_address.city", "issued_invoice.entity_address.postal_code");
    }

    [Fact]
    public async Task bad_issued_invoice_envelopes_in_compliant_mode_are_4xx_and_change_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.InvoiceInAsync("issued");
        await PatchCorpusAsync(world, id, new
        {
            issued_invoice = new
            {
                project_id = Guid.NewGuid(), tag_ids = Array.Empty<Guid>(), memo = "refused in compliant mode",
                payment_terms = new { term_1 = new { discount = 200, number_of_days = 10 }, term_final = new { number_of_days = 30 } },
            },
        }, HttpStatusCode.Conflict, "issued_invoice", "issued_invoice.payment_terms.term_final", "issued_invoice.payment_terms.term_1.discount");
    }

    [Fact]
    public async Task bad_line_item_replacements_are_4xx_and_change_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice());
        var lines = new
        {
            data = new object[]
            {
                new
                {
                    quantity = 2, vat_rate_id = Vat19, discount = new { type = "amount", amount = 100 },
                    product = new
                    {
                        name = "Inline", description = "d", external_reference = "SKU-1", type = "service", smallest_amount = 1,
                        price = new { currency = "EUR", value = 1000 }, measure_unit = new { name = "h", description = "hour" },
                    },
                },
                world.CatalogLine(1),
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", lines)).Status);
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Put, $"/v1/receivables/{id}/line_items", lines, world.Entity, Paths("data", "data.0.quantity", "data.0.product", "data.0.vat_rate_id", "data.0.discount.type", "data.0.discount.amount",
            "data.0.product.name", "data.0.product.price", "data.0.product.price.currency", "data.0.product.price.value", "data.0.product.measure_unit.name"),
            Document(world, id));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_invoice_creates_are_4xx_and_create_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice(world.CatalogLine(2, new { type = "percentage", amount = 1000 }), InlineLine("Inline", 100, 1, Vat7)));
        body["discount"] = new JsonObject { ["type"] = "amount", ["amount"] = 500 };
        body["deductions"] = new JsonArray(new JsonObject { ["amount"] = 10, ["name"] = "Deposit" });
        body["withholding_tax_rate"] = 100;
        body["fulfillment_date"] = "2025-01-31";
        body["purchase_order"] = "PO-1";
        body["entity"] = new JsonObject { ["email"] = "e@issuer.example" };
        body["vat_mode"] = "exclusive";
        Assert.Equal(HttpStatusCode.Created, (await world.SendAsync(HttpMethod.Post, "/v1/receivables", body)).Status);
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, "/v1/receivables", body, world.Entity,
            Paths("type", "currency", "counterpart_id", "counterpart_billing_address_id", "line_items", "line_items.0.quantity", "line_items.0.product_id",
                "line_items.0.vat_rate_id", "line_items.0.discount.type", "line_items.0.discount.amount", "discount.type", "discount.amount",
                "deductions.0.amount", "deductions.0.name"),
            Count(world));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    [Fact]
    public async Task bad_quote_creates_are_4xx_and_create_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Quote(InlineLine("Inline", 100, 3, Vat19)));
        body["signature_required"] = true;
        body["quote_accept_page_url"] = "https://accept.example/q";
        body["memo"] = "Quote memo";
        Assert.Equal(HttpStatusCode.Created, (await world.SendAsync(HttpMethod.Post, "/v1/receivables", body)).Status);
        var refused = await BadInputTests.FeedAsync(api, HttpMethod.Post, "/v1/receivables", body, world.Entity,
            Paths("type", "currency", "counterpart_id", "counterpart_billing_address_id", "line_items", "line_items.0.quantity", "line_items.0.product",
                "line_items.0.product.name", "line_items.0.product.price", "line_items.0.product.price.currency", "line_items.0.product.price.value",
                "line_items.0.product.measure_unit.name", "line_items.0.vat_rate_id"),
            Count(world));
        Assert.True(refused >= 50, $"{refused} refused");
    }

    /// <summary>
    /// The based-on shape has two fields, so the corpus made from it is small: it is completed with every field of
    /// the other shapes added (each an unknown field there). Same assertions as <see cref="BadInputTests.FeedAsync"/>.
    /// </summary>
    [Fact]
    public async Task bad_based_on_creates_are_4xx_and_create_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.InvoiceInAsync("issued");
        var valid = new { type = "credit_note", based_on = invoice, tag_ids = Array.Empty<Guid>() };
        var cases = BadBodies.From(valid, Paths("type", "based_on")).Select(b => (b.Name, b.Body, b.MayBeValid)).ToList();
        var full = Node(world.Invoice());
        full["expiry_date"] = "2099-01-01";
        full["discount"] = new JsonObject { ["type"] = "amount", ["amount"] = 1 };
        foreach (var (field, value) in full)
        {
            if (field is "type") continue;
            var bad = Node(valid);
            bad[field] = value?.DeepClone();
            cases.Add(($"{field} added", bad.ToJsonString(), false));
        }
        Assert.True(cases.Count >= 50, $"{cases.Count} cases");

        var refused = 0;
        foreach (var (name, body, mayBeValid) in cases)
        {
            var before = await Count(world)();
            using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", body, world.Entity);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{name}: {status} {await response.Content.ReadAsStringAsync()}");
            if (status is >= 200 and < 300)
            {
                Assert.True(mayBeValid, $"{name} was accepted");
                continue;
            }
            var error = await Json.ReadAsync(response);
            Assert.True(error.ContainsKey("detail") || error.ContainsKey("error"), $"{name}: no error shape");
            Assert.True(before == await Count(world)(), $"{name} was refused ({status}) but created something");
            refused++;
        }
        Assert.True(refused >= 50, $"{refused} refused");
    }
}
