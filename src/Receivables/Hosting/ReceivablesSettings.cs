using Microsoft.Extensions.Configuration;
using Receivables.Auth;
using Receivables.Store;

namespace Receivables.Hosting;

/// <summary>
/// Every setting the product reads, in one place (keys use ':' here and '__' in app settings and
/// local.settings.json). A test checks this list against local.settings.sample.json and the Bicep.
/// </summary>
public static class ReceivablesSettings
{
    public const string CosmosEndpoint = "Cosmos:Endpoint";
    public const string CosmosKey = "Cosmos:Key";
    public const string CosmosDatabase = "Cosmos:Database";
    public const string AuthSection = "Auth";

    /// <summary>Set by the Azure Functions and App Service platforms; absent on a developer machine.</summary>
    public static bool RunningInAzure => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID"));

    public static CosmosConnection ReadCosmos(IConfiguration configuration, bool runningInAzure)
    {
        var endpoint = configuration[CosmosEndpoint];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InvalidOperationException("Setting Cosmos__Endpoint must be the Cosmos DB account endpoint (https://...:443/).");
        var key = configuration[CosmosKey];
        if (runningInAzure && !string.IsNullOrEmpty(key))
            throw new InvalidOperationException("Cosmos__Key is for local development only; in Azure the app reaches Cosmos DB with its managed identity.");
        var database = configuration[CosmosDatabase];
        return new CosmosConnection(uri, string.IsNullOrEmpty(key) ? null : key, string.IsNullOrEmpty(database) ? CosmosConnection.DefaultDatabaseName : database);
    }

    public static AuthOptions ReadAuth(IConfiguration configuration, bool runningInAzure)
    {
        var options = new AuthOptions();
        configuration.GetSection(AuthSection).Bind(options);
        options.Validate(runningInAzure);
        return options;
    }
}
