using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class ReceivableFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateReceivable))]
    public Task<IActionResult> CreateReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateReceivable, req);

    [Function(nameof(ApiRoutes.GetReceivable))]
    public Task<IActionResult> GetReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables/{receivable_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetReceivable, req);
}
