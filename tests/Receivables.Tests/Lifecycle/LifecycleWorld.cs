using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Receivables.Store;
using Receivables.Sweep;
using Receivables.Tests.Documents;

namespace Receivables.Tests.Lifecycle;

/// <summary>Helpers over <see cref="DocumentWorld"/> for the lifecycle: issue, act, read amounts and history.</summary>
public static class LifecycleWorld
{
    public static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> ActAsync(this DocumentWorld w, string id, string action, object? body = null, string? ifMatch = null) =>
        w.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/{action}", body, ifMatch);

    /// <summary>A new invoice (by default 3 × 120.00 EUR + 19 % = 428.40), issued; its body after the issue.</summary>
    public static async Task<JsonObject> IssuedInvoiceAsync(this DocumentWorld w, params object[] lines)
    {
        var id = await w.CreateIdAsync(w.Invoice(lines.Length > 0 ? lines : [w.CatalogLine(3)]));
        var (status, body, _) = await w.ActAsync(id, "issue");
        Assert.True(status == HttpStatusCode.OK, $"issue: {status} {body.ToJsonString()}");
        return body;
    }

    public static async Task<JsonObject> IssuedQuoteAsync(this DocumentWorld w, object? quote = null)
    {
        var id = await w.CreateIdAsync(quote ?? w.Quote());
        var (status, body, _) = await w.ActAsync(id, "issue");
        Assert.True(status == HttpStatusCode.OK, $"issue: {status} {body.ToJsonString()}");
        return body;
    }

    public static async Task<JsonObject> ReadAsync(this DocumentWorld w, string id)
    {
        var (status, body, _) = await w.GetAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public static async Task<List<JsonObject>> HistoryAsync(this DocumentWorld w, string id, string query = "")
    {
        var (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history{query}");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
    }

    public static string Id(this JsonObject body) => body["id"]!.GetValue<string>();

    public static string Status(this JsonObject body) => body["status"]!.GetValue<string>();

    public static long Minor(this JsonObject body, string field) => body[field]!.GetValue<long>();

    /// <summary>The amount fields of spec 5.8, in one comparable tuple.</summary>
    public static (string Status, long Paid, long Due, long ToPay, long WithCredit) Amounts(this JsonObject invoice) =>
        (invoice.Status(), invoice.Minor("amount_paid"), invoice.Minor("amount_due"), invoice.Minor("amount_to_pay"), invoice.Minor("total_amount_with_credit_notes"));

    /// <summary>The sweep of the running host's store, on a clock set <paramref name="daysAhead"/> days from now.</summary>
    public static DueDateSweep SweepAt(this DocumentWorld w, int daysAhead) =>
        new(w.Api.Service<DocumentStore>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(daysAhead)), NullLogger<DueDateSweep>.Instance);
}
