using Receivables.Hosting;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Moq;
using Receivables.Api;
using Receivables.Auth;
using Receivables.Entities;
using Receivables.Store;

namespace Receivables.Tests.Conventions;

/// <summary>
/// The pipeline's handling of failures no real route can be made to produce on demand: an endpoint that throws,
/// and Cosmos DB throttling. The logger is the seam (Moq), everything else is the real pipeline.
/// </summary>
public sealed class PipelineTests
{
    private readonly Mock<ILogger<ReceivablesApi>> log = new();
    private readonly ReceivablesApi api;

    public PipelineTests()
    {
        log.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var auth = new AuthOptions { SigningKey = new string('k', 40), Clients = [] };
        // Never contacted: the routes below are anonymous, so no entity is looked up.
        using var client = new CosmosClient("https://127.0.0.1:1/", CosmosConnection.EmulatorKey);
        var store = new DocumentStore(client, "unused", false);
        var limits = new ApiLimits(TimeSpan.FromSeconds(20));
        api = new ReceivablesApi(new TokenService(auth, TimeProvider.System), new TokenRevocations(store, auth, limits, TimeProvider.System), new EntityDirectory(store),
            new Receivables.EntityUsers.RoleCheck(store), new Idempotency(store, TimeProvider.System, new ApiLimits(TimeSpan.FromSeconds(20)), Mock.Of<ILogger<Idempotency>>()),
            new ApiLimits(TimeSpan.FromSeconds(20)), new CrossOrigin([]), log.Object);
    }

    private static async Task<(int Status, JsonObject Body, IHeaderDictionary Headers)> RunAsync(ReceivablesApi api, ApiHandler handler)
    {
        var route = new ApiRoute("Test", "GET", "test", RouteAccess.Anonymous, handler);
        var http = new DefaultHttpContext();
        http.Request.Path = "/v1/test";
        http.Request.Headers["x-monite-version"] = ApiVersion.Current;
        http.Response.Body = new MemoryStream();
        var result = await api.RunAsync(route, http);
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, JsonNode.Parse(http.Response.Body)!.AsObject(), http.Response.Headers);
    }

    [Fact]
    public async Task an_unexpected_exception_is_500_with_the_request_id_and_is_logged_without_leaking_details()
    {
        var (status, body, headers) = await RunAsync(api, _ => throw new InvalidOperationException("secret connection string leaked"));

        Assert.Equal(500, status);
        var message = body["error"]!["message"]!.GetValue<string>();
        var requestId = headers["x-request-id"].ToString();
        Assert.Contains(requestId, message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
        log.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.Is<It.IsAnyType>((v, _) => v != null && v.ToString()!.Contains(requestId)),
            It.Is<Exception>(e => e.Message == "secret connection string leaked"), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Fact]
    public async Task cosmos_throttling_is_429_with_retry_after()
    {
        var (status, body, headers) = await RunAsync(api, _ => throw new CosmosException("throttled", HttpStatusCode.TooManyRequests, 3200, "activity", 1.0));

        Assert.Equal(429, status);
        Assert.Equal("1", headers.RetryAfter.ToString());
        Assert.NotEmpty(body["error"]!["message"]!.GetValue<string>());
    }

    public static TheoryData<string, int, string> StoreFaults => new()
    {
        // exception (by name, built below), status answered, Retry-After
        { "cosmos 503", 503, "2" },
        { "cosmos 408", 503, "2" },
        { "cosmos 410", 503, "2" },
        { "cosmos 449", 503, "2" },
        { "batch 429 after 1.5 s", 429, "2" },
        { "batch 503 after 3 s", 503, "3" },
        { "batch 408", 503, "2" },
        { "connection refused", 503, "2" },
        { "sdk timeout", 503, "2" },
        { "task cancelled", 503, "2" },
    };

    private static Exception StoreFault(string name) => name switch
    {
        "cosmos 503" => new CosmosException("unavailable", HttpStatusCode.ServiceUnavailable, 0, "activity", 1.0),
        "cosmos 408" => new CosmosException("timeout", HttpStatusCode.RequestTimeout, 0, "activity", 1.0),
        "cosmos 410" => new CosmosException("gone", HttpStatusCode.Gone, 0, "activity", 1.0),
        "cosmos 449" => new CosmosException("retry with", (HttpStatusCode)449, 0, "activity", 1.0),
        "batch 429 after 1.5 s" => new StoreUnavailableException(HttpStatusCode.TooManyRequests, TimeSpan.FromMilliseconds(1500), "batch failed: 429"),
        "batch 503 after 3 s" => new StoreUnavailableException(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(3), "batch failed: 503"),
        "batch 408" => new StoreUnavailableException(HttpStatusCode.RequestTimeout, null, "batch failed: 408"),
        "connection refused" => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:8081)"),
        "sdk timeout" => new CosmosOperationCanceledException(new OperationCanceledException(), Mock.Of<CosmosDiagnostics>()),
        "task cancelled" => new TaskCanceledException(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(StoreFaults))]
    public async Task a_store_that_is_down_slow_or_throttling_is_503_or_429_with_retry_after_and_a_warning_not_an_error(string fault, int expectedStatus, string expectedRetryAfter)
    {
        var (status, body, headers) = await RunAsync(api, _ => throw StoreFault(fault));

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedRetryAfter, headers.RetryAfter.ToString());
        Assert.Equal(new[] { "error" }, body.Select(p => p.Key).ToArray());
        Assert.NotEmpty(body["error"]!["message"]!.GetValue<string>());
        // An outage must not bury real errors in the log: one warning per request, never an error.
        log.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
        log.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Never);
    }

    [Fact]
    public async Task a_cancellation_because_the_client_went_away_is_499_not_503()
    {
        var route = new ApiRoute("Test", "GET", "test", RouteAccess.Anonymous, _ => throw new TaskCanceledException());
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };
        http.Request.Path = "/v1/test";
        http.Request.Headers["x-monite-version"] = ApiVersion.Current;

        var result = await api.RunAsync(route, http);

        Assert.Equal(499, result.Status);
        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task a_lost_race_after_all_retries_is_409()
    {
        var (status, body, _) = await RunAsync(api, _ => throw new ConcurrencyConflictException("receivable x was changed"));
        Assert.Equal(409, status);
        Assert.Equal("receivable x was changed", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_400_keeps_its_type_and_a_401_asks_for_a_bearer_token()
    {
        var (status, body, _) = await RunAsync(api, _ => throw ApiException.BadRequest("bad", "some_type"));
        Assert.Equal(400, status);
        Assert.Equal("some_type", body["error"]!["type"]!.GetValue<string>());

        var (unauthorized, _, headers) = await RunAsync(api, _ => throw ApiException.Unauthorized("no"));
        Assert.Equal(401, unauthorized);
        Assert.Equal("Bearer", headers.WWWAuthenticate.ToString());
    }
}
