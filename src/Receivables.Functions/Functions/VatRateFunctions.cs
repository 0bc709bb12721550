using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class VatRateFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.ListVatRates))]
    public Task<IActionResult> ListVatRates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "vat_rates")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListVatRates, req);

    [Function(nameof(ApiRoutes.CreateCustomVatRate))]
    public Task<IActionResult> CreateCustomVatRate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "custom_vat_rates")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateCustomVatRate, req);

    [Function(nameof(ApiRoutes.ListCustomVatRates))]
    public Task<IActionResult> ListCustomVatRates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "custom_vat_rates")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListCustomVatRates, req);

    [Function(nameof(ApiRoutes.GetCustomVatRate))]
    public Task<IActionResult> GetCustomVatRate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "custom_vat_rates/{custom_vat_rate_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetCustomVatRate, req);

    [Function(nameof(ApiRoutes.UpdateCustomVatRate))]
    public Task<IActionResult> UpdateCustomVatRate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "custom_vat_rates/{custom_vat_rate_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateCustomVatRate, req);

    [Function(nameof(ApiRoutes.DeleteCustomVatRate))]
    public Task<IActionResult> DeleteCustomVatRate([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "custom_vat_rates/{custom_vat_rate_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteCustomVatRate, req);
}
