using Receivables.Domain.Access;
using Receivables.BankAccounts;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateBankAccount = new(nameof(CreateBankAccount), "POST", "bank_accounts", RouteAccess.EntityScoped, EntityBankAccountEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.EntityBankAccount, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListBankAccounts = new(nameof(ListBankAccounts), "GET", "bank_accounts", RouteAccess.EntityScoped, EntityBankAccountEndpoints.List, policy: RoutePolicy.Role(ObjectTypes.EntityBankAccount, RoleAction.Read, Ownership.Unknown));
    public static readonly ApiRoute GetBankAccount = new(nameof(GetBankAccount), "GET", "bank_accounts/{bank_account_id}", RouteAccess.EntityScoped, EntityBankAccountEndpoints.Get, policy: RoutePolicy.Role(ObjectTypes.EntityBankAccount, RoleAction.Read, Ownership.Unknown));
    public static readonly ApiRoute UpdateBankAccount = new(nameof(UpdateBankAccount), "PATCH", "bank_accounts/{bank_account_id}", RouteAccess.EntityScoped, EntityBankAccountEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.EntityBankAccount, RoleAction.Update, Ownership.Unknown));
    public static readonly ApiRoute DeleteBankAccount = new(nameof(DeleteBankAccount), "DELETE", "bank_accounts/{bank_account_id}", RouteAccess.EntityScoped, EntityBankAccountEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.EntityBankAccount, RoleAction.Delete, Ownership.Unknown));
    public static readonly ApiRoute MakeDefaultBankAccount = new(nameof(MakeDefaultBankAccount), "POST", "bank_accounts/{bank_account_id}/make_default", RouteAccess.EntityScoped, EntityBankAccountEndpoints.MakeDefault, policy: RoutePolicy.Role(ObjectTypes.EntityBankAccount, RoleAction.Update, Ownership.Unknown));
}
