using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Documents.DocumentWorld;

namespace Receivables.Tests.Documents;

/// <summary><c>PATCH /receivables/{id}</c>, <c>PUT /receivables/{id}/line_items</c> and <c>DELETE</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableEditTests(ApiHost api)
{
    private static void Is(HttpStatusCode expected, (HttpStatusCode Status, JsonObject Body, string? ETag) response) =>
        Assert.True(response.Status == expected, $"{response.Status} {response.Body.ToJsonString()}");

    [Fact]
    public async Task the_invoice_envelope_changes_what_it_names_and_recomputes_totals()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (invoice, etag) = await world.CreateAsync(world.Invoice());
        var id = Text(invoice["id"]);

        var memo = await world.PatchAsync(id, new { invoice = new { memo = "Updated memo" } });
        Is(HttpStatusCode.OK, memo);
        Assert.Equal("Updated memo", Text(memo.Body["memo"]));
        Assert.NotEqual(etag, memo.ETag);
        Assert.Equal(28560, Amount(memo.Body["total_amount"]));
        Assert.Equal(Text(invoice["counterpart_name"]), Text(memo.Body["counterpart_name"]));

        var discount = await world.PatchAsync(id, new { invoice = new { discount = new { type = "amount", amount = 1000 } } });
        Is(HttpStatusCode.OK, discount);
        Assert.Equal(1000, Amount(discount.Body["discount"]!["value"]));
        Assert.Equal(23000, Amount(discount.Body["discounted_subtotal"]));
        Assert.Equal(4370, Amount(discount.Body["total_vat_amount"]));
        Assert.Equal(27370, Amount(discount.Body["total_amount"]));
        Assert.Equal(27370, Amount(discount.Body["amount_due"]));
        Assert.Equal("Updated memo", Text(discount.Body["memo"]));

        var (_, read, readTag) = await world.GetAsync(id);
        Assert.Equal(discount.Body.ToJsonString(), read.ToJsonString());
        Assert.Equal(discount.ETag, readTag);
    }

    [Fact]
    public async Task the_invoice_envelope_changes_counterpart_and_payment_terms()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice());
        var (counterpart, address) = await world.AddCounterpartAsync("Second Customer AG", "AT", "ATU12345678");

        var changed = await world.PatchAsync(id, new { invoice = new { counterpart_id = counterpart, counterpart_billing_address_id = address } });
        Is(HttpStatusCode.OK, changed);
        Assert.Equal(counterpart.ToString(), Text(changed.Body["counterpart_id"]));
        Assert.Equal("Second Customer AG", Text(changed.Body["counterpart_name"]));
        Assert.Equal("ATU12345678", Text(changed.Body["counterpart_tax_id"]));
        Assert.Equal(address.ToString(), Text(changed.Body["counterpart_billing_address"]!["id"]));
        Assert.Equal("AT", Text(changed.Body["counterpart_billing_address"]!["country"]));
        // The old counterpart's shipping address, VAT id and contact are not the new one's.
        Assert.Null(changed.Body["counterpart_shipping_address"]);
        Assert.Null(changed.Body["counterpart_vat_id"]);
        Assert.Null(changed.Body["counterpart_contact"]);

        // And back to the first customer (both counterparts are read for this change).
        var back = await world.PatchAsync(id, new { invoice = new { counterpart_id = world.Counterpart, counterpart_billing_address_id = world.BillingAddress, counterpart_vat_id_id = world.CounterpartVatId } });
        Is(HttpStatusCode.OK, back);
        Assert.Equal("Buyer AG", Text(back.Body["counterpart_name"]));
        Assert.Equal(world.BillingAddress.ToString(), Text(back.Body["counterpart_billing_address"]!["id"]));
        Assert.Equal(world.CounterpartVatId.ToString(), Text(back.Body["counterpart_vat_id"]!["id"]));

        var noAddress = await world.PatchAsync(id, new { invoice = new { counterpart_id = world.Counterpart } });
        Is(HttpStatusCode.UnprocessableEntity, noAddress);
        Assert.Equal("body.invoice.counterpart_billing_address_id", Json.Loc(Json.Detail(noAddress.Body).Single()!));

        var terms = Guid.Parse(Text((await world.PostAsync("/v1/payment_terms", new { name = "Net 14", term_final = new { number_of_days = 14 } }))["id"]));
        var termsChanged = await world.PatchAsync(id, new { invoice = new { payment_terms_id = terms } });
        Is(HttpStatusCode.OK, termsChanged);
        Assert.Equal(terms.ToString(), Text(termsChanged.Body["payment_terms"]!["id"]));
        Assert.Equal("Net 14", Text(termsChanged.Body["payment_terms"]!["name"]));
        Assert.Null(termsChanged.Body["payment_terms"]!["term_1"]);
        Assert.Equal(14, Amount(termsChanged.Body["payment_terms"]!["term_final"]!["number_of_days"]));

        var inline = await world.PatchAsync(id, new { invoice = new { payment_terms = new { term_final = new { number_of_days = 45 } } } });
        Is(HttpStatusCode.OK, inline);
        Assert.Null(inline.Body["payment_terms"]!["id"]);
        Assert.Equal(45, Amount(inline.Body["payment_terms"]!["term_final"]!["number_of_days"]));

        var unknownTerms = await world.PatchAsync(id, new { invoice = new { payment_terms_id = Guid.NewGuid() } });
        Is(HttpStatusCode.NotFound, unknownTerms);
        var unknownCounterpart = await world.PatchAsync(id, new { invoice = new { counterpart_id = Guid.NewGuid(), counterpart_billing_address_id = address } });
        Is(HttpStatusCode.NotFound, unknownCounterpart);
    }

    [Fact]
    public async Task entity_overrides_survive_a_change_of_bank_account_or_vat_id()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice());
        body["entity"] = new JsonObject { ["email"] = "invoices@issuer.example", ["website"] = "https://issuer.example" };
        var id = Text((await world.CreateAsync(body)).Body["id"]);
        var bank = Guid.Parse(Text((await world.PostAsync("/v1/bank_accounts", new { account_holder_name = "Second", country = "DE", currency = "EUR", iban = "DE02120300000000202051", bic = "BYLADEM1001" }))["id"]));

        var patched = await world.PatchAsync(id, new { invoice = new { entity_bank_account_id = bank } });
        Is(HttpStatusCode.OK, patched);
        Assert.Equal(bank.ToString(), Text(patched.Body["entity_bank_account"]!["id"]));
        Assert.Equal("invoices@issuer.example", Text(patched.Body["entity"]!["email"]));
        Assert.Equal("https://issuer.example", Text(patched.Body["entity"]!["website"]));

        patched = await world.PatchAsync(id, new { invoice = new { entity = new { phone = "+49 30 999" } } });
        Is(HttpStatusCode.OK, patched);
        Assert.Equal("+49 30 999", Text(patched.Body["entity"]!["phone"]));
        Assert.Equal("invoices@issuer.example", Text(patched.Body["entity"]!["email"]));
        Assert.Equal(bank.ToString(), Text(patched.Body["entity_bank_account"]!["id"]));
        Assert.Equal("DE123456789", Text(patched.Body["entity"]!["vat_id"]));
    }

    [Fact]
    public async Task payment_terms_in_the_quote_envelope_are_422_not_ignored()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Quote());
        var patched = await world.PatchAsync(id, new { quote = new { payment_terms_id = world.PaymentTerms } });
        Is(HttpStatusCode.UnprocessableEntity, patched);
        Assert.Equal("body.quote.payment_terms_id", Json.Loc(Json.Detail(patched.Body).Single()!));
        Is(HttpStatusCode.UnprocessableEntity, await world.PatchAsync(id, new { quote = new { payment_terms = new { term_final = new { number_of_days = 30 } } } }));
    }

    [Fact]
    public async Task the_quote_envelope_changes_expiry_and_signature()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Quote());
        var patched = await world.PatchAsync(id, new { quote = new { expiry_date = "2099-06-30", signature_required = true, memo = "Valid for a while" } });
        Is(HttpStatusCode.OK, patched);
        Assert.Equal("2099-06-30", Text(patched.Body["expiry_date"]));
        Assert.True(patched.Body["signature_required"]!.GetValue<bool>());
        Assert.Equal("Valid for a while", Text(patched.Body["memo"]));
        Assert.False(patched.Body.ContainsKey("payment_terms"));
    }

    [Fact]
    public async Task the_credit_note_envelope_credits_less_than_invoiced_never_more()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (note, _) = await world.CreditNoteAsync();
        var key = world.Product.ToString();

        var patched = await world.PatchAsync(note, new { credit_note = new { memo = "Partial credit", line_items = new Dictionary<string, object> { [key] = new { quantity = 1, price_diff = 5000 } } } });
        Is(HttpStatusCode.OK, patched);
        var line = patched.Body["line_items"]!.AsArray().Single()!;
        Assert.Equal(1m, line["quantity"]!.GetValue<decimal>());
        Assert.Equal(5000, Amount(line["product"]!["price"]!["value"]));
        Assert.Equal(5000, Amount(patched.Body["subtotal"]));
        Assert.Equal(950, Amount(patched.Body["total_vat_amount"]));
        Assert.Equal(5950, Amount(patched.Body["total_amount"]));
        Assert.Equal("Partial credit", Text(patched.Body["memo"]));

        // Quantities and prices are checked against the invoice, not against the credit note's current lines.
        var back = await world.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [key] = new { quantity = 3 } } } });
        Is(HttpStatusCode.OK, back);

        var tooMany = await world.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [key] = new { quantity = 4 } } } });
        Is(HttpStatusCode.UnprocessableEntity, tooMany);
        Assert.Equal($"body.credit_note.line_items.{key}.quantity", Json.Loc(Json.Detail(tooMany.Body).Single()!));
        var tooExpensive = await world.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [key] = new { quantity = 1, price_diff = 12001 } } } });
        Is(HttpStatusCode.UnprocessableEntity, tooExpensive);
        var unknown = await world.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [Guid.NewGuid().ToString()] = new { quantity = 1 } } } });
        Is(HttpStatusCode.UnprocessableEntity, unknown);
        var notUuid = await world.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { ["abc"] = new { quantity = 1 } } } });
        Is(HttpStatusCode.UnprocessableEntity, notUuid);
        var zero = await world.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [key] = new { quantity = 0 } } } });
        Is(HttpStatusCode.UnprocessableEntity, zero);
        var (_, unchanged, _) = await world.GetAsync(note);
        Assert.Equal(back.Body.ToJsonString(), unchanged.ToJsonString());
        Assert.Equal(15000, Amount(unchanged["subtotal"]));
    }

    [Theory]
    [InlineData("invoice", "quote")]
    [InlineData("invoice", "credit_note")]
    [InlineData("quote", "invoice")]
    [InlineData("quote", "issued_invoice")]
    [InlineData("credit_note", "invoice")]
    [InlineData("credit_note", "quote")]
    [InlineData("credit_note", "issued_invoice")]
    public async Task an_envelope_for_another_type_is_409(string type, string envelope)
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = type switch
        {
            "invoice" => await world.CreateIdAsync(world.Invoice()),
            "quote" => await world.CreateIdAsync(world.Quote()),
            _ => (await world.CreditNoteAsync()).CreditNote,
        };
        var (_, before, etag) = await world.GetAsync(id);
        var patched = await world.PatchAsync(id, new Dictionary<string, object> { [envelope] = new { memo = "x" } });
        Is(HttpStatusCode.Conflict, patched);
        Assert.NotNull(patched.Body["error"]?["message"]);
        var (_, after, afterTag) = await world.GetAsync(id);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(etag, afterTag);
    }

    [Fact]
    public async Task envelope_rules_for_state_and_count()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var issued = await world.InvoiceInAsync("issued");
        Is(HttpStatusCode.Conflict, await world.PatchAsync(issued, new { invoice = new { memo = "x" } }));
        var draft = await world.CreateIdAsync(world.Invoice());
        Is(HttpStatusCode.Conflict, await world.PatchAsync(draft, new { issued_invoice = new { project_id = Guid.NewGuid() } }));

        var two = await world.PatchAsync(draft, new { invoice = new { memo = "a" }, quote = new { memo = "b" } });
        Is(HttpStatusCode.UnprocessableEntity, two);
        Is(HttpStatusCode.UnprocessableEntity, await world.PatchAsync(draft, new { }));
        Is(HttpStatusCode.UnprocessableEntity, await world.PatchAsync(draft, new { invoice = new { memo = "a", expiry_date = "2099-01-01" } }));
        Is(HttpStatusCode.NotFound, await world.PatchAsync(Guid.NewGuid().ToString(), new { invoice = new { memo = "a" } }));

        var quote = await world.CreateIdAsync(world.Quote());
        await world.SetStatusAsync(quote, "issued");
        Is(HttpStatusCode.Conflict, await world.PatchAsync(quote, new { quote = new { memo = "x" } }));
        Is(HttpStatusCode.Conflict, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{quote}"));

        var (note, _) = await world.CreditNoteAsync();
        await world.SetStatusAsync(note, "issued", "CN-00001");
        Is(HttpStatusCode.Conflict, await world.PatchAsync(note, new { credit_note = new { memo = "x" } }));
        Is(HttpStatusCode.Conflict, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{note}"));
    }

    [Fact]
    public async Task an_issued_invoice_in_compliant_mode_takes_metadata_only()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.InvoiceInAsync("issued");
        var project = Guid.NewGuid();
        var ok = await world.PatchAsync(id, new { issued_invoice = new { partner_metadata = new { crm = "A-17" }, project_id = project } });
        Is(HttpStatusCode.OK, ok);
        Assert.Equal("A-17", Text(ok.Body["partner_metadata"]!["crm"]));
        Assert.Equal(project.ToString(), Text(ok.Body["project_id"]));
        Assert.Equal("issued", Text(ok.Body["status"]));

        Is(HttpStatusCode.Conflict, await world.PatchAsync(id, new { issued_invoice = new { memo = "changed" } }));
        Is(HttpStatusCode.Conflict, await world.PatchAsync(id, new { issued_invoice = new { due_date = "2030-01-31" } }));
        Is(HttpStatusCode.Conflict, await world.PatchAsync(id, new { issued_invoice = new { project_id = Guid.NewGuid(), payment_terms_id = world.PaymentTerms } }));
        var (_, after, _) = await world.GetAsync(id);
        Assert.Equal("Thank you", Text(after["memo"]));
        Assert.Null(after["due_date"]);
        Assert.Equal(project.ToString(), Text(after["project_id"]));

        foreach (var status in new[] { "partially_paid", "overdue", "paid" })
        {
            await world.SetStatusAsync(id, status);
            Is(HttpStatusCode.OK, await world.PatchAsync(id, new { issued_invoice = new { partner_metadata = new { status } } }));
        }
    }

    [Fact]
    public async Task an_issued_invoice_in_non_compliant_mode_can_be_corrected()
    {
        var world = await DocumentWorld.CreateAsync(api);
        await world.SetEditFlowAsync("non_compliant");
        var id = await world.InvoiceInAsync("issued");
        var terms = Guid.Parse(Text((await world.PostAsync("/v1/payment_terms", new { name = "Net 60", term_final = new { number_of_days = 60 } }))["id"]));
        var patched = await world.PatchAsync(id, new
        {
            issued_invoice = new
            {
                memo = "Corrected", due_date = "2030-01-31", payment_terms_id = terms,
                entity = new { type = "organization", name = "Corrected GmbH", email = "new@issuer.example", vat_id = "DE000000001" },
                entity_address = new { line1 = "Neue Straße 2", city = "Potsdam", postal_code = "14467", country = "DE" },
            },
        });
        Is(HttpStatusCode.OK, patched);
        Assert.Equal("Corrected", Text(patched.Body["memo"]));
        Assert.Equal("2030-01-31", Text(patched.Body["due_date"]));
        Assert.Equal(terms.ToString(), Text(patched.Body["payment_terms"]!["id"]));
        Assert.Equal("Corrected GmbH", Text(patched.Body["entity"]!["name"]));
        Assert.Equal("Potsdam", Text(patched.Body["entity_address"]!["city"]));
        Assert.Equal("issued", Text(patched.Body["status"]));
        Assert.Equal(28560, Amount(patched.Body["total_amount"]));
    }

    [Fact]
    public async Task positional_line_updates_change_each_line_and_need_one_entry_per_line()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice(world.CatalogLine(2), InlineLine("Extra", 1000, 1, Vat19)));

        var patched = await world.PatchAsync(id, new
        {
            invoice = new { line_items = new object[] { new { quantity = 3, price = 10000, vat_rate_id = Vat7 }, new { } } },
        });
        Is(HttpStatusCode.OK, patched);
        var lines = patched.Body["line_items"]!.AsArray();
        Assert.Equal(3m, lines[0]!["quantity"]!.GetValue<decimal>());
        Assert.Equal(10000, Amount(lines[0]!["product"]!["price"]!["value"]));
        Assert.Equal(700, Amount(lines[0]!["product"]!["vat_rate"]!["value"]));
        Assert.Equal(Vat7.ToString(), Text(lines[0]!["product"]!["vat_rate"]!["id"]));
        Assert.Equal("Consulting", Text(lines[0]!["product"]!["name"]));
        Assert.Equal(1000, Amount(lines[1]!["product"]!["price"]!["value"]));
        Assert.Equal(31000, Amount(patched.Body["subtotal"]));
        Assert.Equal(2100 + 190, Amount(patched.Body["total_vat_amount"]));
        Assert.Equal(2, patched.Body["total_vat_amounts"]!.AsArray().Count);

        var mismatch = await world.PatchAsync(id, new { invoice = new { line_items = new object[] { new { quantity = 1 } } } });
        Is(HttpStatusCode.UnprocessableEntity, mismatch);
        Assert.Equal("body.invoice.line_items", Json.Loc(Json.Detail(mismatch.Body).Single()!));
        var twoRates = await world.PatchAsync(id, new { invoice = new { line_items = new object[] { new { vat_rate_id = Vat7, tax_rate_value = 100 }, new { } } } });
        Is(HttpStatusCode.UnprocessableEntity, twoRates);
        Is(HttpStatusCode.NotFound, await world.PatchAsync(id, new { invoice = new { line_items = new object[] { new { vat_rate_id = Guid.NewGuid() }, new { } } } }));
        Assert.Equal(31000, Amount((await world.GetAsync(id)).Body["subtotal"]));
    }

    [Fact]
    public async Task a_stale_if_match_is_412_and_a_current_one_is_accepted()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (invoice, etag) = await world.CreateAsync(world.Invoice());
        var id = Text(invoice["id"]);
        var first = await world.PatchAsync(id, new { invoice = new { memo = "first" } }, etag);
        Is(HttpStatusCode.OK, first);
        Is(HttpStatusCode.PreconditionFailed, await world.PatchAsync(id, new { invoice = new { memo = "stale" } }, etag));
        Assert.Equal("first", Text((await world.GetAsync(id)).Body["memo"]));
        Is(HttpStatusCode.OK, await world.PatchAsync(id, new { invoice = new { memo = "second" } }, first.ETag));
    }

    [Fact]
    public async Task concurrent_patches_of_different_fields_all_land()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice());
        var project = Guid.NewGuid();
        // Five writers: each retry of one follows a success of another, so five attempts (docs/decisions.md) let all land.
        var patches = new object[]
        {
            new { invoice = new { memo = "concurrent memo" } },
            new { invoice = new { footer = "concurrent footer" } },
            new { invoice = new { project_id = project } },
            new { invoice = new { partner_metadata = new { k = "v" } } },
            new { invoice = new { discount = new { type = "percentage", amount = 1000 } } },
        };
        var results = await Task.WhenAll(patches.Select(p => world.PatchAsync(id, p)));
        foreach (var r in results) Is(HttpStatusCode.OK, r);
        var (_, doc, _) = await world.GetAsync(id);
        Assert.Equal("concurrent memo", Text(doc["memo"]));
        Assert.Equal("concurrent footer", Text(doc["footer"]));
        Assert.Equal(project.ToString(), Text(doc["project_id"]));
        Assert.Equal("v", Text(doc["partner_metadata"]!["k"]));
        Assert.Equal(2400, Amount(doc["discount"]!["value"]));
    }

    [Fact]
    public async Task put_line_items_replaces_every_line_and_recomputes()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (invoice, etag) = await world.CreateAsync(world.Invoice());
        var id = Text(invoice["id"]);
        var put = await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items",
            new { data = new[] { InlineLine("A", 1000, 1, Vat19), InlineLine("B", 2000, 2, Vat7) } }, etag);
        Is(HttpStatusCode.OK, put);
        Assert.Equal(["data"], put.Body.Select(p => p.Key));
        var data = put.Body["data"]!.AsArray();
        Assert.Equal(["A", "B"], data.Select(l => Text(l!["product"]!["name"])));
        Assert.Equal(4000, Amount(data[1]!["total_before_vat"]));
        Assert.Equal(4280, Amount(data[1]!["total_after_vat"]));
        Assert.NotNull(put.ETag);

        var (_, doc, docTag) = await world.GetAsync(id);
        Assert.Equal(put.ETag, docTag);
        Assert.Equal(put.Body["data"]!.ToJsonString(), doc["line_items"]!.ToJsonString());
        Assert.Equal(5000, Amount(doc["subtotal"]));
        Assert.Equal(190 + 280, Amount(doc["total_vat_amount"]));
        Assert.Equal(5470, Amount(doc["total_amount"]));
        Assert.Equal(5470, Amount(doc["amount_due"]));

        Is(HttpStatusCode.PreconditionFailed, await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", new { data = Array.Empty<object>() }, etag));
        var empty = await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", new { data = Array.Empty<object>() });
        Is(HttpStatusCode.OK, empty);
        Assert.Empty(empty.Body["data"]!.AsArray());
        Assert.Equal(0, Amount((await world.GetAsync(id)).Body["total_amount"]));

        var quote = await world.CreateIdAsync(world.Quote());
        var quotePut = await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{quote}/line_items", new { data = new[] { world.CatalogLine(5) } });
        Is(HttpStatusCode.OK, quotePut);
        Assert.Equal(60000, Amount((await world.GetAsync(quote)).Body["subtotal"]));
    }

    [Fact]
    public async Task put_line_items_refusals()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var draft = await world.CreateIdAsync(world.Invoice());
        var (note, invoice) = await world.CreditNoteAsync();
        var body = new { data = new[] { InlineLine("A", 1000, 1, Vat19) } };

        Is(HttpStatusCode.Conflict, await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{note}/line_items", body));
        Is(HttpStatusCode.Conflict, await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{invoice}/line_items", body));
        Is(HttpStatusCode.NotFound, await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{Guid.NewGuid()}/line_items", body));

        var usd = await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{draft}/line_items", new { data = new[] { InlineLine("A", 1000, 1, Vat19, currency: "USD") } });
        Is(HttpStatusCode.UnprocessableEntity, usd);
        Assert.Equal("body.data.0.product.price.currency", Json.Loc(Json.Detail(usd.Body).Single()!));
        var usdProduct = Text((await world.PostAsync("/v1/products", new { name = "Import", price = new { currency = "USD", value = 100 } }))["id"]);
        Is(HttpStatusCode.UnprocessableEntity, await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{draft}/line_items", new { data = new[] { new { product_id = usdProduct, quantity = 1, vat_rate_id = Vat19 } } }));
        Is(HttpStatusCode.NotFound, await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{draft}/line_items", new { data = new[] { new { product_id = Guid.NewGuid(), quantity = 1, vat_rate_id = Vat19 } } }));
        Assert.Equal(24000, Amount((await world.GetAsync(draft)).Body["subtotal"]));

        await world.SetEditFlowAsync("non_compliant");
        var corrected = await world.SendAsync(HttpMethod.Put, $"/v1/receivables/{invoice}/line_items", body);
        Is(HttpStatusCode.OK, corrected);
        var (_, issued, _) = await world.GetAsync(invoice);
        Assert.Equal("issued", Text(issued["status"]));
        Assert.Equal(1190, Amount(issued["total_amount"]));
    }

    [Fact]
    public async Task delete_removes_drafts_only()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (draft, etag) = await world.CreateAsync(world.Invoice());
        var id = Text(draft["id"]);
        var patched = await world.PatchAsync(id, new { invoice = new { memo = "newer" } });

        Is(HttpStatusCode.PreconditionFailed, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", ifMatch: etag));
        Is(HttpStatusCode.OK, await world.GetAsync(id));
        var deleted = await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", ifMatch: patched.ETag);
        Is(HttpStatusCode.NoContent, deleted);
        Is(HttpStatusCode.NotFound, await world.GetAsync(id));
        Is(HttpStatusCode.NotFound, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}"));
        Is(HttpStatusCode.NotFound, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{Guid.NewGuid()}"));

        var issued = await world.InvoiceInAsync("issued");
        Is(HttpStatusCode.Conflict, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{issued}"));
        Is(HttpStatusCode.OK, await world.GetAsync(issued));

        var quote = await world.CreateIdAsync(world.Quote());
        Is(HttpStatusCode.NoContent, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{quote}"));
    }

    [Fact]
    public async Task deleting_a_draft_credit_note_allows_a_new_one()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (note, invoice) = await world.CreditNoteAsync();
        Is(HttpStatusCode.Conflict, await world.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoice }));
        Is(HttpStatusCode.NoContent, await world.SendAsync(HttpMethod.Delete, $"/v1/receivables/{note}"));
        var again = await world.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoice });
        Is(HttpStatusCode.Created, again);
        Assert.NotEqual(note, Text(again.Body["id"]));
    }
}
