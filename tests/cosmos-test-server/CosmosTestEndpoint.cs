namespace Receivables.Testing.Cosmos;

/// <summary>Where tests find Cosmos DB: an endpoint, and a key or null for Microsoft Entra ID.</summary>
/// <param name="Endpoint">The account endpoint.</param>
/// <param name="Key">The account key; null means authenticate with Entra ID (DefaultAzureCredential).</param>
/// <param name="IsTestServer">True when this is the in-memory test server rather than an emulator or a real account.</param>
public sealed record CosmosTestTarget(Uri Endpoint, string? Key, bool IsTestServer);

/// <summary>
/// The Cosmos DB a test process uses. By default one <see cref="CosmosTestServer"/>, started on first use and
/// shared by every test in the process (it stops with the process). With <see cref="EndpointVariable"/> set, the
/// same tests run against that account instead: the emulator (with <see cref="KeyVariable"/> = its key) or an
/// Azure account (without a key, through Entra ID).
/// </summary>
public static class CosmosTestEndpoint
{
    public const string EndpointVariable = "COSMOS_TEST_ENDPOINT";
    public const string KeyVariable = "COSMOS_TEST_KEY";

    private static readonly Lazy<Task<CosmosTestTarget>> Shared = new(CreateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The target for this process; the first call may start the test server.</summary>
    public static Task<CosmosTestTarget> GetAsync() => Shared.Value;

    private static async Task<CosmosTestTarget> CreateAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var key = Environment.GetEnvironmentVariable(KeyVariable);
            return new CosmosTestTarget(new Uri(endpoint), string.IsNullOrWhiteSpace(key) ? null : key, IsTestServer: false);
        }
        // Never disposed on purpose: it lives as long as the test process, and its Node store is killed when the
        // process exits (or exits by itself when this process dies and its stdin closes).
        var server = await CosmosTestServer.StartAsync().ConfigureAwait(false);
        return new CosmosTestTarget(server.Endpoint, server.Key, IsTestServer: true);
    }
}
