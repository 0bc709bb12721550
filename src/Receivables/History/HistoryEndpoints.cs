using Receivables.Api;
using Receivables.Documents;
using Receivables.Store;

namespace Receivables.History;

/// <summary><c>GET /receivables/{id}/history</c> and <c>GET /receivables/{id}/history/{history_id}</c> (spec 3.15).</summary>
public static class HistoryEndpoints
{
    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var receivableId = request.PathId("receivable_id");
        var limit = ListQuery.Limit(request, 100);
        var token = request.Query("pagination_token") is { Length: > 0 } t ? PaginationToken.Decode(t) : null;
        var raw = token?.Query ?? HistoryListQuery.Parameters.ToDictionary(
            name => name, name => request.Http.Request.Query.TryGetValue(name, out var values) ? string.Join(',', values.ToArray()) : null);
        var query = HistoryListQuery.Parse(raw);
        var store = request.Service<DocumentStore>();
        var (items, continuation) = await store.QueryPageAsync<ReceivableHistoryRecord>(query.ToQuery(receivableId), request.EntityId, limit, token?.Continuation, request.Aborted);
        // Every receivable has at least its creation event: an empty first page means no such receivable (one more read only then).
        if (items.Count == 0 && token is null) await request.Service<ReceivableOperations>().GetAsync(request.EntityId, receivableId, request.Aborted);
        var next = continuation is null ? null : new PaginationToken(continuation, raw.Where(p => p.Value is not null).ToDictionary()).Encode();
        return ApiResponse.Ok(new Page<ReceivableHistoryRecord>(items, null, next));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var receivableId = request.PathId("receivable_id");
        var historyId = request.PathId("receivable_history_id");
        var record = await request.Service<DocumentStore>().ReadAsync<ReceivableHistoryRecord>(request.EntityId, historyId.ToString(), ReceivableHistoryRecord.ResourceName, request.Aborted);
        if (record is null || record.Document.ReceivableId != receivableId)
            throw new ResourceNotFoundException($"History record {historyId} of receivable {receivableId} was not found");
        return ApiResponse.Ok(record.Document);
    }
}
