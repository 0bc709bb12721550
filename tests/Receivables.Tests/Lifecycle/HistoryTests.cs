using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.Lifecycle;

/// <summary><c>GET /v1/receivables/{id}/history</c> and <c>…/history/{history_id}</c> (spec 3.15).</summary>
[Collection(ApiTests.Name)]
public sealed class HistoryTests(ApiHost api)
{
    /// <summary>
    /// An invoice with seven events: created; issued (status); a PATCH (updated); 100.00 paid (payment, status); the
    /// rest paid (payment, status).
    /// </summary>
    private static async Task<string> InvoiceWithHistoryAsync(DocumentWorld w)
    {
        var id = (await w.IssuedInvoiceAsync()).Id();
        var (status, body, _) = await w.PatchAsync(id, new { issued_invoice = new { partner_metadata = new { order = "A-1" } } });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        await w.DoneAsync(id, "mark_as_partially_paid", new { amount_paid = 10000, comment = "first" });
        await w.DoneAsync(id, "mark_as_paid");
        return id;
    }

    [Fact]
    public async Task every_change_leaves_an_event_with_its_data()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await InvoiceWithHistoryAsync(w);

        var history = await w.HistoryAsync(id);
        Assert.Equal(7, history.Count);
        Assert.Equal(["receivable_created", "status_changed", "receivable_updated"], history.Take(3).EventTypes());
        Assert.Equal(["draft→issued", "issued→partially_paid", "partially_paid→paid"], history.StatusChanges());
        var payments = history.Where(h => h["event_type"]!.GetValue<string>() == "payment_received").Select(h => h["event_data"]!).ToList();
        // 100.00 paid leaving 328.40, then the 328.40 leaving nothing.
        Assert.Equal([(10000L, 32840L, "first"), (32840L, 0L, null)],
            payments.Select(d => (d["amount_paid"]!.GetValue<long>(), d["amount_due"]!.GetValue<long>(), d["comment"]?.GetValue<string>())));
        Assert.All(history, h =>
        {
            Assert.Equal(id, h["receivable_id"]!.GetValue<string>());
            Assert.NotNull(h["timestamp"]);
        });
        Assert.Equal(history.OrderBy(h => h["timestamp"]!.GetValue<DateTimeOffset>()).Select(h => h.Id()), history.Select(h => h.Id()));
        Assert.Empty(history.Single(h => h["event_type"]!.GetValue<string>() == "receivable_created")["event_data"]!.AsObject());
    }

    [Fact]
    public async Task event_type__in_filters_by_one_or_more_types()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await InvoiceWithHistoryAsync(w);

        Assert.Equal(["status_changed", "status_changed", "status_changed"], (await w.HistoryAsync(id, "?event_type__in=status_changed")).EventTypes());
        var two = await w.HistoryAsync(id, "?event_type__in=payment_received&event_type__in=receivable_created");
        Assert.Equal(["receivable_created", "payment_received", "payment_received"], two.EventTypes());
        Assert.Empty(await w.HistoryAsync(id, "?event_type__in=mail_sent"));

        var (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history?event_type__in=paid");
        Invalid(status, body, "query.event_type__in");

        // order=desc turns it round (events of one change share a timestamp and have no order among them);
        // timestamp__gt leaves the first out.
        var all = await w.HistoryAsync(id);
        var desc = await w.HistoryAsync(id, "?order=desc");
        Assert.Equal(all.Select(h => h.Id()).Order(), desc.Select(h => h.Id()).Order());
        var times = desc.Select(h => h["timestamp"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.NotEqual(times[0], times[^1]);
        var first = Uri.EscapeDataString(all[0]["timestamp"]!.GetValue<string>());
        Assert.Equal(all.Skip(1).Select(h => h.Id()), (await w.HistoryAsync(id, $"?timestamp__gt={first}")).Select(h => h.Id()));
    }

    [Fact]
    public async Task limit_1_pages_through_every_event_once_filters_included()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        // Cancel writes two events of the invoice in one batch, with one timestamp: pages must still not overlap.
        await w.CanceledAsync(id);
        var all = (await w.HistoryAsync(id)).Select(h => h.Id()).ToList();
        Assert.Equal(4, all.Count);

        Assert.Equal(all, await PagesAsync(w, id, ""));
        var statusOnly = (await w.HistoryAsync(id, "?event_type__in=status_changed")).Select(h => h.Id()).ToList();
        Assert.Equal(2, statusOnly.Count);
        // The filter travels in the token: later pages are still status changes only, whatever else is sent with it.
        Assert.Equal(statusOnly, await PagesAsync(w, id, "&event_type__in=status_changed", ignored: "&event_type__in=receivable_created"));
    }

    [Fact]
    public async Task the_history_pages_forward_and_back()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await InvoiceWithHistoryAsync(w);
        var all = (await w.HistoryAsync(id)).Select(h => h.Id()).ToList();

        var pages = await ListWalk.ForwardAndBackAsync(api, $"/v1/receivables/{id}/history?limit=3", 3, w.Entity);
        Assert.Equal(all, pages.SelectMany(p => p));
        Assert.Equal(3, pages.Count);
        var statusChanges = (await w.HistoryAsync(id, "?event_type__in=status_changed&order=desc")).Select(h => h.Id()).ToList();
        var filtered = await ListWalk.ForwardAndBackAsync(api, $"/v1/receivables/{id}/history?limit=2&event_type__in=status_changed&order=desc", 2, w.Entity);
        Assert.Equal(statusChanges, filtered.SelectMany(p => p));
    }

    [Fact]
    public async Task a_token_of_another_receivable_another_entity_another_list_or_tampered_is_422()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await InvoiceWithHistoryAsync(w);
        var other = (await w.IssuedInvoiceAsync()).Id();
        var token = await ListWalk.NextTokenAsync(api, $"/v1/receivables/{id}/history?limit=1", w.Entity);

        // The same entity, another receivable: its history is another list.
        await ListWalk.AssertRefusedAsync(api, $"/v1/receivables/{other}/history", token, w.Entity);
        var stranger = await DocumentWorld.CreateAsync(api, "Stranger GmbH");
        await ListWalk.AssertRefusedAsync(api, $"/v1/receivables/{id}/history", token, stranger.Entity);
        await ListWalk.AssertRefusedAsync(api, "/v1/payment_records", token, w.Entity);
        await ListWalk.AssertRefusedAsync(api, $"/v1/receivables/{id}/history", ListWalk.Tampered(token), w.Entity);
    }

    [Fact]
    public async Task one_record_is_read_by_id_under_its_own_receivable_only()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var other = (await w.IssuedInvoiceAsync()).Id();
        var issued = (await w.HistoryAsync(id, "?event_type__in=status_changed")).Single();

        var (status, read, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history/{issued.Id()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(issued.ToJsonString(), read.ToJsonString());
        Assert.Equal("draft", read["event_data"]!["old_status"]!.GetValue<string>());
        Assert.Equal("issued", read["event_data"]!["new_status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{other}/history/{issued.Id()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task the_history_of_an_unknown_receivable_is_404()
    {
        var w = await DocumentWorld.CreateAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}/history")).Status);
        // Another entity's receivable is unknown here.
        var stranger = await DocumentWorld.CreateAsync(api, "Stranger GmbH");
        var theirs = (await stranger.IssuedInvoiceAsync()).Id();
        Assert.Equal(HttpStatusCode.NotFound, (await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{theirs}/history")).Status);
        // A known receivable whose filter matches nothing is an empty page, not 404.
        Assert.Empty(await stranger.HistoryAsync(theirs, "?event_type__in=mail_sent"));
    }

    /// <summary>
    /// Follows next_pagination_token (resending limit=1, which the token does not carry, and <paramref name="ignored"/>,
    /// which the token's own filters override) to the end; the ids in the order served.
    /// </summary>
    private static async Task<List<string>> PagesAsync(DocumentWorld w, string receivableId, string query, string ignored = "")
    {
        var ids = new List<string>();
        var (status, page, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{receivableId}/history?limit=1{query}");
        for (var pages = 0; ; pages++)
        {
            Assert.True(status == HttpStatusCode.OK, page.ToJsonString());
            Assert.True(pages < 20, "pagination does not end");
            var data = page["data"]!.AsArray();
            Assert.True(data.Count == 1, $"limit=1 served {data.Count}");
            ids.Add(data[0]!["id"]!.GetValue<string>());
            if (page["next_pagination_token"] is not JsonValue token) break;
            (status, page, _) = await w.SendAsync(HttpMethod.Get,
                $"/v1/receivables/{receivableId}/history?limit=1&pagination_token={Uri.EscapeDataString(token.GetValue<string>())}{ignored}");
        }
        return ids;
    }
}
