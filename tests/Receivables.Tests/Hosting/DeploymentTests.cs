using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Receivables.Auth;
using Receivables.Hosting;
using Receivables.Store;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// Static checks of the deployment, which cannot be run here (Bicep, the Functions host): settings are one list,
/// every module exists and gets the parameters it declares, and the indexing policy comes from one file.
/// </summary>
public sealed partial class DeploymentTests
{
    private static string Key(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);

    private static HashSet<string> SampleSettings() =>
        JsonNode.Parse(RepoFiles.Read("local.settings.sample.json"))!["Values"]!.AsObject().Select(p => Key(p.Key)).ToHashSet();

    private static HashSet<string> BicepAppSettings()
    {
        var api = RepoFiles.Read("infra", "app", "api.bicep");
        var block = Block(api, api.IndexOf("var appSettings = {", StringComparison.Ordinal) + "var appSettings = ".Length);
        return TopLevelKeys(block).Select(Key).ToHashSet();
    }

    [Fact]
    public void every_setting_the_code_reads_is_declared()
    {
        var declared = ReceivablesSettings.All.Select(s => s.Key).Concat(ReceivablesSettings.Platform).Append(ReceivablesSettings.AzureInstanceVariable).Append(ReceivablesSettings.AzureSkuVariable).ToHashSet();
        var read = new HashSet<string>();

        // Settings bound to AuthOptions / PartnerClient.
        foreach (var p in typeof(AuthOptions).GetProperties().Where(p => p.CanWrite && p.Name != nameof(AuthOptions.Clients)))
            read.Add($"{ReceivablesSettings.AuthSection}:{p.Name}");
        foreach (var p in typeof(PartnerClient).GetProperties().Where(p => p.CanWrite))
            read.Add($"{ReceivablesSettings.AuthSection}:{nameof(AuthOptions.Clients)}:0:{p.Name}");
        // Keys named in source: configuration["..."], GetEnvironmentVariable("..."), and the constants of ReceivablesSettings.
        // The product and the Functions host; the Kestrel host also reads ASP.NET's own `urls`, which Azure never sees.
        var sources = new[] { RepoFiles.Path("src", "Receivables"), RepoFiles.Path("src", "Receivables.Functions") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            foreach (Match m in ReadKey().Matches(File.ReadAllText(file))) read.Add(m.Groups["key"].Value);
        }
        foreach (var field in typeof(ReceivablesSettings).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(ReceivablesSettings.AuthSection)))
            read.Add((string)field.GetRawConstantValue()!);

        Assert.NotEmpty(read);
        Assert.All(read, key => Assert.True(declared.Contains(key), $"the code reads {key}, which is not in ReceivablesSettings.All or Platform"));
        Assert.All(ReceivablesSettings.All, s => Assert.True(read.Contains(s.Key), $"{s.Key} is declared but nothing reads it"));
    }

    [Fact]
    public void local_settings_sample_sets_exactly_the_settings_the_code_reads()
    {
        var expected = ReceivablesSettings.All.Select(s => s.Key).Append("FUNCTIONS_WORKER_RUNTIME").Append("AzureWebJobsStorage").ToHashSet();
        Assert.Equal(expected.Order(), SampleSettings().Order());
    }

    [Fact]
    public void the_sample_settings_start_the_app_as_they_are()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(JsonNode.Parse(RepoFiles.Read("local.settings.sample.json"))!["Values"]!.AsObject()
                .Select(p => KeyValuePair.Create(Key(p.Key), (string?)p.Value!.GetValue<string>())))
            .Build();
        Assert.NotNull(ReceivablesSettings.ReadCosmos(configuration, runningInAzure: false).Key);
        ReceivablesSettings.ReadAuth(configuration, runningInAzure: false);
        Assert.Throws<InvalidOperationException>(() => ReceivablesSettings.ReadAuth(configuration, runningInAzure: true));
        Assert.Throws<InvalidOperationException>(() => ReceivablesSettings.ReadCosmos(configuration, runningInAzure: true));
    }

    [Fact]
    public void bicep_app_settings_are_exactly_the_settings_the_code_reads_in_azure()
    {
        var bicep = BicepAppSettings();
        var required = ReceivablesSettings.All.Where(s => !s.LocalOnly).Select(s => s.Key).ToHashSet();
        Assert.All(required, key => Assert.True(bicep.Contains(key), $"{key} is not set in infra/app/api.bicep"));
        Assert.All(ReceivablesSettings.All.Where(s => s.LocalOnly), s => Assert.DoesNotContain(s.Key, bicep));
        var known = required.Concat(ReceivablesSettings.Platform).ToHashSet();
        Assert.All(bicep, key => Assert.True(known.Contains(key), $"infra/app/api.bicep sets {key}, which nothing reads"));
    }

    [Fact]
    public void secrets_reach_the_app_only_as_key_vault_references()
    {
        var api = RepoFiles.Read("infra", "app", "api.bicep");
        Assert.Matches(@"Auth__SigningKey:\s*'@Microsoft\.KeyVault\(SecretUri=", api);
        Assert.Matches(@"Auth__Clients__0__SecretHash:\s*'@Microsoft\.KeyVault\(SecretUri=", api);
        foreach (var file in Directory.EnumerateFiles(RepoFiles.Path("infra"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(CosmosConnection.EmulatorKey, File.ReadAllText(file));
    }

    [Fact]
    public void every_referenced_bicep_module_exists_and_gets_the_parameters_it_declares()
    {
        var files = Directory.EnumerateFiles(RepoFiles.Path("infra"), "*.bicep", SearchOption.AllDirectories).ToList();
        var checkedModules = 0;
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match m in LocalModule().Matches(source))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, m.Groups["path"].Value));
                Assert.True(File.Exists(target), $"{Path.GetFileName(file)} references missing module {m.Groups["path"].Value}");
                var declared = Params(File.ReadAllText(target));
                var paramsAt = source.IndexOf("params: {", m.Index, StringComparison.Ordinal);
                var passed = paramsAt < 0 ? [] : TopLevelKeys(Block(source, paramsAt + "params: ".Length)).ToHashSet();
                Assert.All(passed, p => Assert.True(declared.ContainsKey(p), $"{m.Groups["path"].Value} has no parameter {p}"));
                Assert.All(declared.Where(d => !d.Value), d => Assert.True(passed.Contains(d.Key), $"{m.Groups["path"].Value} needs parameter {d.Key}"));
                checkedModules++;
            }
        }
        Assert.True(checkedModules >= 4, $"only {checkedModules} local modules found");
    }

    [Fact]
    public void the_parameters_file_matches_main_bicep()
    {
        var declared = Params(RepoFiles.Read("infra", "main.bicep"));
        var given = JsonNode.Parse(RepoFiles.Read("infra", "main.parameters.json"))!["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets {p}, which main.bicep does not declare"));
        Assert.All(declared.Where(d => !d.Value), d => Assert.True(given.Contains(d.Key), $"main.bicep parameter {d.Key} has no default and is not in main.parameters.json"));
    }

    [Fact]
    public void the_indexing_policy_is_read_from_the_one_file_everywhere()
    {
        var loads = Directory.EnumerateFiles(RepoFiles.Path("infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => IndexingPolicyLoad().Matches(File.ReadAllText(f)).Select(m => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(f)!, m.Groups["path"].Value))))
            .ToList();
        var file = Assert.Single(loads);
        Assert.Equal(RepoFiles.Path("src", "Receivables", "Store", "indexing-policy.json"), file);
        Assert.Equal(JsonNode.Parse(File.ReadAllText(file))!.ToJsonString(), JsonNode.Parse(IndexingPolicyFile.ReadJson())!.ToJsonString());
        Assert.NotEmpty(IndexingPolicyFile.Load().CompositeIndexes);
    }

    /// <summary>Parameter names of a Bicep file, with whether each has a default.</summary>
    private static Dictionary<string, bool> Params(string bicep) =>
        BicepParam().Matches(bicep).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);

    /// <summary>The text of the { ... } block that starts at or after <paramref name="from"/>.</summary>
    private static string Block(string source, int from)
    {
        var start = source.IndexOf('{', from);
        var depth = 0;
        for (var i = start; i < source.Length; i++)
        {
            if (source[i] == '{') depth++;
            else if (source[i] == '}' && --depth == 0) return source[(start + 1)..i];
        }
        throw new InvalidOperationException("unbalanced braces");
    }

    /// <summary>The keys of an object body, ignoring nested objects and comments.</summary>
    private static IEnumerable<string> TopLevelKeys(string body)
    {
        var depth = 0;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Split("//")[0];
            if (depth == 0 && ObjectKey().Match(line) is { Success: true } m) yield return m.Groups["key"].Value;
            depth += line.Count(c => c is '{' or '[') - line.Count(c => c is '}' or ']');
        }
    }

    [GeneratedRegex("""(?:configuration|Configuration)\["(?<key>[^"]+)"\]|GetEnvironmentVariable\("(?<key>[^"]+)"\)""")]
    private static partial Regex ReadKey();

    [GeneratedRegex(@"^module\s+\w+\s+'(?<path>\.{1,2}/[^']+\.bicep)'", RegexOptions.Multiline)]
    private static partial Regex LocalModule();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+\w+(?<default>\s*=)?", RegexOptions.Multiline)]
    private static partial Regex BicepParam();

    [GeneratedRegex(@"^\s*'?(?<key>[A-Za-z_][\w-]*)'?\s*:")]
    private static partial Regex ObjectKey();

    [GeneratedRegex(@"indexingPolicy:\s*loadJsonContent\('(?<path>[^']+)'\)")]
    private static partial Regex IndexingPolicyLoad();
}
