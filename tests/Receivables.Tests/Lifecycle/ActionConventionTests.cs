using System.Net;
using Microsoft.Azure.Cosmos;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

/// <summary>If-Match on every action route, and Idempotency-Key on every action that creates something.</summary>
[Collection(ApiTests.Name)]
public sealed class ActionConventionTests(ApiHost api)
{
    private const string Stale = "\"00000000-0000-0000-0000-000000000000\"";

    public static TheoryData<string, string, string?> Actions() => new()
    {
        { "draft invoice", "issue", null },
        { "issued invoice", "mark_as_paid", null },
        { "issued invoice", "mark_as_partially_paid", """{"amount_paid": 100}""" },
        { "overdue invoice", "mark_as_uncollectible", null },
        { "issued invoice", "cancel", null },
        { "issued quote", "accept", null },
        { "issued quote", "decline", null },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task a_stale_if_match_is_412_and_changes_nothing_while_the_current_etag_applies(string what, string action, string? body)
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = what switch
        {
            "draft invoice" => await w.CreateIdAsync(w.Invoice()),
            "issued invoice" => (await w.IssuedInvoiceAsync()).Id(),
            "overdue invoice" => (await w.OverdueInvoiceAsync()).Id(),
            _ => (await w.IssuedQuoteAsync()).Id(),
        };
        var (_, before, etag) = await w.GetAsync(id);

        var (status, answer, _) = await w.ActAsync(id, action, body, Stale);
        Assert.True(status == HttpStatusCode.PreconditionFailed, $"{status} {answer.ToJsonString()}");
        var (_, unchanged, sameEtag) = await w.GetAsync(id);
        Assert.Equal(etag, sameEtag);
        Assert.Equal(before.Status(), unchanged.Status());

        (status, answer, _) = await w.ActAsync(id, action, body, etag);
        Assert.True((int)status is >= 200 and < 300, $"{status} {answer.ToJsonString()}");
    }

    [Fact]
    public async Task cancel_with_an_idempotency_key_creates_one_credit_note_however_often_it_is_sent()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendKeyedAsync(w, $"/v1/receivables/{id}/cancel", null, "cancel-" + id)));
        // The first is 204; the others replay it (204) or, while it is in flight, say so (409); never a second cancel.
        Assert.All(answers, s => Assert.True(s is HttpStatusCode.NoContent or HttpStatusCode.Conflict, s.ToString()));
        Assert.Contains(HttpStatusCode.NoContent, answers);
        Assert.Equal(HttpStatusCode.NoContent, await SendKeyedAsync(w, $"/v1/receivables/{id}/cancel", null, "cancel-" + id));
        Assert.Equal(1, await CountAsync(w, "credit_note", id));
        Assert.Equal("canceled", (await w.ReadAsync(id)).Status());
    }

    [Fact]
    public async Task accept_with_an_idempotency_key_creates_one_invoice()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedQuoteAsync()).Id();
        Assert.Equal(HttpStatusCode.OK, await SendKeyedAsync(w, $"/v1/receivables/{id}/accept", null, "accept-" + id));
        Assert.Equal(HttpStatusCode.OK, await SendKeyedAsync(w, $"/v1/receivables/{id}/accept", null, "accept-" + id));
        Assert.Equal(1, await CountAsync(w, "invoice", id));
        // Without the key, a second accept is refused by the lifecycle itself.
        Assert.Equal(HttpStatusCode.Conflict, (await w.ActAsync(id, "accept")).Status);
    }

    [Fact]
    public async Task concurrent_payment_records_with_one_key_make_one_payment()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var body = new { amount = 1_000, currency = "EUR", @object = new { type = "receivable", id } };
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendKeyedAsync(w, "/v1/payment_records", body, "pay-" + id)));
        Assert.All(answers, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, s.ToString()));
        Assert.Equal(1_000, (await w.ReadAsync(id)).Minor("amount_paid"));
        var (_, records, _) = await w.SendAsync(HttpMethod.Get, $"/v1/payment_records?object_id={id}");
        Assert.Single(records["data"]!.AsArray());
    }

    private static async Task<HttpStatusCode> SendKeyedAsync(DocumentWorld w, string path, object? body, string key)
    {
        using var response = await w.Api.SendAsync(HttpMethod.Post, path, body, w.Entity, configure: r => r.Headers.Add("Idempotency-Key", key));
        return response.StatusCode;
    }

    private async Task<int> CountAsync(DocumentWorld w, string type, string basedOn)
    {
        var container = await api.StoreContainerAsync();
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.resource = 'receivable' AND c.type = @t AND c.based_on = @id")
            .WithParameter("@t", type).WithParameter("@id", basedOn);
        using var iterator = container.GetItemQueryIterator<int>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(w.Entity.ToString()) });
        var count = 0;
        while (iterator.HasMoreResults) count += (await iterator.ReadNextAsync()).Sum();
        return count;
    }
}
