using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Auth;
using Receivables.Store;
using Receivables.Testing.Cosmos;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Worker;

/// <summary>
/// The real built Functions worker (src/Receivables.Functions build output) behind the host stand-in, on its own database
/// of the Cosmos test server (or the configured emulator), with the e2e tests' partners and signing key. One per test
/// class: the worker takes a couple of seconds to start.
/// </summary>
public sealed class WorkerHost : IAsyncLifetime
{
    public string DatabaseName { get; } = "receivables-worker-" + Guid.NewGuid().ToString("N")[..8];

    public FunctionsHostStandIn StandIn { get; private set; } = null!;

    /// <summary>From the fixture's start to the worker ready: the Cosmos target included, the worker's own start in <see cref="FunctionsHostStandIn.StartupTime"/>.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>The first token and store request after the worker was ready (cold paths: JIT, database and container created).</summary>
    public TimeSpan Warmup { get; private set; }

    private CosmosClient? store;
    private string? token;

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        StandIn = await FunctionsHostStandIn.StartAsync(FunctionsAppOutput.Directory, await AppSettingsAsync(DatabaseName));
        ReadyAfter = watch.Elapsed;
        var target = await CosmosTestEndpoint.GetAsync();
        store = new CosmosConnection(target.Endpoint, target.Key, DatabaseName).CreateClient();
        // The worker's first store request creates its database and container: one now (with a token, which the store does
        // not need), so that no scenario pays for it.
        var warm = await SendAsync(HttpMethod.Get, "/v1/entities");
        Assert.True(warm.Status == System.Net.HttpStatusCode.OK, $"warm-up: {(int)warm.Status} {warm.Text}\n{warm.Transcript}");
        Warmup = watch.Elapsed - ReadyAfter;
    }

    /// <summary>
    /// The app settings of a worker on <paramref name="databaseName"/>, as the host hands them over: environment variables,
    /// '__' for ':'. The e2e tests' partners and signing key (<see cref="ApiHost"/>).
    /// </summary>
    /// <summary>The browser origin the worker's settings allow (<c>Cors__AllowedOrigins</c>).</summary>
    public const string AllowedOrigin = "https://billing.example.com";

    public static async Task<Dictionary<string, string>> AppSettingsAsync(string databaseName)
    {
        var target = await CosmosTestEndpoint.GetAsync();
        var blobs = await AzuriteEndpoint.BlobEndpointAsync();
        var settings = new Dictionary<string, string>
        {
            ["Cosmos__Endpoint"] = target.Endpoint.ToString(),
            ["Cosmos__Database"] = databaseName,
            ["Storage__BlobEndpoint"] = blobs.ToString(),
            ["Storage__Key"] = AzuriteEndpoint.Key,
            ["Storage__PdfContainer"] = "worker-" + databaseName.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ["Sweep__Schedule"] = "0 5 * * * *",
            // As the Bicep gives it to the app as well as to the platform's CORS (which the stand-in, like any host test, does not play).
            ["Cors__AllowedOrigins"] = AllowedOrigin,
            ["Auth__SigningKey"] = ApiHost.SigningKey,
            ["Auth__TokenLifetimeSeconds"] = "3600",
            ["Auth__RevocationRefreshSeconds"] = "3600",
            ["Auth__Clients__0__ClientId"] = ApiHost.ClientA.ToString(),
            ["Auth__Clients__0__PartnerId"] = ApiHost.PartnerA.ToString(),
            ["Auth__Clients__0__SecretHash"] = ClientSecretHash.Compute(ApiHost.SecretA),
            ["Auth__Clients__1__ClientId"] = ApiHost.ClientB.ToString(),
            ["Auth__Clients__1__PartnerId"] = ApiHost.PartnerB.ToString(),
            ["Auth__Clients__1__SecretHash"] = ClientSecretHash.Compute(ApiHost.SecretB),
        };
        if (target.Key is not null) settings["Cosmos__Key"] = target.Key;
        return settings;
    }

    public async Task DisposeAsync()
    {
        store?.Dispose();
        if (StandIn is not null) await StandIn.DisposeAsync();
    }

    /// <summary>The worker's store container, for test arrangements the API has no route for (a due date in the past).</summary>
    public Container Documents => store!.GetContainer(DatabaseName, DocumentStore.ContainerName);

    /// <summary>A token of partner A, through the worker's CreateToken function.</summary>
    public async Task<string> TokenAsync()
    {
        if (token is not null) return token;
        using var response = await PostTokenAsync(ApiHost.ClientA, ApiHost.SecretA);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token: {(int)response.StatusCode} {text}\n{StandIn.Transcript}");
        return token = JsonNode.Parse(text)!["access_token"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> PostTokenAsync(Guid clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
        {
            Content = JsonContent.Create(new { grant_type = "client_credentials", client_id = clientId, client_secret = secret }),
        };
        request.Headers.Add("x-monite-version", ApiHost.Version);
        return StandIn.Http.SendAsync(request);
    }

    /// <summary>A request with the API's usual headers: version, the bearer token of partner A (or <paramref name="bearer"/>), the entity when given.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body = null, Guid? entity = null, string? bearer = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-monite-version", ApiHost.Version);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer ?? await TokenAsync());
        if (entity is { } id) request.Headers.Add("x-monite-entity-id", id.ToString());
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        configure?.Invoke(request);
        return await Answer.ReadAsync(await StandIn.Http.SendAsync(request), StandIn);
    }
}

/// <summary>
/// One answer through the stand-in: status, body, headers, and which function of the worker answered (the stand-in
/// names it), with the transcript for assertion messages.
/// </summary>
public sealed record Answer(System.Net.HttpStatusCode Status, string Text, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string? Function, string Transcript)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response, FunctionsHostStandIn standIn)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var function = response.Headers.TryGetValues(FunctionsHostStandIn.FunctionHeader, out var names) ? names.Single() : null;
            return new Answer(response.StatusCode, text, response.Headers, response.Content.Headers, function, standIn.Transcript);
        }
    }

    public JsonObject Json => JsonNode.Parse(Text)?.AsObject() ?? throw new InvalidOperationException("empty body");

    /// <summary>Asserts the status and that the worker's function <paramref name="function"/> gave it; the body and transcript otherwise.</summary>
    public Answer Expect(System.Net.HttpStatusCode status, string function)
    {
        Assert.True(Status == status && Function == function,
            $"expected {(int)status} from {function}, got {(int)Status} from {Function ?? "no function"}: {Text}\n{Transcript}");
        return this;
    }
}
