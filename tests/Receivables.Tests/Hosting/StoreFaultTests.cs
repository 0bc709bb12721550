using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Store;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Receivables.Tests.Hosting;

/// <summary>
/// The store fails under the API (a <see cref="FaultInjector"/> on the CosmosClient): throttling is 429, an
/// outage, a timeout or a refused connection is 503, each with <c>Retry-After</c> and the error shape, never 500;
/// and whatever failed left nothing half-written (a frozen store is DeadlineTests' subject).
/// Its own host (a class fixture), so that armed faults never
/// meet the requests of the tests running in parallel on the shared one.
/// </summary>
public sealed class StoreFaultTests(ApiHost api, ITestOutputHelper output) : IClassFixture<ApiHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    // Whatever a test does, the next one starts against a healthy store.
    public Task DisposeAsync()
    {
        api.Faults.Disarm();
        return Task.CompletedTask;
    }

    /// <summary>Which store request a fault is aimed at, and the API request that makes it.</summary>
    public enum Target
    {
        /// <summary>GET /v1/receivables/{id}: one point read (a stream read: the product turns the status into the exception).</summary>
        PointRead,

        /// <summary>POST /v1/receivables without a key: its first store call, the ReadMany query of the references.</summary>
        Query,

        /// <summary>POST /v1/receivables: the TransactionalBatch of the document, its history event and (with a key) the key's record.</summary>
        Batch,
    }

    private static Func<RequestMessage, bool> Filter(Target target) => target switch
    {
        Target.PointRead => FaultInjector.IsPointRead,
        Target.Query => FaultInjector.IsQuery,
        Target.Batch => FaultInjector.IsBatch,
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    [Theory]
    [InlineData(Target.PointRead, "3")]
    [InlineData(Target.Batch, "3")]
    // The SDK's query pipeline rebuilds a failed page's headers (request charge and substatus only): the
    // x-ms-retry-after-ms of a throttled query never reaches the product, which then says one second.
    [InlineData(Target.Query, "1")]
    public async Task a_throttled_store_is_429_with_the_stores_retry_after_rounded_up(Target target, string expected)
    {
        // 2.5 s asked for by Cosmos DB (x-ms-retry-after-ms: 2500) is Retry-After: 3, never less than asked.
        var answer = await FailOnceAsync(target, StoreFaultKind.Throttled, TimeSpan.FromMilliseconds(2500));
        Assert.Equal((HttpStatusCode)429, answer.Status);
        Assert.Equal(expected, answer.RetryAfter);
    }

    [Theory]
    [InlineData(Target.PointRead, null, "2")]
    [InlineData(Target.PointRead, 4000, "4")]
    [InlineData(Target.Query, null, "2")]
    [InlineData(Target.Batch, null, "2")]
    [InlineData(Target.Batch, 3200, "4")]
    public async Task an_unavailable_store_is_503_with_its_retry_after_or_two_seconds(Target target, int? retryAfterMs, string expected)
    {
        var answer = await FailOnceAsync(target, StoreFaultKind.Unavailable, retryAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal(expected, answer.RetryAfter);
    }

    [Theory]
    [InlineData(Target.PointRead)]
    [InlineData(Target.Query)]
    [InlineData(Target.Batch)]
    public async Task a_store_timeout_is_503_with_retry_after(Target target)
    {
        var answer = await FailOnceAsync(target, StoreFaultKind.Timeout, null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("2", answer.RetryAfter);
    }

    [Theory]
    [InlineData(Target.PointRead)]
    [InlineData(Target.Batch)]
    public async Task a_refused_connection_is_503_with_retry_after(Target target)
    {
        var answer = await FailOnceAsync(target, StoreFaultKind.ConnectionRefused, null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("2", answer.RetryAfter);
    }

    [Fact]
    public async Task a_create_whose_answer_was_lost_is_503_and_its_retry_with_the_same_key_writes_nothing_more()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var memo = "lost-" + Guid.NewGuid().ToString("N");
        var body = Body(world, memo);
        var key = Guid.NewGuid().ToString();

        // The batch commits, document and key record together, but the API only sees a 408.
        api.Faults.Arm(StoreFaultKind.LostResponse, FaultInjector.IsBatch);
        using (var lost = await CreateAsync(world, body, key))
        {
            await AssertRetryableAsync(lost, HttpStatusCode.ServiceUnavailable);
        }
        Assert.Equal(1, api.Faults.Injected());
        api.Faults.Disarm();
        Assert.Equal(1, await CountWithMemoAsync(world, memo));

        // The retry finds the record of the first attempt: no second document. Its response was never recorded,
        // so the retry is told the request is in progress rather than handed a response it never saw.
        using var retry = await CreateAsync(world, body, key);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(1, await CountWithMemoAsync(world, memo));
    }

    /// <summary>Every fault that fails fast; a frozen store, which fails only at the deadline, is DeadlineTests' subject.</summary>
    private static readonly StoreFaultKind[] Kinds = Enum.GetValues<StoreFaultKind>().Where(k => k != StoreFaultKind.Frozen).ToArray();

    /// <summary>
    /// A bounded run of ordinary traffic (creates with keys, client retries of failed keys, PATCHes of one draft,
    /// GETs) while 30 % of store requests fail in every fast way the injector knows, then a healthy store: every answer
    /// was one the spec allows, and every key stands for exactly one document.
    /// </summary>
    [Fact]
    public async Task under_random_store_faults_every_answer_is_allowed_and_nothing_is_half_written()
    {
        const int Requests = 200;
        var world = await DocumentWorld.CreateAsync(api);
        var draft = await world.CreateIdAsync(Body(world, "draft"));
        var readable = new List<string> { draft };
        var created = new Dictionary<string, string>();   // key → id, once a create answered 201
        var keys = new List<string>();                     // every key used, in order
        var patches = new List<string>();                  // memo of every PATCH sent, in order
        var lastPatchOk = -1;
        var statuses = new Dictionary<int, int>();
        var choose = new Random(20240525);

        api.Faults.Arm(0.3, Kinds, seed: 20240525);
        for (var i = 0; i < Requests; i++)
        {
            HttpResponseMessage response;
            string what;
            var failedKeys = keys.Where(k => !created.ContainsKey(k)).ToList();
            switch (choose.Next(4))
            {
                case 0 or 1 when failedKeys.Count > 0 && choose.Next(2) == 0:
                {
                    // A client retrying a create that failed, with the same key and body (as it must).
                    var key = failedKeys[choose.Next(failedKeys.Count)];
                    response = await CreateAsync(world, Body(world, key), key);
                    what = $"retry of create {key}";
                    await AcceptCreateAsync(response, key, created, readable, what);
                    break;
                }
                case 0 or 1:
                {
                    var key = $"key-{i}-{Guid.NewGuid():N}";
                    keys.Add(key);
                    response = await CreateAsync(world, Body(world, key), key);
                    what = $"create {key}";
                    await AcceptCreateAsync(response, key, created, readable, what);
                    break;
                }
                case 2:
                {
                    var memo = $"patch-{i}";
                    patches.Add(memo);
                    response = await api.SendAsync(HttpMethod.Patch, $"/v1/receivables/{draft}", new { invoice = new { memo } }, world.Entity);
                    what = $"PATCH memo {memo}";
                    // 409: the bounded re-read-and-retry of a lost race ran out; legitimate, and retryable.
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict || IsRetryable(response), await DescribeAsync(what, response));
                    if (response.StatusCode == HttpStatusCode.OK) lastPatchOk = patches.Count - 1;
                    break;
                }
                default:
                {
                    var id = readable[choose.Next(readable.Count)];
                    response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entityId: world.Entity);
                    what = $"GET {id}";
                    // Every id read here exists: a 404 would be a lie about the store.
                    Assert.True(response.StatusCode == HttpStatusCode.OK || IsRetryable(response), await DescribeAsync(what, response));
                    if (response.StatusCode == HttpStatusCode.OK) Assert.Equal(id, DocumentWorld.Text((await Json.ReadAsync(response))["id"]));
                    break;
                }
            }
            using (response)
            {
                Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable, await DescribeAsync(what, response));
                if (IsRetryable(response)) await AssertRetryableAsync(response, response.StatusCode);
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }
        }
        var injected = Kinds.ToDictionary(k => k, k => api.Faults.Injected(k));
        api.Faults.Disarm();

        // The run exercised what it claims to: every kind of fault happened, and both retryable answers were given.
        var summary = $"statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; faults {string.Join(", ", injected.Select(f => $"{f.Key}×{f.Value}"))}";
        output.WriteLine(summary);
        Assert.All(injected.Values, n => Assert.True(n > 0, summary));
        Assert.True(statuses.ContainsKey(429) && statuses.ContainsKey(503) && statuses.ContainsKey(200) && statuses.ContainsKey(201), summary);

        // The store is back: a client retries every create that never got its 201, with the same key.
        foreach (var key in keys.Where(k => !created.ContainsKey(k)).ToList())
        {
            using var retry = await CreateAsync(world, Body(world, key), key);
            // 409 "in progress": the first attempt was written but its answer lost (its record has no response).
            Assert.True(retry.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await DescribeAsync($"healthy retry of {key}", retry));
        }

        // Exactly one document per key: none lost, none duplicated by a retry after a write whose answer was lost.
        var memos = await MemosAsync(world);
        Assert.All(keys, key => Assert.True(memos.Count(m => m == key) == 1, $"{key}: {memos.Count(m => m == key)} documents; {summary}"));
        Assert.Equal(keys.Count + 1, memos.Count);   // and nothing else but the draft
        Assert.Equal(keys.Count, await api.CountStoredAsync(IdempotencyRecord.ResourceName, world.Entity));

        // Every 201 is readable and is what its key created.
        foreach (var (key, id) in created)
        {
            var (status, body, _) = await world.GetAsync(id);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(key, DocumentWorld.Text(body["memo"]));
        }

        // The draft holds a PATCH sent no earlier than the last one acknowledged: a later PATCH may have been
        // written although its answer was a 503 (lost response), but an acknowledged one is never undone.
        var (_, final, _) = await world.GetAsync(draft);
        var draftMemo = DocumentWorld.Text(final["memo"]);
        var written = patches.IndexOf(draftMemo);
        Assert.True(lastPatchOk < 0 ? written >= -1 : written >= lastPatchOk, $"draft memo {draftMemo}, last acknowledged {lastPatchOk}; {summary}");
    }

    private static async Task AcceptCreateAsync(HttpResponseMessage response, string key, Dictionary<string, string> created, List<string> readable, string what)
    {
        // 409: the same key is "in progress" (an earlier attempt was written, its answer lost).
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict || IsRetryable(response), await DescribeAsync(what, response));
        if (response.StatusCode != HttpStatusCode.Created) return;
        var body = await Json.ReadAsync(response);
        Assert.Equal(key, DocumentWorld.Text(body["memo"]));
        var id = DocumentWorld.Text(body["id"]);
        created[key] = id;
        readable.Add(id);
    }

    private readonly record struct Answer(HttpStatusCode Status, string RetryAfter);

    /// <summary>
    /// Makes the request of <paramref name="target"/> with every matching store request failing as
    /// <paramref name="kind"/>; checks the shape of the answer, that a fault was injected, that a failed create
    /// wrote nothing, and that the same request succeeds once the store is healthy again.
    /// </summary>
    private async Task<Answer> FailOnceAsync(Target target, StoreFaultKind kind, TimeSpan? retryAfter)
    {
        var world = await DocumentWorld.CreateAsync(api);
        var readable = await world.CreateIdAsync(Body(world, "to read"));
        var memo = "fail-" + Guid.NewGuid().ToString("N");
        var key = target == Target.Batch ? Guid.NewGuid().ToString() : null;
        Func<Task<HttpResponseMessage>> send = target == Target.PointRead
            ? () => api.SendAsync(HttpMethod.Get, $"/v1/receivables/{readable}", entityId: world.Entity)
            : () => CreateAsync(world, Body(world, memo), key);

        api.Faults.Arm(kind, Filter(target), retryAfter);
        Answer answer;
        using (var failed = await send())
        {
            await AssertRetryableAsync(failed, failed.StatusCode);
            answer = new Answer(failed.StatusCode, failed.Headers.GetValues("Retry-After").Single());
        }
        Assert.True(api.Faults.Injected(kind) > 0, "the fault was never injected: the filter matched no request");
        api.Faults.Disarm();

        // The fault was not forwarded: a create wrote nothing (no document, no key record).
        if (target != Target.PointRead)
        {
            Assert.Equal(0, await CountWithMemoAsync(world, memo));
            Assert.Equal(0, await api.CountStoredAsync(IdempotencyRecord.ResourceName, world.Entity));
        }

        // And the very same request goes through once the store is back.
        using var healthy = await send();
        Assert.Equal(target == Target.PointRead ? HttpStatusCode.OK : HttpStatusCode.Created, healthy.StatusCode);
        return answer;
    }

    private static bool IsRetryable(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>429 or 503 as the spec shapes errors: Retry-After in whole seconds (≥ 1) and {"error":{"message"}} only.</summary>
    private static async Task AssertRetryableAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var what = await DescribeAsync("answer", response);
        Assert.True(response.StatusCode == expected && IsRetryable(response), what);
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), what);
        var seconds = int.Parse(values.Single(), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.True(seconds >= 1, what);
        var body = await Json.ReadAsync(response);
        Assert.Equal(new[] { "error" }, body.Select(p => p.Key).ToArray());
        Assert.NotEmpty(Json.Error(body));
    }

    private Task<HttpResponseMessage> CreateAsync(DocumentWorld world, object body, string? key) =>
        api.SendAsync(HttpMethod.Post, "/v1/receivables", body, world.Entity,
            configure: key is null ? null : r => r.Headers.Add("Idempotency-Key", key));

    /// <summary>A complete invoice whose memo marks it, so the documents of one request can be counted.</summary>
    private static JsonObject Body(DocumentWorld world, string memo)
    {
        var body = DocumentWorld.Node(world.Invoice());
        body["memo"] = memo;
        return body;
    }

    private async Task<List<string?>> MemosAsync(DocumentWorld world)
    {
        var container = await api.StoreContainerAsync();
        var query = new QueryDefinition("SELECT VALUE c.memo FROM c WHERE c.resource = @r").WithParameter("@r", "receivable");
        using var iterator = container.GetItemQueryIterator<string?>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(world.Entity.ToString()) });
        var memos = new List<string?>();
        while (iterator.HasMoreResults) memos.AddRange(await iterator.ReadNextAsync());
        return memos;
    }

    private async Task<int> CountWithMemoAsync(DocumentWorld world, string memo) => (await MemosAsync(world)).Count(m => m == memo);

    private static async Task<string> DescribeAsync(string what, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return $"{what}: {(int)response.StatusCode} {(text.Length > 300 ? text[..300] + "..." : text)}";
    }
}
