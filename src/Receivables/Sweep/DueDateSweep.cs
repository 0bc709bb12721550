using System.Globalization;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Receivables.History;
using Receivables.Documents;
using Receivables.Store;

namespace Receivables.Sweep;

/// <summary>What one run of the sweep did.</summary>
/// <param name="Queries">Query pages read (each two round trips: the gateway's query plan for a cross-partition query, then the page).</param>
/// <param name="Moved">Documents moved to <c>overdue</c> or <c>expired</c> (each one batch).</param>
/// <param name="Skipped">Candidates another writer changed first (a payment that landed between query and write).</param>
public sealed record SweepReport(int Queries, int Moved, int Skipped, int Failed);

/// <summary>
/// The time-based transitions (spec 5.5): issued and partially paid invoices whose <c>due_date</c> is before today (UTC)
/// become <c>overdue</c>; issued quotes past <c>expiry_date</c> become <c>expired</c>. Run by the Functions timer and by
/// the Kestrel host on the schedule in <c>Sweep:Schedule</c>.
/// <para>
/// Candidates come from one indexed query across partitions, a page at a time. Each is moved by a patch whose filter
/// re-states the rule (still in that status, still past the date) in a batch with its history event, so a payment
/// that lands first always wins, nothing is half-written, and a second run changes nothing. Moved documents drop out
/// of the query, so every page is read from the start: no continuation over a result set that the sweep itself shrinks.
/// The work is one query page (and its query plan) per <see cref="PageSize"/> candidates and one batch per candidate,
/// whatever the number of documents that are not due (measured: README, "Measured for the due-date sweep").
/// </para>
/// </summary>
public sealed partial class DueDateSweep(DocumentStore store, TimeProvider clock, ILogger<DueDateSweep> log)
{
    public const int PageSize = 100;

    private sealed record Candidate(string Id, Guid EntityId, ReceivableType Type, ReceivableStatus Status, DateOnly? DueDate, DateOnly? ExpiryDate,
        long? AmountDue, DateTimeOffset? IssueDate, PaymentTermsSnapshot? PaymentTerms, PdfRevisions? Pdf);

    public async Task<SweepReport> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = new QueryDefinition(
            $"SELECT TOP {PageSize} c.id, c.entity_id, c.type, c.status, c.due_date, c.expiry_date, c.amount_due, c.issue_date, c.payment_terms, c.pdf FROM c WHERE c.resource = @resource AND (" +
            "(c.type = 'invoice' AND (c.status = 'issued' OR c.status = 'partially_paid') AND c.due_date < @today) OR " +
            "(c.type = 'quote' AND c.status = 'issued' AND c.expiry_date < @today))")
            .WithParameter("@resource", Receivable.ResourceName).WithParameter("@today", day);

        int queries = 0, moved = 0, skipped = 0, failed = 0;
        var given = new HashSet<string>();
        while (true)
        {
            var (page, _) = await store.QueryPageAsync<Candidate>(query, null, PageSize, null, ct);
            queries++;
            var progress = 0;
            foreach (var candidate in page)
            {
                // A candidate that could not be moved (a store fault) is tried once per run, then left for the next run.
                if (!given.Add(candidate.Id)) continue;
                progress++;
                switch (await MoveAsync(candidate, today, day, now, ct))
                {
                    case true: moved++; break;
                    case false: skipped++; break;
                    default: failed++; break;
                }
            }
            if (page.Count < PageSize || progress == 0) break;
        }
        var report = new SweepReport(queries, moved, skipped, failed);
        LogRun(log, moved, skipped, failed, queries);
        return report;
    }

    /// <returns>true when moved, false when the rule no longer held (another writer won), null on a store fault.</returns>
    private async Task<bool?> MoveAsync(Candidate c, DateOnly today, string day, DateTimeOffset now, CancellationToken ct)
    {
        ReceivableStatus next;
        string condition;
        PatchOperation? amountToPay = null;
        if (c.Type == ReceivableType.Invoice && InvoiceAccount.IsOverdue(c.Status, c.DueDate, today))
        {
            next = ReceivableStatus.Overdue;
            condition = $"FROM c WHERE c.status = '{c.Status.Wire()}' AND c.due_date < '{day}'";
            if (c.AmountDue is { } due)
            {
                // amount_to_pay was computed when the invoice last changed, with that day's early-payment discount, which
                // a term shorter than the final one no longer gives today (spec 5.8): it is computed again for today, from
                // the amount due the query saw, so the patch applies only while that still holds.
                condition += $" AND c.amount_due = {due.ToString(CultureInfo.InvariantCulture)}";
                amountToPay = PatchOperation.Set("/amount_to_pay", ReceivableOperations.AmountToPayOf(due, c.IssueDate, c.PaymentTerms, today));
            }
        }
        else if (c.Type == ReceivableType.Quote && QuoteRules.IsExpired(c.Status, c.ExpiryDate, today))
        {
            next = ReceivableStatus.Expired;
            condition = $"FROM c WHERE c.status = 'issued' AND c.expiry_date < '{day}'";
        }
        else
        {
            return false;
        }

        var operations = new List<PatchOperation>
        {
            PatchOperation.Set("/status", next.Wire()),
            PatchOperation.Set("/updated_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
        };
        if (amountToPay is not null) operations.Add(amountToPay);
        var receivable = new HistoryTarget(c.Id, c.EntityId);
        try
        {
            await store.CommitAsync(c.EntityId,
            [
                new PatchWrite(c.Id, Receivable.ResourceName,
                    operations, condition),
                // The event shows the PDF current then (spec 3.15 current_pdf_url): an issued document has at least revision 1.
                new CreateWrite(ReceivableHistoryRecord.StatusChanged(receivable, c.Status, next, null, now, pdfRevision: Math.Max(1, c.Pdf?.Current ?? 0))),
            ], ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
        catch (Exception e) when (e is CosmosException or StoreUnavailableException or HttpRequestException)
        {
            LogFailed(log, e, c.Id);
            return null;
        }
    }

    /// <summary>The receivable a history event is about, by id (the sweep never reads the whole document).</summary>
    private sealed class HistoryTarget : StoredDocument
    {
        [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
        public HistoryTarget(string id, Guid entityId)
        {
            Id = id;
            EntityId = entityId;
            Resource = Receivable.ResourceName;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Due-date sweep: {Moved} moved, {Skipped} skipped, {Failed} failed, {Queries} query pages")]
    private static partial void LogRun(ILogger logger, int moved, int skipped, int failed, int queries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due-date sweep could not move {Id}; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string id);
}
