using Receivables.Counterparts;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateCounterpart = new(nameof(CreateCounterpart), "POST", "counterparts", RouteAccess.EntityScoped, CounterpartEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListCounterparts = new(nameof(ListCounterparts), "GET", "counterparts", RouteAccess.EntityScoped, CounterpartEndpoints.List);
    public static readonly ApiRoute GetCounterpart = new(nameof(GetCounterpart), "GET", "counterparts/{counterpart_id}", RouteAccess.EntityScoped, CounterpartEndpoints.Get);
    public static readonly ApiRoute UpdateCounterpart = new(nameof(UpdateCounterpart), "PATCH", "counterparts/{counterpart_id}", RouteAccess.EntityScoped, CounterpartEndpoints.Update);
    public static readonly ApiRoute DeleteCounterpart = new(nameof(DeleteCounterpart), "DELETE", "counterparts/{counterpart_id}", RouteAccess.EntityScoped, CounterpartEndpoints.Delete);
    public static readonly ApiRoute CreateCounterpartAddress = new(nameof(CreateCounterpartAddress), "POST", "counterparts/{counterpart_id}/addresses", RouteAccess.EntityScoped, CounterpartAddressEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListCounterpartAddresses = new(nameof(ListCounterpartAddresses), "GET", "counterparts/{counterpart_id}/addresses", RouteAccess.EntityScoped, CounterpartAddressEndpoints.List);
    public static readonly ApiRoute GetCounterpartAddress = new(nameof(GetCounterpartAddress), "GET", "counterparts/{counterpart_id}/addresses/{address_id}", RouteAccess.EntityScoped, CounterpartAddressEndpoints.Get);
    public static readonly ApiRoute UpdateCounterpartAddress = new(nameof(UpdateCounterpartAddress), "PATCH", "counterparts/{counterpart_id}/addresses/{address_id}", RouteAccess.EntityScoped, CounterpartAddressEndpoints.Update);
    public static readonly ApiRoute DeleteCounterpartAddress = new(nameof(DeleteCounterpartAddress), "DELETE", "counterparts/{counterpart_id}/addresses/{address_id}", RouteAccess.EntityScoped, CounterpartAddressEndpoints.Delete);
    public static readonly ApiRoute CreateCounterpartContact = new(nameof(CreateCounterpartContact), "POST", "counterparts/{counterpart_id}/contacts", RouteAccess.EntityScoped, CounterpartContactEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListCounterpartContacts = new(nameof(ListCounterpartContacts), "GET", "counterparts/{counterpart_id}/contacts", RouteAccess.EntityScoped, CounterpartContactEndpoints.List);
    public static readonly ApiRoute GetCounterpartContact = new(nameof(GetCounterpartContact), "GET", "counterparts/{counterpart_id}/contacts/{contact_id}", RouteAccess.EntityScoped, CounterpartContactEndpoints.Get);
    public static readonly ApiRoute UpdateCounterpartContact = new(nameof(UpdateCounterpartContact), "PATCH", "counterparts/{counterpart_id}/contacts/{contact_id}", RouteAccess.EntityScoped, CounterpartContactEndpoints.Update);
    public static readonly ApiRoute DeleteCounterpartContact = new(nameof(DeleteCounterpartContact), "DELETE", "counterparts/{counterpart_id}/contacts/{contact_id}", RouteAccess.EntityScoped, CounterpartContactEndpoints.Delete);
    public static readonly ApiRoute MakeDefaultCounterpartContact = new(nameof(MakeDefaultCounterpartContact), "POST", "counterparts/{counterpart_id}/contacts/{contact_id}/make_default", RouteAccess.EntityScoped, CounterpartContactEndpoints.MakeDefault);
    public static readonly ApiRoute CreateCounterpartVatId = new(nameof(CreateCounterpartVatId), "POST", "counterparts/{counterpart_id}/vat_ids", RouteAccess.EntityScoped, CounterpartVatIdEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListCounterpartVatIds = new(nameof(ListCounterpartVatIds), "GET", "counterparts/{counterpart_id}/vat_ids", RouteAccess.EntityScoped, CounterpartVatIdEndpoints.List);
    public static readonly ApiRoute GetCounterpartVatId = new(nameof(GetCounterpartVatId), "GET", "counterparts/{counterpart_id}/vat_ids/{vat_id}", RouteAccess.EntityScoped, CounterpartVatIdEndpoints.Get);
    public static readonly ApiRoute UpdateCounterpartVatId = new(nameof(UpdateCounterpartVatId), "PATCH", "counterparts/{counterpart_id}/vat_ids/{vat_id}", RouteAccess.EntityScoped, CounterpartVatIdEndpoints.Update);
    public static readonly ApiRoute DeleteCounterpartVatId = new(nameof(DeleteCounterpartVatId), "DELETE", "counterparts/{counterpart_id}/vat_ids/{vat_id}", RouteAccess.EntityScoped, CounterpartVatIdEndpoints.Delete);
}
