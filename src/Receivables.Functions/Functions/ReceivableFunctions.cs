using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class ReceivableFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreateReceivable))]
    public Task<IActionResult> CreateReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateReceivable, req);

    [Function(nameof(ApiRoutes.GetReceivableRequiredFields))]
    public Task<IActionResult> GetReceivableRequiredFields([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables/required_fields")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetReceivableRequiredFields, req);

    [Function(nameof(ApiRoutes.ListReceivables))]
    public Task<IActionResult> ListReceivables([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListReceivables, req);

    [Function(nameof(ApiRoutes.SearchReceivables))]
    public Task<IActionResult> SearchReceivables([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/search")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.SearchReceivables, req);

    [Function(nameof(ApiRoutes.GetReceivable))]
    public Task<IActionResult> GetReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables/{receivable_id:guid}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetReceivable, req);

    [Function(nameof(ApiRoutes.UpdateReceivable))]
    public Task<IActionResult> UpdateReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "receivables/{receivable_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateReceivable, req);

    [Function(nameof(ApiRoutes.DeleteReceivable))]
    public Task<IActionResult> DeleteReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "receivables/{receivable_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteReceivable, req);

    [Function(nameof(ApiRoutes.ReplaceReceivableLineItems))]
    public Task<IActionResult> ReplaceReceivableLineItems([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "receivables/{receivable_id}/line_items")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ReplaceReceivableLineItems, req);

    [Function(nameof(ApiRoutes.CloneReceivable))]
    public Task<IActionResult> CloneReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/clone")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CloneReceivable, req);

    [Function(nameof(ApiRoutes.VerifyReceivable))]
    public Task<IActionResult> VerifyReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/verify")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.VerifyReceivable, req);

    [Function(nameof(ApiRoutes.GetReceivablePdfLink))]
    public Task<IActionResult> GetReceivablePdfLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables/{receivable_id}/pdf_link")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetReceivablePdfLink, req);

    [Function(nameof(ApiRoutes.IssueReceivable))]
    public Task<IActionResult> IssueReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/issue")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.IssueReceivable, req);

    [Function(nameof(ApiRoutes.MarkReceivableAsPaid))]
    public Task<IActionResult> MarkReceivableAsPaid([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/mark_as_paid")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.MarkReceivableAsPaid, req);

    [Function(nameof(ApiRoutes.MarkReceivableAsPartiallyPaid))]
    public Task<IActionResult> MarkReceivableAsPartiallyPaid([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/mark_as_partially_paid")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.MarkReceivableAsPartiallyPaid, req);

    [Function(nameof(ApiRoutes.MarkReceivableAsUncollectible))]
    public Task<IActionResult> MarkReceivableAsUncollectible([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/mark_as_uncollectible")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.MarkReceivableAsUncollectible, req);

    [Function(nameof(ApiRoutes.CancelReceivable))]
    public Task<IActionResult> CancelReceivable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/cancel")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CancelReceivable, req);

    [Function(nameof(ApiRoutes.AcceptQuote))]
    public Task<IActionResult> AcceptQuote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/accept")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.AcceptQuote, req);

    [Function(nameof(ApiRoutes.DeclineQuote))]
    public Task<IActionResult> DeclineQuote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "receivables/{receivable_id}/decline")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeclineQuote, req);

    [Function(nameof(ApiRoutes.ListReceivableHistory))]
    public Task<IActionResult> ListReceivableHistory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables/{receivable_id}/history")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListReceivableHistory, req);

    [Function(nameof(ApiRoutes.GetReceivableHistory))]
    public Task<IActionResult> GetReceivableHistory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "receivables/{receivable_id}/history/{receivable_history_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetReceivableHistory, req);
}
