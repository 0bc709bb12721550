using Receivables.Api;

namespace Receivables.Documents;

/// <summary><c>/receivables</c>: parse, call one operation, shape the answer.</summary>
public static class ReceivableEndpoints
{
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateReceivableRequest>();
        var invoice = await request.Service<ReceivableOperations>().CreateAsync(request.Principal, request.EntityId, body, request.Aborted);
        return ApiResponse.Created(invoice.Document, invoice.ETag);
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var invoice = await request.Service<ReceivableOperations>().GetAsync(request.EntityId, request.PathId("receivable_id"), request.Aborted);
        return ApiResponse.Ok(invoice.Document, invoice.ETag);
    }
}
