using Microsoft.Azure.Cosmos;
using Receivables.Api;

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

    private readonly QueryFilter filter = new();
    private string order = "ASC";

    public static HistoryListQuery Parse(IReadOnlyDictionary<string, string?> raw)
    {
        var q = new HistoryListQuery();
        string? Get(string name) => raw.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        q.order = QueryFilter.Direction(Get("order"));
        if (Get("sort") is { } sort && sort != "timestamp")
            throw Invalid("sort", "value is not a valid enumeration member; permitted: 'timestamp'", "type_error.enum");
        if (Get("event_type__in") is { } types)
        {
            var list = types.Split(',');
            if (list.FirstOrDefault(t => !ReceivableHistoryRecord.EventTypes.All.Contains(t)) is { } bad)
                throw Invalid("event_type__in", $"value '{bad}' is not a valid enumeration member; permitted: {string.Join(", ", ReceivableHistoryRecord.EventTypes.All.Select(t => $"'{t}'"))}", "type_error.enum");
            q.filter.Add("ARRAY_CONTAINS({0}, c.event_type)", list);
        }
        if (Get("entity_user_id__in") is { } users)
            q.filter.Add("ARRAY_CONTAINS({0}, c.entity_user_id)", users.Split(',').Select(u => QueryFilter.Uuid("entity_user_id__in", u)).ToArray());
        foreach (var (suffix, op) in Comparisons)
        {
            if (Get("timestamp" + suffix) is not { } value) continue;
            q.filter.Add($"c.timestamp {op} {{0}}", QueryFilter.Timestamp("timestamp" + suffix, value));
        }
        return q;
    }

    /// <summary>One receivable's events, in time order.</summary>
    public QueryDefinition ToQuery(Guid receivableId) =>
        filter.ToQuery("SELECT * FROM c", "c.resource = @resource AND c.receivable_id = @receivable", $"c.timestamp {order}",
            ReceivableHistoryRecord.ResourceName, ("@receivable", receivableId.ToString()));

    private static ValidationException Invalid(string field, string msg, string type) => QueryFilter.Invalid(field, msg, type);
}
