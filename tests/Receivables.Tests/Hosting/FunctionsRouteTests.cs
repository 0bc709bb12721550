using System.Text.RegularExpressions;
using Receivables.Api;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// The Functions project cannot be compiled on machines without the full NuGet feed, so its source is read:
/// every route of the table has exactly one function with the same method and template, calling that route,
/// and no function exists without a route.
/// </summary>
public sealed partial class FunctionsRouteTests
{
    private sealed record FunctionDeclaration(string Name, string Method, string Template, string CalledRoute, string File);

    private static List<FunctionDeclaration> ReadFunctions()
    {
        var functions = new List<FunctionDeclaration>();
        foreach (var file in Directory.EnumerateFiles(RepoFiles.Path("src", "Receivables.Functions"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            var declared = FunctionAttribute().Count(source);
            var matches = HttpFunction().Matches(source);
            // A [Function] that this pattern does not understand must fail the test, not be skipped.
            Assert.True(declared == matches.Count, $"{Path.GetFileName(file)}: {declared} [Function] attributes but {matches.Count} recognised HTTP functions");
            functions.AddRange(matches.Select(m => new FunctionDeclaration(
                m.Groups["name"].Value, m.Groups["method"].Value.ToUpperInvariant(), m.Groups["template"].Value, m.Groups["route"].Value, Path.GetFileName(file))));
        }
        return functions;
    }

    [Fact]
    public void every_route_has_exactly_one_function_with_the_same_method_and_template()
    {
        var functions = ReadFunctions();
        foreach (var route in ApiRoutes.All)
        {
            var matching = functions.Where(f => f.CalledRoute == route.Name).ToList();
            var function = Assert.Single(matching);
            Assert.Equal(route.Method, function.Method);
            Assert.Equal(route.Template, function.Template);
            Assert.Equal(route.Name, function.Name);
        }
    }

    [Fact]
    public void no_function_exists_without_a_route()
    {
        var routes = ApiRoutes.All.ToDictionary(r => r.Name);
        foreach (var function in ReadFunctions())
        {
            Assert.True(routes.TryGetValue(function.CalledRoute, out var route), $"{function.File}: function {function.Name} calls unknown route {function.CalledRoute}");
            Assert.Equal((route.Method, route.Template), (function.Method, function.Template));
        }
        Assert.Equal(ApiRoutes.All.Count, ReadFunctions().Select(f => (f.Method, f.Template)).Distinct().Count());
    }

    [Fact]
    public void the_route_table_has_no_duplicate_names_or_method_and_template_pairs()
    {
        Assert.Equal(ApiRoutes.All.Count, ApiRoutes.All.Select(r => r.Name).Distinct().Count());
        Assert.Equal(ApiRoutes.All.Count, ApiRoutes.All.Select(r => (r.Method, r.Template)).Distinct().Count());
    }

    [Fact]
    public void host_json_routes_under_v1_like_the_kestrel_host()
    {
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(RepoFiles.Read("host.json"))!;
        Assert.Equal(ApiRoutes.Prefix.TrimStart('/'), hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Contains("host.json", RepoFiles.Read("src", "Receivables.Functions", "Receivables.Functions.csproj"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[Function\(")]
    private static partial Regex FunctionAttribute();

    // [Function(nameof(ApiRoutes.X))] ... [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "t")] HttpRequest req) => api.HandleAsync(ApiRoutes.Y, req);
    [GeneratedRegex("""\[Function\(nameof\(ApiRoutes\.(?<name>\w+)\)\)\]\s*public\s+Task<IActionResult>\s+\w+\(\[HttpTrigger\(AuthorizationLevel\.\w+,\s*"(?<method>\w+)",\s*Route\s*=\s*"(?<template>[^"]+)"\)\]\s*HttpRequest\s+req\)\s*=>\s*api\.HandleAsync\(ApiRoutes\.(?<route>\w+),\s*req\);""")]
    private static partial Regex HttpFunction();
}
