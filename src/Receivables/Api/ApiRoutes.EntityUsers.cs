using Receivables.Domain.Access;
using Receivables.EntityUsers;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    // The caller's own user, role and entity: entity-user tokens only, any role (the UI reads them before anything else).
    public static readonly ApiRoute GetMe = new(nameof(GetMe), "GET", "entity_users/me", RouteAccess.Authenticated, EntityUserEndpoints.GetMe, policy: RoutePolicy.EntityUser);
    public static readonly ApiRoute UpdateMe = new(nameof(UpdateMe), "PATCH", "entity_users/me", RouteAccess.Authenticated, EntityUserEndpoints.UpdateMe, policy: RoutePolicy.EntityUser);
    public static readonly ApiRoute GetMyRole = new(nameof(GetMyRole), "GET", "entity_users/my_role", RouteAccess.Authenticated, EntityUserEndpoints.GetMyRole, policy: RoutePolicy.EntityUser);
    public static readonly ApiRoute GetMyEntity = new(nameof(GetMyEntity), "GET", "entity_users/my_entity", RouteAccess.Authenticated, EntityUserEndpoints.GetMyEntity, policy: RoutePolicy.EntityUser);
    public static readonly ApiRoute UpdateMyEntity = new(nameof(UpdateMyEntity), "PATCH", "entity_users/my_entity", RouteAccess.Authenticated, EntityUserEndpoints.UpdateMyEntity,
        policy: new RoutePolicy(RouteGrant.Role, ObjectTypes.Entity, RoleAction.Update, Ownership.NoDocument));

    public static readonly ApiRoute CreateEntityUser = new(nameof(CreateEntityUser), "POST", "entity_users", RouteAccess.EntityScoped, EntityUserEndpoints.Create, idempotent: true,
        policy: RoutePolicy.Role(ObjectTypes.EntityUser, RoleAction.Create));
    public static readonly ApiRoute ListEntityUsers = new(nameof(ListEntityUsers), "GET", "entity_users", RouteAccess.EntityScoped, EntityUserEndpoints.List,
        policy: RoutePolicy.Role(ObjectTypes.EntityUser, RoleAction.Read, Ownership.Filtered));
    // GET and PATCH share their paths with me/my_role/my_entity: the guid constraint keeps the literal routes theirs.
    public static readonly ApiRoute GetEntityUser = new(nameof(GetEntityUser), "GET", "entity_users/{entity_user_id:guid}", RouteAccess.EntityScoped, EntityUserEndpoints.Get,
        policy: RoutePolicy.Own(ObjectTypes.EntityUser, RoleAction.Read, "entity_user_id"));
    public static readonly ApiRoute UpdateEntityUser = new(nameof(UpdateEntityUser), "PATCH", "entity_users/{entity_user_id:guid}", RouteAccess.EntityScoped, EntityUserEndpoints.Update,
        policy: RoutePolicy.Own(ObjectTypes.EntityUser, RoleAction.Update, "entity_user_id"));
    public static readonly ApiRoute DeleteEntityUser = new(nameof(DeleteEntityUser), "DELETE", "entity_users/{entity_user_id}", RouteAccess.EntityScoped, EntityUserEndpoints.Delete,
        policy: RoutePolicy.Own(ObjectTypes.EntityUser, RoleAction.Delete, "entity_user_id"));

    public static readonly ApiRoute CreateRole = new(nameof(CreateRole), "POST", "roles", RouteAccess.EntityScoped, RoleEndpoints.Create, idempotent: true,
        policy: RoutePolicy.Role(ObjectTypes.Role, RoleAction.Create));
    public static readonly ApiRoute ListRoles = new(nameof(ListRoles), "GET", "roles", RouteAccess.EntityScoped, RoleEndpoints.List, policy: RoutePolicy.Role(ObjectTypes.Role, RoleAction.Read));
    public static readonly ApiRoute GetRole = new(nameof(GetRole), "GET", "roles/{role_id}", RouteAccess.EntityScoped, RoleEndpoints.Get, policy: RoutePolicy.Role(ObjectTypes.Role, RoleAction.Read));
    public static readonly ApiRoute UpdateRole = new(nameof(UpdateRole), "PATCH", "roles/{role_id}", RouteAccess.EntityScoped, RoleEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.Role, RoleAction.Update));
    public static readonly ApiRoute DeleteRole = new(nameof(DeleteRole), "DELETE", "roles/{role_id}", RouteAccess.EntityScoped, RoleEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.Role, RoleAction.Delete));
}
