using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>/counterparts/{counterpart_id}/vat_ids</c>: the ETag is the counterpart document's, which holds the VAT ids.</summary>
public static class CounterpartVatIdEndpoints
{
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var body = await request.BodyAsync<CreateCounterpartVatIdRequest>();
        var vatId = await request.Service<CounterpartOperations>().AddVatIdAsync(request.EntityId, id, body, request.Aborted);
        return ApiResponse.Created(vatId.Part, vatId.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var vatIds = await request.Service<CounterpartOperations>().ListVatIdsAsync(request.EntityId, request.PathId("counterpart_id"), request.Aborted);
        return ApiResponse.Ok(new ResourceList<CounterpartVatId>(vatIds));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var vatId = await request.Service<CounterpartOperations>()
            .GetVatIdAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("vat_id"), request.Aborted);
        return ApiResponse.Ok(vatId.Part, vatId.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var (id, vatIdId) = (request.PathId("counterpart_id"), request.PathId("vat_id"));
        var body = await request.BodyAsync<UpdateCounterpartVatIdRequest>();
        var vatId = await request.Service<CounterpartOperations>().UpdateVatIdAsync(request.EntityId, id, vatIdId, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(vatId.Part, vatId.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<CounterpartOperations>()
            .DeleteVatIdAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("vat_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
