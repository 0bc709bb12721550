using System.Text.Json.Nodes;
using Receivables.Api;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// The functions.metadata the Functions SDK generates at build time is what the Functions host indexes, so it is
/// the truth about which functions the deployed app has: one anonymous HTTP function per route of the route table
/// (same name, method and template), no other HTTP function, and exactly the non-HTTP functions listed here.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>A function that is not HTTP: its trigger binding's type and, for a timer, its schedule.</summary>
    private sealed record TriggeredFunction(string Name, string TriggerType, string? Schedule);

    // Every non-HTTP function the app must have, and no other: one line each, compared by trigger type and schedule.
    private static readonly TriggeredFunction[] ExpectedNonHttpFunctions =
    [
        // The due-date sweep goes here once it exists; its schedule is an app setting, so each environment sets it:
        new("DueDateSweep", "timerTrigger", "%Sweep:Schedule%"),
    ];

    private sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string? Route, string? AuthLevel);

    private static List<(string Name, JsonObject Trigger)> ReadFunctions()
    {
        var functions = new List<(string, JsonObject)>();
        foreach (var function in FunctionsAppOutput.ReadJson("functions.metadata").AsArray())
        {
            var name = function!["name"]!.GetValue<string>();
            var triggers = function["bindings"]!.AsArray().Select(b => b!.AsObject())
                .Where(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).ToList();
            // A function without exactly one trigger would be neither HTTP nor listed: fail instead of ignoring it.
            Assert.True(triggers.Count == 1, $"function {name} has {triggers.Count} trigger bindings");
            functions.Add((name, triggers[0]));
        }
        Assert.NotEmpty(functions);
        return functions;
    }

    private static bool IsHttp(JsonObject trigger) => string.Equals(trigger["type"]!.GetValue<string>(), "httpTrigger", StringComparison.OrdinalIgnoreCase);

    private static List<HttpFunction> HttpFunctions() => ReadFunctions().Where(f => IsHttp(f.Trigger))
        .Select(f => new HttpFunction(f.Name,
            f.Trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList() ?? [],
            f.Trigger["route"]?.GetValue<string>(),
            f.Trigger["authLevel"]?.GetValue<string>()))
        .ToList();

    [Fact]
    public void every_route_has_exactly_one_anonymous_http_function_with_its_name_method_and_template()
    {
        var functions = HttpFunctions();
        foreach (var route in ApiRoutes.All)
        {
            var function = Assert.Single(functions, f => f.Name == route.Name);
            Assert.Equal([route.Method], function.Methods);
            Assert.Equal(route.Template, function.Route);
            Assert.Equal("anonymous", function.AuthLevel, ignoreCase: true);
        }
    }

    [Fact]
    public void no_http_function_exists_without_a_route()
    {
        var routes = ApiRoutes.All.Select(r => r.Name).ToHashSet();
        var extra = HttpFunctions().Select(f => f.Name).Where(name => !routes.Contains(name)).ToList();
        Assert.True(extra.Count == 0, "HTTP functions without a route: " + string.Join(", ", extra));
        Assert.Equal(ApiRoutes.All.Count, HttpFunctions().Count);
    }

    [Fact]
    public void the_non_http_functions_are_exactly_the_expected_ones_with_their_trigger_and_schedule()
    {
        var actual = ReadFunctions().Where(f => !IsHttp(f.Trigger))
            .Select(f => new TriggeredFunction(f.Name, f.Trigger["type"]!.GetValue<string>(), f.Trigger["schedule"]?.GetValue<string>()))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
        Assert.Equal(ExpectedNonHttpFunctions.OrderBy(f => f.Name, StringComparer.Ordinal), actual);
    }

    [Fact]
    public void the_route_table_has_no_duplicate_names_or_method_and_template_pairs()
    {
        Assert.Equal(ApiRoutes.All.Count, ApiRoutes.All.Select(r => r.Name).Distinct().Count());
        Assert.Equal(ApiRoutes.All.Count, ApiRoutes.All.Select(r => (r.Method, r.Template)).Distinct().Count());
    }

    [Fact]
    public void the_built_host_json_routes_under_v1_like_the_kestrel_host()
    {
        var hostJson = FunctionsAppOutput.ReadJson("host.json");
        Assert.Equal(ApiRoutes.Prefix.TrimStart('/'), hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }
}
