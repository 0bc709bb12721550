using System.Text.RegularExpressions;
using Receivables.Api;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>docs/requests.http has a request for every route of the table, and none for a route that does not exist.</summary>
public sealed partial class RequestsFileTests
{
    private static string Shape(string path) => Placeholder().Replace(path.Split('?')[0], "{}");

    [Fact]
    public void every_route_has_a_request_in_docs_requests_http()
    {
        var requests = RequestLine().Matches(RepoFiles.Read("docs", "requests.http"))
            .Select(m => (Method: m.Groups["method"].Value, Path: Shape(m.Groups["path"].Value)))
            .ToHashSet();
        var routes = ApiRoutes.All.Select(r => (r.Method, Path: Shape(r.Template))).ToHashSet();

        Assert.Empty(routes.Except(requests));
        Assert.Empty(requests.Except(routes));
    }

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|DELETE) \{\{api\}\}/(?<path>\S+)$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    // Route parameters ({receivable_id}) and .http variables ({{receivableId}}) both become {}.
    [GeneratedRegex(@"\{\{?[A-Za-z_]+(:[a-z]+)?\}?\}")]
    private static partial Regex Placeholder();
}
