using Receivables.Domain.Access;
using Receivables.Store;

namespace Receivables.EntityUsers;

public enum RoleStatus { Active, Deleted }

/// <summary>A role of an entity (<c>/roles</c>): a name and what its users may do to each kind of object (spec 1.6).</summary>
public sealed class Role : StoredDocument
{
    public const string ResourceName = "role";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Name { get; set; }
    public required RolePermissions Permissions { get; set; }
    public required RoleStatus Status { get; set; }
}

/// <summary><c>RoleResponse</c>.</summary>
public sealed record RoleResponse(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Name, RolePermissions Permissions, RoleStatus Status)
{
    public static RoleResponse From(Role r) => new(Guid.Parse(r.Id), r.CreatedAt, r.UpdatedAt, r.Name, r.Permissions, r.Status);
}
