using Receivables.Api;

namespace Receivables.EntityUsers;

/// <summary><c>GET /entity_users</c> and <c>GET /roles</c>: every filter and sort of the OpenAPI, declared.</summary>
public static class EntityUserList
{
    private static readonly ListValue Name = ListValues.Text(255);

    public static readonly ListDefinition Definition = new()
    {
        Name = "entity_users",
        Resource = EntityUser.ResourceName,
        MaxLimit = 100,
        DefaultSort = "updated_at",
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal) { ["updated_at"] = "updated_at" },
        Filters =
        [
            Filters.In("id__in", ListValues.Uuid, "c.id"),
            new ListFilter("id__not_in", ListValues.Uuid, "NOT ARRAY_CONTAINS({0}, c.id)", FilterValues.Array),
            Filters.Equal("role_id", ListValues.Uuid, "c.role_id"),
            Filters.In("role_id__in", ListValues.Uuid, "c.role_id"),
            Filters.Equal("login", Name, "c.login"),
            Filters.Equal("status", ListValues.Enum("active", "deleted"), "c.status"),
            Filters.Equal("first_name", Name, "c.first_name"),
            // "Name starts with": the first or the last name, without regard to case.
            // LOWER on both sides, as for __icontains: the test server lacks STARTSWITH's third argument.
            new ListFilter("name__istartswith", (p, raw) => ((string)Name(p, raw)).ToLowerInvariant(),
                "(STARTSWITH(LOWER(c.first_name), {0}) OR STARTSWITH(LOWER(c.last_name), {0}))"),
            .. Filters.Compare("created_at", ListValues.Timestamp, "c.created_at"),
        ],
    };
}

public static class RoleList
{
    public static readonly ListDefinition Definition = new()
    {
        Name = "roles",
        Resource = Role.ResourceName,
        MaxLimit = 100,
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal) { ["created_at"] = "created_at", ["updated_at"] = "updated_at" },
        Filters =
        [
            Filters.In("id__in", ListValues.Uuid, "c.id"),
            Filters.Equal("name", ListValues.Text(255), "c.name"),
            .. Filters.Compare("created_at", ListValues.Timestamp, "c.created_at", exact: true),
        ],
    };
}
