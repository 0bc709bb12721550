using System.Net;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.Lifecycle;

/// <summary>Document numbers at issue (spec 5.6, 6.7 <c>document_ids</c>, <c>next_document_numbers</c>).</summary>
[Collection(ApiTests.Name)]
public sealed class NumberingTests(ApiHost api)
{
    [Fact]
    public async Task each_type_counts_on_its_own_from_1()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var next = await w.NextNumbersAsync();
        Assert.Equal("""{"invoice":1,"quote":1,"credit_note":1,"delivery_note":1,"purchase_order":1}""", next.ToJsonString());

        var invoice = await w.IssuedInvoiceAsync();
        Assert.Equal("INV-00001", invoice.Text("document_id"));
        Assert.Equal("INV-00002", (await w.IssuedInvoiceAsync()).Text("document_id"));
        Assert.Equal("Q-00001", (await w.IssuedQuoteAsync()).Text("document_id"));
        Assert.Equal("CN-00001", (await w.IssuedCreditNoteOfUnitsAsync(invoice.Id(), 1)).Text("document_id"));

        next = await w.NextNumbersAsync();
        Assert.Equal(3, next["invoice"]!.GetValue<long>());
        Assert.Equal(2, next["quote"]!.GetValue<long>());
        Assert.Equal(2, next["credit_note"]!.GetValue<long>());
        Assert.Equal(1, next["delivery_note"]!.GetValue<long>());

        // Drafts take no number.
        await w.CreateIdAsync(w.Invoice());
        Assert.Equal(3, (await w.NextNumbersAsync())["invoice"]!.GetValue<long>());
    }

    [Fact]
    public async Task document_ids_settings_shape_the_next_number()
    {
        var w = await DocumentWorld.CreateAsync(api);
        await w.IssuedInvoiceAsync(); // INV-00001
        await w.PatchSettingsAsync(new
        {
            document_ids = new { prefix = "ACME", separator = "/", include_date = true, min_digits = 5, next_number = new { invoice = 42 } },
        });
        Assert.Equal(42, (await w.NextNumbersAsync())["invoice"]!.GetValue<long>());

        var invoice = await w.IssuedInvoiceAsync();
        var year = invoice["issue_date"]!.GetValue<DateTimeOffset>().UtcDateTime.Year;
        Assert.Equal($"INV/ACME/{year}/00042", invoice.Text("document_id"));
        Assert.Equal($"INV/ACME/{year}/00043", (await w.IssuedInvoiceAsync()).Text("document_id"));
        // The other types keep their own counters in the new format.
        Assert.Equal($"Q/ACME/{year}/00001", (await w.IssuedQuoteAsync()).Text("document_id"));

        await w.PatchSettingsAsync(new { document_ids = new { separator = "-", include_date = false, min_digits = 3, document_type_prefix = new { invoice = "RE" } } });
        Assert.Equal("RE-ACME-044", (await w.IssuedInvoiceAsync()).Text("document_id"));
    }

    [Fact]
    public async Task next_number_at_or_below_the_last_issued_is_422_and_changes_nothing()
    {
        var w = await DocumentWorld.CreateAsync(api);
        await w.PatchSettingsAsync(new { document_ids = new { next_number = new { invoice = 10 } } });
        Assert.Equal("INV-00010", (await w.IssuedInvoiceAsync()).Text("document_id"));

        foreach (var next in new[] { 10, 9, 1 })
        {
            var (status, body, _) = await w.SendAsync(HttpMethod.Patch, $"/v1/entities/{w.Entity}/settings",
                new { document_ids = new { prefix = "NEW", next_number = new { invoice = next } } });
            Invalid(status, body, "body.document_ids.next_number.invoice");
        }
        // Neither the counter nor the prefix sent with it changed.
        Assert.Equal(11, (await w.NextNumbersAsync())["invoice"]!.GetValue<long>());
        Assert.Equal("INV-00011", (await w.IssuedInvoiceAsync()).Text("document_id"));

        // Above the last issued it may also skip ahead, and only for the type named.
        await w.PatchSettingsAsync(new { document_ids = new { next_number = new { invoice = 12, quote = 5 } } });
        Assert.Equal("INV-00012", (await w.IssuedInvoiceAsync()).Text("document_id"));
        Assert.Equal("Q-00005", (await w.IssuedQuoteAsync()).Text("document_id"));
    }

    [Fact]
    public async Task non_compliant_mode_keeps_a_client_given_document_id_and_takes_no_number_for_it()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var compliant = DocumentWorld.Node(w.Invoice());
        compliant["document_id"] = "MY-7";
        var (status, body, _) = await w.SendAsync(HttpMethod.Post, "/v1/receivables", compliant);
        Invalid(status, body, "body.document_id");

        await w.SetEditFlowAsync("non_compliant");
        var id = await w.CreateIdAsync(compliant);
        var issued = await w.DoneAsync(id, "issue");
        Assert.Equal("MY-7", issued.Text("document_id"));
        Assert.Equal(("issued", 0L, 28560L, 27989L, 28560L), issued.Amounts()); // 2 units: 285.60, 2 % off: 27989
        Assert.Equal(1, (await w.NextNumbersAsync())["invoice"]!.GetValue<long>());

        // Without one it is numbered as usual.
        Assert.Equal("INV-00001", (await w.IssuedInvoiceAsync()).Text("document_id"));
    }
}
