using Receivables.Domain.Access;
using Receivables.VatRates;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute ListVatRates = new(nameof(ListVatRates), "GET", "vat_rates", RouteAccess.EntityScoped, VatRateEndpoints.List, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute CreateCustomVatRate = new(nameof(CreateCustomVatRate), "POST", "custom_vat_rates", RouteAccess.EntityScoped, CustomVatRateEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute ListCustomVatRates = new(nameof(ListCustomVatRates), "GET", "custom_vat_rates", RouteAccess.EntityScoped, CustomVatRateEndpoints.List, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute GetCustomVatRate = new(nameof(GetCustomVatRate), "GET", "custom_vat_rates/{custom_vat_rate_id}", RouteAccess.EntityScoped, CustomVatRateEndpoints.Get, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute UpdateCustomVatRate = new(nameof(UpdateCustomVatRate), "PATCH", "custom_vat_rates/{custom_vat_rate_id}", RouteAccess.EntityScoped, CustomVatRateEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute DeleteCustomVatRate = new(nameof(DeleteCustomVatRate), "DELETE", "custom_vat_rates/{custom_vat_rate_id}", RouteAccess.EntityScoped, CustomVatRateEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
}
