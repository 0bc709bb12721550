using Receivables.Domain.Access;
using Receivables.MeasureUnits;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateMeasureUnit = new(nameof(CreateMeasureUnit), "POST", "measure_units", RouteAccess.EntityScoped, MeasureUnitEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute ListMeasureUnits = new(nameof(ListMeasureUnits), "GET", "measure_units", RouteAccess.EntityScoped, MeasureUnitEndpoints.List, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute GetMeasureUnit = new(nameof(GetMeasureUnit), "GET", "measure_units/{unit_id}", RouteAccess.EntityScoped, MeasureUnitEndpoints.Get, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute UpdateMeasureUnit = new(nameof(UpdateMeasureUnit), "PATCH", "measure_units/{unit_id}", RouteAccess.EntityScoped, MeasureUnitEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute DeleteMeasureUnit = new(nameof(DeleteMeasureUnit), "DELETE", "measure_units/{unit_id}", RouteAccess.EntityScoped, MeasureUnitEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
}
