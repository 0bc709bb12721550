using System.Security.Cryptography;
using System.Text;
using Receivables.Store;

namespace Receivables.EntityUsers;

public enum EntityUserStatus { Active, Deleted }

/// <summary>
/// A user of an entity (<c>/entity_users</c>). Deleting one keeps the document, marked deleted: documents and history
/// name their creator by this id, and the list's <c>entity_user_id</c> filters still match it (spec 3.1).
/// </summary>
public sealed class EntityUser : StoredDocument
{
    public const string ResourceName = "entity_user";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Login { get; set; }
    public required string FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public required Guid RoleId { get; set; }
    public required EntityUserStatus Status { get; set; }
}

/// <summary>
/// Holds a login for one user of the entity: written in the same batch as the user, so that two users can never share a
/// login, even when created at the same moment. Its id is derived from the login (any characters may appear in a login,
/// not all may appear in an id).
/// </summary>
public sealed class EntityUserLogin : StoredDocument
{
    public const string ResourceName = "entity_user_login";

    public required Guid EntityUserId { get; init; }

    /// <summary>Logins compare without regard to case: "Anna" and "anna" are one login.</summary>
    public static string IdFor(string login) =>
        "login-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(login.ToUpperInvariant())));

    public static EntityUserLogin For(Guid entityId, string login, Guid userId) =>
        new() { Id = IdFor(login), EntityId = entityId, Resource = ResourceName, EntityUserId = userId };
}

/// <summary><c>EntityUserResponse</c>.</summary>
public sealed record EntityUserResponse(
    Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Email, string FirstName, string? LastName, string Login,
    string? Phone, Guid RoleId, EntityUserStatus Status, string? UserpicFileId)
{
    public static EntityUserResponse From(EntityUser u) =>
        new(Guid.Parse(u.Id), u.CreatedAt, u.UpdatedAt, u.Email, u.FirstName, u.LastName, u.Login, u.Phone, u.RoleId, u.Status, null);
}
