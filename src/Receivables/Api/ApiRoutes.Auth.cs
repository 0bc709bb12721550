using Receivables.Auth;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateToken = new(nameof(CreateToken), "POST", "auth/token", RouteAccess.Anonymous, AuthEndpoints.CreateToken);
    public static readonly ApiRoute RevokeToken = new(nameof(RevokeToken), "POST", "auth/revoke", RouteAccess.Anonymous, AuthEndpoints.RevokeToken);
}
