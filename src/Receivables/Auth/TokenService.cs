using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Receivables.Api;

namespace Receivables.Auth;

/// <summary>
/// Issues and validates the API's access tokens: HS256 JWTs carrying the client, its partner and, for the
/// entity-user tokens to come, the entity and user (claims <c>entity_id</c>, <c>entity_user_id</c>).
/// </summary>
public sealed class TokenService
{
    public const string Issuer = "receivables-functions";
    public const string Audience = "receivables-api";

    private const string PartnerIdClaim = "partner_id";
    private const string EntityIdClaim = "entity_id";
    private const string EntityUserIdClaim = "entity_user_id";
    private const string TokenUseClaim = "token_use";

    private readonly AuthOptions options;
    private readonly TimeProvider clock;
    private readonly SymmetricSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenValidationParameters validation;

    // Tokens whose signature and claims checked out, by their text: a client sends the same token with every request,
    // and checking a signature costs more than the rest of the pipeline's own work. What a token says never changes,
    // so only that is kept; its times, its client and its revocation are still checked on every request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AccessToken> read = new(StringComparer.Ordinal);
    private const int MaxRead = 10_000;

    public TokenService(AuthOptions options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set")));
        validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            // The times are checked after the signature, by AuthenticateAsync, with the injected clock (the one that
            // issued the token) and one message per way they can be wrong; revoking takes an expired token too.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
    }

    public int LifetimeSeconds => options.TokenLifetimeSeconds;

    /// <summary>
    /// A token's <c>nbf</c> may be this far ahead of the validating instance's clock: instances' clocks differ a little,
    /// and a token is valid from the moment another instance issued it.
    /// </summary>
    public static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(30);

    /// <summary>The configured client with this id and secret; anything else is 401 with one message for both.</summary>
    public PartnerClient RequireClient(Guid clientId, string clientSecret)
    {
        var client = options.Clients.FirstOrDefault(c => c.ClientId == clientId);
        // Hash even for unknown clients so that timing does not reveal which client ids exist.
        var matches = ClientSecretHash.Matches(clientSecret, client?.SecretHash ?? ClientSecretHash.Compute(Guid.NewGuid().ToString()));
        if (client is null || !matches) throw ApiException.Unauthorized("Invalid client credentials");
        return client;
    }

    public string Issue(ApiPrincipal principal)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = principal.ClientId.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
            [PartnerIdClaim] = principal.PartnerId.ToString(),
            [TokenUseClaim] = principal.IsPartner ? "partner" : "entity_user",
        };
        if (principal.EntityId is { } entityId) claims[EntityIdClaim] = entityId.ToString();
        if (principal.EntityUserId is { } userId) claims[EntityUserIdClaim] = userId.ToString();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(options.TokenLifetimeSeconds),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// Reads <c>Authorization: Bearer ...</c>; anything but a valid, current token of ours, of a client still configured,
    /// is 401. Whether the token was revoked is <see cref="TokenRevocations"/>' to say.
    /// </summary>
    public async Task<AccessToken> AuthenticateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
            throw ApiException.Unauthorized("Missing Authorization header with a bearer token");
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
            throw ApiException.Unauthorized("The Authorization header must be 'Bearer <access_token>'");

        var token = await ReadAsync(authorization[scheme.Length..].Trim()) ?? throw ApiException.Unauthorized("The access token is invalid");
        var now = clock.GetUtcNow();
        // A token without an expiry would be valid forever: not one of ours, however it came to be signed.
        if (token.ExpiresAt is not { } expires) throw ApiException.Unauthorized("The access token has no expiry time");
        if (now >= expires) throw ApiException.Unauthorized("The access token has expired");
        if (token.NotBefore is { } notBefore && notBefore > now + NotBeforeSkew) throw ApiException.Unauthorized("The access token is not valid yet");
        // A client removed from the settings (or given to another partner) loses its tokens at once, not at their expiry.
        if (!options.Clients.Any(c => c.ClientId == token.Principal.ClientId && c.PartnerId == token.Principal.PartnerId))
            throw ApiException.Unauthorized("The access token's client is no longer configured");
        return token;
    }

    /// <summary>
    /// A token signed by us for our audience, with the claims every token carries, whatever its times and whether or not
    /// its client is still configured; null for anything else. <c>POST /auth/revoke</c> reads tokens with this.
    /// </summary>
    public async Task<AccessToken?> ReadAsync(string token)
    {
        if (read.TryGetValue(token, out var known)) return known;
        var checkedToken = await ValidateAsync(token);
        if (checkedToken is not null)
        {
            if (read.Count >= MaxRead) read.Clear();
            read[token] = checkedToken;
        }
        return checkedToken;
    }

    private async Task<AccessToken?> ValidateAsync(string token)
    {
        var result = await handler.ValidateTokenAsync(token, validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || string.IsNullOrEmpty(jwt.Id)) return null;
        var identity = result.ClaimsIdentity;
        if (OptionalGuid(identity, JwtRegisteredClaimNames.Sub) is not { } clientId || OptionalGuid(identity, PartnerIdClaim) is not { } partnerId) return null;
        return new AccessToken(
            new ApiPrincipal(clientId, partnerId, OptionalGuid(identity, EntityIdClaim), OptionalGuid(identity, EntityUserIdClaim)),
            jwt.Id,
            jwt.TryGetClaim(JwtRegisteredClaimNames.Nbf, out _) ? new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero) : null,
            jwt.TryGetClaim(JwtRegisteredClaimNames.Exp, out _) ? new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) : null);
    }

    private static Guid? OptionalGuid(ClaimsIdentity identity, string type) =>
        Guid.TryParse(identity.FindFirst(type)?.Value, out var id) ? id : null;
}

/// <summary>A token of ours, read: who it speaks for, its <c>jti</c> (what a revocation names) and its times.</summary>
public sealed record AccessToken(ApiPrincipal Principal, string Jti, DateTimeOffset? NotBefore, DateTimeOffset? ExpiresAt);
