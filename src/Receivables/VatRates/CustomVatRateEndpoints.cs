using Receivables.Api;

namespace Receivables.VatRates;

/// <summary><c>/custom_vat_rates</c>: parse, call one operation, shape the answer.</summary>
public static class CustomVatRateEndpoints
{
    private const string IdName = "custom_vat_rate_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateCustomVatRateRequest>();
        var rate = await request.Service<CustomVatRateOperations>().CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(rate.Document, rate.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var rates = await request.Service<CustomVatRateOperations>().ListAsync(request.EntityId, request.Aborted);
        return ApiResponse.Ok(new CustomVatRateList(rates));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var rate = await request.Service<CustomVatRateOperations>().GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(rate.Document, rate.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateCustomVatRateRequest>();
        var rate = await request.Service<CustomVatRateOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(rate.Document, rate.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<CustomVatRateOperations>().DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
