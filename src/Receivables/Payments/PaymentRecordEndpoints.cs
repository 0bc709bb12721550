using Receivables.Domain.Access;
using Receivables.EntityUsers;
using Receivables.Api;

namespace Receivables.Payments;

/// <summary><c>/payment_records</c> (spec 6.9).</summary>
public static class PaymentRecordEndpoints
{
    private static PaymentRecordOperations Operations(ApiRequest request) => request.Service<PaymentRecordOperations>();

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreatePaymentRecordRequest>();
        var record = await Operations(request).CreateAsync(request.Principal, request.EntityId, body, request.Aborted);
        return ApiResponse.Created(record.Document, record.ETag);
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var record = await Operations(request).GetAsync(request.EntityId, request.PathId("payment_record_id"), request.Aborted);
        return ApiResponse.Ok(record.Document, record.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request) =>
        ApiResponse.Ok(await Operations(request).ListAsync(
            request.Service<ListReader>().FromQuery(request, PaymentRecordList.Definition, request.EntityListScope(RoleCheck.OwnerField(ObjectTypes.PaymentRecord))), request.Aborted));
}
