using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Auth;

namespace Receivables.Api;

/// <summary>What an endpoint gets: the checked caller, the entity in scope, route values and the body reader.</summary>
public sealed class ApiRequest(HttpContext http, ApiRoute route, IReadOnlyDictionary<string, string> routeValues, ApiPrincipal? principal, Guid? entityId, CancellationToken aborted)
{
    public HttpContext Http { get; } = http;
    public ApiRoute Route { get; } = route;

    /// <summary>Cancelled when the client goes away or the request's deadline passes: pass it to every store call.</summary>
    public CancellationToken Aborted { get; } = aborted;

    /// <summary>The authenticated caller (null only on anonymous routes).</summary>
    public ApiPrincipal Principal => principal ?? throw new InvalidOperationException($"Route {Route.Name} is anonymous");

    /// <summary>The entity of <c>x-monite-entity-id</c>, already checked to exist and belong to the caller.</summary>
    public Guid EntityId => entityId ?? throw new InvalidOperationException($"Route {Route.Name} is not entity-scoped");

    /// <summary>
    /// Set when the caller's role allows this route only on documents the caller created (<c>allowed_for_own</c>): the
    /// caller's entity user id. Lists narrow themselves to it with <see cref="EntityListScope"/>.
    /// </summary>
    public Guid? OwnOnly { get; init; }

    /// <summary>The caller's entity user as the role check read it this request (null for a partner token): not read twice.</summary>
    public Store.Stored<EntityUsers.EntityUser>? Caller { get; init; }

    /// <summary>The entity's partition, narrowed to the caller's own documents when the role says so.</summary>
    /// <param name="ownerField">Where the list's documents keep their creator (<c>c.entity_user_id</c>).</param>
    public ListScope EntityListScope(string ownerField) => OwnOnly is { } user
        ? new ListScope(EntityId, $"{EntityId}/entity_user:{user}", ($"{ownerField} = {{0}}", user.ToString())) { OwnedBy = user }
        : ListScope.Entity(EntityId);

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    public Task<T> BodyAsync<T>() where T : class, IValidatable => RequestBody.ReadAsync<T>(Http.Request, Aborted);

    /// <summary>A body the route allows to be absent: null then.</summary>
    public Task<T?> OptionalBodyAsync<T>() where T : class, IValidatable => RequestBody.ReadOptionalAsync<T>(Http.Request, Aborted);

    /// <summary>A UUID path parameter; anything else is 422 like the original API's path validation.</summary>
    public Guid PathId(string name)
    {
        if (routeValues.TryGetValue(name, out var raw) && Guid.TryParse(raw, out var id)) return id;
        throw ValidationException.Of(["path", name], "value is not a valid uuid", "type_error.uuid");
    }

    /// <summary>A path parameter as sent (for ids that are not UUIDs, such as a payment page's).</summary>
    public string? RouteValue(string name) => routeValues.TryGetValue(name, out var raw) ? raw : null;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>
    /// The <c>If-Match</c> header, when the client wants its write to apply only to the version it read.
    /// <c>*</c> (any version) asks for nothing beyond existence, which every update checks anyway.
    /// </summary>
    public string? IfMatch => Http.Request.Headers.IfMatch.ToString().Trim() is { Length: > 0 } v && v != "*" ? v : null;
}
