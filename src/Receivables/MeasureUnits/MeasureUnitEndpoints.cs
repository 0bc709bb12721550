using Receivables.Api;

namespace Receivables.MeasureUnits;

/// <summary><c>/measure_units</c>: parse, call one operation, shape the answer.</summary>
public static class MeasureUnitEndpoints
{
    private const string IdName = "unit_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateMeasureUnitRequest>();
        var unit = await request.Service<MeasureUnitOperations>().CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(unit.Document, unit.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var units = await request.Service<MeasureUnitOperations>().ListAsync(request.EntityId, request.Aborted);
        return ApiResponse.Ok(new MeasureUnitList(units));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var unit = await request.Service<MeasureUnitOperations>().GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(unit.Document, unit.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateMeasureUnitRequest>();
        var unit = await request.Service<MeasureUnitOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(unit.Document, unit.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<MeasureUnitOperations>().DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
