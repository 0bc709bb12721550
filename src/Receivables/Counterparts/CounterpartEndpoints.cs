using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>/counterparts</c> and <c>/counterparts/{counterpart_id}</c>: parse, call one operation, shape the answer.</summary>
public static class CounterpartEndpoints
{
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateCounterpartRequest>();
        var counterpart = await request.Service<CounterpartOperations>().CreateAsync(request.Principal, request.EntityId, body, request.Aborted);
        return ApiResponse.Created(counterpart.Document, counterpart.ETag);
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var counterpart = await request.Service<CounterpartOperations>().GetAsync(request.EntityId, request.PathId("counterpart_id"), request.Aborted);
        return ApiResponse.Ok(counterpart.Document, counterpart.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request) =>
        ApiResponse.Ok(await request.Service<CounterpartOperations>().ListAsync(
            request.Service<ListReader>().FromQuery(request, CounterpartList.Definition, ListScope.Entity(request.EntityId)), request.Aborted));

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var body = await request.BodyAsync<UpdateCounterpartRequest>();
        var counterpart = await request.Service<CounterpartOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(counterpart.Document, counterpart.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<CounterpartOperations>().DeleteAsync(request.EntityId, request.PathId("counterpart_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
