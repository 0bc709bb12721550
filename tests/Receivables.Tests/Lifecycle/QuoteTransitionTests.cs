using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// The quote state machine of spec 5.2 over HTTP, and the invoice rows of spec 5.1 that start from a quote (accept,
/// create based_on). The default quote is one catalog unit: 120.00 + 19 % = 142.80.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class QuoteTransitionTests(ApiHost api)
{
    private static readonly object Signature = new
    {
        email = "mary@buyer.example",
        full_name = "Mary Major",
        // A 1×1 PNG, base64.
        signature_image = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    };

    [Fact]
    public async Task accept_answers_success_and_creates_the_draft_invoice_in_the_quotes_history()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var draft = await w.ReadAsync(await w.CreateIdAsync(w.Quote()));
        Assert.Equal("draft", draft.Status());
        Assert.Null(draft["document_id"]);

        var quote = await w.DoneAsync(draft.Id(), "issue");
        Assert.Equal("issued", quote.Status());
        Assert.Equal("Q-00001", quote.Text("document_id"));
        Refused(await w.ActAsync(quote.Id(), "issue"), "issued");

        var (status, body, _) = await w.ActAsync(quote.Id(), "accept");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"success":true}""", body.ToJsonString());
        Assert.Equal("accepted", (await w.ReadAsync(quote.Id())).Status());

        var history = await w.HistoryAsync(quote.Id());
        Assert.Equal(["draft→issued", "issued→accepted"], history.StatusChanges());
        var created = Assert.Single(history, h => h["event_type"]!.GetValue<string>() == "based_on_receivable_created");
        Assert.Equal("invoice", created["event_data"]!["type"]!.GetValue<string>());
        var invoice = await w.ReadAsync(created["event_data"]!["receivable_id"]!.GetValue<string>());
        Assert.Equal("invoice", invoice.Text("type"));
        Assert.Equal(quote.Id(), invoice.Text("based_on"));
        Assert.Equal("Q-00001", invoice.Text("based_on_document_id"));
        Assert.Null(invoice["document_id"]);
        // The quote's one unit: 142.80, owed in full, nothing paid.
        Assert.Equal(OneUnit, invoice.Minor("total_amount"));
        Assert.Equal(("draft", 0L, OneUnit, OneUnit, OneUnit), invoice.Amounts());
        Assert.Equal(["receivable_created"], (await w.HistoryAsync(invoice.Id())).EventTypes());
        Assert.Equal(2, await api.CountStoredAsync("receivable", w.Entity));
    }

    [Fact]
    public async Task an_accepted_quote_takes_only_reads_clones_and_invoices_based_on_it()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedQuoteAsync()).Id();
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(id, "accept")).Status);

        Refused(await w.ActAsync(id, "accept"), "accepted");
        Refused(await w.ActAsync(id, "decline"), "accepted");
        Refused(await w.ActAsync(id, "issue"), "accepted");
        Refused(await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}"), "accepted");
        Refused(await w.PatchAsync(id, new { quote = new { memo = "later" } }), "accepted");

        // The older flow: an invoice based on the accepted quote, a draft.
        var (status, invoice, _) = await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "invoice", based_on = id });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("draft", 0L, OneUnit, OneUnit, OneUnit), invoice.Amounts());
        Assert.Equal(id, invoice.Text("based_on"));
        // A quote has no bank account or payment terms: the invoice is not issued until it has them.
        Conflict(await w.ActAsync(invoice.Id(), "issue"), "payment_terms");
        (status, var completed, _) = await w.PatchAsync(invoice.Id(), new { invoice = new { entity_bank_account_id = w.BankAccount, payment_terms_id = w.PaymentTerms } });
        Assert.True(status == HttpStatusCode.OK, completed.ToJsonString());
        // Then it goes on through its own life: issued it is INV-00001 and owes 142.80.
        var issued = await w.DoneAsync(invoice.Id(), "issue");
        Assert.Equal("INV-00001", issued.Text("document_id"));
        // 14280 − round(285.6) = 13994 within 10 days.
        Assert.Equal(("issued", 0L, OneUnit, 13994L, OneUnit), issued.Amounts());

        (status, var clone, _) = await w.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/clone");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("draft", clone.Status());
        Assert.Equal("accepted", (await w.ReadAsync(id)).Status());
    }

    [Fact]
    public async Task a_quote_that_requires_a_signature_is_accepted_only_with_one()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var body = DocumentWorld.Node(w.Quote());
        body["signature_required"] = true;
        var id = (await w.IssuedQuoteAsync(body)).Id();

        Conflict(await w.ActAsync(id, "accept"), "signature");
        Conflict(await w.ActAsync(id, "accept", new { }), "signature");
        Assert.Equal("issued", (await w.ReadAsync(id)).Status());
        Assert.Equal(1, await api.CountStoredAsync("receivable", w.Entity));

        var (status, answer, _) = await w.ActAsync(id, "accept", new { signature = Signature });
        Assert.True(status == HttpStatusCode.OK, answer.ToJsonString());
        Assert.True(answer["success"]!.GetValue<bool>());
        Assert.Equal("accepted", (await w.ReadAsync(id)).Status());
    }

    [Fact]
    public async Task a_signature_may_come_with_a_quote_that_does_not_require_one_but_must_be_complete()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedQuoteAsync()).Id();
        var (status, body, _) = await w.ActAsync(id, "accept", new { signature = new { email = "mary@buyer.example", full_name = "Mary Major" } });
        Invalid(status, body, "body.signature.signature_image");
        Assert.Equal("issued", (await w.ReadAsync(id)).Status());
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(id, "accept", new { signature = Signature })).Status);
    }

    [Fact]
    public async Task decline_keeps_the_comment_and_is_final()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedQuoteAsync()).Id();

        var (status, body, _) = await w.ActAsync(id, "decline", new { comment = "Too expensive" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"success":true}""", body.ToJsonString());
        var declined = await w.ReadAsync(id);
        Assert.Equal("declined", declined.Status());
        Assert.Equal("Too expensive", declined.Text("comment"));
        Assert.Equal(["draft→issued", "issued→declined"], (await w.HistoryAsync(id)).StatusChanges());

        Refused(await w.ActAsync(id, "accept", new { signature = Signature }), "declined");
        Refused(await w.ActAsync(id, "decline"), "declined");
        Refused(await w.ActAsync(id, "issue"), "declined");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "invoice", based_on = id }), "declined");
        Assert.Equal(1, await api.CountStoredAsync("receivable", w.Entity));

        // Declining without a body is fine too.
        var other = (await w.IssuedQuoteAsync()).Id();
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(other, "decline")).Status);
        Assert.Equal("declined", (await w.ReadAsync(other)).Status());
    }

    [Fact]
    public async Task a_draft_quote_is_neither_accepted_nor_declined_nor_invoiced()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Quote());
        Refused(await w.ActAsync(id, "accept"), "draft");
        Refused(await w.ActAsync(id, "decline"), "draft");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "invoice", based_on = id }), "draft");

        // draft → draft (PATCH), draft → deleted.
        var (status, patched, _) = await w.PatchAsync(id, new { quote = new { memo = "v2" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draft", patched.Status());
        Assert.Equal(HttpStatusCode.NoContent, (await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.GetAsync(id)).Status);
    }

    [Fact]
    public async Task an_issued_quote_expires_the_day_after_its_expiry_date_and_is_then_final()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var body = DocumentWorld.Node(w.Quote());
        body["expiry_date"] = Day(Today);
        var id = (await w.IssuedQuoteAsync(body)).Id();
        var later = (await w.IssuedQuoteAsync()).Id(); // expires 2099-12-31

        await w.SweepAt(0).RunAsync(default);
        Assert.Equal("issued", (await w.ReadAsync(id)).Status());

        await w.SweepTomorrowAsync();
        Assert.Equal("expired", (await w.ReadAsync(id)).Status());
        Assert.Equal("issued", (await w.ReadAsync(later)).Status());
        Assert.Equal(["draft→issued", "issued→expired"], (await w.HistoryAsync(id)).StatusChanges());

        Refused(await w.ActAsync(id, "accept"), "expired");
        Refused(await w.ActAsync(id, "decline"), "expired");
        Refused(await w.ActAsync(id, "issue"), "expired");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "invoice", based_on = id }), "expired");
        Assert.Equal(2, await api.CountStoredAsync("receivable", w.Entity));

        await w.SweepTomorrowAsync();
        Assert.Single((await w.HistoryAsync(id)).StatusChanges(), c => c == "issued→expired");
    }

    [Fact]
    public async Task a_quote_past_its_expiry_date_is_not_issued()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var body = DocumentWorld.Node(w.Quote());
        body["expiry_date"] = Day(Today.AddDays(-1));
        var id = await w.CreateIdAsync(body);

        Conflict(await w.ActAsync(id, "issue"), "expiry_date");
        var quote = await w.ReadAsync(id);
        Assert.Equal("draft", quote.Status());
        Assert.Null(quote["document_id"]);
        Assert.Equal(1, (await w.NextNumbersAsync())["quote"]!.GetValue<long>());
    }

    [Fact]
    public async Task accept_with_an_idempotency_key_creates_one_invoice()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedQuoteAsync()).Id();
        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var response = await api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/accept", new JsonObject(), w.Entity, configure: r => r.Headers.Add("Idempotency-Key", key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Single(await w.HistoryAsync(id, "?event_type__in=based_on_receivable_created"));
        Assert.Equal(2, await api.CountStoredAsync("receivable", w.Entity));
    }
}
