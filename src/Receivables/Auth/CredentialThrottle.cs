using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Receivables.Api;

namespace Receivables.Auth;

/// <summary>
/// Limits wrong client secrets on <c>/auth/token</c> and <c>/auth/revoke</c>, per source address and per client id, so
/// that guessing is slow and cheap to refuse. Only failures count: a client that signs in correctly is never slowed.
/// <list type="bullet">
/// <item>Per address: <see cref="AuthOptions.FailedAttemptLimit"/> failures, refilled evenly over
/// <see cref="AuthOptions.FailedAttemptWindowSeconds"/>; past it the address is 429 for every client, right secret or not
/// (a guess that would be answered is a guess made).</item>
/// <item>Per configured client id: <see cref="ClientLimitFactor"/> times that per window, counted over all addresses, against
/// guessing spread over many addresses. It does not apply from an address this client signed in from recently, so an
/// attacker can lock a client out only from addresses it has not used: the real client keeps working from its own.</item>
/// </list>
/// State is per instance, in memory (see docs/decisions.md for several instances). Checking and counting are two steps,
/// so concurrent guesses from one address may pass the check together: the excess is at most the requests in flight.
/// </summary>
public sealed class CredentialThrottle : IDisposable
{
    /// <summary>How many times the per-address limit one client id gets, over every address that has not signed in as it.</summary>
    public const int ClientLimitFactor = 10;

    /// <summary>How many recent sign-in addresses are remembered per client, and for how long.</summary>
    public const int TrustedAddressesPerClient = 32;
    public static readonly TimeSpan TrustedAddressLifetime = TimeSpan.FromHours(24);

    private readonly AuthOptions options;
    private readonly TimeProvider clock;
    private readonly TimeSpan perToken;
    private readonly PartitionedRateLimiter<string> byAddress;
    private readonly PartitionedRateLimiter<Guid> byClient;
    private readonly ConcurrentDictionary<Guid, TrustedAddresses> trusted = new();

    public CredentialThrottle(AuthOptions options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        var limit = options.FailedAttemptLimit;
        perToken = TimeSpan.FromSeconds((double)options.FailedAttemptWindowSeconds / limit);
        // Buckets refill one attempt at a time, so a throttled caller gets a short Retry-After and one attempt per
        // interval, not a full window's worth at once. Idle full buckets are dropped by the limiter itself.
        byAddress = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetTokenBucketLimiter(address, _ => Bucket(limit, perToken)));
        byClient = PartitionedRateLimiter.Create<Guid, Guid>(clientId =>
            RateLimitPartition.GetTokenBucketLimiter(clientId, _ => Bucket(limit * ClientLimitFactor, PerClientToken)));
    }

    /// <summary>A client id's bucket is bigger and refills as much faster: it fills up again within one window too.</summary>
    private TimeSpan PerClientToken => perToken / ClientLimitFactor;

    private static TokenBucketRateLimiterOptions Bucket(int size, TimeSpan perToken) => new()
    {
        TokenLimit = size,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = perToken,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Checks the limits, runs <paramref name="check"/> (which throws 401 for wrong credentials) and counts its failure.
    /// 429 with <c>Retry-After</c> when a limit is used up: the credentials are then not even looked at.
    /// </summary>
    public PartnerClient Guard(IPAddress? source, Guid clientId, Func<PartnerClient> check)
    {
        var address = AddressKey(source);
        // Only configured clients get a bucket: made-up ids would otherwise grow the table without bound.
        var configured = options.Clients.Any(c => c.ClientId == clientId);
        if (!HasAttemptLeft(byAddress, address)) throw Throttled(perToken);
        if (configured && !IsTrusted(clientId, address) && !HasAttemptLeft(byClient, clientId)) throw Throttled(PerClientToken);
        try
        {
            var client = check();
            Trust(clientId, address);
            return client;
        }
        catch (ApiException e) when (e.Status == Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized)
        {
            byAddress.AttemptAcquire(address).Dispose();
            if (configured && !IsTrusted(clientId, address)) byClient.AttemptAcquire(clientId).Dispose();
            throw;
        }
    }

    /// <summary>429, with the time until the used-up bucket has one attempt again.</summary>
    private static ApiException Throttled(TimeSpan untilNextAttempt) =>
        ApiException.TooManyRequests("Too many failed sign-in attempts; retry after the time in Retry-After", untilNextAttempt);

    /// <summary>
    /// A whole attempt left, without taking it. Not <c>AttemptAcquire(key, 0)</c>: the bucket refills continuously, and
    /// that succeeds on any fraction of an attempt, so a used-up bucket would let one guess through per request.
    /// </summary>
    private static bool HasAttemptLeft<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key) =>
        limiter.GetStatistics(key)?.CurrentAvailablePermits >= 1;

    /// <summary>
    /// IPv6 callers are keyed by their /64, which one subscriber usually holds whole; an unknown address (no connection
    /// information) shares one bucket rather than escaping the limit.
    /// </summary>
    private static string AddressKey(IPAddress? source)
    {
        if (source is null) return "unknown";
        if (source.IsIPv4MappedToIPv6) source = source.MapToIPv4();
        if (source.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return source.ToString();
        var bytes = source.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private bool IsTrusted(Guid clientId, string address) =>
        trusted.TryGetValue(clientId, out var addresses) && addresses.Contains(address, clock.GetUtcNow());

    private void Trust(Guid clientId, string address) =>
        trusted.GetOrAdd(clientId, _ => new TrustedAddresses()).Add(address, clock.GetUtcNow());

    public void Dispose()
    {
        byAddress.Dispose();
        byClient.Dispose();
    }

    /// <summary>The last few addresses a client signed in from, each for a day: a small, bounded list per client.</summary>
    private sealed class TrustedAddresses
    {
        private readonly Dictionary<string, DateTimeOffset> lastSignIn = [];

        public bool Contains(string address, DateTimeOffset now)
        {
            lock (lastSignIn)
                return lastSignIn.TryGetValue(address, out var at) && now - at < TrustedAddressLifetime;
        }

        public void Add(string address, DateTimeOffset now)
        {
            lock (lastSignIn)
            {
                lastSignIn[address] = now;
                if (lastSignIn.Count <= TrustedAddressesPerClient) return;
                var oldest = lastSignIn.MinBy(pair => pair.Value).Key;
                lastSignIn.Remove(oldest);
            }
        }
    }
}
