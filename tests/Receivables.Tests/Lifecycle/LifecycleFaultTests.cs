using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// Lifecycle actions while the store fails a share of requests (429, 503, timeouts, lost responses, refused
/// connections): clients get 429/503 with Retry-After, never a 500, and no action leaves a half-written change.
/// Its own host (a class fixture), so the armed faults never reach tests running on the shared one.
/// </summary>
public sealed class LifecycleFaultTests(ApiHost api, ITestOutputHelper output) : IClassFixture<ApiHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        api.Faults.Disarm();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task actions_under_store_faults_answer_429_or_503_and_leave_nothing_half_written()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var drafts = new List<string>();
        for (var i = 0; i < 12; i++) drafts.Add(await w.CreateIdAsync(w.Invoice(w.CatalogLine(1)))); // 142.80 each

        var random = new Random(20261128);
        var statuses = new Dictionary<int, int>();
        api.Faults.Arm(0.3, Enum.GetValues<StoreFaultKind>(), seed: 20261128);
        for (var round = 0; round < 160; round++)
        {
            var id = drafts[random.Next(drafts.Count)];
            var key = $"k-{round}";
            var (status, body, _) = random.Next(6) switch
            {
                0 or 1 => await w.ActAsync(id, "issue"),
                2 => await w.ActAsync(id, "mark_as_partially_paid", new { amount_paid = random.Next(1, 14_000) }),
                3 => await Keyed(w, "/v1/payment_records", new { amount = random.Next(-3_000, 6_000) is var a && a != 0 ? a : 1, currency = "EUR", @object = new { type = "receivable", id } }, key),
                4 => await Keyed(w, $"/v1/receivables/{id}/cancel", null, key),
                _ => await w.ActAsync(id, "mark_as_paid"),
            };
            statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
            Assert.True((int)status < 500 || status == HttpStatusCode.ServiceUnavailable, $"round {round}: {status} {body.ToJsonString()}");
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                Assert.NotNull(body["error"]?["message"]);
        }
        var injected = api.Faults.Injected();
        api.Faults.Disarm();
        var summary = $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; faults injected {injected}";
        output.WriteLine(summary);
        Assert.True(statuses.ContainsKey(429) && statuses.ContainsKey(503) && statuses.ContainsKey(200), summary);

        // Whatever failed, each invoice agrees with its history, its credit notes and the entity's counter.
        var numbers = new List<string>();
        foreach (var id in drafts)
        {
            var invoice = await w.ReadAsync(id);
            var history = await w.HistoryAsync(id, "?limit=100");
            var paid = history.Where(h => h["event_type"]!.GetValue<string>() == "payment_received").Sum(h => h["event_data"]!["amount_paid"]!.GetValue<long>());
            Assert.True(paid == invoice.Minor("amount_paid"), $"{id}: history pays {paid}, invoice {invoice.Amounts()}; {summary}");
            var changes = history.Where(h => h["event_type"]!.GetValue<string>() == "status_changed").Select(h => h["event_data"]!).ToList();
            Assert.Equal(invoice.Status(), changes.Count == 0 ? "draft" : changes[^1]["new_status"]!.GetValue<string>());
            var credited = (await IssuedCreditNotesAsync(w, id)).Sum(c => c["total_amount"]!.GetValue<long>());
            Assert.Equal(invoice.Minor("total_amount") - credited, invoice.Minor("total_amount_with_credit_notes"));
            Assert.Equal(invoice.Minor("total_amount") - credited, invoice.Minor("amount_paid") + invoice.Minor("amount_due"));
            if (invoice.Status() != "draft") numbers.Add(invoice["document_id"]!.GetValue<string>());
        }
        // Gapless and unique: an issue whose answer was lost still took exactly one number.
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => $"INV-{n:D5}"), numbers.Order(StringComparer.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> Keyed(DocumentWorld w, string path, object? body, string key)
    {
        using var response = await w.Api.SendAsync(HttpMethod.Post, path, body, w.Entity, configure: r => r.Headers.Add("Idempotency-Key", key));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject(), null);
    }

    private async Task<List<JsonObject>> IssuedCreditNotesAsync(DocumentWorld w, string invoiceId)
    {
        var container = await api.StoreContainerAsync();
        var query = new QueryDefinition("SELECT * FROM c WHERE c.resource = 'receivable' AND c.type = 'credit_note' AND c.status = 'issued' AND c.based_on = @id").WithParameter("@id", invoiceId);
        using var iterator = container.GetItemQueryIterator<JsonObject>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(w.Entity.ToString()) });
        var all = new List<JsonObject>();
        while (iterator.HasMoreResults) all.AddRange(await iterator.ReadNextAsync());
        return all;
    }
}
