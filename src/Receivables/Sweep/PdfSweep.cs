using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Receivables.Documents;
using Receivables.Pdfs;
using Receivables.Store;

namespace Receivables.Sweep;

/// <summary>What one run of the PDF sweep did.</summary>
public sealed record PdfSweepReport(int Found, int Rendered, int Failed);

/// <summary>
/// The last of the three chances a pending PDF gets (after issue's own attempt and the next <c>pdf_link</c>): issued
/// documents whose current revision has no stored files are rendered, at most <see cref="MaxPerRun"/> a run, each
/// within <see cref="PerDocument"/>. Runs after the due-date sweep on the same timer. Safe beside concurrent
/// <c>pdf_link</c> requests: files are create-only and the revision is recorded with a conditional update.
/// </summary>
public sealed partial class PdfSweep(DocumentStore store, ReceivablePdfs pdfs, ILogger<PdfSweep> log)
{
    public const int MaxPerRun = 50;
    public static readonly TimeSpan PerDocument = TimeSpan.FromSeconds(30);

    private sealed record Candidate(string Id, Guid EntityId);

    public async Task<PdfSweepReport> RunAsync(CancellationToken ct)
    {
        // pdf.is_rendered is written with every document (derived from pdf.current and pdf.rendered) and indexed.
        var query = new QueryDefinition(
            $"SELECT TOP {MaxPerRun} c.id, c.entity_id FROM c WHERE c.resource = @resource AND c.status != 'draft' AND c.pdf.is_rendered = false")
            .WithParameter("@resource", Receivable.ResourceName);
        var (page, _) = await store.QueryPageAsync<Candidate>(query, null, MaxPerRun, null, ct);
        int rendered = 0, failed = 0;
        foreach (var candidate in page)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(PerDocument);
            try
            {
                var stored = await store.ReadAsync<Receivable>(candidate.EntityId, candidate.Id, Receivable.ResourceName, deadline.Token);
                if (stored is null || !ReceivablePdfs.IsPending(stored.Document)) continue;
                await pdfs.RenderPendingAsync(stored, null, deadline.Token);
                rendered++;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // Left pending: the next run (or a pdf_link) tries again.
                failed++;
                LogFailed(log, e, candidate.Id);
            }
        }
        LogRun(log, page.Count, rendered, failed);
        return new PdfSweepReport(page.Count, rendered, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF sweep: {Found} pending, {Rendered} stored, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int found, int rendered, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF sweep could not store the PDF of {Id}; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string id);
}
