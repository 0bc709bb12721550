using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Tests.Infrastructure;
using Receivables.VatRates;

namespace Receivables.Tests.Documents;

/// <summary>
/// An entity with everything a receivable references, made through the API: a counterpart (address, second
/// address, VAT id, contact), a measure unit and product, payment terms, a bank account and an entity VAT id.
/// </summary>
public sealed record DocumentWorld(
    ApiHost Api, Guid Entity, Guid Counterpart, Guid BillingAddress, Guid ShippingAddress, Guid CounterpartVatId, Guid Contact,
    Guid MeasureUnit, Guid Product, Guid PaymentTerms, Guid BankAccount, Guid EntityVatId)
{
    public static readonly Guid Vat19 = VatRateTable.IdOf("DE", 1900);
    public static readonly Guid Vat7 = VatRateTable.IdOf("DE", 700);

    public static async Task<DocumentWorld> CreateAsync(ApiHost api, string entityName = "Issuer GmbH")
    {
        var entity = await api.CreateEntityAsync(name: entityName);
        var counterpart = await PostAsync(api, entity, "/v1/counterparts", new
        {
            type = "organization",
            organization = new
            {
                legal_name = "Buyer AG", is_customer = true, is_vendor = false, email = "ap@buyer.example",
                address = new { country = "DE", city = "Hamburg", postal_code = "20095", line1 = "Mönckebergstraße 7" },
            },
            language = "de",
            tax_id = "DE811907980",
        });
        var counterpartId = Guid.Parse(counterpart["id"]!.GetValue<string>());
        var billing = Guid.Parse(counterpart["default_billing_address_id"]!.GetValue<string>());
        var shipping = Guid.Parse((await PostAsync(api, entity, $"/v1/counterparts/{counterpartId}/addresses",
            new { country = "DE", city = "Bremen", postal_code = "28195", line1 = "Am Markt 1" }))["id"]!.GetValue<string>());
        var vatId = Guid.Parse((await PostAsync(api, entity, $"/v1/counterparts/{counterpartId}/vat_ids",
            new { country = "DE", type = "eu_vat", value = "DE811907980" }))["id"]!.GetValue<string>());
        var contact = Guid.Parse((await PostAsync(api, entity, $"/v1/counterparts/{counterpartId}/contacts",
            new { first_name = "Mary", last_name = "Major", email = "mary@buyer.example", address = new { country = "DE", city = "Hamburg", postal_code = "20095", line1 = "Mönckebergstraße 7" } }))["id"]!.GetValue<string>());
        var unit = Guid.Parse((await PostAsync(api, entity, "/v1/measure_units", new { name = "h", description = "hour" }))["id"]!.GetValue<string>());
        var product = Guid.Parse((await PostAsync(api, entity, "/v1/products",
            new { name = "Consulting", type = "service", price = new { currency = "EUR", value = 12000 }, measure_unit_id = unit }))["id"]!.GetValue<string>());
        var terms = Guid.Parse((await PostAsync(api, entity, "/v1/payment_terms",
            new { name = "2/10 net 30", term_1 = new { discount = 200, number_of_days = 10 }, term_final = new { number_of_days = 30 } }))["id"]!.GetValue<string>());
        var bank = Guid.Parse((await PostAsync(api, entity, "/v1/bank_accounts",
            new { account_holder_name = entityName, bank_name = "Commerzbank", bic = "COBADEFFXXX", country = "DE", currency = "EUR", iban = "DE89370400440532013000" }))["id"]!.GetValue<string>());
        var entityVat = Guid.Parse((await PostAsync(api, null, $"/v1/entities/{entity}/vat_ids", new { country = "DE", value = "DE123456789", type = "eu_vat" }))["id"]!.GetValue<string>());
        return new DocumentWorld(api, entity, counterpartId, billing, shipping, vatId, contact, unit, product, terms, bank, entityVat);
    }

    public static async Task<JsonObject> PostAsync(ApiHost api, Guid? entity, string path, object body)
    {
        using var response = await api.SendAsync(HttpMethod.Post, path, body, entity);
        var text = await response.Content.ReadAsStringAsync();
        // POST .../contacts answers 200 in the OpenAPI document; every other create 201.
        Assert.True(response.StatusCode == (path.EndsWith("/contacts", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Created), $"{path}: {response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A complete draft invoice body: catalog product, VAT table rate, terms, bank account, VAT ids.</summary>
    public object Invoice(params object[] lines) => new
    {
        type = "invoice",
        currency = "EUR",
        counterpart_id = Counterpart,
        counterpart_billing_address_id = BillingAddress,
        counterpart_shipping_address_id = ShippingAddress,
        counterpart_vat_id_id = CounterpartVatId,
        entity_bank_account_id = BankAccount,
        entity_vat_id_id = EntityVatId,
        payment_terms_id = PaymentTerms,
        line_items = lines.Length > 0 ? lines : [CatalogLine(2)],
        memo = "Thank you",
    };

    public object Quote(params object[] lines) => new
    {
        type = "quote",
        currency = "EUR",
        counterpart_id = Counterpart,
        counterpart_billing_address_id = BillingAddress,
        entity_vat_id_id = EntityVatId,
        expiry_date = "2099-12-31",
        line_items = lines.Length > 0 ? lines : [CatalogLine(1)],
    };

    public object CatalogLine(decimal quantity, object? discount = null) => new { product_id = Product, quantity, vat_rate_id = Vat19, discount };

    public static object InlineLine(string name, long price, decimal quantity, Guid vatRate, object? discount = null, string currency = "EUR") => new
    {
        quantity,
        product = new { name, price = new { currency, value = price }, measure_unit = new { name = "pcs" } },
        vat_rate_id = vatRate,
        discount,
    };

    public async Task<(JsonObject Body, string ETag)> CreateAsync(object body)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/v1/receivables", body, Entity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create: {response.StatusCode} {text}");
        return (JsonNode.Parse(text)!.AsObject(), response.Headers.ETag!.Tag);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var response = await Api.SendAsync(method, path, body, Entity, configure: ifMatch is null ? null : r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject(), response.Headers.ETag?.Tag);
    }

    /// <summary>
    /// Test arrangement only: moves a stored document to a status no route of this version produces yet
    /// (issuing, accepting), by patching it in Cosmos DB directly.
    /// </summary>
    public async Task SetStatusAsync(string id, string status, string? documentId = null)
    {
        var container = await Api.StoreContainerAsync();
        var operations = new List<PatchOperation> { PatchOperation.Set("/status", status) };
        if (documentId is not null) operations.Add(PatchOperation.Set("/document_id", documentId));
        await container.PatchItemAsync<JsonObject>(id, new PartitionKey(Entity.ToString()), operations);
    }

    public async Task SetEditFlowAsync(string flow)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/v1/entities/{Entity}/settings", new { receivable_edit_flow = flow });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    /// <summary>POST to an entity-scoped route of this world's entity; 201 expected.</summary>
    public Task<JsonObject> PostAsync(string path, object body) => PostAsync(Api, Entity, path, body);

    public Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> GetAsync(string id) => SendAsync(HttpMethod.Get, $"/v1/receivables/{id}");

    public Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> PatchAsync(string id, object body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Patch, $"/v1/receivables/{id}", body, ifMatch);

    public async Task<string> CreateIdAsync(object body) => (await CreateAsync(body)).Body["id"]!.GetValue<string>();

    /// <summary>A complete invoice moved to <paramref name="status"/> (test arrangement, see <see cref="SetStatusAsync"/>).</summary>
    public async Task<string> InvoiceInAsync(string status, string documentId = "INV-00001", params object[] lines)
    {
        var id = await CreateIdAsync(Invoice(lines));
        await SetStatusAsync(id, status, documentId);
        return id;
    }

    /// <summary>A draft credit note of a new issued invoice (3 × the catalog product): (credit note id, invoice id).</summary>
    public async Task<(string CreditNote, string Invoice)> CreditNoteAsync()
    {
        var invoice = await InvoiceInAsync("issued", "INV-00001", CatalogLine(3));
        var note = await CreateIdAsync(new { type = "credit_note", based_on = invoice });
        return (note, invoice);
    }

    /// <summary>Another organization customer of this entity, with its default billing address: (counterpart, address).</summary>
    public async Task<(Guid Counterpart, Guid Address)> AddCounterpartAsync(string name, string country = "DE", string? taxId = null)
    {
        var body = await PostAsync("/v1/counterparts", new
        {
            type = "organization",
            organization = new
            {
                legal_name = name, is_customer = true, is_vendor = false,
                address = new { country, city = "Town", postal_code = "12345", line1 = "Street 2" },
            },
            tax_id = taxId,
        });
        return (Guid.Parse(body["id"]!.GetValue<string>()), Guid.Parse(body["default_billing_address_id"]!.GetValue<string>()));
    }

    /// <summary>An organization entity with its address in <paramref name="country"/>.</summary>
    public static async Task<Guid> CreateEntityInAsync(ApiHost api, string country, string name, string city, string postalCode)
    {
        var body = await PostAsync(api, null, "/v1/entities", new
        {
            type = "organization",
            email = "billing@issuer.example",
            tax_id = "TAX-1",
            address = new { country, city, postal_code = postalCode, line1 = "Main Street 1" },
            organization = new { legal_name = name },
        });
        return Guid.Parse(body["id"]!.GetValue<string>());
    }

    /// <summary>A body as a mutable JSON object (to add or change a field).</summary>
    public static JsonObject Node(object body) => JsonNode.Parse(Bodies.Serialize(body))!.AsObject();

    public static string Text(JsonNode? node) => node!.GetValue<string>();

    public static long Amount(JsonNode? node) => node!.GetValue<long>();
}
