using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Receivables.Hosting;
using Receivables.Store;

namespace Receivables.Auth;

/// <summary>
/// A revoked access token (<c>POST /auth/revoke</c>), kept until the token would have expired anyway: Cosmos DB's per-item
/// TTL removes it then, so the set of revocations stays as small as the number of live revoked tokens.
/// </summary>
public sealed class TokenRevocation : StoredDocument
{
    public const string ResourceName = "token_revocation";

    /// <summary>
    /// The one partition of every revocation, so that an instance loads them all with one single-partition query. Not a
    /// version-4 UUID, so no entity (random v4 ids) or idempotent create (v8 ids) can ever share it.
    /// </summary>
    public static readonly Guid Partition = Guid.Parse("00000000-0000-0000-0000-00000000a0e7");

    /// <summary>The token's <c>jti</c>.</summary>
    public required string Jti { get; init; }

    public required Guid ClientId { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }

    /// <summary>When the token expires: past this plus <see cref="TokenRevocations.ClockSkew"/> the record is not needed.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Cosmos DB's per-item time to live, in seconds.</summary>
    [JsonPropertyName("ttl")]
    public required int Ttl { get; init; }

    public static string IdFor(string jti) => "token-revocation-" + jti;
}

/// <summary>
/// Which tokens are revoked, as every instance sees it. The revocations are held in memory and reloaded (one query on
/// <see cref="TokenRevocation.Partition"/>) by the first request after <see cref="AuthOptions.RevocationRefreshSeconds"/>
/// have passed, so an authenticated request costs no round trip: a revocation holds at once on the instance that took
/// it and within that interval on every other. A reload that fails fails its request (503), rather than letting a
/// revoked token through on a list older than the bound.
/// </summary>
public sealed class TokenRevocations(DocumentStore store, AuthOptions options, ApiLimits limits, TimeProvider clock)
{
    /// <summary>
    /// Instances' clocks differ by a little: a record outlives its token by this much, so that no instance whose clock is
    /// behind still finds the token unexpired after its record is gone.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // jti → when the entry may be forgotten (the token's expiry plus the skew). Entries are only ever added by a
    // reload or a revocation and dropped once past that time: revocations are never undone.
    private readonly ConcurrentDictionary<string, DateTimeOffset> revoked = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    // UTC ticks of the last reload's start (0: never), read and written whole (a DateTimeOffset? could be read torn).
    private long loadedAt;
    private Task reloading = Task.CompletedTask;

    private TimeSpan RefreshInterval => TimeSpan.FromSeconds(options.RevocationRefreshSeconds);

    public async Task<bool> IsRevokedAsync(string jti, CancellationToken ct)
    {
        if (clock.GetUtcNow().UtcTicks - Volatile.Read(ref loadedAt) >= RefreshInterval.Ticks) await ReloadAsync().WaitAsync(ct);
        return revoked.ContainsKey(jti);
    }

    /// <summary>Stores the revocation (repeating one is harmless) and holds it on this instance at once.</summary>
    public async Task RevokeAsync(string jti, Guid clientId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keep = expiresAt + ClockSkew;
        if (keep <= now) return;
        var record = new TokenRevocation
        {
            Id = TokenRevocation.IdFor(jti),
            EntityId = TokenRevocation.Partition,
            Resource = TokenRevocation.ResourceName,
            Jti = jti,
            ClientId = clientId,
            RevokedAt = now,
            ExpiresAt = expiresAt,
            Ttl = (int)Math.Ceiling((keep - now).TotalSeconds),
        };
        try
        {
            await store.CreateAsync(record, ct);
        }
        catch (DocumentExistsException)
        {
            // Revoked before: the first record stands, and it lives as long as the token.
        }
        revoked[jti] = keep;
    }

    /// <summary>
    /// Reloads now, or joins the reload in progress: concurrent requests share one query. The query runs under its own
    /// deadline, not the first caller's, so one client leaving does not fail the others waiting on it.
    /// </summary>
    public Task ReloadAsync()
    {
        lock (gate)
        {
            // A finished reload (done or failed) is not reused: a failed one is tried again by the next request.
            if (reloading.IsCompleted) reloading = LoadAsync();
            return reloading;
        }
    }

    private async Task LoadAsync()
    {
        var started = clock.GetUtcNow();
        using var deadline = new CancellationTokenSource(limits.RequestDeadline);
        var query = new QueryDefinition("SELECT c.jti, c.expires_at FROM c WHERE c.resource = @resource").WithParameter("@resource", TokenRevocation.ResourceName);
        string? continuation = null;
        do
        {
            var (items, next) = await store.QueryPageAsync<RevokedToken>(query, TokenRevocation.Partition, 1000, continuation, deadline.Token);
            foreach (var item in items) revoked[item.Jti] = item.ExpiresAt + ClockSkew;
            continuation = next;
        }
        while (continuation is not null);
        foreach (var (jti, keep) in revoked)
        {
            if (keep <= started) revoked.TryRemove(jti, out _);
        }
        // The interval counts from before the query: a revocation stored while it ran is seen by the next reload.
        Volatile.Write(ref loadedAt, started.UtcTicks);
    }

    private sealed record RevokedToken(string Jti, DateTimeOffset ExpiresAt);
}
