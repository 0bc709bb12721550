using System.Text.Json;
using Receivables.Api;

namespace Receivables.Documents;

/// <summary><c>GET /receivables</c> and <c>POST /receivables/search</c> (spec 3.1, 3.2): every filter and sort, declared.</summary>
public static class ReceivableList
{
    /// <summary>Spec 3.1's status filter values (every status but <c>deleted</c>; some never occur here and simply match nothing).</summary>
    private static readonly ListValue Status = ListValues.Enum(
        "draft", "issuing", "issued", "failed", "accepted", "expired", "declined", "recurring", "partially_paid", "paid", "overdue", "uncollectible", "canceled");

    private static readonly ListValue Name = ListValues.Text(255);

    public static readonly ListDefinition Definition = new()
    {
        Name = "receivables",
        Resource = Receivable.ResourceName,
        MaxLimit = 250,
        // Nullable fields sort on their ReceivableListing copy, where null is "" (first in ascending order).
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["created_at"] = "created_at",
            ["counterpart_name"] = "listing.counterpart_name",
            ["counterpart_id"] = "counterpart_id",
            ["amount"] = "total_amount",
            ["total_amount"] = "total_amount",
            ["discounted_subtotal"] = "discounted_subtotal",
            ["status"] = "status",
            ["due_date"] = "listing.due_date",
            ["issue_date"] = "listing.issue_date",
            ["document_id"] = "listing.document_id",
            ["project_id"] = "listing.project_id",
        },
        Filters =
        [
            Filters.Equal("type", ListValues.Enum("quote", "invoice", "credit_note"), "c.type"),
            Filters.In("id__in", ListValues.Uuid, "c.id"),
            Filters.Equal("status", Status, "c.status"),
            Filters.In("status__in", Status, "c.status"),
            Filters.Equal("entity_user_id", ListValues.Uuid, "c.entity_user_id"),
            Filters.In("entity_user_id__in", ListValues.Uuid, "c.entity_user_id"),
            Filters.Equal("counterpart_id", ListValues.Uuid, "c.counterpart_id"),
            .. Filters.Text("counterpart_name", Name, "c.counterpart_name"),
            .. Filters.Text("document_id", Name, "c.document_id"),
            // A draft has no issue date, so issue-date filters match issued documents only.
            .. Filters.Compare("issue_date", ListValues.Timestamp, "c.issue_date"),
            .. Filters.Compare("created_at", ListValues.Timestamp, "c.created_at"),
            .. Filters.Compare("due_date", ListValues.Date, "c.due_date", also: "c.type = 'invoice' AND c.status != 'draft'"),
            .. Filters.Compare("total_amount", ListValues.Amount, "c.total_amount", exact: true),
            .. Filters.Compare("discounted_subtotal", ListValues.Amount, "c.discounted_subtotal", exact: true),
            Filters.Equal("based_on", ListValues.Uuid, "c.based_on"),
            Filters.Equal("project_id", ListValues.Uuid, "c.project_id"),
            Filters.In("project_id__in", ListValues.Uuid, "c.project_id"),
            Filters.HasAll("tag_ids", ListValues.Uuid, "c.listing.tag_ids"),
            Filters.HasAny("tag_ids__in", ListValues.Uuid, "c.listing.tag_ids"),
            Filters.HasAll("product_ids", ListValues.Uuid, "c.listing.product_ids"),
            Filters.HasAny("product_ids__in", ListValues.Uuid, "c.listing.product_ids"),
        ],
        // Monite's invoice guide filters on amount__gte: its older name of total_amount__gte.
        Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["amount"] = "total_amount",
            ["amount__gt"] = "total_amount__gt",
            ["amount__gte"] = "total_amount__gte",
            ["amount__lt"] = "total_amount__lt",
            ["amount__lte"] = "total_amount__lte",
        },
    };
}

/// <summary>
/// What lists sort and filter on that the document holds as null or deep inside, copied flat and never null: a
/// storage-only part of every receivable, rewritten with it on every write. Nulls become "" so that each sort field
/// has one type and an order with no gaps (keyset pagination compares values; null compares with nothing). Tag and
/// product ids are lifted out of the tags and line items, which are not indexed.
/// </summary>
public sealed record ReceivableListing(
    string CounterpartName, string DocumentId, string IssueDate, string DueDate, string ProjectId, IReadOnlyList<string> TagIds, IReadOnlyList<string> ProductIds)
{
    public static ReceivableListing Of(Receivable doc) => new(
        doc.CounterpartName ?? "",
        doc.DocumentId ?? "",
        doc.IssueDate is { } issued ? UtcTimestampConverter.Format(issued) : "",
        doc is Invoice { DueDate: { } due } ? due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "",
        doc.ProjectId?.ToString() ?? "",
        doc.Tags.Select(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().Distinct().ToList(),
        doc.LineItems.Select(l => l.Product.Id.ToString()).Distinct().ToList());
}
