using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;
using Receivables.VatRates;
using static Receivables.Tests.Documents.DocumentWorld;

namespace Receivables.Tests.Documents;

/// <summary><c>POST /receivables/{id}/verify</c> and <c>GET /receivables/required_fields</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableChecksTests(ApiHost api)
{
    private static void Is(HttpStatusCode expected, (HttpStatusCode Status, JsonObject Body, string? ETag) response) =>
        Assert.True(response.Status == expected, $"{response.Status} {response.Body.ToJsonString()}");

    private static async Task<JsonObject> VerifyAsync(DocumentWorld world, string id)
    {
        var (_, _, before) = await world.GetAsync(id);
        var response = await world.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/verify");
        Is(HttpStatusCode.OK, response);
        Assert.Equal(["errors", "warnings"], response.Body.Select(p => p.Key));
        var (_, _, after) = await world.GetAsync(id);
        Assert.Equal(before, after);
        return response.Body;
    }

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Fact]
    public async Task an_incomplete_draft_names_what_is_missing_under_each_key()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (counterpart, address) = await world.AddCounterpartAsync("No Ids AG");
        // Without any bank account: an invoice that names none would otherwise get the entity's default for EUR.
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await world.SendAsync(HttpMethod.Delete, $"/v1/bank_accounts/{world.BankAccount}")).Status);
        var id = await world.CreateIdAsync(new
        {
            type = "invoice", currency = "EUR", counterpart_id = counterpart, counterpart_billing_address_id = address,
            line_items = new object[]
            {
                world.CatalogLine(1),
                new { quantity = 1, tax_rate_value = 1900, product = new { name = "Bare rate", price = new { currency = "EUR", value = 100 } } },
            },
        });

        var body = await VerifyAsync(world, id);
        var errors = body["errors"]!.AsObject();
        Assert.Equal(["counterpart", "entity", "products", "receivable", "vat_rates"], errors.Select(p => p.Key));
        Assert.Equal(["vat_id"], Strings(errors["counterpart"]));
        Assert.Equal(["vat_id", "bank_account"], Strings(errors["entity"]));
        Assert.Equal(["payment_terms"], Strings(errors["receivable"]));
        Assert.Null(errors["products"]);
        var vatRates = Strings(errors["vat_rates"]);
        Assert.Single(vatRates);
        Assert.Contains("line 2", vatRates[0], StringComparison.Ordinal);
        Assert.True(body.ContainsKey("warnings"));

        // Completing the draft clears the errors one by one.
        var account = (await world.PostAsync("/v1/bank_accounts", new { account_holder_name = "Issuer GmbH", bic = "COBADEFFXXX", country = "DE", currency = "EUR", iban = "DE89370400440532013000" }))["id"]!.GetValue<string>();
        Is(HttpStatusCode.OK, await world.PatchAsync(id, new { invoice = new { payment_terms_id = world.PaymentTerms, entity_bank_account_id = account, entity_vat_id_id = world.EntityVatId } }));
        errors = (await VerifyAsync(world, id))["errors"]!.AsObject();
        Assert.Null(errors["entity"]);
        Assert.Null(errors["receivable"]);
        Assert.NotNull(errors["counterpart"]);
        Is(HttpStatusCode.OK, await world.PatchAsync(id, new { invoice = new { counterpart_id = world.Counterpart, counterpart_billing_address_id = world.BillingAddress, line_items = new object[] { new { }, new { vat_rate_id = Vat19 } } } }));
        Assert.Null((await VerifyAsync(world, id))["errors"]);
    }

    [Fact]
    public async Task a_complete_draft_has_no_errors()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.CreateIdAsync(world.Invoice());
        var body = await VerifyAsync(world, invoice);
        Assert.Null(body["errors"]);

        var quote = await world.CreateIdAsync(world.Quote());
        Assert.Null((await VerifyAsync(world, quote))["errors"]);
        var (note, _) = await world.CreditNoteAsync();
        Assert.Null((await VerifyAsync(world, note))["errors"]);
    }

    [Fact]
    public async Task an_expired_quote_and_an_empty_document_are_receivable_errors()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Quote());
        body["expiry_date"] = "2001-01-01";
        var quote = Text((await world.CreateAsync(body)).Body["id"]);
        Assert.Equal(["expiry_date"], Strings((await VerifyAsync(world, quote))["errors"]!["receivable"]));

        var empty = Node(world.Invoice());
        empty["line_items"] = new JsonArray();
        var invoice = Text((await world.CreateAsync(empty)).Body["id"]);
        Assert.Contains("line_items", Strings((await VerifyAsync(world, invoice))["errors"]!["receivable"]));
    }

    [Fact]
    public async Task a_rate_of_another_country_is_a_vat_rate_error()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice(new { product_id = world.Product, quantity = 1, vat_rate_id = VatRateTable.IdOf("FR", 2000) }));
        var vatRates = Strings((await VerifyAsync(world, id))["errors"]!["vat_rates"]);
        Assert.Contains("FR", vatRates.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task in_a_measure_unit_country_a_line_without_unit_is_a_product_error()
    {
        var entity = await CreateEntityInAsync(api, "IT", "Emittente S.r.l.", "Roma", "00184");
        var vat = VatRateTable.IdOf("IT", 2200);
        var entityVat = Text((await PostAsync(api, null, $"/v1/entities/{entity}/vat_ids", new { country = "IT", value = "IT12345678901", type = "eu_vat" }))["id"]);
        var bank = Text((await PostAsync(api, entity, "/v1/bank_accounts", new { account_holder_name = "Emittente", country = "IT", currency = "EUR", iban = "IT60X0542811101000000123456", bic = "BPMOIT22XXX" }))["id"]);
        var terms = Text((await PostAsync(api, entity, "/v1/payment_terms", new { name = "30 giorni", term_final = new { number_of_days = 30 } }))["id"]);
        var counterpart = await PostAsync(api, entity, "/v1/counterparts", new
        {
            type = "organization",
            organization = new { legal_name = "Cliente S.p.A.", is_customer = true, is_vendor = false, address = new { country = "IT", city = "Milano", postal_code = "20121", line1 = "Via Roma 1" } },
            tax_id = "IT09876543210",
        });
        var world = new DocumentWorld(api, entity, Guid.Parse(Text(counterpart["id"])), Guid.Parse(Text(counterpart["default_billing_address_id"])),
            Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Parse(terms), Guid.Parse(bank), Guid.Parse(entityVat));

        var id = await world.CreateIdAsync(new
        {
            type = "invoice", currency = "EUR", counterpart_id = world.Counterpart, counterpart_billing_address_id = world.BillingAddress,
            entity_vat_id_id = entityVat, entity_bank_account_id = bank, payment_terms_id = terms,
            line_items = new object[]
            {
                InlineLine("With unit", 1000, 1, vat),
                new { quantity = 2, vat_rate_id = vat, product = new { name = "Without unit", price = new { currency = "EUR", value = 500 } } },
            },
        });
        var errors = (await VerifyAsync(world, id))["errors"]!.AsObject();
        var products = errors["products"]!.AsArray();
        var product = products.Single()!.AsObject();
        Assert.Equal(["line_item_number", "missing_fields"], product.Select(p => p.Key));
        Assert.Equal(2, Amount(product["line_item_number"]));
        Assert.Equal(["measure_unit"], Strings(product["missing_fields"]));
        Assert.Null(errors["entity"]);
        Assert.Null(errors["vat_rates"]);
        Assert.Null(errors["receivable"]);
    }

    [Fact]
    public async Task verify_of_an_unknown_or_foreign_document_is_404()
    {
        var world = await DocumentWorld.CreateAsync(api);
        Is(HttpStatusCode.NotFound, await world.SendAsync(HttpMethod.Post, $"/v1/receivables/{Guid.NewGuid()}/verify"));
        var id = await world.CreateIdAsync(world.Invoice());
        var stranger = await api.CreateEntityAsync(name: "Stranger GmbH");
        using var foreign = await api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/verify", entityId: stranger);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private static async Task<JsonObject> RequiredAsync(ApiHost api, Guid entity, string query = "")
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/required_fields{query}", entityId: entity);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static bool Required(JsonObject body, string group, string field) => body[group]![field]!["required"]!.GetValue<bool>();

    [Fact]
    public async Task required_fields_follow_the_entity_country()
    {
        var de = await api.CreateEntityAsync(name: "Rules GmbH");
        var body = await RequiredAsync(api, de);
        Assert.Equal(["counterpart", "entity", "line_item"], body.Select(p => p.Key));
        Assert.Equal(["measure_unit", "tax_rate_value", "vat_rate_id"], body["line_item"]!.AsObject().Select(p => p.Key));
        Assert.All(new[] { ("counterpart", "tax_id"), ("counterpart", "vat_id"), ("entity", "tax_id"), ("entity", "vat_id"), ("line_item", "measure_unit") },
            f => Assert.IsType<string>(body[f.Item1]![f.Item2]!["description"]!.GetValue<string>()));
        Assert.True(Required(body, "line_item", "vat_rate_id"));
        Assert.False(Required(body, "line_item", "tax_rate_value"));
        Assert.False(Required(body, "line_item", "measure_unit"));
        Assert.True(Required(body, "entity", "vat_id"));

        var us = await CreateEntityInAsync(api, "US", "Acme Inc", "New York", "10001");
        body = await RequiredAsync(api, us);
        Assert.True(Required(body, "line_item", "tax_rate_value"));
        Assert.False(Required(body, "line_item", "vat_rate_id"));
        Assert.False(Required(body, "entity", "vat_id"));
        Assert.True(Required(body, "entity", "tax_id"));
        Assert.False(Required(body, "counterpart", "vat_id"));

        var it = await CreateEntityInAsync(api, "IT", "Regole S.r.l.", "Roma", "00184");
        Assert.True(Required(await RequiredAsync(api, it), "line_item", "measure_unit"));
    }

    [Fact]
    public async Task required_fields_follow_the_counterpart()
    {
        var world = await DocumentWorld.CreateAsync(api);
        Assert.True(Required(await RequiredAsync(api, world.Entity, "?counterpart_type=organization&counterpart_country=FR"), "counterpart", "vat_id"));
        Assert.False(Required(await RequiredAsync(api, world.Entity, "?counterpart_type=individual&counterpart_country=FR"), "counterpart", "vat_id"));
        Assert.False(Required(await RequiredAsync(api, world.Entity, "?counterpart_type=organization&counterpart_country=US"), "counterpart", "vat_id"));
        Assert.True(Required(await RequiredAsync(api, world.Entity, $"?counterpart_id={world.Counterpart}"), "counterpart", "vat_id"));
        Assert.True(Required(await RequiredAsync(api, world.Entity, $"?counterpart_id={world.Counterpart}&counterpart_billing_address_id={world.ShippingAddress}"), "counterpart", "vat_id"));
        var (us, usAddress) = await world.AddCounterpartAsync("Overseas Inc", "US");
        Assert.False(Required(await RequiredAsync(api, world.Entity, $"?counterpart_id={us}"), "counterpart", "vat_id"));
        Assert.False(Required(await RequiredAsync(api, world.Entity, $"?counterpart_id={us}&counterpart_billing_address_id={usAddress}"), "counterpart", "vat_id"));
        // The query's country wins over the counterpart's address.
        Assert.True(Required(await RequiredAsync(api, world.Entity, $"?counterpart_id={us}&counterpart_country=AT"), "counterpart", "vat_id"));
    }

    [Theory]
    [InlineData("?counterpart_type=robot", "query.counterpart_type", 422)]
    [InlineData("?counterpart_country=XX", "query.counterpart_country", 422)]
    [InlineData("?counterpart_country=de", "query.counterpart_country", 422)]
    [InlineData("?counterpart_id=abc", "query.counterpart_id", 422)]
    [InlineData("?entity_vat_id_id=abc", "query.entity_vat_id_id", 422)]
    [InlineData("?counterpart_vat_id_id=abc", "query.counterpart_vat_id_id", 422)]
    [InlineData("?counterpart_billing_address_id=6f1a1c4e-2b7d-4a0e-9a53-0f3c1d2e4b5a", "query.counterpart_billing_address_id", 422)]
    [InlineData("?counterpart_id=6f1a1c4e-2b7d-4a0e-9a53-0f3c1d2e4b5a", null, 404)]
    public async Task bad_required_fields_queries_are_refused(string query, string? loc, int status)
    {
        var entity = await api.CreateEntityAsync(name: "Query GmbH");
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/required_fields{query}", entityId: entity);
        var body = await Json.ReadAsync(response);
        Assert.True((int)response.StatusCode == status, $"{response.StatusCode} {body.ToJsonString()}");
        if (loc is not null) Assert.Equal(loc, Json.Loc(Json.Detail(body).Single()!));
    }

    [Fact]
    public async Task an_address_of_another_counterpart_in_required_fields_is_404()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (_, otherAddress) = await world.AddCounterpartAsync("Other AG");
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/required_fields?counterpart_id={world.Counterpart}&counterpart_billing_address_id={otherAddress}", entityId: world.Entity);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
