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

    /// <summary>
    /// Whether a value at <paramref name="path"/> (<c>/a/b</c>; array positions as <c>[]</c> or left out) is in the range
    /// index: every path is, unless an excluded path covers it (<c>/a/*</c> a whole subtree, <c>/a/?</c> one value).
    /// Used by the checks that every filtered path is indexed and by the write-cost measurement.
    /// </summary>
    public static bool IsIndexed(IndexingPolicy policy, string path) =>
        !policy.ExcludedPaths.Any(excluded => excluded.Path switch
        {
            var p when p.EndsWith("/*", StringComparison.Ordinal) => path == p[..^2] || path.StartsWith(p[..^1], StringComparison.Ordinal),
            var p when p.EndsWith("/?", StringComparison.Ordinal) => path == p[..^2],
            var p => path == p,
        });

    /// <summary>
    /// Whether two policies have the same composite indexes and excluded paths (what this project changes between
    /// versions); the <c>_etag</c> exclusion the service adds on its own is not a difference.
    /// </summary>
    public static bool SameIndexes(IndexingPolicy current, IndexingPolicy wanted)
    {
        static IEnumerable<string> Composites(IndexingPolicy p) =>
            p.CompositeIndexes.Select(index => string.Join(",", index.Select(path => $"{path.Path} {path.Order}"))).Order(StringComparer.Ordinal);
        static IEnumerable<string> Excluded(IndexingPolicy p) =>
            p.ExcludedPaths.Select(e => e.Path).Where(path => path != "/\"_etag\"/?").Order(StringComparer.Ordinal);
        return Composites(current).SequenceEqual(Composites(wanted)) && Excluded(current).SequenceEqual(Excluded(wanted));
    }

    // The SDK's IndexingPolicy is annotated for Newtonsoft.Json, which the SDK depends on anyway.
    public static IndexingPolicy Load() =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<IndexingPolicy>(ReadJson())
        ?? throw new InvalidOperationException("indexing-policy.json is empty");
}
