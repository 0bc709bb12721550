using Receivables.Api;

namespace Receivables.Entities;

/// <summary><c>/entities</c> and <c>/entities/{entity_id}/settings</c>: parse, call one operation, shape the answer.</summary>
public static class EntityEndpoints
{
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateEntityRequest>();
        var entity = await request.Service<EntityOperations>().CreateAsync(request.Principal, body, request.Aborted);
        return ApiResponse.Created(entity.Document, entity.ETag);
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var entity = await request.Service<EntityOperations>().GetAsync(request.Principal, request.PathId("entity_id"), request.Aborted);
        return ApiResponse.Ok(entity.Document, entity.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request) =>
        ApiResponse.Ok(await request.Service<EntityOperations>().ListAsync(
            request.Service<ListReader>().FromQuery(request, EntityList.Definition, EntityList.Scope(request.Principal)), request.Aborted));

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId("entity_id");
        var body = await request.BodyAsync<UpdateEntityRequest>();
        var entity = await request.Service<EntityOperations>().UpdateAsync(request.Principal, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(entity.Document, entity.ETag);
    }

    public static async Task<ApiResponse> GetSettings(ApiRequest request)
    {
        var entity = await request.Service<EntityOperations>().GetAsync(request.Principal, request.PathId("entity_id"), request.Aborted);
        return ApiResponse.Ok(EntitySettingsResponse.From(entity.Document.Settings), entity.ETag);
    }

    public static async Task<ApiResponse> GetNextDocumentNumbers(ApiRequest request) =>
        ApiResponse.Ok(await request.Service<EntityOperations>().NextDocumentNumbersAsync(request.Principal, request.PathId("entity_id"), request.Aborted));

    public static async Task<ApiResponse> PatchSettings(ApiRequest request)
    {
        var id = request.PathId("entity_id");
        var body = await request.BodyAsync<PatchEntitySettingsRequest>();
        var entity = await request.Service<EntityOperations>().PatchSettingsAsync(request.Principal, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(EntitySettingsResponse.From(entity.Document.Settings), entity.ETag);
    }
}
