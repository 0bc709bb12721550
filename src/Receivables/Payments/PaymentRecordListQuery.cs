using Microsoft.Azure.Cosmos;
using Receivables.Api;

namespace Receivables.Payments;

/// <summary>The filters and order of <c>GET /payment_records</c> (spec 6.9), from the query string or a pagination token.</summary>
public sealed class PaymentRecordListQuery
{
    public static readonly string[] Parameters =
    [
        "order", "sort", "object_id", "object_id__in", "object_type", "is_external", "status",
        "created_at__gt", "created_at__lt", "paid_at__gt", "paid_at__lt",
    ];

    private readonly QueryFilter filter = new();
    private string orderBy = "c.created_at ASC";

    public static PaymentRecordListQuery Parse(IReadOnlyDictionary<string, string?> raw)
    {
        var q = new PaymentRecordListQuery();
        string? Get(string name) => raw.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var direction = QueryFilter.Direction(Get("order"));
        var sort = Get("sort") switch
        {
            null or "created_at" => "created_at",
            "paid_at" => "paid_at",
            "amount" => "amount",
            _ => throw Invalid("sort", "value is not a valid enumeration member; permitted: 'created_at', 'paid_at', 'amount'", "type_error.enum"),
        };
        q.orderBy = $"c.{sort} {direction}";
        if (Get("object_id") is { } id) q.filter.Add("c[\"object\"].id = {0}", Uuid("object_id", id));
        if (Get("object_id__in") is { } ids) q.filter.Add("ARRAY_CONTAINS({0}, c[\"object\"].id)", ids.Split(',').Select(i => Uuid("object_id__in", i)).ToArray());
        if (Get("object_type") is { } type)
        {
            if (type is not ("receivable" or "payable")) throw Invalid("object_type", "value is not a valid enumeration member; permitted: 'receivable', 'payable'", "type_error.enum");
            q.filter.Add("c[\"object\"].type = {0}", type);
        }
        if (Get("is_external") is { } external)
            q.filter.Add("c.is_external = {0}", external switch { "true" => true, "false" => false, _ => throw Invalid("is_external", "value could not be parsed to a boolean", "type_error.bool") });
        if (Get("status") is { } status)
        {
            if (status is not ("created" or "processing" or "succeeded" or "canceled"))
                throw Invalid("status", "value is not a valid enumeration member; permitted: 'created', 'processing', 'succeeded', 'canceled'", "type_error.enum");
            q.filter.Add("c.status = {0}", status);
        }
        foreach (var (suffix, op) in new[] { ("__gt", ">"), ("__lt", "<") })
        {
            if (Get("created_at" + suffix) is { } created) q.filter.Add($"c.created_at {op} {{0}}", Timestamp("created_at" + suffix, created));
            if (Get("paid_at" + suffix) is { } paid) q.filter.Add($"c.paid_at {op} {{0}}", Timestamp("paid_at" + suffix, paid));
        }
        return q;
    }

    public QueryDefinition ToQuery() => filter.ToQuery("SELECT * FROM c", "c.resource = @resource", orderBy, PaymentRecord.ResourceName);

    private static string Uuid(string field, string value) => QueryFilter.Uuid(field, value);

    private static string Timestamp(string field, string value) => QueryFilter.Timestamp(field, value);

    private static ValidationException Invalid(string field, string msg, string type) => QueryFilter.Invalid(field, msg, type);
}
