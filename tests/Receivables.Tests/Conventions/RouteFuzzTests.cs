using System.Text.RegularExpressions;
using Receivables.Api;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Conventions;

/// <summary>
/// Every route of the table, with malformed path ids and query values: whatever the route, the answer is a 4xx with
/// an error shape (or a 2xx where the junk is ignorable), never a 5xx.
/// </summary>
[Collection(ApiTests.Name)]
public sealed partial class RouteFuzzTests(ApiHost api)
{
    private static readonly string[] PathValues = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%20", new string('9', 300)];

    private static readonly string[] Queries =
    [
        "limit=-1", "limit=abc", "limit=99999999999", "order=sideways", "sort=nonsense", "type=robot", "status=%00",
        "pagination_token=", "pagination_token=eyJ9", "pagination_token=eyJjb250aW51YXRpb24iOiJnYXJiYWdleyIsInF1ZXJ5Ijp7fX0", "name__icontains=" + new string('x', 5000), "price__gt=abc", "price__gt=1e400",
        "created_at__gt=yesterday", "id__in=nope&id__in=also-nope", "currency=XXX", "counterpart_id=nope", "counterpart_country=ZZ",
        "entity_vat_id_id=00000000-0000-0000-0000-000000000000", "is_customer=maybe",
    ];

    [Fact]
    public async Task no_route_answers_5xx_to_malformed_path_ids_or_query_values()
    {
        var seller = await api.CreateSellerAsync();
        var failures = new List<string>();
        foreach (var route in ApiRoutes.All.Where(r => r.Method is "GET" or "DELETE" or "POST"))
        {
            foreach (var value in PathValues)
            {
                var path = "/v1/" + Parameter().Replace(route.Template, m => m.Groups[1].Value == "entity_id" ? seller.Entity.ToString() : Uri.EscapeDataString(value));
                if (path.Contains(value, StringComparison.Ordinal) || route.Method == "GET")
                    await CheckAsync(route, path, failures, seller.Entity);
            }
            if (route.Method == "GET")
            {
                var path = "/v1/" + Parameter().Replace(route.Template, m => m.Groups[1].Value == "entity_id" ? seller.Entity.ToString() : Guid.NewGuid().ToString());
                foreach (var query in Queries) await CheckAsync(route, $"{path}?{query}", failures, seller.Entity);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task CheckAsync(ApiRoute route, string path, List<string> failures, Guid entity)
    {
        using var response = await api.SendAsync(new HttpMethod(route.Method), path, route.Method == "POST" ? "{}" : null, entity);
        var status = (int)response.StatusCode;
        if (status >= 500) failures.Add($"{route.Method} {path[..Math.Min(path.Length, 120)]}: {status}");
        else if (status >= 400 && route.Access == RouteAccess.Page)
        {
            // A page answers a browser: its errors are pages too, under the pages' policy.
            if (response.Content.Headers.ContentType?.MediaType != "text/html" || !response.Headers.Contains("Content-Security-Policy"))
                failures.Add($"{route.Method} {path}: {status} is not an HTML page with a Content-Security-Policy");
        }
        else if (status >= 400)
        {
            var body = await Json.ReadAsync(response);
            if (!body.ContainsKey("error") && !body.ContainsKey("detail")) failures.Add($"{route.Method} {path}: {status} without an error shape");
        }
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Parameter();
}
