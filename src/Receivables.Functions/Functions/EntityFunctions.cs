using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class EntityFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateEntity))]
    public Task<IActionResult> CreateEntity([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "entities")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateEntity, req);

    [Function(nameof(ApiRoutes.ListEntities))]
    public Task<IActionResult> ListEntities([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entities")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListEntities, req);

    [Function(nameof(ApiRoutes.GetEntity))]
    public Task<IActionResult> GetEntity([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entities/{entity_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetEntity, req);

    [Function(nameof(ApiRoutes.UpdateEntity))]
    public Task<IActionResult> UpdateEntity([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "entities/{entity_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateEntity, req);

    [Function(nameof(ApiRoutes.GetEntitySettings))]
    public Task<IActionResult> GetEntitySettings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entities/{entity_id}/settings")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetEntitySettings, req);

    [Function(nameof(ApiRoutes.PatchEntitySettings))]
    public Task<IActionResult> PatchEntitySettings([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "entities/{entity_id}/settings")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.PatchEntitySettings, req);

    [Function(nameof(ApiRoutes.GetNextDocumentNumbers))]
    public Task<IActionResult> GetNextDocumentNumbers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entities/{entity_id}/settings/next_document_numbers")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetNextDocumentNumbers, req);
}
