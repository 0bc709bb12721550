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
            var operations = new ReceivableOperations(api.Service<DocumentStore>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(daysAhead)));
            var read = await operations.GetAsync(w.Entity, Guid.Parse(invoice.Id()), default);
            return ((Invoice)read.Document).AmountToPay;
        }
        Assert.Equal(41_983, await ToPayOn(10));
        Assert.Equal(42_840, await ToPayOn(11));
    }
}
