using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class CurrencyFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.ListCurrencies))]
    public Task<IActionResult> ListCurrencies([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "internal/currencies")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListCurrencies, req);
}
