using Receivables.Api;
using Receivables.Domain;
using Receivables.Store;

namespace Receivables.EntityUsers;

/// <summary>
/// Create, read, list, update and delete an entity's users. A user's login is held by a second document written in the
/// same batch (<see cref="EntityUserLogin"/>), so logins stay unique within the entity under concurrent writes.
/// </summary>
public sealed class EntityUserOperations(DocumentStore store, ListReader lists, RoleOperations roles, TimeProvider clock)
{
    public async Task<Stored<EntityUser>> CreateAsync(Guid entityId, CreateEntityUserRequest request, CancellationToken ct)
    {
        await roles.GetAsync(entityId, request.RoleId!.Value, ct);
        var now = clock.GetUtcNow();
        var user = new EntityUser
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = EntityUser.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Login = request.Login!,
            FirstName = request.FirstName!,
            LastName = request.LastName,
            Email = request.Email,
            Phone = request.Phone,
            Title = request.Title,
            RoleId = request.RoleId!.Value,
            Status = EntityUserStatus.Active,
        };
        try
        {
            var etags = await store.CommitAsync(entityId, [new CreateWrite(user), new CreateWrite(EntityUserLogin.For(entityId, user.Login, Guid.Parse(user.Id)))], ct);
            return new Stored<EntityUser>(user, etags[0]);
        }
        catch (DocumentExistsException)
        {
            throw LoginTaken(user.Login);
        }
    }

    /// <summary>An active user of the entity: a deleted one is gone from every route but the list's <c>status</c> filter.</summary>
    public async Task<Stored<EntityUser>> GetAsync(Guid entityId, Guid userId, CancellationToken ct) =>
        await FindAsync(entityId, userId, ct) ?? throw NotFound(userId);

    public async Task<Stored<EntityUser>?> FindAsync(Guid entityId, Guid userId, CancellationToken ct) =>
        await store.ReadAsync<EntityUser>(entityId, userId.ToString(), EntityUser.ResourceName, ct) is { Document.Status: EntityUserStatus.Active } user
            ? user : null;

    public Task<Page<EntityUser>> ListAsync(ListRequest list, CancellationToken ct) => lists.PageAsync<EntityUser>(list, ct);

    public async Task<Stored<EntityUser>> UpdateAsync(Guid entityId, Guid userId, UpdateEntityUserRequest request, string? ifMatch, CancellationToken ct)
    {
        if (request.RoleId is { } roleId) await roles.GetAsync(entityId, roleId, ct);
        return await ChangeAsync(entityId, userId, ifMatch, async user =>
        {
            var oldLogin = user.Login;
            user.Login = request.Login ?? user.Login;
            user.FirstName = request.FirstName ?? user.FirstName;
            user.LastName = request.LastName ?? user.LastName;
            user.Email = request.Email ?? user.Email;
            user.Phone = request.Phone ?? user.Phone;
            user.Title = request.Title ?? user.Title;
            user.RoleId = request.RoleId ?? user.RoleId;
            if (EntityUserLogin.IdFor(oldLogin) == EntityUserLogin.IdFor(user.Login)) return [];
            // The new login is claimed and the old one given up in the same batch as the user.
            return [new CreateWrite(EntityUserLogin.For(entityId, user.Login, userId)), .. await FreeLoginAsync(entityId, oldLogin, ct)];
        }, ct);
    }

    /// <summary>
    /// Marks the user deleted and frees its login, in one batch. The user's documents keep its id, and its tokens stop
    /// working on their next request (the pipeline reads the user on every entity-user request).
    /// </summary>
    public async Task DeleteAsync(Guid entityId, Guid userId, string? ifMatch, CancellationToken ct) =>
        await ChangeAsync(entityId, userId, ifMatch, async user =>
        {
            user.Status = EntityUserStatus.Deleted;
            return await FreeLoginAsync(entityId, user.Login, ct);
        }, ct);

    /// <summary>
    /// Applies <paramref name="change"/> to the current version of an active user and writes it, with the login
    /// documents the change returns, in one batch conditional on that version; a lost race reads and applies again.
    /// </summary>
    private async Task<Stored<EntityUser>> ChangeAsync(Guid entityId, Guid userId, string? ifMatch, Func<EntityUser, Task<List<BatchWrite>>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(entityId, userId, ct);
            if (ifMatch is not null && !ETags.Same(ifMatch, current.ETag))
                throw new StaleVersionException($"entity_user {userId} has changed since the version in If-Match");
            var user = current.Document;
            var logins = await change(user);
            user.UpdatedAt = clock.GetUtcNow();
            try
            {
                var etags = await store.CommitAsync(entityId, [new ReplaceWrite(user, current.ETag), .. logins], ct);
                return new Stored<EntityUser>(user, etags[0]);
            }
            catch (DocumentExistsException)
            {
                throw LoginTaken(user.Login);
            }
            catch (ConcurrencyConflictException e) when (ifMatch is not null)
            {
                throw new StaleVersionException(e.Message);
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"entity_user {userId}", userId.ToString());
                await Contention.BackoffAsync(attempt, ct);
            }
        }
    }

    /// <summary>The delete of the document that holds <paramref name="login"/>, if one does.</summary>
    private async Task<List<BatchWrite>> FreeLoginAsync(Guid entityId, string login, CancellationToken ct) =>
        await store.ReadAsync<EntityUserLogin>(entityId, EntityUserLogin.IdFor(login), EntityUserLogin.ResourceName, ct) is { } held
            ? [new DeleteWrite(held.Document.Id, EntityUserLogin.ResourceName, held.ETag)]
            : [];

    /// <summary>
    /// The entity of an active user of one of the partner's entities, for a token (<c>grant_type=entity_user</c>): the
    /// one lookup across partitions, by id, made once per token rather than per request.
    /// </summary>
    public async Task<Guid?> FindEntityOfAsync(Guid userId, Guid partnerId, CancellationToken ct)
    {
        var (found, _) = await store.QueryPageAsync<EntityUser>(new Microsoft.Azure.Cosmos.QueryDefinition(
                "SELECT * FROM c WHERE c.id = @id AND c.resource = @resource AND c.status = 'active'")
            .WithParameter("@id", userId.ToString()).WithParameter("@resource", EntityUser.ResourceName), null, 2, null, ct);
        if (found.Count != 1) return null;
        var entityId = found[0].EntityId;
        var entity = await store.ReadAsync<Entities.Entity>(entityId, entityId.ToString(), Entities.Entity.ResourceName, ct);
        return entity?.Document.PartnerId == partnerId ? entityId : null;
    }

    private static BusinessRuleException LoginTaken(string login) => new($"An entity user with login '{login}' already exists");

    public static ResourceNotFoundException NotFound(Guid userId) => new($"Entity user {userId} was not found");
}
