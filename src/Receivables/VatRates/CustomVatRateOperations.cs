using Receivables.Api;
using Receivables.Store;

namespace Receivables.VatRates;

/// <summary>Create, read, list, update and delete an entity's custom VAT rates. Knows nothing of HTTP.</summary>
public sealed class CustomVatRateOperations(DocumentStore store, TimeProvider clock)
{
    public async Task<Stored<CustomVatRate>> CreateAsync(Guid entityId, CreateCustomVatRateRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var components = request.Components!.Select(c => c.ToComponent()).ToList();
        return await store.CreateAsync(new CustomVatRate
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = CustomVatRate.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Name = request.Name!,
            Components = components,
            Value = CustomVatRate.Sum(components),
        }, ct);
    }

    public async Task<Stored<CustomVatRate>> GetAsync(Guid entityId, Guid rateId, CancellationToken ct) =>
        await store.ReadAsync<CustomVatRate>(entityId, rateId.ToString(), CustomVatRate.ResourceName, ct) ?? throw NotFound(rateId);

    /// <summary>All of the entity's custom rates, oldest first: the API does not page them.</summary>
    public async Task<IReadOnlyList<CustomVatRate>> ListAsync(Guid entityId, CancellationToken ct)
    {
        return await store.ReadAllAsync<CustomVatRate>(entityId, CustomVatRate.ResourceName, ct);
    }

    public async Task<Stored<CustomVatRate>> UpdateAsync(Guid entityId, Guid rateId, UpdateCustomVatRateRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<CustomVatRate>(entityId, rateId.ToString(), CustomVatRate.ResourceName, ifMatch, rate =>
        {
            rate.Name = request.Name ?? rate.Name;
            if (request.Components is { } components)
            {
                rate.Components = components.Select(c => c.ToComponent()).ToList();
                rate.Value = CustomVatRate.Sum(rate.Components);
            }
            rate.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound(rateId);
    }

    /// <summary>Receivables keep their copy of the rate on each line (spec 4.5.4): nothing cascades.</summary>
    public async Task DeleteAsync(Guid entityId, Guid rateId, string? ifMatch, CancellationToken ct)
    {
        if (!await store.DeleteCheckedAsync<CustomVatRate>(entityId, rateId.ToString(), CustomVatRate.ResourceName, ifMatch, _ => { }, ct))
            throw NotFound(rateId);
    }

    public static ResourceNotFoundException NotFound(Guid rateId) => new ResourceNotFoundException($"Custom VAT rate {rateId} was not found");
}
