using System.Collections.Concurrent;
using Receivables.Api;
using Receivables.Auth;
using Receivables.Store;

namespace Receivables.Entities;

/// <summary>
/// Answers "may this caller act on this entity?" for every entity-scoped request. An entity's partner never
/// changes, so the answer is cached after the first point read: a warm request costs no extra round trip.
/// </summary>
public sealed class EntityDirectory(DocumentStore store)
{
    private const int MaxCached = 100_000;
    private readonly ConcurrentDictionary<Guid, Guid> partnerOf = new();

    /// <summary>Unknown entities and entities of another partner are both 404: no existence is revealed.</summary>
    public async Task RequireAccessAsync(ApiPrincipal principal, Guid entityId, CancellationToken ct)
    {
        if (!partnerOf.TryGetValue(entityId, out var partnerId))
        {
            var entity = await store.ReadAsync<Entity>(entityId, entityId.ToString(), Entity.ResourceName, ct);
            if (entity is null) throw NotFound(entityId);
            partnerId = entity.Document.PartnerId;
            Remember(entityId, partnerId);
        }
        if (!principal.MayActOn(entityId, partnerId)) throw NotFound(entityId);
    }

    public void Remember(Guid entityId, Guid partnerId)
    {
        if (partnerOf.Count >= MaxCached) partnerOf.Clear();
        partnerOf[entityId] = partnerId;
    }

    public static ResourceNotFoundException NotFound(Guid entityId) => new ResourceNotFoundException($"Entity {entityId} was not found");
}
