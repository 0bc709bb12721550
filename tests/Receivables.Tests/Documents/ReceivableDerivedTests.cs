using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Documents.DocumentWorld;

namespace Receivables.Tests.Documents;

/// <summary>Documents made from others over HTTP: clone, based_on (credit notes, invoices from quotes), idempotent retries.</summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableDerivedTests(ApiHost api)
{
    private static void Is(HttpStatusCode expected, (HttpStatusCode Status, JsonObject Body, string? ETag) response) =>
        Assert.True(response.Status == expected, $"{response.Status} {response.Body.ToJsonString()}");

    private static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> CloneAsync(DocumentWorld world, string id) =>
        world.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/clone");

    private static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> BasedOnAsync(DocumentWorld world, string type, object basedOn) =>
        world.SendAsync(HttpMethod.Post, "/v1/receivables", new { type, based_on = basedOn });

    [Fact]
    public async Task a_clone_is_a_new_draft_with_the_same_lines_and_counterpart()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Invoice(world.CatalogLine(2), InlineLine("Inline", 1000, 1, Vat7)));
        body["discount"] = new JsonObject { ["type"] = "amount", ["amount"] = 100 };
        var (source, _) = await world.CreateAsync(body);
        var id = Text(source["id"]);
        await world.SetStatusAsync(id, "issued", "INV-00042");

        var clone = await CloneAsync(world, id);
        Is(HttpStatusCode.Created, clone);
        Assert.NotNull(clone.ETag);
        var c = clone.Body;
        Assert.NotEqual(id, Text(c["id"]));
        Assert.Equal("invoice", Text(c["type"]));
        Assert.Equal("draft", Text(c["status"]));
        Assert.Null(c["document_id"]);
        Assert.Null(c["issue_date"]);
        Assert.Null(c["based_on"]);
        Assert.Equal(Text(source["counterpart_id"]), Text(c["counterpart_id"]));
        Assert.Equal(source["counterpart_billing_address"]!.ToJsonString(), c["counterpart_billing_address"]!.ToJsonString());
        Assert.Equal(source["counterpart_vat_id"]!.ToJsonString(), c["counterpart_vat_id"]!.ToJsonString());
        Assert.Equal(source["entity_bank_account"]!.ToJsonString(), c["entity_bank_account"]!.ToJsonString());
        Assert.Equal(source["payment_terms"]!.ToJsonString(), c["payment_terms"]!.ToJsonString());
        Assert.Equal(source["line_items"]!.ToJsonString(), c["line_items"]!.ToJsonString());
        Assert.Equal(Amount(source["total_amount"]), Amount(c["total_amount"]));
        Assert.Equal(Amount(source["amount_due"]), Amount(c["amount_due"]));

        var (_, stillIssued, _) = await world.GetAsync(id);
        Assert.Equal("issued", Text(stillIssued["status"]));
        Assert.Equal("INV-00042", Text(stillIssued["document_id"]));
        Is(HttpStatusCode.OK, await world.GetAsync(Text(c["id"])));

        var quote = await world.CreateIdAsync(world.Quote());
        await world.SetStatusAsync(quote, "accepted", "Q-00001");
        var quoteClone = await CloneAsync(world, quote);
        Is(HttpStatusCode.Created, quoteClone);
        Assert.Equal("quote", Text(quoteClone.Body["type"]));
        Assert.Equal("draft", Text(quoteClone.Body["status"]));
        Assert.Null(quoteClone.Body["document_id"]);
        Assert.Null(quoteClone.Body["expiry_date"]);
        Assert.False(quoteClone.Body.ContainsKey("amount_due"));
    }

    [Fact]
    public async Task a_clone_reads_the_counterpart_again()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice());
        Is(HttpStatusCode.OK, await world.SendAsync(HttpMethod.Patch, $"/v1/counterparts/{world.Counterpart}", new { organization = new { legal_name = "Renamed Buyer AG" }, tax_id = "DE222" }));
        Is(HttpStatusCode.OK, await world.SendAsync(HttpMethod.Patch, $"/v1/counterparts/{world.Counterpart}/addresses/{world.BillingAddress}", new { city = "Lübeck" }));

        var clone = await CloneAsync(world, id);
        Is(HttpStatusCode.Created, clone);
        Assert.Equal("Renamed Buyer AG", Text(clone.Body["counterpart_name"]));
        Assert.Equal("DE222", Text(clone.Body["counterpart_tax_id"]));
        Assert.Equal("Lübeck", Text(clone.Body["counterpart_billing_address"]!["city"]));
        var (_, source, _) = await world.GetAsync(id);
        Assert.Equal("Buyer AG", Text(source["counterpart_name"]));
        Assert.Equal("Hamburg", Text(source["counterpart_billing_address"]!["city"]));
    }

    [Fact]
    public async Task clone_refusals()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var id = await world.CreateIdAsync(world.Invoice());
        var (note, _) = await world.CreditNoteAsync();
        Is(HttpStatusCode.Conflict, await CloneAsync(world, note));
        Is(HttpStatusCode.NotFound, await CloneAsync(world, Guid.NewGuid().ToString()));

        var before = await api.CountStoredAsync("receivable", world.Entity);
        Is(HttpStatusCode.NoContent, await world.SendAsync(HttpMethod.Delete, $"/v1/counterparts/{world.Counterpart}"));
        Is(HttpStatusCode.Conflict, await CloneAsync(world, id));
        Assert.Equal(before, await api.CountStoredAsync("receivable", world.Entity));

        var stranger = await api.CreateEntityAsync(name: "Stranger GmbH");
        using var foreign = await api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/clone", entityId: stranger);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task a_credit_note_is_made_from_an_issued_invoice()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.InvoiceInAsync("issued", "INV-00007", world.CatalogLine(3), InlineLine("Travel", 5000, 1, Vat7));
        var (_, source, _) = await world.GetAsync(invoice);

        var created = await BasedOnAsync(world, "credit_note", invoice);
        Is(HttpStatusCode.Created, created);
        var note = created.Body;
        Assert.Equal("credit_note", Text(note["type"]));
        Assert.Equal("draft", Text(note["status"]));
        Assert.Equal(invoice, Text(note["based_on"]));
        Assert.Equal("INV-00007", Text(note["based_on_document_id"]));
        Assert.Null(note["document_id"]);
        Assert.Equal(source["line_items"]!.ToJsonString(), note["line_items"]!.ToJsonString());
        Assert.Equal(Amount(source["total_amount"]), Amount(note["total_amount"]));
        Assert.Equal(source["counterpart_billing_address"]!.ToJsonString(), note["counterpart_billing_address"]!.ToJsonString());
        Assert.Equal(Text(source["currency"]), Text(note["currency"]));
        foreach (var field in ReceivableCreateTests.CommonFields) Assert.True(note.ContainsKey(field), $"missing {field}");
        foreach (var field in new[] { "amount_due", "amount_paid", "amount_to_pay", "due_date", "payment_terms", "fulfillment_date", "paid_at", "comment", "related_documents", "total_amount_with_credit_notes", "payment_page_url", "expiry_date" })
            Assert.False(note.ContainsKey(field), $"credit note has {field}");
        foreach (var field in new[] { "is_einvoice", "purchase_order", "einvoice_error_comment" }) Assert.True(note.ContainsKey(field), $"missing {field}");

        foreach (var status in new[] { "partially_paid", "overdue" })
        {
            var other = await world.InvoiceInAsync(status, $"INV-{status}");
            Is(HttpStatusCode.Created, await BasedOnAsync(world, "credit_note", other));
        }
    }

    [Fact]
    public async Task credit_note_refusals()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var draft = await world.CreateIdAsync(world.Invoice());
        var paid = await world.InvoiceInAsync("paid");
        var canceled = await world.InvoiceInAsync("canceled", "INV-00002");
        var quote = await world.CreateIdAsync(world.Quote());
        await world.SetStatusAsync(quote, "issued");
        var before = await api.CountStoredAsync("receivable", world.Entity);

        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "credit_note", draft));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "credit_note", paid));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "credit_note", canceled));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "credit_note", quote));
        Is(HttpStatusCode.NotFound, await BasedOnAsync(world, "credit_note", Guid.NewGuid()));
        Assert.Equal(before, await api.CountStoredAsync("receivable", world.Entity));

        var issued = await world.InvoiceInAsync("issued", "INV-00003");
        Is(HttpStatusCode.Created, await BasedOnAsync(world, "credit_note", issued));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "credit_note", issued));
        // A credit note is not a source of anything.
        var (note, _) = await world.CreditNoteAsync();
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "credit_note", note));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "invoice", note));
    }

    [Fact]
    public async Task concurrent_credit_notes_for_one_invoice_at_most_one_succeeds()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.InvoiceInAsync("issued");
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BasedOnAsync(world, "credit_note", invoice)));
        foreach (var r in results) Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.Status} {r.Body.ToJsonString()}");
        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(2, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task an_invoice_is_made_from_an_accepted_or_issued_quote()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var body = Node(world.Quote(world.CatalogLine(4)));
        body["memo"] = "From the quote";
        var (quote, _) = await world.CreateAsync(body);
        var quoteId = Text(quote["id"]);
        await world.SetStatusAsync(quoteId, "accepted", "Q-00003");

        var created = await BasedOnAsync(world, "invoice", quoteId);
        Is(HttpStatusCode.Created, created);
        var invoice = created.Body;
        Assert.Equal("invoice", Text(invoice["type"]));
        Assert.Equal("draft", Text(invoice["status"]));
        Assert.Equal(quoteId, Text(invoice["based_on"]));
        Assert.Equal("Q-00003", Text(invoice["based_on_document_id"]));
        Assert.Equal(quote["line_items"]!.ToJsonString(), invoice["line_items"]!.ToJsonString());
        Assert.Equal("From the quote", Text(invoice["memo"]));
        Assert.Equal(Amount(quote["total_amount"]), Amount(invoice["amount_due"]));
        foreach (var field in ReceivableCreateTests.CommonFields.Concat(ReceivableCreateTests.InvoiceOnlyFields)) Assert.True(invoice.ContainsKey(field), $"missing {field}");
        Assert.False(invoice.ContainsKey("expiry_date"));

        var issuedQuote = await world.CreateIdAsync(world.Quote());
        await world.SetStatusAsync(issuedQuote, "issued");
        Is(HttpStatusCode.Created, await BasedOnAsync(world, "invoice", issuedQuote));
    }

    [Fact]
    public async Task invoice_from_quote_refusals()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var draftQuote = await world.CreateIdAsync(world.Quote());
        var declined = await world.CreateIdAsync(world.Quote());
        await world.SetStatusAsync(declined, "declined");
        var invoice = await world.InvoiceInAsync("issued");
        var before = await api.CountStoredAsync("receivable", world.Entity);

        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "invoice", draftQuote));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "invoice", declined));
        Is(HttpStatusCode.Conflict, await BasedOnAsync(world, "invoice", invoice));
        Is(HttpStatusCode.NotFound, await BasedOnAsync(world, "invoice", Guid.NewGuid()));
        Assert.Equal(before, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task based_on_with_extra_fields_or_as_a_quote_is_422()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.InvoiceInAsync("issued");
        var before = await api.CountStoredAsync("receivable", world.Entity);

        var extra = await world.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoice, memo = "x", currency = "EUR" });
        Is(HttpStatusCode.UnprocessableEntity, extra);
        var locs = Json.Detail(extra.Body).Select(d => Json.Loc(d!)).ToList();
        Assert.Contains("body.memo", locs);
        Assert.Contains("body.currency", locs);
        Assert.All(Json.Detail(extra.Body), d => Assert.Equal("value_error.extra", Text(d!["type"])));
        Is(HttpStatusCode.UnprocessableEntity, await world.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoice, line_items = Array.Empty<object>() }));
        Is(HttpStatusCode.UnprocessableEntity, await BasedOnAsync(world, "quote", invoice));
        Is(HttpStatusCode.UnprocessableEntity, await BasedOnAsync(world, "credit_note", "not-a-uuid"));
        var tags = await world.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoice, tag_ids = Array.Empty<Guid>() });
        Is(HttpStatusCode.Created, tags);
        Assert.Equal(before + 1, await api.CountStoredAsync("receivable", world.Entity));
    }

    private static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> PostWithKeyAsync(DocumentWorld world, string path, object? body, string key) =>
        SendWithKeyAsync(world, path, body, key);

    private static async Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> SendWithKeyAsync(DocumentWorld world, string path, object? body, string key)
    {
        using var response = await world.Api.SendAsync(HttpMethod.Post, path, body, world.Entity, configure: r => r.Headers.Add("Idempotency-Key", key));
        var text = await response.Content.ReadAsStringAsync();
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
        var json = text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
        if (replayed) json["__replayed"] = true;
        return (response.StatusCode, json, response.Headers.ETag?.Tag);
    }

    private static JsonObject WithoutMarker(JsonObject body)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove("__replayed");
        return copy;
    }

    [Fact]
    public async Task a_quote_create_retried_with_its_key_replays_and_another_body_is_409()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(world, "/v1/receivables", world.Quote(), key);
        Is(HttpStatusCode.Created, first);
        var retry = await PostWithKeyAsync(world, "/v1/receivables", world.Quote(), key);
        Is(HttpStatusCode.Created, retry);
        Assert.True(retry.Body.ContainsKey("__replayed"));
        Assert.Equal(first.Body.ToJsonString(), WithoutMarker(retry.Body).ToJsonString());
        Assert.Equal(first.ETag, retry.ETag);
        Is(HttpStatusCode.Conflict, await PostWithKeyAsync(world, "/v1/receivables", world.Quote(world.CatalogLine(9)), key));
        Assert.Equal(1, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task a_based_on_credit_note_retried_with_its_key_replays_instead_of_409()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.InvoiceInAsync("issued");
        var other = await world.InvoiceInAsync("issued", "INV-00002");
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(world, "/v1/receivables", new { type = "credit_note", based_on = invoice }, key);
        Is(HttpStatusCode.Created, first);
        var retry = await PostWithKeyAsync(world, "/v1/receivables", new { type = "credit_note", based_on = invoice }, key);
        Is(HttpStatusCode.Created, retry);
        Assert.True(retry.Body.ContainsKey("__replayed"));
        Assert.Equal(Text(first.Body["id"]), Text(retry.Body["id"]));
        var different = await PostWithKeyAsync(world, "/v1/receivables", new { type = "credit_note", based_on = other }, key);
        Is(HttpStatusCode.Conflict, different);
        Assert.Equal(3, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task a_clone_retried_with_its_key_replays_and_the_key_on_another_source_is_409()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var invoice = await world.CreateIdAsync(world.Invoice());
        var quote = await world.CreateIdAsync(world.Quote());
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(world, $"/v1/receivables/{invoice}/clone", null, key);
        Is(HttpStatusCode.Created, first);
        var retry = await PostWithKeyAsync(world, $"/v1/receivables/{invoice}/clone", null, key);
        Is(HttpStatusCode.Created, retry);
        Assert.True(retry.Body.ContainsKey("__replayed"));
        Assert.Equal(Text(first.Body["id"]), Text(retry.Body["id"]));
        Is(HttpStatusCode.Conflict, await PostWithKeyAsync(world, $"/v1/receivables/{quote}/clone", null, key));
        Assert.Equal(3, await api.CountStoredAsync("receivable", world.Entity));
        var other = await PostWithKeyAsync(world, $"/v1/receivables/{invoice}/clone", null, Guid.NewGuid().ToString());
        Is(HttpStatusCode.Created, other);
        Assert.NotEqual(Text(first.Body["id"]), Text(other.Body["id"]));
    }
}
