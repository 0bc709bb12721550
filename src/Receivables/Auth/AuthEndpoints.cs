using Receivables.Api;
using Receivables.Domain;
using Receivables.EntityUsers;

namespace Receivables.Auth;

public enum GrantType { ClientCredentials, EntityUser }

/// <summary><c>POST /auth/token</c> body (strict).</summary>
public sealed class ObtainTokenRequest : IValidatable
{
    public Guid? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public GrantType? GrantType { get; init; }
    public Guid? EntityUserId { get; init; }

    public void Validate(Validation v)
    {
        v.Required(ClientId, "client_id");
        if (v.Required(ClientSecret, "client_secret")) v.Length(ClientSecret, "client_secret", 1, 1024);
        v.Required(GrantType, "grant_type");
        if (GrantType == Auth.GrantType.EntityUser) v.Required(EntityUserId, "entity_user_id");
    }
}

/// <summary><c>POST /auth/revoke</c> body (strict): the owning client's credentials and the token to end.</summary>
public sealed class RevokeTokenRequest : IValidatable
{
    public Guid? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? Token { get; init; }

    public void Validate(Validation v)
    {
        v.Required(ClientId, "client_id");
        if (v.Required(ClientSecret, "client_secret")) v.Length(ClientSecret, "client_secret", 1, 1024);
        // Our tokens are a few hundred characters; the bound keeps a huge string from reaching the JWT parser.
        if (v.Required(Token, "token")) v.Length(Token, "token", 1, 8192);
    }
}

public sealed record MessageResponse(string Message);

public sealed record AccessTokenResponse(string AccessToken, int ExpiresIn, string TokenType);

public static class AuthEndpoints
{
    public static async Task<ApiResponse> CreateToken(ApiRequest request)
    {
        var body = await request.BodyAsync<ObtainTokenRequest>();
        var tokens = request.Service<TokenService>();
        var client = RequireClient(request, body.ClientId!.Value, body.ClientSecret!);
        var principal = new ApiPrincipal(client.ClientId, client.PartnerId, null, null);
        if (body.GrantType == GrantType.EntityUser)
        {
            // A token for one active user of one of the partner's entities. Another partner's user and a made-up id get
            // the same answer, so ids of other partners' users cannot be probed.
            var userId = body.EntityUserId!.Value;
            var entityId = await request.Service<EntityUserOperations>().FindEntityOfAsync(userId, client.PartnerId, request.Aborted)
                ?? throw ValidationException.Of(["body", "entity_user_id"], "no active entity user with this id in the client's entities", "value_error.entity_user");
            principal = principal with { EntityId = entityId, EntityUserId = userId };
        }
        var token = tokens.Issue(principal);
        return ApiResponse.Ok(new AccessTokenResponse(token, tokens.LifetimeSeconds, "Bearer"));
    }

    /// <summary>
    /// Ends a token on every instance (spec 6.1): only its own client may, with its credentials. An expired token is
    /// already over: 200, and nothing is stored.
    /// </summary>
    public static async Task<ApiResponse> RevokeToken(ApiRequest request)
    {
        var body = await request.BodyAsync<RevokeTokenRequest>();
        var tokens = request.Service<TokenService>();
        var client = RequireClient(request, body.ClientId!.Value, body.ClientSecret!);
        var token = await tokens.ReadAsync(body.Token!)
            ?? throw ValidationException.Of(["body", "token"], "not a valid access token of this API", "value_error.token");
        if (token.Principal.ClientId != client.ClientId) throw ApiException.Forbidden("The token was not issued to this client");
        // A token without an expiry is refused by every instance anyway, and a record for it could never expire.
        if (token.ExpiresAt is { } expires)
            await request.Service<TokenRevocations>().RevokeAsync(token.Jti, client.ClientId, expires, request.Aborted);
        return ApiResponse.Ok(new MessageResponse("The token has been revoked"));
    }

    /// <summary>The client with these credentials, within the limits on wrong secrets of its source address and id.</summary>
    private static PartnerClient RequireClient(ApiRequest request, Guid clientId, string clientSecret) =>
        request.Service<CredentialThrottle>().Guard(request.Http.Connection.RemoteIpAddress, clientId,
            () => request.Service<TokenService>().RequireClient(clientId, clientSecret));
}
