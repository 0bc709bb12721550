using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receivables.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// HTTP functions take ASP.NET Core's HttpRequest and the library writes the response itself.
builder.ConfigureFunctionsWebApplication();

// Worker telemetry to Application Insights. In Azure local auth is disabled there: send with the app's identity
// (DefaultAzureCredential reads AZURE_CLIENT_ID, the user-assigned identity).
if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_CONNECTION_STRING")))
{
    builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
    if (ReceivablesSettings.RunningInAzure)
        builder.Services.Configure<TelemetryConfiguration>(c => c.SetAzureTokenCredential(new DefaultAzureCredential()));
}

// The product: settings are checked here, so a misconfigured app fails at start, not on the first request.
builder.Services.AddReceivables(builder.Configuration);

builder.Build().Run();
