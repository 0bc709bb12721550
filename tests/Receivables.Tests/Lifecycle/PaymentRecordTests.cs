using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// <c>/v1/payment_records</c> (spec 6.9, 5.9): a succeeded record moves its invoice like the payment actions, refunds
/// (negative amounts) included. Invoice amounts as (status, amount_paid, amount_due, amount_to_pay,
/// total_amount_with_credit_notes); the invoice is 428.40 on "2/10 net 30" (2 % off amount_due within 10 days).
/// </summary>
[Collection(ApiTests.Name)]
public sealed class PaymentRecordTests(ApiHost api)
{
    [Fact]
    public async Task payments_overpayment_and_refunds_move_the_invoice_and_say_how()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        var first = await w.PaidAsync(id, 10000);
        Assert.Equal(10000, first.Minor("amount"));
        Assert.Equal("EUR", first.Text("currency"));
        Assert.Equal("succeeded", first.Status());
        Assert.True(first["is_external"]!.GetValue<bool>());
        Assert.Equal(0, first.Minor("overpaid_amount"));
        Assert.NotNull(first["paid_at"]);
        Assert.Equal(id, first["object"]!["id"]!.GetValue<string>());
        Assert.Equal("receivable", first["object"]!["type"]!.GetValue<string>());
        Assert.Equal(("issued", "partially_paid"), Move(first));
        Assert.Equal("succeeded", Assert.Single(first["history"]!.AsArray())!["status"]!.GetValue<string>());
        // 100.00 of 428.40: 328.40 due, 32840 − round(656.8) = 32183.
        Assert.Equal(("partially_paid", 10000L, 32840L, 32183L, ThreeUnits), (await w.ReadAsync(id)).Amounts());

        // 400.00 against 328.40 due: 71.60 overpaid, not counted as paid.
        var rest = await w.PaidAsync(id, 40000);
        Assert.Equal(7160, rest.Minor("overpaid_amount"));
        Assert.Equal(("partially_paid", "paid"), Move(rest));
        var paid = await w.ReadAsync(id);
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), paid.Amounts());
        Assert.NotNull(paid["paid_at"]);

        // A refund of 128.40 reopens it: 300.00 paid, 128.40 due, 12840 − round(256.8) = 12583; paid_at cleared.
        var refund = await w.PaidAsync(id, -12840);
        Assert.Equal(-12840, refund.Minor("amount"));
        Assert.Equal(0, refund.Minor("overpaid_amount"));
        Assert.Equal(("paid", "partially_paid"), Move(refund));
        var reopened = await w.ReadAsync(id);
        Assert.Equal(("partially_paid", 30000L, 12840L, 12583L, ThreeUnits), reopened.Amounts());
        Assert.Null(reopened["paid_at"]);

        // Refunding all that was paid leaves it issued; one cent more than was paid is refused.
        Assert.Equal(("partially_paid", "issued"), Move(await w.PaidAsync(id, -30000)));
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        var tooMuch = await w.PayAsync(id, -1);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.Status);
        Assert.Contains("refund", Json.Error(tooMuch.Body), StringComparison.OrdinalIgnoreCase);

        var payments = (await w.HistoryAsync(id, "?event_type__in=payment_received")).Select(h => h["event_data"]!["amount_paid"]!.GetValue<long>());
        // What each record changed amount_paid by: the overpaid 71.60 is not in it.
        Assert.Equal([10000L, 32840L, -12840L, -30000L], payments);
        Assert.Equal(["draft→issued", "issued→partially_paid", "partially_paid→paid", "paid→partially_paid", "partially_paid→issued"],
            (await w.HistoryAsync(id)).StatusChanges());
    }

    [Fact]
    public async Task a_payment_of_exactly_the_amount_due_pays_the_invoice()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var record = await w.PaidAsync(id, ThreeUnits);
        Assert.Equal(0, record.Minor("overpaid_amount"));
        Assert.Equal(("issued", "paid"), Move(record));
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
    }

    [Fact]
    public async Task refused_payments_change_nothing()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        var (status, body) = await w.PayAsync(id, 10000, currency: "USD");
        Invalid(status, body, "body.currency");
        (status, body) = await w.PayAsync(id, 10000, type: "payable");
        Invalid(status, body, "body.object.type");
        (status, body) = await w.PayAsync(id, 0);
        Invalid(status, body, "body.amount");
        (status, body) = await w.PayAsync(id, 10000, status: "canceled");
        Invalid(status, body, "body.status");

        var quote = (await w.IssuedQuoteAsync()).Id();
        Refused(await w.PayAsync(quote, 10000), "issued");
        Assert.Equal(HttpStatusCode.NotFound, (await w.PayAsync(Guid.NewGuid().ToString(), 10000)).Status);

        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        Assert.Equal(0, await api.CountStoredAsync("payment_record", w.Entity));
    }

    [Theory]
    [InlineData("created")]
    [InlineData("processing")]
    public async Task a_record_not_yet_succeeded_changes_nothing(string recordStatus)
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();

        var (status, record) = await w.PayAsync(id, 10000, status: recordStatus);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(recordStatus, record.Status());
        Assert.Equal(("issued", "issued"), Move(record));
        Assert.Equal(0, record.Minor("overpaid_amount"));
        Assert.Null(record["paid_at"]);
        Assert.Equal(("issued", 0L, ThreeUnits, 41983L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        Assert.Empty(await w.HistoryAsync(id, "?event_type__in=payment_received"));

        // Even a planned payment names an invoice that takes payments.
        var draft = await w.CreateIdAsync(w.Invoice());
        Refused(await w.PayAsync(draft, 10000, status: recordStatus), "draft");
    }

    [Fact]
    public async Task a_payment_on_a_paid_invoice_is_all_overpaid()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var paid = await w.DoneAsync(id, "mark_as_paid");

        var record = await w.PaidAsync(id, 5000);
        Assert.Equal(5000, record.Minor("overpaid_amount"));
        Assert.Equal(("paid", "paid"), Move(record));
        var after = await w.ReadAsync(id);
        Assert.Equal(("paid", ThreeUnits, 0L, 0L, ThreeUnits), after.Amounts());
        Assert.Equal(paid["paid_at"]!.GetValue<DateTimeOffset>(), after["paid_at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task records_are_read_by_id_and_listed_by_invoice()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var other = (await w.IssuedInvoiceAsync()).Id();
        var first = await w.PaidAsync(id, 1000);
        await w.PaidAsync(other, 2000);
        var second = await w.PaidAsync(id, 3000);

        var (status, read, _) = await w.SendAsync(HttpMethod.Get, $"/v1/payment_records/{first.Id()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.ToJsonString(), read.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(HttpMethod.Get, $"/v1/payment_records/{Guid.NewGuid()}")).Status);

        (status, var list, _) = await w.SendAsync(HttpMethod.Get, $"/v1/payment_records?object_id={id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([first.Id(), second.Id()], list["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal([1000L, 3000L], list["data"]!.AsArray().Select(r => r!["amount"]!.GetValue<long>()));

        (_, var all, _) = await w.SendAsync(HttpMethod.Get, "/v1/payment_records");
        Assert.Equal(3, all["data"]!.AsArray().Count);

        // Another entity sees none of them.
        var stranger = await DocumentWorld.CreateAsync(api, "Stranger GmbH");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Get, $"/v1/payment_records/{first.Id()}")).Status);
        (_, var theirs, _) = await stranger.SendAsync(HttpMethod.Get, $"/v1/payment_records?object_id={id}");
        Assert.Empty(theirs["data"]!.AsArray());
    }

    [Fact]
    public async Task the_list_pages_forward_and_back_by_every_sort_planned_payments_included()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var records = new List<JsonObject>();
        foreach (var (amount, status) in new[] { (3000L, "succeeded"), (1000L, "created"), (2000L, "succeeded"), (4000L, "processing"), (500L, "succeeded") })
        {
            var (created, record) = await w.PayAsync(id, amount, status: status);
            Assert.Equal(HttpStatusCode.Created, created);
            records.Add(record);
        }

        Assert.Equal(records.Select(r => r.Id()), (await ListWalk.ForwardAndBackAsync(api, "/v1/payment_records?limit=2", 2, w.Entity)).SelectMany(p => p));
        Assert.Equal(records.OrderBy(r => r.Minor("amount")).Select(r => r.Id()),
            (await ListWalk.ForwardAndBackAsync(api, "/v1/payment_records?limit=2&sort=amount", 2, w.Entity)).SelectMany(p => p));
        // A planned payment has no paid_at: it comes first in ascending order, last in descending.
        var byPaidAt = (await ListWalk.ForwardAndBackAsync(api, "/v1/payment_records?limit=2&sort=paid_at&order=desc", 2, w.Entity)).SelectMany(p => p).ToList();
        Assert.Equal(records.Where(r => r["paid_at"] is not null).Select(r => r.Id()).Reverse(), byPaidAt.Take(3));
        Assert.Equal(records.Where(r => r["paid_at"] is null).Select(r => r.Id()).ToHashSet(), byPaidAt.Skip(3).ToHashSet());
        Assert.DoesNotContain("listing", (await w.SendAsync(HttpMethod.Get, "/v1/payment_records")).Body["data"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task a_token_of_another_entity_another_list_or_tampered_is_422()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        await w.PaidAsync(id, 1000);
        await w.PaidAsync(id, 2000);
        var token = await ListWalk.NextTokenAsync(api, $"/v1/payment_records?limit=1&object_id={id}", w.Entity);

        var stranger = await DocumentWorld.CreateAsync(api, "Stranger GmbH");
        await ListWalk.AssertRefusedAsync(api, "/v1/payment_records", token, stranger.Entity);
        await ListWalk.AssertRefusedAsync(api, "/v1/products", token, w.Entity);
        await ListWalk.AssertRefusedAsync(api, "/v1/payment_records", ListWalk.Tampered(token), w.Entity);
    }

    [Fact]
    public async Task the_same_idempotency_key_twice_records_one_payment()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var key = Guid.NewGuid().ToString();

        var (s1, r1) = await w.PayAsync(id, 10000, idempotencyKey: key);
        var (s2, r2) = await w.PayAsync(id, 10000, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal(HttpStatusCode.Created, s2);
        Assert.Equal(r1.ToJsonString(), r2.ToJsonString());

        // Paid once: 100.00, 328.40 due, 32183 to pay within 10 days.
        Assert.Equal(("partially_paid", 10000L, 32840L, 32183L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
        Assert.Equal(1, await api.CountStoredAsync("payment_record", w.Entity));
        Assert.Single(await w.HistoryAsync(id, "?event_type__in=payment_received"));

        // Another key is another payment.
        await w.PayAsync(id, 10000, idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(("partially_paid", 20000L, 22840L, 22383L, ThreeUnits), (await w.ReadAsync(id)).Amounts());
    }

    private static (string Old, string New) Move(JsonObject record) =>
        (record["object"]!["old_status"]!.GetValue<string>(), record["object"]!["new_status"]!.GetValue<string>());
}
