using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class EntityVatIdFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateEntityVatId))]
    public Task<IActionResult> CreateEntityVatId([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "entities/{entity_id}/vat_ids")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateEntityVatId, req);

    [Function(nameof(ApiRoutes.ListEntityVatIds))]
    public Task<IActionResult> ListEntityVatIds([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entities/{entity_id}/vat_ids")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListEntityVatIds, req);

    [Function(nameof(ApiRoutes.GetEntityVatId))]
    public Task<IActionResult> GetEntityVatId([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entities/{entity_id}/vat_ids/{id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetEntityVatId, req);

    [Function(nameof(ApiRoutes.UpdateEntityVatId))]
    public Task<IActionResult> UpdateEntityVatId([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "entities/{entity_id}/vat_ids/{id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateEntityVatId, req);

    [Function(nameof(ApiRoutes.DeleteEntityVatId))]
    public Task<IActionResult> DeleteEntityVatId([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "entities/{entity_id}/vat_ids/{id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteEntityVatId, req);
}
