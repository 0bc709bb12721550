using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Domain;
using Receivables.Store;

namespace Receivables.EntityUsers;

/// <summary>Create, read, list, update and delete an entity's roles. Knows nothing of HTTP.</summary>
public sealed class RoleOperations(DocumentStore store, ListReader lists, TimeProvider clock)
{
    public async Task<Stored<Role>> CreateAsync(Guid entityId, CreateRoleRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await store.CreateAsync(new Role
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = Role.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Name = request.Name!,
            Permissions = request.Permissions!.ToPermissions(),
            Status = RoleStatus.Active,
        }, ct);
    }

    /// <summary>An active role of the entity; a deleted one is as unknown as a made-up id.</summary>
    public async Task<Stored<Role>> GetAsync(Guid entityId, Guid roleId, CancellationToken ct) =>
        await store.ReadAsync<Role>(entityId, roleId.ToString(), Role.ResourceName, ct) is { Document.Status: RoleStatus.Active } role
            ? role : throw NotFound(roleId);

    public Task<Page<Role>> ListAsync(ListRequest list, CancellationToken ct) => lists.PageAsync<Role>(list, ct);

    public async Task<Stored<Role>> UpdateAsync(Guid entityId, Guid roleId, UpdateRoleRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<Role>(entityId, roleId.ToString(), Role.ResourceName, ifMatch, role =>
        {
            if (role.Status != RoleStatus.Active) throw NotFound(roleId);
            role.Name = request.Name ?? role.Name;
            role.Permissions = request.Permissions?.ToPermissions() ?? role.Permissions;
            role.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound(roleId);
    }

    /// <summary>
    /// A role still held by an active user is kept (409): its users would otherwise be left able to do nothing. Once
    /// deleted it is marked so, not removed, like a deleted user.
    /// </summary>
    public async Task DeleteAsync(Guid entityId, Guid roleId, string? ifMatch, CancellationToken ct)
    {
        var holders = await store.QueryAllAsync<string>(new QueryDefinition(
                "SELECT TOP 1 VALUE c.id FROM c WHERE c.resource = @resource AND c.role_id = @role AND c.status = 'active'")
            .WithParameter("@resource", EntityUser.ResourceName).WithParameter("@role", roleId.ToString()), entityId, ct);
        if (holders.Count > 0) throw new BusinessRuleException($"Role {roleId} is assigned to entity users; give them another role first");
        var deleted = await store.UpdateAsync<Role>(entityId, roleId.ToString(), Role.ResourceName, ifMatch, role =>
        {
            if (role.Status != RoleStatus.Active) throw NotFound(roleId);
            role.Status = RoleStatus.Deleted;
            role.UpdatedAt = clock.GetUtcNow();
        }, ct);
        if (deleted is null) throw NotFound(roleId);
    }

    public static ResourceNotFoundException NotFound(Guid roleId) => new($"Role {roleId} was not found");
}
