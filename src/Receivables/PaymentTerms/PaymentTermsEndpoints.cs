using Receivables.Api;

namespace Receivables.PaymentTerms;

/// <summary><c>/payment_terms</c>: parse, call one operation, shape the answer.</summary>
public static class PaymentTermsEndpoints
{
    private const string IdName = "payment_terms_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreatePaymentTermsRequest>();
        var terms = await request.Service<PaymentTermsOperations>().CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(terms.Document, terms.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var terms = await request.Service<PaymentTermsOperations>().ListAsync(request.EntityId, request.Aborted);
        return ApiResponse.Ok(new PaymentTermsList(terms));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var terms = await request.Service<PaymentTermsOperations>().GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(terms.Document, terms.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdatePaymentTermsRequest>();
        var terms = await request.Service<PaymentTermsOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(terms.Document, terms.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<PaymentTermsOperations>().DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
