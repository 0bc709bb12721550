using Receivables.Api;

namespace Receivables.Entities;

/// <summary><c>/entities/{entity_id}/vat_ids</c>: parse, call one operation, shape the answer.</summary>
public static class EntityVatIdEndpoints
{
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var entityId = request.PathId("entity_id");
        var body = await request.BodyAsync<CreateEntityVatIdRequest>();
        var vat = await request.Service<EntityVatIdOperations>().CreateAsync(request.Principal, entityId, body, request.Aborted);
        return ApiResponse.Created(EntityVatIdResponse.From(vat.Document), vat.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var vats = await request.Service<EntityVatIdOperations>().ListAsync(request.Principal, request.PathId("entity_id"), request.Aborted);
        return ApiResponse.Ok(new EntityVatIdList(vats.Select(EntityVatIdResponse.From).ToList()));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var vat = await request.Service<EntityVatIdOperations>().GetAsync(request.Principal, request.PathId("entity_id"), request.PathId("id"), request.Aborted);
        return ApiResponse.Ok(EntityVatIdResponse.From(vat.Document), vat.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var entityId = request.PathId("entity_id");
        var id = request.PathId("id");
        var body = await request.BodyAsync<UpdateEntityVatIdRequest>();
        var vat = await request.Service<EntityVatIdOperations>().UpdateAsync(request.Principal, entityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(EntityVatIdResponse.From(vat.Document), vat.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<EntityVatIdOperations>().DeleteAsync(request.Principal, request.PathId("entity_id"), request.PathId("id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
