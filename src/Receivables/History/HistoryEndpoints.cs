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
        var list = request.Service<ListReader>().FromQuery(request, HistoryList.Definition, HistoryList.Scope(request.EntityId, receivableId));
        var page = await request.Service<ListReader>().PageAsync<ReceivableHistoryRecord>(list, request.Aborted);
        // Every receivable has at least its creation event: an empty first page means no such receivable (one more read only then).
        if (page.Data.Count == 0 && list.Cursor is null) await request.Service<ReceivableOperations>().GetAsync(request.EntityId, receivableId, request.Aborted);
        await LinkAsync(request, receivableId, page.Data);
        return ApiResponse.Ok(page);
    }

    /// <summary>
    /// <c>current_pdf_url</c>: a link to the revision current at each event, once that revision is stored. Which ones are
    /// stored is on the receivable: one point read, and only when a record of the page shows a PDF at all.
    /// </summary>
    private static async Task LinkAsync(ApiRequest request, Guid receivableId, IReadOnlyList<ReceivableHistoryRecord> records)
    {
        if (!records.Any(r => r.PdfRevision is > 0)) return;
        var doc = (await request.Service<DocumentStore>().ReadAsync<Receivable>(request.EntityId, receivableId.ToString(), Receivable.ResourceName, request.Aborted))?.Document;
        if (doc is null) return;
        var signer = await request.Service<Pdfs.ReceivablePdfs>().SignerAsync(request.Aborted);
        foreach (var record in records)
            record.CurrentPdfUrl = record.PdfRevision is { } revision ? Pdfs.ReceivablePdfs.LinkTo(signer, doc, revision, doc.FileLanguage) : null;
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var receivableId = request.PathId("receivable_id");
        var historyId = request.PathId("receivable_history_id");
        var record = await request.Service<DocumentStore>().ReadAsync<ReceivableHistoryRecord>(request.EntityId, historyId.ToString(), ReceivableHistoryRecord.ResourceName, request.Aborted);
        if (record is null || record.Document.ReceivableId != receivableId)
            throw new ResourceNotFoundException($"History record {historyId} of receivable {receivableId} was not found");
        await LinkAsync(request, receivableId, [record.Document]);
        return ApiResponse.Ok(record.Document);
    }
}
