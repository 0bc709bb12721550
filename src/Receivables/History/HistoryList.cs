using Receivables.Api;

namespace Receivables.History;

/// <summary><c>GET /receivables/{id}/history</c> (spec 3.15): every filter and sort, declared.</summary>
public static class HistoryList
{
    public static readonly ListDefinition Definition = new()
    {
        Name = "receivable_history",
        Resource = ReceivableHistoryRecord.ResourceName,
        MaxLimit = 100,
        Sorts = new Dictionary<string, string>(StringComparer.Ordinal) { ["timestamp"] = "timestamp" },
        DefaultSort = "timestamp",
        Filters =
        [
            Filters.In("event_type__in", ListValues.Enum(ReceivableHistoryRecord.EventTypes.All), "c.event_type"),
            Filters.In("entity_user_id__in", ListValues.Uuid, "c.entity_user_id"),
            .. Filters.Compare("timestamp", ListValues.Timestamp, "c.timestamp"),
        ],
    };

    /// <summary>
    /// One receivable's events: the receivable is a condition of every page, and its id is part of the owner, so a
    /// token of one receivable's history is refused on another's.
    /// </summary>
    public static ListScope Scope(Guid entityId, Guid receivableId) =>
        new(entityId, $"{entityId}/receivable/{receivableId}", ("c.receivable_id = {0}", receivableId.ToString()));
}
