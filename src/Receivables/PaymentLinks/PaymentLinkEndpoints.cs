using Receivables.Api;
using Receivables.Hosting;

namespace Receivables.PaymentLinks;

/// <summary><c>/payment_links</c> (spec 6.8) and the public payment page each link has.</summary>
public static class PaymentLinkEndpoints
{
    private static PaymentLinkOperations Operations(ApiRequest request) => request.Service<PaymentLinkOperations>();

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreatePaymentLinkRequest>();
        var link = await Operations(request).CreateAsync(request.EntityId, body, PageBase(request), request.Aborted);
        return ApiResponse.Created(link.Document, link.ETag);
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var link = await Operations(request).GetAsync(request.EntityId, request.PathId("payment_link_id"), request.Aborted);
        return ApiResponse.Ok(link.Document, link.ETag);
    }

    public static async Task<ApiResponse> Expire(ApiRequest request)
    {
        var link = await Operations(request).ExpireAsync(request.EntityId, request.PathId("payment_link_id"), request.Aborted);
        return ApiResponse.Ok(link.Document, link.ETag);
    }

    /// <summary>The hosted payment page: anonymous, HTML, found by its id alone.</summary>
    public static async Task<ApiResponse> Page(ApiRequest request)
    {
        var view = await Operations(request).PageAsync(request.RouteValue("payment_page_id"), request.Aborted);
        return view is null ? PaymentPage.NotFound() : PaymentPage.Render(view);
    }

    /// <summary>The configured public address of the pages; locally, when none is set, the address this request came to.</summary>
    private static Uri PageBase(ApiRequest request) =>
        request.Service<PaymentPageOptions>().BaseUrl ?? new Uri($"{request.Http.Request.Scheme}://{request.Http.Request.Host.Value}");
}
