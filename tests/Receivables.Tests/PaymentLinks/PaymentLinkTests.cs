using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.PaymentLinks;

/// <summary>
/// <c>/v1/payment_links</c> over HTTP (spec 6.8): the link, its invoice's <c>payment_page_url</c> written in the same
/// batch, the statuses that take a link, the amount rule for partial links, expiry, and the status a link reports as
/// its invoice moves. The default invoice is 428.40 on "2/10 net 30": amount_to_pay 419.83 while the 10 days run.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class PaymentLinkTests(ApiHost api)
{
    private const long ToPay = 41983;

    [Fact]
    public async Task a_link_for_an_issued_invoice_asks_for_its_amount_to_pay_and_becomes_its_payment_page_url()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var invoice = await w.IssuedInvoiceAsync();
        var id = invoice.Id();
        var revisionBefore = (await w.StoredAsync(id))["pdf"]!["current"]!.GetValue<int>();

        var link = await w.LinkAsync(id, b => b["return_url"] = "https://shop.example/thanks");

        Assert.True(Guid.TryParse(link.Id(), out _));
        Assert.Equal(ToPay, link.Minor("amount"));
        Assert.Equal("EUR", link.Text("currency"));
        Assert.Equal("created", link.Status());
        Assert.Equal(["sepa_credit"], link["payment_methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(invoice.Text("document_id"), link.Text("payment_reference"));
        Assert.Equal("https://shop.example/thanks", link.Text("return_url"));
        Assert.True(Guid.TryParse(link.Text("payment_intent_id"), out _));
        Assert.Equal(link.Text("payment_intent_id"), link["payment_intent"]!["id"]!.GetValue<string>());
        Assert.Equal(id, link["payment_intent"]!["object"]!["id"]!.GetValue<string>());
        var recipient = link["recipient"]!.AsObject();
        Assert.Equal(w.Entity.ToString(), recipient.Text("id"));
        Assert.Equal("entity", recipient.Text("type"));
        Assert.Equal("Issuer GmbH", recipient.Text("name"));
        var account = Assert.Single(recipient["bank_accounts"]!.AsArray())!.AsObject();
        Assert.Equal("DE89370400440532013000", account.Text("iban"));
        Assert.Equal("COBADEFFXXX", account.Text("bic"));
        // Default expiry: 30 days after the due date (issue + 30 days), at the end of that day.
        var due = DateOnly.Parse(invoice.Text("due_date")!, CultureInfo.InvariantCulture);
        Assert.Equal(due.AddDays(30).ToDateTime(new TimeOnly(23, 59, 59)), DateTimeOffset.Parse(link.Text("expires_at")!, CultureInfo.InvariantCulture).UtcDateTime);
        // Nothing stored is returned: no entity_id, resource, object or claims.
        Assert.False(link.ContainsKey("entity_id") || link.ContainsKey("resource") || link.ContainsKey("object") || link.ContainsKey("expired_by_request"));

        var pageUrl = link.Text("payment_page_url")!;
        Assert.StartsWith($"{api.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)}/v1/payment_pages/", pageUrl, StringComparison.Ordinal);
        Assert.Equal(64, pageUrl.Split('/')[^1].Length);
        Assert.Equal(pageUrl, (await w.ReadAsync(id)).Text("payment_page_url"));
        // The PDF's QR code now points to the page: a new revision, written with the link.
        Assert.Equal(revisionBefore + 1, (await w.StoredAsync(id))["pdf"]!["current"]!.GetValue<int>());

        var (status, read, etag) = await w.GetLinkAsync(link.Id());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(etag);
        Assert.Equal(link.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public async Task overdue_and_partially_paid_invoices_take_links_other_statuses_and_types_are_409_and_nothing_is_written()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var overdue = await w.OverdueInvoiceAsync();
        Assert.Equal(ThreeUnits, (await w.LinkAsync(overdue.Id()))["amount"]!.GetValue<long>());

        var partly = (await w.IssuedInvoiceAsync()).Id();
        await w.PaidAsync(partly, 10000);
        // 328.40 due, less 2 % while the discount runs: 321.83.
        Assert.Equal(32183, (await w.LinkAsync(partly))["amount"]!.GetValue<long>());

        var draft = await w.CreateIdAsync(w.Invoice());
        Refused(await w.CreateLinkAsync(w.LinkBody(draft)), "draft");
        var paid = (await w.IssuedInvoiceAsync()).Id();
        await w.DoneAsync(paid, "mark_as_paid");
        Refused(await w.CreateLinkAsync(w.LinkBody(paid)), "paid");
        var uncollectible = (await w.OverdueInvoiceAsync()).Id();
        await w.DoneAsync(uncollectible, "mark_as_uncollectible");
        Refused(await w.CreateLinkAsync(w.LinkBody(uncollectible)), "uncollectible");

        var quote = (await w.IssuedQuoteAsync()).Id();
        Conflict(await w.CreateLinkAsync(w.LinkBody(quote)), "payment links are for invoices");
        var (note, _) = await w.CreditNoteAsync();
        Conflict(await w.CreateLinkAsync(w.LinkBody(note)), "payment links are for invoices");

        var (status, body, _) = await w.CreateLinkAsync(w.LinkBody(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("not found", Json.Error(body), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(2, await api.CountStoredAsync("payment_link", w.Entity));
        foreach (var refused in new[] { draft, paid, uncollectible, quote, note }) Assert.Null((await w.ReadAsync(refused)).Text("payment_page_url"));
    }

    [Fact]
    public async Task partial_links_may_ask_only_for_what_active_links_leave_and_expiring_one_frees_its_amount()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        var first = await w.LinkAsync(id, b => b["amount"] = 20000);
        Assert.Equal(20000, first.Minor("amount"));
        var second = await w.LinkAsync(id, b => b["amount"] = 20000);
        Assert.Equal(second.Text("payment_page_url"), (await w.ReadAsync(id)).Text("payment_page_url"));

        // 419.83 − 400.00 = 19.83 left: one cent more is refused, naming the figures.
        var (status, body, _) = await w.CreateLinkAsync(w.LinkBody(id, b => b["amount"] = 1984));
        Invalid(status, body, "body.amount");
        Assert.Contains("1983", Json.Detail(body)[0]!["msg"]!.GetValue<string>(), StringComparison.Ordinal);

        // Without an amount a link asks for the rest.
        Assert.Equal(1983, (await w.LinkAsync(id)).Minor("amount"));
        // Nothing left: a link without an amount is a conflict, not a link of 0.
        Conflict(await w.CreateLinkAsync(w.LinkBody(id)), "expire one first");

        // Expiring a link frees what it asked for.
        Assert.Equal("expired", (await w.ExpireLinkAsync(first.Id())).Body.Status());
        Assert.Equal(20000, (await w.LinkAsync(id)).Minor("amount"));

        // A link past its expires_at no longer holds its amount either.
        await w.SetLinkExpiryAsync(second.Id(), DateTimeOffset.UtcNow.AddMinutes(-1));
        var claims = (await w.StoredAsync(id))["payment_link_claims"]!.AsArray();
        Assert.Equal(3, claims.Count);
        var container = await api.StoreContainerAsync();
        // The claim on the invoice carries the link's expiry: move it too, as time would.
        var index = claims.Select((c, i) => (c, i)).Single(x => x.c!["link_id"]!.GetValue<string>() == second.Id()).i;
        await container.PatchItemAsync<JsonObject>(id, new Microsoft.Azure.Cosmos.PartitionKey(w.Entity.ToString()),
            [Microsoft.Azure.Cosmos.PatchOperation.Set($"/payment_link_claims/{index}/expires_at", Receivables.Api.UtcTimestampConverter.Format(DateTimeOffset.UtcNow.AddMinutes(-1)))]);
        Assert.Equal(20000, (await w.LinkAsync(id)).Minor("amount"));
    }

    [Fact]
    public async Task expire_ends_a_link_for_good_and_a_paid_invoice_makes_its_links_succeeded()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var link = await w.LinkAsync(id);

        var (status, expired, _) = await w.ExpireLinkAsync(link.Id());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("expired", expired.Status());
        Assert.Equal("expired", (await w.GetLinkAsync(link.Id())).Body.Status());
        // Again: the same answer, nothing changes.
        Assert.Equal(("expired", HttpStatusCode.OK), ((await w.ExpireLinkAsync(link.Id())).Body.Status(), (await w.ExpireLinkAsync(link.Id())).Status));
        // Paying the invoice afterwards does not revive it.
        await w.DoneAsync(id, "mark_as_paid");
        Assert.Equal("expired", (await w.GetLinkAsync(link.Id())).Body.Status());

        var other = (await w.IssuedInvoiceAsync()).Id();
        var live = await w.LinkAsync(other);
        await w.PaidAsync(other, ThreeUnits);
        Assert.Equal("succeeded", (await w.GetLinkAsync(live.Id())).Body.Status());
        Conflict(await w.ExpireLinkAsync(live.Id()), "succeeded");

        var third = (await w.IssuedInvoiceAsync()).Id();
        var timed = await w.LinkAsync(third);
        await w.SetLinkExpiryAsync(timed.Id(), DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal("expired", (await w.GetLinkAsync(timed.Id())).Body.Status());

        Assert.Equal(HttpStatusCode.NotFound, (await w.ExpireLinkAsync(Guid.NewGuid().ToString())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.GetLinkAsync(Guid.NewGuid().ToString())).Status);
        Invalid((await w.GetLinkAsync("not-a-uuid")).Status, (await w.GetLinkAsync("not-a-uuid")).Body, "path.payment_link_id");
        // Another entity's link is unknown, exactly like an unknown id.
        var stranger = await DocumentWorld.CreateAsync(api, "Stranger GmbH");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetLinkAsync(live.Id())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.ExpireLinkAsync(timed.Id())).Status);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.payment_methods" },
        { """{"payment_methods": [], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.payment_methods" },
        { """{"payment_methods": ["sepa_credit", "sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.payment_methods" },
        { """{"payment_methods": ["bitcoin"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.payment_methods.0" },
        { """{"payment_methods": ["sepa_credit"], "object": {"type": "receivable", "id": "@invoice"}}""", "body.recipient" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "counterpart", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.recipient.type" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@other"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.recipient.id" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.recipient.id" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "payable", "id": "@invoice"}}""", "body.object.type" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable"}}""", "body.object.id" },
        { """{"payment_methods": ["card"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.payment_methods.0" },
        { """{"payment_methods": ["sepa_credit", "klarna"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.payment_methods.1" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "amount": 1000, "currency": "EUR", "payment_reference": "INV-1"}""", "body.object" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "currency": "EUR"}""", "body.currency" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "payment_reference": "X"}""", "body.payment_reference" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "invoice": {"due_date": "2030-01-01"}}""", "body.invoice" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "currency": "XXX"}""", "body.currency" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "invoice": {"file": {"name": "a.pdf", "mimetype": "application/pdf"}}}""", "body.invoice.file.url" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "amount": 0}""", "body.amount" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "amount": 41984}""", "body.amount" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "return_url": "javascript:alert(1)"}""", "body.return_url" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "return_url": "/relative"}""", "body.return_url" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "return_url": "@long"}""", "body.return_url" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "expires_at": "@past"}""", "body.expires_at" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "expires_at": "@71days"}""", "body.expires_at" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "expires_at": "tomorrow"}""", "body.expires_at" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity"}, "object": {"type": "receivable", "id": "@invoice"}, "colour": "red"}""", "body.colour" },
        { """{"payment_methods": ["sepa_credit"], "recipient": {"type": "entity", "id": "@entity", "name": "x"}, "object": {"type": "receivable", "id": "@invoice"}}""", "body.recipient.name" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task each_rule_of_the_request_is_a_422_at_its_field_and_nothing_is_written(string template, string loc)
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var body = template.Replace("@entity", w.Entity.ToString(), StringComparison.Ordinal).Replace("@invoice", id, StringComparison.Ordinal)
            .Replace("@other", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("@long", "https://example.com/" + new string('a', 2084 - 20), StringComparison.Ordinal)
            .Replace("@past", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@71days", DateTimeOffset.UtcNow.AddDays(71).ToString("O", CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await api.SendAsync(HttpMethod.Post, "/v1/payment_links", body, w.Entity);
        var answer = await Json.ReadAsync(response);

        Invalid(response.StatusCode, answer, loc);
        Assert.Equal(0, await api.CountStoredAsync("payment_link", w.Entity));
        Assert.Null((await w.ReadAsync(id)).Text("payment_page_url"));
    }

    [Fact]
    public async Task a_method_other_than_sepa_credit_is_refused_as_not_enabled_for_this_entity()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var (status, body, _) = await w.CreateLinkAsync(w.LinkBody(id, b => b["payment_methods"] = new JsonArray("card", "sepa_credit")));
        Invalid(status, body, "body.payment_methods.0");
        Assert.Contains("not enabled for this entity", Json.Detail(body)[0]!["msg"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task sepa_credit_is_refused_for_an_invoice_not_in_euro_or_without_an_iban()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var container = await api.StoreContainerAsync();
        var key = new Microsoft.Azure.Cosmos.PartitionKey(w.Entity.ToString());
        // Test arrangement in the store: no route of this version issues such an invoice with this world's bank account.
        var dollars = (await w.IssuedInvoiceAsync()).Id();
        await container.PatchItemAsync<JsonObject>(dollars, key, [Microsoft.Azure.Cosmos.PatchOperation.Set("/currency", "USD")]);
        var noIban = (await w.IssuedInvoiceAsync()).Id();
        await container.PatchItemAsync<JsonObject>(noIban, key, [Microsoft.Azure.Cosmos.PatchOperation.Set("/entity_bank_account/iban", (string?)null)]);

        var (status, body, _) = await w.CreateLinkAsync(w.LinkBody(dollars));
        Invalid(status, body, "body.payment_methods.0");
        Assert.Contains("USD", Json.Detail(body)[0]!["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        (status, body, _) = await w.CreateLinkAsync(w.LinkBody(noIban));
        Invalid(status, body, "body.payment_methods.0");
        Assert.Contains("IBAN", Json.Detail(body)[0]!["msg"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await api.CountStoredAsync("payment_link", w.Entity));
    }

    [Fact]
    public async Task an_expiry_within_70_days_is_taken_as_given()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var at = DateTimeOffset.UtcNow.AddDays(69).AddTicks(-DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond);
        var link = await w.LinkAsync(id, b => b["expires_at"] = at.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(at.UtcDateTime, DateTimeOffset.Parse(link.Text("expires_at")!, CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_first_link_and_writes_nothing_more()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var key = Guid.NewGuid().ToString();
        var first = await w.CreateLinkAsync(w.LinkBody(id, b => b["amount"] = 100), key);
        var retry = await w.CreateLinkAsync(w.LinkBody(id, b => b["amount"] = 100), key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, retry.Status));
        Assert.Equal(first.Body.ToJsonString(), retry.Body.ToJsonString());
        Assert.Equal(1, await api.CountStoredAsync("payment_link", w.Entity));
        Assert.Single((await w.StoredAsync(id))["payment_link_claims"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await w.CreateLinkAsync(w.LinkBody(id, b => b["amount"] = 200), key)).Status);
    }

    /// <summary>Round trips to Cosmos DB, counted at the SDK: a link's create, read and expire, and the public page.</summary>
    [Fact]
    public async Task a_link_costs_four_round_trips_to_create_and_its_page_one_to_show()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var before = api.Cosmos.Count;
        var link = await w.LinkAsync(id);
        // The invoice read and the batch of link and invoice; then the new PDF revision (its QR code opens the page) is
        // stored and recorded: the entity read for the renderer and one conditional replace.
        Assert.Equal(4, api.Cosmos.Count - before);

        before = api.Cosmos.Count;
        var (status, _, _) = await api.OpenPageAsync(link.Text("payment_page_url")!);
        Assert.Equal((HttpStatusCode.OK, 1L), (status, api.Cosmos.Count - before));

        before = api.Cosmos.Count;
        Assert.Equal(HttpStatusCode.OK, (await w.GetLinkAsync(link.Id())).Status);
        Assert.Equal(2, api.Cosmos.Count - before);

        before = api.Cosmos.Count;
        Assert.Equal(HttpStatusCode.OK, (await w.ExpireLinkAsync(link.Id())).Status);
        Assert.Equal(3, api.Cosmos.Count - before);
    }
}
