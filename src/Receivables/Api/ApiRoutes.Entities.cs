using Receivables.Domain.Access;
using Receivables.Entities;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateEntity = new(nameof(CreateEntity), "POST", "entities", RouteAccess.Authenticated, EntityEndpoints.Create, idempotent: true, policy: RoutePolicy.Partner);
    public static readonly ApiRoute ListEntities = new(nameof(ListEntities), "GET", "entities", RouteAccess.Authenticated, EntityEndpoints.List, policy: RoutePolicy.Partner);
    public static readonly ApiRoute GetEntity = new(nameof(GetEntity), "GET", "entities/{entity_id}", RouteAccess.Authenticated, EntityEndpoints.Get, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Read, Ownership.NoDocument));
    public static readonly ApiRoute UpdateEntity = new(nameof(UpdateEntity), "PATCH", "entities/{entity_id}", RouteAccess.Authenticated, EntityEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute GetEntitySettings = new(nameof(GetEntitySettings), "GET", "entities/{entity_id}/settings", RouteAccess.Authenticated, EntityEndpoints.GetSettings, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute GetNextDocumentNumbers = new(nameof(GetNextDocumentNumbers), "GET", "entities/{entity_id}/settings/next_document_numbers", RouteAccess.Authenticated, EntityEndpoints.GetNextDocumentNumbers, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute PatchEntitySettings = new(nameof(PatchEntitySettings), "PATCH", "entities/{entity_id}/settings", RouteAccess.Authenticated, EntityEndpoints.PatchSettings, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
}
