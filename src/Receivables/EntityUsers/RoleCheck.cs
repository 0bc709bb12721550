using System.Text.Json;
using Receivables.Api;
using Receivables.Auth;
using Receivables.Domain;
using Receivables.Domain.Access;
using Receivables.Store;

namespace Receivables.EntityUsers;

/// <summary>
/// RBAC for entity-user tokens (spec 1.6), once per request before the endpoint: the route's <see cref="RoutePolicy"/>
/// against the caller's role, read fresh on every request so that a changed role or a deleted user counts at once.
/// Partner tokens act without roles.
/// </summary>
public sealed class RoleCheck(DocumentStore store)
{
    /// <summary>The documents whose creator a route can tell, and where the creator is kept.</summary>
    private static readonly Dictionary<string, (string Resource, string Field, byte[] Name)> Owners = new(StringComparer.Ordinal)
    {
        [ObjectTypes.Receivable] = (Documents.Receivable.ResourceName, "entity_user_id", "entity_user_id"u8.ToArray()),
        [ObjectTypes.PaymentRecord] = (Payments.PaymentRecord.ResourceName, "entity_user_id", "entity_user_id"u8.ToArray()),
        // A user's own user is itself.
        [ObjectTypes.EntityUser] = (EntityUser.ResourceName, "id", "id"u8.ToArray()),
    };

    /// <summary>Where a list keeps the creator, for narrowing it to the caller's documents.</summary>
    public static string OwnerField(string objectType) => "c." + Owners[objectType].Field;

    /// <returns>
    /// The caller's user as read (null for a partner), and the caller's id when the route may only touch the caller's own
    /// documents (a list narrows to them).
    /// </returns>
    public async Task<RoleDecision> AuthorizeAsync(ApiPrincipal principal, ApiRoute route, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var policy = route.Policy!;
        if (principal.IsPartner)
        {
            if (policy.Grant == RouteGrant.EntityUser) throw new ForbiddenException("This route acts as an entity user: call it with an entity-user token (grant_type=entity_user)");
            return RoleDecision.Partner;
        }
        if (policy.Grant == RouteGrant.Partner) throw new ForbiddenException("This route needs a partner token (grant_type=client_credentials)");

        var entityId = principal.EntityId!.Value;
        var userId = principal.EntityUserId!.Value;
        var user = await store.ReadAsync<EntityUser>(entityId, userId.ToString(), EntityUser.ResourceName, ct);
        if (user is not { Document.Status: EntityUserStatus.Active })
            throw ApiException.Unauthorized("The entity user of this access token no longer exists");
        RoleDecision All() => new(user, null);
        RoleDecision Own() => new(user, userId);
        if (policy.Grant != RouteGrant.Role) return All();

        var role = await store.ReadAsync<Role>(entityId, user.Document.RoleId.ToString(), Role.ResourceName, ct);
        var objectType = policy.ObjectType!;
        var level = role is { Document.Status: RoleStatus.Active } ? role.Document.Permissions.For(objectType, policy.Action) : PermissionLevel.NotAllowed;
        var action = ObjectTypes.Name(policy.Action);
        switch (level)
        {
            case PermissionLevel.Allowed:
                return All();
            case PermissionLevel.NotAllowed:
                throw new ForbiddenException($"The role of this entity user does not allow '{action}' on '{objectType}'");
        }

        // allowed_for_own: the caller's documents only.
        switch (policy.Ownership)
        {
            case Ownership.NoDocument or Ownership.Creates:
                return All();
            case Ownership.Filtered:
                return Own();
            case Ownership.Path when Owners.TryGetValue(objectType, out var owner)
                && values.TryGetValue(policy.OwnerParameter!, out var raw) && Guid.TryParse(raw, out var id):
                var creator = await store.ReadAsync(entityId, id.ToString(), owner.Resource, (json, _) => CreatorOf(json.Span, owner.Name), ct);
                // A document that is not there is the endpoint's 404 to give, as for any caller.
                if (creator is not null && creator.Id != userId)
                    throw new ForbiddenException($"The role of this entity user allows '{action}' on '{objectType}' only for documents it created");
                return Own();
            case Ownership.Path:
                // A malformed id: the endpoint answers it (422), as for any caller.
                return Own();
            default:
                throw new ForbiddenException($"The role of this entity user allows '{action}' on '{objectType}' only for documents it created, which this route cannot tell; it needs 'allowed'");
        }
    }

    /// <summary>Who created a stored document (null: a partner token did), read without building it.</summary>
    private static Creator CreatorOf(ReadOnlySpan<byte> json, byte[] field) =>
        new(Guid.TryParse(ApiJson.TopLevelString(new Utf8JsonReader(json), field), out var id) ? id : null);

    private sealed record Creator(Guid? Id);
}

/// <summary>What the role check found: the caller's user as read this request (null for a partner), and the own-only narrowing.</summary>
public sealed record RoleDecision(Stored<EntityUser>? User, Guid? OwnOnly)
{
    public static readonly RoleDecision Partner = new(null, null);
}
