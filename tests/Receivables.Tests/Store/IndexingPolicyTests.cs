using System.Collections.ObjectModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Store;

namespace Receivables.Tests.Store;

/// <summary>
/// The indexing policy against the lists that query with it: every sort has the composite index its ORDER BY needs
/// (Cosmos DB refuses the query without one), no path a list filters or sorts on is excluded from indexing, and no
/// composite index is kept that no list uses (each costs every write).
/// </summary>
public sealed partial class IndexingPolicyTests
{
    private static readonly IndexingPolicy Policy = IndexingPolicyFile.Load();

    public static IEnumerable<object[]> Lists() => Definitions().Select(d => new object[] { d.Name });

    private static List<ListDefinition> Definitions() =>
        typeof(ListDefinition).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(ListDefinition))
            .Select(f => (ListDefinition)f.GetValue(null)!)
            .ToList();

    private static ListDefinition Definition(string name) => Definitions().Single(d => d.Name == name);

    private static string Path(string dotted) => "/" + dotted.Replace('.', '/');

    private static bool Serves(Collection<CompositePath> index, string sortPath)
    {
        string[] wanted = ["/resource", Path(sortPath), "/id"];
        if (index.Count != 3 || !index.Select(p => p.Path).SequenceEqual(wanted)) return false;
        // One composite index serves its own order and the exact reverse on every path.
        return index.All(p => p.Order == CompositePathSortOrder.Ascending) || index.All(p => p.Order == CompositePathSortOrder.Descending);
    }

    [Fact]
    public void the_lists_are_found() => Assert.Contains(Definitions(), d => d.Name == "receivables");

    [Theory]
    [MemberData(nameof(Lists))]
    public void every_sort_has_its_composite_index(string list)
    {
        foreach (var (sort, path) in Definition(list).Sorts)
            Assert.True(Policy.CompositeIndexes.Any(i => Serves(i, path)), $"{list}: sort '{sort}' ({path}) needs the composite index (/resource, {Path(path)}, /id)");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void every_filtered_and_sorted_path_is_indexed(string list)
    {
        var definition = Definition(list);
        var paths = definition.Filters.SelectMany(f => FieldPath().Matches(f.Condition).Select(m => m.Groups["dotted"].Value.Replace('.', '/')))
            .Concat(definition.Sorts.Values.Select(Path))
            .Distinct();
        foreach (var path in paths) Assert.True(IndexingPolicyFile.IsIndexed(Policy, path), $"{list}: {path} is filtered or sorted on but excluded from indexing");
    }

    [Fact]
    public void no_composite_index_is_unused()
    {
        var sorts = Definitions().SelectMany(d => d.Sorts.Values).Distinct().ToList();
        foreach (var index in Policy.CompositeIndexes)
            Assert.True(sorts.Any(s => Serves(index, s)), $"composite index ({string.Join(", ", index.Select(p => $"{p.Path} {p.Order}"))}) serves no list's sort");
    }

    [Fact]
    public void the_exclusion_rules_mean_what_cosmos_means()
    {
        Assert.False(IndexingPolicyFile.IsIndexed(Policy, "/line_items/product/name"));
        Assert.False(IndexingPolicyFile.IsIndexed(Policy, "/memo"));
        Assert.True(IndexingPolicyFile.IsIndexed(Policy, "/memo_other"));
        Assert.True(IndexingPolicyFile.IsIndexed(Policy, "/listing/product_ids"));
        Assert.True(IndexingPolicyFile.IsIndexed(Policy, "/status"));
    }

    [GeneratedRegex(@"\bc(?<dotted>(\.[a-z_]+)+)")]
    private static partial Regex FieldPath();
}
