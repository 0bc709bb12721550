namespace Receivables.Auth;

/// <summary>Who is calling, read from a validated access token.</summary>
/// <param name="ClientId">The API client the token was issued to.</param>
/// <param name="PartnerId">The partner that owns the client; a partner token may act on any of its entities.</param>
/// <param name="EntityId">Set for entity-user tokens (not issued yet): the one entity the token may act on.</param>
/// <param name="EntityUserId">Set for entity-user tokens: the user documents are created by.</param>
public sealed record ApiPrincipal(Guid ClientId, Guid PartnerId, Guid? EntityId, Guid? EntityUserId)
{
    public bool IsPartner => EntityId is null;

    public bool MayActOn(Guid entityId, Guid entityPartnerId) =>
        entityPartnerId == PartnerId && (EntityId is null || EntityId == entityId);
}
