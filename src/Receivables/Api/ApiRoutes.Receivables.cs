using Receivables.Domain.Access;
using Receivables.Documents;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    // GET receivables/{receivable_id} takes only GUIDs: the Functions host tries routes in no guaranteed order (in
    // practice by function name), and "required_fields" must never be taken for a receivable id.
    public static readonly ApiRoute CreateReceivable = new(nameof(CreateReceivable), "POST", "receivables", RouteAccess.EntityScoped, ReceivableEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListReceivables = new(nameof(ListReceivables), "GET", "receivables", RouteAccess.EntityScoped, ReceivableEndpoints.List, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Read, Ownership.Filtered));
    public static readonly ApiRoute SearchReceivables = new(nameof(SearchReceivables), "POST", "receivables/search", RouteAccess.EntityScoped, ReceivableEndpoints.Search, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Read, Ownership.Filtered));
    public static readonly ApiRoute GetReceivableRequiredFields = new(nameof(GetReceivableRequiredFields), "GET", "receivables/required_fields", RouteAccess.EntityScoped, ReceivableEndpoints.RequiredFields, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Read, Ownership.NoDocument));
    public static readonly ApiRoute GetReceivable = new(nameof(GetReceivable), "GET", "receivables/{receivable_id:guid}", RouteAccess.EntityScoped, ReceivableEndpoints.Get, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Read, "receivable_id"));
    public static readonly ApiRoute UpdateReceivable = new(nameof(UpdateReceivable), "PATCH", "receivables/{receivable_id}", RouteAccess.EntityScoped, ReceivableEndpoints.Update, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute DeleteReceivable = new(nameof(DeleteReceivable), "DELETE", "receivables/{receivable_id}", RouteAccess.EntityScoped, ReceivableEndpoints.Delete, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Delete, "receivable_id"));
    public static readonly ApiRoute ReplaceReceivableLineItems = new(nameof(ReplaceReceivableLineItems), "PUT", "receivables/{receivable_id}/line_items", RouteAccess.EntityScoped, ReceivableEndpoints.ReplaceLineItems, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute CloneReceivable = new(nameof(CloneReceivable), "POST", "receivables/{receivable_id}/clone", RouteAccess.EntityScoped, ReceivableEndpoints.Clone, idempotent: true, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Create, "receivable_id"));
    public static readonly ApiRoute IssueReceivable = new(nameof(IssueReceivable), "POST", "receivables/{receivable_id}/issue", RouteAccess.EntityScoped, ReceivableEndpoints.Issue, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute MarkReceivableAsPaid = new(nameof(MarkReceivableAsPaid), "POST", "receivables/{receivable_id}/mark_as_paid", RouteAccess.EntityScoped, ReceivableEndpoints.MarkAsPaid, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute MarkReceivableAsPartiallyPaid = new(nameof(MarkReceivableAsPartiallyPaid), "POST", "receivables/{receivable_id}/mark_as_partially_paid", RouteAccess.EntityScoped, ReceivableEndpoints.MarkAsPartiallyPaid, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute MarkReceivableAsUncollectible = new(nameof(MarkReceivableAsUncollectible), "POST", "receivables/{receivable_id}/mark_as_uncollectible", RouteAccess.EntityScoped, ReceivableEndpoints.MarkAsUncollectible, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    // Cancel and accept create a document (the credit note, the invoice): an Idempotency-Key makes a retry safe.
    public static readonly ApiRoute CancelReceivable = new(nameof(CancelReceivable), "POST", "receivables/{receivable_id}/cancel", RouteAccess.EntityScoped, ReceivableEndpoints.Cancel, idempotent: true, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute AcceptQuote = new(nameof(AcceptQuote), "POST", "receivables/{receivable_id}/accept", RouteAccess.EntityScoped, ReceivableEndpoints.Accept, idempotent: true, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute DeclineQuote = new(nameof(DeclineQuote), "POST", "receivables/{receivable_id}/decline", RouteAccess.EntityScoped, ReceivableEndpoints.Decline, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Update, "receivable_id"));
    public static readonly ApiRoute ListReceivableHistory = new(nameof(ListReceivableHistory), "GET", "receivables/{receivable_id}/history", RouteAccess.EntityScoped, History.HistoryEndpoints.List, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Read, "receivable_id"));
    public static readonly ApiRoute GetReceivableHistory = new(nameof(GetReceivableHistory), "GET", "receivables/{receivable_id}/history/{receivable_history_id}", RouteAccess.EntityScoped, History.HistoryEndpoints.Get, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Read, "receivable_id"));
    public static readonly ApiRoute GetReceivablePdfLink = new(nameof(GetReceivablePdfLink), "GET", "receivables/{receivable_id}/pdf_link", RouteAccess.EntityScoped, ReceivableEndpoints.PdfLink, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Read, "receivable_id"));
    public static readonly ApiRoute VerifyReceivable = new(nameof(VerifyReceivable), "POST", "receivables/{receivable_id}/verify", RouteAccess.EntityScoped, ReceivableEndpoints.Verify, policy: RoutePolicy.Own(ObjectTypes.Receivable, RoleAction.Read, "receivable_id"));
}
