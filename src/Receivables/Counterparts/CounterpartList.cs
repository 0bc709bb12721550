using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary>
/// <c>GET /counterparts</c>: every filter and sort, declared. A person field lives under <c>organization</c> or
/// <c>individual</c>, so each such filter asks both.
/// </summary>
public static class CounterpartList
{
    /// <summary>Any text: these filters compare for equality and so never match a value too long to be stored.</summary>
    private static readonly ListValue AnyText = (_, raw) => raw;

    private const string PersonName = "CONCAT(c.individual.first_name, ' ', c.individual.last_name)";

    public static readonly ListDefinition Definition = new()
    {
        Name = "counterparts",
        Resource = Counterpart.ResourceName,
        MaxLimit = 100,
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["created_at"] = "created_at",
            // The name lives under two paths; its listing copy is the one value to sort on (CounterpartListing).
            ["counterpart_name"] = "listing.counterpart_name",
        },
        Filters =
        [
            Filters.Equal("type", ListValues.Enum("individual", "organization"), "c.type"),
            new("is_customer", ListValues.Bool, "(c.organization.is_customer = {0} OR c.individual.is_customer = {0})"),
            new("is_vendor", ListValues.Bool, "(c.organization.is_vendor = {0} OR c.individual.is_vendor = {0})"),
            new("email", AnyText, "(c.organization.email = {0} OR c.individual.email = {0})"),
            Filters.Equal("tax_id", AnyText, "c.tax_id"),
            // The legal name of an organization, "first last" of an individual.
            new("counterpart_name", AnyText, $"(c.organization.legal_name = {{0}} OR {PersonName} = {{0}})"),
            new("counterpart_name__icontains", (_, raw) => raw.ToLowerInvariant(),
                $"(CONTAINS(LOWER(c.organization.legal_name), {{0}}) OR CONTAINS(LOWER({PersonName}), {{0}}))"),
        ],
    };
}

/// <summary>
/// What the list sorts on that the document holds under two paths, copied flat: a storage-only part of every
/// counterpart, rewritten with it on every write (sub-resource writes included, they replace the document).
/// </summary>
public sealed record CounterpartListing(string CounterpartName)
{
    public static CounterpartListing Of(Counterpart counterpart) => new(counterpart.Name);
}
