using Receivables.Domain.Access;

namespace Receivables.Api;

/// <summary>Who among the callers a route lets in, beyond holding a valid token.</summary>
public enum RouteGrant
{
    /// <summary>Partner tokens only: an entity user is refused (creating or listing entities).</summary>
    Partner,
    /// <summary>Any caller, and any active user of the entity: the route's objects have no place in a role.</summary>
    AnyUser,
    /// <summary>Entity-user tokens only (<c>/entity_users/me</c> and the like): a partner has no "me".</summary>
    EntityUser,
    /// <summary>Partners, and entity users whose role allows <see cref="RoutePolicy.Action"/> on the object type.</summary>
    Role,
}

/// <summary>How a route meets <c>allowed_for_own</c>: which documents it touches, and whether their creator can be told.</summary>
public enum Ownership
{
    /// <summary>No per-user document is involved (required fields, the entity itself): own or not does not arise.</summary>
    NoDocument,
    /// <summary>The route creates a document, which the caller then owns.</summary>
    Creates,
    /// <summary>The route's path names the document (<see cref="RoutePolicy.OwnerParameter"/>): it must be the caller's.</summary>
    Path,
    /// <summary>A list: with <c>allowed_for_own</c> it is narrowed to the caller's documents.</summary>
    Filtered,
    /// <summary>Documents whose creator the route cannot tell: <c>allowed_for_own</c> is not enough.</summary>
    Unknown,
}

/// <summary>
/// The permission a route needs (spec 1.6), declared with the route. The pipeline checks it for entity-user tokens, once,
/// before the endpoint runs; partner tokens act without roles.
/// </summary>
public sealed record RoutePolicy(RouteGrant Grant, string? ObjectType = null, RoleAction Action = RoleAction.Read, Ownership Ownership = Ownership.Unknown, string? OwnerParameter = null)
{
    public static readonly RoutePolicy Partner = new(RouteGrant.Partner);
    public static readonly RoutePolicy AnyUser = new(RouteGrant.AnyUser);
    public static readonly RoutePolicy EntityUser = new(RouteGrant.EntityUser);

    public static RoutePolicy Role(string objectType, RoleAction action, Ownership ownership = Ownership.Unknown) => new(RouteGrant.Role, objectType, action, ownership);

    /// <summary>An action on the one document the path names.</summary>
    public static RoutePolicy Own(string objectType, RoleAction action, string parameter) => new(RouteGrant.Role, objectType, action, Ownership.Path, parameter);

    public override string ToString() => Grant == RouteGrant.Role ? $"{ObjectType}.{ObjectTypes.Name(Action)} ({Ownership})" : Grant.ToString();
}
