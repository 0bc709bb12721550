using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class AuthFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateToken))]
    public Task<IActionResult> CreateToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/token")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateToken, req);

    [Function(nameof(ApiRoutes.RevokeToken))]
    public Task<IActionResult> RevokeToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/revoke")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.RevokeToken, req);
}
