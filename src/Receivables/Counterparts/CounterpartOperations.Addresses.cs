using Receivables.Api;

namespace Receivables.Counterparts;

public sealed partial class CounterpartOperations
{
    public async Task<StoredPart<CounterpartAddress>> AddAddressAsync(Guid entityId, Guid counterpartId, CounterpartAddressRequest request, CancellationToken ct)
    {
        // Made once, outside the change: a retried write adds the same address, not a second one.
        var address = request.ToAddress();
        var stored = await ChangeAsync(entityId, counterpartId, null, counterpart =>
        {
            RequireRoom(counterpart.Addresses, "addresses");
            counterpart.Addresses.Add(address);
        }, ct);
        return new(address, counterpartId, stored.ETag);
    }

    public async Task<StoredPart<CounterpartAddress>> GetAddressAsync(Guid entityId, Guid counterpartId, Guid addressId, CancellationToken ct)
    {
        var stored = await GetAsync(entityId, counterpartId, ct);
        return new(stored.Document.FindAddress(addressId) ?? throw AddressNotFound(addressId), counterpartId, stored.ETag);
    }

    public async Task<IReadOnlyList<CounterpartAddress>> ListAddressesAsync(Guid entityId, Guid counterpartId, CancellationToken ct) =>
        (await GetAsync(entityId, counterpartId, ct)).Document.Addresses;

    public async Task<StoredPart<CounterpartAddress>> UpdateAddressAsync(
        Guid entityId, Guid counterpartId, Guid addressId, UpdateCounterpartAddressRequest request, string? ifMatch, CancellationToken ct)
    {
        CounterpartAddress? changed = null;
        var stored = await ChangeAsync(entityId, counterpartId, ifMatch, counterpart =>
        {
            changed = counterpart.FindAddress(addressId) ?? throw AddressNotFound(addressId);
            request.ApplyTo(changed);
        }, ct);
        return new(changed!, counterpartId, stored.ETag);
    }

    /// <summary>The default billing or shipping address cannot be deleted: receivables rely on the defaults existing.</summary>
    public async Task DeleteAddressAsync(Guid entityId, Guid counterpartId, Guid addressId, string? ifMatch, CancellationToken ct)
    {
        await ChangeAsync(entityId, counterpartId, ifMatch, counterpart =>
        {
            var address = counterpart.FindAddress(addressId) ?? throw AddressNotFound(addressId);
            if (counterpart.DefaultBillingAddressId == addressId || counterpart.DefaultShippingAddressId == addressId)
                throw new BusinessRuleException($"Address {addressId} is the counterpart's default billing or shipping address; choose another default first");
            counterpart.Addresses.Remove(address);
        }, ct);
    }

    private static ResourceNotFoundException AddressNotFound(Guid addressId) => new ResourceNotFoundException($"Counterpart address {addressId} was not found");
}
