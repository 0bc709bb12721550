using System.Globalization;
using Microsoft.Azure.Cosmos;

namespace Receivables.Payments;

/// <summary>The filters and order of <c>GET /payment_records</c> (spec 6.9), from the query string or a pagination token.</summary>
public sealed class PaymentRecordListQuery
{
    public static readonly string[] Parameters =
    [
        "order", "sort", "object_id", "object_id__in", "object_type", "is_external", "status",
        "created_at__gt", "created_at__lt", "paid_at__gt", "paid_at__lt",
    ];

    private readonly List<string> conditions = [];
    private readonly List<(string Name, object Value)> parameters = [];
    private string orderBy = "c.created_at ASC";

    public static PaymentRecordListQuery Parse(IReadOnlyDictionary<string, string?> raw)
    {
        var q = new PaymentRecordListQuery();
        string? Get(string name) => raw.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var direction = Get("order") switch
        {
            null or "asc" => "ASC",
            "desc" => "DESC",
            _ => throw Invalid("order", "value is not a valid enumeration member; permitted: 'asc', 'desc'", "type_error.enum"),
        };
        var sort = Get("sort") switch
        {
            null or "created_at" => "created_at",
            "paid_at" => "paid_at",
            "amount" => "amount",
            _ => throw Invalid("sort", "value is not a valid enumeration member; permitted: 'created_at', 'paid_at', 'amount'", "type_error.enum"),
        };
        q.orderBy = $"c.{sort} {direction}";
        if (Get("object_id") is { } id) q.Add("c[\"object\"].id = {0}", Uuid("object_id", id));
        if (Get("object_id__in") is { } ids) q.Add("ARRAY_CONTAINS({0}, c[\"object\"].id)", ids.Split(',').Select(i => Uuid("object_id__in", i)).ToArray());
        if (Get("object_type") is { } type)
        {
            if (type is not ("receivable" or "payable")) throw Invalid("object_type", "value is not a valid enumeration member; permitted: 'receivable', 'payable'", "type_error.enum");
            q.Add("c[\"object\"].type = {0}", type);
        }
        if (Get("is_external") is { } external)
            q.Add("c.is_external = {0}", external switch { "true" => true, "false" => false, _ => throw Invalid("is_external", "value could not be parsed to a boolean", "type_error.bool") });
        if (Get("status") is { } status)
        {
            if (status is not ("created" or "processing" or "succeeded" or "canceled"))
                throw Invalid("status", "value is not a valid enumeration member; permitted: 'created', 'processing', 'succeeded', 'canceled'", "type_error.enum");
            q.Add("c.status = {0}", status);
        }
        foreach (var (suffix, op) in new[] { ("__gt", ">"), ("__lt", "<") })
        {
            if (Get("created_at" + suffix) is { } created) q.Add($"c.created_at {op} {{0}}", Timestamp("created_at" + suffix, created));
            if (Get("paid_at" + suffix) is { } paid) q.Add($"c.paid_at {op} {{0}}", Timestamp("paid_at" + suffix, paid));
        }
        return q;
    }

    public QueryDefinition ToQuery()
    {
        var sql = "SELECT * FROM c WHERE c.resource = @resource" + string.Concat(conditions.Select(c => " AND " + c)) + " ORDER BY " + orderBy;
        var query = new QueryDefinition(sql).WithParameter("@resource", PaymentRecord.ResourceName);
        foreach (var (name, value) in parameters) query = query.WithParameter(name, value);
        return query;
    }

    private void Add(string condition, object value)
    {
        var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        conditions.Add(string.Format(CultureInfo.InvariantCulture, condition, name));
    }

    private static string Uuid(string field, string value) =>
        Guid.TryParse(value, out var id) ? id.ToString() : throw Invalid(field, "value is not a valid uuid", "type_error.uuid");

    private static string Timestamp(string field, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)
            : throw Invalid(field, "invalid datetime format", "value_error.datetime");

    private static ValidationException Invalid(string field, string msg, string type) => ValidationException.Of(["query", field], msg, type);
}
