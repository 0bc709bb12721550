using Receivables.Api;
using Receivables.Domain.Access;
using Receivables.Entities;

namespace Receivables.EntityUsers;

/// <summary><c>POST /entity_users</c> body (strict, <c>CreateEntityUserRequest</c>).</summary>
public sealed class CreateEntityUserRequest : IValidatable
{
    public string? Login { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }
    public Guid? RoleId { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Login, "login")) v.Length(Login, "login", 1, 255);
        if (v.Required(FirstName, "first_name")) v.Length(FirstName, "first_name", 1, 255);
        // A user without a role could do nothing at all: the role is asked for up front rather than found missing later.
        v.Required(RoleId, "role_id");
        EntityUserFields.Common(v, LastName, Email, Phone, Title);
    }
}

/// <summary><c>PATCH /entity_users/{id}</c> body (strict, <c>UpdateEntityUserRequest</c>): only the fields sent change.</summary>
public sealed class UpdateEntityUserRequest : IValidatable
{
    public string? Login { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }
    public Guid? RoleId { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Login, "login", 1, 255);
        v.Length(FirstName, "first_name", 1, 255);
        EntityUserFields.Common(v, LastName, Email, Phone, Title);
    }
}

/// <summary><c>PATCH /entity_users/me</c> body (strict, <c>UpdateMeEntityUserRequest</c>): a user edits itself, but not its login or role.</summary>
public sealed class UpdateMeEntityUserRequest : IValidatable
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }

    public void Validate(Validation v)
    {
        v.Length(FirstName, "first_name", 1, 255);
        EntityUserFields.Common(v, LastName, Email, Phone, Title);
    }

    public UpdateEntityUserRequest AsUpdate() => new() { FirstName = FirstName, LastName = LastName, Email = Email, Phone = Phone, Title = Title };
}

internal static class EntityUserFields
{
    public static void Common(Validation v, string? lastName, string? email, string? phone, string? title)
    {
        v.Length(lastName, "last_name", 0, 255);
        EntityFields.Email(v, email, "email");
        v.Length(phone, "phone", 0, 100);
        v.Length(title, "title", 0, 255);
    }
}

/// <summary><c>POST /roles</c> body (strict, <c>CreateRoleRequest</c>).</summary>
public sealed class CreateRoleRequest : IValidatable
{
    public string? Name { get; init; }
    public PermissionsRequest? Permissions { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 255);
        if (v.Required(Permissions, "permissions")) v.Nested(Permissions, "permissions");
    }
}

/// <summary><c>PATCH /roles/{id}</c> body (strict, <c>UpdateRoleRequest</c>): permissions sent replace the role's whole set.</summary>
public sealed class UpdateRoleRequest : IValidatable
{
    public string? Name { get; init; }
    public PermissionsRequest? Permissions { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Name, "name", 1, 255);
        v.Nested(Permissions, "permissions");
    }
}

/// <summary><c>{"objects": [...]}</c>: each object type at most once, each of its actions at most once.</summary>
public sealed class PermissionsRequest : IValidatable
{
    public IReadOnlyList<ObjectPermissionsRequest>? Objects { get; init; }

    public void Validate(Validation v)
    {
        // Every object type once is the most a role can say; more is a mistake, refused before the items are read.
        if (!v.Each(Objects, "objects", ObjectTypes.All.Count) || Objects is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Objects.Count; i++)
            if (Objects[i]?.ObjectType is { } type && !seen.Add(type))
                v.At("objects").At(i).Add("object_type", $"object type '{type}' is listed more than once", "value_error.duplicate");
    }

    public RolePermissions ToPermissions() => new((Objects ?? []).Select(o => o.ToPermissions()).ToList());
}

public sealed class ObjectPermissionsRequest : IValidatable
{
    public string? ObjectType { get; init; }
    public IReadOnlyList<ActionRequest>? Actions { get; init; }

    public void Validate(Validation v)
    {
        // Monite defaults a missing object_type; a role that names nothing grants nothing, so it is asked for.
        if (!v.Required(ObjectType, "object_type")) return;
        if (!ObjectTypes.All.Contains(ObjectType!))
        {
            v.Add("object_type", $"value is not a valid enumeration member; permitted: {string.Join(", ", ObjectTypes.All.Order(StringComparer.Ordinal).Select(t => $"'{t}'"))}", "type_error.enum");
            return;
        }
        var names = ObjectTypes.ActionsOf(ObjectType!);
        if (!v.Each(Actions, "actions", names.Count) || Actions is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Actions.Count; i++)
        {
            var name = Actions[i]?.ActionName ?? "read";
            var at = v.At("actions").At(i);
            if (!names.Contains(name))
                at.Add("action_name", $"value is not a valid enumeration member; permitted: {string.Join(", ", names.Select(n => $"'{n}'"))}", "type_error.enum");
            else if (!seen.Add(name))
                at.Add("action_name", $"action '{name}' is listed more than once", "value_error.duplicate");
        }
    }

    public ObjectPermissions ToPermissions() =>
        new(ObjectType!, (Actions ?? []).Select(a => new ActionRule(a.ActionName ?? "read", a.Permission ?? PermissionLevel.Allowed)).ToList());
}

/// <summary>One action: Monite's defaults apply to what is left out (<c>read</c>, <c>allowed</c>).</summary>
public sealed class ActionRequest : IValidatable
{
    public string? ActionName { get; init; }
    public PermissionLevel? Permission { get; init; }

    public void Validate(Validation v) { }
}
