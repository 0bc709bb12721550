using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>/counterparts/{counterpart_id}/addresses</c>: the ETag is the counterpart document's, which holds the addresses.</summary>
public static class CounterpartAddressEndpoints
{
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var body = await request.BodyAsync<CounterpartAddressRequest>();
        var address = await request.Service<CounterpartOperations>().AddAddressAsync(request.EntityId, id, body, request.Aborted);
        return ApiResponse.Created(Shape(address), address.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var addresses = await request.Service<CounterpartOperations>().ListAddressesAsync(request.EntityId, id, request.Aborted);
        return ApiResponse.Ok(new ResourceList<CounterpartAddressResponse>(addresses.Select(a => CounterpartAddressResponse.From(id, a)).ToList()));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var address = await request.Service<CounterpartOperations>()
            .GetAddressAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("address_id"), request.Aborted);
        return ApiResponse.Ok(Shape(address), address.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var (id, addressId) = (request.PathId("counterpart_id"), request.PathId("address_id"));
        var body = await request.BodyAsync<UpdateCounterpartAddressRequest>();
        var address = await request.Service<CounterpartOperations>().UpdateAddressAsync(request.EntityId, id, addressId, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(Shape(address), address.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<CounterpartOperations>()
            .DeleteAddressAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("address_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    private static CounterpartAddressResponse Shape(StoredPart<CounterpartAddress> address) => CounterpartAddressResponse.From(address.CounterpartId, address.Part);
}
