using Receivables.Products;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateProduct = new(nameof(CreateProduct), "POST", "products", RouteAccess.EntityScoped, ProductEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListProducts = new(nameof(ListProducts), "GET", "products", RouteAccess.EntityScoped, ProductEndpoints.List);
    public static readonly ApiRoute GetProduct = new(nameof(GetProduct), "GET", "products/{product_id}", RouteAccess.EntityScoped, ProductEndpoints.Get);
    public static readonly ApiRoute UpdateProduct = new(nameof(UpdateProduct), "PATCH", "products/{product_id}", RouteAccess.EntityScoped, ProductEndpoints.Update);
    public static readonly ApiRoute DeleteProduct = new(nameof(DeleteProduct), "DELETE", "products/{product_id}", RouteAccess.EntityScoped, ProductEndpoints.Delete);
}
