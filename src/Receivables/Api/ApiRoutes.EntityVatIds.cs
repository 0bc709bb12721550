using Receivables.Entities;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateEntityVatId = new(nameof(CreateEntityVatId), "POST", "entities/{entity_id}/vat_ids", RouteAccess.Authenticated, EntityVatIdEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListEntityVatIds = new(nameof(ListEntityVatIds), "GET", "entities/{entity_id}/vat_ids", RouteAccess.Authenticated, EntityVatIdEndpoints.List);
    public static readonly ApiRoute GetEntityVatId = new(nameof(GetEntityVatId), "GET", "entities/{entity_id}/vat_ids/{id}", RouteAccess.Authenticated, EntityVatIdEndpoints.Get);
    public static readonly ApiRoute UpdateEntityVatId = new(nameof(UpdateEntityVatId), "PATCH", "entities/{entity_id}/vat_ids/{id}", RouteAccess.Authenticated, EntityVatIdEndpoints.Update);
    public static readonly ApiRoute DeleteEntityVatId = new(nameof(DeleteEntityVatId), "DELETE", "entities/{entity_id}/vat_ids/{id}", RouteAccess.Authenticated, EntityVatIdEndpoints.Delete);
}
