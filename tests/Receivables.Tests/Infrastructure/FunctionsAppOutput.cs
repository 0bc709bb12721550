using System.Reflection;
using System.Text.Json.Nodes;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// The build output of src/Receivables.Functions, which is what gets deployed: tests read the files the Functions
/// SDK generates there (functions.metadata, the deps.json) rather than the project's source. The test project
/// references the Functions project without its assembly, so building the tests builds the app first; its output
/// is found under the same configuration and target framework as this test assembly (the .csproj records them).
/// </summary>
public static class FunctionsAppOutput
{
    public static string Directory { get; } = Find();

    public static string Path(string file) => System.IO.Path.Combine(Directory, file);

    public static JsonNode ReadJson(string file) => JsonNode.Parse(File.ReadAllText(Path(file)))!;

    private static string Find()
    {
        var configuration = Metadata("Configuration");
        var targetFramework = Metadata("TargetFramework");
        var directory = RepoFiles.Path("src", "Receivables.Functions", "bin", configuration, targetFramework);
        if (!File.Exists(System.IO.Path.Combine(directory, "functions.metadata")))
        {
            throw new InvalidOperationException(
                $"{directory} has no functions.metadata: build the Functions app in {configuration} first " +
                $"(`dotnet build Receivables.Functions.sln -c {configuration}`).");
        }
        return directory;
    }

    private static string Metadata(string key) =>
        typeof(FunctionsAppOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"the test assembly records no {key} (see Receivables.Tests.csproj)");
}
