using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Documents;

/// <summary>The vertical slice: a draft invoice created and read back over HTTP, stored in Cosmos DB.</summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableSliceTests(ApiHost api)
{
    [Fact]
    public async Task a_draft_invoice_is_created_and_read_back_with_its_etag()
    {
        var entity = await api.CreateEntityAsync(name: "Slice GmbH");
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(), entity);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var invoice = await Json.ReadAsync(created);
        Assert.Equal("invoice", invoice["type"]!.GetValue<string>());
        Assert.Equal("draft", invoice["status"]!.GetValue<string>());
        Assert.Null(invoice["document_id"]);
        Assert.Equal("Slice GmbH", invoice["entity"]!["name"]!.GetValue<string>());
        Assert.Equal("Berlin", invoice["entity_address"]!["city"]!.GetValue<string>());
        Assert.False(invoice.ContainsKey("entity_id"));

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{invoice["id"]}", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        Assert.Equal(invoice.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());
    }

    [Fact]
    public async Task every_response_field_of_an_invoice_is_present()
    {
        var entity = await api.CreateEntityAsync();
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(), entity);
        var invoice = await Json.ReadAsync(created);
        string[] fields =
        [
            "id", "type", "created_at", "updated_at", "status", "document_id", "currency", "issue_date", "counterpart_id",
            "counterpart_type", "counterpart_name", "counterpart_billing_address", "counterpart_shipping_address", "counterpart_contact",
            "counterpart_vat_id", "counterpart_tax_id", "entity", "entity_address", "entity_bank_account", "entity_vat_id", "entity_user_id",
            "line_items", "subtotal", "subtotal_after_vat", "discount", "discounted_subtotal", "total_vat_amount", "total_vat_amounts",
            "total_amount", "total_withholding_tax", "withholding_tax_rate", "vat_mode", "vat_inclusive_discount_mode", "memo", "footer",
            "based_on", "based_on_document_id", "file_url", "file_language", "original_file_url", "original_file_language", "attachments",
            "tags", "partner_metadata", "amount_due", "amount_paid", "amount_to_pay", "total_amount_with_credit_notes", "due_date",
            "payment_terms", "fulfillment_date", "purchase_order", "paid_at", "related_documents", "is_einvoice",
        ];
        Assert.All(fields, f => Assert.True(invoice.ContainsKey(f), $"missing {f}"));
        Assert.Null(invoice["entity_user_id"]);
        Assert.Empty(invoice["related_documents"]!["credit_note_ids"]!.AsArray());
    }

    [Fact]
    public async Task totals_follow_the_lines_in_exclusive_vat()
    {
        var entity = await api.CreateEntityAsync();
        var body = Bodies.Invoice(
            Bodies.Line("Widget", 5000, 2, 1900, new { type = "percentage", amount = 1000 }),
            Bodies.Line("Consulting hour", 12000, 1.5m, 1900),
            Bodies.Line("Book", 1999, 3, 700));
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", body, entity);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invoice = await Json.ReadAsync(created);

        // 5000 x 2 = 10000 - 10 % = 9000; 12000 x 1.5 = 18000; 1999 x 3 = 5997.
        var lines = invoice["line_items"]!.AsArray();
        Assert.Equal(9000, lines[0]!["total_before_vat"]!.GetValue<long>());
        Assert.Equal(10710, lines[0]!["total_after_vat"]!.GetValue<long>());
        Assert.Equal(5950, lines[0]!["product"]!["price_after_vat"]!["value"]!.GetValue<long>());
        Assert.Equal(18000, lines[1]!["total_before_vat"]!.GetValue<long>());
        Assert.Equal(5997, lines[2]!["total_before_vat"]!.GetValue<long>());
        // 19 %: 27000 -> 5130; 7 %: 5997 -> 419.79 -> 420.
        Assert.Equal(32997, invoice["subtotal"]!.GetValue<long>());
        Assert.Equal(5550, invoice["total_vat_amount"]!.GetValue<long>());
        Assert.Equal(38547, invoice["total_amount"]!.GetValue<long>());
        Assert.Equal(38547, invoice["amount_due"]!.GetValue<long>());
        var groups = invoice["total_vat_amounts"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.Equal(700, groups[0]!["value"]!.GetValue<long>());
        Assert.Equal(420, groups[0]!["amount"]!.GetValue<long>());
        Assert.Equal(27000, groups[1]!["taxable_amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task totals_in_inclusive_vat_take_the_vat_out_of_the_gross()
    {
        var entity = await api.CreateEntityAsync();
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", new
        {
            type = "invoice", currency = "EUR", counterpart_id = Guid.NewGuid(), counterpart_billing_address_id = Guid.NewGuid(),
            vat_mode = "inclusive", line_items = new[] { Bodies.Line("Gross item", 11900, 1, 1900) },
        }, entity);
        var invoice = await Json.ReadAsync(created);
        Assert.Equal(11900, invoice["total_amount"]!.GetValue<long>());
        Assert.Equal(1900, invoice["total_vat_amount"]!.GetValue<long>());
        Assert.Equal(10000, invoice["subtotal"]!.GetValue<long>());
        Assert.Equal("inclusive", invoice["vat_mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_unknown_receivable_is_404()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}", entityId: entity);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task another_entitys_receivable_is_404_like_an_unknown_id()
    {
        var owner = await api.CreateEntityAsync();
        var other = await api.CreateEntityAsync();
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(), owner);
        var id = (await Json.ReadAsync(created))["id"]!.GetValue<string>();

        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: other);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var unknown = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}", entityId: other);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task an_entity_id_used_as_a_receivable_id_is_404_not_a_crash()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{entity}", entityId: entity);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"quantity":1,"tax_rate_value":1900,"product":{"name":"x","price":{"currency":"USD","value":100}}}""", "body.line_items.0.product.price.currency")]
    [InlineData("""{"quantity":-1,"tax_rate_value":1900,"product":{"name":"x","price":{"currency":"EUR","value":100}}}""", "body.line_items.0.quantity")]
    [InlineData("""{"quantity":1,"tax_rate_value":10001,"product":{"name":"x","price":{"currency":"EUR","value":100}}}""", "body.line_items.0.tax_rate_value")]
    [InlineData("""{"quantity":1,"product":{"name":"x","price":{"currency":"EUR","value":100}}}""", "body.line_items.0.tax_rate_value")]
    [InlineData("""{"quantity":1,"tax_rate_value":0}""", "body.line_items.0.product")]
    [InlineData("""{"quantity":1,"tax_rate_value":0,"product":{"name":"x","price":{"currency":"EUR","value":-5}}}""", "body.line_items.0.product.price.value")]
    [InlineData("""{"quantity":1,"tax_rate_value":0,"product":{"name":"","price":{"currency":"EUR","value":5}}}""", "body.line_items.0.product.name")]
    [InlineData("""{"quantity":1,"tax_rate_value":0,"discount":{"type":"percentage","amount":10001},"product":{"name":"x","price":{"currency":"EUR","value":5}}}""", "body.line_items.0.discount.amount")]
    [InlineData("""{"quantity":2147483647,"tax_rate_value":0,"product":{"name":"x","price":{"currency":"EUR","value":9007199254740991}}}""", "body.line_items")]
    [InlineData("""{"quantity":"one","tax_rate_value":0,"product":{"name":"x","price":{"currency":"EUR","value":5}}}""", "body.line_items.0.quantity")]
    public async Task an_invalid_line_is_422_with_its_location(string line, string loc)
    {
        var entity = await api.CreateEntityAsync();
        var json = $$"""{"type":"invoice","currency":"EUR","counterpart_id":"{{Guid.NewGuid()}}","counterpart_billing_address_id":"{{Guid.NewGuid()}}","line_items":[{{line}}]}""";
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
    }
}
