using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Listing;

/// <summary>
/// <c>GET /v1/receivables</c> and <c>POST /v1/receivables/search</c> over HTTP: one page, the ids of a page, and
/// walks through every page forward (next tokens) and back (prev tokens).
/// </summary>
public static class ListingApi
{
    /// <summary>A query string from parameters; an array value repeats the parameter (<c>status__in=a&amp;status__in=b</c>).</summary>
    public static string Query(IEnumerable<(string Key, object Value)> parameters) =>
        string.Join('&', parameters.SelectMany(p => p.Value is Array values
            ? values.Cast<object>().Select(v => $"{p.Key}={Uri.EscapeDataString(Text(v))}")
            : [$"{p.Key}={Uri.EscapeDataString(Text(p.Value))}"]));

    /// <summary>The search body of the same parameters: arrays as JSON arrays, numbers as numbers.</summary>
    public static JsonObject Body(IEnumerable<(string Key, object Value)> parameters)
    {
        var body = new JsonObject();
        foreach (var (key, value) in parameters)
            body[key] = value is Array values ? new JsonArray(values.Cast<object>().Select(Node).ToArray()) : Node(value);
        return body;
    }

    private static JsonNode? Node(object value) => value switch
    {
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        _ => JsonValue.Create(Text(value)),
    };

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    public static async Task<(HttpStatusCode Status, JsonObject Body)> GetListAsync(this ApiHost api, Guid entity, string query)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/receivables" + (query.Length > 0 ? "?" + query : ""), entityId: entity);
        return (response.StatusCode, await Json.ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SearchAsync(this ApiHost api, Guid entity, object body)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables/search", body, entity);
        return (response.StatusCode, await Json.ReadAsync(response));
    }

    /// <summary>A page that must answer 200.</summary>
    public static async Task<JsonObject> PageAsync(this ApiHost api, Guid entity, string query)
    {
        var (status, body) = await api.GetListAsync(entity, query);
        Assert.True(status == HttpStatusCode.OK, $"GET /v1/receivables?{query}: {status} {body.ToJsonString()}");
        return body;
    }

    public static async Task<JsonObject> SearchPageAsync(this ApiHost api, Guid entity, object body)
    {
        var (status, answer) = await api.SearchAsync(entity, body);
        Assert.True(status == HttpStatusCode.OK, $"search {Bodies.Serialize(body)}: {status} {answer.ToJsonString()}");
        return answer;
    }

    public static List<string> Ids(this JsonObject page) => page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ToList();

    public static string? Next(this JsonObject page) => page["next_pagination_token"]?.GetValue<string>();

    public static string? Prev(this JsonObject page) => page["prev_pagination_token"]?.GetValue<string>();

    public static string Token(string token) => "pagination_token=" + Uri.EscapeDataString(token);

    /// <summary>Every page of a GET query, following next tokens (with <paramref name="limit"/> resent each time); the last page too.</summary>
    public static async Task<(List<List<string>> Pages, JsonObject Last)> WalkAsync(this ApiHost api, Guid entity, string query, int limit, int maxPages = 10_000)
    {
        var pages = new List<List<string>>();
        var page = await api.PageAsync(entity, Join(query, $"limit={limit}"));
        Assert.Null(page.Prev());
        while (true)
        {
            pages.Add(page.Ids());
            Assert.True(pages.Count <= maxPages, $"more than {maxPages} pages: a loop?");
            if (page.Next() is not { } next) return (pages, page);
            Assert.True(page.Ids().Count == limit, $"a page before the last is short: {page.Ids().Count} of {limit}");
            page = await api.PageAsync(entity, $"{Token(next)}&limit={limit}");
        }
    }

    /// <summary>From <paramref name="last"/>, every page before it following prev tokens; returned first page first (without <paramref name="last"/>).</summary>
    public static async Task<List<List<string>>> WalkBackAsync(this ApiHost api, Guid entity, JsonObject last, int limit, int maxPages = 10_000)
    {
        var pages = new List<List<string>>();
        var page = last;
        while (page.Prev() is { } prev)
        {
            page = await api.PageAsync(entity, $"{Token(prev)}&limit={limit}");
            pages.Add(page.Ids());
            Assert.True(pages.Count <= maxPages, $"more than {maxPages} pages: a loop?");
        }
        pages.Reverse();
        return pages;
    }

    /// <summary>Every page of a search, following next tokens in the body.</summary>
    public static async Task<List<List<string>>> SearchWalkAsync(this ApiHost api, Guid entity, JsonObject body, int limit)
    {
        var pages = new List<List<string>>();
        var first = (JsonObject)body.DeepClone();
        first["limit"] = limit;
        var page = await api.SearchPageAsync(entity, first);
        Assert.Null(page.Prev());
        while (true)
        {
            pages.Add(page.Ids());
            Assert.True(pages.Count <= 10_000, "a loop?");
            if (page.Next() is not { } next) return pages;
            page = await api.SearchPageAsync(entity, new JsonObject { ["pagination_token"] = next, ["limit"] = limit });
        }
    }

    public static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "&" + b;

    /// <summary>A 422 whose detail names <paramref name="loc"/> (dotted), with msg and type on every item.</summary>
    public static void Invalid(HttpStatusCode status, JsonObject body, string loc, string what)
    {
        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{what}: expected 422 at {loc}, got {status} {body.ToJsonString()}");
        var detail = Json.Detail(body);
        Assert.True(detail.Any(d => Json.Loc(d!) == loc), $"{what}: expected loc {loc}, got {body.ToJsonString()}");
        Assert.All(detail, d => Assert.False(string.IsNullOrEmpty(d!["msg"]?.GetValue<string>()) || string.IsNullOrEmpty(d["type"]?.GetValue<string>())));
    }
}
