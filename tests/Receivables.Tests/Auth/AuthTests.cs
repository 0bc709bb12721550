using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Receivables.Auth;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Auth;

/// <summary>Spec 6.1 over HTTP: client_credentials tokens, and every way a bearer token can be wrong.</summary>
[Collection(ApiTests.Name)]
public sealed class AuthTests(ApiHost api)
{
    private async Task<HttpResponseMessage> PostTokenAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-monite-version", ApiHost.Version);
        return await api.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetEntitiesAsync(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities");
        request.Headers.Add("x-monite-version", ApiHost.Version);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await api.Http.SendAsync(request);
    }

    [Fact]
    public async Task client_credentials_give_a_bearer_token_with_its_lifetime()
    {
        using var response = await PostTokenAsync($$"""{"grant_type":"client_credentials","client_id":"{{ApiHost.ClientA}}","client_secret":"{{ApiHost.SecretA}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());

        using var use = await GetEntitiesAsync("Bearer " + body["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
    }

    [Fact]
    public async Task a_wrong_secret_is_401()
    {
        using var response = await PostTokenAsync($$"""{"grant_type":"client_credentials","client_id":"{{ApiHost.ClientA}}","client_secret":"{{ApiHost.SecretB}}"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid client credentials", Json.Error(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task an_unknown_client_is_401_with_the_same_message()
    {
        using var response = await PostTokenAsync($$"""{"grant_type":"client_credentials","client_id":"{{Guid.NewGuid()}}","client_secret":"{{ApiHost.SecretA}}"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid client credentials", Json.Error(await Json.ReadAsync(response)));
    }

    [Theory]
    [InlineData("""{"grant_type":"client_credentials","client_secret":"x"}""", "body.client_id")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"not-a-uuid","client_secret":"x"}""", "body.client_id")]
    [InlineData("""{"grant_type":"password","client_id":"aaaaaaaa-0000-4000-8000-000000000001","client_secret":"x"}""", "body.grant_type")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"aaaaaaaa-0000-4000-8000-000000000001","client_secret":"x","scope":"all"}""", "body.scope")]
    public async Task a_malformed_token_request_is_422(string json, string loc)
    {
        using var response = await PostTokenAsync(json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(loc, Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
    }

    [Fact]
    public async Task the_entity_user_grant_needs_the_user()
    {
        using var response = await PostTokenAsync($$"""{"grant_type":"entity_user","client_id":"{{ApiHost.ClientA}}","client_secret":"{{ApiHost.SecretA}}"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body.entity_user_id", Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
    }

    [Theory]
    [InlineData(null, "Missing Authorization")]
    [InlineData("", "Missing Authorization")]
    [InlineData("Basic dXNlcjpwYXNz", "Bearer <access_token>")]
    [InlineData("Bearer ", "Bearer <access_token>")]
    [InlineData("Bearer not.a.jwt", "invalid")]
    public async Task a_missing_or_malformed_token_is_401(string? authorization, string expected)
    {
        using var response = await GetEntitiesAsync(authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(expected, Json.Error(await Json.ReadAsync(response)), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task a_token_signed_with_another_key_is_401()
    {
        var forger = new TokenService(new AuthOptions { SigningKey = "someone-elses-key-which-is-long-enough-0123" }, TimeProvider.System);
        var forged = forger.Issue(new ApiPrincipal(ApiHost.ClientA, ApiHost.PartnerA, null, null));
        using var response = await GetEntitiesAsync("Bearer " + forged);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The access token is invalid", Json.Error(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task an_expired_token_is_401_saying_so()
    {
        var past = new ManualClock(DateTimeOffset.UtcNow.AddHours(-2));
        var issuer = new TokenService(new AuthOptions { SigningKey = ApiHost.SigningKey, TokenLifetimeSeconds = 3600 }, past);
        var expired = issuer.Issue(new ApiPrincipal(ApiHost.ClientA, ApiHost.PartnerA, null, null));
        using var response = await GetEntitiesAsync("Bearer " + expired);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The access token has expired", Json.Error(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task a_token_whose_claims_were_edited_is_401()
    {
        var token = await api.TokenAsync();
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace(ApiHost.PartnerA.ToString(), ApiHost.PartnerB.ToString(), StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        using var response = await GetEntitiesAsync("Bearer " + tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task an_unsigned_token_is_401()
    {
        var unsigned = new JsonWebTokenHandler().CreateToken(
            $$"""{"sub":"{{ApiHost.ClientA}}","partner_id":"{{ApiHost.PartnerA}}","iss":"{{TokenService.Issuer}}","aud":"{{TokenService.Audience}}","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""");
        using var response = await GetEntitiesAsync("Bearer " + unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task a_partner_token_cannot_reach_another_partners_entity()
    {
        var seller = await api.CreateSellerAsync(ApiHost.ClientB, "Other Partner's Ltd");
        var entityOfB = seller.Entity;

        using var get = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entityOfB}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var receivable = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entityOfB);
        Assert.Equal(HttpStatusCode.NotFound, receivable.StatusCode);
        using var settings = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entityOfB}/settings", new { receivable_edit_flow = "non_compliant" });
        Assert.Equal(HttpStatusCode.NotFound, settings.StatusCode);

        using var own = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entityOfB}", clientId: ApiHost.ClientB);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private static byte[] Base64UrlDecode(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));

    private static string Base64UrlEncode(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
