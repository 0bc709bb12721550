using System.Globalization;
using Microsoft.Azure.Cosmos;

namespace Receivables.History;

/// <summary>
/// The filters and order of <c>GET /receivables/{id}/history</c> (spec 3.15), read from the query string or from a
/// pagination token (which carries them as raw strings; repeated values comma-joined).
/// </summary>
public sealed class HistoryListQuery
{
    public static readonly string[] Parameters =
        ["order", "sort", "event_type__in", "entity_user_id__in", "timestamp__gt", "timestamp__gte", "timestamp__lt", "timestamp__lte"];

    private static readonly (string Suffix, string Operator)[] Comparisons = [("__gt", ">"), ("__gte", ">="), ("__lt", "<"), ("__lte", "<=")];

    private readonly List<string> conditions = [];
    private readonly List<(string Name, object Value)> parameters = [];
    private string order = "ASC";

    public static HistoryListQuery Parse(IReadOnlyDictionary<string, string?> raw)
    {
        var q = new HistoryListQuery();
        string? Get(string name) => raw.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        q.order = Get("order") switch
        {
            null or "asc" => "ASC",
            "desc" => "DESC",
            _ => throw Invalid("order", "value is not a valid enumeration member; permitted: 'asc', 'desc'", "type_error.enum"),
        };
        if (Get("sort") is { } sort && sort != "timestamp")
            throw Invalid("sort", "value is not a valid enumeration member; permitted: 'timestamp'", "type_error.enum");
        if (Get("event_type__in") is { } types)
        {
            var list = types.Split(',');
            if (list.FirstOrDefault(t => !ReceivableHistoryRecord.EventTypes.All.Contains(t)) is { } bad)
                throw Invalid("event_type__in", $"value '{bad}' is not a valid enumeration member; permitted: {string.Join(", ", ReceivableHistoryRecord.EventTypes.All.Select(t => $"'{t}'"))}", "type_error.enum");
            q.Add("ARRAY_CONTAINS({0}, c.event_type)", list);
        }
        if (Get("entity_user_id__in") is { } users)
            q.Add("ARRAY_CONTAINS({0}, c.entity_user_id)", users.Split(',').Select(u => Guid.TryParse(u, out var g) ? g.ToString() : throw Invalid("entity_user_id__in", "value is not a valid uuid", "type_error.uuid")).ToArray());
        foreach (var (suffix, op) in Comparisons)
        {
            if (Get("timestamp" + suffix) is not { } value) continue;
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw Invalid("timestamp" + suffix, "invalid datetime format", "value_error.datetime");
            // Stored timestamps are fixed-width UTC strings: comparing the same form compares times.
            q.Add($"c.timestamp {op} {{0}}", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }
        return q;
    }

    /// <summary>One receivable's events; ties in time are ordered by id so pages never overlap.</summary>
    public QueryDefinition ToQuery(Guid receivableId)
    {
        var sql = "SELECT * FROM c WHERE c.resource = @resource AND c.receivable_id = @receivable"
            + string.Concat(conditions.Select(c => " AND " + c))
            + $" ORDER BY c.timestamp {order}";
        var query = new QueryDefinition(sql).WithParameter("@resource", ReceivableHistoryRecord.ResourceName).WithParameter("@receivable", receivableId.ToString());
        foreach (var (name, value) in parameters) query = query.WithParameter(name, value);
        return query;
    }

    private void Add(string condition, object value)
    {
        var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        conditions.Add(string.Format(CultureInfo.InvariantCulture, condition, name));
    }

    private static ValidationException Invalid(string field, string msg, string type) => ValidationException.Of(["query", field], msg, type);
}
