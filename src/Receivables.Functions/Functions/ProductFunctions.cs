using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class ProductFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateProduct))]
    public Task<IActionResult> CreateProduct([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "products")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateProduct, req);

    [Function(nameof(ApiRoutes.ListProducts))]
    public Task<IActionResult> ListProducts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "products")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListProducts, req);

    [Function(nameof(ApiRoutes.GetProduct))]
    public Task<IActionResult> GetProduct([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "products/{product_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetProduct, req);

    [Function(nameof(ApiRoutes.UpdateProduct))]
    public Task<IActionResult> UpdateProduct([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "products/{product_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateProduct, req);

    [Function(nameof(ApiRoutes.DeleteProduct))]
    public Task<IActionResult> DeleteProduct([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "products/{product_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteProduct, req);
}
