using Receivables.Api;
using Receivables.Auth;
using Receivables.Store;

namespace Receivables.Counterparts;

/// <summary>
/// Create, read, list, update and delete counterparts and their addresses, contacts and VAT ids (partial files
/// by sub-resource). Every sub-resource write is a conditional read-modify-write of the counterpart document.
/// Knows nothing of HTTP.
/// </summary>
public sealed partial class CounterpartOperations(DocumentStore store, ListReader lists, TimeProvider clock)
{
    /// <summary>Bounds each embedded list so that the one document stays small and its point read cheap.</summary>
    public const int MaxPerList = 100;

    public async Task<Stored<Counterpart>> CreateAsync(ApiPrincipal principal, Guid entityId, CreateCounterpartRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var address = (request.Organization?.Address ?? request.Individual!.Address)!.ToAddress();
        var counterpart = new Counterpart
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = Counterpart.ResourceName,
            Type = request.Type!.Value,
            Organization = request.Organization?.ToOrganization(),
            Individual = request.Individual?.ToIndividual(),
            CreatedAt = now,
            UpdatedAt = now,
            // The address of the create payload is the first address and the default for billing and shipping.
            DefaultBillingAddressId = address.Id,
            DefaultShippingAddressId = address.Id,
            Language = request.Language ?? "en",
            TaxId = request.TaxId,
            ExternalReference = request.ExternalReference,
            RemindersEnabled = request.RemindersEnabled ?? true,
            CreatedByEntityUserId = principal.EntityUserId,
            Addresses = [address],
        };
        return await store.CreateAsync(counterpart, ct);
    }

    /// <summary>One point read. Another entity's id is not found, exactly like an unknown id.</summary>
    public async Task<Stored<Counterpart>> GetAsync(Guid entityId, Guid counterpartId, CancellationToken ct) =>
        await store.ReadAsync<Counterpart>(entityId, counterpartId.ToString(), Counterpart.ResourceName, ct)
        ?? throw NotFound(counterpartId);

    /// <summary>One page of <see cref="CounterpartList"/>, in one query on the entity's partition.</summary>
    public Task<Page<Counterpart>> ListAsync(ListRequest list, CancellationToken ct) => lists.PageAsync<Counterpart>(list, ct);

    public async Task<Stored<Counterpart>> UpdateAsync(Guid entityId, Guid counterpartId, UpdateCounterpartRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<Counterpart>(entityId, counterpartId.ToString(), Counterpart.ResourceName, ifMatch, counterpart =>
        {
            RequireAddress(counterpart, request.DefaultBillingAddressId, "default_billing_address_id");
            RequireAddress(counterpart, request.DefaultShippingAddressId, "default_shipping_address_id");
            if (request.Organization is { } o)
            {
                var org = counterpart.Organization ?? throw new BusinessRuleException("organization fields cannot be set on an individual counterpart");
                org.LegalName = o.LegalName ?? org.LegalName;
                org.IsCustomer = o.IsCustomer ?? org.IsCustomer;
                org.IsVendor = o.IsVendor ?? org.IsVendor;
                org.Email = o.Email ?? org.Email;
                org.Phone = o.Phone ?? org.Phone;
            }
            if (request.Individual is { } i)
            {
                var person = counterpart.Individual ?? throw new BusinessRuleException("individual fields cannot be set on an organization counterpart");
                person.FirstName = i.FirstName ?? person.FirstName;
                person.LastName = i.LastName ?? person.LastName;
                person.Title = i.Title ?? person.Title;
                person.IsCustomer = i.IsCustomer ?? person.IsCustomer;
                person.IsVendor = i.IsVendor ?? person.IsVendor;
                person.Email = i.Email ?? person.Email;
                person.Phone = i.Phone ?? person.Phone;
            }
            counterpart.DefaultBillingAddressId = request.DefaultBillingAddressId ?? counterpart.DefaultBillingAddressId;
            counterpart.DefaultShippingAddressId = request.DefaultShippingAddressId ?? counterpart.DefaultShippingAddressId;
            counterpart.ExternalReference = request.ExternalReference ?? counterpart.ExternalReference;
            counterpart.Language = request.Language ?? counterpart.Language;
            counterpart.RemindersEnabled = request.RemindersEnabled ?? counterpart.RemindersEnabled;
            counterpart.TaxId = request.TaxId ?? counterpart.TaxId;
            counterpart.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound(counterpartId);
    }

    /// <summary>Deletes the document, and so its addresses, contacts and VAT ids. Receivables keep their copies.</summary>
    public async Task DeleteAsync(Guid entityId, Guid counterpartId, string? ifMatch, CancellationToken ct)
    {
        var deleted = await store.DeleteCheckedAsync<Counterpart>(entityId, counterpartId.ToString(), Counterpart.ResourceName, ifMatch, _ => { }, ct);
        if (!deleted) throw NotFound(counterpartId);
    }

    public static ResourceNotFoundException NotFound(Guid counterpartId) => new ResourceNotFoundException($"Counterpart {counterpartId} was not found");

    private static void RequireAddress(Counterpart counterpart, Guid? addressId, string field)
    {
        if (addressId is { } id && counterpart.FindAddress(id) is null)
            throw ValidationException.Of(["body", field], $"address {id} is not an address of counterpart {counterpart.Id}", "value_error");
    }

    /// <summary>Applies <paramref name="change"/> to the counterpart document conditionally; 404 when it does not exist.</summary>
    private async Task<Stored<Counterpart>> ChangeAsync(Guid entityId, Guid counterpartId, string? ifMatch, Action<Counterpart> change, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<Counterpart>(entityId, counterpartId.ToString(), Counterpart.ResourceName, ifMatch, counterpart =>
        {
            change(counterpart);
            counterpart.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound(counterpartId);
    }

    private static void RequireRoom<T>(List<T> list, string what)
    {
        if (list.Count >= MaxPerList) throw new BusinessRuleException($"A counterpart has at most {MaxPerList} {what}");
    }
}
