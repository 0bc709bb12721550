using Receivables.Api;
using Receivables.Entities;

namespace Receivables.EntityUsers;

/// <summary><c>/entity_users</c> and the caller's own <c>/entity_users/me</c>, <c>my_role</c>, <c>my_entity</c>.</summary>
public static class EntityUserEndpoints
{
    private const string IdName = "entity_user_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateEntityUserRequest>();
        var user = await Operations(request).CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(EntityUserResponse.From(user.Document), user.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var scope = request.EntityListScope(RoleCheck.OwnerField(Domain.Access.ObjectTypes.EntityUser));
        var list = request.Service<ListReader>().FromQuery(request, EntityUserList.Definition, scope);
        // Deleted users are listed only when asked for by status (spec: they still own their documents).
        if (!list.Filters.ContainsKey("status")) list.Filters["status"] = ["active"];
        var page = await Operations(request).ListAsync(list, request.Aborted);
        return ApiResponse.Ok(new Page<EntityUserResponse>(page.Data.Select(EntityUserResponse.From).ToList(), page.PrevPaginationToken, page.NextPaginationToken));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var user = await Operations(request).GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(EntityUserResponse.From(user.Document), user.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateEntityUserRequest>();
        var user = await Operations(request).UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(EntityUserResponse.From(user.Document), user.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await Operations(request).DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    public static Task<ApiResponse> GetMe(ApiRequest request) =>
        Task.FromResult(ApiResponse.Ok(EntityUserResponse.From(Caller(request).Document), Caller(request).ETag));

    public static async Task<ApiResponse> UpdateMe(ApiRequest request)
    {
        var (entityId, userId) = Me(request);
        var body = await request.BodyAsync<UpdateMeEntityUserRequest>();
        var user = await Operations(request).UpdateAsync(entityId, userId, body.AsUpdate(), request.IfMatch, request.Aborted);
        return ApiResponse.Ok(EntityUserResponse.From(user.Document), user.ETag);
    }

    public static async Task<ApiResponse> GetMyRole(ApiRequest request)
    {
        var role = await request.Service<RoleOperations>().GetAsync(Me(request).EntityId, Caller(request).Document.RoleId, request.Aborted);
        return ApiResponse.Ok(RoleResponse.From(role.Document), role.ETag);
    }

    public static async Task<ApiResponse> GetMyEntity(ApiRequest request)
    {
        var entity = await request.Service<EntityOperations>().GetAsync(request.Principal, Me(request).EntityId, request.Aborted);
        return ApiResponse.Ok(entity.Document, entity.ETag);
    }

    public static async Task<ApiResponse> UpdateMyEntity(ApiRequest request)
    {
        var body = await request.BodyAsync<UpdateEntityRequest>();
        var entity = await request.Service<EntityOperations>().UpdateAsync(request.Principal, Me(request).EntityId, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(entity.Document, entity.ETag);
    }

    /// <summary>The caller of an entity-user route (the pipeline has refused partner tokens already).</summary>
    private static (Guid EntityId, Guid UserId) Me(ApiRequest request) => (request.Principal.EntityId!.Value, request.Principal.EntityUserId!.Value);

    /// <summary>The caller's user, already read (and found active) by the pipeline's role check.</summary>
    private static Store.Stored<EntityUser> Caller(ApiRequest request) => request.Caller!;

    private static EntityUserOperations Operations(ApiRequest request) => request.Service<EntityUserOperations>();
}

/// <summary><c>/roles</c>: parse, call one operation, shape the answer.</summary>
public static class RoleEndpoints
{
    private const string IdName = "role_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateRoleRequest>();
        var role = await Operations(request).CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(RoleResponse.From(role.Document), role.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var list = request.Service<ListReader>().FromQuery(request, RoleList.Definition, ListScope.Entity(request.EntityId, ("c.status = {0}", "active")));
        var page = await Operations(request).ListAsync(list, request.Aborted);
        return ApiResponse.Ok(new Page<RoleResponse>(page.Data.Select(RoleResponse.From).ToList(), page.PrevPaginationToken, page.NextPaginationToken));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var role = await Operations(request).GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(RoleResponse.From(role.Document), role.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateRoleRequest>();
        var role = await Operations(request).UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(RoleResponse.From(role.Document), role.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await Operations(request).DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    private static RoleOperations Operations(ApiRequest request) => request.Service<RoleOperations>();
}
