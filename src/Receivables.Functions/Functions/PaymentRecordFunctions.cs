using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class PaymentRecordFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreatePaymentRecord))]
    public Task<IActionResult> CreatePaymentRecord([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment_records")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreatePaymentRecord, req);

    [Function(nameof(ApiRoutes.ListPaymentRecords))]
    public Task<IActionResult> ListPaymentRecords([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_records")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListPaymentRecords, req);

    [Function(nameof(ApiRoutes.GetPaymentRecord))]
    public Task<IActionResult> GetPaymentRecord([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_records/{payment_record_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetPaymentRecord, req);
}
