using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// Every request does bounded work whatever its body: lists over their limit are one error and their items are not
/// looked at, an answer lists at most 100 problems, and the raw JSON is checked for what no body may hold (issue 10,
/// defects 1 and 9). Before: 350,000 empty line items answered 422 with a 133 MB body after 8.6 s.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class BoundedWorkTests(ApiHost api)
{
    private async Task<(HttpStatusCode Status, string Text)> PostRawAsync(string path, string json, Guid? entity, string contentType = "application/json")
    {
        using var response = await api.SendAsync(HttpMethod.Post, path, json, entity, configure: r =>
        {
            r.Content = new StringContent(json, Encoding.UTF8);
            r.Content.Headers.Remove("Content-Type");
            r.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonArray Detail(string text) => JsonNode.Parse(text)!["detail"]!.AsArray();

    [Fact]
    public async Task a_megabyte_of_empty_line_items_is_one_small_error()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var body = DocumentWorld.Node(w.Invoice());
        var json = body.ToJsonString().Replace("\"line_items\":[", "\"line_items\":[" + string.Join(",", Enumerable.Repeat("{}", 340_000)) + ",", StringComparison.Ordinal);
        Assert.True(json.Length < 1024 * 1024 && json.Length > 680_000);

        var (status, text) = await PostRawAsync("/v1/receivables", json, w.Entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(text.Length < 1024, $"{text.Length} characters");
        var issue = Assert.Single(Detail(text));
        Assert.Equal("[\"body\",\"line_items\"]", issue!["loc"]!.ToJsonString());
        Assert.Contains("at most 1000 items", issue["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_huge_unknown_key_is_not_echoed_whole()
    {
        // The bad-input benchmark's find: a body whose only key was 1 MiB long came back in loc, a 1 MiB answer.
        var key = new string('k', 900_000);
        var (status, text) = await PostRawAsync("/v1/auth/token", "{\"" + key + "\":1}", entity: null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(text.Length < 8 * 1024, $"{text.Length} characters");
        var echoed = Detail(text).Select(i => i!["loc"]!.AsArray().Last()!.GetValue<string>()).Single(l => l.StartsWith("kkk", StringComparison.Ordinal));
        Assert.Equal(new string('k', 200) + "…", echoed);
    }

    [Fact]
    public async Task a_body_over_the_limit_closes_the_connection_it_was_not_read_from()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var json = "{\"memo\":\"" + new string('m', 1_100_000) + "\"}";
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", json, w.Entity, configure: r =>
            r.Content = new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "413 without Connection: close");
    }

    [Fact]
    public async Task a_body_sent_to_a_route_that_takes_none_closes_the_connection()
    {
        // The bad-input benchmark's find: clone answered without reading a chunked body, and the client's next request on
        // that connection failed when Kestrel dropped it.
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Invoice(w.CatalogLine(1)));
        var json = "{\"memo\":\"" + new string('m', 500_000) + "\"}";
        using var response = await api.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/clone", json, w.Entity, configure: r =>
            r.Content = new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "a body left unread without Connection: close");

        // A body that is read keeps the connection.
        using var read = await api.SendAsync(HttpMethod.Patch, $"/v1/receivables/{id}", new { invoice = new { memo = "m" } }, w.Entity);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotEqual(true, read.Headers.ConnectionClose);
    }

    [Theory]
    [InlineData(HttpMethodKind.Post)]
    [InlineData(HttpMethodKind.Put)]
    public async Task over_500_lines_is_one_error_and_the_lines_are_not_validated(HttpMethodKind kind)
    {
        var w = await DocumentWorld.CreateAsync(api);
        var emptyLines = string.Join(",", Enumerable.Repeat("{}", 501));
        var (status, text) = kind == HttpMethodKind.Post
            ? await PostRawAsync("/v1/receivables", DocumentWorld.Node(w.Invoice()).ToJsonString().Replace("\"line_items\":[", "\"line_items\":[" + emptyLines + ",", StringComparison.Ordinal), w.Entity)
            : await PutLinesAsync(w, "{\"data\":[" + emptyLines + "]}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var issue = Assert.Single(Detail(text));
        Assert.Contains("at most 500 items", issue!["msg"]!.GetValue<string>());
    }

    public enum HttpMethodKind { Post, Put }

    private async Task<(HttpStatusCode, string)> PutLinesAsync(DocumentWorld w, string json)
    {
        var id = await w.CreateIdAsync(w.Invoice());
        using var response = await api.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items", json, w.Entity);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_answer_lists_at_most_100_problems_and_counts_the_rest()
    {
        var w = await DocumentWorld.CreateAsync(api);
        // 400 lines, each with a quantity out of range and no product: two problems per line.
        var badLines = string.Join(",", Enumerable.Repeat("{\"quantity\":-1}", 400));
        var json = DocumentWorld.Node(w.Invoice()).ToJsonString().Replace("\"line_items\":[", "\"line_items\":[" + badLines + ",", StringComparison.Ordinal);
        var (status, text) = await PostRawAsync("/v1/receivables", json, w.Entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Detail(text);
        Assert.Equal(101, detail.Count);
        var last = detail[^1]!;
        Assert.Equal("value_error.too_many_errors", last["type"]!.GetValue<string>());
        Assert.Matches(@"^and \d+ more errors not listed$", last["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_key_given_twice_is_refused_by_name_also_on_the_token_route()
    {
        var (status, text) = await PostRawAsync("/v1/auth/token",
            $"{{\"grant_type\":\"client_credentials\",\"client_id\":\"{ApiHost.ClientA}\",\"client_secret\":\"wrong\",\"client_secret\":\"{ApiHost.SecretA}\"}}", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var issue = Assert.Single(Detail(text));
        Assert.Equal("[\"body\",\"client_secret\"]", issue!["loc"]!.ToJsonString());
    }

    [Fact]
    public async Task a_media_type_that_only_starts_like_json_is_415()
    {
        var (status, _) = await PostRawAsync("/v1/auth/token", "{}", null, "application/jsonx");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        var (ok, _) = await PostRawAsync("/v1/auth/token", $"{{\"grant_type\":\"client_credentials\",\"client_id\":\"{ApiHost.ClientA}\",\"client_secret\":\"{ApiHost.SecretA}\"}}", null, "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, ok);
    }

    [Theory]
    [InlineData("Acme\u0000Inc")]
    [InlineData("Acme\u0085Inc")]
    [InlineData("Acme\u001bInc")]
    public async Task control_characters_in_a_name_are_refused(string name)
    {
        var entity = await api.CreateEntityAsync();
        var json = Bodies.Serialize(new
        {
            type = "organization",
            organization = new { legal_name = name, is_customer = true, is_vendor = false, address = new { country = "DE", city = "Berlin", postal_code = "10115", line1 = "x" } },
        });
        var (status, text) = await PostRawAsync("/v1/counterparts", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("[\"body\",\"organization\",\"legal_name\"]", Assert.Single(Detail(text))!["loc"]!.ToJsonString());
    }
}
