using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Receivables.Auth;
using Receivables.Host;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Auth;

/// <summary>
/// Issue 10, defect 7: <c>POST /auth/revoke</c> (spec 6.1) ends a token at once, on every instance; a token of a client
/// that is no longer configured is refused; a token not valid yet or without an expiry is refused saying so, not
/// "expired". Each test takes fresh tokens: revoking the collection's shared token would fail every other test.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class RevocationTests(ApiHost api)
{
    private const string UnprocessableQuery = "/v1/entities?limit=1&order=sideways";

    private static HttpRequestMessage Anonymous(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-monite-version", ApiHost.Version);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<string> FreshTokenAsync(HttpClient http, Guid client, string secret)
    {
        using var request = Anonymous(HttpMethod.Post, "/v1/auth/token", new { grant_type = "client_credentials", client_id = client, client_secret = secret });
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json.ReadAsync(response))["access_token"]!.GetValue<string>();
    }

    private Task<string> FreshTokenAsync(Guid? client = null) =>
        FreshTokenAsync(api.Http, client ?? ApiHost.ClientA, client == ApiHost.ClientB ? ApiHost.SecretB : ApiHost.SecretA);

    private static async Task<HttpResponseMessage> RevokeAsync(HttpClient http, object body)
    {
        using var request = Anonymous(HttpMethod.Post, "/v1/auth/revoke", body);
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> UseAsync(HttpClient http, string token, string path = "/v1/entities?limit=1")
    {
        using var request = Anonymous(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.StatusCode} {text}");
        Assert.Equal(message, Json.Error(JsonNode.Parse(text)!.AsObject()));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    /// <summary>A token signed with the host's key, with exactly the registered times given (none by default).</summary>
    private static string Forge(Guid client, Guid partner, DateTimeOffset? notBefore, DateTimeOffset? expires)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = client.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
            ["partner_id"] = partner.ToString(),
            ["token_use"] = "partner",
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer,
            Audience = TokenService.Audience,
            IssuedAt = DateTime.UtcNow,
            NotBefore = notBefore?.UtcDateTime,
            Expires = expires?.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiHost.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task a_revoked_token_is_401_at_once_and_other_tokens_of_the_client_still_work()
    {
        var token = await FreshTokenAsync();
        var other = await FreshTokenAsync();
        using (var before = await UseAsync(api.Http, token)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var revoked = await RevokeAsync(api.Http, new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA, token });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var body = await Json.ReadAsync(revoked);
        Assert.Equal(["message"], body.Select(p => p.Key));
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));

        using (var after = await UseAsync(api.Http, token)) await AssertUnauthorizedAsync(after, "The access token has been revoked");
        using (var sibling = await UseAsync(api.Http, other)) Assert.Equal(HttpStatusCode.OK, sibling.StatusCode);
        Assert.Equal(1, await StoredRevocationsAsync(token));
    }

    /// <summary>How many revocation records name this token (other tests' revocations share the partition).</summary>
    private async Task<long> StoredRevocationsAsync(string token)
    {
        var jti = new JsonWebToken(token).Id;
        var container = await api.StoreContainerAsync();
        var query = new Microsoft.Azure.Cosmos.QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.resource = @r AND c.jti = @jti")
            .WithParameter("@r", TokenRevocation.ResourceName).WithParameter("@jti", jti);
        using var iterator = container.GetItemQueryIterator<long>(query, requestOptions: new Microsoft.Azure.Cosmos.QueryRequestOptions { PartitionKey = new(TokenRevocation.Partition.ToString()) });
        long total = 0;
        while (iterator.HasMoreResults) total += (await iterator.ReadNextAsync()).Sum();
        return total;
    }

    [Fact]
    public async Task revoking_twice_is_200_both_times()
    {
        var token = await FreshTokenAsync();
        var body = new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA, token };
        using (var first = await RevokeAsync(api.Http, body)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await RevokeAsync(api.Http, body)) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var use = await UseAsync(api.Http, token);
        await AssertUnauthorizedAsync(use, "The access token has been revoked");
    }

    [Fact]
    public async Task a_wrong_secret_cannot_revoke_and_the_token_still_works()
    {
        var token = await FreshTokenAsync();
        using var refused = await RevokeAsync(api.Http, new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretB, token });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Invalid client credentials", Json.Error(await Json.ReadAsync(refused)));
        using var use = await UseAsync(api.Http, token);
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
    }

    [Fact]
    public async Task a_client_cannot_revoke_another_clients_token_and_the_token_still_works()
    {
        var tokenOfA = await FreshTokenAsync(ApiHost.ClientA);
        using var refused = await RevokeAsync(api.Http, new { client_id = ApiHost.ClientB, client_secret = ApiHost.SecretB, token = tokenOfA });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("The token was not issued to this client", Json.Error(await Json.ReadAsync(refused)));
        using var use = await UseAsync(api.Http, tokenOfA);
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
    }

    [Theory]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task a_token_that_is_not_one_of_ours_is_422_at_token(string token)
    {
        using var response = await RevokeAsync(api.Http, new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA, token });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body.token", Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
    }

    [Theory]
    [InlineData("""{"client_id":"aaaaaaaa-0000-4000-8000-000000000001","client_secret":"x"}""", "body.token")]
    [InlineData("""{"client_secret":"x","token":"t"}""", "body.client_id")]
    [InlineData("""{"client_id":"aaaaaaaa-0000-4000-8000-000000000001","token":"t"}""", "body.client_secret")]
    [InlineData("""{"client_id":"aaaaaaaa-0000-4000-8000-000000000001","client_secret":"x","token":"t","grant_type":"client_credentials"}""", "body.grant_type")]
    public async Task a_malformed_revoke_request_is_422(string json, string loc)
    {
        using var response = await RevokeAsync(api.Http, json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(loc, Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
    }

    [Fact]
    public async Task an_expired_token_can_be_revoked_and_nothing_is_stored_for_it()
    {
        var past = new ManualClock(DateTimeOffset.UtcNow.AddHours(-2));
        var expired = new TokenService(new AuthOptions { SigningKey = ApiHost.SigningKey, TokenLifetimeSeconds = 3600 }, past)
            .Issue(new ApiPrincipal(ApiHost.ClientA, ApiHost.PartnerA, null, null));
        using var response = await RevokeAsync(api.Http, new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA, token = expired });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await StoredRevocationsAsync(expired));
    }

    [Fact]
    public async Task a_token_not_valid_yet_is_401_saying_so()
    {
        var token = Forge(ApiHost.ClientA, ApiHost.PartnerA, DateTimeOffset.UtcNow.AddMinutes(10), DateTimeOffset.UtcNow.AddHours(1));
        using var response = await UseAsync(api.Http, token);
        await AssertUnauthorizedAsync(response, "The access token is not valid yet");
    }

    [Fact]
    public async Task a_token_without_an_expiry_is_401_saying_so()
    {
        var token = Forge(ApiHost.ClientA, ApiHost.PartnerA, DateTimeOffset.UtcNow.AddMinutes(-1), expires: null);
        using var response = await UseAsync(api.Http, token);
        await AssertUnauthorizedAsync(response, "The access token has no expiry time");
    }

    [Fact]
    public async Task a_forged_token_with_valid_times_is_accepted_so_the_two_above_fail_for_their_times()
    {
        // The forger itself is right: the same token with ordinary times works, so the refusals above are the times'.
        var token = Forge(ApiHost.ClientA, ApiHost.PartnerA, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        using var response = await UseAsync(api.Http, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_token_of_a_client_that_is_no_longer_configured_is_401()
    {
        // Signed with the host's key for a client it does not (any more) have: what a removed client's tokens are.
        var removed = Guid.Parse("cccccccc-0000-4000-8000-000000000001");
        var token = new TokenService(new AuthOptions { SigningKey = ApiHost.SigningKey }, TimeProvider.System)
            .Issue(new ApiPrincipal(removed, ApiHost.PartnerA, null, null));
        using var response = await UseAsync(api.Http, token);
        await AssertUnauthorizedAsync(response, "The access token's client is no longer configured");
    }

    [Fact]
    public async Task a_token_of_a_client_now_configured_for_another_partner_is_401()
    {
        var token = new TokenService(new AuthOptions { SigningKey = ApiHost.SigningKey }, TimeProvider.System)
            .Issue(new ApiPrincipal(ApiHost.ClientA, ApiHost.PartnerB, null, null));
        using var response = await UseAsync(api.Http, token);
        await AssertUnauthorizedAsync(response, "The access token's client is no longer configured");
    }

    /// <summary>
    /// A second instance on the same store, with a clock of its own: it keeps the revocations in memory and reloads them
    /// once per <c>Auth:RevocationRefreshSeconds</c>, so it honours a revocation made elsewhere within that interval, at
    /// one query per interval and none per request.
    /// </summary>
    [Fact]
    public async Task another_instance_honours_a_revocation_within_its_refresh_interval_at_one_query_per_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new RequestCounter();
        var target = await Receivables.Testing.Cosmos.CosmosTestEndpoint.GetAsync();
        await using var second = KestrelHost.Build([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Cosmos:Endpoint"] = target.Endpoint.ToString(),
            ["Cosmos:Key"] = target.Key,
            ["Cosmos:Database"] = api.DatabaseName,
            ["Auth:SigningKey"] = ApiHost.SigningKey,
            ["Auth:RevocationRefreshSeconds"] = "10",
            ["Auth:Clients:0:ClientId"] = ApiHost.ClientA.ToString(),
            ["Auth:Clients:0:PartnerId"] = ApiHost.PartnerA.ToString(),
            ["Auth:Clients:0:SecretHash"] = ClientSecretHash.Compute(ApiHost.SecretA),
        }, o => o.CustomHandlers.Add(counter), services =>
        {
            services.Remove(services.Single(d => d.ImplementationType == typeof(SweepService)));
            services.AddSingleton<TimeProvider>(clock);
        });
        await second.StartAsync();
        // Open the container first, as ApiHost does, so that only what a request asks of the store is counted below.
        await second.Services.GetRequiredService<Receivables.Store.DocumentStore>().ContainerAsync();
        using var http = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };

        async Task<(HttpStatusCode Status, long Queries)> UseOnSecondAsync(string token)
        {
            var before = counter.Count;
            using var response = await UseAsync(http, token, UnprocessableQuery);
            return (response.StatusCode, counter.Count - before);
        }

        var token = await FreshTokenAsync();
        // The first request of an instance loads the revocations: one query. The next costs none.
        Assert.Equal((HttpStatusCode.UnprocessableEntity, 1L), await UseOnSecondAsync(token));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, 0L), await UseOnSecondAsync(token));

        using (var revoked = await RevokeAsync(api.Http, new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA, token })) Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using (var onFirst = await UseAsync(api.Http, token)) await AssertUnauthorizedAsync(onFirst, "The access token has been revoked");

        // Within the interval the second instance has not seen it yet: that is the documented staleness bound.
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, 0L), await UseOnSecondAsync(token));

        // Once the interval has passed, its next request reloads (one query) and refuses the token.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((HttpStatusCode.Unauthorized, 1L), await UseOnSecondAsync(token));
        Assert.Equal((HttpStatusCode.Unauthorized, 0L), await UseOnSecondAsync(token));
        using (var message = await UseAsync(http, token)) await AssertUnauthorizedAsync(message, "The access token has been revoked");

        // A revocation made on the second instance itself holds there at once.
        var another = await FreshTokenAsync(http, ApiHost.ClientA, ApiHost.SecretA);
        using (var revokedThere = await RevokeAsync(http, new { client_id = ApiHost.ClientA, client_secret = ApiHost.SecretA, token = another })) Assert.Equal(HttpStatusCode.OK, revokedThere.StatusCode);
        using (var there = await UseAsync(http, another)) await AssertUnauthorizedAsync(there, "The access token has been revoked");
    }
}
