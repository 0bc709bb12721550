using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class PaymentTermsFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreatePaymentTerms))]
    public Task<IActionResult> CreatePaymentTerms([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment_terms")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreatePaymentTerms, req);

    [Function(nameof(ApiRoutes.ListPaymentTerms))]
    public Task<IActionResult> ListPaymentTerms([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_terms")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListPaymentTerms, req);

    [Function(nameof(ApiRoutes.GetPaymentTerms))]
    public Task<IActionResult> GetPaymentTerms([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_terms/{payment_terms_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetPaymentTerms, req);

    [Function(nameof(ApiRoutes.UpdatePaymentTerms))]
    public Task<IActionResult> UpdatePaymentTerms([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "payment_terms/{payment_terms_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdatePaymentTerms, req);

    [Function(nameof(ApiRoutes.DeletePaymentTerms))]
    public Task<IActionResult> DeletePaymentTerms([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "payment_terms/{payment_terms_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeletePaymentTerms, req);
}
