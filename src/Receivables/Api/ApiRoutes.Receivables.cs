using Receivables.Documents;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    // GET receivables/{receivable_id} takes only GUIDs: the Functions host tries routes in no guaranteed order (in
    // practice by function name), and "required_fields" must never be taken for a receivable id.
    public static readonly ApiRoute CreateReceivable = new(nameof(CreateReceivable), "POST", "receivables", RouteAccess.EntityScoped, ReceivableEndpoints.Create, idempotent: true);
    public static readonly ApiRoute GetReceivableRequiredFields = new(nameof(GetReceivableRequiredFields), "GET", "receivables/required_fields", RouteAccess.EntityScoped, ReceivableEndpoints.RequiredFields);
    public static readonly ApiRoute GetReceivable = new(nameof(GetReceivable), "GET", "receivables/{receivable_id:guid}", RouteAccess.EntityScoped, ReceivableEndpoints.Get);
    public static readonly ApiRoute UpdateReceivable = new(nameof(UpdateReceivable), "PATCH", "receivables/{receivable_id}", RouteAccess.EntityScoped, ReceivableEndpoints.Update);
    public static readonly ApiRoute DeleteReceivable = new(nameof(DeleteReceivable), "DELETE", "receivables/{receivable_id}", RouteAccess.EntityScoped, ReceivableEndpoints.Delete);
    public static readonly ApiRoute ReplaceReceivableLineItems = new(nameof(ReplaceReceivableLineItems), "PUT", "receivables/{receivable_id}/line_items", RouteAccess.EntityScoped, ReceivableEndpoints.ReplaceLineItems);
    public static readonly ApiRoute CloneReceivable = new(nameof(CloneReceivable), "POST", "receivables/{receivable_id}/clone", RouteAccess.EntityScoped, ReceivableEndpoints.Clone, idempotent: true);
    public static readonly ApiRoute VerifyReceivable = new(nameof(VerifyReceivable), "POST", "receivables/{receivable_id}/verify", RouteAccess.EntityScoped, ReceivableEndpoints.Verify);
}
