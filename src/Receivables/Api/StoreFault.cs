using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Receivables.Store;

namespace Receivables.Api;

/// <summary>
/// A failure of the store that says "not now" rather than "not this request": answered 429 (throttled) or
/// 503 (unavailable, timed out, unreachable) with <c>Retry-After</c>, never 500. The caller has already ruled
/// out the client's own abort, so any cancellation seen here is the store's (a timeout or a deadline).
/// </summary>
internal sealed record StoreFault(int Status, TimeSpan RetryAfter, string Cause)
{
    /// <summary>Throttling is short-lived and Cosmos DB usually says how long; one second when it does not.</summary>
    public static readonly TimeSpan ThrottledRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>An outage or a timeout rarely clears at once; two seconds keeps retrying clients from piling on.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(2);

    public static StoreFault? Of(Exception e) => e switch
    {
        CosmosException c when c.StatusCode == HttpStatusCode.TooManyRequests =>
            Throttled(c.RetryAfter, $"Cosmos DB 429/{c.SubStatusCode}"),
        CosmosException c when StoreUnavailableException.IsTransient(c.StatusCode) =>
            Unavailable(c.RetryAfter, $"Cosmos DB {(int)c.StatusCode}/{c.SubStatusCode}"),
        StoreUnavailableException s when s.Status == HttpStatusCode.TooManyRequests =>
            Throttled(s.RetryAfter, s.Message),
        StoreUnavailableException s =>
            Unavailable(s.RetryAfter, s.Message),
        // Also CosmosOperationCanceledException, which the SDK throws when its own timeout or a deadline token fires.
        OperationCanceledException => Unavailable(null, $"{e.GetType().Name}: a store call was cancelled before it completed"),
        // Gateway mode: the SDK lets connection failures (refused, reset, DNS) through as they are, after its own retries.
        HttpRequestException h => Unavailable(null, $"store unreachable: {h.Message}"),
        // Blob storage (the PDFs): unreachable (status 0), throttled, failing, or refusing the app's identity (a role
        // assignment still propagating). None is the client's doing; its request may succeed later.
        Azure.RequestFailedException r when r.Status == 429 => Throttled(null, $"Blob storage 429 {r.ErrorCode}"),
        Azure.RequestFailedException r => Unavailable(null, $"Blob storage {r.Status} {r.ErrorCode}: {FirstLine(r.Message)}"),
        // The Azure SDK's retries end in an AggregateException of their attempts' failures.
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => Of(i) is not null) => Of(a.InnerExceptions[^1]),
        // The managed identity could not get a token for storage.
        Azure.Identity.AuthenticationFailedException => Unavailable(null, $"no token for blob storage: {FirstLine(e.Message)}"),
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static StoreFault Throttled(TimeSpan? retryAfter, string cause) =>
        new(StatusCodes.Status429TooManyRequests, retryAfter is { } r && r > TimeSpan.Zero ? r : ThrottledRetryAfter, cause);

    private static StoreFault Unavailable(TimeSpan? retryAfter, string cause) =>
        new(StatusCodes.Status503ServiceUnavailable, retryAfter is { } r && r > TimeSpan.Zero ? r : UnavailableRetryAfter, cause);
}
