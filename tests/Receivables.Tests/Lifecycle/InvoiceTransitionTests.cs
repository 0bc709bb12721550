using System.Net;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// The invoice state machine of spec 5.1 over HTTP, row by row, allowed and refused, with the amount fields of spec 5.8
/// as (status, amount_paid, amount_due, amount_to_pay, total_amount_with_credit_notes) after every step.
/// Rows and where they are covered:
/// POST invoice → draft, PATCH/PUT line_items, DELETE, issue: <see cref="a_draft_is_edited_deleted_and_issued_and_nothing_else"/>;
/// based_on a quote, accept, clone: <see cref="QuoteTransitionTests"/> and <see cref="a_clone_of_a_paid_invoice_is_a_new_draft"/>;
/// issued/partially_paid → overdue (sweep): <see cref="the_sweep_makes_issued_and_partially_paid_invoices_overdue_once"/>;
/// payments: <see cref="partial_payments_are_cumulative_may_be_reversed_and_stay_below_the_amount_owed"/>, <see cref="PaymentRecordTests"/>;
/// overdue → uncollectible: <see cref="only_an_overdue_invoice_is_written_off_and_that_is_final"/>;
/// cancel: the cancel tests here; credit notes covering the rest: <see cref="CreditNoteTransitionTests"/>;
/// send, recurrences and e-invoices (issuing/failed) are not part of this API version.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class InvoiceTransitionTests(ApiHost api)
{
    [Fact]
    public async Task issue_numbers_dates_and_opens_the_amounts_once()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Invoice(w.CatalogLine(3)));
        var draft = await w.ReadAsync(id);
        // A draft owes its total: 3 × 120.00 + 19 % = 428.40, no early discount before it is issued.
        Assert.Equal(("draft", 0L, ThreeUnits, ThreeUnits, ThreeUnits), draft.Amounts());
        Assert.Null(draft["document_id"]);

        var issued = await w.DoneAsync(id, "issue");
        Assert.Equal("INV-00001", issued.Text("document_id"));
        Assert.Equal(Day(Today.AddDays(30)), issued.Text("due_date"));
        // "2/10 net 30": within 10 days 2 % off what is due: 42840 − round(856.8) = 42840 − 857 = 41983.
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), issued.Amounts());
        Assert.Null(issued["paid_at"]);

        Refused(await w.ActAsync(id, "issue"), "issued");
        var again = await w.ReadAsync(id);
        Assert.Equal("INV-00001", again.Text("document_id"));
        Assert.Equal(2, (await w.NextNumbersAsync())["invoice"]!.GetValue<long>());
        Assert.Equal(["draft→issued"], (await w.HistoryAsync(id)).StatusChanges());
    }

    [Fact]
    public async Task a_draft_is_edited_deleted_and_issued_and_nothing_else()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Invoice(w.CatalogLine(3)));

        // Payments, write-offs, cancels and credit notes are refused on a draft, each naming the status.
        Refused(await w.ActAsync(id, "mark_as_paid"), "draft");
        Refused(await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 100 }), "draft");
        Refused(await w.ActAsync(id, "mark_as_uncollectible"), "draft");
        Refused(await w.ActAsync(id, "cancel"), "draft");
        Refused(await w.PayAsync(id, 100), "draft");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "draft");
        Assert.Equal(("draft", 0L, ThreeUnits, ThreeUnits, ThreeUnits), (await w.ReadAsync(id)).Amounts());

        // PATCH stays a draft; the amounts follow the new lines: PUT 2 units = 240.00 + 45.60 = 285.60.
        var (status, patched, _) = await w.PatchAsync(id, new { invoice = new { memo = "Edited" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draft", patched.Status());
        (status, var lines, _) = await w.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", new { data = new[] { w.CatalogLine(2) } });
        Assert.True(status == HttpStatusCode.OK, lines.ToJsonString());
        Assert.Equal(("draft", 0L, 28560L, 28560L, 28560L), (await w.ReadAsync(id)).Amounts());

        var issued = await w.DoneAsync(id, "issue");
        // 28560 − round(571.2) = 28560 − 571 = 27989.
        Assert.Equal(("issued", 0L, 28560L, 27989L, 28560L), issued.Amounts());
        Refused(await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}"), "issued");
        Assert.Equal(HttpStatusCode.OK, (await w.GetAsync(id)).Status);

        var other = await w.CreateIdAsync(w.Invoice());
        Assert.Equal(HttpStatusCode.NoContent, (await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{other}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.GetAsync(other)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.ActAsync(other, "issue")).Status);
    }

    [Fact]
    public async Task partial_payments_are_cumulative_may_be_reversed_and_stay_below_the_amount_owed()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        // amount_paid is the running total: 100.00 paid of 428.40, 328.40 due, 2 % off: 32840 − round(656.8) = 32183.
        var first = await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 10000, comment = "first" });
        Assert.Equal(("partially_paid", 10000L, 32840L, 32183L, ThreeUnits), first.Amounts());
        Assert.Null(first["paid_at"]);

        // 250.00 in all (a further 150.00): 178.40 due, 17840 − round(356.8) = 17483.
        var second = await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 25000 });
        Assert.Equal(("partially_paid", 25000L, 17840L, 17483L, ThreeUnits), second.Amounts());

        // Lowering it is a reversal of 200.00: 50.00 paid, 378.40 due, 37840 − round(756.8) = 37083.
        var reversed = await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 5000 });
        Assert.Equal(("partially_paid", 5000L, 37840L, 37083L, ThreeUnits), reversed.Amounts());

        // The whole amount or more is not a partial payment (409); 0 is not a payment at all (422). Nothing changes.
        Assert.Equal(HttpStatusCode.Conflict, (await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = ThreeUnits })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 50000 })).Status);
        var (status, body, _) = await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 0 });
        Invalid(status, body, "body.amount_paid");
        (status, body, _) = await w.ActAsync(id, "mark_as_partially_paid", new { comment = "no amount" });
        Invalid(status, body, "body.amount_paid");
        Assert.Equal(("partially_paid", 5000L, 37840L, 37083L, ThreeUnits), (await w.ReadAsync(id)).Amounts());

        var payments = (await w.HistoryAsync(id, "?event_type__in=payment_received"))
            .Select(h => (h["event_data"]!["amount_paid"]!.GetValue<long>(), h["event_data"]!["amount_due"]!.GetValue<long>())).ToList();
        Assert.Equal([(10000L, 32840L), (15000L, 17840L), (-20000L, 37840L)], payments);
        Assert.Equal(["draft→issued", "issued→partially_paid"], (await w.HistoryAsync(id)).StatusChanges());

        // partially_paid → paid: the rest (378.40) is paid at the given time.
        var paid = await w.DoneAsync(id, "mark_as_paid", new { comment = "bank transfer", paid_at = "2026-01-15T10:30:00Z" });
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), paid.Amounts());
        Assert.Equal(DateTimeOffset.Parse("2026-01-15T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture), paid["paid_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("bank transfer", paid.Text("comment"));
        var last = (await w.HistoryAsync(id, "?event_type__in=payment_received")).Last();
        Assert.Equal(37840, last["event_data"]!["amount_paid"]!.GetValue<long>());
        Assert.Equal(0, last["event_data"]!["amount_due"]!.GetValue<long>());
        Assert.Equal("bank transfer", last["event_data"]!["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_paid_invoice_is_final()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        // issued → paid in one step: everything paid, nothing due, paid_at now.
        var paid = await w.DoneAsync(id, "mark_as_paid");
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), paid.Amounts());
        Assert.InRange(paid["paid_at"]!.GetValue<DateTimeOffset>(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(["draft→issued", "issued→paid"], (await w.HistoryAsync(id)).StatusChanges());

        Refused(await w.ActAsync(id, "mark_as_paid"), "paid");
        Refused(await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 100 }), "paid");
        Refused(await w.ActAsync(id, "mark_as_uncollectible"), "paid");
        Refused(await w.ActAsync(id, "cancel"), "paid");
        Refused(await w.ActAsync(id, "issue"), "paid");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "paid");
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        Assert.Equal(1, (await w.NextNumbersAsync())["credit_note"]!.GetValue<long>());
    }

    [Fact]
    public async Task the_sweep_makes_issued_and_partially_paid_invoices_overdue_once()
    {
        var w = await DocumentWorld.CreateAsync(api);
        // Due today, no early discount: amount_to_pay is the amount due.
        var issued = await w.IssuedDueTodayAsync();
        Assert.Equal(("issued", 0L, ThreeUnits, ThreeUnits, ThreeUnits), issued.Amounts());
        var partly = (await w.IssuedDueTodayAsync()).Id();
        var half = await w.DoneAsync(partly, "mark_as_partially_paid", new { amount_paid = 20000 });
        // 428.40 − 200.00 = 228.40 due.
        Assert.Equal(("partially_paid", 20000L, 22840L, 22840L, ThreeUnits), half.Amounts());
        var notYet = (await w.IssuedInvoiceAsync()).Id(); // due in 30 days

        // Today the due date has not passed: nothing moves.
        await w.SweepAt(0).RunAsync(default);
        Assert.Equal("issued", (await w.ReadAsync(issued.Id())).Status());

        await w.SweepTomorrowAsync();
        Assert.Equal(("overdue", 0L, ThreeUnits, ThreeUnits, ThreeUnits), (await w.ReadAsync(issued.Id())).Amounts());
        Assert.Equal(("overdue", 20000L, 22840L, 22840L, ThreeUnits), (await w.ReadAsync(partly)).Amounts());
        Assert.Equal("issued", (await w.ReadAsync(notYet)).Status());
        Assert.Equal(["draft→issued", "issued→overdue"], (await w.HistoryAsync(issued.Id())).StatusChanges());
        Assert.Equal(["draft→issued", "issued→partially_paid", "partially_paid→overdue"], (await w.HistoryAsync(partly)).StatusChanges());

        // A second run changes nothing and records nothing.
        await w.SweepTomorrowAsync();
        Assert.Equal(2, (await w.HistoryAsync(issued.Id())).Count(h => h["event_type"]!.GetValue<string>() == "status_changed"));
    }

    [Fact]
    public async Task an_invoice_past_its_due_date_has_no_early_payment_discount_left()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var partly = (await w.IssuedInvoiceAsync()).Id();
        // 100.00 paid, 328.40 due, 2 % off within 10 days: 32840 − 657 = 32183.
        Assert.Equal(("partially_paid", 10000L, 32840L, 32183L, ThreeUnits), (await w.DoneAsync(partly, "mark_as_partially_paid", new { amount_paid = 10000 })).Amounts());

        // "2/10 net 30": the sweep of day 31 finds both overdue, and by then the 2 % of days 0-10 is long gone.
        await w.SweepAt(31).RunAsync(default);

        // What the sweep stored, for its day (a GET computes amount_to_pay for the host's own today, day 0 here).
        Assert.Equal(("overdue", 0L, ThreeUnits, ThreeUnits, ThreeUnits), await StoredAmountsAsync(w, id));
        Assert.Equal(("overdue", 10000L, 32840L, 32840L, ThreeUnits), await StoredAmountsAsync(w, partly));
    }

    private async Task<(string, long, long, long, long)> StoredAmountsAsync(DocumentWorld w, string id)
    {
        var stored = await api.Service<Receivables.Store.DocumentStore>().ReadAsync<Receivables.Documents.Receivable>(w.Entity, id, Receivables.Documents.Receivable.ResourceName, default);
        var invoice = (Receivables.Documents.Invoice)stored!.Document;
        return (invoice.Status.Wire(), invoice.AmountPaid, invoice.AmountDue, invoice.AmountToPay!.Value, invoice.TotalAmountWithCreditNotes);
    }

    [Fact]
    public async Task editing_an_issued_invoice_keeps_its_early_payment_discount()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        var (status, patched, _) = await w.PatchAsync(id, new { issued_invoice = new { partner_metadata = new { order = "A-1" } } });

        Assert.True(status == HttpStatusCode.OK, patched.ToJsonString());
        // Nothing about the money changed: still 42840 − 857 = 41983 to pay within the 10 days.
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), patched.Amounts());
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
    }

    [Fact]
    public async Task an_overdue_invoice_stays_overdue_until_paid_in_full()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.OverdueInvoiceAsync()).Id();

        // A partial payment on an overdue invoice leaves it overdue: 100.00 paid, 328.40 due.
        var partial = await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 10000 });
        Assert.Equal(("overdue", 10000L, 32840L, 32840L, ThreeUnits), partial.Amounts());
        var record = await w.PaidAsync(id, 2840);
        Assert.Equal("overdue", record["object"]!["old_status"]!.GetValue<string>());
        Assert.Equal("overdue", record["object"]!["new_status"]!.GetValue<string>());
        // 128.40 paid, 300.00 due.
        Assert.Equal(("overdue", 12840L, 30000L, 30000L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        Assert.Null((await w.ReadAsync(id))["paid_at"]);

        // overdue → paid.
        var paid = await w.DoneAsync(id, "mark_as_paid");
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), paid.Amounts());
        Assert.NotNull(paid["paid_at"]);
        Assert.Equal(["draft→issued", "issued→overdue", "overdue→paid"], SweptOrder((await w.HistoryAsync(id)).StatusChanges()));
    }

    [Fact]
    public async Task only_an_overdue_invoice_is_written_off_and_that_is_final()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var issued = (await w.IssuedInvoiceAsync()).Id();
        Refused(await w.ActAsync(issued, "mark_as_uncollectible"), "issued");
        await w.DoneAsync(issued, "mark_as_partially_paid", new { amount_paid = 100 });
        Refused(await w.ActAsync(issued, "mark_as_uncollectible"), "partially_paid");

        var id = (await w.OverdueInvoiceAsync()).Id();
        var written = await w.DoneAsync(id, "mark_as_uncollectible", new { comment = "customer insolvent" });
        // Nothing was paid and nothing is forgiven in the amounts: the whole 428.40 stays due.
        Assert.Equal(("uncollectible", 0L, ThreeUnits, ThreeUnits, ThreeUnits), written.Amounts());
        Assert.Equal("customer insolvent", written.Text("comment"));
        Assert.Equal(["draft→issued", "issued→overdue", "overdue→uncollectible"], SweptOrder((await w.HistoryAsync(id)).StatusChanges()));

        Refused(await w.ActAsync(id, "mark_as_uncollectible"), "uncollectible");
        Refused(await w.ActAsync(id, "mark_as_paid"), "uncollectible");
        Refused(await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 100 }), "uncollectible");
        Refused(await w.ActAsync(id, "cancel"), "uncollectible");
        Refused(await w.ActAsync(id, "issue"), "uncollectible");
        Refused(await w.PayAsync(id, 100), "uncollectible");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "uncollectible");
        await w.SweepAt(2).RunAsync(default);
        Assert.Equal(("uncollectible", 0L, ThreeUnits, ThreeUnits, ThreeUnits), (await w.ReadAsync(id)).Amounts());
    }

    [Fact]
    public async Task cancel_in_compliant_mode_issues_a_credit_note_for_the_amount_due()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        await w.CanceledAsync(id);

        // The credit note takes all 428.40 off: nothing is due, paid or left after credit notes.
        var invoice = await w.ReadAsync(id);
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), invoice.Amounts());
        var noteId = Assert.Single(invoice.CreditNoteIds());
        var note = await w.ReadAsync(noteId);
        Assert.Equal("credit_note", note.Text("type"));
        Assert.Equal("issued", note.Status());
        Assert.Equal("CN-00001", note.Text("document_id"));
        Assert.Equal(id, note.Text("based_on"));
        Assert.Equal("INV-00001", note.Text("based_on_document_id"));
        Assert.Equal(ThreeUnits, note.Minor("total_amount"));
        Assert.Equal(2, (await w.NextNumbersAsync())["credit_note"]!.GetValue<long>());

        var invoiceHistory = await w.HistoryAsync(id);
        Assert.Equal(["draft→issued", "issued→canceled"], invoiceHistory.StatusChanges());
        var basedOn = Assert.Single(invoiceHistory, h => h["event_type"]!.GetValue<string>() == "based_on_receivable_created");
        Assert.Equal(noteId, basedOn["event_data"]!["receivable_id"]!.GetValue<string>());
        Assert.Equal("credit_note", basedOn["event_data"]!["type"]!.GetValue<string>());
        var noteHistory = await w.HistoryAsync(noteId);
        Assert.Equal(["receivable_created", "status_changed"], noteHistory.EventTypes());
        Assert.Equal(["draft→issued"], noteHistory.StatusChanges());

        // canceled is final: not canceled twice, never issued again, no payments, no more credit notes.
        Refused(await w.ActAsync(id, "cancel"), "canceled");
        Refused(await w.ActAsync(id, "issue"), "canceled");
        Refused(await w.ActAsync(id, "mark_as_paid"), "canceled");
        Refused(await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 100 }), "canceled");
        Refused(await w.ActAsync(id, "mark_as_uncollectible"), "canceled");
        Refused(await w.PayAsync(id, 100), "canceled");
        Refused(await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = id }), "canceled");
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), (await w.ReadAsync(id)).Amounts());
        Assert.Equal("INV-00001", (await w.ReadAsync(id)).Text("document_id"));
    }

    [Fact]
    public async Task an_overdue_invoice_is_canceled_unpaid_or_settled_by_the_credit_note_when_partly_paid()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var unpaid = (await w.OverdueInvoiceAsync()).Id();
        await w.CanceledAsync(unpaid);
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), (await w.ReadAsync(unpaid)).Amounts());
        Assert.Equal(["draft→issued", "issued→overdue", "overdue→canceled"], SweptOrder((await w.HistoryAsync(unpaid)).StatusChanges()));

        var partly = (await w.OverdueInvoiceAsync()).Id();
        await w.DoneAsync(partly, "mark_as_partially_paid", new { amount_paid = 10000 });
        await w.CanceledAsync(partly);
        // 100.00 was paid; the credit note covers the other 328.40, so nothing is due and the invoice is paid.
        var settled = await w.ReadAsync(partly);
        Assert.Equal(("paid", 10000L, 0L, 0L, 10000L), settled.Amounts());
        Assert.NotNull(settled["paid_at"]);
        var note = await w.ReadAsync(Assert.Single(settled.CreditNoteIds()));
        Assert.Equal(32840, note.Minor("total_amount"));
        Assert.Equal("CN-00002", note.Text("document_id"));
        Assert.Equal(["draft→issued", "issued→overdue", "overdue→paid"], SweptOrder((await w.HistoryAsync(partly)).StatusChanges()));
    }

    [Fact]
    public async Task cancel_after_a_partial_credit_credits_exactly_the_rest()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var first = await w.IssuedCreditNoteOfUnitsAsync(id, 1);
        // 428.40 − 142.80 = 285.60 left, 28560 − round(571.2) = 27989 within 10 days.
        Assert.Equal(("issued", 0L, 28560L, 27989L, 28560L), (await w.ReadAsync(id)).Amounts());

        await w.CanceledAsync(id);

        var invoice = await w.ReadAsync(id);
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), invoice.Amounts());
        Assert.Equal(2, invoice.CreditNoteIds().Count);
        Assert.Equal(first.Id(), invoice.CreditNoteIds()[0]);
        var rest = await w.ReadAsync(invoice.CreditNoteIds()[1]);
        Assert.Equal("CN-00002", rest.Text("document_id"));
        Assert.Equal("issued", rest.Status());
        Assert.Equal(28560, rest.Minor("total_amount"));
    }

    [Fact]
    public async Task cancel_of_a_partly_paid_overdue_invoice_with_two_vat_rates_credits_the_rest_to_the_cent()
    {
        var w = await DocumentWorld.CreateAsync(api);
        // 120.00 + 19 % = 142.80, and 2 × 10.00 + 7 % = 21.40: 164.20, due today, no early discount.
        var id = await w.DueTodayDraftAsync([w.CatalogLine(1), DocumentWorld.InlineLine("Book", 1000, 2, DocumentWorld.Vat7)]);
        var issued = await w.DoneAsync(id, "issue");
        Assert.Equal(("issued", 0L, 16420L, 16420L, 16420L), issued.Amounts());
        await w.SweepTomorrowAsync();
        // 50.00 paid, 114.20 left.
        Assert.Equal(("overdue", 5000L, 11420L, 11420L, 16420L), (await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 5000 })).Amounts());

        await w.CanceledAsync(id);

        // The credit note takes the 114.20 off, so what was paid is all that was owed: paid.
        var invoice = await w.ReadAsync(id);
        Assert.Equal(("paid", 5000L, 0L, 0L, 5000L), invoice.Amounts());
        var note = await w.ReadAsync(Assert.Single(invoice.CreditNoteIds()));
        Assert.Equal(11420, note.Minor("total_amount"));
        // One line per VAT rate of the invoice.
        Assert.Equal([700L, 1900L], note["line_items"]!.AsArray().Select(l => l!["product"]!["vat_rate"]!["value"]!.GetValue<long>()).Order());
    }

    [Fact]
    public async Task cancel_is_refused_for_drafts_and_for_paid_partially_paid_and_canceled_invoices()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var draft = await w.CreateIdAsync(w.Invoice());
        Refused(await w.ActAsync(draft, "cancel"), "draft");

        var partly = (await w.IssuedInvoiceAsync()).Id();
        await w.DoneAsync(partly, "mark_as_partially_paid", new { amount_paid = 20000 });
        Refused(await w.ActAsync(partly, "cancel"), "partially_paid");
        // 428.40 − 200.00 = 228.40 due, 22840 − round(456.8) = 22383.
        Assert.Equal(("partially_paid", 20000L, 22840L, 22383L, ThreeUnits), (await w.ReadAsync(partly)).Amounts());

        var paid = (await w.IssuedInvoiceAsync()).Id();
        await w.DoneAsync(paid, "mark_as_paid");
        Refused(await w.ActAsync(paid, "cancel"), "paid");

        var canceled = (await w.IssuedInvoiceAsync()).Id();
        await w.CanceledAsync(canceled);
        Refused(await w.ActAsync(canceled, "cancel"), "canceled");
        // One credit note only, for the one cancel that happened.
        Assert.Equal(2, (await w.NextNumbersAsync())["credit_note"]!.GetValue<long>());
    }

    [Fact]
    public async Task cancel_in_non_compliant_mode_changes_only_the_status()
    {
        var w = await DocumentWorld.CreateAsync(api);
        await w.SetEditFlowAsync("non_compliant");
        var id = (await w.IssuedInvoiceAsync()).Id();

        await w.CanceledAsync(id);

        var invoice = await w.ReadAsync(id);
        // No credit note takes anything off: the amounts stay as they were at issue (42840, 2 % off: 41983).
        Assert.Equal(("canceled", 0L, ThreeUnits, 41983L, ThreeUnits), invoice.Amounts());
        Assert.Empty(invoice.CreditNoteIds());
        Assert.Equal(1, (await w.NextNumbersAsync())["credit_note"]!.GetValue<long>());
        Assert.Equal(1, await api.CountStoredAsync("receivable", w.Entity)); // the invoice alone
        Assert.Equal(["receivable_created", "status_changed", "status_changed"], (await w.HistoryAsync(id)).EventTypes());
        Refused(await w.ActAsync(id, "issue"), "canceled");
        Refused(await w.ActAsync(id, "cancel"), "canceled");
    }

    [Fact]
    public async Task cancel_is_refused_while_a_draft_credit_note_exists()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var draft = (await w.DraftCreditNoteAsync(id)).Id();

        Conflict(await w.ActAsync(id, "cancel"), "draft credit note");
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), (await w.ReadAsync(id)).Amounts());

        Assert.Equal(HttpStatusCode.NoContent, (await w.SendAsync(HttpMethod.Delete, $"/v1/receivables/{draft}")).Status);
        await w.CanceledAsync(id);
        Assert.Equal(("canceled", 0L, 0L, 0L, 0L), (await w.ReadAsync(id)).Amounts());
    }

    [Fact]
    public async Task cancel_with_an_idempotency_key_creates_one_credit_note()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var response = await api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/cancel", null, w.Entity, configure: r => r.Headers.Add("Idempotency-Key", key));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        Assert.Single((await w.ReadAsync(id)).CreditNoteIds());
        // The invoice and its one credit note.
        Assert.Equal(2, await api.CountStoredAsync("receivable", w.Entity));
    }

    [Fact]
    public async Task invoice_actions_on_quotes_and_credit_notes_are_refused_naming_their_status()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var draftQuote = await w.CreateIdAsync(w.Quote());
        var issuedQuote = (await w.IssuedQuoteAsync()).Id();
        var invoice = (await w.IssuedInvoiceAsync()).Id();
        var draftNote = (await w.DraftCreditNoteOfUnitsAsync(invoice, 1)).Id();

        foreach (var (id, status) in new[] { (draftQuote, "draft"), (issuedQuote, "issued"), (draftNote, "draft") })
        {
            Refused(await w.ActAsync(id, "mark_as_paid"), status);
            Refused(await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 100 }), status);
            Refused(await w.ActAsync(id, "mark_as_uncollectible"), status);
            Refused(await w.ActAsync(id, "cancel"), status);
        }
        // And the quote actions on an invoice.
        Refused(await w.ActAsync(invoice, "accept"), "issued");
        Refused(await w.ActAsync(invoice, "decline"), "issued");
        Assert.Equal("issued", (await w.ReadAsync(issuedQuote)).Status());
        Assert.Equal("draft", (await w.ReadAsync(draftNote)).Status());
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), (await w.ReadAsync(invoice)).Amounts());
    }

    [Fact]
    public async Task actions_on_an_unknown_receivable_are_404()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var unknown = Guid.NewGuid().ToString();
        foreach (var action in new[] { "issue", "mark_as_paid", "mark_as_uncollectible", "cancel", "accept", "decline" })
            Assert.Equal(HttpStatusCode.NotFound, (await w.ActAsync(unknown, action)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.ActAsync(unknown, "mark_as_partially_paid", new { amount_paid = 100 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.PayAsync(unknown, 100)).Status);

        // Another entity's invoice is unknown here too.
        var other = await DocumentWorld.CreateAsync(api, "Other GmbH");
        var theirs = (await other.IssuedInvoiceAsync()).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await w.ActAsync(theirs, "mark_as_paid")).Status);
        Assert.Equal("issued", (await other.ReadAsync(theirs)).Status());
    }

    [Fact]
    public async Task if_match_with_a_stale_etag_is_412_and_changes_nothing()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var (_, _, stale) = await w.GetAsync(id);
        Assert.NotNull(stale);

        var (status, first, current) = await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = 10000 }, stale);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(current);
        Assert.NotEqual(stale, current);
        Assert.Equal(("partially_paid", 10000L, 32840L, 32183L, ThreeUnits), first.Amounts());

        foreach (var (action, body) in new (string, object?)[] { ("mark_as_partially_paid", new { amount_paid = 20000 }), ("mark_as_paid", null), ("cancel", null) })
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await w.ActAsync(id, action, body, stale)).Status);
        Assert.Equal(("partially_paid", 10000L, 32840L, 32183L, ThreeUnits), (await w.ReadAsync(id)).Amounts());

        (status, var paid, _) = await w.ActAsync(id, "mark_as_paid", null, current);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), paid.Amounts());
    }

    [Fact]
    public async Task if_match_guards_issue_and_the_quote_actions_too()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var (draft, created) = await w.CreateAsync(w.Invoice());
        var (status, _, edited) = await w.PatchAsync(draft.Id(), new { invoice = new { memo = "v2" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await w.ActAsync(draft.Id(), "issue", null, created)).Status);
        Assert.Equal("draft", (await w.ReadAsync(draft.Id())).Status());
        Assert.Equal(1, (await w.NextNumbersAsync())["invoice"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(draft.Id(), "issue", null, edited)).Status);

        var (quote, quoteTag) = await w.CreateAsync(w.Quote());
        (status, _, var issuedTag) = await w.ActAsync(quote.Id(), "issue", null, quoteTag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await w.ActAsync(quote.Id(), "accept", null, quoteTag)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await w.ActAsync(quote.Id(), "decline", null, quoteTag)).Status);
        Assert.Equal("issued", (await w.ReadAsync(quote.Id())).Status());
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(quote.Id(), "decline", null, issuedTag)).Status);
    }

    [Fact]
    public async Task a_clone_of_a_paid_invoice_is_a_new_draft()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        await w.DoneAsync(id, "mark_as_paid");

        var (status, clone, _) = await w.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/clone");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("draft", 0L, ThreeUnits, ThreeUnits, ThreeUnits), clone.Amounts());
        Assert.Null(clone["document_id"]);
        Assert.Null(clone["paid_at"]);
        var issued = await w.DoneAsync(clone.Id(), "issue");
        Assert.Equal("INV-00002", issued.Text("document_id"));
    }
}
