using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Auth;
using Receivables.Host;
using Receivables.Testing.Cosmos;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// The Kestrel host on an ephemeral loopback port with the Cosmos test server (or the configured emulator)
/// behind it: end-to-end tests speak real HTTP to it. Two partners are configured, to test isolation.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> extraSettings;
    private readonly Action<IServiceCollection>? extraServices;

    public ApiHost() : this(new Dictionary<string, string?>()) { }

    /// <summary>
    /// A host with settings of its own (a short request deadline, say), and services of its own (a log capture, say),
    /// for a test class's own fixture.
    /// </summary>
    protected ApiHost(IReadOnlyDictionary<string, string?> extraSettings, Action<IServiceCollection>? extraServices = null)
    {
        this.extraSettings = extraSettings;
        this.extraServices = extraServices;
    }

    public const string Version = "2024-05-25";
    public static readonly Guid ClientA = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    public static readonly Guid PartnerA = Guid.Parse("aaaaaaaa-0000-4000-8000-00000000000a");
    public static readonly Guid ClientB = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000001");
    public static readonly Guid PartnerB = Guid.Parse("bbbbbbbb-0000-4000-8000-00000000000b");
    public const string SecretA = "test-secret-of-partner-a-0123456789";
    public const string SecretB = "test-secret-of-partner-b-0123456789";
    public const string SigningKey = "test-signing-key-for-the-e2e-tests-0123456789";

    private WebApplication? app;
    private readonly ConcurrentDictionary<Guid, string> tokens = new();

    public HttpClient Http { get; private set; } = null!;
    public RequestCounter Cosmos { get; } = new();

    /// <summary>Store faults on demand (disarmed unless a test arms it), behind <see cref="Cosmos"/> so the counter sees every attempt.</summary>
    public FaultInjector Faults { get; } = new();
    public string DatabaseName { get; } = "receivables-tests-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The renderer behind the host (the PDF renderer seam), shared by all its requests.</summary>
    public TestPdfRenderer Renderer { get; } = new();

    /// <summary>This host's own PDF container in the shared Azurite.</summary>
    public string PdfContainer { get; } = "pdfs-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var target = await CosmosTestEndpoint.GetAsync();
        var blobs = await AzuriteEndpoint.BlobEndpointAsync();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Cosmos:Endpoint"] = target.Endpoint.ToString(),
            ["Cosmos:Key"] = target.Key,
            ["Cosmos:Database"] = DatabaseName,
            ["Storage:BlobEndpoint"] = blobs.ToString(),
            ["Storage:Key"] = AzuriteEndpoint.Key,
            ["Storage:PdfContainer"] = PdfContainer,
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:TokenLifetimeSeconds"] = "3600",
            // One instance sees its own revocations at once; the periodic reload would only add a query at a random
            // moment to some test's exact round-trip count. RevocationTests runs a second instance that reloads.
            ["Auth:RevocationRefreshSeconds"] = "3600",
            // Every test calls from 127.0.0.1, and several send wrong secrets on purpose: the shared host must not start
            // refusing them. CredentialThrottleTests run hosts with small limits and many source addresses.
            ["Auth:FailedAttemptLimit"] = "10000",
            ["Auth:Clients:0:ClientId"] = ClientA.ToString(),
            ["Auth:Clients:0:PartnerId"] = PartnerA.ToString(),
            ["Auth:Clients:0:SecretHash"] = ClientSecretHash.Compute(SecretA),
            ["Auth:Clients:1:ClientId"] = ClientB.ToString(),
            ["Auth:Clients:1:PartnerId"] = PartnerB.ToString(),
            ["Auth:Clients:1:SecretHash"] = ClientSecretHash.Compute(SecretB),
        };
        foreach (var (key, value) in extraSettings) settings[key] = value;
        // The hosted sweep runs on wall-clock time; tests run the sweep themselves, with their own clock (SweepTests).
        app = KestrelHost.Build([], settings, o =>
            {
                // Custom handlers run in the order added, all above the SDK's own retry handler.
                o.CustomHandlers.Add(Cosmos);
                o.CustomHandlers.Add(Faults);
            },
            services =>
            {
                services.Remove(services.Single(d => d.ImplementationType == typeof(SweepService)));
                services.Remove(services.Single(d => d.ServiceType == typeof(Receivables.Rendering.IReceivablePdfRenderer)));
                services.AddSingleton<Receivables.Rendering.IReceivablePdfRenderer>(Renderer);
                extraServices?.Invoke(services);
            });
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        // Open (create) the container now, so that no test's first request pays for it.
        await StoreContainerAsync();
        // Load the revoked tokens now too (one query), so that no test's first authenticated request pays for it.
        await Service<TokenRevocations>().ReloadAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null) await app.DisposeAsync();
    }

    /// <summary>A service of the running host (the store, say), for tests that drive the library directly.</summary>
    public T Service<T>() where T : notnull => app!.Services.GetRequiredService<T>();

    public Task<Container> StoreContainerAsync() => app!.Services.GetRequiredService<Receivables.Store.DocumentStore>().ContainerAsync();

    /// <summary>How many documents of a kind are stored (in one entity's partition, or across all): "nothing stored" checks.</summary>
    public async Task<long> CountStoredAsync(string resource, Guid? entityId = null)
    {
        var container = await app!.Services.GetRequiredService<Receivables.Store.DocumentStore>().ContainerAsync();
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.resource = @r").WithParameter("@r", resource);
        var options = entityId is { } id ? new QueryRequestOptions { PartitionKey = new PartitionKey(id.ToString()) } : null;
        using var iterator = container.GetItemQueryIterator<long>(query, requestOptions: options);
        long total = 0;
        while (iterator.HasMoreResults) total += (await iterator.ReadNextAsync()).Sum();
        return total;
    }

    public async Task<string> TokenAsync(Guid? clientId = null)
    {
        var id = clientId ?? ClientA;
        if (tokens.TryGetValue(id, out var cached)) return cached;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
        {
            Content = JsonContent.Create(new { grant_type = "client_credentials", client_id = id, client_secret = id == ClientA ? SecretA : SecretB }),
        };
        request.Headers.Add("x-monite-version", Version);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        return tokens[id] = token;
    }

    /// <summary>A token of an entity user (<c>grant_type=entity_user</c>), from partner A's client unless told.</summary>
    public async Task<string> EntityUserTokenAsync(Guid entityUserId, Guid? clientId = null)
    {
        var id = clientId ?? ClientA;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
        {
            Content = JsonContent.Create(new { grant_type = "entity_user", client_id = id, client_secret = id == ClientA ? SecretA : SecretB, entity_user_id = entityUserId }),
        };
        request.Headers.Add("x-monite-version", Version);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"entity-user token: {response.StatusCode} {text}");
        return JsonNode.Parse(text)!["access_token"]!.GetValue<string>();
    }

    /// <summary>A request with the usual headers: version, bearer token of partner A, and the entity when given.</summary>
    /// <param name="token">Another bearer token (an entity user's, say) instead of partner A's.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, Guid? entityId = null, Guid? clientId = null, Action<HttpRequestMessage>? configure = null,
        string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-monite-version", Version);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await TokenAsync(clientId));
        if (entityId is { } id) request.Headers.Add("x-monite-entity-id", id.ToString());
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    /// <summary>An entity with one customer (counterpart with a billing address): enough to create invoices.</summary>
    public async Task<Seller> CreateSellerAsync(Guid? clientId = null, string name = "Acme GmbH")
    {
        var entity = await CreateEntityAsync(clientId, name);
        using var response = await SendAsync(HttpMethod.Post, "/v1/counterparts", new
        {
            type = "organization",
            organization = new
            {
                legal_name = "Customer AG", is_customer = true, is_vendor = false,
                address = new { country = "DE", city = "Hamburg", postal_code = "20095", line1 = "Jungfernstieg 1" },
            },
        }, entity, clientId);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var counterpart = await Json.ReadAsync(response);
        return new Seller(entity, Guid.Parse(counterpart["id"]!.GetValue<string>()), Guid.Parse(counterpart["default_billing_address_id"]!.GetValue<string>()));
    }

    public async Task<Guid> CreateEntityAsync(Guid? clientId = null, string name = "Acme GmbH")
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/entities", Bodies.Organization(name), clientId: clientId);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var json = await Json.ReadAsync(response);
        return Guid.Parse(json["id"]!.GetValue<string>());
    }
}

/// <summary>An entity and a customer of it.</summary>
public sealed record Seller(Guid Entity, Guid Counterpart, Guid BillingAddress);

[CollectionDefinition(Name)]
public sealed class ApiTests : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}

/// <summary>Counts what the product asks of Cosmos DB, one count per request leaving the SDK's pipeline.</summary>
public sealed class RequestCounter : RequestHandler
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        return base.SendAsync(request, cancellationToken);
    }
}

public static class Json
{
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("empty body");
    }

    public static string Error(JsonObject body) => body["error"]!["message"]!.GetValue<string>();

    public static JsonArray Detail(JsonObject body) => body["detail"]!.AsArray();

    public static string Loc(JsonNode detailItem) => string.Join('.', detailItem["loc"]!.AsArray().Select(n => n!.ToJsonString().Trim('"')));
}

/// <summary>Request bodies used across tests.</summary>
public static class Bodies
{
    public static object Organization(string name = "Acme GmbH") => new
    {
        type = "organization",
        email = "billing@acme.example",
        phone = "+49 30 1234567",
        tax_id = "DE123456789",
        address = new { country = "DE", city = "Berlin", postal_code = "10115", line1 = "Unter den Linden 1" },
        organization = new { legal_name = name },
    };

    public static object Invoice(Seller seller, params object[] lines) => new
    {
        type = "invoice",
        currency = "EUR",
        counterpart_id = seller.Counterpart,
        counterpart_billing_address_id = seller.BillingAddress,
        line_items = lines.Length > 0 ? lines : [Line("Consulting hour", 12000, 1.5m, 1900)],
        memo = "Thank you for your business",
    };

    public static object Line(string name, long price, decimal quantity, int taxRate, object? discount = null) => new
    {
        quantity,
        product = new { name, price = new { currency = "EUR", value = price }, type = "service", measure_unit = new { name = "h" } },
        tax_rate_value = taxRate,
        discount,
    };

    public static string Serialize(object body) => JsonSerializer.Serialize(body);
}
