using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class PaymentLinkFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreatePaymentLink))]
    public Task<IActionResult> CreatePaymentLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment_links")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreatePaymentLink, req);

    [Function(nameof(ApiRoutes.GetPaymentLink))]
    public Task<IActionResult> GetPaymentLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_links/{payment_link_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetPaymentLink, req);

    [Function(nameof(ApiRoutes.ExpirePaymentLink))]
    public Task<IActionResult> ExpirePaymentLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment_links/{payment_link_id}/expire")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ExpirePaymentLink, req);

    /// <summary>The hosted payment page (HTML, no token).</summary>
    [Function(nameof(ApiRoutes.GetPaymentPage))]
    public Task<IActionResult> GetPaymentPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_pages/{payment_page_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetPaymentPage, req);
}
