using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// The worker's core assemblies must come from one release: with Worker.Core 2.52.0 next to Worker.Grpc 2.51.0
/// the app built and started, but every invocation failed with MissingMethodException. The built app's deps.json
/// says which versions it loads, whatever the pins in Directory.Packages.props resolved to.
/// </summary>
public sealed class FunctionsPackageVersionTests
{
    private static readonly string[] CorePackages =
    [
        "Microsoft.Azure.Functions.Worker",
        "Microsoft.Azure.Functions.Worker.Core",
        "Microsoft.Azure.Functions.Worker.Grpc",
    ];

    [Fact]
    public void the_worker_core_packages_share_one_version()
    {
        // deps.json lists each package once under "libraries" as "Name/Version".
        var libraries = FunctionsAppOutput.ReadJson("Receivables.Functions.deps.json")["libraries"]!.AsObject()
            .Select(l => l.Key.Split('/'))
            .Where(parts => CorePackages.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
            .Select(parts => $"{parts[0]} {parts[1]}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var found = string.Join(", ", libraries);

        Assert.True(libraries.Count == CorePackages.Length, $"expected one entry for each of {string.Join(", ", CorePackages)}; found: {found}");
        Assert.True(libraries.Select(l => l.Split(' ')[1]).Distinct().Count() == 1, $"worker core packages of different versions: {found}");
    }
}
