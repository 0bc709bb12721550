using System.Net;

namespace Receivables.Store;

/// <summary>
/// The store could not do the work now but may later: throttled (429), unavailable (503), timed out (408),
/// or asking the client to retry (410 Gone, 449 Retry With). The API answers 429 or 503 with <c>Retry-After</c>.
/// Thrown where the SDK reports such a status without an exception of its own (a failed TransactionalBatch),
/// so that its <see cref="RetryAfter"/> is not lost: a <see cref="Microsoft.Azure.Cosmos.CosmosException"/>
/// built by hand cannot carry one.
/// </summary>
public sealed class StoreUnavailableException(HttpStatusCode status, TimeSpan? retryAfter, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>What the store asked for (x-ms-retry-after-ms), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Statuses that say "not now" rather than "not this request": retrying later may succeed.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 410 or 429 or 449 or 503;
}
