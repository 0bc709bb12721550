using Receivables.Api;

namespace Receivables.Payments;

/// <summary><c>GET /payment_records</c> (spec 6.9): every filter and sort, declared.</summary>
public static class PaymentRecordList
{
    public static readonly ListDefinition Definition = new()
    {
        Name = "payment_records",
        Resource = PaymentRecord.ResourceName,
        MaxLimit = 100,
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["created_at"] = "created_at",
            // A planned (created or processing) payment has no paid_at yet: it sorts on its listing copy, where null is "".
            ["paid_at"] = "listing.paid_at",
            ["amount"] = "amount",
        },
        Filters =
        [
            Filters.Equal("object_id", ListValues.Uuid, "c[\"object\"].id"),
            Filters.In("object_id__in", ListValues.Uuid, "c[\"object\"].id"),
            Filters.Equal("object_type", ListValues.Enum("receivable", "payable"), "c[\"object\"].type"),
            Filters.Equal("is_external", ListValues.Bool, "c.is_external"),
            Filters.Equal("status", ListValues.Enum("created", "processing", "succeeded", "canceled"), "c.status"),
            // Strict bounds only, as documented for this list.
            .. Filters.Compare("created_at", ListValues.Timestamp, "c.created_at").Where(Strict),
            .. Filters.Compare("paid_at", ListValues.Timestamp, "c.paid_at").Where(Strict),
        ],
    };

    private static bool Strict(ListFilter filter) => filter.Name.EndsWith("__gt", StringComparison.Ordinal) || filter.Name.EndsWith("__lt", StringComparison.Ordinal);
}

/// <summary>
/// What the list sorts on that the record holds as null, copied never null (storage only, rewritten with the record):
/// keyset pagination compares values, and null compares with nothing.
/// </summary>
public sealed record PaymentRecordListing(string PaidAt)
{
    public static PaymentRecordListing Of(PaymentRecord record) =>
        new(record.PaidAt is { } paid ? UtcTimestampConverter.Format(paid) : "");
}
