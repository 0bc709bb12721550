using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Api;
using Receivables.Auth;
using Receivables.Host;
using Receivables.Store;
using Receivables.Testing.Cosmos;

// dotnet run -c Release --project tests/Receivables.Benchmarks -- sweep [total due]...: the due-date sweep at scale.
if (args is ["sweep", ..])
{
    await SweepBenchmark.RunAsync(args[1..]);
    return;
}

// badinput: every route over real HTTP to Kestrel with bad bodies up to the size limit and bad query strings; fails on
// any 5xx, any answer over 64 KB or a p99 over 1 s (issue 10). BENCH_ONLY=<text> picks routes by "METHOD template".
if (args is ["badinput", ..])
{
    Environment.ExitCode = await BadInputBenchmark.RunAsync(args[1..]);
    return;
}

// index [policy-before.json]: the 10-line invoice's stored size and index terms (IndexCost), and with a previous
// policy file, the same document as the previous version stored it (without the listing copy) under that policy.
var indexOnly = args is ["index", ..];
// render [count]: the 10-line invoice as a PDF (issue 11): median and p95 ms per document, PDF bytes, bytes allocated.
var renderOnly = args is ["render", ..];
var policyBefore = args is ["index", var file, ..] ? Newtonsoft.Json.JsonConvert.DeserializeObject<IndexingPolicy>(File.ReadAllText(file)) : null;

// Per route: Cosmos DB round trips per request and bytes allocated per request by the API (pipeline, endpoint,
// operation, Cosmos SDK, JSON), with requests driven in-process through the same pipeline both hosts use.
var iterations = args.Length > 0 && !indexOnly && !renderOnly ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;

using var cosmos = CosmosProcess.Start();
var counter = new CountingHandler();
const string secret = "benchmark-client-secret-0123456789";
var client = Guid.NewGuid();
var app = KestrelHost.Build([], new Dictionary<string, string?>
{
    ["Cosmos:Endpoint"] = cosmos.Endpoint,
    ["Cosmos:Key"] = CosmosTestServer.EmulatorKey,
    ["Cosmos:Database"] = "benchmarks",
    ["Auth:SigningKey"] = "benchmark-signing-key-0123456789abcdef",
    ["Auth:Clients:0:ClientId"] = client.ToString(),
    ["Auth:Clients:0:PartnerId"] = Guid.NewGuid().ToString(),
    ["Auth:Clients:0:SecretHash"] = ClientSecretHash.Compute(secret),
}, o => o.CustomHandlers.Add(counter));
var api = app.Services.GetRequiredService<ReceivablesApi>();
var driver = new Driver(api, app.Services);

var token = (await driver.SendAsync(ApiRoutes.CreateToken, "POST", "/v1/auth/token", new { grant_type = "client_credentials", client_id = client, client_secret = secret }))["access_token"]!.GetValue<string>();
driver.Token = token;
var entity = Guid.Parse((await driver.SendAsync(ApiRoutes.CreateEntity, "POST", "/v1/entities", new
{
    type = "organization", email = "billing@bench.example", tax_id = "DE1",
    address = new { country = "DE", city = "Berlin", postal_code = "10115", line1 = "Unter den Linden 1" },
    organization = new { legal_name = "Bench GmbH" },
}))["id"]!.GetValue<string>());
driver.Entity = entity;
var counterpart = await driver.SendAsync(ApiRoutes.CreateCounterpart, "POST", "/v1/counterparts", new
{
    type = "organization",
    organization = new { legal_name = "Buyer AG", is_customer = true, is_vendor = false, address = new { country = "DE", city = "Hamburg", postal_code = "20095", line1 = "Jungfernstieg 1" } },
});
var counterpartId = counterpart["id"]!.GetValue<string>();
var billing = counterpart["default_billing_address_id"]!.GetValue<string>();
var unit = (await driver.SendAsync(ApiRoutes.CreateMeasureUnit, "POST", "/v1/measure_units", new { name = "h" }))["id"]!.GetValue<string>();
var products = new List<string>();
for (var i = 0; i < 10; i++)
{
    products.Add((await driver.SendAsync(ApiRoutes.CreateProduct, "POST", "/v1/products",
        new { name = $"Service {i}", type = "service", price = new { currency = "EUR", value = 1000 + (i * 137) }, measure_unit_id = unit }))["id"]!.GetValue<string>());
}
var vat19 = Receivables.Domain.VatRateTable.IdOf("DE", 1900);
object[] Lines() => products.Select((p, i) => (object)new { product_id = p, quantity = 1 + i, vat_rate_id = vat19, discount = i % 3 == 0 ? new { type = "percentage", amount = 500 } : null }).ToArray();
object InvoiceBody() => new
{
    type = "invoice", currency = "EUR", counterpart_id = counterpartId, counterpart_billing_address_id = billing,
    line_items = Lines(), discount = new { type = "amount", amount = 1000 }, memo = "Benchmark",
};
var invoice = (await driver.SendAsync(ApiRoutes.CreateReceivable, "POST", "/v1/receivables", InvoiceBody()))["id"]!.GetValue<string>();

// The stored size of that invoice, as Cosmos DB holds it (system properties included).
var container = await app.Services.GetRequiredService<DocumentStore>().ContainerAsync();
using (var stored = await container.ReadItemStreamAsync(invoice, new PartitionKey(entity.ToString())))
{
    using var buffer = new MemoryStream();
    await stored.Content.CopyToAsync(buffer);
    Console.WriteLine($"Stored invoice with 10 line items: {buffer.Length:N0} bytes");
    var document = JsonNode.Parse(buffer.ToArray())!.AsObject();
    IndexCost.Print("Under indexing-policy.json", document, IndexingPolicyFile.Load());
    if (policyBefore is not null)
    {
        document.Remove("listing");
        IndexCost.Print("Without the listing copy, under the previous policy", document, policyBefore);
    }
}
if (renderOnly)
{
    await RenderBenchmark.RunAsync(container, entity, invoice, args[1..]);
    await app.DisposeAsync();
    return;
}
if (indexOnly)
{
    await app.DisposeAsync();
    return;
}

var drafts = new Queue<string>();
var scenarios = new (string Name, Func<Task> Run)[]
{
    ("POST /auth/token", () => driver.SendAsync(ApiRoutes.CreateToken, "POST", "/v1/auth/token", new { grant_type = "client_credentials", client_id = client, client_secret = secret })),
    ("GET /entities/{id}", () => driver.SendAsync(ApiRoutes.GetEntity, "GET", $"/v1/entities/{entity}")),
    ("PATCH /entities/{id}/settings", () => driver.SendAsync(ApiRoutes.PatchEntitySettings, "PATCH", $"/v1/entities/{entity}/settings", new { quote_signature_required = false })),
    ("GET /counterparts/{id}", () => driver.SendAsync(ApiRoutes.GetCounterpart, "GET", $"/v1/counterparts/{counterpartId}")),
    ("GET /products?limit=10", () => driver.SendAsync(ApiRoutes.ListProducts, "GET", "/v1/products?limit=10")),
    ("POST /receivables (10 lines)", async () =>
    {
        await driver.SendAsync(ApiRoutes.CreateReceivable, "POST", "/v1/receivables", InvoiceBody());
        drafts.Enqueue(driver.LastId);
    }),
    ("GET /receivables/{id}", () => driver.SendAsync(ApiRoutes.GetReceivable, "GET", $"/v1/receivables/{invoice}")),
    ("PATCH /receivables/{id}", () => driver.SendAsync(ApiRoutes.UpdateReceivable, "PATCH", $"/v1/receivables/{invoice}", new { invoice = new { memo = "Changed" } })),
    ("PUT /receivables/{id}/line_items", () => driver.SendAsync(ApiRoutes.ReplaceReceivableLineItems, "PUT", $"/v1/receivables/{invoice}/line_items", new { data = Lines() })),
    ("POST /receivables/{id}/verify", () => driver.SendAsync(ApiRoutes.VerifyReceivable, "POST", $"/v1/receivables/{invoice}/verify")),
    ("POST /receivables/{id}/clone", () => driver.SendAsync(ApiRoutes.CloneReceivable, "POST", $"/v1/receivables/{invoice}/clone")),
    ("DELETE /receivables/{id}", () => driver.SendAsync(ApiRoutes.DeleteReceivable, "DELETE", $"/v1/receivables/{drafts.Dequeue()}")),
    ("GET /receivables?limit=10 (10-line)", () => driver.SendAsync(ApiRoutes.ListReceivables, "GET", "/v1/receivables?type=invoice&sort=total_amount&order=desc&limit=10")),
    ("POST /receivables/search (limit 10)", () => driver.SendAsync(ApiRoutes.SearchReceivables, "POST", "/v1/receivables/search", new { type = "invoice", total_amount__gte = 1, limit = 10 })),
    ("GET /receivables/required_fields", () => driver.SendAsync(ApiRoutes.GetReceivableRequiredFields, "GET", "/v1/receivables/required_fields?counterpart_country=FR")),
    ("POST /receivables (422, bad body)", () => driver.SendAsync(ApiRoutes.CreateReceivable, "POST", "/v1/receivables", new { type = "invoice" }, expectSuccess: false)),
};

// The floor: what a bare SDK client costs for the same store calls, on the same client and store (no pipeline, no
// auth, no model, no JSON beyond the SDK's own). CPU is this process's; the store runs in its own process.
var partition = new PartitionKey(entity.ToString());
var rawReplaceTarget = (await driver.SendAsync(ApiRoutes.CreateReceivable, "POST", "/v1/receivables", InvoiceBody()))["id"]!.GetValue<string>();
async Task<byte[]> RawReadAsync(string id)
{
    using var response = await container.ReadItemStreamAsync(id, partition);
    using var copy = new MemoryStream();
    await response.Content.CopyToAsync(copy);
    return copy.ToArray();
}
var template = JsonNode.Parse(await RawReadAsync(invoice))!.AsObject();
foreach (var system in new[] { "_rid", "_self", "_etag", "_attachments", "_ts" }) template.Remove(system);
var baselines = new (string Name, Func<Task> Run)[]
{
    ("raw SDK: point read (stream)", () => RawReadAsync(invoice)),
    ("raw SDK: read + replace if-match", async () =>
    {
        using var response = await container.ReadItemStreamAsync(rawReplaceTarget, partition);
        using var replaced = await container.ReplaceItemStreamAsync(response.Content, rawReplaceTarget, partition,
            new ItemRequestOptions { IfMatchEtag = response.Headers.ETag });
        replaced.EnsureSuccessStatusCode();
    }),
    ("raw SDK: create (10-line invoice)", async () =>
    {
        // The document built and serialized per request, as any writer must.
        var document = template.DeepClone().AsObject();
        document["id"] = Guid.NewGuid().ToString();
        using var created = await container.CreateItemStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString())), partition);
        created.EnsureSuccessStatusCode();
    }),
};

Console.WriteLine($"{iterations} requests per route and round, lowest of 3 rounds, in-process through the API pipeline; Cosmos test server in its own process.");
Console.WriteLine($"{"Route",-36} {"Cosmos round trips/request",28} {"Allocated/request",20} {"CPU/request",14}");
var cpu = new Dictionary<string, double>();
using var self = Process.GetCurrentProcess();
// BENCH_ONLY=<text>: only the routes whose name contains it (and the baselines), e.g. for a profiler.
var only = Environment.GetEnvironmentVariable("BENCH_ONLY");
var all = baselines.Concat(scenarios.Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal))).ToList();
driver.Measuring = true;
// Warm-up of every route first, then a pause: the JIT's tiered recompilation of the shared code (SDK, JSON) must be
// done before the first measurement, or whichever route is measured first pays for it.
foreach (var (_, run) in all)
    for (var i = 0; i < 100; i++) await run();
await Task.Delay(TimeSpan.FromSeconds(2));
// Three rounds over every route; each figure is the route's lowest of the three: CPU time is this process's alone,
// but other load on the machine can only add to it, never take away.
const int rounds = 3;
var results = all.ToDictionary(r => r.Name, _ => (Trips: double.MaxValue, Bytes: double.MaxValue, Cpu: double.MaxValue));
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, run) in all)
    {
        GC.Collect();
        var trips = counter.Count;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        for (var i = 0; i < iterations; i++) await run();
        self.Refresh();
        var cpuPerRequest = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
        var bytesPerRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)iterations;
        var tripsPerRequest = (counter.Count - trips) / (double)iterations;
        var best = results[name];
        results[name] = (Math.Min(best.Trips, tripsPerRequest), Math.Min(best.Bytes, bytesPerRequest), Math.Min(best.Cpu, cpuPerRequest));
    }
}
foreach (var (name, _) in all)
{
    var (trips, bytes, cpuPerRequest) = results[name];
    cpu[name] = cpuPerRequest;
    Console.WriteLine($"{name,-36} {trips,28:0.##} {bytes / 1024,17:N1} KB {cpuPerRequest,11:0.000} ms");
}
if (only is not null) return;
Console.WriteLine();
Console.WriteLine("CPU per request against the bare SDK doing the same store calls (1.00 = no cost beyond the SDK's):");
Console.WriteLine($"  GET /receivables/{{id}}  / raw point read:           {cpu["GET /receivables/{id}"] / cpu["raw SDK: point read (stream)"]:0.00}x");
Console.WriteLine($"  PATCH /receivables/{{id}} / raw read + replace:       {cpu["PATCH /receivables/{id}"] / cpu["raw SDK: read + replace if-match"]:0.00}x");
Console.WriteLine($"  POST /receivables       / raw create:               {cpu["POST /receivables (10 lines)"] / cpu["raw SDK: create (10-line invoice)"]:0.00}x");
await app.DisposeAsync();

/// <summary>Sends one request through <see cref="ReceivablesApi"/> with a fresh HttpContext, as a host would.</summary>
internal sealed class Driver(ReceivablesApi api, IServiceProvider services)
{
    public string? Token { get; set; }
    public Guid? Entity { get; set; }

    public async Task<JsonObject> SendAsync(ApiRoute route, string method, string pathAndQuery, object? body = null, bool expectSuccess = true)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        http.Request.Method = method;
        http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        if (query >= 0) http.Request.QueryString = new QueryString(pathAndQuery[query..]);
        http.Request.Headers[ApiVersion.Header] = ApiVersion.Current;
        if (Token is not null) http.Request.Headers.Authorization = "Bearer " + Token;
        if (Entity is { } entity) http.Request.Headers[ReceivablesApi.EntityHeader] = entity.ToString();
        if (body is not null)
        {
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body);
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = bytes.Length;
            http.Request.Body = new MemoryStream(bytes);
        }
        var responseBody = new MemoryStream();
        http.Response.Body = responseBody;
        var result = await api.RunAsync(route, http);
        await result.ExecuteAsync(http);
        if (expectSuccess && result.Status >= 300)
            throw new InvalidOperationException($"{method} {pathAndQuery}: {result.Status} {Encoding.UTF8.GetString(responseBody.ToArray())}");
        LastBody = responseBody;
        // Measured runs leave the answer unparsed: parsing it is the client's cost, not the API's.
        return Measuring || responseBody.Length == 0 ? [] : JsonNode.Parse(responseBody.ToArray())!.AsObject();
    }

    /// <summary>While set, answers are not parsed (see <see cref="LastBody"/> and <see cref="LastId"/>).</summary>
    public bool Measuring { get; set; }

    public MemoryStream LastBody { get; private set; } = new();

    /// <summary>The last answer's top-level <c>id</c>, read without parsing the rest.</summary>
    public string LastId => ApiJson.TopLevelString(new System.Text.Json.Utf8JsonReader(LastBody.GetBuffer().AsSpan(0, (int)LastBody.Length)), "id"u8)!;
}

internal sealed class CountingHandler : RequestHandler
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The Cosmos test server as a child process, so that its work is not counted as the API's.</summary>
internal sealed class CosmosProcess : IDisposable
{
    private readonly Process process;

    private CosmosProcess(Process process, string endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static CosmosProcess Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CosmosTestServer).Assembly.Location);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the Cosmos test server");
        const string marker = "listening on ";
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return new CosmosProcess(process, line[(at + marker.Length)..].Trim());
        }
        throw new InvalidOperationException("the Cosmos test server exited before listening");
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
