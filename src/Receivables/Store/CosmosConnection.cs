using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace Receivables.Store;

/// <summary>
/// How to reach Cosmos DB: an endpoint plus either an account key (emulator, test server) or, when no key
/// is given, Microsoft Entra ID through <see cref="DefaultAzureCredential"/> (Azure, where local auth is disabled).
/// </summary>
public sealed record CosmosConnection(Uri Endpoint, string? Key, string DatabaseName)
{
    public const string DefaultDatabaseName = "receivables";

    /// <summary>The well-known key of the Cosmos DB emulator. Local only: it is public knowledge.</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    // Uri.IsLoopback covers localhost, 127.0.0.0/8 and [::1].
    public bool IsLoopback => Endpoint.IsLoopback;

    public CosmosClient CreateClient(Action<CosmosClientOptions>? configure = null)
    {
        var options = new CosmosClientOptions
        {
            ApplicationName = "receivables-functions",
            ConnectionMode = ConnectionMode.Gateway,
            // Our documents are snake_case JSON written by System.Text.Json; the SDK only moves streams.
            EnableContentResponseOnWrite = true,
        };
        if (IsLoopback)
        {
            // The Cosmos test server and the emulator present self-signed certificates. Trust them only on
            // loopback: a remote endpoint always gets normal certificate validation.
            options.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
            // The emulator and the test server advertise addresses the SDK must not try to discover.
            options.LimitToEndpoint = true;
        }
        configure?.Invoke(options);
        return Key is { Length: > 0 }
            ? new CosmosClient(Endpoint.ToString(), Key, options)
            : new CosmosClient(Endpoint.ToString(), Credential, options);
    }

    private static TokenCredential Credential => new DefaultAzureCredential();
}
