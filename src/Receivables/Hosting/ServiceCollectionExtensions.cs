using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Api;
using Receivables.Documents;
using Receivables.Entities;
using Receivables.Store;

namespace Receivables.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything both hosts need: settings (checked at start), the store, operations and the API pipeline.</summary>
    /// <param name="configureCosmos">A seam for tests and benchmarks (for example a request-counting handler).</param>
    public static IServiceCollection AddReceivables(this IServiceCollection services, IConfiguration configuration, Action<Microsoft.Azure.Cosmos.CosmosClientOptions>? configureCosmos = null)
    {
        var inAzure = ReceivablesSettings.RunningInAzure;
        var cosmos = ReceivablesSettings.ReadCosmos(configuration, inAzure);
        var auth = ReceivablesSettings.ReadAuth(configuration, inAzure);
        var limits = ReceivablesSettings.ReadLimits(configuration);
        var paymentPages = ReceivablesSettings.ReadPaymentPages(configuration, inAzure);
        var pdfStorage = ReceivablesSettings.ReadPdfStorage(configuration, inAzure);
        var crossOrigin = ReceivablesSettings.ReadCors(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(auth);
        services.AddSingleton(cosmos);
        services.AddSingleton(limits);
        services.AddSingleton(paymentPages);
        services.AddSingleton(crossOrigin);
        services.AddSingleton(sp => cosmos.CreateClient(o =>
        {
            o.Serializer = new CosmosStjSerializer();
            // No attempt may outlast the request; throttling waits stay a fraction of it (the deadline token ends the rest).
            o.RequestTimeout = limits.RequestDeadline;
            o.MaxRetryWaitTimeOnRateLimitedRequests = limits.RequestDeadline / 4;
            configureCosmos?.Invoke(o);
        }));
        // Only where we hold a key (emulator, test server) may the app create its database and container.
        services.AddSingleton(sp => new DocumentStore(sp.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>(), cosmos.DatabaseName, createIfMissing: cosmos.Key is not null));
        services.AddSingleton(pdfStorage);
        services.AddSingleton<Pdfs.PdfBlobs>();
        services.AddSingleton<Rendering.IReceivablePdfRenderer, Rendering.ReceivablePdfRenderer>();
        services.AddSingleton<Auth.TokenService>();
        services.AddSingleton<Auth.TokenRevocations>();
        services.AddSingleton<Auth.CredentialThrottle>();
        services.AddSingleton<ReceivablesApi>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<PageTokens>();
        services.AddSingleton<ListReader>();

        // Operations, one line per feature.
        services.AddSingleton<EntityDirectory>();
        services.AddSingleton<EntityOperations>();
        services.AddSingleton<ReceivableOperations>();
        services.AddSingleton<Receivables.Counterparts.CounterpartOperations>();
        services.AddSingleton<Receivables.MeasureUnits.MeasureUnitOperations>();
        services.AddSingleton<Receivables.Products.ProductOperations>();
        services.AddSingleton<Receivables.EntityUsers.RoleOperations>();
        services.AddSingleton<Receivables.EntityUsers.EntityUserOperations>();
        services.AddSingleton<Receivables.EntityUsers.RoleCheck>();
        services.AddSingleton<EntityVatIdOperations>();
        services.AddSingleton<Receivables.VatRates.VatRateOperations>();
        services.AddSingleton<Receivables.VatRates.CustomVatRateOperations>();
        services.AddSingleton<Receivables.PaymentTerms.PaymentTermsOperations>();
        services.AddSingleton<Receivables.Reminders.ReminderOperations>();
        services.AddSingleton<Receivables.BankAccounts.EntityBankAccountOperations>();
        services.AddSingleton<Receivables.Payments.PaymentRecordOperations>();
        services.AddSingleton<Receivables.PaymentLinks.PaymentLinkOperations>();
        services.AddSingleton<Receivables.Sweep.DueDateSweep>();
        // The payment provider seam: none by default, so only sepa_credit links.
        services.AddSingleton<Receivables.PaymentLinks.IPaymentProvider, Receivables.PaymentLinks.NoPaymentProvider>();
        services.AddSingleton<Pdfs.ReceivablePdfs>();
        services.AddSingleton<Receivables.Sweep.PdfSweep>();
        return services;
    }
}
