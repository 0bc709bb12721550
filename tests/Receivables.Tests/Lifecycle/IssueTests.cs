using System.Net;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

[Collection(ApiTests.Name)]
public sealed class IssueTests(ApiHost api)
{
    [Fact]
    public async Task issuing_a_draft_invoice_numbers_dates_and_opens_its_amounts()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var invoice = await w.IssuedInvoiceAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Equal("issued", invoice.Status());
        Assert.Equal("INV-00001", invoice["document_id"]!.GetValue<string>());
        Assert.Equal(today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), invoice["due_date"]!.GetValue<string>());
        Assert.StartsWith(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), invoice["issue_date"]!.GetValue<string>(), StringComparison.Ordinal);
        // 3 × 120.00 = 360.00 net, 19 % VAT 68.40: 428.40; "2/10 net 30" takes 2 % off within 10 days: 419.83.
        Assert.Equal(("issued", 0L, 42840L, 41983L, 42840L), invoice.Amounts());

        var second = await w.IssuedInvoiceAsync();
        Assert.Equal("INV-00002", second["document_id"]!.GetValue<string>());
        var history = await w.HistoryAsync(invoice.Id());
        Assert.Equal(["receivable_created", "status_changed"], history.Select(h => h["event_type"]!.GetValue<string>()));
        Assert.Equal("draft", history[1]["event_data"]!["old_status"]!.GetValue<string>());
        Assert.Equal("issued", history[1]["event_data"]!["new_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task pay_half_then_the_rest()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        var (status, half, _) = await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 20000, comment = "first" });
        Assert.True(status == HttpStatusCode.OK, half.ToJsonString());
        Assert.Equal(("partially_paid", 20000L, 22840L, 22383L, 42840L), half.Amounts());

        (status, var paid, _) = await w.ActAsync(id, "mark_as_paid", new { comment = "rest" });
        Assert.True(status == HttpStatusCode.OK, paid.ToJsonString());
        Assert.Equal(("paid", 42840L, 0L, 0L, 42840L), paid.Amounts());
        Assert.NotNull(paid["paid_at"]!.GetValue<string>());

        var payments = (await w.HistoryAsync(id, "?event_type__in=payment_received")).Select(h => h["event_data"]!["amount_paid"]!.GetValue<long>());
        Assert.Equal([20000L, 22840L], payments);
    }
}
