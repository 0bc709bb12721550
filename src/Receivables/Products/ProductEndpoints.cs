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
        var limit = ListQuery.Limit(request, 100);
        var token = request.Query("pagination_token") is { Length: > 0 } t ? PaginationToken.Decode(t) : null;
        // Repeated parameters (currency__in=EUR&currency__in=USD) are joined with commas, which no uuid or currency contains.
        var raw = token?.Query ?? ProductListQuery.Parameters.ToDictionary(
            name => name, name => request.Http.Request.Query.TryGetValue(name, out var values) ? string.Join(',', values.ToArray()) : null);
        var query = ProductListQuery.Parse(raw);
        var (items, continuation) = await request.Service<ProductOperations>()
            .ListAsync(request.EntityId, query, limit, token?.Continuation, request.Aborted);
        var next = continuation is null ? null : new PaginationToken(continuation, raw.Where(p => p.Value is not null).ToDictionary()).Encode();
        return ApiResponse.Ok(new Page<ProductResponse>(items.Select(ProductResponse.From).ToList(), null, next));
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
