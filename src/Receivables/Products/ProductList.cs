using System.Globalization;
using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Products;

/// <summary><c>GET /products</c> (spec 6.4): every filter and sort, declared.</summary>
public static class ProductList
{
    private static readonly ListValue Name = ListValues.Text(100);

    /// <summary>A price in minor units: never negative (a sign is not a valid integer here, as before).</summary>
    private static readonly ListValue Price = (p, raw) =>
    {
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            throw ListValues.Invalid(p, "value is not a valid integer", "type_error.integer");
        return amount <= Money.MaxAmount ? amount : throw ListValues.Invalid(p, $"ensure this value is less than or equal to {Money.MaxAmount}", "value_error.number.not_le");
    };

    public static readonly ListDefinition Definition = new()
    {
        Name = "products",
        Resource = Product.ResourceName,
        MaxLimit = 100,
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["created_at"] = "created_at",
            // Required on create and never cleared by a PATCH: never null.
            ["name"] = "name",
        },
        Filters =
        [
            Filters.Equal("type", ListValues.Enum("product", "service"), "c.type"),
            Filters.Equal("currency", ListValues.Currency, "c.price.currency"),
            Filters.In("currency__in", ListValues.Currency, "c.price.currency"),
            .. Filters.Text("name", Name, "c.name"),
            Filters.Equal("measure_unit_id", ListValues.Uuid, "c.measure_unit_id"),
            Filters.In("id__in", ListValues.Uuid, "c.id"),
            .. Filters.Compare("price", Price, "c.price[\"value\"]", exact: true),
            .. Filters.Compare("created_at", ListValues.Timestamp, "c.created_at"),
        ],
    };
}
