using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class MeasureUnitFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateMeasureUnit))]
    public Task<IActionResult> CreateMeasureUnit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "measure_units")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateMeasureUnit, req);

    [Function(nameof(ApiRoutes.ListMeasureUnits))]
    public Task<IActionResult> ListMeasureUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "measure_units")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListMeasureUnits, req);

    [Function(nameof(ApiRoutes.GetMeasureUnit))]
    public Task<IActionResult> GetMeasureUnit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "measure_units/{unit_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetMeasureUnit, req);

    [Function(nameof(ApiRoutes.UpdateMeasureUnit))]
    public Task<IActionResult> UpdateMeasureUnit([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "measure_units/{unit_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateMeasureUnit, req);

    [Function(nameof(ApiRoutes.DeleteMeasureUnit))]
    public Task<IActionResult> DeleteMeasureUnit([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "measure_units/{unit_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteMeasureUnit, req);
}
