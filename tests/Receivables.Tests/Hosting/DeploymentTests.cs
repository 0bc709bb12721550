using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Receivables.Auth;
using Receivables.Hosting;
using Receivables.Store;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// Static checks of the deployment: the settings are one list that the code, the sample settings and the function app
/// agree on; and the ARM template compiled from infra/main.bicep (what Azure deploys, built and linted by tools/bicep)
/// authenticates everything with Entra ID, keeps every secret in Key Vault, grants the app's identity its data roles
/// and deploys the indexing policy of src/.
/// </summary>
public sealed partial class DeploymentTests
{
    private static string Key(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);

    private static HashSet<string> SampleSettings() =>
        JsonNode.Parse(RepoFiles.Read("local.settings.sample.json"))!["Values"]!.AsObject().Select(p => Key(p.Key)).ToHashSet();

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
        // Azurite's well-known key: used locally, refused in Azure (like the Cosmos emulator's).
        Assert.Equal(Receivables.Pdfs.PdfStorageConnection.AzuriteKey, ReceivablesSettings.ReadPdfStorage(configuration, runningInAzure: false).Key);
        Assert.Throws<InvalidOperationException>(() => ReceivablesSettings.ReadPdfStorage(configuration, runningInAzure: true));
    }

    [Fact]
    public void pdf_storage_in_azure_is_the_identity_without_a_key()
    {
        var azure = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ReceivablesSettings.StorageBlobEndpoint] = "https://stexample.blob.core.windows.net/",
        }).Build();
        var connection = ReceivablesSettings.ReadPdfStorage(azure, runningInAzure: true);
        Assert.Null(connection.Key);
        Assert.Equal(Receivables.Pdfs.PdfStorageConnection.DefaultContainer, connection.Container);
        Assert.Equal(TimeSpan.FromSeconds(ReceivablesSettings.DefaultPdfLinkLifetimeSeconds), connection.LinkLifetime);
        // Plain HTTP is Azurite's; a lifetime outside 1..86400 s is a mistake caught at start.
        var http = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReceivablesSettings.StorageBlobEndpoint] = "http://stexample.blob.core.windows.net/" }).Build();
        Assert.Throws<InvalidOperationException>(() => ReceivablesSettings.ReadPdfStorage(http, runningInAzure: true));
        foreach (var bad in new[] { "0", "86401", "1h", "-5" })
        {
            var c = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ReceivablesSettings.StorageBlobEndpoint] = "https://stexample.blob.core.windows.net/", [ReceivablesSettings.PdfLinkLifetime] = bad,
            }).Build();
            Assert.Throws<InvalidOperationException>(() => ReceivablesSettings.ReadPdfStorage(c, runningInAzure: false));
        }
    }

    [Fact]
    public void the_pdf_container_is_private_in_the_apps_storage_account_and_previews_expire()
    {
        var storage = Main.Module("storage");
        var containers = CompiledDeployment.Strings(Main.ModuleArgumentNode("storage", "containerNames"));
        Assert.Contains("[variables('pdfContainerName')]", containers);
        Assert.Equal("[variables('pdfContainerName')]", Main.ModuleArgument("api", "pdfContainerName"));
        Assert.All(storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", (string?)c["properties"]!["publicAccess"]));

        // The app writes PDFs to that container of the host's own account, through the blob endpoint, with no key.
        var settings = AppSettings();
        Assert.Equal("[parameters('pdfContainerName')]", (string?)settings["Storage__PdfContainer"]);
        Assert.Contains("primaryEndpoints.blob", (string?)settings["Storage__BlobEndpoint"], StringComparison.Ordinal);
        Assert.Null(settings["Storage__Key"]);

        // Drafts' previews are deleted by the platform a day after they were written.
        Assert.Equal(["[format('{0}/previews/', variables('pdfContainerName'))]"], CompiledDeployment.Strings(Main.ModuleArgumentNode("storage", "expiringBlobPrefixes")));
        var rule = Assert.Single(Assert.Single(storage.ResourcesOfType("Microsoft.Storage/storageAccounts/managementPolicies"))["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.Equal("[parameters('expiringBlobPrefixes')]", (string?)rule["definition"]!["filters"]!["prefixMatch"]);
        Assert.Equal(1, (int?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);

        // Writing blobs and getting the user delegation key that signs the links both come with Storage Blob Data Owner
        // on the account (the_apps_identity_holds_its_data_roles... checks the assignment): its data actions cover
        // Microsoft.Storage/storageAccounts/blobServices/containers/blobs/* and .../blobServices/generateUserDelegationKey/action.
        Assert.Contains("Storage Blob Data Owner", RepoFiles.Read("infra", "app", "rbac.bicep"), StringComparison.Ordinal);
    }

    // ---- The deployment as compiled: tools/bicep lints infra/ and compiles infra/main.bicep into the ARM template read here.

    private static CompiledDeployment Main => CompiledDeployment.Main;

    private static CompiledDeployment Api => Main.Module("api");

    /// <summary>The function app's app settings (one resource, named after the app), with their values as compiled.</summary>
    private static JsonObject AppSettings()
    {
        var site = Assert.Single(Api.ResourcesOfType("Microsoft.Web/sites"));
        var config = Assert.Single(Api.ResourcesOfType("Microsoft.Web/sites/config"));
        Assert.Equal("[parameters('name')]", (string?)site["name"]);
        Assert.Equal("[format('{0}/{1}', parameters('name'), 'appsettings')]", (string?)config["name"]);
        return Api.Resolve(config["properties"])!.AsObject();
    }

    [Fact]
    public void compiled_app_settings_are_exactly_the_settings_the_code_reads_in_azure()
    {
        var deployed = AppSettings().Select(p => Key(p.Key)).ToHashSet();
        var required = ReceivablesSettings.All.Where(s => !s.LocalOnly).Select(s => s.Key).ToHashSet();
        Assert.All(required, key => Assert.True(deployed.Contains(key), $"{key} is not among the function app's settings"));
        Assert.All(ReceivablesSettings.All.Where(s => s.LocalOnly), s => Assert.DoesNotContain(s.Key, deployed));
        var known = required.Concat(ReceivablesSettings.Platform).ToHashSet();
        Assert.All(deployed, key => Assert.True(known.Contains(key), $"the function app gets {key}, which nothing reads"));
    }

    [Fact]
    public void cors_is_one_parameter_for_the_platform_and_the_app()
    {
        // azd hands RECEIVABLES_CORS_ALLOWED_ORIGINS (unset: empty, no origin) to main.bicep, which hands it to the app module.
        var parameter = Main.Parameters["corsAllowedOrigins"]!;
        Assert.Equal("string", (string?)parameter["type"]);
        Assert.Equal("", (string?)parameter["defaultValue"]);
        Assert.Equal("${RECEIVABLES_CORS_ALLOWED_ORIGINS}", (string?)JsonNode.Parse(RepoFiles.Read("infra", "main.parameters.json"))!["parameters"]!["corsAllowedOrigins"]!["value"]);
        Assert.Equal("[parameters('corsAllowedOrigins')]", Main.ModuleArgument("api", "corsAllowedOrigins"));

        // The platform answers preflights for those origins (the list, split at commas, trimmed, empties dropped), never with
        // credentials; the app reads the same value, checks it at start and exposes the API's headers to those origins.
        var site = Assert.Single(Api.ResourcesOfType("Microsoft.Web/sites"));
        var cors = Api.Resolve(site["properties"]!["siteConfig"]!["cors"])!;
        Assert.Equal(
            "[filter(map(split(parameters('corsAllowedOrigins'), ','), lambda('origin', trim(lambdaVariables('origin')))), lambda('origin', not(empty(lambdaVariables('origin')))))]",
            (string?)cors["allowedOrigins"]);
        Assert.Equal(false, (bool?)cors["supportCredentials"]);
        Assert.Equal("[parameters('corsAllowedOrigins')]", (string?)AppSettings()[ReceivablesSettings.CorsAllowedOrigins.Replace(":", "__", StringComparison.Ordinal)]);

        // Locally, Core Tools reads Host.CORS: the sample keeps it equal to the app's own setting, without credentials.
        var sample = JsonNode.Parse(RepoFiles.Read("local.settings.sample.json"))!;
        Assert.Equal((string?)sample["Values"]!["Cors__AllowedOrigins"], (string?)sample["Host"]!["CORS"]);
        Assert.Equal(false, (bool?)sample["Host"]!["CORSCredentials"]);
    }

    [Fact]
    public void every_secret_setting_is_a_key_vault_reference_to_a_secret_holding_a_secure_parameter()
    {
        var settings = AppSettings();
        var keyVault = Main.Module("keyVault");
        var secrets = ReceivablesSettings.All.Where(s => s.Secret && !s.LocalOnly).ToList();
        Assert.Equal(2, secrets.Count); // the token-signing key and the partner client secret's hash
        foreach (var setting in secrets)
        {
            var name = setting.Key.Replace(":", "__", StringComparison.Ordinal);
            // The app setting is a Key Vault reference to a URI that the app module gets as a parameter...
            var value = (string?)settings[name] ?? throw new InvalidOperationException($"{name} is not set");
            var reference = KeyVaultReference().Match(value);
            Assert.True(reference.Success, $"{name} is {value}, not @Microsoft.KeyVault(SecretUri=...)");
            // ...which main.bicep takes from an output of the Key Vault module...
            var uri = CompiledDeployment.ModuleOutput(Main.ModuleArgument("api", reference.Groups["parameter"].Value));
            Assert.True(uri is ("keyVault", _), $"{name}'s secret URI does not come from the keyVault module");
            // ...that is the versionless URI of a secret in that vault...
            var output = (string)keyVault.Outputs[uri.Value.Output]!["value"]!;
            var secretUri = SecretUri().Match(output);
            Assert.True(secretUri.Success, $"keyVault output {uri.Value.Output} is {output}, not a secret's secretUri");
            var secret = Assert.Single(keyVault.ResourcesOfType("Microsoft.KeyVault/vaults/secrets"),
                r => (string?)r["name"] == $"[format('{{0}}/{{1}}', parameters('name'), '{secretUri.Groups["secret"].Value}')]");
            // ...whose value is a secure parameter, all the way from main.bicep's own parameters.
            var vaultParameter = CompiledDeployment.Parameter((string?)secret["properties"]!["value"]);
            Assert.NotNull(vaultParameter);
            Assert.Equal("securestring", (string?)keyVault.Parameters[vaultParameter]!["type"]);
            var mainParameter = CompiledDeployment.Parameter(Main.ModuleArgument("keyVault", vaultParameter));
            Assert.NotNull(mainParameter);
            Assert.Equal("securestring", (string?)Main.Parameters[mainParameter]!["type"]);
        }

        // The platform resolves the references as the app's user-assigned identity, in a vault that authorizes with Azure RBAC
        // (the identity's Key Vault Secrets User role is checked below).
        var site = Assert.Single(Api.ResourcesOfType("Microsoft.Web/sites"));
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal(true, (bool?)Assert.Single(keyVault.ResourcesOfType("Microsoft.KeyVault/vaults"))["properties"]!["enableRbacAuthorization"]);

        // Secure parameters go to the Key Vault module and nowhere else.
        var secure = Main.Parameters.Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).ToList();
        Assert.NotEmpty(secure);
        foreach (var parameter in secure)
        {
            var users = Main.ResourcesOfType("Microsoft.Resources/deployments")
                .Where(d => CompiledDeployment.Strings(d["properties"]!["parameters"]).Any(s => s.Contains($"parameters('{parameter}')", StringComparison.Ordinal)))
                .Select(d => (string?)d["name"]);
            Assert.Equal(["keyVault"], users);
        }
        Assert.DoesNotContain(CosmosConnection.EmulatorKey, Main.Template.ToJsonString(), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepoFiles.Path("infra"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(CosmosConnection.EmulatorKey, File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void cosmos_db_accepts_entra_id_only()
    {
        var account = Assert.Single(Main.Module("cosmos").ResourcesOfType("Microsoft.DocumentDB/databaseAccounts"))["properties"]!;
        Assert.Equal(true, (bool?)account["disableLocalAuth"]);
        Assert.Equal(true, (bool?)account["disableKeyBasedMetadataWriteAccess"]);
        Assert.Equal("Tls12", (string?)account["minimalTlsVersion"]);
        Assert.Equal(("cosmos", "endpoint"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("api", "cosmosEndpoint")));
    }

    [Fact]
    public void storage_accepts_no_shared_key_and_the_app_reaches_it_as_its_identity()
    {
        var storage = Main.Module("storage");
        var account = Assert.Single(storage.ResourcesOfType("Microsoft.Storage/storageAccounts"))["properties"]!;
        Assert.Equal(false, (bool?)account["allowSharedKeyAccess"]);
        Assert.Equal(false, (bool?)account["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)account["minimumTlsVersion"]);
        Assert.Equal(true, (bool?)account["supportsHttpsTrafficOnly"]);
        var container = Assert.Single(storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);

        // The host's storage: no connection string, but the identity's client id; the deployment package: the identity,
        // in the container created above (main.bicep gives both modules the same name).
        var settings = AppSettings();
        Assert.Null(settings["AzureWebJobsStorage"]);
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", (string?)settings["AzureWebJobsStorage__clientId"]);
        var package = Assert.Single(Api.ResourcesOfType("Microsoft.Web/sites"))["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("UserAssignedIdentity", (string?)package["authentication"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)package["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal(("storage", "name"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("api", "storageAccountName")));
        Assert.Equal("[variables('deploymentContainerName')]", Main.ModuleArgument("api", "deploymentContainerName"));
        Assert.Equal(["[variables('deploymentContainerName')]", "[variables('pdfContainerName')]"], CompiledDeployment.Strings(Main.ModuleArgumentNode("storage", "containerNames")));
    }

    [Fact]
    public void the_apps_identity_holds_its_data_roles_on_cosmos_db_storage_and_key_vault()
    {
        // One identity: the app runs as it, and the role assignments name it...
        Assert.Equal(("apiIdentity", "resourceId"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("api", "identityId")));
        Assert.Equal(("apiIdentity", "clientId"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("api", "identityClientId")));
        Assert.Equal(("apiIdentity", "principalId"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("rbac", "identityPrincipalId")));
        var identity = Main.Module("apiIdentity");
        Assert.Single(identity.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Matches(@"^\[reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('name'\)\), '[^']+'\)\.principalId\]$",
            (string)identity.Outputs["principalId"]!["value"]!);
        // ...on the resources the app uses, which main.bicep hands to the rbac module.
        Assert.Equal(("storage", "name"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("rbac", "storageAccountName")));
        Assert.Equal(("keyVault", "name"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("rbac", "keyVaultName")));
        Assert.Equal(("cosmos", "accountName"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("rbac", "cosmosAccountName")));
        Assert.Equal(("monitoring", "applicationInsightsName"), CompiledDeployment.ModuleOutput(Main.ModuleArgument("rbac", "applicationInsightsName")));

        var rbac = Main.Module("rbac");
        // Azure RBAC: (type of the scope, role id) granted to the identity, by unconditional assignments (a loop grants each
        // role of its list).
        var granted = rbac.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(r => r["condition"] is null && (string?)r["properties"]!["principalId"] == "[parameters('identityPrincipalId')]")
            .SelectMany(r => Guid().Matches(rbac.Expand((string)r["properties"]!["roleDefinitionId"]!))
                .Select(m => (Scope: ScopeType().Match((string)r["scope"]!).Groups["type"].Value, Role: m.Value)))
            .ToHashSet();
        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("Microsoft.Storage/storageAccounts", StorageBlobDataOwner),
                ("Microsoft.Storage/storageAccounts", StorageQueueDataContributor),
                ("Microsoft.Storage/storageAccounts", StorageTableDataContributor),
                ("Microsoft.KeyVault/vaults", KeyVaultSecretsUser),
                ("Microsoft.Insights/components", MonitoringMetricsPublisher),
            },
            granted);

        // Cosmos DB's data plane has its own RBAC: the built-in Data Contributor on the whole account.
        var cosmos = Assert.Single(rbac.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"),
            r => r["condition"] is null && (string?)r["properties"]!["principalId"] == "[parameters('identityPrincipalId')]")["properties"]!;
        Assert.Equal("[resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName'))]", (string?)cosmos["scope"]);
        Assert.Equal(
            $"[format('{{0}}/sqlRoleDefinitions/{{1}}', resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName')), \"{CosmosDataContributor}\")]",
            rbac.Expand((string)cosmos["roleDefinitionId"]!));
    }

    [Fact]
    public void the_deployed_indexing_policy_is_the_file_in_src()
    {
        var cosmos = Main.Module("cosmos");
        var container = Assert.Single(cosmos.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"));
        var deployed = cosmos.Resolve(container["properties"]!["resource"]!["indexingPolicy"]);
        var file = JsonNode.Parse(RepoFiles.Read("src", "Receivables", "Store", "indexing-policy.json"));
        Assert.True(JsonNode.DeepEquals(file, deployed), $"the template deploys {deployed?.ToJsonString()}, the file says {file?.ToJsonString()}");
        // The code's copy (embedded in the assembly) is that file too.
        Assert.True(JsonNode.DeepEquals(file, JsonNode.Parse(IndexingPolicyFile.ReadJson())));
        Assert.NotEmpty(IndexingPolicyFile.Load().CompositeIndexes);
    }

    [Fact]
    public void the_parameters_file_matches_the_compiled_template()
    {
        var declared = Main.Parameters;
        var given = JsonNode.Parse(RepoFiles.Read("infra", "main.parameters.json"))!["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets {p}, which main.bicep does not declare"));
        var required = declared.Where(d => !d.Value!.AsObject().ContainsKey("defaultValue")).Select(d => d.Key).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, p => Assert.True(given.Contains(p), $"main.bicep parameter {p} has no default and is not in main.parameters.json"));
    }

    [Fact]
    public void every_module_is_a_file_of_this_repository()
    {
        // A registry module (br:, br/public:, ts:) cannot be restored on every machine that must compile this template.
        var modules = Directory.EnumerateFiles(RepoFiles.Path("infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => ModuleStatement().Matches(File.ReadAllText(f)).Select(m => (File: f, Path: m.Groups["path"].Value)))
            .ToList();
        Assert.True(modules.Count >= 8, $"only {modules.Count} modules found");
        Assert.All(modules, m => Assert.True(
            m.Path.StartsWith("./", StringComparison.Ordinal) && File.Exists(Path.Combine(Path.GetDirectoryName(m.File)!, m.Path)),
            $"{Path.GetFileName(m.File)} uses module '{m.Path}', which is not a file of this repository"));
        Assert.Equal(modules.Count, Main.ResourcesOfType("Microsoft.Resources/deployments").Count());
    }

    // Built-in role definition ids (the same in every tenant).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";

    [GeneratedRegex("""(?:configuration|Configuration)\["(?<key>[^"]+)"\]|GetEnvironmentVariable\("(?<key>[^"]+)"\)""")]
    private static partial Regex ReadKey();

    [GeneratedRegex(@"^module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleStatement();

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', parameters\('(?<parameter>\w+)'\)\)\]$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[reference\(resourceId\('Microsoft\.KeyVault/vaults/secrets', parameters\('name'\), '(?<secret>[^']+)'\), '[^']+'\)\.secretUri\]$")]
    private static partial Regex SecretUri();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^\[resourceId\('(?<type>[^']+)'")]
    private static partial Regex ScopeType();
}
