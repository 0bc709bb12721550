using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Receivables.Host;
using Receivables.Sweep;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

/// <summary>The due-date sweep (spec 5.5) against the store, with its own clock; and the Kestrel host running it on schedule.</summary>
[Collection(ApiTests.Name)]
public sealed class SweepTests(ApiHost api)
{
    [Fact]
    public async Task the_day_after_the_due_date_issued_and_partially_paid_invoices_become_overdue_once()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var issued = (await w.IssuedDueTodayAsync()).Id();
        var partlyPaid = (await w.IssuedDueTodayAsync()).Id();
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(partlyPaid, "mark_as_partially_paid", new { amount_paid = 100 })).Status);
        var paid = (await w.IssuedDueTodayAsync()).Id();
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(paid, "mark_as_paid")).Status);
        var notYetDue = (await w.IssuedInvoiceAsync()).Id(); // net 30

        await w.SweepAt(0).RunAsync(default);
        Assert.Equal("issued", (await w.ReadAsync(issued)).Status());

        await w.SweepAt(1).RunAsync(default);
        Assert.Equal("overdue", (await w.ReadAsync(issued)).Status());
        Assert.Equal("overdue", (await w.ReadAsync(partlyPaid)).Status());
        Assert.Equal(100, (await w.ReadAsync(partlyPaid)).Minor("amount_paid"));
        Assert.Equal("paid", (await w.ReadAsync(paid)).Status());
        Assert.Equal("issued", (await w.ReadAsync(notYetDue)).Status());

        var history = await w.HistoryAsync(issued, "?event_type__in=status_changed");
        Assert.Equal(("issued", "overdue"), (history[^1]["event_data"]!["old_status"]!.GetValue<string>(), history[^1]["event_data"]!["new_status"]!.GetValue<string>()));

        // Idempotent: a second run moves none of this entity's documents again, and records no second event.
        await w.SweepAt(1).RunAsync(default);
        Assert.Equal(history.Count, (await w.HistoryAsync(issued, "?event_type__in=status_changed")).Count);
    }

    [Fact]
    public async Task issued_quotes_expire_the_day_after_their_expiry_date()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var quote = DocumentWorld.Node(w.Quote());
        quote["expiry_date"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var expiring = (await w.IssuedQuoteAsync(quote)).Id();
        var later = (await w.IssuedQuoteAsync()).Id(); // 2099

        await w.SweepAt(1).RunAsync(default);
        Assert.Equal("expired", (await w.ReadAsync(expiring)).Status());
        Assert.Equal("issued", (await w.ReadAsync(later)).Status());
        var (status, body, _) = await w.ActAsync(expiring, "accept");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("expired", Json.Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_sweep_racing_with_payments_never_marks_a_paid_invoice_overdue()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) ids.Add((await w.IssuedDueTodayAsync()).Id());

        var payments = ids.Select(id => w.ActAsync(id, "mark_as_paid")).ToList();
        var sweep = w.SweepAt(1).RunAsync(default);
        await Task.WhenAll(payments);
        await sweep;

        Assert.All(payments, p => Assert.Equal(HttpStatusCode.OK, p.Result.Status));
        foreach (var id in ids)
        {
            Assert.Equal("paid", (await w.ReadAsync(id)).Status());
            // Overdue may come before the payment (the sweep won), never after it. The sweep's clock is a day ahead, so the
            // events are chained by their statuses rather than ordered by their timestamps.
            var changes = (await w.HistoryAsync(id, "?event_type__in=status_changed"))
                .Select(h => (Old: h["event_data"]!["old_status"]!.GetValue<string>(), New: h["event_data"]!["new_status"]!.GetValue<string>())).ToHashSet();
            var expected = changes.Contains(("issued", "overdue"))
                ? new[] { ("draft", "issued"), ("issued", "overdue"), ("overdue", "paid") }
                : [("draft", "issued"), ("issued", "paid")];
            Assert.True(changes.SetEquals(expected), string.Join(" ", changes));
        }
    }

    [Fact]
    public async Task the_kestrel_host_runs_the_sweep_on_its_schedule()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedDueTodayAsync()).Id();

        // A second host on the same store, with a fake clock at 23:59:59 today and a schedule of midnight: advancing the
        // clock past midnight lets the hosted service run the sweep, with no sleep.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddSeconds(-1), TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var target = await Receivables.Testing.Cosmos.CosmosTestEndpoint.GetAsync();
        await using var host = KestrelHost.Build([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Cosmos:Endpoint"] = target.Endpoint.ToString(),
            ["Cosmos:Key"] = target.Key,
            ["Cosmos:Database"] = api.DatabaseName,
            ["Auth:SigningKey"] = ApiHost.SigningKey,
            ["Sweep:Schedule"] = "0 0 0 * * *",
        }, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        // The service runs on its own task (.NET 10 starts BackgroundService.ExecuteAsync in the background): the clock
        // moves only once it waits for midnight, or it would compute the next midnight from the advanced time.
        var service = host.Services.GetServices<IHostedService>().OfType<SweepService>().Single();
        var waiting = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new TaskCompletionSource<SweepReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Waiting += next => waiting.TrySetResult(next);
        service.Ran += (report, error) =>
        {
            if (report is not null) ran.TrySetResult(report);
            else ran.TrySetException(error!);
        };
        await host.StartAsync();
        Assert.Equal(start.UtcDateTime.AddSeconds(1), await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("issued", (await w.ReadAsync(id)).Status());

        clock.Advance(TimeSpan.FromSeconds(2));
        var report = await ran.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(report.Moved >= 1, report.ToString());
        Assert.Equal("overdue", (await w.ReadAsync(id)).Status());
        await host.StopAsync();
    }
}
