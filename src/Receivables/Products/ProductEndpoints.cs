using Receivables.Api;

namespace Receivables.Products;

/// <summary><c>/products</c>: parse, call one operation, shape the answer.</summary>
public static class ProductEndpoints
{
    private const string IdName = "product_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateProductRequest>();
        var product = await request.Service<ProductOperations>().CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(ProductResponse.From(product.Document), product.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var list = request.Service<ListReader>().FromQuery(request, ProductList.Definition, ListScope.Entity(request.EntityId));
        var page = await request.Service<ProductOperations>().ListAsync(list, request.Aborted);
        return ApiResponse.Ok(new Page<ProductResponse>(page.Data.Select(ProductResponse.From).ToList(), page.PrevPaginationToken, page.NextPaginationToken));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var product = await request.Service<ProductOperations>().GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(ProductResponse.From(product.Document), product.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateProductRequest>();
        var product = await request.Service<ProductOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(ProductResponse.From(product.Document), product.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<ProductOperations>().DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
