using Receivables.Api;

namespace Receivables.BankAccounts;

/// <summary><c>/bank_accounts</c>: parse, call one operation, shape the answer.</summary>
public static class EntityBankAccountEndpoints
{
    private const string IdName = "bank_account_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateEntityBankAccountRequest>();
        var account = await request.Service<EntityBankAccountOperations>().CreateAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(account.Document, account.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var accounts = await request.Service<EntityBankAccountOperations>().ListAsync(request.EntityId, request.Aborted);
        return ApiResponse.Ok(new EntityBankAccountList(accounts, null, null));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var account = await request.Service<EntityBankAccountOperations>().GetAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(account.Document, account.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateEntityBankAccountRequest>();
        var account = await request.Service<EntityBankAccountOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(account.Document, account.ETag);
    }

    public static async Task<ApiResponse> MakeDefault(ApiRequest request)
    {
        var account = await request.Service<EntityBankAccountOperations>().MakeDefaultAsync(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(account.Document, account.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<EntityBankAccountOperations>().DeleteAsync(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
