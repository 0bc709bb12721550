using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// Many requests at once on the same documents: every status change happens exactly once, atomically with its side
/// effects, and what the documents say agrees with their history. No answer is a 5xx.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class RaceTests(ApiHost api)
{
    [Fact]
    public async Task fifty_conflicting_actions_on_one_invoice_end_in_one_valid_state()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var invoice = await w.IssuedInvoiceAsync(w.CatalogLine(10)); // 1,200.00 + 19 % = 1,428.00
        var id = invoice.Id();
        const long total = 142_800;

        var random = new Random(7);
        var requests = Enumerable.Range(0, 50).Select(i => (i % 10) switch
        {
            0 => w.ActAsync(id, "cancel"),
            1 => w.ActAsync(id, "mark_as_paid"),
            2 or 3 => w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = random.NextInt64(1, total) }),
            4 or 5 => w.SendAsync(HttpMethod.Post, "/v1/payment_records", new { amount = random.NextInt64(-5_000, 20_000) is var a && a != 0 ? a : 1, currency = "EUR", @object = new { type = "receivable", id } }),
            6 => CreditAsync(w, id),
            7 => w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }),
            8 => w.ActAsync(id, "mark_as_uncollectible"),
            _ => w.ActAsync(id, "issue"),
        }).ToList();
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, a => Assert.True((int)a.Status < 500, $"{a.Status} {a.Body.ToJsonString()}"));
        Assert.Contains(answers, a => a.Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent);

        // The invoice's amounts agree with each other and with everything recorded against it.
        var final = await w.ReadAsync(id);
        var creditNotes = await CreditNotesAsync(w, id);
        var issuedCredit = creditNotes.Where(c => c["status"]!.GetValue<string>() == "issued").Sum(c => c["total_amount"]!.GetValue<long>());
        Assert.Equal(total - issuedCredit, final.Minor("total_amount_with_credit_notes"));
        Assert.Equal(total - issuedCredit, final.Minor("amount_paid") + final.Minor("amount_due"));
        Assert.True(final.Minor("amount_paid") >= 0 && final.Minor("amount_due") >= 0, final.ToJsonString());
        Assert.Equal(
            creditNotes.Where(c => c["status"]!.GetValue<string>() == "issued").Select(c => c["id"]!.GetValue<string>()).Order(),
            final["related_documents"]!["credit_note_ids"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        Assert.True(creditNotes.Count(c => c["status"]!.GetValue<string>() == "draft") <= 1, "more than one draft credit note");

        var history = await AllHistoryAsync(w, id);
        var payments = history.Where(h => h["event_type"]!.GetValue<string>() == "payment_received").Sum(h => h["event_data"]!["amount_paid"]!.GetValue<long>());
        Assert.Equal(final.Minor("amount_paid"), payments);
        // Status changes form one chain from draft to the current status: each change starts where the previous ended.
        var changes = history.Where(h => h["event_type"]!.GetValue<string>() == "status_changed")
            .Select(h => (Old: h["event_data"]!["old_status"]!.GetValue<string>(), New: h["event_data"]!["new_status"]!.GetValue<string>())).ToList();
        Assert.Equal("draft", changes[0].Old);
        for (var i = 1; i < changes.Count; i++) Assert.Equal(changes[i - 1].New, changes[i].Old);
        Assert.Equal(final.Status(), changes[^1].New);
        // One issue only: the invoice kept its first number.
        Assert.Equal(invoice["document_id"]!.GetValue<string>(), final["document_id"]!.GetValue<string>());
        Assert.Equal(1, changes.Count(c => c.Old == "draft"));
    }

    [Fact]
    public async Task two_hundred_concurrent_issues_across_ten_entities_give_gapless_numbers_per_entity()
    {
        var worlds = new List<DocumentWorld>();
        for (var e = 0; e < 10; e++) worlds.Add(await DocumentWorld.CreateAsync(api, $"Racer {e} GmbH"));
        var drafts = new List<(DocumentWorld World, string Id)>();
        foreach (var w in worlds)
            for (var i = 0; i < 20; i++) drafts.Add((w, await w.CreateIdAsync(w.Invoice())));

        var answers = await Task.WhenAll(drafts.Select(d => d.World.ActAsync(d.Id, "issue")));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Status} {a.Body.ToJsonString()}"));
        foreach (var w in worlds)
        {
            var numbers = answers.Where(a => a.Body["entity"] is not null && drafts.Any(d => d.World == w && d.Id == a.Body.Id()))
                .Select(a => a.Body["document_id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Enumerable.Range(1, 20).Select(n => $"INV-{n:D5}"), numbers);
            var (status, next, _) = await w.SendAsync(HttpMethod.Get, $"/v1/entities/{w.Entity}/settings/next_document_numbers");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(21, next.Minor("invoice"));
        }
    }

    /// <summary>A draft credit note for a small part of the invoice, then its issue (two requests, either may be refused).</summary>
    private static async Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> CreditAsync(DocumentWorld w, string invoiceId)
    {
        var created = await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoiceId });
        if (created.Status != HttpStatusCode.Created) return created;
        var id = created.Body.Id();
        // Credit one of the ten lines.
        var lines = created.Body["line_items"]!.AsArray();
        var productId = lines[0]!["product"]!["id"]!.GetValue<string>();
        var patched = await w.PatchAsync(id, new { credit_note = new { line_items = new Dictionary<string, object> { [productId] = new { quantity = 1 } } } });
        if (patched.Status != HttpStatusCode.OK) return patched;
        return await w.ActAsync(id, "issue");
    }

    private async Task<List<JsonObject>> CreditNotesAsync(DocumentWorld w, string invoiceId)
    {
        var container = await api.StoreContainerAsync();
        var query = new QueryDefinition("SELECT * FROM c WHERE c.resource = 'receivable' AND c.type = 'credit_note' AND c.based_on = @id").WithParameter("@id", invoiceId);
        using var iterator = container.GetItemQueryIterator<JsonObject>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(w.Entity.ToString()) });
        var all = new List<JsonObject>();
        while (iterator.HasMoreResults) all.AddRange(await iterator.ReadNextAsync());
        return all;
    }

    private static async Task<List<JsonObject>> AllHistoryAsync(DocumentWorld w, string id)
    {
        var all = new List<JsonObject>();
        string? token = null;
        do
        {
            var (status, page, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history?limit=100" + (token is null ? "" : $"&pagination_token={token}"));
            Assert.Equal(HttpStatusCode.OK, status);
            all.AddRange(page["data"]!.AsArray().Select(e => e!.AsObject()));
            token = page["next_pagination_token"]?.GetValue<string>();
        }
        while (token is not null);
        return all;
    }
}
