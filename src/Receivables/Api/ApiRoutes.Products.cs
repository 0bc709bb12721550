using Receivables.Domain.Access;
using Receivables.Products;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateProduct = new(nameof(CreateProduct), "POST", "products", RouteAccess.EntityScoped, ProductEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.Product, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListProducts = new(nameof(ListProducts), "GET", "products", RouteAccess.EntityScoped, ProductEndpoints.List, policy: RoutePolicy.Role(ObjectTypes.Product, RoleAction.Read, Ownership.Unknown));
    public static readonly ApiRoute GetProduct = new(nameof(GetProduct), "GET", "products/{product_id}", RouteAccess.EntityScoped, ProductEndpoints.Get, policy: RoutePolicy.Role(ObjectTypes.Product, RoleAction.Read, Ownership.Unknown));
    public static readonly ApiRoute UpdateProduct = new(nameof(UpdateProduct), "PATCH", "products/{product_id}", RouteAccess.EntityScoped, ProductEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.Product, RoleAction.Update, Ownership.Unknown));
    public static readonly ApiRoute DeleteProduct = new(nameof(DeleteProduct), "DELETE", "products/{product_id}", RouteAccess.EntityScoped, ProductEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.Product, RoleAction.Delete, Ownership.Unknown));
}
