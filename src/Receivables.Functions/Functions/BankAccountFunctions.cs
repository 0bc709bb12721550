using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class BankAccountFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateBankAccount))]
    public Task<IActionResult> CreateBankAccount([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bank_accounts")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateBankAccount, req);

    [Function(nameof(ApiRoutes.ListBankAccounts))]
    public Task<IActionResult> ListBankAccounts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bank_accounts")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListBankAccounts, req);

    [Function(nameof(ApiRoutes.GetBankAccount))]
    public Task<IActionResult> GetBankAccount([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bank_accounts/{bank_account_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetBankAccount, req);

    [Function(nameof(ApiRoutes.UpdateBankAccount))]
    public Task<IActionResult> UpdateBankAccount([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "bank_accounts/{bank_account_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateBankAccount, req);

    [Function(nameof(ApiRoutes.DeleteBankAccount))]
    public Task<IActionResult> DeleteBankAccount([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "bank_accounts/{bank_account_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteBankAccount, req);

    [Function(nameof(ApiRoutes.MakeDefaultBankAccount))]
    public Task<IActionResult> MakeDefaultBankAccount([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bank_accounts/{bank_account_id}/make_default")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.MakeDefaultBankAccount, req);
}
