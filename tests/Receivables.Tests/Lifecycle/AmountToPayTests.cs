using Microsoft.Extensions.Time.Testing;
using Receivables.Documents;
using Receivables.Store;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

/// <summary><c>amount_to_pay</c> follows the calendar: the early-payment discount ends with its term (spec 5.8).</summary>
[Collection(ApiTests.Name)]
public sealed class AmountToPayTests(ApiHost api)
{
    [Fact]
    public async Task reading_an_invoice_after_its_discount_term_shows_the_whole_amount_due()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var invoice = await w.IssuedInvoiceAsync(); // 428.40 due, "2/10 net 30": 419.83 within 10 days
        Assert.Equal(41_983, invoice.Minor("amount_to_pay"));

        // The same read on later days: the store is the host's, the clock is moved.
        async Task<long?> ToPayOn(int daysAhead)
        {
            var operations = new ReceivableOperations(api.Service<DocumentStore>(), api.Service<Receivables.Api.ListReader>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(daysAhead)), api.Service<Receivables.Pdfs.ReceivablePdfs>());
            var read = await operations.GetAsync(w.Entity, Guid.Parse(invoice.Id()), default);
            return ((Invoice)read.Document).AmountToPay;
        }
        Assert.Equal(41_983, await ToPayOn(10));
        Assert.Equal(42_840, await ToPayOn(11));
    }
}

/// <summary>Non-compliant edits of an invoice that has money against it: paid stays paid, the status follows.</summary>
[Collection(ApiTests.Name)]
public sealed class RepricedInvoiceTests(ApiHost api)
{
    [Fact]
    public async Task more_lines_on_a_paid_invoice_make_it_partially_paid_and_fewer_than_paid_are_refused()
    {
        var w = await DocumentWorld.CreateAsync(api);
        await w.SetEditFlowAsync("non_compliant");
        var id = (await w.IssuedInvoiceAsync()).Id(); // 3 × 120.00 + 19 %: 428.40
        Assert.Equal(System.Net.HttpStatusCode.OK, (await w.ActAsync(id, "mark_as_paid")).Status);

        // 4 × 120.00 + 19 % = 571.20: 142.80 more is due, and nothing is "paid" while it is.
        var (status, grown, _) = await w.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", new { data = new[] { w.CatalogLine(4) } });
        Assert.True(status == System.Net.HttpStatusCode.OK, grown.ToJsonString());
        var invoice = await w.ReadAsync(id);
        Assert.Equal(("partially_paid", 42_840L, 14_280L), (invoice.Status(), invoice.Minor("amount_paid"), invoice.Minor("amount_due")));
        Assert.Null(invoice["paid_at"]?.GetValue<string>());
        Assert.Contains("paid→partially_paid", (await w.HistoryAsync(id)).Where(h => h["event_type"]!.GetValue<string>() == "status_changed")
            .Select(h => $"{h["event_data"]!["old_status"]}→{h["event_data"]!["new_status"]}"));

        // 2 × 120.00 + 19 % = 285.60 is less than the 428.40 paid: refused until a refund is recorded.
        (status, var refused, _) = await w.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", new { data = new[] { w.CatalogLine(2) } });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, status);
        Assert.Contains("already paid", Json.Error(refused), StringComparison.Ordinal);
        Assert.Equal(14_280L, (await w.ReadAsync(id)).Minor("amount_due"));
    }
}
