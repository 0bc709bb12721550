using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Receivables.Api;
using Receivables.Hosting;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.PaymentLinks;

namespace Receivables.Tests.Hosting;

/// <summary>A host that lets pages of two origins call it (<c>Cors:AllowedOrigins</c>), the first as a Vite dev server would serve Monite's UI.</summary>
public sealed class CrossOriginHost() : ApiHost(new Dictionary<string, string?> { [ReceivablesSettings.CorsAllowedOrigins] = $"{CrossOriginTests.Allowed}, https://UI.example.com" });

/// <summary>
/// CORS in the Kestrel host (issue 12 part 4), over HTTP as a browser would ask: a preflight from an allowed origin is
/// answered 204 with what Monite's drop-in UI sends; every answer to that origin, errors included, names it and exposes
/// the ETag and the request id; any other origin gets no CORS headers at all, and neither does anyone when no origin is set.
/// </summary>
public sealed class CrossOriginTests(CrossOriginHost api) : IClassFixture<CrossOriginHost>
{
    public const string Allowed = "http://127.0.0.1:5173";
    private const string Other = "http://127.0.0.1:5174";

    /// <summary>What @monite/sdk-react 3.22.0 sends on an entity-scoped write, plus the conditional and idempotent writes' headers.</summary>
    private const string RequestedHeaders = "authorization,content-type,if-match,idempotency-key,x-monite-entity-id,x-monite-sdk-version,x-monite-version";

    internal static HttpRequestMessage Preflight(string path, string origin, string method = "PATCH")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", RequestedHeaders);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private static IEnumerable<string> List(HttpResponseMessage response, string name) =>
        (Header(response, name) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => h.ToLowerInvariant());

    internal static void AssertNoCors(HttpResponseMessage response)
    {
        var cors = response.Headers.Select(h => h.Key).Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(cors.Count == 0, $"unexpected CORS headers: {string.Join(", ", cors)}");
    }

    /// <summary>What a page of <see cref="Allowed"/> needs on any answer to read it: its origin, the exposed headers, and Vary: Origin for caches.</summary>
    private static void AssertReadableByAllowed(HttpResponseMessage response)
    {
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        var exposed = List(response, "Access-Control-Expose-Headers").ToList();
        foreach (var header in new[] { "etag", "x-request-id", "retry-after", "x-monite-version", "x-monite-entity-id", "idempotent-replayed" })
            Assert.Contains(header, exposed);
        Assert.Contains("origin", List(response, "Vary"));
    }

    [Fact]
    public async Task a_preflight_from_an_allowed_origin_is_204_with_the_methods_and_headers_the_ui_sends()
    {
        using var response = await api.Http.SendAsync(Preflight($"/v1/receivables/{Guid.NewGuid()}", Allowed));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("origin", List(response, "Vary"));
        var methods = List(response, "Access-Control-Allow-Methods").ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "post", "patch", "delete", "put" }, methods);
        Assert.Superset(RequestedHeaders.Split(',').ToHashSet(), List(response, "Access-Control-Allow-Headers").ToHashSet());
        Assert.Equal("7200", Header(response, "Access-Control-Max-Age"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        // The origin is matched however the setting spelled it: the second was configured in upper case.
        using var second = await api.Http.SendAsync(Preflight("/v1/entities", "https://ui.example.com", "POST"));
        Assert.Equal("https://ui.example.com", Header(second, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task a_preflight_from_another_origin_gets_no_cors_headers()
    {
        foreach (var origin in new[] { Other, "https://127.0.0.1:5173", "http://127.0.0.1:5173.evil.example", "null" })
        {
            using var response = await api.Http.SendAsync(Preflight("/v1/receivables", origin, "POST"));
            AssertNoCors(response);
        }
    }

    [Fact]
    public async Task a_preflight_for_a_path_the_api_does_not_serve_is_the_404_without_cors_headers()
    {
        foreach (var path in new[] { "/v1/no_such_thing", "/entities", "/v2/entities" })
        {
            using var response = await api.Http.SendAsync(Preflight(path, Allowed, "GET"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            AssertNoCors(response);
        }
    }

    [Fact]
    public async Task an_answer_to_an_allowed_origin_names_it_and_exposes_the_etag()
    {
        using var created = await api.SendAsync(HttpMethod.Post, "/v1/entities", Bodies.Organization("Browser GmbH"), configure: r => r.Headers.Add("Origin", Allowed));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        AssertReadableByAllowed(created);
        Assert.DoesNotContain("Access-Control-Allow-Methods", created.Headers.Select(h => h.Key));
    }

    [Fact]
    public async Task errors_carry_the_cors_headers_so_the_page_can_read_them()
    {
        // 401: no token.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities"))
        {
            request.Headers.Add("Origin", Allowed);
            request.Headers.Add("x-monite-version", ApiHost.Version);
            using var unauthorized = await api.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
            AssertReadableByAllowed(unauthorized);
            Assert.Contains("www-authenticate", List(unauthorized, "Access-Control-Expose-Headers"));
        }
        // 404 of a route, 422 of a bad body, and the host's own 404 for a path no route serves.
        using (var missing = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{Guid.NewGuid()}", configure: r => r.Headers.Add("Origin", Allowed)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            AssertReadableByAllowed(missing);
        }
        using (var invalid = await api.SendAsync(HttpMethod.Post, "/v1/entities", new { type = "organization" }, configure: r => r.Headers.Add("Origin", Allowed)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
            AssertReadableByAllowed(invalid);
        }
        using (var fallback = await api.SendAsync(HttpMethod.Get, "/v1/no_such_thing", configure: r => r.Headers.Add("Origin", Allowed)))
        {
            Assert.Equal(HttpStatusCode.NotFound, fallback.StatusCode);
            AssertReadableByAllowed(fallback);
        }
    }

    [Fact]
    public async Task an_answer_to_another_origin_has_no_cors_headers()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/entities", configure: r => r.Headers.Add("Origin", Other));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoCors(response);
    }

    [ChromiumFact]
    public async Task a_page_of_an_allowed_origin_reads_answers_etags_and_errors_in_a_real_browser_and_another_page_reads_nothing()
    {
        var report = await BrowserScript.RunAsync("cross-origin.mjs", new System.Text.Json.Nodes.JsonObject
        {
            ["api"] = api.Http.BaseAddress!.ToString().TrimEnd('/'),
            ["token"] = await api.TokenAsync(),
            ["version"] = ApiHost.Version,
            ["origins"] = new System.Text.Json.Nodes.JsonArray(Allowed, Other),
        }, TimeSpan.FromMinutes(2));

        // Chromium sent the preflights and let the page read the answers: the created entity, its ETag and request id, the 401's body.
        var allowed = report[Allowed]!;
        Assert.True(allowed["created"]?["status"]?.GetValue<int>() == 201, allowed.ToJsonString());
        Assert.StartsWith("\"", allowed["created"]!["etag"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, allowed["read"]!["status"]!.GetValue<int>());
        Assert.Equal(allowed["created"]!["etag"]!.GetValue<string>(), allowed["read"]!["etag"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", allowed["read"]!["requestId"]!.GetValue<string>());
        Assert.Equal(401, allowed["unauthorized"]!["status"]!.GetValue<int>());
        Assert.NotEmpty(allowed["unauthorized"]!["body"]!["error"]!["message"]!.GetValue<string>());

        // The other origin's page gets a network error for each call: the browser blocked it.
        var other = report[Other]!;
        Assert.True(other["created"]!["error"] is not null, other.ToJsonString());
        Assert.Null(other["read"]);
        Assert.NotNull(other["unauthorized"]!["error"]);
        Assert.Contains(other["consoleErrors"]!.AsArray(), e => e!.GetValue<string>().Contains("No 'Access-Control-Allow-Origin' header", StringComparison.Ordinal));
    }

    // ---- The setting.

    private static CrossOrigin Read(string? value) =>
        ReceivablesSettings.ReadCors(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReceivablesSettings.CorsAllowedOrigins] = value }).Build());

    [Fact]
    public void the_setting_takes_exact_origins_and_refuses_anything_a_browser_would_never_send()
    {
        Assert.False(Read(null).Enabled);
        Assert.False(Read("").Enabled);
        Assert.False(Read(" , ").Enabled);
        Assert.Equal(["http://127.0.0.1:5173", "https://app.example.com", "http://localhost:3000"],
            Read(" http://127.0.0.1:5173,HTTPS://App.Example.com , http://localhost:3000,https://app.example.com").AllowedOrigins);
        foreach (var bad in new[] { "*", "*,https://app.example.com", "https://*.example.com", "https://app.example.com/", "https://app.example.com/ui",
                     "https://app.example.com:443", "app.example.com", "ftp://app.example.com", "https://user@app.example.com", "https://app.example.com?x=1" })
        {
            var e = Assert.Throws<InvalidOperationException>(() => Read(bad));
            Assert.Contains("Cors__AllowedOrigins", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void the_functions_worker_exposes_the_headers_to_allowed_origins_only()
    {
        var cors = Read($"{Allowed}");
        var allowed = new DefaultHttpContext();
        allowed.Request.Headers.Origin = Allowed;
        cors.ExposeHeaders(allowed);
        Assert.Contains("etag", allowed.Response.Headers.AccessControlExposeHeaders.ToString(), StringComparison.Ordinal);
        // Allowing the origin is the platform's: the worker adds nothing else.
        Assert.Equal(["Access-Control-Expose-Headers"], allowed.Response.Headers.Keys);
        foreach (var origin in new[] { Other, "" })
        {
            var other = new DefaultHttpContext();
            if (origin.Length > 0) other.Request.Headers.Origin = origin;
            cors.ExposeHeaders(other);
            Assert.Empty(other.Response.Headers);
        }
    }
}

/// <summary>With no <c>Cors:AllowedOrigins</c> (the default, as in the sample settings) the host adds no CORS header to anything.</summary>
[Collection(ApiTests.Name)]
public sealed class NoCrossOriginTests(ApiHost api)
{
    [Fact]
    public async Task no_origin_configured_no_cors_headers()
    {
        using (var preflight = await api.Http.SendAsync(CrossOriginTests.Preflight("/v1/entities", CrossOriginTests.Allowed, "GET")))
        {
            Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
            CrossOriginTests.AssertNoCors(preflight);
        }
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/entities", configure: r => r.Headers.Add("Origin", CrossOriginTests.Allowed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CrossOriginTests.AssertNoCors(response);
        Assert.DoesNotContain("Origin", response.Headers.Vary);
    }
}
