using System.Globalization;
using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Products;

/// <summary>
/// The filters, sort and order of <c>GET /products</c> (spec 6.4), read from the query string or from a
/// pagination token (which carries them as the raw strings of the first request; list values comma-joined).
/// </summary>
public sealed class ProductListQuery
{
    /// <summary>Every query parameter the list understands besides <c>limit</c> and <c>pagination_token</c>.</summary>
    public static readonly string[] Parameters =
    [
        "order", "sort", "type", "currency", "currency__in", "name", "name__contains", "name__icontains", "measure_unit_id",
        "price", "price__gt", "price__lt", "price__gte", "price__lte", "id__in",
        "created_at__gt", "created_at__lt", "created_at__gte", "created_at__lte",
    ];

    private static readonly (string Suffix, string Operator)[] Comparisons = [("", "="), ("__gt", ">"), ("__lt", "<"), ("__gte", ">="), ("__lte", "<=")];

    private readonly QueryFilter filter = new();
    private string orderBy = "c.created_at ASC";

    /// <summary>Validates every value (422 with its <c>["query", name]</c> location) and builds the conditions.</summary>
    public static ProductListQuery Parse(IReadOnlyDictionary<string, string?> raw)
    {
        var q = new ProductListQuery();
        string? Get(string name) => raw.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

        var direction = QueryFilter.Direction(Get("order"));
        var sortField = Get("sort") switch
        {
            null => "created_at",
            "name" => "name",
            _ => throw Invalid("sort", "value is not a valid enumeration member; permitted: 'name'", "type_error.enum"),
        };
        q.orderBy = $"c.{sortField} {direction}";

        if (Get("type") is { } type)
        {
            if (type is not ("product" or "service")) throw Invalid("type", "value is not a valid enumeration member; permitted: 'product', 'service'", "type_error.enum");
            q.Add("c.type = {0}", type);
        }
        if (Get("currency") is { } currency) q.Add("c.price.currency = {0}", Currency("currency", currency));
        if (Get("currency__in") is { } currencies) q.Add("ARRAY_CONTAINS({0}, c.price.currency)", currencies.Split(',').Select(c => Currency("currency__in", c)).ToArray());
        if (Get("name") is { } name) q.Add("c.name = {0}", Name("name", name));
        if (Get("name__contains") is { } contains) q.Add("CONTAINS(c.name, {0})", Name("name__contains", contains));
        // LOWER on both sides: the two-argument CONTAINS is the portable form (the test server lacks the ignore-case flag).
        if (Get("name__icontains") is { } icontains) q.Add("CONTAINS(LOWER(c.name), {0})", Name("name__icontains", icontains).ToLowerInvariant());
        if (Get("measure_unit_id") is { } unit) q.Add("c.measure_unit_id = {0}", Uuid("measure_unit_id", unit));
        if (Get("id__in") is { } ids) q.Add("ARRAY_CONTAINS({0}, c.id)", ids.Split(',').Select(id => Uuid("id__in", id)).ToArray());
        foreach (var (suffix, op) in Comparisons)
        {
            if (Get("price" + suffix) is { } price) q.Add($"c.price[\"value\"] {op} {{0}}", Amount("price" + suffix, price));
            if (suffix.Length > 0 && Get("created_at" + suffix) is { } at) q.Add($"c.created_at {op} {{0}}", Timestamp("created_at" + suffix, at));
        }
        return q;
    }

    public QueryDefinition ToQuery(string resource) => filter.ToQuery("SELECT * FROM c", "c.resource = @resource", orderBy, resource);

    private void Add(string condition, object value) => filter.Add(condition, value);

    private static string Currency(string field, string value) =>
        Codes.Currencies.Contains(value) ? value : throw Invalid(field, "value is not a valid enumeration member (ISO 4217)", "type_error.enum");

    private static string Name(string field, string value) =>
        value.Length <= 100 ? value : throw Invalid(field, "ensure this value has at most 100 characters", "value_error.any_str.max_length");

    private static string Uuid(string field, string value) => QueryFilter.Uuid(field, value);

    private static long Amount(string field, string value)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            throw Invalid(field, "value is not a valid integer", "type_error.integer");
        return amount <= Money.MaxAmount ? amount : throw Invalid(field, $"ensure this value is less than or equal to {Money.MaxAmount}", "value_error.number.not_le");
    }

    private static string Timestamp(string field, string value) => QueryFilter.Timestamp(field, value);

    private static ValidationException Invalid(string field, string msg, string type) => QueryFilter.Invalid(field, msg, type);
}
