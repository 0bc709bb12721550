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
        api = new ReceivablesApi(new TokenService(auth, TimeProvider.System), new EntityDirectory(store),
            new Idempotency(store, TimeProvider.System, Mock.Of<ILogger<Idempotency>>()), log.Object);
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
