using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Auth;
using Receivables.Store;

namespace Receivables.Entities;

/// <summary>
/// The entity's VAT ids. The entity is in the path, not in <c>x-monite-entity-id</c>, so each operation checks
/// access itself as <see cref="EntityOperations"/> does (unknown or foreign entity: 404).
/// </summary>
public sealed class EntityVatIdOperations(DocumentStore store, EntityDirectory directory)
{
    public async Task<Stored<EntityVatId>> CreateAsync(ApiPrincipal principal, Guid entityId, CreateEntityVatIdRequest request, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        return await store.CreateAsync(new EntityVatId
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = EntityVatId.ResourceName,
            Country = request.Country!,
            Value = request.Value!,
            Type = request.Type ?? "unknown",
        }, ct);
    }

    public async Task<Stored<EntityVatId>> GetAsync(ApiPrincipal principal, Guid entityId, Guid vatId, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        return await FindAsync(entityId, vatId, ct) ?? throw NotFound(vatId);
    }

    /// <summary>One point read, for callers that already checked the entity (receivables, <c>GET /vat_rates</c>).</summary>
    public Task<Stored<EntityVatId>?> FindAsync(Guid entityId, Guid vatId, CancellationToken ct) =>
        store.ReadAsync<EntityVatId>(entityId, vatId.ToString(), EntityVatId.ResourceName, ct);

    public async Task<IReadOnlyList<EntityVatId>> ListAsync(ApiPrincipal principal, Guid entityId, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        return await ListAsync(entityId, ct);
    }

    /// <summary>All VAT ids of an entity whose access was already checked: a few per entity, one partition query.</summary>
    public async Task<IReadOnlyList<EntityVatId>> ListAsync(Guid entityId, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.resource = @resource ORDER BY c.id ASC")
            .WithParameter("@resource", EntityVatId.ResourceName);
        return await store.QueryAllAsync<EntityVatId>(query, entityId, ct);
    }

    public async Task<Stored<EntityVatId>> UpdateAsync(ApiPrincipal principal, Guid entityId, Guid vatId, UpdateEntityVatIdRequest request, string? ifMatch, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        var updated = await store.UpdateAsync<EntityVatId>(entityId, vatId.ToString(), EntityVatId.ResourceName, ifMatch, vat =>
        {
            vat.Country = request.Country ?? vat.Country;
            vat.Value = request.Value ?? vat.Value;
            vat.Type = request.Type ?? vat.Type;
        }, ct);
        return updated ?? throw NotFound(vatId);
    }

    /// <summary>Receivables keep their snapshot of the VAT id (spec 4.5.4): nothing cascades.</summary>
    public async Task DeleteAsync(ApiPrincipal principal, Guid entityId, Guid vatId, string? ifMatch, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        if (!await store.DeleteCheckedAsync<EntityVatId>(entityId, vatId.ToString(), EntityVatId.ResourceName, ifMatch, _ => { }, ct))
            throw NotFound(vatId);
    }

    public static ResourceNotFoundException NotFound(Guid vatId) => new ResourceNotFoundException($"Entity VAT id {vatId} was not found");
}
