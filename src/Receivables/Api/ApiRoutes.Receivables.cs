using Receivables.Documents;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreateReceivable = new(nameof(CreateReceivable), "POST", "receivables", RouteAccess.EntityScoped, ReceivableEndpoints.Create, idempotent: true);
    public static readonly ApiRoute GetReceivable = new(nameof(GetReceivable), "GET", "receivables/{receivable_id}", RouteAccess.EntityScoped, ReceivableEndpoints.Get);
}
