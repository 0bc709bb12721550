using Receivables.Api;
using Receivables.Store;

namespace Receivables.MeasureUnits;

/// <summary>Create, read, list, update and delete an entity's measure units. Knows nothing of HTTP.</summary>
public sealed class MeasureUnitOperations(DocumentStore store, TimeProvider clock)
{
    public async Task<Stored<MeasureUnit>> CreateAsync(Guid entityId, CreateMeasureUnitRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await store.CreateAsync(new MeasureUnit
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = MeasureUnit.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Name = request.Name!,
            Description = request.Description,
        }, ct);
    }

    public async Task<Stored<MeasureUnit>> GetAsync(Guid entityId, Guid unitId, CancellationToken ct) =>
        await store.ReadAsync<MeasureUnit>(entityId, unitId.ToString(), MeasureUnit.ResourceName, ct) ?? throw NotFound(unitId);

    /// <summary>All units of the entity, oldest first: an entity has a handful, and the API does not page them.</summary>
    public async Task<IReadOnlyList<MeasureUnit>> ListAsync(Guid entityId, CancellationToken ct)
    {
        return await store.ReadAllAsync<MeasureUnit>(entityId, MeasureUnit.ResourceName, ct);
    }

    public async Task<Stored<MeasureUnit>> UpdateAsync(Guid entityId, Guid unitId, UpdateMeasureUnitRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<MeasureUnit>(entityId, unitId.ToString(), MeasureUnit.ResourceName, ifMatch, unit =>
        {
            unit.Name = request.Name ?? unit.Name;
            unit.Description = request.Description ?? unit.Description;
            unit.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound(unitId);
    }

    /// <summary>Products and receivables that name the unit keep their id or their copy (spec 4.5.4): nothing cascades.</summary>
    public async Task DeleteAsync(Guid entityId, Guid unitId, string? ifMatch, CancellationToken ct)
    {
        if (!await store.DeleteCheckedAsync<MeasureUnit>(entityId, unitId.ToString(), MeasureUnit.ResourceName, ifMatch, _ => { }, ct))
            throw NotFound(unitId);
    }

    public static ResourceNotFoundException NotFound(Guid unitId) => new ResourceNotFoundException($"Measure unit {unitId} was not found");
}
