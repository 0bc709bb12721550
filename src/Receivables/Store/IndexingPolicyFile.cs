using Microsoft.Azure.Cosmos;

namespace Receivables.Store;

/// <summary>
/// The indexing policy is declared once, in <c>indexing-policy.json</c>: embedded here for containers created
/// locally, and read by the Bicep (<c>loadJsonContent</c>) for the container deployed to Azure.
/// </summary>
public static class IndexingPolicyFile
{
    public const string ResourceName = "Receivables.Store.indexing-policy.json";

    public static string ReadJson()
    {
        using var stream = typeof(IndexingPolicyFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // The SDK's IndexingPolicy is annotated for Newtonsoft.Json, which the SDK depends on anyway.
    public static IndexingPolicy Load() =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<IndexingPolicy>(ReadJson())
        ?? throw new InvalidOperationException("indexing-policy.json is empty");
}
