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

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var limit = ListQuery.Limit(request, 100);
        var token = request.Query("pagination_token") is { Length: > 0 } t ? PaginationToken.Decode(t) : null;
        var raw = token?.Query ?? PaymentRecordListQuery.Parameters.ToDictionary(
            name => name, name => request.Http.Request.Query.TryGetValue(name, out var values) ? string.Join(',', values.ToArray()) : null);
        var query = PaymentRecordListQuery.Parse(raw);
        var (items, continuation) = await Operations(request).ListAsync(request.EntityId, query.ToQuery(), limit, token?.Continuation, request.Aborted);
        var next = continuation is null ? null : new PaginationToken(continuation, raw.Where(p => p.Value is not null).ToDictionary()).Encode();
        return ApiResponse.Ok(new Page<PaymentRecord>(items, null, next));
    }
}
