using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Cosmos;

namespace Receivables.Tests.Infrastructure;

/// <summary>What an armed <see cref="FaultInjector"/> does to a request it picks.</summary>
public enum StoreFaultKind
{
    /// <summary>429 with <c>x-ms-retry-after-ms</c>; the request never reaches the store.</summary>
    Throttled,

    /// <summary>503; the request never reaches the store.</summary>
    Unavailable,

    /// <summary>408; the request never reaches the store.</summary>
    Timeout,

    /// <summary>
    /// The request reaches the store and is carried out, then the answer is replaced by 408: the client cannot
    /// tell that the write happened. The realistic nasty case of a timeout.
    /// </summary>
    LostResponse,

    /// <summary>An <see cref="HttpRequestException"/> like the one the SDK lets through when the gateway refuses connections.</summary>
    ConnectionRefused,

    /// <summary>The store never answers: the request waits until it is cancelled (a frozen store, a dead connection).</summary>
    Frozen,
}

/// <summary>
/// A Cosmos <see cref="RequestHandler"/> that, while armed, fails a share of the requests it sees. Custom
/// handlers sit above the SDK's own retry handler (RequestInvokerHandler → custom handlers → diagnostics →
/// RetryHandler → transport), so an injected 429 or 503 reaches the product at once, as if the SDK had
/// already used up its retries. Disarmed (the default) it only forwards: tests sharing a host are unaffected.
/// </summary>
/// <remarks>
/// Deterministic: one seeded <see cref="Random"/> draws once per request considered, under a lock, so the same
/// sequence of store requests meets the same faults. Requests sent concurrently are drawn in arrival order.
/// </remarks>
public sealed class FaultInjector : RequestHandler
{
    private const string RetryAfterHeader = "x-ms-retry-after-ms";
    private readonly Lock gate = new();
    private readonly Dictionary<StoreFaultKind, int> injected = [];
    private Plan? plan;

    private sealed record Plan(double Share, StoreFaultKind[] Kinds, Random Random, Func<RequestMessage, bool> When, TimeSpan? RetryAfter);

    /// <summary>
    /// Fails <paramref name="share"/> (0..1) of the requests matching <paramref name="when"/> (default: item
    /// requests, see <see cref="IsItemRequest"/>) with one of <paramref name="kinds"/>, chosen at random.
    /// </summary>
    /// <param name="retryAfter">Sent as <c>x-ms-retry-after-ms</c> on 429 (default 100 ms) and, when given, on 503.</param>
    public void Arm(double share, StoreFaultKind[] kinds, int seed = 1, Func<RequestMessage, bool>? when = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Length);
        lock (gate)
        {
            injected.Clear();
            plan = new Plan(share, kinds, new Random(seed), when ?? IsItemRequest, retryAfter);
        }
    }

    /// <summary>Every matching request fails with <paramref name="kind"/>.</summary>
    public void Arm(StoreFaultKind kind, Func<RequestMessage, bool>? when = null, TimeSpan? retryAfter = null) =>
        Arm(1, [kind], 1, when, retryAfter);

    public void Disarm()
    {
        lock (gate) plan = null;
    }

    /// <summary>How many requests got a fault since the last <see cref="Arm(double, StoreFaultKind[], int, Func{RequestMessage, bool}?, TimeSpan?)"/>.</summary>
    public int Injected(StoreFaultKind? kind = null)
    {
        lock (gate) return kind is { } k ? injected.GetValueOrDefault(k) : injected.Values.Sum();
    }

    /// <summary>
    /// Requests on documents: point operations (<c>dbs/{db}/colls/{container}/docs/{id}</c>) and what the SDK
    /// POSTs to the container's own link at this level (creates, upserts, queries, batches: "/docs" is only
    /// added further down the pipeline). Database and container requests are left alone: the product opens its
    /// container once (a failed open is tried again: DocumentStoreTests arms every request to test that).
    /// </summary>
    public static bool IsItemRequest(RequestMessage request)
    {
        var segments = request.RequestUri?.OriginalString.Trim('/').Split('/') ?? [];
        if (segments.Length < 4 || segments[0] != "dbs" || segments[2] != "colls") return false;
        return (segments.Length == 6 && segments[4] == "docs") || (segments.Length == 4 && request.Method == HttpMethod.Post);
    }

    /// <summary>A query (the product's ReadMany and list queries).</summary>
    public static bool IsQuery(RequestMessage request) =>
        IsItemRequest(request) && string.Equals(request.Headers["x-ms-documentdb-isquery"], "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>A TransactionalBatch (the writes that carry an idempotency record).</summary>
    public static bool IsBatch(RequestMessage request) =>
        IsItemRequest(request) && string.Equals(request.Headers["x-ms-cosmos-is-batch-request"], "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>A point read of one document.</summary>
    public static bool IsPointRead(RequestMessage request) => request.Method == HttpMethod.Get && IsItemRequest(request);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var (fault, retryAfter) = Draw(request);
        switch (fault)
        {
            case null:
                return await base.SendAsync(request, cancellationToken);
            case StoreFaultKind.Throttled:
                return Fail(request, HttpStatusCode.TooManyRequests, retryAfter ?? TimeSpan.FromMilliseconds(100));
            case StoreFaultKind.Unavailable:
                return Fail(request, HttpStatusCode.ServiceUnavailable, retryAfter);
            case StoreFaultKind.Timeout:
                return Fail(request, HttpStatusCode.RequestTimeout, null);
            case StoreFaultKind.LostResponse:
                // The store does the work; its answer is dropped on the way back.
                using (await base.SendAsync(request, cancellationToken)) { }
                return Fail(request, HttpStatusCode.RequestTimeout, null);
            case StoreFaultKind.Frozen:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new OperationCanceledException(cancellationToken);
            case StoreFaultKind.ConnectionRefused:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (injected)", new SocketException((int)SocketError.ConnectionRefused));
            default:
                throw new InvalidOperationException($"unknown fault {fault}");
        }
    }

    private (StoreFaultKind? Fault, TimeSpan? RetryAfter) Draw(RequestMessage request)
    {
        lock (gate)
        {
            if (plan is null || !plan.When(request)) return (null, null);
            // Two draws per considered request, always both, so the sequence does not depend on earlier outcomes.
            var roll = plan.Random.NextDouble();
            var kind = plan.Kinds[plan.Random.Next(plan.Kinds.Length)];
            if (roll >= plan.Share) return (null, null);
            injected[kind] = injected.GetValueOrDefault(kind) + 1;
            return (kind, plan.RetryAfter);
        }
    }

    private static ResponseMessage Fail(RequestMessage request, HttpStatusCode status, TimeSpan? retryAfter)
    {
        // No errorMessage argument: with one, the SDK builds the response's exception at once, from the *request's*
        // headers, and EnsureSuccessStatusCode throws that one, so x-ms-retry-after-ms set below would be lost.
        // A body like the gateway's error instead, from which the exception takes its message.
        var response = new ResponseMessage(status, request)
        {
            Content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{{\"code\":\"{status}\",\"message\":\"Injected fault: {(int)status}\"}}")),
        };
        if (retryAfter is { } r) response.Headers[RetryAfterHeader] = ((long)r.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }
}
