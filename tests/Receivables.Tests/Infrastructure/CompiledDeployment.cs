using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// The ARM template that <c>bicep build infra/main.bicep</c> makes, which is what Azure deploys: tests read it rather than
/// the Bicep text. tools/bicep (a project of the solution, referenced by this test project without an assembly) lints and
/// compiles the Bicep when it is built and leaves main.json in its output, under the same configuration and target
/// framework as this test assembly. A missing or stale main.json is an error, never a skipped check.
/// </summary>
public sealed partial class CompiledDeployment
{
    private CompiledDeployment(JsonObject template) => Template = template;

    private static readonly Lazy<CompiledDeployment> Compiled = new(() => new(Load()));

    /// <summary>infra/main.bicep compiled.</summary>
    public static CompiledDeployment Main => Compiled.Value;

    public JsonObject Template { get; }

    public JsonObject Parameters => Template["parameters"]?.AsObject() ?? [];

    public JsonObject Outputs => Template["outputs"]?.AsObject() ?? [];

    /// <summary>Every resource of this template, not those of its modules (resources may be an array or, with symbolic names, an object).</summary>
    public IEnumerable<JsonObject> Resources => Template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The deployment of module <paramref name="name"/> (its <c>name:</c> in Bicep).</summary>
    public JsonObject ModuleDeployment(string name) =>
        Assert.Single(ResourcesOfType("Microsoft.Resources/deployments"), d => (string?)d["name"] == name);

    /// <summary>The template of module <paramref name="name"/>, as compiled into this one.</summary>
    public CompiledDeployment Module(string name) => new(ModuleDeployment(name)["properties"]!["template"]!.AsObject());

    /// <summary>The value this template hands to parameter <paramref name="parameter"/> of module <paramref name="module"/>.</summary>
    public JsonNode ModuleArgumentNode(string module, string parameter) =>
        ModuleDeployment(module)["properties"]!["parameters"]![parameter]?["value"]
        ?? throw new InvalidOperationException($"module {module} gets no value for {parameter}");

    /// <summary>The value (an expression or a literal) this template hands to string parameter <paramref name="parameter"/> of module <paramref name="module"/>.</summary>
    public string ModuleArgument(string module, string parameter) => ModuleArgumentNode(module, parameter).GetValue<string>();

    /// <summary>Every string in <paramref name="node"/>, at any depth.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };

    /// <summary>
    /// A node with every <c>[variables('x')]</c> that stands for a whole value replaced by that variable's value
    /// (loadJsonContent and object variables compile to those).
    /// </summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && WholeVariable().Match(s) is { Success: true } m =>
            Resolve(Template["variables"]?[m.Groups["name"].Value]?.DeepClone()
                ?? throw new InvalidOperationException($"{s}: no such variable")),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Resolve)]),
        _ => node?.DeepClone(),
    };

    /// <summary>An expression with each <c>variables('x')</c> in it replaced by the JSON text of that variable.</summary>
    public string Expand(string expression) =>
        AnyVariable().Replace(expression, m => Template["variables"]?[m.Groups["name"].Value]?.ToJsonString()
            ?? throw new InvalidOperationException($"{m.Value}: no such variable"));

    /// <summary>(module, output) when <paramref name="expression"/> is exactly the output of a module deployed by this template.</summary>
    public static (string Module, string Output)? ModuleOutput(string expression) =>
        OutputOfModule().Match(expression) is { Success: true } m ? (m.Groups["module"].Value, m.Groups["output"].Value) : null;

    /// <summary>The parameter name when <paramref name="expression"/> is exactly <c>[parameters('x')]</c>.</summary>
    public static string? Parameter(string? expression) =>
        expression is not null && WholeParameter().Match(expression) is { Success: true } m ? m.Groups["name"].Value : null;

    private static JsonObject Load()
    {
        var configuration = Metadata("Configuration");
        var targetFramework = Metadata("TargetFramework");
        var file = RepoFiles.Path("tools", "bicep", "bin", configuration, targetFramework, "main.json");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException(
                $"{file} does not exist: build tools/bicep in {configuration} first (`dotnet build Receivables.Functions.sln -c {configuration}`), " +
                "which downloads the Bicep CLI, lints infra/ and compiles infra/main.bicep.");
        }
        var compiled = File.GetLastWriteTimeUtc(file);
        var inputs = Directory.EnumerateFiles(RepoFiles.Path("infra"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Append(RepoFiles.Path("src", "Receivables", "Store", "indexing-policy.json"));
        var newer = inputs.Where(f => File.GetLastWriteTimeUtc(f) > compiled).ToList();
        if (newer.Count > 0)
        {
            throw new InvalidOperationException(
                $"{file} is older than {string.Join(", ", newer.Select(f => Path.GetRelativePath(RepoFiles.Root, f)))}: build the solution again.");
        }
        return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
    }

    private static string Metadata(string key) =>
        typeof(CompiledDeployment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"the test assembly records no {key} (see Receivables.Tests.csproj)");

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex AnyVariable();

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeParameter();

    [GeneratedRegex(@"^\[reference\(extensionResourceId\(.*, 'Microsoft\.Resources/deployments', '(?<module>[^']+)'\), '[^']+'\)\.outputs\.(?<output>\w+)\.value\]$")]
    private static partial Regex OutputOfModule();
}
