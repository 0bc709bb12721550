using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Store;

/// <summary>
/// What a stored document costs to index under a policy: its values in the range index (every scalar, array elements
/// included, that no excluded path covers) and its entries in the composite indexes (one per composite index). A
/// write's request charge grows with these terms (Cosmos DB: "the number of indexed properties"), so their count
/// is the write cost measured here, where no request charge is computed.
/// </summary>
internal static class IndexCost
{
    public static (int Values, int Indexed, int Composite) Of(JsonNode document, IndexingPolicy policy)
    {
        var values = 0;
        var indexed = 0;
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o) Walk(child, $"{path}/{name}");
                    break;
                case JsonArray a:
                    foreach (var child in a) Walk(child, path);
                    break;
                default:
                    values++;
                    if (IndexingPolicyFile.IsIndexed(policy, path)) indexed++;
                    break;
            }
        }
        Walk(document, "");
        return (values, indexed, policy.CompositeIndexes.Count);
    }

    public static void Print(string label, JsonObject stored, IndexingPolicy policy)
    {
        var (values, indexed, composite) = Of(stored, policy);
        Console.WriteLine($"{label}: {System.Text.Encoding.UTF8.GetByteCount(stored.ToJsonString()):N0} bytes; {indexed} of {values} values range-indexed; {composite} composite index entries; {indexed + composite} index terms in all");
    }
}
