using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>A host whose requests may take at most 5 seconds (<c>Api:RequestDeadlineSeconds</c>).</summary>
public sealed class ShortDeadlineHost() : ApiHost(new Dictionary<string, string?> { ["Api:RequestDeadlineSeconds"] = "5" });

/// <summary>
/// A frozen store (it never answers) is a 503 with <c>Retry-After</c> once the request's deadline passes, not a hang
/// of minutes (issue 10, defect 3: before, 90 s and 196 s, then a 500); nothing is half-written and the next request
/// after the store is back succeeds. Its own host, so that the frozen store meets no other test's requests.
/// </summary>
public sealed class DeadlineTests(ShortDeadlineHost api) : IClassFixture<ShortDeadlineHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        api.Faults.Disarm();
        return Task.CompletedTask;
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode} {text}");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After");
        Assert.NotNull(JsonNode.Parse(text)!["error"]!["message"]);
    }

    [Fact]
    public async Task a_read_from_a_frozen_store_is_503_at_the_deadline_then_recovers()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Invoice());
        api.Faults.Arm(StoreFaultKind.Frozen, FaultInjector.IsPointRead);
        using (var frozen = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: w.Entity)) await AssertUnavailableAsync(frozen);
        Assert.True(api.Faults.Injected(StoreFaultKind.Frozen) >= 1);

        api.Faults.Disarm();
        using var after = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: w.Entity);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task a_write_to_a_frozen_store_is_503_and_writes_nothing()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var before = await api.CountStoredAsync("receivable", w.Entity);
        api.Faults.Arm(StoreFaultKind.Frozen, FaultInjector.IsBatch);
        using (var frozen = await api.SendAsync(HttpMethod.Post, "/v1/receivables", w.Invoice(), w.Entity)) await AssertUnavailableAsync(frozen);

        api.Faults.Disarm();
        Assert.Equal(before, await api.CountStoredAsync("receivable", w.Entity));
        Assert.Equal(0, await api.CountStoredAsync("receivable_history", w.Entity));
        using var after = await api.SendAsync(HttpMethod.Post, "/v1/receivables", w.Invoice(), w.Entity);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task a_create_whose_response_cannot_be_recorded_still_answers_201_once_the_recording_gives_up()
    {
        var w = await DocumentWorld.CreateAsync(api);
        // Everything goes through but the last write: the upsert that records the response under the key.
        api.Faults.Arm(StoreFaultKind.Frozen, r => FaultInjector.IsItemRequest(r) && r.Method != HttpMethod.Get && !FaultInjector.IsQuery(r) && !FaultInjector.IsBatch(r));
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/receivables", w.Invoice(), w.Entity, configure: r => r.Headers.Add("Idempotency-Key", "frozen-record"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(api.Faults.Injected(StoreFaultKind.Frozen) >= 1);

        api.Faults.Disarm();
        // The write happened once; its key is taken (a retry is told the request is recorded as in progress).
        Assert.Equal(1, await api.CountStoredAsync("receivable", w.Entity));
        using var retry = await api.SendAsync(HttpMethod.Post, "/v1/receivables", w.Invoice(), w.Entity, configure: r => r.Headers.Add("Idempotency-Key", "frozen-record"));
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(1, await api.CountStoredAsync("receivable", w.Entity));
    }

    [Fact]
    public async Task a_list_page_from_a_frozen_store_is_503()
    {
        var w = await DocumentWorld.CreateAsync(api);
        api.Faults.Arm(StoreFaultKind.Frozen, FaultInjector.IsQuery);
        using var frozen = await api.SendAsync(HttpMethod.Get, "/v1/receivables?limit=5", entityId: w.Entity);
        await AssertUnavailableAsync(frozen);
    }
}
