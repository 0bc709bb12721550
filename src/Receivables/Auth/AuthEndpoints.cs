using Receivables.Api;

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

public sealed record AccessTokenResponse(string AccessToken, int ExpiresIn, string TokenType);

public static class AuthEndpoints
{
    public static async Task<ApiResponse> CreateToken(ApiRequest request)
    {
        var body = await request.BodyAsync<ObtainTokenRequest>();
        if (body.GrantType == GrantType.EntityUser)
            throw ApiException.BadRequest("grant_type 'entity_user' is not supported by this server yet; use 'client_credentials'", "unsupported_grant_type");
        var tokens = request.Service<TokenService>();
        var token = tokens.IssuePartnerToken(body.ClientId!.Value, body.ClientSecret!);
        return ApiResponse.Ok(new AccessTokenResponse(token, tokens.LifetimeSeconds, "Bearer"));
    }
}
