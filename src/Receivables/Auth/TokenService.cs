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
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            // The clock is injected so that expiry is decided by the same time source that issued the token.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } exp && now < exp && (notBefore is not { } nbf || nbf <= now.AddSeconds(30));
            },
        };
    }

    public int LifetimeSeconds => options.TokenLifetimeSeconds;

    /// <summary><c>grant_type=client_credentials</c>: a partner token for a configured client.</summary>
    public string IssuePartnerToken(Guid clientId, string clientSecret)
    {
        var client = options.Clients.FirstOrDefault(c => c.ClientId == clientId);
        // Hash even for unknown clients so that timing does not reveal which client ids exist.
        var matches = ClientSecretHash.Matches(clientSecret, client?.SecretHash ?? ClientSecretHash.Compute(Guid.NewGuid().ToString()));
        if (client is null || !matches) throw ApiException.Unauthorized("Invalid client credentials");
        return Issue(new ApiPrincipal(client.ClientId, client.PartnerId, null, null));
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

    /// <summary>Reads <c>Authorization: Bearer ...</c>; anything but a valid, unexpired token of ours is 401.</summary>
    public async Task<ApiPrincipal> AuthenticateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
            throw ApiException.Unauthorized("Missing Authorization header with a bearer token");
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
            throw ApiException.Unauthorized("The Authorization header must be 'Bearer <access_token>'");

        var result = await handler.ValidateTokenAsync(authorization[scheme.Length..].Trim(), validation);
        if (!result.IsValid)
        {
            var expired = result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException;
            throw ApiException.Unauthorized(expired ? "The access token has expired" : "The access token is invalid");
        }
        var identity = result.ClaimsIdentity;
        return new ApiPrincipal(
            RequiredGuid(identity, JwtRegisteredClaimNames.Sub),
            RequiredGuid(identity, PartnerIdClaim),
            OptionalGuid(identity, EntityIdClaim),
            OptionalGuid(identity, EntityUserIdClaim));
    }

    private static Guid RequiredGuid(ClaimsIdentity identity, string type) =>
        OptionalGuid(identity, type) ?? throw ApiException.Unauthorized("The access token is invalid");

    private static Guid? OptionalGuid(ClaimsIdentity identity, string type) =>
        Guid.TryParse(identity.FindFirst(type)?.Value, out var id) ? id : null;
}
