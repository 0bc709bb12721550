using Receivables.Api;
using Receivables.Auth;

namespace Receivables.Entities;

/// <summary><c>GET /entities</c>: the partner's entities, declared like every other list.</summary>
public static class EntityList
{
    public static readonly ListDefinition Definition = new()
    {
        Name = "entities",
        Resource = Entity.ResourceName,
        MaxLimit = 100,
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal) { ["created_at"] = "created_at" },
        Filters = [Filters.Equal("type", ListValues.Enum("organization", "individual"), "c.type")],
    };

    /// <summary>
    /// Cross-partition by nature (each entity is its own partition): a partner sees its own entities only, an
    /// entity-scoped principal only its entity. Both are conditions of every page and part of the owner its tokens are
    /// bound to, so a token of one partner (or entity) is refused for another.
    /// </summary>
    public static ListScope Scope(ApiPrincipal principal) => principal.EntityId is { } own
        ? new(null, $"partner:{principal.PartnerId}/entity:{own}", ("c.partner_id = {0}", principal.PartnerId.ToString()), ("c.entity_id = {0}", own.ToString()))
        : new(null, $"partner:{principal.PartnerId}", ("c.partner_id = {0}", principal.PartnerId.ToString()));
}
