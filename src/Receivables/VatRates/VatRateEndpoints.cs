using Receivables.Api;

namespace Receivables.VatRates;

/// <summary><c>GET /vat_rates</c>: parse the query, ask which rates apply, shape the list.</summary>
public static class VatRateEndpoints
{
    public static async Task<ApiResponse> List(ApiRequest request)
    {
        // Counterparts are a separate feature: their parameters are validated here but do not narrow the list yet.
        var counterpartId = OptionalUuid(request, "counterpart_id");
        if (OptionalUuid(request, "counterpart_address_id") is not null && counterpartId is null)
            throw ValidationException.Of(["query", "counterpart_address_id"], "counterpart_address_id requires counterpart_id", "value_error");
        OptionalUuid(request, "counterpart_vat_id_id");
        // Every rate of the table applies to goods and services alike, so product_type is checked but narrows nothing.
        if (request.Query("product_type") is { Length: > 0 } type && type is not ("product" or "service"))
            throw ValidationException.Of(["query", "product_type"], "value is not a valid enumeration member; permitted: 'product', 'service'", "type_error.enum");

        var rates = await request.Service<VatRateOperations>().ApplicableAsync(request.EntityId, OptionalUuid(request, "entity_vat_id_id"), request.Aborted);
        return ApiResponse.Ok(new VatRateList(rates.Select(VatRateResponse.From).ToList()));
    }

    private static Guid? OptionalUuid(ApiRequest request, string name)
    {
        if (request.Query(name) is not { Length: > 0 } raw) return null;
        return Guid.TryParse(raw, out var id) ? id : throw ValidationException.Of(["query", name], "value is not a valid uuid", "type_error.uuid");
    }
}
