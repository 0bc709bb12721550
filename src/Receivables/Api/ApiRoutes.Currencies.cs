using Receivables.Domain.Access;
using Receivables.CurrencyList;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    // Partner-level like Monite's: the same table for every entity.
    public static readonly ApiRoute ListCurrencies = new(nameof(ListCurrencies), "GET", "internal/currencies", RouteAccess.Authenticated, CurrencyEndpoints.List, policy: RoutePolicy.AnyUser);
}
