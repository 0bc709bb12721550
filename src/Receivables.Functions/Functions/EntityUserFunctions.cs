using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class EntityUserFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.GetMe))]
    public Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entity_users/me")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetMe, req);

    [Function(nameof(ApiRoutes.UpdateMe))]
    public Task<IActionResult> UpdateMe([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "entity_users/me")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateMe, req);

    [Function(nameof(ApiRoutes.GetMyRole))]
    public Task<IActionResult> GetMyRole([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entity_users/my_role")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetMyRole, req);

    [Function(nameof(ApiRoutes.GetMyEntity))]
    public Task<IActionResult> GetMyEntity([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entity_users/my_entity")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetMyEntity, req);

    [Function(nameof(ApiRoutes.UpdateMyEntity))]
    public Task<IActionResult> UpdateMyEntity([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "entity_users/my_entity")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateMyEntity, req);

    [Function(nameof(ApiRoutes.CreateEntityUser))]
    public Task<IActionResult> CreateEntityUser([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "entity_users")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateEntityUser, req);

    [Function(nameof(ApiRoutes.ListEntityUsers))]
    public Task<IActionResult> ListEntityUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entity_users")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListEntityUsers, req);

    [Function(nameof(ApiRoutes.GetEntityUser))]
    public Task<IActionResult> GetEntityUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entity_users/{entity_user_id:guid}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetEntityUser, req);

    [Function(nameof(ApiRoutes.UpdateEntityUser))]
    public Task<IActionResult> UpdateEntityUser([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "entity_users/{entity_user_id:guid}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateEntityUser, req);

    [Function(nameof(ApiRoutes.DeleteEntityUser))]
    public Task<IActionResult> DeleteEntityUser([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "entity_users/{entity_user_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteEntityUser, req);

    [Function(nameof(ApiRoutes.CreateRole))]
    public Task<IActionResult> CreateRole([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "roles")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateRole, req);

    [Function(nameof(ApiRoutes.ListRoles))]
    public Task<IActionResult> ListRoles([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "roles")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListRoles, req);

    [Function(nameof(ApiRoutes.GetRole))]
    public Task<IActionResult> GetRole([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "roles/{role_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetRole, req);

    [Function(nameof(ApiRoutes.UpdateRole))]
    public Task<IActionResult> UpdateRole([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "roles/{role_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateRole, req);

    [Function(nameof(ApiRoutes.DeleteRole))]
    public Task<IActionResult> DeleteRole([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "roles/{role_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteRole, req);
}
