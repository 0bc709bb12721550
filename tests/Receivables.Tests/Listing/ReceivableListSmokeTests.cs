using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Listing;

[Collection(ApiTests.Name)]
public sealed class ReceivableListSmokeTests(ApiHost api)
{
    [Fact]
    public async Task pages_forward_and_back()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add(await w.CreateIdAsync(w.Invoice(w.CatalogLine(i + 1))));
        var forward = new List<List<string>>();
        string? token = null;
        var (status, body, _) = await w.SendAsync(HttpMethod.Get, "/v1/receivables?limit=3&sort=total_amount&order=desc");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        while (true)
        {
            forward.Add(body["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ToList());
            token = body["next_pagination_token"]?.GetValue<string>();
            if (token is null) break;
            (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables?limit=3&pagination_token={token}");
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
        Assert.Equal(Enumerable.Reverse(ids).ToList(), forward.SelectMany(p => p).ToList());
        Assert.Equal([3, 3, 1], forward.Select(p => p.Count));
        var back = body["prev_pagination_token"]!.GetValue<string>();
        (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables?limit=3&pagination_token={back}");
        Assert.Equal(forward[1], body["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ToList());
        var (s2, searched, _) = await w.SendAsync(HttpMethod.Post, "/v1/receivables/search", new { limit = 2, sort = "created_at", total_amount__gte = 1 });
        Assert.True(s2 == HttpStatusCode.OK, searched.ToJsonString());
        Assert.Equal(ids.Take(2), searched["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
    }
}
