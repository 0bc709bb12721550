using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;
using Receivables.VatRates;
using static Receivables.Tests.Documents.DocumentWorld;

namespace Receivables.Tests.Documents;

/// <summary><c>POST /receivables</c> and <c>GET /receivables/{id}</c> over HTTP: snapshots, totals, references.</summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableCreateTests(ApiHost api)
{
    /// <summary>Spec 4.1: on every type.</summary>
    public static readonly string[] CommonFields =
    [
        "id", "type", "created_at", "updated_at", "status", "document_id", "currency", "issue_date", "counterpart_id", "counterpart_type",
        "counterpart_name", "counterpart_business_type", "counterpart_tax_id", "counterpart_external_reference", "counterpart_billing_address",
        "counterpart_shipping_address", "counterpart_contact", "counterpart_vat_id", "entity", "entity_address", "entity_bank_account",
        "entity_vat_id", "entity_user_id", "trade_name", "line_items", "subtotal", "subtotal_after_vat", "discount", "discounted_subtotal",
        "total_vat_amount", "total_vat_amounts", "total_amount", "total_withholding_tax", "withholding_tax_rate", "deduction_amount",
        "deduction_memo", "deductions", "vat_mode", "vat_inclusive_discount_mode", "vat_exempt", "vat_exemption_rationale", "memo", "footer",
        "commercial_condition_description", "based_on", "based_on_document_id", "file_url", "file_language", "original_file_url",
        "original_file_language", "attachments", "document_rendering", "tags", "project_id", "partner_metadata", "einvoice_file_url",
    ];

    /// <summary>Spec 4.2: invoices only (4.3 lists them as absent on quotes).</summary>
    public static readonly string[] InvoiceOnlyFields =
    [
        "amount_due", "amount_paid", "amount_to_pay", "due_date", "payment_terms", "fulfillment_date", "purchase_order", "paid_at",
        "payment_page_url", "payment_reminder_id", "overdue_reminder_id", "recurrence_id", "related_documents",
        "total_amount_with_credit_notes", "is_einvoice", "counterpart_einvoicing_credentials", "network_credentials", "einvoice_error_comment",
    ];

    public static readonly string[] QuoteOnlyFields = ["expiry_date", "signature_required", "quote_accept_page_url", "comment"];

    [Fact]
    public async Task an_invoice_copies_every_referenced_resource_into_its_snapshots()
    {
        var world = await DocumentWorld.CreateAsync(api, "Snapshot GmbH");
        var (body, etag) = await world.CreateAsync(world.Invoice());

        Assert.Equal("invoice", Text(body["type"]));
        Assert.Equal("draft", Text(body["status"]));
        Assert.Equal("EUR", Text(body["currency"]));
        Assert.Null(body["document_id"]);
        Assert.Null(body["issue_date"]);

        Assert.Equal(world.Counterpart.ToString(), Text(body["counterpart_id"]));
        Assert.Equal("organization", Text(body["counterpart_type"]));
        Assert.Equal("Buyer AG", Text(body["counterpart_name"]));
        Assert.Equal("DE811907980", Text(body["counterpart_tax_id"]));
        var billing = body["counterpart_billing_address"]!;
        Assert.Equal(world.BillingAddress.ToString(), Text(billing["id"]));
        Assert.Equal("Hamburg", Text(billing["city"]));
        Assert.Equal("20095", Text(billing["postal_code"]));
        Assert.Equal("Mönckebergstraße 7", Text(billing["line1"]));
        Assert.Equal("DE", Text(billing["country"]));
        var shipping = body["counterpart_shipping_address"]!;
        Assert.Equal(world.ShippingAddress.ToString(), Text(shipping["id"]));
        Assert.Equal("Bremen", Text(shipping["city"]));
        var vatId = body["counterpart_vat_id"]!;
        Assert.Equal(world.CounterpartVatId.ToString(), Text(vatId["id"]));
        Assert.Equal(world.Counterpart.ToString(), Text(vatId["counterpart_id"]));
        Assert.Equal("DE811907980", Text(vatId["value"]));
        Assert.Equal("DE", Text(vatId["country"]));
        Assert.Equal("eu_vat", Text(vatId["type"]));
        var contact = body["counterpart_contact"]!;
        Assert.Equal("Mary", Text(contact["first_name"]));
        Assert.Equal("Major", Text(contact["last_name"]));
        Assert.Equal("mary@buyer.example", Text(contact["email"]));
        Assert.Equal("Hamburg", Text(contact["address"]!["city"]));
        Assert.Equal("de", Text(body["file_language"]));

        var entity = body["entity"]!;
        Assert.Equal("organization", Text(entity["type"]));
        Assert.Equal("Snapshot GmbH", Text(entity["name"]));
        Assert.Equal("billing@acme.example", Text(entity["email"]));
        Assert.Equal("DE123456789", Text(entity["vat_id"]));
        Assert.Equal("DE123456789", Text(entity["tax_id"]));
        Assert.Equal("Berlin", Text(body["entity_address"]!["city"]));
        Assert.Equal("10115", Text(body["entity_address"]!["postal_code"]));
        Assert.Equal("DE", Text(body["entity_address"]!["country"]));
        var entityVat = body["entity_vat_id"]!;
        Assert.Equal(world.EntityVatId.ToString(), Text(entityVat["id"]));
        Assert.Equal(world.Entity.ToString(), Text(entityVat["entity_id"]));
        Assert.Equal("DE123456789", Text(entityVat["value"]));
        Assert.Equal("DE", Text(entityVat["country"]));
        var bank = body["entity_bank_account"]!;
        Assert.Equal(world.BankAccount.ToString(), Text(bank["id"]));
        Assert.Equal("DE89370400440532013000", Text(bank["iban"]));
        Assert.Equal("COBADEFFXXX", Text(bank["bic"]));
        Assert.Equal("Commerzbank", Text(bank["bank_name"]));
        Assert.Equal("Snapshot GmbH", Text(bank["account_holder_name"]));

        var terms = body["payment_terms"]!;
        Assert.Equal(world.PaymentTerms.ToString(), Text(terms["id"]));
        Assert.Equal("2/10 net 30", Text(terms["name"]));
        Assert.Equal(200, Amount(terms["term_1"]!["discount"]));
        Assert.Equal(10, Amount(terms["term_1"]!["number_of_days"]));
        Assert.Null(terms["term_2"]);
        Assert.Equal(30, Amount(terms["term_final"]!["number_of_days"]));

        var line = body["line_items"]!.AsArray().Single()!;
        Assert.Equal(2m, line["quantity"]!.GetValue<decimal>());
        var product = line["product"]!;
        Assert.Equal(world.Product.ToString(), Text(product["id"]));
        Assert.Equal("Consulting", Text(product["name"]));
        Assert.Equal("service", Text(product["type"]));
        Assert.False(product["is_inline"]!.GetValue<bool>());
        Assert.Equal(12000, Amount(product["price"]!["value"]));
        Assert.Equal("EUR", Text(product["price"]!["currency"]));
        Assert.Equal(14280, Amount(product["price_after_vat"]!["value"]));
        Assert.Equal(world.MeasureUnit.ToString(), Text(product["measure_unit"]!["id"]));
        Assert.Equal("h", Text(product["measure_unit"]!["name"]));
        Assert.Equal("hour", Text(product["measure_unit"]!["description"]));
        Assert.Equal(Vat19.ToString(), Text(product["vat_rate"]!["id"]));
        Assert.Equal("DE", Text(product["vat_rate"]!["country"]));
        Assert.Equal(1900, Amount(product["vat_rate"]!["value"]));
        Assert.False(product["vat_rate"]!["is_custom"]!.GetValue<bool>());
        Assert.Equal(24000, Amount(line["total_before_vat"]));
        Assert.Equal(28560, Amount(line["total_after_vat"]));

        Assert.Equal(24000, Amount(body["subtotal"]));
        Assert.Equal(24000, Amount(body["discounted_subtotal"]));
        Assert.Equal(4560, Amount(body["total_vat_amount"]));
        Assert.Equal(28560, Amount(body["total_amount"]));
        Assert.Equal(28560, Amount(body["amount_due"]));
        Assert.Equal(0, Amount(body["amount_paid"]));
        Assert.Equal(28560, Amount(body["total_amount_with_credit_notes"]));
        Assert.Empty(body["related_documents"]!["credit_note_ids"]!.AsArray());
        Assert.Equal("Thank you", Text(body["memo"]));
        Assert.Equal("exclusive", Text(body["vat_mode"]));

        foreach (var field in CommonFields.Concat(InvoiceOnlyFields)) Assert.True(body.ContainsKey(field), $"missing {field}");
        foreach (var field in new[] { "discount", "based_on", "trade_name", "footer", "project_id", "partner_metadata", "due_date", "fulfillment_date", "file_url" })
            Assert.Null(body[field]);
        Assert.False(body.ContainsKey("refs"));
        Assert.False(body.ContainsKey("resource"));
        Assert.False(body.ContainsKey("entity_id"));

        var (status, read, readTag) = await world.GetAsync(Text(body["id"]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(body.ToJsonString(), read.ToJsonString());
        Assert.Equal(etag, readTag);
    }

    [Fact]
    public async Task a_quote_has_the_quote_fields_and_none_of_the_invoice_ones()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Quote());
        body["signature_required"] = true;
        var (quote, _) = await world.CreateAsync(body);

        Assert.Equal("quote", Text(quote["type"]));
        Assert.Equal("draft", Text(quote["status"]));
        Assert.Equal("2099-12-31", Text(quote["expiry_date"]));
        Assert.True(quote["signature_required"]!.GetValue<bool>());
        foreach (var field in CommonFields.Concat(QuoteOnlyFields)) Assert.True(quote.ContainsKey(field), $"missing {field}");
        foreach (var field in InvoiceOnlyFields) Assert.False(quote.ContainsKey(field), $"quote has {field}");
        Assert.Null(quote["quote_accept_page_url"]);
        Assert.Equal(12000, Amount(quote["subtotal"]));
        Assert.Equal(14280, Amount(quote["total_amount"]));
    }

    [Fact]
    public async Task inline_products_get_an_id_and_keep_what_was_sent()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (body, _) = await world.CreateAsync(world.Invoice(new
        {
            quantity = 3,
            product = new
            {
                name = "Workshop", description = "Half day", external_reference = "WS-1", type = "service",
                price = new { currency = "EUR", value = 1000 }, measure_unit = new { name = "day", description = "a day" }, smallest_amount = 0.5,
            },
            vat_rate_id = Vat7,
        }));
        var product = body["line_items"]![0]!["product"]!;
        Assert.True(product["is_inline"]!.GetValue<bool>());
        Assert.True(Guid.TryParse(Text(product["id"]), out _));
        Assert.Equal("Workshop", Text(product["name"]));
        Assert.Equal("Half day", Text(product["description"]));
        Assert.Equal("WS-1", Text(product["external_reference"]));
        Assert.Equal("service", Text(product["type"]));
        Assert.Equal("day", Text(product["measure_unit"]!["name"]));
        Assert.Null(product["measure_unit"]!["id"]);
        Assert.Equal(0.5m, product["smallest_amount"]!.GetValue<decimal>());
        Assert.Equal(1070, Amount(product["price_after_vat"]!["value"]));
        Assert.Equal(700, Amount(product["vat_rate"]!["value"]));
        Assert.Equal(3000, Amount(body["subtotal"]));
        Assert.Equal(210, Amount(body["total_vat_amount"]));
    }

    [Fact]
    public async Task a_custom_vat_rate_line_shows_its_components_in_the_vat_breakdown()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var rate = await world.PostAsync("/v1/custom_vat_rates", new
        {
            name = "Quebec", components = new object[] { new { name = "GST", value = 500 }, new { name = "QST", value = 997.5 } },
        });
        var rateId = Text(rate["id"]);
        var (body, _) = await world.CreateAsync(world.Invoice(new
        {
            quantity = 1, custom_vat_rate_id = rateId,
            product = new { name = "Snow removal", price = new { currency = "EUR", value = 10000 } },
        }));

        var vatRate = body["line_items"]![0]!["product"]!["vat_rate"]!;
        Assert.True(vatRate["is_custom"]!.GetValue<bool>());
        Assert.Equal(rateId, Text(vatRate["id"]));
        Assert.Equal("Quebec", Text(vatRate["name"]));
        Assert.Equal(2, vatRate["components"]!.AsArray().Count);
        var group = body["total_vat_amounts"]!.AsArray().Single()!;
        Assert.Equal(rateId, Text(group["id"]));
        Assert.Equal(10000, Amount(group["taxable_amount"]));
        var components = group["components"]!.AsArray();
        Assert.Equal(["GST", "QST"], components.Select(c => Text(c!["name"])));
        Assert.Equal(500, Amount(components[0]!["amount"]));
        Assert.Equal(998, Amount(components[1]!["amount"]));
        Assert.Equal(Amount(group["amount"]), components.Sum(c => Amount(c!["amount"])));
        Assert.Equal(Amount(group["amount"]), Amount(body["total_vat_amount"]));
        Assert.Equal(10000 + Amount(body["total_vat_amount"]), Amount(body["total_amount"]));
    }

    [Fact]
    public async Task a_tax_rate_value_line_is_taxed_at_that_rate()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (body, _) = await world.CreateAsync(world.Invoice(new
        {
            quantity = 2, tax_rate_value = 825, tax_rate_name = "Sales tax",
            product = new { name = "Widget", price = new { currency = "EUR", value = 1000 } },
        }));
        var vatRate = body["line_items"]![0]!["product"]!["vat_rate"]!;
        Assert.Equal(825, Amount(vatRate["value"]));
        Assert.Equal("Sales tax", Text(vatRate["name"]));
        Assert.Null(vatRate["id"]);
        Assert.Equal(2000, Amount(body["subtotal"]));
        Assert.Equal(165, Amount(body["total_vat_amount"]));
        Assert.Equal(2165, Amount(body["total_amount"]));
    }

    [Fact]
    public async Task the_spec_worked_example_is_reproduced_end_to_end()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var product = Guid.Parse(Text((await world.PostAsync("/v1/products",
            new { name = "Widget", price = new { currency = "EUR", value = 5000 } }))["id"]));
        var body = Node(world.Invoice(
            new { product_id = product, quantity = 2, vat_rate_id = Vat19, discount = new { type = "percentage", amount = 1000 } },
            new
            {
                product = new { name = "Consulting hour", price = new { currency = "EUR", value = 12000 }, type = "service", measure_unit = new { name = "h" } },
                quantity = 1.5, vat_rate_id = Vat19,
            }));
        body["discount"] = new JsonObject { ["type"] = "amount", ["amount"] = 500 };
        body["tag_ids"] = new JsonArray();
        var (invoice, _) = await world.CreateAsync(body);

        var lines = invoice["line_items"]!.AsArray();
        Assert.Equal(9000, Amount(lines[0]!["total_before_vat"]));
        Assert.Equal(10710, Amount(lines[0]!["total_after_vat"]));
        Assert.Equal(5950, Amount(lines[0]!["product"]!["price_after_vat"]!["value"]));
        Assert.Equal(1000, Amount(lines[0]!["discount"]!["value"]));
        Assert.Equal(18000, Amount(lines[1]!["total_before_vat"]));
        Assert.Equal(27000, Amount(invoice["subtotal"]));
        Assert.Equal("amount", Text(invoice["discount"]!["type"]));
        Assert.Equal(500, Amount(invoice["discount"]!["amount"]));
        Assert.Equal(500, Amount(invoice["discount"]!["value"]));
        Assert.Equal(26500, Amount(invoice["discounted_subtotal"]));
        var group = invoice["total_vat_amounts"]!.AsArray().Single()!;
        Assert.Equal(1900, Amount(group["value"]));
        Assert.Equal(26500, Amount(group["taxable_amount"]));
        Assert.Equal(5035, Amount(group["amount"]));
        Assert.Equal(5035, Amount(invoice["total_vat_amount"]));
        Assert.Equal(31535, Amount(invoice["total_amount"]));
        Assert.Equal(31535, Amount(invoice["amount_due"]));
        Assert.Equal(31535, Amount(invoice["total_amount_with_credit_notes"]));
    }

    [Fact]
    public async Task inclusive_vat_mode_takes_prices_as_gross()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice(InlineLine("Gross item", 11900, 2, Vat19)));
        body["vat_mode"] = "inclusive";
        var (invoice, _) = await world.CreateAsync(body);

        Assert.Equal("inclusive", Text(invoice["vat_mode"]));
        var line = invoice["line_items"]![0]!;
        Assert.Equal(11900, Amount(line["product"]!["price"]!["value"]));
        Assert.Equal(11900, Amount(line["product"]!["price_after_vat"]!["value"]));
        Assert.Equal(23800, Amount(line["total_after_vat"]));
        Assert.Equal(20000, Amount(invoice["subtotal"]));
        Assert.Equal(3800, Amount(invoice["total_vat_amount"]));
        Assert.Equal(23800, Amount(invoice["total_amount"]));
    }

    [Fact]
    public async Task withholding_and_deductions_leave_the_total_and_reduce_what_is_due()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice());
        body["withholding_tax_rate"] = 1500;
        body["deduction_amount"] = 560;
        body["deduction_memo"] = "advance";
        body["deductions"] = new JsonArray(new JsonObject { ["amount"] = 1000, ["name"] = "Deposit", ["memo"] = "paid in May" });
        var (invoice, _) = await world.CreateAsync(body);

        Assert.Equal(28560, Amount(invoice["total_amount"]));
        Assert.Equal(1500, Amount(invoice["withholding_tax_rate"]));
        Assert.Equal(3600, Amount(invoice["total_withholding_tax"]));
        Assert.Equal(560, Amount(invoice["deduction_amount"]));
        Assert.Equal("advance", Text(invoice["deduction_memo"]));
        Assert.Equal("Deposit", Text(invoice["deductions"]![0]!["name"]));
        Assert.Equal(28560 - 1560, Amount(invoice["amount_due"]));
    }

    [Fact]
    public async Task unknown_or_foreign_references_are_404_and_store_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var other = await DocumentWorld.CreateAsync(api, "Other GmbH");
        var (secondCounterpart, secondAddress) = await world.AddCounterpartAsync("Second AG");
        var unknown = Guid.NewGuid();
        var cases = new (string Name, Action<JsonObject> Change)[]
        {
            ("unknown counterpart", b => b["counterpart_id"] = unknown),
            ("foreign counterpart", b => { b["counterpart_id"] = other.Counterpart; b["counterpart_billing_address_id"] = other.BillingAddress; }),
            ("address of another counterpart", b => b["counterpart_billing_address_id"] = secondAddress),
            ("shipping address of another counterpart", b => b["counterpart_shipping_address_id"] = secondAddress),
            ("unknown counterpart VAT id", b => b["counterpart_vat_id_id"] = unknown),
            ("unknown product", b => b["line_items"]![0]!["product_id"] = unknown),
            ("foreign product", b => b["line_items"]![0]!["product_id"] = other.Product),
            ("unknown VAT rate", b => b["line_items"]![0]!["vat_rate_id"] = unknown),
            ("unknown custom VAT rate", b => { b["line_items"]![0]!.AsObject().Remove("vat_rate_id"); b["line_items"]![0]!["custom_vat_rate_id"] = unknown; }),
            ("unknown payment terms", b => b["payment_terms_id"] = unknown),
            ("foreign payment terms", b => b["payment_terms_id"] = other.PaymentTerms),
            ("unknown bank account", b => b["entity_bank_account_id"] = unknown),
            ("foreign bank account", b => b["entity_bank_account_id"] = other.BankAccount),
            ("unknown entity VAT id", b => b["entity_vat_id_id"] = unknown),
            ("foreign entity VAT id", b => b["entity_vat_id_id"] = other.EntityVatId),
            ("a counterpart id as payment terms", b => b["payment_terms_id"] = secondCounterpart),
        };
        foreach (var (name, change) in cases)
        {
            var body = Node(world.Invoice());
            change(body);
            var (status, error, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", body);
            Assert.True(status == HttpStatusCode.NotFound, $"{name}: {status} {error.ToJsonString()}");
            Assert.NotNull(error["error"]?["message"]);
        }
        Assert.Equal(0, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task a_product_priced_in_another_currency_is_422()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var usd = Text((await world.PostAsync("/v1/products", new { name = "Import", price = new { currency = "USD", value = 100 } }))["id"]);
        var (status, body, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", world.Invoice(new { product_id = usd, quantity = 1, vat_rate_id = Vat19 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("body.line_items.0.product_id", Json.Loc(Json.Detail(body).Single()!));

        (status, body, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", world.Invoice(InlineLine("Inline", 100, 1, Vat19, currency: "USD")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("body.line_items.0.product.price.currency", Json.Detail(body).Select(d => Json.Loc(d!)));
        Assert.Equal(0, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Theory]
    [InlineData("payment_terms_id")]
    [InlineData("fulfillment_date")]
    [InlineData("purchase_order")]
    public async Task a_quote_with_an_invoice_only_field_is_422(string field)
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Quote());
        body[field] = field switch
        {
            "payment_terms_id" => world.PaymentTerms.ToString(),
            "fulfillment_date" => "2025-01-01",
            _ => "PO-1",
        };
        var (status, error, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Json.Detail(error).Single()!;
        Assert.Equal($"body.{field}", Json.Loc(detail));
        Assert.Equal("value_error.extra", Text(detail["type"]));
    }

    [Fact]
    public async Task an_invoice_with_a_quote_only_field_is_422()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice());
        body["expiry_date"] = "2099-01-01";
        var (status, error, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("body.expiry_date", Json.Loc(Json.Detail(error).Single()!));
    }

    [Fact]
    public async Task a_credit_note_without_based_on_is_422()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice());
        body["type"] = "credit_note";
        var (status, error, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("body.based_on", Json.Detail(error).Select(d => Json.Loc(d!)));
        Assert.Equal(0, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task document_id_is_refused_in_compliant_mode_and_stored_in_non_compliant_mode()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice());
        body["document_id"] = "MY-2024-7";
        var (status, error, _) = await world.SendAsync(HttpMethod.Post, "/v1/receivables", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("body.document_id", Json.Loc(Json.Detail(error).Single()!));
        Assert.Equal(0, await api.CountStoredAsync("receivable", world.Entity));

        await world.SetEditFlowAsync("non_compliant");
        var (invoice, _) = await world.CreateAsync(body);
        Assert.Equal("MY-2024-7", Text(invoice["document_id"]));
        Assert.Equal("MY-2024-7", Text((await world.GetAsync(Text(invoice["id"]))).Body["document_id"]));
    }

    [Fact]
    public async Task editing_or_deleting_the_counterpart_and_product_later_does_not_change_the_document()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (invoice, etag) = await world.CreateAsync(world.Invoice());
        var id = Text(invoice["id"]);

        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(HttpMethod.Patch, $"/v1/counterparts/{world.Counterpart}",
            new { organization = new { legal_name = "Renamed AG" }, tax_id = "DE999" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(HttpMethod.Patch, $"/v1/counterparts/{world.Counterpart}/addresses/{world.BillingAddress}",
            new { city = "Kiel" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(HttpMethod.Patch, $"/v1/products/{world.Product}",
            new { name = "Renamed", price = new { currency = "EUR", value = 1 } })).Status);
        var (_, afterEdit, afterEditTag) = await world.GetAsync(id);
        Assert.Equal(invoice.ToJsonString(), afterEdit.ToJsonString());
        Assert.Equal(etag, afterEditTag);

        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(HttpMethod.Delete, $"/v1/counterparts/{world.Counterpart}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(HttpMethod.Delete, $"/v1/products/{world.Product}")).Status);
        var (status, afterDelete, _) = await world.GetAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(invoice.ToJsonString(), afterDelete.ToJsonString());
    }

    [Fact]
    public async Task a_document_is_read_with_its_etag_and_another_entitys_document_is_404_like_an_unknown_one()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (invoice, etag) = await world.CreateAsync(world.Invoice());
        var id = Text(invoice["id"]);
        var (status, _, readTag) = await world.GetAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(etag, readTag);

        var stranger = await api.CreateEntityAsync(name: "Stranger GmbH");
        using var foreign = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: stranger);
        var unknownId = Guid.NewGuid();
        using var unknown = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{unknownId}", entityId: stranger);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(foreign.Headers.ETag);
        Assert.Equal(Json.Error(await Json.ReadAsync(unknown)).Replace(unknownId.ToString(), "ID", StringComparison.Ordinal),
            Json.Error(await Json.ReadAsync(foreign)).Replace(id, "ID", StringComparison.Ordinal));

        // GET takes GUIDs only (receivables/required_fields must never be read as an id): anything else is no such route.
        using var notUuid = await api.SendAsync(HttpMethod.Get, "/v1/receivables/not-a-uuid", entityId: world.Entity);
        Assert.Equal(HttpStatusCode.NotFound, notUuid.StatusCode);
    }
}
