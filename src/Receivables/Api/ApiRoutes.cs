using Receivables.Auth;
using Receivables.Documents;
using Receivables.Entities;

namespace Receivables.Api;

/// <summary>
/// The route table: every route of the API, declared once. Templates are relative to <see cref="Prefix"/>
/// (the Functions host's route prefix in host.json) and are exactly the Functions <c>HttpTrigger</c> routes.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "/v1";

    public static readonly ApiRoute CreateToken = new("CreateToken", "POST", "auth/token", RouteAccess.Anonymous, AuthEndpoints.CreateToken);

    public static readonly ApiRoute CreateEntity = new("CreateEntity", "POST", "entities", RouteAccess.Authenticated, EntityEndpoints.Create);
    public static readonly ApiRoute ListEntities = new("ListEntities", "GET", "entities", RouteAccess.Authenticated, EntityEndpoints.List);
    public static readonly ApiRoute GetEntity = new("GetEntity", "GET", "entities/{entity_id}", RouteAccess.Authenticated, EntityEndpoints.Get);
    public static readonly ApiRoute UpdateEntity = new("UpdateEntity", "PATCH", "entities/{entity_id}", RouteAccess.Authenticated, EntityEndpoints.Update);
    public static readonly ApiRoute GetEntitySettings = new("GetEntitySettings", "GET", "entities/{entity_id}/settings", RouteAccess.Authenticated, EntityEndpoints.GetSettings);
    public static readonly ApiRoute PatchEntitySettings = new("PatchEntitySettings", "PATCH", "entities/{entity_id}/settings", RouteAccess.Authenticated, EntityEndpoints.PatchSettings);

    public static readonly ApiRoute CreateReceivable = new("CreateReceivable", "POST", "receivables", RouteAccess.EntityScoped, ReceivableEndpoints.Create);
    public static readonly ApiRoute GetReceivable = new("GetReceivable", "GET", "receivables/{receivable_id}", RouteAccess.EntityScoped, ReceivableEndpoints.Get);

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        CreateToken,
        CreateEntity, ListEntities, GetEntity, UpdateEntity, GetEntitySettings, PatchEntitySettings,
        CreateReceivable, GetReceivable,
    ];
}
