using Receivables.Domain.Access;
using Receivables.Entities;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateEntityVatId = new(nameof(CreateEntityVatId), "POST", "entities/{entity_id}/vat_ids", RouteAccess.Authenticated, EntityVatIdEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.EntityVatIds, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListEntityVatIds = new(nameof(ListEntityVatIds), "GET", "entities/{entity_id}/vat_ids", RouteAccess.Authenticated, EntityVatIdEndpoints.List, policy: RoutePolicy.Role(ObjectTypes.EntityVatIds, RoleAction.Read));
    public static readonly ApiRoute GetEntityVatId = new(nameof(GetEntityVatId), "GET", "entities/{entity_id}/vat_ids/{id}", RouteAccess.Authenticated, EntityVatIdEndpoints.Get, policy: RoutePolicy.Role(ObjectTypes.EntityVatIds, RoleAction.Read));
    public static readonly ApiRoute UpdateEntityVatId = new(nameof(UpdateEntityVatId), "PATCH", "entities/{entity_id}/vat_ids/{id}", RouteAccess.Authenticated, EntityVatIdEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.EntityVatIds, RoleAction.Update));
    public static readonly ApiRoute DeleteEntityVatId = new(nameof(DeleteEntityVatId), "DELETE", "entities/{entity_id}/vat_ids/{id}", RouteAccess.Authenticated, EntityVatIdEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.EntityVatIds, RoleAction.Delete));
}
