namespace Receivables.Auth;

/// <summary>Settings section <c>Auth</c>: the token-signing key, token lifetime and the partner clients.</summary>
public sealed class AuthOptions
{
    /// <summary>Marks the development key and client shipped in local.settings.sample.json. Never valid in Azure.</summary>
    public const string LocalOnlyMarker = "local-development-only";

    /// <summary>HMAC-SHA256 key for access tokens: a string of at least 32 characters (Key Vault in Azure).</summary>
    public string? SigningKey { get; set; }

    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// How often an instance reloads the revoked tokens: the longest a token revoked on one instance still works on
    /// another. Each reload is one small query per instance, not one per request.
    /// </summary>
    public int RevocationRefreshSeconds { get; set; } = 10;

    /// <summary>
    /// Wrong client secrets one source address may send per <see cref="FailedAttemptWindowSeconds"/> before it is 429;
    /// a client id gets <see cref="CredentialThrottle.ClientLimitFactor"/> times as many over all addresses it has not
    /// signed in from. Per instance.
    /// </summary>
    public int FailedAttemptLimit { get; set; } = 10;

    public int FailedAttemptWindowSeconds { get; set; } = 60;

    public List<PartnerClient> Clients { get; set; } = [];

    /// <summary>Refuses to run with a missing or weak key, no clients, or the local development defaults in Azure.</summary>
    public void Validate(bool runningInAzure)
    {
        if (string.IsNullOrWhiteSpace(SigningKey) || SigningKey.Length < 32)
            throw new InvalidOperationException("Setting Auth__SigningKey must be a secret of at least 32 characters.");
        if (TokenLifetimeSeconds is < 60 or > 86400)
            throw new InvalidOperationException("Setting Auth__TokenLifetimeSeconds must be between 60 and 86400.");
        if (RevocationRefreshSeconds is < 1 or > 3600)
            throw new InvalidOperationException("Setting Auth__RevocationRefreshSeconds must be between 1 and 3600.");
        if (FailedAttemptLimit is < 1 or > 10000)
            throw new InvalidOperationException("Setting Auth__FailedAttemptLimit must be between 1 and 10000.");
        if (FailedAttemptWindowSeconds is < 1 or > 86400)
            throw new InvalidOperationException("Setting Auth__FailedAttemptWindowSeconds must be between 1 and 86400.");
        if (Clients.Count == 0)
            throw new InvalidOperationException("No partner client is configured (Auth__Clients__0__ClientId, __PartnerId, __SecretHash).");
        foreach (var client in Clients) client.Validate();
        if (runningInAzure && (SigningKey.Contains(LocalOnlyMarker, StringComparison.Ordinal) || Clients.Any(c => c.IsLocalOnly)))
            throw new InvalidOperationException("The local development signing key or client is configured while running in Azure; set real secrets (Key Vault references).");
    }
}

/// <summary>A partner's API client: <c>client_credentials</c> with a secret stored only as a hash.</summary>
public sealed class PartnerClient
{
    public Guid ClientId { get; set; }
    public Guid PartnerId { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the UTF-8 secret. Secrets are random and long, so a plain digest suffices.</summary>
    public string? SecretHash { get; set; }

    /// <summary>Marks the development client of local.settings.sample.json.</summary>
    public bool IsLocalOnly => SecretHash == ClientSecretHash.Compute(LocalDevelopmentSecret);

    /// <summary>The secret of the development client in local.settings.sample.json. Refused in Azure.</summary>
    public const string LocalDevelopmentSecret = "local-development-only-client-secret";

    public void Validate()
    {
        if (ClientId == Guid.Empty || PartnerId == Guid.Empty)
            throw new InvalidOperationException("Every partner client needs a ClientId and a PartnerId (UUIDs).");
        if (!ClientSecretHash.IsWellFormed(SecretHash))
            throw new InvalidOperationException($"Client {ClientId}: SecretHash must be 'sha256:' followed by 64 hex digits.");
    }
}
