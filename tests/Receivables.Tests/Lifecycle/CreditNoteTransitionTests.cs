using System.Net;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// The credit note state machine of spec 5.3 and what an issued credit note does to its invoice (spec 5.1 rows
/// "credit notes cover the full remaining amount", spec 5.8 last column). Invoice amounts as (status, amount_paid,
/// amount_due, amount_to_pay, total_amount_with_credit_notes). One unit of the catalog product is 142.80, three 428.40.
/// The credit note a compliant cancel creates is covered in <see cref="InvoiceTransitionTests"/>.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class CreditNoteTransitionTests(ApiHost api)
{
    [Fact]
    public async Task issued_credit_notes_take_their_total_off_the_invoice_until_it_is_canceled()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        // A draft credit note changes nothing on the invoice (besides the based_on event in its history).
        var first = await w.DraftCreditNoteOfUnitsAsync(id, 1);
        Assert.Equal(id, first.Text("based_on"));
        Assert.Equal("INV-00001", first.Text("based_on_document_id"));
        var invoice = await w.ReadAsync(id);
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), invoice.Amounts());
        Assert.Empty(invoice.CreditNoteIds());

        var issued = await w.DoneAsync(first.Id(), "issue");
        Assert.Equal("issued", issued.Status());
        Assert.Equal("CN-00001", issued.Text("document_id"));
        // 428.40 − 142.80 = 285.60 due and left after credit notes; 2 % off: 28560 − round(571.2) = 27989.
        invoice = await w.ReadAsync(id);
        Assert.Equal(("issued", 0L, 28560L, 27989L, 28560L), invoice.Amounts());
        Assert.Equal([first.Id()], invoice.CreditNoteIds());

        // A second credit note for the other two units (285.60) covers the rest: unpaid, the invoice is canceled.
        var second = await w.IssuedCreditNoteOfUnitsAsync(id, 2);
        Assert.Equal("CN-00002", second.Text("document_id"));
        invoice = await w.ReadAsync(id);
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), invoice.Amounts());
        Assert.Null(invoice["paid_at"]);
        Assert.Equal([first.Id(), second.Id()], invoice.CreditNoteIds());

        var history = await w.HistoryAsync(id);
        Assert.Equal(["draft→issued", "issued→canceled"], history.StatusChanges());
        Assert.Equal([first.Id(), second.Id()], history.Where(h => h["event_type"]!.GetValue<string>() == "based_on_receivable_created")
            .Select(h => h["event_data"]!["receivable_id"]!.GetValue<string>()));
        Assert.Equal(["draft→issued"], (await w.HistoryAsync(second.Id())).StatusChanges());
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "canceled");
    }

    [Fact]
    public async Task a_full_credit_of_a_partially_paid_invoice_settles_it_as_paid()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        // 428.40 − 142.80 = 285.60 paid, one unit (142.80) due: 14280 − round(285.6) = 14280 − 286 = 13994.
        var partly = await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 28560 });
        Assert.Equal(("partially_paid", 28560L, 14280L, 13994L, ThreeUnits), partly.Amounts());

        await w.IssuedCreditNoteOfUnitsAsync(id, 1);

        // Nothing is due; what was paid is all the customer owes after the credit note: 428.40 − 142.80.
        var paid = await w.ReadAsync(id);
        Assert.Equal(("paid", 28560L, 0L, 0L, 28560L), paid.Amounts());
        Assert.NotNull(paid["paid_at"]);
        Assert.Equal(["draft→issued", "issued→partially_paid", "partially_paid→paid"], (await w.HistoryAsync(id)).StatusChanges());
    }

    [Fact]
    public async Task overdue_invoices_fully_credited_are_canceled_unpaid_and_paid_when_partly_paid()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var unpaid = (await w.OverdueInvoiceAsync()).Id();
        // A partial credit leaves it overdue: 428.40 − 142.80 = 285.60 due (no early discount on these terms).
        await w.IssuedCreditNoteOfUnitsAsync(unpaid, 1);
        Assert.Equal(("overdue", 0L, 28560L, 28560L, 28560L), (await w.ReadAsync(unpaid)).Amounts());
        await w.IssuedCreditNoteOfUnitsAsync(unpaid, 2);
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), (await w.ReadAsync(unpaid)).Amounts());

        var partly = (await w.OverdueInvoiceAsync()).Id();
        var paidPart = await w.DoneAsync(partly, "mark_as_partially_paid", new { amount_paid = 28560 });
        Assert.Equal(("overdue", 28560L, 14280L, 14280L, ThreeUnits), paidPart.Amounts());
        await w.IssuedCreditNoteOfUnitsAsync(partly, 1);
        Assert.Equal(("paid", 28560L, 0L, 0L, 28560L), (await w.ReadAsync(partly)).Amounts());
    }

    [Fact]
    public async Task a_credit_note_above_the_amount_due_is_refused_at_issue_and_nothing_changes()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        // 300.00 paid, 128.40 due: 12840 − round(256.8) = 12583.
        await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 30000 });
        var note = await w.DraftCreditNoteOfUnitsAsync(id, 1); // 142.80 > 128.40

        var refused = await w.ActAsync(note.Id(), "issue");
        Conflict(refused, "exceeds");
        Assert.Contains("12840", Json.Error(refused.Body), StringComparison.Ordinal);

        var after = await w.ReadAsync(note.Id());
        Assert.Equal("draft", after.Status());
        Assert.Null(after["document_id"]);
        Assert.Equal(("partially_paid", 30000L, 12840L, 12583L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        Assert.Empty((await w.ReadAsync(id)).CreditNoteIds());
        Assert.Equal(1, (await w.NextNumbersAsync())["credit_note"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_paid_invoice_takes_no_credit_note_neither_new_nor_a_draft_made_before_it_was_paid()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var early = await w.DraftCreditNoteOfUnitsAsync(id, 1);
        await w.DoneAsync(id, "mark_as_paid");

        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "paid");
        Refused(await w.ActAsync(early.Id(), "issue"), "paid");

        Assert.Equal("draft", (await w.ReadAsync(early.Id())).Status());
        var invoice = await w.ReadAsync(id);
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), invoice.Amounts());
        Assert.Empty(invoice.CreditNoteIds());
        Assert.Equal(1, (await w.NextNumbersAsync())["credit_note"]!.GetValue<long>());
    }

    [Fact]
    public async Task credit_notes_are_made_from_issued_partially_paid_and_overdue_invoices_only()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var draft = await w.CreateIdAsync(w.Invoice());
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = draft }), "draft");

        var partly = (await w.IssuedInvoiceAsync()).Id();
        await w.DoneAsync(partly, "mark_as_partially_paid", new { amount_paid = 100 });
        // A draft credit note starts as the invoice's lines: 428.40 however much was paid.
        Assert.Equal(ThreeUnits, (await w.DraftCreditNoteAsync(partly)).Minor("total_amount"));
        Assert.Equal(ThreeUnits, (await w.DraftCreditNoteAsync((await w.OverdueInvoiceAsync()).Id())).Minor("total_amount"));

        var quote = (await w.IssuedQuoteAsync()).Id();
        Assert.Equal(HttpStatusCode.Conflict, (await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = quote })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = Guid.NewGuid() })).Status);
    }

    [Fact]
    public async Task one_draft_at_a_time_edited_deleted_or_issued_and_an_issued_one_is_final()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var draft = await w.DraftCreditNoteOfUnitsAsync(id, 2); // PATCH keeps it a draft
        Assert.Equal("draft", draft.Status());
        Conflict(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "draft credit note");

        // draft → deleted: gone, and another may be made.
        Assert.Equal(HttpStatusCode.NoContent, (await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{draft.Id()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.GetAsync(draft.Id())).Status);
        var issued = await w.IssuedCreditNoteOfUnitsAsync(id, 1);

        Refused(await w.ActAsync(issued.Id(), "issue"), "issued");
        Refused(await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{issued.Id()}"), "issued");
        Refused(await w.PatchAsync(issued.Id(), new { credit_note = new { memo = "later" } }), "issued");
        Assert.Equal(HttpStatusCode.Conflict, (await w.SendAsync(HttpMethod.Post, $"/v1/receivables/{issued.Id()}/clone")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = issued.Id() })).Status);
        Refused(await w.PayAsync(issued.Id(), 100), "issued");

        // Only the issued one counts: 428.40 − 142.80 = 285.60 due, 27989 to pay within 10 days.
        Assert.Equal(("issued", 0L, 28560L, 27989L, 28560L), (await w.ReadAsync(id)).Amounts());
    }
}
