using System.Net;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// Cosmos DB requests per lifecycle route, counted at the SDK: every action is one query for what it reads (the
/// document, the entity, the number counter) and one TransactionalBatch for everything it writes.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class LifecycleRoundTripTests(ApiHost api)
{
    private async Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        var before = api.Cosmos.Count;
        using var response = await call();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return api.Cosmos.Count - before;
    }

    private Task<long> PostAsync(DocumentWorld w, string path, object? body, HttpStatusCode expected) =>
        CountAsync(() => api.SendAsync(HttpMethod.Post, path, body, w.Entity), expected);

    private Task<long> GetAsync(DocumentWorld w, string path) =>
        CountAsync(() => api.SendAsync(HttpMethod.Get, path, null, path.StartsWith("/v1/entities", StringComparison.Ordinal) ? null : w.Entity), HttpStatusCode.OK);

    [Fact]
    public async Task each_lifecycle_route_makes_the_expected_number_of_round_trips()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var invoice = await w.CreateIdAsync(w.Invoice(w.CatalogLine(3)));
        // Issue: the action's read and batch, then the PDF revision recorded once its files are stored (issue 11).
        Assert.Equal(3, await PostAsync(w, $"/v1/receivables/{invoice}/issue", null, HttpStatusCode.OK));
        // A refused action costs its read only.
        Assert.Equal(1, await PostAsync(w, $"/v1/receivables/{invoice}/mark_as_uncollectible", null, HttpStatusCode.Conflict));
        Assert.Equal(2, await PostAsync(w, $"/v1/receivables/{invoice}/mark_as_partially_paid", new { amount_paid = 1000 }, HttpStatusCode.OK));
        Assert.Equal(2, await PostAsync(w, "/v1/payment_records", new { amount = 1000, currency = "EUR", @object = new { type = "receivable", id = invoice } }, HttpStatusCode.Created));
        // The credit note's issue also reads its invoice, which it changes in the same batch.
        var note = await w.CreateIdAsync(new { type = "credit_note", based_on = invoice });
        var (patched, _, _) = await w.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [w.Product.ToString()] = new { quantity = 1 } } } });
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(4, await PostAsync(w, $"/v1/receivables/{note}/issue", null, HttpStatusCode.OK));
        Assert.Equal(2, await PostAsync(w, $"/v1/receivables/{invoice}/mark_as_paid", null, HttpStatusCode.OK));
        // History also reads its receivable once when an event of the page shows a PDF (current_pdf_url, issue 11).
        Assert.Equal(2, await GetAsync(w, $"/v1/receivables/{invoice}/history"));
        var history = await w.HistoryAsync(invoice);
        Assert.Equal(1, await GetAsync(w, $"/v1/receivables/{invoice}/history/{history[0].Id()}"));
        Assert.Equal(1, await GetAsync(w, $"/v1/payment_records?object_id={invoice}"));
        Assert.Equal(1, await GetAsync(w, $"/v1/entities/{w.Entity}/settings/next_document_numbers"));

        // Cancel also counts the invoice's draft credit notes (one single-partition query) before its batch.
        var toCancel = (await w.IssuedInvoiceAsync()).Id();
        Assert.Equal(3, await PostAsync(w, $"/v1/receivables/{toCancel}/cancel", null, HttpStatusCode.NoContent));

        var quote = (await w.IssuedQuoteAsync()).Id();
        Assert.Equal(2, await PostAsync(w, $"/v1/receivables/{quote}/accept", null, HttpStatusCode.OK));
        var declined = (await w.IssuedQuoteAsync()).Id();
        Assert.Equal(2, await PostAsync(w, $"/v1/receivables/{declined}/decline", new { comment = "no" }, HttpStatusCode.OK));
    }
}
