using System.Net;
using System.Text.Json.Nodes;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// Walks a paged list of the API by its tokens: forward by <c>next_pagination_token</c> from the first page, then
/// back by <c>prev_pagination_token</c> from the last one. Only the last page may be short, so both walks must serve
/// exactly the same pages.
/// </summary>
public static class ListWalk
{
    /// <summary>
    /// The ids of every page of <paramref name="path"/> (the first request: its filters, sort and <c>limit</c>),
    /// after asserting that the walk back serves the same pages. Later requests send only <c>limit</c> and the token.
    /// </summary>
    public static async Task<List<string[]>> ForwardAndBackAsync(ApiHost api, string path, int limit, Guid? entityId = null, Guid? clientId = null)
    {
        var route = path.Split('?')[0];
        Task<JsonObject> FollowAsync(JsonNode token) =>
            PageAsync(api, $"{route}?limit={limit}&pagination_token={Uri.EscapeDataString(token.GetValue<string>())}", entityId, clientId);

        var page = await PageAsync(api, path, entityId, clientId);
        Assert.Null(page["prev_pagination_token"]);
        var forward = new List<string[]> { Ids(page) };
        while (page["next_pagination_token"] is { } next)
        {
            Assert.True(forward.Count < 100, "the walk forward does not end");
            page = await FollowAsync(next);
            Assert.NotNull(page["prev_pagination_token"]);
            forward.Add(Ids(page));
        }

        var backward = new List<string[]> { Ids(page) };
        while (page["prev_pagination_token"] is { } prev)
        {
            Assert.True(backward.Count < 100, "the walk back does not end");
            page = await FollowAsync(prev);
            backward.Insert(0, Ids(page));
        }

        Assert.All(forward.SkipLast(1), p => Assert.Equal(limit, p.Length));
        Assert.Equal(forward, backward);
        return forward;
    }

    /// <summary>The <c>next_pagination_token</c> of the first page of <paramref name="path"/>, which must have one.</summary>
    public static async Task<string> NextTokenAsync(ApiHost api, string path, Guid? entityId = null, Guid? clientId = null) =>
        (await PageAsync(api, path, entityId, clientId))["next_pagination_token"]!.GetValue<string>();

    /// <summary>A token answered 422 on <c>query.pagination_token</c> by <paramref name="route"/>.</summary>
    public static async Task AssertRefusedAsync(ApiHost api, string route, string token, Guid? entityId = null, Guid? clientId = null)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"{route}?pagination_token={Uri.EscapeDataString(token)}", entityId: entityId, clientId: clientId);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{route}: {response.StatusCode} {body.ToJsonString()}");
        Assert.Equal("query.pagination_token", Json.Loc(Json.Detail(body)[0]!));
    }

    /// <summary>
    /// <paramref name="token"/> with one character of its payload changed (still valid base64url), so only the
    /// signature can tell.
    /// </summary>
    public static string Tampered(string token)
    {
        var i = token.IndexOf('.', StringComparison.Ordinal) / 2;
        return token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
    }

    public static string[] Ids(JsonObject page) => page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ToArray();

    private static async Task<JsonObject> PageAsync(ApiHost api, string path, Guid? entityId, Guid? clientId)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path, entityId: entityId, clientId: clientId);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {body.ToJsonString()}");
        return body;
    }
}
