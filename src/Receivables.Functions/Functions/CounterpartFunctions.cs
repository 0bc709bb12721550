using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class CounterpartFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateCounterpart))]
    public Task<IActionResult> CreateCounterpart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counterparts")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateCounterpart, req);

    [Function(nameof(ApiRoutes.ListCounterparts))]
    public Task<IActionResult> ListCounterparts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListCounterparts, req);

    [Function(nameof(ApiRoutes.GetCounterpart))]
    public Task<IActionResult> GetCounterpart([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetCounterpart, req);

    [Function(nameof(ApiRoutes.UpdateCounterpart))]
    public Task<IActionResult> UpdateCounterpart([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "counterparts/{counterpart_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateCounterpart, req);

    [Function(nameof(ApiRoutes.DeleteCounterpart))]
    public Task<IActionResult> DeleteCounterpart([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "counterparts/{counterpart_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteCounterpart, req);

    [Function(nameof(ApiRoutes.CreateCounterpartAddress))]
    public Task<IActionResult> CreateCounterpartAddress([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counterparts/{counterpart_id}/addresses")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateCounterpartAddress, req);

    [Function(nameof(ApiRoutes.ListCounterpartAddresses))]
    public Task<IActionResult> ListCounterpartAddresses([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}/addresses")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListCounterpartAddresses, req);

    [Function(nameof(ApiRoutes.GetCounterpartAddress))]
    public Task<IActionResult> GetCounterpartAddress([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}/addresses/{address_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetCounterpartAddress, req);

    [Function(nameof(ApiRoutes.UpdateCounterpartAddress))]
    public Task<IActionResult> UpdateCounterpartAddress([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "counterparts/{counterpart_id}/addresses/{address_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateCounterpartAddress, req);

    [Function(nameof(ApiRoutes.DeleteCounterpartAddress))]
    public Task<IActionResult> DeleteCounterpartAddress([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "counterparts/{counterpart_id}/addresses/{address_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteCounterpartAddress, req);

    [Function(nameof(ApiRoutes.CreateCounterpartContact))]
    public Task<IActionResult> CreateCounterpartContact([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counterparts/{counterpart_id}/contacts")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateCounterpartContact, req);

    [Function(nameof(ApiRoutes.ListCounterpartContacts))]
    public Task<IActionResult> ListCounterpartContacts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}/contacts")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListCounterpartContacts, req);

    [Function(nameof(ApiRoutes.GetCounterpartContact))]
    public Task<IActionResult> GetCounterpartContact([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}/contacts/{contact_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetCounterpartContact, req);

    [Function(nameof(ApiRoutes.UpdateCounterpartContact))]
    public Task<IActionResult> UpdateCounterpartContact([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "counterparts/{counterpart_id}/contacts/{contact_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateCounterpartContact, req);

    [Function(nameof(ApiRoutes.DeleteCounterpartContact))]
    public Task<IActionResult> DeleteCounterpartContact([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "counterparts/{counterpart_id}/contacts/{contact_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteCounterpartContact, req);

    [Function(nameof(ApiRoutes.MakeDefaultCounterpartContact))]
    public Task<IActionResult> MakeDefaultCounterpartContact([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counterparts/{counterpart_id}/contacts/{contact_id}/make_default")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.MakeDefaultCounterpartContact, req);

    [Function(nameof(ApiRoutes.CreateCounterpartVatId))]
    public Task<IActionResult> CreateCounterpartVatId([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counterparts/{counterpart_id}/vat_ids")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateCounterpartVatId, req);

    [Function(nameof(ApiRoutes.ListCounterpartVatIds))]
    public Task<IActionResult> ListCounterpartVatIds([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}/vat_ids")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListCounterpartVatIds, req);

    [Function(nameof(ApiRoutes.GetCounterpartVatId))]
    public Task<IActionResult> GetCounterpartVatId([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counterparts/{counterpart_id}/vat_ids/{vat_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetCounterpartVatId, req);

    [Function(nameof(ApiRoutes.UpdateCounterpartVatId))]
    public Task<IActionResult> UpdateCounterpartVatId([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "counterparts/{counterpart_id}/vat_ids/{vat_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateCounterpartVatId, req);

    [Function(nameof(ApiRoutes.DeleteCounterpartVatId))]
    public Task<IActionResult> DeleteCounterpartVatId([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "counterparts/{counterpart_id}/vat_ids/{vat_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteCounterpartVatId, req);
}
